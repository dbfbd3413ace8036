// Message templates: placeholder parsing (ParseTemplate) and SMS sizing (MeasureSms).
#include "compiler/template/template.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "compiler/syntax/parse.h"

namespace kairos {
namespace {

// A .journey source holding one double-quoted string literal, decoded the way
// the parser does it (escapes \" \\ \n \t), with the byte offsets it records.
struct Fixture {
  std::unique_ptr<SourceFile> file;
  std::unique_ptr<ast::LiteralExpr> literal;
  DiagnosticSink sink;

  explicit Fixture(std::string source) {
    file = std::make_unique<SourceFile>("test.journey", std::move(source));
    const std::string& text = file->text();
    auto open = static_cast<uint32_t>(text.find('"'));
    uint32_t pos = open + 1;
    std::string value;
    std::vector<uint32_t> offsets;
    while (text[pos] != '"') {
      offsets.push_back(pos);
      if (text[pos] == '\\') {
        char escaped = text[pos + 1];
        value += escaped == 'n' ? '\n' : escaped == 't' ? '\t' : escaped;
        pos += 2;
      } else {
        value += text[pos++];
      }
    }
    offsets.push_back(pos);
    literal =
        std::make_unique<ast::LiteralExpr>(ast::LiteralKind::String, file->Range(open, pos + 1));
    literal->text = text.substr(open, pos + 1 - open);
    literal->string_value = value;
    literal->string_offsets = offsets;
  }

  ParsedTemplate Parse() { return ParseTemplate(*literal, sink); }

