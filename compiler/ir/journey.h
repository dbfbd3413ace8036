// Journeys, campaigns and popups as the engine runs them: timer graphs of
// small typed steps whose every expression is one of Program::functions.
//
// A journey instance (one contact's run) owns a row of slots: `entered`, the
// triggering event, each `let`, each issued coupon and each awaited event. A
// function never reads a slot by itself: its params are values, and each Call
// names the slots that fill them, in order. So the interpreter and native code
// evaluate a function as they evaluate a segment, with arguments.
//
// Slot values use the encodings of ir.h; an event is a record of its columns
// (EventLayout: `at`, `contact`, then its fields) and an issued coupon is a
// record (code: string, expires_at: timestamp), read with Op::Member.
//
// Steps refer to their successors by index into the steps of their journey
// (or campaign); step 0 is the entry (Trigger) and every path ends in an Exit
// step. Durations are in seconds.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "compiler/base/source_file.h"
#include "compiler/types/symbol.h"
#include "compiler/types/type.h"

namespace kairos::ir {

using StepId = uint32_t;
inline constexpr StepId kNoStep = UINT32_MAX;
inline constexpr uint32_t kNoFunction = UINT32_MAX;
inline constexpr uint32_t kNoIndex = UINT32_MAX;

// The members of an issued coupon's record.
inline constexpr uint32_t kCouponCode = 0;
inline constexpr uint32_t kCouponExpiresAt = 1;

// A use of Program::functions[function]: args[i] is the slot whose value is
// the function's param i. Invalid (no function) where the source has nothing.
struct Call {
  uint32_t function = kNoFunction;
  std::vector<uint32_t> args;
  bool valid() const { return function != kNoFunction; }
};

// A number known when compiling (`value`: seconds of a duration, a percent
// scaled by 10^4), or, when `computed` is valid, computed per contact when
// the step or clause is reached.
struct Quantity {
  int64_t value = 0;
  Call computed;
};

enum class SlotKind : uint8_t {
  Entered,  // the instant the contact entered (journeys: slot 0)
  Trigger,  // the triggering event (event triggers: slot 1)
  Awaited,  // the event that ended a `wait until E`
  Let,      // `let x = expr`
  Coupon,   // a coupon issued by `issue coupon P` inside an expression
};

struct Slot {
  std::string name;  // as written; a hoisted coupon is named after its pool
  Type type;
  SlotKind kind = SlotKind::Let;
};

inline constexpr uint32_t kEnteredSlot = 0;
inline constexpr uint32_t kTriggerSlot = 1;

// --- Steps ------------------------------------------------------------------

// The entry: the slots of `entered` and the trigger's event are filled.
struct TriggerStep {
  StepId next = kNoStep;
};

enum class WaitKind : uint8_t {
  For,           // `wait D`: `duration`
  UntilInstant,  // `wait until T`, T a timestamp: `until`
  UntilTime,     // `wait until 09:00`: the next such time of day in the contact's zone
};

struct WaitStep {
  WaitKind kind = WaitKind::For;
  Quantity duration;  // For
  Call until;         // UntilInstant, UntilTime
  StepId next = kNoStep;
};

// One awaited event of a `wait until`. When an event of this contact arrives
// after the wait began, it is put in `slot`; it ends the wait if `where`
// (when valid) holds, and the run goes on at `next`.
struct WaitArm {
  uint32_t event = 0;  // Program::events
  uint32_t slot = kNoIndex;
  Call where;
  // Message events (`message_*`) without a `where` count only when they are
  // about a message this run sent.
  bool own_messages = false;
  StepId next = kNoStep;  // the `on E` block, else the step after the wait
};

struct WaitUntilStep {
  std::vector<WaitArm> arms;
  bool has_timeout = false;  // `within D` written
  Quantity timeout;
  StepId timeout_next = kNoStep;  // the `on timeout` block, else the step after the wait
};

// `if`, each `else if`, `else`: the first arm whose condition holds.
struct BranchArm {
  Call condition;
  StepId next = kNoStep;
};

struct BranchStep {
  std::vector<BranchArm> arms;
  StepId else_next = kNoStep;  // the `else` block, else the step after the `if`
};

// `split 50% { } 50% { }`: a stable hash of contact and journey picks an arm.
struct SplitArm {
  int64_t percent = 0;  // scaled by 10^4; the arms add up to 100%
  StepId next = kNoStep;
};

struct SplitStep {
  std::vector<SplitArm> arms;
};

// A message body or notify text: literal text and placeholders, in order.
struct TextPart {
  std::string text;  // literal text (when `value` is invalid)
  Call value;        // a placeholder's value, written into the text
};

struct NamedCall {
  std::string name;
  Call value;
};

struct SendAction {
  uint32_t channel = 0;  // a value of the built-in `channel` enum
  std::string channel_name;
  bool provider_template = false;  // `send whatsapp template "name"`
  // The template to render (email, push, webhook, whatsapp template), or,
  // for sms and whatsapp without `template`, empty with the text in `body`.
  std::string template_name;
  std::vector<TextPart> body;
  std::vector<NamedCall> data;  // `{ field: expr, ... }`
};

// `issue coupon P` (alone, as `let x = issue coupon P`, or hoisted out of an
// expression): a code of pool `pool` into `slot` (kNoIndex when unused).
struct IssueAction {
  uint32_t pool = 0;  // Program::coupons
  uint32_t slot = kNoIndex;
};

struct TagAction {
  bool untag = false;
  Call tag;  // string
};

// `set contact.a.b = expr`: path[0] is a contact field, path[1] a field of it, ...
struct SetAction {
  std::vector<uint32_t> path;
  Call value;
};

struct NotifyAction {
  Call recipient;              // string
  std::vector<TextPart> text;  // a placeholder-only part when the text is not a literal
};

struct ScoreAction {
  Call delta;  // int
};

struct EmitField {
  uint32_t column = 0;  // in the event's EventLayout
  Call value;
};

struct EmitAction {
  uint32_t event = 0;  // Program::events
  std::vector<EmitField> fields;
};

struct LetAction {
  uint32_t slot = 0;
  Call value;
};

using Action = std::variant<SendAction, IssueAction, TagAction, SetAction, NotifyAction, ScoreAction,
                            EmitAction, LetAction>;

struct ActionStep {
  Action action;
  StepId next = kNoStep;
};

// The end of a run: an `exit` as written, or the end of the steps.
struct ExitStep {
  bool written = false;
};

// In the order of StepKind.
using StepBody =
    std::variant<TriggerStep, WaitStep, WaitUntilStep, BranchStep, SplitStep, ActionStep, ExitStep>;

enum class StepKind : uint8_t { Trigger, Wait, WaitUntil, Branch, Split, Action, Exit };

struct Step {
  StepBody body;
  SourceRange range;  // the step as written; the trigger for the entry; none for the end

