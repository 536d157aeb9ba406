import Testing

@testable import Devices

/// The simulated device keeps the contract of a GPU: a hard budget, deferred stream work, events,
/// pageable copies that behave as CUDA's, counters and a log.
struct SimulatedDeviceTests {
    @Test func budgetIsHard() throws {
        let device = try! SimulatedDevice(memory: 1000)
        let first = try device.allocate(600)
        #expect(throws: DeviceError.outOfMemory(requested: 500, live: 600, budget: 1000)) {
            try device.allocate(500)
        }
        device.free(first)
        let second = try device.allocate(1000)
        #expect(device.counters.liveBytes == 1000 && device.counters.peakBytes == 1000)
        device.free(second)
        #expect(device.counters.liveBytes == 0)
    }

    @Test func streamWorkRunsWhenWaitedFor() throws {
        let device = try! SimulatedDevice()
        let stream = try device.makeStream()
        let pinned = try device.allocateHost(16)
        defer { device.freeHost(pinned) }
        let buffer = try device.allocate(16)
        defer { device.free(buffer) }
        pinned.pointer.storeBytes(of: 42.0, as: Double.self)
        try device.copy(from: pinned.pointer, to: buffer, offset: 0, bytes: 8, on: stream)
        pinned.pointer.storeBytes(of: 0.0, as: Double.self)
        let back = pinned.pointer + 8
        try device.copy(from: buffer, offset: 0, to: back, bytes: 8, on: stream)
        #expect(device.log.filter { $0.phase == .completed }.isEmpty, "nothing runs before a wait")
        try device.synchronize(stream)
        #expect(
            back.load(as: Double.self) == 0.0, "the copy read the pinned source when it ran, as a GPU would")
        #expect(device.log.filter { $0.phase == .completed }.count == 2)
    }

    @Test func pageableCopiesBehaveLikeCUDAs() throws {
        let device = try! SimulatedDevice()
        let stream = try device.makeStream()
        let buffer = try device.allocate(8)
        defer { device.free(buffer) }
        var value = 7.0
        try withUnsafeBytes(of: &value) {
            try device.copy(from: $0.baseAddress!, to: buffer, offset: 0, bytes: 8, on: stream)
        }
        value = 1.0
        var back = 0.0
        try withUnsafeMutableBytes(of: &back) {
            try device.copy(from: buffer, offset: 0, to: $0.baseAddress!, bytes: 8, on: stream)
        }
        #expect(
            back == 7.0,
            "a pageable source is read at issue time; a pageable destination is written before return")
        #expect(device.counters.bytesToDevice == 8 && device.counters.bytesFromDevice == 8)
    }

    @Test func eventsOrderStreams() throws {
        let device = try! SimulatedDevice()
        let (first, second) = (try device.makeStream(), try device.makeStream())
        let buffer = try device.allocate(8)
        defer { device.free(buffer) }
        let pinned = try device.allocateHost(16)
        defer { device.freeHost(pinned) }
        pinned.pointer.storeBytes(of: 3.0, as: Double.self)
        try device.copy(from: pinned.pointer, to: buffer, offset: 0, bytes: 8, on: first)
        let event = try device.makeEvent()
        try device.record(event, on: first)
        try device.wait(second, for: event)
        try device.copy(from: buffer, offset: 0, to: pinned.pointer + 8, bytes: 8, on: second)
        try device.synchronize(second)
        #expect((pinned.pointer + 8).load(as: Double.self) == 3.0, "the second stream waited for the first")
    }

    @Test func faultsAreInjected() throws {
        let device = try! SimulatedDevice(faults: FaultPlan(failAllocation: 2))
        let first = try device.allocate(8)
        #expect(throws: DeviceError.self) { try device.allocate(8) }
        device.free(first)
        device.inject(FaultPlan(failCopy: 1))
        let stream = try device.makeStream()
        let buffer = try device.allocate(8)
        var value = 1.0
        #expect(throws: DeviceError.callFailed(call: "copy to device", code: 999, message: "injected fault"))
        {
            try withUnsafeBytes(of: &value) {
                try device.copy(from: $0.baseAddress!, to: buffer, offset: 0, bytes: 8, on: stream)
            }
        }
        device.free(buffer)
    }

    @Test func outOfRangeCopiesAreRefused() throws {
        let device = try! SimulatedDevice()
        let stream = try device.makeStream()
        let buffer = try device.allocate(8)
        defer { device.free(buffer) }
        var value = (1.0, 2.0)
        #expect(throws: DeviceError.self) {
            try withUnsafeBytes(of: &value) {
                try device.copy(from: $0.baseAddress!, to: buffer, offset: 0, bytes: 16, on: stream)
            }
        }
    }

    @Test func poolReusesBuffersPerStream() throws {
        let device = try! SimulatedDevice(memory: 4096)
        let pool = MemoryPool(device: device)
        let (a, b) = (try device.makeStream(), try device.makeStream())
        let first = try pool.allocate(1000, for: a)
        pool.recycle(first, from: a)
        #expect(try pool.allocate(900, for: a) == first, "same rounded size on the same stream: reused")
        let other = try pool.allocate(900, for: b)
        #expect(other != first)
        pool.recycle(other, from: b)
        pool.recycle(first, from: a)
        #expect(device.counters.liveBytes == 2048)
        let big = try pool.allocate(3000, for: a)
        #expect(
            device.counters.liveBytes == 3072,
            "out of memory: the cache was released and the allocation retried")
        pool.recycle(big, from: a)
        try pool.releaseCached()
        #expect(device.counters.liveBytes == 0)
    }

    @Test func byteFormatting() {
        #expect(
            formatBytes(512) == "512 B" && formatBytes(1536) == "1.5 KiB" && formatBytes(8 << 30) == "8.0 GiB"
        )
    }
}
