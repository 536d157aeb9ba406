// Streams and events. A destroyed stream's handle is invalid at once, but the work already issued
// to it still runs; a destroyed event's pending record likewise.
#include "state.h"

#include <stdint.h>
#include <stdlib.h>

struct stream *stream_resolve(CUstream handle, CUresult *error) {
    if (handle == NULL || handle == CU_STREAM_LEGACY) return &state.legacy;
    if (handle == CU_STREAM_PER_THREAD) {
        *error = CUDA_ERROR_NOT_SUPPORTED;
        return NULL;
    }
    struct stream *stream = registry_find(&state.streams, handle);
    if (!stream) *error = CUDA_ERROR_INVALID_HANDLE;
    return stream;
}

// Frees every stream and event (the context is going; no work is pending).
void streams_release_all(void) {
    for (size_t i = 0; i < state.streams.count; i++) free(state.streams.items[i]);
    registry_clear(&state.streams);
    for (size_t i = 0; i < state.destroyed_count; i++) free(state.destroyed[i]);
    state.destroyed_count = 0;
    for (size_t i = 0; i < state.events.count; i++) free(state.events.items[i]);
    registry_clear(&state.events);
    state.legacy.issued = state.legacy.done = 0;
}

CUresult cuStreamCreate(CUstream *handle, unsigned int flags) {
    state_lock();
    CUresult result = check_context();
    if (result == CUDA_SUCCESS && (!handle || (flags & ~CU_STREAM_NON_BLOCKING)))
        result = CUDA_ERROR_INVALID_VALUE;
    // Room to keep every live stream, this one included, once destroyed, reserved now so that
    // destroying cannot fail.
    if (result == CUDA_SUCCESS && state.destroyed_capacity < state.destroyed_count + state.streams.live + 1) {
        size_t capacity = 2 * (state.destroyed_count + state.streams.live + 1);
        struct stream **grown = realloc(state.destroyed, capacity * sizeof *grown);
        if (grown) {
            state.destroyed = grown;
            state.destroyed_capacity = capacity;
        } else {
            result = CUDA_ERROR_OUT_OF_MEMORY;
        }
    }
    if (result == CUDA_SUCCESS) {
        struct stream *stream = calloc(1, sizeof *stream);
        void *created = stream ? registry_add(&state.streams, stream) : NULL;
        if (created) {
            stream->alive = 1;
            stream->blocking = !(flags & CU_STREAM_NON_BLOCKING);
            stream->pending_index = SIZE_MAX;
            *handle = created;
        } else {
            free(stream);
            result = CUDA_ERROR_OUT_OF_MEMORY;
        }
    }
    return state_unlock(result);
}

CUresult cuStreamDestroy_v2(CUstream handle) {
    state_lock();
    CUresult result = check_context();
    struct stream *stream = NULL;
    if (result == CUDA_SUCCESS) {
        stream = registry_remove(&state.streams, handle);
        if (!stream) result = CUDA_ERROR_INVALID_HANDLE;
    }
    if (stream) {
        stream->alive = 0;
        state.destroyed[state.destroyed_count++] = stream;
    }
    return state_unlock(result);
}

CUresult cuStreamSynchronize(CUstream handle) {
    state_lock();
    CUresult result = check_context();
    struct stream *stream = result == CUDA_SUCCESS ? stream_resolve(handle, &result) : NULL;
    if (stream) result = fault_check(FAULT_SYNC);
    if (stream && result == CUDA_SUCCESS) result = scheduler_run_stream(stream);
    return state_unlock(result);
}

CUresult cuStreamQuery(CUstream handle) {
    state_lock();
    CUresult result = check_context();
    struct stream *stream = result == CUDA_SUCCESS ? stream_resolve(handle, &result) : NULL;
    if (stream) {
        int idle = stream->done == stream->issued;
        if (stream == &state.legacy) {
            for (size_t i = 0; i < state.pending_count; i++) idle &= !state.pending[i]->blocking;
        }
        result = idle ? CUDA_SUCCESS : CUDA_ERROR_NOT_READY;
    }
    return state_unlock(result);
}

