#include "sim/import.h"
bool import_mermaid(const char *data, size_t len, ImportResult *r, DiagList *d) { (void)data; (void)len; (void)r; diag_add(d, "", "mermaid: not yet"); return false; }
