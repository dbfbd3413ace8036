// The engine's state and the phases of handling an event, shared by the
// engine's source files (not part of the public API).
//
// A flow is a journey or a campaign; a run is one contact's pass through a
// flow's step graph. Runs wait on the timer wheel; a timer's payload says what
// it is for (kind in the top byte).
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/calendar/calendar.h"
#include "runtime/engine/catalog_builtins.h"
#include "runtime/engine/engine.h"
#include "runtime/events/load_events.h"
#include "runtime/timers/timer_wheel.h"
#include "stdlib/channels/channel.h"
#include "stdlib/coupons/coupon_book.h"

namespace kairos::runtime {

enum class TimerKind : uint8_t { Run = 1, Recheck, Daily, Every, Campaign, CampaignContact };

inline uint64_t TimerPayload(TimerKind kind, uint64_t index) {
  return (static_cast<uint64_t>(kind) << 56) | index;
}

struct FlowCounters {
  uint64_t entered = 0;
  std::vector<uint64_t> sent_by_channel;  // by `channel` enum value
  uint64_t coupons = 0;
  uint64_t goals = 0;
  uint64_t exits = 0;
  uint64_t notifies = 0;
  std::map<std::string, uint64_t> skips;
};

struct Flow {
  std::string name;
  // The flow in idempotency keys: a campaign's is "campaign:NAME", since a
  // journey may have the same name.
  std::string key_name;
  const ir::Journey* journey = nullptr;    // a journey's, else null
  const ir::Campaign* campaign = nullptr;  // a campaign's, else null
  const ir::StepGraph* graph = nullptr;
  std::vector<std::string> labels;  // per step: "line:col", "" when the step has no place
  std::vector<std::string> lines;   // per step: its first source line, trimmed (explain)
  std::string exit_text;            // the `exit when` as written
  FlowCounters counters;
};

// One contact's pass through a flow.
struct Run {
  uint32_t flow = 0;
  uint32_t contact = 0;
  uint32_t entry = 0;  // 1 for the contact's first entry into the flow
  int64_t entered_at = 0;
  std::vector<Value> slots;
  std::vector<bool> exhausted;  // per slot: a coupon that could not be issued
  ir::StepId step = 0;
  TimerHandle timer;
  bool has_timer = false;
  bool active = false;
  bool goal_open = false;     // the goal may still be reached
  bool waiting_event = false; // at a `wait until E`
  int64_t wait_began = 0;
  bool deferred = false;      // the current send already waited out quiet hours
  std::vector<uint32_t> sent; // string ids of the messages this run sent
};

struct FlowEntries {
  uint32_t flow = 0;
  uint32_t count = 0;
  int64_t last = 0;
};

struct ContactState {
  std::string id;
  ContactHistory* history = nullptr;  // null once merged into another contact
  std::vector<uint32_t> runs;         // active runs and runs whose goal is open
  std::vector<FlowEntries> entries;
  std::vector<uint8_t> member;        // per tracked segment
  std::vector<TimerHandle> recheck;   // per tracked segment
  int64_t score = 0;
  const date::time_zone* zone = nullptr;
};

// A segment whose membership is kept current because a flow starts on
// entering or leaving it.
struct TrackedSegment {
  ir::Call call;           // the membership test
  int segment = -1;        // the named segment without arguments, for entered_/left_segment events
  std::vector<uint32_t> on_enter, on_leave;  // flows
  std::vector<bool> events;       // by Program::events: the segment reads them
  bool reads_contact = false;     // reads contact fields
  std::vector<int64_t> durations; // every duration written in it: windows slide by these
  std::vector<uint32_t> timestamp_fields;  // contact fields it reads that are instants
};

// An event to act on: from the input, or made by the engine (message_sent,
// coupon_issued, entered_segment, `emit`).
struct Happening {
  uint32_t contact = 0;
  uint32_t event = 0;
  int64_t at = 0;
  Value record;  // the event's columns
  bool late = false;
};

// What one step did: go on, wait (a timer or an event will resume the run),
// or the run ended.
enum class StepOutcome : uint8_t { Next, Paused, Ended };

struct Engine::Impl {
  Impl(const ir::Program& program, EngineOptions options);

  // --- input and time (engine.cpp)
  bool Ingest(std::string_view line, std::string& reason);
  void AdvanceTo(int64_t instant);
  void EnsureStarted(int64_t instant);
  void Start(int64_t instant);
  void Fire(uint64_t payload, int64_t at);
  void Drain();
  void Dispatch(const Happening& happening);
  uint32_t ContactIndex(const std::string& id);
  void Record(uint32_t contact, uint32_t event, std::vector<Value> cells);
  void ContactChanged(uint32_t contact);
  void RegisterZone(const date::time_zone* zone);
  void SweepContacts(uint32_t flow, const date::time_zone* zone);
  bool CampaignIsLocal(uint32_t flow) const;
  int64_t CampaignTime(uint32_t flow, const date::time_zone* zone);

