#include "sim/import.h"
#include "sim/util.h"
char *export_drawio(const Model *m) { (void)m; return xstrdup(""); }
bool import_drawio(const char *data, size_t len, ImportResult *r, DiagList *d) { (void)data; (void)len; (void)r; diag_add(d, "", "draw.io: not yet"); return false; }
