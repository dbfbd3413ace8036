// Syntax errors: stopping at the first one, and saying it in plain words.
#include <algorithm>
#include <cctype>

#include "compiler/base/suggest.h"
#include "compiler/base/utf8.h"
#include "compiler/syntax/parse_internal.h"

namespace kairos::syntax_internal {

namespace {

using antlr4::Token;
using antlr4::misc::IntervalSet;

bool Contains(const IntervalSet& set, const IntervalSet& subset) {
  return !subset.isEmpty() && subset.subtract(set).isEmpty();
}

IntervalSet First(const JP& parser, size_t rule) {
  const antlr4::atn::ATN& atn = parser.getATN();
  IntervalSet first = atn.nextTokens(atn.ruleToStartState[rule]);
  first.remove(Token::EPSILON);
  return first;
}

// Tokens without fixed text, named by what they hold.
std::string DescribeTokenType(const JP& parser, size_t type) {
  switch (type) {
    case Token::EOF: return "the end of the file";
    case JP::IDENT: return "a name";
    case JP::INT:
    case JP::DECIMAL: return "a number";
    case JP::STRING: return "a string";
    case JP::CURRENCY_CODE: return "a currency code such as `ILS`";
    case JP::CURRENCY_SYMBOL: return "a currency sign such as `€`";
    case JP::DURATION: return "a duration such as `4h`";
    case JP::DATE: return "a date such as `2026-11-27`";
    case JP::TIME: return "a time such as `09:00`";
    case JP::TIMESTAMP: return "a timestamp such as `2026-11-27T09:00:00Z`";
    default: break;
  }
  std::string literal = parser.getVocabulary().getLiteralName(type);  // "'}'"
  if (literal.size() >= 2) return "`" + literal.substr(1, literal.size() - 2) + "`";
  return parser.getVocabulary().getDisplayName(type);
}

// Closing brackets and separators first: they are the usual fix.
int Priority(size_t type) {
  switch (type) {
    case JP::RBRACE:
    case JP::RPAREN:
    case JP::RBRACKET:
    case JP::GT:
      return 0;
    case JP::COMMA:
    case JP::COLON:
    case JP::ASSIGN:
      return 1;
    default:
      return 2;
  }
}

std::string JoinAlternatives(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += i + 1 == parts.size() ? " or " : ", ";
    out += parts[i];
  }
  return out;
}

std::string DescribeExpected(const JP& parser, IntervalSet expected) {
  expected.remove(Token::EPSILON);
  // Soft keywords are names too, so the groups that hold names come first.
  std::vector<std::string> groups;
  auto take = [&](const IntervalSet& group, const char* words) {
    if (!Contains(expected, group)) return false;
    groups.push_back(words);
    expected = expected.subtract(group);
    return true;
  };
  // Windows and some items take an operand without `not` or comparisons.
  if (!take(First(parser, JP::RuleExpr), "an expression") &&
      !take(First(parser, JP::RuleAdditive), "an expression")) {
    take(First(parser, JP::RuleIdent), "a name");
  }
  take(First(parser, JP::RuleDecl),
       "a declaration (`schema`, `segment`, `journey`, `campaign`, `coupon`, `popup` or `policy`)");
  IntervalSet steps = First(parser, JP::RuleStep);
  if (take(steps.Or(First(parser, JP::RuleClause)), "a clause")) {
    groups.push_back("a step");
  } else {
    take(steps, "a step");
  }
  take(First(parser, JP::RuleSchemaItem),
       "a schema item (`contact`, `product`, `record`, `event`, `currency` or `timezone`)");
  IntervalSet operators;
  operators.addItems(JP::OR, JP::AND, JP::COALESCE, JP::EQ, JP::NE, JP::LT, JP::LE, JP::GT, JP::GE,
                     JP::IN, JP::PLUS, JP::MINUS, JP::STAR, JP::SLASH);
  bool operator_expected = expected.And(operators).size() >= 4;
  if (operator_expected) {
    // What could extend the operand just written (`a.b`, `f(`, `10%`,
    // `100 ILS`, `1d 12h`, a date's time) goes unsaid along with the operators.
    IntervalSet postfix;
    postfix.addItems(JP::NOT, JP::DOT, JP::SAFE_DOT, JP::LPAREN, JP::PERCENT, JP::CURRENCY_CODE,
                     JP::DURATION, JP::TIME);
    expected = expected.subtract(operators).subtract(postfix);
  }

  // Closing brackets first (the usual fix), then the groups, then the rest;
  // an operator (which could always continue an expression) and the end of
  // the file last.
  std::vector<std::string> closers, others;
  bool end_of_file = false;
  for (ssize_t type : expected.toList()) {
    if (type == static_cast<ssize_t>(Token::EOF)) {
      end_of_file = true;
      continue;
    }
    std::string words = DescribeTokenType(parser, static_cast<size_t>(type));
    std::vector<std::string>& into = Priority(static_cast<size_t>(type)) == 0 ? closers : others;
    if (std::find(into.begin(), into.end(), words) == into.end()) into.push_back(words);
  }
  std::vector<std::string> parts = closers;
  parts.insert(parts.end(), groups.begin(), groups.end());
  parts.insert(parts.end(), others.begin(), others.end());
  constexpr size_t kMaxParts = 8;
  if (parts.size() > kMaxParts) {
    parts.resize(kMaxParts - 1);
    parts.push_back("another word");
  }
  if (operator_expected) parts.push_back("an operator");
  if (end_of_file) parts.push_back("the end of the file");
  return JoinAlternatives(parts);
}

// The keywords in `expected`, for "did you mean" on a misspelt one.
std::vector<std::string> ExpectedKeywords(const JP& parser, const IntervalSet& expected) {
  std::vector<std::string> keywords;
  for (ssize_t type : expected.toList()) {
    if (type <= 0) continue;
    std::string literal = parser.getVocabulary().getLiteralName(static_cast<size_t>(type));
    if (literal.size() > 3 && std::isalpha(static_cast<unsigned char>(literal[1]))) {
      keywords.push_back(literal.substr(1, literal.size() - 2));
    }
  }
  return keywords;
}

bool IsReservedWord(size_t type) { return type >= JP::AND && type <= JP::NULL_; }

// `30 days`, `2 hours`: a number followed by a spelt-out unit.
bool LooksLikeSpeltOutUnit(std::string_view word) {
  for (std::string_view unit : {"s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes",
                                "h", "hr", "hrs", "hour", "hours", "d", "day", "days", "w", "wk", "week",
                                "weeks"}) {
    if (word == unit) return true;
  }
  return false;
}

}  // namespace

