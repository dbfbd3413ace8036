// Deterministic synthetic contacts for bench/engine/bench.journey: contact n
// is a pure function of n, so the engine benchmark and the CSV rows the peers
// load (bench/engine/write_rows.cpp) describe the same people, and any slice
// of the population can be made alone.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace kairos::bench {

// The instant every benchmark evaluates at: 2026-11-23T00:00:00Z.
inline constexpr int64_t kNow = 1795392000;
inline constexpr int64_t kDay = 86400;

// Value tables; a contact holds indices into them (-1 for an absent optional).
inline constexpr const char* kFirstNames[] = {"Noa",    "Yael", "Maya", "Tamar",
                                              "Daniel", "Itai", "Omer", "Ori"};
inline constexpr const char* kCities[] = {"Tel Aviv",  "Haifa",   "Jerusalem",
                                          "Beersheba", "Netanya", "Eilat"};
inline constexpr const char* kCategories[] = {"dresses", "shoes", "bags", "jewelry", "sale"};
inline constexpr const char* kTags[] = {"test", "wholesale",
                                        "newsletter"};  // bit i of SyntheticContact::tags
inline constexpr const char* kChannels[] = {"online", "store"};
inline constexpr const char* kDevices[] = {"mobile", "desktop", "tablet"};

struct SyntheticOrder {
  int64_t at;
  int64_t total;  // ILS, scaled by 10^4
  int channel;
};

struct SyntheticCart {
  int64_t at;
  int64_t value;  // ILS, scaled by 10^4
};

struct SyntheticView {
  int64_t at;
  int category;      // -1: none
  int64_t duration;  // seconds
  int device;
};

struct SyntheticContact {
  uint64_t n = 0;
  bool has_email = false;
  int first_name = -1;
  int city = -1;
  int64_t created_at = 0;
  bool vip = false;
  unsigned tags = 0;
  bool consent_email = false;
  bool consent_sms = false;
  bool consent_whatsapp = false;
  // Each sorted by time, all at or before kNow.
  std::vector<SyntheticOrder> orders;
  std::vector<SyntheticCart> carts;
  std::vector<SyntheticView> views;
};

SyntheticContact GenerateContact(uint64_t n);

std::string ContactId(uint64_t n);     // "c<n>"
std::string ContactEmail(uint64_t n);  // "c<n>@example.com"

// The population as CSV, one file per table, header first; an absent value is
// an empty field (NULL to COPY and to DuckDB). Contacts are written with their
// number `n`, which the event files use as the contact's key.
struct CsvWriters {
  std::ostream& contacts;
  std::ostream& orders;
  std::ostream& carts;
  std::ostream& views;
};
void WriteCsvHeaders(const CsvWriters& out);
void WriteCsvRows(const SyntheticContact& contact, const CsvWriters& out);

}  // namespace kairos::bench
