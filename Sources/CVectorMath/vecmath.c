#include "internal.h"

#include <dlfcn.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* Dispatch between libmvec's AVX-512 and AVX2 functions (called through vector_calls.S), the
   AVX kernels of simd_kernels.c and scalar libm. This file is compiled for the baseline CPU, so
   nothing here may use AVX: it only picks, pads and copies. */

/* libmvec's entry points per path (the vector function ABI's names: 'd' AVX2, 'e' AVX-512,
   then the lane count), in the order of nd_math_function. */
static const char *const names_f64[3][ND_MATH_COUNT] = {
    [ND_PATH_AVX2] = {"_ZGVdN4v_exp", "_ZGVdN4v_log", "_ZGVdN4v_log2", "_ZGVdN4v_log10", "_ZGVdN4v_sin",
                      "_ZGVdN4v_cos", "_ZGVdN4v_tan", "_ZGVdN4v_asin", "_ZGVdN4v_acos", "_ZGVdN4v_atan",
                      "_ZGVdN4v_erf"},
    [ND_PATH_AVX512] = {"_ZGVeN8v_exp", "_ZGVeN8v_log", "_ZGVeN8v_log2", "_ZGVeN8v_log10", "_ZGVeN8v_sin",
                        "_ZGVeN8v_cos", "_ZGVeN8v_tan", "_ZGVeN8v_asin", "_ZGVeN8v_acos", "_ZGVeN8v_atan",
                        "_ZGVeN8v_erf"},
};
static const char *const names_f32[3][ND_MATH_COUNT] = {
    [ND_PATH_AVX2] = {"_ZGVdN8v_expf", "_ZGVdN8v_logf", "_ZGVdN8v_log2f", "_ZGVdN8v_log10f", "_ZGVdN8v_sinf",
                      "_ZGVdN8v_cosf", "_ZGVdN8v_tanf", "_ZGVdN8v_asinf", "_ZGVdN8v_acosf", "_ZGVdN8v_atanf",
                      "_ZGVdN8v_erff"},
    [ND_PATH_AVX512] = {"_ZGVeN16v_expf", "_ZGVeN16v_logf", "_ZGVeN16v_log2f", "_ZGVeN16v_log10f",
                        "_ZGVeN16v_sinf", "_ZGVeN16v_cosf", "_ZGVeN16v_tanf", "_ZGVeN16v_asinf",
                        "_ZGVeN16v_acosf", "_ZGVeN16v_atanf", "_ZGVeN16v_erff"},
};
static const char *const names_pow_f64[3] = {[ND_PATH_AVX2] = "_ZGVdN4vv_pow", [ND_PATH_AVX512] = "_ZGVeN8vv_pow"};
static const char *const names_pow_f32[3] = {[ND_PATH_AVX2] = "_ZGVdN8vv_powf", [ND_PATH_AVX512] = "_ZGVeN16vv_powf"};

static void *table_f64[3][ND_MATH_COUNT];
static void *table_f32[3][ND_MATH_COUNT];
static void *pow_f64[3];
static void *pow_f32[3];
static nd_vector_path widest;
static nd_vector_path in_use;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

/* Whether every entry point of `path` resolves in `lib` (filling the tables). */
static int resolve(void *lib, nd_vector_path path) {
    for (int f = 0; f < ND_MATH_COUNT; f++) {
        table_f64[path][f] = dlsym(lib, names_f64[path][f]);
        table_f32[path][f] = dlsym(lib, names_f32[path][f]);
        if (!table_f64[path][f] || !table_f32[path][f]) return 0;
    }
    pow_f64[path] = dlsym(lib, names_pow_f64[path]);
    pow_f32[path] = dlsym(lib, names_pow_f32[path]);
    return pow_f64[path] && pow_f32[path];
}

static void load(void) {
    widest = ND_PATH_SCALAR;
#if ND_HAVE_X86_KERNELS
    nd_vector_path cpu = nd_cpu_widest_path();
    void *lib = cpu == ND_PATH_SCALAR ? 0 : dlopen("libmvec.so.1", RTLD_NOW | RTLD_LOCAL);
    if (lib && resolve(lib, ND_PATH_AVX2)) {
        widest = ND_PATH_AVX2;
        if (cpu == ND_PATH_AVX512 && resolve(lib, ND_PATH_AVX512)) widest = ND_PATH_AVX512;
    }
#endif
    in_use = nd_vector_path_choose(getenv("NDARRAYS_VECTOR_WIDTH"), widest, 0);
}

nd_vector_path nd_vector_path_choose(const char *request, nd_vector_path available, int *recognized) {
    static const char *const names[3] = {"scalar", "avx2", "avx512"};
    for (int p = 0; request && p < 3; p++) {
        if (strcmp(request, names[p]) != 0) continue;
        if (recognized) *recognized = 1;
        return (nd_vector_path)p < available ? (nd_vector_path)p : available;
    }
    if (recognized) *recognized = 0;
    return available;
}

