// Modules: an image from the double's NVRTC is loaded by writing its shared object to a memfd
// and dlopen-ing /proc/self/fd/N (RTLD_LOCAL); entry points are found through their trampolines.
// Launches are validated as the driver does and deferred like other stream work.
#define _GNU_SOURCE
#include "compiler.h"
#include "state.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define OBJECT_LIMIT (1ull << 30)

struct module {
    void *library;
    int fd;  // kept open while loaded, so that no two loaded modules share a path
    void *handle;
    struct kernel_function **functions;
    size_t function_count;
};

// Writes `bytes` to a new memory file; returns its descriptor or -1.
static int memory_file(const unsigned char *bytes, size_t count) {
    int fd = memfd_create("cuda-double-module", MFD_CLOEXEC);
    if (fd < 0) return -1;
    for (size_t written = 0; written < count;) {
        ssize_t n = write(fd, bytes + written, count - written);
        if (n <= 0) {
            close(fd);
            return -1;
        }
        written += (size_t)n;
    }
    return fd;
}

static void module_free(struct module *module) {
    for (size_t i = 0; i < module->function_count; i++) {
        registry_remove(&state.functions, module->functions[i]->handle);
        free(module->functions[i]->name);
        free(module->functions[i]);
    }
    free(module->functions);
    dlclose(module->library);
    close(module->fd);
    free(module);
}

void modules_release_all(void) {
    for (size_t i = 0; i < state.modules.count; i++) {
        if (state.modules.items[i]) module_free(state.modules.items[i]);
    }
    registry_clear(&state.modules);
    registry_clear(&state.functions);
}

static CUresult load(const void *image, void **handle) {
    struct image_header header;
    memcpy(&header, image, sizeof header);
    if (memcmp(header.magic, IMAGE_MAGIC, sizeof header.magic) != 0 || header.version != IMAGE_VERSION ||
        header.object_bytes < 4 || header.object_bytes > OBJECT_LIMIT)
        return CUDA_ERROR_INVALID_IMAGE;
    const unsigned char *object = (const unsigned char *)image + sizeof header;
    if (memcmp(object, "\177ELF", 4) != 0) return CUDA_ERROR_INVALID_IMAGE;
    // A CUBIN runs on devices of its major version and at least its minor; PTX on any newer one.
    int major = (int)header.architecture / 10, minor = (int)header.architecture % 10;
    if (header.is_virtual ? header.architecture > 90 : (major != 9 || minor > 0))
        return CUDA_ERROR_NO_BINARY_FOR_GPU;
    struct module *module = calloc(1, sizeof *module);
    if (!module) return CUDA_ERROR_OUT_OF_MEMORY;
    module->fd = memory_file(object, (size_t)header.object_bytes);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", module->fd);
    module->library = module->fd >= 0 ? dlopen(path, RTLD_NOW | RTLD_LOCAL) : NULL;
    module->handle = module->library ? registry_add(&state.modules, module) : NULL;
    if (!module->handle) {
        if (module->library) dlclose(module->library);
        if (module->fd >= 0) close(module->fd);
        free(module);
        return CUDA_ERROR_INVALID_IMAGE;
    }
    state.counters.modules_loaded++;
    *handle = module->handle;
    return CUDA_SUCCESS;
}

CUresult cuModuleLoadData(CUmodule *handle, const void *image) {
    state_lock();
    CUresult result = check_context();
    if (result == CUDA_SUCCESS) result = fault_check(FAULT_LOAD);
    if (result == CUDA_SUCCESS && (!handle || !image)) result = CUDA_ERROR_INVALID_VALUE;
    if (result == CUDA_SUCCESS) result = load(image, (void **)handle);
    return state_unlock(result);
}

// Unloads a module after running all pending work (launches of its kernels among it).
CUresult cuModuleUnload(CUmodule handle) {
    state_lock();
    CUresult result = check_context();
    if (result == CUDA_SUCCESS && !registry_find(&state.modules, handle)) result = CUDA_ERROR_INVALID_HANDLE;
    if (result == CUDA_SUCCESS) result = scheduler_run_all();
    if (result == CUDA_SUCCESS) module_free(registry_remove(&state.modules, handle));
    return state_unlock(result);
}

