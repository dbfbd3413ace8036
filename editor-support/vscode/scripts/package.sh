#!/bin/sh
# Builds kairos-journey-<version>.vsix in editor-support/vscode with the vsce
# pinned in package.json. vsce compiles the extension first (vscode:prepublish)
# and packs only what .vscodeignore lets through, plus the runtime dependencies.
set -eu
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/vsce ]; then
  echo "package.sh: node_modules is missing; run 'npm ci' first" >&2
  exit 1
fi

version=$(node -p "require('./package.json').version")
out="kairos-journey-$version.vsix"

# The extension is published with no repository and no license file of its own.
node_modules/.bin/vsce package --allow-missing-repository --skip-license --out "$out"
echo "package.sh: built $PWD/$out"
