// The double's NVRTC back end: scanning a program for entry points, building the translation
// unit around it, running the host C++ compiler, and the image format cuModuleLoadData accepts.
#ifndef CUDA_DOUBLE_COMPILER_H
#define CUDA_DOUBLE_COMPILER_H

#include <stddef.h>

// Internal to the library: nothing declared here is exported.
#pragma GCC visibility push(hidden)

#define KERNEL_NAME_LIMIT 256

// What scanning a program found: its `extern "C" __global__` definitions, and whether the
// program (or a header) mentions __syncthreads, which makes its kernels run threads as fibers.
struct kernel_scan {
    char **names;
    size_t count;
    int uses_barrier;
};

int scan_kernels(const char *source, struct kernel_scan *scan);
void scan_free(struct kernel_scan *scan);

// The source handed to the compiler: prelude, the program, then the entry points' trampolines.
char *translation_unit(const char *source, const char *name, const struct kernel_scan *scan,
                       int architecture);

// Compile options, validated as NVRTC validates them.
struct compile_options {
    int architecture;  // e.g. 90 for sm_90 / compute_90
    int is_virtual;    // compute_XY: a "PTX" image (no CUBIN)
    int standard;      // 17 or 20
    int fmad;
    const char **defines;
    size_t define_count;
};

// The image NVRTC hands out and cuModuleLoadData accepts: this header, then a shared object.
struct image_header {
    char magic[8];  // IMAGE_MAGIC
    unsigned int version;
    unsigned int architecture;
    unsigned int is_virtual;
    unsigned int reserved;
    unsigned long long object_bytes;
};

#define IMAGE_MAGIC "CUDADBL"
#define IMAGE_VERSION 1u

// Compiles `unit`; on success returns 0 and sets *image (malloc'd, header included). Diagnostics,
// also on success, go to *log (malloc'd). Returns an nvrtcResult.
int compile_unit(const char *unit, const char *const *headers, const char *const *include_names,
                 size_t header_count, const struct compile_options *options, unsigned char **image,
                 size_t *image_bytes, char **log);

#pragma GCC visibility pop

#endif
