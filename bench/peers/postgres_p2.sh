#!/usr/bin/env bash
# P2's PostgreSQL peer: starts a throwaway cluster in a temporary folder (its
# own socket and a free port, no TCP), COPYs kairos_bench_rows' CSV, and times
# winback.sql with the JIT forced on (every cost threshold 0), with no
# parallel workers and with one per core. Prints JSON (wall clock, and the
# backend's CPU time); stops and removes the cluster on exit.
#
#   bench/peers/postgres_p2.sh ROWS_DIR [runs]   (default 3 timed runs)
set -euo pipefail

rows=$(realpath "$1")
runs=${2:-3}
here=$(dirname "$(realpath "$0")")

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/initdb" ]; then
  echo "postgres_p2: PostgreSQL is not installed (scripts/install-deps.sh --bench)" >&2
  exit 1
fi

# PostgreSQL refuses to run as root: run the server as `postgres` then.
as_server=()
if [ "$(id -u)" -eq 0 ]; then as_server=(runuser -u postgres --); fi

work=$(mktemp -d /tmp/kairos-pg.XXXXXX)
chmod 755 "$work"
[ "$(id -u)" -eq 0 ] && chown postgres "$work"
stop() {
  "${as_server[@]}" "$pg_bin/pg_ctl" -D "$work/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT

# A free port: the socket file is named after it, and another cluster may be
# using the number in its own folder, so ask the kernel for one nobody holds.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"${as_server[@]}" "$pg_bin/initdb" -D "$work/data" -U postgres --auth=trust --no-sync -E UTF8 >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; exit 1; }
# Memory for the whole data set, and no durability: this cluster is thrown away.
"${as_server[@]}" "$pg_bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w -o \
  "-c listen_addresses='' -k $work -p $port -c shared_buffers=4GB -c work_mem=2GB -c fsync=off \
   -c synchronous_commit=off -c full_page_writes=off -c max_wal_size=16GB -c max_parallel_workers=8 \
   -c jit=on -c jit_above_cost=0 -c jit_inline_above_cost=0 -c jit_optimize_above_cost=0" start >/dev/null \
  || { cat "$work/server.log" >&2; exit 1; }

psql=("$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$work" -p "$port" -U postgres -d postgres)

load_start=$(date +%s.%N)
"${psql[@]}" -f "$here/tables.sql"
for table in contacts orders views; do
  "${psql[@]}" -c "\\copy $table FROM '$rows/$table.csv' WITH (FORMAT csv, HEADER true)"
done
"${psql[@]}" -c "VACUUM ANALYZE"
load_end=$(date +%s.%N)

version=$("${psql[@]}" -At -c "SHOW server_version")
contacts=$("${psql[@]}" -At -c "SELECT count(*) FROM contacts")
query=$(cat "$here/winback.sql")

results=()
for workers in 0 "$(nproc)"; do
  settings="SET max_parallel_workers_per_gather = $workers; SET jit = on;"
  # The plan, once: proof that the JIT ran, and how long it took.
  jit=$("${psql[@]}" -At -c "$settings EXPLAIN (ANALYZE, FORMAT JSON) ${query%;}" |
    python3 -c 'import json,sys; p=json.load(sys.stdin)[0]; j=p.get("JIT",{}); print(json.dumps({"functions":j.get("Functions",0),"jit_ms":j.get("Timing",{}).get("Total",0)}))')
  # The EXPLAIN above warmed the buffers; `\timing` reports each run, and the
  # backend's CPU time (utime + stime, in clock ticks) is read around each, as
  # the machine may be shared (without workers the backend does all the work).
  script="$settings"$'\nSELECT pg_backend_pid() AS pid \\gset\n\\setenv BACKEND :pid\n\\timing on\n'
  cpu=$'\\! awk \'{print "cpu", $14 + $15}\' /proc/$BACKEND/stat\n'
  for ((i = 0; i < runs; i++)); do script+="$cpu$query"$'\n'; done
  script+="$cpu"
  output=$("${psql[@]}" -At <<<"$script")
  members=$(grep -v '^Time:\|^cpu ' <<<"$output" | tail -1)
  times=$(grep '^Time:' <<<"$output" | awk '{print $2}' | paste -sd, -)
  ticks=$(grep '^cpu ' <<<"$output" | awk '{print $2}' | paste -sd, -)
  results+=("$(python3 -c '
import json, os, sys
times = sorted(float(t) for t in sys.argv[2].split(","))
ticks = [int(t) for t in sys.argv[5].split(",")]
cpu = sorted((b - a) * 1000 / os.sysconf("SC_CLK_TCK") for a, b in zip(ticks, ticks[1:]))
print(json.dumps({"workers": int(sys.argv[1]), "median_ms": times[len(times) // 2], "min_ms": times[0],
                  "backend_cpu_ms": cpu[len(cpu) // 2], "members": int(sys.argv[3]),
                  "jit": json.loads(sys.argv[4])}))' "$workers" "$times" "$members" "$jit" "$ticks")")
done

python3 -c '
import json, sys
print(json.dumps({"peer": "postgresql", "version": sys.argv[1], "contacts": int(sys.argv[2]),
                  "load_s": float(sys.argv[3]), "runs": int(sys.argv[4]),
                  "results": [json.loads(r) for r in sys.argv[5:]]}, indent=2))' \
  "$version" "$contacts" "$(python3 -c "print($load_end - $load_start)")" "$runs" "${results[@]}"
