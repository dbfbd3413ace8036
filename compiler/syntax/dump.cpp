// `kairos compile --emit ast`. Each line: indentation (two spaces a level,
// up to 60 levels; deeper lines start with `[level]`), what the node is, its
// details, then its range as line:col-line:col (the end is exclusive).
// Expressions are walked with an explicit stack: a chain such as
// `a + a + ... ` may be 100,000 levels deep.
#include "compiler/syntax/dump.h"

#include <string>

namespace kairos {

namespace {

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

const char* WindowText(ast::WindowKind kind) {
  switch (kind) {
    case ast::WindowKind::Within: return "within";
    case ast::WindowKind::Since: return "since";
    case ast::WindowKind::Between: return "between";
  }
  return "?";
}

std::string Pad2(int64_t value) { return (value < 10 ? "0" : "") + std::to_string(value); }

std::string LiteralText(const ast::LiteralExpr& literal) {
  switch (literal.literal) {
    case ast::LiteralKind::Int:
      return "int " + std::to_string(literal.int_value);
    case ast::LiteralKind::Decimal:
      return "decimal " + literal.text + " (scaled " + std::to_string(literal.scaled_value) + ")";
    case ast::LiteralKind::Money:
      return "money " + literal.text + " (" + literal.currency + ", scaled " +
             std::to_string(literal.scaled_value) + ")";
    case ast::LiteralKind::Percent:
      return "percent " + literal.text + " (scaled " + std::to_string(literal.scaled_value) + ")";
    case ast::LiteralKind::Duration:
      return "duration " + literal.text + " (" + std::to_string(literal.seconds) + "s)";
    case ast::LiteralKind::Date:
      return "date " + std::to_string(literal.year) + "-" + Pad2(literal.month) + "-" + Pad2(literal.day);
    case ast::LiteralKind::DateTime:
      return "datetime " + std::to_string(literal.year) + "-" + Pad2(literal.month) + "-" +
             Pad2(literal.day) + " +" + std::to_string(literal.seconds) + "s";
    case ast::LiteralKind::Time:
      return "time " + literal.text + " (" + std::to_string(literal.seconds) + "s)";
    case ast::LiteralKind::Timestamp:
      return "timestamp " + literal.text + " (epoch " + std::to_string(literal.seconds) + ")";
    case ast::LiteralKind::String:
      return "string " + Quote(literal.string_value);
    case ast::LiteralKind::Bool:
      return literal.bool_value ? "bool true" : "bool false";
    case ast::LiteralKind::Null:
      return "null";
  }
  return "literal";
}

// Line and column of every byte offset of one file, computed in one pass:
// SourceFile::Locate counts from the start of the line each time, which is
// quadratic over a chain written on one very long line.
class Positions {
 public:
  explicit Positions(const SourceFile* file) : file_(file) {
    if (file == nullptr) return;
    const std::string& text = file->text();
    lines_.reserve(text.size() + 1);
    columns_.reserve(text.size() + 1);
    uint32_t line = 1, column = 1;
    for (char c : text) {
      lines_.push_back(line);
      columns_.push_back(column);
      if (c == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
        ++column;  // continuation bytes belong to the code point before
      }
    }
    lines_.push_back(line);
    columns_.push_back(column);
  }

  LineColumn Locate(const SourceFile* file, uint32_t offset) const {
    if (file != file_ || offset >= lines_.size()) return file->Locate(offset);
    return {lines_[offset], columns_[offset]};
  }

 private:
  const SourceFile* file_;
  std::vector<uint32_t> lines_;
  std::vector<uint32_t> columns_;
};

class Dumper {
 public:
  Dumper(std::ostream& out, const ast::File& file) : out_(out), positions_(file.source) {}

  void File(const ast::File& file) {
    out_ << "file " << (file.source ? file.source->path() : std::string()) << '\n';
    for (const ast::DeclPtr& decl : file.decls) Decl(1, *decl);
    if (!file.comments.empty()) {
      Line(1, "comments", {});
      for (const ast::Comment& comment : file.comments) {
        Line(2, std::string(comment.is_doc ? "doc comment " : "comment ") + Quote(comment.text), comment.range);
      }
    }
  }

