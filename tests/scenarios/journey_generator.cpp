#include "tests/scenarios/journey_generator.h"

#include <algorithm>

#include "runtime/events/scalars.h"
#include "runtime/format/text_forms.h"

namespace kairos::scenarios {
namespace {

// splitmix64: the same numbers on every platform and standard library.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }
  int Between(int low, int high) { return low + Below(high - low + 1); }
  bool Chance(int percent) { return Below(100) < percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& options) {
    return options[static_cast<size_t>(Below(static_cast<int>(options.size())))];
  }

 private:
  uint64_t state_;
};

constexpr const char* kSchema = R"(schema prop {
  currency ILS
  timezone "Asia/Jerusalem"
  contact {
    id: string key
    email: email?
    phone: phone?
    first_name: string?
    timezone: string?
    vip: bool = false
    tags: set<string>
    consent: { email: bool, sms: bool, whatsapp: bool }
  }
  event order_placed { order_id: string, total: money }
  event cart_abandoned { cart_id: string, value: money }
  event page_viewed { url: url }
  event milestone { name: string }
}

segment buyers = exists(order_placed within 2d)

coupon pool_a {
  discount 10%
  codes generated "A-{A9:6}"
  limit 4
  valid for 2d
  when exhausted fallback pool_b
}

coupon pool_b {
  discount 5%
  codes generated "B-{9:4}"
  limit 3
  when exhausted skip
}

coupon pool_c {
  discount 15%
  codes generated "C-{A:5}"
  limit 2
  when exhausted stop journey
}
)";

constexpr int kJourneys = 4;  // at most; named j0, j1, ...
// Message names the events refer to: templates the journeys send.
const std::vector<std::string> kEmailTemplates = {"mail-1", "mail-2", "mail-3"};
const std::vector<std::string> kZones = {"", "Europe/London", "America/New_York"};

std::string Clock(int64_t seconds) {
  const auto two = [](int64_t n) { return (n < 10 ? "0" : "") + std::to_string(n); };
  return two(seconds / 3600) + ":" + two(seconds / 60 % 60);
}

// One journey's text.
class JourneyWriter {
 public:
  JourneyWriter(Random& random, int index) : random_(random), name_("j" + std::to_string(index)) {}

  std::string Write() {
    std::string out = "journey " + name_ + " {\n";
    out += "  trigger " + Trigger() + "\n";
    if (random_.Chance(40)) out += "  when " + Condition(1) + "\n";
    switch (random_.Below(3)) {
      case 0: out += "  reentry once\n"; break;
      case 1: out += "  reentry always\n"; break;
      default: out += "  reentry after " + std::to_string(random_.Between(2, 48)) + "h\n"; break;
    }
    if (random_.Chance(20)) {
      out += random_.Chance(50) ? "  exit when order_placed since entered\n" : "  exit when contact.vip\n";
    }
    if (random_.Chance(20)) {
      out += random_.Chance(50) ? "  goal order_placed within 2d\n" : "  goal exists(cart_abandoned since entered)\n";
    }
    out += "\n";
    Block(0, 1, out);
    out += "}\n";
    return out;
  }

 private:
  std::string Trigger() {
    switch (random_.Below(8)) {
      case 0:
        trigger_data_ = "order: t.order_id, total: t.total";
        return random_.Chance(50) ? "order_placed as t" : "order_placed as t where t.total > 100 ILS";
      case 1:
        trigger_data_ = "cart: t.cart_id";
        return random_.Chance(50) ? "cart_abandoned as t" : "cart_abandoned as t where t.value >= 150 ILS";
      case 2: return "page_viewed";
      case 3:
        // A journey that a `milestone` starts emits none, so emitting never loops.
        may_emit_ = false;
        trigger_data_ = "name: t.name";
        return "milestone as t";
      case 4: return "entered_segment buyers";
      case 5: return "left_segment buyers";
      case 6: {
        std::string text = "daily at " + Clock(random_.Between(0, 47) * 1800);
        if (random_.Chance(50)) text += " where " + Condition(1);
        return text;
      }
      default: {
        std::string text = "every " + random_.Pick(std::vector<std::string>{"6h", "12h", "1d"});
        if (random_.Chance(50)) text += " where " + Condition(1);
        return text;
      }
    }
  }

