#!/usr/bin/env bash
# Builds the CUDA kernels into one fatbin: PTX for compute_80 (any newer GPU JIT-compiles it) and
# SASS for sm_80 and sm_90 (A100, H100/H200 load it without compiling). No GPU is needed to build.
# Without nvcc the bundle ships no kernels; at start it says so and the CPU serves.
set -euo pipefail
source_file=$1
out=$2
nvcc=$(command -v nvcc || true)
[[ -z $nvcc && -x /usr/local/cuda/bin/nvcc ]] && nvcc=/usr/local/cuda/bin/nvcc
mkdir -p "$out"
if [[ -z $nvcc ]]; then
    echo "build-kernels: nvcc not found; this build carries no CUDA kernels (the CPU will serve)"
    rm -f "$out/condenser-kernels.fatbin" "$out/condenser-kernels.ptx"
    exit 0
fi
if [[ "$out/condenser-kernels.fatbin" -nt "$source_file" && "$out/condenser-kernels.ptx" -nt "$source_file" ]]; then
    exit 0
fi
"$nvcc" --version | tail -1
"$nvcc" -fatbin -O3 -std=c++17 \
    -gencode arch=compute_80,code=sm_80 -gencode arch=compute_90,code=sm_90 \
    -gencode arch=compute_80,code=compute_80 \
    -o "$out/condenser-kernels.fatbin" "$source_file"
# the PTX alone, for people reading what runs
"$nvcc" -ptx -O3 -std=c++17 -arch=compute_80 -o "$out/condenser-kernels.ptx" "$source_file"
echo "build-kernels: $(stat -c %s "$out/condenser-kernels.fatbin") bytes of kernels in $out"
