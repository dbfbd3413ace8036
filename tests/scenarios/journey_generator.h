// Random projects and event streams for the property test: journeys written
// as `.journey` text from a small grammar of triggers, clauses and steps over
// one fixed schema with consent, and a stream of events for a few contacts
// (identify with random consent, unsubscribed, orders, carts, page views,
// message opens and clicks, repeated ids, out-of-order and late events). The
// same seed gives the same case on every machine (no std distributions).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kairos::scenarios {

// The channels the schema's consent record names, in its order.
inline constexpr std::array<const char*, 3> kConsentChannels = {"email", "sms", "whatsapp"};

struct GeneratedEvent {
  std::string line;  // the JSON line
  std::string contact;
  int64_t at = 0;
  std::string id;  // "" when the line has none; a repeated id is a duplicate
  // identify: the consent record it sets (per kConsentChannels), if it sets one.
  std::optional<std::array<bool, 3>> consent;
  // identify: the zone it sets (IANA name), if it sets one.
  std::optional<std::string> timezone;
  // unsubscribed: its channel ("email", "sms", "whatsapp" or "push"), else "".
  std::string unsubscribed;
};

struct GeneratedPolicy {
  bool quiet_hours = false;
  int64_t quiet_from = 0, quiet_to = 0;  // seconds since midnight
  struct Cap {
    std::string channel;  // "all" or a channel
    int count = 0;
    int64_t period = 0;  // seconds
  };
  std::vector<Cap> caps;
};

struct GeneratedCase {
  std::string project;  // one `.journey` file: schema, coupons, policy, journeys
  std::vector<GeneratedEvent> events;
  int64_t end = 0;  // the clock runs on to here after the last event
  GeneratedPolicy policy;
  std::string schema_zone;  // of contacts whose zone is not set
};

GeneratedCase GenerateCase(uint64_t seed);

}  // namespace kairos::scenarios
