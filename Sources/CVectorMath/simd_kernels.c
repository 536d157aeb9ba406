#include "internal.h"

#if ND_HAVE_X86_KERNELS
#include <immintrin.h>

/* Each function carries the target attribute of the instructions it uses and is entered only
   after nd_cpu_widest_path() said the CPU and the OS support them; none takes or returns a vector,
   so the calling convention does not depend on the attribute (see vector_calls.S for the case
   where it does). The rest of the file is compiled for the baseline CPU. */

#define AVX2 __attribute__((target("avx2,fma")))
#define AVX512 __attribute__((target("avx512f")))

AVX2 void nd_avx2_sqrt_f64(const double *x, double *y, long n) {
    long i = 0;
    for (; i + 4 <= n; i += 4) _mm256_storeu_pd(y + i, _mm256_sqrt_pd(_mm256_loadu_pd(x + i)));
    for (; i < n; i++) y[i] = __builtin_sqrt(x[i]);
}

AVX2 void nd_avx2_sqrt_f32(const float *x, float *y, long n) {
    long i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, _mm256_sqrt_ps(_mm256_loadu_ps(x + i)));
    for (; i < n; i++) y[i] = __builtin_sqrtf(x[i]);
}

/* The tail is a masked load and store: lanes outside the array are neither read nor written. */
AVX512 void nd_avx512_sqrt_f64(const double *x, double *y, long n) {
    long i = 0;
    for (; i + 8 <= n; i += 8) _mm512_storeu_pd(y + i, _mm512_sqrt_pd(_mm512_loadu_pd(x + i)));
    if (i < n) {
        __mmask8 m = (__mmask8)((1u << (n - i)) - 1);
        _mm512_mask_storeu_pd(y + i, m, _mm512_sqrt_pd(_mm512_maskz_loadu_pd(m, x + i)));
    }
}

AVX512 void nd_avx512_sqrt_f32(const float *x, float *y, long n) {
    long i = 0;
    for (; i + 16 <= n; i += 16) _mm512_storeu_ps(y + i, _mm512_sqrt_ps(_mm512_loadu_ps(x + i)));
    if (i < n) {
        __mmask16 m = (__mmask16)((1u << (n - i)) - 1);
        _mm512_mask_storeu_ps(y + i, m, _mm512_sqrt_ps(_mm512_maskz_loadu_ps(m, x + i)));
    }
}

static inline double apply_f64(int op, double x, double y) {
    return op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : x / y;
}

static inline float apply_f32(int op, float x, float y) {
    return op == 0 ? x + y : op == 1 ? x - y : op == 2 ? x * y : x / y;
}

/* Non-temporal stores need 32-byte aligned addresses: a scalar head reaches the first, the vector
   body streams, a scalar tail finishes. Writing around the cache saves the read-for-ownership of
   every output line of an array too large to stay in cache. */
AVX2 void nd_avx2_stream_f64(int op, const double *a, long as, const double *b, long bs, double *out, long n) {
    long i = 0;
    for (; i < n && ((unsigned long)(out + i) & 31) != 0; i++) out[i] = apply_f64(op, a[i * as], b[i * bs]);
    __m256d sa = _mm256_set1_pd(a[0]), sb = _mm256_set1_pd(b[0]);
    for (; i + 4 <= n; i += 4) {
        __m256d x = as ? _mm256_loadu_pd(a + i) : sa;
        __m256d y = bs ? _mm256_loadu_pd(b + i) : sb;
        __m256d r = op == 0   ? _mm256_add_pd(x, y)
                    : op == 1 ? _mm256_sub_pd(x, y)
                    : op == 2 ? _mm256_mul_pd(x, y)
                              : _mm256_div_pd(x, y);
        _mm256_stream_pd(out + i, r);
    }
    _mm_sfence();
    for (; i < n; i++) out[i] = apply_f64(op, a[i * as], b[i * bs]);
}

AVX2 void nd_avx2_stream_f32(int op, const float *a, long as, const float *b, long bs, float *out, long n) {
    long i = 0;
    for (; i < n && ((unsigned long)(out + i) & 31) != 0; i++) out[i] = apply_f32(op, a[i * as], b[i * bs]);
    __m256 sa = _mm256_set1_ps(a[0]), sb = _mm256_set1_ps(b[0]);
    for (; i + 8 <= n; i += 8) {
        __m256 x = as ? _mm256_loadu_ps(a + i) : sa;
        __m256 y = bs ? _mm256_loadu_ps(b + i) : sb;
        __m256 r = op == 0   ? _mm256_add_ps(x, y)
                   : op == 1 ? _mm256_sub_ps(x, y)
                   : op == 2 ? _mm256_mul_ps(x, y)
                             : _mm256_div_ps(x, y);
        _mm256_stream_ps(out + i, r);
    }
    _mm_sfence();
    for (; i < n; i++) out[i] = apply_f32(op, a[i * as], b[i * bs]);
}
#endif
