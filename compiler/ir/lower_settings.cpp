// Coupon pools and the sending policy: settings the engine needs as plain
// numbers before anything runs.
#include <filesystem>

#include "compiler/check/constant.h"
#include "compiler/ir/declaration_lowerers.h"
#include "compiler/ir/graph_lowerer.h"

namespace kairos::ir_internal {
namespace {

std::string SourceText(SourceRange range) {
  if (range.file == nullptr || range.end < range.begin) return "";
  return range.file->text().substr(range.begin, range.end - range.begin);
}

// The checker accepts any expression of the right type, but the engine needs
// the number itself: anything but a literal (or a sum of durations) is
// reported here rather than silently read as something else.
void NotConstant(DiagnosticSink& sink, const ast::Expr& expr, const std::string& what, const std::string& example) {
  sink.Error(DiagnosticKind::SettingNotConstant, expr.range,
             what + " needs a value Kairos knows before anything runs: write " + example + " instead of `" +
                 SourceText(expr.range) + "`.");
}

// The day an `issue between` bound names: a date, or the day of a
// date-time (local) or of an instant (UTC).
std::optional<int64_t> ConstantDay(const ast::Expr& expr) {
  const ast::Expr& bare = Bare(expr);
  if (bare.kind != ast::ExprKind::Literal) return std::nullopt;
  const auto& literal = bare.As<ast::LiteralExpr>();
  switch (literal.literal) {
    case ast::LiteralKind::Date:
    case ast::LiteralKind::DateTime: return ir::DaysFromCivil(literal.year, literal.month, literal.day);
    case ast::LiteralKind::Timestamp:
      return literal.seconds / kDay - (literal.seconds % kDay < 0 ? 1 : 0);  // rounded down before 1970
    default: return std::nullopt;
  }
}

std::optional<int64_t> ConstantTimeOfDay(const ast::Expr& expr) {
  const ast::Expr& bare = Bare(expr);
  if (bare.kind != ast::ExprKind::Literal || bare.As<ast::LiteralExpr>().literal != ast::LiteralKind::Time) {
    return std::nullopt;
  }
  return bare.As<ast::LiteralExpr>().seconds;
}

std::string ResolveCodesFile(const ast::LiteralExpr& path) {
  namespace fs = std::filesystem;
  const fs::path written(path.string_value);
  if (written.is_absolute() || path.range.file == nullptr) return written.lexically_normal().generic_string();
  const fs::path folder = fs::path(path.range.file->path()).parent_path();
  return (folder / written).lexically_normal().generic_string();
}

void LowerCouponItem(const ast::CouponItem& item, const SemanticModel& model, const ir::Program& program,
                     ir::CouponPool& pool, DiagnosticSink& sink) {
  switch (item.kind) {
    case ast::CouponItemKind::Discount:
      if (item.value) pool.discount = SourceText(item.value->range);
      break;
    case ast::CouponItemKind::CodesGenerated:
      if (item.text) pool.pattern = item.text->string_value;
      break;
    case ast::CouponItemKind::CodesFrom:
      if (item.text) pool.codes_file = ResolveCodesFile(*item.text);
      break;
    case ast::CouponItemKind::Limit:
      if (!item.value) break;
      if (std::optional<int64_t> limit = ConstantInt(*item.value)) {
        pool.limit = *limit;
      } else {
        NotConstant(sink, *item.value, "`limit`", "a whole number such as `5000`");
      }
      break;
    case ast::CouponItemKind::IssueWindow: {
      if (!item.value || !item.second) break;
      std::optional<int64_t> from = ConstantDay(*item.value);
      std::optional<int64_t> to = ConstantDay(*item.second);
      if (!from) NotConstant(sink, *item.value, "`issue between`", "a date such as `2026-01-01`");
      if (!to) NotConstant(sink, *item.second, "`issue between`", "a date such as `2026-12-31`");
      if (!from || !to) break;
      pool.has_issue_window = true;
      pool.issue_from_day = *from;
      pool.issue_to_day = *to;
      break;
    }
    case ast::CouponItemKind::ValidFor:
      if (!item.value) break;
      if (std::optional<int64_t> seconds = ConstantSeconds(*item.value)) {
        pool.valid_for = *seconds;
      } else {
        NotConstant(sink, *item.value, "`valid for`", "a duration such as `14d`");
      }
      break;
    case ast::CouponItemKind::WhenExhausted:
      switch (item.exhausted) {
        case ast::ExhaustedAction::Skip: pool.exhausted = ir::ExhaustedKind::Skip; break;
        case ast::ExhaustedAction::StopJourney: pool.exhausted = ir::ExhaustedKind::StopJourney; break;
        case ast::ExhaustedAction::Fallback:
          pool.exhausted = ir::ExhaustedKind::Fallback;
          pool.fallback = PoolIndex(program, model.FindDeclaration(SymbolKind::Coupon, item.fallback.name));
          break;
      }
      break;
  }
}

void LowerPolicyItem(const ast::PolicyItem& item, const ir::Program& program, ir::Policy& policy,
                     DiagnosticSink& sink) {
  switch (item.kind) {
    case ast::PolicyItemKind::QuietHours: {
      if (!item.from || !item.to) break;
      std::optional<int64_t> from = ConstantTimeOfDay(*item.from);
      std::optional<int64_t> to = ConstantTimeOfDay(*item.to);
      if (!from) NotConstant(sink, *item.from, "`quiet hours`", "a time of day such as `21:00`");
      if (!to) NotConstant(sink, *item.to, "`quiet hours`", "a time of day such as `09:00`");
      if (!from || !to) break;
      policy.has_quiet_hours = true;
      policy.quiet_from = *from;
      policy.quiet_to = *to;
      break;
    }
    case ast::PolicyItemKind::Cap: {
      ir::CapRule cap;
      if (item.channel.name != "all") {
        const Symbol* member = program.channel != nullptr ? program.channel->FindMember(item.channel.name) : nullptr;
        if (member == nullptr) break;
        cap.channel = MemberIndexOf(*program.channel, *member);
      }
      cap.count = item.count;
      if (item.per) {
        if (std::optional<int64_t> seconds = ConstantSeconds(*item.per)) {
          cap.period = *seconds;
        } else {
          NotConstant(sink, *item.per, "a cap's period", "a duration such as `7d`");
          break;
        }
      }
      policy.caps.push_back(cap);
      break;
    }
    case ast::PolicyItemKind::SmsLimit: policy.sms_limit_segments = item.count; break;
  }
}

}  // namespace

void LowerCouponPools(const SemanticModel& model, ir::Program& program, DiagnosticSink& sink) {
  // Every pool first: a fallback may name a pool declared after it.
  const auto& pools = model.Declarations(SymbolKind::Coupon);
  for (const Symbol* symbol : pools) {
    ir::CouponPool pool;
    pool.name = symbol->name;
    pool.symbol = symbol;
    program.coupons.push_back(std::move(pool));
  }
  for (ir::CouponPool& pool : program.coupons) {
    if (pool.symbol->decl == nullptr) continue;
    for (const ast::CouponItem& item : pool.symbol->decl->As<ast::CouponDecl>().items) {
      LowerCouponItem(item, model, program, pool, sink);
    }
  }
}

ir::Policy LowerPolicy(const SemanticModel& model, const ir::Program& program, DiagnosticSink& sink) {
  ir::Policy policy;
  for (const Symbol* symbol : model.Declarations(SymbolKind::Policy)) {
    if (symbol->decl == nullptr) continue;
    for (const ast::PolicyItem& item : symbol->decl->As<ast::PolicyDecl>().items) {
      LowerPolicyItem(item, program, policy, sink);
    }
  }
  return policy;
}

}  // namespace kairos::ir_internal
