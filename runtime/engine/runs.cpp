// Runs: a contact entering a flow (triggers, guards, reentry), walking its
// step graph until a wait, and the events that resume or end it.
#include <algorithm>
#include <functional>

#include "runtime/engine/engine_impl.h"
#include "runtime/format/text_forms.h"
#include "runtime/format/value_forms.h"

namespace kairos::runtime {
namespace {

// 100% of a split, in the percent encoding (scaled by 10^4).
constexpr int64_t kWhole = 100 * 10000;

// A stable bucket in [0, kWhole) for a contact in a flow (LANGUAGE.md §5:
// `split` is a stable hash of contact and journey).
int64_t SplitBucket(std::string_view contact, std::string_view flow) {
  uint64_t hash = 14695981039346656037ull;
  auto mix = [&hash](std::string_view text) {
    for (const char c : text) {
      hash ^= static_cast<unsigned char>(c);
      hash *= 1099511628211ull;
    }
  };
  mix(contact);
  mix("/");
  mix(flow);
  return static_cast<int64_t>(hash % static_cast<uint64_t>(kWhole));
}

std::string Trimmed(std::string_view line) {
  const size_t begin = line.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return "";
  const size_t end = line.find_last_not_of(" \t");
  return std::string(line.substr(begin, end - begin + 1));
}

// `1d 2h 5m`: the parts that are not zero, largest first.
std::string DurationText(int64_t seconds) {
  static constexpr std::pair<int64_t, char> kUnits[] = {{86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}};
  std::string text;
  for (const auto& [size, unit] : kUnits) {
    if (seconds < size) continue;
    if (!text.empty()) text += ' ';
    text += std::to_string(seconds / size) + unit;
    seconds %= size;
  }
  return text.empty() ? "0s" : text;
}

template <typename Visit>
void ForEachCall(const ir::Action& action, Visit visit) {
  std::visit(
      [&](const auto& a) {
        using A = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<A, ir::SendAction>) {
          for (const ir::TextPart& part : a.body) visit(part.value);
          for (const ir::NamedCall& field : a.data) visit(field.value);
        } else if constexpr (std::is_same_v<A, ir::TagAction>) {
          visit(a.tag);
        } else if constexpr (std::is_same_v<A, ir::SetAction> || std::is_same_v<A, ir::LetAction>) {
          visit(a.value);
        } else if constexpr (std::is_same_v<A, ir::NotifyAction>) {
          visit(a.recipient);
          for (const ir::TextPart& part : a.text) visit(part.value);
        } else if constexpr (std::is_same_v<A, ir::ScoreAction>) {
          visit(a.delta);
        } else if constexpr (std::is_same_v<A, ir::EmitAction>) {
          for (const ir::EmitField& field : a.fields) visit(field.value);
        }
      },
      action);
}

}  // namespace

void Engine::Impl::SetUpFlows() {
  auto add = [this](std::string name, const ir::Journey* journey, const ir::Campaign* campaign,
                    const ir::StepGraph& graph) {
    Flow& flow = flows.emplace_back();
    flow.name = std::move(name);
    flow.key_name = campaign != nullptr ? "campaign:" + flow.name : flow.name;
    flow.journey = journey;
    flow.campaign = campaign;
    flow.graph = &graph;
    flow.counters.sent_by_channel.assign(program.channel != nullptr ? program.channel->members.size() : 0, 0);
    for (const ir::Step& step : graph.steps) {
      if (!step.range.valid()) {
        flow.labels.emplace_back();
        flow.lines.emplace_back();
        continue;
      }
      const LineColumn at = step.range.file->Locate(step.range.begin);
      flow.labels.push_back(std::to_string(at.line) + ":" + std::to_string(at.column));
      flow.lines.push_back(Trimmed(step.range.file->Line(at.line)));
    }
    if (journey != nullptr && journey->exit_when.test.valid()) {
      flow.exit_text = journey->exit_when.event != ir::kNoIndex
                           ? "exit when " + program.events[journey->exit_when.event].name
                           : "exit when";
    }
  };
  for (const ir::Journey& journey : program.journeys) add(journey.name, &journey, nullptr, journey.graph);
  for (const ir::Campaign& campaign : program.campaigns) add(campaign.name, nullptr, &campaign, campaign.graph);
  flows_by_event.assign(program.events.size(), {});
  for (uint32_t f = 0; f < flows.size(); ++f) {
    const ir::Journey* journey = flows[f].journey;
    if (journey != nullptr && journey->trigger.kind == ir::TriggerKind::Event) {
      flows_by_event[journey->trigger.event].push_back(f);
    }
  }
}

