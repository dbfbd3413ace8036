#include "cli/segment_call.h"

#include <cstdint>

#include "compiler/base/scalars.h"
#include "compiler/syntax/parse.h"
#include "compiler/types/symbol.h"
#include "compiler/types/type_rules.h"
#include "runtime/calendar/calendar.h"

namespace kairos::cli {
namespace {

const ast::Expr& SkipParens(const ast::Expr& expr) {
  const ast::Expr* e = &expr;
  while (e->kind == ast::ExprKind::Paren && e->As<ast::ParenExpr>().inner) {
    e = e->As<ast::ParenExpr>().inner.get();
  }
  return *e;
}

std::string Quoted(std::string_view text) { return "`" + std::string(text) + "`"; }

Type LiteralType(const ast::LiteralExpr& literal) {
  switch (literal.literal) {
    case ast::LiteralKind::Int:
      return Type::Int();
    case ast::LiteralKind::Decimal:
      return Type::Decimal();
    case ast::LiteralKind::Money:
      return Type::Money(literal.currency);
    case ast::LiteralKind::Percent:
      return Type::Percent();
    case ast::LiteralKind::Duration:
      return Type::Duration();
    case ast::LiteralKind::Date:
      return Type::Date();
    case ast::LiteralKind::DateTime:
      return Type::Timestamp();
    case ast::LiteralKind::Time:
      return Type::Time();
    case ast::LiteralKind::Timestamp:
      return Type::Timestamp();
    case ast::LiteralKind::String:
      return Type::String();
    case ast::LiteralKind::Bool:
      return Type::Bool();
    case ast::LiteralKind::Null:
      return Type::Null();
  }
  return Type::Null();
}

// A type as messages name it: money with its currency.
std::string Describe(const Type& type) {
  const Type& t = type.NonOptional();
  if (t.is(TypeKind::Money) && !t.currency().empty()) {
    return type.ToString() + " in " + t.currency();
  }
  return type.ToString();
}

// A value of `type` as an example for messages.
std::string Example(const Type& type, const std::string& currency) {
  const Type& t = type.NonOptional();
  switch (t.kind()) {
    case TypeKind::Bool:
      return "true";
    case TypeKind::Int:
      return "3";
    case TypeKind::Decimal:
      return "2.5";
    case TypeKind::Money:
      return "100 " + (!t.currency().empty() ? t.currency() : !currency.empty() ? currency : "EUR");
    case TypeKind::Percent:
      return "10%";
    case TypeKind::Date:
      return "2026-03-01";
    case TypeKind::Time:
      return "09:00";
    case TypeKind::Timestamp:
      return "2026-03-01T10:00:00Z";
    case TypeKind::Duration:
      return "7d";
    case TypeKind::Enum:
      return t.symbol() != nullptr && !t.symbol()->members.empty() ? t.symbol()->members[0]->name
                                                                   : "...";
    case TypeKind::List:
    case TypeKind::Set:
      return "[" + Example(t.element(), currency) + "]";
    default:
      return t.is_string_like() ? "\"text\"" : "...";
  }
}

std::string Signature(const ir::Segment& segment) {
  std::string signature;
  for (const ir::SegmentParam& param : segment.params) {
    signature += (signature.empty() ? "" : ", ") + param.name + ": " + param.type.ToString();
  }
  return signature;
}

// "segment `s` takes 2 arguments (a: string, b: int)".
std::string Takes(const ir::Segment& segment) {
  const size_t n = segment.params.size();
  std::string takes = "segment " + Quoted(segment.name) + " takes ";
  if (n == 0) return takes + "no arguments";
  return takes + std::to_string(n) + (n == 1 ? " argument" : " arguments") + " (" +
         Signature(segment) + ")";
}

std::string NameList(const ir::Program& program) {
  std::string names;
  for (const ir::Segment& segment : program.segments) {
    names += (names.empty() ? "" : ", ") + segment.name;
  }
  return names.empty() ? "(none)" : names;
}

// Turns argument expressions into values of their parameters' types.
class ArgumentReader {
 public:
  ArgumentReader(const SourceFile& source, const ir::Program& program, runtime::StringPool& strings)
      : source_(source),
        program_(program),
        strings_(strings),
        zone_(runtime::Zones(program, strings).schema_zone()) {}

