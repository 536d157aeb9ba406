// Deferred stream work. Operations queue per stream and run only when the host needs them
// (synchronisation, synchronous copies, …): in issue order per stream, after the operations they
// depend on (event waits, and the legacy stream's implicit synchronisation with blocking
// streams). In the random schedule, the next operation is drawn among every stream whose next
// operation is ready, and some ready work runs early at API calls.
#include "state.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct operation *operation_new(enum operation_kind kind) {
    struct operation *operation = calloc(1, sizeof *operation);
    if (operation) operation->kind = kind;
    return operation;
}

static void operation_free(struct operation *operation) {
    if (operation->kind == OPERATION_COPY) free(operation->copy.staging);
    if (operation->kind == OPERATION_KERNEL) free(operation->kernel.arguments);
    if (operation->kind == OPERATION_LIBRARY) free(operation->library.arguments);
    free(operation->dependencies);
    free(operation);
}

int scheduler_is_complete(const struct stream *stream, unsigned long long seq) {
    return stream == NULL || stream->done >= seq;
}

CUresult operation_add_dependency(struct operation *operation, struct stream *stream,
                                  unsigned long long seq) {
    if (scheduler_is_complete(stream, seq)) return CUDA_SUCCESS;
    struct dependency *grown =
        realloc(operation->dependencies, (operation->dependency_count + 1) * sizeof *operation->dependencies);
    if (!grown) return CUDA_ERROR_OUT_OF_MEMORY;
    operation->dependencies = grown;
    operation->dependencies[operation->dependency_count++] = (struct dependency){stream, seq};
    return CUDA_SUCCESS;
}

static int operation_is_ready(const struct operation *operation) {
    for (size_t i = 0; i < operation->dependency_count; i++) {
        const struct dependency *d = &operation->dependencies[i];
        if (!scheduler_is_complete(d->stream, d->seq)) return 0;
    }
    return 1;
}

static CUresult pending_reserve(void) {
    if (state.pending_count < state.pending_capacity) return CUDA_SUCCESS;
    size_t capacity = state.pending_capacity ? state.pending_capacity * 2 : 16;
    struct stream **grown = realloc(state.pending, capacity * sizeof *grown);
    if (!grown) return CUDA_ERROR_OUT_OF_MEMORY;
    state.pending = grown;
    state.pending_capacity = capacity;
    return CUDA_SUCCESS;
}

static void pending_remove(struct stream *stream) {
    size_t index = stream->pending_index;
    struct stream *last = state.pending[--state.pending_count];
    state.pending[index] = last;
    last->pending_index = index;
    stream->pending_index = SIZE_MAX;
}

// Queues `operation` on `stream` (taking ownership, also on failure) and sets its number. On the
// legacy stream it first waits for all work issued so far to blocking streams; on a blocking
// stream, for the legacy stream's work issued so far.
CUresult scheduler_issue(struct stream *stream, struct operation *operation) {
    CUresult result = pending_reserve();
    if (stream == &state.legacy) {
        for (size_t i = 0; i < state.pending_count && result == CUDA_SUCCESS; i++) {
            struct stream *other = state.pending[i];
            if (other != stream && other->blocking)
                result = operation_add_dependency(operation, other, other->issued);
        }
    } else if (stream->blocking && result == CUDA_SUCCESS) {
        result = operation_add_dependency(operation, &state.legacy, state.legacy.issued);
    }
    if (result != CUDA_SUCCESS) {
        operation_free(operation);
        return result;
    }
    operation->seq = ++stream->issued;
    if (operation->kind == OPERATION_MARKER && stream->head == NULL && operation->dependency_count == 0) {
        // Nothing to wait for: complete at once, as the GPU would almost immediately.
        stream->done = operation->seq;
        operation_free(operation);
        return CUDA_SUCCESS;
    }
    if (stream->tail)
        stream->tail->next = operation;
    else
        stream->head = operation;
    stream->tail = operation;
    if (stream->pending_index == SIZE_MAX) {
        stream->pending_index = state.pending_count;
        state.pending[state.pending_count++] = stream;
    }
    state.pending_operations++;
    return CUDA_SUCCESS;
}

