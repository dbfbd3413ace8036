// "Did you mean ...?": the closest known name to one the user misspelled.
// Every phase that reports an unknown name uses this, so suggestions behave the
// same everywhere.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kairos {

// Edits (insert, delete, substitute, swap two neighbours) that turn `a` into
// `b`, ignoring ASCII case.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `name`, when it is close enough to be a typo of it
// (about one edit in three letters). Ties go to the earlier candidate.
std::optional<std::string> Suggest(std::string_view name,
                                   const std::vector<std::string>& candidates);

// " Did you mean `x`?" (with a leading space) or "" when nothing is close.
std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace kairos
