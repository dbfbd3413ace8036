#include "compiler/ir/graph_lowerer.h"

#include "compiler/check/constant.h"

namespace kairos::ir_internal {
namespace {

const ast::Expr& Bare(const ast::Expr& expr) {
  const ast::Expr* e = &expr;
  while (e->kind == ast::ExprKind::Paren && e->As<ast::ParenExpr>().inner) {
    e = e->As<ast::ParenExpr>().inner.get();
  }
  return *e;
}

// Every `issue coupon P` inside `expr`, message placeholders included, in
// source order.
void CollectIssues(const ast::Expr& expr, const SemanticModel& model, std::vector<const ast::Expr*>& out) {
  switch (expr.kind) {
    case ast::ExprKind::Paren:
      if (const auto& inner = expr.As<ast::ParenExpr>().inner) CollectIssues(*inner, model, out);
      return;
    case ast::ExprKind::Member:
      if (const auto& object = expr.As<ast::MemberExpr>().object) CollectIssues(*object, model, out);
      return;
    case ast::ExprKind::Call:
      for (const ast::CallArg& arg : expr.As<ast::CallExpr>().args) {
        if (arg.value) CollectIssues(*arg.value, model, out);
        if (arg.where) CollectIssues(*arg.where, model, out);
        if (arg.window && arg.window->first) CollectIssues(*arg.window->first, model, out);
        if (arg.window && arg.window->second) CollectIssues(*arg.window->second, model, out);
      }
      return;
    case ast::ExprKind::Unary:
      if (const auto& operand = expr.As<ast::UnaryExpr>().operand) CollectIssues(*operand, model, out);
      return;
    case ast::ExprKind::Binary: {
      const auto& binary = expr.As<ast::BinaryExpr>();
      if (binary.lhs) CollectIssues(*binary.lhs, model, out);
      if (binary.rhs) CollectIssues(*binary.rhs, model, out);
      return;
    }
    case ast::ExprKind::List:
      for (const ast::ExprPtr& element : expr.As<ast::ListExpr>().elements) {
        if (element) CollectIssues(*element, model, out);
      }
      return;
    case ast::ExprKind::Record:
      for (const ast::RecordField& field : expr.As<ast::RecordExpr>().fields) {
        if (field.value) CollectIssues(*field.value, model, out);
      }
      return;
    case ast::ExprKind::IssueCoupon:
      out.push_back(&expr);
      return;
    case ast::ExprKind::Literal:
      if (const ParsedTemplate* parsed = model.TemplateOf(expr.As<ast::LiteralExpr>())) {
        for (const TemplatePart& part : parsed->parts) {
          if (part.is_placeholder && part.expr) CollectIssues(*part.expr, model, out);
        }
      }
      return;
    case ast::ExprKind::Name:
      return;
  }
}

// The expressions of a step whose values it uses (not its conditions, which
// must not act).
std::vector<const ast::Expr*> ValueExpressions(const ast::Stmt& step) {
  std::vector<const ast::Expr*> values;
  auto add = [&](const ast::Expr* expr) {
    if (expr != nullptr) values.push_back(expr);
  };
  switch (step.kind) {
    case ast::StmtKind::Wait: add(step.As<ast::WaitStmt>().duration.get()); break;
    case ast::StmtKind::WaitUntil: {
      const auto& wait = step.As<ast::WaitUntilStmt>();
      add(wait.target.get());  // an instant may use a coupon's `expires_at`
      if (wait.window) add(wait.window->first.get());
      break;
    }
    case ast::StmtKind::Send: {
      const auto& send = step.As<ast::SendStmt>();
      add(send.message.get());
      add(send.data.get());
      break;
    }
    case ast::StmtKind::Let: {
      const auto& let = step.As<ast::LetStmt>();
      // `let c = issue coupon P` issues into the let's own slot.
      if (let.value && Bare(*let.value).kind != ast::ExprKind::IssueCoupon) add(let.value.get());
      break;
    }
    case ast::StmtKind::Tag: add(step.As<ast::TagStmt>().tag.get()); break;
    case ast::StmtKind::Set: add(step.As<ast::SetStmt>().value.get()); break;
    case ast::StmtKind::Notify: {
      const auto& notify = step.As<ast::NotifyStmt>();
      add(notify.recipient.get());
      add(notify.message.get());
      break;
    }
    case ast::StmtKind::Score: add(step.As<ast::ScoreStmt>().delta.get()); break;
    case ast::StmtKind::Emit: add(step.As<ast::EmitStmt>().fields.get()); break;
    default: break;
  }
  return values;
}

void SetSuccessor(ir::Step& step, uint32_t which, ir::StepId target) {
  std::visit(
      [&](auto& body) {
        using T = std::decay_t<decltype(body)>;
        if constexpr (std::is_same_v<T, ir::WaitUntilStep>) {
          (which < body.arms.size() ? body.arms[which].next : body.timeout_next) = target;
        } else if constexpr (std::is_same_v<T, ir::BranchStep>) {
          (which < body.arms.size() ? body.arms[which].next : body.else_next) = target;
        } else if constexpr (std::is_same_v<T, ir::SplitStep>) {
          body.arms[which].next = target;
        } else if constexpr (!std::is_same_v<T, ir::ExitStep>) {
          body.next = target;
        }
      },
      step.body);
}

bool IsMessageEvent(const Symbol& event) { return event.name.rfind("message_", 0) == 0; }

}  // namespace

uint32_t MemberIndexOf(const Symbol& owner, const Symbol& member) {
  for (size_t i = 0; i < owner.members.size(); ++i) {
    if (owner.members[i] == &member) return static_cast<uint32_t>(i);
  }
  return 0;
}

uint32_t PoolIndex(const ir::Program& program, const Symbol* pool) {
  for (size_t i = 0; i < program.coupons.size(); ++i) {
    if (program.coupons[i].symbol == pool) return static_cast<uint32_t>(i);
  }
  return ir::kNoIndex;
}

ir::Quantity LowerQuantity(ExprLowerer& exprs, const ast::Expr& expr, const FunctionPlace& place) {
  ir::Quantity quantity;
  const ast::Expr& bare = Bare(expr);
  if (std::optional<int64_t> seconds = ConstantSeconds(expr)) {
    quantity.value = *seconds;
  } else if (bare.kind == ast::ExprKind::Literal && bare.As<ast::LiteralExpr>().literal == ast::LiteralKind::Percent) {
    quantity.value = bare.As<ast::LiteralExpr>().scaled_value;
  } else {
    quantity.computed = exprs.LowerFunction(expr, place);
  }
  return quantity;
}

ir::EmitAction LowerEmitFields(ExprLowerer& exprs, const SemanticModel& model, const ir::Program& program,
                               const ast::Ident& event, const ast::RecordExpr* fields, const std::string& prefix,
                               const GraphScope* graph) {
  ir::EmitAction emit;
  const Symbol* symbol = model.schema().FindEvent(event.name);
  emit.event = static_cast<uint32_t>(program.EventIndex(symbol));
  if (fields == nullptr || symbol == nullptr) return emit;
  for (const ast::RecordField& field : fields->fields) {
    const Symbol* member = symbol->FindMember(field.name.name);
    if (member == nullptr || !field.value) continue;
    FunctionPlace place{prefix + field.name.name, "field `" + field.name.name + "` of `emit`", graph};
    emit.fields.push_back({MemberIndexOf(*symbol, *member), exprs.LowerFunction(*field.value, place)});
  }
  return emit;
}

GraphLowerer::GraphLowerer(ExprLowerer& exprs, const SemanticModel& model, ir::Program& program,
                           ir::StepGraph& graph, std::string prefix, bool has_entered)
    : exprs_(exprs), model_(model), program_(program), graph_(graph), prefix_(std::move(prefix)) {
  scope_.slots = &graph_.slots;
  scope_.has_entered = has_entered;
  if (has_entered) AddSlot("entered", Type::Timestamp(), ir::SlotKind::Entered);
}

uint32_t GraphLowerer::AddSlot(std::string name, Type type, ir::SlotKind kind) {
  graph_.slots.push_back({std::move(name), std::move(type), kind});
  return static_cast<uint32_t>(graph_.slots.size() - 1);
}

ir::Call GraphLowerer::Function(const ast::Expr& expr, const std::string& place, const std::string& what,
                                const Symbol* candidate, uint32_t candidate_slot) {
  FunctionPlace function{prefix_ + place, what, &scope_, candidate, candidate_slot};
  return exprs_.LowerFunction(expr, function);
}

ir::Call GraphLowerer::EventCondition(const Symbol& event, const ast::Window* window, const std::string& place,
                                      const std::string& what) {
  FunctionPlace function{prefix_ + place, what, &scope_};
  return exprs_.LowerEventCondition(event, window, function);
}

ir::Quantity GraphLowerer::Quantity(const ast::Expr& expr, const std::string& place, const std::string& what) {
  FunctionPlace function{prefix_ + place, what, &scope_};
  return LowerQuantity(exprs_, expr, function);
}

ir::StepId GraphLowerer::AddStep(ir::StepBody body, SourceRange range) {
  graph_.steps.push_back({std::move(body), range});
  return static_cast<ir::StepId>(graph_.steps.size() - 1);
}

void GraphLowerer::Link(const Pending& pending, ir::StepId target) {
  for (const auto& [step, which] : pending) SetSuccessor(graph_.steps[step], which, target);
}

void GraphLowerer::LowerSteps(const std::vector<const ast::Stmt*>& steps, SourceRange range) {
  Pending pending = {{AddStep(ir::TriggerStep{}, range), 0}};
  for (const ast::Stmt* step : steps) pending = LowerStep(*step, std::move(pending));
  Link(pending, AddStep(ir::ExitStep{}, SourceRange{}));
}

GraphLowerer::Pending GraphLowerer::LowerBlock(const std::vector<ast::StmtPtr>& steps, Pending pending) {
  for (const ast::StmtPtr& step : steps) {
    if (step) pending = LowerStep(*step, std::move(pending));
  }
  return pending;
}

GraphLowerer::Pending GraphLowerer::HoistIssues(const ast::Stmt& step, Pending pending) {
  std::vector<const ast::Expr*> issues;
  for (const ast::Expr* value : ValueExpressions(step)) CollectIssues(*value, model_, issues);
  for (const ast::Expr* issue : issues) {
    const Symbol* pool = model_.SymbolOf(*issue);
    const uint32_t slot = AddSlot(pool != nullptr ? pool->name : "coupon", Type::Coupon(), ir::SlotKind::Coupon);
    scope_.issued[issue] = slot;
    ir::StepId id = AddStep(ir::ActionStep{ir::IssueAction{PoolIndex(program_, pool), slot}}, issue->range);
    Link(pending, id);
    pending = {{id, 0}};
  }
  return pending;
}

GraphLowerer::Pending GraphLowerer::LowerStep(const ast::Stmt& step, Pending pending) {
  pending = HoistIssues(step, std::move(pending));
  switch (step.kind) {
    case ast::StmtKind::Wait: return LowerWait(step.As<ast::WaitStmt>(), std::move(pending));
    case ast::StmtKind::WaitUntil: return LowerWaitUntil(step.As<ast::WaitUntilStmt>(), std::move(pending));
    case ast::StmtKind::If: return LowerIf(step.As<ast::IfStmt>(), std::move(pending));
    case ast::StmtKind::Split: return LowerSplit(step.As<ast::SplitStmt>(), std::move(pending));
    case ast::StmtKind::Exit: {
      Link(pending, AddStep(ir::ExitStep{true}, step.range));
      return {};
    }
    case ast::StmtKind::Send:
    case ast::StmtKind::Let:
    case ast::StmtKind::Issue:
    case ast::StmtKind::Tag:
    case ast::StmtKind::Set:
    case ast::StmtKind::Notify:
    case ast::StmtKind::Score:
    case ast::StmtKind::Emit: {
      // The step's number names its functions, so it is taken before they are made.
      ir::StepId id = AddStep(ir::ActionStep{}, step.range);
      ir::Action action = LowerAction(step, id);
      std::get<ir::ActionStep>(graph_.steps[id].body).action = std::move(action);
      Link(pending, id);
      return {{id, 0}};
    }
    default:
      // Clauses (trigger, when, audience, ...) belong to their declaration.
      return pending;
  }
}

GraphLowerer::Pending GraphLowerer::LowerWait(const ast::WaitStmt& wait, Pending pending) {
  ir::StepId id = AddStep(ir::WaitStep{}, wait.range);
  ir::WaitStep body;
  if (wait.duration) body.duration = Quantity(*wait.duration, StepPlace(id) + ".duration", "`wait`");
  std::get<ir::WaitStep>(graph_.steps[id].body) = std::move(body);
  Link(pending, id);
  return {{id, 0}};
}

GraphLowerer::Pending GraphLowerer::LowerWaitUntil(const ast::WaitUntilStmt& wait, Pending pending) {
  ir::StepId id = AddStep(ir::WaitStep{}, wait.range);
  Link(pending, id);
  const std::string place = StepPlace(id);
  const ast::Expr& target = Bare(*wait.target);
  const Symbol* event = target.kind == ast::ExprKind::Name ? model_.SymbolOf(target) : nullptr;
  if (event == nullptr || event->kind != SymbolKind::Event) {
    // A clock time or an instant.
    ir::WaitStep body;
    const Type* type = model_.TypeOf(*wait.target);
    body.kind = type != nullptr && type->is(TypeKind::Time) ? ir::WaitKind::UntilTime : ir::WaitKind::UntilInstant;
    body.until = Function(*wait.target, place + ".until", "`wait until`");
    std::get<ir::WaitStep>(graph_.steps[id].body) = std::move(body);
    return {{id, 0}};
  }

  ir::WaitUntilStep body;
  ir::WaitArm arm;
  arm.event = static_cast<uint32_t>(program_.EventIndex(event));
  arm.slot = AddSlot(event->name, Type::Record(event), ir::SlotKind::Awaited);
  if (wait.where) {
    arm.where = Function(*wait.where, place + ".where", "the `where` of `wait until`", event, arm.slot);
  }
  arm.own_messages = IsMessageEvent(*event) && !wait.where;
  body.arms.push_back(std::move(arm));
  if (wait.window && wait.window->first) {
    body.has_timeout = true;
    body.timeout = Quantity(*wait.window->first, place + ".within", "`within`");
  }
  graph_.steps[id].body = std::move(body);

  // Arms without a block go on after the wait, as does the end of each block.
  const auto timeout = static_cast<uint32_t>(std::get<ir::WaitUntilStep>(graph_.steps[id].body).arms.size());
  Pending after;
  bool event_arm = false, timeout_arm = false;
  for (const ast::WaitArm& written : wait.arms) {
    const uint32_t which = written.is_timeout ? timeout : 0;
    (written.is_timeout ? timeout_arm : event_arm) = true;
    Pending ends = LowerBlock(written.body.steps, {{id, which}});
    after.insert(after.end(), ends.begin(), ends.end());
  }
  if (!event_arm) after.push_back({id, 0});
  if (!timeout_arm) after.push_back({id, timeout});
  return after;
}

GraphLowerer::Pending GraphLowerer::LowerIf(const ast::IfStmt& stmt, Pending pending) {
  ir::StepId id = AddStep(ir::BranchStep{}, stmt.range);
  Link(pending, id);
  ir::BranchStep body;
  for (size_t i = 0; i < stmt.branches.size(); ++i) {
    const ast::IfBranch& branch = stmt.branches[i];
    const std::string place = StepPlace(id) + (i == 0 ? ".if" : ".else if " + std::to_string(i));
    ir::BranchArm arm;
    if (branch.condition) arm.condition = Function(*branch.condition, place, i == 0 ? "`if`" : "`else if`");
    body.arms.push_back(std::move(arm));
  }
  graph_.steps[id].body = std::move(body);
  Pending after;
  for (size_t i = 0; i < stmt.branches.size(); ++i) {
    Pending ends = LowerBlock(stmt.branches[i].body.steps, {{id, static_cast<uint32_t>(i)}});
    after.insert(after.end(), ends.begin(), ends.end());
  }
  const auto else_which = static_cast<uint32_t>(stmt.branches.size());
  Pending ends = stmt.else_body ? LowerBlock(stmt.else_body->steps, {{id, else_which}})
                                : Pending{{id, else_which}};
  after.insert(after.end(), ends.begin(), ends.end());
  return after;
}

GraphLowerer::Pending GraphLowerer::LowerSplit(const ast::SplitStmt& split, Pending pending) {
  ir::SplitStep body;
  for (const ast::SplitArm& written : split.arms) {
    ir::SplitArm arm;
    if (written.percent && Bare(*written.percent).kind == ast::ExprKind::Literal) {
      arm.percent = Bare(*written.percent).As<ast::LiteralExpr>().scaled_value;
    }
    body.arms.push_back(arm);
  }
  ir::StepId id = AddStep(std::move(body), split.range);
  Link(pending, id);
  Pending after;
  for (size_t i = 0; i < split.arms.size(); ++i) {
    Pending ends = LowerBlock(split.arms[i].body.steps, {{id, static_cast<uint32_t>(i)}});
    after.insert(after.end(), ends.begin(), ends.end());
  }
  return after;
}

ir::Action GraphLowerer::LowerAction(const ast::Stmt& step, ir::StepId id) {
  const std::string place = StepPlace(id);
  switch (step.kind) {
    case ast::StmtKind::Send: return LowerSend(step.As<ast::SendStmt>(), place);
    case ast::StmtKind::Let: {
      const auto& let = step.As<ast::LetStmt>();
      const Symbol* symbol = model_.SymbolOf(let.name);
      const Type* type = let.value ? model_.TypeOf(*let.value) : nullptr;
      const uint32_t slot = AddSlot(let.name.name, type != nullptr ? *type : Type::Error(), ir::SlotKind::Let);
      if (symbol != nullptr) Bind(symbol, slot);
      if (let.value && Bare(*let.value).kind == ast::ExprKind::IssueCoupon) {
        return ir::IssueAction{PoolIndex(program_, model_.SymbolOf(Bare(*let.value))), slot};
      }
      ir::LetAction action{slot, {}};
      if (let.value) action.value = Function(*let.value, place + "." + let.name.name, "`let`");
      return action;
    }
    case ast::StmtKind::Issue:
      return ir::IssueAction{PoolIndex(program_, model_.SymbolOf(step.As<ast::IssueStmt>().pool)), ir::kNoIndex};
    case ast::StmtKind::Tag: {
      const auto& tag = step.As<ast::TagStmt>();
      ir::TagAction action{tag.untag, {}};
      if (tag.tag) action.tag = Function(*tag.tag, place + ".tag", tag.untag ? "`untag`" : "`tag`");
      return action;
    }
    case ast::StmtKind::Set: {
      const auto& set = step.As<ast::SetStmt>();
      ir::SetAction action;
      // `contact.a.b`: the fields from the contact outwards.
      for (const ast::Expr* e = set.target ? &Bare(*set.target) : nullptr;
           e != nullptr && e->kind == ast::ExprKind::Member;) {
        const auto& member = e->As<ast::MemberExpr>();
        if (const Symbol* field = model_.SymbolOf(member); field != nullptr && field->owner != nullptr) {
          action.path.insert(action.path.begin(), MemberIndexOf(*field->owner, *field));
        }
        e = member.object ? &Bare(*member.object) : nullptr;
      }
      if (set.value) action.value = Function(*set.value, place + ".value", "`set`");
      return action;
    }
    case ast::StmtKind::Notify: {
      const auto& notify = step.As<ast::NotifyStmt>();
      ir::NotifyAction action;
      if (notify.recipient) action.recipient = Function(*notify.recipient, place + ".to", "`notify`");
      if (notify.message) {
        const ast::Expr& message = Bare(*notify.message);
        if (message.kind == ast::ExprKind::Literal &&
            message.As<ast::LiteralExpr>().literal == ast::LiteralKind::String) {
          action.text = LowerText(message.As<ast::LiteralExpr>(), place, "`notify`");
        } else {
          action.text.push_back({"", Function(*notify.message, place + ".text", "`notify`")});
        }
      }
      return action;
    }
    case ast::StmtKind::Score: {
      const auto& score = step.As<ast::ScoreStmt>();
      ir::ScoreAction action;
      if (score.delta) action.delta = Function(*score.delta, place + ".score", "`score`");
      return action;
    }
    default: break;
  }
  // The last kind of action: `emit`.
  const auto& emit = step.As<ast::EmitStmt>();
  return LowerEmitFields(exprs_, model_, program_, emit.event, emit.fields.get(), prefix_ + place + ".", &scope_);
}

ir::SendAction GraphLowerer::LowerSend(const ast::SendStmt& send, const std::string& place) {
  ir::SendAction action;
  action.channel_name = send.channel.name;
  if (const Symbol* channel = model_.SymbolOf(send.channel); channel != nullptr && channel->owner != nullptr) {
    action.channel = MemberIndexOf(*channel->owner, *channel);
  }
  action.provider_template = send.provider_template;
  const bool has_body = send.channel.name == "sms" || (send.channel.name == "whatsapp" && !send.provider_template);
  if (send.message) {
    if (has_body) {
      action.body = LowerText(*send.message, place, "the message");
    } else {
      action.template_name = send.message->string_value;
    }
  }
  if (send.data) {
    for (const ast::RecordField& field : send.data->fields) {
      if (!field.value) continue;
      action.data.push_back({field.name.name, Function(*field.value, place + "." + field.name.name,
                                                       "field `" + field.name.name + "` of `send`")});
    }
  }
  return action;
}

std::vector<ir::TextPart> GraphLowerer::LowerText(const ast::LiteralExpr& literal, const std::string& place,
                                                  const std::string& what) {
  std::vector<ir::TextPart> parts;
  const ParsedTemplate* parsed = model_.TemplateOf(literal);
  if (parsed == nullptr) {
    parts.push_back({literal.string_value, {}});
    return parts;
  }
  int placeholder = 0;
  for (const TemplatePart& part : parsed->parts) {
    if (!part.is_placeholder) {
      parts.push_back({part.text, {}});
    } else if (part.expr) {
      const std::string name = place + ".text " + std::to_string(++placeholder);
      parts.push_back({"", Function(*part.expr, name, "a placeholder of " + what)});
    }
  }
  return parts;
}

}  // namespace kairos::ir_internal
