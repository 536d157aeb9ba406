/* The block kernels of one instruction set, included once per set by block_kernels.c inside a
   `#pragma clang attribute` that gives every function here that set's target attribute, with
   ND_SET(name) naming the functions and tables after the set. No include guard: it is meant to be
   included more than once.

   Each kernel walks whole 64-byte vectors (clang splits one into two 256-bit halves on AVX2), a
   broadcast operand being one vector of copies that does not advance; the last partial vector is
   copied into zero-padded buffers, computed by the same code, and only its own elements are
   copied out. So every element goes through the same instructions, wherever it sits. */

#define ND_BINARY(name, T, V, f)                                                                  \
    static void ND_SET(name)(const void *pa, long as, const void *pb, long bs, void *pout, long n) { \
        enum { L = 64 / sizeof(T) };                                                              \
        const T *a = pa, *b = pb;                                                                 \
        T *out = pout, sa[L], sb[L];                                                              \
        for (int k = 0; k < L; k++) sa[k] = a[0], sb[k] = b[0];                                   \
        const T *x = as ? a : sa, *y = bs ? b : sb;                                               \
        long xs = as ? L : 0, ys = bs ? L : 0, i = 0;                                             \
        for (; i + L <= n; i += L, x += xs, y += ys) nd_store(out + i, f(nd_load(V, x), nd_load(V, y))); \
        long rest = n - i;                                                                        \
        if (rest == 0) return;                                                                    \
        T tx[L] = {0}, ty[L] = {0}, tr[L];                                                        \
        __builtin_memcpy(tx, x, (size_t)(as ? rest : L) * sizeof(T));                             \
        __builtin_memcpy(ty, y, (size_t)(bs ? rest : L) * sizeof(T));                             \
        nd_store(tr, f(nd_load(V, tx), nd_load(V, ty)));                                          \
        __builtin_memcpy(out + i, tr, (size_t)rest * sizeof(T));                                  \
    }

/* Comparisons write one Bool byte (0 or 1) per element. */
#define ND_COMPARE(name, T, V, B, f)                                                              \
    static void ND_SET(name)(const void *pa, long as, const void *pb, long bs, void *pout, long n) { \
        enum { L = 64 / sizeof(T) };                                                              \
        const T *a = pa, *b = pb;                                                                 \
        unsigned char *out = pout;                                                                \
        T sa[L], sb[L];                                                                           \
        for (int k = 0; k < L; k++) sa[k] = a[0], sb[k] = b[0];                                   \
        const T *x = as ? a : sa, *y = bs ? b : sb;                                               \
        long xs = as ? L : 0, ys = bs ? L : 0, i = 0;                                             \
        for (; i + L <= n; i += L, x += xs, y += ys) {                                            \
            B r = __builtin_convertvector(f(nd_load(V, x), nd_load(V, y)), B) & 1;                \
            __builtin_memcpy(out + i, &r, L);                                                     \
        }                                                                                         \
        long rest = n - i;                                                                        \
        if (rest == 0) return;                                                                    \
        T tx[L] = {0}, ty[L] = {0};                                                               \
        __builtin_memcpy(tx, x, (size_t)(as ? rest : L) * sizeof(T));                             \
        __builtin_memcpy(ty, y, (size_t)(bs ? rest : L) * sizeof(T));                             \
        B r = __builtin_convertvector(f(nd_load(V, tx), nd_load(V, ty)), B) & 1;                  \
        __builtin_memcpy(out + i, &r, (size_t)rest);                                              \
    }

/* out[i] = cond[i] ? a[i] : b[i], moving bits (so one kernel per element size); M is the signed
   integer vector of the element size, B the byte vector of the condition. */
#define ND_SELECT(name, T, M, B)                                                                  \
    static void ND_SET(name)(const _Bool *pc, const void *pa, long as, const void *pb, long bs, void *pout, long n) { \
        enum { L = 64 / sizeof(T) };                                                              \
        const unsigned char *c = (const unsigned char *)pc;                                       \
        const T *a = pa, *b = pb;                                                                 \
        T *out = pout, sa[L], sb[L];                                                              \
        for (int k = 0; k < L; k++) sa[k] = a[0], sb[k] = b[0];                                   \
        const T *x = as ? a : sa, *y = bs ? b : sb;                                               \
        long xs = as ? L : 0, ys = bs ? L : 0, i = 0;                                             \
        for (; i + L <= n; i += L, x += xs, y += ys)                                              \
            nd_store(out + i, nd_blend(M, nd_load(B, c + i), nd_load(M, x), nd_load(M, y)));      \
        long rest = n - i;                                                                        \
        if (rest == 0) return;                                                                    \
        T tx[L] = {0}, ty[L] = {0}, tr[L];                                                        \
        unsigned char tc[L] = {0};                                                                \
        __builtin_memcpy(tc, c + i, (size_t)rest);                                                \
        __builtin_memcpy(tx, x, (size_t)(as ? rest : L) * sizeof(T));                             \
        __builtin_memcpy(ty, y, (size_t)(bs ? rest : L) * sizeof(T));                             \
        nd_store(tr, nd_blend(M, nd_load(B, tc), nd_load(M, tx), nd_load(M, ty)));                \
        __builtin_memcpy(out + i, tr, (size_t)rest * sizeof(T));                                  \
    }

