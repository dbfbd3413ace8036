// `kairos explain --contact`: one contact's story in a dry run — the events,
// the flows it entered or was kept out of and why, the waits, the branches
// with the values that decided them, and every action.
#include "cli/commands.h"
#include "cli/dry_run.h"
#include "runtime/format/text_forms.h"

namespace kairos::cli {

int RunExplain(const ExplainCommand& command, std::ostream& out, std::ostream& err) {
  DryRun run;
  DryRunOptions options = command.run;
  options.trace_contact = command.contact;
  size_t lines = 0;
  const int status = RunDryRun(
      options,
      [&](const runtime::Action& action) {
        if (action.contact != command.contact) return;
        out << runtime::FormatInstant(action.at) << "  " << action.flow() << "  → " << runtime::ActionDetails(action)
            << "\n";
        ++lines;
      },
      [&](const runtime::Trace& trace) {
        out << runtime::FormatInstant(trace.at) << "  " << (trace.flow.empty() ? "-" : trace.flow);
        if (!trace.step.empty()) out << " (" << trace.step << ")";
        out << "  " << trace.text << "\n";
        ++lines;
      },
      err, run);
  if (run.engine != nullptr && lines == 0) {
    err << "contact `" << command.contact << "` has no events in `" << command.run.events << "`\n";
  }
  return status;
}

}  // namespace kairos::cli
