#!/usr/bin/env python3
"""The peers of `bach bench`: the seed's NumPy, PyTorch and CuPy versions of the workloads, and what
a user who wants speed writes instead: numexpr on the CPU (the whole expression in one threaded
pass, erf through SciPy since numexpr has none) and cupy.fuse on the GPU (one fused kernel); and
for tsvd, pca and dbscan the seed's scikit-learn versions and what a PyTorch user writes on the GPU
(the same algorithms as GPULearn: Gram matrix and eigh, brute-force neighbours).

Same constants, same sequence of out= calls, inputs created on the host and outputs returned to
it, timed the way the seed's run.py times them (median of --trials, after one warm-up run at a
small size: imports, the CUDA context, kernel compilation). For tsvd, pca and dbscan, Init is
generating the data, as in the seed. Libraries that are missing are skipped with a note, so the
script runs on a machine with NumPy alone. Output: one line per (benchmark, library) with the
median runtime, and with --json one JSON object per line.

    python3 scripts/peers.py -b blackscholes -s 24 --trials 3 --libraries numpy
    python3 scripts/peers.py -b tsvd -b pca -b dbscan --trials 5 --libraries sklearn,torch
    python3 scripts/peers.py -b crime_index -s 24 --trials 7 --libraries pandas,pyarrow,polars

crime_index (only when asked for with -b: its files are large) runs the seed's pandas version and
its equivalents in polars, CuPy and cuDF, and times pyarrow's reader. It reads the files `bach
bench -b crime_index` writes (the same folder: $BACH_DATA or .build-data, written here when
absent): Init is reading the three files, Runtime the program and its sum on the host, as in the
seed. Its lines also give the first (cold) trial and the median of the warm ones after it, and the
time to read one file (the one-column read of the Frames issue's table).
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

import numpy as np


def blackscholes_inputs(size):
    return [np.ones(size, dtype="float64") * 4.0 for _ in range(5)]


def haversine_inputs(size):
    return [np.ones(size, dtype="float64") * 0.0698132 for _ in range(2)]


def blackscholes(lib, price, strike, t, rate, vol, erf, empty):
    """The seed's blackscholes body over a NumPy-like module `lib`."""
    size = len(price)
    tmp, vol_sqrt, rsig, d1, d2, call, put = (empty(size) for _ in range(7))
    c05, c10, invsqrt2 = 3.0, 1.5, 1.0 / math.sqrt(2.0)
    lib.multiply(vol, vol, out=rsig)
    lib.multiply(rsig, c05, out=rsig)
    lib.add(rsig, rate, out=rsig)
    lib.sqrt(t, out=vol_sqrt)
    lib.multiply(vol_sqrt, vol, out=vol_sqrt)
    lib.multiply(rsig, t, out=tmp)
    lib.divide(price, strike, out=d1)
    lib.log2(d1, out=d1)
    lib.add(d1, tmp, out=d1)
    lib.divide(d1, vol_sqrt, out=d1)
    lib.subtract(d1, vol_sqrt, out=d2)
    lib.multiply(d1, invsqrt2, out=d1)
    erf(d1, out=d1)
    lib.multiply(d1, c05, out=d1)
    lib.add(d1, c05, out=d1)
    lib.multiply(d2, invsqrt2, out=d2)
    erf(d2, out=d2)
    lib.multiply(d2, c05, out=d2)
    lib.add(d2, c05, out=d2)
    e_rt, tmp2 = vol_sqrt, rsig
    lib.multiply(rate, -1.0, out=e_rt)
    lib.multiply(e_rt, t, out=e_rt)
    lib.exp(e_rt, out=e_rt)
    lib.multiply(price, d1, out=tmp)
    lib.multiply(e_rt, strike, out=tmp2)
    lib.multiply(tmp2, d2, out=tmp2)
    lib.subtract(tmp, tmp2, out=call)
    lib.multiply(e_rt, strike, out=tmp)
    lib.subtract(c10, d2, out=tmp2)
    lib.multiply(tmp, tmp2, out=put)
    lib.subtract(c10, d1, out=tmp)
    lib.multiply(price, tmp, out=tmp)
    lib.subtract(put, tmp, out=put)
    return call, put


