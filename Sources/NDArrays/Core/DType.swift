// The element types (`DType`) and the elementwise operations (`UnaryOperation`, `BinaryOperation`,
// `ElementwiseProgram`) are the shared vocabulary of the `Operations` module: importing NDArrays
// brings them in.
@_exported import Operations