 private:
  void Line(int depth, const std::string& text, SourceRange range) {
    // Past a cap the indentation stops growing and the level is written out,
    // so a chain 100,000 deep does not print gigabytes of spaces.
    constexpr int kMaxIndent = 60;
    if (depth <= kMaxIndent) {
      out_ << std::string(depth * 2, ' ');
    } else {
      out_ << std::string(kMaxIndent * 2, ' ') << '[' << depth << "] ";
    }
    out_ << text;
    if (range.valid()) {
      LineColumn begin = positions_.Locate(range.file, range.begin);
      LineColumn end = positions_.Locate(range.file, range.end);
      out_ << ' ' << begin.line << ':' << begin.column << '-' << end.line << ':' << end.column;
    }
    out_ << '\n';
  }

  void Doc(int depth, const std::string& doc) {
    if (!doc.empty()) Line(depth, "doc " + Quote(doc), {});
  }

  // ---- declarations

  void Decl(int depth, const ast::Decl& decl) {
    switch (decl.kind) {
      case ast::DeclKind::Schema: {
        const auto& schema = decl.As<ast::SchemaDecl>();
        Line(depth, schema.is_extend ? "extend schema" : "schema " + schema.name.name, decl.range);
        Doc(depth + 1, decl.doc);
        for (const ast::SchemaItem& item : schema.items) SchemaItem(depth + 1, item);
        break;
      }
      case ast::DeclKind::Segment: {
        const auto& segment = decl.As<ast::SegmentDecl>();
        Line(depth, "segment " + segment.name.name, decl.range);
        Doc(depth + 1, decl.doc);
        if (segment.params) Params(depth + 1, *segment.params);
        Expr(depth + 1, *segment.body);
        break;
      }
      case ast::DeclKind::Builtin: {
        const auto& builtin = decl.As<ast::BuiltinDecl>();
        Line(depth, "builtin " + builtin.name.name, decl.range);
        Doc(depth + 1, decl.doc);
        Params(depth + 1, builtin.params);
        Line(depth + 1, "result", builtin.result->range);
        Type(depth + 2, *builtin.result);
        break;
      }
      case ast::DeclKind::Journey: {
        const auto& journey = decl.As<ast::JourneyDecl>();
        Line(depth, "journey " + journey.name.name, decl.range);
        Doc(depth + 1, decl.doc);
        for (const ast::StmtPtr& item : journey.items) Stmt(depth + 1, *item);
        break;
      }
      case ast::DeclKind::Campaign: {
        const auto& campaign = decl.As<ast::CampaignDecl>();
        Line(depth, "campaign " + campaign.name.name, decl.range);
        Doc(depth + 1, decl.doc);
        for (const ast::StmtPtr& item : campaign.items) Stmt(depth + 1, *item);
        break;
      }
      case ast::DeclKind::Coupon: {
        const auto& coupon = decl.As<ast::CouponDecl>();
        Line(depth, "coupon " + coupon.name.name, decl.range);
        Doc(depth + 1, decl.doc);
        for (const ast::CouponItem& item : coupon.items) CouponItem(depth + 1, item);
        break;
      }
      case ast::DeclKind::Popup: {
        const auto& popup = decl.As<ast::PopupDecl>();
        Line(depth, "popup " + popup.name.name, decl.range);
        Doc(depth + 1, decl.doc);
        for (const ast::PopupItem& item : popup.items) PopupItem(depth + 1, item);
        break;
      }
      case ast::DeclKind::Policy: {
        Line(depth, "policy", decl.range);
        Doc(depth + 1, decl.doc);
        for (const ast::PolicyItem& item : decl.As<ast::PolicyDecl>().items) PolicyItem(depth + 1, item);
        break;
      }
    }
  }

