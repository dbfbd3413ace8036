// Coupon pools: discount, code pattern, limits, validity and what happens
// when a pool runs out.
#include <algorithm>
#include <cmath>
#include <set>

#include "compiler/base/suggest.h"
#include "compiler/check/constant.h"
#include "compiler/check/declaration_checks.h"

namespace kairos {
namespace {

// The source range of bytes [begin, end) of a string literal's value.
SourceRange RangeInLiteral(const ast::LiteralExpr& literal, size_t begin, size_t end) {
  const std::vector<uint32_t>& offsets = literal.string_offsets;
  if (offsets.size() != literal.string_value.size() + 1 || begin > end || end >= offsets.size()) {
    return literal.range;
  }
  return SourceRange{literal.range.file, offsets[begin], offsets[end]};
}

// Validates a `codes generated` pattern and returns how many distinct codes it
// can make (as a double: it overflows integers quickly), or nullopt when invalid.
std::optional<double> CheckCodePattern(DiagnosticSink& sink, const ast::LiteralExpr& pattern) {
  const std::string& text = pattern.string_value;
  bool valid = true;
  int groups = 0;
  double capacity = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '}') {
      sink.Error(DiagnosticKind::InvalidLiteral, RangeInLiteral(pattern, i, i + 1),
                 "a `}` without its `{`; code groups are written `{A9:6}`, `{A:4}` or `{9:4}`.");
      valid = false;
      continue;
    }
    if (text[i] != '{') continue;
    const size_t close = text.find('}', i);
    if (close == std::string::npos) {
      sink.Error(DiagnosticKind::InvalidLiteral, RangeInLiteral(pattern, i, text.size()),
                 "this `{` is never closed; code groups are written `{A9:6}`, `{A:4}` or `{9:4}`.");
      return std::nullopt;
    }
    const std::string group = text.substr(i + 1, close - i - 1);
    const size_t colon = group.find(':');
    const std::string alphabet = group.substr(0, colon);
    const std::string length = colon == std::string::npos ? "" : group.substr(colon + 1);
    const bool digits_only = !length.empty() && length.size() <= 2 &&
                             length.find_first_not_of("0123456789") == std::string::npos;
    const int count = digits_only ? std::stoi(length) : 0;
    const int letters = alphabet == "A9" ? 36 : alphabet == "A" ? 26 : alphabet == "9" ? 10 : 0;
    if (letters == 0 || count <= 0 || count > 32) {
      sink.Error(DiagnosticKind::InvalidLiteral, RangeInLiteral(pattern, i, close + 1),
                 "`{" + group + "}` is not a code group; write `{A9:6}` (six letters or digits), "
                 "`{A:4}` (four letters) or `{9:4}` (four digits), with a length from 1 to 32.");
      valid = false;
    } else {
      capacity *= std::pow(letters, count);
      ++groups;
    }
    i = close;
  }
  if (!valid) return std::nullopt;
  if (groups == 0) {
    sink.Error(DiagnosticKind::InvalidLiteral, pattern.range,
               "the pattern has no random part, so every code would be the same; add a group such "
               "as \"" + text + "-{A9:6}\".");
    return std::nullopt;
  }
  return capacity;
}