  StepKind kind() const { return static_cast<StepKind>(body.index()); }
  template <typename T>
  const T& As() const { return std::get<T>(body); }
};

// The steps of a journey or campaign with the slots they fill.
struct StepGraph {
  std::vector<Slot> slots;
  std::vector<Step> steps;
};

// --- Journeys -----------------------------------------------------------------

enum class TriggerKind : uint8_t { Event, EnteredSegment, LeftSegment, Daily, Every };

struct Trigger {
  TriggerKind kind = TriggerKind::Event;
  uint32_t event = 0;         // Event: Program::events
  // `where`, invalid when none. Event: whether an arriving event starts a
  // run, with the event in kTriggerSlot; Daily, Every: whether the contact's
  // run starts.
  Call where;
  uint32_t segment = 0;       // Entered/LeftSegment: Program::segments
  Call membership;            // Entered/LeftSegment: the segment as written (bool, with its arguments)
  Call time;                  // Daily: the time of day (time)
  Quantity interval;          // Every: seconds
};

enum class ReentryKind : uint8_t { Once, Always, After };

struct Reentry {
  ReentryKind kind = ReentryKind::Once;
  Quantity after;  // After: seconds since the previous entry
};

// `exit when` and `goal`: a bool function. The bare-event form (`goal
// order_placed within 7d`) also keeps its event (else kNoIndex) and a
// `within D` window, for reports that count conversions after entry.
struct Condition {
  Call test;
  uint32_t event = kNoIndex;  // Program::events
  bool has_within = false;
  Quantity within;  // seconds
};

struct Journey {
  std::string name;
  const Symbol* symbol = nullptr;
  Trigger trigger;
  Call when;  // entry guard, invalid when none
  Reentry reentry;
  Condition exit_when;  // test invalid when none
  Condition goal;       // test invalid when none
  StepGraph graph;
};

// --- Campaigns ----------------------------------------------------------------

struct Campaign {
  std::string name;
  const Symbol* symbol = nullptr;
  Call audience;  // bool; invalid: every contact
  Call at;        // timestamp: when it goes out; invalid when not written
  Quantity attribution_click;  // seconds; default 5d
  Quantity attribution_open;   // seconds; default 1d
  StepGraph graph;  // run once per contact of the audience; step 0 is the entry
};

// --- Popups -------------------------------------------------------------------

enum class PopupTriggerKind : uint8_t { After, Scroll, ExitIntent };

struct PopupTrigger {
  PopupTriggerKind kind = PopupTriggerKind::After;
  Quantity amount;  // After: seconds; Scroll: percent scaled by 10^4
};

struct PopupDesign {
  std::string device;                 // mobile, desktop, tablet
  std::vector<NamedCall> values;      // title and any other design field
  std::vector<uint32_t> form_fields;  // `fields: [...]`: contact fields asked for
  uint32_t consent = kNoIndex;        // `consent: sms`: a `channel` value
};

struct Popup {
  std::string name;
  const Symbol* symbol = nullptr;
  Call target;  // `show to` (bool); invalid: every visitor
  std::vector<PopupTrigger> triggers;  // any of them opens it
  std::vector<PopupDesign> designs;
  bool has_submit = false;
  EmitAction on_submit;  // `on submit emit E { ... }`
};

// --- Coupon pools -------------------------------------------------------------

// What `issue coupon` does when its pool cannot issue (outside its issue
// window, at its limit or out of codes).
enum class ExhaustedKind : uint8_t { Skip, Fallback, StopJourney };

// A pool `issue coupon` names, with its settings.
struct CouponPool {
  std::string name;
  const Symbol* symbol = nullptr;
  std::string discount;    // as written, e.g. "10%" or "75 ILS" (for reports)
  std::string pattern;     // `codes generated "WELCOME-{A9:6}"`, else ""
  // `codes from "coupons/x.csv"`, resolved against the folder of the
  // declaring file; else "".
  std::string codes_file;
  int64_t limit = -1;  // -1 when no `limit`
  // `issue between D1 and D2`: days since 1970-01-01, both inclusive, in the
  // shop's zone (a date-time bound counts from its day).
  bool has_issue_window = false;
  int64_t issue_from_day = 0;
  int64_t issue_to_day = 0;
  int64_t valid_for = 0;  // seconds; 0 when no `valid for` (the code does not expire)
  ExhaustedKind exhausted = ExhaustedKind::Skip;
  uint32_t fallback = kNoIndex;  // Fallback: index in Program::coupons
};

// --- The sending policy -------------------------------------------------------

// `cap CHANNEL N per D`: at most `count` messages in any window of `period`.
struct CapRule {
  uint32_t channel = kNoIndex;  // a value of the built-in `channel` enum; kNoIndex: `all`
  int64_t count = 0;
  int64_t period = 0;  // seconds
};

struct Policy {
  bool has_quiet_hours = false;
  // Seconds since midnight; the span may cross midnight (21:00 to 09:00).
  int64_t quiet_from = 0;
  int64_t quiet_to = 0;
  std::vector<CapRule> caps;  // in source order
  int64_t sms_limit_segments = 0;  // 0 when not written
};

}  // namespace kairos::ir
