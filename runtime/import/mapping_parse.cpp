// Reads the mapping file: `[section]` headers and `key = value` lines, `#`
// comments. Values are small expressions (mapping.h) or, for `when`,
// comparisons joined by `and`.
#include <date/tz.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "compiler/base/suggest.h"
#include "runtime/events/scalars.h"
#include "runtime/import/mapping.h"

namespace kairos::runtime {
namespace {

struct Token {
  enum class Kind { Ident, Column, String, Number, LParen, RParen, Comma, Star, Eq, Ne, End, Bad };
  Kind kind = Kind::End;
  std::string text;
};

bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || IsDigit(c); }

// `true` and `false` are values; a column of that name is written in backquotes.
bool IsBoolWord(std::string_view word) { return word == "true" || word == "false"; }

bool IsSnakeCase(std::string_view name) {
  if (name.empty() || !((name[0] >= 'a' && name[0] <= 'z') || name[0] == '_')) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// Splits a value into tokens; a `Bad` token carries the reason.
std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == ' ' || c == '\t') {
      ++pos;
    } else if (IsIdentStart(c)) {
      const size_t start = pos;
      while (pos < text.size() && IsIdentChar(text[pos])) ++pos;
      tokens.push_back({Token::Kind::Ident, std::string(text.substr(start, pos - start))});
    } else if (IsDigit(c)) {
      // A number such as `5.7`; checked (at most 4 decimals) where it is parsed.
      const size_t start = pos;
      while (pos < text.size() && (IsDigit(text[pos]) || text[pos] == '.')) ++pos;
      tokens.push_back({Token::Kind::Number, std::string(text.substr(start, pos - start))});
    } else if (c == '"' || c == '`') {
      std::string value;
      ++pos;
      bool closed = false;
      while (pos < text.size()) {
        const char d = text[pos++];
        if (d == c) {
          closed = true;
          break;
        }
        if (d == '\\' && c == '"' && pos < text.size()) {
          const char escaped = text[pos++];
          value += escaped == 't' ? '\t' : escaped;  // `"\t"`: a tab delimiter
          continue;
        }
        value += d;
      }
      if (!closed) return {{Token::Kind::Bad, std::string("a ") + (c == '"' ? "string" : "`column`") +
                                                   " is not closed on this line"}};
      tokens.push_back({c == '"' ? Token::Kind::String : Token::Kind::Column, std::move(value)});
    } else if (c == '=' && pos + 1 < text.size() && text[pos + 1] == '=') {
      tokens.push_back({Token::Kind::Eq, "=="});
      pos += 2;
    } else if (c == '!' && pos + 1 < text.size() && text[pos + 1] == '=') {
      tokens.push_back({Token::Kind::Ne, "!="});
      pos += 2;
    } else if (c == '(' || c == ')' || c == ',' || c == '*') {
      tokens.push_back({c == '(' ? Token::Kind::LParen : c == ')' ? Token::Kind::RParen
                        : c == ',' ? Token::Kind::Comma : Token::Kind::Star,
                        std::string(1, c)});
      ++pos;
    } else {
      return {{Token::Kind::Bad, "unexpected `" + std::string(1, c) +
                                     "`; a column name with spaces or symbols is written in backquotes, such as "
                                     "`Customer ID`"}};
    }
  }
  tokens.push_back({Token::Kind::End, ""});
  return tokens;
}

// Parses one value; reports the first mistake of the line.
class ValueParser {
 public:
  ValueParser(std::string_view text, int line, std::vector<MappingError>& errors)
      : tokens_(Tokenize(text)), line_(line), errors_(errors) {
    if (tokens_[0].kind == Token::Kind::Bad) Fail(tokens_[0].text);
  }

  // An expression; `aggregates` allows sum() and count().
  std::optional<MapExpr> Expression(bool aggregates) {
    auto expr = Product(aggregates);
    if (expr && !AtEnd()) {
      const bool words = Peek().kind == Token::Kind::Ident && expr->kind == MapExpr::Kind::Column;
      return Fail("unexpected `" + Peek().text + "` after the value" +
                  (words ? "; write a column name with spaces in backquotes, such as `" + expr->text + " " +
                               Peek().text + "`"
                         : ""));
    }
    return expr;
  }

