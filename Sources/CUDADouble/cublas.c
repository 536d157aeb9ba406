// The cuBLAS entry points the project uses (cublas_v2.h, CUDA 13): handles, streams, DGEMM and
// DSYRK, run on the host as deferred stream work. Scalars are read from host memory at the call
// (CUBLAS_POINTER_MODE_HOST, the default; device pointer mode is not offered). Where cuBLAS would
// fault later on the device, the double refuses at the call with CUBLAS_STATUS_INVALID_VALUE: a
// matrix outside device memory, a scalar pointer into device memory.
#include "state.h"

#include <stdint.h>
#include <stdlib.h>

typedef int cublasStatus_t;
typedef struct cublasContext *cublasHandle_t;

enum {
    CUBLAS_STATUS_SUCCESS = 0,
    CUBLAS_STATUS_NOT_INITIALIZED = 1,
    CUBLAS_STATUS_ALLOC_FAILED = 3,
    CUBLAS_STATUS_INVALID_VALUE = 7,
    CUBLAS_STATUS_ARCH_MISMATCH = 8,
    CUBLAS_STATUS_MAPPING_ERROR = 11,
    CUBLAS_STATUS_EXECUTION_FAILED = 13,
    CUBLAS_STATUS_INTERNAL_ERROR = 14,
    CUBLAS_STATUS_NOT_SUPPORTED = 15,
    CUBLAS_STATUS_LICENSE_ERROR = 16,
};
enum { CUBLAS_OP_N = 0, CUBLAS_OP_T = 1, CUBLAS_OP_C = 2 };
enum { CUBLAS_FILL_MODE_LOWER = 0, CUBLAS_FILL_MODE_UPPER = 1 };

static const struct {
    int status;
    const char *name, *text;
} statuses[] = {
    {CUBLAS_STATUS_SUCCESS, "CUBLAS_STATUS_SUCCESS", "success"},
    {CUBLAS_STATUS_NOT_INITIALIZED, "CUBLAS_STATUS_NOT_INITIALIZED", "the library was not initialized"},
    {CUBLAS_STATUS_ALLOC_FAILED, "CUBLAS_STATUS_ALLOC_FAILED", "the resource allocation failed"},
    {CUBLAS_STATUS_INVALID_VALUE, "CUBLAS_STATUS_INVALID_VALUE",
     "an invalid numeric value was used as an argument"},
    {CUBLAS_STATUS_ARCH_MISMATCH, "CUBLAS_STATUS_ARCH_MISMATCH",
     "an absent device architectural feature is required"},
    {CUBLAS_STATUS_MAPPING_ERROR, "CUBLAS_STATUS_MAPPING_ERROR", "an access to GPU memory space failed"},
    {CUBLAS_STATUS_EXECUTION_FAILED, "CUBLAS_STATUS_EXECUTION_FAILED", "the GPU program failed to execute"},
    {CUBLAS_STATUS_INTERNAL_ERROR, "CUBLAS_STATUS_INTERNAL_ERROR", "an internal operation failed"},
    {CUBLAS_STATUS_NOT_SUPPORTED, "CUBLAS_STATUS_NOT_SUPPORTED", "the feature required is not supported"},
    {CUBLAS_STATUS_LICENSE_ERROR, "CUBLAS_STATUS_LICENSE_ERROR", "licensing error"},
};

static const char *describe(cublasStatus_t status, int name) {
    for (size_t i = 0; i < sizeof statuses / sizeof statuses[0]; i++) {
        if (statuses[i].status == status) return name ? statuses[i].name : statuses[i].text;
    }
    return name ? "CUBLAS_STATUS_UNKNOWN" : "unknown error";
}

const char *cublasGetStatusName(cublasStatus_t status) { return describe(status, 1); }

const char *cublasGetStatusString(cublasStatus_t status) { return describe(status, 0); }

