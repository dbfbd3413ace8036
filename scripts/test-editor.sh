#!/usr/bin/env bash
# Tests of the editor support: the VS Code extension's grammar and packaging.
set -euo pipefail
cd "$(dirname "$0")/../editor-support/vscode"
npm ci --no-audit --no-fund --loglevel=error
npm run --silent compile
npm run --silent test:grammar
npm run --silent package
