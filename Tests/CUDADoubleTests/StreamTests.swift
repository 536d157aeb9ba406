import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension CUDADoubleSuite {
    @Suite struct StreamTests {
        let cuda = DoubleLibrary.shared

        /// The 256 bytes at `address`, read back with a synchronous copy.
        func bytes(_ address: UInt64) throws -> [UInt8] { try cuda.download(address, count: 256) }

        @Test func workRunsOnlyWhenTheHostNeedsIt() throws {
            try cuda.begin()
            defer { cuda.end() }
            let device = try cuda.upload([UInt8](repeating: 3, count: 256))
            let pinned = try cuda.allocatePinned(256)
            memset(pinned, 0, 256)
            let stream = try cuda.makeStream()
            try check(cuda.cuMemsetD8Async(device, 9, 256, stream), "cuMemsetD8Async")
            try check(cuda.cuMemcpyDtoHAsync(pinned, device, 256, stream), "cuMemcpyDtoHAsync")
            // Deferred: the host still sees the old bytes, and a query does not run the work.
            #expect(pinned.load(fromByteOffset: 100, as: UInt8.self) == 0)
            #expect(cuda.cuStreamQuery(stream) == CU.notReady)
            #expect(cuda.cuStreamQuery(stream) == CU.notReady)
            #expect(cuda.counter("pending_operations") == 2)
            try check(cuda.cuStreamSynchronize(stream), "cuStreamSynchronize")
            #expect(pinned.load(fromByteOffset: 100, as: UInt8.self) == 9)
            #expect(cuda.cuStreamQuery(stream) == CU.success)
            try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy")
            try check(cuda.cuMemFreeHost(pinned), "cuMemFreeHost")
            try check(cuda.cuMemFree(device), "cuMemFree")
        }

        @Test func pinnedSourcesAreReadWhenTheCopyRuns() throws {
            try cuda.begin()
            defer { cuda.end() }
            let device = try cuda.allocate(256)
            let pinned = try cuda.allocatePinned(256)
            memset(pinned, 1, 256)
            let stream = try cuda.makeStream()
            try check(cuda.cuMemcpyHtoDAsync(device, pinned, 256, stream), "cuMemcpyHtoDAsync")
            memset(pinned, 2, 256)  // reused too early: the copy has not run yet
            try check(cuda.cuStreamSynchronize(stream), "cuStreamSynchronize")
            #expect(try bytes(device) == [UInt8](repeating: 2, count: 256))
            try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy")
            try check(cuda.cuMemFreeHost(pinned), "cuMemFreeHost")
            try check(cuda.cuMemFree(device), "cuMemFree")
        }

        @Test func aWaitOrdersWorkAcrossStreams() throws {
            try cuda.begin()
            defer { cuda.end() }
            let source = try cuda.upload([UInt8](repeating: 0, count: 256))
            let (waited, unwaited) = (try cuda.allocate(256), try cuda.allocate(256))
            let (producer, consumer) = (try cuda.makeStream(), try cuda.makeStream())
            let event = try cuda.makeEvent()
            try check(cuda.cuMemsetD8Async(source, 1, 256, producer), "cuMemsetD8Async")
            try check(cuda.cuEventRecord(event, producer), "cuEventRecord")
            #expect(cuda.cuEventQuery(event) == CU.notReady)
            // Without a wait the consumer copies what is there when it runs.
            try check(cuda.cuMemcpyDtoDAsync(unwaited, source, 256, consumer), "cuMemcpyDtoDAsync")
            try check(cuda.cuStreamWaitEvent(consumer, event, 0), "cuStreamWaitEvent")
            try check(cuda.cuMemcpyDtoDAsync(waited, source, 256, consumer), "cuMemcpyDtoDAsync")
            // A later record and memset on the producer are not part of the wait.
            try check(cuda.cuMemsetD8Async(source, 2, 256, producer), "cuMemsetD8Async")
            try check(cuda.cuEventRecord(event, producer), "cuEventRecord")
            try check(cuda.cuStreamSynchronize(consumer), "cuStreamSynchronize")
            #expect(cuda.cuEventQuery(event) == CU.notReady)
            try check(cuda.cuEventSynchronize(event), "cuEventSynchronize")
            #expect(cuda.cuEventQuery(event) == CU.success)
            #expect(try bytes(unwaited) == [UInt8](repeating: 0, count: 256))
            #expect(try bytes(waited) == [UInt8](repeating: 1, count: 256))
            #expect(try bytes(source) == [UInt8](repeating: 2, count: 256))
            for stream in [producer, consumer] { try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy") }
            try check(cuda.cuEventDestroy(event), "cuEventDestroy")
            for address in [source, waited, unwaited] { try check(cuda.cuMemFree(address), "cuMemFree") }
        }

        @Test func anEventNeverRecordedIsComplete() throws {
            try cuda.begin()
            defer { cuda.end() }
            let event = try cuda.makeEvent()
            let stream = try cuda.makeStream()
            #expect(cuda.cuEventQuery(event) == CU.success)
            try check(cuda.cuEventSynchronize(event), "cuEventSynchronize")
            try check(cuda.cuStreamWaitEvent(stream, event, 0), "cuStreamWaitEvent")
            #expect(cuda.cuStreamQuery(stream) == CU.success)
            #expect(cuda.counter("pending_operations") == 0)
            try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy")
            try check(cuda.cuEventDestroy(event), "cuEventDestroy")
        }

        @Test func destroyedStreamsStillRunTheirWork() throws {
            try cuda.begin()
            defer { cuda.end() }
            let device = try cuda.upload([UInt8](repeating: 0, count: 256))
            let (live, events) = (cuda.counter("streams_live"), cuda.counter("events_live"))
            let stream = try cuda.makeStream()
            let event = try cuda.makeEvent()
            #expect(cuda.counter("streams_live") == live + 1 && cuda.counter("events_live") == events + 1)
            try check(cuda.cuMemsetD8Async(device, 5, 256, stream), "cuMemsetD8Async")
            try check(cuda.cuEventRecord(event, stream), "cuEventRecord")
            try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy")
            try check(cuda.cuEventDestroy(event), "cuEventDestroy")
            #expect(cuda.counter("streams_live") == live && cuda.counter("events_live") == events)
            // The handles are invalid at once…
            #expect(cuda.cuStreamSynchronize(stream) == CU.invalidHandle)
            #expect(cuda.cuStreamDestroy(stream) == CU.invalidHandle)
            #expect(cuda.cuEventQuery(event) == CU.invalidHandle)
            #expect(cuda.cuStreamWaitEvent(nil, event, 0) == CU.invalidHandle)
            // …but the work issued before still runs.
            #expect(cuda.counter("pending_operations") == 2)
            try check(cuda.cuCtxSynchronize(), "cuCtxSynchronize")
            #expect(try bytes(device) == [UInt8](repeating: 5, count: 256))
            try check(cuda.cuMemFree(device), "cuMemFree")
        }

        @Test func theLegacyStreamSynchronisesWithBlockingStreamsOnly() throws {
            try cuda.begin()
            defer { cuda.end() }
            let source = try cuda.upload([UInt8](repeating: 0, count: 256))
            let (first, second, third) = (
                try cuda.allocate(256), try cuda.allocate(256), try cuda.allocate(256)
            )
            let blocking = try cuda.makeStream()
            let nonBlocking = try cuda.makeStream(nonBlocking: true)
            // Legacy-stream work waits for the blocking stream's earlier work…
            try check(cuda.cuMemsetD8Async(source, 4, 256, blocking), "cuMemsetD8Async")
            try check(cuda.cuMemcpyDtoDAsync(first, source, 256, nil), "cuMemcpyDtoDAsync")
            #expect(cuda.cuStreamQuery(nil) == CU.notReady)
            try check(cuda.cuStreamSynchronize(nil), "cuStreamSynchronize")
            #expect(try bytes(first) == [UInt8](repeating: 4, count: 256))
            // …not for a non-blocking stream's.
            try check(cuda.cuMemsetD8Async(source, 6, 256, nonBlocking), "cuMemsetD8Async")
            try check(cuda.cuMemcpyDtoDAsync(second, source, 256, nil), "cuMemcpyDtoDAsync")
            try check(cuda.cuStreamSynchronize(nil), "cuStreamSynchronize")
            #expect(try bytes(second) == [UInt8](repeating: 4, count: 256))
            try check(cuda.cuStreamSynchronize(nonBlocking), "cuStreamSynchronize")
            // A blocking stream's work waits for the legacy stream's earlier work.
            try check(cuda.cuMemsetD8Async(source, 8, 256, nil), "cuMemsetD8Async")
            try check(cuda.cuMemcpyDtoDAsync(third, source, 256, blocking), "cuMemcpyDtoDAsync")
            try check(cuda.cuStreamSynchronize(blocking), "cuStreamSynchronize")
            #expect(try bytes(third) == [UInt8](repeating: 8, count: 256))
            for stream in [blocking, nonBlocking] {
                try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy")
            }
            for address in [source, first, second, third] { try check(cuda.cuMemFree(address), "cuMemFree") }
        }

        @Test func handlesAreChecked() throws {
            try cuda.begin()
            defer { cuda.end() }
            let stream = try cuda.makeStream()
            let event = try cuda.makeEvent()
            let made = OpaquePointer(bitPattern: 0x1234_5670)
            #expect(cuda.cuStreamSynchronize(made) == CU.invalidHandle)
            #expect(cuda.cuStreamSynchronize(event) == CU.invalidHandle)
            #expect(cuda.cuEventSynchronize(stream) == CU.invalidHandle)
            #expect(cuda.cuEventRecord(event, made) == CU.invalidHandle)
            #expect(cuda.cuStreamWaitEvent(stream, event, 2) == CU.invalidValue)
            #expect(cuda.cuStreamSynchronize(OpaquePointer(bitPattern: 2)) == CU.notSupported)
            #expect(cuda.cuStreamDestroy(nil) == CU.invalidHandle)
            var handle: OpaquePointer?
            #expect(cuda.cuStreamCreate(&handle, 4) == CU.invalidValue)
            #expect(cuda.cuEventCreate(&handle, 4) == CU.invalidValue)
            #expect(cuda.cuEventCreate(&handle, 6) == CU.success)
            try check(cuda.cuEventDestroy(handle), "cuEventDestroy")
            #expect(cuda.cuEventDestroy(handle) == CU.invalidHandle)
            try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy")
            try check(cuda.cuEventDestroy(event), "cuEventDestroy")
        }
    }
}
