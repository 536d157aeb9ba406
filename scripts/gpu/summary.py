#!/usr/bin/env python3
"""One table from a GPU-machine run: our benchmarks (results.jsonl, the --json lines of bach bench)
beside the peers (peers.jsonl, from scripts/peers.py --json), per benchmark and size.

Benchmarks are matched by name (blackscholes_torch and blackscholes_cupy both under blackscholes)
and by `size` (elements; for pca, 2^doublings as bach bench reports it). For each bach run on the
device it also shows, per batch, the bytes moved between host and device,
the time those bytes take at an assumed pinned-copy bandwidth (52 GB/s each way, what PCIe 5 x16
typically reaches; never measured by this project: no GPU run has happened yet), copies in both
directions overlapping, and the time a batch actually took: where the second
is close to the first, the run is bound by the PCIe link, as a paging runtime should be.

    python3 scripts/gpu/summary.py out/results.jsonl out/peers.jsonl
"""
import json
import sys

PINNED_BYTES_PER_SECOND = 52e9


def load(path):
    rows = []
    try:
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    rows.append(json.loads(line))
    except FileNotFoundError:
        pass
    return rows


def main():
    ours = load(sys.argv[1] if len(sys.argv) > 1 else "out/results.jsonl")
    peers = load(sys.argv[2] if len(sys.argv) > 2 else "out/peers.jsonl")
    print("| benchmark | size | who | median runtime (s) | total (s) | batches | launches/batch "
          "| MB per batch | transfer at 52 GB/s (ms/batch) | measured (ms/batch) | validation |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    keys = sorted({(r["benchmark"].split("_")[0], r["size"]) for r in ours + peers})
    for name, size in keys:
        for r in ours:
            if r["benchmark"].split("_")[0] != name or r["size"] != size:
                continue
            who = f'{r["benchmark"]} {r["mode"]}' + (" force-cpu" if r.get("force_cpu") else "")
            if r["mode"] == "bach" and not r.get("fusion", True):
                who += " no-fusion"
            if r.get("gpu_memory"):
                who += f' budget {r["gpu_memory"]}'
            batches = r.get("batches") or 0
            moved = r.get("bytes_to_device", 0) + r.get("bytes_from_device", 0)
            per_batch = moved / batches if batches else 0
            transfer = max(r.get("bytes_to_device", 0), r.get("bytes_from_device", 0)) / max(batches, 1)
            measured = r["median_runtime_s"] / batches * 1e3 if batches else 0
            launches = r.get("kernel_launches", 0) / batches if batches else 0
            print(f'| {name} | 2^{size.bit_length() - 1} | {who} | {r["median_runtime_s"]:.4f} | '
                  f'{r["median_total_s"]:.4f} | {batches or "-"} | {launches:.1f} | {per_batch / 1e6:.1f} | '
                  f'{transfer / PINNED_BYTES_PER_SECOND * 1e3:.2f} | {measured:.2f} | {r["validation"]} |')
        for p in peers:
            if p["benchmark"] == name and p["size"] == size:
                print(f'| {name} | 2^{size.bit_length() - 1} | peer {p["library"]} | {p["median_runtime_s"]:.4f} | '
                      f'{p["median_runtime_s"] + p.get("median_init_s", 0):.4f} | - | - | - | - | - | '
                      f'{p["validation"]} |')


if __name__ == "__main__":
    main()
