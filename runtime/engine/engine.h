// The engine: events in, segments kept current, journeys and campaigns run
// as timer graphs, actions out. One Engine serves a dry run (`kairos
// simulate`, driven by a virtual clock through AdvanceTo) and an embedding
// program alike; it is single-threaded: call it from one thread.
//
//   Engine engine(program, {});
//   engine.OnAction([](const Action& a) { ... });
//   engine.Ingest(R"({"type":"signed_up","contact":"c-1","at":"2026-03-01T10:00:00Z"})", reason);
//   engine.AdvanceTo(later);  // waits that are due fire, in order
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/engine/action.h"
#include "runtime/history/history.h"
#include "runtime/tiers/predicate_engine.h"

namespace kairos::stdlib {
class Channel;
}

namespace kairos::runtime {

struct EngineOptions {
  TierOptions tiers;
  // An event this much older than the engine's clock is put in the history
  // but starts, ends and wakes nothing (LANGUAGE.md §5, late events).
  int64_t lateness = 24 * 3600;
  uint64_t seed = 0;  // coupon codes are a function of it
  // Events before this instant only build the history: nothing runs, and
  // segment membership starts from what holds at it. Unset: from the first event.
  std::optional<int64_t> from;
  // `explain`: the contact whose every decision is reported to OnTrace.
  std::string trace_contact;
};

// A step of one contact's story, for `kairos explain`.
struct Trace {
  int64_t at = 0;
  std::string contact;
  std::string flow;  // the journey or campaign
  std::string step;  // "line:col" in the flow's file, or ""
  std::string text;  // what happened and the values that decided it
};

// What one journey or campaign did in a run (the `simulate` summary).
struct FlowSummary {
  std::string name;
  bool campaign = false;
  uint64_t entered = 0;
  uint64_t sent = 0;
  std::vector<std::pair<std::string, uint64_t>> sent_by_channel;  // in channel order, non-zero only
  uint64_t coupons = 0;
  uint64_t goals = 0;
  uint64_t exits = 0;
  uint64_t notifies = 0;
  std::vector<std::pair<std::string, uint64_t>> skips;  // by reason, sorted by reason
};

class Engine {
 public:
  // `program` must outlive the engine.
  Engine(const ir::Program& program, EngineOptions options);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // What could not be set up (a coupon codes file, native code): the engine
  // runs without it, and these say so.
  std::vector<std::string> setup_errors() const;
  // What went wrong while running (journeys that emit events in a loop).
  const std::vector<std::string>& problems() const;

  // A product catalogue as CSV (header naming the schema's product fields);
  // returns "PATH:LINE: reason" for each row it skipped.
  std::vector<std::string> LoadCatalog(std::string_view csv, std::string_view path);

  // One JSON Lines event (INTERFACES.md). First moves the clock to the
  // event's time (timers due before it fire), then applies it. False with
  // the reason when the line is rejected; nothing changes then.
  bool Ingest(std::string_view line, std::string& reason);

  // Moves the clock to `instant`; every timer due by then fires, in order.
  void AdvanceTo(int64_t instant);
  int64_t now() const;

  // Every action, as it happens (INTERFACES.md "Actions out").
  void OnAction(std::function<void(const Action&)> callback);
  // The story of options.trace_contact.
  void OnTrace(std::function<void(const Trace&)> callback);
  // Messages of `channel` ("email", "sms", ...) are delivered by `to` (not
  // owned); by default they go to a dry-run channel that delivers nothing.
  void SetChannel(std::string_view channel, stdlib::Channel* to);

  // Per journey, then per campaign, in project order.
  std::vector<FlowSummary> Summary() const;
  uint64_t events_ingested() const;
  uint64_t duplicates() const;

  const HistoryStore& store() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kairos::runtime
