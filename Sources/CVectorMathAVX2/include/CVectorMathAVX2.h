#ifndef CVECTORMATHAVX2_H
#define CVECTORMATHAVX2_H

/// Loops compiled for AVX2 and FMA. Call them only after checking that the CPU has both (see
/// CVectorMath): this file is compiled with -mavx2 -mfma so that the 256-bit vectors passed to
/// libmvec travel in ymm registers, as libmvec's vector ABI requires. (A target attribute on a
/// single function is not enough: clang then passes __m256d arguments of indirect calls in memory.)
///
/// `fn` is a libmvec entry point taking and returning one (`_ZGVdN4v_*`, `_ZGVdN8v_*`) or two
/// (`_ZGVdN4vv_pow`, `_ZGVdN8vv_powf`) vectors. Tails are padded with their own first element and
/// run through the same vector function, so a value's result does not depend on its position.

/// y[i] = fn(x[i]) for i in [0, n); x and y may be the same array.
void nd_avx2_map_f64(const void *fn, const double *x, double *y, long n);
/// y[i] = fn(x[i]) for i in [0, n); x and y may be the same array.
void nd_avx2_map_f32(const void *fn, const float *x, float *y, long n);
/// out[i] = fn(x[i * xs], y[i * ys]) with strides 0 (broadcast) or 1.
void nd_avx2_map2_f64(const void *fn, const double *x, long xs, const double *y, long ys, double *out, long n);
/// out[i] = fn(x[i * xs], y[i * ys]) with strides 0 (broadcast) or 1.
void nd_avx2_map2_f32(const void *fn, const float *x, long xs, const float *y, long ys, float *out, long n);
/// y[i] = sqrt(x[i]); exact, so equal to the scalar result.
void nd_avx2_sqrt_f64(const double *x, double *y, long n);
/// y[i] = sqrt(x[i]); exact, so equal to the scalar result.
void nd_avx2_sqrt_f32(const float *x, float *y, long n);

/// out[i] = a[i * as] op b[i * bs] (op 0: +, 1: −, 2: ×, 3: ÷; strides 0 or 1) with
/// non-temporal stores; out must not overlap a or b unless equal to it.
void nd_avx2_stream_f64(int op, const double *a, long as, const double *b, long bs, double *out, long n);
/// The float version of nd_avx2_stream_f64.
void nd_avx2_stream_f32(int op, const float *a, long as, const float *b, long bs, float *out, long n);

#endif