  std::optional<std::vector<MapComparison>> Condition() {
    std::vector<MapComparison> all;
    while (true) {
      MapComparison comparison;
      if (Peek().kind == Token::Kind::Ident && Peek().text == "not") {
        comparison.negated = true;
        ++pos_;
      }
      auto column = ColumnRef();
      if (!column) return Fail("a condition starts with a column, such as `InvoiceNo starts_with \"C\"`");
      comparison.column = std::move(*column);
      const Token& op = Take();
      if (op.kind == Token::Kind::Eq) {
        comparison.op = MapComparison::Op::Equals;
      } else if (op.kind == Token::Kind::Ne) {
        comparison.op = MapComparison::Op::NotEquals;
      } else if (op.kind == Token::Kind::Ident && op.text == "starts_with") {
        comparison.op = MapComparison::Op::StartsWith;
      } else if (op.kind == Token::Kind::Ident && op.text == "ends_with") {
        comparison.op = MapComparison::Op::EndsWith;
      } else if (op.kind == Token::Kind::Ident && op.text == "contains") {
        comparison.op = MapComparison::Op::Contains;
      } else {
        return Fail("compare the column with `==`, `!=`, `starts_with`, `ends_with` or `contains`");
      }
      if (Peek().kind != Token::Kind::String) return Fail("compare with a quoted text, such as \"C\"");
      comparison.text = Take().text;
      all.push_back(std::move(comparison));
      if (AtEnd()) return all;
      if (Peek().kind != Token::Kind::Ident || Peek().text != "and") {
        return Fail("join conditions with `and`");
      }
      ++pos_;
    }
  }

  // A quoted text and nothing else.
  std::optional<std::string> Literal() {
    if (Peek().kind != Token::Kind::String) return Fail("write a quoted text here");
    std::string text = Take().text;
    if (!AtEnd()) return Fail("unexpected `" + Peek().text + "` after the text");
    return text;
  }

  bool failed() const { return failed_; }

