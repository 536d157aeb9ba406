// What the double's NVRTC puts around a program's source: a prelude that makes CUDA C compile as
// host C++ (built-ins, math, atomics, the launch trampolines' templates), and after the source,
// per entry point, the trampolines the double calls. Self-contained: it declares the libm
// functions it needs and includes no header, so it compiles wherever clang exists.
#include "compiler.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char prelude[] =
    "#define __global__\n"
    "#define __device__\n"
    "#define __host__\n"
    "#define __forceinline__ __attribute__((always_inline)) inline\n"
    "#define __noinline__ __attribute__((noinline))\n"
    "#define __shared__ static __attribute__((section(\"bach_shared\")))\n"
    "#define __launch_bounds__(...)\n"
    "#define __CUDACC__ 1\n"
    "#define __CUDACC_RTC__ 1\n"
    "typedef __SIZE_TYPE__ size_t;\n"
    "struct uint3 { unsigned int x, y, z; };\n"
    "struct dim3 { unsigned int x, y, z; };\n"
    "struct bach_launch;\n"
    "struct bach_runtime {\n"
    "  unsigned int version;\n"
    "  void (*barrier)(void);\n"
    "  void (*run_block)(unsigned int, void (*)(const bach_launch *, unsigned int), const bach_launch *);\n"
    "};\n"
    "struct bach_launch { unsigned int grid[3], block[3]; const char *arguments; const bach_runtime *runtime; };\n"
    "static const bach_runtime *bach_runtime_table;\n"
    "static uint3 threadIdx, blockIdx;\n"
    "static dim3 blockDim, gridDim;\n"
    "static const int warpSize = 32;\n"
    // Threads of a block run one at a time, switching only here, so each restores its own index.
    "static inline void __syncthreads() { uint3 t = threadIdx; bach_runtime_table->barrier(); threadIdx = t; }\n"
    "static inline void __trap() { __builtin_trap(); }\n"
    "static __forceinline__ double __longlong_as_double(long long x) { return __builtin_bit_cast(double, x); }\n"
    "static __forceinline__ long long __double_as_longlong(double x) { return __builtin_bit_cast(long long, x); }\n"
    "static __forceinline__ float __int_as_float(int x) { return __builtin_bit_cast(float, x); }\n"
    "static __forceinline__ int __float_as_int(float x) { return __builtin_bit_cast(int, x); }\n"
    "static __forceinline__ float __uint_as_float(unsigned int x) { return __builtin_bit_cast(float, x); }\n"
    "static __forceinline__ unsigned int __float_as_uint(float x) { return __builtin_bit_cast(unsigned int, x); }\n"
    "#define BACH_MATH1(name) extern \"C\" double name(double); extern \"C\" float name##f(float);"
    " static __forceinline__ float name(float x) { return name##f(x); }\n"
    "#define BACH_MATH2(name) extern \"C\" double name(double, double); extern \"C\" float name##f(float, float);"
    " static __forceinline__ float name(float x, float y) { return name##f(x, y); }\n"
    "BACH_MATH1(exp) BACH_MATH1(exp2) BACH_MATH1(expm1) BACH_MATH1(log) BACH_MATH1(log2) BACH_MATH1(log10)\n"
    "BACH_MATH1(log1p) BACH_MATH1(sqrt) BACH_MATH1(cbrt) BACH_MATH1(sin) BACH_MATH1(cos) BACH_MATH1(tan)\n"
    "BACH_MATH1(asin) BACH_MATH1(acos) BACH_MATH1(atan) BACH_MATH1(sinh) BACH_MATH1(cosh) BACH_MATH1(tanh)\n"
    "BACH_MATH1(asinh) BACH_MATH1(acosh) BACH_MATH1(atanh) BACH_MATH1(erf) BACH_MATH1(erfc) BACH_MATH1(fabs)\n"
    "BACH_MATH1(floor) BACH_MATH1(ceil) BACH_MATH1(trunc) BACH_MATH1(round) BACH_MATH1(rint) BACH_MATH1(lgamma)\n"
    "BACH_MATH1(tgamma)\n"
    "BACH_MATH2(pow) BACH_MATH2(atan2) BACH_MATH2(fmod) BACH_MATH2(fmin) BACH_MATH2(fmax) BACH_MATH2(hypot)\n"
    "BACH_MATH2(copysign)\n"
    "static __forceinline__ double rsqrt(double x) { return 1.0 / sqrt(x); }\n"
    "static __forceinline__ float rsqrtf(float x) { return 1.0f / sqrtf(x); }\n"
    "static __forceinline__ bool isnan(double x) { return __builtin_isnan(x); }\n"
    "static __forceinline__ bool isinf(double x) { return __builtin_isinf(x); }\n"
    "static __forceinline__ bool isfinite(double x) { return __builtin_isfinite(x); }\n"
    "static __forceinline__ int abs(int x) { return x < 0 ? -x : x; }\n"
    "static __forceinline__ long long abs(long long x) { return x < 0 ? -x : x; }\n"
    "static __forceinline__ long long llabs(long long x) { return x < 0 ? -x : x; }\n"
    "static __forceinline__ double abs(double x) { return fabs(x); }\n"
    "static __forceinline__ float abs(float x) { return fabsf(x); }\n"
    "#define BACH_MIN_MAX(T) static __forceinline__ T min(T a, T b) { return a < b ? a : b; }"
    " static __forceinline__ T max(T a, T b) { return a > b ? a : b; }\n"
    "BACH_MIN_MAX(int) BACH_MIN_MAX(unsigned int) BACH_MIN_MAX(long long) BACH_MIN_MAX(unsigned long long)\n"
    "static __forceinline__ float min(float a, float b) { return fminf(a, b); }\n"
    "static __forceinline__ float max(float a, float b) { return fmaxf(a, b); }\n"
    "static __forceinline__ double min(double a, double b) { return fmin(a, b); }\n"
    "static __forceinline__ double max(double a, double b) { return fmax(a, b); }\n"
    // Threads never run at the same time, so an atomic is a plain read-modify-write.
    "#define BACH_ATOMICS(T) \\\n"
    "  static __forceinline__ T atomicAdd(T *p, T v) { T o = *p; *p = o + v; return o; } \\\n"
    "  static __forceinline__ T atomicSub(T *p, T v) { T o = *p; *p = o - v; return o; } \\\n"
    "  static __forceinline__ T atomicExch(T *p, T v) { T o = *p; *p = v; return o; } \\\n"
    "  static __forceinline__ T atomicMin(T *p, T v) { T o = *p; *p = v < o ? v : o; return o; } \\\n"
    "  static __forceinline__ T atomicMax(T *p, T v) { T o = *p; *p = v > o ? v : o; return o; } \\\n"
    "  static __forceinline__ T atomicCAS(T *p, T c, T v) { \\\n"
    "    T o = *p; if (__builtin_memcmp(&o, &c, sizeof(T)) == 0) *p = v; return o; }\n"
    "BACH_ATOMICS(int) BACH_ATOMICS(unsigned int) BACH_ATOMICS(long long) BACH_ATOMICS(unsigned long long)\n"
    "BACH_ATOMICS(float) BACH_ATOMICS(double)\n"
    // Launch trampolines: the parameter list (count, sizes, alignment) comes from the kernel's type.
    "template <unsigned long... I> struct bach_seq {};\n"
    "template <unsigned long N, unsigned long... I> struct bach_make_seq : bach_make_seq<N - 1, N - 1, I...> {};\n"
    "template <unsigned long... I> struct bach_make_seq<0, I...> { typedef bach_seq<I...> type; };\n"
    "template <class... A> constexpr unsigned long bach_offset(unsigned long i) {\n"
    "  constexpr unsigned long size[] = {sizeof(A)..., 0}, align[] = {alignof(A)..., 1};\n"
    "  unsigned long at = 0;\n"
    "  for (unsigned long k = 0;; k++) {\n"
    "    at = (at + align[k] - 1) / align[k] * align[k];\n"
    "    if (k == i) return at;\n"
    "    at += size[k];\n"
    "  }\n"
    "}\n"
    "template <unsigned long I, class... A> struct bach_at { static constexpr unsigned long value = bach_offset<A...>(I); };\n"
    "template <class... A> static unsigned long bach_args(void (*)(A...), unsigned long *count) {\n"
    "  *count = sizeof...(A);\n"
    "  return bach_offset<A...>(sizeof...(A));\n"
    "}\n"
    "template <class... A, unsigned long... I> static void bach_pack_seq(void *const *p, char *out, bach_seq<I...>) {\n"
    "  (__builtin_memcpy(out + bach_at<I, A...>::value, p[I], sizeof(A)), ...);\n"
    "}\n"
    "template <class... A> static void bach_pack(void (*)(A...), void *const *p, char *out) {\n"
    "  bach_pack_seq<A...>(p, out, typename bach_make_seq<sizeof...(A)>::type());\n"
    "}\n"
    "static void bach_begin(const bach_launch *l) {\n"
    "  bach_runtime_table = l->runtime;\n"
    "  blockDim = {l->block[0], l->block[1], l->block[2]};\n"
    "  gridDim = {l->grid[0], l->grid[1], l->grid[2]};\n"
    "}\n"
    // Without barriers: every block, every thread, in a plain loop; the kernel inlines into it.
    "template <auto F, class... A> static void bach_loop_values(const bach_launch *l, A... a) {\n"
    "  for (unsigned int z = 0; z < l->grid[2]; z++)\n"
    "    for (unsigned int y = 0; y < l->grid[1]; y++)\n"
    "      for (unsigned int x = 0; x < l->grid[0]; x++) {\n"
    "        blockIdx = {x, y, z};\n"
    "        for (unsigned int k = 0; k < l->block[2]; k++)\n"
    "          for (unsigned int j = 0; j < l->block[1]; j++)\n"
    "            for (unsigned int i = 0; i < l->block[0]; i++) {\n"
    "              threadIdx = {i, j, k};\n"
    "              F(a...);\n"
    "            }\n"
    "      }\n"
    "}\n"
    "template <auto F, class... A, unsigned long... I> static void bach_loop_seq(const bach_launch *l, bach_seq<I...>) {\n"
    "  bach_loop_values<F, A...>(l, *(const A *)(l->arguments + bach_at<I, A...>::value)...);\n"
    "}\n"
    "template <auto F, class... A> static void bach_loop(const bach_launch *l, void (*)(A...)) {\n"
    "  bach_begin(l);\n"
    "  bach_loop_seq<F, A...>(l, typename bach_make_seq<sizeof...(A)>::type());\n"
    "}\n"
    // With barriers: each block's threads are fibers of the double's scheduler.
    "template <auto F, class... A, unsigned long... I> static void bach_call_seq(const char *a, bach_seq<I...>) {\n"
    "  F(*(const A *)(a + bach_at<I, A...>::value)...);\n"
    "}\n"
    "template <auto F, class... A> static void bach_fiber_thread(const bach_launch *l, unsigned int t) {\n"
    "  threadIdx = {t % l->block[0], t / l->block[0] % l->block[1], t / (l->block[0] * l->block[1])};\n"
    "  bach_call_seq<F, A...>(l->arguments, typename bach_make_seq<sizeof...(A)>::type());\n"
    "}\n"
    "template <auto F, class... A> static void bach_fibers(const bach_launch *l, void (*)(A...)) {\n"
    "  bach_begin(l);\n"
    "  unsigned int n = l->block[0] * l->block[1] * l->block[2];\n"
    "  for (unsigned int z = 0; z < l->grid[2]; z++)\n"
    "    for (unsigned int y = 0; y < l->grid[1]; y++)\n"
    "      for (unsigned int x = 0; x < l->grid[0]; x++) {\n"
    "        blockIdx = {x, y, z};\n"
    "        l->runtime->run_block(n, &bach_fiber_thread<F, A...>, l);\n"
    "      }\n"
    "}\n"
    "#define BACH_EXPORT extern \"C\" __attribute__((visibility(\"default\")))\n";

