// Configuration from the environment, the fault plan, the schedule and the control API.
#include "state.h"
#include "CUDADouble.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const fault_names[FAULT_KINDS] = {"alloc", "copy", "launch", "compile",
                                                     "load",  "sync", "library"};

// Parses an unsigned decimal number filling [text, end); returns 0 on success.
static int parse_number(const char *text, const char *end, unsigned long long *value) {
    if (text == end) return -1;
    unsigned long long result = 0;
    for (const char *c = text; c < end; c++) {
        if (*c < '0' || *c > '9' || result > (~0ull - 9) / 10) return -1;
        result = result * 10 + (unsigned long long)(*c - '0');
    }
    *value = result;
    return 0;
}

int config_parse_bytes(const char *text, unsigned long long *bytes) {
    static const struct {
        const char *suffix;
        int shift;
    } suffixes[] = {{"KiB", 10}, {"MiB", 20}, {"GiB", 30}};
    size_t length = strlen(text);
    for (size_t i = 0; i < 3; i++) {
        size_t n = strlen(suffixes[i].suffix);
        if (length > n && strcmp(text + length - n, suffixes[i].suffix) == 0) {
            unsigned long long value;
            if (parse_number(text, text + length - n, &value) != 0 || value >> (64 - suffixes[i].shift))
                return -1;
            *bytes = value << suffixes[i].shift;
            return 0;
        }
    }
    return parse_number(text, text + length, bytes);
}

// Parses a fault plan; on success `*faults` (malloc'd) holds `*count` entries.
static int parse_faults(const char *spec, struct fault **faults, size_t *count) {
    *faults = NULL;
    *count = 0;
    if (*spec == 0) return 0;
    size_t capacity = 1;
    for (const char *c = spec; *c; c++) capacity += *c == ',';
    struct fault *plan = calloc(capacity, sizeof *plan);
    if (!plan) return -1;
    const char *entry = spec;
    while (1) {
        const char *end = strchr(entry, ',');
        if (!end) end = entry + strlen(entry);
        const char *colon1 = memchr(entry, ':', (size_t)(end - entry));
        const char *colon2 = colon1 ? memchr(colon1 + 1, ':', (size_t)(end - colon1 - 1)) : NULL;
        unsigned long long call, code;
        int kind = -1;
        for (int k = 0; colon1 && k < FAULT_KINDS; k++) {
            if ((size_t)(colon1 - entry) == strlen(fault_names[k]) &&
                strncmp(entry, fault_names[k], strlen(fault_names[k])) == 0)
                kind = k;
        }
        if (kind < 0 || !colon2 || parse_number(colon1 + 1, colon2, &call) != 0 || call == 0 ||
            parse_number(colon2 + 1, end, &code) != 0 || code == 0 || code > 100000) {
            free(plan);
            return -1;
        }
        plan[(*count)++] = (struct fault){(enum fault_kind)kind, call, (int)code};
        if (*end == 0) break;
        entry = end + 1;
    }
    *faults = plan;
    return 0;
}

static int set_faults(const char *spec) {
    struct fault *faults;
    size_t count;
    if (parse_faults(spec, &faults, &count) != 0) return -1;
    free(state.faults);
    state.faults = faults;
    state.fault_count = count;
    memset(state.fault_calls, 0, sizeof state.fault_calls);
    return 0;
}

static int set_schedule(const char *spec) {
    if (*spec == 0 || strcmp(spec, "deterministic") == 0) {
        state.random_schedule = 0;
        return 0;
    }
    unsigned long long seed;
    if (strncmp(spec, "random:", 7) != 0 || parse_number(spec + 7, spec + strlen(spec), &seed) != 0)
        return -1;
    state.random_schedule = 1;
    state.random_state = seed * 0x9E3779B97F4A7C15ull + 0x2545F4914F6CDD1Dull;
    return 0;
}

