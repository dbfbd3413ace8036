// The parse phase: the language reference's examples, literal decoding,
// syntax errors and their positions, robustness (depth, long chains, size),
// comments and doc comments.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "compiler/syntax/parse.h"

namespace kairos {
namespace {

namespace fs = std::filesystem;

struct Parsed {
  std::unique_ptr<SourceFile> source;
  DiagnosticSink sink;
  std::unique_ptr<ast::File> file;
};

Parsed ParseText(std::string text, ParseOptions options = {}) {
  Parsed parsed;
  parsed.source = std::make_unique<SourceFile>("test.journey", std::move(text));
  parsed.file = Parse(*parsed.source, parsed.sink, options);
  return parsed;
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// "Kind line:col" for each diagnostic, in order.
std::vector<std::string> Diagnostics(const Parsed& parsed) {
  std::vector<std::string> out;
  for (const Diagnostic& d : parsed.sink.diagnostics()) {
    LineColumn at = d.range.file->Locate(d.range.begin);
    out.push_back(std::string(KindName(d.kind)) + " " + std::to_string(at.line) + ":" +
                  std::to_string(at.column));
  }
  return out;
}

std::string Messages(const Parsed& parsed) {
  std::string out;
  for (const Diagnostic& d : parsed.sink.diagnostics()) out += d.message + "\n";
  return out;
}

std::vector<std::string> DeclNames(const Parsed& parsed) {
  std::vector<std::string> names;
  for (const ast::DeclPtr& decl : parsed.file->decls) {
    if (decl->kind == ast::DeclKind::Segment) names.push_back(decl->As<ast::SegmentDecl>().name.name);
    if (decl->kind == ast::DeclKind::Journey) names.push_back(decl->As<ast::JourneyDecl>().name.name);
  }
  return names;
}

// The body of `segment s = LITERAL`, which must be a literal.
struct ParsedLiteral {
  Parsed parsed;
  const ast::LiteralExpr* literal = nullptr;
};

ParsedLiteral Literal(const std::string& literal_text) {
  ParsedLiteral out{ParseText("segment s = " + literal_text + "\n")};
  const auto& decls = out.parsed.file->decls;
  if (decls.size() == 1) {
    const ast::Expr& body = *decls[0]->As<ast::SegmentDecl>().body;
    if (body.kind == ast::ExprKind::Literal) out.literal = &body.As<ast::LiteralExpr>();
  }
  return out;
}

// ---------------------------------------------------------------------------
// The language reference's examples

fs::path SpecExamples() { return fs::path(KAIROS_SOURCE_DIR) / "tests" / "spec_examples"; }

TEST(SpecExamples, EachParsesWithoutDiagnostics) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(SpecExamples())) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 5u);
  const std::regex declaration_start(
      "^(schema|extend schema|segment|journey|campaign|coupon|popup|policy|builtin)\\b");
  for (const fs::path& path : files) {
    SCOPED_TRACE(path.string());
    std::string text = ReadText(path);
    size_t expected_decls = 0;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) expected_decls += std::regex_search(line, declaration_start);
    Parsed parsed = ParseText(text);
    EXPECT_EQ(Messages(parsed), "");
    EXPECT_EQ(parsed.file->decls.size(), expected_decls);
  }
}

// The examples are copied verbatim from the reference, one file per block.
TEST(SpecExamples, MatchTheLanguageReference) {
  fs::path reference = fs::path(KAIROS_SOURCE_DIR) / ".." / "shared" / "spec" / "LANGUAGE.md";
  if (!fs::exists(reference)) GTEST_SKIP() << "the specification is not beside the repository";
  std::string text = ReadText(reference);
  std::vector<std::string> blocks;
  const std::string open = "```journey\n";
  for (size_t at = text.find(open); at != std::string::npos; at = text.find(open, at)) {
    at += open.size();
    size_t close = text.find("\n```", at - 1);
    blocks.push_back(text.substr(at, close + 1 - at));
  }
  std::vector<std::string> examples;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(SpecExamples())) files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& path : files) examples.push_back(ReadText(path));
  EXPECT_EQ(examples, blocks);
}

TEST(Prelude, ParsesWithItsDocComments) {
  Parsed parsed = ParseText(ReadText(fs::path(KAIROS_SOURCE_DIR) / "stdlib" / "prelude.journey"));
  EXPECT_EQ(Messages(parsed), "");
  ASSERT_FALSE(parsed.file->decls.empty());
  const auto& schema = parsed.file->decls[0]->As<ast::SchemaDecl>();
  EXPECT_TRUE(schema.is_extend);
  ASSERT_FALSE(schema.items.empty());
  EXPECT_EQ(schema.items[0].doc, "A message left Kairos for its provider.");
  for (const ast::DeclPtr& decl : parsed.file->decls) {
    if (decl->kind == ast::DeclKind::Builtin) {
      EXPECT_FALSE(decl->doc.empty());
    }
  }
}

