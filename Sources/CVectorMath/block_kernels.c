#include "internal.h"

#include <stddef.h>

/* Block kernels: arithmetic, comparisons, selection and sign operations over runs of elements, in
   AVX-512 or AVX2. The kernels are written once (block_body.h) over clang's vector extensions in
   64-byte vectors and compiled twice below, once per instruction set; the dispatch at the end of
   the file is compiled for the baseline CPU and enters a kernel only on a path the CPU supports.

   Results must be bit for bit those of NDArrays' Swift loops (IEEE arithmetic, one rounding per
   operation), so contraction into fused multiply-adds is off for the whole file, whatever the
   target attribute allows. */
#pragma clang fp contract(off)

#if ND_HAVE_X86_KERNELS

typedef double nd_f64x8 __attribute__((vector_size(64)));
typedef float nd_f32x16 __attribute__((vector_size(64)));
typedef long long nd_i64x8 __attribute__((vector_size(64)));
typedef int nd_i32x16 __attribute__((vector_size(64)));
typedef unsigned long long nd_u64x8 __attribute__((vector_size(64)));
typedef unsigned nd_u32x16 __attribute__((vector_size(64)));
typedef unsigned char nd_u8x8 __attribute__((vector_size(8)));
typedef unsigned char nd_u8x16 __attribute__((vector_size(16)));

typedef void (*nd_binary_kernel)(const void *a, long as, const void *b, long bs, void *out, long n);
typedef void (*nd_select_kernel)(const _Bool *cond, const void *a, long as, const void *b, long bs, void *out,
                                 long n);
typedef void (*nd_unary_kernel)(const void *x, void *out, long n);

/* Unaligned loads and stores of whole vectors. */
#define nd_load(V, p) ({ V nd_v_; __builtin_memcpy(&nd_v_, (p), sizeof nd_v_); nd_v_; })
#define nd_store(p, v) ({ __typeof__(v) nd_v_ = (v); __builtin_memcpy((p), &nd_v_, sizeof nd_v_); })

/* Bits of x where the byte vector c is nonzero, else bits of y, in lanes of the integer vector M. */
#define nd_blend(M, c, x, y) ({ M nd_m_ = __builtin_convertvector((c), M) != 0; (nd_m_ & (x)) | (~nd_m_ & (y)); })

/* The operations, as macros over vectors so that each expands inside a kernel compiled for its
   instruction set. Comparisons give -1 (true) or 0 per lane; ordered except !=, so NaN compares
   false except for not-equal, as in Swift. Minimum and maximum are Swift's `x < y || x.isNaN ? x :
   y` (and `>`): a NaN in either operand comes out, x's when both are NaN, and equal operands give y
   (minimum(0, -0) is -0). Negation flips the sign bit and the absolute value clears it, NaN
   included, as Swift's `-x` and `x.magnitude` do. Integers wrap, as NumPy's do. */
#define nd_float_pick(I, m, x, y) ((m & (I)(x)) | (~(m) & (I)(y)))
#define nd_f64_add(x, y) ((x) + (y))
#define nd_f64_subtract(x, y) ((x) - (y))
#define nd_f64_multiply(x, y) ((x) * (y))
#define nd_f64_divide(x, y) ((x) / (y))
#define nd_f64_minimum(x, y) ({ nd_f64x8 a_ = (x), b_ = (y); nd_i64x8 m_ = (nd_i64x8)((a_ < b_) | (a_ != a_)); \
                                (nd_f64x8)nd_float_pick(nd_i64x8, m_, a_, b_); })
#define nd_f64_maximum(x, y) ({ nd_f64x8 a_ = (x), b_ = (y); nd_i64x8 m_ = (nd_i64x8)((a_ > b_) | (a_ != a_)); \
                                (nd_f64x8)nd_float_pick(nd_i64x8, m_, a_, b_); })
#define nd_f64_negative(x) (-(x))
#define nd_f64_absolute(x) ((nd_f64x8)((nd_i64x8)(x) & 0x7fffffffffffffffLL))

