// The shop's schema as the checker resolved it: the default currency and
// zone, and the contact, product, record and event types every other
// declaration is checked against. Built from every `schema` and `extend schema`
// block of a project (the prelude's built-in events included).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source_file.h"
#include "compiler/types/symbol.h"

namespace kairos {

struct Schema {
  bool declared = false;     // the project has its `schema` block
  std::string name;          // `schema shop`: "shop"
  SourceRange name_range;
  std::string currency;      // ISO 4217 code; "" when the schema names none
  SourceRange currency_range;
  std::string timezone;      // IANA zone; "" when the schema names none
  SourceRange timezone_range;

  const Symbol* contact = nullptr;  // always present (empty when not declared)
  const Symbol* product = nullptr;  // always present (empty when not declared)
  const Symbol* channel = nullptr;  // the built-in enum { email, sms, whatsapp, push, webhook }
  std::vector<const Symbol*> records;  // `record` declarations, in project order
  std::vector<const Symbol*> events;   // the prelude's and the project's, in project order

  const Symbol* FindEvent(std::string_view name) const;
  const Symbol* FindRecord(std::string_view name) const;
  std::vector<std::string> EventNames() const;
};

}  // namespace kairos