  // The source text a range covers.
  std::string Text(SourceRange range) const {
    return file->text().substr(range.begin, range.end - range.begin);
  }
  LineColumn At(SourceRange range) const { return file->Locate(range.begin); }
};

const ast::Expr& Placeholder(const ParsedTemplate& parsed, size_t index) {
  size_t seen = 0;
  for (const TemplatePart& part : parsed.parts) {
    if (!part.is_placeholder) continue;
    if (seen++ == index) {
      EXPECT_NE(part.expr, nullptr);
      return *part.expr;
    }
  }
  ADD_FAILURE() << "no placeholder " << index;
  static const ast::NameExpr kNone("", {});
  return kNone;
}

TEST(ParseTemplate, TextWithoutPlaceholdersIsOnePart) {
  Fixture f(R"(send sms "Your order is on its way")");
  ParsedTemplate parsed = f.Parse();
  ASSERT_EQ(parsed.parts.size(), 1u);
  EXPECT_FALSE(parsed.has_placeholders());
  EXPECT_EQ(parsed.FixedText(), "Your order is on its way");
  EXPECT_EQ(f.Text(parsed.parts[0].range), "Your order is on its way");
  EXPECT_FALSE(f.sink.has_errors());
}

TEST(ParseTemplate, SplitsTextAndPlaceholders) {
  Fixture f(
      R"(send sms "Still thinking, {{contact.first_name ?? 'friend'}}? {{cart.checkout_url}}")");
  ParsedTemplate parsed = f.Parse();
  EXPECT_FALSE(f.sink.has_errors());
  ASSERT_EQ(parsed.parts.size(), 4u);
  EXPECT_EQ(parsed.parts[0].text, "Still thinking, ");
  EXPECT_TRUE(parsed.parts[1].is_placeholder);
  EXPECT_EQ(parsed.parts[1].text, "contact.first_name ?? 'friend'");
  EXPECT_EQ(f.Text(parsed.parts[1].range), "{{contact.first_name ?? 'friend'}}");
  EXPECT_EQ(parsed.parts[2].text, "? ");
  EXPECT_EQ(f.Text(parsed.parts[3].range), "{{cart.checkout_url}}");
  EXPECT_TRUE(parsed.has_placeholders());
  EXPECT_EQ(parsed.FixedText(), "Still thinking, ? ");

  const auto& coalesce = Placeholder(parsed, 0);
  ASSERT_EQ(coalesce.kind, ast::ExprKind::Binary);
  const auto& binary = coalesce.As<ast::BinaryExpr>();
  EXPECT_EQ(binary.op, ast::BinaryOp::Coalesce);
  EXPECT_EQ(f.Text(binary.range), "contact.first_name ?? 'friend'");
  EXPECT_EQ(f.Text(binary.op_range), "??");

  ASSERT_EQ(binary.lhs->kind, ast::ExprKind::Member);
  const auto& member = binary.lhs->As<ast::MemberExpr>();
  EXPECT_FALSE(member.safe);
  EXPECT_EQ(member.member.name, "first_name");
  EXPECT_EQ(f.Text(member.member.range), "first_name");
  EXPECT_EQ(f.Text(member.range), "contact.first_name");
  ASSERT_EQ(member.object->kind, ast::ExprKind::Name);
  EXPECT_EQ(member.object->As<ast::NameExpr>().name, "contact");
  EXPECT_EQ(f.Text(member.object->range), "contact");
  EXPECT_EQ(f.At(member.object->range).column, 29u);

  ASSERT_EQ(binary.rhs->kind, ast::ExprKind::Literal);
  const auto& fallback = binary.rhs->As<ast::LiteralExpr>();
  EXPECT_EQ(fallback.literal, ast::LiteralKind::String);
  EXPECT_EQ(fallback.text, "'friend'");
  EXPECT_EQ(fallback.string_value, "friend");
  EXPECT_EQ(f.Text(fallback.range), "'friend'");
  ASSERT_EQ(fallback.string_offsets.size(), 7u);
  EXPECT_EQ(f.file->text()[fallback.string_offsets[0]], 'f');

  const auto& url = Placeholder(parsed, 1);
  ASSERT_EQ(url.kind, ast::ExprKind::Member);
  EXPECT_EQ(url.As<ast::MemberExpr>().member.name, "checkout_url");
}

TEST(ParseTemplate, SafeAccessAndLongPaths) {
  Fixture f(R"(send sms "{{ a?.b.c }}")");
  ParsedTemplate parsed = f.Parse();
  EXPECT_FALSE(f.sink.has_errors());
  const auto& outer = Placeholder(parsed, 0).As<ast::MemberExpr>();
  EXPECT_FALSE(outer.safe);
  EXPECT_EQ(outer.member.name, "c");
  EXPECT_EQ(f.Text(outer.range), "a?.b.c");
  const auto& inner = outer.object->As<ast::MemberExpr>();
  EXPECT_TRUE(inner.safe);
  EXPECT_EQ(inner.member.name, "b");
  EXPECT_EQ(inner.object->As<ast::NameExpr>().name, "a");
}

TEST(ParseTemplate, IssueCouponInParentheses) {
  Fixture f(R"(send sms "Happy birthday! {{(issue coupon birthday).code}}")");
  ParsedTemplate parsed = f.Parse();
  EXPECT_FALSE(f.sink.has_errors());
  const auto& code = Placeholder(parsed, 0);
  ASSERT_EQ(code.kind, ast::ExprKind::Member);
  const auto& member = code.As<ast::MemberExpr>();
  EXPECT_EQ(member.member.name, "code");
  ASSERT_EQ(member.object->kind, ast::ExprKind::Paren);
  const auto& paren = member.object->As<ast::ParenExpr>();
  EXPECT_EQ(f.Text(paren.range), "(issue coupon birthday)");
  ASSERT_EQ(paren.inner->kind, ast::ExprKind::IssueCoupon);
  const auto& issue = paren.inner->As<ast::IssueCouponExpr>();
  EXPECT_EQ(issue.pool.name, "birthday");
  EXPECT_EQ(f.Text(issue.pool.range), "birthday");
  EXPECT_EQ(f.Text(issue.range), "issue coupon birthday");
}

TEST(ParseTemplate, ParenthesesAroundFallbacks) {
  Fixture f(R"(send sms "{{ ( issue.code ?? c.code ) }}")");
  ParsedTemplate parsed = f.Parse();
  EXPECT_FALSE(f.sink.has_errors());
  const auto& paren = Placeholder(parsed, 0).As<ast::ParenExpr>();
  const auto& binary = paren.inner->As<ast::BinaryExpr>();
  EXPECT_EQ(binary.op, ast::BinaryOp::Coalesce);
  // `issue` not followed by `coupon` is an ordinary name.
  EXPECT_EQ(binary.lhs->As<ast::MemberExpr>().object->As<ast::NameExpr>().name, "issue");
  EXPECT_EQ(binary.rhs->As<ast::MemberExpr>().member.name, "code");
}

TEST(ParseTemplate, NumbersAsFallbacks) {
  Fixture f(R"(send sms "{{points ?? 0}} / {{ratio ?? 12.5}} / {{a ?? b ?? 'x'}}")");
  ParsedTemplate parsed = f.Parse();
  EXPECT_FALSE(f.sink.has_errors());
  const auto& zero = Placeholder(parsed, 0).As<ast::BinaryExpr>().rhs->As<ast::LiteralExpr>();
  EXPECT_EQ(zero.literal, ast::LiteralKind::Int);
  EXPECT_EQ(zero.int_value, 0);
  EXPECT_EQ(zero.text, "0");
  const auto& ratio = Placeholder(parsed, 1).As<ast::BinaryExpr>().rhs->As<ast::LiteralExpr>();
  EXPECT_EQ(ratio.literal, ast::LiteralKind::Decimal);
  EXPECT_EQ(ratio.scaled_value, 125000);
  EXPECT_EQ(ratio.text, "12.5");
  // `??` chains group to the left: (a ?? b) ?? 'x'.
  const auto& chain = Placeholder(parsed, 2).As<ast::BinaryExpr>();
  EXPECT_EQ(chain.lhs->kind, ast::ExprKind::Binary);
  EXPECT_EQ(chain.rhs->kind, ast::ExprKind::Literal);
  EXPECT_EQ(f.Text(chain.range), "a ?? b ?? 'x'");
}

TEST(ParseTemplate, LoneBracesAreText) {
  Fixture f(R"(send sms "Use {curly} and }} freely {{x}}")");
  ParsedTemplate parsed = f.Parse();
  EXPECT_FALSE(f.sink.has_errors());
  ASSERT_EQ(parsed.parts.size(), 2u);
  EXPECT_EQ(parsed.parts[0].text, "Use {curly} and }} freely ");
  EXPECT_EQ(Placeholder(parsed, 0).As<ast::NameExpr>().name, "x");
}

