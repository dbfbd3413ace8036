#!/usr/bin/env bash
# The engine benchmarks with their peers, in one run: P1 (interpreter, native
# code, CEL), P2 (engine, PostgreSQL, DuckDB over the same rows), P6 and P7;
# then one table of everything (bench/peers/report.mjs).
#
#   bench/run_engine.sh [BUILD_DIR]
#
# Environment:
#   KAIROS_BENCH_CONTACTS     P2's populations, comma-separated (default 1000000,10000000)
#   KAIROS_BENCH_P1_CONTACTS  P1's population (default 10000)
#   KAIROS_BENCH_P7_MAX_N     P7's largest N (default 100000000)
#   KAIROS_BENCH_OUT          where results and rows go (default BUILD_DIR/bench/engine-results)
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath "${1:-$repo/build/release}")
contacts=${KAIROS_BENCH_CONTACTS:-1000000,10000000}
p1_contacts=${KAIROS_BENCH_P1_CONTACTS:-10000}
p7_max_n=${KAIROS_BENCH_P7_MAX_N:-100000000}
out=${KAIROS_BENCH_OUT:-$build/bench/engine-results}
rows=$out/rows

mkdir -p "$out"
rm -f "$out"/*.json
# `npm install`, not `npm ci`: npm records only this platform's DuckDB binding in
# the lock file, and `npm ci` then refuses it; package.json pins exact versions.
(cd "$repo/bench/peers" && npm install --no-audit --no-fund --loglevel=error)

load() { uptime | sed 's/.*load average: //'; }
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2}') GiB"
  echo "command: bench/run_engine.sh $*"
  echo "contacts: $contacts; P1 contacts: $p1_contacts; P7 up to $p7_max_n"
  echo "load before: $(load)"
} >"$out/meta.txt"

echo "== engine (P1, P2, P6, P7)" >&2
"$build/bench/kairos_bench_engine" --p1_contacts="$p1_contacts" --p2_contacts="$contacts" --p7_max_n="$p7_max_n" \
  --benchmark_repetitions=3 --benchmark_report_aggregates_only=true \
  --benchmark_out="$out/engine.json" --benchmark_out_format=json
echo "load after the engine: $(load)" >>"$out/meta.txt"

echo "== CEL (P1)" >&2
"$build/bench/kairos_bench_rows" "$rows/p1" "$p1_contacts"
node "$repo/bench/peers/cel_p1.mjs" "$rows/p1" >"$out/cel.json"
rm -rf "$rows/p1"

for n in ${contacts//,/ }; do
  echo "== rows for $n contacts" >&2
  "$build/bench/kairos_bench_rows" "$rows/$n" "$n"
  echo "== PostgreSQL (P2, $n contacts)" >&2
  "$repo/bench/peers/postgres_p2.sh" "$rows/$n" >"$out/postgres-$n.json"
  echo "== DuckDB (P2, $n contacts)" >&2
  node "$repo/bench/peers/duckdb_p2.mjs" "$rows/$n" >"$out/duckdb-$n.json"
  rm -rf "${rows:?}/$n"
done
echo "load after the peers: $(load)" >>"$out/meta.txt"

node "$repo/bench/peers/report.mjs" "$out" | tee "$out/report.md"
