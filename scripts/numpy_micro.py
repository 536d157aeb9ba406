#!/usr/bin/env python3
"""NumPy's side of `bach micro`: the same operations, sizes and timing rule.

Elementwise operations write into an existing array (out=), as `bach micro` does, so that both time
the kernel and not the allocator. erf is scipy.special.erf (NumPy has none). Each cell is the median
of repeated runs lasting at least --seconds in all (3 runs at least). NumPy's ufuncs run on one
thread; its sum too.
"""
import argparse
import time

import numpy as np

try:
    from scipy.special import erf
except ImportError:  # scipy is optional: the erf row is then left out
    erf = None


def median(seconds, body):
    body()
    times, spent = [], 0.0
    while len(times) < 3 or spent < seconds:
        start = time.perf_counter()
        body()
        elapsed = time.perf_counter() - start
        times.append(elapsed)
        spent += elapsed
    times.sort()
    return times[len(times) // 2]


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="16,20,24")
    parser.add_argument("--seconds", type=float, default=0.3)
    args = parser.parse_args()
    print(f"numpy {np.__version__}")
    print("operation  size   1 thread (ms)")
    rng = np.random.default_rng(1)
    for log in map(int, args.sizes.split(",")):
        n = 1 << log
        a = rng.uniform(0.5, 2, n)
        b = rng.uniform(0.5, 2, n)
        out = np.empty(n)
        cases = [
            ("add", lambda: np.add(a, b, out=out)),
            ("multiply", lambda: np.multiply(a, b, out=out)),
            ("exp", lambda: np.exp(a, out=out)),
            ("log", lambda: np.log(a, out=out)),
            ("sin", lambda: np.sin(a, out=out)),
            ("erf", (lambda: erf(a, out=out)) if erf else None),
            ("sqrt", lambda: np.sqrt(a, out=out)),
            ("sum", lambda: np.sum(a)),
        ]
        for name, body in cases:
            if body is None:
                continue
            print(f"{name:<10} 2^{log}  {median(args.seconds, body) * 1e3:14.3f}")


if __name__ == "__main__":
    main()