#define nd_f32_add(x, y) ((x) + (y))
#define nd_f32_subtract(x, y) ((x) - (y))
#define nd_f32_multiply(x, y) ((x) * (y))
#define nd_f32_divide(x, y) ((x) / (y))
#define nd_f32_minimum(x, y) ({ nd_f32x16 a_ = (x), b_ = (y); nd_i32x16 m_ = (nd_i32x16)((a_ < b_) | (a_ != a_)); \
                                (nd_f32x16)nd_float_pick(nd_i32x16, m_, a_, b_); })
#define nd_f32_maximum(x, y) ({ nd_f32x16 a_ = (x), b_ = (y); nd_i32x16 m_ = (nd_i32x16)((a_ > b_) | (a_ != a_)); \
                                (nd_f32x16)nd_float_pick(nd_i32x16, m_, a_, b_); })
#define nd_f32_negative(x) (-(x))
#define nd_f32_absolute(x) ((nd_f32x16)((nd_i32x16)(x) & 0x7fffffff))

#define nd_int_pick(m, x, y) (((m) & (x)) | (~(m) & (y)))
#define nd_i64_add(x, y) ((nd_i64x8)((nd_u64x8)(x) + (nd_u64x8)(y)))
#define nd_i64_subtract(x, y) ((nd_i64x8)((nd_u64x8)(x) - (nd_u64x8)(y)))
#define nd_i64_multiply(x, y) ((nd_i64x8)((nd_u64x8)(x) * (nd_u64x8)(y)))
#define nd_i64_minimum(x, y) ({ nd_i64x8 a_ = (x), b_ = (y); nd_int_pick((nd_i64x8)(a_ < b_), a_, b_); })
#define nd_i64_maximum(x, y) ({ nd_i64x8 a_ = (x), b_ = (y); nd_int_pick((nd_i64x8)(a_ > b_), a_, b_); })
#define nd_i64_negative(x) ((nd_i64x8)(0 - (nd_u64x8)(x)))
#define nd_i64_absolute(x) ({ nd_i64x8 a_ = (x); nd_int_pick((nd_i64x8)(a_ < 0), nd_i64_negative(a_), a_); })

#define nd_i32_add(x, y) ((nd_i32x16)((nd_u32x16)(x) + (nd_u32x16)(y)))
#define nd_i32_subtract(x, y) ((nd_i32x16)((nd_u32x16)(x) - (nd_u32x16)(y)))
#define nd_i32_multiply(x, y) ((nd_i32x16)((nd_u32x16)(x) * (nd_u32x16)(y)))
#define nd_i32_minimum(x, y) ({ nd_i32x16 a_ = (x), b_ = (y); nd_int_pick((nd_i32x16)(a_ < b_), a_, b_); })
#define nd_i32_maximum(x, y) ({ nd_i32x16 a_ = (x), b_ = (y); nd_int_pick((nd_i32x16)(a_ > b_), a_, b_); })
#define nd_i32_negative(x) ((nd_i32x16)(0 - (nd_u32x16)(x)))
#define nd_i32_absolute(x) ({ nd_i32x16 a_ = (x); nd_int_pick((nd_i32x16)(a_ < 0), nd_i32_negative(a_), a_); })

#define nd_f64_less(x, y) ((x) < (y))
#define nd_f64_less_equal(x, y) ((x) <= (y))
#define nd_f64_greater(x, y) ((x) > (y))
#define nd_f64_greater_equal(x, y) ((x) >= (y))
#define nd_f64_equal(x, y) ((x) == (y))
#define nd_f64_not_equal(x, y) ((x) != (y))
#define nd_f32_less nd_f64_less
#define nd_f32_less_equal nd_f64_less_equal
#define nd_f32_greater nd_f64_greater
#define nd_f32_greater_equal nd_f64_greater_equal
#define nd_f32_equal nd_f64_equal
#define nd_f32_not_equal nd_f64_not_equal
#define nd_i64_less nd_f64_less
#define nd_i64_less_equal nd_f64_less_equal
#define nd_i64_greater nd_f64_greater
#define nd_i64_greater_equal nd_f64_greater_equal
#define nd_i64_equal nd_f64_equal
#define nd_i64_not_equal nd_f64_not_equal
#define nd_i32_less nd_f64_less
#define nd_i32_less_equal nd_f64_less_equal
#define nd_i32_greater nd_f64_greater
#define nd_i32_greater_equal nd_f64_greater_equal
#define nd_i32_equal nd_f64_equal
#define nd_i32_not_equal nd_f64_not_equal

