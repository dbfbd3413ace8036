#include "bench/engine/synthetic.h"

#include <algorithm>
#include <iterator>

namespace kairos::bench {
namespace {

// SplitMix64: integer-only, so every platform draws the same contacts (the
// standard distributions are implementation-defined).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [lo, hi].
  int64_t Between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  // True with probability percent / 100.
  bool Percent(int percent) { return static_cast<int>(Next() % 100) < percent; }
  template <typename T, size_t N>
  int Pick(const T (&)[N]) {
    return static_cast<int>(Next() % N);
  }

 private:
  uint64_t state_;
};

template <typename Event>
void SortByTime(std::vector<Event>& events) {
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.at < b.at; });
}

// Money with whole agorot, as prices are written.
int64_t Shekels(Random& random, int64_t lo, int64_t hi) {
  return random.Between(lo * 100, hi * 100) * 100;
}

void WriteOptional(std::ostream& out, int index, const char* const* names) {
  if (index >= 0) out << names[index];
}

}  // namespace

SyntheticContact GenerateContact(uint64_t n) {
  Random random(n);
  SyntheticContact c;
  c.n = n;
  c.has_email = random.Percent(85);
  c.first_name = random.Percent(70) ? random.Pick(kFirstNames) : -1;
  c.city = random.Percent(80) ? random.Pick(kCities) : -1;
  c.created_at = kNow - random.Between(1, 3 * 365 * kDay);
  c.vip = random.Percent(5);
  for (unsigned tag = 0; tag < std::size(kTags); ++tag) {
    if (random.Percent(tag == 0 ? 2 : 20)) c.tags |= 1u << tag;
  }
  c.consent_email = random.Percent(70);
  c.consent_sms = random.Percent(40);
  c.consent_whatsapp = random.Percent(30);

  // Orders over two years: 30% never ordered, the rest 1 to 8 times.
  const int order_count = random.Percent(30) ? 0 : static_cast<int>(random.Between(1, 8));
  for (int i = 0; i < order_count; ++i) {
    c.orders.push_back({kNow - random.Between(0, 730 * kDay), Shekels(random, 20, 1500),
                        random.Percent(80) ? 0 : 1});
  }
  // Abandoned carts are recent: half the contacts have one or two in the last three days.
  const int cart_count = random.Percent(50) ? 0 : random.Percent(70) ? 1 : 2;
  for (int i = 0; i < cart_count; ++i)
    c.carts.push_back({kNow - random.Between(0, 3 * kDay), Shekels(random, 50, 900)});
  // Page views over four weeks, 0 to 10 of them, most in the contact's favourite category.
  const int favourite = random.Pick(kCategories);
  const int view_count = static_cast<int>(random.Between(0, 10));
  for (int i = 0; i < view_count; ++i) {
    const int category = random.Percent(10)   ? -1
                         : random.Percent(60) ? favourite
                                              : random.Pick(kCategories);
    c.views.push_back({kNow - random.Between(0, 28 * kDay), category, random.Between(1, 300),
                       random.Pick(kDevices)});
  }
  SortByTime(c.orders);
  SortByTime(c.carts);
  SortByTime(c.views);
  return c;
}

std::string ContactId(uint64_t n) {
  std::string id = "c";
  id += std::to_string(n);
  return id;
}
std::string ContactEmail(uint64_t n) { return ContactId(n) + "@example.com"; }

void WriteCsvHeaders(const CsvWriters& out) {
  out.contacts << "n,id,email,first_name,city,created_at,vip,tags,consent_email,consent_sms,"
                  "consent_whatsapp\n";
  out.orders << "contact_n,occurred_at,order_id,total,channel\n";
  out.carts << "contact_n,occurred_at,cart_id,value\n";
  out.views << "contact_n,occurred_at,category,duration,device\n";
}

// Money and timestamps stay in the engine's encodings (scaled by 10^4, epoch
// seconds), so every peer compares the same integers.
void WriteCsvRows(const SyntheticContact& c, const CsvWriters& out) {
  const auto flag = [](bool b) { return b ? "true" : "false"; };
  out.contacts << c.n << ',' << ContactId(c.n) << ',';
  if (c.has_email) out.contacts << ContactEmail(c.n);
  out.contacts << ',';
  WriteOptional(out.contacts, c.first_name, kFirstNames);
  out.contacts << ',';
  WriteOptional(out.contacts, c.city, kCities);
  out.contacts << ',' << c.created_at << ',' << flag(c.vip) << ',';
  // Tags joined by `;` (none is an empty field); no tag contains `;` or `,`.
  bool first = true;
  for (size_t tag = 0; tag < std::size(kTags); ++tag) {
    if (!(c.tags & (1u << tag))) continue;
    if (!first) out.contacts << ';';
    out.contacts << kTags[tag];
    first = false;
  }
  out.contacts << ',' << flag(c.consent_email) << ',' << flag(c.consent_sms) << ','
               << flag(c.consent_whatsapp) << '\n';
  int j = 0;
  for (const SyntheticOrder& o : c.orders) {
    out.orders << c.n << ',' << o.at << ",o" << c.n << '-' << j++ << ',' << o.total << ','
               << kChannels[o.channel] << '\n';
  }
  j = 0;
  for (const SyntheticCart& cart : c.carts) {
    out.carts << c.n << ',' << cart.at << ",k" << c.n << '-' << j++ << ',' << cart.value << '\n';
  }
  for (const SyntheticView& v : c.views) {
    out.views << c.n << ',' << v.at << ',';
    WriteOptional(out.views, v.category, kCategories);
    out.views << ',' << v.duration << ',' << kDevices[v.device] << '\n';
  }
}

}  // namespace kairos::bench
