// Copies and memsets. Host-to-device copies from pinned memory read the source when they run;
// from pageable memory the source is staged at issue, so the caller may reuse it on return.
// Device-to-host copies into pageable memory complete before the call returns; into pinned
// memory they are deferred. Synchronous copies run on the legacy stream and complete before
// returning.
#include "state.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

// Validates the device range and the host range of a copy.
static CUresult check_ranges(CUdeviceptr device, const void *host, size_t bytes) {
    if (!host || !memory_is_device_range(device, bytes) || memory_overlaps_device(host, bytes))
        return CUDA_ERROR_INVALID_VALUE;
    return CUDA_SUCCESS;
}

// Issues a copy and, if `wait`, runs its stream up to it.
static CUresult issue_copy(struct stream *stream, void *destination, const void *source, size_t bytes,
                           void *staging, int wait) {
    struct operation *copy = operation_new(OPERATION_COPY);
    if (!copy) {
        free(staging);
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    copy->copy.destination = destination;
    copy->copy.source = staging ? staging : source;
    copy->copy.bytes = bytes;
    copy->copy.staging = staging;
    CUresult result = scheduler_issue(stream, copy);
    if (result == CUDA_SUCCESS && wait) result = scheduler_run_until(stream, stream->issued);
    return result;
}

static CUresult host_to_device(CUdeviceptr destination, const void *source, size_t bytes, CUstream handle,
                               int synchronous) {
    state_lock();
    CUresult result = check_context();
    struct stream *stream = result == CUDA_SUCCESS ? stream_resolve(handle, &result) : NULL;
    if (stream) result = fault_check(FAULT_COPY);
    if (result == CUDA_SUCCESS && stream && bytes > 0) result = check_ranges(destination, source, bytes);
    if (result == CUDA_SUCCESS && stream && bytes > 0) {
        int pageable = !memory_is_pinned_range(source, bytes);
        void *staging = NULL;
        if (pageable && !synchronous) {
            staging = malloc(bytes);
            if (staging)
                memcpy(staging, source, bytes);
            else
                result = CUDA_ERROR_OUT_OF_MEMORY;
        }
        if (result == CUDA_SUCCESS) {
            state.counters.htod_copies++;
            state.counters.htod_bytes += (long long)bytes;
            state.counters.pageable_htod_copies += pageable;
            state.counters.pageable_htod_bytes += pageable ? (long long)bytes : 0;
            result = issue_copy(stream, (void *)(uintptr_t)destination, source, bytes, staging, synchronous);
        }
    }
    return state_unlock(result);
}

static CUresult device_to_host(void *destination, CUdeviceptr source, size_t bytes, CUstream handle,
                               int synchronous) {
    state_lock();
    CUresult result = check_context();
    struct stream *stream = result == CUDA_SUCCESS ? stream_resolve(handle, &result) : NULL;
    if (stream) result = fault_check(FAULT_COPY);
    if (result == CUDA_SUCCESS && stream && bytes > 0) result = check_ranges(source, destination, bytes);
    if (result == CUDA_SUCCESS && stream && bytes > 0) {
        int pageable = !memory_is_pinned_range(destination, bytes);
        state.counters.dtoh_copies++;
        state.counters.dtoh_bytes += (long long)bytes;
        state.counters.pageable_dtoh_copies += pageable;
        state.counters.pageable_dtoh_bytes += pageable ? (long long)bytes : 0;
        result = issue_copy(stream, destination, (const void *)(uintptr_t)source, bytes, NULL,
                            synchronous || pageable);
    }
    return state_unlock(result);
}

CUresult cuMemcpyHtoD_v2(CUdeviceptr destination, const void *source, size_t bytes) {
    return host_to_device(destination, source, bytes, NULL, 1);
}

CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr destination, const void *source, size_t bytes, CUstream stream) {
    return host_to_device(destination, source, bytes, stream, 0);
}

CUresult cuMemcpyDtoH_v2(void *destination, CUdeviceptr source, size_t bytes) {
    return device_to_host(destination, source, bytes, NULL, 1);
}

CUresult cuMemcpyDtoHAsync_v2(void *destination, CUdeviceptr source, size_t bytes, CUstream stream) {
    return device_to_host(destination, source, bytes, stream, 0);
}

CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr destination, CUdeviceptr source, size_t bytes, CUstream handle) {
    state_lock();
    CUresult result = check_context();
    struct stream *stream = result == CUDA_SUCCESS ? stream_resolve(handle, &result) : NULL;
    if (stream) result = fault_check(FAULT_COPY);
    if (result == CUDA_SUCCESS && stream && bytes > 0 &&
        (!memory_is_device_range(destination, bytes) || !memory_is_device_range(source, bytes)))
        result = CUDA_ERROR_INVALID_VALUE;
    if (result == CUDA_SUCCESS && stream && bytes > 0) {
        state.counters.dtod_copies++;
        state.counters.dtod_bytes += (long long)bytes;
        result = issue_copy(stream, (void *)(uintptr_t)destination, (const void *)(uintptr_t)source, bytes,
                            NULL, 0);
    }
    return state_unlock(result);
}

CUresult cuMemsetD8Async(CUdeviceptr destination, unsigned char value, size_t bytes, CUstream handle) {
    state_lock();
    CUresult result = check_context();
    struct stream *stream = result == CUDA_SUCCESS ? stream_resolve(handle, &result) : NULL;
    if (stream) result = fault_check(FAULT_COPY);
    if (result == CUDA_SUCCESS && stream && bytes > 0 && !memory_is_device_range(destination, bytes))
        result = CUDA_ERROR_INVALID_VALUE;
    if (result == CUDA_SUCCESS && stream && bytes > 0) {
        struct operation *set = operation_new(OPERATION_MEMSET);
        if (set) {
            set->memset.destination = (void *)(uintptr_t)destination;
            set->memset.value = value;
            set->memset.bytes = bytes;
            state.counters.memsets++;
            result = scheduler_issue(stream, set);
        } else {
            result = CUDA_ERROR_OUT_OF_MEMORY;
        }
    }
    return state_unlock(result);
}
