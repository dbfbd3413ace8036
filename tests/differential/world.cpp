#include "tests/differential/world.h"

#include <cstdio>
#include <iostream>

#include "compiler/base/scalars.h"
#include "compiler/check/check.h"
#include "compiler/diagnostics/print.h"
#include "stdlib/prelude.h"

namespace kairos::differential {

std::string SchemaText(std::string_view timezone) {
  std::string zone = timezone.empty() ? "" : "  timezone \"" + std::string(timezone) + "\"\n";
  return R"(schema diff {
  currency ILS
)" + zone + R"(
  contact {
    id: string key
    email: email?
    phone: phone?
    website: url?
    first_name: string?
    city: string?
    timezone: string?
    gender: enum { female, male, other }?
    tier: enum { bronze, silver, gold }
    age: int?
    points: int
    balance: money
    credit: money?
    discount: percent?
    rating: decimal?
    score: decimal
    birthday: date?
    created_at: timestamp
    last_seen: timestamp?
    session: duration?
    wake_up: time?
    vip: bool = false
    newsletter: bool?
    tags: set<string>
    lucky_numbers: list<int>
    addresses: list<address>
    home: address?
    consent: { email: bool, sms: bool, whatsapp: bool }
    preferences: { color: string?, size: int?, budget: money? }?
  }

  record address { city: string, zip: string?, floor: int?, moved_in: date? }
  record line_item { sku: string, category: string, quantity: int, price: money,
                     discount: percent?, weight: decimal?, gift: bool? }

  event order_placed { order_id: string, total: money, shipping: money?, items: list<line_item>,
                       coupon: string?, channel: enum { online, store }, stars: int?, rating: decimal?,
                       delivery: duration?, delivered_at: timestamp?, ship_date: date?, pickup: time?,
                       discount: percent?, gift: bool?, tags: set<string>, lucky: list<int> }
  event page_viewed { url: url, category: string?, sku: string?, duration: duration,
                      device: enum { mobile, desktop, tablet }, scroll: percent }
  event cart_abandoned { cart_id: string, value: money, items: list<line_item>, checkout_url: url }
  event review_submitted { order_id: string, stars: int, score: decimal, text: string? }
  event points_earned { points: int, reason: string?, expires: date?, bonus: percent? }
}
)";
}

bool IsSchemaEvent(std::string_view event) {
  return event == "order_placed" || event == "page_viewed" || event == "cart_abandoned" ||
         event == "review_submitted" || event == "points_earned";
}

SchemaModel::SchemaModel() {
  AddSource(project_, "schema.journey", SchemaText("Asia/Jerusalem"), sink_);
  AddSource(project_, std::string(stdlib::kPreludePath), std::string(stdlib::PreludeText()), sink_);
  model_ = Check(project_, sink_);
  if (sink_.has_errors()) {
    // The fixture itself is wrong: nothing generated from it could be trusted.
    for (const Diagnostic& d : sink_.diagnostics()) PrintDiagnosticText(std::cerr, d);
    std::abort();
  }
}

const Symbol& SchemaModel::Record(std::string_view name) const {
  const Symbol* record = schema().FindRecord(name);
  if (record == nullptr) std::abort();  // a name of the fixed schema above
  return *record;
}

World MakeWorld(Choices& choices) {
  static const std::vector<std::string> kZones = {"Asia/Jerusalem", "", "America/New_York", "Asia/Kolkata",
                                                  "Pacific/Chatham"};
  World world;
  world.timezone = choices.Pick(kZones);
  // 2026-03-15T12:00:00Z, moved by up to a year either way, to any second:
  // DST changes, month ends and leap days come and go.
  const int64_t base = 1'773'576'000;
  world.now = base + choices.Between(-365, 365) * 86'400 + choices.Between(-43'200, 43'200);
  world.durations = {1, 60, 3'600, 4 * 3'600, 86'400, 129'600, 7 * 86'400, 14 * 86'400,
                     30 * 86'400, 60 * 86'400, 90 * 86'400, 365 * 86'400};
  world.nows = {world.now, world.now - 86'400 - 1, world.now + 3 * 86'400 + 7};
  for (int64_t d : world.durations) world.anchors.push_back(world.now - d);
  world.anchors.push_back(world.now);
  world.anchors.push_back(world.now - world.now % 86'400);  // midnight UTC
  return world;
}

const std::vector<std::string>& ZoneNames() {
  static const std::vector<std::string> kZones = {"Asia/Tokyo", "Europe/Warsaw", "America/Los_Angeles",
                                                  "Asia/Jerusalem", "UTC", "Not/A_Zone", ""};
  return kZones;
}

const std::vector<std::string>& Words() {
  static const std::vector<std::string> kWords = {
      "dresses", "shoes", "Tel Aviv", "Haifa", "vip", "sale", "", "a", "חיפה", "Łódź", "🎂", "x\"y", "line\nbreak",
  };
  return kWords;
}

std::string DateText(int64_t days) { return scalars::FormatDate(days); }

std::string InstantText(int64_t seconds) { return scalars::FormatDateTime(seconds) + "Z"; }

std::string ScaledText(int64_t scaled) {
  const bool negative = scaled < 0;
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(scaled) : static_cast<uint64_t>(scaled);
  std::string text = (negative ? "-" : "") + std::to_string(magnitude / 10'000);
  uint64_t fraction = magnitude % 10'000;
  if (fraction == 0) return text;
  char digits[8];
  std::snprintf(digits, sizeof digits, "%04llu", static_cast<unsigned long long>(fraction));
  std::string tail = digits;
  while (tail.back() == '0') tail.pop_back();
  return text + "." + tail;
}

std::string DurationText(int64_t seconds) {
  static const std::pair<int64_t, const char*> kUnits[] = {
      {7 * 86'400, "w"}, {86'400, "d"}, {3'600, "h"}, {60, "m"}, {1, "s"}};
  std::string text;
  for (const auto& [size, unit] : kUnits) {
    if (seconds < size) continue;
    text += (text.empty() ? "" : " ") + std::to_string(seconds / size) + unit;
    seconds %= size;
  }
  return text.empty() ? "0s" : text;
}

}  // namespace kairos::differential
