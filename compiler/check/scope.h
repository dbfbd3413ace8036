// Names visible at a point of a declaration: a chain of scopes from the
// innermost (an event's fields inside `where`, a block's `let`s) out to the
// project's globals (segments, events, functions).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "compiler/types/symbol.h"

namespace kairos {

class Scope {
 public:
  explicit Scope(const Scope* parent = nullptr) : parent_(parent) {}

  void Add(std::string name, const Symbol* symbol) {
    names_.emplace_back(std::move(name), symbol);
    if (!index_.empty()) {
      index_[names_.back().first] = symbol;
    } else if (names_.size() == kIndexFrom) {
      // The project's globals can number thousands: look them up by hash.
      for (const auto& [key, value] : names_) index_[key] = value;
    }
  }
  // Every member of a record or event, by name.
  void AddMembers(const Symbol& record) {
    for (const Symbol* member : record.members) Add(member->name, member);
  }

  // The innermost symbol of that name, or null.
  const Symbol* Find(std::string_view name) const {
    for (const Scope* scope = this; scope != nullptr; scope = scope->parent_) {
      if (!scope->index_.empty()) {
        auto found = scope->index_.find(std::string(name));
        if (found != scope->index_.end()) return found->second;
        continue;
      }
      for (auto it = scope->names_.rbegin(); it != scope->names_.rend(); ++it) {
        if (it->first == name) return it->second;
      }
    }
    return nullptr;
  }

  // Every visible name, innermost first (for "did you mean").
  std::vector<std::string> VisibleNames() const {
    std::vector<std::string> names;
    for (const Scope* scope = this; scope != nullptr; scope = scope->parent_) {
      for (const auto& entry : scope->names_) names.push_back(entry.first);
    }
    return names;
  }

 private:
  // Small scopes (an event's fields, a block's `let`s) are scanned; larger ones
  // are indexed. A later name shadows an earlier one in both.
  static constexpr size_t kIndexFrom = 32;

  const Scope* parent_;
  std::vector<std::pair<std::string, const Symbol*>> names_;
  std::unordered_map<std::string, const Symbol*> index_;
};

}  // namespace kairos
