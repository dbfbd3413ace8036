// `kairos fmt`: the canonical layout, comments kept, idempotence.
#include "compiler/format/format.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/syntax/dump.h"
#include "compiler/syntax/parse.h"

namespace kairos {
namespace {

struct Parsed {
  std::unique_ptr<SourceFile> source;
  std::unique_ptr<ast::File> file;
  DiagnosticSink sink;
};

std::unique_ptr<Parsed> ParseText(const std::string& text, const std::string& path = "t.journey") {
  auto parsed = std::make_unique<Parsed>();
  parsed->source = std::make_unique<SourceFile>(path, text);
  parsed->file = Parse(*parsed->source, parsed->sink);
  return parsed;
}

std::string Errors(const DiagnosticSink& sink) {
  std::string text;
  for (const Diagnostic& diagnostic : sink.diagnostics()) {
    LineColumn at = diagnostic.range.valid() ? diagnostic.range.file->Locate(diagnostic.range.begin)
                                             : LineColumn{};
    text += std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + diagnostic.message +
            "\n";
  }
  return text;
}

// Formats text that must parse cleanly.
std::string FormatText(const std::string& text) {
  auto parsed = ParseText(text);
  EXPECT_FALSE(parsed->sink.has_errors()) << Errors(parsed->sink) << text;
  return Format(*parsed->file);
}

std::vector<std::string> CommentTexts(const std::string& text) {
  auto parsed = ParseText(text);
  std::vector<std::string> texts;
  for (const ast::Comment& comment : parsed->file->comments) texts.push_back(comment.text);
  return texts;
}

// What a text means: its AST dump without the file name and positions, spaces
// collapsed (`1d  12h` and `1d 12h` are the same duration).
std::string Meaning(const std::string& text) {
  auto parsed = ParseText(text);
  std::ostringstream dump;
  DumpAst(dump, *parsed->file);
  std::istringstream lines(dump.str());
  std::string line;
  std::string meaning;
  std::getline(lines, line);  // `file PATH`
  while (std::getline(lines, line)) {
    size_t last_space = line.rfind(' ');
    if (last_space != std::string::npos &&
        line.find_first_not_of("0123456789:-", last_space + 1) == std::string::npos) {
      line.resize(last_space);
    }
    std::string collapsed;
    for (char c : line) {
      if (c != ' ' || collapsed.empty() || collapsed.back() != ' ' ||
          collapsed.find_first_not_of(' ') == std::string::npos) {
        collapsed += c;
      }
    }
    meaning += collapsed + "\n";
  }
  return meaning;
}

// Formats, then checks what must hold for any input: the result parses, means
// the same, keeps every comment in order, and formatting it again changes nothing.
std::string FormatChecked(const std::string& text, const std::string& what = "input") {
  std::string once = FormatText(text);
  auto reparsed = ParseText(once);
  EXPECT_FALSE(reparsed->sink.has_errors()) << what << " formats to text that does not parse:\n"
                                            << Errors(reparsed->sink) << once;
  EXPECT_EQ(Meaning(once), Meaning(text)) << what << " changes meaning when formatted:\n" << once;
  EXPECT_EQ(CommentTexts(once), CommentTexts(text)) << what << "\n" << once;
  EXPECT_EQ(Format(*reparsed->file), once) << what << " is not formatted idempotently";
  return once;
}

TEST(Format, MeaningComparisonSeesGroupingAndValues) {
  EXPECT_NE(Meaning("segment a = b and c or d"), Meaning("segment a = b and (c or d)"));
  EXPECT_NE(Meaning("segment a = x > 1d"), Meaning("segment a = x > 2d"));
  EXPECT_EQ(Meaning("segment a = x > 1d  12h"), Meaning("segment a =\n  x > 1d 12h"));
}

// ---------------------------------------------------------------------------
// The repository's own .journey files

std::vector<std::filesystem::path> JourneyFiles(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".journey") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The string literals of a source, as written, in order.
std::vector<std::string> StringLiterals(const std::string& text) {
  std::vector<std::string> literals;
  size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 2, "//") == 0) {
      i = std::min(text.find('\n', i), text.size());
    } else if (text.compare(i, 2, "/*") == 0) {
      i = std::min(text.find("*/", i + 2), text.size()) + 2;
    } else if (text.compare(i, 3, "\"\"\"") == 0) {
      size_t end = std::min(text.find("\"\"\"", i + 3), text.size()) + 3;
      literals.push_back(text.substr(i, end - i));
      i = end;
    } else if (text[i] == '"') {
      size_t end = i + 1;
      while (end < text.size() && text[end] != '"' && text[end] != '\n') {
        end += text[end] == '\\' ? 2 : 1;
      }
      literals.push_back(text.substr(i, end + 1 - i));
      i = end + 1;
    } else {
      ++i;
    }
  }
  return literals;
}

