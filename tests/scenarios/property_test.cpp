// The engine's guarantees (LANGUAGE.md §5) over random journeys and random
// event streams (journey_generator.h), on both tiers:
//   - no `send` to a contact on a channel without that channel's consent at
//     that instant (consent tracked here from the stream: identify sets it,
//     unsubscribed revokes it, a repeated id changes nothing);
//   - no send inside quiet hours on the contact's clock, and no more sends
//     than a cap allows in any window (when the generated policy has them);
//   - no two actions with the same idempotency key;
//   - no coupon code issued twice;
//   - the interpreter and native code give the same actions.
// The seeds are fixed; a failure names its seed and prints the project.
#include <date/tz.h>
#include <gtest/gtest.h>

#include <array>
#include <map>
#include <set>
#include <sstream>
#include <unordered_set>

#include "cli/frontend.h"
#include "compiler/ir/lower.h"
#include "runtime/calendar/calendar.h"
#include "runtime/engine/engine.h"
#include "tests/scenarios/journey_generator.h"
#include "tests/scenarios/scenario_support.h"

namespace kairos::scenarios {
namespace {

constexpr uint64_t kSeeds[] = {1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16,
                               17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

std::string Unquoted(const std::string* json) {
  if (json == nullptr || json->size() < 2) return "";
  return json->substr(1, json->size() - 2);
}

bool InQuietHours(const GeneratedPolicy& policy, int64_t time_of_day) {
  if (policy.quiet_from <= policy.quiet_to) {
    return time_of_day >= policy.quiet_from && time_of_day < policy.quiet_to;
  }
  return time_of_day >= policy.quiet_from || time_of_day < policy.quiet_to;
}

// What the stream says about each contact, as of the event being applied.
struct ContactModel {
  std::optional<std::array<bool, 3>> consent;
  const date::time_zone* zone = nullptr;
  std::vector<std::pair<int64_t, std::string>> sends;  // at, channel
};

struct TierRun {
  std::vector<std::string> actions;  // ActionJson
  std::vector<std::string> violations;
  std::map<std::string, int> counts;  // by action kind, and skip reason, for the coverage check
};

TierRun RunOnTier(const ir::Program& program, const GeneratedCase& generated, runtime::Tier tier) {
  TierRun run;
  runtime::EngineOptions options;
  options.tiers.tier = tier;
  runtime::Engine engine(program, options);
  for (const std::string& error : engine.setup_errors()) run.violations.push_back("setup: " + error);

  const date::time_zone* schema_zone = date::locate_zone(generated.schema_zone);
  std::map<std::string, ContactModel> contacts;
  auto contact_model = [&](const std::string& id) -> ContactModel& {
    ContactModel& model = contacts[id];
    if (model.zone == nullptr) model.zone = schema_zone;
    return model;
  };
  std::unordered_set<std::string> keys, codes;

  engine.OnAction([&](const runtime::Action& action) {
    const std::string json = runtime::ActionJson(action);
    run.actions.push_back(json);
    const std::string kind(runtime::ActionKindName(action.kind));
    ++run.counts[kind];
    if (action.kind == runtime::ActionKind::Skip) ++run.counts["skip " + Unquoted(action.Field("reason"))];
    auto violation = [&](const std::string& what) { run.violations.push_back(what + ": " + json); };
    if (!keys.insert(action.key).second) violation("a second action with the same key");
    if (action.kind == runtime::ActionKind::Coupon && !codes.insert(Unquoted(action.Field("code"))).second) {
      violation("a code issued twice");
    }
    if (action.kind != runtime::ActionKind::Send) return;

    const std::string channel = Unquoted(action.Field("channel"));
    ContactModel& contact = contact_model(action.contact);
    for (size_t i = 0; i < kConsentChannels.size(); ++i) {
      if (channel == kConsentChannels[i] && !(contact.consent && (*contact.consent)[i])) {
        violation("a send without consent");
      }
    }
    const GeneratedPolicy& policy = generated.policy;
    if (policy.quiet_hours && channel != "webhook") {
      const int64_t local = runtime::LocalSeconds(contact.zone, action.at);
      if (InQuietHours(policy, ((local % 86400) + 86400) % 86400)) violation("a send in quiet hours");
    }
    contact.sends.emplace_back(action.at, channel);
    for (const GeneratedPolicy::Cap& cap : policy.caps) {
      int in_window = 0;
      for (const auto& [at, sent] : contact.sends) {
        if (at > action.at - cap.period && at <= action.at && (cap.channel == "all" || cap.channel == sent)) {
          ++in_window;
        }
      }
      if (in_window > cap.count) violation("more sends than `cap " + cap.channel + "` allows");
    }
  });

  std::unordered_set<std::string> ids;
  for (const GeneratedEvent& event : generated.events) {
    // Timers due by the event's time fire first, under the consent as it was.
    engine.AdvanceTo(event.at);
    if (event.id.empty() || ids.insert(event.id).second) {
      ContactModel& contact = contact_model(event.contact);
      if (event.consent) contact.consent = event.consent;
      if (event.timezone) contact.zone = date::locate_zone(*event.timezone);
      for (size_t i = 0; i < kConsentChannels.size(); ++i) {
        if (event.unsubscribed == kConsentChannels[i] && contact.consent) (*contact.consent)[i] = false;
      }
    }
    std::string reason;
    if (!engine.Ingest(event.line, reason)) run.violations.push_back("rejected " + event.line + ": " + reason);
  }
  engine.AdvanceTo(generated.end);
  for (const std::string& problem : engine.problems()) run.violations.push_back("problem: " + problem);
  return run;
}

std::string Joined(const std::vector<std::string>& lines, size_t limit) {
  std::string out;
  for (size_t i = 0; i < lines.size() && i < limit; ++i) out += "  " + lines[i] + "\n";
  if (lines.size() > limit) out += "  ... and " + std::to_string(lines.size() - limit) + " more\n";
  return out;
}

TEST(PropertyTest, RandomJourneysKeepTheEngineGuarantees) {
  std::map<std::string, int> totals;
  for (const uint64_t seed : kSeeds) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const GeneratedCase generated = GenerateCase(seed);
    ScratchDir scratch("property-" + std::to_string(seed));
    WriteFile(scratch.path() / "project.journey", generated.project);
    const std::unique_ptr<cli::FrontendResult> frontend = cli::RunFrontend({scratch.path().string()}, true);
    const ir::Program program = LowerPredicates(frontend->project, *frontend->model, frontend->sink);
    if (frontend->sink.has_errors()) {
      std::ostringstream diagnostics;
      cli::PrintDiagnostics(diagnostics, frontend->sink, cli::DiagnosticsFormat::Text);
      ADD_FAILURE() << "the generated project does not check:\n" << diagnostics.str() << generated.project;
      continue;
    }
    const TierRun interp = RunOnTier(program, generated, runtime::Tier::Interp);
    const TierRun jit = RunOnTier(program, generated, runtime::Tier::Jit);
    EXPECT_TRUE(interp.violations.empty()) << "interp:\n" << Joined(interp.violations, 10) << generated.project;
    EXPECT_TRUE(jit.violations.empty()) << "jit:\n" << Joined(jit.violations, 10) << generated.project;
    size_t same = 0;
    while (same < interp.actions.size() && same < jit.actions.size() && interp.actions[same] == jit.actions[same]) {
      ++same;
    }
    EXPECT_TRUE(same == interp.actions.size() && same == jit.actions.size())
        << "the tiers differ from action " << same << ":\n  interp: "
        << (same < interp.actions.size() ? interp.actions[same] : "(none)")
        << "\n  jit:    " << (same < jit.actions.size() ? jit.actions[same] : "(none)") << "\n"
        << generated.project;
    for (const auto& [what, count] : interp.counts) totals[what] += count;
  }
  // The generator must keep reaching what the checks are about; otherwise the
  // guarantees above would hold vacuously.
  for (const char* what : {"send", "coupon", "skip no_consent", "skip coupon_exhausted", "skip frequency_cap",
                           "skip quiet_hours_deferred", "goal", "emit"}) {
    EXPECT_GT(totals[what], 0) << "no seed produced a `" << what << "` action";
  }
}

}  // namespace
}  // namespace kairos::scenarios
