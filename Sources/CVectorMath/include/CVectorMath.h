#ifndef CNDKERNELS_H
#define CNDKERNELS_H

/// Elementwise transcendental functions over contiguous arrays.
///
/// Where the CPU has AVX2 and FMA and glibc's libmvec (>= 2.35) can be loaded, every element,
/// tails included, goes through libmvec's 4-wide (double) or 8-wide (float) AVX2 entry points, so an
/// element's result never depends on where it sits in the array or how the array was split.
/// Otherwise the scalar libm functions are used.
typedef enum {
    ND_MATH_EXP = 0,
    ND_MATH_LOG,
    ND_MATH_LOG2,
    ND_MATH_LOG10,
    ND_MATH_SIN,
    ND_MATH_COS,
    ND_MATH_TAN,
    ND_MATH_ASIN,
    ND_MATH_ACOS,
    ND_MATH_ATAN,
    ND_MATH_ERF,
    ND_MATH_COUNT
} nd_math_function;

/// y[i] = f(x[i]) for i in [0, n). x and y may be the same array.
void nd_math_f64(nd_math_function f, const double *x, double *y, long n);
/// y[i] = f(x[i]) for i in [0, n). x and y may be the same array.
void nd_math_f32(nd_math_function f, const float *x, float *y, long n);

/// out[i] = pow(x[i * xs], y[i * ys]) with strides xs, ys of 0 (broadcast) or 1.
void nd_pow_f64(const double *x, long xs, const double *y, long ys, double *out, long n);
/// out[i] = pow(x[i * xs], y[i * ys]) with strides xs, ys of 0 (broadcast) or 1.
void nd_pow_f32(const float *x, long xs, const float *y, long ys, float *out, long n);

/// y[i] = sqrt(x[i]) for i in [0, n), with AVX where the CPU has it. x and y may be the same array.
void nd_sqrt_f64(const double *x, double *y, long n);
/// y[i] = sqrt(x[i]) for i in [0, n), with AVX where the CPU has it. x and y may be the same array.
void nd_sqrt_f32(const float *x, float *y, long n);

/// Elementwise arithmetic written around the cache (non-temporal stores), for outputs of at least
/// `nd_stream_threshold` bytes, which would only evict useful data: out[i] = a[i * as] op b[i * bs]
/// with op 0: +, 1: −, 2: ×, 3: ÷ and strides 0 or 1. Returns 0, doing nothing, when the output is
/// smaller or the CPU lacks AVX2 (the caller then runs its own loop); results are the same either
/// way (IEEE arithmetic).
int nd_stream_f64(int op, const double *a, long as, const double *b, long bs, double *out, long n);
/// The float version of nd_stream_f64.
int nd_stream_f32(int op, const float *a, long as, const float *b, long bs, float *out, long n);

/// The path of the shared library that defines `address` (a symbol from `dlsym`), or NULL.
const char *nd_symbol_library(const void *address);

/// A hint to the CPU that the caller is spinning on a memory location (x86 `pause`).
static inline void nd_cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/// 1 when the AVX2 libmvec path is in use, 0 when scalar libm is.
int nd_math_uses_libmvec(void);

#endif
