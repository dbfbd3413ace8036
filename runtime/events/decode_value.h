// One JSON value decoded as a value of a schema type (history.h encodings).
#pragma once

#include <simdjson.h>

#include <string>

#include "compiler/types/type.h"
#include "runtime/history/history.h"

namespace kairos::runtime {

// Decodes `json` as `type`; on failure returns false and says why in `reason`
// (naming the value by `what`, such as "field `total`").
bool DecodeValue(simdjson::dom::element json, const Type& type, StringPool& strings,
                 const std::string& what, Value& out, std::string& reason);

}  // namespace kairos::runtime