  // --- flows and runs (runs.cpp)
  void SetUpFlows();
  bool TryStart(uint32_t flow, uint32_t contact, const Value* trigger, std::string_view cause);
  void Execute(uint32_t run);
  void Resume(uint32_t run);
  void End(uint32_t run, std::string reason);
  void Release(uint32_t run);
  void WatchRuns(const Happening& happening);
  StepOutcome Perform(uint32_t run_id, const ir::ActionStep& step);
  bool ReadsExhausted(const Run& run, const ir::Action& action) const;
  bool Holds(uint32_t contact, const std::vector<Value>& slots, const ir::Call& call);
  Value Eval(uint32_t contact, const std::vector<Value>& slots, const ir::Call& call);
  int64_t QuantityOf(uint32_t contact, const std::vector<Value>& slots, const ir::Quantity& quantity);
  void SetTimer(uint32_t run_id, int64_t at);
  // The action being made for `run` (at its current step unless `at_step` is
  // false); fill its fields, then Publish it.
  Action& Begin(const Run& run, ActionKind kind, std::string_view key_suffix, bool at_step = true);
  void Publish();
  // A `skip` action; a skipped send names its channel.
  void Skip(const Run& run, std::string_view reason, std::string_view channel = "");
  std::string Describe(const Run& run, const ir::Call& call);
  void Story(uint32_t contact, uint32_t flow, ir::StepId step, std::string text);
  bool Tracing(uint32_t contact) const { return trace_contact_ == contact; }

  // --- sends and policy (sends.cpp)
  StepOutcome Send(uint32_t run_id, const ir::SendAction& send);
  uint64_t CountSent(const ContactState& contact, uint32_t channel, int64_t since) const;
  std::string RenderText(const Run& run, const std::vector<ir::TextPart>& parts);
  std::string RenderData(const Run& run, const std::vector<ir::NamedCall>& data);
  void SetUpPolicy();

  // --- segments (segments.cpp)
  void SetUpSegments();
  void Reevaluate(uint32_t contact, uint32_t tracked, bool silent);
  void ReevaluateFor(uint32_t contact, uint32_t event);
  void Recheck(uint32_t contact, uint32_t tracked);
  void InitMembership();

  const ir::Program& program;
  EngineOptions options;
  HistoryStore store;
  PredicateEngine tiers;
  EventDecoder decoder;
  CatalogBuiltins catalog;
  Zones zones;
  std::unique_ptr<stdlib::CouponBook> coupons;
  stdlib::Outbox outbox;
  std::optional<TimerWheel> wheel;
  int64_t now = 0;
  bool started = false;  // the clock runs (false while only history before `from` comes in)

  std::vector<Flow> flows;
  std::vector<Run> runs;
  std::vector<uint32_t> free_runs;
  std::vector<ContactState> contacts;
  std::unordered_map<std::string, uint32_t> contact_ids;
  std::vector<TrackedSegment> tracked;
  std::vector<std::vector<uint32_t>> tracked_by_event;  // event -> tracked segments reading it
  std::vector<uint32_t> tracked_by_contact;             // tracked segments reading contact fields
  std::vector<std::vector<uint32_t>> flows_by_event;    // event -> flows it triggers
  std::vector<const date::time_zone*> daily_zones;      // zones with daily timers
  std::deque<Happening> queue;
  ContactHistory blank;  // evaluates constants (campaign times, daily clock times)

  std::function<void(const Action&)> on_action;
  std::function<void(const Trace&)> on_trace;
  std::vector<std::string> errors;    // setting up
  std::vector<std::string> problems;  // while running
  uint64_t ingested = 0;
  uint64_t duplicates = 0;
  uint32_t trace_contact_ = UINT32_MAX;
  std::vector<Value> args;  // scratch: a call's arguments
  std::vector<Value> scratch_slots;  // scratch: the slots of a run about to start

  // Schema places the engine reads and writes (-1 when the schema has none).
  struct Places {
    int consent = -1;                  // contact field: a record of bools by channel
    std::vector<int> consent_member;   // by channel: member of `consent`, or -1
    int email = -1, phone = -1, tags = -1;
    int message_sent = -1, coupon_issued = -1, entered_segment = -1, left_segment = -1, unsubscribed = -1;
    int unsubscribed_channel = -1;  // its column
  } places;
  Action action;  // scratch: the action being made
};

}  // namespace kairos::runtime