def haversine(lib, lat2, lon2, arcsin, empty):
    """The seed's haversine body over a NumPy-like module `lib`."""
    size = len(lat2)
    a, dlat, dlon = (empty(size) for _ in range(3))
    lat1, lon1, miles = 0.70984286, 1.23892197, 3959.0
    lib.subtract(lat2, lat1, out=dlat)
    lib.subtract(lon2, lon1, out=dlon)
    lib.divide(dlat, 2.0, out=dlat)
    lib.sin(dlat, out=dlat)
    lib.multiply(dlat, dlat, out=dlat)
    lib.cos(lat2, out=a)
    lib.multiply(a, math.cos(lat1), out=a)
    lib.divide(dlon, 2.0, out=dlon)
    lib.sin(dlon, out=dlon)
    lib.multiply(dlon, dlon, out=dlon)
    lib.multiply(a, dlon, out=a)
    lib.add(dlat, a, out=a)
    lib.sqrt(a, out=a)
    arcsin(a, out=a)
    lib.multiply(a, 2.0, out=a)
    lib.multiply(a, miles, out=a)
    return (a,)


def run_numpy(name, inputs):
    if name == "blackscholes":
        from scipy.special import erf
        return blackscholes(np, *inputs, erf=erf, empty=lambda n: np.empty(n, dtype="float64"))
    return haversine(np, *inputs, arcsin=np.arcsin, empty=lambda n: np.empty(n, dtype="float64"))


class TorchAsNumpy:
    """torch under NumPy's names (torch.mul for multiply, ...), as the seed's run_torch calls it."""

    def __init__(self, torch):
        self.torch = torch
        self.multiply, self.add, self.divide = torch.mul, torch.add, torch.div
        self.sqrt, self.log2, self.exp, self.sin, self.cos = torch.sqrt, torch.log2, torch.exp, torch.sin, torch.cos

    def subtract(self, a, b, out):
        if self.torch.is_tensor(a):
            return self.torch.sub(a, b, out=out)
        # torch.sub takes no scalar first operand: c10 - d2 as a filled tensor minus d2.
        return self.torch.sub(self.torch.full_like(b, a), b, out=out)


def run_torch(name, inputs):
    import torch
    lib = TorchAsNumpy(torch)
    device = torch.device("cuda")
    empty = lambda n: torch.empty(n, dtype=torch.float64, device=device)
    on_device = [torch.from_numpy(x).to(device) for x in inputs]
    if name == "blackscholes":
        outputs = blackscholes(lib, *on_device, erf=torch.erf, empty=empty)
    else:
        outputs = haversine(lib, *on_device, arcsin=torch.asin, empty=empty)
    torch.cuda.synchronize()
    return [o.cpu().numpy() for o in outputs]


def run_cupy(name, inputs):
    import cupy as cp
    erf = cp.ElementwiseKernel("T x", "T y", "y = erf(x)", "peer_erf")
    empty = lambda n: cp.empty(n, dtype="float64")
    on_device = [cp.array(x) for x in inputs]
    if name == "blackscholes":
        outputs = blackscholes(cp, *on_device, erf=lambda x, out: erf(x, out), empty=empty)
    else:
        outputs = haversine(cp, *on_device, arcsin=cp.arcsin, empty=empty)
    return [cp.asnumpy(o) for o in outputs]


def run_numexpr(name, inputs):
    import numexpr as ne
    from scipy.special import erf
    if name == "blackscholes":
        price, strike, t, rate, vol = inputs
        c05, c10, invsqrt2 = 3.0, 1.5, 1.0 / math.sqrt(2.0)
        d1 = ne.evaluate("(log(price / strike) / log(2) + (vol * vol * c05 + rate) * t) / (sqrt(t) * vol)")
        d2 = ne.evaluate("d1 - sqrt(t) * vol")
        n1 = erf(ne.evaluate("d1 * invsqrt2"))
        n2 = erf(ne.evaluate("d2 * invsqrt2"))
        d1 = ne.evaluate("c05 + c05 * n1")
        d2 = ne.evaluate("c05 + c05 * n2")
        e_rt = ne.evaluate("exp(-rate * t)")
        call = ne.evaluate("price * d1 - e_rt * strike * d2")
        put = ne.evaluate("e_rt * strike * (c10 - d2) - price * (c10 - d1)")
        return call, put
    lat2, lon2 = inputs
    lat1, lon1, miles, cos_lat1 = 0.70984286, 1.23892197, 3959.0, math.cos(0.70984286)
    return (ne.evaluate(
        "arcsin(sqrt(sin((lat2 - lat1) / 2.0) ** 2 + cos(lat2) * cos_lat1 * sin((lon2 - lon1) / 2.0) ** 2))"
        " * 2.0 * miles"),)


