#include <stdio.h>
#include "sim/model.h"
int main(void) { printf("archsim-cli %s\n", ARCHSIM_VERSION); return 0; }
