#ifndef CVECTORMATH_INTERNAL_H
#define CVECTORMATH_INTERNAL_H

/* Declarations shared by the files of CVectorMath and not exported. */

#include "CVectorMath.h"

/* The widest vector registers that both the CPU and the OS (XCR0, read with xgetbv) support, as a
   path: ND_PATH_AVX512 needs AVX-512F and saved opmask/zmm state, ND_PATH_AVX2 AVX2, FMA and saved
   ymm state. Says nothing about libmvec. */
nd_vector_path nd_cpu_widest_path(void);

/* `path` narrowed to nd_vector_path_widest(), so that no caller can reach unsupported code. */
nd_vector_path nd_usable_path(nd_vector_path path);

#if defined(__x86_64__) && defined(__ELF__)
#define ND_HAVE_X86_KERNELS 1

/* vector_calls.S: y[k] = fn(x[k]) over `blocks` whole 32- or 64-byte vectors, the vectors passed
   to fn in ymm0/zmm0 (and ymm1/zmm1) as libmvec requires. Map2's operands advance by xstep and
   ystep bytes per block: the block size, or 0 for a broadcast block. */
void nd_vector_map_256(const void *fn, const void *x, void *y, long blocks);
void nd_vector_map_512(const void *fn, const void *x, void *y, long blocks);
void nd_vector_map2_256(const void *fn, const void *x, long xstep, const void *y, long ystep, void *out, long blocks);
void nd_vector_map2_512(const void *fn, const void *x, long xstep, const void *y, long ystep, void *out, long blocks);

/* simd_kernels.c: sqrt (exact, so equal to the scalar result) and non-temporal arithmetic
   (out[i] = a[i * as] op b[i * bs], op 0: +, 1: −, 2: ×, 3: ÷, strides 0 or 1), each function
   compiled for the instruction set in its name. */
void nd_avx2_sqrt_f64(const double *x, double *y, long n);
void nd_avx2_sqrt_f32(const float *x, float *y, long n);
void nd_avx512_sqrt_f64(const double *x, double *y, long n);
void nd_avx512_sqrt_f32(const float *x, float *y, long n);
void nd_avx2_stream_f64(int op, const double *a, long as, const double *b, long bs, double *out, long n);
void nd_avx2_stream_f32(int op, const float *a, long as, const float *b, long bs, float *out, long n);
#endif

#endif
