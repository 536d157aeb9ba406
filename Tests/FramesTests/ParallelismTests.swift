import NDArrays
import Synchronization
import Testing

/// `Parallelism.forEachTask`, the one NDArrays addition Frames relies on (its CSV reader splits
/// documents with it): every index runs exactly once, nested and serial calls included.
@Suite struct ParallelismTests {
    /// How often each index ran, counted under a lock.
    final class Tally: Sendable {
        private let counts: Mutex<[Int]>
        init(_ count: Int) { counts = Mutex(Array(repeating: 0, count: count)) }
        func record(_ index: Int) { counts.withLock { $0[index] += 1 } }
        var values: [Int] { counts.withLock { $0 } }
    }

    @Test func everyTaskRunsOnce() {
        for count in [0, 1, 2, 3, 17, 1_000] {
            let tally = Tally(count)
            Parallelism.forEachTask(count) { tally.record($0) }
            #expect(tally.values == Array(repeating: 1, count: count))
        }
    }

    @Test func nestedAndSerialCallsRunInline() {
        let tally = Tally(64)
        Parallelism.forEachTask(8) { outer in
            Parallelism.forEachTask(8) { inner in tally.record(outer * 8 + inner) }
        }
        #expect(tally.values == Array(repeating: 1, count: 64))
        let serial = Tally(10)
        Parallelism.serially { Parallelism.forEachTask(10) { serial.record($0) } }
        #expect(serial.values == Array(repeating: 1, count: 10))
    }
}
