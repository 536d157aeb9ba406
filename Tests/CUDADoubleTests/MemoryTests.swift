import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension CUDADoubleSuite {
    @Suite struct MemoryTests {
        let cuda = DoubleLibrary.shared

        @Test func allocationsAreCountedAndReturnToBaseline() throws {
            try cuda.begin()
            defer { cuda.end() }
            var (free, total) = (0, 0)
            try check(cuda.cuMemGetInfo(&free, &total), "cuMemGetInfo")
            #expect(total == 80 << 30 && free == total)
            let a = try cuda.allocate(1000)
            let b = try cuda.allocate(1 << 20)
            let pinned = try cuda.allocatePinned(5000)
            #expect(cuda.counter("device_allocations") == 2)
            #expect(cuda.counter("device_bytes") == 1000 + (1 << 20))
            #expect(cuda.counter("pinned_allocations") == 1 && cuda.counter("pinned_bytes") == 5000)
            try check(cuda.cuMemGetInfo(&free, &total), "cuMemGetInfo")
            #expect(free == total - 1000 - (1 << 20))
            try check(cuda.cuMemFree(a), "cuMemFree")
            try check(cuda.cuMemFree(b), "cuMemFree")
            try check(cuda.cuMemFreeHost(pinned), "cuMemFreeHost")
            #expect(cuda.counter("device_allocations") == 0 && cuda.counter("device_bytes") == 0)
            #expect(cuda.counter("pinned_allocations") == 0 && cuda.counter("pinned_bytes") == 0)
        }

        @Test func allocationsEndAgainstTheirGuardPage() throws {
            try cuda.begin()
            defer { cuda.end() }
            let page = UInt64(sysconf(Int32(_SC_PAGESIZE)))
            for bytes in [1, 255, 256, 1000, 4096, 12345] {
                let address = try cuda.allocate(bytes)
                let usable = UInt64((bytes + 255) / 256 * 256)
                #expect(address % 256 == 0)
                #expect(
                    (address + usable) % page == 0, "\(bytes) bytes end \(usable) bytes after their start")
                try check(cuda.cuMemFree(address), "cuMemFree")
            }
        }

        @Test func theCapacityIsEnforced() throws {
            try cuda.begin()
            defer { cuda.end() }
            cuda.cudaDoubleSetMemoryCapacity(1 << 20)
            var address: UInt64 = 0
            #expect(cuda.cuMemAlloc(&address, 2 << 20) == CU.outOfMemory)
            let half = try cuda.allocate(600 << 10)
            #expect(cuda.cuMemAlloc(&address, 600 << 10) == CU.outOfMemory)
            var (free, total) = (0, 0)
            try check(cuda.cuMemGetInfo(&free, &total), "cuMemGetInfo")
            #expect(total == 1 << 20 && free == (1 << 20) - (600 << 10))
            try check(cuda.cuMemFree(half), "cuMemFree")
            let all = try cuda.allocate(1 << 20)
            try check(cuda.cuMemFree(all), "cuMemFree")
        }

        @Test func badPointersAreRejected() throws {
            try cuda.begin()
            defer { cuda.end() }
            var address: UInt64 = 0
            #expect(cuda.cuMemAlloc(&address, 0) == CU.invalidValue)
            let a = try cuda.allocate(1024)
            #expect(cuda.cuMemFree(a + 8) == CU.invalidValue)
            #expect(cuda.cuMemFree(0x1234_5678) == CU.invalidValue)
            let pinned = try cuda.allocatePinned(64)
            #expect(cuda.cuMemFree(UInt64(UInt(bitPattern: pinned))) == CU.invalidValue)
            #expect(cuda.cuMemFreeHost(UnsafeMutableRawPointer(bitPattern: UInt(a))) == CU.invalidValue)
            #expect(cuda.cuMemFreeHost(pinned + 8) == CU.invalidValue)
            var pointer: UnsafeMutableRawPointer?
            #expect(cuda.cuMemHostAlloc(&pointer, 64, 0x100) == CU.invalidValue)
            try check(cuda.cuMemFreeHost(pinned), "cuMemFreeHost")
            #expect(cuda.cuMemFreeHost(pinned) == CU.invalidValue)
            try check(cuda.cuMemFree(a), "cuMemFree")
            #expect(cuda.cuMemFree(a) == CU.invalidValue)
        }

        @Test func copiesMustStayInsideLiveAllocations() throws {
            try cuda.begin()
            defer { cuda.end() }
            let a = try cuda.allocate(1024)
            let b = try cuda.allocate(512)
            var host = [UInt8](repeating: 1, count: 2048)
            #expect(cuda.cuMemcpyHtoD(a, &host, 1025) == CU.invalidValue)
            #expect(cuda.cuMemcpyHtoD(a + 1000, &host, 25) == CU.invalidValue)
            #expect(cuda.cuMemcpyHtoD(a + 1000, &host, 24) == CU.success)
            #expect(cuda.cuMemcpyDtoH(&host, a - 16, 16) == CU.invalidValue)
            #expect(cuda.cuMemcpyDtoDAsync(b, a, 513, nil) == CU.invalidValue)
            #expect(cuda.cuMemcpyDtoDAsync(b, a, 512, nil) == CU.success)
            #expect(cuda.cuMemsetD8Async(b + 500, 0, 13, nil) == CU.invalidValue)
            // A host pointer into device memory is not host memory.
            let inside = UnsafeMutableRawPointer(bitPattern: UInt(b))
            #expect(cuda.cuMemcpyHtoD(a, inside, 16) == CU.invalidValue)
            #expect(cuda.cuMemcpyDtoH(inside, a, 16) == CU.invalidValue)
            #expect(cuda.cuMemcpyHtoD(a, nil, 16) == CU.invalidValue)
            try check(cuda.cuMemFree(b), "cuMemFree")
            #expect(cuda.cuMemcpyDtoH(&host, b, 16) == CU.invalidValue)
            try check(cuda.cuMemFree(a), "cuMemFree")
        }

        @Test func freeingSynchronisesTheDevice() throws {
            try cuda.begin()
            defer { cuda.end() }
            let a = try cuda.allocate(256)
            let pinned = try cuda.allocatePinned(256)
            let other = try cuda.allocate(256)
            let stream = try cuda.makeStream()
            memset(pinned, 0, 256)
            try check(cuda.cuMemsetD8Async(a, 7, 256, stream), "cuMemsetD8Async")
            try check(cuda.cuMemcpyDtoHAsync(pinned, a, 256, stream), "cuMemcpyDtoHAsync")
            #expect(cuda.counter("pending_operations") == 2)
            #expect(pinned.load(as: UInt8.self) == 0)
            try check(cuda.cuMemFree(other), "cuMemFree")
            #expect(cuda.counter("pending_operations") == 0)
            #expect(pinned.load(fromByteOffset: 255, as: UInt8.self) == 7)
            try check(cuda.cuStreamDestroy(stream), "cuStreamDestroy")
            try check(cuda.cuMemFree(a), "cuMemFree")
            try check(cuda.cuMemFreeHost(pinned), "cuMemFreeHost")
        }
    }
}
