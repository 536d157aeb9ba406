// What cuBLAS and cuSOLVER share in the double: handles in registries (each remembering the stream
// its calls go to), and calls issued as deferred stream work that runs on the host when the
// stream runs, like a kernel. Handles belong to the primary context: destroying it destroys them.
#include "state.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct stream *library_stream(struct registry *registry, const void *handle, int not_initialized,
                              int execution_failed, int *status) {
    CUresult context = check_context();
    if (context != CUDA_SUCCESS) {
        int unusable = context == CUDA_ERROR_NOT_INITIALIZED || context == CUDA_ERROR_INVALID_CONTEXT;
        *status = unusable ? not_initialized : execution_failed;
        return NULL;
    }
    struct library_handle *library = registry_find(registry, handle);
    if (!library) {
        *status = not_initialized;
        return NULL;
    }
    CUresult error = CUDA_SUCCESS;
    struct stream *stream = stream_resolve(library->stream, &error);
    // The stream was destroyed after it was set: a real library would fail when it launches.
    if (!stream) *status = execution_failed;
    return stream;
}

CUresult library_issue(struct stream *stream, library_body body, const void *arguments, size_t bytes) {
    struct operation *operation = operation_new(OPERATION_LIBRARY);
    void *copy = malloc(bytes);
    if (!operation || !copy) {
        free(operation);
        free(copy);
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    memcpy(copy, arguments, bytes);
    operation->library.body = body;
    operation->library.arguments = copy;
    return scheduler_issue(stream, operation);
}

int library_matrix_in_device(const void *address, int rows, int columns, int ld) {
    if (rows == 0 || columns == 0) return 1;
    size_t elements = (size_t)(columns - 1) * (size_t)ld + (size_t)rows;
    return memory_is_device_range((CUdeviceptr)(uintptr_t)address, elements * sizeof(double));
}

void libraries_release_all(void) {
    struct registry *registries[] = {&state.blas_handles, &state.solver_handles};
    for (size_t r = 0; r < 2; r++) {
        for (size_t i = 0; i < registries[r]->count; i++) free(registries[r]->items[i]);
        registry_clear(registries[r]);
    }
}
