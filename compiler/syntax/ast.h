// The abstract syntax tree of a .journey file: what the parse phase produces
// and every later phase (checker, formatter, language server) reads.
//
// Nodes own their children through unique_ptr and carry the source range they
// were parsed from. Each node family (Expr, TypeExpr, Stmt, Decl) has a `kind`
// tag; code switches on it and uses `As<T>()` to reach the concrete node.
// Literal values are decoded by the parser (durations in seconds, money in
// minor units), so later phases never re-read source text.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source_file.h"

namespace kairos::ast {

// A name as written, with where it was written.
struct Ident {
  std::string name;
  SourceRange range;
};

template <typename Derived, typename Base>
const Derived& As(const Base& node) {
  return static_cast<const Derived&>(node);
}

// ---------------------------------------------------------------------------
// Expressions

enum class ExprKind {
  Literal,
  Name,         // x, contact, order_placed, female
  Member,       // a.b and a?.b
  Call,         // f(args), with `where` and windows on arguments
  Unary,        // not a, -a, +a
  Binary,       // a op b, including `in`, `not in` and `??`
  Paren,        // (a), kept so the formatter preserves the author's grouping
  List,         // [a, b]
  Record,       // { name: expr, ... }
  IssueCoupon,  // issue coupon POOL (an expression with an effect)
};

struct Expr {
  ExprKind kind;
  SourceRange range;

  explicit Expr(ExprKind kind, SourceRange range) : kind(kind), range(range) {}
  virtual ~Expr() = default;
  template <typename T>
  const T& As() const { return static_cast<const T&>(*this); }
};

using ExprPtr = std::unique_ptr<Expr>;

enum class LiteralKind {
  Int,        // int_value
  Decimal,    // decimal: text, e.g. "19.90"
  Money,      // money_minor (in 1/10000 of the unit), currency; text as written
  Percent,    // decimal text, e.g. "12.5"
  Duration,   // seconds
  Date,       // year, month, day
  DateTime,   // date + time of day, local to the schema's zone
  Time,       // seconds since midnight
  Timestamp,  // epoch seconds (UTC), from RFC 3339
  String,     // string_value (escapes decoded)
  Bool,       // bool_value
  Null,
};

struct LiteralExpr : Expr {
  LiteralKind literal;
  std::string text;  // the literal's source text, as written
  int64_t int_value = 0;
  bool bool_value = false;
  // Money, Decimal and Percent: the exact value scaled by 10^4.
  int64_t scaled_value = 0;
  std::string currency;  // Money: ISO 4217 code ("ILS" for ₪)
  int64_t seconds = 0;   // Duration, Time (since midnight), Timestamp (epoch)
  int32_t year = 0, month = 0, day = 0;  // Date, DateTime
  std::string string_value;              // String, after escapes
  // String: byte offset in the source of each byte of string_value, plus one
  // past the end, so template placeholders map back to file positions.
  std::vector<uint32_t> string_offsets;

