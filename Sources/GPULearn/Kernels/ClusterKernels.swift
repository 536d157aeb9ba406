import Devices

/// DBSCAN's kernels: the ε-neighbourhood as a bit matrix (row i, bit j: x_j within eps of x_i),
/// neighbour counts, core points, connected components of core points by minimum-label
/// propagation, cluster numbers and final labels. Bit words are 32-bit and stored as `Int32`.
enum ClusterKernels {
    /// One thread per (row of the tile, word of 32 columns): whether x_j lies within eps of x_i,
    /// from the inner products of a tile of rows against all rows (`products`, tile × n). A pair is
    /// decided on the product where it lies farther from the boundary than the product's rounding
    /// error can reach (`factor` and `slack`, see `RadiusThresholds`), else by the exact distance
    /// `Σ (x_ik − x_jk)² ≤ eps²`; so the decisions are those of the exact double-precision
    /// distance whatever order the BLAS summed in. Every point is its own neighbour. Arguments:
    /// products, x, norms, i0, n, d, words, eps², factor, slack, bits.
    static let neighbourWords = LearnKernel(
        name: "learn_dbscan_neighbour_words",
        parameters: """
            const double* products, const double* x, const double* norms, long long i0, long long n, long long d,
            long long words, double eps2, double factor, double slack, int* bits
            """,
        body: """
                long long r = i / words, w = i % words;
                long long row = i0 + r;
                double ni = norms[row];
                unsigned int word = 0u;
                long long end = (w + 1) * 32 < n ? (w + 1) * 32 : n;
                for (long long j = w * 32; j < end; j++) {
                  double sum = ni + norms[j];
                  double dot = products[r * n + j];
                  int inside;
                  if (j == row) {
                    inside = 1;
                  } else if (dot < ((1.0 - factor) * sum - (1.0 + slack) * eps2) / 2.0) {
                    inside = 0;
                  } else if (dot >= ((1.0 + factor) * sum - (1.0 - slack) * eps2) / 2.0) {
                    inside = 1;
                  } else {
                    const double* a = x + row * d;
                    const double* b = x + j * d;
                    double total = 0.0;
                    for (long long p = 0; p < d; p++) {
                      double difference = a[p] - b[p];
                      total += difference * difference;
                    }
                    inside = total <= eps2;
                  }
                  if (inside) word |= 1u << (j - w * 32);
                }
                bits[row * words + w] = (int)word;
            """
    ) { arguments, count in
        let (products, x, norms) = (
            arguments[0].pointer(Double.self), arguments[1].pointer(Double.self),
            arguments[2].pointer(Double.self)
        )
        let (i0, n, d, words) = (
            arguments[3].integer, arguments[4].integer, arguments[5].integer, arguments[6].integer
        )
        let (eps2, factor, slack) = (arguments[7].real, arguments[8].real, arguments[9].real)
        let bits = arguments[10].pointer(Int32.self)
        for i in 0..<count {
            let (r, w) = (i / words, i % words)
            let row = i0 + r
            var word: UInt32 = 0
            for j in (w * 32)..<Swift.min(n, (w + 1) * 32) {
                let sum = norms[row] + norms[j]
                let dot = products[r * n + j]
                let inside: Bool
                if j == row {
                    inside = true
                } else if dot < ((1 - factor) * sum - (1 + slack) * eps2) / 2 {
                    inside = false
                } else if dot >= ((1 + factor) * sum - (1 - slack) * eps2) / 2 {
                    inside = true
                } else {
                    var total = 0.0
                    for p in 0..<d {
                        let difference = x[row * d + p] - x[j * d + p]
                        total += difference * difference
                    }
                    inside = total <= eps2
                }
                if inside { word |= 1 << UInt32(j - w * 32) }
            }
            bits[row * words + w] = Int32(bitPattern: word)
        }
    }

    /// `counts[i]`: the set bits of row i (its neighbours, itself included). Arguments: bits,
    /// words, counts.
    static let rowCounts = LearnKernel(
        name: "learn_dbscan_row_counts", parameters: "const int* bits, long long words, int* counts",
        body: """
                int total = 0;
                for (long long w = 0; w < words; w++) {
                  for (unsigned int v = (unsigned int)bits[i * words + w]; v != 0u; v &= v - 1u) total++;
                }
                counts[i] = total;
            """
    ) { arguments, count in
        let (bits, words, counts) = (
            arguments[0].pointer(Int32.self), arguments[1].integer, arguments[2].pointer(Int32.self)
        )
        for i in 0..<count {
            var total = 0
            for w in 0..<words { total += UInt32(bitPattern: bits[i * words + w]).nonzeroBitCount }
            counts[i] = Int32(total)
        }
    }

    /// Core points (`counts[i] >= minSamples`) start labelled with their own index, others with n
    /// (none). Arguments: counts, minSamples, n, core, labels.
    static let coreLabels = LearnKernel(
        name: "learn_dbscan_core_labels",
        parameters: "const int* counts, double minSamples, long long n, int* core, int* labels",
        body: """
                core[i] = (double)counts[i] >= minSamples;
                labels[i] = core[i] ? (int)i : (int)n;
            """
    ) { arguments, count in
        let (counts, minSamples, n) = (
            arguments[0].pointer(Int32.self), arguments[1].real, arguments[2].integer
        )
        let (core, labels) = (arguments[3].pointer(Int32.self), arguments[4].pointer(Int32.self))
        for i in 0..<count {
            core[i] = Double(counts[i]) >= minSamples ? 1 : 0
            labels[i] = core[i] != 0 ? Int32(i) : Int32(n)
        }
    }

