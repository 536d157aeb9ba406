import Testing

@testable import Devices

/// Without CUDA (as in CI), opening it fails with an error that names what is missing; with CUDA
/// (the GPU machine), the device reports itself.
struct CUDADeviceTests {
    @Test func openingNamesWhatIsMissingOrDescribesTheDevice() {
        do {
            let device = try CUDADevice.open(budget: 1 << 30)
            #expect(device.properties.kind == .cuda && device.properties.memoryBudget <= 1 << 30)
        } catch .libraryMissing(let library, let reason) {
            #expect(library.contains("libcuda") || library.contains("libnvrtc"))
            #expect(!reason.isEmpty)
        } catch {
            #expect("\(error)".contains("device") || "\(error)".contains("cu"), "\(error)")
        }
    }

    @Test func autoFallsBackAndSaysWhy() throws {
        var reason = ""
        let device = try DeviceChoice.auto.open(budget: nil) { reason = $0 }
        #expect(device != nil || !reason.isEmpty)
    }
}