// ---------------------------------------------------------------------------
// Literals

TEST(Literals, Integers) {
  auto one = Literal("1_000_000");
  ASSERT_TRUE(one.literal);
  EXPECT_EQ(one.literal->literal, ast::LiteralKind::Int);
  EXPECT_EQ(one.literal->int_value, 1000000);
  EXPECT_EQ(one.literal->text, "1_000_000");

  auto largest = Literal("9223372036854775807");
  ASSERT_TRUE(largest.literal);
  EXPECT_EQ(largest.literal->int_value, INT64_MAX);
  EXPECT_TRUE(largest.parsed.sink.diagnostics().empty());

  auto overflow = Literal("9223372036854775808");
  EXPECT_EQ(Diagnostics(overflow.parsed), std::vector<std::string>{"InvalidLiteral 1:13"});
}

TEST(Literals, Decimals) {
  auto decimal = Literal("19.90");
  ASSERT_TRUE(decimal.literal);
  EXPECT_EQ(decimal.literal->literal, ast::LiteralKind::Decimal);
  EXPECT_EQ(decimal.literal->scaled_value, 199000);
  EXPECT_EQ(decimal.literal->text, "19.90");

  auto zeros = Literal("1.50000");
  ASSERT_TRUE(zeros.literal);
  EXPECT_EQ(zeros.literal->scaled_value, 15000);
  EXPECT_TRUE(zeros.parsed.sink.diagnostics().empty());

  auto precise = Literal("0.12345");
  EXPECT_EQ(Diagnostics(precise.parsed), std::vector<std::string>{"InvalidLiteral 1:13"});
}

TEST(Literals, Money) {
  struct Case {
    std::string text;
    int64_t scaled;
    std::string currency;
  };
  for (const Case& c : std::vector<Case>{{"19.90 EUR", 199000, "EUR"},
                                         {"1000 ILS", 10000000, "ILS"},
                                         {"1_000 ILS", 10000000, "ILS"},
                                         {"₪50", 500000, "ILS"},
                                         {"€5", 50000, "EUR"},
                                         {"$1.5", 15000, "USD"},
                                         {"£2", 20000, "GBP"}}) {
    SCOPED_TRACE(c.text);
    auto money = Literal(c.text);
    ASSERT_TRUE(money.literal);
    EXPECT_EQ(money.literal->literal, ast::LiteralKind::Money);
    EXPECT_EQ(money.literal->scaled_value, c.scaled);
    EXPECT_EQ(money.literal->currency, c.currency);
    EXPECT_EQ(money.literal->text, c.text);
    EXPECT_TRUE(money.parsed.sink.diagnostics().empty());
  }
  auto huge = Literal("99999999999999999 ILS");
  EXPECT_EQ(Diagnostics(huge.parsed), std::vector<std::string>{"InvalidLiteral 1:13"});
}

TEST(Literals, Percentages) {
  auto ten = Literal("10%");
  ASSERT_TRUE(ten.literal);
  EXPECT_EQ(ten.literal->literal, ast::LiteralKind::Percent);
  EXPECT_EQ(ten.literal->scaled_value, 100000);
  auto fraction = Literal("12.5%");
  ASSERT_TRUE(fraction.literal);
  EXPECT_EQ(fraction.literal->scaled_value, 125000);
}

TEST(Literals, DurationsAreSummed) {
  struct Case {
    std::string text;
    int64_t seconds;
  };
  for (const Case& c : std::vector<Case>{{"90s", 90},
                                         {"4h", 14400},
                                         {"4h 30m", 16200},
                                         {"1d 12h", 129600},
                                         {"1d12h", 129600},
                                         {"2w", 1209600},
                                         {"1w 1d 1h 1m 1s", 694861}}) {
    SCOPED_TRACE(c.text);
    auto duration = Literal(c.text);
    ASSERT_TRUE(duration.literal);
    EXPECT_EQ(duration.literal->literal, ast::LiteralKind::Duration);
    EXPECT_EQ(duration.literal->seconds, c.seconds);
    EXPECT_EQ(duration.literal->text, c.text);
  }
  auto overflow = Literal("99999999999999999w");
  EXPECT_EQ(Diagnostics(overflow.parsed), std::vector<std::string>{"InvalidLiteral 1:13"});
}

