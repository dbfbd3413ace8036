#!/usr/bin/env bash
# Tests of the editor support: the VS Code extension (grammar, snippets,
# extension code), the language server through a real LSP client, and the
# packaging of the .vsix. KAIROS names the `kairos` executable to test.
set -euo pipefail
cd "$(dirname "$0")/../editor-support/vscode"
export KAIROS="${KAIROS:?set KAIROS to the kairos executable}"
npm ci --no-audit --no-fund --loglevel=error
npm test
npm run --silent package