TEST(ParseTemplate, KeepsHebrewPolishAndEmojiText) {
  Fixture f("send sms \"שלום {{contact.first_name}}, zażółć gęślą jaźń 🎉\"");
  ParsedTemplate parsed = f.Parse();
  EXPECT_FALSE(f.sink.has_errors());
  ASSERT_EQ(parsed.parts.size(), 3u);
  EXPECT_EQ(parsed.parts[0].text, "שלום ");
  EXPECT_EQ(parsed.parts[2].text, ", zażółć gęślą jaźń 🎉");
  EXPECT_EQ(f.Text(parsed.parts[2].range), ", zażółć gęślą jaźń 🎉");
  // Columns count code points: `contact` starts after 10 + 5 + 2 of them.
  const auto& member = Placeholder(parsed, 0).As<ast::MemberExpr>();
  EXPECT_EQ(f.At(member.object->range).column, 18u);
}

TEST(ParseTemplate, QuotedTextMayHoldBraces) {
  Fixture f(R"(send sms "{{name ?? '}} or {{'}}!")");
  ParsedTemplate parsed = f.Parse();
  EXPECT_FALSE(f.sink.has_errors());
  ASSERT_EQ(parsed.parts.size(), 2u);
  const auto& fallback = Placeholder(parsed, 0).As<ast::BinaryExpr>().rhs->As<ast::LiteralExpr>();
  EXPECT_EQ(fallback.string_value, "}} or {{");
  EXPECT_EQ(parsed.parts[1].text, "!");
}

TEST(ParseTemplate, PositionsFollowEscapes) {
  // Each `\"` is two source bytes but one byte of the value.
  Fixture f(R"(send sms "\"Hi\" {{contact.first_name}}")");
  ParsedTemplate parsed = f.Parse();
  EXPECT_FALSE(f.sink.has_errors());
  const auto& member = Placeholder(parsed, 0).As<ast::MemberExpr>();
  EXPECT_EQ(f.Text(member.range), "contact.first_name");
  EXPECT_EQ(f.At(member.range).column, 20u);
  EXPECT_EQ(parsed.parts[0].text, "\"Hi\" ");
  EXPECT_EQ(f.Text(parsed.parts[0].range), R"(\"Hi\" )");
}

TEST(ParseTemplate, LiteralWithoutOffsetsAssumesNoEscapes) {
  SourceFile file("t.journey", R"(x "ab {{c}}")");
  ast::LiteralExpr literal(ast::LiteralKind::String, file.Range(2, 12));
  literal.text = R"("ab {{c}}")";
  literal.string_value = "ab {{c}}";
  DiagnosticSink sink;
  ParsedTemplate parsed = ParseTemplate(literal, sink);
  ASSERT_EQ(parsed.parts.size(), 2u);
  const ast::Expr& name = *parsed.parts[1].expr;
  EXPECT_EQ(name.range.begin, 8u);
  EXPECT_EQ(name.range.end, 9u);
}

