import BachRuntime
import Devices
import GPUArrays
import NDArrays
import Testing

@testable import BachNumeric

/// Annotation features beyond elementwise calls: whole-value calls, cost estimators, allocations,
/// reductions that combine across batches, and type errors caught at evaluation.
struct AnnotationTests {
    @Test func reductionsCombineExactlyAcrossBatches() throws {
        let (bach, _) = simulatedRuntime(memory: 64 << 10)
        var x = uniform(50_001, -3, 3, seed: 11)
        x[777] = 9
        x[40_000] = -9
        let lx = bach.lazy(x)
        let (s, m, v, d) = (sum(lx), mean(lx), variance(lx, ddof: 1), std(lx))
        let (low, high, at, atMax) = (min(lx), max(lx), argmin(lx), argmax(lx))
        try bach.evaluate()
        #expect(bach.counters.stages[0].batches > 8)
        #expect(Swift.abs(try s.value() - NDArrays.sum(x)) < 1e-9)
        #expect(Swift.abs(try m.value() - NDArrays.mean(x)) < 1e-13)
        #expect(Swift.abs(try v.value() - NDArrays.variance(x, ddof: 1)) < 1e-12)
        #expect(Swift.abs(try d.value() - NDArrays.std(x)) < 1e-12)
        #expect(try low.value() == -9 && high.value() == 9)
        #expect(try at.value() == 40_000 && atMax.value() == 777, "indices are global, not per batch")
    }

    @Test func argExtremaKeepTheFirstNaNAcrossBatches() throws {
        let (bach, _) = simulatedRuntime(memory: 32 << 10)
        var x = uniform(20_000)
        x[15_000] = .nan
        x[19_000] = .nan
        #expect(try argmin(bach.lazy(x)).value() == 15_000)
        #expect(try min(bach.lazy(x)).value().isNaN)
    }

    @Test func axisReductions() throws {
        let (bach, _) = simulatedRuntime(memory: 1 << 16)
        let m = NDArray<Double>.uniform([2000, 7], seed: 3)
        let lm = bach.lazy(m)
        let (rows, columns, columnMeans) = (sum(lm, axis: 1), sum(lm, axis: 0), mean(lm, axis: 0))
        try bach.evaluate()
        #expect(agree(try rows.value(), try NDArrays.sum(m, axis: 1), relative: 1e-14))
        #expect(agree(try columns.value(), try NDArrays.sum(m, axis: 0), relative: 1e-12))
        #expect(agree(try columnMeans.value(), try NDArrays.mean(m, axis: 0), relative: 1e-12))
        let stages = bach.counters.stages
        #expect(
            stages.contains { $0.extent == nil && $0.calls.map(\.name) == ["sum"] },
            "axis 0 runs on the whole array")
        #expect(stages.contains { $0.extent == 2000 && $0.batches > 1 }, "axis 1 pages by rows")
        #expect(throws: BachError.self) { try sum(lm, axis: 2).value() }
    }

    @Test func aCostEstimatorCanKeepACallOnTheCPU() throws {
        let (bach, device) = simulatedRuntime()
        let x = uniform(1000)
        let annotation = Annotation.offload(
            "cheapOnCPU", cost: { _ in (cpu: 1e-9, gpu: 1) },
            infer: ElementwiseAnnotation.inference(.unary(.negative), Double.self, hasOut: false),
            cpu: { pieces, _ in NDArrays.abs(try pieces.take(0, as: NDArray<Double>.self)) },
            gpu: { pieces, _ in try GPUArrays.abs(try pieces.take(0, as: GPUArray<Double>.self)) })
        let result = LazyArray<Double>(bach.record(annotation, [.lazy(bach.lazy(x).handle)]))
        #expect(try result.value() == NDArrays.abs(x))
        #expect(bach.counters.stages[0].calls[0].backend == .cpu && device.counters.bytesToDevice == 0)
    }

    @Test func allocationsAreMadeWhereTheyAreFirstWritten() throws {
        let (bach, device) = simulatedRuntime()
        let x = uniform(4096)
        var filled = bach.zeros([4096], of: Double.self)
        add(filled, bach.lazy(x), out: &filled)
        let ones = bach.full([4096], 1.0)
        let result = add(filled, ones)
        #expect(try result.value() == x + 1.0)
        #expect(
            device.counters.bytesToDevice == 4096 * 8, "only x crosses: zeros and ones are made on the device"
        )
    }

    @Test func aWrongArgumentTypeIsATypedErrorAtEvaluation() throws {
        let (bach, _) = simulatedRuntime()
        let annotation = Annotation.split(
            "expectsFloats",
            infer: { infos in Inference(uses: [.split], result: ArraySplit<Float>(shape: infos[0].shape)) },
            cpu: { pieces, _ in try pieces.take(0, as: NDArray<Float>.self) })
        let result = LazyArray<Float>(bach.record(annotation, [.lazy(bach.lazy(uniform(10)).handle)]))
        #expect {
            try result.value()
        } throws: { error in
            guard case BachError.callFailed("expectsFloats", let underlying) = error else { return false }
            return "\(underlying)".contains(
                "expected an argument of type NDArray<Float>, found NDArray<Double>")
        }
    }
}

/// The catalog `bach annotations` prints lists every operation of the vocabulary.
struct CatalogTests {
    @Test func everyOperationOfTheVocabularyIsAnnotatedAndListed() {
        let names = Set(NumericCatalog.functions.map(\.name))
        for operation in ElementwiseOperation.all { #expect(names.contains(operation.name), "\(operation)") }
        for name in [
            "sum", "argmax", "std(axis:)", "argmin(axis:)", "reshaped", "concatenate", "matmul", "empty",
        ] {
            #expect(names.contains(name), "\(name)")
        }
        #expect(
            ElementwiseOperation.all.count == UnaryOperation.allCases.count + BinaryOperation.allCases.count
                + 1)
        #expect(NumericCatalog.functions.filter(\.fuses).count == ElementwiseOperation.all.count)
    }
}

/// Bugs the fuzzer found, kept as tests.
struct FuzzerRegressionTests {
    @Test func reductionsOfMatricesCountElementsNotRows() throws {
        let (bach, _) = simulatedRuntime(memory: 16 << 10)
        let m = NDArray<Double>.uniform([3000, 7], low: -3, high: 3, seed: 21)
        let lm = bach.lazy(m)
        let (at, spread, variation) = (argmax(lm), std(lm), variance(lm))
        try bach.evaluate()
        #expect(bach.counters.stages[0].batches > 4)
        #expect(try at.value() == Int64(NDArrays.argmax(m)), "argmax of a matrix is a flat index")
        #expect(Swift.abs(try spread.value() - NDArrays.std(m)) < 1e-12)
        #expect(Swift.abs(try variation.value() - NDArrays.variance(m)) < 1e-12)
    }

    @Test func extremaKeepTheFirstOfEqualValues() throws {
        let (bach, _) = simulatedRuntime(memory: 16 << 10)
        var x = NDArray<Double>.full([20_000], 1)
        x[100] = -0.0
        x[15_000] = 0.0
        let low = try min(bach.lazy(x)).value()
        #expect(low == 0 && low.sign == .minus, "the -0.0 seen first, as NDArrays.min returns it")
        x[100] = 0.0
        x[15_000] = -0.0
        #expect(try min(bach.lazy(x)).value().sign == .plus)
    }
}