  void SchemaItem(int depth, const ast::SchemaItem& item) {
    switch (item.kind) {
      case ast::SchemaItemKind::Currency:
        Line(depth, "currency " + item.name.name, item.range);
        break;
      case ast::SchemaItemKind::Timezone:
        Line(depth, "timezone " + Quote(item.timezone), item.range);
        break;
      case ast::SchemaItemKind::Contact:
        Line(depth, "contact", item.range);
        break;
      case ast::SchemaItemKind::Product:
        Line(depth, "product", item.range);
        break;
      case ast::SchemaItemKind::Record:
        Line(depth, "record " + item.name.name, item.range);
        break;
      case ast::SchemaItemKind::Event:
        Line(depth, "event " + item.name.name, item.range);
        break;
    }
    Doc(depth + 1, item.doc);
    Fields(depth + 1, item.fields);
  }

  void Fields(int depth, const std::vector<ast::FieldDecl>& fields) {
    for (const ast::FieldDecl& field : fields) {
      Line(depth, "field " + field.name.name + (field.is_key ? " key" : ""), field.range);
      Doc(depth + 1, field.doc);
      Type(depth + 1, *field.type);
      if (field.default_value) {
        Line(depth + 1, "default", field.default_value->range);
        Expr(depth + 2, *field.default_value);
      }
    }
  }

  void Type(int depth, const ast::TypeExpr& type) {
    std::string optional = type.optional ? "?" : "";
    switch (type.kind) {
      case ast::TypeExprKind::Named:
        Line(depth, "type " + type.name.name + optional, type.range);
        break;
      case ast::TypeExprKind::Generic:
        Line(depth, "type " + type.name.name + "<>" + optional, type.range);
        Type(depth + 1, *type.element);
        break;
      case ast::TypeExprKind::Enum: {
        std::string members;
        for (const ast::Ident& member : type.enum_members) members += (members.empty() ? "" : ", ") + member.name;
        Line(depth, "type enum { " + members + " }" + optional, type.range);
        break;
      }
      case ast::TypeExprKind::Record:
        Line(depth, "type record" + optional, type.range);
        Fields(depth + 1, type.fields);
        break;
    }
  }

  void Params(int depth, const std::vector<ast::Param>& params) {
    for (const ast::Param& param : params) {
      Line(depth, "param " + param.name.name, param.name.range);
      Type(depth + 1, *param.type);
    }
  }

  // ---- statements

  void Block(int depth, const std::string& label, const ast::Block& block) {
    Line(depth, label, block.range);
    for (const ast::StmtPtr& step : block.steps) Stmt(depth + 1, *step);
  }

  void Labeled(int depth, const std::string& label, const ast::ExprPtr& expr) {
    if (!expr) return;
    Line(depth, label, expr->range);
    Expr(depth + 1, *expr);
  }

  void Window(int depth, const ast::Window& window) {
    Line(depth, WindowText(window.kind), window.range);
    Expr(depth + 1, *window.first);
    if (window.second) Expr(depth + 1, *window.second);
  }

