#include "CVectorMath.h"

#include <CVectorMathAVX2.h>
#include <dlfcn.h>
#include <math.h>
#include <pthread.h>

/* Dispatch between libmvec's AVX2 functions (through CVectorMathAVX2) and scalar libm. This file
   is compiled for the baseline CPU, so nothing here may use AVX. */

static const char *const names_f64[ND_MATH_COUNT] = {
    "_ZGVdN4v_exp", "_ZGVdN4v_log", "_ZGVdN4v_log2", "_ZGVdN4v_log10",
    "_ZGVdN4v_sin", "_ZGVdN4v_cos", "_ZGVdN4v_tan", "_ZGVdN4v_asin",
    "_ZGVdN4v_acos", "_ZGVdN4v_atan", "_ZGVdN4v_erf",
};
static const char *const names_f32[ND_MATH_COUNT] = {
    "_ZGVdN8v_expf", "_ZGVdN8v_logf", "_ZGVdN8v_log2f", "_ZGVdN8v_log10f",
    "_ZGVdN8v_sinf", "_ZGVdN8v_cosf", "_ZGVdN8v_tanf", "_ZGVdN8v_asinf",
    "_ZGVdN8v_acosf", "_ZGVdN8v_atanf", "_ZGVdN8v_erff",
};

static void *table_f64[ND_MATH_COUNT];
static void *table_f32[ND_MATH_COUNT];
static void *pow_f64;
static void *pow_f32;
static int uses_libmvec;
static int has_avx2;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
    __builtin_cpu_init();
    has_avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    if (!has_avx2) return;
    void *lib = dlopen("libmvec.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return;
    for (int f = 0; f < ND_MATH_COUNT; f++) {
        table_f64[f] = dlsym(lib, names_f64[f]);
        table_f32[f] = dlsym(lib, names_f32[f]);
        if (!table_f64[f] || !table_f32[f]) return;
    }
    pow_f64 = dlsym(lib, "_ZGVdN4vv_pow");
    pow_f32 = dlsym(lib, "_ZGVdN8vv_powf");
    if (!pow_f64 || !pow_f32) return;
    uses_libmvec = 1;
}

int nd_math_uses_libmvec(void) {
    pthread_once(&load_once, load);
    return uses_libmvec;
}

static int uses_avx2(void) {
    pthread_once(&load_once, load);
    return has_avx2;
}

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

void nd_math_f64(nd_math_function f, const double *x, double *y, long n) {
    if (nd_math_uses_libmvec()) {
        nd_avx2_map_f64(table_f64[f], x, y, n);
        return;
    }
    for (long i = 0; i < n; i++) y[i] = scalar_f64(f, x[i]);
}

void nd_math_f32(nd_math_function f, const float *x, float *y, long n) {
    if (nd_math_uses_libmvec()) {
        nd_avx2_map_f32(table_f32[f], x, y, n);
        return;
    }
    for (long i = 0; i < n; i++) y[i] = scalar_f32(f, x[i]);
}

void nd_pow_f64(const double *x, long xs, const double *y, long ys, double *out, long n) {
    if (nd_math_uses_libmvec()) {
        nd_avx2_map2_f64(pow_f64, x, xs, y, ys, out, n);
        return;
    }
    for (long i = 0; i < n; i++) out[i] = pow(x[i * xs], y[i * ys]);
}

void nd_pow_f32(const float *x, long xs, const float *y, long ys, float *out, long n) {
    if (nd_math_uses_libmvec()) {
        nd_avx2_map2_f32(pow_f32, x, xs, y, ys, out, n);
        return;
    }
    for (long i = 0; i < n; i++) out[i] = powf(x[i * xs], y[i * ys]);
}

void nd_sqrt_f64(const double *x, double *y, long n) {
    if (uses_avx2()) {
        nd_avx2_sqrt_f64(x, y, n);
        return;
    }
    for (long i = 0; i < n; i++) y[i] = sqrt(x[i]);
}

void nd_sqrt_f32(const float *x, float *y, long n) {
    if (uses_avx2()) {
        nd_avx2_sqrt_f32(x, y, n);
        return;
    }
    for (long i = 0; i < n; i++) y[i] = sqrtf(x[i]);
}

/* Outputs of at least 4 MiB per call go around the cache. */
static const long stream_threshold = 4L << 20;

int nd_stream_f64(int op, const double *a, long as, const double *b, long bs, double *out, long n) {
    if (n * (long)sizeof(double) < stream_threshold || !uses_avx2()) return 0;
    nd_avx2_stream_f64(op, a, as, b, bs, out, n);
    return 1;
}

int nd_stream_f32(int op, const float *a, long as, const float *b, long bs, float *out, long n) {
    if (n * (long)sizeof(float) < stream_threshold || !uses_avx2()) return 0;
    nd_avx2_stream_f32(op, a, as, b, bs, out, n);
    return 1;
}