// --- Evaluation -----------------------------------------------------------------

Value Engine::Impl::Eval(uint32_t contact, const std::vector<Value>& slots, const ir::Call& call) {
  args.clear();
  for (uint32_t slot : call.args) args.push_back(slots[slot]);
  return tiers.Evaluate(*contacts[contact].history, program.functions[call.function], args, now);
}

bool Engine::Impl::Holds(uint32_t contact, const std::vector<Value>& slots, const ir::Call& call) {
  args.clear();
  for (uint32_t slot : call.args) args.push_back(slots[slot]);
  return tiers.Test(*contacts[contact].history, program.functions[call.function], args, now);
}

int64_t Engine::Impl::QuantityOf(uint32_t contact, const std::vector<Value>& slots, const ir::Quantity& quantity) {
  return quantity.computed.valid() ? Eval(contact, slots, quantity.computed).scalar : quantity.value;
}

// --- Actions out ----------------------------------------------------------------------

Action& Engine::Impl::Begin(const Run& run, ActionKind kind, std::string_view key_suffix, bool at_step) {
  const Flow& flow = flows[run.flow];
  action.at = now;
  action.contact = contacts[run.contact].id;
  action.journey = flow.journey != nullptr ? flow.name : "";
  action.campaign = flow.campaign != nullptr ? flow.name : "";
  const std::string& label = at_step && run.step < flow.labels.size() ? flow.labels[run.step] : "";
  action.step = label.empty() ? "" : flow.name + ":" + label;
  action.kind = kind;
  action.fields.clear();
  action.key = flow.key_name + "/" + action.contact + "/" + std::to_string(run.entry) + "/";
  action.key += label.empty() ? std::string(ActionKindName(kind)) : label;
  action.key += key_suffix;
  return action;
}

// Keys are unique by construction (flow, contact, entry, step position), and
// the property test holds the engine to it; the outbox refuses a message key
// it has delivered, which is what makes a replayed send harmless.
void Engine::Impl::Publish() {
  if (on_action) on_action(action);
}

void Engine::Impl::Skip(const Run& run, std::string_view reason, std::string_view channel) {
  Begin(run, ActionKind::Skip, "");
  std::string json;
  AppendJsonString(json, reason);
  action.fields.emplace_back("reason", std::move(json));
  if (!channel.empty()) {
    json.clear();
    AppendJsonString(json, channel);
    action.fields.emplace_back("channel", std::move(json));
  }
  ++flows[run.flow].counters.skips[std::string(reason)];
  Publish();
}

void Engine::Impl::Story(uint32_t contact, uint32_t flow, ir::StepId step, std::string text) {
  if (!on_trace) return;
  const Flow& f = flows[flow];
  on_trace(Trace{now, contacts[contact].id, f.name, step < f.labels.size() ? f.labels[step] : "", std::move(text)});
}

// The values inside a condition, for `explain`: each comparison with its
// operands' values, joined as the condition joins them.
std::string Engine::Impl::Describe(const Run& run, const ir::Call& call) {
  const ir::Segment& fn = program.functions[call.function];
  std::vector<Value> call_args;
  for (uint32_t slot : call.args) call_args.push_back(run.slots[slot]);
  const ContactHistory& contact = *contacts[run.contact].history;
  auto value_text = [&](ir::NodeId id) {
    const Value value = tiers.interpreter().CallNode(contact, fn, call_args, id, now);
    if (value.is_null()) return std::string("null");
    return ValueText(value, program.node(id).type, store.strings());
  };
  std::function<std::string(ir::NodeId)> describe = [&](ir::NodeId id) -> std::string {
    const ir::Node& node = program.node(id);
    switch (node.op) {
      case ir::Op::And: return describe(node.operands[0]) + " and " + describe(node.operands[1]);
      case ir::Op::Or: return describe(node.operands[0]) + " or " + describe(node.operands[1]);
      case ir::Op::Not: return "not " + describe(node.operands[0]);
      case ir::Op::Eq: case ir::Op::Ne: case ir::Op::Lt: case ir::Op::Le: case ir::Op::Gt: case ir::Op::Ge:
      case ir::Op::In: case ir::Op::NotIn: {
        static constexpr std::string_view kSymbols[] = {"==", "!=", "<", "<=", ">", ">=", "in", "not in"};
        const auto symbol = kSymbols[static_cast<size_t>(node.op) - static_cast<size_t>(ir::Op::Eq)];
        return value_text(node.operands[0]) + " " + std::string(symbol) + " " + value_text(node.operands[1]);
      }
      default: return value_text(id);
    }
  };
  return describe(fn.body);
}

