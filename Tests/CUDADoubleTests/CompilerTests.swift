import Testing

#if canImport(Glibc)
    import Glibc
#endif

extension CUDADoubleSuite {
    /// The double's NVRTC and module loading: options, diagnostics, images, entry points, launch
    /// validation.
    @Suite struct CompilerTests {
        let cuda = DoubleLibrary.shared

        static let scale = """
            extern "C" __global__ void scale(double* x, long long n) {
              long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
              if (i < n) x[i] = x[i] * SCALE;
            }
            """

        @Test func optionsAreValidatedAsNVRTCDoes() throws {
            try cuda.begin()
            defer { cuda.end() }
            let accepted = [
                ["-arch=sm_90a", "-std=c++17", "--device-as-default-execution-space", "-DSCALE=2"],
                [
                    "--gpu-architecture=sm_80", "--std=c++20", "-lineinfo", "--fmad=true",
                    "--define-macro=SCALE=2",
                ],
                ["--gpu-architecture=compute_90", "--generate-line-info", "-DSCALE=2"],
            ]
            for options in accepted {
                let compiled = cuda.compile(Self.scale, options: options)
                #expect(compiled.result == NVRTCCode.success, "\(options): \(compiled.log)")
            }
            for bad in [
                "--frobnicate", "--gpu-architecture=sm_13", "-arch=sm_90x", "--fmad=maybe", "--std=c++98",
                "-D",
            ] {
                let compiled = cuda.compile(Self.scale, options: ["-DSCALE=2", bad])
                #expect(compiled.result == NVRTCCode.invalidOption, "\(bad)")
                #expect(compiled.log.contains(bad), "\(compiled.log)")
            }
        }

        @Test func macrosReachTheSource() throws {
            try cuda.begin()
            defer { cuda.end() }
            let compiled = cuda.compile(Self.scale, options: DoubleLibrary.defaultOptions + ["-DSCALE=3"])
            let module = try cuda.load(compiled.image)
            var function: OpaquePointer?
            try check(cuda.cuModuleGetFunction(&function, module, "scale"), "cuModuleGetFunction")
            let x = try cuda.upload([1.0, 2.0, 3.0])
            try check(
                cuda.launch(function, grid: (1, 1, 1), block: (32, 1, 1), [.pointer(x), .int64(3)]),
                "cuLaunchKernel")
            #expect(try cuda.download(x, count: 3, as: Swift.Double.self) == [3, 6, 9])
            try check(cuda.cuModuleUnload(module), "cuModuleUnload")
            try check(cuda.cuMemFree(x), "cuMemFree")
        }

        @Test func compileErrorsComeWithTheCompilersLog() throws {
            try cuda.begin()
            defer { cuda.end() }
            let before = cuda.counter("compiles")
            let broken = cuda.compile(
                "extern \"C\" __global__ void broken(double* x) {\n  x[0] = undefined_name;\n}\n",
                name: "broken.cu")
            #expect(broken.result == NVRTCCode.compilation)
            #expect(
                broken.log.contains("broken.cu:2:") && broken.log.contains("undefined_name"), "\(broken.log)")
            let oddlyNamed = cuda.compile(
                "extern \"C\" __global__ void k(int* p) {\n  p[0] = q;\n}\n", name: "odd\"name.cu")
            #expect(oddlyNamed.result == NVRTCCode.compilation)
            #expect(oddlyNamed.log.contains("odd_name.cu:2:"), "\(oddlyNamed.log)")
            let unresolved = cuda.compile(
                "__device__ double helper(double);\nextern \"C\" __global__ void k(double* x) { x[0] = helper(x[0]); }\n"
            )
            #expect(unresolved.result == NVRTCCode.compilation, "\(unresolved.log)")
            let greedy = cuda.compile(
                "extern \"C\" __global__ void k(double* x) {\n  __shared__ double big[7000];\n"
                    + "  big[threadIdx.x] = x[0];\n  __syncthreads();\n  x[1] = big[0];\n}\n")
            #expect(greedy.result == NVRTCCode.compilation)
            #expect(greedy.log.contains("too much shared data"), "\(greedy.log)")
            #expect(cuda.counter("compiles") == before)
        }