 private:
  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Take() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }
  bool AtEnd() const { return Peek().kind == Token::Kind::End; }

  std::nullopt_t Fail(const std::string& reason) {
    if (!failed_) errors_.push_back({line_, reason});
    failed_ = true;
    return std::nullopt;
  }

  MapExpr Node(MapExpr::Kind kind) const {
    MapExpr expr;
    expr.kind = kind;
    expr.line = line_;
    return expr;
  }

  std::optional<MapExpr> ColumnRef() {
    const Token& token = Peek();
    if (token.kind == Token::Kind::Column || (token.kind == Token::Kind::Ident && !IsBoolWord(token.text) &&
                                              tokens_[pos_ + 1].kind != Token::Kind::LParen)) {
      MapExpr expr = Node(MapExpr::Kind::Column);
      expr.text = Take().text;
      return expr;
    }
    return std::nullopt;
  }

  std::optional<MapExpr> Product(bool aggregates) {
    auto left = Term(aggregates);
    while (left && Peek().kind == Token::Kind::Star) {
      ++pos_;
      auto right = Term(aggregates);
      if (!right) return std::nullopt;
      MapExpr product = Node(MapExpr::Kind::Product);
      product.args = {std::move(*left), std::move(*right)};
      left = std::move(product);
    }
    return left;
  }

  std::optional<MapExpr> Term(bool aggregates) {
    if (auto column = ColumnRef()) return column;
    if (Peek().kind == Token::Kind::String) {
      MapExpr expr = Node(MapExpr::Kind::Text);
      expr.text = Take().text;
      return expr;
    }
    if (Peek().kind == Token::Kind::Number) {
      MapExpr expr = Node(MapExpr::Kind::Number);
      expr.text = Take().text;
      if (!ParseScaledDecimal(expr.text)) {
        return Fail("`" + expr.text + "` is not a number with at most 4 decimals, such as 12 or 5.7");
      }
      return expr;
    }
    if (Peek().kind == Token::Kind::Ident && IsBoolWord(Peek().text) && tokens_[pos_ + 1].kind != Token::Kind::LParen) {
      MapExpr expr = Node(MapExpr::Kind::Bool);
      expr.text = Take().text;
      return expr;
    }
    if (Peek().kind != Token::Kind::Ident) {
      if (Peek().kind == Token::Kind::Bad) return std::nullopt;
      return Fail(AtEnd() ? "a value is missing" : "unexpected `" + Peek().text + "`; write a column, a quoted text or a function");
    }
    const std::string name = Take().text;
    ++pos_;  // the `(`
    std::vector<std::optional<MapExpr>> args;
    const bool inner_aggregates = aggregates && name != "sum";
    while (Peek().kind != Token::Kind::RParen) {
      if (!args.empty()) {
        if (Peek().kind != Token::Kind::Comma) return Fail("`" + name + "(...)`: separate arguments with `,` and close with `)`");
        ++pos_;
      }
      args.push_back(Product(inner_aggregates));
      if (!args.back()) return std::nullopt;
    }
    ++pos_;  // the `)`
    return Call(name, std::move(args), aggregates);
  }

  std::optional<MapExpr> Call(const std::string& name, std::vector<std::optional<MapExpr>> args, bool aggregates) {
    auto arity = [&](size_t low, size_t high, const char* usage) -> bool {
      if (args.size() >= low && args.size() <= high) return true;
      Fail(std::string("write ") + usage);
      return false;
    };
    auto literal = [&](size_t i, std::string& out, const char* what) -> bool {
      if (args[i]->kind == MapExpr::Kind::Text) {
        out = args[i]->text;
        return true;
      }
      Fail(std::string("`") + name + "`: the " + what + " is a quoted text");
      return false;
    };
    MapExpr expr;
    if (name == "int" || name == "decimal") {
      if (!arity(1, 1, name == "int" ? "`int(COLUMN)`" : "`decimal(COLUMN)`")) return std::nullopt;
      expr = Node(name == "int" ? MapExpr::Kind::Int : MapExpr::Kind::Decimal);
      expr.args.push_back(std::move(*args[0]));
    } else if (name == "money") {
      if (!arity(1, 2, "`money(VALUE)` or `money(VALUE, \"GBP\")`")) return std::nullopt;
      expr = Node(MapExpr::Kind::Money);
      expr.args.push_back(std::move(*args[0]));
      if (args.size() == 2) {
        if (args[1]->kind == MapExpr::Kind::Text) {
          expr.text = args[1]->text;
          if (!IsCurrency(expr.text)) return Fail("`" + expr.text + "` is not a currency code such as \"GBP\"");
        } else if (args[1]->kind == MapExpr::Kind::Column) {
          expr.args.push_back(std::move(*args[1]));
        } else {
          return Fail("the currency of `money` is a code such as \"GBP\" or a column");
        }
      }
    } else if (name == "time") {
      if (!arity(2, 3, "`time(COLUMN, \"%Y-%m-%d %H:%M:%S\", \"Europe/London\")`")) return std::nullopt;
      expr = Node(MapExpr::Kind::Time);
      if (!literal(1, expr.text, "format")) return std::nullopt;
      if (args.size() == 3) {
        if (!literal(2, expr.zone, "time zone")) return std::nullopt;
        try {
          date::locate_zone(expr.zone);
        } catch (const std::runtime_error&) {
          return Fail("`" + expr.zone + "` is not a time zone; use an IANA name such as \"Europe/London\"");
        }
      }
      expr.args.push_back(std::move(*args[0]));
    } else if (name == "concat") {
      if (args.size() < 2) {
        return Fail("write `concat(VALUE, VALUE, ...)` with two values or more, such as "
                    "`concat(\"customer-\", int(CustomerID))`");
      }
      expr = Node(MapExpr::Kind::Concat);
      for (auto& arg : args) expr.args.push_back(std::move(*arg));
    } else if (name == "sum" || name == "count") {
      if (!aggregates) {
        return Fail("`" + name + "` adds up the rows of a group; use it only for an event's own fields, not " +
                    "inside a list, another `sum`, the contact, the time or a condition");
      }
      if (name == "sum" && !arity(1, 1, "`sum(VALUE)`, such as `sum(Quantity * UnitPrice)`")) return std::nullopt;
      if (name == "count" && !arity(0, 0, "`count()`")) return std::nullopt;
      expr = Node(name == "sum" ? MapExpr::Kind::Sum : MapExpr::Kind::Count);
      if (name == "sum") expr.args.push_back(std::move(*args[0]));
    } else {
      const std::vector<std::string> known = {"int", "decimal", "money", "time", "concat", "sum", "count"};
      return Fail("there is no function `" + name +
                  "`; the functions are int, decimal, money, time, concat, sum and count." + DidYouMean(name, known));
    }
    return expr;
  }

  static bool IsCurrency(std::string_view code) {
    if (code.size() != 3) return false;
    for (char c : code) {
      if (c < 'A' || c > 'Z') return false;
    }
    return true;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int line_;
  std::vector<MappingError>& errors_;
  bool failed_ = false;
};