// --- Entering ----------------------------------------------------------------------------

bool Engine::Impl::TryStart(uint32_t flow_id, uint32_t contact, const Value* trigger, std::string_view cause) {
  Flow& flow = flows[flow_id];
  const ir::StepGraph& graph = *flow.graph;
  ContactState& state = contacts[contact];
  const bool tracing = Tracing(contact);
  // The slots are made in a scratch row first: most triggers do not pass their
  // `where` or guards, and they cost no allocation then.
  std::vector<Value>& slots = scratch_slots;
  slots.assign(graph.slots.size(), Value::Null());
  // Campaigns have no `entered` slot.
  if (!graph.slots.empty() && graph.slots[ir::kEnteredSlot].kind == ir::SlotKind::Entered) {
    slots[ir::kEnteredSlot] = Value::Scalar(now);
  }
  if (trigger != nullptr && graph.slots.size() > ir::kTriggerSlot &&
      graph.slots[ir::kTriggerSlot].kind == ir::SlotKind::Trigger) {
    slots[ir::kTriggerSlot] = *trigger;
  }
  auto because = [&] {
    if (!cause.empty()) return std::string(cause);
    return trigger != nullptr ? "a " + program.events[flow.journey->trigger.event].name + " event" : std::string();
  };
  auto refuse = [&](const std::string& why) {
    if (tracing) Story(contact, flow_id, 0, because() + ": not entered, " + why);
    return false;
  };
  FlowEntries* entries = nullptr;
  for (FlowEntries& e : state.entries) {
    if (e.flow == flow_id) entries = &e;
  }
  if (flow.journey != nullptr) {
    const ir::Journey& journey = *flow.journey;
    if (journey.trigger.where.valid() && !Holds(contact, slots, journey.trigger.where)) {
      // Most events of a type do not pass a trigger's `where`: not worth a line of the story.
      return false;
    }
    if (entries != nullptr) {
      switch (journey.reentry.kind) {
        case ir::ReentryKind::Once: return refuse("entered once already (reentry once)");
        case ir::ReentryKind::Always: break;
        case ir::ReentryKind::After: {
          const int64_t after = QuantityOf(contact, slots, journey.reentry.after);
          if (now - entries->last < after) {
            return refuse("entered " + DurationText(now - entries->last) + " ago (reentry after " +
                          DurationText(after) + ")");
          }
          break;
        }
      }
    }
    if (journey.when.valid() && !Holds(contact, slots, journey.when)) return refuse("its `when` did not hold");
  } else {
    if (entries != nullptr) return false;  // a campaign goes to a contact once
    if (flow.campaign->audience.valid() && !Holds(contact, slots, flow.campaign->audience)) {
      return refuse("not in the audience");
    }
  }
  if (entries == nullptr) entries = &state.entries.emplace_back(FlowEntries{flow_id, 0, 0});
  ++entries->count;
  entries->last = now;

  uint32_t id = 0;
  if (!free_runs.empty()) {
    id = free_runs.back();
    free_runs.pop_back();
  } else {
    id = static_cast<uint32_t>(runs.size());
    runs.emplace_back();
  }
  Run& run = runs[id];
  run = Run{};
  run.flow = flow_id;
  run.contact = contact;
  run.entry = entries->count;
  run.entered_at = now;
  run.slots.swap(slots);
  run.exhausted.assign(graph.slots.size(), false);
  run.active = true;
  run.goal_open = flow.journey != nullptr && flow.journey->goal.test.valid();
  state.runs.push_back(id);
  ++flow.counters.entered;
  if (tracing) Story(contact, flow_id, 0, because() + ": entered");
  Begin(run, ActionKind::Enter, "", false);
  Publish();
  Execute(id);
  return true;
}