class RepositoryFiles : public testing::TestWithParam<std::string> {};

TEST_P(RepositoryFiles, FormatIsIdempotentAndKeepsComments) {
  std::filesystem::path folder = std::filesystem::path(KAIROS_SOURCE_DIR) / GetParam();
  if (!std::filesystem::exists(folder)) GTEST_SKIP() << folder << " does not exist yet";
  std::vector<std::filesystem::path> files = JourneyFiles(folder);
  EXPECT_FALSE(files.empty()) << "no .journey files under " << folder;
  for (const auto& path : files) {
    SCOPED_TRACE(path.string());
    std::string text = ReadFile(path);
    std::string formatted = FormatChecked(text, path.string());
    EXPECT_EQ(StringLiterals(formatted), StringLiterals(text));
  }
}

INSTANTIATE_TEST_SUITE_P(Format, RepositoryFiles,
                         testing::Values("tests/spec_examples", "examples/shop"),
                         [](const testing::TestParamInfo<std::string>& info) {
                           return info.param == "examples/shop" ? "ExamplesShop" : "SpecExamples";
                         });

// ---------------------------------------------------------------------------
// Layout

TEST(Format, MessyInputBecomesCanonical) {
  const std::string messy = R"(schema   shop{currency ILS;timezone "Asia/Jerusalem"
contact{id:string key,email:email? , vip : bool=false
tags:set<string>
consent:{email:bool,sms:bool}}
    record line_item{sku:string,price:money}
event  order_placed{total:money,items:list<line_item>,channel:enum{online,store}}
event signed_up{}}
segment big=sum(order_placed.total within 30d)>1000 ILS;segment vip_or_big=big or contact.vip
segment  dresses_not_shoes = exists(order_placed where any(items, category == "dresses")) and not exists(order_placed where any(items, category == "shoes"))
segment category_lovers(cat:string)=count(order_placed where any(items, category == cat) within 365d) >= 2
journey thanks{trigger order_placed as o
when contact.consent.email
if o.total>1000 ILS{let c=issue coupon next_15;send email "next-order"{code:c.code}}else if count(order_placed)==1{send email "first"}else{exit}


wait   1d   12h
      wait until message_opened within 1d on timeout{send sms "Hi {{contact.first_name ?? 'friend'}}"}on message_opened{score +10}
split 50%{tag contact "a"}50%{untag contact "b"}
send email "cart-coupon" { items: o.items, code: o.order_id, expires: o.at, cta: o.coupon, more: o.channel }
}
)";
  const std::string expected = R"(schema shop {
  currency ILS
  timezone "Asia/Jerusalem"
  contact {
    id: string key
    email: email?
    vip: bool = false
    tags: set<string>
    consent: { email: bool, sms: bool }
  }
  record line_item {
    sku: string
    price: money
  }
  event order_placed {
    total: money
    items: list<line_item>
    channel: enum { online, store }
  }
  event signed_up {}
}

segment big = sum(order_placed.total within 30d) > 1000 ILS
segment vip_or_big = big or contact.vip

