#!/usr/bin/env bash
# P3: events per second per core and per-event latency through the example
# shop (bench/runtime_bench.cpp) on each tier, with decoding alone beside it,
# over generated shop traffic (scripts/generate-shop-events.mjs) of two sizes.
# Pinned to one CPU with taskset when it is there.
#
#   bench/run_runtime.sh [BUILD_DIR]
#
# Environment:
#   KAIROS_BENCH_SHOP_CONTACTS  contacts of the generated histories, comma-separated (default 2000,20000)
#   KAIROS_BENCH_REPETITIONS    runs per tier; the table gives medians (default 3)
#   KAIROS_BENCH_PROFILE        a tier ("interp", "jit" or "auto"): also record where that tier's
#                               time goes over the largest history (perf, DWARF call graphs)
#   KAIROS_BENCH_OUT            where events and results go (default BUILD_DIR/bench/runtime-results)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${1:-$repo/build/release}")
contacts=${KAIROS_BENCH_SHOP_CONTACTS:-2000,20000}
repetitions=${KAIROS_BENCH_REPETITIONS:-3}
profile=${KAIROS_BENCH_PROFILE:-}
out=${KAIROS_BENCH_OUT:-$build/bench/runtime-results}
from=2026-10-16T00:00:00Z  # the generator's window; earlier lines are the contacts' history
bench=$build/bench/kairos_bench_runtime

mkdir -p "$out"
pin=()
if command -v taskset >/dev/null; then pin=(taskset -c 0); fi

files=()
for n in ${contacts//,/ }; do
  file=$out/shop-$n.jsonl
  # The generator's output is a function of its arguments, so a file made before is reused.
  if [[ ! -s $file ]]; then
    echo "== generating $n contacts' events" >&2
    node "$repo/scripts/generate-shop-events.mjs" --contacts "$n" --seed 1 >"$file.tmp"
    mv "$file.tmp" "$file"
  fi
  files+=("$file")
done

load() { uptime | sed 's/.*load average: //'; }
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
  echo "command: bench/run_runtime.sh $*"
  echo "run: ${pin[*]} $bench --from $from --repetitions $repetitions ${files[*]}"
  echo "load before: $(load)"
} >"$out/meta.txt"

"${pin[@]}" "$bench" --from "$from" --repetitions "$repetitions" "${files[@]}" | tee "$out/runtime.md"
echo "load after: $(load)" >>"$out/meta.txt"

if [[ -n $profile ]]; then
  largest=${files[${#files[@]}-1]}
  fifo=$out/perf.fifo
  rm -f "$fifo"
  mkfifo "$fifo"
  echo "== perf record, $profile, $largest (the window's Ingest loop only)" >&2
  "${pin[@]}" perf record -g --call-graph dwarf,16384 -F 999 -D -1 --control "fifo:$fifo" -o "$out/perf-$profile.data" -- \
    "$bench" --from "$from" --repetitions 1 --tiers "$profile" --perf_fifo "$fifo" "$largest" >/dev/null
  rm -f "$fifo"
  # One line per function: share of samples (with its callees, then alone) and the name.
  report() { perf report -i "$out/perf-$profile.data" --sort symbol --stdio -g none "$@" 2>/dev/null | sed '/^#/d; /^$/d; s/  */ /g; s/ - - *$//'; }
  report --no-children --percent-limit 1 >"$out/perf-$profile.self.txt"
  report --children --percent-limit 2 >"$out/perf-$profile.children.txt"
  echo "profile: $out/perf-$profile.self.txt (self time), $out/perf-$profile.children.txt (with callees)" >&2
fi