def run_cupy_fused(name, inputs):
    import cupy as cp
    from cupyx.scipy.special import erf
    on_device = [cp.array(x) for x in inputs]
    if name == "blackscholes":
        @cp.fuse()
        def kernel(price, strike, t, rate, vol):
            c05, c10, invsqrt2 = 3.0, 1.5, 1.0 / math.sqrt(2.0)
            vol_sqrt = cp.sqrt(t) * vol
            d1 = (cp.log2(price / strike) + (vol * vol * c05 + rate) * t) / vol_sqrt
            d2 = d1 - vol_sqrt
            n1 = c05 + c05 * erf(d1 * invsqrt2)
            n2 = c05 + c05 * erf(d2 * invsqrt2)
            e_rt = cp.exp(-rate * t)
            return price * n1 - e_rt * strike * n2, e_rt * strike * (c10 - n2) - price * (c10 - n1)
        outputs = kernel(*on_device)
    else:
        @cp.fuse()
        def kernel(lat2, lon2):
            lat1, lon1, miles = 0.70984286, 1.23892197, 3959.0
            dlat = cp.sin((lat2 - lat1) / 2.0)
            dlon = cp.sin((lon2 - lon1) / 2.0)
            a = dlat * dlat + cp.cos(lat2) * math.cos(lat1) * dlon * dlon
            return cp.arcsin(cp.sqrt(a)) * 2.0 * miles
        outputs = (kernel(*on_device),)
    return [cp.asnumpy(o) for o in outputs]



# ---- tsvd, pca, dbscan: scikit-learn (the seed's run_cpu) and PyTorch on the GPU --------------------

def tsvd_inputs(size):
    from sklearn.datasets import make_blobs
    x, _ = make_blobs(n_samples=size, n_features=512, centers=1, random_state=7)
    return (x,)


def pca_inputs(size):
    from sklearn.datasets import load_wine
    from sklearn.model_selection import train_test_split
    features, target = load_wine(return_X_y=True)
    x_train, x_test, y_train, y_test = train_test_split(features, target, train_size=0.70, random_state=42)
    for _ in range(int(math.log2(size))):  # the seed's size counts doublings of the test rows
        x_test = np.append(x_test, x_test, axis=0)
        y_test = np.append(y_test, y_test)
    return x_train, x_test, y_train, y_test


def dbscan_inputs(size):
    from sklearn.datasets import make_blobs
    x, _ = make_blobs(n_samples=size, n_features=256, centers=32, cluster_std=1.0, center_box=(-2.0, 2.0),
                      random_state=42)
    return (x, 16.0, max(2, size / 32 * 0.05))


def tsvd_sklearn(x):
    from sklearn.decomposition import TruncatedSVD
    return TruncatedSVD(n_components=2, algorithm="arpack", tol=1e-5, random_state=42).fit_transform(x)


def tsvd_torch(x):
    """GPULearn's algorithm: the Gram matrix, eigh, the two leading vectors with svd_flip's signs."""
    import torch
    x = torch.from_numpy(x).cuda()
    values, vectors = torch.linalg.eigh(x.T @ x)
    components = vectors[:, -2:].flip(1).T
    largest = components.abs().argmax(dim=1)
    signs = torch.sign(components[torch.arange(2, device=x.device), largest])
    result = x @ (components * signs[:, None]).T
    return result.cpu().numpy()


def pca_sklearn(x_train, x_test, y_train, y_test):
    from sklearn.decomposition import PCA
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.preprocessing import StandardScaler
    scaler, reducer, knn = StandardScaler(), PCA(n_components=2), KNeighborsClassifier()
    knn.fit(reducer.fit_transform(scaler.fit_transform(x_train)), y_train)
    return knn.predict(reducer.transform(scaler.transform(x_test)))


def pca_torch(x_train, x_test, y_train, y_test):
    """StandardScaler, PCA by the covariance's eigh and 5-NN by brute force, on the GPU."""
    import torch
    train, test = torch.from_numpy(x_train).cuda(), torch.from_numpy(x_test).cuda()
    labels = torch.from_numpy(y_train).cuda()
    mean = train.mean(dim=0)
    std = ((train - mean) ** 2).mean(dim=0).sqrt()
    train, test = (train - mean) / std, (test - mean) / std
    centre = train.mean(dim=0)
    centred = train - centre
    _, vectors = torch.linalg.eigh(centred.T @ centred / (train.shape[0] - 1))
    components = vectors[:, -2:].flip(1)
    reduced_train, reduced_test = centred @ components, (test - centre) @ components
    nearest = torch.cdist(reduced_test, reduced_train).topk(5, largest=False).indices
    votes = torch.nn.functional.one_hot(labels[nearest], num_classes=int(labels.max()) + 1).sum(dim=1)
    return votes.argmax(dim=1).cpu().numpy()


