#!/usr/bin/env bash
# Builds the CSV reader's libFuzzer target and runs it over a copy of the seed corpus.
# Usage: tests/fuzz/run.sh [BUILD_DIR]   (FUZZ_SECONDS, default 30, bounds the run)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build_dir=${1:-/tmp}
mkdir -p "$build_dir"

# 16-byte chunks: inputs of a few KiB then cross many chunk boundaries (carried-over partial
# characters, a CRLF split in two), which 64 KiB chunks would never reach.
clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -DIMCOMPLY_CSV_CHUNK_SIZE=16 -I"$root/include" "$root/lib/csv.cpp" "$here/fuzz_csv.cpp" -lcrypto -o "$build_dir/fuzz_csv"

# Work on a copy: the fuzzer adds what it finds to its corpus, and the sources stay as they are.
corpus=$(mktemp -d "$build_dir/fuzz_csv_corpus.XXXXXX")
trap 'rm -rf "$corpus"' EXIT
cp "$here/corpus/csv/"* "$corpus/"

# libFuzzer exits non-zero on a crash, a sanitizer report or a leak, and writes the input as
# crash-*/leak-* in the build directory.
"$build_dir/fuzz_csv" -max_total_time="${FUZZ_SECONDS:-30}" -max_len=4096 \
  -artifact_prefix="$build_dir/" "$corpus"
