#!/usr/bin/env python3
"""Times Frames' peers on this machine: pandas, pyarrow and polars reading the one-column CSV file
(2^24 lines of `500000` after a header line, 117 MB) and Series elementwise work at 2^24 rows.

    pip install pandas pyarrow polars
    python3 scripts/frames_peers.py [--path /tmp/frames/one.csv] [--trials 7]

Each line reports the first (cold: first call in the process, file already in the page cache)
run and the median of the warm runs after it, in seconds. The file is written if it is missing.
Thread counts are left at each library's default (all cores).
"""
import argparse
import os
import statistics
import time

import numpy as np


def write_file(path, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write("x\n")
        f.write("500000\n" * lines)


def timed(label, body, trials):
    times = []
    for _ in range(trials):
        start = time.perf_counter()
        result = body()
        times.append(time.perf_counter() - start)
    print(f"{label:<44} cold {times[0]:.4f} s   median of {trials - 1} warm {statistics.median(times[1:]):.4f} s")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--path", default="/tmp/frames/one.csv")
    parser.add_argument("--log2", type=int, default=24)
    parser.add_argument("--trials", type=int, default=7)
    parser.add_argument("--skip-csv", action="store_true")
    parser.add_argument("--skip-series", action="store_true")
    args = parser.parse_args()
    n = 1 << args.log2
    if not os.path.exists(args.path):
        write_file(args.path, n)
    print(f"machine: {os.cpu_count()} cores; file {args.path} ({os.path.getsize(args.path)} bytes)")

    import pandas as pd
    import polars as pl
    import pyarrow as pa
    import pyarrow.csv as pacsv

    print(f"pandas {pd.__version__}, pyarrow {pa.__version__}, polars {pl.__version__}, numpy {np.__version__}")
    if not args.skip_csv:
        frame = timed("read_csv pandas (C engine)", lambda: pd.read_csv(args.path), args.trials)
        assert len(frame) == n and frame["x"].dtype == np.int64
        table = timed("read_csv pyarrow", lambda: pacsv.read_csv(args.path), args.trials)
        assert table.num_rows == n
        frame = timed("read_csv polars", lambda: pl.read_csv(args.path), args.trials)
        assert frame.height == n

    if not args.skip_series:
        rng = np.random.default_rng(7)
        a_np = rng.uniform(0, 100, n)
        b_np = rng.uniform(0, 100, n)
        c_np = rng.uniform(0, 100, n)
        a, b, c = pd.Series(a_np), pd.Series(b_np), pd.Series(c_np)
        timed("pandas (a * 2 + b - c * 2000) / 100000", lambda: (a * 2 + b - c * 2000) / 100000, args.trials)
        timed("pandas a.mask(a < 10, 0).mask(a > 90, 1).sum()", lambda: a.mask(a < 10, 0).mask(a > 90, 1).sum(), args.trials)
        pa_, pb, pc = pl.Series("a", a_np), pl.Series("b", b_np), pl.Series("c", c_np)
        timed("polars (a * 2 + b - c * 2000) / 100000", lambda: (pa_ * 2 + pb - pc * 2000) / 100000, args.trials)
        frame = pl.DataFrame({"a": a_np})
        masked = (
            pl.when(pl.col("a") < 10).then(0.0).otherwise(pl.col("a"))
        )
        timed(
            "polars when(a < 10).when(a > 90).sum()",
            lambda: frame.select(
                pl.when(pl.col("a") > 90).then(1.0).otherwise(masked).sum()
            ).item(),
            args.trials,
        )


if __name__ == "__main__":
    main()
