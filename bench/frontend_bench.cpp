// Front-end speed: parse + check of a generated project of ~10,000 lines, in
// microseconds per one-line rule (segment). Peers: cel-go needs 48-72 µs to
// parse and check one expression.
#include <benchmark/benchmark.h>

#include <sstream>

#include "compiler/check/check.h"
#include "compiler/project/project.h"
#include "compiler/syntax/parse.h"
#include "stdlib/prelude.h"

namespace kairos {
namespace {

constexpr const char* kSchema = R"(schema shop {
  currency ILS
  timezone "Asia/Jerusalem"
  contact {
    id: string key
    email: email?
    first_name: string?
    gender: enum { female, male, other }?
    city: string?
    birthday: date?
    created_at: timestamp
    vip: bool = false
    tags: set<string>
    consent: { email: bool, sms: bool, whatsapp: bool }
  }
  product { sku: string key, name: string, category: string, price: money, in_stock: bool }
  record line_item { sku: string, name: string, category: string, quantity: int, price: money }
  event order_placed { order_id: string, total: money, items: list<line_item>, coupon: string?,
                       payment_method: string, shipping_method: string, channel: enum { online, store } }
  event cart_abandoned { cart_id: string, value: money, items: list<line_item>, checkout_url: url }
  event page_viewed { url: url, category: string?, sku: string?, duration: duration,
                      device: enum { mobile, desktop, tablet } }
}
)";

// One-line segments in the shapes marketers write, varied by index so no two
// are identical.
std::string Rule(int i) {
  std::ostringstream rule;
  switch (i % 6) {
    case 0:
      rule << "segment s" << i << " = sum(order_placed.total within " << (i % 90 + 1) << "d) > " << i
           << " ILS";
      break;
    case 1:
      rule << "segment s" << i << " = count(order_placed within 365d) >= " << (i % 9 + 1)
           << " and not (\"vip\" in contact.tags)";
      break;
    case 2:
      rule << "segment s" << i << " = exists(order_placed where any(items, category == \"c" << i
           << "\")) and contact.city == \"Tel Aviv\"";
      break;
    case 3:
      rule << "segment s" << i << " = last(order_placed)?.at < now - " << (i % 60 + 1)
           << "d and contact.gender == female";
      break;
    case 4:
      rule << "segment s" << i << " = sum(page_viewed.duration within 7d) >= " << (i % 30 + 1)
           << "m or exists(cart_abandoned within 30d)";
      break;
    default:
      rule << "segment s" << i << " = count(page_viewed where category == \"c" << i
           << "\" within 14d) >= 3 and contact.consent.email";
      break;
  }
  return rule.str();
}

std::string GenerateProject(int rules) {
  std::string text = kSchema;
  for (int i = 0; i < rules; ++i) text += Rule(i) + "\n";
  return text;
}

void BM_ParseAndCheck(benchmark::State& state) {
  const int rules = static_cast<int>(state.range(0));
  const std::string text = GenerateProject(rules);
  for (auto _ : state) {
    DiagnosticSink sink;
    Project project;
    AddSource(project, "bench.journey", text, sink);
    AddSource(project, std::string(stdlib::kPreludePath), std::string(stdlib::PreludeText()), sink);
    auto model = Check(project, sink);
    if (sink.has_errors()) state.SkipWithError("the generated project has errors");
    benchmark::DoNotOptimize(model);
  }
  state.counters["lines"] = static_cast<double>(std::count(text.begin(), text.end(), '\n'));
  state.counters["us_per_rule"] = benchmark::Counter(
      static_cast<double>(rules) * 1e-6, benchmark::Counter::kIsIterationInvariantRate |
                                             benchmark::Counter::kInvert);
}
BENCHMARK(BM_ParseAndCheck)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_ParseOnly(benchmark::State& state) {
  const int rules = static_cast<int>(state.range(0));
  SourceFile source("bench.journey", GenerateProject(rules));
  for (auto _ : state) {
    DiagnosticSink sink;
    auto file = Parse(source, sink);
    benchmark::DoNotOptimize(file);
  }
  state.counters["us_per_rule"] = benchmark::Counter(
      static_cast<double>(rules) * 1e-6, benchmark::Counter::kIsIterationInvariantRate |
                                             benchmark::Counter::kInvert);
}
BENCHMARK(BM_ParseOnly)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kairos

BENCHMARK_MAIN();
