#!/usr/bin/env python3
"""The scikit-learn peers of Learn: the seed's tsvd, pca and dbscan workloads, timed the way
Learn's numbers are reported (one cold first run, then the median of --trials warm runs).

- tsvd:   make_blobs(2^size, 512 features, 1 centre, random_state=7);
          TruncatedSVD(2, algorithm="arpack", tol=1e-5).fit_transform(X) is timed.
- pca:    Wine, train_test_split(train_size=0.70, random_state=42), the 54 test rows doubled
          `size` times; StandardScaler -> PCA(2) -> KNeighborsClassifier() fitted on the training
          rows and predicting the test rows is timed (the seed's run_naive_scaled).
- dbscan: make_blobs(2^size, 256 features, 32 centres, cluster_std=1.0, center_box=(-2, 2),
          random_state=42), standardised with mean/std along axis 0 (not timed);
          DBSCAN(eps=16.0, min_samples=ceil(2^size / 32 * 0.05)).fit(X) is timed. The seed passes
          the float 2^size/32*0.05, which scikit-learn >= 1.2 rejects; its ceiling is the integer
          that clusters the same (a point is core when its count is >= min_samples).

    python3 scripts/learn_peers.py -b tsvd -s 14 --trials 5
    python3 scripts/learn_peers.py -b pca -s 10 -b dbscan -s 13
"""
import argparse
import json
import math
import statistics
import time

import numpy as np
import sklearn
from sklearn.cluster import DBSCAN
from sklearn.datasets import load_wine, make_blobs
from sklearn.decomposition import PCA, TruncatedSVD
from sklearn.metrics import accuracy_score
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.preprocessing import StandardScaler


def tsvd(size):
    x, _ = make_blobs(n_samples=1 << size, n_features=512, centers=1, random_state=7)

    def run():
        svd = TruncatedSVD(n_components=2, algorithm="arpack", tol=1e-5)
        result = svd.fit_transform(x)
        return f"singular values {svd.singular_values_.tolist()}, shape {result.shape}"

    return run


def pca(size):
    features, target = load_wine(return_X_y=True)
    x_train, x_test, y_train, y_test = train_test_split(features, target, train_size=0.70, random_state=42)
    for _ in range(size):
        x_test = np.append(x_test, x_test, axis=0)
        y_test = np.append(y_test, y_test)

    def run():
        scaler, reducer, knn = StandardScaler(), PCA(n_components=2), KNeighborsClassifier()
        knn.fit(reducer.fit_transform(scaler.fit_transform(x_train)), y_train)
        predicted = knn.predict(reducer.transform(scaler.transform(x_test)))
        return f"accuracy {accuracy_score(y_test, predicted):.4f} on {len(y_test)} rows"

    return run


def dbscan(size):
    x, _ = make_blobs(n_samples=1 << size, n_features=256, centers=32, cluster_std=1.0, center_box=(-2, 2),
                      random_state=42)
    x = (x - x.mean(axis=0)) / x.std(axis=0)
    min_samples = math.ceil((1 << size) / 32 * 0.05)

    def run():
        labels = DBSCAN(eps=16.0, min_samples=min_samples).fit(x).labels_
        clusters = len(set(labels.tolist()) - {-1})
        return f"{clusters} clusters, noise {np.mean(labels == -1):.1%}"

    return run


WORKLOADS = {"tsvd": tsvd, "pca": pca, "dbscan": dbscan}
DEFAULT_SIZES = {"tsvd": 14, "pca": 10, "dbscan": 13}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-b", "--benchmark", choices=sorted(WORKLOADS), action="append")
    parser.add_argument("-s", "--size", type=int, action="append",
                        help="log2 size per benchmark, in the order of -b (default 14, 10, 13)")
    parser.add_argument("--trials", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    names = args.benchmark or ["tsvd", "pca", "dbscan"]
    sizes = args.size or [DEFAULT_SIZES[name] for name in names]
    if len(sizes) != len(names):
        parser.error("give one -s per -b, or none")
    for name, size in zip(names, sizes):
        run = WORKLOADS[name](size)
        times = []
        for _ in range(args.trials + 1):
            start = time.perf_counter()
            note = run()
            times.append(time.perf_counter() - start)
        cold, warm = times[0], statistics.median(times[1:])
        if args.json:
            print(json.dumps({"benchmark": name, "library": f"scikit-learn {sklearn.__version__}", "size": size,
                              "trials": args.trials, "cold_s": cold, "median_warm_s": warm, "result": note}))
        else:
            print(f"{name:<7} scikit-learn {sklearn.__version__} 2^{size}  cold {cold:.4f} s  "
                  f"median of {args.trials} warm {warm:.4f} s  ({note})")


if __name__ == "__main__":
    main()
