/*
 * tr.h - marks a string a person reads for translation, GNU gettext style.
 *
 *     _("Run")                 the text in the user's language ("archsim" catalogue;
 *                              the English text itself when there is no catalogue)
 *     N_("Run")                marks a string in a static table; translate it with _()
 *                              where it is shown
 *     P_("%d server", "%d servers", n)   the plural form n takes
 *
 * glibc's dgettext keeps printf format checking (format_arg), so
 * printf(_("%d servers"), n) is still checked by the compiler.
 */
#ifndef SIM_TR_H
#define SIM_TR_H

#include <libintl.h>

#define ARCHSIM_TEXTDOMAIN "archsim"
#define _(s) dgettext(ARCHSIM_TEXTDOMAIN, s)
#define N_(s) s
#define P_(one, many, n) dngettext(ARCHSIM_TEXTDOMAIN, one, many, (unsigned long)(n))

#endif /* SIM_TR_H */
