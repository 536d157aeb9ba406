#include "CVectorMathAVX2.h"

#include <immintrin.h>
#include <string.h>

typedef __m256d (*vec_f64)(__m256d);
typedef __m256 (*vec_f32)(__m256);
typedef __m256d (*vec2_f64)(__m256d, __m256d);
typedef __m256 (*vec2_f32)(__m256, __m256);

void nd_avx2_map_f64(const void *fn, const double *x, double *y, long n) {
    vec_f64 f = (vec_f64)fn;
    long i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256d a = f(_mm256_loadu_pd(x + i));
        __m256d b = f(_mm256_loadu_pd(x + i + 4));
        _mm256_storeu_pd(y + i, a);
        _mm256_storeu_pd(y + i + 4, b);
    }
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, f(_mm256_loadu_pd(x + i)));
    if (i < n) {
        double buf[4];
        long r = n - i;
        for (long k = 0; k < 4; k++) buf[k] = x[i + (k < r ? k : 0)];
        _mm256_storeu_pd(buf, f(_mm256_loadu_pd(buf)));
        memcpy(y + i, buf, (size_t)r * sizeof(double));
    }
}

void nd_avx2_map_f32(const void *fn, const float *x, float *y, long n) {
    vec_f32 f = (vec_f32)fn;
    long i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, f(_mm256_loadu_ps(x + i)));
    if (i < n) {
        float buf[8];
        long r = n - i;
        for (long k = 0; k < 8; k++) buf[k] = x[i + (k < r ? k : 0)];
        _mm256_storeu_ps(buf, f(_mm256_loadu_ps(buf)));
        memcpy(y + i, buf, (size_t)r * sizeof(float));
    }
}

void nd_avx2_map2_f64(const void *fn, const double *x, long xs, const double *y, long ys, double *out, long n) {
    vec2_f64 f = (vec2_f64)fn;
    long i = 0;
    if (xs == 1 && ys == 1) {
        for (; i + 4 <= n; i += 4) _mm256_storeu_pd(out + i, f(_mm256_loadu_pd(x + i), _mm256_loadu_pd(y + i)));
    }
    for (; i < n; i += 4) {
        double a[4], b[4], r[4];
        long m = n - i < 4 ? n - i : 4;
        for (long k = 0; k < 4; k++) {
            long j = i + (k < m ? k : 0);
            a[k] = x[j * xs];
            b[k] = y[j * ys];
        }
        _mm256_storeu_pd(r, f(_mm256_loadu_pd(a), _mm256_loadu_pd(b)));
        memcpy(out + i, r, (size_t)m * sizeof(double));
    }
}

void nd_avx2_map2_f32(const void *fn, const float *x, long xs, const float *y, long ys, float *out, long n) {
    vec2_f32 f = (vec2_f32)fn;
    long i = 0;
    if (xs == 1 && ys == 1) {
        for (; i + 8 <= n; i += 8) _mm256_storeu_ps(out + i, f(_mm256_loadu_ps(x + i), _mm256_loadu_ps(y + i)));
    }
    for (; i < n; i += 8) {
        float a[8], b[8], r[8];
        long m = n - i < 8 ? n - i : 8;
        for (long k = 0; k < 8; k++) {
            long j = i + (k < m ? k : 0);
            a[k] = x[j * xs];
            b[k] = y[j * ys];
        }
        _mm256_storeu_ps(r, f(_mm256_loadu_ps(a), _mm256_loadu_ps(b)));
        memcpy(out + i, r, (size_t)m * sizeof(float));
    }
}

void nd_avx2_sqrt_f64(const double *x, double *y, long n) {
    long i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, _mm256_sqrt_pd(_mm256_loadu_pd(x + i)));
    for (; i < n; i++) y[i] = __builtin_sqrt(x[i]);
}

void nd_avx2_sqrt_f32(const float *x, float *y, long n) {
    long i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, _mm256_sqrt_ps(_mm256_loadu_ps(x + i)));
    for (; i < n; i++) y[i] = __builtin_sqrtf(x[i]);
}

/* out[i] = a[i*as] op b[i*bs] with non-temporal stores (strides 0 or 1): for outputs too large to
   stay in cache, writing around the cache saves the read-for-ownership of every output line. */
#define STREAM_LOOP(T, V, LOAD, SET1, STREAM, ADD, SUB, MUL, DIV, WIDTH)                           \
    long i = 0;                                                                                  \
    for (; i < n && ((unsigned long)(out + i) & 31) != 0; i++) out[i] = scalar(op, a[i * as], b[i * bs]); \
    V sa = SET1(a[0]), sb = SET1(b[0]);                                                          \
    for (; i + WIDTH <= n; i += WIDTH) {                                                         \
        V x = as ? LOAD(a + i) : sa;                                                             \
        V y = bs ? LOAD(b + i) : sb;                                                             \
        V r = op == 0 ? ADD(x, y) : op == 1 ? SUB(x, y) : op == 2 ? MUL(x, y) : DIV(x, y);       \
        STREAM(out + i, r);                                                                      \
    }                                                                                            \
    _mm_sfence();                                                                                \
    for (; i < n; i++) out[i] = scalar(op, a[i * as], b[i * bs]);

static inline double scalar_f64(int op, double x, double y) {
    return op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : x / y;
}

static inline float scalar_f32(int op, float x, float y) {
    return op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : x / y;
}

void nd_avx2_stream_f64(int op, const double *a, long as, const double *b, long bs, double *out, long n) {
#define scalar scalar_f64
    STREAM_LOOP(double, __m256d, _mm256_loadu_pd, _mm256_set1_pd, _mm256_stream_pd, _mm256_add_pd, _mm256_sub_pd,
                _mm256_mul_pd, _mm256_div_pd, 4)
#undef scalar
}

void nd_avx2_stream_f32(int op, const float *a, long as, const float *b, long bs, float *out, long n) {
#define scalar scalar_f32
    STREAM_LOOP(float, __m256, _mm256_loadu_ps, _mm256_set1_ps, _mm256_stream_ps, _mm256_add_ps, _mm256_sub_ps,
                _mm256_mul_ps, _mm256_div_ps, 8)
#undef scalar
}
