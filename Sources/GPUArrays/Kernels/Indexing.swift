/// How a kernel reads an array operand for output element `i` of an output with `C` columns.
public enum Indexing: Hashable, Sendable {
    /// The operand has the output's shape: element `i`.
    case elementwise
    /// One value for every element: element 0.
    case scalar
    /// One row repeated down the output: element `i % C`.
    case row
    /// One column repeated across the output: element `i / C`.
    case column

    /// How an operand of matrix shape `operand` is read for an output of matrix shape `output`,
    /// shapes having already been checked to broadcast.
    public static func of(_ operand: (rows: Int, columns: Int), for output: (rows: Int, columns: Int))
        -> Indexing
    {
        switch (operand.rows == output.rows, operand.columns == output.columns) {
        case (true, true): .elementwise
        case (false, true): .row
        case (true, false): .column
        case (false, false): .scalar
        }
    }
}

/// An array operand of a kernel: its element type and how it is indexed.
public struct Operand: Hashable, Sendable {
    public let type: DType
    public let indexing: Indexing

    public init(type: DType, indexing: Indexing) {
        self.type = type
        self.indexing = indexing
    }
}