TEST(Literals, DatesAreValidated) {
  auto date = Literal("2026-11-27");
  ASSERT_TRUE(date.literal);
  EXPECT_EQ(date.literal->literal, ast::LiteralKind::Date);
  EXPECT_EQ(date.literal->year, 2026);
  EXPECT_EQ(date.literal->month, 11);
  EXPECT_EQ(date.literal->day, 27);

  EXPECT_TRUE(Literal("2024-02-29").parsed.sink.diagnostics().empty());
  auto february = Literal("2026-02-30");
  EXPECT_EQ(Diagnostics(february.parsed), std::vector<std::string>{"InvalidLiteral 1:13"});
  EXPECT_NE(Messages(february.parsed).find("February 2026 has 28 days"), std::string::npos);
  auto month = Literal("2026-13-01");
  EXPECT_EQ(Diagnostics(month.parsed), std::vector<std::string>{"InvalidLiteral 1:13"});
}

TEST(Literals, DateTimes) {
  auto at = Literal("2026-11-27 09:00");
  ASSERT_TRUE(at.literal);
  EXPECT_EQ(at.literal->literal, ast::LiteralKind::DateTime);
  EXPECT_EQ(at.literal->day, 27);
  EXPECT_EQ(at.literal->seconds, 9 * 3600);
  EXPECT_EQ(at.literal->text, "2026-11-27 09:00");
  auto bad = Literal("2026-11-27 25:00");
  EXPECT_EQ(Diagnostics(bad.parsed), std::vector<std::string>{"InvalidLiteral 1:13"});
}

TEST(Literals, TimesOfDay) {
  struct Case {
    std::string text;
    int64_t seconds;
  };
  for (const Case& c : std::vector<Case>{{"09:00", 32400}, {"9:05", 32700}, {"21:30:15", 77415}, {"00:00", 0}}) {
    SCOPED_TRACE(c.text);
    auto time = Literal(c.text);
    ASSERT_TRUE(time.literal);
    EXPECT_EQ(time.literal->literal, ast::LiteralKind::Time);
    EXPECT_EQ(time.literal->seconds, c.seconds);
  }
  for (const char* invalid : {"24:00", "12:60", "23:59:60"}) {
    SCOPED_TRACE(invalid);
    EXPECT_EQ(Diagnostics(Literal(invalid).parsed), std::vector<std::string>{"InvalidLiteral 1:13"});
  }
}

TEST(Literals, Timestamps) {
  for (const char* text : {"2026-03-01T10:00:00Z", "2026-03-01T12:00:00+02:00", "2026-03-01T07:30:00-02:30",
                           "2026-03-01T10:00Z", "2026-03-01T10:00:00.750Z"}) {
    SCOPED_TRACE(text);
    auto timestamp = Literal(text);
    ASSERT_TRUE(timestamp.literal);
    EXPECT_EQ(timestamp.literal->literal, ast::LiteralKind::Timestamp);
    EXPECT_EQ(timestamp.literal->seconds, 1772359200);
    EXPECT_TRUE(timestamp.parsed.sink.diagnostics().empty());
  }
  auto before_epoch = Literal("1969-12-31T23:59:59Z");
  ASSERT_TRUE(before_epoch.literal);
  EXPECT_EQ(before_epoch.literal->seconds, -1);
  for (const char* invalid : {"2026-02-29T10:00:00Z", "2026-03-01T24:00:00Z", "2026-03-01T10:00:00+24:00"}) {
    SCOPED_TRACE(invalid);
    EXPECT_EQ(Diagnostics(Literal(invalid).parsed), std::vector<std::string>{"InvalidLiteral 1:13"});
  }
}

TEST(Literals, BoolsAndNull) {
  auto yes = Literal("true");
  ASSERT_TRUE(yes.literal);
  EXPECT_EQ(yes.literal->literal, ast::LiteralKind::Bool);
  EXPECT_TRUE(yes.literal->bool_value);
  auto no = Literal("false");
  ASSERT_TRUE(no.literal);
  EXPECT_FALSE(no.literal->bool_value);
  auto null = Literal("null");
  ASSERT_TRUE(null.literal);
  EXPECT_EQ(null.literal->literal, ast::LiteralKind::Null);
}

// ---------------------------------------------------------------------------
// Strings

TEST(Strings, EscapesAreDecodedWithSourceOffsets) {
  //                    offset 12: the opening quote
  auto string = Literal(R"("a\"b\\c\nd\te\u{5D0}!")");
  ASSERT_TRUE(string.literal);
  EXPECT_EQ(string.literal->literal, ast::LiteralKind::String);
  EXPECT_EQ(string.literal->string_value, "a\"b\\c\nd\te\u05D0!");
  EXPECT_TRUE(string.parsed.sink.diagnostics().empty());
  const std::vector<uint32_t>& offsets = string.literal->string_offsets;
  ASSERT_EQ(offsets.size(), string.literal->string_value.size() + 1);
  // a  \"  b  \\  c  \n  d  \t  e  א (2 bytes)  !  end
  EXPECT_EQ(offsets, (std::vector<uint32_t>{13, 14, 16, 17, 19, 20, 22, 23, 25, 26, 26, 33, 34}));
}

