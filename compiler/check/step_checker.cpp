// Steps: the dispatch over every kind, and the steps that act on the contact
// (let, issue, set, notify, emit).
#include "compiler/check/step_checker.h"

#include <map>

#include "compiler/base/suggest.h"

namespace kairos {

void StepChecker::CheckStep(const ast::Stmt& step, Scope& scope, Flow& flow) {
  if (flow.exited && !flow.reported) {
    ctx_.sink.Error(DiagnosticKind::UnreachableStep, step.range,
                    "this step can never run: an `exit` above it ends the journey; remove it or move "
                    "the `exit` below it.");
    flow.reported = true;
  }
  switch (step.kind) {
    case ast::StmtKind::Wait:
      CheckWait(step.As<ast::WaitStmt>(), scope);
      break;
    case ast::StmtKind::WaitUntil:
      CheckWaitUntil(step.As<ast::WaitUntilStmt>(), scope);
      break;
    case ast::StmtKind::If: {
      const auto& stmt = step.As<ast::IfStmt>();
      for (const ast::IfBranch& branch : stmt.branches) {
        if (branch.condition) exprs_.CheckCondition(*branch.condition, scope, "`if`");
        CheckBlock(branch.body, scope);
      }
      if (stmt.else_body) CheckBlock(*stmt.else_body, scope);
      break;
    }
    case ast::StmtKind::Split:
      CheckSplit(step.As<ast::SplitStmt>(), scope);
      break;
    case ast::StmtKind::Send:
      CheckSend(step.As<ast::SendStmt>(), scope);
      break;
    case ast::StmtKind::Let:
      CheckLet(step.As<ast::LetStmt>(), scope);
      break;
    case ast::StmtKind::Issue:
      CheckIssue(step.As<ast::IssueStmt>().pool);
      break;
    case ast::StmtKind::Tag: {
      const auto& tag = step.As<ast::TagStmt>();
      if (tag.tag) {
        exprs_.CheckValue(*tag.tag, scope, Type::String(),
                          tag.untag ? "`untag contact`" : "`tag contact`");
      }
      break;
    }
    case ast::StmtKind::Set:
      CheckSet(step.As<ast::SetStmt>(), scope);
      break;
    case ast::StmtKind::Notify:
      CheckNotify(step.As<ast::NotifyStmt>(), scope);
      break;
    case ast::StmtKind::Score: {
      const auto& score = step.As<ast::ScoreStmt>();
      if (score.delta) exprs_.CheckValue(*score.delta, scope, Type::Int(), "`score`");
      break;
    }
    case ast::StmtKind::Emit: {
      const auto& emit = step.As<ast::EmitStmt>();
      CheckEmit(emit.event, emit.fields.get(), scope);
      break;
    }
    case ast::StmtKind::Exit:
      flow.exited = true;
      break;
    default:
      // Clauses and campaign items are checked by their declaration.
      break;
  }
}

void StepChecker::CheckBlock(const ast::Block& block, const Scope& scope) {
  Scope inner(&scope);
  Flow flow;
  for (const ast::StmtPtr& step : block.steps) {
    if (step) CheckStep(*step, inner, flow);
  }
}

void StepChecker::CheckLet(const ast::LetStmt& let, Scope& scope) {
  Type t = let.value ? exprs_.Check(*let.value, scope) : Type::Error();
  if (t.is(TypeKind::Event)) {
    const std::string& event = t.symbol()->name;
    ctx_.sink.Error(DiagnosticKind::TypeMismatch, let.value->range,
                    Quoted(event) + " is an event type, not a value; take one event, such as `last(" +
                        event + ")`.");
    t = Type::Error();
  }
  if (const Symbol* previous = scope.Find(let.name.name);
      previous != nullptr && previous->kind == SymbolKind::Local) {
    ctx_.sink.Error(DiagnosticKind::DuplicateDeclaration, let.name.range,
                    Quoted(let.name.name) + " is already a name here; choose another name.",
                    {{previous->name_range, "declared here"}});
  }
  Symbol& symbol = ctx_.model.NewSymbol(SymbolKind::Local, let.name.name);
  symbol.type = std::move(t);
  symbol.name_range = let.name.range;
  symbol.decl_range = let.range;
  ctx_.model.AddReference(let.name.range, &symbol, /*is_definition=*/true);
  scope.Add(let.name.name, &symbol);
}

void StepChecker::CheckIssue(const ast::Ident& pool) {
  const Symbol* coupon = ctx_.FindCoupon(pool.name);
  if (coupon == nullptr) {
    ctx_.sink.Error(DiagnosticKind::UnknownCouponPool, pool.range,
                    "there is no coupon pool " + Quoted(pool.name) + "." +
                        DidYouMean(pool.name, ctx_.DeclarationNames(SymbolKind::Coupon)) +
                        " Declare it with `coupon " + pool.name + " { ... }`.");
    return;
  }
  ctx_.model.AddReference(pool.range, coupon);
}

void StepChecker::CheckSet(const ast::SetStmt& set, const Scope& scope) {
  if (!set.target) return;
  // The target is a path of fields rooted at `contact`.
  const ast::Expr* root = &Unparenthesized(*set.target);
  bool is_path = root->kind == ast::ExprKind::Member;
  while (root->kind == ast::ExprKind::Member) {
    const auto& member = root->As<ast::MemberExpr>();
    if (member.safe || !member.object) is_path = false;
    if (!member.object) break;
    root = &Unparenthesized(*member.object);
  }
  if (!is_path || root->kind != ast::ExprKind::Name || root->As<ast::NameExpr>().name != "contact") {
    ctx_.sink.Error(DiagnosticKind::TypeMismatch, set.target->range,
                    "`set` changes a field of the contact, such as `set contact.vip = true`; " +
                        CheckContext::Quote(*set.target) + " is not one.");
    if (set.value) exprs_.Check(*set.value, scope);
    return;
  }
  Type field_type = exprs_.Check(*set.target, scope);
  if (field_type.is_error()) {
    if (set.value) exprs_.CheckAgainstUnknown(*set.value, scope);
    return;
  }
  const Symbol* field = ctx_.model.SymbolOf(Unparenthesized(*set.target));
  if (field != nullptr && field->field != nullptr && field->field->is_key) {
    ctx_.sink.Error(DiagnosticKind::TypeMismatch, set.target->range,
                    Quoted(field->name) + " is the contact's key and cannot be changed.");
    return;
  }
  if (set.value) {
    exprs_.CheckValue(*set.value, scope, field_type,
                      "field " + Quoted(field != nullptr ? field->name : std::string("?")));
  }
}

void StepChecker::CheckNotify(const ast::NotifyStmt& notify, const Scope& scope) {
  if (notify.recipient) {
    exprs_.CheckValue(*notify.recipient, scope, Type::String(), "the recipient of `notify`");
  }
  if (!notify.message) return;
  const ast::Expr& message = Unparenthesized(*notify.message);
  if (message.kind == ast::ExprKind::Literal &&
      message.As<ast::LiteralExpr>().literal == ast::LiteralKind::String) {
    ctx_.model.SetType(*notify.message, Type::String());
    CheckMessageTemplate(message.As<ast::LiteralExpr>(), scope, /*is_sms=*/false);
    return;
  }
  exprs_.CheckValue(*notify.message, scope, Type::String(), "the text of `notify`");
}

void StepChecker::CheckEmit(const ast::Ident& event_name, const ast::RecordExpr* fields,
                            const Scope& scope) {
  const Symbol* event = ctx_.model.schema().FindEvent(event_name.name);
  if (event == nullptr) {
    ctx_.sink.Error(DiagnosticKind::UnknownEvent, event_name.range,
                    "unknown event " + Quoted(event_name.name) + "." +
                        DidYouMean(event_name.name, ctx_.model.schema().EventNames()) +
                        " `emit` records an event of the schema.");
    if (fields != nullptr) {
      for (const ast::RecordField& field : fields->fields) {
        if (field.value) exprs_.CheckAgainstUnknown(*field.value, scope);
      }
    }
    return;
  }
  ctx_.model.AddReference(event_name.range, event);

  std::map<std::string, const ast::RecordField*> given;
  if (fields != nullptr) {
    for (const ast::RecordField& field : fields->fields) {
      if (auto [it, inserted] = given.emplace(field.name.name, &field); !inserted) {
        ctx_.sink.Error(DiagnosticKind::DuplicateField, field.name.range,
                        "`emit` sets " + Quoted(field.name.name) + " twice; keep one.",
                        {{it->second->name.range, "first set here"}});
        continue;
      }
      const Symbol* member = event->FindMember(field.name.name);
      if (member == nullptr) {
        ctx_.sink.Error(DiagnosticKind::UnknownField, field.name.range,
                        "event " + Quoted(event->name) + " has no field " + Quoted(field.name.name) +
                            "." + FieldSuggestion(field.name.name, event->MemberNames()));
        if (field.value) exprs_.CheckAgainstUnknown(*field.value, scope);
        continue;
      }
      ctx_.model.AddReference(field.name.range, member);
      if (field.value) {
        exprs_.CheckValue(*field.value, scope, member->type,
                          "field " + Quoted(member->name) + " of " + Quoted(event->name));
      }
    }
  }
  // `at` and `contact` are filled in by the runtime.
  std::string missing;
  for (const Symbol* member : event->members) {
    if (!member->name_range.valid() || given.count(member->name) != 0) continue;
    if (member->type.is_optional()) continue;
    if (member->field != nullptr && member->field->default_value) continue;
    missing += (missing.empty() ? "" : ", ") + Quoted(member->name) + " (" + member->type.ToString() + ")";
  }
  if (!missing.empty()) {
    ctx_.sink.Error(DiagnosticKind::TypeMismatch, event_name.range,
                    "`emit " + event->name + "` must set " + missing + "; every " + event->name +
                        " has it.");
  }
}

}  // namespace kairos
