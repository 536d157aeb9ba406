#!/usr/bin/env bash
# Runs on the GPU machine, from the repository root, with the binary carried in carry/gpu/bach.
#
#   run.sh checks       bach doctor; gpu and bach on CUDA validate at 2^20 with varied inputs, also
#                       paging through 64 MiB and 4 MiB budgets; device memory returns to its
#                       baseline after every run (nvidia-smi before and after); the fuzzer on CUDA.
#   run.sh bench LOG2 [BENCHMARK]
#                       blackscholes_torch and haversine_torch (or only BENCHMARK, e.g. crime_index,
#                       whose files are written into .build-data on first use) at 2^LOG2 in cpu,
#                       gpu, bach, and bach with --gpu-memory at 1/8 of the working set (3 trials each)
#   run.sh peers LOG2   the seed's NumPy, PyTorch and CuPy versions, numexpr and cupy.fuse, at
#                       2^LOG2 (3 trials each)
#   run.sh learn        tsvd, pca and dbscan at the seed's sizes (2^14, 10 doublings, 2^13) and the
#                       issue's larger ones (tsvd 2^17, dbscan 2^15) in every mode, with the
#                       scikit-learn and PyTorch peers (3 trials each)
#   run.sh all          doctor, the checks, every elementwise benchmark at 2^26 in every mode, the
#                       peers at 2^26, the learn benchmarks and their peers, and one summary table
#                       (scripts/gpu/summary.py): the whole acceptance run in one call of the device
#                       tool. It has never run on a GPU: its length there is an estimate from the
#                       CPU timings (about 6 minutes for the elementwise part, the learn part not
#                       estimated); if the call runs out of time, run `checks`, `bench 26`, `peers
#                       26` and `learn` in calls of their own
#
# Each call must finish within the device tool's 10 minutes: at 2^28, run one benchmark per call and
# the peers in a call of their own.
#
# Every bench prints its own lines; the JSON lines gather in $OUT (default: out/) as results.jsonl.
set -uo pipefail
cd "$(dirname "$0")/../.."
BIN=${BIN:-carry/gpu/bach}
OUT=${OUT:-out}
mkdir -p "$OUT"
failures=0

bench() {
    echo "== bach bench $*"
    if "$BIN" bench "$@" --json > "$OUT/last.txt" 2>&1; then
        tail -1 "$OUT/last.txt" >> "$OUT/results.jsonl"
        grep -E "^(Device|Median|Validation)" "$OUT/last.txt"
    else
        failures=$((failures + 1))
        cat "$OUT/last.txt"
        echo "FAILED: bach bench $*" | tee -a "$OUT/failures.txt"
    fi
}

checks() {
    baseline=$(used_memory)
    for benchmark in blackscholes_torch haversine_torch blackscholes_cupy haversine_cupy crime_index; do
        bench -b "$benchmark" -m gpu -s 20 --device cuda --random-data
        bench -b "$benchmark" -m bach -s 20 --device cuda --random-data
        bench -b "$benchmark" -m bach -s 20 --device cuda --random-data --gpu-memory 4MiB
    done
    for benchmark in tsvd pca dbscan; do
        bench -b "$benchmark" -m gpu --device cuda
        bench -b "$benchmark" -m bach --device cuda
    done
    bench -b pca -m bach --device cuda --gpu-memory 1MiB
    after=$(used_memory)
    echo "device memory used (MiB): before $baseline, after $after" | tee -a "$OUT/memory.txt"
    "$BIN" fuzz --programs 300 --seed 7 --device cuda | tail -3 | tee "$OUT/fuzz.txt"
}

benchmarks() {
    log2=$1
    size=$((1 << log2))
    for benchmark in $2; do
        arrays=7
        case "$benchmark" in haversine*) arrays=3 ;; crime_index) arrays=4 ;; esac
        eighth=$((arrays * size))
        bench -b "$benchmark" -m cpu -s "$log2" --trials 3
        bench -b "$benchmark" -m gpu -s "$log2" --trials 3 --device cuda
        bench -b "$benchmark" -m bach -s "$log2" --trials 3 --device cuda
        bench -b "$benchmark" -m bach -s "$log2" --trials 3 --device cuda --no-fusion
        bench -b "$benchmark" -m bach -s "$log2" --trials 3 --device cuda --gpu-memory "$eighth"
        bench -b "$benchmark" -m bach -s "$log2" --trials 3 --force-cpu
    done
}

learn() {
    for spec in "tsvd 14" "pca 10" "dbscan 13" "tsvd 17" "dbscan 15"; do
        set -- $spec
        bench -b "$1" -m cpu -s "$2" --trials 3
        bench -b "$1" -m gpu -s "$2" --trials 3 --device cuda
        bench -b "$1" -m bach -s "$2" --trials 3 --device cuda
        bench -b "$1" -m bach -s "$2" --trials 3 --force-cpu
    done
    python3 scripts/peers.py -b tsvd -b pca -b dbscan --trials 3 --libraries sklearn,torch --json >> "$OUT/peers.jsonl"
    python3 scripts/peers.py -b tsvd -s 17 --trials 3 --libraries sklearn,torch --json >> "$OUT/peers.jsonl"
    python3 scripts/peers.py -b dbscan -s 15 --trials 3 --libraries sklearn,torch --json >> "$OUT/peers.jsonl"
}

used_memory() {
    nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits 2>/dev/null | head -1
}

case "${1:-}" in
checks)
    "$BIN" doctor | tee "$OUT/doctor.txt"
    checks
    ;;
bench)
    benchmarks "${2:-26}" "${3:-blackscholes_torch haversine_torch blackscholes_cupy haversine_cupy}"
    ;;
peers)
    python3 scripts/peers.py -s "${2:-26}" --trials 3 --json | tee -a "$OUT/peers.jsonl"
    ;;
learn)
    learn
    python3 scripts/gpu/summary.py "$OUT/results.jsonl" "$OUT/peers.jsonl" | tee "$OUT/summary.md"
    ;;
all)
    "$BIN" doctor | tee "$OUT/doctor.txt"
    checks
    benchmarks 26 "blackscholes_torch blackscholes_cupy haversine_torch haversine_cupy"
    python3 scripts/peers.py -s 26 --trials 3 --json >> "$OUT/peers.jsonl"
    learn
    python3 scripts/gpu/summary.py "$OUT/results.jsonl" "$OUT/peers.jsonl" | tee "$OUT/summary.md"
    ;;
*)
    echo "usage: $0 all | checks | bench LOG2 [BENCHMARKS] | peers LOG2 | learn" >&2
    exit 2
    ;;
esac
echo "failures: $failures"
exit $((failures > 0))