CUresult cuStreamWaitEvent(CUstream handle, CUevent event_handle, unsigned int flags) {
    state_lock();
    CUresult result = check_context();
    struct stream *stream = result == CUDA_SUCCESS ? stream_resolve(handle, &result) : NULL;
    struct event *event = stream ? registry_find(&state.events, event_handle) : NULL;
    if (stream && !event) result = CUDA_ERROR_INVALID_HANDLE;
    if (event && (flags & ~CU_EVENT_WAIT_EXTERNAL)) result = CUDA_ERROR_INVALID_VALUE;
    if (event && result == CUDA_SUCCESS) {
        // The wait captures the event's last record now; later records do not affect it.
        struct operation *wait = operation_new(OPERATION_MARKER);
        result = wait ? operation_add_dependency(wait, event->stream, event->seq) : CUDA_ERROR_OUT_OF_MEMORY;
        if (result == CUDA_SUCCESS)
            result = scheduler_issue(stream, wait);
        else
            free(wait);
    }
    return state_unlock(result);
}

CUresult cuEventCreate(CUevent *handle, unsigned int flags) {
    state_lock();
    CUresult result = check_context();
    unsigned int known = CU_EVENT_BLOCKING_SYNC | CU_EVENT_DISABLE_TIMING | CU_EVENT_INTERPROCESS;
    if (result == CUDA_SUCCESS && (!handle || (flags & ~known) ||
                                   ((flags & CU_EVENT_INTERPROCESS) && !(flags & CU_EVENT_DISABLE_TIMING))))
        result = CUDA_ERROR_INVALID_VALUE;
    if (result == CUDA_SUCCESS) {
        struct event *event = calloc(1, sizeof *event);
        void *created = event ? registry_add(&state.events, event) : NULL;
        if (created) {
            event->flags = flags;
            *handle = created;
        } else {
            free(event);
            result = CUDA_ERROR_OUT_OF_MEMORY;
        }
    }
    return state_unlock(result);
}

CUresult cuEventDestroy_v2(CUevent handle) {
    state_lock();
    CUresult result = check_context();
    if (result == CUDA_SUCCESS) {
        struct event *event = registry_remove(&state.events, handle);
        if (event)
            free(event);
        else
            result = CUDA_ERROR_INVALID_HANDLE;
    }
    return state_unlock(result);
}

CUresult cuEventRecord(CUevent event_handle, CUstream handle) {
    state_lock();
    CUresult result = check_context();
    struct event *event = result == CUDA_SUCCESS ? registry_find(&state.events, event_handle) : NULL;
    if (result == CUDA_SUCCESS && !event) result = CUDA_ERROR_INVALID_HANDLE;
    struct stream *stream = event ? stream_resolve(handle, &result) : NULL;
    if (stream) {
        struct operation *record = operation_new(OPERATION_MARKER);
        result = record ? scheduler_issue(stream, record) : CUDA_ERROR_OUT_OF_MEMORY;
        if (result == CUDA_SUCCESS) {
            event->stream = stream;
            event->seq = stream->issued;
        }
    }
    return state_unlock(result);
}

CUresult cuEventSynchronize(CUevent handle) {
    state_lock();
    CUresult result = check_context();
    struct event *event = result == CUDA_SUCCESS ? registry_find(&state.events, handle) : NULL;
    if (result == CUDA_SUCCESS && !event) result = CUDA_ERROR_INVALID_HANDLE;
    if (event) result = fault_check(FAULT_SYNC);
    if (event && result == CUDA_SUCCESS && !scheduler_is_complete(event->stream, event->seq))
        result = scheduler_run_until(event->stream, event->seq);
    return state_unlock(result);
}

CUresult cuEventQuery(CUevent handle) {
    state_lock();
    CUresult result = check_context();
    struct event *event = result == CUDA_SUCCESS ? registry_find(&state.events, handle) : NULL;
    if (result == CUDA_SUCCESS && !event) result = CUDA_ERROR_INVALID_HANDLE;
    if (event)
        result = scheduler_is_complete(event->stream, event->seq) ? CUDA_SUCCESS : CUDA_ERROR_NOT_READY;
    return state_unlock(result);
}
