import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension CUDADoubleSuite {
    @Suite struct CopyTests {
        let cuda = DoubleLibrary.shared

        @Test func pageableSourcesAreStagedAtIssue() throws {
            try cuda.begin()
            defer { cuda.end() }
            cuda.cudaDoubleResetCounters()
            let device = try cuda.allocate(1024)
            let stream = try cuda.makeStream()
            var host = (0..<128).map { Swift.Double($0) }
            try check(cuda.cuMemcpyHtoDAsync(device, &host, 1024, stream), "cuMemcpyHtoDAsync")
            for i in host.indices { host[i] = -1 }  // the caller may reuse a pageable buffer at once
            try check(cuda.cuStreamSynchronize(stream), "cuStreamSynchronize")
            #expect(
                try cuda.download(device, count: 128, as: Swift.Double.self)
                    == (0..<128).map { Swift.Double($0) })
            #expect(cuda.counter("pageable_htod_copies") == 1 && cuda.counter("pageable_htod_bytes") == 1024)
            #expect(cuda.counter("htod_copies") == 1 && cuda.counter("htod_bytes") == 1024)
            // download() copied synchronously into pageable memory.
            #expect(cuda.counter("pageable_dtoh_copies") == 1 && cuda.counter("pageable_dtoh_bytes") == 1024)
            try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy")
            try check(cuda.cuMemFree(device), "cuMemFree")
        }

        @Test func pageableDestinationsAreFilledBeforeTheCallReturns() throws {
            try cuda.begin()
            defer { cuda.end() }
            cuda.cudaDoubleResetCounters()
            let device = try cuda.allocate(256)
            let stream = try cuda.makeStream()
            try check(cuda.cuMemsetD8Async(device, 0x5a, 256, stream), "cuMemsetD8Async")
            var host = [UInt8](repeating: 0, count: 256)
            try check(cuda.cuMemcpyDtoHAsync(&host, device, 256, stream), "cuMemcpyDtoHAsync")
            #expect(host == [UInt8](repeating: 0x5a, count: 256))
            #expect(cuda.counter("pending_operations") == 0)
            #expect(cuda.counter("pageable_dtoh_copies") == 1 && cuda.counter("pageable_dtoh_bytes") == 256)
            try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy")
            try check(cuda.cuMemFree(device), "cuMemFree")
        }

        @Test func pinnedCopiesAreNotPageable() throws {
            try cuda.begin()
            defer { cuda.end() }
            cuda.cudaDoubleResetCounters()
            let device = try cuda.allocate(4096)
            let (up, down) = (try cuda.allocatePinned(4096), try cuda.allocatePinned(4096))
            let stream = try cuda.makeStream()
            for i in 0..<4096 { up.storeBytes(of: UInt8(i % 251), toByteOffset: i, as: UInt8.self) }
            try check(cuda.cuMemcpyHtoDAsync(device, up, 4096, stream), "cuMemcpyHtoDAsync")
            try check(cuda.cuMemcpyDtoHAsync(down, device, 4096, stream), "cuMemcpyDtoHAsync")
            try check(cuda.cuMemcpyDtoDAsync(device, device + 2048, 2048, stream), "cuMemcpyDtoDAsync")
            try check(cuda.cuStreamSynchronize(stream), "cuStreamSynchronize")
            #expect(memcmp(up, down, 4096) == 0)
            for name in [
                "pageable_htod_copies", "pageable_htod_bytes", "pageable_dtoh_copies", "pageable_dtoh_bytes",
            ] {
                #expect(cuda.counter(name) == 0, "\(name)")
            }
            #expect(cuda.counter("htod_bytes") == 4096 && cuda.counter("dtoh_bytes") == 4096)
            #expect(cuda.counter("dtod_copies") == 1 && cuda.counter("dtod_bytes") == 2048)
            // A range that runs past the end of a pinned allocation (5000 bytes, in a mapping of
            // whole pages) is pageable.
            let odd = try cuda.allocatePinned(5000)
            #expect(cuda.cuMemcpyHtoD(device, odd + 4900, 100) == CU.success)
            #expect(cuda.counter("pageable_htod_copies") == 0)
            #expect(cuda.cuMemcpyHtoD(device, odd + 4900, 200) == CU.success)
            #expect(cuda.counter("pageable_htod_copies") == 1)
            try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy")
            for pointer in [up, down, odd] { try check(cuda.cuMemFreeHost(pointer), "cuMemFreeHost") }
            try check(cuda.cuMemFree(device), "cuMemFree")
        }
    }
}
