// Device and pinned memory. Each device allocation is its own mapping, apart from the host heap,
// with a PROT_NONE page on either side; its bytes start 256-byte aligned and end as close to the
// trailing guard page as that alignment allows, so a kernel that runs off the end faults.
// Pinned allocations are page-aligned mappings too, so that copies can tell them from pageable
// memory.
#include "state.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

struct allocation {
    uintptr_t map;     // the whole mapping, guard pages included
    size_t map_bytes;
    uintptr_t start;   // what the caller got
    size_t bytes;      // what the caller asked for
    int pinned;
};

// Live allocations ordered by `map`.
static struct allocation *allocations;
static size_t allocation_count, allocation_capacity;

static size_t page_size(void) { return (size_t)sysconf(_SC_PAGESIZE); }

static size_t round_up(size_t value, size_t multiple) { return (value + multiple - 1) / multiple * multiple; }

// The index of the last allocation whose mapping starts at or below `address`, or SIZE_MAX.
static size_t find_at_or_below(uintptr_t address) {
    size_t low = 0, high = allocation_count;
    while (low < high) {
        size_t middle = (low + high) / 2;
        if (allocations[middle].map <= address)
            low = middle + 1;
        else
            high = middle;
    }
    return low == 0 ? SIZE_MAX : low - 1;
}

static CUresult insert(struct allocation allocation) {
    if (allocation_count == allocation_capacity) {
        size_t capacity = allocation_capacity ? allocation_capacity * 2 : 64;
        struct allocation *grown = realloc(allocations, capacity * sizeof *grown);
        if (!grown) return CUDA_ERROR_OUT_OF_MEMORY;
        allocations = grown;
        allocation_capacity = capacity;
    }
    size_t below = find_at_or_below(allocation.map);
    size_t at = below == SIZE_MAX ? 0 : below + 1;
    memmove(&allocations[at + 1], &allocations[at], (allocation_count - at) * sizeof *allocations);
    allocations[at] = allocation;
    allocation_count++;
    return CUDA_SUCCESS;
}

static void forget(size_t index) {
    munmap((void *)allocations[index].map, allocations[index].map_bytes);
    memmove(&allocations[index], &allocations[index + 1],
            (allocation_count - index - 1) * sizeof *allocations);
    allocation_count--;
}

// The allocation of the given kind whose caller bytes contain [address, address + bytes).
static size_t find_range(uintptr_t address, size_t bytes, int pinned) {
    if (address + bytes < address) return SIZE_MAX;
    size_t index = find_at_or_below(address);
    if (index == SIZE_MAX) return SIZE_MAX;
    const struct allocation *a = &allocations[index];
    if (a->pinned != pinned || address < a->start || address + bytes > a->start + a->bytes) return SIZE_MAX;
    return index;
}

