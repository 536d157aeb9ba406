/// How `merge` pairs rows (pandas' `how=`).
public enum JoinKind: String, Sendable {
    /// Rows whose key occurs in both frames, in the left frame's order.
    case inner
    /// Every row of the left frame, in order; missing values where the key has no match.
    case left
}

extension DataFrame {
    /// Joins two frames on a key column (pandas' `merge(left, right, on: key, how:)`).
    ///
    /// Each left row pairs with every right row of an equal key, in the right frame's order;
    /// missing keys match each other, as in pandas. The result has the left columns, then the
    /// right ones without the key; names both frames use get `suffixes` ("_x", "_y").
    /// Throws when either frame lacks the key column or the key columns' types differ.
    ///
    /// ```swift
    /// let joined = try orders.merge(customers, on: "customer", how: .left)
    /// ```
    ///
    /// - Complexity: O(left + right + result) expected.
    public func merge(
        _ right: DataFrame, on key: String, how: JoinKind = .inner, suffixes: (String, String) = ("_x", "_y")
    ) throws(FrameError) -> DataFrame {
        let leftKey = try column(key)
        let rightKey = try right.column(key)
        guard leftKey.type == rightKey.type else {
            throw .typeMismatch(
                operation: "merge", expected: "key columns of one type (left: \(leftKey.type))",
                found: "\(rightKey.type)")
        }
        let codes = try leftKey.series.concatenateColumn([rightKey]).series.factorCodes()
        let leftCodes = codes[0..<rowCount]
        let rightCodes = codes[rowCount...]
        var matches = [[Int]](repeating: [], count: (codes.max() ?? -1) + 1)
        for (row, code) in zip(0..., rightCodes) { matches[code].append(row) }
        var leftRows: [Int] = []
        var rightRows: [Int] = []
        for (row, code) in zip(0..., leftCodes) {
            if matches[code].isEmpty {
                if how == .left {
                    leftRows.append(row)
                    rightRows.append(-1)
                }
                continue
            }
            for match in matches[code] {
                leftRows.append(row)
                rightRows.append(match)
            }
        }
        let rightNames = Set(right.columnNames)
        let leftNames = Set(columnNames)
        var result: [Column] = []
        for column in columns {
            let taken = column.series.takeColumn(leftRows)
            result.append(
                column.name != key && rightNames.contains(column.name)
                    ? taken.renamed(column.name + suffixes.0) : taken)
        }
        for column in right.columns where column.name != key {
            let taken = column.series.takeColumn(rightRows)
            result.append(leftNames.contains(column.name) ? taken.renamed(column.name + suffixes.1) : taken)
        }
        return try DataFrame(result)
    }
}