// --- Walking the steps -------------------------------------------------------------------

void Engine::Impl::SetTimer(uint32_t run_id, int64_t at) {
  Run& run = runs[run_id];
  if (run.has_timer) wheel->Cancel(run.timer);
  run.timer = wheel->Schedule(at, TimerPayload(TimerKind::Run, run_id));
  run.has_timer = true;
}

void Engine::Impl::Execute(uint32_t run_id) {
  while (runs[run_id].active) {
    Run& run = runs[run_id];
    const Flow& flow = flows[run.flow];
    const ir::Step& step = flow.graph->steps[run.step];
    const bool tracing = Tracing(run.contact);
    switch (step.kind()) {
      case ir::StepKind::Trigger: run.step = step.As<ir::TriggerStep>().next; break;
      case ir::StepKind::Wait: {
        const auto& wait = step.As<ir::WaitStep>();
        int64_t until = now;
        switch (wait.kind) {
          case ir::WaitKind::For: until = now + QuantityOf(run.contact, run.slots, wait.duration); break;
          case ir::WaitKind::UntilInstant: until = Eval(run.contact, run.slots, wait.until).scalar; break;
          case ir::WaitKind::UntilTime:
            // A clock time that is now counts as reached.
            until = NextTimeOfDay(contacts[run.contact].zone, now - 1, Eval(run.contact, run.slots, wait.until).scalar);
            break;
        }
        if (until <= now) {
          run.step = wait.next;
          break;
        }
        SetTimer(run_id, until);
        if (tracing) Story(run.contact, run.flow, run.step, flow.lines[run.step] + ": waits until " + FormatInstant(until));
        return;
      }
      case ir::StepKind::WaitUntil: {
        const auto& wait = step.As<ir::WaitUntilStep>();
        run.waiting_event = true;
        run.wait_began = now;
        std::string until;
        if (wait.has_timeout) {
          const int64_t at = now + QuantityOf(run.contact, run.slots, wait.timeout);
          SetTimer(run_id, at);
          until = " until " + FormatInstant(at);
        }
        if (tracing) Story(run.contact, run.flow, run.step, flow.lines[run.step] + ": waits" + until);
        return;
      }
      case ir::StepKind::Branch: {
        const auto& branch = step.As<ir::BranchStep>();
        ir::StepId next = branch.else_next;
        size_t taken = branch.arms.size();
        for (size_t i = 0; i < branch.arms.size(); ++i) {
          if (Holds(run.contact, run.slots, branch.arms[i].condition)) {
            next = branch.arms[i].next;
            taken = i;
            break;
          }
        }
        if (tracing) {
          std::string text = flow.lines[run.step];
          for (size_t i = 0; i < branch.arms.size() && i <= taken; ++i) {
            text += (i == 0 ? ": " : "; ") + std::string(i == 0 ? "the condition" : "else-if " + std::to_string(i)) +
                    (i == taken ? " held (" : " did not hold (") + Describe(run, branch.arms[i].condition) + ")";
          }
          if (taken == branch.arms.size()) text += "; the else branch";
          Story(run.contact, run.flow, run.step, text);
        }
        run.step = next;
        break;
      }
      case ir::StepKind::Split: {
        const auto& split = step.As<ir::SplitStep>();
        const int64_t bucket = SplitBucket(contacts[run.contact].id, flow.name);
        int64_t upto = 0;
        size_t arm = 0;
        for (; arm + 1 < split.arms.size(); ++arm) {
          upto += split.arms[arm].percent;
          if (bucket < upto) break;
        }
        if (tracing) {
          Story(run.contact, run.flow, run.step,
                "split: arm " + std::to_string(arm + 1) + " (" + FormatScaled(split.arms[arm].percent, 0) + "%)");
        }
        run.step = split.arms[arm].next;
        break;
      }
      case ir::StepKind::Action: {
        const auto& action_step = step.As<ir::ActionStep>();
        const StepOutcome outcome = Perform(run_id, action_step);
        if (outcome != StepOutcome::Next) return;
        runs[run_id].step = action_step.next;
        break;
      }
      case ir::StepKind::Exit: End(run_id, step.As<ir::ExitStep>().written ? "exit" : "end"); return;
    }
  }
}