CUresult memory_allocate_device(size_t bytes, CUdeviceptr *address) {
    if (bytes == 0) return CUDA_ERROR_INVALID_VALUE;
    if (bytes > state.capacity - (unsigned long long)state.counters.device_bytes ||
        (unsigned long long)state.counters.device_bytes > state.capacity)
        return CUDA_ERROR_OUT_OF_MEMORY;
    size_t page = page_size(), usable = round_up(bytes, 256), body = round_up(usable, page);
    size_t map_bytes = body + 2 * page;
    void *map = mmap(NULL, map_bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (map == MAP_FAILED) return CUDA_ERROR_OUT_OF_MEMORY;
    if (mprotect((char *)map + page, body, PROT_READ | PROT_WRITE) != 0) {
        munmap(map, map_bytes);
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    uintptr_t start = (uintptr_t)map + page + body - usable;
    struct allocation allocation = {(uintptr_t)map, map_bytes, start, bytes, 0};
    if (insert(allocation) != CUDA_SUCCESS) {
        munmap(map, map_bytes);
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    state.counters.device_allocations++;
    state.counters.device_bytes += (long long)bytes;
    *address = (CUdeviceptr)start;
    return CUDA_SUCCESS;
}

CUresult memory_free_device(CUdeviceptr address) {
    size_t index = find_at_or_below((uintptr_t)address);
    if (index == SIZE_MAX || allocations[index].pinned || allocations[index].start != (uintptr_t)address)
        return CUDA_ERROR_INVALID_VALUE;
    state.counters.device_allocations--;
    state.counters.device_bytes -= (long long)allocations[index].bytes;
    forget(index);
    return CUDA_SUCCESS;
}

CUresult memory_allocate_pinned(size_t bytes, void **pointer) {
    if (bytes == 0) return CUDA_ERROR_INVALID_VALUE;
    size_t map_bytes = round_up(bytes, page_size());
    void *map = mmap(NULL, map_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED) return CUDA_ERROR_OUT_OF_MEMORY;
    struct allocation allocation = {(uintptr_t)map, map_bytes, (uintptr_t)map, bytes, 1};
    if (insert(allocation) != CUDA_SUCCESS) {
        munmap(map, map_bytes);
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    state.counters.pinned_allocations++;
    state.counters.pinned_bytes += (long long)bytes;
    *pointer = map;
    return CUDA_SUCCESS;
}

CUresult memory_free_pinned(void *pointer) {
    size_t index = find_at_or_below((uintptr_t)pointer);
    if (!pointer || index == SIZE_MAX || !allocations[index].pinned ||
        allocations[index].start != (uintptr_t)pointer)
        return CUDA_ERROR_INVALID_VALUE;
    state.counters.pinned_allocations--;
    state.counters.pinned_bytes -= (long long)allocations[index].bytes;
    forget(index);
    return CUDA_SUCCESS;
}

int memory_is_device_range(CUdeviceptr address, size_t bytes) {
    return find_range((uintptr_t)address, bytes, 0) != SIZE_MAX;
}

int memory_is_pinned_range(const void *pointer, size_t bytes) {
    return find_range((uintptr_t)pointer, bytes, 1) != SIZE_MAX;
}

// Whether [pointer, pointer + bytes) touches any device mapping (guard pages included).
int memory_overlaps_device(const void *pointer, size_t bytes) {
    uintptr_t low = (uintptr_t)pointer, high = low + bytes;
    if (high < low) return 1;
    size_t index = find_at_or_below(high == low ? low : high - 1);
    for (; index != SIZE_MAX; index = index == 0 ? SIZE_MAX : index - 1) {
        const struct allocation *a = &allocations[index];
        if (a->map + a->map_bytes <= low) {
            // Mappings do not overlap one another, so none further down reaches `low` either.
            return 0;
        }
        if (!a->pinned) return 1;
    }
    return 0;
}

void memory_release_all(void) {
    while (allocation_count > 0) forget(allocation_count - 1);
    state.counters.device_allocations = state.counters.device_bytes = 0;
    state.counters.pinned_allocations = state.counters.pinned_bytes = 0;
}

CUresult cuMemAlloc_v2(CUdeviceptr *address, size_t bytes) {
    state_lock();
    CUresult result = check_context();
    if (result == CUDA_SUCCESS) result = fault_check(FAULT_ALLOC);
    if (result == CUDA_SUCCESS && !address) result = CUDA_ERROR_INVALID_VALUE;
    if (result == CUDA_SUCCESS) result = memory_allocate_device(bytes, address);
    return state_unlock(result);
}

// Frees device memory after running all pending work, as cuMemFree synchronises the device.
CUresult cuMemFree_v2(CUdeviceptr address) {
    state_lock();
    CUresult result = check_context();
    if (result == CUDA_SUCCESS) result = scheduler_run_all();
    if (result == CUDA_SUCCESS) result = memory_free_device(address);
    return state_unlock(result);
}

CUresult cuMemHostAlloc(void **pointer, size_t bytes, unsigned int flags) {
    state_lock();
    CUresult result = check_context();
    if (result == CUDA_SUCCESS) result = fault_check(FAULT_ALLOC);
    unsigned int known = CU_MEMHOSTALLOC_PORTABLE | CU_MEMHOSTALLOC_DEVICEMAP | CU_MEMHOSTALLOC_WRITECOMBINED;
    if (result == CUDA_SUCCESS && (!pointer || (flags & ~known))) result = CUDA_ERROR_INVALID_VALUE;
    if (result == CUDA_SUCCESS) result = memory_allocate_pinned(bytes, pointer);
    return state_unlock(result);
}

CUresult cuMemFreeHost(void *pointer) {
    state_lock();
    CUresult result = check_context();
    if (result == CUDA_SUCCESS) result = scheduler_run_all();
    if (result == CUDA_SUCCESS) result = memory_free_pinned(pointer);
    return state_unlock(result);
}
