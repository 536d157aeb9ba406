// The cuSOLVER entry points the project uses (cusolverDn.h, CUDA 13): handles, streams and the
// symmetric eigensolver DSYEVD, run on the host as deferred stream work (Householder
// tridiagonalisation and implicit QL, see host_eigen.c). As in cuBLAS, a matrix or vector outside
// device memory is refused at the call (CUSOLVER_STATUS_INVALID_VALUE), and so is a workspace
// smaller than cusolverDnDsyevd_bufferSize asks for.
#include "state.h"

#include <stdint.h>
#include <stdlib.h>

typedef int cusolverStatus_t;
typedef struct cusolverDnContext *cusolverDnHandle_t;

enum {
    CUSOLVER_STATUS_SUCCESS = 0,
    CUSOLVER_STATUS_NOT_INITIALIZED = 1,
    CUSOLVER_STATUS_ALLOC_FAILED = 2,
    CUSOLVER_STATUS_INVALID_VALUE = 3,
    CUSOLVER_STATUS_EXECUTION_FAILED = 6,
    CUSOLVER_STATUS_INTERNAL_ERROR = 7,
};
enum { CUSOLVER_EIG_MODE_NOVECTOR = 0, CUSOLVER_EIG_MODE_VECTOR = 1 };
enum { FILL_MODE_LOWER = 0, FILL_MODE_UPPER = 1 };

cusolverStatus_t cusolverDnCreate(cusolverDnHandle_t *handle) {
    state_lock();
    cusolverStatus_t status =
        check_context() == CUDA_SUCCESS ? CUSOLVER_STATUS_SUCCESS : CUSOLVER_STATUS_NOT_INITIALIZED;
    if (status == CUSOLVER_STATUS_SUCCESS && !handle) status = CUSOLVER_STATUS_INVALID_VALUE;
    if (status == CUSOLVER_STATUS_SUCCESS) {
        struct library_handle *library = calloc(1, sizeof *library);
        void *created = library ? registry_add(&state.solver_handles, library) : NULL;
        if (created) {
            *handle = created;
        } else {
            free(library);
            status = CUSOLVER_STATUS_ALLOC_FAILED;
        }
    }
    state_unlock(CUDA_SUCCESS);
    return status;
}

cusolverStatus_t cusolverDnDestroy(cusolverDnHandle_t handle) {
    state_lock();
    struct library_handle *library = registry_remove(&state.solver_handles, handle);
    cusolverStatus_t status = library ? CUSOLVER_STATUS_SUCCESS : CUSOLVER_STATUS_NOT_INITIALIZED;
    if (library && scheduler_run_all() != CUDA_SUCCESS) status = CUSOLVER_STATUS_EXECUTION_FAILED;
    free(library);
    state_unlock(CUDA_SUCCESS);
    return status;
}

cusolverStatus_t cusolverDnSetStream(cusolverDnHandle_t handle, CUstream stream) {
    state_lock();
    struct library_handle *library = registry_find(&state.solver_handles, handle);
    cusolverStatus_t status = library ? CUSOLVER_STATUS_SUCCESS : CUSOLVER_STATUS_NOT_INITIALIZED;
    CUresult error = CUDA_SUCCESS;
    if (library && !stream_resolve(stream, &error)) status = CUSOLVER_STATUS_INVALID_VALUE;
    if (status == CUSOLVER_STATUS_SUCCESS) library->stream = stream;
    state_unlock(CUDA_SUCCESS);
    return status;
}

cusolverStatus_t cusolverDnGetStream(cusolverDnHandle_t handle, CUstream *stream) {
    state_lock();
    struct library_handle *library = registry_find(&state.solver_handles, handle);
    cusolverStatus_t status = library ? CUSOLVER_STATUS_SUCCESS : CUSOLVER_STATUS_NOT_INITIALIZED;
    if (library && !stream) status = CUSOLVER_STATUS_INVALID_VALUE;
    if (status == CUSOLVER_STATUS_SUCCESS) *stream = library->stream;
    state_unlock(CUDA_SUCCESS);
    return status;
}

static int valid_shape(int jobz, int uplo, int n, int lda) {
    return (jobz == CUSOLVER_EIG_MODE_NOVECTOR || jobz == CUSOLVER_EIG_MODE_VECTOR) &&
           (uplo == FILL_MODE_LOWER || uplo == FILL_MODE_UPPER) && n >= 0 && lda >= (n > 1 ? n : 1);
}

cusolverStatus_t cusolverDnDsyevd_bufferSize(cusolverDnHandle_t handle, int jobz, int uplo, int n,
                                             const double *a, int lda, const double *w, int *lwork) {
    (void)a;
    (void)w;
    // Issues no work: the handle's stream is not used (it may have been destroyed since it was set).
    state_lock();
    int status = CUSOLVER_STATUS_SUCCESS;
    if (check_context() != CUDA_SUCCESS || !registry_find(&state.solver_handles, handle))
        status = CUSOLVER_STATUS_NOT_INITIALIZED;
    long long required = host_dsyevd_workspace(n);
    if (status == CUSOLVER_STATUS_SUCCESS &&
        (!valid_shape(jobz, uplo, n, lda) || !lwork || required > 0x7fffffff))
        status = CUSOLVER_STATUS_INVALID_VALUE;
    if (status == CUSOLVER_STATUS_SUCCESS) *lwork = (int)required;
    state_unlock(CUDA_SUCCESS);
    return status;
}

struct syevd_call {
    int lower, n, lda;
    double *a, *w, *work;
    int *info;
};

static CUresult run_syevd(const void *arguments) {
    const struct syevd_call *s = arguments;
    *s->info = host_dsyevd(s->lower, s->n, s->a, s->lda, s->w, s->work);
    return CUDA_SUCCESS;
}

cusolverStatus_t cusolverDnDsyevd(cusolverDnHandle_t handle, int jobz, int uplo, int n, double *a, int lda,
                                  double *w, double *work, int lwork, int *info) {
    state_lock();
    int status = CUSOLVER_STATUS_SUCCESS;
    struct stream *stream = library_stream(&state.solver_handles, handle, CUSOLVER_STATUS_NOT_INITIALIZED,
                                           CUSOLVER_STATUS_EXECUTION_FAILED, &status);
    if (stream) {
        int fault = fault_check(FAULT_LIBRARY);
        if (fault) status = fault;
    }
    if (stream && status == CUSOLVER_STATUS_SUCCESS) {
        if (!valid_shape(jobz, uplo, n, lda) || lwork < host_dsyevd_workspace(n) ||
            !library_matrix_in_device(a, n, n, lda) || !library_matrix_in_device(w, n, 1, n > 1 ? n : 1) ||
            !library_matrix_in_device(work, lwork, 1, lwork > 1 ? lwork : 1) ||
            !memory_is_device_range((CUdeviceptr)(uintptr_t)info, sizeof *info))
            status = CUSOLVER_STATUS_INVALID_VALUE;
    }
    if (stream && status == CUSOLVER_STATUS_SUCCESS) {
        struct syevd_call call = {uplo == FILL_MODE_LOWER, n, lda, a, w, work, info};
        CUresult issued = library_issue(stream, run_syevd, &call, sizeof call);
        if (issued == CUDA_SUCCESS)
            state.counters.solver_calls++;
        else
            status = issued == CUDA_ERROR_OUT_OF_MEMORY ? CUSOLVER_STATUS_ALLOC_FAILED
                                                        : CUSOLVER_STATUS_INTERNAL_ERROR;
    }
    state_unlock(CUDA_SUCCESS);
    return status;
}
