// ParseTemplate: finds the `{{ ... }}` placeholders of a string literal and
// parses each with a small Boost.Spirit X3 grammar into ordinary AST nodes.
//
// The grammar's semantic actions build the nodes on a stack held by a Builder
// that X3 carries in its context (`x3::with`). Every action runs only after the
// part it builds has matched for good: alternatives either fail before their
// action runs or commit with an expectation point (`>`), so the stack never
// holds nodes of an abandoned branch.
#include <algorithm>
#include <boost/spirit/home/x3.hpp>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "compiler/base/utf8.h"
#include "compiler/template/template.h"

namespace kairos {
namespace {

namespace x3 = boost::spirit::x3;
using Iterator = const char*;

// Maps byte positions of a literal's decoded value back to the .journey file.
class SourceMap {
 public:
  explicit SourceMap(const ast::LiteralExpr& literal) : literal_(literal) {
    // A literal built without offsets is taken to have no escapes.
    has_offsets_ = literal.string_offsets.size() == literal.string_value.size() + 1;
    std::string_view text = literal.text;
    quote_width_ = text.substr(0, 3) == "\"\"\"" ? 3 : 1;
  }

  uint32_t Offset(size_t index) const {
    if (has_offsets_) return literal_.string_offsets[index];
    return literal_.range.begin + quote_width_ + static_cast<uint32_t>(index);
  }

  SourceRange Range(size_t begin, size_t end) const {
    return {literal_.range.file, Offset(begin), Offset(end)};
  }

 private:
  const ast::LiteralExpr& literal_;
  bool has_offsets_ = false;
  uint32_t quote_width_ = 1;
};

// The state the grammar's actions share while parsing one placeholder.
struct Builder {
  Iterator base;  // start of the literal's decoded value
  const SourceMap* map;
  DiagnosticSink* sink;
  std::vector<ast::ExprPtr> stack;
  ast::Ident pending_name;  // the last member or pool name matched
  SourceRange pending_op;   // the last `??` matched
  bool failed = false;

  SourceRange Range(Iterator begin, Iterator end) const {
    return map->Range(static_cast<size_t>(begin - base), static_cast<size_t>(end - base));
  }