TEST(Strings, BadEscapesAreReportedWhereTheyAre) {
  auto bad = Literal(R"("ok \q and \u{D800} and \u{} and \u{110000}")");
  EXPECT_EQ(Diagnostics(bad.parsed), (std::vector<std::string>{"InvalidEscape 1:17", "InvalidEscape 1:24",
                                                               "InvalidEscape 1:37", "InvalidEscape 1:46"}));
  ASSERT_TRUE(bad.literal);  // the declaration is kept
}

TEST(Strings, TripleQuotedStringsAreVerbatim) {
  std::string body = "Hello \\n {{contact.first_name}}\n  \"quoted\" line 2\n";
  auto string = Literal("\"\"\"" + body + "\"\"\"");
  ASSERT_TRUE(string.literal);
  EXPECT_EQ(string.literal->string_value, body);
  ASSERT_EQ(string.literal->string_offsets.size(), body.size() + 1);
  EXPECT_EQ(string.literal->string_offsets.front(), 15u);
  EXPECT_EQ(string.literal->string_offsets.back(), 15u + body.size());
}

TEST(Strings, HebrewPolishAndEmojiDecodeUnchanged) {
  for (const std::string text : {"שלום {{contact.first_name}}, ההזמנה שלך בדרך!", "Zażółć gęślą jaźń — ŻÓŁW",
                                 "🎉 Sale! 👍🏽 👨‍👩‍👧", "mixed: עברית, polski ąę, 🛒"}) {
    SCOPED_TRACE(text);
    Parsed parsed = ParseText("journey j {\n  trigger signed_up\n  send sms \"" + text + "\" { x: 1 }\n}\n");
    EXPECT_EQ(Messages(parsed), "");
    ASSERT_EQ(parsed.file->decls.size(), 1u);
    const auto& send = parsed.file->decls[0]->As<ast::JourneyDecl>().items[1]->As<ast::SendStmt>();
    EXPECT_EQ(send.message->string_value, text);
    size_t quote = parsed.source->text().find('"');
    for (size_t i = 0; i < text.size(); ++i) ASSERT_EQ(send.message->string_offsets[i], quote + 1 + i);
    // Ranges after the string are still right: they count bytes.
    ASSERT_TRUE(send.data);
    EXPECT_EQ(parsed.source->text().substr(send.data->range.begin, send.data->range.end - send.data->range.begin),
              "{ x: 1 }");
    LineColumn column = parsed.source->Locate(send.data->range.begin);
    EXPECT_EQ(column.line, 3u);
  }
}

// ---------------------------------------------------------------------------
// Syntax errors

TEST(SyntaxErrors, ExpectedAndFoundInPlainWords) {
  Parsed parsed = ParseText("journey j {\n  trigger signed_up\n  sendd email \"a\"\n}\n");
  EXPECT_EQ(Diagnostics(parsed), std::vector<std::string>{"SyntaxError 3:3"});
  std::string message = Messages(parsed);
  EXPECT_NE(message.find("expected `}`"), std::string::npos) << message;
  EXPECT_NE(message.find("found `sendd`"), std::string::npos) << message;
  EXPECT_NE(message.find("did you mean `send`?"), std::string::npos) << message;
}

TEST(SyntaxErrors, MissingClosingBraceIsReportedWhereTheNextDeclarationStarts) {
  Parsed parsed = ParseText(
      "journey j {\n  trigger x\n  if a {\n    send email \"a\"\n  }\n\njourney k {\n  trigger y\n}\n"
      "segment s = true\n");
  EXPECT_EQ(Diagnostics(parsed), std::vector<std::string>{"SyntaxError 7:1"});
  EXPECT_NE(Messages(parsed).find("expected `}`"), std::string::npos);
  EXPECT_NE(Messages(parsed).find("found `journey`"), std::string::npos);
  EXPECT_EQ(DeclNames(parsed), (std::vector<std::string>{"k", "s"}));
}

TEST(SyntaxErrors, EndOfFile) {
  Parsed parsed = ParseText("segment a = x and\n\n\n");
  EXPECT_EQ(Diagnostics(parsed), std::vector<std::string>{"SyntaxError 1:18"});
  EXPECT_EQ(Messages(parsed), "expected an expression, found the end of the file\n");
}

TEST(SyntaxErrors, SpeltOutDurationUnit) {
  Parsed parsed = ParseText("segment a = count(order_placed within 30 days) > 1\n");
  EXPECT_EQ(Diagnostics(parsed), std::vector<std::string>{"SyntaxError 1:42"});
  EXPECT_NE(Messages(parsed).find("such as `30d`"), std::string::npos);
}

