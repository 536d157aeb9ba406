#!/usr/bin/env bash
# Builds the static, stripped release `bach` and packs it into carry/gpu/ (git-ignored), which the
# `device` tool's `carry` option takes to the GPU machine (it has no Swift). Then, there:
#   bash scripts/gpu/run.sh checks      # CUDA validations, paging, memory back to baseline
#   bash scripts/gpu/run.sh bench 26    # every mode at 2^26, and the peers (NumPy, PyTorch, CuPy)
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --static-swift-stdlib --product bach
mkdir -p carry/gpu
cp .build/release/bach carry/gpu/bach
strip carry/gpu/bach
ls -l carry/gpu/bach