  ast::ExprPtr Pop() {
    ast::ExprPtr top = std::move(stack.back());
    stack.pop_back();
    return top;
  }
};

struct BuilderTag;

template <typename Context>
Builder& BuilderOf(const Context& context) {
  return x3::get<BuilderTag>(context);
}

// ---------------------------------------------------------------------------
// Actions

auto const make_name = [](auto& context) {
  Builder& builder = BuilderOf(context);
  auto const& matched = x3::_attr(context);
  builder.stack.push_back(std::make_unique<ast::NameExpr>(
      std::string(matched.begin(), matched.end()), builder.Range(matched.begin(), matched.end())));
};

auto const remember_name = [](auto& context) {
  Builder& builder = BuilderOf(context);
  auto const& matched = x3::_attr(context);
  builder.pending_name = {std::string(matched.begin(), matched.end()),
                          builder.Range(matched.begin(), matched.end())};
};

auto const remember_op = [](auto& context) {
  Builder& builder = BuilderOf(context);
  auto const& matched = x3::_attr(context);
  builder.pending_op = builder.Range(matched.begin(), matched.end());
};

template <bool kSafe>
struct MakeMember {
  template <typename Context>
  void operator()(Context& context) const {
    Builder& builder = BuilderOf(context);
    ast::ExprPtr object = builder.Pop();
    SourceRange range = SourceRange::Join(object->range, builder.pending_name.range);
    builder.stack.push_back(std::make_unique<ast::MemberExpr>(
        std::move(object), std::move(builder.pending_name), kSafe, range));
  }
};

auto const make_coalesce = [](auto& context) {
  Builder& builder = BuilderOf(context);
  ast::ExprPtr rhs = builder.Pop();
  ast::ExprPtr lhs = builder.Pop();
  SourceRange range = SourceRange::Join(lhs->range, rhs->range);
  builder.stack.push_back(std::make_unique<ast::BinaryExpr>(
      ast::BinaryOp::Coalesce, std::move(lhs), std::move(rhs), builder.pending_op, range));
};

auto const make_paren = [](auto& context) {
  Builder& builder = BuilderOf(context);
  auto const& matched = x3::_attr(context);
  ast::ExprPtr inner = builder.Pop();
  builder.stack.push_back(std::make_unique<ast::ParenExpr>(
      std::move(inner), builder.Range(matched.begin(), matched.end())));
};

auto const make_issue_coupon = [](auto& context) {
  Builder& builder = BuilderOf(context);
  auto const& matched = x3::_attr(context);
  builder.stack.push_back(std::make_unique<ast::IssueCouponExpr>(
      std::move(builder.pending_name), builder.Range(matched.begin(), matched.end())));
};

// 'text': a String literal whose offsets point into the .journey file too.
auto const make_string = [](auto& context) {
  Builder& builder = BuilderOf(context);
  auto const& matched = x3::_attr(context);
  auto literal = std::make_unique<ast::LiteralExpr>(ast::LiteralKind::String,
                                                    builder.Range(matched.begin(), matched.end()));
  literal->text.assign(matched.begin(), matched.end());
  literal->string_value.assign(matched.begin() + 1, matched.end() - 1);
  size_t first = static_cast<size_t>(matched.begin() + 1 - builder.base);
  for (size_t i = 0; i <= literal->string_value.size(); ++i) {
    literal->string_offsets.push_back(builder.map->Offset(first + i));
  }
  builder.stack.push_back(std::move(literal));
};

// Digits with an optional fraction: Int, or Decimal scaled by 10^4.
auto const make_number = [](auto& context) {
  Builder& builder = BuilderOf(context);
  auto const& matched = x3::_attr(context);
  std::string text(matched.begin(), matched.end());
  SourceRange range = builder.Range(matched.begin(), matched.end());
  size_t dot = text.find('.');
  bool is_decimal = dot != std::string::npos;
  auto literal = std::make_unique<ast::LiteralExpr>(
      is_decimal ? ast::LiteralKind::Decimal : ast::LiteralKind::Int, range);
  std::string digits = is_decimal ? text.substr(0, dot) : text;
  if (is_decimal) {
    std::string fraction = text.substr(dot + 1);
    if (fraction.size() > 4) {
      builder.sink->Error(DiagnosticKind::TemplateSyntaxError, range,
                          "`" + text + "` has more than 4 decimal places; round it to at most 4");
      builder.failed = true;
    }
    fraction.resize(4, '0');
    digits += fraction;
  }
  int64_t value = 0;
  for (char digit : digits) {
    if (value > (std::numeric_limits<int64_t>::max() - (digit - '0')) / 10) {
      builder.sink->Error(DiagnosticKind::TemplateSyntaxError, range,
                          "`" + text + "` is too large for a number");
      builder.failed = true;
      value = 0;
      break;
    }
    value = value * 10 + (digit - '0');
  }
  (is_decimal ? literal->scaled_value : literal->int_value) = value;
  literal->text = std::move(text);
  builder.stack.push_back(std::move(literal));
};

// ---------------------------------------------------------------------------
// Grammar. A rule's name completes "expected ..." when an expectation fails.

auto const blank = x3::lit(' ') | x3::lit('\t') | x3::lit('\r') | x3::lit('\n');
auto const ident_head = x3::char_('a', 'z') | x3::char_('A', 'Z') | x3::char_('_');
auto const ident_tail = ident_head | x3::char_('0', '9');
auto const identifier = x3::raw[x3::lexeme[ident_head >> *ident_tail]];
auto const digits = +x3::char_('0', '9');

auto Keyword(const char* word) { return x3::lexeme[x3::lit(word) >> !ident_tail]; }

x3::rule<class ExpressionId> const expression = "a field such as `contact.first_name`";
x3::rule<class PathId> const path = "a field";
x3::rule<class PrimaryId> const primary = "a field";
x3::rule<class ParenId> const paren = "`(`";
x3::rule<class ParenContentId> const paren_content = "a field or `issue coupon POOL` after `(`";
x3::rule<class CloseParenId> const close_paren = "`)` to close the `(`";
x3::rule<class MemberNameId> const member_name = "a field name after `.`";
x3::rule<class SafeMemberNameId> const safe_member_name = "a field name after `?.`";
x3::rule<class IssueCouponId> const issue_coupon = "`issue coupon POOL`";
x3::rule<class PoolNameId> const pool_name = "a coupon pool name after `issue coupon`";
x3::rule<class FallbackId> const fallback =
    "a fallback after `??`: a field, text in single quotes such as 'friend', or a number";
x3::rule<class QuotedId> const quoted = "text in single quotes";
x3::rule<class ClosingQuoteId> const closing_quote = "a closing `'` after the quoted text";
x3::rule<class NumberId> const number = "a number";

auto const expression_def = path >>
                            *((x3::raw[x3::lit("??")][remember_op] > fallback)[make_coalesce]);
auto const fallback_def = path | quoted | number;
auto const path_def = primary >> *((x3::lit("?.") > safe_member_name)[MakeMember<true>{}] |
                                   (x3::lit('.') > member_name)[MakeMember<false>{}]);
auto const primary_def = paren | identifier[make_name];
auto const paren_def = x3::raw[x3::lit('(') > paren_content > close_paren][make_paren];
auto const paren_content_def = issue_coupon | expression;
auto const close_paren_def = x3::lit(')');
auto const issue_coupon_def =
    x3::raw[Keyword("issue") >> Keyword("coupon") > pool_name][make_issue_coupon];
auto const pool_name_def = identifier[remember_name];
auto const member_name_def = identifier[remember_name];
auto const safe_member_name_def = identifier[remember_name];
auto const quoted_def =
    x3::raw[x3::lexeme[x3::lit('\'') >> *(x3::char_ - '\'') > closing_quote]][make_string];
auto const closing_quote_def = x3::lit('\'');
auto const number_def = x3::raw[x3::lexeme[digits >> -(x3::lit('.') >> digits)]][make_number];

BOOST_SPIRIT_DEFINE(expression, path, primary, paren, paren_content, close_paren, member_name,
                    safe_member_name, issue_coupon, pool_name, fallback, quoted, closing_quote,
                    number)

// ---------------------------------------------------------------------------
// Splitting the literal

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Index of the `}}` closing a placeholder whose content starts at `from`; a
// `}}` inside single quotes belongs to the quoted text. npos when unclosed.
size_t FindClose(std::string_view value, size_t from) {
  bool in_quote = false;
  for (size_t i = from; i < value.size(); ++i) {
    if (value[i] == '\'') in_quote = !in_quote;
    if (!in_quote && value.compare(i, 2, "}}") == 0) return i;
  }
  // An unclosed quote: let the grammar report it rather than the braces.
  return in_quote ? value.find("}}", from) : std::string_view::npos;
}

// What stands at `pos` for an "unexpected ..." message: a word or one character.
std::string_view TokenAt(std::string_view value, size_t pos, size_t end) {
  size_t stop = pos;
  auto is_word = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  };
  while (stop < end && is_word(value[stop])) ++stop;
  if (stop == pos) utf8::Next(value.substr(0, end), stop);
  return value.substr(pos, stop - pos);
}

class TemplateParser {
 public:
  TemplateParser(const ast::LiteralExpr& literal, DiagnosticSink& sink)
      : value_(literal.string_value), map_(literal), sink_(sink) {}

