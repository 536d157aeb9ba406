/// Which device a program asks for (`--device`).
public enum DeviceChoice: String, CaseIterable, Sendable {
    /// CUDA where a GPU and its libraries are found, else none (the CPU).
    case auto
    /// CUDA, or an error naming what is missing.
    case cuda
    /// The simulated device (the host pretending to be a GPU).
    case simulated

    /// The device chosen, with `budget` bytes at most (nil: the device's free memory less a margin,
    /// or 8 GiB for the simulated device), CUDA through `libraries`. `nil` result: no device
    /// (`auto` without CUDA); `why` then receives the reason.
    public func open(
        budget: Int?, libraries: CUDALibraries = .environment, why: (String) -> Void = { _ in }
    ) throws(DeviceError) -> (any Device)? {
        switch self {
        case .simulated:
            return try SimulatedDevice(memory: budget ?? (8 << 30))
        case .cuda:
            return try CUDADevice.open(budget: budget, libraries: libraries)
        case .auto:
            do {
                return try CUDADevice.open(budget: budget, libraries: libraries)
            } catch {
                why("\(error)")
                return nil
            }
        }
    }
}
