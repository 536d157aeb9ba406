// Initialisation, the one device (an H100's properties) and the primary context, current per
// thread.
#include "state.h"

#include <stdint.h>
#include <string.h>

struct double_state state = {
    .lock = PTHREAD_MUTEX_INITIALIZER,
    .capacity = 80ull << 30,
    .streams = {.kind = HANDLE_STREAM},
    .events = {.kind = HANDLE_EVENT},
    .modules = {.kind = HANDLE_MODULE},
    .functions = {.kind = HANDLE_FUNCTION},
    .programs = {.kind = HANDLE_PROGRAM},
    .blas_handles = {.kind = HANDLE_BLAS},
    .solver_handles = {.kind = HANDLE_SOLVER},
    .legacy = {.alive = 1, .blocking = 1, .pending_index = SIZE_MAX},
};

// The context current on this thread (a context handle, possibly of a destroyed generation).
static __thread void *current_context;

// An H100's name with a suffix, so that results and reports never take a run on the double for a
// run on a GPU.
static const char device_name[] = "NVIDIA H100 80GB HBM3 (CUDA double)";

// cuDeviceGetAttribute's answers for an H100 SXM (CUdevice_attribute value, value).
static const int attributes[][2] = {
    {1, 1024},        // MAX_THREADS_PER_BLOCK
    {2, 1024},        // MAX_BLOCK_DIM_X
    {3, 1024},        // MAX_BLOCK_DIM_Y
    {4, 64},          // MAX_BLOCK_DIM_Z
    {5, 2147483647},  // MAX_GRID_DIM_X
    {6, 65535},       // MAX_GRID_DIM_Y
    {7, 65535},       // MAX_GRID_DIM_Z
    {8, 49152},       // MAX_SHARED_MEMORY_PER_BLOCK
    {9, 65536},       // TOTAL_CONSTANT_MEMORY
    {10, 32},         // WARP_SIZE
    {11, 2147483647}, // MAX_PITCH
    {12, 65536},      // MAX_REGISTERS_PER_BLOCK
    {13, 1980000},    // CLOCK_RATE (kHz)
    {14, 512},        // TEXTURE_ALIGNMENT
    {15, 1},          // GPU_OVERLAP
    {16, 132},        // MULTIPROCESSOR_COUNT
    {17, 0},          // KERNEL_EXEC_TIMEOUT
    {18, 0},          // INTEGRATED
    {19, 1},          // CAN_MAP_HOST_MEMORY
    {20, 0},          // COMPUTE_MODE (default)
    {30, 512},        // SURFACE_ALIGNMENT
    {31, 1},          // CONCURRENT_KERNELS
    {32, 1},          // ECC_ENABLED
    {33, 0},          // PCI_BUS_ID
    {34, 0},          // PCI_DEVICE_ID
    {35, 0},          // TCC_DRIVER
    {36, 2619000},    // MEMORY_CLOCK_RATE (kHz)
    {37, 5120},       // GLOBAL_MEMORY_BUS_WIDTH (bits)
    {38, 52428800},   // L2_CACHE_SIZE
    {39, 2048},       // MAX_THREADS_PER_MULTIPROCESSOR
    {40, 2},          // ASYNC_ENGINE_COUNT
    {41, 1},          // UNIFIED_ADDRESSING
    {50, 0},          // PCI_DOMAIN_ID
    {75, 9},          // COMPUTE_CAPABILITY_MAJOR
    {76, 0},          // COMPUTE_CAPABILITY_MINOR
    {78, 1},          // STREAM_PRIORITIES_SUPPORTED
    {79, 1},          // GLOBAL_L1_CACHE_SUPPORTED
    {80, 1},          // LOCAL_L1_CACHE_SUPPORTED
    {81, 233472},     // MAX_SHARED_MEMORY_PER_MULTIPROCESSOR
    {82, 65536},      // MAX_REGISTERS_PER_MULTIPROCESSOR
    {83, 1},          // MANAGED_MEMORY
    {84, 0},          // MULTI_GPU_BOARD
    {87, 2},          // SINGLE_TO_DOUBLE_PRECISION_PERF_RATIO
    {95, 1},          // COOPERATIVE_LAUNCH
    {97, 232448},     // MAX_SHARED_MEMORY_PER_BLOCK_OPTIN
    {106, 32},        // MAX_BLOCKS_PER_MULTIPROCESSOR
    {111, 1024},      // RESERVED_SHARED_MEMORY_PER_BLOCK
    {115, 1},         // MEMORY_POOLS_SUPPORTED
    {120, 1},         // CLUSTER_LAUNCH
};

void state_lock(void) { pthread_mutex_lock(&state.lock); }

CUresult state_unlock(CUresult result) {
    pthread_mutex_unlock(&state.lock);
    return result;
}

CUresult check_initialized(void) { return state.initialized ? CUDA_SUCCESS : CUDA_ERROR_NOT_INITIALIZED; }

void *context_handle(void) { return handle_make(HANDLE_CONTEXT, state.context_generation); }

// Whether the calling thread may use the device: initialised, the live primary context current,
// no sticky error. In the random schedule, also runs some ready work early.
CUresult check_context(void) {
    if (!state.initialized) return CUDA_ERROR_NOT_INITIALIZED;
    if (state.context_references == 0 || current_context != context_handle())
        return CUDA_ERROR_INVALID_CONTEXT;
    if (state.sticky_error) return state.sticky_error;
    if (state.random_schedule) scheduler_progress();
    return state.sticky_error;
}

// Everything a context owns goes with it; its generation's handles become invalid.
void context_destroy(void) {
    scheduler_discard_all();
    streams_release_all();
    modules_release_all();
    libraries_release_all();
    memory_release_all();
    state.sticky_error = CUDA_SUCCESS;
}