        @Test func headersAreIncludedByName() throws {
            try cuda.begin()
            defer { cuda.end() }
            let header = "__device__ __forceinline__ double twice(double x) { return 2 * x; }\n"
            let source =
                "#include \"math/twice.h\"\nextern \"C\" __global__ void k(double* x) { x[0] = twice(x[0]); }\n"
            var program: OpaquePointer?
            let headers = [strdup(header), strdup("math/twice.h")]
            defer { headers.forEach { free($0) } }
            let contents = [UnsafePointer(headers[0])]
            let names = [UnsafePointer(headers[1])]
            try check(
                cuda.nvrtcCreateProgram(&program, source, "with-header.cu", 1, contents, names),
                "nvrtcCreateProgram")
            let options = DoubleLibrary.defaultOptions.map { strdup($0) }
            defer { options.forEach { free($0) } }
            let pointers = options.map { UnsafePointer($0) }
            var size = 0
            #expect(cuda.nvrtcGetCUBINSize(program, &size) == NVRTCCode.invalidProgram)
            try check(
                cuda.nvrtcCompileProgram(program, Int32(pointers.count), pointers), "nvrtcCompileProgram")
            try check(cuda.nvrtcGetCUBINSize(program, &size), "nvrtcGetCUBINSize")
            var image = [CChar](repeating: 0, count: size)
            try check(cuda.nvrtcGetCUBIN(program, &image), "nvrtcGetCUBIN")
            try check(cuda.nvrtcDestroyProgram(&program), "nvrtcDestroyProgram")
            #expect(program == nil)
            let module = try cuda.load(image)
            var function: OpaquePointer?
            try check(cuda.cuModuleGetFunction(&function, module, "k"), "cuModuleGetFunction")
            let x = try cuda.upload([21.0])
            try check(
                cuda.launch(function, grid: (1, 1, 1), block: (1, 1, 1), [.pointer(x)]), "cuLaunchKernel")
            #expect(try cuda.download(x, count: 1, as: Swift.Double.self) == [42])
            try check(cuda.cuModuleUnload(module), "cuModuleUnload")
            try check(cuda.cuMemFree(x), "cuMemFree")
        }

        @Test func programHandlesAreChecked() {
            var program: OpaquePointer?
            #expect(cuda.nvrtcCreateProgram(&program, "", nil, -1, nil, nil) == NVRTCCode.invalidInput)
            #expect(cuda.nvrtcCreateProgram(&program, "", nil, 0, nil, nil) == NVRTCCode.success)
            let stale = program
            #expect(cuda.nvrtcDestroyProgram(&program) == NVRTCCode.success)
            var again = stale
            #expect(cuda.nvrtcDestroyProgram(&again) == NVRTCCode.invalidProgram)
            #expect(cuda.nvrtcCompileProgram(stale, 0, nil) == NVRTCCode.invalidProgram)
            var size = 0
            #expect(cuda.nvrtcGetProgramLogSize(stale, &size) == NVRTCCode.invalidProgram)
            #expect(cuda.nvrtcGetPTXSize(OpaquePointer(bitPattern: 0x40), &size) == NVRTCCode.invalidProgram)
        }

