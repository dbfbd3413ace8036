#include "tests/differential/history_generator.h"

#include <algorithm>
#include <cstdio>

#include "compiler/syntax/ast.h"
#include "compiler/types/symbol.h"

namespace kairos::differential {
namespace {

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

class HistoryGenerator {
 public:
  HistoryGenerator(const World& world, Choices& choices) : world_(world), choices_(choices) {}

  // An instant near the world's: on an anchor (to the second, or one off),
  // at another event's time, or anywhere in the last months.
  int64_t Instant() {
    const int kind = static_cast<int>(choices_.Weighted({35, times_.empty() ? 0 : 12, 53}));
    int64_t at = 0;
    if (kind == 0) {
      at = choices_.Pick(world_.anchors) + choices_.Between(-1, 1);
    } else if (kind == 1) {
      at = choices_.Pick(times_);
    } else {
      at = world_.now + choices_.Between(-120 * 86'400, 4 * 86'400);
    }
    times_.push_back(at);
    return at;
  }

  std::string InstantJson(int64_t at) {
    if (choices_.Chance(70)) return JsonString(InstantText(at));
    // The same instant with an offset of -05:00.
    std::string text = InstantText(at - 5 * 3'600);
    return JsonString(text.substr(0, text.size() - 1) + "-05:00");
  }

  // A number scaled by 10^4 as JSON: a string, a whole number or a fraction.
  std::string ScaledJson(int64_t scaled) {
    const int form = static_cast<int>(choices_.Below(3));
    if (form == 1 && scaled % 10'000 == 0) return std::to_string(scaled / 10'000);
    if (form == 2) return ScaledText(scaled);
    return JsonString(ScaledText(scaled));
  }

  std::string Value(const Type& type, const std::string& field) {
    const Type& t = type.NonOptional();
    switch (t.kind()) {
      case TypeKind::Bool: return choices_.Chance(50) ? "true" : "false";
      case TypeKind::Int: {
        static const std::vector<int64_t> kInts = {0, 1, 2, 3, 5, 7, 10, 12, 42, 100, 1000, 2026, -1, -3};
        return std::to_string(choices_.Chance(70) ? choices_.Pick(kInts)
                                                  : choices_.Between(-kMaxIntField, kMaxIntField));
      }
      case TypeKind::Decimal: {
        static const std::vector<int64_t> kDecimals = {0, 5'000, 12'500, 35'000, 1, 123'456, 999'900, -25'000};
        return ScaledJson(choices_.Chance(60) ? choices_.Pick(kDecimals)
                                              : choices_.Between(-kMaxDecimalField, kMaxDecimalField));
      }
      case TypeKind::Percent: {
        static const std::vector<int64_t> kPercents = {0, 50'000, 100'000, 125'000, 333'300, 1'000'000};
        return ScaledJson(choices_.Chance(60) ? choices_.Pick(kPercents) : choices_.Between(0, kMaxPercentField));
      }
      case TypeKind::Money: {
        static const std::vector<int64_t> kAmounts = {0, 100, 99'900, 500'000, 1'000'000, 1'005'000, 3'333'300,
                                                      3'333'400, 10'000'000, 4'000'000, -500'000};
        const int64_t amount = choices_.Chance(60) ? choices_.Pick(kAmounts)
                                                   : choices_.Between(-kMaxMoneyField / 10, kMaxMoneyField);
        if (choices_.Chance(70)) return JsonString(ScaledText(amount) + " ILS");
        return R"({"amount":)" + JsonString(ScaledText(amount)) + R"(,"currency":"ILS"})";
      }
      case TypeKind::Duration: {
        const int64_t seconds = choices_.Chance(50) ? choices_.Pick(world_.durations)
                                                    : choices_.Between(0, kMaxDurationField);
        const int form = static_cast<int>(choices_.Below(3));
        if (form == 0) return JsonString("PT" + std::to_string(seconds) + "S");
        if (form == 1) return JsonString(DurationText(seconds));
        return JsonString(std::to_string(seconds) + "s");
      }
      case TypeKind::Timestamp: return InstantJson(Instant());
      case TypeKind::Date: {
        // Near the world's days, or a birthday.
        const int64_t days = choices_.Chance(60) ? Instant() / 86'400 : choices_.Between(-7'300, 14'600);
        return JsonString(DateText(days));
      }
      case TypeKind::Time: {
        char buffer[16];
        const int64_t s = choices_.Chance(50) ? choices_.Between(0, 23) * 3'600 : choices_.Between(0, 86'399);
        std::snprintf(buffer, sizeof buffer, choices_.Chance(50) ? "%02lld:%02lld" : "%02lld:%02lld:%02lld",
                      static_cast<long long>(s / 3'600), static_cast<long long>(s / 60 % 60),
                      static_cast<long long>(s % 60));
        return JsonString(buffer);
      }
      case TypeKind::Enum: return JsonString(choices_.Pick(t.symbol()->members)->name);
      case TypeKind::List:
      case TypeKind::Set: {
        const int n = static_cast<int>(choices_.Between(0, kMaxListSize));
        std::vector<std::string> items;
        for (int i = 0; i < n; ++i) {
          std::string item = Value(t.element(), field);
          // A set holds each value once.
          if (t.is(TypeKind::Set) && std::find(items.begin(), items.end(), item) != items.end()) continue;
          items.push_back(std::move(item));
        }
        std::string out = "[";
        for (size_t i = 0; i < items.size(); ++i) out += (i > 0 ? "," : "") + items[i];
        return out + "]";
      }
      case TypeKind::Record: return Record(*t.symbol(), false);
      default:
        if (field == "timezone") return JsonString(choices_.Pick(ZoneNames()));
        return JsonString(choices_.Pick(Words()));
    }
  }

  // The fields of `record` as JSON members (without braces): each present,
  // missing or null as its type allows; `sparse` leaves out most fields.
  std::string Members(const Symbol& record, bool sparse, bool skip_envelope) {
    std::string out;
    for (const Symbol* field : record.members) {
      if (skip_envelope && (field->name == "at" || field->name == "contact")) continue;
      if (field->field != nullptr && field->field->is_key) continue;
      const bool optional = field->type.is_optional();
      if (sparse && choices_.Chance(50)) continue;
      if (optional && choices_.Chance(20)) continue;
      const std::string value = optional && choices_.Chance(12) ? "null" : Value(field->type, field->name);
      out += (out.empty() ? "" : ",") + JsonString(field->name) + ":" + value;
    }
    return out;
  }

  std::string Record(const Symbol& record, bool sparse) { return "{" + Members(record, sparse, false) + "}"; }

  void ResetTimes() { times_.clear(); }

 private:
  const World& world_;
  Choices& choices_;
  std::vector<int64_t> times_;  // this contact's instants so far, for ties
};

std::string Envelope(const std::string& type, const std::string& contact, const std::string& at) {
  return R"({"type":)" + JsonString(type) + R"(,"contact":)" + JsonString(contact) + R"(,"at":)" + at;
}

}  // namespace

GeneratedHistory GenerateHistory(const SchemaModel& schema, const World& world, Choices& choices,
                                 const HistoryOptions& options) {
  GeneratedHistory history;
  HistoryGenerator generator(world, choices);
  // Every line with its contact, shuffled together at the end.
  std::vector<std::pair<size_t, std::string>> lines;
  for (int i = 0; i < options.contacts; ++i) {
    GeneratedContact contact;
    // A few contacts are named like the words segments compare with.
    contact.id = choices.Chance(10) ? choices.Pick(Words()) : "c" + std::to_string(i);
    if (contact.id.empty() || std::any_of(history.contacts.begin(), history.contacts.end(),
                                          [&](const GeneratedContact& c) { return c.id == contact.id; })) {
      contact.id = "c" + std::to_string(i);
    }
    const size_t index = history.contacts.size();
    generator.ResetTimes();
    // A full profile, a partial one, an empty one, or none (an anonymous visitor).
    const int profile = static_cast<int>(choices.Weighted({65, 15, 5, 15}));
    const int identifies = profile == 3 ? 0 : choices.Chance(15) ? 2 : 1;
    for (int k = 0; k < identifies; ++k) {
      const std::string traits = profile == 2 ? "" : generator.Members(*schema.schema().contact, profile == 1 || k > 0, false);
      lines.emplace_back(index, Envelope("identify", contact.id, generator.InstantJson(generator.Instant())) +
                                    R"(,"traits":{)" + traits + "}}");
    }
    for (const Symbol* event : schema.schema().events) {
      if (!choices.Chance(IsSchemaEvent(event->name) ? 60 : 12)) continue;
      const int64_t count = choices.Chance(80) ? choices.Between(1, 4) : choices.Between(5, kMaxEventsPerType);
      for (int64_t e = 0; e < count; ++e) {
        const std::string members = generator.Members(*event, false, true);
        lines.emplace_back(index, Envelope(event->name, contact.id, generator.InstantJson(generator.Instant())) +
                                      (members.empty() ? "" : "," + members) + "}");
      }
    }
    history.contacts.push_back(std::move(contact));
  }
  // One contact the engine has never heard of.
  history.contacts.push_back({"never_seen", {}});

  for (size_t i = lines.size(); i > 1; --i) std::swap(lines[i - 1], lines[choices.Below(i)]);
  for (auto& [index, line] : lines) {
    history.jsonl += line + "\n";
    history.contacts[index].lines.push_back(std::move(line));
  }
  return history;
}

}  // namespace kairos::differential