  LiteralExpr(LiteralKind literal, SourceRange range)
      : Expr(ExprKind::Literal, range), literal(literal) {}
};

struct NameExpr : Expr {
  std::string name;
  NameExpr(std::string name, SourceRange range) : Expr(ExprKind::Name, range), name(std::move(name)) {}
};

struct MemberExpr : Expr {
  ExprPtr object;
  Ident member;
  bool safe = false;  // `?.`
  MemberExpr(ExprPtr object, Ident member, bool safe, SourceRange range)
      : Expr(ExprKind::Member, range), object(std::move(object)), member(std::move(member)), safe(safe) {}
  ~MemberExpr() override;  // iterative: `a.b.c...` chains may be very long
};

enum class WindowKind { Within, Since, Between };

// `within D`, `since T` or `between T1 and T2` on a history function argument.
struct Window {
  WindowKind kind;
  ExprPtr first;   // D or T or T1
  ExprPtr second;  // T2 (Between only)
  SourceRange range;
};

struct CallArg {
  ExprPtr value;
  ExprPtr where;                 // `where P`, or null
  std::optional<Window> window;  // or nullopt
  SourceRange range;
};

struct CallExpr : Expr {
  ExprPtr callee;  // usually a NameExpr
  std::vector<CallArg> args;
  CallExpr(ExprPtr callee, std::vector<CallArg> args, SourceRange range)
      : Expr(ExprKind::Call, range), callee(std::move(callee)), args(std::move(args)) {}
  ~CallExpr() override;  // iterative, as MemberExpr
};

enum class UnaryOp { Not, Negate, Plus };

struct UnaryExpr : Expr {
  UnaryOp op;
  ExprPtr operand;
  UnaryExpr(UnaryOp op, ExprPtr operand, SourceRange range)
      : Expr(ExprKind::Unary, range), op(op), operand(std::move(operand)) {}
};

enum class BinaryOp {
  Or, And,
  Coalesce,                      // ??
  Eq, Ne, Lt, Le, Gt, Ge, In, NotIn,
  Add, Sub, Mul, Div,
};

// The operator as written in source: `and`, `??`, `not in`, `+`, ...
std::string_view Spelling(BinaryOp op);

struct BinaryExpr : Expr {
  BinaryOp op;
  ExprPtr lhs;
  ExprPtr rhs;
  SourceRange op_range;
  BinaryExpr(BinaryOp op, ExprPtr lhs, ExprPtr rhs, SourceRange op_range, SourceRange range)
      : Expr(ExprKind::Binary, range), op(op), lhs(std::move(lhs)), rhs(std::move(rhs)), op_range(op_range) {}
  // Iterative: `a + a + ...` with 100,000 terms nests that deep to the left.
  ~BinaryExpr() override;
};

struct ParenExpr : Expr {
  ExprPtr inner;
  ParenExpr(ExprPtr inner, SourceRange range) : Expr(ExprKind::Paren, range), inner(std::move(inner)) {}
};

struct ListExpr : Expr {
  std::vector<ExprPtr> elements;
  ListExpr(std::vector<ExprPtr> elements, SourceRange range)
      : Expr(ExprKind::List, range), elements(std::move(elements)) {}
};

struct RecordField {
  Ident name;
  ExprPtr value;
};

struct RecordExpr : Expr {
  std::vector<RecordField> fields;
  RecordExpr(std::vector<RecordField> fields, SourceRange range)
      : Expr(ExprKind::Record, range), fields(std::move(fields)) {}
};

struct IssueCouponExpr : Expr {
  Ident pool;
  IssueCouponExpr(Ident pool, SourceRange range) : Expr(ExprKind::IssueCoupon, range), pool(std::move(pool)) {}
};

// ---------------------------------------------------------------------------
// Types as written in the schema and in parameter lists

enum class TypeExprKind {
  Named,    // int, money, line_item, contact, ...
  Generic,  // list<T>, set<T>
  Enum,     // enum { a, b }
  Record,   // { a: T, b: U } inline
};

struct FieldDecl;

struct TypeExpr {
  TypeExprKind kind;
  SourceRange range;
  bool optional = false;       // written with a trailing `?`
  Ident name;                  // Named: the type's name; Generic: list or set
  std::unique_ptr<TypeExpr> element;     // Generic
  std::vector<Ident> enum_members;       // Enum
  std::vector<FieldDecl> fields;         // Record
};

using TypeExprPtr = std::unique_ptr<TypeExpr>;

struct FieldDecl {
  Ident name;
  TypeExprPtr type;
  bool is_key = false;
  ExprPtr default_value;  // `= expr`, or null
  SourceRange range;
  std::string doc;  // text of `///` comments directly above, without the slashes
};

// ---------------------------------------------------------------------------
// Statements: journey clauses and steps, campaign items

enum class StmtKind {
  // Journey clauses (top level of a journey only).
  Trigger, When, Reentry, ExitWhen, Goal,
  // Steps.
  Wait, WaitUntil, If, Split, Send, Let, Issue, Tag, Set, Notify, Score, Emit, Exit,
  // Campaign items.
  Audience, At, Attribution,
};

struct Stmt {
  StmtKind kind;
  SourceRange range;
  explicit Stmt(StmtKind kind, SourceRange range) : kind(kind), range(range) {}
  virtual ~Stmt() = default;
  template <typename T>
  const T& As() const { return static_cast<const T&>(*this); }
};

using StmtPtr = std::unique_ptr<Stmt>;

struct Block {
  std::vector<StmtPtr> steps;
  SourceRange range;  // from `{` to `}`
};

enum class TriggerKind { Event, EnteredSegment, LeftSegment, Daily, Every };

struct TriggerStmt : Stmt {
  TriggerKind trigger;
  Ident event;          // Event: the event type
  std::optional<Ident> alias;  // Event: `as NAME`
  ExprPtr segment;      // EnteredSegment / LeftSegment: a name or a call
  ExprPtr time;         // Daily: the time of day
  ExprPtr interval;     // Every: the duration
  ExprPtr where;        // optional filter
  TriggerStmt(TriggerKind trigger, SourceRange range) : Stmt(StmtKind::Trigger, range), trigger(trigger) {}
};

// `when P` (entry guard).
struct WhenStmt : Stmt {
  ExprPtr condition;
  WhenStmt(ExprPtr condition, SourceRange range) : Stmt(StmtKind::When, range), condition(std::move(condition)) {}
};

enum class ReentryKind { Once, Always, After };

struct ReentryStmt : Stmt {
  ReentryKind reentry;
  ExprPtr after;  // After: the duration
  ReentryStmt(ReentryKind reentry, ExprPtr after, SourceRange range)
      : Stmt(StmtKind::Reentry, range), reentry(reentry), after(std::move(after)) {}
};

// `exit when P [window]` and `goal P [window]`: a condition that may be a bare
// event name with a window, meaning "such an event exists in that window".
struct ConditionStmt : Stmt {
  ExprPtr condition;
  std::optional<Window> window;
  ConditionStmt(StmtKind kind, ExprPtr condition, std::optional<Window> window, SourceRange range)
      : Stmt(kind, range), condition(std::move(condition)), window(std::move(window)) {}
};

struct WaitStmt : Stmt {
  ExprPtr duration;
  WaitStmt(ExprPtr duration, SourceRange range) : Stmt(StmtKind::Wait, range), duration(std::move(duration)) {}
};

struct WaitArm {
  bool is_timeout = false;
  Ident event;  // when not a timeout arm
  Block body;
  SourceRange range;
};

// `wait until T` (a clock time or an instant) or
// `wait until E [where P] within D { on E {..} on timeout {..} }`.
struct WaitUntilStmt : Stmt {
  ExprPtr target;
  ExprPtr where;
  std::optional<Window> window;
  std::vector<WaitArm> arms;
  WaitUntilStmt(SourceRange range) : Stmt(StmtKind::WaitUntil, range) {}
};

struct IfBranch {
  ExprPtr condition;
  Block body;
};

struct IfStmt : Stmt {
  std::vector<IfBranch> branches;  // `if` and each `else if`
  std::optional<Block> else_body;
  IfStmt(SourceRange range) : Stmt(StmtKind::If, range) {}
};

struct SplitArm {
  ExprPtr percent;  // a Percent literal
  Block body;
  SourceRange range;
};

struct SplitStmt : Stmt {
  std::vector<SplitArm> arms;
  SplitStmt(SourceRange range) : Stmt(StmtKind::Split, range) {}
};

// `send CHANNEL [template] "text-or-template" { data }`.
struct SendStmt : Stmt {
  Ident channel;
  bool provider_template = false;  // `template` keyword (e.g. approved WhatsApp templates)
  std::unique_ptr<LiteralExpr> message;  // template name or message body
  std::unique_ptr<RecordExpr> data;      // or null
  SendStmt(SourceRange range) : Stmt(StmtKind::Send, range) {}
};

struct LetStmt : Stmt {
  Ident name;
  ExprPtr value;
  LetStmt(Ident name, ExprPtr value, SourceRange range)
      : Stmt(StmtKind::Let, range), name(std::move(name)), value(std::move(value)) {}
};

struct IssueStmt : Stmt {
  Ident pool;
  IssueStmt(Ident pool, SourceRange range) : Stmt(StmtKind::Issue, range), pool(std::move(pool)) {}
};

struct TagStmt : Stmt {
  bool untag = false;
  ExprPtr tag;
  TagStmt(bool untag, ExprPtr tag, SourceRange range) : Stmt(StmtKind::Tag, range), untag(untag), tag(std::move(tag)) {}
};

// `set contact.f = expr`.
struct SetStmt : Stmt {
  ExprPtr target;
  ExprPtr value;
  SetStmt(ExprPtr target, ExprPtr value, SourceRange range)
      : Stmt(StmtKind::Set, range), target(std::move(target)), value(std::move(value)) {}
};

struct NotifyStmt : Stmt {
  ExprPtr recipient;
  ExprPtr message;
  NotifyStmt(ExprPtr recipient, ExprPtr message, SourceRange range)
      : Stmt(StmtKind::Notify, range), recipient(std::move(recipient)), message(std::move(message)) {}
};

struct ScoreStmt : Stmt {
  ExprPtr delta;
  ScoreStmt(ExprPtr delta, SourceRange range) : Stmt(StmtKind::Score, range), delta(std::move(delta)) {}
};

struct EmitStmt : Stmt {
  Ident event;
  std::unique_ptr<RecordExpr> fields;  // or null
  EmitStmt(Ident event, std::unique_ptr<RecordExpr> fields, SourceRange range)
      : Stmt(StmtKind::Emit, range), event(std::move(event)), fields(std::move(fields)) {}
};

struct ExitStmt : Stmt {
  explicit ExitStmt(SourceRange range) : Stmt(StmtKind::Exit, range) {}
};

// Campaign `audience P` and `at T`.
struct ExprItemStmt : Stmt {
  ExprPtr value;
  ExprItemStmt(StmtKind kind, ExprPtr value, SourceRange range) : Stmt(kind, range), value(std::move(value)) {}
};

struct AttributionRule {
  ExprPtr window;  // a duration
  Ident interaction;  // click | open (checked)
  SourceRange range;
};

struct AttributionStmt : Stmt {
  std::vector<AttributionRule> rules;
  AttributionStmt(SourceRange range) : Stmt(StmtKind::Attribution, range) {}
};

// ---------------------------------------------------------------------------
// Declarations

enum class DeclKind { Schema, Segment, Builtin, Journey, Campaign, Coupon, Popup, Policy };

struct Decl {
  DeclKind kind;
  SourceRange range;
  std::string doc;  // text of `///` comments directly above, without the slashes
  explicit Decl(DeclKind kind, SourceRange range) : kind(kind), range(range) {}
  virtual ~Decl() = default;
  template <typename T>
  const T& As() const { return static_cast<const T&>(*this); }
};

using DeclPtr = std::unique_ptr<Decl>;

enum class SchemaItemKind { Currency, Timezone, Contact, Product, Record, Event };

struct SchemaItem {
  SchemaItemKind kind;
  SourceRange range;
  Ident name;          // Currency: the code; Record/Event: the name; Contact/Product: the keyword
  std::string timezone;                    // Timezone
  std::vector<FieldDecl> fields;           // Contact, Product, Record, Event
  std::string doc;
};

struct SchemaDecl : Decl {
  bool is_extend = false;
  Ident name;  // empty for `extend schema`
  std::vector<SchemaItem> items;
  SchemaDecl(SourceRange range) : Decl(DeclKind::Schema, range) {}
};

struct Param {
  Ident name;
  TypeExprPtr type;
};

struct SegmentDecl : Decl {
  Ident name;
  std::optional<std::vector<Param>> params;  // nullopt: no parameter list written
  ExprPtr body;
  SegmentDecl(SourceRange range) : Decl(DeclKind::Segment, range) {}
};

// `builtin name(params): Type` — a standard-library function's signature.
struct BuiltinDecl : Decl {
  Ident name;
  std::vector<Param> params;
  TypeExprPtr result;
  BuiltinDecl(SourceRange range) : Decl(DeclKind::Builtin, range) {}
};

// A journey's body: clauses and steps in source order.
struct JourneyDecl : Decl {
  Ident name;
  std::vector<StmtPtr> items;
  SourceRange body_range;
  JourneyDecl(SourceRange range) : Decl(DeclKind::Journey, range) {}
};

// Campaign items (audience, at, attribution) and its steps, in source order.
struct CampaignDecl : Decl {
  Ident name;
  std::vector<StmtPtr> items;
  SourceRange body_range;
  CampaignDecl(SourceRange range) : Decl(DeclKind::Campaign, range) {}
};

enum class CouponItemKind { Discount, CodesGenerated, CodesFrom, Limit, IssueWindow, ValidFor, WhenExhausted };
enum class ExhaustedAction { Skip, Fallback, StopJourney };

struct CouponItem {
  CouponItemKind kind;
  SourceRange range;
  ExprPtr value;        // Discount, Limit, ValidFor; IssueWindow: the start
  ExprPtr second;       // IssueWindow: the end
  std::unique_ptr<LiteralExpr> text;  // CodesGenerated: the pattern; CodesFrom: the path
  ExhaustedAction exhausted = ExhaustedAction::Skip;
  Ident fallback;       // WhenExhausted + Fallback
};

struct CouponDecl : Decl {
  Ident name;
  std::vector<CouponItem> items;
  CouponDecl(SourceRange range) : Decl(DeclKind::Coupon, range) {}
};

enum class PopupTriggerKind { After, Scroll, Named };

struct PopupTrigger {
  PopupTriggerKind kind;
  ExprPtr value;  // After: duration; Scroll: percent
  Ident name;     // Named: e.g. exit_intent
  SourceRange range;
};

enum class PopupItemKind { ShowTo, Trigger, OnDevice, OnSubmit };

struct PopupItem {
  PopupItemKind kind;
  SourceRange range;
  ExprPtr audience;                       // ShowTo
  std::vector<PopupTrigger> triggers;     // Trigger
  Ident device;                           // OnDevice
  Ident event;                            // OnSubmit: the event emitted
  std::unique_ptr<RecordExpr> record;     // OnDevice: the design; OnSubmit: event fields
};

struct PopupDecl : Decl {
  Ident name;
  std::vector<PopupItem> items;
  PopupDecl(SourceRange range) : Decl(DeclKind::Popup, range) {}
};

enum class PolicyItemKind { QuietHours, Cap, SmsLimit };

struct PolicyItem {
  PolicyItemKind kind;
  SourceRange range;
  ExprPtr from, to;   // QuietHours
  Ident channel;      // Cap: a channel or `all`
  int64_t count = 0;  // Cap: messages; SmsLimit: segments
  SourceRange count_range;
  ExprPtr per;        // Cap: the period
  Ident unit;         // SmsLimit: `segments`
};

struct PolicyDecl : Decl {
  std::vector<PolicyItem> items;
  PolicyDecl(SourceRange range) : Decl(DeclKind::Policy, range) {}
};

// ---------------------------------------------------------------------------
// A parsed file

struct Comment {
  SourceRange range;
  std::string text;  // as written, including `//` or `/* */`
  bool is_doc = false;
};

struct File {
  const SourceFile* source = nullptr;
  std::vector<DeclPtr> decls;
  std::vector<Comment> comments;  // every comment, in source order
};

}  // namespace kairos::ast