TEST(ParseTemplate, PositionsInParsedLiterals) {
  SourceFile file("j.journey",
                  "journey j {\n"
                  "  trigger signed_up\n"
                  "  send sms \"\\u{1F389} {{c.code}}\"\n"
                  "  send email \"\"\"Hi\n{{ a.}}\"\"\"\n"
                  "}\n");
  DiagnosticSink sink;
  std::unique_ptr<ast::File> parsed_file = Parse(file, sink);
  ASSERT_FALSE(sink.has_errors());
  const auto& journey = parsed_file->decls.at(0)->As<ast::JourneyDecl>();

  ParsedTemplate sms = ParseTemplate(*journey.items.at(1)->As<ast::SendStmt>().message, sink);
  EXPECT_FALSE(sink.has_errors());
  ASSERT_EQ(sms.parts.size(), 2u);
  EXPECT_EQ(sms.parts[0].text, "\U0001F389 ");
  const ast::Expr& code = *sms.parts[1].expr;
  EXPECT_EQ(file.Locate(code.range.begin).line, 3u);
  EXPECT_EQ(file.Locate(code.range.begin).column, 25u);  // after `\u{1F389} {{`

  ParseTemplate(*journey.items.at(2)->As<ast::SendStmt>().message, sink);
  ASSERT_EQ(sink.diagnostics().size(), 1u);
  LineColumn at = file.Locate(sink.diagnostics()[0].range.begin);
  EXPECT_EQ(at.line, 5u);
  EXPECT_EQ(at.column, 6u);
}

// --- Errors ----------------------------------------------------------------

struct ExpectedError {
  std::string source;
  std::string message_part;
  uint32_t column;
};

void PrintTo(const ExpectedError& error, std::ostream* out) { *out << error.source; }

class TemplateErrors : public testing::TestWithParam<ExpectedError> {};

TEST_P(TemplateErrors, ReportsAtTheExactColumn) {
  const ExpectedError& expected = GetParam();
  Fixture f(expected.source);
  ParsedTemplate parsed = f.Parse();
  ASSERT_EQ(f.sink.diagnostics().size(), 1u) << expected.source;
  const Diagnostic& error = f.sink.diagnostics()[0];
  EXPECT_EQ(error.kind, DiagnosticKind::TemplateSyntaxError);
  EXPECT_NE(error.message.find(expected.message_part), std::string::npos) << error.message;
  EXPECT_EQ(error.range.file, f.file.get());
  EXPECT_EQ(f.At(error.range).line, 1u);
  EXPECT_EQ(f.At(error.range).column, expected.column) << expected.source;
  // The failed placeholder is still a part, without an expression.
  bool has_failed_placeholder = false;
  for (const TemplatePart& part : parsed.parts) {
    if (part.is_placeholder && part.expr == nullptr) has_failed_placeholder = true;
  }
  EXPECT_TRUE(has_failed_placeholder);
}