  ParsedTemplate Run() {
    size_t text_start = 0;
    size_t open;
    while ((open = value_.find("{{", text_start)) != std::string_view::npos) {
      AddText(text_start, open);
      size_t close = FindClose(value_, open + 2);
      if (close == std::string_view::npos) {
        sink_.Error(DiagnosticKind::TemplateSyntaxError, map_.Range(open, open + 2),
                    "unclosed `{{`: end the placeholder with `}}`, or remove the braces");
        AddPlaceholder(open, value_.size(), value_.size(), nullptr);
        return std::move(result_);
      }
      AddPlaceholder(open, close, close + 2, ParsePlaceholder(open, close));
      text_start = close + 2;
    }
    AddText(text_start, value_.size());
    return std::move(result_);
  }

 private:
  void AddText(size_t begin, size_t end) {
    if (begin == end) return;
    TemplatePart part;
    part.text = std::string(value_.substr(begin, end - begin));
    part.range = map_.Range(begin, end);
    result_.parts.push_back(std::move(part));
  }

  // The placeholder opening at `open`, its content ending at `close`, the
  // whole ending at `end`.
  void AddPlaceholder(size_t open, size_t close, size_t end, ast::ExprPtr expr) {
    size_t first = open + 2;
    while (first < close && IsBlank(value_[first])) ++first;
    size_t last = close;
    while (last > first && IsBlank(value_[last - 1])) --last;
    TemplatePart part;
    part.is_placeholder = true;
    part.text = std::string(value_.substr(first, last - first));
    part.expr = std::move(expr);
    part.range = map_.Range(open, end);
    result_.parts.push_back(std::move(part));
  }

