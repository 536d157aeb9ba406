/// Means and spreads of floating-point arrays. For integer arrays convert first
/// (`a.astype(Double.self)`). Like NumPy, an empty array gives NaN.

/// The mean of all elements (`numpy.mean`).
public func mean<S: NDFloatingPoint>(_ a: NDArray<S>) -> S {
    sum(a) / S(a.count)
}

/// The means along an axis; throws for an axis the array does not have.
public func mean<S: NDFloatingPoint>(_ a: NDArray<S>, axis: Int) throws(NDArrayError) -> NDArray<S> {
    let totals = try sum(a, axis: axis)
    return divide(totals, S(a.rank == 1 ? a.count : a.shape[axis]))
}

/// The variance of all elements, `sum((a - mean)²) / (count - ddof)` (`numpy.var`), computed in
/// two passes for accuracy.
public func variance<S: NDFloatingPoint>(_ a: NDArray<S>, ddof: Int = 0) -> S {
    let deviations = subtract(a, mean(a))
    return sum(deviations * deviations) / S(a.count - ddof)
}

/// The variances along an axis; throws for an axis the array does not have.
public func variance<S: NDFloatingPoint>(_ a: NDArray<S>, axis: Int, ddof: Int = 0)
    throws(NDArrayError) -> NDArray<S>
{
    var centre = try mean(a, axis: axis)
    if a.rank == 2 && axis == 1 { centre = try centre.reshaped([a.shape[0], 1]) }
    var deviations = try subtract(a, centre)
    try multiply(deviations, deviations, out: &deviations)
    let totals = try sum(deviations, axis: axis)
    return divide(totals, S((a.rank == 1 ? a.count : a.shape[axis]) - ddof))
}

/// The standard deviation of all elements (`numpy.std`).
public func std<S: NDFloatingPoint>(_ a: NDArray<S>, ddof: Int = 0) -> S {
    variance(a, ddof: ddof).squareRoot()
}

/// The standard deviations along an axis; throws for an axis the array does not have.
public func std<S: NDFloatingPoint>(_ a: NDArray<S>, axis: Int, ddof: Int = 0)
    throws(NDArrayError) -> NDArray<S>
{
    sqrt(try variance(a, axis: axis, ddof: ddof))
}