TEST(SyntaxErrors, ReservedWordAsName) {
  Parsed parsed = ParseText("schema s {\n  contact {\n    id: string key\n    in: int\n  }\n}\n");
  EXPECT_EQ(Diagnostics(parsed), std::vector<std::string>{"SyntaxError 4:5"});
  EXPECT_NE(Messages(parsed).find("`in` is a reserved word"), std::string::npos);
}

TEST(SyntaxErrors, SingleEqualsSuggestsDoubleEquals) {
  Parsed parsed = ParseText("segment a = contact.city = \"Haifa\"\n");
  EXPECT_EQ(Diagnostics(parsed), std::vector<std::string>{"SyntaxError 1:26"});
  EXPECT_NE(Messages(parsed).find("write `==`"), std::string::npos);
}

TEST(SyntaxErrors, OneMistakeOneDiagnosticAndTheOtherDeclarationsSurvive) {
  Parsed parsed = ParseText(
      "segment a = true\n"
      "journey broken {\n  trigger x\n  wait 4h 4h 4h\n  send email \"a\" {\n  if ) ( ]\n}\n"
      "segment b = count(order_placed within 30d) > 3\n"
      "segment c = ((x)\n"
      "segment d = false\n");
  EXPECT_EQ(Diagnostics(parsed), (std::vector<std::string>{"SyntaxError 6:6", "SyntaxError 10:1"}));
  EXPECT_EQ(DeclNames(parsed), (std::vector<std::string>{"a", "b", "d"}));
}

TEST(SyntaxErrors, UnterminatedString) {
  Parsed parsed = ParseText("segment a = \"abc\nsegment b = true\n");
  EXPECT_EQ(Diagnostics(parsed), std::vector<std::string>{"UnterminatedString 1:13"});
  EXPECT_EQ(DeclNames(parsed), std::vector<std::string>{"b"});
  Parsed triple = ParseText("segment b = true\nsegment a = \"\"\"abc\n\ndef\n");
  EXPECT_EQ(Diagnostics(triple), std::vector<std::string>{"UnterminatedString 2:13"});
  EXPECT_EQ(DeclNames(triple), std::vector<std::string>{"b"});
}

TEST(SyntaxErrors, UnterminatedComment) {
  Parsed parsed = ParseText("segment b = true\nsegment a = x /* forgot\nsegment c = true\n");
  EXPECT_EQ(Diagnostics(parsed), std::vector<std::string>{"UnterminatedComment 2:15"});
  EXPECT_EQ(DeclNames(parsed), std::vector<std::string>{"b"});
}

TEST(SyntaxErrors, ClosedCommentsAreNotUnterminated) {
  Parsed parsed = ParseText("/* one */ segment a = x /* two ** */ and y /***/\n");
  EXPECT_EQ(Messages(parsed), "");
  EXPECT_EQ(parsed.file->comments.size(), 3u);
}

TEST(SyntaxErrors, UnexpectedCharacter) {
  Parsed parsed = ParseText("segment a = true\nsegment b = x ### y\nsegment c = x && y\n");
  EXPECT_EQ(Diagnostics(parsed), (std::vector<std::string>{"UnexpectedCharacter 2:15", "UnexpectedCharacter 3:15"}));
  EXPECT_NE(Messages(parsed).find("write `and`"), std::string::npos);
  EXPECT_EQ(DeclNames(parsed), std::vector<std::string>{"a"});
}

TEST(SyntaxErrors, InvalidUtf8IsAnUnexpectedCharacter) {
  Parsed parsed = ParseText("segment a = \xFF\nsegment b = x\n");
  EXPECT_EQ(Diagnostics(parsed), std::vector<std::string>{"UnexpectedCharacter 1:13"});
  EXPECT_NE(Messages(parsed).find("UTF-8"), std::string::npos);
}

TEST(SyntaxErrors, LiteralErrorsKeepTheDeclaration) {
  Parsed parsed = ParseText("campaign c {\n  audience true\n  at 2026-02-30 09:00\n}\n");
  EXPECT_EQ(Diagnostics(parsed), std::vector<std::string>{"InvalidLiteral 3:6"});
  EXPECT_EQ(parsed.file->decls.size(), 1u);
}

// ---------------------------------------------------------------------------
// Depth and size

TEST(Nesting, HundredThousandOpeningParensGetOneDiagnostic) {
  Parsed parsed = ParseText("segment a = " + std::string(100000, '(') + "\n");
  EXPECT_EQ(Diagnostics(parsed), std::vector<std::string>{"NestingTooDeep 1:213"});
  EXPECT_TRUE(parsed.file->decls.empty());
}

