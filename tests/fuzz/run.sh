#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each over a copy of its seed corpus in corpus/NAME/:
#   csv     CsvReader (lib/csv.cpp)
#   dates   parse_date, parse_time and the formatting they must round-trip with (lib/dates.cpp)
#   config  parse_config on TOML text (lib/config.cpp)
# Usage: tests/fuzz/run.sh [BUILD_DIR]
#   FUZZ_SECONDS (default 30) bounds the CSV run, FUZZ_SECONDS_SMALL (default 10) each of the others;
#   FUZZ_TARGETS (default "csv dates config") runs only those named;
#   FUZZ_STRICT=1 also checks the known findings the dates and config targets step around
#   (see the top of each) and keeps toml++'s own assertions on.
# Exits non-zero if any target crashed; each target runs even when an earlier one failed.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build_dir=${1:-/tmp}
mkdir -p "$build_dir"
targets=${FUZZ_TARGETS:-csv dates config}
wants() { [[ " $targets " == *" $1 "* ]]; }

flags=(-std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -I"$root/include")
strict=()
if [[ ${FUZZ_STRICT:-0} == 1 ]]; then strict=(-DFUZZ_STRICT=1); fi

if wants csv; then
  # 16-byte chunks: inputs of a few KiB then cross many chunk boundaries (carried-over partial
  # characters, a CRLF split in two), which 64 KiB chunks would never reach.
  clang++ -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -DIMCOMPLY_CSV_CHUNK_SIZE=16 -I"$root/include" "$root/lib/csv.cpp" "$here/fuzz_csv.cpp" -lcrypto -o "$build_dir/fuzz_csv"
fi

if wants dates; then
  # Its findings are fixed in lib/dates.cpp, so its strict checks are always on. Its refusals come
  # from the message catalogue (lib/messages.cpp, which names the items of lib/items.cpp).
  clang++ "${flags[@]}" -DFUZZ_STRICT=1 "$root/lib/dates.cpp" "$root/lib/messages.cpp" "$root/lib/items.cpp" \
    "$here/fuzz_dates.cpp" -lfmt -o "$build_dir/fuzz_dates"
fi

if wants config; then
  config_src="$root/lib/config.cpp"
  # toml++ is built in here, header-only, so that the fuzzer sees its branches too. Two bugs of
  # toml++ 3.3.0 (Debian's) would stop every run at once, so outside FUZZ_STRICT they are let be,
  # as in the programs, which link Debian's optimised libtomlplusplus.so where both parse cleanly:
  # - it asserts on "[~a]" (parse_table_header calls parse_key on a character that starts no key;
  #   marzer/tomlplusplus#301): assertions off, as they are in that library;
  # - is_non_ascii_horizontal_whitespace reaches __builtin_unreachable() for most non-ASCII code
  #   points from U+00A1 on ("db\uFEFF;" or "d¡ = 1"; marzer/tomlplusplus#190, #295, fixed by #305):
  #   UBSan's unreachable check off.
  if ((${#strict[@]} == 0)); then strict=("-DTOML_ASSERT(expr)=static_assert(true)" -fno-sanitize=unreachable); fi
  # lib/install.cpp: where a setgid install reads its config (find_config asks it).
  clang++ "${flags[@]}" "${strict[@]}" "$config_src" "$root/lib/install.cpp" "$here/fuzz_config.cpp" -lfmt -o "$build_dir/fuzz_config"
fi

# Work on copies: the fuzzer adds what it finds to its corpus, and the sources stay as they are.
corpora=$(mktemp -d "$build_dir/fuzz_corpora.XXXXXX")
trap 'rm -rf "$corpora"' EXIT

# libFuzzer exits non-zero on a crash, a sanitizer report or a leak, and writes the input as
# crash-*/leak-* in the build directory (prefixed with the target's name, except for csv).
failed=()
run() {  # NAME SECONDS MAX_LEN ARTIFACT_PREFIX
  local name=$1
  mkdir "$corpora/$name"
  cp "$here/corpus/$name/"* "$corpora/$name/"
  echo "run.sh: fuzzing $name for $2 s" >&2
  "$build_dir/fuzz_$name" -max_total_time="$2" -max_len="$3" -artifact_prefix="$4" "$corpora/$name" ||
    failed+=("$name")
}
if wants csv; then run csv "${FUZZ_SECONDS:-30}" 4096 "$build_dir/"; fi
if wants dates; then run dates "${FUZZ_SECONDS_SMALL:-10}" 256 "$build_dir/fuzz_dates-"; fi
if wants config; then run config "${FUZZ_SECONDS_SMALL:-10}" 4096 "$build_dir/fuzz_config-"; fi

if ((${#failed[@]})); then
  echo "run.sh: crashed: ${failed[*]} (inputs in $build_dir)" >&2
  exit 1
fi