CUresult cuInit(unsigned int flags) {
    if (flags != 0) return CUDA_ERROR_INVALID_VALUE;
    state_lock();
    config_load_environment();
    state.initialized = 1;
    return state_unlock(CUDA_SUCCESS);
}

CUresult cuDriverGetVersion(int *version) {
    if (!version) return CUDA_ERROR_INVALID_VALUE;
    *version = 13000;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetCount(int *count) {
    state_lock();
    CUresult result = check_initialized();
    if (result == CUDA_SUCCESS && !count) result = CUDA_ERROR_INVALID_VALUE;
    if (result == CUDA_SUCCESS) *count = 1;
    return state_unlock(result);
}

CUresult cuDeviceGet(CUdevice *device, int ordinal) {
    state_lock();
    CUresult result = check_initialized();
    if (result == CUDA_SUCCESS && !device) result = CUDA_ERROR_INVALID_VALUE;
    if (result == CUDA_SUCCESS && ordinal != 0) result = CUDA_ERROR_INVALID_DEVICE;
    if (result == CUDA_SUCCESS) *device = 0;
    return state_unlock(result);
}

CUresult cuDeviceGetName(char *name, int length, CUdevice device) {
    state_lock();
    CUresult result = check_initialized();
    if (result == CUDA_SUCCESS && (!name || length <= 0)) result = CUDA_ERROR_INVALID_VALUE;
    if (result == CUDA_SUCCESS && device != 0) result = CUDA_ERROR_INVALID_DEVICE;
    if (result == CUDA_SUCCESS) {
        size_t bytes = strlen(device_name) < (size_t)length - 1 ? strlen(device_name) : (size_t)length - 1;
        memcpy(name, device_name, bytes);
        name[bytes] = 0;
    }
    return state_unlock(result);
}

CUresult cuDeviceTotalMem_v2(size_t *bytes, CUdevice device) {
    state_lock();
    CUresult result = check_initialized();
    if (result == CUDA_SUCCESS && !bytes) result = CUDA_ERROR_INVALID_VALUE;
    if (result == CUDA_SUCCESS && device != 0) result = CUDA_ERROR_INVALID_DEVICE;
    if (result == CUDA_SUCCESS) *bytes = (size_t)state.capacity;
    return state_unlock(result);
}

CUresult cuDeviceGetAttribute(int *value, CUdevice_attribute attribute, CUdevice device) {
    state_lock();
    CUresult result = check_initialized();
    if (result == CUDA_SUCCESS && !value) result = CUDA_ERROR_INVALID_VALUE;
    if (result == CUDA_SUCCESS && device != 0) result = CUDA_ERROR_INVALID_DEVICE;
    if (result == CUDA_SUCCESS) {
        result = CUDA_ERROR_INVALID_VALUE;
        for (size_t i = 0; i < sizeof attributes / sizeof attributes[0]; i++) {
            if (attributes[i][0] == attribute) {
                *value = attributes[i][1];
                result = CUDA_SUCCESS;
            }
        }
    }
    return state_unlock(result);
}

CUresult cuDevicePrimaryCtxRetain(CUcontext *context, CUdevice device) {
    state_lock();
    CUresult result = check_initialized();
    if (result == CUDA_SUCCESS && !context) result = CUDA_ERROR_INVALID_VALUE;
    if (result == CUDA_SUCCESS && device != 0) result = CUDA_ERROR_INVALID_DEVICE;
    if (result == CUDA_SUCCESS) {
        if (state.context_references++ == 0) state.context_generation++;
        *context = context_handle();
    }
    return state_unlock(result);
}

CUresult cuDevicePrimaryCtxRelease_v2(CUdevice device) {
    state_lock();
    CUresult result = check_initialized();
    if (result == CUDA_SUCCESS && device != 0) result = CUDA_ERROR_INVALID_DEVICE;
    if (result == CUDA_SUCCESS && state.context_references == 0) result = CUDA_ERROR_INVALID_CONTEXT;
    if (result == CUDA_SUCCESS && --state.context_references == 0) context_destroy();
    return state_unlock(result);
}

CUresult cuCtxSetCurrent(CUcontext context) {
    state_lock();
    CUresult result = check_initialized();
    if (result == CUDA_SUCCESS && context &&
        (state.context_references == 0 || (void *)context != context_handle()))
        result = CUDA_ERROR_INVALID_CONTEXT;
    if (result == CUDA_SUCCESS) current_context = context;
    return state_unlock(result);
}

CUresult cuCtxGetCurrent(CUcontext *context) {
    state_lock();
    CUresult result = check_initialized();
    if (result == CUDA_SUCCESS && !context) result = CUDA_ERROR_INVALID_VALUE;
    if (result == CUDA_SUCCESS) *context = current_context;
    return state_unlock(result);
}

CUresult cuCtxSynchronize(void) {
    state_lock();
    CUresult result = check_context();
    if (result == CUDA_SUCCESS) result = fault_check(FAULT_SYNC);
    if (result == CUDA_SUCCESS) result = scheduler_run_all();
    return state_unlock(result);
}

CUresult cuMemGetInfo_v2(size_t *free, size_t *total) {
    state_lock();
    CUresult result = check_context();
    if (result == CUDA_SUCCESS && (!free || !total)) result = CUDA_ERROR_INVALID_VALUE;
    if (result == CUDA_SUCCESS) {
        unsigned long long used = (unsigned long long)state.counters.device_bytes;
        *free = used >= state.capacity ? 0 : (size_t)(state.capacity - used);
        *total = (size_t)state.capacity;
    }
    return state_unlock(result);
}