    /// One round of minimum-label propagation: each core point takes the smallest label among its
    /// core neighbours and then its label's label (pointer jumping), and sets `changed` when its
    /// label fell. Labels only fall, so reading a neighbour's old or new label is equally right;
    /// repeated until nothing changes, each core point holds the smallest index of its component.
    /// Arguments: bits, core, words, labels, changed.
    static let propagate = LearnKernel(
        name: "learn_dbscan_propagate",
        parameters: "const int* bits, const int* core, long long words, int* labels, int* changed",
        body: """
                if (core[i]) {
                  int best = labels[i];
                  for (long long w = 0; w < words; w++) {
                    unsigned int v = (unsigned int)bits[i * words + w];
                    for (long long j = w * 32; v != 0u; j++, v >>= 1) {
                      if ((v & 1u) && core[j] && labels[j] < best) best = labels[j];
                    }
                  }
                  int jump = labels[best];
                  if (jump < best) best = jump;
                  if (best < labels[i]) {
                    labels[i] = best;
                    changed[0] = 1;
                  }
                }
            """
    ) { arguments, count in
        let (bits, core, words) = (
            arguments[0].pointer(Int32.self), arguments[1].pointer(Int32.self), arguments[2].integer
        )
        let (labels, changed) = (arguments[3].pointer(Int32.self), arguments[4].pointer(Int32.self))
        for i in 0..<count where core[i] != 0 {
            var best = labels[i]
            for w in 0..<words {
                var v = UInt32(bitPattern: bits[i * words + w])
                var j = w * 32
                while v != 0 {
                    if v & 1 != 0 && core[j] != 0 && labels[j] < best { best = labels[j] }
                    (j, v) = (j + 1, v >> 1)
                }
            }
            best = Swift.min(best, labels[Int(best)])
            if best < labels[i] {
                labels[i] = best
                changed[0] = 1
            }
        }
    }

    /// One thread numbers the clusters in the order of their smallest index (the roots: core
    /// points labelled with their own index), as scikit-learn does. Arguments: core, labels, n,
    /// numbers.
    static let clusterNumbers = LearnKernel(
        name: "learn_dbscan_cluster_numbers",
        parameters: "const int* core, const int* labels, long long n, int* numbers",
        body: """
                int next = 0;
                for (long long r = 0; r < n; r++) {
                  if (core[r] && labels[r] == r) numbers[r] = next++;
                }
            """
    ) { arguments, _ in
        let (core, labels, n, numbers) = (
            arguments[0].pointer(Int32.self), arguments[1].pointer(Int32.self), arguments[2].integer,
            arguments[3].pointer(Int32.self)
        )
        var next: Int32 = 0
        for r in 0..<n where core[r] != 0 && labels[r] == Int32(r) {
            numbers[r] = next
            next += 1
        }
    }

    /// Final labels: a core point's cluster, a border point's smallest cluster among its core
    /// neighbours, −1 (noise) for the rest. Arguments: bits, core, labels, numbers, words, out.
    static let finalLabels = LearnKernel(
        name: "learn_dbscan_final_labels",
        parameters:
            "const int* bits, const int* core, const int* labels, const int* numbers, long long words, long long* out",
        body: """
                if (core[i]) {
                  out[i] = numbers[labels[i]];
                } else {
                  long long best = -1;
                  for (long long w = 0; w < words; w++) {
                    unsigned int v = (unsigned int)bits[i * words + w];
                    for (long long j = w * 32; v != 0u; j++, v >>= 1) {
                      if ((v & 1u) && core[j]) {
                        long long cluster = numbers[labels[j]];
                        if (best < 0 || cluster < best) best = cluster;
                      }
                    }
                  }
                  out[i] = best;
                }
            """
    ) { arguments, count in
        let (bits, core, labels, numbers) = (
            arguments[0].pointer(Int32.self), arguments[1].pointer(Int32.self),
            arguments[2].pointer(Int32.self),
            arguments[3].pointer(Int32.self)
        )
        let (words, out) = (arguments[4].integer, arguments[5].pointer(Int64.self))
        for i in 0..<count {
            if core[i] != 0 {
                out[i] = Int64(numbers[Int(labels[i])])
                continue
            }
            var best: Int64 = -1
            for w in 0..<words {
                var v = UInt32(bitPattern: bits[i * words + w])
                var j = w * 32
                while v != 0 {
                    if v & 1 != 0 && core[j] != 0 {
                        let cluster = Int64(numbers[Int(labels[j])])
                        if best < 0 || cluster < best { best = cluster }
                    }
                    (j, v) = (j + 1, v >> 1)
                }
            }
            out[i] = best
        }
    }

    /// One thread lists the core points' indices in ascending order. Arguments: core, n, out.
    static let coreIndices = LearnKernel(
        name: "learn_dbscan_core_indices", parameters: "const int* core, long long n, long long* out",
        body: """
                long long next = 0;
                for (long long r = 0; r < n; r++) {
                  if (core[r]) out[next++] = r;
                }
            """
    ) { arguments, _ in
        let (core, n, out) = (
            arguments[0].pointer(Int32.self), arguments[1].integer, arguments[2].pointer(Int64.self)
        )
        var next = 0
        for r in 0..<n where core[r] != 0 {
            out[next] = Int64(r)
            next += 1
        }
    }
}
