// The double's state and the functions its files share. Everything here is guarded by one global
// mutex (`state_lock`), taken by every entry point; kernels run while it is held and never call
// back into the API.
#ifndef CUDA_DOUBLE_STATE_H
#define CUDA_DOUBLE_STATE_H

#include "cuda_types.h"
#include "kernel_abi.h"

#include <pthread.h>
#include <stddef.h>

// Internal to the library: nothing declared here is exported.
#pragma GCC visibility push(hidden)

// ---- Handles: opaque values checked against registries (handles.c) -----------------------------

enum handle_kind {
    HANDLE_CONTEXT = 1,
    HANDLE_STREAM,
    HANDLE_EVENT,
    HANDLE_MODULE,
    HANDLE_FUNCTION,
    HANDLE_PROGRAM,
    HANDLE_BLAS,
    HANDLE_SOLVER,
};

// Live objects of one kind. A handle encodes the kind and a slot that is never reused, so a
// destroyed handle stays invalid for the life of the process.
struct registry {
    enum handle_kind kind;
    void **items;
    size_t count, capacity, live;
};

void *handle_make(enum handle_kind kind, unsigned long long slot);
void *registry_add(struct registry *registry, void *item);
void *registry_find(const struct registry *registry, const void *handle);
void *registry_remove(struct registry *registry, const void *handle);
void registry_clear(struct registry *registry);

// ---- Stream work (scheduler.c) ------------------------------------------------------------------

struct stream;
struct kernel_function;

// "Wait until `stream` has completed its operation number `seq`".
struct dependency {
    struct stream *stream;
    unsigned long long seq;
};

enum operation_kind {
    OPERATION_COPY,
    OPERATION_MEMSET,
    OPERATION_KERNEL,
    OPERATION_MARKER,
    OPERATION_LIBRARY,
};

// The host body of a cuBLAS or cuSOLVER call: runs over `arguments` (owned by the operation).
typedef CUresult (*library_body)(const void *arguments);

// One piece of deferred stream work.
struct operation {
    struct operation *next;
    enum operation_kind kind;
    unsigned long long seq;
    struct dependency *dependencies;
    size_t dependency_count;
    union {
        struct {
            void *destination;
            const void *source;
            size_t bytes;
            void *staging;  // owned copy of a pageable source, freed after the copy
        } copy;
        struct {
            void *destination;
            unsigned char value;
            size_t bytes;
        } memset;
        struct {
            struct kernel_function *function;
            unsigned int grid[3], block[3];
            char *arguments;
        } kernel;
        struct {
            library_body body;
            void *arguments;
        } library;
    };
};

// A stream: a FIFO of operations numbered 1, 2, … in issue order; `done` counts those run.
// Destroyed streams are kept (not alive) until the context goes, since their issued work
// still runs and events may refer to it.
struct stream {
    int alive;
    int blocking;  // synchronises with the legacy default stream
    unsigned long long issued, done;
    struct operation *head, *tail;
    size_t pending_index;  // position in the pending list, or SIZE_MAX
};

struct event {
    unsigned int flags;
    struct stream *stream;  // last record: done when stream->done >= seq; NULL if never recorded
    unsigned long long seq;
};

struct operation *operation_new(enum operation_kind kind);
CUresult operation_add_dependency(struct operation *operation, struct stream *stream, unsigned long long seq);
CUresult scheduler_issue(struct stream *stream, struct operation *operation);
CUresult scheduler_run_until(struct stream *stream, unsigned long long seq);
CUresult scheduler_run_stream(struct stream *stream);
CUresult scheduler_run_all(void);
void scheduler_progress(void);
void scheduler_discard_all(void);
int scheduler_is_complete(const struct stream *stream, unsigned long long seq);
struct stream *stream_resolve(CUstream handle, CUresult *error);
void streams_release_all(void);
unsigned long long schedule_next_random(void);

// ---- Memory (memory.c) --------------------------------------------------------------------------

CUresult memory_allocate_device(size_t bytes, CUdeviceptr *address);
CUresult memory_free_device(CUdeviceptr address);
CUresult memory_allocate_pinned(size_t bytes, void **pointer);
CUresult memory_free_pinned(void *pointer);
int memory_is_device_range(CUdeviceptr address, size_t bytes);
int memory_overlaps_device(const void *pointer, size_t bytes);
int memory_is_pinned_range(const void *pointer, size_t bytes);
void memory_release_all(void);

