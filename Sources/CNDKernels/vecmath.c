#include "CNDKernels.h"

#include <dlfcn.h>
#include <immintrin.h>
#include <math.h>
#include <pthread.h>
#include <string.h>

typedef __m256d (*vec_f64)(__m256d);
typedef __m256 (*vec_f32)(__m256);
typedef __m256d (*vec2_f64)(__m256d, __m256d);
typedef __m256 (*vec2_f32)(__m256, __m256);

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

static vec_f64 table_f64[ND_MATH_COUNT];
static vec_f32 table_f32[ND_MATH_COUNT];
static vec2_f64 pow_f64;
static vec2_f32 pow_f32;
static int uses_libmvec;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load_libmvec(void) {
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) return;
    void *lib = dlopen("libmvec.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return;
    for (int f = 0; f < ND_MATH_COUNT; f++) {
        table_f64[f] = (vec_f64)dlsym(lib, names_f64[f]);
        table_f32[f] = (vec_f32)dlsym(lib, names_f32[f]);
        if (!table_f64[f] || !table_f32[f]) return;
    }
    pow_f64 = (vec2_f64)dlsym(lib, "_ZGVdN4vv_pow");
    pow_f32 = (vec2_f32)dlsym(lib, "_ZGVdN8vv_powf");
    if (!pow_f64 || !pow_f32) return;
    uses_libmvec = 1;
}

int nd_math_uses_libmvec(void) {
    pthread_once(&load_once, load_libmvec);
    return uses_libmvec;
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

/* The tail is padded with its own first element and run through the same vector function, so a
   value's result does not depend on its position. */
__attribute__((target("avx2,fma"))) static void
run_f64(vec_f64 fn, const double *x, double *y, long n) {
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256d a = fn(_mm256_loadu_pd(x + i));
        __m256d b = fn(_mm256_loadu_pd(x + i + 4));
        _mm256_storeu_pd(y + i, a);
        _mm256_storeu_pd(y + i + 4, b);
    }
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, fn(_mm256_loadu_pd(x + i)));
    if (i < n) {
        double buf[4];
        long r = n - i;
        for (long k = 0; k < 4; k++) buf[k] = x[i + (k < r ? k : 0)];
        _mm256_storeu_pd(buf, fn(_mm256_loadu_pd(buf)));
        memcpy(y + i, buf, (size_t)r * sizeof(double));
    }
}

__attribute__((target("avx2,fma"))) static void
run_f32(vec_f32 fn, const float *x, float *y, long n) {
    long i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, fn(_mm256_loadu_ps(x + i)));
    if (i < n) {
        float buf[8];
        long r = n - i;
        for (long k = 0; k < 8; k++) buf[k] = x[i + (k < r ? k : 0)];
        _mm256_storeu_ps(buf, fn(_mm256_loadu_ps(buf)));
        memcpy(y + i, buf, (size_t)r * sizeof(float));
    }
}

void nd_math_f64(nd_math_function f, const double *x, double *y, long n) {
    if (nd_math_uses_libmvec()) {
        run_f64(table_f64[f], x, y, n);
        return;
    }
    for (long i = 0; i < n; i++) y[i] = scalar_f64(f, x[i]);
}

void nd_math_f32(nd_math_function f, const float *x, float *y, long n) {
    if (nd_math_uses_libmvec()) {
        run_f32(table_f32[f], x, y, n);
        return;
    }
    for (long i = 0; i < n; i++) y[i] = scalar_f32(f, x[i]);
}

__attribute__((target("avx2,fma"))) static void
run_pow_f64(const double *x, long xs, const double *y, long ys, double *out, long n) {
    for (long i = 0; i < n; i += 4) {
        double a[4], b[4], r[4];
        long m = n - i < 4 ? n - i : 4;
        for (long k = 0; k < 4; k++) {
            long j = i + (k < m ? k : 0);
            a[k] = x[j * xs];
            b[k] = y[j * ys];
        }
        _mm256_storeu_pd(r, pow_f64(_mm256_loadu_pd(a), _mm256_loadu_pd(b)));
        memcpy(out + i, r, (size_t)m * sizeof(double));
    }
}

__attribute__((target("avx2,fma"))) static void
run_pow_f32(const float *x, long xs, const float *y, long ys, float *out, long n) {
    for (long i = 0; i < n; i += 8) {
        float a[8], b[8], r[8];
        long m = n - i < 8 ? n - i : 8;
        for (long k = 0; k < 8; k++) {
            long j = i + (k < m ? k : 0);
            a[k] = x[j * xs];
            b[k] = y[j * ys];
        }
        _mm256_storeu_ps(r, pow_f32(_mm256_loadu_ps(a), _mm256_loadu_ps(b)));
        memcpy(out + i, r, (size_t)m * sizeof(float));
    }
}

void nd_pow_f64(const double *x, long xs, const double *y, long ys, double *out, long n) {
    if (nd_math_uses_libmvec()) {
        run_pow_f64(x, xs, y, ys, out, n);
        return;
    }
    for (long i = 0; i < n; i++) out[i] = pow(x[i * xs], y[i * ys]);
}

void nd_pow_f32(const float *x, long xs, const float *y, long ys, float *out, long n) {
    if (nd_math_uses_libmvec()) {
        run_pow_f32(x, xs, y, ys, out, n);
        return;
    }
    for (long i = 0; i < n; i++) out[i] = powf(x[i * xs], y[i * ys]);
}

/* Square roots are exact in IEEE arithmetic, so the AVX and scalar paths give the same bits. */
__attribute__((target("avx"))) static void sqrt_avx_f64(const double *x, double *y, long n) {
    long i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, _mm256_sqrt_pd(_mm256_loadu_pd(x + i)));
    for (; i < n; i++) y[i] = __builtin_sqrt(x[i]);
}

__attribute__((target("avx"))) static void sqrt_avx_f32(const float *x, float *y, long n) {
    long i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, _mm256_sqrt_ps(_mm256_loadu_ps(x + i)));
    for (; i < n; i++) y[i] = __builtin_sqrtf(x[i]);
}

static int has_avx(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx");
}

void nd_sqrt_f64(const double *x, double *y, long n) {
    if (has_avx()) {
        sqrt_avx_f64(x, y, n);
        return;
    }
    for (long i = 0; i < n; i++) y[i] = sqrt(x[i]);
}

void nd_sqrt_f32(const float *x, float *y, long n) {
    if (has_avx()) {
        sqrt_avx_f32(x, y, n);
        return;
    }
    for (long i = 0; i < n; i++) y[i] = sqrtf(x[i]);
}