// A timer of the run fired: a wait is over, a `wait until` timed out, or a
// send deferred by quiet hours is due.
void Engine::Impl::Resume(uint32_t run_id) {
  Run& run = runs[run_id];
  if (!run.active) return;
  const Flow& flow = flows[run.flow];
  if (flow.journey != nullptr && flow.journey->exit_when.test.valid() &&
      Holds(run.contact, run.slots, flow.journey->exit_when.test)) {
    End(run_id, flow.exit_text);
    return;
  }
  const ir::Step& step = flow.graph->steps[run.step];
  switch (step.kind()) {
    case ir::StepKind::Wait: run.step = step.As<ir::WaitStep>().next; break;
    case ir::StepKind::WaitUntil:
      run.waiting_event = false;
      if (Tracing(run.contact)) Story(run.contact, run.flow, run.step, "the wait timed out");
      run.step = step.As<ir::WaitUntilStep>().timeout_next;
      break;
    case ir::StepKind::Action: run.deferred = true; break;
    default: break;
  }
  Execute(run_id);
}

void Engine::Impl::End(uint32_t run_id, std::string reason) {
  Run& run = runs[run_id];
  run.active = false;
  run.waiting_event = false;
  if (run.has_timer) wheel->Cancel(run.timer);
  run.has_timer = false;
  ++flows[run.flow].counters.exits;
  Begin(run, ActionKind::Exit, "", reason == "exit");
  // The end of the steps and a written `exit` have a place; other ends do not.
  action.key = flows[run.flow].key_name + "/" + action.contact + "/" + std::to_string(run.entry) + "/exit";
  std::string json;
  AppendJsonString(json, reason);
  action.fields.emplace_back("reason", std::move(json));
  Publish();
  if (!run.goal_open) Release(run_id);
}

void Engine::Impl::Release(uint32_t run_id) {
  Run& run = runs[run_id];
  std::vector<uint32_t>& list = contacts[run.contact].runs;
  list.erase(std::remove(list.begin(), list.end(), run_id), list.end());
  run.slots.clear();
  run.sent.clear();
  run.goal_open = false;
  free_runs.push_back(run_id);
}

// An event of a contact with runs in flight: goals, `exit when`, `wait until`.
void Engine::Impl::WatchRuns(const Happening& happening) {
  ContactState& state = contacts[happening.contact];
  if (state.runs.empty()) return;
  for (uint32_t run_id : std::vector<uint32_t>(state.runs)) {
    Run& run = runs[run_id];
    const Flow& flow = flows[run.flow];
    if (run.goal_open) {
      const ir::Condition& goal = flow.journey->goal;
      if (goal.has_within && now > run.entered_at + QuantityOf(run.contact, run.slots, goal.within)) {
        run.goal_open = false;
      } else if ((goal.event == ir::kNoIndex || goal.event == happening.event) &&
                 Holds(run.contact, run.slots, goal.test)) {
        run.goal_open = false;
        ++flows[run.flow].counters.goals;
        Begin(run, ActionKind::Goal, "", false);
        action.key = flow.key_name + "/" + action.contact + "/" + std::to_string(run.entry) + "/goal";
        Publish();
      }
      if (!run.goal_open && !run.active) {
        Release(run_id);
        continue;
      }
    }
    if (!run.active) continue;
    if (flow.journey->exit_when.test.valid() && Holds(run.contact, run.slots, flow.journey->exit_when.test)) {
      End(run_id, flow.exit_text);
      continue;
    }
    if (!run.waiting_event || happening.at < run.wait_began) continue;
    const auto& wait = flow.graph->steps[run.step].As<ir::WaitUntilStep>();
    for (const ir::WaitArm& arm : wait.arms) {
      if (arm.event != happening.event) continue;
      if (arm.own_messages) {
        // Only the messages this run sent: the event names this flow and one of them.
        const ir::EventLayout& layout = program.events[arm.event];
        const int flow_column = layout.Column(flow.journey != nullptr ? "journey" : "campaign");
        const int message_column = layout.Column("message");
        if (flow_column < 0 || message_column < 0) continue;
        const Value& named = happening.record.elements[static_cast<size_t>(flow_column)];
        const Value& message = happening.record.elements[static_cast<size_t>(message_column)];
        if (named.is_null() || store.strings().Text(static_cast<uint32_t>(named.scalar)) != flow.name) continue;
        if (message.is_null() ||
            std::find(run.sent.begin(), run.sent.end(), static_cast<uint32_t>(message.scalar)) == run.sent.end()) {
          continue;
        }
      }
      if (arm.slot != ir::kNoIndex) run.slots[arm.slot] = happening.record;
      if (arm.where.valid() && !Holds(run.contact, run.slots, arm.where)) {
        if (arm.slot != ir::kNoIndex) run.slots[arm.slot] = Value::Null();
        continue;
      }
      run.waiting_event = false;
      if (run.has_timer) wheel->Cancel(run.timer);
      run.has_timer = false;
      if (Tracing(run.contact)) Story(run.contact, run.flow, run.step, "the awaited " + program.events[arm.event].name + " came");
      run.step = arm.next;
      Execute(run_id);
      break;
    }
  }
}

