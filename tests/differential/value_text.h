// Values and IR trees as text for the differential test's reports, and the
// exact equality the tiers must meet.
#pragma once

#include <string>

#include "compiler/ir/ir.h"
#include "runtime/history/history.h"

namespace kairos::differential {

// Equal in every part: null or not, scalar, currency id, elements.
bool SameValue(const runtime::Value& a, const runtime::Value& b);

// The strings a report may name: ids below `limit` are in `pool`.
struct PoolView {
  const runtime::StringPool& pool;
  uint32_t limit;
};

// `12.5 ILS`, `2026-03-01T10:00:00Z`, `{order_id: "o1", ...}`, with the raw
// encoding of scalars so that no difference hides behind the formatting.
std::string ValueText(const runtime::Value& value, const Type& type, const PoolView& strings);

// The tree under `id` as one line: `(gt (history sum order_placed ...) (const 100 ILS))`.
std::string NodeText(const ir::Program& program, ir::NodeId id);

}  // namespace kairos::differential