bool HasKind(const MapExpr& expr, MapExpr::Kind kind) {
  if (expr.kind == kind) return true;
  for (const MapExpr& arg : expr.args) {
    if (HasKind(arg, kind)) return true;
  }
  return false;
}

void NumberAggregates(MapExpr& expr, int& next) {
  if (expr.kind == MapExpr::Kind::Sum || expr.kind == MapExpr::Kind::Count) expr.aggregate = next++;
  for (MapExpr& arg : expr.args) NumberAggregates(arg, next);
}

// Strips a `#` comment that is not inside quotes, and surrounding blanks.
std::string_view Content(std::string_view line) {
  char quote = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote != 0) {
      if (c == '\\' && quote == '"') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '`') {
      quote = c;
    } else if (c == '#') {
      line = line.substr(0, i);
      break;
    }
  }
  const size_t first = line.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const size_t last = line.find_last_not_of(" \t\r");
  return line.substr(first, last - first + 1);
}

class MappingParser {
 public:
  explicit MappingParser(std::vector<MappingError>& errors) : errors_(errors) {}

  ImportMapping Parse(std::string_view text) {
    int line_number = 0;
    size_t start = 0;
    if (text.starts_with("\xEF\xBB\xBF")) start = 3;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      ++line_number;
      Line(Content(text.substr(start, end - start)), line_number);
      start = end + 1;
    }
    Finish();
    return std::move(mapping_);
  }

 private:
  enum class Section { None, Rows, Skip, Event, Identify };

  void Error(int line, std::string reason) { errors_.push_back({line, std::move(reason)}); }

  void Line(std::string_view line, int number) {
    if (line.empty()) return;
    if (line.front() == '[') return SectionHeader(line, number);
    const size_t equals = line.find('=');
    if (equals == std::string_view::npos || (equals + 1 < line.size() && line[equals + 1] == '=')) {
      return Error(number, "expected `key = value` or a `[section]`");
    }
    std::string_view key = line.substr(0, equals);
    key = key.substr(0, key.find_last_not_of(" \t") + 1);
    const std::string_view value = Content(line.substr(equals + 1));
    if (key.empty()) return Error(number, "a key is missing before `=`");
    if (value.empty()) return Error(number, "`" + std::string(key) + "` has no value after `=`");
    switch (section_) {
      case Section::None:
        return Error(number, "`" + std::string(key) + "` is outside any section; start with `[rows]`");
      case Section::Rows: return RowsKey(key, value, number);
      case Section::Skip:
      case Section::Event: return RuleKey(key, value, number);
      case Section::Identify: return TraitKey(key, value, number);
    }
  }

  void SectionHeader(std::string_view line, int number) {
    if (line.back() != ']') return Error(number, "a section header ends with `]`, such as `[event order_placed]`");
    std::string_view name = Content(line.substr(1, line.size() - 2));
    if (name == "rows") {
      if (seen_rows_) Error(number, "a second `[rows]` section; keep one");
      seen_rows_ = true;
      section_ = Section::Rows;
      return;
    }
    if (name == "identify") {
      if (mapping_.has_identify) Error(number, "a second `[identify]` section; keep one");
      mapping_.has_identify = true;
      mapping_.identify.line = number;
      section_ = Section::Identify;
      return;
    }
    MapRule rule;
    rule.line = number;
    if (name == "skip") {
      rule.skip = true;
      section_ = Section::Skip;
    } else if (name.starts_with("event ") || name.starts_with("event\t")) {
      rule.event_type = std::string(Content(name.substr(6)));
      if (!IsSnakeCase(rule.event_type)) {
        Error(number, "`" + rule.event_type + "` is not an event type name; write it as in the schema, such as "
                      "`order_placed`");
      }
      section_ = Section::Event;
    } else {
      section_ = Section::None;
      return Error(number, "unknown section `[" + std::string(name) + "]`; the sections are `[rows]`, `[skip]`, "
                           "`[event NAME]` and `[identify]`");
    }
    mapping_.rules.push_back(std::move(rule));
  }

  void RowsKey(std::string_view key, std::string_view value, int number) {
    ValueParser parser(value, number, errors_);
    auto take = [&](MapExpr& slot, bool& seen) {
      if (seen) Error(number, "`" + std::string(key) + "` is set twice in `[rows]`");
      seen = true;
      if (auto expr = parser.Expression(false)) slot = std::move(*expr);
    };
    if (key == "contact") {
      take(mapping_.contact, seen_contact_);
    } else if (key == "at") {
      take(mapping_.at, seen_at_);
      if (!parser.failed() && mapping_.at.kind != MapExpr::Kind::Time) {
        Error(number, "`at` is a time: write `time(COLUMN, \"%Y-%m-%d %H:%M:%S\", \"Europe/London\")`");
      }
    } else if (key == "group_by") {
      take(mapping_.group_by, mapping_.grouped);
    } else if (key == "currency") {
      if (auto text = parser.Literal()) {
        mapping_.currency = *text;
        if (mapping_.currency.size() != 3 || mapping_.currency.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") !=
                                                  std::string::npos) {
          Error(number, "`" + mapping_.currency + "` is not a currency code such as \"GBP\"");
        }
      }
    } else if (key == "delimiter") {
      if (auto text = parser.Literal()) {
        if (text->size() != 1 || *text == "\"" || *text == "\n" || *text == "\r") {
          Error(number, "the delimiter is one character, such as \",\" or \";\"");
        } else {
          mapping_.delimiter = (*text)[0];
        }
      }
    } else {
      const std::vector<std::string> known = {"contact", "at", "group_by", "currency", "delimiter"};
      Error(number, "`[rows]` has no key `" + std::string(key) +
                        "`; its keys are contact, at, group_by, currency and delimiter." + DidYouMean(key, known));
    }
  }

  void RuleKey(std::string_view key, std::string_view value, int number) {
    MapRule& rule = mapping_.rules.back();
    ValueParser parser(value, number, errors_);
    if (key == "when") {
      if (!rule.when.empty()) return Error(number, "`when` is set twice; join the conditions with `and`");
      if (auto condition = parser.Condition()) rule.when = std::move(*condition);
      return;
    }
    if (rule.skip) return Error(number, "`[skip]` takes only `when`");
    if (key == "id") {
      if (rule.has_id) return Error(number, "`id` is set twice");
      rule.has_id = true;
      if (auto expr = parser.Expression(false)) rule.id = std::move(*expr);
      return;
    }
    const size_t dot = key.find('.');
    const std::string name(key.substr(0, dot));
    if (!IsSnakeCase(name) || (dot != std::string_view::npos && !IsSnakeCase(key.substr(dot + 1)))) {
      return Error(number, "`" + std::string(key) + "` is not a field name; write `field` or `list.field` as in "
                           "the schema");
    }
    if (name == "type" || name == "contact" || name == "at") {
      return Error(number, "`" + name + "` is set in `[rows]` (type: by the section), not per field");
    }
    MapField* field = nullptr;
    for (MapField& existing : rule.fields) {
      if (existing.name == name) field = &existing;
    }
    if (dot == std::string_view::npos) {
      if (field != nullptr) return Error(number, "field `" + name + "` is set twice");
      auto expr = parser.Expression(true);
      if (!expr) return;
      rule.fields.push_back({name, std::move(*expr), {}, number});
      return;
    }
    if (field != nullptr && field->record.empty()) {
      return Error(number, "`" + name + "` is already a value; a list's fields are all written `" + name + ".FIELD`");
    }
    if (field == nullptr) {
      rule.fields.push_back({name, {}, {}, number});
      field = &rule.fields.back();
    }
    const std::string sub(key.substr(dot + 1));
    for (const MapField& existing : field->record) {
      if (existing.name == sub) return Error(number, "field `" + std::string(key) + "` is set twice");
    }
    auto expr = parser.Expression(false);
    if (!expr) return;
    field->record.push_back({sub, std::move(*expr), {}, number});
  }

  // A trait of `[identify]`: `field = VALUE`, or `record.field = VALUE` for a
  // field of a record trait such as `consent`.
  void TraitKey(std::string_view key, std::string_view value, int number) {
    const size_t dot = key.find('.');
    const std::string name(key.substr(0, dot));
    if (!IsSnakeCase(name) || (dot != std::string_view::npos && !IsSnakeCase(key.substr(dot + 1)))) {
      return Error(number, "`" + std::string(key) + "` is not a contact field; write `field` or `record.field` as "
                           "in the schema's `contact`, such as `consent.email`");
    }
    if (name == "when" || name == "id" || name == "contact" || name == "at" || name == "type") {
      return Error(number, "`[identify]` takes the contact's fields only; who the contact is comes from `contact` "
                           "in `[rows]`, and the time is that of the contact's first event");
    }
    std::vector<MapField>& traits = mapping_.identify.traits;
    MapField* trait = nullptr;
    for (MapField& existing : traits) {
      if (existing.name == name) trait = &existing;
    }
    ValueParser parser(value, number, errors_);
    if (dot == std::string_view::npos) {
      if (trait != nullptr) return Error(number, "trait `" + name + "` is set twice");
      if (auto expr = parser.Expression(false)) traits.push_back({name, std::move(*expr), {}, number});
      return;
    }
    if (trait != nullptr && trait->record.empty()) {
      return Error(number, "`" + name + "` is already a value; a record's fields are all written `" + name + ".FIELD`");
    }
    if (trait == nullptr) {
      traits.push_back({name, {}, {}, number});
      trait = &traits.back();
    }
    const std::string sub(key.substr(dot + 1));
    for (const MapField& existing : trait->record) {
      if (existing.name == sub) return Error(number, "trait `" + std::string(key) + "` is set twice");
    }
    if (auto expr = parser.Expression(false)) trait->record.push_back({sub, std::move(*expr), {}, number});
  }

  void CheckCurrency(const MapField& field) {
    if (!mapping_.currency.empty()) return;
    if (HasMoneyWithoutCurrency(field.value) ||
        std::any_of(field.record.begin(), field.record.end(),
                    [](const MapField& f) { return HasMoneyWithoutCurrency(f.value); })) {
      Error(field.line, "`money(...)` without a currency needs `currency = \"GBP\"` (say) in `[rows]`");
    }
  }

  void Finish() {
    if (!seen_rows_) Error(0, "the mapping has no `[rows]` section with `contact` and `at`");
    else if (!seen_contact_) Error(0, "`[rows]` needs `contact = COLUMN`: who each row is about");
    else if (!seen_at_) Error(0, "`[rows]` needs `at = time(COLUMN, \"FORMAT\", \"ZONE\")`: when each row happened");
    bool any_event = false;
    for (MapRule& rule : mapping_.rules) {
      any_event = any_event || !rule.skip;
      for (MapField& field : rule.fields) {
        NumberAggregates(field.value, rule.aggregates);
        CheckCurrency(field);
      }
    }
    for (const MapField& trait : mapping_.identify.traits) CheckCurrency(trait);
    if (!any_event) Error(0, "the mapping has no `[event NAME]` section, so no row would become an event");
  }

  static bool HasMoneyWithoutCurrency(const MapExpr& expr) {
    if (expr.kind == MapExpr::Kind::Money && expr.text.empty() && expr.args.size() == 1) return true;
    for (const MapExpr& arg : expr.args) {
      if (HasMoneyWithoutCurrency(arg)) return true;
    }
    return false;
  }

  std::vector<MappingError>& errors_;
  ImportMapping mapping_;
  Section section_ = Section::None;
  bool seen_rows_ = false;
  bool seen_contact_ = false;
  bool seen_at_ = false;
};

