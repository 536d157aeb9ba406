#ifndef CVECTORMATH_H
#define CVECTORMATH_H

/// Elementwise transcendental functions over contiguous arrays.
///
/// Where the CPU (and the OS, which must save the wider registers) has AVX-512 or AVX2 with FMA,
/// and glibc's libmvec (>= 2.35) can be loaded, every element, tails included, goes through
/// libmvec's vector entry points of one width: 8 doubles or 16 floats (`_ZGVeN8v_exp`, ...) on the
/// AVX-512 path, 4 doubles or 8 floats (`_ZGVdN4v_exp`, ...) on the AVX2 path. A tail is padded
/// with its own first element, so an element's result never depends on where it sits in the
/// array or how the array was split. Otherwise the scalar libm functions are used.
///
/// The widest path available is used unless the environment variable NDARRAYS_VECTOR_WIDTH asks
/// for a narrower one (`avx512`, `avx2` or `scalar`), read once, on first use.
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

/// The code that computes the functions below, from narrowest to widest.
typedef enum {
    /// Scalar libm, one element at a time.
    ND_PATH_SCALAR = 0,
    /// libmvec's AVX2 functions, 256-bit vectors.
    ND_PATH_AVX2 = 1,
    /// libmvec's AVX-512 functions, 512-bit vectors.
    ND_PATH_AVX512 = 2,
} nd_vector_path;

/// The path the functions without a `path` argument use: the widest available, or the narrower
/// one NDARRAYS_VECTOR_WIDTH asks for.
nd_vector_path nd_vector_path_in_use(void);
/// The widest path this machine supports: CPU, OS register state and libmvec together.
nd_vector_path nd_vector_path_widest(void);
/// The path used for a NDARRAYS_VECTOR_WIDTH value (NULL: unset) when paths up to `available`
/// exist: the one named, or `available` if the value names a wider one or none. Sets
/// `*recognized` (unless NULL) to whether the value named a path.
nd_vector_path nd_vector_path_choose(const char *request, nd_vector_path available, int *recognized);

/// y[i] = f(x[i]) for i in [0, n). x and y may be the same array.
void nd_math_f64(nd_math_function f, const double *x, double *y, long n);
/// y[i] = f(x[i]) for i in [0, n). x and y may be the same array.
void nd_math_f32(nd_math_function f, const float *x, float *y, long n);
/// nd_math_f64 on a given path (narrowed to nd_vector_path_widest()), for tests and comparisons.
void nd_math_path_f64(nd_vector_path path, nd_math_function f, const double *x, double *y, long n);
/// nd_math_f32 on a given path (narrowed to nd_vector_path_widest()), for tests and comparisons.
void nd_math_path_f32(nd_vector_path path, nd_math_function f, const float *x, float *y, long n);

/// out[i] = pow(x[i * xs], y[i * ys]) with strides xs, ys of 0 (broadcast) or 1.
void nd_pow_f64(const double *x, long xs, const double *y, long ys, double *out, long n);
/// out[i] = pow(x[i * xs], y[i * ys]) with strides xs, ys of 0 (broadcast) or 1.
void nd_pow_f32(const float *x, long xs, const float *y, long ys, float *out, long n);
/// nd_pow_f64 on a given path (narrowed to nd_vector_path_widest()).
void nd_pow_path_f64(
    nd_vector_path path, const double *x, long xs, const double *y, long ys, double *out, long n);
/// nd_pow_f32 on a given path (narrowed to nd_vector_path_widest()).
void nd_pow_path_f32(
    nd_vector_path path, const float *x, long xs, const float *y, long ys, float *out, long n);

/// y[i] = sqrt(x[i]) for i in [0, n), with AVX where the CPU has it (exact, so the same on every
/// path). x and y may be the same array.
void nd_sqrt_f64(const double *x, double *y, long n);
/// y[i] = sqrt(x[i]) for i in [0, n), with AVX where the CPU has it. x and y may be the same array.
void nd_sqrt_f32(const float *x, float *y, long n);
/// nd_sqrt_f64 on a given path (narrowed to nd_vector_path_widest()).
void nd_sqrt_path_f64(nd_vector_path path, const double *x, double *y, long n);
/// nd_sqrt_f32 on a given path (narrowed to nd_vector_path_widest()).
void nd_sqrt_path_f32(nd_vector_path path, const float *x, float *y, long n);

/// Elementwise arithmetic written around the cache (non-temporal stores), for outputs of at least
/// 4 MiB, which would only evict useful data: out[i] = a[i * as] op b[i * bs] with op 0: +, 1: −,
/// 2: ×, 3: ÷ and strides 0 or 1. Returns 0, doing nothing, when the output is smaller or the path
/// in use is scalar (the caller then runs its own loop); results are the same either way (IEEE
/// arithmetic). out must not overlap a or b unless equal to it.
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

/// 1 when a libmvec path (AVX2 or AVX-512) is in use, 0 when scalar libm is.
int nd_math_uses_libmvec(void);

#endif
