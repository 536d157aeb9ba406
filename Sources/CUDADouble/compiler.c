// Runs the host C++ compiler on a translation unit and wraps the shared object it produces in
// the double's image format. The compiler is CUDA_DOUBLE_CXX if set, else clang++ on PATH, else
// /opt/swift/usr/bin/clang++. No FMA contraction unless --fmad=true (NVRTC's default); modules
// link only against libc and libm.
#define _GNU_SOURCE
#include "compiler.h"
#include "cuda_types.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

#define SHARED_MEMORY_LIMIT 49152u

// The first executable `name` on PATH (or `name` itself if it contains a slash), malloc'd.
static char *find_executable(const char *name) {
    if (strchr(name, '/')) return access(name, X_OK) == 0 ? strdup(name) : NULL;
    const char *path = getenv("PATH");
    while (path && *path) {
        const char *end = strchr(path, ':');
        size_t length = end ? (size_t)(end - path) : strlen(path);
        char candidate[4096];
        if (length > 0 && length + strlen(name) + 2 < sizeof candidate) {
            snprintf(candidate, sizeof candidate, "%.*s/%s", (int)length, path, name);
            if (access(candidate, X_OK) == 0) return strdup(candidate);
        }
        path = end ? end + 1 : NULL;
    }
    return NULL;
}

static char *find_compiler(void) {
    const char *chosen = getenv("CUDA_DOUBLE_CXX");
    if (chosen && *chosen) return find_executable(chosen);
    char *found = find_executable("clang++");
    return found ? found : find_executable("/opt/swift/usr/bin/clang++");
}

static int write_file(const char *path, const char *text, size_t bytes) {
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return -1;
    for (size_t written = 0; written < bytes;) {
        ssize_t n = write(fd, text + written, bytes - written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            close(fd);
            return -1;
        }
        written += (size_t)n;
    }
    return close(fd);
}

// The whole file at `path`, malloc'd and NUL-terminated; *bytes excludes the NUL.
static char *read_file(const char *path, size_t *bytes) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat info;
    if (fd < 0) return NULL;
    char *data = fstat(fd, &info) == 0 ? malloc((size_t)info.st_size + 1) : NULL;
    size_t done = 0;
    while (data && done < (size_t)info.st_size) {
        ssize_t n = read(fd, data + done, (size_t)info.st_size - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        done += (size_t)n;
    }
    close(fd);
    if (data && done != (size_t)info.st_size) {
        free(data);
        return NULL;
    }
    if (data) data[done] = 0;
    *bytes = done;
    return data;
}

// Writes a header under `directory`, creating the folders of its include name.
static int write_header(const char *directory, const char *name, const char *text) {
    if (!name || !text || name[0] == '/' || strstr(name, "..")) return -1;
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", directory, name) >= sizeof path) return -1;
    for (char *slash = strchr(path + strlen(directory) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = 0;
        if (mkdir(path, 0700) != 0 && errno != EEXIST) return -1;
        *slash = '/';
    }
    return write_file(path, text, strlen(text));
}

static int remove_entry(const char *path, const struct stat *info, int flag, struct FTW *ftw) {
    (void)info, (void)flag, (void)ftw;
    return remove(path);
}

// The log with the temporary folder's paths removed, so that it names the program's files.
static char *clean_log(const char *log, const char *directory) {
    char *clean = malloc(strlen(log) + 1), *out = clean;
    size_t prefix = strlen(directory);
    if (!clean) return NULL;
    for (const char *c = log; *c;) {
        if (strncmp(c, directory, prefix) == 0) {
            c += prefix;
            if (strncmp(c, "/include/", 9) == 0)
                c += 9;
            else if (*c == '/')
                c++;
        } else {
            *out++ = *c++;
        }
    }
    *out = 0;
    return clean;
}

// The size of the `bach_shared` section (the module's __shared__ variables), or 0.
static unsigned long long shared_bytes(const unsigned char *object, size_t bytes) {
    const Elf64_Ehdr *header = (const Elf64_Ehdr *)object;
    if (bytes < sizeof *header || memcmp(header->e_ident, ELFMAG, SELFMAG) != 0 ||
        header->e_ident[EI_CLASS] != ELFCLASS64)
        return 0;
    if (header->e_shoff + (unsigned long long)header->e_shnum * sizeof(Elf64_Shdr) > bytes ||
        header->e_shstrndx >= header->e_shnum)
        return 0;
    const Elf64_Shdr *sections = (const Elf64_Shdr *)(object + header->e_shoff);
    const Elf64_Shdr *names = &sections[header->e_shstrndx];
    for (unsigned int i = 0; i < header->e_shnum; i++) {
        unsigned long long at = names->sh_offset + sections[i].sh_name;
        if (at + sizeof "bach_shared" <= bytes && strcmp((const char *)object + at, "bach_shared") == 0)
            return sections[i].sh_size;
    }
    return 0;
}

static int run_compiler(char *const *argv, const char *log_path, int *status) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t child;
    int error = posix_spawn(&child, argv[0], &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0) return -1;
    while (waitpid(child, status, 0) < 0) {
        if (errno != EINTR) return -1;
    }
    return 0;
}

