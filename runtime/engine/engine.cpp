// Events in and time passing: decoding, the history, the order in which an
// event is acted on, and the timer wheel's dispatch.
#include "runtime/engine/engine.h"

#include "runtime/engine/engine_impl.h"
#include "runtime/events/merge_contacts.h"

namespace kairos::runtime {
namespace {

// Events one input event may cause (sends, coupons, segment changes,
// `emit`); a chain longer than this is a loop of journeys emitting events
// that start each other.
constexpr size_t kMaxChain = 100000;

// The most a zone's clock is ahead of UTC (Kiribati, UTC+14).
constexpr int64_t kEarliestOffset = 14 * 3600;

}  // namespace

Engine::Impl::Impl(const ir::Program& program, EngineOptions options)
    : program(program),
      options(std::move(options)),
      store(program),
      tiers(store, this->options.tiers),
      decoder(store),
      catalog(program, store),
      zones(program, store.strings()) {
  tiers.SetBuiltins(&catalog);
  blank.fields.assign(program.contact != nullptr ? program.contact->members.size() : 0, Value::Null());
  blank.events.resize(program.events.size());
  const date::time_zone* schema_zone = zones.schema_zone();
  coupons = std::make_unique<stdlib::CouponBook>(
      program, [schema_zone](int64_t day) { return DayStart(schema_zone, day); }, this->options.seed);
  for (const std::string& error : coupons->errors()) errors.push_back(error);
  SetUpPolicy();
  SetUpFlows();
  SetUpSegments();
}

uint32_t Engine::Impl::ContactIndex(const std::string& id) {
  auto [it, inserted] = contact_ids.try_emplace(id, static_cast<uint32_t>(contacts.size()));
  if (inserted) {
    ContactState& state = contacts.emplace_back();
    state.id = id;
    state.member.assign(tracked.size(), 0);
    state.recheck.assign(tracked.size(), TimerHandle{});
    if (id == options.trace_contact) trace_contact_ = it->second;
  }
  ContactState& state = contacts[it->second];
  if (state.history == nullptr) {
    state.history = &store.Contact(id);
    state.zone = zones.Of(state.history->fields.data());
  }
  return it->second;
}

bool Engine::Impl::CampaignIsLocal(uint32_t flow) const {
  const ir::Call& at = flows[flow].campaign->at;
  return at.valid() && program.node(program.functions[at.function].body).op == ir::Op::LocalDateTime;
}

// When campaign `flow` goes out in `zone`: its `at` (a local date-time read in
// that zone, or an instant), or the start when it has none.
int64_t Engine::Impl::CampaignTime(uint32_t flow, const date::time_zone* zone) {
  const ir::Call& at = flows[flow].campaign->at;
  if (!at.valid()) return now;
  const int64_t instant = tiers.Evaluate(blank, program.functions[at.function], {}, now).scalar;
  if (!CampaignIsLocal(flow)) return instant;
  // The IR reads a local date-time in the schema's zone; read it again in `zone`.
  return LocalToInstant(zone, LocalSeconds(zones.schema_zone(), instant));
}

void Engine::Impl::EnsureStarted(int64_t instant) {
  if (started || (options.from && instant < *options.from)) return;
  Start(options.from.value_or(instant));
}

// The clock starts: the first event's time, or `from` once the history before
// it is in. Campaigns, `every` ticks and daily triggers are scheduled from here.
void Engine::Impl::Start(int64_t instant) {
  started = true;
  now = instant;
  wheel.emplace(now);
  for (uint32_t f = 0; f < flows.size(); ++f) {
    const Flow& flow = flows[f];
    if (flow.campaign != nullptr) {
      // A local date-time is reached in the easternmost zones first (UTC+14);
      // each contact then gets the campaign at that time in their own zone.
      const int64_t at = CampaignTime(f, zones.schema_zone());
      const int64_t first = CampaignIsLocal(f) ? at - kEarliestOffset : at;
      // A campaign whose time is before the run began went out before it.
      if (at >= now) wheel->Schedule(std::max(first, now), TimerPayload(TimerKind::Campaign, f));
    } else if (flow.journey->trigger.kind == ir::TriggerKind::Every) {
      wheel->Schedule(now + flow.journey->trigger.interval.value, TimerPayload(TimerKind::Every, f));
    }
  }
  RegisterZone(zones.schema_zone());
  for (ContactState& state : contacts) {
    if (state.history != nullptr) RegisterZone(state.zone);
  }
  // Membership starts from what holds now, without entering anything.
  InitMembership();
}

bool Engine::Impl::Ingest(std::string_view line, std::string& reason) {
  DecodedEvent decoded;
  if (!decoder.Decode(line, decoded, reason)) return false;
  if (decoded.duplicate) {
    ++duplicates;
    return true;
  }
  ++ingested;
  const int64_t at = decoded.has_at ? decoded.at : now;
  if (decoded.has_at) {
    EnsureStarted(at);
    AdvanceTo(at);
  }
  // Before the start (`from`) events only build the history.
  const bool late = !started || at < now - options.lateness;
  switch (decoded.kind) {
    case DecodedEvent::Kind::Identify: {
      decoder.Apply(decoded);
      const uint32_t contact = ContactIndex(decoded.contact);
      ContactState& state = contacts[contact];
      state.zone = zones.Of(state.history->fields.data());
      RegisterZone(state.zone);
      ContactChanged(contact);
      break;
    }
    case DecodedEvent::Kind::Alias: {
      auto previous = contact_ids.find(decoded.previous);
      int64_t visitor_score = 0;  // the lead score the visitor earned is the contact's now
      if (previous != contact_ids.end() && contacts[previous->second].history != nullptr) {
        ContactState& gone = contacts[previous->second];
        visitor_score = gone.score;
        gone.score = 0;
        for (uint32_t run : std::vector<uint32_t>(gone.runs)) {
          if (runs[run].active) End(run, "merged into " + decoded.contact);
          Release(run);
        }
        if (wheel) {
          for (TimerHandle handle : gone.recheck) wheel->Cancel(handle);
        }
        gone.history = nullptr;
      }
      catalog.MergeContact(decoded.previous, decoded.contact);
      decoder.Apply(decoded);
      const uint32_t contact = ContactIndex(decoded.contact);
      contacts[contact].history = &store.Contact(decoded.contact);
      contacts[contact].score += visitor_score;
      ContactChanged(contact);
      break;
    }
    case DecodedEvent::Kind::Product: {
      stdlib::Product product;
      for (auto& [field, text] : decoded.product) {
        if (field == "sku") product.sku = text;
        if (field == "category") product.category = text;
        if (field == "in_stock") product.in_stock = text != "false";
      }
      product.cells = std::move(decoded.product);
      catalog.Upsert(std::move(product));
      break;
    }
    case DecodedEvent::Kind::Event: {
      const uint32_t contact = ContactIndex(decoded.contact);
      decoder.Apply(decoded);
      Happening happening{contact, static_cast<uint32_t>(decoded.event), at, {}, late};
      happening.record.kind = Value::Kind::Record;
      happening.record.elements = std::move(decoded.cells);
      queue.push_back(std::move(happening));
      break;
    }
  }
  Drain();
  return true;
}

void Engine::Impl::AdvanceTo(int64_t instant) {
  EnsureStarted(instant);
  if (!started || instant <= now) return;
  wheel->Advance(instant, [this](uint64_t payload, int64_t at) {
    now = std::max(now, at);
    Fire(payload, at);
    Drain();
  });
  now = instant;
}

void Engine::Impl::Fire(uint64_t payload, int64_t at) {
  const auto kind = static_cast<TimerKind>(payload >> 56);
  const uint64_t index = payload & ((uint64_t{1} << 56) - 1);
  switch (kind) {
    case TimerKind::Run: {
      Run& run = runs[index];
      run.has_timer = false;
      Resume(static_cast<uint32_t>(index));
      break;
    }
    case TimerKind::Recheck:
      Recheck(static_cast<uint32_t>(index >> 16), static_cast<uint32_t>(index & 0xffff));
      break;
    case TimerKind::Daily: {
      const auto flow = static_cast<uint32_t>(index >> 16);
      const date::time_zone* zone = daily_zones[index & 0xffff];
      SweepContacts(flow, zone);
      const int64_t time = tiers.Evaluate(blank, program.functions[flows[flow].journey->trigger.time.function], {}, at).scalar;
      wheel->Schedule(NextTimeOfDay(zone, at, time), payload);
      break;
    }
    case TimerKind::Every: {
      const auto flow = static_cast<uint32_t>(index);
      SweepContacts(flow, nullptr);
      wheel->Schedule(at + flows[flow].journey->trigger.interval.value, payload);
      break;
    }
    case TimerKind::Campaign: {
      const auto flow = static_cast<uint32_t>(index);
      for (uint32_t c = 0; c < contacts.size(); ++c) {
        const ContactState& state = contacts[c];
        if (state.history == nullptr || !state.history->identified) continue;
        const int64_t due = CampaignTime(flow, state.zone);
        if (due <= now) {
          TryStart(flow, c, nullptr, "the campaign went out");
        } else {
          wheel->Schedule(due, TimerPayload(TimerKind::CampaignContact, (uint64_t{c} << 16) | flow));
        }
      }
      break;
    }
    case TimerKind::CampaignContact:
      TryStart(static_cast<uint32_t>(index & 0xffff), static_cast<uint32_t>(index >> 16), nullptr,
               "the campaign went out");
      break;
  }
}

// Makes sure `zone` (a contact's) has the daily triggers' timers.
void Engine::Impl::RegisterZone(const date::time_zone* zone) {
  if (zone == nullptr || !started) return;
  for (const date::time_zone* known : daily_zones) {
    if (known == zone) return;
  }
  daily_zones.push_back(zone);
  for (uint32_t f = 0; f < flows.size(); ++f) {
    const ir::Journey* journey = flows[f].journey;
    if (journey == nullptr || journey->trigger.kind != ir::TriggerKind::Daily) continue;
    const int64_t time = tiers.Evaluate(blank, program.functions[journey->trigger.time.function], {}, now).scalar;
    const uint64_t index = (uint64_t{f} << 16) | (daily_zones.size() - 1);
    wheel->Schedule(NextTimeOfDay(zone, now, time), TimerPayload(TimerKind::Daily, index));
  }
}

// Starts `flow` for every identified contact (in `zone` when given) whose
// trigger `where` holds.
void Engine::Impl::SweepContacts(uint32_t flow, const date::time_zone* zone) {
  for (uint32_t c = 0; c < contacts.size(); ++c) {
    const ContactState& state = contacts[c];
    if (state.history == nullptr || !state.history->identified) continue;
    if (zone != nullptr && state.zone != zone) continue;
    TryStart(flow, c, nullptr, "the schedule came round");
  }
}

void Engine::Impl::Drain() {
  size_t handled = 0;
  while (!queue.empty()) {
    if (++handled > kMaxChain) {
      problems.push_back("more than " + std::to_string(kMaxChain) +
                       " events followed from one event; journeys that emit events start each other in a loop");
      queue.clear();
      return;
    }
    const Happening happening = std::move(queue.front());  // Dispatch may queue more
    queue.pop_front();
    Dispatch(happening);
  }
}

// An event of one contact, in the order LANGUAGE.md implies: the catalogue and
// consent first (a send in this very event must see them), then segment
// membership, then the runs in flight (goals, `exit when`, `wait until`), and
// last the journeys it starts.
void Engine::Impl::Dispatch(const Happening& happening) {
  ContactState& state = contacts[happening.contact];
  if (state.history == nullptr) return;
  catalog.Observe(happening.event, state.id, happening.record, happening.at);
  if (Tracing(happening.contact) && on_trace && !happening.late) {
    on_trace(Trace{now, state.id, "", "", "event " + program.events[happening.event].name});
  }
  if (static_cast<int>(happening.event) == places.unsubscribed && places.consent >= 0) {
    // Consent is withdrawn at once, also for runs in flight.
    const auto channel =
        static_cast<size_t>(happening.record.elements[static_cast<size_t>(places.unsubscribed_channel)].scalar);
    Value& consent = state.history->fields[static_cast<size_t>(places.consent)];
    if (channel < places.consent_member.size() && places.consent_member[channel] >= 0 &&
        consent.kind == Value::Kind::Record) {
      consent.elements[static_cast<size_t>(places.consent_member[channel])] = Value::Scalar(0);
      ContactChanged(happening.contact);
    }
  }
  if (happening.late) return;
  ReevaluateFor(happening.contact, happening.event);
  WatchRuns(happening);
  for (uint32_t flow : flows_by_event[happening.event]) {
    TryStart(flow, happening.contact, &happening.record, {});
  }
}

// Puts an event the engine made into the history and acts on it.
void Engine::Impl::Record(uint32_t contact, uint32_t event, std::vector<Value> cells) {
  ContactState& state = contacts[contact];
  state.history->events[event].Insert(now, cells);
  Happening happening{contact, event, now, {}, false};
  happening.record.kind = Value::Kind::Record;
  happening.record.elements = std::move(cells);
  queue.push_back(std::move(happening));
}

void Engine::Impl::ContactChanged(uint32_t contact) {
  if (!started) return;
  for (uint32_t t : tracked_by_contact) Reevaluate(contact, t, false);
}

// --- The public face -----------------------------------------------------------

Engine::Engine(const ir::Program& program, EngineOptions options)
    : impl_(std::make_unique<Impl>(program, std::move(options))) {}
Engine::~Engine() = default;

std::vector<std::string> Engine::setup_errors() const {
  std::vector<std::string> all = impl_->errors;
  for (const std::string& error : impl_->tiers.errors()) all.push_back(error);
  return all;
}

std::vector<std::string> Engine::LoadCatalog(std::string_view csv, std::string_view path) {
  return impl_->catalog.Load(csv, path);
}

const std::vector<std::string>& Engine::problems() const { return impl_->problems; }
bool Engine::Ingest(std::string_view line, std::string& reason) { return impl_->Ingest(line, reason); }
void Engine::AdvanceTo(int64_t instant) { impl_->AdvanceTo(instant); }
int64_t Engine::now() const { return impl_->now; }
void Engine::OnAction(std::function<void(const Action&)> callback) { impl_->on_action = std::move(callback); }
void Engine::OnTrace(std::function<void(const Trace&)> callback) { impl_->on_trace = std::move(callback); }
void Engine::SetChannel(std::string_view channel, stdlib::Channel* to) { impl_->outbox.SetChannel(channel, to); }
uint64_t Engine::events_ingested() const { return impl_->ingested; }
uint64_t Engine::duplicates() const { return impl_->duplicates; }
const HistoryStore& Engine::store() const { return impl_->store; }

std::vector<FlowSummary> Engine::Summary() const {
  std::vector<FlowSummary> all;
  const Symbol* channel = impl_->program.channel;
  for (const Flow& flow : impl_->flows) {
    FlowSummary& summary = all.emplace_back();
    const FlowCounters& c = flow.counters;
    summary.name = flow.name;
    summary.campaign = flow.campaign != nullptr;
    summary.entered = c.entered;
    for (size_t i = 0; i < c.sent_by_channel.size(); ++i) {
      if (c.sent_by_channel[i] == 0) continue;
      summary.sent += c.sent_by_channel[i];
      summary.sent_by_channel.emplace_back(channel != nullptr ? channel->members[i]->name : std::to_string(i),
                                           c.sent_by_channel[i]);
    }
    summary.coupons = c.coupons;
    summary.goals = c.goals;
    summary.exits = c.exits;
    summary.notifies = c.notifies;
    summary.skips.assign(c.skips.begin(), c.skips.end());
  }
  return all;
}

}  // namespace kairos::runtime