  void Stmt(int depth, const ast::Stmt& stmt) {
    switch (stmt.kind) {
      case ast::StmtKind::Trigger: {
        const auto& trigger = stmt.As<ast::TriggerStmt>();
        switch (trigger.trigger) {
          case ast::TriggerKind::Event:
            Line(depth, "trigger event " + trigger.event.name +
                            (trigger.alias ? " as " + trigger.alias->name : ""), stmt.range);
            break;
          case ast::TriggerKind::EnteredSegment:
            Line(depth, "trigger entered_segment", stmt.range);
            break;
          case ast::TriggerKind::LeftSegment:
            Line(depth, "trigger left_segment", stmt.range);
            break;
          case ast::TriggerKind::Daily:
            Line(depth, "trigger daily", stmt.range);
            break;
          case ast::TriggerKind::Every:
            Line(depth, "trigger every", stmt.range);
            break;
        }
        if (trigger.segment) Expr(depth + 1, *trigger.segment);
        Labeled(depth + 1, "at", trigger.time);
        if (trigger.interval) Expr(depth + 1, *trigger.interval);
        Labeled(depth + 1, "where", trigger.where);
        break;
      }
      case ast::StmtKind::When:
        Line(depth, "when", stmt.range);
        Expr(depth + 1, *stmt.As<ast::WhenStmt>().condition);
        break;
      case ast::StmtKind::Reentry: {
        const auto& reentry = stmt.As<ast::ReentryStmt>();
        const char* kind = reentry.reentry == ast::ReentryKind::Once     ? "once"
                           : reentry.reentry == ast::ReentryKind::Always ? "always"
                                                                         : "after";
        Line(depth, std::string("reentry ") + kind, stmt.range);
        if (reentry.after) Expr(depth + 1, *reentry.after);
        break;
      }
      case ast::StmtKind::ExitWhen:
      case ast::StmtKind::Goal: {
        const auto& condition = stmt.As<ast::ConditionStmt>();
        Line(depth, stmt.kind == ast::StmtKind::Goal ? "goal" : "exit when", stmt.range);
        Expr(depth + 1, *condition.condition);
        if (condition.window) Window(depth + 1, *condition.window);
        break;
      }
      case ast::StmtKind::Wait:
        Line(depth, "wait", stmt.range);
        Expr(depth + 1, *stmt.As<ast::WaitStmt>().duration);
        break;
      case ast::StmtKind::WaitUntil: {
        const auto& wait = stmt.As<ast::WaitUntilStmt>();
        Line(depth, "wait until", stmt.range);
        Expr(depth + 1, *wait.target);
        Labeled(depth + 1, "where", wait.where);
        if (wait.window) Window(depth + 1, *wait.window);
        for (const ast::WaitArm& arm : wait.arms) {
          Line(depth + 1, arm.is_timeout ? "on timeout" : "on " + arm.event.name, arm.range);
          for (const ast::StmtPtr& step : arm.body.steps) Stmt(depth + 2, *step);
        }
        break;
      }
      case ast::StmtKind::If: {
        const auto& if_stmt = stmt.As<ast::IfStmt>();
        Line(depth, "if", stmt.range);
        for (size_t i = 0; i < if_stmt.branches.size(); ++i) {
          const ast::IfBranch& branch = if_stmt.branches[i];
          Labeled(depth + 1, i == 0 ? "condition" : "else if", branch.condition);
          Block(depth + 1, "then", branch.body);
        }
        if (if_stmt.else_body) Block(depth + 1, "else", *if_stmt.else_body);
        break;
      }
      case ast::StmtKind::Split:
        Line(depth, "split", stmt.range);
        for (const ast::SplitArm& arm : stmt.As<ast::SplitStmt>().arms) {
          Line(depth + 1, "arm", arm.range);
          Expr(depth + 2, *arm.percent);
          Block(depth + 2, "then", arm.body);
        }
        break;
      case ast::StmtKind::Send: {
        const auto& send = stmt.As<ast::SendStmt>();
        Line(depth, "send " + send.channel.name + (send.provider_template ? " template" : ""), stmt.range);
        Expr(depth + 1, *send.message);
        if (send.data) Expr(depth + 1, *send.data);
        break;
      }
      case ast::StmtKind::Let: {
        const auto& let = stmt.As<ast::LetStmt>();
        Line(depth, "let " + let.name.name, stmt.range);
        Expr(depth + 1, *let.value);
        break;
      }
      case ast::StmtKind::Issue:
        Line(depth, "issue coupon " + stmt.As<ast::IssueStmt>().pool.name, stmt.range);
        break;
      case ast::StmtKind::Tag: {
        const auto& tag = stmt.As<ast::TagStmt>();
        Line(depth, tag.untag ? "untag contact" : "tag contact", stmt.range);
        Expr(depth + 1, *tag.tag);
        break;
      }
      case ast::StmtKind::Set: {
        const auto& set = stmt.As<ast::SetStmt>();
        Line(depth, "set", stmt.range);
        Expr(depth + 1, *set.target);
        Expr(depth + 1, *set.value);
        break;
      }
      case ast::StmtKind::Notify: {
        const auto& notify = stmt.As<ast::NotifyStmt>();
        Line(depth, "notify", stmt.range);
        Expr(depth + 1, *notify.recipient);
        Expr(depth + 1, *notify.message);
        break;
      }
      case ast::StmtKind::Score:
        Line(depth, "score", stmt.range);
        Expr(depth + 1, *stmt.As<ast::ScoreStmt>().delta);
        break;
      case ast::StmtKind::Emit: {
        const auto& emit = stmt.As<ast::EmitStmt>();
        Line(depth, "emit " + emit.event.name, stmt.range);
        if (emit.fields) Expr(depth + 1, *emit.fields);
        break;
      }
      case ast::StmtKind::Exit:
        Line(depth, "exit", stmt.range);
        break;
      case ast::StmtKind::Audience:
      case ast::StmtKind::At:
        Line(depth, stmt.kind == ast::StmtKind::At ? "at" : "audience", stmt.range);
        Expr(depth + 1, *stmt.As<ast::ExprItemStmt>().value);
        break;
      case ast::StmtKind::Attribution:
        Line(depth, "attribution", stmt.range);
        for (const ast::AttributionRule& rule : stmt.As<ast::AttributionStmt>().rules) {
          Line(depth + 1, "after " + rule.interaction.name, rule.range);
          Expr(depth + 2, *rule.window);
        }
        break;
    }
  }

