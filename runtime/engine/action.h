// An action out (INTERFACES.md "Actions out"): what the engine did or would
// do, for `simulate`, the outbox and webhooks, with its idempotency key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kairos::runtime {

enum class ActionKind : uint8_t { Enter, Send, Coupon, Tag, Untag, Set, Notify, Score, Emit, Exit, Goal, Skip };

std::string_view ActionKindName(ActionKind kind);

struct Action {
  int64_t at = 0;
  std::string contact;
  std::string journey;   // the journey, or "" for a campaign's action
  std::string campaign;  // the campaign, or ""
  std::string step;      // "flow:line:col" of the step, or "" (enter, exit at the end)
  ActionKind kind = ActionKind::Enter;
  // The kind's own fields, each a JSON value, in output order (channel,
  // template, data, pool, code, reason, ...).
  std::vector<std::pair<std::string, std::string>> fields;
  std::string key;

  // The JSON text of field `name`, or nullptr.
  const std::string* Field(std::string_view name) const;
  // The journey or the campaign.
  const std::string& flow() const { return journey.empty() ? campaign : journey; }
};

// One JSON object on one line, without the line break.
std::string ActionJson(const Action& action);
// One line for people: time, contact, flow, then ActionDetails.
std::string ActionText(const Action& action);
// The action and its fields: `send channel="email" template="welcome"`.
std::string ActionDetails(const Action& action);

}  // namespace kairos::runtime