nd_vector_path nd_vector_path_widest(void) {
    pthread_once(&load_once, load);
    return widest;
}

nd_vector_path nd_vector_path_in_use(void) {
    pthread_once(&load_once, load);
    return in_use;
}

int nd_math_uses_libmvec(void) { return nd_vector_path_in_use() != ND_PATH_SCALAR; }

/* `path` narrowed to what this machine supports, so that no caller can reach unsupported code. */
nd_vector_path nd_usable_path(nd_vector_path path) {
    nd_vector_path w = nd_vector_path_widest();
    return path < w ? path : w;
}

#if ND_HAVE_X86_KERNELS
/* y[i] = fn(x[i]) with `size`-byte elements, whole vectors first, then the tail padded with its
   own first element through one more call of the same function. */
static void map(nd_vector_path path, const void *fn, const char *x, char *y, long n, size_t size) {
    size_t bytes = path == ND_PATH_AVX512 ? 64 : 32;
    long lanes = (long)(bytes / size);
    void (*run)(const void *, const void *, void *, long) =
        path == ND_PATH_AVX512 ? nd_vector_map_512 : nd_vector_map_256;
    long blocks = n / lanes, done = blocks * lanes, rest = n - done;
    run(fn, x, y, blocks);
    if (rest == 0) return;
    char in[64], out[64];
    for (long k = 0; k < lanes; k++) memcpy(in + k * size, x + (done + (k < rest ? k : 0)) * size, size);
    run(fn, in, out, 1);
    memcpy(y + done * size, out, (size_t)rest * size);
}

/* out[i] = fn(x[i * xs], y[i * ys]) with strides 0 or 1: a broadcast operand is one vector of
   copies, read once, that does not advance; the tail is padded as in map. */
static void map2(nd_vector_path path, const void *fn, const char *x, long xs, const char *y, long ys, char *out,
                 long n, size_t size) {
    if (n <= 0) return;
    size_t bytes = path == ND_PATH_AVX512 ? 64 : 32;
    long lanes = (long)(bytes / size);
    void (*run)(const void *, const void *, long, const void *, long, void *, long) =
        path == ND_PATH_AVX512 ? nd_vector_map2_512 : nd_vector_map2_256;
    char bx[64], by[64];
    for (long k = 0; k < lanes; k++) {
        memcpy(bx + k * size, x, size);
        memcpy(by + k * size, y, size);
    }
    long blocks = n / lanes, done = blocks * lanes, rest = n - done;
    run(fn, xs ? x : bx, xs ? (long)bytes : 0, ys ? y : by, ys ? (long)bytes : 0, out, blocks);
    if (rest == 0) return;
    char a[64], b[64], r[64];
    for (long k = 0; k < lanes; k++) {
        long j = done + (k < rest ? k : 0);
        memcpy(a + k * size, xs ? x + j * (long)size : bx, size);
        memcpy(b + k * size, ys ? y + j * (long)size : by, size);
    }
    run(fn, a, 0, b, 0, r, 1);
    memcpy(out + done * size, r, (size_t)rest * size);
}
#endif

static double scalar_f64(nd_math_function f, double x) {
    switch (f) {
    case ND_MATH_EXP: return exp(x);
    case ND_MATH_LOG: return log(x);
    case ND_MATH_LOG2: return log2(x);
    case ND_MATH_LOG10: return log10(x);
    case ND_MATH_SIN: return sin(x);
    case ND_MATH_COS: return cos(x);
    case ND_MATH_TAN: return tan(x);
    case ND_MATH_ASIN: return asin(x);
    case ND_MATH_ACOS: return acos(x);
    case ND_MATH_ATAN: return atan(x);
    case ND_MATH_ERF: return erf(x);
    default: return NAN;
    }
}

static float scalar_f32(nd_math_function f, float x) {
    switch (f) {
    case ND_MATH_EXP: return expf(x);
    case ND_MATH_LOG: return logf(x);
    case ND_MATH_LOG2: return log2f(x);
    case ND_MATH_LOG10: return log10f(x);
    case ND_MATH_SIN: return sinf(x);
    case ND_MATH_COS: return cosf(x);
    case ND_MATH_TAN: return tanf(x);
    case ND_MATH_ASIN: return asinf(x);
    case ND_MATH_ACOS: return acosf(x);
    case ND_MATH_ATAN: return atanf(x);
    case ND_MATH_ERF: return erff(x);
    default: return NAN;
    }
}

