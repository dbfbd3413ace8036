#!/usr/bin/env bash
# Installs the Debian packages Kairos needs to build, test and run.
# Idempotent: installs only what is missing. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache git
  default-jre-headless antlr4 libantlr4-runtime-dev   # the grammar's parser generator and runtime
  libboost-dev                                        # Spirit X3 for message templates
  nlohmann-json3-dev libsimdjson-dev                  # the language server; event input
  libcli11-dev                                        # the command line
  libhowardhinnant-date-dev tzdata                    # dates and time zones
  llvm-14-dev                                         # the native tier (ORC JIT)
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  libsqlite3-dev                                      # the retail test checks segments against SQL
)
# `--bench`: also what `make bench` needs: PostgreSQL (the engine benchmark's
# SQL peer, with its LLVM JIT) and Python (its timing script).
if [ "${1:-}" = "--bench" ]; then
  packages+=(postgresql python3)
fi
# `--fuzz`: clang and its libFuzzer runtime, for `make fuzz` (the differential
# test's fuzzer, tests/differential/); never needed to build or test.
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang-14 libclang-rt-14-dev)
fi
# Node.js may come from another source than Debian; only ask Debian for it when absent.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