// ---- Modules and kernels (module.c, kernel_run.c, fiber.c) --------------------------------------

struct module;

// An entry point of a loaded module: the trampolines the compiler generated for it.
struct kernel_function {
    struct module *module;
    void *handle;
    char *name;
    unsigned long argument_bytes, argument_count;
    bach_grid_function grid;
    bach_pack_function pack;
};

void modules_release_all(void);
CUresult kernel_run(const struct kernel_function *function, const unsigned int grid[3],
                    const unsigned int block[3], const char *arguments);
void kernel_abort(CUresult result) __attribute__((noreturn));
extern const struct bach_runtime fiber_runtime;
void fiber_reset(void);

// ---- cuBLAS and cuSOLVER (library.c, cublas.c, cusolver.c, host_blas.c, host_eigen.c) -------------

// A cuBLAS or cuSOLVER handle: the stream its calls go to (NULL: the legacy stream).
struct library_handle {
    CUstream stream;
};

// Resolves a live handle of `registry` and its stream, and checks the context; `*status` gets
// the library's code for an invalid handle (`not_initialized`) or a context error.
struct stream *library_stream(struct registry *registry, const void *handle, int not_initialized,
                              int execution_failed, int *status);
// Issues `body` over a copy of `bytes` bytes of `arguments` to `stream` as one deferred
// operation; returns a CUresult.
CUresult library_issue(struct stream *stream, library_body body, const void *arguments, size_t bytes);
// Whether `rows × columns` doubles with leading dimension `ld` at `address` are device memory.
int library_matrix_in_device(const void *address, int rows, int columns, int ld);
void libraries_release_all(void);

// Column-major host implementations (host_blas.c, host_eigen.c).
void host_dgemm(int transpose_a, int transpose_b, int m, int n, int k, double alpha, const double *a, int lda,
                const double *b, int ldb, double beta, double *c, int ldc);
void host_dsyrk(int lower, int transpose, int n, int k, double alpha, const double *a, int lda, double beta,
                double *c, int ldc);
long long host_dsyevd_workspace(int n);
int host_dsyevd(int lower, int n, double *a, int lda, double *w, double *workspace);

// ---- Faults, schedule and configuration (config.c) ----------------------------------------------

enum fault_kind {
    FAULT_ALLOC,
    FAULT_COPY,
    FAULT_LAUNCH,
    FAULT_COMPILE,
    FAULT_LOAD,
    FAULT_SYNC,
    FAULT_LIBRARY,
    FAULT_KINDS
};

struct fault {
    enum fault_kind kind;
    unsigned long long call;
    int code;
};

int fault_check(enum fault_kind kind);
void config_load_environment(void);
int config_parse_bytes(const char *text, unsigned long long *bytes);

// ---- Counters -----------------------------------------------------------------------------------

struct counters {
    long long device_allocations, device_bytes, pinned_allocations, pinned_bytes;
    long long pageable_htod_copies, pageable_htod_bytes, pageable_dtoh_copies, pageable_dtoh_bytes;
    long long htod_copies, htod_bytes, dtoh_copies, dtoh_bytes, dtod_copies, dtod_bytes;
    long long memsets, launches, kernels_run, compiles, modules_loaded;
    long long blas_calls, solver_calls, library_calls_run;
};

// ---- The state ----------------------------------------------------------------------------------

struct double_state {
    pthread_mutex_t lock;
    int initialized;
    unsigned long long capacity;  // device memory in bytes

    // The primary context: one per process, reference counted; a new generation after each
    // release to zero, so that handles of a destroyed context stay invalid.
    int context_references;
    unsigned long long context_generation;
    CUresult sticky_error;

    struct registry streams, events, modules, functions, programs, blas_handles, solver_handles;
    struct stream legacy;  // the NULL stream
    struct stream **pending;  // streams with work not yet run
    size_t pending_count, pending_capacity;
    struct stream **destroyed;  // destroyed streams, kept until the context goes
    size_t destroyed_count, destroyed_capacity;
    long long pending_operations;

    int random_schedule;
    unsigned long long random_state;

    struct fault *faults;
    size_t fault_count;
    unsigned long long fault_calls[FAULT_KINDS];

    struct counters counters;
};

extern struct double_state state;

void state_lock(void);
CUresult state_unlock(CUresult result);
CUresult check_initialized(void);
CUresult check_context(void);
void context_destroy(void);
void *context_handle(void);

#pragma GCC visibility pop

#endif