void FirstErrorStrategy::reportError(antlr4::Parser* parser, const antlr4::RecognitionException& e) {
  if (problem_) return;
  SyntaxProblem problem;
  problem.offending = e.getOffendingToken();
  size_t index = problem.offending->getTokenIndex();
  if (index > 0 && index <= parser->getTokenStream()->size()) {
    problem.previous = parser->getTokenStream()->get(index - 1);
  }
  problem.expected = e.getExpectedTokens();
  if (auto* no_viable = dynamic_cast<const antlr4::NoViableAltException*>(&e)) {
    problem.expected_elsewhere =
        no_viable->getStartToken()->getTokenIndex() != problem.offending->getTokenIndex();
  }
  problem_ = std::move(problem);
}

void FirstErrorStrategy::recover(antlr4::Parser*, std::exception_ptr) {
  throw antlr4::ParseCancellationException();
}

antlr4::Token* FirstErrorStrategy::recoverInline(antlr4::Parser* parser) {
  antlr4::InputMismatchException e(parser);
  reportError(parser, e);
  throw antlr4::ParseCancellationException();
}

// ANTLR's own sync deletes or skips tokens to carry on; here a token that
// cannot start or continue the construct at a loop or block is the error,
// reported with everything that could have come there.
void FirstErrorStrategy::sync(antlr4::Parser* parser) {
  antlr4::atn::ATNState* state = parser->getATN().states[parser->getState()];
  size_t la = parser->getTokenStream()->LA(1);
  const IntervalSet& next = parser->getATN().nextTokens(state);
  if (next.contains(la)) return;
  // The construct may end here: what may follow depends on the rules that
  // invoked it (e.g. a field list inside `contact { }`).
  if (next.contains(Token::EPSILON) &&
      parser->getATN().getExpectedTokens(parser->getState(), parser->getContext()).contains(la)) {
    return;
  }
  switch (state->getStateType()) {
    case antlr4::atn::ATNState::BLOCK_START:
    case antlr4::atn::ATNState::STAR_BLOCK_START:
    case antlr4::atn::ATNState::PLUS_BLOCK_START:
    case antlr4::atn::ATNState::STAR_LOOP_ENTRY:
    case antlr4::atn::ATNState::PLUS_LOOP_BACK:
    case antlr4::atn::ATNState::STAR_LOOP_BACK:
      throw antlr4::InputMismatchException(parser);
    default:
      return;
  }
}

std::string DescribeFound(const antlr4::Token* token, std::string_view text) {
  if (token->getType() == Token::EOF) return "the end of the file";
  constexpr size_t kMaxCodePoints = 30;
  size_t cut = text.find('\n');
  bool shortened = cut != std::string_view::npos;
  text = text.substr(0, cut);
  size_t pos = 0;
  for (size_t count = 0; pos < text.size() && count < kMaxCodePoints; ++count) utf8::Next(text, pos);
  shortened |= pos < text.size();
  return "`" + std::string(text.substr(0, pos)) + (shortened ? "…" : "") + "`";
}

std::string SyntaxErrorMessage(const JP& parser, const SyntaxProblem& problem, const std::string& found) {
  size_t type = problem.offending->getType();
  if (problem.expected_elsewhere) {
    std::string after = problem.previous ? " after `" + problem.previous->getText() + "`" : "";
    return "unexpected " + found + after + "; check the words before it for a missing or misspelt keyword";
  }
  std::string message = "expected " + DescribeExpected(parser, problem.expected) + ", found " + found;
  if (IsReservedWord(type) && problem.expected.contains(static_cast<size_t>(JP::IDENT))) {
    message += "; " + found + " is a reserved word and cannot be used as a name";
  } else if (type == JP::ASSIGN) {
    message += "; to compare two values, write `==`";
  } else if (type == JP::IDENT && problem.previous && problem.previous->getType() == JP::INT &&
             LooksLikeSpeltOutUnit(problem.offending->getText())) {
    message += "; write durations with a unit letter, such as `30d`, `4h` or `15m`";
  } else if (type == JP::IDENT) {
    if (auto keyword = Suggest(problem.offending->getText(), ExpectedKeywords(parser, problem.expected))) {
      message += "; did you mean `" + *keyword + "`?";
    }
  }
  return message;
}

}  // namespace kairos::syntax_internal