TEST(Nesting, LongPrefixChainsGetOneDiagnosticEach) {
  std::string nots;
  std::string minuses;
  for (int i = 0; i < 100000; ++i) {
    nots += "not ";
    minuses += "- ";
  }
  Parsed parsed = ParseText("segment a = " + nots + "x\nsegment b = " + minuses + "1\nsegment c = true\n");
  EXPECT_EQ(Diagnostics(parsed), (std::vector<std::string>{"NestingTooDeep 1:813", "NestingTooDeep 2:413"}));
  EXPECT_EQ(DeclNames(parsed), std::vector<std::string>{"c"});
}

TEST(Nesting, WithinTheLimitParses) {
  ParseOptions defaults;
  int limit = defaults.max_nesting;
  std::string deepest = std::string(limit, '(') + "x" + std::string(limit, ')');
  std::string nots;
  for (int i = 0; i < limit; ++i) nots += "not ";
  Parsed at_limit = ParseText("segment a = " + deepest + "\nsegment b = " + nots + "x\n");
  EXPECT_EQ(Messages(at_limit), "");
  EXPECT_EQ(at_limit.file->decls.size(), 2u);

  std::string deep = std::string(150, '(') + "x" + std::string(150, ')');
  Parsed parsed = ParseText("segment a = " + deep + " and " + std::string(150, '[') + std::string(150, ']') + "\n");
  EXPECT_EQ(Messages(parsed), "");
  EXPECT_EQ(parsed.file->decls.size(), 1u);

  ParseOptions strict;
  strict.max_nesting = 100;
  Parsed limited = ParseText("segment a = " + deep + "\n", strict);
  EXPECT_EQ(Diagnostics(limited), std::vector<std::string>{"NestingTooDeep 1:113"});
}

size_t LeftDepth(const ast::Expr* expr) {
  size_t depth = 0;
  while (true) {
    if (expr->kind == ast::ExprKind::Binary) {
      expr = expr->As<ast::BinaryExpr>().lhs.get();
    } else if (expr->kind == ast::ExprKind::Member) {
      expr = expr->As<ast::MemberExpr>().object.get();
    } else if (expr->kind == ast::ExprKind::Call) {
      expr = expr->As<ast::CallExpr>().callee.get();
    } else {
      return depth;
    }
    ++depth;
  }
}

// Parsing, and destroying the AST, must not recurse once per term.
TEST(LongChains, HundredThousandTermsParseAndAreFreed) {
  std::string sum = "a";
  for (int i = 1; i < 100000; ++i) sum += " + a";
  std::string members = "x";
  for (int i = 0; i < 100000; ++i) members += ".b";
  std::string calls = "f";
  for (int i = 0; i < 100000; ++i) calls += "()";
  std::string ands = "a";
  for (int i = 1; i < 100000; ++i) ands += " and a";
  for (const std::string& body : {sum, members, calls, ands}) {
    Parsed parsed = ParseText("segment s = " + body + "\n");
    EXPECT_EQ(Messages(parsed), "");
    ASSERT_EQ(parsed.file->decls.size(), 1u);
    EXPECT_GE(LeftDepth(parsed.file->decls[0]->As<ast::SegmentDecl>().body.get()), 99999u);
    parsed.file.reset();
  }
}

TEST(LargeFiles, TenThousandLinesParse) {
  std::string text = "schema shop {\n  contact { id: string key, vip: bool }\n  event order_placed { total: money }\n}\n";
  int declarations = 1;
  int line_count = 4;
  for (int i = 0; line_count < 10000; ++i) {
    text += "/// Segment number " + std::to_string(i) + ".\n";
    text += "segment s" + std::to_string(i) + " = count(order_placed within " + std::to_string(i + 1) +
            "d) >= 3\n    and not contact.vip\n\n";
    text += "journey j" + std::to_string(i) + " {\n  trigger order_placed as o\n  wait 1d 12h\n"
            "  if o.total > 100 ILS { send email \"big\" { total: o.total } } else { exit }\n}\n\n";
    declarations += 2;
    line_count += 10;
  }
  Parsed parsed = ParseText(text);
  EXPECT_EQ(Messages(parsed), "");
  EXPECT_EQ(parsed.file->decls.size(), static_cast<size_t>(declarations));
  EXPECT_GE(parsed.source->line_count(), 10000u);
  EXPECT_EQ(parsed.file->decls[1]->doc, "Segment number 0.");
}

// ---------------------------------------------------------------------------
// Comments

TEST(Comments, EveryCommentIsKeptInOrder) {
  Parsed parsed = ParseText(
      "// one\nsegment a = x /* two */ and y // three\n/// four\nsegment b = z\n/* five\n   lines */\n");
  EXPECT_EQ(Messages(parsed), "");
  std::vector<std::string> texts;
  for (const ast::Comment& comment : parsed.file->comments) texts.push_back(comment.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"// one", "/* two */", "// three", "/// four", "/* five\n   lines */"}));
  EXPECT_TRUE(parsed.file->comments[3].is_doc);
  EXPECT_FALSE(parsed.file->comments[0].is_doc);
  const ast::Comment& two = parsed.file->comments[1];
  EXPECT_EQ(parsed.source->text().substr(two.range.begin, two.range.end - two.range.begin), "/* two */");
}