int compile_unit(const char *unit, const char *const *headers, const char *const *include_names,
                 size_t header_count, const struct compile_options *options, unsigned char **image,
                 size_t *image_bytes, char **log) {
    *image = NULL;
    *log = NULL;
    char *compiler = find_compiler();
    if (!compiler) {
        *log = strdup("cuda double: no C++ compiler found (set CUDA_DOUBLE_CXX, or put clang++ on PATH)\n");
        return NVRTC_ERROR_INTERNAL_ERROR;
    }
    const char *temporary = getenv("TMPDIR");
    char directory[4096];
    snprintf(directory, sizeof directory, "%s/cuda-double-XXXXXX",
             temporary && *temporary ? temporary : "/tmp");
    if (!mkdtemp(directory)) {
        free(compiler);
        *log = strdup("cuda double: cannot create a temporary folder\n");
        return NVRTC_ERROR_INTERNAL_ERROR;
    }
    char source[4200], object[4200], log_path[4200], include[4200], includes[4220];
    snprintf(source, sizeof source, "%s/program.cpp", directory);
    snprintf(object, sizeof object, "%s/module.so", directory);
    snprintf(log_path, sizeof log_path, "%s/log.txt", directory);
    snprintf(include, sizeof include, "%s/include", directory);
    snprintf(includes, sizeof includes, "-I%s", include);
    int result = write_file(source, unit, strlen(unit)) == 0 && mkdir(include, 0700) == 0
                     ? NVRTC_SUCCESS
                     : NVRTC_ERROR_INTERNAL_ERROR;
    for (size_t i = 0; i < header_count && result == NVRTC_SUCCESS; i++) {
        if (write_header(include, include_names[i], headers[i]) != 0) result = NVRTC_ERROR_INVALID_INPUT;
    }
    const char *fixed[] = {compiler,
                           "-x",
                           "c++",
                           options->standard == 20 ? "-std=c++20" : "-std=c++17",
                           "-O1",
                           "-fPIC",
                           "-shared",
                           "-nostdlib",
                           "-fvisibility=hidden",
                           "-fno-exceptions",
                           "-fno-rtti",
                           "-fno-threadsafe-statics",
                           "-fno-stack-protector",
                           "-fno-math-errno",
                           options->fmad ? "-ffp-contract=on" : "-ffp-contract=off",
                           "-Wno-unused-function",
                           "-Wl,-z,defs",
                           includes};
    size_t fixed_count = sizeof fixed / sizeof fixed[0];
    const char **argv = calloc(fixed_count + options->define_count + 7, sizeof *argv);
    int status = 0;
    if (!argv) result = NVRTC_ERROR_OUT_OF_MEMORY;
    if (result == NVRTC_SUCCESS) {
        size_t n = 0;
        for (size_t i = 0; i < fixed_count; i++) argv[n++] = fixed[i];
        for (size_t i = 0; i < options->define_count; i++) argv[n++] = options->defines[i];
        argv[n++] = source;
        argv[n++] = "-o";
        argv[n++] = object;
        argv[n++] = "-l:libm.so.6";
        argv[n++] = "-l:libc.so.6";
        if (run_compiler((char *const *)argv, log_path, &status) != 0) result = NVRTC_ERROR_INTERNAL_ERROR;
    }
    size_t bytes = 0;
    char *raw_log = read_file(log_path, &bytes);
    *log = clean_log(raw_log ? raw_log : "", directory);
    free(raw_log);
    if (result == NVRTC_SUCCESS && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
        result = NVRTC_ERROR_COMPILATION;
    unsigned char *module = result == NVRTC_SUCCESS ? (unsigned char *)read_file(object, &bytes) : NULL;
    if (result == NVRTC_SUCCESS && !module) result = NVRTC_ERROR_INTERNAL_ERROR;
    unsigned long long shared = module ? shared_bytes(module, bytes) : 0;
    if (result == NVRTC_SUCCESS && shared > SHARED_MEMORY_LIMIT) {
        char message[200];
        snprintf(message, sizeof message,
                 "ptxas error   : the module uses too much shared data (0x%llx bytes, 0x%x max)\n", shared,
                 SHARED_MEMORY_LIMIT);
        char *grown = realloc(*log, (*log ? strlen(*log) : 0) + strlen(message) + 1);
        if (grown) {
            if (!*log) grown[0] = 0;
            strcat(grown, message);
            *log = grown;
        }
        result = NVRTC_ERROR_COMPILATION;
    }
    if (result == NVRTC_SUCCESS) {
        *image = malloc(sizeof(struct image_header) + bytes);
        if (*image) {
            struct image_header header = {IMAGE_MAGIC,
                                          IMAGE_VERSION,
                                          (unsigned int)options->architecture,
                                          (unsigned int)options->is_virtual,
                                          0,
                                          bytes};
            memcpy(*image, &header, sizeof header);
            memcpy(*image + sizeof header, module, bytes);
            *image_bytes = sizeof header + bytes;
        } else {
            result = NVRTC_ERROR_OUT_OF_MEMORY;
        }
    }
    free(module);
    free(argv);
    free(compiler);
    nftw(directory, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return result;
}