cublasStatus_t cublasCreate_v2(cublasHandle_t *handle) {
    state_lock();
    cublasStatus_t status =
        check_context() == CUDA_SUCCESS ? CUBLAS_STATUS_SUCCESS : CUBLAS_STATUS_NOT_INITIALIZED;
    if (status == CUBLAS_STATUS_SUCCESS && !handle) status = CUBLAS_STATUS_INVALID_VALUE;
    if (status == CUBLAS_STATUS_SUCCESS) {
        struct library_handle *library = calloc(1, sizeof *library);
        void *created = library ? registry_add(&state.blas_handles, library) : NULL;
        if (created) {
            *handle = created;
        } else {
            free(library);
            status = CUBLAS_STATUS_ALLOC_FAILED;
        }
    }
    state_unlock(CUDA_SUCCESS);
    return status;
}

// Destroying a handle synchronises the device, as cuBLAS documents.
cublasStatus_t cublasDestroy_v2(cublasHandle_t handle) {
    state_lock();
    struct library_handle *library = registry_remove(&state.blas_handles, handle);
    cublasStatus_t status = library ? CUBLAS_STATUS_SUCCESS : CUBLAS_STATUS_NOT_INITIALIZED;
    if (library && scheduler_run_all() != CUDA_SUCCESS) status = CUBLAS_STATUS_EXECUTION_FAILED;
    free(library);
    state_unlock(CUDA_SUCCESS);
    return status;
}

cublasStatus_t cublasSetStream_v2(cublasHandle_t handle, CUstream stream) {
    state_lock();
    struct library_handle *library = registry_find(&state.blas_handles, handle);
    cublasStatus_t status = library ? CUBLAS_STATUS_SUCCESS : CUBLAS_STATUS_NOT_INITIALIZED;
    CUresult error = CUDA_SUCCESS;
    if (library && !stream_resolve(stream, &error)) status = CUBLAS_STATUS_INVALID_VALUE;
    if (status == CUBLAS_STATUS_SUCCESS) library->stream = stream;
    state_unlock(CUDA_SUCCESS);
    return status;
}

cublasStatus_t cublasGetStream_v2(cublasHandle_t handle, CUstream *stream) {
    state_lock();
    struct library_handle *library = registry_find(&state.blas_handles, handle);
    cublasStatus_t status = library ? CUBLAS_STATUS_SUCCESS : CUBLAS_STATUS_NOT_INITIALIZED;
    if (library && !stream) status = CUBLAS_STATUS_INVALID_VALUE;
    if (status == CUBLAS_STATUS_SUCCESS) *stream = library->stream;
    state_unlock(CUDA_SUCCESS);
    return status;
}

// Whether a host scalar argument can be read: not NULL and not device memory.
static int host_scalar(const double *value) { return value && !memory_overlaps_device(value, sizeof *value); }

// The common start of a call that issues work: its stream, after the handle, context and fault
// plan; NULL with `*status` set otherwise.
static struct stream *begin_call(cublasHandle_t handle, cublasStatus_t *status) {
    struct stream *stream = library_stream(&state.blas_handles, handle, CUBLAS_STATUS_NOT_INITIALIZED,
                                           CUBLAS_STATUS_EXECUTION_FAILED, status);
    if (!stream) return NULL;
    int fault = fault_check(FAULT_LIBRARY);
    if (fault) {
        *status = fault;
        return NULL;
    }
    return stream;
}

static cublasStatus_t finish_call(CUresult issued) {
    if (issued == CUDA_ERROR_OUT_OF_MEMORY) return CUBLAS_STATUS_ALLOC_FAILED;
    if (issued != CUDA_SUCCESS) return CUBLAS_STATUS_INTERNAL_ERROR;
    state.counters.blas_calls++;
    return CUBLAS_STATUS_SUCCESS;
}

struct gemm_call {
    int transpose_a, transpose_b, m, n, k, lda, ldb, ldc;
    double alpha, beta;
    const double *a, *b;
    double *c;
};