segment dresses_not_shoes =
     exists(order_placed where any(items, category == "dresses"))
 and not exists(order_placed where any(items, category == "shoes"))

segment category_lovers(cat: string) =
     count(order_placed where any(items, category == cat) within 365d) >= 2

journey thanks {
  trigger order_placed as o
  when contact.consent.email
  if o.total > 1000 ILS {
    let c = issue coupon next_15
    send email "next-order" { code: c.code }
  } else if count(order_placed) == 1 {
    send email "first"
  } else {
    exit
  }

  wait 1d 12h
  wait until message_opened within 1d
    on timeout {
      send sms "Hi {{contact.first_name ?? 'friend'}}"
    }
    on message_opened {
      score +10
    }
  split 50% {
    tag contact "a"
  } 50% {
    untag contact "b"
  }
  send email "cart-coupon" {
    items: o.items,
    code: o.order_id,
    expires: o.at,
    cta: o.coupon,
    more: o.channel
  }
}
)";
  EXPECT_EQ(FormatChecked(messy), expected);
}

TEST(Format, CampaignCouponPopupPolicy) {
  const std::string text = R"(campaign black_friday{audience big_spenders and not contact.vip
at 2026-11-27   09:00
send whatsapp template "bf_offer"{code:(issue coupon bf_20).code}
attribution 5d after click,1d after open}
coupon welcome{discount 10%
codes generated "WELCOME-{A9:6}";limit 5_000
issue between 2026-01-01 and 2026-12-31
valid for 14d
when exhausted fallback other}
coupon other{codes from "coupons/other.csv"
when exhausted stop journey}
popup newsletter_10{show to anonymous and not exists(newsletter_subscribed)
trigger after 10s or exit_intent or scroll 50%
on mobile  { title: "10% off your first order", fields: [phone], consent: sms }
on submit emit newsletter_subscribed{source:"popup"}}
policy{quiet hours 21:00 to 09:00
cap sms 2 per 7d
sms limit 3 segments}
)";
  const std::string expected = R"(campaign black_friday {
  audience big_spenders and not contact.vip
  at 2026-11-27 09:00
  send whatsapp template "bf_offer" { code: (issue coupon bf_20).code }
  attribution 5d after click, 1d after open
}

coupon welcome {
  discount 10%
  codes generated "WELCOME-{A9:6}"
  limit 5_000
  issue between 2026-01-01 and 2026-12-31
  valid for 14d
  when exhausted fallback other
}

coupon other {
  codes from "coupons/other.csv"
  when exhausted stop journey
}

popup newsletter_10 {
  show to anonymous and not exists(newsletter_subscribed)
  trigger after 10s or exit_intent or scroll 50%
  on mobile { title: "10% off your first order", fields: [phone], consent: sms }
  on submit emit newsletter_subscribed { source: "popup" }
}

policy {
  quiet hours 21:00 to 09:00
  cap sms 2 per 7d
  sms limit 3 segments
}
)";
  EXPECT_EQ(FormatChecked(text), expected);
}

TEST(Format, OtherDeclarationsAndSteps) {
  const std::string text = R"(extend schema{event review_submitted{order_id:string,stars:int}}
builtin recently_viewed(contact:contact,n:int):list<product>
segment no_params() = true
journey a{trigger entered_segment category_lovers("kids")
set contact.vip=true
notify "sales@x.example"   "hi {{contact.id}}"
emit review_submitted{order_id:"o-1",stars:5}
emit signed_up
wait until 09:00;issue coupon welcome}
journey b{trigger daily at 09:00 where contact.birthday?.month_day==today.month_day}
journey c{trigger every 1d}
journey d{trigger left_segment champions
untag contact "champion";exit}
journey e{}
)";
  const std::string expected = R"(extend schema {
  event review_submitted {
    order_id: string
    stars: int
  }
}

builtin recently_viewed(contact: contact, n: int): list<product>