  std::string Condition(int depth) {
    if (depth > 0 && random_.Chance(25)) {
      switch (random_.Below(3)) {
        case 0: return "not (" + Condition(depth - 1) + ")";
        case 1: return Condition(depth - 1) + " and " + Condition(depth - 1);
        default: return "(" + Condition(depth - 1) + " or " + Condition(depth - 1) + ")";
      }
    }
    switch (random_.Below(8)) {
      case 0: return "count(order_placed) >= " + std::to_string(random_.Between(1, 3));
      case 1: return "contact.vip";
      case 2: return "\"t" + std::to_string(random_.Between(1, 2)) + "\" in contact.tags";
      case 3: return "exists(cart_abandoned within 1d)";
      case 4: return "contact.consent.sms";
      case 5: return "buyers";
      case 6: return "sum(order_placed.total within 3d) > " + std::to_string(random_.Between(1, 4) * 100) + " ILS";
      default: return "contact.first_name != null";
    }
  }

  std::string Data(const std::string& more = "") {
    std::string fields = trigger_data_;
    if (!more.empty()) fields += (fields.empty() ? "" : ", ") + more;
    if (fields.empty()) fields = "orders: count(order_placed)";
    return " { " + fields + " }";
  }

  std::string Send(const std::string& code = "") {
    const std::string data_code = code.empty() ? "" : "code: " + code;
    const std::string text_code = code.empty() ? "" : " {{" + code + "}}";
    switch (random_.Below(6)) {
      case 0:
      case 1: return "send email \"" + random_.Pick(kEmailTemplates) + "\"" + Data(data_code);
      case 2:
        return "send sms \"Hi {{contact.first_name ?? 'friend'}}, news " + std::to_string(random_.Below(100)) +
               text_code + "\"";
      case 3: return "send whatsapp template \"wa-1\"" + Data(data_code);
      case 4: return "send whatsapp \"Hello from " + name_ + text_code + "\"";
      default: return "send push \"push-1\"" + Data(data_code);
    }
  }

  void Line(int indent, const std::string& text, std::string& out) {
    out += std::string(static_cast<size_t>(indent) * 2, ' ') + text + "\n";
  }

  void Nested(int depth, int indent, std::string& out) {
    Block(depth + 1, indent + 1, out);
  }

  void Block(int depth, int indent, std::string& out) {
    const int steps = depth == 0 ? random_.Between(2, 6) : random_.Between(1, 3);
    for (int i = 0; i < steps; ++i) {
      const bool last = i + 1 == steps;
      const int roll = random_.Below(100);
      const bool may_nest = depth < 2;
      if (roll < 14) {
        Line(indent, random_.Chance(70) ? "wait " + std::to_string(random_.Between(1, 12)) + "h"
                                       : "wait " + std::to_string(random_.Between(10, 50)) + "m",
             out);
      } else if (roll < 18) {
        Line(indent, "wait until " + Clock(random_.Between(0, 23) * 3600), out);
      } else if (roll < 26 && may_nest) {
        WaitUntil(depth, indent, out);
      } else if (roll < 35 && may_nest) {
        Line(indent, "if " + Condition(1) + " {", out);
        Nested(depth, indent, out);
        if (random_.Chance(30)) {
          Line(indent, "} else if " + Condition(1) + " {", out);
          Nested(depth, indent, out);
        }
        if (random_.Chance(50)) {
          Line(indent, "} else {", out);
          Nested(depth, indent, out);
        }
        Line(indent, "}", out);
      } else if (roll < 39 && may_nest) {
        const int first = random_.Between(1, 9) * 10;
        Line(indent, "split " + std::to_string(first) + "% {", out);
        Nested(depth, indent, out);
        Line(indent, "} " + std::to_string(100 - first) + "% {", out);
        Nested(depth, indent, out);
        Line(indent, "}", out);
      } else if (roll < 66) {
        Line(indent, Send(), out);
      } else if (roll < 76) {
        const std::string let = "c" + std::to_string(lets_++);
        const std::string pool = random_.Pick(std::vector<std::string>{"pool_a", "pool_a", "pool_b", "pool_c"});
        Line(indent, "let " + let + " = issue coupon " + pool, out);
        if (random_.Chance(30)) Line(indent, "wait " + std::to_string(random_.Between(1, 6)) + "h", out);
        Line(indent, Send(let + ".code"), out);
      } else if (roll < 79) {
        Line(indent, "send sms \"Gift: {{(issue coupon pool_b).code}}\"", out);
      } else if (roll < 84) {
        Line(indent, std::string(random_.Chance(60) ? "tag" : "untag") + " contact \"t" +
                         std::to_string(random_.Between(1, 2)) + "\"",
             out);
      } else if (roll < 87) {
        Line(indent, random_.Chance(50) ? "set contact.vip = count(order_placed) >= 2" : "set contact.vip = false",
             out);
      } else if (roll < 90) {
        Line(indent, "notify \"staff@shop.example\" \"" + name_ + " for {{contact.id}}\"", out);
      } else if (roll < 94) {
        Line(indent, "score " + std::string(random_.Chance(70) ? "+" : "-") + std::to_string(random_.Between(1, 9)),
             out);
      } else if (roll < 97 && may_emit_) {
        Line(indent, "emit milestone { name: \"from-" + name_ + "\" }", out);
      } else if (last && depth > 0) {
        Line(indent, "exit", out);
      } else {
        Line(indent, Send(), out);
      }
    }
  }