#define ND_SET(name) nd_avx512_##name
#pragma clang attribute push(__attribute__((target("avx512f"))), apply_to = function)
#include "block_body.h"
#pragma clang attribute pop
#undef ND_SET

#define ND_SET(name) nd_avx2_##name
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
#include "block_body.h"
#pragma clang attribute pop
#undef ND_SET

#define ND_KERNEL(path, table) ((path) == ND_PATH_AVX512 ? nd_avx512_##table : nd_avx2_##table)
#endif

int nd_binary_path(nd_vector_path path, nd_element_type type, nd_arithmetic op, const void *a, long as,
                   const void *b, long bs, void *out, long n) {
#if ND_HAVE_X86_KERNELS
    path = nd_usable_path(path);
    if (path != ND_PATH_SCALAR && (unsigned)type <= ND_INT32 && (unsigned)op <= ND_MAXIMUM) {
        nd_binary_kernel kernel = ND_KERNEL(path, binary_kernels)[type][op];
        if (kernel && n > 0) kernel(a, as, b, bs, out, n);
        return kernel != 0;
    }
#endif
    return 0;
}

int nd_compare_path(nd_vector_path path, nd_element_type type, nd_comparison op, const void *a, long as,
                    const void *b, long bs, _Bool *out, long n) {
#if ND_HAVE_X86_KERNELS
    path = nd_usable_path(path);
    if (path != ND_PATH_SCALAR && (unsigned)type <= ND_INT32 && (unsigned)op <= ND_NOT_EQUAL) {
        if (n > 0) ND_KERNEL(path, compare_kernels)[type][op](a, as, b, bs, out, n);
        return 1;
    }
#endif
    return 0;
}

int nd_select_path(nd_vector_path path, nd_element_type type, const _Bool *cond, long cs, const void *a, long as,
                   const void *b, long bs, void *out, long n) {
#if ND_HAVE_X86_KERNELS
    path = nd_usable_path(path);
    if (path != ND_PATH_SCALAR && (unsigned)type <= ND_INT32 && cs == 1) {
        if (n > 0) ND_KERNEL(path, select_kernels)[type](cond, a, as, b, bs, out, n);
        return 1;
    }
#endif
    return 0;
}

int nd_sign_path(nd_vector_path path, nd_element_type type, nd_sign_operation op, const void *x, void *out, long n) {
#if ND_HAVE_X86_KERNELS
    path = nd_usable_path(path);
    if (path != ND_PATH_SCALAR && (unsigned)type <= ND_INT32 && (unsigned)op <= ND_ABSOLUTE) {
        if (n > 0) ND_KERNEL(path, sign_kernels)[type][op](x, out, n);
        return 1;
    }
#endif
    return 0;
}

int nd_binary(nd_element_type type, nd_arithmetic op, const void *a, long as, const void *b, long bs, void *out,
              long n) {
    if (type == ND_FLOAT64 && op <= ND_DIVIDE && nd_stream_f64((int)op, a, as, b, bs, out, n)) return 1;
    if (type == ND_FLOAT32 && op <= ND_DIVIDE && nd_stream_f32((int)op, a, as, b, bs, out, n)) return 1;
    return nd_binary_path(nd_vector_path_in_use(), type, op, a, as, b, bs, out, n);
}

int nd_compare(nd_element_type type, nd_comparison op, const void *a, long as, const void *b, long bs, _Bool *out,
               long n) {
    return nd_compare_path(nd_vector_path_in_use(), type, op, a, as, b, bs, out, n);
}

int nd_select(nd_element_type type, const _Bool *cond, long cs, const void *a, long as, const void *b, long bs,
              void *out, long n) {
    return nd_select_path(nd_vector_path_in_use(), type, cond, cs, a, as, b, bs, out, n);
}

int nd_sign(nd_element_type type, nd_sign_operation op, const void *x, void *out, long n) {
    return nd_sign_path(nd_vector_path_in_use(), type, op, x, out, n);
}