INSTANTIATE_TEST_SUITE_P(
    ParseTemplate, TemplateErrors,
    testing::Values(
        // Columns: `send sms "` is 10 code points, so the value starts at 11.
        ExpectedError{R"(send sms "Hi {{contact.first_name")", "unclosed `{{`", 14},
        ExpectedError{R"(send sms "Hi {{contact.}}")", "expected a field name after `.`", 24},
        ExpectedError{R"(send sms "Hi {{contact?.  }}")", "expected a field name after `?.`", 27},
        ExpectedError{R"(send sms "Hi {{ }}")", "empty placeholder", 14},
        ExpectedError{R"(send sms "Hi {{}}")", "empty placeholder", 14},
        ExpectedError{R"(send sms "Hi {{contact first_name}}")", "unexpected `first_name`", 24},
        ExpectedError{R"(send sms "Hi {{name ?? }}")", "expected a fallback after `??`", 24},
        ExpectedError{R"(send sms "{{(issue coupon ).code}}")", "expected a coupon pool name", 27},
        ExpectedError{R"(send sms "{{(a.code}}")", "expected `)` to close the `(`", 20},
        ExpectedError{R"(send sms "{{ issue coupon birthday }}")", "needs parentheses", 14},
        ExpectedError{R"(send sms "{{()}}")", "expected a field or `issue coupon POOL`", 14},
        ExpectedError{R"(send sms "{{name ?? 'friend}}")", "expected a closing `'`", 28},
        ExpectedError{R"(send sms "{{ 'friend' }}")", "expected a field such as", 14},
        ExpectedError{R"(send sms "{{x ?? 1.23456}}")", "more than 4 decimal places", 18},
        ExpectedError{R"(send sms "{{x ?? 99999999999999999999}}")", "too large", 18},
        ExpectedError{"send sms \"שלום {{שם}}\"", "expected a field such as", 18},
        ExpectedError{R"(send sms "\"x\" {{a.}}")", "expected a field name after `.`", 21}));

TEST(ParseTemplate, ReportsEveryBadPlaceholder) {
  Fixture f(R"(send sms "{{a.}} and {{b.c}} and {{}}")");
  ParsedTemplate parsed = f.Parse();
  EXPECT_EQ(f.sink.error_count(), 2);
  EXPECT_EQ(Placeholder(parsed, 1).As<ast::MemberExpr>().member.name, "c");
}

// --- SMS length ------------------------------------------------------------

TEST(MeasureSms, EmptyBodyHasNoSegments) {
  SmsLength length = MeasureSms("");
  EXPECT_TRUE(length.gsm7);
  EXPECT_EQ(length.units, 0);
  EXPECT_EQ(length.segments, 0);
}

TEST(MeasureSms, Gsm7SingleAndMultipart) {
  EXPECT_EQ(MeasureSms("Hello @ 5 £ è Ä ¿").units, 17);
  EXPECT_TRUE(MeasureSms("Hello @ 5 £ è Ä ¿").gsm7);
  EXPECT_EQ(MeasureSms(std::string(160, 'a')).segments, 1);
  EXPECT_EQ(MeasureSms(std::string(161, 'a')).segments, 2);
  EXPECT_EQ(MeasureSms(std::string(306, 'a')).segments, 2);
  EXPECT_EQ(MeasureSms(std::string(307, 'a')).segments, 3);
}

TEST(MeasureSms, ExtensionCharactersTakeTwoSeptets) {
  SmsLength euro = MeasureSms("10€");
  EXPECT_TRUE(euro.gsm7);
  EXPECT_EQ(euro.units, 4);
  EXPECT_EQ(MeasureSms("{}[]~|^\\").units, 16);
  std::string eighty_euros;
  for (int i = 0; i < 80; ++i) eighty_euros += "€";
  EXPECT_EQ(MeasureSms(eighty_euros).segments, 1);
  EXPECT_EQ(MeasureSms(eighty_euros + "a").segments, 2);
}

TEST(MeasureSms, HebrewIsUcs2) {
  SmsLength length = MeasureSms("שלום דנה");
  EXPECT_FALSE(length.gsm7);
  EXPECT_EQ(length.units, 8);
  EXPECT_EQ(length.segments, 1);
  std::string seventy;
  for (int i = 0; i < 70; ++i) seventy += "ש";
  EXPECT_EQ(MeasureSms(seventy).segments, 1);
  EXPECT_EQ(MeasureSms(seventy + "ש").segments, 2);
  std::string many;
  for (int i = 0; i < 134; ++i) many += "ש";
  EXPECT_EQ(MeasureSms(many).segments, 2);
  EXPECT_EQ(MeasureSms(many + "a").segments, 3);
}

TEST(MeasureSms, PolishLettersAreNotGsm7) {
  EXPECT_FALSE(MeasureSms("ą").gsm7);
  EXPECT_FALSE(MeasureSms("ę").gsm7);
  EXPECT_FALSE(MeasureSms("ł").gsm7);
  SmsLength length = MeasureSms("Cześć Łukasz");
  EXPECT_FALSE(length.gsm7);
  EXPECT_EQ(length.units, 12);
}

TEST(MeasureSms, EmojiCountTwoUtf16Units) {
  SmsLength length = MeasureSms("Hi 🎉");
  EXPECT_FALSE(length.gsm7);
  EXPECT_EQ(length.units, 5);
  std::string emoji;
  for (int i = 0; i < 35; ++i) emoji += "🎉";
  EXPECT_EQ(MeasureSms(emoji).segments, 1);
  EXPECT_EQ(MeasureSms(emoji + "a").segments, 2);
}

}  // namespace
}  // namespace kairos
