// Synthetic contacts (synthetic.h) put into the engine's contact histories.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bench/engine/synthetic.h"
#include "compiler/ir/ir.h"
#include "runtime/history/history.h"

namespace kairos::bench {

// Puts synthetic contacts into a HistoryStore of a program lowered from
// bench.journey; field, event and enum positions are resolved by name once
// (a program that does not match is a bug of the benchmark: it aborts).
class StoreFiller {
 public:
  // Returns "" or which part of bench.journey the generator does not find.
  static std::string Check(const ir::Program& program);

  explicit StoreFiller(runtime::HistoryStore& store);
  // Adds the contact and returns its history.
  const runtime::ContactHistory& Add(const SyntheticContact& contact);

 private:
  runtime::HistoryStore& store_;
  uint32_t ils_ = 0;
  std::vector<uint32_t> first_names_, cities_, categories_, tags_;
  // Contact fields.
  size_t email_ = 0, first_name_ = 0, city_ = 0, created_at_ = 0, vip_ = 0, tags_field_ = 0,
         consent_ = 0;
  // Events.
  size_t order_ = 0, cart_ = 0, view_ = 0;
};

}  // namespace kairos::bench