  void CouponItem(int depth, const ast::CouponItem& item) {
    switch (item.kind) {
      case ast::CouponItemKind::Discount:
        Line(depth, "discount", item.range);
        break;
      case ast::CouponItemKind::CodesGenerated:
        Line(depth, "codes generated", item.range);
        break;
      case ast::CouponItemKind::CodesFrom:
        Line(depth, "codes from", item.range);
        break;
      case ast::CouponItemKind::Limit:
        Line(depth, "limit", item.range);
        break;
      case ast::CouponItemKind::IssueWindow:
        Line(depth, "issue between", item.range);
        break;
      case ast::CouponItemKind::ValidFor:
        Line(depth, "valid for", item.range);
        break;
      case ast::CouponItemKind::WhenExhausted: {
        std::string action = item.exhausted == ast::ExhaustedAction::Skip       ? "skip"
                             : item.exhausted == ast::ExhaustedAction::Fallback ? "fallback " + item.fallback.name
                                                                                : "stop journey";
        Line(depth, "when exhausted " + action, item.range);
        break;
      }
    }
    if (item.value) Expr(depth + 1, *item.value);
    if (item.second) Expr(depth + 1, *item.second);
    if (item.text) Expr(depth + 1, *item.text);
  }

  void PopupItem(int depth, const ast::PopupItem& item) {
    switch (item.kind) {
      case ast::PopupItemKind::ShowTo:
        Line(depth, "show to", item.range);
        Expr(depth + 1, *item.audience);
        break;
      case ast::PopupItemKind::Trigger:
        Line(depth, "trigger", item.range);
        for (const ast::PopupTrigger& trigger : item.triggers) {
          switch (trigger.kind) {
            case ast::PopupTriggerKind::After:
              Line(depth + 1, "after", trigger.range);
              break;
            case ast::PopupTriggerKind::Scroll:
              Line(depth + 1, "scroll", trigger.range);
              break;
            case ast::PopupTriggerKind::Named:
              Line(depth + 1, "named " + trigger.name.name, trigger.range);
              break;
          }
          if (trigger.value) Expr(depth + 2, *trigger.value);
        }
        break;
      case ast::PopupItemKind::OnDevice:
        Line(depth, "on " + item.device.name, item.range);
        Expr(depth + 1, *item.record);
        break;
      case ast::PopupItemKind::OnSubmit:
        Line(depth, "on submit emit " + item.event.name, item.range);
        if (item.record) Expr(depth + 1, *item.record);
        break;
    }
  }

  void PolicyItem(int depth, const ast::PolicyItem& item) {
    switch (item.kind) {
      case ast::PolicyItemKind::QuietHours:
        Line(depth, "quiet hours", item.range);
        Expr(depth + 1, *item.from);
        Expr(depth + 1, *item.to);
        break;
      case ast::PolicyItemKind::Cap:
        Line(depth, "cap " + item.channel.name + " " + std::to_string(item.count) + " per", item.range);
        Expr(depth + 1, *item.per);
        break;
      case ast::PolicyItemKind::SmsLimit:
        Line(depth, "sms limit " + std::to_string(item.count) + " " + item.unit.name, item.range);
        break;
    }
  }

