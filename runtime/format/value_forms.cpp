#include "runtime/format/value_forms.h"

#include "compiler/base/scalars.h"
#include "compiler/types/symbol.h"
#include "runtime/format/text_forms.h"

namespace kairos::runtime {
namespace {

std::string ClockText(int64_t seconds) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%02lld:%02lld", static_cast<long long>(seconds / 3600),
                static_cast<long long>(seconds / 60 % 60));
  std::string text = buffer;
  if (seconds % 60 != 0) {
    std::snprintf(buffer, sizeof buffer, ":%02lld", static_cast<long long>(seconds % 60));
    text += buffer;
  }
  return text;
}

std::string IsoDuration(int64_t seconds) {
  if (seconds < 0) return "-" + IsoDuration(-seconds);
  return "PT" + std::to_string(seconds) + "S";
}

// The text of a scalar, or "" when the type is not a scalar's.
std::string ScalarText(const Value& value, const Type& t, const StringPool& strings) {
  switch (t.kind()) {
    case TypeKind::Bool: return value.scalar != 0 ? "true" : "false";
    case TypeKind::Int: return std::to_string(value.scalar);
    case TypeKind::Decimal: return FormatScaled(value.scalar, 0);
    case TypeKind::Percent: return FormatScaled(value.scalar * 100, 0) + "%";
    case TypeKind::Money: {
      const std::string& currency = strings.Text(value.currency);
      return FormatScaled(value.scalar, 2) + (currency.empty() ? "" : " " + currency);
    }
    case TypeKind::Date: return scalars::FormatDate(value.scalar);
    case TypeKind::Time: return ClockText(value.scalar);
    case TypeKind::Timestamp: return FormatInstant(value.scalar);
    case TypeKind::Duration: return IsoDuration(value.scalar);
    case TypeKind::Enum: {
      const Symbol* e = t.symbol();
      const auto index = static_cast<size_t>(value.scalar);
      return e != nullptr && index < e->members.size() ? e->members[index]->name : "";
    }
    default: return strings.Text(static_cast<uint32_t>(value.scalar));
  }
}

// The type of member `i` of a record type (a record, event or the contact).
Type MemberType(const Type& record, size_t i) {
  const Symbol* symbol = record.symbol();
  if (symbol == nullptr || i >= symbol->members.size()) return Type::Error();
  return symbol->members[i]->type;
}

}  // namespace

void AppendValueJson(std::string& out, const Value& value, const Type& type, const StringPool& strings) {
  if (value.is_null()) {
    out += "null";
    return;
  }
  const Type& t = type.NonOptional();
  if (t.is(TypeKind::List) || t.is(TypeKind::Set)) {
    out += '[';
    for (size_t i = 0; i < value.elements.size(); ++i) {
      if (i > 0) out += ',';
      AppendValueJson(out, value.elements[i], t.element(), strings);
    }
    out += ']';
    return;
  }
  if (t.is(TypeKind::Coupon)) {
    out += "{\"code\":";
    if (value.elements.size() > ir::kCouponExpiresAt) {
      AppendValueJson(out, value.elements[ir::kCouponCode], Type::String(), strings);
      out += ",\"expires_at\":";
      AppendValueJson(out, value.elements[ir::kCouponExpiresAt], Type::Timestamp(), strings);
    }
    out += '}';
    return;
  }
  if (value.kind == Value::Kind::Record) {
    const Symbol* symbol = t.symbol();
    out += '{';
    for (size_t i = 0; i < value.elements.size(); ++i) {
      if (i > 0) out += ',';
      AppendJsonString(out, symbol != nullptr && i < symbol->members.size() ? symbol->members[i]->name
                                                                              : std::to_string(i));
      out += ':';
      AppendValueJson(out, value.elements[i], MemberType(t, i), strings);
    }
    out += '}';
    return;
  }
  if (t.is(TypeKind::Bool) || t.is(TypeKind::Int)) {
    out += ScalarText(value, t, strings);
    return;
  }
  AppendJsonString(out, ScalarText(value, t, strings));
}

std::string ValueText(const Value& value, const Type& type, const StringPool& strings) {
  if (value.is_null()) return "";
  const Type& t = type.NonOptional();
  if (t.is(TypeKind::List) || t.is(TypeKind::Set)) {
    std::string text;
    for (size_t i = 0; i < value.elements.size(); ++i) {
      if (i > 0) text += ", ";
      text += ValueText(value.elements[i], t.element(), strings);
    }
    return text;
  }
  if (value.kind == Value::Kind::Record) {
    std::string json;
    AppendValueJson(json, value, t, strings);
    return json;
  }
  return ScalarText(value, t, strings);
}

}  // namespace kairos::runtime
