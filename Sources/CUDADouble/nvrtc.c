// NVRTC: programs, option validation, and compilation of CUDA C on the host (compiler.c). The
// image handed out as "CUBIN" (for sm_XY) or "PTX" (for both sm_XY and compute_XY) is the
// compiled shared object behind the double's image header. The lock is not held while the
// compiler runs, so programs compile concurrently.
#include "compiler.h"
#include "state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct program {
    char *source, *name;
    char **headers, **include_names;
    size_t header_count;
    char *log;
    unsigned char *image;
    size_t image_bytes;
    int is_virtual;
    int compiling;
};

// Architectures NVRTC 13 accepts for sm_XY / compute_XY (with an optional a or f suffix).
static const int architectures[] = {75, 80, 86, 87, 88, 89, 90, 100, 103, 110, 120, 121};

static void program_free(struct program *program) {
    for (size_t i = 0; i < program->header_count; i++) {
        free(program->headers[i]);
        free(program->include_names[i]);
    }
    free(program->headers);
    free(program->include_names);
    free(program->source);
    free(program->name);
    free(program->log);
    free(program->image);
    free(program);
}

static void set_log(struct program *program, char *log) {
    free(program->log);
    program->log = log;
}

// Parses "sm_90", "compute_90a", …; returns 0 on success.
static int parse_architecture(const char *text, struct compile_options *options) {
    int is_virtual;
    if (strncmp(text, "sm_", 3) == 0)
        is_virtual = 0;
    else if (strncmp(text, "compute_", 8) == 0)
        is_virtual = 1;
    else
        return -1;
    const char *digits = text + (is_virtual ? 8 : 3);
    char *end;
    long number = strtol(digits, &end, 10);
    if (end == digits || (*end && !((*end == 'a' || *end == 'f') && end[1] == 0 && number >= 90))) return -1;
    for (size_t i = 0; i < sizeof architectures / sizeof architectures[0]; i++) {
        if (architectures[i] == number) {
            options->architecture = (int)number;
            options->is_virtual = is_virtual;
            return 0;
        }
    }
    return -1;
}

static const char *value_of(const char *option, const char *long_name, const char *short_name) {
    size_t n = strlen(long_name), m = strlen(short_name);
    if (strncmp(option, long_name, n) == 0 && option[n] == '=') return option + n + 1;
    if (strncmp(option, short_name, m) == 0 && option[m] == '=') return option + m + 1;
    return NULL;
}

// Validates `options` as NVRTC does; on an unknown or malformed option returns it.
static const char *parse_options(int count, const char *const *options, struct compile_options *parsed) {
    *parsed = (struct compile_options){.architecture = 75, .standard = 17, .fmad = 1}; // NVRTC 13's defaults
    for (int i = 0; i < count; i++) {
        const char *option = options[i], *value;
        if (!option) return "(null)";
        if ((value = value_of(option, "--gpu-architecture", "-arch"))) {
            if (parse_architecture(value, parsed) != 0) return option;
        } else if ((value = value_of(option, "--std", "-std"))) {
            if (strcmp(value, "c++03") == 0 || strcmp(value, "c++11") == 0 || strcmp(value, "c++14") == 0 ||
                strcmp(value, "c++17") == 0)
                parsed->standard = 17;
            else if (strcmp(value, "c++20") == 0)
                parsed->standard = 20;
            else
                return option;
        } else if ((value = value_of(option, "--fmad", "-fmad"))) {
            if (strcmp(value, "true") == 0)
                parsed->fmad = 1;
            else if (strcmp(value, "false") == 0)
                parsed->fmad = 0;
            else
                return option;
        } else if (strcmp(option, "-default-device") == 0 ||
                   strcmp(option, "--device-as-default-execution-space") == 0 ||
                   strcmp(option, "-lineinfo") == 0 || strcmp(option, "--generate-line-info") == 0) {
            continue;
        } else if ((strncmp(option, "-D", 2) == 0 && option[2]) ||
                   strncmp(option, "--define-macro=", 15) == 0) {
            const char *macro = option[1] == 'D' ? option + 2 : option + 15;
            const char **grown = realloc(parsed->defines, (parsed->define_count + 1) * sizeof *grown);
            char *define = malloc(strlen(macro) + 3);
            if (!grown || !define || !*macro) {
                free(define);
                if (grown) parsed->defines = grown;
                return option;
            }
            sprintf(define, "-D%s", macro);
            parsed->defines = grown;
            parsed->defines[parsed->define_count++] = define;
        } else {
            return option;
        }
    }
    return NULL;
}