  // ---- expressions, with an explicit stack

  struct Pending {
    int depth;
    const ast::Expr* expr;  // or null for a label line
    std::string label;
    SourceRange range;
  };

  void Expr(int depth, const ast::Expr& root) {
    std::vector<Pending> stack;
    stack.push_back({depth, &root, "", {}});
    std::vector<Pending> children;
    while (!stack.empty()) {
      Pending item = std::move(stack.back());
      stack.pop_back();
      if (item.expr == nullptr) {
        Line(item.depth, item.label, item.range);
        continue;
      }
      children.clear();
      ExprLine(item.depth, *item.expr, children);
      for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back(std::move(*it));
    }
  }

  // Prints one expression's line and lists what goes under it.
  void ExprLine(int depth, const ast::Expr& expr, std::vector<Pending>& children) {
    auto child = [&](int level, const ast::Expr* e) { children.push_back({depth + level, e, "", {}}); };
    auto label = [&](int level, std::string text, SourceRange range) {
      children.push_back({depth + level, nullptr, std::move(text), range});
    };
    switch (expr.kind) {
      case ast::ExprKind::Literal:
        Line(depth, LiteralText(expr.As<ast::LiteralExpr>()), expr.range);
        break;
      case ast::ExprKind::Name:
        Line(depth, "name " + expr.As<ast::NameExpr>().name, expr.range);
        break;
      case ast::ExprKind::Member: {
        const auto& member = expr.As<ast::MemberExpr>();
        Line(depth, std::string("member ") + (member.safe ? "?." : ".") + member.member.name, expr.range);
        child(1, member.object.get());
        break;
      }
      case ast::ExprKind::Call: {
        const auto& call = expr.As<ast::CallExpr>();
        Line(depth, "call", expr.range);
        child(1, call.callee.get());
        for (const ast::CallArg& arg : call.args) {
          label(1, "arg", arg.range);
          child(2, arg.value.get());
          if (arg.where) {
            label(2, "where", arg.where->range);
            child(3, arg.where.get());
          }
          if (arg.window) {
            label(2, WindowText(arg.window->kind), arg.window->range);
            child(3, arg.window->first.get());
            if (arg.window->second) child(3, arg.window->second.get());
          }
        }
        break;
      }
      case ast::ExprKind::Unary: {
        const auto& unary = expr.As<ast::UnaryExpr>();
        const char* op = unary.op == ast::UnaryOp::Not ? "not" : unary.op == ast::UnaryOp::Negate ? "-" : "+";
        Line(depth, std::string("unary ") + op, expr.range);
        child(1, unary.operand.get());
        break;
      }
      case ast::ExprKind::Binary: {
        const auto& binary = expr.As<ast::BinaryExpr>();
        Line(depth, "binary " + std::string(ast::Spelling(binary.op)), expr.range);
        child(1, binary.lhs.get());
        child(1, binary.rhs.get());
        break;
      }
      case ast::ExprKind::Paren:
        Line(depth, "paren", expr.range);
        child(1, expr.As<ast::ParenExpr>().inner.get());
        break;
      case ast::ExprKind::List:
        Line(depth, "list", expr.range);
        for (const ast::ExprPtr& element : expr.As<ast::ListExpr>().elements) child(1, element.get());
        break;
      case ast::ExprKind::Record:
        Line(depth, "record", expr.range);
        for (const ast::RecordField& field : expr.As<ast::RecordExpr>().fields) {
          label(1, "field " + field.name.name, SourceRange::Join(field.name.range, field.value->range));
          child(2, field.value.get());
        }
        break;
      case ast::ExprKind::IssueCoupon:
        Line(depth, "issue coupon " + expr.As<ast::IssueCouponExpr>().pool.name, expr.range);
        break;
    }
  }

  std::ostream& out_;
  Positions positions_;
};

}  // namespace

void DumpAst(std::ostream& out, const ast::File& file) { Dumper(out, file).File(file); }

}  // namespace kairos
