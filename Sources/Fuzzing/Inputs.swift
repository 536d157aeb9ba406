import NDArrays

extension Program {
    /// The input arrays (then the two rows of 2-D programs), generated from the program's seed.
    func inputArrays() -> (inputs: [NDArray<Double>], rows: [NDArray<Double>]) {
        var random = SplitMix64(seed: seed ^ 0xDA7A)
        let shape = columns.map { [self.rows, $0] } ?? [self.rows]
        let count = shape.reduce(1, *)
        let inputs = (0..<inputs).map { _ in
            try! NDArray(shape: shape, scalars: (0..<count).map { _ in random.element() })
        }
        let rows =
            columns.map { width in (0..<2).map { _ in NDArray((0..<width).map { _ in random.element() }) } }
            ?? []
        return (inputs, rows)
    }
}
