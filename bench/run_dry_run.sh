#!/usr/bin/env bash
# P8: a whole-process dry run of the real online-retail invoices through the
# example shop: `kairos simulate examples/shop --events retail-shop-events.jsonl`,
# its wall time and peak memory (`/usr/bin/time -v`), per tier. The events are
# imported from the CSV first (examples/shop/online_retail.mapping), untimed.
#
#   bench/run_dry_run.sh [BUILD_DIR]
#
# Environment:
#   KAIROS_BENCH_RETAIL_CSV    the invoice export (default /work/shared/data/online-retail/OnlineRetail.csv)
#   KAIROS_BENCH_PROJECT       the project to run (default examples/shop; examples/online-retail
#                              uses that example's own mapping)
#   KAIROS_BENCH_REPETITIONS   runs per tier; medians are reported (default 5)
#   KAIROS_BENCH_OUT           where events and results go (default BUILD_DIR/bench/dry-run-results)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${1:-$repo/build/release}")
csv=${KAIROS_BENCH_RETAIL_CSV:-/work/shared/data/online-retail/OnlineRetail.csv}
project=$(realpath "${KAIROS_BENCH_PROJECT:-$repo/examples/shop}")
repetitions=${KAIROS_BENCH_REPETITIONS:-5}
out=${KAIROS_BENCH_OUT:-$build/bench/dry-run-results}
kairos=$build/cli/kairos

mapping=$project/online_retail.mapping
if [[ ! -f $mapping ]]; then
  echo "error: $mapping does not exist: the project has no mapping of the online-retail export" >&2
  exit 2
fi
mkdir -p "$out"
events=$out/retail-$(basename "$project")-events.jsonl
echo "== importing $csv with $mapping" >&2
"$kairos" import csv "$csv" --mapping "$mapping" -o "$events"

load() { uptime | sed 's/.*load average: //'; }
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
  echo "command: bench/run_dry_run.sh $*"
  echo "project: $project; events: $(wc -l <"$events") lines, $(wc -c <"$events") bytes"
  echo "load before: $(load)"
} >"$out/meta.txt"

# One run: "wall_s user_s sys_s max_rss_kb".
measure() {
  local report=$out/time.txt
  /usr/bin/time -v -o "$report" "$kairos" simulate "$project" --events "$events" --engine "$1" >/dev/null 2>"$out/stderr.txt" ||
    { echo "error: kairos simulate failed (--engine $1); see $out/stderr.txt" >&2; exit 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); wall = 0; for (i = 1; i <= n; i++) wall = wall * 60 + p[i] }
    /User time/ { user = $2 } /System time/ { sys = $2 } /Maximum resident/ { rss = $2 }
    END { printf "%.3f %s %s %s\n", wall, user, sys, rss }' "$report"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

{
  echo "| tier | wall s | user + sys s | max RSS MiB | goal ≤ 0.5 s |"
  echo "|---|---|---|---|---|"
  for tier in interp jit auto; do
    runs=$(for _ in $(seq "$repetitions"); do measure "$tier"; done)
    wall=$(awk '{ print $1 }' <<<"$runs" | median)
    cpu=$(awk '{ print $2 + $3 }' <<<"$runs" | median)
    rss=$(awk '{ print $4 }' <<<"$runs" | median)
    verdict=$(awk -v w="$wall" 'BEGIN { print (w <= 0.5 ? "met" : "not met") }')
    printf "| %s | %s | %s | %.1f | %s |\n" "$tier" "$wall" "$cpu" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$verdict"
  done
} | tee "$out/dry-run.md"
echo "load after: $(load)" >>"$out/meta.txt"
