// Names in scope, literals and the generator's plumbing.
#include <algorithm>
#include <cmath>

#include "compiler/types/symbol.h"
#include "tests/differential/expr_generator.h"

namespace kairos::differential {

std::string Wrap(const Gen& g, int level) { return g.level >= level ? g.text : "(" + g.text + ")"; }

ExprGenerator::ExprGenerator(const Schema& schema, const World& world, Choices& choices)
    : schema_(schema), world_(world), choices_(choices) {
  auto add_enum = [&](const Type& t) {
    const Type& e = t.NonOptional();
    if (e.is(TypeKind::Enum) && std::find(enums_.begin(), enums_.end(), e) == enums_.end()) enums_.push_back(e);
  };
  for (const Symbol* field : schema.contact->members) add_enum(field->type);
  for (const Symbol* event : schema.events) {
    for (const Symbol* field : event->members) add_enum(field->type);
  }
}

void ExprGenerator::SetContext(std::vector<Callable> callable, std::vector<Param> params) {
  callable_ = std::move(callable);
  params_ = std::move(params);
  layers_.clear();
  history_nesting_ = 0;
  list_nesting_ = 0;
}

std::optional<Gen> ExprGenerator::OneOf(std::vector<std::pair<int, Production>> productions) {
  std::vector<int> weights;
  for (const auto& p : productions) weights.push_back(p.first);
  for (size_t tries = 0; tries < productions.size(); ++tries) {
    const size_t i = choices_.Weighted(weights);
    if (weights[i] <= 0) break;
    if (std::optional<Gen> g = productions[i].second()) return g;
    weights[i] = 0;
    if (std::none_of(weights.begin(), weights.end(), [](int w) { return w > 0; })) break;
  }
  return std::nullopt;
}

double ExprGenerator::DataBound(const Type& type) {
  switch (type.NonOptional().kind()) {
    case TypeKind::Int: return kMaxIntField;
    case TypeKind::Decimal: return kMaxDecimalField;
    case TypeKind::Money: return kMaxMoneyField;
    case TypeKind::Percent: return kMaxPercentField;
    case TypeKind::Duration: return kMaxDurationField;
    case TypeKind::Timestamp: return kMaxInstant;
    case TypeKind::Date: return kMaxDate;
    case TypeKind::Time: return 86'400;
    default: return 0;
  }
}

const Symbol* ExprGenerator::WhereEvent() const {
  for (auto it = layers_.rbegin(); it != layers_.rend(); ++it) {
    if (it->event != nullptr) return it->event;
  }
  return nullptr;
}

// Whether a bare `name` meant for layer `layer` would resolve to an inner one.
bool ExprGenerator::Shadowed(const std::string& name, size_t layer) const {
  for (size_t j = layer + 1; j < layers_.size(); ++j) {
    const Layer& inner = layers_[j];
    if (inner.event != nullptr) {
      if (inner.event->FindMember(name) != nullptr) return true;
      continue;
    }
    if (name == "it") return true;
    const Type& element = inner.element.NonOptional();
    if (element.is(TypeKind::Record) && element.symbol()->FindMember(name) != nullptr) return true;
  }
  return false;
}

std::vector<Gen> ExprGenerator::Leaves() const {
  std::vector<Gen> leaves;
  int layer = kClockNames;  // where the names being added come from
  auto add = [&](std::string text, const Type& type, bool safe) {
    leaves.push_back({std::move(text), type, kPostfix, safe, DataBound(type), false, layer});
  };
  // Fields of a record reached through `prefix`; `optional` when the record may be missing.
  auto add_members = [&](const std::string& prefix, const Symbol& record, bool optional) {
    for (const Symbol* field : record.members) {
      if (optional) {
        add(prefix + "?." + field->name, Type::Optional(field->type), true);
      } else {
        add(prefix + "." + field->name, field->type, false);
      }
    }
  };
  add("now", Type::Timestamp(), false);
  add("today", Type::Date(), false);
  layer = kContactNames;
  for (const Symbol* field : schema_.contact->members) {
    const std::string text = "contact." + field->name;
    add(text, field->type, false);
    const Type& t = field->type.NonOptional();
    if (t.is(TypeKind::Record)) add_members(text, *t.symbol(), field->type.is_optional());
  }
  layer = kParamNames;
  for (const Param& param : params_) add(param.name, param.type, false);

  // Only the innermost `where` is offered: a bare field of an outer event
  // would be read from the inner event's row (see README.md).
  const Symbol* event = WhereEvent();
  for (size_t i = 0; i < layers_.size(); ++i) {
    const Layer& scope = layers_[i];
    layer = static_cast<int>(i);
    if (scope.event != nullptr) {
      if (scope.event != event) continue;
      for (const Symbol* field : event->members) {
        if (field->name == "contact" || Shadowed(field->name, i)) continue;
        add(field->name, field->type, false);
      }
      continue;
    }
    const Type& element = scope.element;
    const bool innermost_element = std::none_of(layers_.begin() + static_cast<std::ptrdiff_t>(i) + 1, layers_.end(),
                                                [](const Layer& l) { return l.event == nullptr; });
    if (innermost_element) {
      add("it", element, false);
      if (element.is(TypeKind::Record)) add_members("it", *element.symbol(), false);
    }
    if (!element.is(TypeKind::Record)) continue;
    for (const Symbol* field : element.symbol()->members) {
      if (!Shadowed(field->name, i)) add(field->name, field->type, false);
    }
  }
  return leaves;
}

namespace {

// Whether a value of `candidate` serves where `wanted` is asked for: the same
// type, any text type for `string`.
bool Fits(const Type& wanted, const Type& candidate) {
  if (wanted.is(TypeKind::String)) return candidate.is_string_like();
  return wanted == candidate;
}

}  // namespace

std::optional<Gen> ExprGenerator::Leaf(const Type& type, bool optional) const {
  std::vector<Gen> found;
  for (Gen& leaf : Leaves()) {
    if (leaf.type.is_optional() != optional || !Fits(type, leaf.type.NonOptional())) continue;
    found.push_back(std::move(leaf));
  }
  if (found.empty()) return std::nullopt;
  // By where the names come from, so that parameters and, inside `where` and
  // list functions, the event's or the element's own fields are used often.
  const int innermost = layers_.empty() ? kNoLayer : static_cast<int>(layers_.size()) - 1;
  std::vector<std::vector<Gen>> groups(5);
  for (Gen& g : found) {
    const size_t group = g.layer == innermost           ? 0
                         : g.layer == kParamNames       ? 1
                         : g.layer == kContactNames     ? 2
                         : g.layer == kClockNames       ? 3
                                                        : 4;
    groups[group].push_back(std::move(g));
  }
  std::vector<int> weights = {60, 30, 40, 8, 15};
  for (size_t i = 0; i < groups.size(); ++i) {
    if (groups[i].empty()) weights[i] = 0;
  }
  std::vector<Gen>& group = groups[choices_.Weighted(weights)];
  return group[choices_.Below(group.size())];
}

std::optional<Gen> ExprGenerator::NearbyLeaf(const std::function<bool(const Type&)>& fits) const {
  const int innermost = layers_.empty() ? kNoLayer : static_cast<int>(layers_.size()) - 1;
  std::vector<Gen> found;
  for (Gen& leaf : Leaves()) {
    if ((leaf.layer == innermost || leaf.layer == kParamNames) && fits(leaf.type.NonOptional())) {
      found.push_back(std::move(leaf));
    }
  }
  if (found.empty()) return std::nullopt;
  return found[choices_.Below(found.size())];
}

Gen ExprGenerator::Literal(const Type& type) {
  Gen g;
  g.type = type;
  g.level = kUnary;
  g.literal = true;
  auto scaled = [&](const std::vector<int64_t>& pool) {
    return choices_.Chance(70) ? choices_.Pick(pool) : choices_.Between(-2'000'000, 20'000'000);
  };
  switch (type.kind()) {
    case TypeKind::Bool:
      g.text = choices_.Chance(50) ? "true" : "false";
      break;
    case TypeKind::Int: {
      static const std::vector<int64_t> kInts = {0, 1, 2, 3, 5, 7, 10, 12, 42, 100, 1000, 2026, -1, -3};
      const int64_t v = choices_.Chance(75) ? choices_.Pick(kInts) : choices_.Between(-50, 20'000);
      g.text = std::to_string(v);
      if (v == 1000 && choices_.Chance(50)) g.text = "1_000";
      g.bound = std::abs(static_cast<double>(v));
      break;
    }
    case TypeKind::Decimal: {
      static const std::vector<int64_t> kDecimals = {5'000, 12'500, 35'000, 1, 123'456, 999'900, 10'000'000, -25'000, 0};
      const int64_t v = scaled(kDecimals);
      g.text = ScaledText(v);
      if (g.text.find('.') == std::string::npos) g.text += ".0";
      g.bound = std::abs(static_cast<double>(v));
      break;
    }
    case TypeKind::Money: {
      static const std::vector<int64_t> kAmounts = {0, 100, 99'900, 500'000, 1'000'000, 1'005'000, 3'333'300,
                                                    10'000'000, 4'000'000, 20'000'000, -500'000};
      const int64_t v = scaled(kAmounts);
      const std::string amount = ScaledText(v < 0 ? -v : v);
      const bool ils = type.currency() == "ILS";
      if (choices_.Chance(30)) {
        g.text = std::string(ils ? "₪" : "€") + amount;
      } else {
        g.text = amount + " " + type.currency();
      }
      if (v < 0) g.text = "-" + g.text;
      g.bound = std::abs(static_cast<double>(v));
      break;
    }
    case TypeKind::Percent: {
      static const std::vector<int64_t> kPercents = {0, 50'000, 100'000, 125'000, 333'300, 1'000'000, 1'500'000};
      const int64_t v = choices_.Chance(80) ? choices_.Pick(kPercents) : choices_.Between(0, 2'000'000);
      g.text = ScaledText(v) + "%";
      g.bound = static_cast<double>(v);
      break;
    }
    case TypeKind::Duration: {
      const int64_t v = choices_.Chance(80) ? choices_.Pick(world_.durations) : choices_.Between(1, 40 * 86'400);
      g.text = DurationText(v);
      if (choices_.Chance(30)) g.text.erase(std::remove(g.text.begin(), g.text.end(), ' '), g.text.end());
      g.bound = static_cast<double>(v);
      break;
    }
    case TypeKind::Timestamp: {
      const int64_t at = choices_.Pick(world_.anchors) + (choices_.Chance(20) ? choices_.Between(-1, 1) : 0);
      const int form = static_cast<int>(choices_.Below(3));
      if (form == 0) {
        g.text = InstantText(at);
      } else if (form == 1) {
        // The same instant written with an offset of +02:00.
        std::string text = InstantText(at + 7'200);
        g.text = text.substr(0, text.size() - 1) + "+02:00";
      } else {
        // A wall-clock time in the schema's zone.
        std::string text = InstantText(at);
        g.text = text.substr(0, 10) + " " + text.substr(11, choices_.Chance(50) ? 5 : 8);
      }
      g.bound = kMaxInstant;
      break;
    }
    case TypeKind::Date: {
      const int64_t days = choices_.Chance(70) ? choices_.Pick(world_.anchors) / 86'400
                                               : choices_.Between(-5'000, 25'000);
      g.text = DateText(days);
      g.bound = kMaxDate;
      break;
    }
    case TypeKind::Time: {
      static const std::vector<std::string> kTimes = {"09:00", "9:00", "00:00", "21:30:15", "23:59:59", "12:00"};
      g.text = choices_.Pick(kTimes);
      g.bound = 86'400;
      break;
    }
    case TypeKind::Enum: {
      g.text = choices_.Pick(type.symbol()->members)->name;
      g.level = kPostfix;
      break;
    }
    default: {
      // Text: one of the shared words, as an ordinary or a triple-quoted string.
      const std::string& word = choices_.Pick(Words());
      const bool plain = word.find('\\') == std::string::npos && word.find('"') == std::string::npos;
      if (plain && choices_.Chance(15)) {
        g.text = "\"\"\"" + word + "\"\"\"";
      } else {
        g.text = "\"";
        for (char c : word) {
          if (c == '"' || c == '\\') g.text += '\\';
          if (c == '\n') {
            g.text += "\\n";
            continue;
          }
          g.text += c;
        }
        g.text += "\"";
      }
      g.type = Type::String();
      break;
    }
  }
  return g;
}

}  // namespace kairos::differential