TEST(Comments, DocCommentsDirectlyAboveBecomeDocs) {
  Parsed parsed = ParseText(
      "/// The shop.\n/// Second line.\nschema shop {\n"
      "  /// People.\n  contact {\n    /// Their id.\n    id: string key\n"
      "    consent: {\n      /// Email consent.\n      email: bool\n    }\n    name: string /// not above\n"
      "    city: string\n  }\n}\n"
      "/// Separated by a blank line.\n\nsegment a = true\n"
      "//// Four slashes are a plain comment.\nsegment b = true\n"
      "/// Interrupted.\n// plain\nsegment c = true\n");
  EXPECT_EQ(Messages(parsed), "");
  ASSERT_EQ(parsed.file->decls.size(), 4u);
  const auto& schema = parsed.file->decls[0]->As<ast::SchemaDecl>();
  EXPECT_EQ(schema.doc, "The shop.\nSecond line.");
  const ast::SchemaItem& contact = schema.items[0];
  EXPECT_EQ(contact.doc, "People.");
  ASSERT_EQ(contact.fields.size(), 4u);
  EXPECT_EQ(contact.fields[0].doc, "Their id.");
  EXPECT_EQ(contact.fields[1].doc, "");
  EXPECT_EQ(contact.fields[1].type->fields[0].doc, "Email consent.");
  EXPECT_EQ(contact.fields[3].doc, "");  // a trailing `///` is not above `city`
  for (size_t i = 1; i < 4; ++i) EXPECT_EQ(parsed.file->decls[i]->doc, "") << i;
}

TEST(Comments, ByteOrderMarkAndWindowsLineEnds) {
  Parsed parsed = ParseText("\xEF\xBB\xBF/// First.\r\nsegment a = x\r\n/// Second.\r\n/// More.\r\nsegment b = y\r\n");
  EXPECT_EQ(Messages(parsed), "");
  ASSERT_EQ(parsed.file->decls.size(), 2u);
  EXPECT_EQ(parsed.file->decls[0]->doc, "First.");
  EXPECT_EQ(parsed.file->decls[1]->doc, "Second.\nMore.");
  EXPECT_EQ(Diagnostics(ParseText("segment a = x +\r\n\r\n")), std::vector<std::string>{"SyntaxError 1:16"});
}

// ---------------------------------------------------------------------------
// The shape of the AST

TEST(Ast, OperatorsAndPrecedence) {
  Parsed parsed = ParseText("segment s = not a == b ?? c and d or e + f * -g not in h\n");
  EXPECT_EQ(Messages(parsed), "");
  const ast::Expr& root = *parsed.file->decls[0]->As<ast::SegmentDecl>().body;
  // ((not ((a == b) ?? c)) and d) or ((e + (f * -g)) not in h)
  ASSERT_EQ(root.kind, ast::ExprKind::Binary);
  const auto& orx = root.As<ast::BinaryExpr>();
  EXPECT_EQ(orx.op, ast::BinaryOp::Or);
  const auto& andx = orx.lhs->As<ast::BinaryExpr>();
  EXPECT_EQ(andx.op, ast::BinaryOp::And);
  const auto& notx = andx.lhs->As<ast::UnaryExpr>();
  EXPECT_EQ(notx.op, ast::UnaryOp::Not);
  const auto& coalesce = notx.operand->As<ast::BinaryExpr>();
  EXPECT_EQ(coalesce.op, ast::BinaryOp::Coalesce);
  EXPECT_EQ(coalesce.lhs->As<ast::BinaryExpr>().op, ast::BinaryOp::Eq);
  const auto& not_in = orx.rhs->As<ast::BinaryExpr>();
  EXPECT_EQ(not_in.op, ast::BinaryOp::NotIn);
  EXPECT_EQ(parsed.source->text().substr(not_in.op_range.begin, not_in.op_range.end - not_in.op_range.begin),
            "not in");
  const auto& sum = not_in.lhs->As<ast::BinaryExpr>();
  EXPECT_EQ(sum.op, ast::BinaryOp::Add);
  const auto& product = sum.rhs->As<ast::BinaryExpr>();
  EXPECT_EQ(product.op, ast::BinaryOp::Mul);
  EXPECT_EQ(product.rhs->As<ast::UnaryExpr>().op, ast::UnaryOp::Negate);
}

