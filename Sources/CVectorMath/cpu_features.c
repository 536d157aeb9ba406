#include "internal.h"

#if defined(__x86_64__)
#include <cpuid.h>

/* Bits of XCR0: the register state the OS saves on a context switch. */
enum {
    XCR0_SSE_AVX = (1u << 1) | (1u << 2),                      /* xmm, upper halves of ymm */
    XCR0_AVX512 = XCR0_SSE_AVX | (1u << 5) | (1u << 6) | (1u << 7), /* + opmask, zmm0-15 high, zmm16-31 */
};

static unsigned long long read_xcr0(void) {
    unsigned eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return ((unsigned long long)edx << 32) | eax;
}

nd_vector_path nd_cpu_widest_path(void) {
    unsigned eax, ebx, ecx, edx;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return ND_PATH_SCALAR;
    /* xgetbv exists only where OSXSAVE is set. */
    if (!(ecx & bit_OSXSAVE) || !(ecx & bit_AVX) || !(ecx & bit_FMA)) return ND_PATH_SCALAR;
    unsigned long long xcr0 = read_xcr0();
    if ((xcr0 & XCR0_SSE_AVX) != XCR0_SSE_AVX) return ND_PATH_SCALAR;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx) || !(ebx & bit_AVX2)) return ND_PATH_SCALAR;
    if ((ebx & bit_AVX512F) && (xcr0 & XCR0_AVX512) == XCR0_AVX512) return ND_PATH_AVX512;
    return ND_PATH_AVX2;
}
#else
nd_vector_path nd_cpu_widest_path(void) { return ND_PATH_SCALAR; }
#endif
