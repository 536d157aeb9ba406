/* Loops that call a libmvec entry point once per vector, passing and receiving the vectors in
   registers as the x86-64 vector function ABI requires: ymm0 (and ymm1) for the AVX2 variants
   (_ZGVdN4v_exp, _ZGVdN4vv_pow, ...), zmm0 (and zmm1) for the AVX-512 ones (_ZGVeN8v_exp, ...).

   Why assembly: clang decides how a C function passes a 256- or 512-bit vector from the features
   of the whole translation unit, not of the calling function, so without -mavx2 (an unsafe flag
   for SwiftPM) a call through a function pointer puts __m256d arguments on the stack, even inside
   a function marked __attribute__((target("avx2"))). The assembler needs no such flag.

   Each loop takes `blocks` whole vectors; the C callers (vecmath.c) pad a tail into a full vector
   first, so that every element goes through the same vector function wherever it sits. Callers
   must have checked that the CPU and the OS support the registers used (cpu_features.c). */

#if defined(__x86_64__) && defined(__ELF__)

#if defined(__CET__)
#define ENTRY endbr64
#else
#define ENTRY
#endif

        .text

/* void nd_vector_map_256(const void *fn, const void *x, void *y, long blocks)
   y[k] = fn(x[k]) for 32-byte blocks k in [0, blocks). */
        .globl  nd_vector_map_256
        .type   nd_vector_map_256, @function
        .p2align 4
nd_vector_map_256:
        .cfi_startproc
        ENTRY
        pushq   %rbx
        .cfi_def_cfa_offset 16
        .cfi_offset %rbx, -16
        pushq   %r12
        .cfi_def_cfa_offset 24
        .cfi_offset %r12, -24
        pushq   %r13
        .cfi_def_cfa_offset 32
        .cfi_offset %r13, -32
        pushq   %r14
        .cfi_def_cfa_offset 40
        .cfi_offset %r14, -40
        subq    $8, %rsp                /* 16-byte stack alignment at each call */
        .cfi_def_cfa_offset 48
        movq    %rdi, %rbx
        movq    %rsi, %r12
        movq    %rdx, %r13
        movq    %rcx, %r14
        testq   %r14, %r14
        jle     2f
1:      vmovupd (%r12), %ymm0
        call    *%rbx
        vmovupd %ymm0, (%r13)
        addq    $32, %r12
        addq    $32, %r13
        decq    %r14
        jnz     1b
2:      vzeroupper
        addq    $8, %rsp
        .cfi_def_cfa_offset 40
        popq    %r14
        .cfi_def_cfa_offset 32
        popq    %r13
        .cfi_def_cfa_offset 24
        popq    %r12
        .cfi_def_cfa_offset 16
        popq    %rbx
        .cfi_def_cfa_offset 8
        ret
        .cfi_endproc
        .size   nd_vector_map_256, . - nd_vector_map_256

/* void nd_vector_map_512(const void *fn, const void *x, void *y, long blocks)
   The same with 64-byte blocks in zmm0. */
        .globl  nd_vector_map_512
        .type   nd_vector_map_512, @function
        .p2align 4
nd_vector_map_512:
        .cfi_startproc
        ENTRY
        pushq   %rbx
        .cfi_def_cfa_offset 16
        .cfi_offset %rbx, -16
        pushq   %r12
        .cfi_def_cfa_offset 24
        .cfi_offset %r12, -24
        pushq   %r13
        .cfi_def_cfa_offset 32
        .cfi_offset %r13, -32
        pushq   %r14
        .cfi_def_cfa_offset 40
        .cfi_offset %r14, -40
        subq    $8, %rsp
        .cfi_def_cfa_offset 48
        movq    %rdi, %rbx
        movq    %rsi, %r12
        movq    %rdx, %r13
        movq    %rcx, %r14
        testq   %r14, %r14
        jle     2f
1:      vmovupd (%r12), %zmm0
        call    *%rbx
        vmovupd %zmm0, (%r13)
        addq    $64, %r12
        addq    $64, %r13
        decq    %r14
        jnz     1b
2:      vzeroupper
        addq    $8, %rsp
        .cfi_def_cfa_offset 40
        popq    %r14
        .cfi_def_cfa_offset 32
        popq    %r13
        .cfi_def_cfa_offset 24
        popq    %r12
        .cfi_def_cfa_offset 16
        popq    %rbx
        .cfi_def_cfa_offset 8
        ret
        .cfi_endproc
        .size   nd_vector_map_512, . - nd_vector_map_512

