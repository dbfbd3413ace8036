// `kairos lsp`: the Journey language server over stdio.
#pragma once

#include <istream>
#include <ostream>

namespace kairos::lsp {

struct ServerOptions {
  // How long edits must pause before the project is re-checked and
  // diagnostics published; a request arriving first triggers the check itself.
  int debounce_ms = 5;
};

// Serves until `exit` or end of input. Returns the process exit status
// (0 after `shutdown` then `exit`, 1 when `exit` came without `shutdown`).
int RunServer(std::istream& in, std::ostream& out, const ServerOptions& options = {});

}  // namespace kairos::lsp