def dbscan_sklearn(x, eps, min_samples):
    from sklearn.cluster import DBSCAN
    x = x.copy()
    np.subtract(x, np.mean(x, axis=0), out=x)
    np.divide(x, np.std(x, axis=0), out=x)
    # scikit-learn >= 1.2 takes integers only: the ceiling clusters as the seed's float does.
    return DBSCAN(eps=eps, min_samples=math.ceil(min_samples)).fit(x).labels_


def dbscan_torch(x, eps, min_samples):
    """Brute force as GPULearn: all distances, core points, components of core points by
    minimum-label propagation, border points to their lowest neighbouring cluster."""
    import torch
    x = torch.from_numpy(x).cuda()
    x = x - x.mean(dim=0)
    x = x / (x ** 2).mean(dim=0).sqrt()
    n = x.shape[0]
    near = torch.cdist(x, x) <= eps
    core = near.sum(dim=1) >= min_samples
    links = near & core[None, :] & core[:, None]
    index = torch.arange(n, device=x.device)
    labels = torch.where(core, index, torch.full_like(index, n))
    while True:
        smallest = torch.where(links, labels[None, :], torch.full_like(labels, n)[None, :]).min(dim=1).values
        updated = torch.minimum(torch.minimum(labels, smallest), labels[labels.clamp(max=n - 1)])
        updated = torch.where(core, updated, labels)
        if torch.equal(updated, labels):
            break
        labels = updated
    roots = core & (labels == index)
    numbers = torch.cumsum(roots.long(), dim=0) - 1
    cluster = torch.where(core, numbers[labels.clamp(max=n - 1)], torch.full_like(index, -1))
    border = torch.where(near & core[None, :], cluster[None, :], torch.full_like(index, n)[None, :]).min(dim=1).values
    cluster = torch.where(core, cluster, torch.where(border < n, border, torch.full_like(index, -1)))
    return cluster.cpu().numpy()


def learn_validation(name, outputs, inputs, reference):
    if name == "tsvd":
        if reference is None:
            return "reference"
        return "ok" if np.allclose(np.abs(reference), np.abs(outputs), atol=0.2) else "MISMATCH"
    if name == "pca":
        accuracy = float(np.mean(outputs == inputs[3]))
        return ("ok" if accuracy > 0.9 else "FAILED") + f" (accuracy {accuracy:.4f})"
    clusters = len(set(outputs.tolist()) - {-1})
    noise = float(np.mean(outputs == -1))
    return ("ok" if clusters == 32 and noise < 0.3 else "FAILED") + f" ({clusters} clusters, noise {noise:.1%})"


LEARN = {
    "tsvd": (tsvd_inputs, {"sklearn": tsvd_sklearn, "torch": tsvd_torch}, 14),
    "pca": (pca_inputs, {"sklearn": pca_sklearn, "torch": pca_torch}, 10),
    "dbscan": (dbscan_inputs, {"sklearn": dbscan_sklearn, "torch": dbscan_torch}, 13),
}

RUNNERS = {
    "numpy": run_numpy, "numexpr": run_numexpr, "torch": run_torch, "cupy": run_cupy,
    "cupy_fused": run_cupy_fused,
}
INPUTS = {"blackscholes": blackscholes_inputs, "haversine": haversine_inputs}

CRIME_COLUMNS = ["total_population", "adult_population", "num_robberies"]
CRIME_VALUES = [500000, 250000, 1000]


def crime_index_paths(size):
    """The seed's files (one integer per line, no header), written when absent, as bach writes them."""
    folder = os.path.join(os.environ.get("BACH_DATA", ".build-data"), "crime_index")
    os.makedirs(folder, exist_ok=True)
    paths = []
    for column, value in zip(CRIME_COLUMNS, CRIME_VALUES):
        path = os.path.join(folder, f"{column}_{size}.csv")
        if not os.path.exists(path):
            with open(path + ".partial", "w") as f:
                f.write(f"{value}\n" * size)
            os.rename(path + ".partial", path)
        paths.append(path)
    return paths