// The next number of a xorshift64* generator.
unsigned long long schedule_next_random(void) {
    unsigned long long x = state.random_state ? state.random_state : 0x2545F4914F6CDD1Dull;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    state.random_state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

int fault_check(enum fault_kind kind) {
    unsigned long long call = ++state.fault_calls[kind];
    for (size_t i = 0; i < state.fault_count; i++) {
        if (state.faults[i].kind == kind && state.faults[i].call == call) return state.faults[i].code;
    }
    return 0;
}

// Reads CUDA_DOUBLE_* once; a malformed value is reported on stderr and ignored.
void config_load_environment(void) {
    static int loaded;
    if (loaded) return;
    loaded = 1;
    const char *memory = getenv("CUDA_DOUBLE_MEMORY"), *schedule = getenv("CUDA_DOUBLE_SCHEDULE");
    const char *faults = getenv("CUDA_DOUBLE_FAULTS");
    unsigned long long bytes;
    if (memory && config_parse_bytes(memory, &bytes) == 0)
        state.capacity = bytes;
    else if (memory)
        fprintf(stderr, "cuda double: CUDA_DOUBLE_MEMORY=%s is not a byte count; using 80 GiB\n", memory);
    if (schedule && set_schedule(schedule) != 0)
        fprintf(stderr, "cuda double: CUDA_DOUBLE_SCHEDULE=%s is neither deterministic nor random:SEED\n",
                schedule);
    if (faults && set_faults(faults) != 0)
        fprintf(stderr, "cuda double: CUDA_DOUBLE_FAULTS=%s is not KIND:N:CODE[,…]; no faults planned\n",
                faults);
}

int cudaDoubleSetFaults(const char *spec) {
    state_lock();
    config_load_environment();
    int result = spec ? set_faults(spec) : -1;
    state_unlock(CUDA_SUCCESS);
    return result;
}

int cudaDoubleSetSchedule(const char *spec) {
    state_lock();
    config_load_environment();
    int result = spec ? set_schedule(spec) : -1;
    state_unlock(CUDA_SUCCESS);
    return result;
}

void cudaDoubleResetError(void) {
    state_lock();
    state.sticky_error = CUDA_SUCCESS;
    state_unlock(CUDA_SUCCESS);
}

void cudaDoubleSetMemoryCapacity(unsigned long long bytes) {
    state_lock();
    config_load_environment();
    state.capacity = bytes;
    state_unlock(CUDA_SUCCESS);
}

int cudaDoubleCounter(const char *name, long long *value) {
    if (!name || !value) return -1;
    state_lock();
    const struct counters *c = &state.counters;
    const struct {
        const char *name;
        long long value;
    } table[] = {
        {"device_allocations", c->device_allocations},
        {"device_bytes", c->device_bytes},
        {"pinned_allocations", c->pinned_allocations},
        {"pinned_bytes", c->pinned_bytes},
        {"modules_live", (long long)state.modules.live},
        {"streams_live", (long long)state.streams.live},
        {"events_live", (long long)state.events.live},
        {"pending_operations", state.pending_operations},
        {"sticky_error", state.sticky_error},
        {"pageable_htod_copies", c->pageable_htod_copies},
        {"pageable_htod_bytes", c->pageable_htod_bytes},
        {"pageable_dtoh_copies", c->pageable_dtoh_copies},
        {"pageable_dtoh_bytes", c->pageable_dtoh_bytes},
        {"htod_copies", c->htod_copies},
        {"htod_bytes", c->htod_bytes},
        {"dtoh_copies", c->dtoh_copies},
        {"dtoh_bytes", c->dtoh_bytes},
        {"dtod_copies", c->dtod_copies},
        {"dtod_bytes", c->dtod_bytes},
        {"memsets", c->memsets},
        {"launches", c->launches},
        {"kernels_run", c->kernels_run},
        {"compiles", c->compiles},
        {"modules_loaded", c->modules_loaded},
        {"blas_handles_live", (long long)state.blas_handles.live},
        {"solver_handles_live", (long long)state.solver_handles.live},
        {"blas_calls", c->blas_calls},
        {"solver_calls", c->solver_calls},
        {"library_calls_run", c->library_calls_run},
    };
    int result = -1;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (strcmp(table[i].name, name) == 0) {
            *value = table[i].value;
            result = 0;
        }
    }
    state_unlock(CUDA_SUCCESS);
    return result;
}

void cudaDoubleResetCounters(void) {
    state_lock();
    struct counters *c = &state.counters;
    c->pageable_htod_copies = c->pageable_htod_bytes = c->pageable_dtoh_copies = c->pageable_dtoh_bytes = 0;
    c->htod_copies = c->htod_bytes = c->dtoh_copies = c->dtoh_bytes = c->dtod_copies = c->dtod_bytes = 0;
    c->memsets = c->launches = c->kernels_run = c->compiles = c->modules_loaded = 0;
    c->blas_calls = c->solver_calls = c->library_calls_run = 0;
    state_unlock(CUDA_SUCCESS);
}