        @Test func imagesAreCheckedForFormatAndArchitecture() throws {
            try cuda.begin()
            defer { cuda.end() }
            var module: OpaquePointer?
            let garbage = [CChar](repeating: 65, count: 256)
            #expect(
                garbage.withUnsafeBytes { cuda.cuModuleLoadData(&module, $0.baseAddress) } == CU.invalidImage)
            #expect(cuda.cuModuleLoadData(&module, nil) == CU.invalidValue)
            let options = ["-DSCALE=2", "--std=c++17"]
            let ampere = cuda.compile(Self.scale, options: options + ["--gpu-architecture=sm_80"])
            #expect(
                ampere.image.withUnsafeBytes { cuda.cuModuleLoadData(&module, $0.baseAddress) }
                    == CU.noBinaryForGPU)
            let blackwell = cuda.compile(Self.scale, options: options + ["--gpu-architecture=sm_100"])
            #expect(
                blackwell.image.withUnsafeBytes { cuda.cuModuleLoadData(&module, $0.baseAddress) }
                    == CU.noBinaryForGPU)
            // compute_XY compiles to "PTX" only, which the device runs if XY is not newer than it.
            for (architecture, loads) in [("compute_80", true), ("compute_100", false)] {
                var program: OpaquePointer?
                try check(
                    cuda.nvrtcCreateProgram(&program, Self.scale, "scale.cu", 0, nil, nil),
                    "nvrtcCreateProgram")
                let all = (options + ["--gpu-architecture=\(architecture)"]).map { strdup($0) }
                defer { all.forEach { free($0) } }
                try check(
                    cuda.nvrtcCompileProgram(program, Int32(all.count), all.map { UnsafePointer($0) }),
                    "compile")
                var (cubin, ptx) = (-1, 0)
                try check(cuda.nvrtcGetCUBINSize(program, &cubin), "nvrtcGetCUBINSize")
                try check(cuda.nvrtcGetPTXSize(program, &ptx), "nvrtcGetPTXSize")
                #expect(cubin == 0 && ptx > 0)
                var image = [CChar](repeating: 0, count: ptx)
                try check(cuda.nvrtcGetPTX(program, &image), "nvrtcGetPTX")
                _ = cuda.nvrtcDestroyProgram(&program)
                let loaded = image.withUnsafeBytes { cuda.cuModuleLoadData(&module, $0.baseAddress) }
                #expect(loaded == (loads ? CU.success : CU.noBinaryForGPU), "\(architecture)")
                if loads { try check(cuda.cuModuleUnload(module), "cuModuleUnload") }
            }
        }

        @Test func entryPointsAreFoundByTheirCName() throws {
            try cuda.begin()
            defer { cuda.end() }
            let source = """
                __global__ void mangled(int* p) { p[0] = 1; }
                extern "C" {
                __global__ void inBlock(int* p) { p[0] = 2; }
                __global__ void declaredOnly(int* p);
                }
                // extern "C" __global__ void commented(int* p) { p[0] = 3; }
                extern "C" __global__ __launch_bounds__(128) void bounded(int* p) { p[0] = 4; }
                """
            let compiled = cuda.compile(source)
            #expect(compiled.result == NVRTCCode.success, "\(compiled.log)")
            let (loaded, live) = (cuda.counter("modules_loaded"), cuda.counter("modules_live"))
            let module = try cuda.load(compiled.image)
            #expect(cuda.counter("modules_loaded") == loaded + 1 && cuda.counter("modules_live") == live + 1)
            var function: OpaquePointer?
            for name in ["mangled", "declaredOnly", "commented", "nothing"] {
                #expect(cuda.cuModuleGetFunction(&function, module, name) == CU.notFound, "\(name)")
            }
            var first: OpaquePointer?
            try check(cuda.cuModuleGetFunction(&first, module, "inBlock"), "cuModuleGetFunction")
            try check(cuda.cuModuleGetFunction(&function, module, "inBlock"), "cuModuleGetFunction")
            #expect(function == first)
            try check(cuda.cuModuleGetFunction(&function, module, "bounded"), "cuModuleGetFunction")
            let p = try cuda.allocate(4)
            try check(
                cuda.launch(function, grid: (1, 1, 1), block: (1, 1, 1), [.pointer(p)]), "cuLaunchKernel")
            #expect(try cuda.download(p, count: 1, as: Int32.self) == [4])
            try check(cuda.cuModuleUnload(module), "cuModuleUnload")
            #expect(cuda.counter("modules_live") == live)
            #expect(cuda.cuModuleUnload(module) == CU.invalidHandle)
            #expect(
                cuda.launch(function, grid: (1, 1, 1), block: (1, 1, 1), [.pointer(p)]) == CU.invalidHandle)
            #expect(cuda.cuModuleGetFunction(&function, module, "bounded") == CU.invalidHandle)
            try check(cuda.cuMemFree(p), "cuMemFree")
        }

        @Test func launchesAreValidated() throws {
            try cuda.begin()
            defer { cuda.end() }
            let compiled = cuda.compile(Self.scale, options: DoubleLibrary.defaultOptions + ["-DSCALE=2"])
            let module = try cuda.load(compiled.image)
            var function: OpaquePointer?
            try check(cuda.cuModuleGetFunction(&function, module, "scale"), "cuModuleGetFunction")
            let x = try cuda.upload([1.0])
            let arguments: [Argument] = [.pointer(x), .int64(1)]
            let launched = cuda.counter("launches")
            #expect(cuda.launch(function, grid: (1, 1, 1), block: (1025, 1, 1), arguments) == CU.invalidValue)
            #expect(cuda.launch(function, grid: (1, 1, 1), block: (32, 32, 2), arguments) == CU.invalidValue)
            #expect(cuda.launch(function, grid: (1, 1, 1), block: (1, 1, 65), arguments) == CU.invalidValue)
            #expect(cuda.launch(function, grid: (0, 1, 1), block: (1, 1, 1), arguments) == CU.invalidValue)
            #expect(
                cuda.launch(function, grid: (1, 65536, 1), block: (1, 1, 1), arguments) == CU.invalidValue)
            #expect(
                cuda.launch(function, grid: (1, 1, 1), block: (1, 1, 1), arguments, sharedBytes: 60000)
                    == CU.invalidValue)
            #expect(
                cuda.launch(function, grid: (1, 1, 1), block: (1, 1, 1), arguments, sharedBytes: 1024)
                    == CU.notSupported)
            #expect(
                cuda.launch(
                    function, grid: (1, 1, 1), block: (1, 1, 1), arguments,
                    stream: OpaquePointer(bitPattern: 0x77770))
                    == CU.invalidHandle)
            #expect(
                cuda.launch(OpaquePointer(bitPattern: 0x99990), grid: (1, 1, 1), block: (1, 1, 1), arguments)
                    == CU.invalidHandle)
            var extra: [UnsafeMutableRawPointer?] = [nil]
            #expect(cuda.cuLaunchKernel(function, 1, 1, 1, 1, 1, 1, 0, nil, nil, &extra) == CU.notSupported)
            #expect(cuda.cuLaunchKernel(function, 1, 1, 1, 1, 1, 1, 0, nil, nil, nil) == CU.invalidValue)
            #expect(cuda.counter("launches") == launched)
            // Every one of the 3 × 4 threads doubles x[0] (blockDim.x is 1, so all have i = 0).
            #expect(cuda.launch(function, grid: (1, 3, 1), block: (1, 1, 4), arguments) == CU.success)
            try check(cuda.cuCtxSynchronize(), "cuCtxSynchronize")
            #expect(try cuda.download(x, count: 1, as: Swift.Double.self) == [4096])
            try check(cuda.cuModuleUnload(module), "cuModuleUnload")
            try check(cuda.cuMemFree(x), "cuMemFree")
        }
    }
}