def crime_index_pandas(tp, ap, nr):
    """The seed's run_pandas."""
    big_cities = tp > 500000
    big_cities = tp.mask(big_cities, 0.0)
    double_pop = ap * 2 + big_cities - (nr * 2000.0)
    crime_index = double_pop / 100000
    crime_index = crime_index.mask(crime_index > 0.02, 0.032)
    crime_index = crime_index.mask(crime_index < 0.01, 0.005)
    return crime_index.sum()


def crime_index_polars(tp, ap, nr):
    """run_pandas in polars' words: `mask(c, v)` is `when(c).then(v).otherwise(x)`."""
    import polars as pl
    frame = pl.DataFrame({"tp": tp, "ap": ap, "nr": nr}).lazy()
    big = pl.when(pl.col("tp") > 500000).then(0.0).otherwise(pl.col("tp"))
    index = (pl.col("ap") * 2 + big - pl.col("nr") * 2000.0) / 100000
    index = pl.when(index > 0.02).then(0.032).otherwise(index)
    index = pl.when(index < 0.01).then(0.005).otherwise(index)
    return frame.select(index.sum()).collect().item()


def crime_index_cupy(tp, ap, nr):
    """run_pandas in CuPy's words, on device arrays (missing values are NaN, skipped by nansum)."""
    import cupy as cp
    big = cp.where(tp > 500000, 0.0, tp)
    index = (ap * 2 + big - nr * 2000.0) / 100000
    index = cp.where(index > 0.02, 0.032, index)
    index = cp.where(index < 0.01, 0.005, index)
    return float(cp.nansum(index))


def crime_index_cudf(tp, ap, nr):
    """The seed's run_cudf."""
    def mask(series, cond, val):
        clone = series.copy()
        clone.loc[cond] = val
        return clone

    big_cities = mask(tp, tp > 500000, 0.0)
    double_pop = ap * 2 + big_cities - (nr * 2000.0)
    crime_index = double_pop / 100000
    crime_index = mask(crime_index, crime_index > 0.02, 0.032)
    crime_index = mask(crime_index, crime_index < 0.01, 0.005)
    return float(crime_index.sum())


def read_pandas(path):
    import pandas as pd
    return pd.read_csv(path, header=None).iloc[:, 0]


def read_pyarrow(path):
    import pyarrow.csv as pacsv
    return pacsv.read_csv(path, read_options=pacsv.ReadOptions(autogenerate_column_names=True)).column(0)


def read_polars(path):
    import polars as pl
    return pl.read_csv(path, has_header=False).to_series(0)


def read_cupy(path):
    """Read on the host with pandas (CuPy has no reader), then copy to the device."""
    import cupy as cp
    return cp.asarray(read_pandas(path).to_numpy(dtype="float64"))


def read_cudf(path):
    import cudf
    return cudf.read_csv(path, header=None).iloc[:, 0]


def synchronized(compute):
    """`compute`, then wait for the GPU if CuPy is loaded (kernels run asynchronously)."""
    def run(*inputs):
        result = compute(*inputs)
        if "cupy" in sys.modules:
            sys.modules["cupy"].cuda.Device().synchronize()
        return result
    return run


# library -> (read one file, the program); pyarrow only reads (it has no pandas-like program).
CRIME_INDEX = {
    "pandas": (read_pandas, crime_index_pandas),
    "pyarrow": (read_pyarrow, None),
    "polars": (read_polars, crime_index_polars),
    "cupy": (read_cupy, synchronized(crime_index_cupy)),
    "cudf": (read_cudf, synchronized(crime_index_cudf)),
}


