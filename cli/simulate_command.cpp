// `kairos simulate`: a dry run. Every action the project would take on the
// recorded events, then a summary per journey and campaign.
#include "cli/commands.h"
#include "cli/dry_run.h"

namespace kairos::cli {

int RunSimulate(const SimulateCommand& command, std::ostream& out, std::ostream& err) {
  DryRun run;
  std::string line;
  const int status = RunDryRun(
      command.run,
      [&](const runtime::Action& action) {
        line = command.json ? runtime::ActionJson(action) : runtime::ActionText(action);
        line += '\n';
        out << line;
      },
      nullptr, err, run);
  if (run.engine == nullptr) return status;
  if (command.json) {
    PrintSummaryJson(out, run.engine->Summary());
  } else {
    out << "\n";
    PrintSummary(out, run.engine->Summary());
  }
  return status;
}

}  // namespace kairos::cli