nvrtcResult nvrtcVersion(int *major, int *minor) {
    if (!major || !minor) return NVRTC_ERROR_INVALID_INPUT;
    *major = 13;
    *minor = 0;
    return NVRTC_SUCCESS;
}

nvrtcResult nvrtcCreateProgram(nvrtcProgram *handle, const char *source, const char *name, int header_count,
                               const char *const *headers, const char *const *include_names) {
    if (!handle || !source || header_count < 0 || (header_count > 0 && (!headers || !include_names)))
        return NVRTC_ERROR_INVALID_INPUT;
    struct program *program = calloc(1, sizeof *program);
    if (!program) return NVRTC_ERROR_OUT_OF_MEMORY;
    program->source = strdup(source);
    program->name = strdup(name ? name : "default_program");
    program->headers = calloc((size_t)header_count + 1, sizeof *program->headers);
    program->include_names = calloc((size_t)header_count + 1, sizeof *program->include_names);
    int failed = !program->source || !program->name || !program->headers || !program->include_names;
    for (int i = 0; i < header_count && !failed; i++) {
        if (!headers[i] || !include_names[i]) {
            program_free(program);
            return NVRTC_ERROR_INVALID_INPUT;
        }
        program->headers[i] = strdup(headers[i]);
        program->include_names[i] = strdup(include_names[i]);
        program->header_count++;
        failed = !program->headers[i] || !program->include_names[i];
    }
    state_lock();
    void *created = failed ? NULL : registry_add(&state.programs, program);
    state_unlock(CUDA_SUCCESS);
    if (!created) {
        program_free(program);
        return NVRTC_ERROR_OUT_OF_MEMORY;
    }
    *handle = created;
    return NVRTC_SUCCESS;
}

nvrtcResult nvrtcDestroyProgram(nvrtcProgram *handle) {
    if (!handle) return NVRTC_ERROR_INVALID_PROGRAM;
    state_lock();
    struct program *program = registry_find(&state.programs, *handle);
    if (program && !program->compiling) registry_remove(&state.programs, *handle);
    state_unlock(CUDA_SUCCESS);
    if (!program || program->compiling) return NVRTC_ERROR_INVALID_PROGRAM;
    program_free(program);
    *handle = NULL;
    return NVRTC_SUCCESS;
}

// Compiles `program` (marked as compiling, so that it is not destroyed meanwhile).
static nvrtcResult compile(struct program *program, const struct compile_options *options) {
    struct kernel_scan scan = {0};
    int scanned = scan_kernels(program->source, &scan);
    for (size_t i = 0; i < program->header_count; i++) {
        scan.uses_barrier = scan.uses_barrier || strstr(program->headers[i], "__syncthreads") != NULL;
    }
    char *unit =
        scanned == 0 ? translation_unit(program->source, program->name, &scan, options->architecture) : NULL;
    scan_free(&scan);
    if (!unit) return NVRTC_ERROR_OUT_OF_MEMORY;
    unsigned char *image;
    size_t image_bytes = 0;
    char *log;
    nvrtcResult result =
        compile_unit(unit, (const char *const *)program->headers, (const char *const *)program->include_names,
                     program->header_count, options, &image, &image_bytes, &log);
    free(unit);
    state_lock();
    set_log(program, log);
    free(program->image);
    program->image = image;
    program->image_bytes = image_bytes;
    program->is_virtual = options->is_virtual;
    if (result == NVRTC_SUCCESS) state.counters.compiles++;
    state_unlock(CUDA_SUCCESS);
    return result;
}