  ast::ExprPtr ParsePlaceholder(size_t open, size_t close) {
    size_t content = open + 2;
    size_t first_char = content;
    while (first_char < close && IsBlank(value_[first_char])) ++first_char;
    if (first_char == close) {
      sink_.Error(DiagnosticKind::TemplateSyntaxError, map_.Range(open, close + 2),
                  "empty placeholder `{{ }}`: put a field inside, such as "
                  "`{{contact.first_name}}`, or remove the braces");
      return nullptr;
    }

    Builder builder{value_.data(), &map_, &sink_, {}, {}, {}, false};
    Iterator first = value_.data() + content;
    Iterator last = value_.data() + close;
    auto const grammar = x3::with<BuilderTag>(builder)[x3::eps > expression];
    try {
      x3::phrase_parse(first, last, grammar, blank);
    } catch (const x3::expectation_failure<Iterator>& failure) {
      // X3 reports a failed expectation point by throwing; it never leaves here.
      ReportAt(static_cast<size_t>(failure.where() - value_.data()), close,
               "expected " + failure.which());
      return nullptr;
    }
    size_t stop = static_cast<size_t>(first - value_.data());
    if (stop != close) {
      std::string token(TokenAt(value_, stop, close));
      bool bare_issue = token == "coupon" && builder.stack.size() == 1 &&
                        builder.stack.back()->kind == ast::ExprKind::Name &&
                        builder.stack.back()->As<ast::NameExpr>().name == "issue";
      if (bare_issue) {
        ReportAt(first_char, close,
                 "`issue coupon` needs parentheses in a placeholder, such as "
                 "`{{(issue coupon POOL).code}}`");
      } else {
        ReportAt(stop, close,
                 "unexpected `" + token +
                     "` in the placeholder; a placeholder holds one field, "
                     "optionally followed by `??` and a fallback, such as "
                     "`{{contact.first_name ?? 'friend'}}`");
      }
      return nullptr;
    }
    if (builder.failed || builder.stack.size() != 1) return nullptr;
    return builder.Pop();
  }

  // Reports at `pos` (after any blanks), underlining one character, or the
  // closing `}}` when the placeholder ended too early.
  void ReportAt(size_t pos, size_t close, std::string message) {
    while (pos < close && IsBlank(value_[pos])) ++pos;
    size_t end = pos;
    if (pos < close) {
      utf8::Next(value_.substr(0, close), end);
    } else {
      end = std::min(close + 2, value_.size());
    }
    sink_.Error(DiagnosticKind::TemplateSyntaxError, map_.Range(pos, end), std::move(message));
  }

  std::string_view value_;
  SourceMap map_;
  DiagnosticSink& sink_;
  ParsedTemplate result_;
};

}  // namespace

ParsedTemplate ParseTemplate(const ast::LiteralExpr& literal, DiagnosticSink& sink) {
  return TemplateParser(literal, sink).Run();
}

}  // namespace kairos