// --- Actions -------------------------------------------------------------------------------

bool Engine::Impl::ReadsExhausted(const Run& run, const ir::Action& action_) const {
  bool reads = false;
  ForEachCall(action_, [&](const ir::Call& call) {
    for (uint32_t slot : call.args) reads = reads || run.exhausted[slot];
  });
  return reads;
}

StepOutcome Engine::Impl::Perform(uint32_t run_id, const ir::ActionStep& step) {
  Run& run = runs[run_id];
  if (ReadsExhausted(run, step.action)) {
    // LANGUAGE.md §4: a step that uses a code that could not be issued is skipped.
    Skip(run, "coupon_exhausted");
    return StepOutcome::Next;
  }
  ContactState& state = contacts[run.contact];
  std::vector<Value>& fields = state.history->fields;
  const StringPool& strings = store.strings();
  std::string json;
  switch (step.action.index()) {
    case 0: return Send(run_id, std::get<ir::SendAction>(step.action));
    case 1: {
      const auto& issue = std::get<ir::IssueAction>(step.action);
      const stdlib::IssueResult result = coupons->Issue(issue.pool, state.id, now);
      if (result.status != stdlib::IssueStatus::Issued) {
        if (issue.slot != ir::kNoIndex) run.exhausted[issue.slot] = true;
        Skip(run, result.reason);
        if (result.status == stdlib::IssueStatus::StopJourney) {
          End(run_id, result.reason);
          return StepOutcome::Ended;
        }
        return StepOutcome::Next;
      }
      const std::string& pool = program.coupons[result.issued.pool].name;
      const uint32_t code = store.strings().Intern(result.issued.code);
      if (issue.slot != ir::kNoIndex) {
        Value coupon;
        coupon.kind = Value::Kind::Record;
        coupon.elements = {Value::Scalar(code),
                           result.issued.expires_at ? Value::Scalar(*result.issued.expires_at) : Value::Null()};
        run.slots[issue.slot] = std::move(coupon);
      }
      ++flows[run.flow].counters.coupons;
      Begin(run, ActionKind::Coupon, "");
      AppendJsonString(json, pool);
      action.fields.emplace_back("pool", json);
      json.clear();
      AppendJsonString(json, result.issued.code);
      action.fields.emplace_back("code", json);
      if (result.issued.expires_at) {
        json.clear();
        AppendJsonString(json, FormatInstant(*result.issued.expires_at));
        action.fields.emplace_back("expires_at", json);
      }
      Publish();
      if (places.coupon_issued >= 0) {
        const ir::EventLayout& layout = program.events[static_cast<size_t>(places.coupon_issued)];
        std::vector<Value> cells(layout.fields.size());
        cells[0] = Value::Scalar(now);
        cells[1] = Value::Scalar(store.strings().Intern(state.id));
        auto put = [&](std::string_view name, Value v) {
          const int column = layout.Column(name);
          if (column >= 0) cells[static_cast<size_t>(column)] = std::move(v);
        };
        put("pool", Value::Scalar(store.strings().Intern(pool)));
        put("code", Value::Scalar(code));
        put(flows[run.flow].journey != nullptr ? "journey" : "campaign",
            Value::Scalar(store.strings().Intern(flows[run.flow].name)));
        Record(run.contact, static_cast<uint32_t>(places.coupon_issued), std::move(cells));
      }
      return StepOutcome::Next;
    }
    case 2: {
      const auto& tag = std::get<ir::TagAction>(step.action);
      const Value text = Eval(run.contact, run.slots, tag.tag);
      if (places.tags >= 0 && !text.is_null()) {
        Value& tags = fields[static_cast<size_t>(places.tags)];
        tags.kind = Value::Kind::List;
        auto found = std::find_if(tags.elements.begin(), tags.elements.end(),
                                  [&](const Value& v) { return v.scalar == text.scalar; });
        if (tag.untag && found != tags.elements.end()) tags.elements.erase(found);
        if (!tag.untag && found == tags.elements.end()) tags.elements.push_back(text);
      }
      Begin(run, tag.untag ? ActionKind::Untag : ActionKind::Tag, "");
      AppendValueJson(json, text, Type::String(), strings);
      action.fields.emplace_back("tag", json);
      Publish();
      ContactChanged(run.contact);
      return StepOutcome::Next;
    }
    case 3: {
      const auto& set = std::get<ir::SetAction>(step.action);
      const Value value = Eval(run.contact, run.slots, set.value);
      const Symbol* record = program.contact;
      Value* target = &fields[set.path[0]];
      std::string path = record->members[set.path[0]]->name;
      Type type = record->members[set.path[0]]->type;
      for (size_t i = 1; i < set.path.size(); ++i) {
        const Symbol* inner = type.NonOptional().symbol();
        if (target->kind != Value::Kind::Record) {
          target->kind = Value::Kind::Record;
          target->elements.assign(inner->members.size(), Value::Null());
        }
        target = &target->elements[set.path[i]];
        path += "." + inner->members[set.path[i]]->name;
        type = inner->members[set.path[i]]->type;
      }
      *target = value;
      Begin(run, ActionKind::Set, "");
      AppendJsonString(json, path);
      action.fields.emplace_back("field", json);
      json.clear();
      AppendValueJson(json, value, type, strings);
      action.fields.emplace_back("value", json);
      Publish();
      ContactChanged(run.contact);
      return StepOutcome::Next;
    }
    case 4: {
      const auto& notify = std::get<ir::NotifyAction>(step.action);
      const Value to = Eval(run.contact, run.slots, notify.recipient);
      ++flows[run.flow].counters.notifies;
      Begin(run, ActionKind::Notify, "");
      AppendValueJson(json, to, Type::String(), strings);
      action.fields.emplace_back("to", json);
      json.clear();
      AppendJsonString(json, RenderText(run, notify.text));
      action.fields.emplace_back("text", json);
      Publish();
      return StepOutcome::Next;
    }
    case 5: {
      const auto& score = std::get<ir::ScoreAction>(step.action);
      const int64_t delta = Eval(run.contact, run.slots, score.delta).scalar;
      state.score += delta;
      Begin(run, ActionKind::Score, "");
      action.fields.emplace_back("delta", std::to_string(delta));
      action.fields.emplace_back("score", std::to_string(state.score));
      Publish();
      return StepOutcome::Next;
    }
    case 6: {
      const auto& emit = std::get<ir::EmitAction>(step.action);
      const ir::EventLayout& layout = program.events[emit.event];
      std::vector<Value> cells(layout.fields.size());
      cells[0] = Value::Scalar(now);
      cells[1] = Value::Scalar(store.strings().Intern(state.id));
      json = "{";
      for (const ir::EmitField& field : emit.fields) {
        cells[field.column] = Eval(run.contact, run.slots, field.value);
        if (json.size() > 1) json += ',';
        AppendJsonString(json, layout.fields[field.column]->name);
        json += ':';
        AppendValueJson(json, cells[field.column], layout.fields[field.column]->type, strings);
      }
      json += '}';
      Begin(run, ActionKind::Emit, "");
      std::string name;
      AppendJsonString(name, layout.name);
      action.fields.emplace_back("event", name);
      action.fields.emplace_back("data", json);
      Publish();
      Record(run.contact, emit.event, std::move(cells));
      return StepOutcome::Next;
    }
    case 7: {
      const auto& let = std::get<ir::LetAction>(step.action);
      run.slots[let.slot] = Eval(run.contact, run.slots, let.value);
      return StepOutcome::Next;
    }
    default: return StepOutcome::Next;
  }
}

}  // namespace kairos::runtime
