// The `kairos` command line, callable in-process (main() and the golden tests
// both go through RunKairos).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace kairos::cli {

// `args` excludes the program name.
int RunKairos(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace kairos::cli