  void WaitUntil(int depth, int indent, std::string& out) {
    const std::string within = " within " + std::to_string(random_.Between(1, 24)) + "h";
    std::string event;
    std::string text;
    switch (random_.Below(3)) {
      case 0:
        event = "order_placed";
        text = "wait until order_placed" + std::string(random_.Chance(40) ? " where total > 50 ILS" : "") + within;
        break;
      case 1:
        event = "message_opened";
        text = "wait until message_opened" + std::string(random_.Chance(30) ? " where channel == email" : "") + within;
        break;
      default:
        event = "message_clicked";
        text = "wait until message_clicked" + within;
        break;
    }
    Line(indent, text, out);
    if (random_.Chance(70)) {
      Line(indent + 1, "on " + event + " {", out);
      Block(depth + 1, indent + 2, out);
      Line(indent + 1, "}", out);
    }
    if (random_.Chance(70)) {
      Line(indent + 1, "on timeout {", out);
      Block(depth + 1, indent + 2, out);
      Line(indent + 1, "}", out);
    }
  }

  Random& random_;
  std::string name_;
  std::string trigger_data_;  // template data that reads the trigger's event
  bool may_emit_ = true;
  int lets_ = 0;
};

std::string Quote(const std::string& text) {
  std::string out;
  runtime::AppendJsonString(out, text);
  return out;
}

class EventWriter {
 public:
  EventWriter(Random& random, int journeys) : random_(random), journeys_(journeys) {}

  std::vector<GeneratedEvent> Write(int64_t start, int64_t& last) {
    const int contacts = random_.Between(4, 7);
    for (int c = 1; c <= contacts; ++c) zones_.push_back(random_.Pick(kZones));
    int64_t clock = start;
    // Most contacts say who they are first, so that messages can go out.
    for (int c = 1; c <= contacts; ++c) {
      if (random_.Chance(75)) Add(Identify(c, clock));
      clock += random_.Between(1, 30) * 60;
    }
    const int count = random_.Between(40, 90);
    for (int i = 0; i < count; ++i) {
      clock += random_.Between(1, 240) * 60;
      int64_t at = clock;
      const int timing = random_.Below(100);
      if (timing < 10) at -= random_.Between(1, 20) * 3600;       // out of order, within the lateness
      else if (timing < 14) at -= random_.Between(25, 60) * 3600;  // late
      if (!events_.empty() && random_.Chance(5)) {
        // A replay of an earlier event that had an id.
        std::vector<size_t> with_id;
        for (size_t e = 0; e < events_.size(); ++e) {
          if (!events_[e].id.empty()) with_id.push_back(e);
        }
        if (!with_id.empty()) {
          events_.push_back(events_[random_.Pick(with_id)]);
          continue;
        }
      }
      const int c = random_.Between(1, contacts);
      Add(AnyEvent(c, at));
    }
    last = clock;
    return std::move(events_);
  }

 private:
  static std::string ContactId(int c) { return "p-" + std::to_string(c); }

  void Add(GeneratedEvent event) {
    if (random_.Chance(30)) {
      event.id = "e-" + std::to_string(next_id_++);
      event.line = "{\"id\":" + Quote(event.id) + "," + event.line.substr(1);
    }
    events_.push_back(std::move(event));
  }

  GeneratedEvent Start(int c, int64_t at, const std::string& type) {
    GeneratedEvent event;
    event.contact = ContactId(c);
    event.at = at;
    event.line = "{\"type\":" + Quote(type) + ",\"contact\":" + Quote(event.contact) +
                 ",\"at\":" + Quote(runtime::FormatInstant(at));
    return event;
  }

  GeneratedEvent Identify(int c, int64_t at) {
    GeneratedEvent event = Start(c, at, "identify");
    std::string traits;
    auto add = [&traits](const std::string& name, const std::string& json) {
      traits += (traits.empty() ? "" : ",") + Quote(name) + ":" + json;
    };
    if (random_.Chance(80)) add("email", Quote(ContactId(c) + "@example.com"));
    if (random_.Chance(70)) add("phone", Quote("+9725000000" + std::to_string(10 + c)));
    if (random_.Chance(40)) add("first_name", Quote(random_.Chance(50) ? "Dana" : "נועה"));
    if (random_.Chance(20)) add("vip", random_.Chance(50) ? "true" : "false");
    const std::string& zone = zones_[static_cast<size_t>(c - 1)];
    if (!zone.empty()) {
      add("timezone", Quote(zone));
      event.timezone = zone;
    }
    if (random_.Chance(80)) {
      std::array<bool, 3> consent{};
      std::string record;
      for (size_t i = 0; i < consent.size(); ++i) {
        consent[i] = random_.Chance(60);
        record += (i == 0 ? "" : ",") + Quote(kConsentChannels[i]) + ":" + (consent[i] ? "true" : "false");
      }
      add("consent", "{" + record + "}");
      event.consent = consent;
    }
    event.line += ",\"traits\":{" + traits + "}}";
    return event;
  }