void Resolve(MapExpr& expr, const std::vector<std::string>& header, std::vector<MappingError>& errors) {
  if (expr.kind == MapExpr::Kind::Column) {
    for (size_t i = 0; i < header.size(); ++i) {
      if (header[i] == expr.text) expr.column = static_cast<int>(i);
    }
    if (expr.column < 0) {
      std::string columns;
      for (const std::string& name : header) columns += (columns.empty() ? "" : ", ") + name;
      errors.push_back({expr.line, "the file has no column `" + expr.text + "`." + DidYouMean(expr.text, header) +
                                       " Its columns are: " + columns});
    }
  }
  for (MapExpr& arg : expr.args) Resolve(arg, header, errors);
}

}  // namespace

ImportMapping ParseMapping(std::string_view text, std::vector<MappingError>& errors) {
  return MappingParser(errors).Parse(text);
}

void ResolveColumns(ImportMapping& mapping, const std::vector<std::string>& header,
                    std::vector<MappingError>& errors) {
  Resolve(mapping.contact, header, errors);
  Resolve(mapping.at, header, errors);
  if (mapping.grouped) Resolve(mapping.group_by, header, errors);
  for (MapRule& rule : mapping.rules) {
    for (MapComparison& comparison : rule.when) Resolve(comparison.column, header, errors);
    if (rule.has_id) Resolve(rule.id, header, errors);
    for (MapField& field : rule.fields) {
      Resolve(field.value, header, errors);
      for (MapField& item : field.record) Resolve(item.value, header, errors);
    }
  }
  for (MapField& trait : mapping.identify.traits) {
    Resolve(trait.value, header, errors);
    for (MapField& item : trait.record) Resolve(item.value, header, errors);
  }
}

}  // namespace kairos::runtime
