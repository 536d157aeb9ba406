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

/// Element types of the block kernels below.
typedef enum {
    ND_FLOAT64 = 0,
    ND_FLOAT32,
    ND_INT64,
    ND_INT32,
} nd_element_type;

/// Arithmetic of nd_binary (the first four are nd_stream_f64's codes too).
typedef enum {
    ND_ADD = 0,
    ND_SUBTRACT,
    ND_MULTIPLY,
    /// Floating point only.
    ND_DIVIDE,
    /// `x < y || isnan(x) ? x : y`: NaN if either is (x's when both are), y when they are equal
    /// (so minimum(0, -0) is -0), as NDArrays' Swift loop and NumPy's `minimum` have it.
    ND_MINIMUM,
    /// `x > y || isnan(x) ? x : y`, the mirror of ND_MINIMUM.
    ND_MAXIMUM,
} nd_arithmetic;

/// Comparisons of nd_compare: IEEE ordered comparisons, so NaN compares false, except
/// ND_NOT_EQUAL, which NaN makes true.
typedef enum {
    ND_LESS = 0,
    ND_LESS_EQUAL,
    ND_GREATER,
    ND_GREATER_EQUAL,
    ND_EQUAL,
    ND_NOT_EQUAL,
} nd_comparison;

/// Operations of nd_sign: negation (floating point: the sign bit flipped, NaN included; integers:
/// 0 - x, wrapping) and absolute value (the sign bit cleared; integers: x < 0 ? 0 - x : x).
typedef enum {
    ND_NEGATIVE = 0,
    ND_ABSOLUTE,
} nd_sign_operation;

/// Block kernels: the elementwise loops of NDArrays' ufuncs and fused evaluator in 512-bit
/// (AVX-512) or 256-bit (AVX2) vectors, on the path in use (see NDARRAYS_VECTOR_WIDTH). Results
/// are bit for bit those of the plain loops they replace: IEEE arithmetic with one rounding per
/// operation (never a fused multiply-add), integers wrapping; an element's result does not depend
/// on where it sits (tails run through the same vector code).
///
/// Operands are runs of n elements of `type` with strides 0 (one value, broadcast) or 1. Each
/// function returns 1 when it wrote the n results and 0, having written nothing, when the caller
/// must run its own loop: on the scalar path, or for a combination without a kernel (integer
/// division, a broadcast condition). out may be one of the operands but must not overlap them
/// otherwise.
///
/// Example (out = a + 2.5 over 1000 doubles): `double two = 2.5;`
/// `if (!nd_binary(ND_FLOAT64, ND_ADD, a, 1, &two, 0, out, 1000)) { /* plain loop */ }`
///
/// out[i] = a[i * as] op b[i * bs]; large float outputs of + − × ÷ are written around the cache as
/// nd_stream_f64 does.
int nd_binary(nd_element_type type, nd_arithmetic op, const void *a, long as, const void *b, long bs, void *out,
              long n);
/// out[i] = (a[i * as] op b[i * bs]) as a Bool byte, 0 or 1.
int nd_compare(nd_element_type type, nd_comparison op, const void *a, long as, const void *b, long bs, _Bool *out,
               long n);
/// out[i] = cond[i * cs] ? a[i * as] : b[i * bs], with a condition of Bool bytes (0 or 1); cs must
/// be 1 (a broadcast condition is a copy: the caller's).
int nd_select(nd_element_type type, const _Bool *cond, long cs, const void *a, long as, const void *b, long bs,
              void *out, long n);
/// out[i] = op(x[i]) over contiguous elements; x and out may be the same array.
int nd_sign(nd_element_type type, nd_sign_operation op, const void *x, void *out, long n);

/// nd_binary on a given path (narrowed to nd_vector_path_widest()), never streaming: for tests.
int nd_binary_path(nd_vector_path path, nd_element_type type, nd_arithmetic op, const void *a, long as,
                   const void *b, long bs, void *out, long n);
/// nd_compare on a given path (narrowed to nd_vector_path_widest()).
int nd_compare_path(nd_vector_path path, nd_element_type type, nd_comparison op, const void *a, long as,
                    const void *b, long bs, _Bool *out, long n);
/// nd_select on a given path (narrowed to nd_vector_path_widest()).
int nd_select_path(nd_vector_path path, nd_element_type type, const _Bool *cond, long cs, const void *a, long as,
                   const void *b, long bs, void *out, long n);
/// nd_sign on a given path (narrowed to nd_vector_path_widest()).
int nd_sign_path(nd_vector_path path, nd_element_type type, nd_sign_operation op, const void *x, void *out, long n);

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
