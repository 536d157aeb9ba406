// Threads of a block that calls __syncthreads() run as fibers: user-level contexts with their
// own stacks, switched only at the barrier. The scheduler runs every live fiber up to its next
// barrier (or its end), then releases the barrier; a thread that returns leaves the barrier. On
// x86_64 the switch is a few instructions of assembly (swapcontext makes a system call per
// switch); elsewhere it falls back to ucontext.
#include "state.h"

#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define FIBER_STACK_BYTES (128u << 10)
#define MAX_FIBERS 1024u

#if defined(__x86_64__)

// cuda_double_fiber_switch(save, next): saves the callee-saved registers and the floating-point
// control words on the current stack, stores the stack pointer in *save, and resumes the context
// whose stack pointer is `next`. A new fiber's stack is prepared so that the switch "returns"
// into cuda_double_fiber_start with the fiber in r12.
__asm__(".text\n"
        ".p2align 4\n"
        ".globl cuda_double_fiber_switch\n"
        ".hidden cuda_double_fiber_switch\n"
        ".type cuda_double_fiber_switch,@function\n"
        "cuda_double_fiber_switch:\n"
        "  pushq %rbp\n"
        "  pushq %rbx\n"
        "  pushq %r12\n"
        "  pushq %r13\n"
        "  pushq %r14\n"
        "  pushq %r15\n"
        "  subq $8, %rsp\n"
        "  stmxcsr (%rsp)\n"
        "  fnstcw 4(%rsp)\n"
        "  movq %rsp, (%rdi)\n"
        "  movq %rsi, %rsp\n"
        "  ldmxcsr (%rsp)\n"
        "  fldcw 4(%rsp)\n"
        "  addq $8, %rsp\n"
        "  popq %r15\n"
        "  popq %r14\n"
        "  popq %r13\n"
        "  popq %r12\n"
        "  popq %rbx\n"
        "  popq %rbp\n"
        "  ret\n"
        ".size cuda_double_fiber_switch, .-cuda_double_fiber_switch\n"
        ".p2align 4\n"
        ".globl cuda_double_fiber_start\n"
        ".hidden cuda_double_fiber_start\n"
        ".type cuda_double_fiber_start,@function\n"
        "cuda_double_fiber_start:\n"
        "  movq %r12, %rdi\n"
        "  call cuda_double_fiber_main\n"
        "  ud2\n"
        ".size cuda_double_fiber_start, .-cuda_double_fiber_start\n");

__attribute__((visibility("hidden"))) void cuda_double_fiber_switch(void **save, void *next);
__attribute__((visibility("hidden"))) void cuda_double_fiber_start(void);

struct fiber {
    void *stack_pointer;
    unsigned int thread;
    int done;
};

static void *scheduler_context;

static void fiber_prepare(struct fiber *fiber, char *stack_top) {
    uint64_t *top = (uint64_t *)((uintptr_t)stack_top & ~(uintptr_t)15);
    top[-1] = (uint64_t)(uintptr_t)cuda_double_fiber_start;  // the switch's return address
    top[-2] = 0;                                             // rbp
    top[-3] = 0;                                             // rbx
    top[-4] = (uint64_t)(uintptr_t)fiber;                    // r12: cuda_double_fiber_start's argument
    top[-5] = top[-6] = top[-7] = 0;                         // r13, r14, r15
    top[-8] = 0x1F80ull | 0x037Full << 32;                   // default MXCSR and x87 control word
    fiber->stack_pointer = &top[-8];
}

static void switch_to_fiber(struct fiber *fiber) {
    cuda_double_fiber_switch(&scheduler_context, fiber->stack_pointer);
}

static void switch_to_scheduler(struct fiber *fiber) {
    cuda_double_fiber_switch(&fiber->stack_pointer, scheduler_context);
}

#else

#include <ucontext.h>

struct fiber {
    ucontext_t context;
    unsigned int thread;
    int done;
};