void CheckDiscount(Checkers& c, const ast::Expr& value, const Scope& scope) {
  Type t = c.exprs.Check(value, scope);
  if (t.is_error()) return;
  if (!t.is(TypeKind::Percent) && !t.is(TypeKind::Money)) {
    c.ctx.sink.Error(DiagnosticKind::TypeMismatch, value.range,
                     "a discount is a percent (`10%`) or an amount (`50 " +
                         (c.ctx.currency().empty() ? std::string("ILS") : c.ctx.currency()) + "`), but " +
                         CheckContext::Quote(value) + " is " + t.ToString() + ".");
    return;
  }
  const std::string& shop_currency = c.ctx.currency();
  if (t.is(TypeKind::Money) && !shop_currency.empty() && !SameCurrency(t, Type::Money(shop_currency))) {
    c.ctx.sink.Error(DiagnosticKind::CurrencyMismatch, value.range,
                     "the shop sells in " + shop_currency + " but this discount is in " + t.currency() +
                         "; write it in " + shop_currency + ".");
    return;
  }
  const ast::Expr& literal = Unparenthesized(value);
  if (literal.kind != ast::ExprKind::Literal) return;
  const int64_t scaled = literal.As<ast::LiteralExpr>().scaled_value;
  if (t.is(TypeKind::Percent) && (scaled <= 0 || scaled > kHundredPercent)) {
    c.ctx.sink.Error(DiagnosticKind::InvalidLiteral, value.range,
                     "a percent discount is more than 0% and at most 100%.");
  } else if (t.is(TypeKind::Money) && scaled <= 0) {
    c.ctx.sink.Error(DiagnosticKind::InvalidLiteral, value.range, "a discount amount is more than zero.");
  }
}

// `issue between A and B`: two dates (or instants), the first not after the second.
void CheckIssueWindow(Checkers& c, const ast::CouponItem& item, const Scope& scope) {
  const ast::LiteralExpr* bounds[2] = {nullptr, nullptr};
  int index = 0;
  for (const ast::ExprPtr* bound : {&item.value, &item.second}) {
    const int i = index++;
    if (!*bound) continue;
    Type t = c.exprs.Check(**bound, scope);
    if (t.is_error()) continue;
    if (!t.is(TypeKind::Date) && !t.is(TypeKind::Timestamp)) {
      c.ctx.sink.Error(DiagnosticKind::TypeMismatch, (*bound)->range,
                       "`issue between` takes dates such as `2026-01-01`, but " +
                           CheckContext::Quote(**bound) + " is " + t.ToString() + ".");
      continue;
    }
    const ast::Expr& e = Unparenthesized(**bound);
    if (e.kind == ast::ExprKind::Literal && e.As<ast::LiteralExpr>().literal == ast::LiteralKind::Date) {
      bounds[i] = &e.As<ast::LiteralExpr>();
    }
  }
  if (bounds[0] && bounds[1]) {
    auto key = [](const ast::LiteralExpr& d) { return (d.year * 100 + d.month) * 100 + d.day; };
    if (key(*bounds[0]) > key(*bounds[1])) {
      c.ctx.sink.Error(DiagnosticKind::InvalidLiteral, item.range,
                       "the issue window ends before it starts; write the earlier date first.");
    }
  }
}

}  // namespace