// Appends `text` to the growing string `*out`; returns -1 when memory runs out.
static int append(char **out, size_t *length, const char *text) {
    size_t n = strlen(text);
    char *grown = realloc(*out, *length + n + 1);
    if (!grown) return -1;
    memcpy(grown + *length, text, n + 1);
    *out = grown;
    *length += n;
    return 0;
}

char *translation_unit(const char *source, const char *name, const struct kernel_scan *scan,
                       int architecture) {
    char *out = NULL, line[4096];
    size_t length = 0;
    snprintf(line, sizeof line, "#line 1 \"cuda-double-prelude\"\n#define __CUDA_ARCH__ %d\n",
             architecture * 10);
    int failed = append(&out, &length, line) || append(&out, &length, prelude);
    // The program's name as diagnostics show it, without characters a #line directive cannot hold.
    char file[KERNEL_NAME_LIMIT + 1];
    size_t kept = 0;
    for (const char *c = name; *c && kept < KERNEL_NAME_LIMIT; c++) {
        file[kept++] = (*c == '"' || *c == '\\' || *c == '\n') ? '_' : *c;
    }
    file[kept] = 0;
    snprintf(line, sizeof line, "#line 1 \"%s\"\n", file);
    failed = failed || append(&out, &length, line) || append(&out, &length, source) ||
             append(&out, &length, "\n#line 1 \"cuda-double-entry-points\"\n");
    for (size_t i = 0; i < scan->count && !failed; i++) {
        const char *k = scan->names[i];
        snprintf(
            line, sizeof line,
            "BACH_EXPORT unsigned long bach_args_%s(unsigned long *count) { return bach_args(%s, count); }\n"
            "BACH_EXPORT void bach_pack_%s(void *const *p, char *out) { bach_pack(%s, p, out); }\n"
            "BACH_EXPORT void bach_grid_%s(const bach_launch *l) { %s<%s>(l, %s); }\n",
            k, k, k, k, k, scan->uses_barrier ? "bach_fibers" : "bach_loop", k, k);
        failed = append(&out, &length, line);
    }
    if (failed) {
        free(out);
        return NULL;
    }
    return out;
}
