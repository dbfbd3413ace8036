#include "compiler/syntax/parse_internal.h"
#include "compiler/syntax/tokens.h"

namespace kairos {

namespace {

using syntax_internal::JP;

TokenClass Classify(size_t type) {
  // Reserved words (`and` … `null`) and soft keywords (`schema` … `sms`) are
  // contiguous in the grammar.
  if ((type >= JP::AND && type <= JP::NULL_) || (type >= JP::SCHEMA && type <= JP::SMS)) {
    return TokenClass::Keyword;
  }
  switch (type) {
    case JP::IDENT:
      return TokenClass::Name;
    case JP::STRING:
      return TokenClass::String;
    case JP::UNTERMINATED_STRING:
    case JP::UNTERMINATED_COMMENT:
    case JP::UNKNOWN_CHAR:
      return TokenClass::Invalid;
    case JP::TIMESTAMP:
    case JP::DATE:
    case JP::TIME:
    case JP::DURATION:
    case JP::DECIMAL:
    case JP::INT:
    case JP::CURRENCY_CODE:
    case JP::CURRENCY_SYMBOL:
    case JP::PERCENT:
      return TokenClass::Number;
    case JP::DOC_COMMENT:
    case JP::LINE_COMMENT:
    case JP::BLOCK_COMMENT:
      return TokenClass::Comment;
    case JP::COALESCE:
    case JP::SAFE_DOT:
    case JP::QUESTION:
    case JP::EQ:
    case JP::NE:
    case JP::LE:
    case JP::GE:
    case JP::LT:
    case JP::GT:
    case JP::PLUS:
    case JP::MINUS:
    case JP::STAR:
    case JP::SLASH:
    case JP::ASSIGN:
      return TokenClass::Operator;
    default:
      return TokenClass::Punctuation;
  }
}

}  // namespace

std::vector<LexToken> Tokenize(const SourceFile& source) {
  syntax_internal::CodePointIndex index(source.text());
  syntax_internal::CodePointStream input(index.code_points());
  syntax_internal::JourneyLexer lexer(&input);
  lexer.removeErrorListeners();
  std::vector<LexToken> tokens;
  for (auto token = lexer.nextToken(); token->getType() != antlr4::Token::EOF; token = lexer.nextToken()) {
    tokens.push_back({Classify(token->getType()), syntax_internal::TokenRange(source, index, token.get())});
  }
  return tokens;
}

}  // namespace kairos