segment no_params() = true

journey a {
  trigger entered_segment category_lovers("kids")
  set contact.vip = true
  notify "sales@x.example" "hi {{contact.id}}"
  emit review_submitted { order_id: "o-1", stars: 5 }
  emit signed_up
  wait until 09:00
  issue coupon welcome
}

journey b {
  trigger daily at 09:00 where contact.birthday?.month_day == today.month_day
}

journey c {
  trigger every 1d
}

journey d {
  trigger left_segment champions
  untag contact "champion"
  exit
}

journey e {}
)";
  EXPECT_EQ(FormatChecked(text), expected);
}

TEST(Format, LongChainsBreakBeforeAndOr) {
  const std::string text =
      "segment heavy_abandoners = count(cart_abandoned within 90d) >= 3 or "
      "sum(cart_abandoned.value within 90d) > 2000 ILS\n"
      "segment mixed = exists(cart_abandoned within 30d) and contact.city == \"Tel Aviv\" or "
      "exists(order_placed within 30d) and not contact.vip\n"
      "journey j {\n"
      "  trigger signed_up\n"
      "  when not exists(cart_abandoned within 1d) and not exists(order_placed within 1d) and "
      "contact.consent.email\n"
      "  exit when exists(cart_abandoned since entered) or exists(order_placed since entered)\n"
      "}\n"
      "segment nested = exists(order_placed where any(items, category == \"dresses\")) and not "
      "exists(order_placed where any(items, category == \"shoes\")) or contact.vip\n";
  const std::string expected = R"(segment heavy_abandoners =
     count(cart_abandoned within 90d) >= 3
  or sum(cart_abandoned.value within 90d) > 2000 ILS

segment mixed =
     exists(cart_abandoned within 30d) and contact.city == "Tel Aviv"
  or exists(order_placed within 30d) and not contact.vip

journey j {
  trigger signed_up
  when
       not exists(cart_abandoned within 1d)
   and not exists(order_placed within 1d)
   and contact.consent.email
  exit when exists(cart_abandoned since entered) or exists(order_placed since entered)
}

segment nested =
     exists(order_placed where any(items, category == "dresses"))
      and not exists(order_placed where any(items, category == "shoes"))
  or contact.vip
)";
  EXPECT_EQ(FormatChecked(text), expected);
}

TEST(Format, ParenthesesAndLiteralsStayAsWritten) {
  const std::string text =
      "segment s = (avg(order_placed.total within 365d) ?? 0 ILS) > 400 ILS and ((contact.vip))\n"
      "segment t = sum(order_placed.total within 1d  12h) >= ₪50 and -contact.score < 19.90\n";
  const std::string expected =
      "segment s = (avg(order_placed.total within 365d) ?? 0 ILS) > 400 ILS and ((contact.vip))\n"
      "segment t = sum(order_placed.total within 1d 12h) >= ₪50 and -contact.score < 19.90\n";
  EXPECT_EQ(FormatChecked(text), expected);
}

TEST(Format, BlankLinesAtMostOneAndNoneAtBlockEdges) {
  const std::string text =
      "\n\n// header\n\n\n\njourney j {\n\n\n  trigger signed_up\n\n\n\n  wait 1d\n  wait 2d\n\n"
      "  if x {\n\n    wait 1d\n\n  }\n\n}\n\n\n\nsegment a = x\nsegment b = y\n\n\n";
  const std::string expected =
      "// header\n\njourney j {\n  trigger signed_up\n\n  wait 1d\n  wait 2d\n\n  if x {\n"
      "    wait 1d\n  }\n}\n\nsegment a = x\nsegment b = y\n";
  EXPECT_EQ(FormatChecked(text), expected);
}

TEST(Format, ExitBeforeWhenKeepsItsSemicolon) {
  const std::string text = "journey j {\n  trigger signed_up\n  exit; when contact.vip\n}\n";
  std::string formatted = FormatChecked(text);
  EXPECT_EQ(formatted, "journey j {\n  trigger signed_up\n  exit;\n  when contact.vip\n}\n");
}

