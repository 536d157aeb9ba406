// The interface between the double and a module it compiled. The prelude (prelude.c) declares
// the same structures in C++; each entry point NAME gets three exported trampolines:
//   unsigned long bach_args_NAME(unsigned long *count)  bytes of the packed arguments, and count
//   void bach_pack_NAME(void *const *params, char *out) packs cuLaunchKernel's kernelParams
//   void bach_grid_NAME(const struct bach_launch *)     runs the whole grid
#ifndef CUDA_DOUBLE_KERNEL_ABI_H
#define CUDA_DOUBLE_KERNEL_ABI_H

struct bach_launch;

// What a module calls back into: the block barrier and the fiber scheduler.
struct bach_runtime {
    unsigned int version;
    void (*barrier)(void);
    void (*run_block)(unsigned int threads, void (*thread)(const struct bach_launch *, unsigned int),
                      const struct bach_launch *launch);
};

struct bach_launch {
    unsigned int grid[3];
    unsigned int block[3];
    const char *arguments;
    const struct bach_runtime *runtime;
};

typedef unsigned long (*bach_args_function)(unsigned long *count);
typedef void (*bach_pack_function)(void *const *params, char *out);
typedef void (*bach_grid_function)(const struct bach_launch *launch);

#define BACH_ABI_VERSION 1u

#endif