nvrtcResult nvrtcCompileProgram(nvrtcProgram handle, int option_count, const char *const *options) {
    state_lock();
    config_load_environment();
    struct program *program = registry_find(&state.programs, handle);
    nvrtcResult result = program && !program->compiling ? NVRTC_SUCCESS : NVRTC_ERROR_INVALID_PROGRAM;
    if (result == NVRTC_SUCCESS && (option_count < 0 || (option_count > 0 && !options)))
        result = NVRTC_ERROR_INVALID_INPUT;
    if (result == NVRTC_SUCCESS) result = fault_check(FAULT_COMPILE);
    struct compile_options parsed = {0};
    if (result == NVRTC_SUCCESS) {
        const char *invalid = parse_options(option_count, options, &parsed);
        if (invalid) {
            char message[600];
            snprintf(message, sizeof message, "nvrtc: error: invalid option: %.500s\n", invalid);
            set_log(program, strdup(message));
            result = NVRTC_ERROR_INVALID_OPTION;
        }
    }
    if (result == NVRTC_SUCCESS) program->compiling = 1;
    state_unlock(CUDA_SUCCESS);
    if (result == NVRTC_SUCCESS) {
        result = compile(program, &parsed);
        state_lock();
        program->compiling = 0;
        state_unlock(CUDA_SUCCESS);
    }
    for (size_t i = 0; i < parsed.define_count; i++) free((char *)parsed.defines[i]);
    free(parsed.defines);
    return result;
}

// Looks up a program under the lock; on success the lock stays held.
static struct program *find_program(nvrtcProgram handle) {
    state_lock();
    struct program *program = registry_find(&state.programs, handle);
    if (!program || program->compiling) {
        state_unlock(CUDA_SUCCESS);
        return NULL;
    }
    return program;
}

nvrtcResult nvrtcGetProgramLogSize(nvrtcProgram handle, size_t *size) {
    if (!size) return NVRTC_ERROR_INVALID_INPUT;
    struct program *program = find_program(handle);
    if (!program) return NVRTC_ERROR_INVALID_PROGRAM;
    *size = (program->log ? strlen(program->log) : 0) + 1;
    state_unlock(CUDA_SUCCESS);
    return NVRTC_SUCCESS;
}

nvrtcResult nvrtcGetProgramLog(nvrtcProgram handle, char *log) {
    if (!log) return NVRTC_ERROR_INVALID_INPUT;
    struct program *program = find_program(handle);
    if (!program) return NVRTC_ERROR_INVALID_PROGRAM;
    strcpy(log, program->log ? program->log : "");
    state_unlock(CUDA_SUCCESS);
    return NVRTC_SUCCESS;
}

// The compiled image: as PTX always; as CUBIN only for a real (sm_XY) architecture, else empty.
static nvrtcResult image_size(nvrtcProgram handle, size_t *size, int cubin) {
    if (!size) return NVRTC_ERROR_INVALID_INPUT;
    struct program *program = find_program(handle);
    if (!program) return NVRTC_ERROR_INVALID_PROGRAM;
    nvrtcResult result = program->image ? NVRTC_SUCCESS : NVRTC_ERROR_INVALID_PROGRAM;
    if (result == NVRTC_SUCCESS) *size = cubin && program->is_virtual ? 0 : program->image_bytes;
    state_unlock(CUDA_SUCCESS);
    return result;
}

static nvrtcResult image_copy(nvrtcProgram handle, char *out, int cubin) {
    if (!out) return NVRTC_ERROR_INVALID_INPUT;
    struct program *program = find_program(handle);
    if (!program) return NVRTC_ERROR_INVALID_PROGRAM;
    nvrtcResult result = program->image ? NVRTC_SUCCESS : NVRTC_ERROR_INVALID_PROGRAM;
    if (result == NVRTC_SUCCESS && !(cubin && program->is_virtual))
        memcpy(out, program->image, program->image_bytes);
    state_unlock(CUDA_SUCCESS);
    return result;
}

nvrtcResult nvrtcGetPTXSize(nvrtcProgram handle, size_t *size) { return image_size(handle, size, 0); }

nvrtcResult nvrtcGetPTX(nvrtcProgram handle, char *ptx) { return image_copy(handle, ptx, 0); }

nvrtcResult nvrtcGetCUBINSize(nvrtcProgram handle, size_t *size) { return image_size(handle, size, 1); }

nvrtcResult nvrtcGetCUBIN(nvrtcProgram handle, char *cubin) { return image_copy(handle, cubin, 1); }