static ucontext_t scheduler_context;

__attribute__((visibility("hidden"))) void cuda_double_fiber_main(struct fiber *fiber);

static void fiber_entry(unsigned int high, unsigned int low) {
    cuda_double_fiber_main((struct fiber *)(uintptr_t)((uint64_t)high << 32 | low));
}

static void fiber_prepare(struct fiber *fiber, char *stack_top) {
    getcontext(&fiber->context);
    fiber->context.uc_stack.ss_sp = stack_top - (FIBER_STACK_BYTES - (size_t)sysconf(_SC_PAGESIZE));
    fiber->context.uc_stack.ss_size = FIBER_STACK_BYTES - (size_t)sysconf(_SC_PAGESIZE);
    fiber->context.uc_link = NULL;
    uint64_t address = (uint64_t)(uintptr_t)fiber;
    makecontext(&fiber->context, (void (*)(void))fiber_entry, 2, (unsigned int)(address >> 32),
                (unsigned int)address);
}

static void switch_to_fiber(struct fiber *fiber) { swapcontext(&scheduler_context, &fiber->context); }

static void switch_to_scheduler(struct fiber *fiber) { swapcontext(&fiber->context, &scheduler_context); }

#endif

static struct fiber fibers[MAX_FIBERS];
static char *stacks;  // MAX_FIBERS stacks, each with a PROT_NONE page at its low end
static unsigned int order[MAX_FIBERS];
static struct fiber *current;
static int running;
static void (*thread_body)(const struct bach_launch *, unsigned int);
static const struct bach_launch *thread_launch;

__attribute__((visibility("hidden"), used)) void cuda_double_fiber_main(struct fiber *fiber) {
    thread_body(thread_launch, fiber->thread);
    fiber->done = 1;
    switch_to_scheduler(fiber);
    __builtin_unreachable();
}

static int reserve_stacks(void) {
    if (stacks) return 0;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    char *region = mmap(NULL, (size_t)MAX_FIBERS * FIBER_STACK_BYTES, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (region == MAP_FAILED) return -1;
    for (unsigned int i = 0; i < MAX_FIBERS; i++)
        mprotect(region + (size_t)i * FIBER_STACK_BYTES, page, PROT_NONE);
    stacks = region;
    return 0;
}

// Runs the `threads` threads of one block to completion.
static void run_block(unsigned int threads, void (*body)(const struct bach_launch *, unsigned int),
                      const struct bach_launch *launch) {
    if (threads > MAX_FIBERS || reserve_stacks() != 0) kernel_abort(CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES);
    thread_body = body;
    thread_launch = launch;
    for (unsigned int i = 0; i < threads; i++) {
        fibers[i].thread = i;
        fibers[i].done = 0;
        fiber_prepare(&fibers[i], stacks + (size_t)(i + 1) * FIBER_STACK_BYTES);
        order[i] = i;
    }
    running = 1;
    unsigned int live = threads;
    while (live > 0) {
        if (state.random_schedule) {
            // Threads between two barriers may run in any order on a GPU; so they do here.
            for (unsigned int i = threads - 1; i > 0; i--) {
                unsigned int j = (unsigned int)(schedule_next_random() % (i + 1)), t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        for (unsigned int k = 0; k < threads; k++) {
            struct fiber *fiber = &fibers[order[k]];
            if (fiber->done) continue;
            current = fiber;
            switch_to_fiber(fiber);
            live -= (unsigned int)fiber->done;
        }
    }
    running = 0;
}

// __syncthreads(): back to the scheduler until every live thread of the block has arrived.
static void barrier(void) {
    if (!running) kernel_abort(CUDA_ERROR_LAUNCH_FAILED);  // a barrier the compiler did not expect
    switch_to_scheduler(current);
}

void fiber_reset(void) { running = 0; }

const struct bach_runtime fiber_runtime = {BACH_ABI_VERSION, barrier, run_block};