  // The value of `expr` for `what` (such as "parameter `cat`") of `type`;
  // false with `why` when it is not a literal that fits.
  bool Read(const ast::Expr& expr, const Type& type, const std::string& what, runtime::Value& out,
            std::string& why) {
    const ast::Expr& e = SkipParens(expr);
    const Type& target = type.NonOptional();
    if (e.kind == ast::ExprKind::List) {
      if (!target.is(TypeKind::List) && !target.is(TypeKind::Set)) {
        why = Text(e) + " is a list, but " + what + " is " + Describe(type);
        return false;
      }
      out = runtime::Value();
      out.kind = runtime::Value::Kind::List;
      for (const ast::ExprPtr& element : e.As<ast::ListExpr>().elements) {
        runtime::Value value;
        if (!Read(*element, target.element(), "an element of " + what, value, why)) return false;
        out.elements.push_back(std::move(value));
      }
      return true;
    }
    if (e.kind == ast::ExprKind::Name && target.is(TypeKind::Enum) && target.symbol() != nullptr) {
      const auto& members = target.symbol()->members;
      for (size_t i = 0; i < members.size(); ++i) {
        if (members[i]->name == e.As<ast::NameExpr>().name) {
          out = runtime::Value::Scalar(static_cast<int64_t>(i));
          return true;
        }
      }
      why = Text(e) + " is not a value of " + what + ", which is " + type.ToString();
      return false;
    }
    // A sign in front of a literal (`-5`, `-2.5 ILS`, `-1d`).
    int64_t sign = 1;
    const ast::Expr* inner = &e;
    while (inner->kind == ast::ExprKind::Unary &&
           inner->As<ast::UnaryExpr>().op != ast::UnaryOp::Not) {
      if (inner->As<ast::UnaryExpr>().op == ast::UnaryOp::Negate) sign = -sign;
      inner = &SkipParens(*inner->As<ast::UnaryExpr>().operand);
    }
    if (inner->kind != ast::ExprKind::Literal) {
      why = Text(e) + " is not a literal value; give " + what + " a value such as " +
            Example(type, program_.currency);
      return false;
    }
    const auto& literal = inner->As<ast::LiteralExpr>();
    const Type from = LiteralType(literal);
    if (inner != &e && !from.is(TypeKind::Int) && !from.is(TypeKind::Decimal) &&
        !from.is(TypeKind::Money) && !from.is(TypeKind::Percent) && !from.is(TypeKind::Duration)) {
      why = Text(e) + ": a sign goes with numbers, money, percentages and durations only";
      return false;
    }
    if (from.is(TypeKind::Null) && !type.is_optional()) {
      why = "`null` is for optional parameters, but " + what + " is " + type.ToString();
      return false;
    }
    if (!IsAssignable(type, from, literal.literal == ast::LiteralKind::String)) {
      why = Text(e) + " is " + Describe(from) + ", but " + what + " is " + Describe(type) +
            "; give a value such as " + Example(type, program_.currency);
      return false;
    }
    if (from.is(TypeKind::Int) && target.is(TypeKind::Decimal) &&
        literal.int_value > INT64_MAX / scalars::kDecimalScale) {
      why = Text(e) + " is too large for a decimal";
      return false;
    }
    out = Encode(literal, target);
    out.scalar *= sign;
    return true;
  }

 private:
  std::string Text(const ast::Expr& expr) const {
    return Quoted(std::string_view(source_.text())
                      .substr(expr.range.begin, expr.range.end - expr.range.begin));
  }