#define ND_UNARY(name, T, V, f)                                                                   \
    static void ND_SET(name)(const void *px, void *pout, long n) {                                \
        enum { L = 64 / sizeof(T) };                                                              \
        const T *x = px;                                                                          \
        T *out = pout;                                                                            \
        long i = 0;                                                                               \
        for (; i + L <= n; i += L) nd_store(out + i, f(nd_load(V, x + i)));                       \
        long rest = n - i;                                                                        \
        if (rest == 0) return;                                                                    \
        T tx[L] = {0}, tr[L];                                                                     \
        __builtin_memcpy(tx, x + i, (size_t)rest * sizeof(T));                                    \
        nd_store(tr, f(nd_load(V, tx)));                                                          \
        __builtin_memcpy(out + i, tr, (size_t)rest * sizeof(T));                                  \
    }

/* Every kernel of one element type but division: T the element, V its vector, B the byte vector
   of as many lanes, P the prefix of its operations (the macros of block_kernels.c). */
#define ND_FAMILY(suffix, T, V, B, P)                                                             \
    ND_BINARY(add_##suffix, T, V, P##_add)                                                        \
    ND_BINARY(subtract_##suffix, T, V, P##_subtract)                                              \
    ND_BINARY(multiply_##suffix, T, V, P##_multiply)                                              \
    ND_BINARY(minimum_##suffix, T, V, P##_minimum)                                                \
    ND_BINARY(maximum_##suffix, T, V, P##_maximum)                                                \
    ND_COMPARE(less_##suffix, T, V, B, P##_less)                                                  \
    ND_COMPARE(less_equal_##suffix, T, V, B, P##_less_equal)                                      \
    ND_COMPARE(greater_##suffix, T, V, B, P##_greater)                                            \
    ND_COMPARE(greater_equal_##suffix, T, V, B, P##_greater_equal)                                \
    ND_COMPARE(equal_##suffix, T, V, B, P##_equal)                                                \
    ND_COMPARE(not_equal_##suffix, T, V, B, P##_not_equal)                                        \
    ND_UNARY(negative_##suffix, T, V, P##_negative)                                               \
    ND_UNARY(absolute_##suffix, T, V, P##_absolute)

ND_FAMILY(f64, double, nd_f64x8, nd_u8x8, nd_f64)
ND_FAMILY(f32, float, nd_f32x16, nd_u8x16, nd_f32)
ND_FAMILY(i64, long long, nd_i64x8, nd_u8x8, nd_i64)
ND_FAMILY(i32, int, nd_i32x16, nd_u8x16, nd_i32)
ND_BINARY(divide_f64, double, nd_f64x8, nd_f64_divide)
ND_BINARY(divide_f32, float, nd_f32x16, nd_f32_divide)
ND_SELECT(select_8, long long, nd_i64x8, nd_u8x8)
ND_SELECT(select_4, int, nd_i32x16, nd_u8x16)

/* The kernels by element type (nd_element_type order) and operation (nd_arithmetic,
   nd_comparison, nd_sign_operation order); integers have no division (NULL). */
#define ND_ROW(suffix, divide) {ND_SET(add_##suffix), ND_SET(subtract_##suffix), ND_SET(multiply_##suffix), \
                                divide, ND_SET(minimum_##suffix), ND_SET(maximum_##suffix)}
static const nd_binary_kernel ND_SET(binary_kernels)[4][6] = {
    ND_ROW(f64, ND_SET(divide_f64)), ND_ROW(f32, ND_SET(divide_f32)), ND_ROW(i64, 0), ND_ROW(i32, 0)};
#undef ND_ROW
#define ND_ROW(suffix) {ND_SET(less_##suffix), ND_SET(less_equal_##suffix), ND_SET(greater_##suffix), \
                        ND_SET(greater_equal_##suffix), ND_SET(equal_##suffix), ND_SET(not_equal_##suffix)}
static const nd_binary_kernel ND_SET(compare_kernels)[4][6] = {ND_ROW(f64), ND_ROW(f32), ND_ROW(i64), ND_ROW(i32)};
#undef ND_ROW
#define ND_ROW(suffix) {ND_SET(negative_##suffix), ND_SET(absolute_##suffix)}
static const nd_unary_kernel ND_SET(sign_kernels)[4][2] = {ND_ROW(f64), ND_ROW(f32), ND_ROW(i64), ND_ROW(i32)};
#undef ND_ROW
static const nd_select_kernel ND_SET(select_kernels)[4] = {ND_SET(select_8), ND_SET(select_4), ND_SET(select_8),
                                                           ND_SET(select_4)};

#undef ND_BINARY
#undef ND_COMPARE
#undef ND_SELECT
#undef ND_UNARY
#undef ND_FAMILY
