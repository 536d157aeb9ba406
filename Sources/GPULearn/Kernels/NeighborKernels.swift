import Devices

/// The vote of k nearest neighbours, one thread per query `i`, over a block of keys
/// `products[i, j] + norms[j]` (`−2 x_i·y_j + ‖y_j‖²`, the squared distance less the query's
/// own norm): candidates enter a max-heap of k in index order with scikit-learn's `heap_push`
/// (a candidate replaces the root only when strictly closer, so of equal distances the earlier
/// index stays), the heap is sorted by key then index, and the classes of the k neighbours vote,
/// each once (uniform) or with 1/distance (`distance`; neighbours at distance 0, if any, alone),
/// the votes normalised, the first class with the most winning. NaN keys never enter the heap.
/// Exactly `Learn`'s `ArgKmin` and `KNeighborsClassifier.predict`, so both pick the same
/// neighbours from the same keys.
///
/// Arguments: products (queries × m), norms (m), query norms (queries; read for distance
/// weights), encoded labels (m, Int32), classes (c, Int64), heap keys (queries × k), heap indices
/// (queries × k, Int32), votes (queries × c), m, k, c, distance (0 or 1), infinity, out (Int64).
enum NeighborKernels {
    static let vote = LearnKernel(
        name: "learn_knn_vote",
        parameters: """
            const double* products, const double* norms, const double* queryNorms, const int* labels,
            const long long* classes, double* keys, int* indices, double* votes, long long m, long long k,
            long long c, long long distance, double infinity, long long* out
            """,
        body: """
                const double* row = products + i * m;
                double* heapKeys = keys + i * k;
                int* heapIndices = indices + i * k;
                double* vote = votes + i * c;
                for (long long t = 0; t < k; t++) {
                  heapKeys[t] = infinity;
                  heapIndices[t] = -1;
                }
                for (long long j = 0; j < m; j++) {
                  double key = row[j] + norms[j];
                  if (!(key < heapKeys[0])) continue;
                  heapKeys[0] = key;
                  heapIndices[0] = (int)j;
                  long long current = 0;
                  while (1) {
                    long long left = 2 * current + 1, right = left + 1, swap = 0;
                    if (left >= k) break;
                    if (right >= k) {
                      if (heapKeys[left] > key) swap = left; else break;
                    } else if (heapKeys[left] >= heapKeys[right]) {
                      if (key < heapKeys[left]) swap = left; else break;
                    } else {
                      if (key < heapKeys[right]) swap = right; else break;
                    }
                    heapKeys[current] = heapKeys[swap];
                    heapIndices[current] = heapIndices[swap];
                    heapKeys[swap] = key;
                    heapIndices[swap] = (int)j;
                    current = swap;
                  }
                }
                for (long long a = 1; a < k; a++) {
                  double key = heapKeys[a];
                  int index = heapIndices[a];
                  long long b = a - 1;
                  while (b >= 0 && (heapKeys[b] > key || (heapKeys[b] == key && heapIndices[b] > index))) {
                    heapKeys[b + 1] = heapKeys[b];
                    heapIndices[b + 1] = heapIndices[b];
                    b--;
                  }
                  heapKeys[b + 1] = key;
                  heapIndices[b + 1] = index;
                }
                for (long long t = 0; t < c; t++) vote[t] = 0.0;
                int exact = 0;
                for (long long t = 0; distance && t < k; t++) {
                  if (heapIndices[t] >= 0 && sqrt(fmax(heapKeys[t] + queryNorms[i], 0.0)) == 0.0) exact = 1;
                }
                for (long long t = 0; t < k; t++) {
                  if (heapIndices[t] < 0) continue;
                  double weight = 1.0;
                  if (distance) {
                    double length = sqrt(fmax(heapKeys[t] + queryNorms[i], 0.0));
                    if (exact && length != 0.0) continue;
                    if (!exact) weight = 1.0 / length;
                  }
                  vote[labels[heapIndices[t]]] += weight;
                }
                double total = 0.0;
                for (long long t = 0; t < c; t++) total += vote[t];
                long long best = 0;
                for (long long t = 0; t < c; t++) vote[t] /= total;
                for (long long t = 1; t < c; t++) {
                  if (vote[t] > vote[best]) best = t;
                }
                out[i] = classes[best];
            """
    ) { arguments, count in
        let products = arguments[0].pointer(Double.self)
        let (norms, queryNorms) = (arguments[1].pointer(Double.self), arguments[2].pointer(Double.self))
        let (labels, classes) = (arguments[3].pointer(Int32.self), arguments[4].pointer(Int64.self))
        let (keys, indices, votes) = (
            arguments[5].pointer(Double.self), arguments[6].pointer(Int32.self),
            arguments[7].pointer(Double.self)
        )
        let (m, k, c) = (arguments[8].integer, arguments[9].integer, arguments[10].integer)
        let (distance, infinity, out) = (
            arguments[11].integer != 0, arguments[12].real, arguments[13].pointer(Int64.self)
        )
        for i in 0..<count {
            let (heapKeys, heapIndices, vote) = (keys + i * k, indices + i * k, votes + i * c)
            for t in 0..<k { (heapKeys[t], heapIndices[t]) = (infinity, -1) }
            for j in 0..<m {
                let key = products[i * m + j] + norms[j]
                guard key < heapKeys[0] else { continue }
                push(heapKeys, heapIndices, k, key, Int32(j))
            }
            sort(heapKeys, heapIndices, k)
            for t in 0..<c { vote[t] = 0 }
            let length = { (t: Int) in Double.maximum(heapKeys[t] + queryNorms[i], 0).squareRoot() }
            let exact = distance && (0..<k).contains { heapIndices[$0] >= 0 && length($0) == 0 }
            for t in 0..<k where heapIndices[t] >= 0 {
                var weight = 1.0
                if distance {
                    if exact && length(t) != 0 { continue }
                    if !exact { weight = 1 / length(t) }
                }
                vote[Int(labels[Int(heapIndices[t])])] += weight
            }
            var total = 0.0
            for t in 0..<c { total += vote[t] }
            for t in 0..<c { vote[t] /= total }
            var best = 0
            for t in 1..<Swift.max(1, c) where vote[t] > vote[best] { best = t }
            out[i] = classes[best]
        }
    }