  GeneratedEvent AnyEvent(int c, int64_t at) {
    const int roll = random_.Below(100);
    if (roll < 14) return Identify(c, at);
    if (roll < 22) {
      GeneratedEvent event = Start(c, at, "unsubscribed");
      event.unsubscribed = random_.Pick(std::vector<std::string>{"email", "sms", "whatsapp", "push"});
      event.line += ",\"channel\":" + Quote(event.unsubscribed) + "}";
      return event;
    }
    if (roll < 44) {
      GeneratedEvent event = Start(c, at, "order_placed");
      event.line += ",\"order_id\":" + Quote("o-" + std::to_string(next_id_++)) + ",\"total\":\"" +
                    std::to_string(random_.Between(2, 60) * 10) + " ILS\"}";
      return event;
    }
    if (roll < 58) {
      GeneratedEvent event = Start(c, at, "cart_abandoned");
      event.line += ",\"cart_id\":" + Quote("k-" + std::to_string(next_id_++)) + ",\"value\":\"" +
                    std::to_string(random_.Between(5, 40) * 10) + ".50 ILS\"}";
      return event;
    }
    if (roll < 72) {
      GeneratedEvent event = Start(c, at, "page_viewed");
      event.line += ",\"url\":\"https://shop.example/p/" + std::to_string(random_.Below(20)) + "\"}";
      return event;
    }
    if (roll < 77) {
      GeneratedEvent event = Start(c, at, "milestone");
      event.line += ",\"name\":\"outside\"}";
      return event;
    }
    // Opens and clicks, mostly of messages the journeys send.
    GeneratedEvent event = Start(c, at, random_.Chance(60) ? "message_opened" : "message_clicked");
    const int journey = random_.Below(journeys_ + 1);
    const std::string name = journey == journeys_ ? "elsewhere" : "j" + std::to_string(journey);
    const std::string message = random_.Chance(80) ? random_.Pick(kEmailTemplates) : "push-1";
    event.line += ",\"channel\":" + Quote(message == "push-1" ? "push" : "email") + ",\"journey\":" + Quote(name) +
                  ",\"message\":" + Quote(message) + "}";
    return event;
  }

  Random& random_;
  int journeys_;
  std::vector<std::string> zones_;  // per contact, "" for the schema's
  std::vector<GeneratedEvent> events_;
  int next_id_ = 1;
};

}  // namespace

GeneratedCase GenerateCase(uint64_t seed) {
  Random random(seed);
  GeneratedCase generated;
  generated.schema_zone = "Asia/Jerusalem";
  generated.project = kSchema;

  if (random.Chance(60)) {
    GeneratedPolicy& policy = generated.policy;
    generated.project += "\npolicy {\n";
    if (random.Chance(70)) {
      policy.quiet_hours = true;
      const std::vector<std::pair<int, int>> spans = {{21, 9}, {22, 8}, {13, 14}};
      const auto& [from, to] = random.Pick(spans);
      policy.quiet_from = from * 3600;
      policy.quiet_to = to * 3600;
      generated.project += "  quiet hours " + Clock(policy.quiet_from) + " to " + Clock(policy.quiet_to) + "\n";
    }
    const std::vector<GeneratedPolicy::Cap> caps = {
        {"sms", 2, 86400}, {"email", 3, 86400}, {"whatsapp", 1, 2 * 86400}, {"all", 4, 12 * 3600}};
    for (const GeneratedPolicy::Cap& cap : caps) {
      if (!random.Chance(40)) continue;
      policy.caps.push_back(cap);
      generated.project += "  cap " + cap.channel + " " + std::to_string(cap.count) + " per " +
                           std::to_string(cap.period / 3600) + "h\n";
    }
    generated.project += "}\n";
  }

  const int journeys = random.Between(1, kJourneys);
  for (int j = 0; j < journeys; ++j) generated.project += "\n" + JourneyWriter(random, j).Write();

  int64_t last = 0;
  const int64_t start = *runtime::ParseRfc3339("2026-03-02T06:00:00Z");
  generated.events = EventWriter(random, journeys).Write(start, last);
  generated.end = last + 3 * 86400;
  return generated;
}

}  // namespace kairos::scenarios
