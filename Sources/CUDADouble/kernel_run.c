// Runs one launch on the calling thread. Faults while the kernel runs (SIGSEGV and SIGBUS: an
// access outside device memory, e.g. onto a guard page; SIGFPE, SIGILL, SIGTRAP: a trap) abandon
// it and return the CUDA error; the handler runs on an alternate stack so that a fiber's
// overflowing stack is caught too. Faults anywhere else go to whatever handled them before.
#include "state.h"

#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#define ALTERNATE_STACK_BYTES (256u << 10)

static const int fault_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP};
static struct sigaction previous[sizeof fault_signals / sizeof fault_signals[0]];
static sigjmp_buf kernel_exit;
static volatile sig_atomic_t kernel_active;
static pthread_t kernel_thread;
static char *alternate_stack;

static void handle_fault(int signal, siginfo_t *info, void *context) {
    (void)context;
    if (kernel_active && pthread_equal(pthread_self(), kernel_thread)) {
        siglongjmp(kernel_exit, signal == SIGSEGV || signal == SIGBUS ? CUDA_ERROR_ILLEGAL_ADDRESS
                                                                      : CUDA_ERROR_LAUNCH_FAILED);
    }
    for (size_t i = 0; i < sizeof fault_signals / sizeof fault_signals[0]; i++) {
        if (fault_signals[i] == signal) sigaction(signal, &previous[i], NULL);
    }
    // Returning re-executes the faulting instruction under the previous handler; a signal that
    // was sent rather than caused is sent again.
    if (info->si_code <= 0) raise(signal);
}

// Installs the handler unless it is in place (another copy of the library may have replaced it).
static void install_handlers(void) {
    for (size_t i = 0; i < sizeof fault_signals / sizeof fault_signals[0]; i++) {
        struct sigaction current;
        sigaction(fault_signals[i], NULL, &current);
        if ((current.sa_flags & SA_SIGINFO) && current.sa_sigaction == handle_fault) continue;
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = handle_fault;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&action.sa_mask);
        sigaction(fault_signals[i], &action, &previous[i]);
    }
}

void kernel_abort(CUresult result) { siglongjmp(kernel_exit, result); }

CUresult kernel_run(const struct kernel_function *function, const unsigned int grid[3],
                    const unsigned int block[3], const char *arguments) {
    if (!alternate_stack && !(alternate_stack = malloc(ALTERNATE_STACK_BYTES)))
        return CUDA_ERROR_OUT_OF_MEMORY;
    install_handlers();
    stack_t alternate = {.ss_sp = alternate_stack, .ss_size = ALTERNATE_STACK_BYTES, .ss_flags = 0}, saved;
    sigaltstack(&alternate, &saved);
    struct bach_launch launch = {
        {grid[0], grid[1], grid[2]}, {block[0], block[1], block[2]}, arguments, &fiber_runtime};
    kernel_thread = pthread_self();
    CUresult result = CUDA_SUCCESS;
    int exit = sigsetjmp(kernel_exit, 1);
    if (exit == 0) {
        kernel_active = 1;
        function->grid(&launch);
    } else {
        result = (CUresult)exit;
        fiber_reset();
    }
    kernel_active = 0;
    sigaltstack(&saved, NULL);
    return result;
}
