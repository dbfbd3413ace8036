#include "runtime/events/decode_value.h"

#include "runtime/events/scalars.h"

namespace kairos::runtime {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

bool Fail(std::string& reason, std::string message) {
  reason = std::move(message);
  return false;
}

bool AsString(element json, std::string_view& text) {
  return json.get_string().get(text) == simdjson::SUCCESS;
}

bool DecodeMoney(element json, const Type& type, StringPool& strings, const std::string& what,
                 Value& out, std::string& reason) {
  std::string_view text;
  MoneyText money;
  if (AsString(json, text)) {
    auto parsed = ParseMoneyText(text);
    if (!parsed) return Fail(reason, what + " is money: write \"349.90 ILS\" or {\"amount\":\"349.90\",\"currency\":\"ILS\"}");
    money = *parsed;
  } else if (json.type() == element_type::OBJECT) {
    std::string_view amount, currency;
    if (json["amount"].get_string().get(amount) != simdjson::SUCCESS ||
        json["currency"].get_string().get(currency) != simdjson::SUCCESS) {
      return Fail(reason, what + " needs \"amount\" and \"currency\" as strings, such as {\"amount\":\"349.90\",\"currency\":\"ILS\"}");
    }
    auto scaled = ParseScaledDecimal(amount);
    if (!scaled) return Fail(reason, what + " has amount \"" + std::string(amount) + "\", which is not a decimal with at most 4 places");
    money = {*scaled, std::string(currency)};
  } else {
    return Fail(reason, what + " is money: write \"349.90 ILS\" or {\"amount\":\"349.90\",\"currency\":\"ILS\"}");
  }
  if (!type.currency().empty() && money.currency != type.currency()) {
    return Fail(reason, what + " is in " + money.currency + " but the schema says " + type.currency());
  }
  out = Value::Money(money.scaled, strings.Intern(money.currency));
  return true;
}

bool DecodeText(element json, const Type& t, StringPool& strings, const std::string& what, Value& out,
                std::string& reason) {
  std::string_view text;
  if (!AsString(json, text)) return Fail(reason, what + " must be a string (" + t.ToString() + ")");
  std::optional<int64_t> scalar;
  switch (t.kind()) {
    case TypeKind::Date: scalar = ParseDate(text); break;
    case TypeKind::Time: scalar = ParseTimeOfDay(text); break;
    case TypeKind::Timestamp: scalar = ParseRfc3339(text); break;
    case TypeKind::Duration: scalar = ParseDuration(text); break;
    case TypeKind::Enum: {
      const Symbol* e = t.symbol();
      for (size_t i = 0; e != nullptr && i < e->members.size(); ++i) {
        if (e->members[i]->name == text) scalar = static_cast<int64_t>(i);
      }
      if (!scalar) {
        return Fail(reason, what + " is \"" + std::string(text) + "\", which is not one of " + t.ToString());
      }
      break;
    }
    default: scalar = strings.Intern(text); break;
  }
  if (!scalar) {
    static constexpr const char* kExamples[] = {"2026-03-01", "09:00", "2026-03-01T10:00:00Z", "PT45S or 45s"};
    const char* example = t.is(TypeKind::Date)   ? kExamples[0]
                          : t.is(TypeKind::Time) ? kExamples[1]
                          : t.is(TypeKind::Timestamp) ? kExamples[2]
                                                      : kExamples[3];
    return Fail(reason, what + " is \"" + std::string(text) + "\", which is not a " + t.ToString() +
                            " (such as " + example + ")");
  }
  out = Value::Scalar(*scalar);
  return true;
}

}  // namespace

bool DecodeValue(element json, const Type& type, StringPool& strings, const std::string& what, Value& out,
                 std::string& reason) {
  if (json.is_null()) {
    if (type.is_optional()) {
      out = Value::Null();
      return true;
    }
    return Fail(reason, what + " is null but is not optional (" + type.ToString() + ")");
  }
  const Type& t = type.NonOptional();
  switch (t.kind()) {
    case TypeKind::Bool: {
      bool b = false;
      if (json.get_bool().get(b) != simdjson::SUCCESS) return Fail(reason, what + " must be true or false");
      out = Value::Scalar(b ? 1 : 0);
      return true;
    }
    case TypeKind::Int: {
      int64_t n = 0;
      if (json.get_int64().get(n) != simdjson::SUCCESS) return Fail(reason, what + " must be a whole number");
      out = Value::Scalar(n);
      return true;
    }
    case TypeKind::Decimal:
    case TypeKind::Percent: {
      std::string_view text;
      int64_t whole = 0;
      std::optional<int64_t> scaled;
      if (AsString(json, text)) {
        scaled = ParseScaledDecimal(text);
      } else if (json.get_int64().get(whole) == simdjson::SUCCESS) {
        scaled = whole * 10000;
      } else {
        // A JSON number with a fraction: its shortest text is what the sender wrote.
        double d = 0;
        if (json.get_double().get(d) == simdjson::SUCCESS) {
          std::string printed = simdjson::minify(json);
          scaled = ParseScaledDecimal(printed);
        }
      }
      if (!scaled) return Fail(reason, what + " must be a decimal with at most 4 places, such as \"12.5\"");
      out = Value::Scalar(*scaled);
      return true;
    }
    case TypeKind::Money: return DecodeMoney(json, t, strings, what, out, reason);
    case TypeKind::List:
    case TypeKind::Set: {
      simdjson::dom::array array;
      if (json.get_array().get(array) != simdjson::SUCCESS) return Fail(reason, what + " must be a JSON array");
      Value list;
      list.kind = Value::Kind::List;
      size_t i = 0;
      for (element item : array) {
        Value decoded;
        if (!DecodeValue(item, t.element(), strings, what + "[" + std::to_string(i) + "]", decoded, reason)) {
          return false;
        }
        list.elements.push_back(std::move(decoded));
        ++i;
      }
      out = std::move(list);
      return true;
    }
    case TypeKind::Record: {
      simdjson::dom::object object;
      if (json.get_object().get(object) != simdjson::SUCCESS || t.symbol() == nullptr) {
        return Fail(reason, what + " must be a JSON object");
      }
      for (auto [key, value] : object) {
        if (t.symbol()->FindMember(key) == nullptr) {
          return Fail(reason, what + " has no field `" + std::string(key) + "`");
        }
      }
      Value record;
      record.kind = Value::Kind::Record;
      for (const Symbol* field : t.symbol()->members) {
        element value;
        Value decoded;
        const std::string field_what = what + "." + field->name;
        if (object[field->name].get(value) != simdjson::SUCCESS) {
          if (!field->type.is_optional()) return Fail(reason, field_what + " is missing");
        } else if (!DecodeValue(value, field->type, strings, field_what, decoded, reason)) {
          return false;
        }
        record.elements.push_back(std::move(decoded));
      }
      out = std::move(record);
      return true;
    }
    default: return DecodeText(json, t, strings, what, out, reason);
  }
}

}  // namespace kairos::runtime
