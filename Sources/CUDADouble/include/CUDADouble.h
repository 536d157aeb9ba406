// The CUDA double's control and introspection API, for tests.
//
// The double is a shared library exporting the CUDA driver-API, NVRTC, cuBLAS and cuSOLVER entry
// points the project resolves with dlsym (cuInit, cuMemAlloc_v2, …, nvrtcCompileProgram, …,
// cublasDgemm_v2, cublasDsyrk_v2, cusolverDnDsyevd, …); it runs everything on the host with CUDA's
// documented semantics enforced strictly. Load it with BACH_CUDA_DRIVER, BACH_NVRTC, BACH_CUBLAS
// and BACH_CUSOLVER all naming path/libCUDADouble.so.
//
// Environment, read at the first cuInit (or NVRTC call):
//   CUDA_DOUBLE_MEMORY=BYTES      device memory (default 80 GiB; suffixes KiB, MiB, GiB allowed)
//   CUDA_DOUBLE_SCHEDULE=SPEC     "deterministic" (default) or "random:SEED"
//   CUDA_DOUBLE_FAULTS=SPEC       fault plan, see cudaDoubleSetFaults
//   CUDA_DOUBLE_CXX=PATH          the C++ compiler NVRTC runs (default clang++ on PATH, then
//                                 /opt/swift/usr/bin/clang++)
//
// Where the double approximates CUDA:
//   - One device, one primary context; cuDevicePrimaryCtxRelease to zero destroys everything the
//     context owned and gives the next retain a new handle.
//   - A kernel's threads run one at a time on the host thread that needed the work: as a plain
//     loop, or (when the program mentions __syncthreads) as fibers switched only at barriers.
//     Atomics are plain read-modify-writes; warp-synchronous code without barriers, dynamic
//     shared memory, __constant__/module globals and cuModuleGetGlobal are not supported.
//   - Out-of-bounds accesses fault only past the 256-byte-aligned end of an allocation (as on a
//     GPU, small overruns inside that slack go unnoticed). SIGFPE/SIGILL/SIGTRAP in a kernel
//     (e.g. __trap(), an integer division by zero) is CUDA_ERROR_LAUNCH_FAILED.
//   - The static __shared__ limit (48 KiB) is checked per module, not per kernel.
//   - cuModuleUnload and cuMemFree(Host) run all pending work first. cuStreamQuery and
//     cuEventQuery never run work: in the deterministic schedule a polling loop never ends.
//   - NVRTC: kernels are found by scanning for `extern "C" __global__ void NAME(…) {`
//     definitions; --std=c++03/11/14 compile as C++17; -default-device is implied.
//   - cuBLAS and cuSOLVER: handles need the context current when created (the real libraries
//     would initialise the runtime) and die with it; calls are deferred stream work run on the
//     host (column-major loops; DSYEVD by Householder tridiagonalisation and implicit QL in the
//     caller's workspace). Only CUBLAS_POINTER_MODE_HOST exists. What the real libraries would
//     turn into a fault on the device is refused at the call with *_STATUS_INVALID_VALUE: a matrix
//     outside device memory, a scalar pointer into device memory, a stream destroyed since
//     cublasSetStream, a DSYEVD workspace smaller than cusolverDnDsyevd_bufferSize's.
//
// Example (C):
//   cudaDoubleSetFaults("alloc:2:2");      // the 2nd allocation fails with out-of-memory
//   long long live;
//   cudaDoubleCounter("device_allocations", &live);
#ifndef CUDA_DOUBLE_H
#define CUDA_DOUBLE_H

#ifdef __cplusplus
extern "C" {
#endif

/// Sets the fault plan: comma-separated KIND:N:CODE entries, KIND one of alloc (cuMemAlloc,
/// cuMemHostAlloc), copy (every memcpy and memset), launch, compile (nvrtcCompileProgram; CODE
/// is an nvrtcResult), load (cuModuleLoadData), sync (stream, event and context synchronise),
/// library (cublasDgemm_v2, cublasDsyrk_v2, cusolverDnDsyevd; CODE is the library's status).
/// The N-th call of that kind (counting from 1 since the plan was set) returns CODE and does
/// nothing. An empty string clears the plan. Returns 0, or -1 (plan unchanged) if `spec` is
/// malformed.
int cudaDoubleSetFaults(const char *spec);

/// Sets the schedule: "deterministic" runs deferred work only when the host needs it, in issue
/// order; "random:SEED" picks the next operation at random among every stream whose next
/// operation is ready, runs some ready work early at API calls, and runs a block's threads in a
/// random order between barriers. Returns 0, or -1 (schedule unchanged) if `spec` is malformed.
int cudaDoubleSetSchedule(const char *spec);

/// Clears the context's sticky error (e.g. CUDA_ERROR_ILLEGAL_ADDRESS after a kernel faulted).
void cudaDoubleResetError(void);

/// Sets the device memory capacity in bytes (what cuMemGetInfo and cuDeviceTotalMem report).
void cudaDoubleSetMemoryCapacity(unsigned long long bytes);

/// Reads a counter into `value`; returns 0, or -1 for an unknown name. Copies are counted when
/// issued (memcpys and memsets that fail validation or are injected faults are not); `launches`
/// counts accepted cuLaunchKernel calls, `kernels_run` those that ran, `compiles` successful
/// nvrtcCompileProgram calls, `modules_loaded` successful cuModuleLoadData calls. Live values:
/// device_allocations, device_bytes, pinned_allocations, pinned_bytes, modules_live,
/// streams_live, events_live, pending_operations, sticky_error, blas_handles_live,
/// solver_handles_live. Cumulative values (reset by cudaDoubleResetCounters):
/// pageable_htod_copies, pageable_htod_bytes, pageable_dtoh_copies, pageable_dtoh_bytes,
/// htod_copies, htod_bytes, dtoh_copies, dtoh_bytes, dtod_copies, dtod_bytes, memsets, launches,
/// kernels_run, compiles, modules_loaded, blas_calls and solver_calls (accepted calls that issue
/// work), library_calls_run (those that ran).
int cudaDoubleCounter(const char *name, long long *value);

/// Sets every cumulative counter to zero.
void cudaDoubleResetCounters(void);

#ifdef __cplusplus
}
#endif

#endif
