// The `kairos` command line, callable in-process (main() and the golden tests
// both go through RunKairos).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace kairos::cli {

// Exit statuses shared by the commands (INTERFACES.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitErrors = 1;  // project errors, or `fmt --check` found changes
inline constexpr int kExitUsage = 2;   // bad flags, unreadable paths

// `args` excludes the program name.
int RunKairos(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace kairos::cli