static CUresult execute(struct operation *operation) {
    switch (operation->kind) {
    case OPERATION_COPY:
        memmove(operation->copy.destination, operation->copy.source, operation->copy.bytes);
        return CUDA_SUCCESS;
    case OPERATION_MEMSET:
        memset(operation->memset.destination, operation->memset.value, operation->memset.bytes);
        return CUDA_SUCCESS;
    case OPERATION_KERNEL:
        state.counters.kernels_run++;
        return kernel_run(operation->kernel.function, operation->kernel.grid, operation->kernel.block,
                          operation->kernel.arguments);
    case OPERATION_MARKER:
        return CUDA_SUCCESS;
    case OPERATION_LIBRARY:
        state.counters.library_calls_run++;
        return operation->library.body(operation->library.arguments);
    }
    return CUDA_ERROR_UNKNOWN;
}

// Runs the next operation of `stream` (whose dependencies are complete). A kernel that fails
// makes its error sticky and abandons all pending work, as a GPU fault does to a context.
static CUresult run_head(struct stream *stream) {
    struct operation *operation = stream->head;
    stream->head = operation->next;
    if (!stream->head) {
        stream->tail = NULL;
        pending_remove(stream);
    }
    state.pending_operations--;
    CUresult result = execute(operation);
    stream->done = operation->seq;
    operation_free(operation);
    if (result != CUDA_SUCCESS) {
        state.sticky_error = result;
        scheduler_discard_all();
    }
    return result;
}

// A stream whose next operation may run, drawn at random.
static struct stream *random_ready_stream(void) {
    size_t ready = 0;
    for (size_t i = 0; i < state.pending_count; i++) ready += operation_is_ready(state.pending[i]->head);
    size_t pick = (size_t)(schedule_next_random() % ready);
    for (size_t i = 0; i < state.pending_count; i++) {
        if (operation_is_ready(state.pending[i]->head) && pick-- == 0) return state.pending[i];
    }
    return NULL;
}

static CUresult run_in_order(struct stream *stream, unsigned long long seq) {
    while (stream->done < seq) {
        struct operation *operation = stream->head;
        for (size_t i = 0; i < operation->dependency_count; i++) {
            const struct dependency d = operation->dependencies[i];
            if (!scheduler_is_complete(d.stream, d.seq)) {
                CUresult result = run_in_order(d.stream, d.seq);
                if (result != CUDA_SUCCESS) return result;
            }
        }
        CUresult result = run_head(stream);
        if (result != CUDA_SUCCESS) return result;
    }
    return CUDA_SUCCESS;
}

CUresult scheduler_run_until(struct stream *stream, unsigned long long seq) {
    if (!state.random_schedule) return run_in_order(stream, seq);
    while (stream->done < seq) {
        CUresult result = run_head(random_ready_stream());
        if (result != CUDA_SUCCESS) return result;
    }
    return CUDA_SUCCESS;
}

// Runs everything issued to `stream` so far; for the legacy stream that includes all work
// issued so far to blocking streams.
CUresult scheduler_run_stream(struct stream *stream) {
    if (stream != &state.legacy) return scheduler_run_until(stream, stream->issued);
    struct operation *marker = operation_new(OPERATION_MARKER);
    if (!marker) return CUDA_ERROR_OUT_OF_MEMORY;
    CUresult result = scheduler_issue(stream, marker);
    if (result != CUDA_SUCCESS) return result;
    return scheduler_run_until(stream, stream->issued);
}

CUresult scheduler_run_all(void) {
    while (state.pending_count > 0) {
        struct stream *stream = state.pending[0];
        CUresult result =
            state.random_schedule ? run_head(random_ready_stream()) : run_in_order(stream, stream->issued);
        if (result != CUDA_SUCCESS) return result;
    }
    return CUDA_SUCCESS;
}

// Random schedule: at one API call in four, runs one ready operation early (more would mostly
// complete producers before their consumers are even issued, hiding missing waits).
void scheduler_progress(void) {
    if (state.pending_count > 0 && schedule_next_random() % 4 == 0) run_head(random_ready_stream());
}

void scheduler_discard_all(void) {
    while (state.pending_count > 0) {
        struct stream *stream = state.pending[state.pending_count - 1];
        while (stream->head) {
            struct operation *operation = stream->head;
            stream->head = operation->next;
            operation_free(operation);
        }
        stream->tail = NULL;
        stream->done = stream->issued;
        pending_remove(stream);
    }
    state.pending_operations = 0;
}