// ---------------------------------------------------------------------------
// Comments

TEST(Format, CommentsStayWithTheirItems) {
  const std::string text = R"(// File header.
// Second line.

/// Spent a lot.
segment big = sum(order_placed.total within 30d) > 1000 ILS   // trailing
segment small = count(order_placed) < 2 // also trailing

schema shop {
  contact {
    id: string key
    phone: phone?     // E.164
    /* block */ city: string?
  }
  // before the closing brace
}

journey j { // after the brace
  trigger signed_up
  // before wait
  wait 1d
  if contact.vip { // trailing on if
    send email "a" // on send
    // last in then
  } // after then
  else {
    exit
  }
  send email "b" {
    // first field
    a: 1, // after a
    b: 2
  }
}
/* between declarations */
segment c =
     contact.vip  // first operand
 and contact.city == "Haifa"
// the very end
)";
  const std::string expected = R"(// File header.
// Second line.

/// Spent a lot.
segment big = sum(order_placed.total within 30d) > 1000 ILS  // trailing
segment small = count(order_placed) < 2                      // also trailing

schema shop {
  contact {
    id: string key
    phone: phone?  // E.164
    /* block */
    city: string?
  }
  // before the closing brace
}

journey j {  // after the brace
  trigger signed_up
  // before wait
  wait 1d
  if contact.vip {  // trailing on if
    send email "a"  // on send
    // last in then
  } else {
    // after then
    exit
  }
  send email "b" {
    // first field
    a: 1,  // after a
    b: 2
  }
}

/* between declarations */
segment c =
     contact.vip  // first operand
 and contact.city == "Haifa"
// the very end
)";
  EXPECT_EQ(FormatChecked(text), expected);
}

TEST(Format, ConsecutiveTrailingCommentsAlign) {
  const std::string text =
      "journey j {\n  trigger signed_up\n  reentry always // one\n  exit when order_placed since "
      "entered // two\n  goal order_placed within 3d\n}\n";
  const std::string expected =
      "journey j {\n  trigger signed_up\n  reentry always" + std::string(24, ' ') +
      "// one\n"
      "  exit when order_placed since entered  // two\n  goal order_placed within 3d\n}\n";
  EXPECT_EQ(FormatChecked(text), expected);
}

TEST(Format, CommentsInsideAnExpressionMoveAboveIt) {
  const std::string text = "segment s = count(order_placed /* orders */ within 30d) > 1\n";
  EXPECT_EQ(FormatChecked(text), "/* orders */\nsegment s = count(order_placed within 30d) > 1\n");
}

TEST(Format, OnlyComments) {
  EXPECT_EQ(FormatChecked("  // just a note\n\n\n/* and a block */  "),
            "// just a note\n\n/* and a block */\n");
}

// ---------------------------------------------------------------------------
// Text in other scripts

TEST(Format, HebrewPolishAndEmojiRoundTrip) {
  const std::string text =
      "// הערה בעברית, zażółć gęślą jaźń 🎉\n"
      "journey j {\n"
      "trigger signed_up\n"
      "send sms   \"🎂 מזל טוב {{contact.first_name ?? 'חבר'}}! Dzień dobry, łódź — ąę\"   // 🎉\n"
      "tag contact \"ł\\u{1F389}\\\"\"\n"
      "}\n";
  const std::string expected =
      "// הערה בעברית, zażółć gęślą jaźń 🎉\n"
      "journey j {\n"
      "  trigger signed_up\n"
      "  send sms \"🎂 מזל טוב {{contact.first_name ?? 'חבר'}}! Dzień dobry, łódź — ąę\"  // 🎉\n"
      "  tag contact \"ł\\u{1F389}\\\"\"\n"
      "}\n";
  EXPECT_EQ(FormatChecked(text), expected);
}

}  // namespace
}  // namespace kairos
