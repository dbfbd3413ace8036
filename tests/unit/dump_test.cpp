// `kairos compile --emit ast`: the AST rendering is stable and readable.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "compiler/syntax/dump.h"
#include "compiler/syntax/parse.h"

namespace kairos {
namespace {

std::string Dump(const std::string& text) {
  SourceFile source("shop.journey", text);
  DiagnosticSink sink;
  std::unique_ptr<ast::File> file = Parse(source, sink);
  EXPECT_TRUE(sink.diagnostics().empty());
  std::ostringstream out;
  DumpAst(out, *file);
  return out.str();
}

TEST(DumpAst, OneNodePerLineWithPositions) {
  std::string text = R"(/// Big buyers.
segment vip(min: money) = sum(order_placed.total within 30d) >= min
  and contact?.city != "חיפה"

schema shop {
  currency ILS
  contact { tags: set<string>, gender: enum { f, m }? = null }
}

journey j {
  trigger order_placed as o where o.total > ₪100
  wait until 09:00
  split 50% { exit } 50% { tag contact "b" }
}
)";
  EXPECT_EQ(Dump(text), R"(file shop.journey
  segment vip 2:1-3:30
    doc "Big buyers."
    param min 2:13-2:16
      type money 2:18-2:23
    binary and 2:27-3:30
      binary >= 2:27-2:68
        call 2:27-2:61
          name sum 2:27-2:30
          arg 2:31-2:60
            member .total 2:31-2:49
              name order_placed 2:31-2:43
            within 2:50-2:60
              duration 30d (2592000s) 2:57-2:60
        name min 2:65-2:68
      binary != 3:7-3:30
        member ?.city 3:7-3:20
          name contact 3:7-3:14
        string "חיפה" 3:24-3:30
  schema shop 5:1-8:2
    currency ILS 6:3-6:15
    contact 7:3-7:63
      field tags 7:13-7:30
        type set<> 7:19-7:30
          type string 7:23-7:29
      field gender 7:32-7:61
        type enum { f, m }? 7:40-7:54
        default 7:57-7:61
          null 7:57-7:61
  journey j 10:1-14:2
    trigger event order_placed as o 11:3-11:49
      where 11:35-11:49
        binary > 11:35-11:49
          member .total 11:35-11:42
            name o 11:35-11:36
          money ₪100 (ILS, scaled 1000000) 11:45-11:49
    wait until 12:3-12:19
      time 09:00 (32400s) 12:14-12:19
    split 13:3-13:45
      arm 13:9-13:21
        percent 50% (scaled 500000) 13:9-13:12
        then 13:13-13:21
          exit 13:15-13:19
      arm 13:22-13:45
        percent 50% (scaled 500000) 13:22-13:25
        then 13:26-13:45
          tag contact 13:28-13:43
            string "b" 13:40-13:43
  comments
    doc comment "/// Big buyers." 1:1-1:16
)");
}

TEST(DumpAst, EveryKindOfDeclarationAndStep) {
  std::string dump = Dump(R"(builtin top(n: int): list<product>
campaign c {
  audience true
  at 2026-11-27 09:00
  attribution 5d after click
  notify "sales@shop.example" "hi\n"
}
coupon k { codes from "codes.csv" when exhausted stop journey }
popup p { on submit emit e { a: [1, 2.5] } }
journey w {
  trigger every 1d
  reentry once
  goal x between 2026-01-01T00:00:00Z and now
  let v = (1 - 2) * 3 / 4
  set contact.score = v
  score +10
  emit e
  untag contact "t"
  issue coupon k
  if a { } else if b { } else { }
}
)");
  for (const char* line : {"  builtin top 1:1-1:35", "      type list<> 1:22-1:35", "    at 4:3-4:22",
                           "      datetime 2026-11-27 +32400s 4:6-4:22", "      after click 5:15-5:29",
                           "    notify 6:3-6:37", "      string \"hi\\n\" 6:31-6:37",
                           "    codes from 8:12-8:34", "    when exhausted stop journey 8:35-8:62",
                           "    on submit emit e 9:11-9:43", "            decimal 2.5 (scaled 25000) 9:37-9:40",
                           "    trigger every 11:3-11:19", "    reentry once 12:3-12:15",
                           "        timestamp 2026-01-01T00:00:00Z (epoch 1767225600) 13:18-13:38",
                           "      unary + 16:9-16:12", "    untag contact 18:3-18:20",
                           "    issue coupon k 19:3-19:17", "      else if 20:20-20:21"}) {
    EXPECT_NE(dump.find(std::string(line) + "\n"), std::string::npos) << line << "\n" << dump;
  }
}

// Chains 100,000 deep are dumped without recursing per level.
TEST(DumpAst, VeryDeepChains) {
  std::string sum = "a";
  for (int i = 1; i < 100000; ++i) sum += " + a";
  std::string dump = Dump("segment s = " + sum + "\n");
  size_t lines = static_cast<size_t>(std::count(dump.begin(), dump.end(), '\n'));
  EXPECT_EQ(lines, 2u + 99999u + 100000u);  // file, segment, the operators, the names
}

}  // namespace
}  // namespace kairos