/* void nd_vector_map2_256(const void *fn, const void *x, long xstep, const void *y, long ystep,
                           void *out, long blocks)
   out[k] = fn(x[k], y[k]) for 32-byte blocks k in [0, blocks); x and y advance by xstep and ystep
   bytes per block (32, or 0 to repeat one block: a broadcast operand). */
        .globl  nd_vector_map2_256
        .type   nd_vector_map2_256, @function
        .p2align 4
nd_vector_map2_256:
        .cfi_startproc
        ENTRY
        pushq   %rbx
        .cfi_def_cfa_offset 16
        .cfi_offset %rbx, -16
        pushq   %rbp
        .cfi_def_cfa_offset 24
        .cfi_offset %rbp, -24
        pushq   %r12
        .cfi_def_cfa_offset 32
        .cfi_offset %r12, -32
        pushq   %r13
        .cfi_def_cfa_offset 40
        .cfi_offset %r13, -40
        pushq   %r14
        .cfi_def_cfa_offset 48
        .cfi_offset %r14, -48
        pushq   %r15
        .cfi_def_cfa_offset 56
        .cfi_offset %r15, -56
        movq    56(%rsp), %rax          /* blocks, the seventh argument */
        pushq   %rax                    /* the remaining count; also aligns the stack to 16 */
        .cfi_def_cfa_offset 64
        movq    %rdi, %rbx
        movq    %rsi, %rbp
        movq    %rdx, %r12
        movq    %rcx, %r13
        movq    %r8, %r14
        movq    %r9, %r15
        testq   %rax, %rax
        jle     2f
1:      vmovupd (%rbp), %ymm0
        vmovupd (%r13), %ymm1
        call    *%rbx
        vmovupd %ymm0, (%r15)
        addq    %r12, %rbp
        addq    %r14, %r13
        addq    $32, %r15
        decq    (%rsp)
        jnz     1b
2:      vzeroupper
        addq    $8, %rsp
        .cfi_def_cfa_offset 56
        popq    %r15
        .cfi_def_cfa_offset 48
        popq    %r14
        .cfi_def_cfa_offset 40
        popq    %r13
        .cfi_def_cfa_offset 32
        popq    %r12
        .cfi_def_cfa_offset 24
        popq    %rbp
        .cfi_def_cfa_offset 16
        popq    %rbx
        .cfi_def_cfa_offset 8
        ret
        .cfi_endproc
        .size   nd_vector_map2_256, . - nd_vector_map2_256

/* void nd_vector_map2_512(const void *fn, const void *x, long xstep, const void *y, long ystep,
                           void *out, long blocks)
   The same with 64-byte blocks in zmm0 and zmm1; steps are 64 or 0. */
        .globl  nd_vector_map2_512
        .type   nd_vector_map2_512, @function
        .p2align 4
nd_vector_map2_512:
        .cfi_startproc
        ENTRY
        pushq   %rbx
        .cfi_def_cfa_offset 16
        .cfi_offset %rbx, -16
        pushq   %rbp
        .cfi_def_cfa_offset 24
        .cfi_offset %rbp, -24
        pushq   %r12
        .cfi_def_cfa_offset 32
        .cfi_offset %r12, -32
        pushq   %r13
        .cfi_def_cfa_offset 40
        .cfi_offset %r13, -40
        pushq   %r14
        .cfi_def_cfa_offset 48
        .cfi_offset %r14, -48
        pushq   %r15
        .cfi_def_cfa_offset 56
        .cfi_offset %r15, -56
        movq    56(%rsp), %rax
        pushq   %rax
        .cfi_def_cfa_offset 64
        movq    %rdi, %rbx
        movq    %rsi, %rbp
        movq    %rdx, %r12
        movq    %rcx, %r13
        movq    %r8, %r14
        movq    %r9, %r15
        testq   %rax, %rax
        jle     2f
1:      vmovupd (%rbp), %zmm0
        vmovupd (%r13), %zmm1
        call    *%rbx
        vmovupd %zmm0, (%r15)
        addq    %r12, %rbp
        addq    %r14, %r13
        addq    $64, %r15
        decq    (%rsp)
        jnz     1b
2:      vzeroupper
        addq    $8, %rsp
        .cfi_def_cfa_offset 56
        popq    %r15
        .cfi_def_cfa_offset 48
        popq    %r14
        .cfi_def_cfa_offset 40
        popq    %r13
        .cfi_def_cfa_offset 32
        popq    %r12
        .cfi_def_cfa_offset 24
        popq    %rbp
        .cfi_def_cfa_offset 16
        popq    %rbx
        .cfi_def_cfa_offset 8
        ret
        .cfi_endproc
        .size   nd_vector_map2_512, . - nd_vector_map2_512

#endif

#if defined(__ELF__)
        .section .note.GNU-stack, "", @progbits
#endif
