import CVectorMath
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Persistent threads that run the chunks of one parallel operation at a time.
///
/// Handing work to a sleeping thread costs tens of microseconds, as much as an `exp` of 2^14
/// doubles, so workers spin for a while after each job before they sleep: back-to-back operations
/// (the normal case in array code) then start in well under a microsecond.
///
/// A job has one chunk per thread (the caller runs chunk 0); every worker acknowledges every job,
/// so no worker can still be reading a job when the next one is published. A call made while the
/// pool is busy (a nested parallel operation, or two threads of the caller's own) runs inline.
final class WorkerPool: @unchecked Sendable {
    /// The pool shared by all of NDArrays: one worker per core beside the calling thread.
    static let shared = WorkerPool(workers: Swift.max(0, Parallelism.availableCores - 1))

    /// Iterations of `pause` a worker spins before it sleeps (roughly 100 µs).
    private static let spinLimit = 20_000

    /// The number of worker threads (the caller is not counted).
    let workers: Int
    private let busy = Atomic<Bool>(false)
    private let generation = Atomic<Int>(0)
    private let acknowledged: UnsafeMutablePointer<Atomic<Int>>
    private let sleepers = Atomic<Int>(0)
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var chunks = 0
    private var body: ((Int) -> Void)?

    private init(workers: Int) {
        self.workers = workers
        acknowledged = .allocate(capacity: Swift.max(workers, 1))
        for index in 0..<Swift.max(workers, 1) {
            (acknowledged + index).initialize(to: Atomic(0))
        }
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(wake, nil)
        for index in 0..<workers {
            let context = Unmanaged.passRetained(WorkerContext(pool: self, index: index)).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(
                &thread, nil,
                { raw in
                    let context = Unmanaged<WorkerContext>.fromOpaque(raw!).takeRetainedValue()
                    context.pool.serve(index: context.index)
                    return nil
                }, context)
            precondition(status == 0, "NDArrays: could not start a worker thread (error \(status))")
            pthread_detach(thread)
        }
    }

    /// Runs `body(0)` … `body(chunks - 1)`, one chunk per thread, and returns when all are done.
    /// Returns false, having run nothing, when the pool is busy or too small for `chunks`.
    func run(chunks: Int, _ body: (Int) -> Void) -> Bool {
        guard chunks >= 2, chunks <= workers + 1,
            busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else { return false }
        withoutActuallyEscaping(body) { body in
            self.body = body
            self.chunks = chunks
            let job = generation.load(ordering: .relaxed) + 1
            generation.store(job, ordering: .releasing)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(mutex)
                pthread_cond_broadcast(wake)
                pthread_mutex_unlock(mutex)
            }
            body(0)
            for index in 0..<workers {
                while acknowledged[index].load(ordering: .acquiring) != job { nd_cpu_relax() }
            }
            self.body = nil
        }
        busy.store(false, ordering: .releasing)
        return true
    }

    /// A worker's loop: wait for a job, run its chunk if it has one, acknowledge.
    private func serve(index: Int) {
        var seen = 0
        while true {
            var spins = 0
            while generation.load(ordering: .acquiring) == seen {
                spins += 1
                if spins < Self.spinLimit {
                    nd_cpu_relax()
                    continue
                }
                pthread_mutex_lock(mutex)
                sleepers.add(1, ordering: .sequentiallyConsistent)
                while generation.load(ordering: .sequentiallyConsistent) == seen {
                    pthread_cond_wait(wake, mutex)
                }
                sleepers.subtract(1, ordering: .sequentiallyConsistent)
                pthread_mutex_unlock(mutex)
            }
            seen = generation.load(ordering: .acquiring)
            if index + 1 < chunks { body?(index + 1) }
            acknowledged[index].store(seen, ordering: .releasing)
        }
    }
}

/// What a worker thread is started with.
private final class WorkerContext {
    let pool: WorkerPool
    let index: Int

    init(pool: WorkerPool, index: Int) {
        self.pool = pool
        self.index = index
    }
}
