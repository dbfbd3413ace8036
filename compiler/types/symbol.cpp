#include "compiler/types/symbol.h"

namespace kairos {

std::string_view SymbolKindName(SymbolKind kind) {
  switch (kind) {
    case SymbolKind::Record: return "record";
    case SymbolKind::Event: return "event";
    case SymbolKind::Field: return "field";
    case SymbolKind::Enum: return "enum";
    case SymbolKind::EnumValue: return "enum value";
    case SymbolKind::Segment: return "segment";
    case SymbolKind::Parameter: return "parameter";
    case SymbolKind::Builtin: return "function";
    case SymbolKind::Journey: return "journey";
    case SymbolKind::Campaign: return "campaign";
    case SymbolKind::Coupon: return "coupon pool";
    case SymbolKind::Popup: return "popup";
    case SymbolKind::Policy: return "policy";
    case SymbolKind::Intrinsic: return "function";
    case SymbolKind::Property: return "property";
    case SymbolKind::Local: return "local name";
    case SymbolKind::Implicit: return "built-in name";
  }
  return "name";
}

const Symbol* Symbol::FindMember(std::string_view member) const {
  for (const Symbol* m : members) {
    if (m->name == member) return m;
  }
  return nullptr;
}

std::vector<std::string> Symbol::MemberNames() const {
  std::vector<std::string> names;
  names.reserve(members.size());
  for (const Symbol* m : members) names.push_back(m->name);
  return names;
}

}  // namespace kairos
