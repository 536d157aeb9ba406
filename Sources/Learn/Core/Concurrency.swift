import Dispatch
import NDArrays

/// Splits loops over independent rows across cores, as many as `Parallelism.threads` allows (one
/// inside `Parallelism.serially`, which the Bach runtime uses when it already keeps every core
/// busy with batches of its own).
///
/// Work is cut into a fixed number of parts whatever the thread count, so that results combined
/// part by part (column sums, neighbour pairs) come out the same on any machine.
enum Concurrency {
    /// Runs `body(part, range)` for `parts` consecutive slices of `0..<count`, on several threads
    /// when `count` reaches `grain` per thread.
    static func forEachPart(
        _ count: Int, parts: Int, grain: Int, _ body: @Sendable (_ part: Int, _ range: Range<Int>) -> Void
    ) {
        let parts = Swift.max(1, Swift.min(parts, count))
        let size = (count + parts - 1) / parts
        withoutActuallyEscaping(body) { body in
            let run: @Sendable (Int) -> Void = { part in
                let range = Swift.min(count, part * size)..<Swift.min(count, (part + 1) * size)
                if !range.isEmpty { body(part, range) }
            }
            if Parallelism.threads > 1 && count >= 2 * grain {
                DispatchQueue.concurrentPerform(iterations: parts, execute: run)
            } else {
                for part in 0..<parts { run(part) }
            }
        }
    }
}

/// A pointer or value that parallel parts use safely because each touches its own elements.
struct Shared<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