    /// scikit-learn's `heap_push` into a max-heap of `size` keys whose root is the largest (the
    /// caller has checked that `key` is below the root).
    private static func push(
        _ keys: UnsafeMutablePointer<Double>, _ indices: UnsafeMutablePointer<Int32>, _ size: Int,
        _ key: Double,
        _ index: Int32
    ) {
        keys[0] = key
        indices[0] = index
        var current = 0
        while true {
            let (left, right) = (2 * current + 1, 2 * current + 2)
            let swap: Int
            if left >= size {
                break
            } else if right >= size {
                guard keys[left] > key else { break }
                swap = left
            } else if keys[left] >= keys[right] {
                guard key < keys[left] else { break }
                swap = left
            } else {
                guard key < keys[right] else { break }
                swap = right
            }
            (keys[current], indices[current]) = (keys[swap], indices[swap])
            (keys[swap], indices[swap]) = (key, index)
            current = swap
        }
    }

    /// Sorts a heap's entries by key, then index.
    private static func sort(
        _ keys: UnsafeMutablePointer<Double>, _ indices: UnsafeMutablePointer<Int32>, _ size: Int
    ) {
        for a in 1..<Swift.max(1, size) {
            let (key, index) = (keys[a], indices[a])
            var b = a - 1
            while b >= 0 && (keys[b] > key || (keys[b] == key && indices[b] > index)) {
                (keys[b + 1], indices[b + 1]) = (keys[b], indices[b])
                b -= 1
            }
            (keys[b + 1], indices[b + 1]) = (key, index)
        }
    }
}