TEST(Ast, HistoryCallsWithWhereAndWindows) {
  Parsed parsed = ParseText(
      "segment s = count(page_viewed where category == cat within 14d) >= 3"
      " and exists(order_placed since 2026-01-01) and exists(x between 2026-01-01 and now - 1d)\n");
  EXPECT_EQ(Messages(parsed), "");
  const auto& root = parsed.file->decls[0]->As<ast::SegmentDecl>().body->As<ast::BinaryExpr>();
  const auto& count = root.lhs->As<ast::BinaryExpr>().lhs->As<ast::BinaryExpr>().lhs->As<ast::CallExpr>();
  ASSERT_EQ(count.args.size(), 1u);
  ASSERT_TRUE(count.args[0].where);
  ASSERT_TRUE(count.args[0].window);
  EXPECT_EQ(count.args[0].window->kind, ast::WindowKind::Within);
  const auto& between = root.rhs->As<ast::CallExpr>();
  ASSERT_TRUE(between.args[0].window);
  EXPECT_EQ(between.args[0].window->kind, ast::WindowKind::Between);
  EXPECT_TRUE(between.args[0].window->second);
}

TEST(Ast, JourneyStepsAndClauses) {
  Parsed parsed = ParseText(ReadText(SpecExamples() / "04_journeys.journey"));
  ASSERT_EQ(Messages(parsed), "");
  const auto& cart = parsed.file->decls[0]->As<ast::JourneyDecl>();
  EXPECT_EQ(cart.name.name, "abandoned_cart");
  std::vector<ast::StmtKind> kinds;
  for (const ast::StmtPtr& item : cart.items) kinds.push_back(item->kind);
  using K = ast::StmtKind;
  EXPECT_EQ(kinds, (std::vector<K>{K::Trigger, K::When, K::Reentry, K::ExitWhen, K::Goal, K::Wait, K::Send,
                                   K::WaitUntil, K::Wait, K::If}));
  const auto& trigger = cart.items[0]->As<ast::TriggerStmt>();
  EXPECT_EQ(trigger.event.name, "cart_abandoned");
  ASSERT_TRUE(trigger.alias);
  EXPECT_EQ(trigger.alias->name, "cart");
  const auto& wait = cart.items[7]->As<ast::WaitUntilStmt>();
  ASSERT_EQ(wait.arms.size(), 2u);
  EXPECT_TRUE(wait.arms[0].is_timeout);
  EXPECT_EQ(wait.arms[1].event.name, "message_opened");
  const auto& branch = cart.items[9]->As<ast::IfStmt>();
  EXPECT_EQ(branch.branches.size(), 1u);
  EXPECT_TRUE(branch.else_body);
  const auto& send = branch.branches[0].body.steps[1]->As<ast::SendStmt>();
  EXPECT_TRUE(send.provider_template);
  EXPECT_EQ(send.channel.name, "whatsapp");
}

TEST(Ast, CouponPopupAndPolicyItems) {
  Parsed parsed = ParseText(ReadText(SpecExamples() / "05_campaign_coupon_popup_policy.journey") +
                            "coupon c2 { when exhausted fallback welcome_first_order }\n"
                            "policy { sms limit 3 segments }\n");
  ASSERT_EQ(Messages(parsed), "");
  const auto& coupon = parsed.file->decls[1]->As<ast::CouponDecl>();
  ASSERT_EQ(coupon.items.size(), 6u);
  EXPECT_EQ(coupon.items[1].kind, ast::CouponItemKind::CodesGenerated);
  EXPECT_EQ(coupon.items[1].text->string_value, "WELCOME-{A9:6}");
  EXPECT_EQ(coupon.items[5].exhausted, ast::ExhaustedAction::Skip);
  const auto& popup = parsed.file->decls[2]->As<ast::PopupDecl>();
  ASSERT_EQ(popup.items[1].triggers.size(), 3u);
  EXPECT_EQ(popup.items[1].triggers[1].name.name, "exit_intent");
  EXPECT_EQ(popup.items[4].kind, ast::PopupItemKind::OnSubmit);
  const auto& policy = parsed.file->decls[3]->As<ast::PolicyDecl>();
  EXPECT_EQ(policy.items[1].count, 2);
  EXPECT_EQ(policy.items[1].channel.name, "sms");
  const auto& fallback = parsed.file->decls[4]->As<ast::CouponDecl>();
  EXPECT_EQ(fallback.items[0].exhausted, ast::ExhaustedAction::Fallback);
  EXPECT_EQ(fallback.items[0].fallback.name, "welcome_first_order");
  const auto& sms = parsed.file->decls[5]->As<ast::PolicyDecl>();
  EXPECT_EQ(sms.items[0].kind, ast::PolicyItemKind::SmsLimit);
  EXPECT_EQ(sms.items[0].count, 3);
}

}  // namespace
}  // namespace kairos