void CheckCoupon(Checkers& c, const ast::CouponDecl& coupon, const Symbol& symbol) {
  const Scope constants;  // a pool's settings do not depend on any contact
  ClauseTracker clauses(c.ctx.sink);
  std::optional<int64_t> limit;
  const ast::Expr* limit_expr = nullptr;
  std::optional<double> capacity;
  const ast::LiteralExpr* pattern = nullptr;

  for (const ast::CouponItem& item : coupon.items) {
    switch (item.kind) {
      case ast::CouponItemKind::Discount:
        clauses.First("discount", item.range, "keep one `discount`");
        if (item.value) CheckDiscount(c, *item.value, constants);
        break;
      case ast::CouponItemKind::CodesGenerated:
        clauses.First("codes", item.range, "a pool's codes come from one place; keep one `codes`");
        if (item.text) {
          pattern = item.text.get();
          capacity = CheckCodePattern(c.ctx.sink, *item.text);
        }
        break;
      case ast::CouponItemKind::CodesFrom:
        clauses.First("codes", item.range, "a pool's codes come from one place; keep one `codes`");
        if (item.text && item.text->string_value.empty()) {
          c.ctx.sink.Error(DiagnosticKind::InvalidLiteral, item.text->range,
                           "name the file that holds the codes, such as \"coupons/welcome.csv\".");
        }
        break;
      case ast::CouponItemKind::Limit:
        clauses.First("limit", item.range, "keep one `limit`");
        if (item.value) {
          Type t = c.exprs.CheckValue(*item.value, constants, Type::Int(), "`limit`");
          limit = ConstantInt(*item.value);
          limit_expr = item.value.get();
          if (!t.is_error() && limit && *limit <= 0) {
            c.ctx.sink.Error(DiagnosticKind::InvalidLiteral, item.value->range,
                             "`limit` is how many codes the pool may issue; it must be at least 1.");
          }
        }
        break;
      case ast::CouponItemKind::IssueWindow:
        clauses.First("issue between", item.range, "keep one `issue between`");
        CheckIssueWindow(c, item, constants);
        break;
      case ast::CouponItemKind::ValidFor:
        clauses.First("valid for", item.range, "keep one `valid for`");
        if (item.value) {
          Type t = c.exprs.CheckValue(*item.value, constants, Type::Duration(), "`valid for`");
          std::optional<int64_t> seconds = ConstantSeconds(*item.value);
          if (!t.is_error() && seconds && *seconds <= 0) {
            c.ctx.sink.Error(DiagnosticKind::InvalidLiteral, item.value->range,
                             "a code must stay valid for a positive time, such as `14d`.");
          }
        }
        break;
      case ast::CouponItemKind::WhenExhausted: {
        clauses.First("when exhausted", item.range, "keep one `when exhausted`");
        if (item.exhausted != ast::ExhaustedAction::Fallback) break;
        const Symbol* target = c.ctx.FindCoupon(item.fallback.name);
        if (target == nullptr) {
          c.ctx.sink.Error(DiagnosticKind::UnknownCouponPool, item.fallback.range,
                           "there is no coupon pool " + Quoted(item.fallback.name) + " to fall back to." +
                               DidYouMean(item.fallback.name, c.ctx.DeclarationNames(SymbolKind::Coupon)));
          break;
        }
        c.ctx.model.AddReference(item.fallback.range, target);
        if (target == &symbol) {
          c.ctx.sink.Error(DiagnosticKind::CouponFallbackCycle, item.fallback.range,
                           "a pool cannot fall back to itself; name another pool, or use `skip` or "
                           "`stop journey`.");
          break;
        }
        c.ctx.coupon_fallbacks[&symbol] = {target, item.fallback.range};
        break;
      }
    }
  }
  if (capacity && limit && limit_expr && *capacity < static_cast<double>(*limit)) {
    c.ctx.sink.Error(DiagnosticKind::InvalidLiteral, pattern->range,
                     "this pattern can make only " + std::to_string(static_cast<int64_t>(*capacity)) +
                         " different codes, fewer than the limit of " + std::to_string(*limit) +
                         "; make its random part longer.");
  }
}

void CheckCouponFallbacks(CheckContext& ctx) {
  std::set<const Symbol*> reported;
  for (const Symbol* start : ctx.model.Declarations(SymbolKind::Coupon)) {
    if (reported.count(start)) continue;
    std::vector<const Symbol*> chain{start};
    const Symbol* current = start;
    while (true) {
      auto it = ctx.coupon_fallbacks.find(current);
      if (it == ctx.coupon_fallbacks.end()) break;
      current = it->second.symbol;
      if (current == start) {
        std::string names;
        for (const Symbol* pool : chain) {
          names += Quoted(pool->name) + " -> ";
          reported.insert(pool);
        }
        ctx.sink.Error(DiagnosticKind::CouponFallbackCycle, ctx.coupon_fallbacks[start].range,
                       "these pools fall back to each other in a circle (" + names +
                           Quoted(start->name) + "); when all run out nothing can be issued. End "
                           "the chain with `skip` or `stop journey`.");
        break;
      }
      if (std::find(chain.begin(), chain.end(), current) != chain.end()) break;  // another pool's circle
      chain.push_back(current);
    }
  }
}

}  // namespace kairos
