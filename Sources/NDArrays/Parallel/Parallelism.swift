import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// How many threads NDArrays splits large operations over.
///
/// The default is every core the process may use; the environment variable `NDARRAYS_THREADS`
/// or `Parallelism.threads` lowers it (1 runs everything on the calling thread). Work below a
/// per-operation size runs on the calling thread, so small arrays never pay for thread hand-off.
public enum Parallelism {
    private static let configured = Atomic<Int>(0)

    /// Cores available to this process.
    public static var availableCores: Int {
        Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
    }

    /// Whether the current thread runs NDArrays' operations on itself only (see `serially`).
    @TaskLocal static var isSerial = false

    /// Runs `body` with every NDArrays operation it performs on the calling thread alone: for
    /// callers that already keep every core busy with work of their own (the Bach runtime's CPU
    /// batches), where splitting each operation again would only oversubscribe the cores.
    public static func serially<R>(_ body: () throws -> R) rethrows -> R {
        try $isSerial.withValue(true) { try body() }
    }

    /// The thread count in force (1 inside `serially`); setting it to 0 restores the default.
    public static var threads: Int {
        get {
            if isSerial { return 1 }
            let value = configured.load(ordering: .relaxed)
            return value > 0 ? value : defaultThreads
        }
        set { configured.store(Swift.max(0, newValue), ordering: .relaxed) }
    }

    private static let defaultThreads: Int = {
        if let text = getenv("NDARRAYS_THREADS"), let value = Int(String(cString: text)), value > 0 {
            return value
        }
        return Swift.max(1, availableCores)
    }()

    /// Runs `body` over `0..<count` split into contiguous chunks, in parallel when each thread gets
    /// at least `grain` elements. Chunk bounds are multiples of 64 elements (whole cache lines).
    static func forEachChunk(
        _ count: Int, grain: Int, _ body: (Range<Int>) -> Void
    ) {
        let tasks = Swift.min(threads, WorkerPool.shared.workers + 1, count / Swift.max(grain, 1))
        if tasks <= 1 {
            if count > 0 { body(0..<count) }
            return
        }
        let chunk = ((count + tasks - 1) / tasks + 63) & ~63
        let parts = (count + chunk - 1) / chunk
        let ran = WorkerPool.shared.run(chunks: parts) { part in
            body((part * chunk)..<Swift.min(count, (part + 1) * chunk))
        }
        if !ran { body(0..<count) }
    }
}

extension Parallelism {
    /// Runs `body(0)` … `body(count - 1)` on up to `threads` threads of NDArrays' worker pool and
    /// returns when every call has returned. Threads take the next index as they finish one, so
    /// tasks of uneven cost balance out.
    ///
    /// This is for libraries built on NDArrays that split work of their own (Frames parses a CSV
    /// file in byte ranges): sharing one pool keeps them from oversubscribing the cores when both
    /// run. `body` runs concurrently on several threads and must only write what its index owns;
    /// inside `serially`, or when the pool is already busy, every task runs on the calling thread.
    ///
    /// ```swift
    /// Parallelism.forEachTask(parts.count) { part in results[part] = parse(parts[part]) }
    /// ```
    public static func forEachTask(_ count: Int, _ body: (Int) -> Void) {
        let tasks = Swift.min(threads, WorkerPool.shared.workers + 1, count)
        guard tasks > 1 else {
            for index in 0..<Swift.max(count, 0) { body(index) }
            return
        }
        let next = TaskCounter()
        let ran = WorkerPool.shared.run(chunks: tasks) { _ in
            while true {
                let index = next.value.add(1, ordering: .relaxed).oldValue
                if index >= count { return }
                body(index)
            }
        }
        if !ran {
            for index in 0..<count { body(index) }
        }
    }
}

/// The next task index of one `forEachTask` call, shared by its threads.
private final class TaskCounter: Sendable {
    let value = Atomic<Int>(0)
}

/// Elements per thread below which splitting does not pay: cheap memory-bound loops need more
/// elements per thread than transcendental functions.
enum Grain {
    static let cheap = 1 << 16
    static let costly = 1 << 12
}

/// Carries a value the caller knows is used safely across threads (disjoint chunks of one buffer).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
