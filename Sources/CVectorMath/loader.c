#define _GNU_SOURCE
#include "CVectorMath.h"

#include <dlfcn.h>

const char *nd_symbol_library(const void *address) {
    Dl_info info;
    if (address == 0 || dladdr(address, &info) == 0) return 0;
    return info.dli_fname;
}
