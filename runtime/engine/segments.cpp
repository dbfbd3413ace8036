// Segment membership kept current for the segments that start flows
// (`trigger entered_segment S`, `left_segment S`). A segment is re-evaluated
// for a contact only when an event it reads arrives or a contact field it
// reads changes; windows that slide past an event are caught by a timer set
// for the instant the next event leaves a window, never by polling.
#include <algorithm>

#include "runtime/engine/engine_impl.h"

namespace kairos::runtime {
namespace {

// What a function reads, through the segments it calls.
void CollectInputs(const ir::Program& program, ir::NodeId root, TrackedSegment& tracked,
                   std::vector<bool>& visited_segments) {
  std::vector<ir::NodeId> stack{root};
  while (!stack.empty()) {
    const ir::NodeId id = stack.back();
    stack.pop_back();
    if (id == ir::kNoNode) continue;
    const ir::Node& node = program.node(id);
    switch (node.op) {
      case ir::Op::History:
        tracked.events[node.history.event] = true;
        stack.push_back(node.history.where);
        stack.push_back(node.history.window_first);
        stack.push_back(node.history.window_second);
        break;
      case ir::Op::ContactField:
        tracked.reads_contact = true;
        if (node.type.NonOptional().is(TypeKind::Timestamp)) tracked.timestamp_fields.push_back(node.index);
        break;
      case ir::Op::Contact:
      case ir::Op::Anonymous:
      case ir::Op::Identified: tracked.reads_contact = true; break;
      case ir::Op::Const:
        if (node.type.is(TypeKind::Duration) && node.value > 0) tracked.durations.push_back(node.value);
        break;
      case ir::Op::Segment:
        if (!visited_segments[node.index]) {
          visited_segments[node.index] = true;
          stack.push_back(program.segments[node.index].body);
        }
        break;
      default: break;
    }
    for (ir::NodeId operand : node.operands) stack.push_back(operand);
  }
}

}  // namespace

void Engine::Impl::SetUpSegments() {
  tracked_by_event.assign(program.events.size(), {});
  for (uint32_t f = 0; f < flows.size(); ++f) {
    const ir::Journey* journey = flows[f].journey;
    if (journey == nullptr) continue;
    const ir::TriggerKind kind = journey->trigger.kind;
    if (kind != ir::TriggerKind::EnteredSegment && kind != ir::TriggerKind::LeftSegment) continue;
    const ir::Call& call = journey->trigger.membership;
    const ir::Node& body = program.node(program.functions[call.function].body);
    // A segment named without arguments is tracked once, whichever flows start on it.
    const int segment = body.op == ir::Op::Segment && body.operands.empty() ? static_cast<int>(body.index) : -1;
    uint32_t t = 0;
    while (t < tracked.size() && !(segment >= 0 && tracked[t].segment == segment)) ++t;
    if (t == tracked.size()) {
      TrackedSegment& added = tracked.emplace_back();
      added.call = call;
      added.segment = segment;
      added.events.assign(program.events.size(), false);
      std::vector<bool> visited(program.segments.size(), false);
      CollectInputs(program, program.functions[call.function].body, added, visited);
      std::sort(added.durations.begin(), added.durations.end());
      added.durations.erase(std::unique(added.durations.begin(), added.durations.end()), added.durations.end());
      for (size_t e = 0; e < program.events.size(); ++e) {
        if (added.events[e]) tracked_by_event[e].push_back(t);
      }
      if (added.reads_contact) tracked_by_contact.push_back(t);
    }
    (kind == ir::TriggerKind::EnteredSegment ? tracked[t].on_enter : tracked[t].on_leave).push_back(f);
  }
}

void Engine::Impl::ReevaluateFor(uint32_t contact, uint32_t event) {
  for (uint32_t t : tracked_by_event[event]) Reevaluate(contact, t, false);
}

void Engine::Impl::Reevaluate(uint32_t contact, uint32_t t, bool silent) {
  ContactState& state = contacts[contact];
  if (state.history == nullptr) return;
  const TrackedSegment& segment = tracked[t];
  const bool in = tiers.Test(*state.history, program.functions[segment.call.function], {}, now);
  if (in != (state.member[t] != 0)) {
    state.member[t] = in ? 1 : 0;
    if (!silent) {
      const int event = in ? places.entered_segment : places.left_segment;
      if (segment.segment >= 0 && event >= 0) {
        const ir::EventLayout& layout = program.events[static_cast<size_t>(event)];
        std::vector<Value> cells(layout.fields.size());
        cells[0] = Value::Scalar(now);
        cells[1] = Value::Scalar(store.strings().Intern(state.id));
        const int column = layout.Column("segment");
        if (column >= 0) {
          cells[static_cast<size_t>(column)] =
              Value::Scalar(store.strings().Intern(program.segments[static_cast<size_t>(segment.segment)].name));
        }
        Record(contact, static_cast<uint32_t>(event), std::move(cells));
      }
      const std::string cause =
          std::string(in ? "entered segment " : "left segment ") +
          (segment.segment >= 0 ? program.segments[static_cast<size_t>(segment.segment)].name : "");
      for (uint32_t flow : in ? segment.on_enter : segment.on_leave) TryStart(flow, contact, nullptr, cause);
    }
  }
  // The next instant an event this segment read slides out of one of its
  // windows (or an instant it read passes `now - D`): membership may change
  // then without any event. A window edge is `t + D`; a comparison such as
  // `created_at < now - D` turns one second later, so both are candidates.
  int64_t next = INT64_MAX;
  auto consider = [&](int64_t t, int64_t d) {
    if (t + d > now) {
      next = std::min(next, t + d);
    } else if (t + d + 1 > now) {
      next = std::min(next, t + d + 1);
    }
  };
  const ContactHistory& history = *contacts[contact].history;
  for (int64_t d : segment.durations) {
    for (size_t e = 0; e < segment.events.size(); ++e) {
      if (!segment.events[e]) continue;
      const std::vector<int64_t>& times = history.events[e].times();
      auto first = std::upper_bound(times.begin(), times.end(), now - d - 1);
      if (first != times.end()) consider(*first, d);
    }
    for (uint32_t field : segment.timestamp_fields) {
      const Value& value = history.fields[field];
      if (!value.is_null()) consider(value.scalar, d);
    }
  }
  ContactState& after = contacts[contact];
  if (next == INT64_MAX) {
    wheel->Cancel(after.recheck[t]);
  } else if (!wheel->Reschedule(after.recheck[t], next)) {
    after.recheck[t] = wheel->Schedule(next, TimerPayload(TimerKind::Recheck, (uint64_t{contact} << 16) | t));
  }
}

void Engine::Impl::Recheck(uint32_t contact, uint32_t t) { Reevaluate(contact, t, false); }

void Engine::Impl::InitMembership() {
  for (uint32_t c = 0; c < contacts.size(); ++c) {
    for (uint32_t t = 0; t < tracked.size(); ++t) Reevaluate(c, t, true);
  }
}

}  // namespace kairos::runtime