static CUresult run_gemm(const void *arguments) {
    const struct gemm_call *g = arguments;
    host_dgemm(g->transpose_a, g->transpose_b, g->m, g->n, g->k, g->alpha, g->a, g->lda, g->b, g->ldb,
               g->beta, g->c, g->ldc);
    return CUDA_SUCCESS;
}

static int is_operation(int op) { return op == CUBLAS_OP_N || op == CUBLAS_OP_T || op == CUBLAS_OP_C; }

cublasStatus_t cublasDgemm_v2(cublasHandle_t handle, int transa, int transb, int m, int n, int k,
                              const double *alpha, const double *a, int lda, const double *b, int ldb,
                              const double *beta, double *c, int ldc) {
    state_lock();
    cublasStatus_t status = CUBLAS_STATUS_SUCCESS;
    struct stream *stream = begin_call(handle, &status);
    if (stream) {
        int ta = transa != CUBLAS_OP_N, tb = transb != CUBLAS_OP_N;
        int a_rows = ta ? k : m, a_columns = ta ? m : k, b_rows = tb ? n : k, b_columns = tb ? k : n;
        int reads = k > 0 && m > 0 && n > 0;
        if (!is_operation(transa) || !is_operation(transb) || m < 0 || n < 0 || k < 0 ||
            lda < (a_rows > 1 ? a_rows : 1) || ldb < (b_rows > 1 ? b_rows : 1) || ldc < (m > 1 ? m : 1) ||
            !host_scalar(alpha) || !host_scalar(beta) || !library_matrix_in_device(c, m, n, ldc) ||
            (reads && (!library_matrix_in_device(a, a_rows, a_columns, lda) ||
                       !library_matrix_in_device(b, b_rows, b_columns, ldb))))
            status = CUBLAS_STATUS_INVALID_VALUE;
        if (status == CUBLAS_STATUS_SUCCESS) {
            struct gemm_call call = {ta, tb, m, n, k, lda, ldb, ldc, *alpha, *beta, a, b, c};
            status = finish_call(library_issue(stream, run_gemm, &call, sizeof call));
        }
    }
    state_unlock(CUDA_SUCCESS);
    return status;
}

struct syrk_call {
    int lower, transpose, n, k, lda, ldc;
    double alpha, beta;
    const double *a;
    double *c;
};

static CUresult run_syrk(const void *arguments) {
    const struct syrk_call *s = arguments;
    host_dsyrk(s->lower, s->transpose, s->n, s->k, s->alpha, s->a, s->lda, s->beta, s->c, s->ldc);
    return CUDA_SUCCESS;
}

cublasStatus_t cublasDsyrk_v2(cublasHandle_t handle, int uplo, int trans, int n, int k, const double *alpha,
                              const double *a, int lda, const double *beta, double *c, int ldc) {
    state_lock();
    cublasStatus_t status = CUBLAS_STATUS_SUCCESS;
    struct stream *stream = begin_call(handle, &status);
    if (stream) {
        int transpose = trans != CUBLAS_OP_N;
        int a_rows = transpose ? k : n, a_columns = transpose ? n : k;
        if ((uplo != CUBLAS_FILL_MODE_LOWER && uplo != CUBLAS_FILL_MODE_UPPER) || !is_operation(trans) ||
            n < 0 || k < 0 || lda < (a_rows > 1 ? a_rows : 1) || ldc < (n > 1 ? n : 1) ||
            !host_scalar(alpha) || !host_scalar(beta) || !library_matrix_in_device(c, n, n, ldc) ||
            (k > 0 && n > 0 && !library_matrix_in_device(a, a_rows, a_columns, lda)))
            status = CUBLAS_STATUS_INVALID_VALUE;
        if (status == CUBLAS_STATUS_SUCCESS) {
            struct syrk_call call = {
                uplo == CUBLAS_FILL_MODE_LOWER, transpose, n, k, lda, ldc, *alpha, *beta, a, c};
            status = finish_call(library_issue(stream, run_syrk, &call, sizeof call));
        }
    }
    state_unlock(CUDA_SUCCESS);
    return status;
}