void nd_math_path_f64(nd_vector_path path, nd_math_function f, const double *x, double *y, long n) {
    path = nd_usable_path(path);
#if ND_HAVE_X86_KERNELS
    if (path != ND_PATH_SCALAR) {
        map(path, table_f64[path][f], (const char *)x, (char *)y, n, sizeof(double));
        return;
    }
#endif
    for (long i = 0; i < n; i++) y[i] = scalar_f64(f, x[i]);
}

void nd_math_path_f32(nd_vector_path path, nd_math_function f, const float *x, float *y, long n) {
    path = nd_usable_path(path);
#if ND_HAVE_X86_KERNELS
    if (path != ND_PATH_SCALAR) {
        map(path, table_f32[path][f], (const char *)x, (char *)y, n, sizeof(float));
        return;
    }
#endif
    for (long i = 0; i < n; i++) y[i] = scalar_f32(f, x[i]);
}

void nd_math_f64(nd_math_function f, const double *x, double *y, long n) {
    nd_math_path_f64(nd_vector_path_in_use(), f, x, y, n);
}

void nd_math_f32(nd_math_function f, const float *x, float *y, long n) {
    nd_math_path_f32(nd_vector_path_in_use(), f, x, y, n);
}

void nd_pow_path_f64(nd_vector_path path, const double *x, long xs, const double *y, long ys, double *out, long n) {
    path = nd_usable_path(path);
#if ND_HAVE_X86_KERNELS
    if (path != ND_PATH_SCALAR) {
        map2(path, pow_f64[path], (const char *)x, xs, (const char *)y, ys, (char *)out, n, sizeof(double));
        return;
    }
#endif
    for (long i = 0; i < n; i++) out[i] = pow(x[i * xs], y[i * ys]);
}

void nd_pow_path_f32(nd_vector_path path, const float *x, long xs, const float *y, long ys, float *out, long n) {
    path = nd_usable_path(path);
#if ND_HAVE_X86_KERNELS
    if (path != ND_PATH_SCALAR) {
        map2(path, pow_f32[path], (const char *)x, xs, (const char *)y, ys, (char *)out, n, sizeof(float));
        return;
    }
#endif
    for (long i = 0; i < n; i++) out[i] = powf(x[i * xs], y[i * ys]);
}

void nd_pow_f64(const double *x, long xs, const double *y, long ys, double *out, long n) {
    nd_pow_path_f64(nd_vector_path_in_use(), x, xs, y, ys, out, n);
}

void nd_pow_f32(const float *x, long xs, const float *y, long ys, float *out, long n) {
    nd_pow_path_f32(nd_vector_path_in_use(), x, xs, y, ys, out, n);
}

void nd_sqrt_path_f64(nd_vector_path path, const double *x, double *y, long n) {
    path = nd_usable_path(path);
#if ND_HAVE_X86_KERNELS
    if (path == ND_PATH_AVX512) {
        nd_avx512_sqrt_f64(x, y, n);
        return;
    }
    if (path == ND_PATH_AVX2) {
        nd_avx2_sqrt_f64(x, y, n);
        return;
    }
#endif
    for (long i = 0; i < n; i++) y[i] = sqrt(x[i]);
}

void nd_sqrt_path_f32(nd_vector_path path, const float *x, float *y, long n) {
    path = nd_usable_path(path);
#if ND_HAVE_X86_KERNELS
    if (path == ND_PATH_AVX512) {
        nd_avx512_sqrt_f32(x, y, n);
        return;
    }
    if (path == ND_PATH_AVX2) {
        nd_avx2_sqrt_f32(x, y, n);
        return;
    }
#endif
    for (long i = 0; i < n; i++) y[i] = sqrtf(x[i]);
}

void nd_sqrt_f64(const double *x, double *y, long n) { nd_sqrt_path_f64(nd_vector_path_in_use(), x, y, n); }

void nd_sqrt_f32(const float *x, float *y, long n) { nd_sqrt_path_f32(nd_vector_path_in_use(), x, y, n); }

/* Outputs of at least 4 MiB per call go around the cache, with 256-bit stores on both vector
   paths: the loop is bound by memory, not by the width of the arithmetic. */
static const long stream_threshold = 4L << 20;

int nd_stream_f64(int op, const double *a, long as, const double *b, long bs, double *out, long n) {
#if ND_HAVE_X86_KERNELS
    if (n * (long)sizeof(double) >= stream_threshold && nd_vector_path_in_use() != ND_PATH_SCALAR) {
        nd_avx2_stream_f64(op, a, as, b, bs, out, n);
        return 1;
    }
#endif
    return 0;
}

int nd_stream_f32(int op, const float *a, long as, const float *b, long bs, float *out, long n) {
#if ND_HAVE_X86_KERNELS
    if (n * (long)sizeof(float) >= stream_threshold && nd_vector_path_in_use() != ND_PATH_SCALAR) {
        nd_avx2_stream_f32(op, a, as, b, bs, out, n);
        return 1;
    }
#endif
    return 0;
}