def run_crime_index(size, log2, trials, libraries, as_json):
    paths = crime_index_paths(size)
    expected = 0.005 * size
    for library in libraries:
        if library not in CRIME_INDEX:
            continue
        read, program = CRIME_INDEX[library]
        try:
            read(crime_index_paths(1 << 10)[0])  # import, CUDA context, first-call costs
        except Exception as error:  # a missing library or GPU: say so and go on
            print(f"crime_index {library}: skipped ({type(error).__name__}: {error})", file=sys.stderr)
            continue
        reads, inits, times, result = [], [], [], None
        for _ in range(trials):
            start = time.perf_counter()
            inputs = [read(path) for path in paths]
            ready = time.perf_counter()
            if program is not None:
                result = program(*inputs)
            done = time.perf_counter()
            start_one = time.perf_counter()
            read(paths[0])
            reads.append(time.perf_counter() - start_one)
            inits.append(ready - start)
            times.append(done - ready)
            del inputs
        validation = "no program" if result is None else (
            "ok" if abs(result - expected) <= 1e-9 * expected else f"MISMATCH ({result}, expected {expected})")
        warm = lambda values: statistics.median(values[1:]) if len(values) > 1 else values[0]
        line = {"benchmark": "crime_index", "library": library, "size": size, "trials": trials,
                "median_init_s": statistics.median(inits), "median_runtime_s": statistics.median(times),
                "cold_read_one_s": reads[0], "warm_read_one_s": warm(reads),
                "cold_runtime_s": times[0], "warm_runtime_s": warm(times), "validation": validation}
        if as_json:
            print(json.dumps(line))
        else:
            print(f"crime_index   {library:<7} 2^{log2}  read one file: cold {reads[0]:.4f} s, warm {warm(reads):.4f} s;"
                  f"  compute: cold {times[0]:.4f} s, warm {warm(times):.4f} s  (init {statistics.median(inits):.4f} s,"
                  f" {validation})")




def measure(name, library, make_inputs, runner, size, trials, reference, validate, as_json, log2):
    """Warms `runner` up at a small size, then times `trials` runs at `size` (Init: making the
    inputs; Runtime: the program) and prints the medians; returns the last outputs."""
    try:
        warm = make_inputs(min(size, 1 << 10))
        runner(*warm)
    except Exception as error:  # a missing library or GPU: say so and go on
        print(f"{name} {library}: skipped ({type(error).__name__}: {error})", file=sys.stderr)
        return None
    times, inits = [], []
    for _ in range(trials):
        start = time.perf_counter()
        inputs = make_inputs(size)
        ready = time.perf_counter()
        outputs = runner(*inputs)
        inits.append(ready - start)
        times.append(time.perf_counter() - ready)
    validation = validate(outputs, inputs, reference)
    runtime = statistics.median(times)
    if as_json:
        print(json.dumps({"benchmark": name, "library": library, "size": size, "trials": trials,
                          "median_init_s": statistics.median(inits), "median_runtime_s": runtime,
                          "validation": validation}))
    else:
        print(f"{name:<13} {library:<10} 2^{log2}  median runtime {runtime:.4f} s  "
              f"(init {statistics.median(inits):.4f} s, {validation})")
    return outputs


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-b", "--benchmark", choices=sorted(INPUTS) + sorted(LEARN) + ["crime_index"], action="append")
    parser.add_argument("-s", "--size", type=int, default=None,
                        help="log2 of the number of elements (default 26; tsvd 14, pca 10 doublings, dbscan 13)")
    parser.add_argument("--trials", type=int, default=3)
    parser.add_argument("--libraries", help="default: numpy,numexpr,torch,cupy,cupy_fused,sklearn; for "
                        "crime_index pandas,pyarrow,polars,cupy,cudf")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    libraries = (args.libraries or "numpy,numexpr,torch,cupy,cupy_fused,sklearn").split(",")
    for name in args.benchmark or sorted(INPUTS):
        if name == "crime_index":
            log2 = args.size if args.size is not None else 26
            chosen = args.libraries.split(",") if args.libraries else list(CRIME_INDEX)
            run_crime_index(1 << log2, log2, args.trials, chosen, args.json)
            continue
        if name in LEARN:
            make_inputs, runners, default = LEARN[name]
            log2 = args.size if args.size is not None else default
            reference = None
            for library in [lib for lib in ("sklearn", "torch") if lib in libraries]:
                outputs = measure(name, library, make_inputs, runners[library], 1 << log2, args.trials, reference,
                                  lambda out, inputs, ref: learn_validation(name, out, inputs, ref), args.json, log2)
                if reference is None:
                    reference = outputs
            continue
        log2 = args.size if args.size is not None else 26
        reference = None
        for library in [lib for lib in libraries if lib in RUNNERS]:
            def validate(outputs, inputs, ref):
                if ref is None:
                    return "reference"
                ok = all(np.allclose(a, b, rtol=1e-9, atol=1e-9) for a, b in zip(outputs, ref))
                return "ok" if ok else "MISMATCH"
            outputs = measure(name, library, lambda size: INPUTS[name](size), lambda *x, r=RUNNERS[library]: r(name, x),
                              1 << log2, args.trials, reference, validate, args.json, log2)
            if reference is None and outputs is not None:
                reference = outputs


if __name__ == "__main__":
    main()
