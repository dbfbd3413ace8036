#include "runtime/engine/action.h"

#include "runtime/format/text_forms.h"

namespace kairos::runtime {

std::string_view ActionKindName(ActionKind kind) {
  static constexpr std::string_view kNames[] = {"enter", "send",   "coupon", "tag",  "untag", "set",
                                                "notify", "score", "emit",   "exit", "goal",  "skip"};
  return kNames[static_cast<size_t>(kind)];
}

const std::string* Action::Field(std::string_view name) const {
  for (const auto& [field, json] : fields) {
    if (field == name) return &json;
  }
  return nullptr;
}

std::string ActionJson(const Action& action) {
  std::string out = "{\"at\":";
  AppendJsonString(out, FormatInstant(action.at));
  out += ",\"contact\":";
  AppendJsonString(out, action.contact);
  if (!action.journey.empty()) {
    out += ",\"journey\":";
    AppendJsonString(out, action.journey);
  }
  if (!action.campaign.empty()) {
    out += ",\"campaign\":";
    AppendJsonString(out, action.campaign);
  }
  if (!action.step.empty()) {
    out += ",\"step\":";
    AppendJsonString(out, action.step);
  }
  out += ",\"action\":";
  AppendJsonString(out, ActionKindName(action.kind));
  for (const auto& [name, json] : action.fields) {
    out += ',';
    AppendJsonString(out, name);
    out += ':';
    out += json;
  }
  out += ",\"key\":";
  AppendJsonString(out, action.key);
  out += '}';
  return out;
}

std::string ActionDetails(const Action& action) {
  std::string out(ActionKindName(action.kind));
  for (const auto& [name, json] : action.fields) {
    out += ' ';
    out += name;
    out += '=';
    out += json;
  }
  return out;
}

std::string ActionText(const Action& action) {
  return FormatInstant(action.at) + "  " + action.contact + "  " + action.flow() + "  " + ActionDetails(action);
}

}  // namespace kairos::runtime