  // The literal in the encoding of `target` (ir.h), which it fits.
  runtime::Value Encode(const ast::LiteralExpr& literal, const Type& target) {
    switch (literal.literal) {
      case ast::LiteralKind::Int:
        // An int widens to a decimal, which is scaled.
        return runtime::Value::Scalar(target.is(TypeKind::Decimal)
                                          ? literal.int_value * scalars::kDecimalScale
                                          : literal.int_value);
      case ast::LiteralKind::Decimal:
      case ast::LiteralKind::Percent:
        return runtime::Value::Scalar(literal.scaled_value);
      case ast::LiteralKind::Money:
        return runtime::Value::Money(literal.scaled_value, strings_.Intern(literal.currency));
      case ast::LiteralKind::Duration:
      case ast::LiteralKind::Time:
      case ast::LiteralKind::Timestamp:
        return runtime::Value::Scalar(literal.seconds);
      case ast::LiteralKind::Date:
        return runtime::Value::Scalar(
            scalars::DaysSinceEpoch({literal.year, literal.month, literal.day}));
      case ast::LiteralKind::DateTime: {
        const int64_t local =
            scalars::DaysSinceEpoch({literal.year, literal.month, literal.day}) * 86400 +
            literal.seconds;
        return runtime::Value::Scalar(runtime::LocalToInstant(zone_, local));
      }
      case ast::LiteralKind::String:
        return runtime::Value::Scalar(strings_.Intern(literal.string_value));
      case ast::LiteralKind::Bool:
        return runtime::Value::Scalar(literal.bool_value ? 1 : 0);
      case ast::LiteralKind::Null:
        break;
    }
    return runtime::Value::Null();
  }

  const SourceFile& source_;
  const ir::Program& program_;
  runtime::StringPool& strings_;
  const date::time_zone* zone_;
};

}  // namespace

std::optional<SegmentCall> ReadSegmentCall(const std::string& text, const ir::Program& program,
                                           runtime::StringPool& strings, DiagnosticsFormat format,
                                           std::ostream& err) {
  const SourceFile source("--name", text);
  DiagnosticSink sink;
  ast::ExprPtr parsed = ParseExpression(source, sink);
  if (parsed == nullptr || sink.has_errors()) {
    PrintDiagnostics(err, sink, format);
    return std::nullopt;
  }
  const ast::Expr& expr = SkipParens(*parsed);
  const ast::Expr* callee = &expr;
  const std::vector<ast::CallArg>* args = nullptr;
  if (expr.kind == ast::ExprKind::Call) {
    callee = &SkipParens(*expr.As<ast::CallExpr>().callee);
    args = &expr.As<ast::CallExpr>().args;
  }
  if (callee->kind != ast::ExprKind::Name) {
    err << "error: `--name` takes a segment, with its arguments in parentheses when it has "
           "parameters, "
        << "such as `big_spenders` or `category_browsers(\"shoes\")`; got `" << text << "`\n";
    return std::nullopt;
  }
  const std::string& name = callee->As<ast::NameExpr>().name;
  SegmentCall call;
  call.segment = program.FindSegment(name);
  if (call.segment == nullptr) {
    err << "error: there is no segment `" << name << "`; the project has: " << NameList(program)
        << "\n";
    return std::nullopt;
  }
  const ir::Segment& segment = *call.segment;
  if (args == nullptr && !segment.params.empty()) {
    std::string example;
    for (const ir::SegmentParam& param : segment.params) {
      example += (example.empty() ? "" : ", ") + Example(param.type, program.currency);
    }
    err << "error: " << Takes(segment) << "; got none: write them after its name, such as --name '"
        << name << "(" << example << ")'\n";
    return std::nullopt;
  }
  const size_t given = args != nullptr ? args->size() : 0;
  if (given != segment.params.size()) {
    err << "error: " << Takes(segment) << "; got " << given << "\n";
    return std::nullopt;
  }
  ArgumentReader reader(source, program, strings);
  bool ok = true;
  for (size_t i = 0; i < given; ++i) {
    const ast::CallArg& arg = (*args)[i];
    const ir::SegmentParam& param = segment.params[i];
    std::string why;
    runtime::Value value;
    if (arg.where != nullptr || arg.window) {
      why = "`where` and windows go with history functions; give parameter `" + param.name +
            "` a value";
    } else if (reader.Read(*arg.value, param.type, "parameter `" + param.name + "`", value, why)) {
      call.args.push_back(std::move(value));
      continue;
    }
    err << "error: segment `" << name << "`: " << why << "\n";
    ok = false;
  }
  if (!ok) return std::nullopt;
  return call;
}

}  // namespace kairos::cli