static CUresult get_function(struct module *module, const char *name, void **handle) {
    for (size_t i = 0; i < module->function_count; i++) {
        if (strcmp(module->functions[i]->name, name) == 0) {
            *handle = module->functions[i]->handle;
            return CUDA_SUCCESS;
        }
    }
    if (strlen(name) > KERNEL_NAME_LIMIT) return CUDA_ERROR_NOT_FOUND;
    char symbol[KERNEL_NAME_LIMIT + 16];
    snprintf(symbol, sizeof symbol, "bach_args_%s", name);
    bach_args_function args = (bach_args_function)dlsym(module->library, symbol);
    snprintf(symbol, sizeof symbol, "bach_pack_%s", name);
    bach_pack_function pack = (bach_pack_function)dlsym(module->library, symbol);
    snprintf(symbol, sizeof symbol, "bach_grid_%s", name);
    bach_grid_function grid = (bach_grid_function)dlsym(module->library, symbol);
    if (!args || !pack || !grid) return CUDA_ERROR_NOT_FOUND;
    struct kernel_function *function = calloc(1, sizeof *function);
    struct kernel_function **grown = realloc(module->functions, (module->function_count + 1) * sizeof *grown);
    if (grown) module->functions = grown;
    if (function) function->name = strdup(name);
    if (function && function->name && grown) function->handle = registry_add(&state.functions, function);
    if (!function || !function->handle) {
        if (function) free(function->name);
        free(function);
        return CUDA_ERROR_OUT_OF_MEMORY;
    }
    function->module = module;
    function->argument_bytes = args(&function->argument_count);
    function->pack = pack;
    function->grid = grid;
    module->functions[module->function_count++] = function;
    *handle = function->handle;
    return CUDA_SUCCESS;
}

CUresult cuModuleGetFunction(CUfunction *handle, CUmodule module_handle, const char *name) {
    state_lock();
    CUresult result = check_context();
    struct module *module = result == CUDA_SUCCESS ? registry_find(&state.modules, module_handle) : NULL;
    if (result == CUDA_SUCCESS && !module) result = CUDA_ERROR_INVALID_HANDLE;
    if (module && (!handle || !name)) result = CUDA_ERROR_INVALID_VALUE;
    if (module && result == CUDA_SUCCESS) result = get_function(module, name, (void **)handle);
    return state_unlock(result);
}

static CUresult check_dimensions(const unsigned int grid[3], const unsigned int block[3]) {
    static const unsigned int grid_limit[3] = {2147483647u, 65535u, 65535u},
                              block_limit[3] = {1024u, 1024u, 64u};
    for (int i = 0; i < 3; i++) {
        if (grid[i] == 0 || block[i] == 0 || grid[i] > grid_limit[i] || block[i] > block_limit[i])
            return CUDA_ERROR_INVALID_VALUE;
    }
    if ((unsigned long long)block[0] * block[1] * block[2] > 1024u) return CUDA_ERROR_INVALID_VALUE;
    return CUDA_SUCCESS;
}

// Copies the launch's arguments as the kernel's signature lays them out.
static CUresult pack_arguments(const struct kernel_function *function, void **params, char **arguments) {
    if (function->argument_count > 0 && !params) return CUDA_ERROR_INVALID_VALUE;
    for (unsigned long i = 0; i < function->argument_count; i++) {
        if (!params[i]) return CUDA_ERROR_INVALID_VALUE;
    }
    *arguments = malloc(function->argument_bytes ? function->argument_bytes : 1);
    if (!*arguments) return CUDA_ERROR_OUT_OF_MEMORY;
    function->pack(params, *arguments);
    return CUDA_SUCCESS;
}

CUresult cuLaunchKernel(CUfunction function_handle, unsigned int grid_x, unsigned int grid_y,
                        unsigned int grid_z, unsigned int block_x, unsigned int block_y, unsigned int block_z,
                        unsigned int shared_bytes, CUstream stream_handle, void **params, void **extra) {
    const unsigned int grid[3] = {grid_x, grid_y, grid_z}, block[3] = {block_x, block_y, block_z};
    state_lock();
    CUresult result = check_context();
    struct kernel_function *function =
        result == CUDA_SUCCESS ? registry_find(&state.functions, function_handle) : NULL;
    if (result == CUDA_SUCCESS && !function) result = CUDA_ERROR_INVALID_HANDLE;
    if (result == CUDA_SUCCESS) result = check_dimensions(grid, block);
    // Dynamic shared memory (and `extra`) are not supported by the double.
    if (result == CUDA_SUCCESS && shared_bytes > 49152u) result = CUDA_ERROR_INVALID_VALUE;
    if (result == CUDA_SUCCESS && (shared_bytes > 0 || extra)) result = CUDA_ERROR_NOT_SUPPORTED;
    struct stream *stream = result == CUDA_SUCCESS ? stream_resolve(stream_handle, &result) : NULL;
    if (stream) result = fault_check(FAULT_LAUNCH);
    char *arguments = NULL;
    if (stream && result == CUDA_SUCCESS) result = pack_arguments(function, params, &arguments);
    if (stream && result == CUDA_SUCCESS) {
        struct operation *launch = operation_new(OPERATION_KERNEL);
        if (launch) {
            launch->kernel.function = function;
            memcpy(launch->kernel.grid, grid, sizeof grid);
            memcpy(launch->kernel.block, block, sizeof block);
            launch->kernel.arguments = arguments;
            state.counters.launches++;
            result = scheduler_issue(stream, launch);
        } else {
            free(arguments);
            result = CUDA_ERROR_OUT_OF_MEMORY;
        }
    }
    return state_unlock(result);
}
