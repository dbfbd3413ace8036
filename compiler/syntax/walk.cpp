#include "compiler/syntax/walk.h"

namespace kairos::ast {

namespace {

class Walker {
 public:
  explicit Walker(const std::function<void(const Expr&)>& visit) : visit_(visit) {}

  void Walk(const Expr* root) {
    if (!root) return;
    std::vector<const Expr*> stack = {root};
    while (!stack.empty()) {
      const Expr* expr = stack.back();
      stack.pop_back();
      visit_(*expr);
      // Children pushed in reverse so they are visited in source order.
      std::vector<const Expr*> children;
      Children(*expr, children);
      for (auto it = children.rbegin(); it != children.rend(); ++it) {
        if (*it) stack.push_back(*it);
      }
    }
  }

  void Walk(const std::optional<Window>& window) {
    if (!window) return;
    Walk(window->first.get());
    Walk(window->second.get());
  }

  void Walk(const Block& block) {
    for (const StmtPtr& step : block.steps) Walk(*step);
  }

  void Walk(const std::vector<FieldDecl>& fields) {
    for (const FieldDecl& field : fields) {
      Walk(field.default_value.get());
      if (field.type) Walk(field.type->fields);
    }
  }

  void Walk(const Stmt& stmt) {
    switch (stmt.kind) {
      case StmtKind::Trigger: {
        const auto& trigger = stmt.As<TriggerStmt>();
        Walk(trigger.segment.get());
        Walk(trigger.time.get());
        Walk(trigger.interval.get());
        Walk(trigger.where.get());
        break;
      }
      case StmtKind::When:
        Walk(stmt.As<WhenStmt>().condition.get());
        break;
      case StmtKind::Reentry:
        Walk(stmt.As<ReentryStmt>().after.get());
        break;
      case StmtKind::ExitWhen:
      case StmtKind::Goal: {
        const auto& condition = stmt.As<ConditionStmt>();
        Walk(condition.condition.get());
        Walk(condition.window);
        break;
      }
      case StmtKind::Wait:
        Walk(stmt.As<WaitStmt>().duration.get());
        break;
      case StmtKind::WaitUntil: {
        const auto& wait = stmt.As<WaitUntilStmt>();
        Walk(wait.target.get());
        Walk(wait.where.get());
        Walk(wait.window);
        for (const WaitArm& arm : wait.arms) Walk(arm.body);
        break;
      }
      case StmtKind::If: {
        const auto& branch = stmt.As<IfStmt>();
        for (const IfBranch& b : branch.branches) {
          Walk(b.condition.get());
          Walk(b.body);
        }
        if (branch.else_body) Walk(*branch.else_body);
        break;
      }
      case StmtKind::Split:
        for (const SplitArm& arm : stmt.As<SplitStmt>().arms) {
          Walk(arm.percent.get());
          Walk(arm.body);
        }
        break;
      case StmtKind::Send: {
        const auto& send = stmt.As<SendStmt>();
        Walk(send.message.get());
        Walk(send.data.get());
        break;
      }
      case StmtKind::Let:
        Walk(stmt.As<LetStmt>().value.get());
        break;
      case StmtKind::Tag:
        Walk(stmt.As<TagStmt>().tag.get());
        break;
      case StmtKind::Set:
        Walk(stmt.As<SetStmt>().target.get());
        Walk(stmt.As<SetStmt>().value.get());
        break;
      case StmtKind::Notify:
        Walk(stmt.As<NotifyStmt>().recipient.get());
        Walk(stmt.As<NotifyStmt>().message.get());
        break;
      case StmtKind::Score:
        Walk(stmt.As<ScoreStmt>().delta.get());
        break;
      case StmtKind::Emit:
        Walk(stmt.As<EmitStmt>().fields.get());
        break;
      case StmtKind::Audience:
      case StmtKind::At:
        Walk(stmt.As<ExprItemStmt>().value.get());
        break;
      case StmtKind::Attribution:
        for (const AttributionRule& rule : stmt.As<AttributionStmt>().rules) Walk(rule.window.get());
        break;
      case StmtKind::Issue:
      case StmtKind::Exit:
        break;
    }
  }

  void Walk(const Decl& decl) {
    switch (decl.kind) {
      case DeclKind::Schema:
        for (const SchemaItem& item : decl.As<SchemaDecl>().items) Walk(item.fields);
        break;
      case DeclKind::Segment:
        Walk(decl.As<SegmentDecl>().body.get());
        break;
      case DeclKind::Builtin:
        break;
      case DeclKind::Journey:
        for (const StmtPtr& item : decl.As<JourneyDecl>().items) Walk(*item);
        break;
      case DeclKind::Campaign:
        for (const StmtPtr& item : decl.As<CampaignDecl>().items) Walk(*item);
        break;
      case DeclKind::Coupon:
        for (const CouponItem& item : decl.As<CouponDecl>().items) {
          Walk(item.value.get());
          Walk(item.second.get());
          Walk(item.text.get());
        }
        break;
      case DeclKind::Popup:
        for (const PopupItem& item : decl.As<PopupDecl>().items) {
          Walk(item.audience.get());
          for (const PopupTrigger& trigger : item.triggers) Walk(trigger.value.get());
          Walk(item.record.get());
        }
        break;
      case DeclKind::Policy:
        for (const PolicyItem& item : decl.As<PolicyDecl>().items) {
          Walk(item.from.get());
          Walk(item.to.get());
          Walk(item.per.get());
        }
        break;
    }
  }

 private:
  static void Children(const Expr& expr, std::vector<const Expr*>& out) {
    switch (expr.kind) {
      case ExprKind::Member:
        out.push_back(expr.As<MemberExpr>().object.get());
        break;
      case ExprKind::Call: {
        const auto& call = expr.As<CallExpr>();
        out.push_back(call.callee.get());
        for (const CallArg& arg : call.args) {
          out.push_back(arg.value.get());
          out.push_back(arg.where.get());
          if (arg.window) {
            out.push_back(arg.window->first.get());
            out.push_back(arg.window->second.get());
          }
        }
        break;
      }
      case ExprKind::Unary:
        out.push_back(expr.As<UnaryExpr>().operand.get());
        break;
      case ExprKind::Binary:
        out.push_back(expr.As<BinaryExpr>().lhs.get());
        out.push_back(expr.As<BinaryExpr>().rhs.get());
        break;
      case ExprKind::Paren:
        out.push_back(expr.As<ParenExpr>().inner.get());
        break;
      case ExprKind::List:
        for (const ExprPtr& element : expr.As<ListExpr>().elements) out.push_back(element.get());
        break;
      case ExprKind::Record:
        for (const RecordField& field : expr.As<RecordExpr>().fields) out.push_back(field.value.get());
        break;
      case ExprKind::Literal:
      case ExprKind::Name:
      case ExprKind::IssueCoupon:
        break;
    }
  }

  const std::function<void(const Expr&)>& visit_;
};

}  // namespace

void ForEachExpr(const File& file, const std::function<void(const Expr&)>& visit) {
  Walker walker(visit);
  for (const DeclPtr& decl : file.decls) walker.Walk(*decl);
}

const Expr* InnermostExprAt(const File& file, uint32_t offset) {
  const Expr* best = nullptr;
  ForEachExpr(file, [&](const Expr& expr) {
    if (expr.range.begin <= offset && offset <= expr.range.end &&
        (!best || expr.range.end - expr.range.begin <= best->range.end - best->range.begin)) {
      best = &expr;
    }
  });
  return best;
}

}  // namespace kairos::ast
