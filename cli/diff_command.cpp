// `kairos diff OLD NEW`: two versions of a project dry-run on the same
// history, and what differs: per flow, the counts that changed, then the
// actions only one of them takes. Actions are matched by contact, flow, time
// and what they do (not by step position, which moves when a file is edited).
#include <algorithm>
#include <map>

#include "cli/commands.h"
#include "cli/dry_run.h"

namespace kairos::cli {
namespace {

std::string Counts(const runtime::FlowSummary* flow) {
  if (flow == nullptr) return "absent";
  std::string text = "entered " + std::to_string(flow->entered) + ", sent " + std::to_string(flow->sent);
  for (const auto& [channel, count] : flow->sent_by_channel) text += " " + channel + ":" + std::to_string(count);
  text += ", coupons " + std::to_string(flow->coupons) + ", goals " + std::to_string(flow->goals);
  for (const auto& [reason, count] : flow->skips) text += ", " + reason + " " + std::to_string(count);
  return text;
}

}  // namespace

int RunDiff(const DiffCommand& command, std::ostream& out, std::ostream& err) {
  std::vector<std::string> actions[2];
  std::vector<runtime::FlowSummary> summaries[2];
  const std::string* paths[2] = {&command.old_path, &command.new_path};
  for (int side = 0; side < 2; ++side) {
    DryRunOptions options = command.run;
    options.paths = {*paths[side]};
    DryRun run;
    const int status = RunDryRun(
        options,
        [&](const runtime::Action& action) {
          actions[side].push_back(runtime::ActionText(action));
        },
        nullptr, err, run);
    if (status != kExitOk && status != kExitBadEvents) return status;
    summaries[side] = run.engine->Summary();
    std::sort(actions[side].begin(), actions[side].end());
  }

  std::map<std::string, const runtime::FlowSummary*> flows[2];
  for (int side = 0; side < 2; ++side) {
    for (const runtime::FlowSummary& flow : summaries[side]) flows[side][flow.name] = &flow;
  }
  std::map<std::string, bool> names;
  for (int side = 0; side < 2; ++side) {
    for (const auto& [name, flow] : flows[side]) names[name] = flow->campaign;
  }
  size_t changed = 0;
  for (const auto& [name, campaign] : names) {
    const std::string before = Counts(flows[0].count(name) ? flows[0][name] : nullptr);
    const std::string after = Counts(flows[1].count(name) ? flows[1][name] : nullptr);
    if (before == after) continue;
    ++changed;
    out << (campaign ? "campaign " : "journey ") << name << "\n  old: " << before << "\n  new: " << after << "\n";
  }

  std::vector<std::string> only[2];
  std::set_difference(actions[0].begin(), actions[0].end(), actions[1].begin(), actions[1].end(),
                      std::back_inserter(only[0]));
  std::set_difference(actions[1].begin(), actions[1].end(), actions[0].begin(), actions[0].end(),
                      std::back_inserter(only[1]));
  if (changed == 0 && only[0].empty() && only[1].empty()) {
    out << "no difference: both versions take the same " << actions[0].size() << " actions\n";
    return kExitOk;
  }
  out << "\n" << only[0].size() << " action(s) only in " << command.old_path << ", " << only[1].size()
      << " only in " << command.new_path << "\n";
  const char signs[2] = {'-', '+'};
  for (int side = 0; side < 2; ++side) {
    const size_t shown = command.limit == 0 ? only[side].size() : std::min(only[side].size(), command.limit);
    for (size_t i = 0; i < shown; ++i) out << signs[side] << " " << only[side][i] << "\n";
    if (shown < only[side].size()) out << signs[side] << " ... and " << only[side].size() - shown << " more\n";
  }
  return kExitOk;
}

}  // namespace kairos::cli
