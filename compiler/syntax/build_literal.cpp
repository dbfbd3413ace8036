// The AST builder: literals (decoding itself is in literals.cpp).
#include "compiler/syntax/literals.h"
#include "compiler/syntax/parse_internal.h"

namespace kairos::syntax_internal {

std::unique_ptr<ast::LiteralExpr> AstBuilder::Literal(JP::LiteralContext* context) {
  SourceRange range = Range(context);
  auto make = [&](ast::LiteralKind kind) {
    auto literal = std::make_unique<ast::LiteralExpr>(kind, range);
    literal->text = std::string(Text(range));
    return literal;
  };
  if (auto* number = dynamic_cast<JP::NumberLiteralContext*>(context)) {
    if (number->number()->INT()) {
      auto literal = make(ast::LiteralKind::Int);
      DecodeInt(*literal, literal->text, sink_);
      return literal;
    }
    auto literal = make(ast::LiteralKind::Decimal);
    DecodeDecimal(*literal, literal->text, sink_);
    return literal;
  }
  if (auto* string = dynamic_cast<JP::StringLiteralContext*>(context)) {
    return String(string->STRING());
  }
  if (auto* money = dynamic_cast<JP::MoneyLiteralContext*>(context)) {
    auto literal = make(ast::LiteralKind::Money);
    antlr4::tree::TerminalNode* currency =
        money->CURRENCY_CODE() ? money->CURRENCY_CODE() : money->CURRENCY_SYMBOL();
    DecodeMoney(*literal, Text(Range(money->number())), Text(Range(currency)), sink_);
    return literal;
  }
  if (auto* percent = dynamic_cast<JP::PercentLiteralContext*>(context)) {
    return Percent(percent->number(), range);
  }
  if (auto* duration = dynamic_cast<JP::DurationLiteralContext*>(context)) {
    auto literal = make(ast::LiteralKind::Duration);
    std::vector<std::string_view> parts;
    for (antlr4::tree::TerminalNode* part : duration->DURATION()) parts.push_back(Text(Range(part)));
    DecodeDuration(*literal, parts, sink_);
    return literal;
  }
  if (auto* date = dynamic_cast<JP::DateLiteralContext*>(context)) {
    auto literal = make(date->TIME() ? ast::LiteralKind::DateTime : ast::LiteralKind::Date);
    std::optional<std::string_view> time;
    if (date->TIME()) time = Text(Range(date->TIME()));
    DecodeDate(*literal, Text(Range(date->DATE())), time, sink_);
    return literal;
  }
  if (dynamic_cast<JP::TimeLiteralContext*>(context)) {
    auto literal = make(ast::LiteralKind::Time);
    DecodeTime(*literal, literal->text, sink_);
    return literal;
  }
  if (dynamic_cast<JP::TimestampLiteralContext*>(context)) {
    auto literal = make(ast::LiteralKind::Timestamp);
    DecodeTimestamp(*literal, literal->text, sink_);
    return literal;
  }
  if (auto* boolean = dynamic_cast<JP::BoolLiteralContext*>(context)) {
    auto literal = make(ast::LiteralKind::Bool);
    literal->bool_value = boolean->TRUE() != nullptr;
    return literal;
  }
  return make(ast::LiteralKind::Null);
}

std::unique_ptr<ast::LiteralExpr> AstBuilder::String(antlr4::tree::TerminalNode* token) {
  SourceRange range = Range(token);
  auto literal = std::make_unique<ast::LiteralExpr>(ast::LiteralKind::String, range);
  literal->text = std::string(Text(range));
  DecodeString(*literal, literal->text, range.begin, sink_);
  return literal;
}

std::unique_ptr<ast::LiteralExpr> AstBuilder::Percent(JP::NumberContext* number, SourceRange range) {
  auto literal = std::make_unique<ast::LiteralExpr>(ast::LiteralKind::Percent, range);
  literal->text = std::string(Text(range));
  DecodePercent(*literal, Text(Range(number)), sink_);
  return literal;
}

int64_t AstBuilder::Integer(antlr4::tree::TerminalNode* token) {
  SourceRange range = Range(token);
  ast::LiteralExpr literal(ast::LiteralKind::Int, range);
  literal.text = std::string(Text(range));
  DecodeInt(literal, literal.text, sink_);
  return literal.int_value;
}

}  // namespace kairos::syntax_internal
