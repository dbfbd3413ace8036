// Journeys lowered to step graphs: successors, slots, and functions whose
// params line up with the slots their calls pass, evaluated by the reference
// interpreter.
#include <gtest/gtest.h>

#include <map>

#include "check_test_support.h"
#include "compiler/ir/lower.h"
#include "runtime/events/load_events.h"
#include "runtime/events/scalars.h"
#include "runtime/interp/interpreter.h"

namespace kairos {
namespace {

using runtime::Value;

class IrJourneyTest : public ::testing::Test {
 protected:
  void Lower(const std::string& text) {
    run_ = check_test::RunCheck(text);
    ASSERT_FALSE(run_->sink.has_errors()) << run_->Dump();
    program_ = LowerPredicates(run_->project, *run_->model, run_->sink);
    ASSERT_FALSE(run_->sink.has_errors()) << run_->Dump();
    store_ = std::make_unique<runtime::HistoryStore>(program_);
    interpreter_ = std::make_unique<runtime::Interpreter>(*store_);
  }

  void Load(const std::string& events) {
    runtime::LoadResult result = runtime::LoadEvents(events, *store_, /*strict=*/true);
    ASSERT_TRUE(result.errors.empty()) << result.errors[0].reason;
  }

  const ir::Journey& Journey(const std::string& name) {
    const ir::Journey* journey = program_.FindJourney(name);
    EXPECT_NE(journey, nullptr) << name;
    return *journey;
  }

  const ir::Segment& Function(const ir::Call& call) {
    EXPECT_TRUE(call.valid());
    return program_.functions[call.function];
  }

  // Evaluates `call` with the values of the slots it passes.
  Value Call(const ir::Call& call, const std::map<uint32_t, Value>& slots, const std::string& now,
             const std::string& contact = "c") {
    std::vector<Value> args;
    for (uint32_t slot : call.args) {
      auto it = slots.find(slot);
      EXPECT_NE(it, slots.end()) << Function(call).name << " reads slot " << slot;
      args.push_back(it != slots.end() ? it->second : Value::Null());
    }
    return interpreter_->Call(store_->Contact(contact), Function(call), args, Instant(now));
  }

  static int64_t Instant(const std::string& text) { return *runtime::ParseRfc3339(text); }

  Value String(const std::string& text) { return Value::Scalar(store_->strings().Intern(text)); }
  Value Money(int64_t units) { return Value::Money(units * 10000, store_->strings().Intern("ILS")); }

  // A cart_abandoned event as a slot holds it: its columns in layout order.
  Value Cart(const std::string& at, int64_t value) {
    Value cart;
    cart.kind = Value::Kind::Record;
    cart.elements = {Value::Scalar(Instant(at)), String("c"), String("cart-1"), Money(value), Value{},
                     String("https://shop.example/cart")};
    cart.elements[4].kind = Value::Kind::List;
    return cart;
  }

  const ir::Step& StepOf(const ir::Journey& journey, ir::StepId id) { return journey.graph.steps.at(id); }

  std::unique_ptr<check_test::CheckRun> run_;
  ir::Program program_;
  std::unique_ptr<runtime::HistoryStore> store_;
  std::unique_ptr<runtime::Interpreter> interpreter_;
};

constexpr const char* kCoupon = R"(
coupon cart_10 {
  discount 10%
  codes generated "CART-{A9:6}"
}
)";

TEST_F(IrJourneyTest, TriggerFieldIsAMemberOfTheTriggerSlot) {
  Lower(R"(
journey carts {
  trigger cart_abandoned as cart
  if cart.value > 300 ILS { send email "big" } else { send email "small" }
}
)");
  const ir::Journey& journey = Journey("carts");
  ASSERT_EQ(journey.graph.slots.size(), 2u);
  EXPECT_EQ(journey.graph.slots[ir::kTriggerSlot].name, "cart");
  const ir::Step& branch = StepOf(journey, 1);
  ASSERT_EQ(branch.kind(), ir::StepKind::Branch);
  const ir::Call& condition = branch.As<ir::BranchStep>().arms.at(0).condition;
  EXPECT_EQ(program_.FindFunction("carts.step 1.if"), &Function(condition));
  EXPECT_EQ(condition.args, std::vector<uint32_t>{ir::kTriggerSlot});
  ASSERT_EQ(Function(condition).params.size(), 1u);
  EXPECT_EQ(Function(condition).params[0].name, "cart");

  const std::string now = "2026-03-01T12:00:00Z";
  EXPECT_EQ(Call(condition, {{ir::kTriggerSlot, Cart("2026-03-01T10:00:00Z", 400)}}, now).scalar, 1);
  EXPECT_EQ(Call(condition, {{ir::kTriggerSlot, Cart("2026-03-01T10:00:00Z", 200)}}, now).scalar, 0);
}

TEST_F(IrJourneyTest, ExitWhenReadsTheTriggerEventsInstant) {
  Lower(R"(
journey carts {
  trigger cart_abandoned as cart
  exit when order_placed since cart.at
  wait 1d
  send email "reminder"
}
)");
  Load(R"({"type":"order_placed","contact":"c","at":"2026-03-01T11:00:00Z","order_id":"o1","total":"90 ILS","items":[],"payment_method":"card","shipping_method":"post","channel":"online"})"
       "\n");
  const ir::Journey& journey = Journey("carts");
  const ir::Condition& exit = journey.exit_when;
  EXPECT_EQ(Function(exit.test).name, "carts.exit_when");
  EXPECT_EQ(exit.event, static_cast<uint32_t>(program_.EventIndex(run_->model->schema().FindEvent("order_placed"))));
  const std::string now = "2026-03-01T12:00:00Z";
  // The order came after the cart was left: exit. A cart left after it: stay.
  EXPECT_EQ(Call(exit.test, {{ir::kTriggerSlot, Cart("2026-03-01T10:00:00Z", 100)}}, now).scalar, 1);
  EXPECT_EQ(Call(exit.test, {{ir::kTriggerSlot, Cart("2026-03-01T11:30:00Z", 100)}}, now).scalar, 0);
}

TEST_F(IrJourneyTest, EnteredIsSlotZero) {
  Lower(R"(
journey welcome {
  trigger signed_up
  wait 3d
  if not exists(order_placed since entered) { send sms "Come back" }
}
)");
  Load(R"({"type":"order_placed","contact":"c","at":"2026-03-02T00:00:00Z","order_id":"o1","total":"90 ILS","items":[],"payment_method":"card","shipping_method":"post","channel":"online"})"
       "\n");
  const ir::Journey& journey = Journey("welcome");
  // Without `as` the trigger's event still has its slot, named after the event.
  ASSERT_EQ(journey.graph.slots.size(), 2u);
  EXPECT_EQ(journey.graph.slots[ir::kTriggerSlot].name, "signed_up");
  const ir::Call& condition = StepOf(journey, 2).As<ir::BranchStep>().arms.at(0).condition;
  EXPECT_EQ(condition.args, std::vector<uint32_t>{ir::kEnteredSlot});
  const std::string now = "2026-03-04T00:00:00Z";
  EXPECT_EQ(Call(condition, {{ir::kEnteredSlot, Value::Scalar(Instant("2026-03-01T00:00:00Z"))}}, now).scalar, 0);
  EXPECT_EQ(Call(condition, {{ir::kEnteredSlot, Value::Scalar(Instant("2026-03-03T00:00:00Z"))}}, now).scalar, 1);
}

TEST_F(IrJourneyTest, LetAndIssuedCouponsAreSlots) {
  Lower(std::string(kCoupon) + R"(
journey coupons {
  trigger cart_abandoned as cart
  let c = issue coupon cart_10
  let doubled = cart.value * 2
  send email "code" { code: c.code, doubled: doubled }
  send sms "Or {{(issue coupon cart_10).code}}"
}
)");
  const ir::Journey& journey = Journey("coupons");
  // entered, cart, c, doubled, the hoisted coupon.
  ASSERT_EQ(journey.graph.slots.size(), 5u);
  EXPECT_EQ(journey.graph.slots[2].kind, ir::SlotKind::Let);
  EXPECT_EQ(journey.graph.slots[4].kind, ir::SlotKind::Coupon);

  const auto& issue = std::get<ir::IssueAction>(StepOf(journey, 1).As<ir::ActionStep>().action);
  EXPECT_EQ(program_.coupons.at(issue.pool).name, "cart_10");
  EXPECT_EQ(issue.slot, 2u);

  const auto& let = std::get<ir::LetAction>(StepOf(journey, 2).As<ir::ActionStep>().action);
  EXPECT_EQ(let.slot, 3u);
  const std::string now = "2026-03-01T12:00:00Z";
  const Value doubled = Call(let.value, {{ir::kTriggerSlot, Cart(now, 150)}}, now);
  EXPECT_EQ(doubled.scalar, 300 * 10000);

  const auto& send = std::get<ir::SendAction>(StepOf(journey, 3).As<ir::ActionStep>().action);
  ASSERT_EQ(send.data.size(), 2u);
  Value coupon;
  coupon.kind = Value::Kind::Record;
  coupon.elements = {String("CART-ABC123"), Value::Scalar(Instant("2026-03-04T12:00:00Z"))};
  EXPECT_EQ(send.data[0].value.args, std::vector<uint32_t>{2});
  EXPECT_EQ(Call(send.data[0].value, {{2, coupon}}, now).scalar, String("CART-ABC123").scalar);
  EXPECT_EQ(Call(send.data[1].value, {{3, doubled}}, now).scalar, 300 * 10000);

  // The coupon inside the SMS is issued by a step of its own, just before.
  const auto& hoisted = std::get<ir::IssueAction>(StepOf(journey, 4).As<ir::ActionStep>().action);
  EXPECT_EQ(hoisted.slot, 4u);
  const auto& sms = std::get<ir::SendAction>(StepOf(journey, 5).As<ir::ActionStep>().action);
  ASSERT_EQ(sms.body.size(), 2u);
  EXPECT_EQ(sms.body[0].text, "Or ");
  EXPECT_EQ(Call(sms.body[1].value, {{4, coupon}}, now).scalar, String("CART-ABC123").scalar);
}

TEST_F(IrJourneyTest, WhereOfTriggerAndWaitUntilReadTheCandidate) {
  Lower(R"(
journey carts {
  trigger cart_abandoned as cart where value > 100 ILS
  wait until order_placed where total >= cart.value within 2d
    on timeout { send email "reminder" }
}
)");
  const ir::Journey& journey = Journey("carts");
  const std::string now = "2026-03-01T12:00:00Z";
  const ir::Call& where = journey.trigger.where;
  EXPECT_EQ(Function(where).name, "carts.trigger.where");
  EXPECT_EQ(where.args, std::vector<uint32_t>{ir::kTriggerSlot});
  EXPECT_EQ(Call(where, {{ir::kTriggerSlot, Cart(now, 150)}}, now).scalar, 1);
  EXPECT_EQ(Call(where, {{ir::kTriggerSlot, Cart(now, 50)}}, now).scalar, 0);

  const ir::Step& wait = StepOf(journey, 1);
  ASSERT_EQ(wait.kind(), ir::StepKind::WaitUntil);
  const ir::WaitUntilStep& until = wait.As<ir::WaitUntilStep>();
  ASSERT_EQ(until.arms.size(), 1u);
  const ir::WaitArm& arm = until.arms[0];
  EXPECT_FALSE(arm.own_messages);
  EXPECT_EQ(journey.graph.slots.at(arm.slot).kind, ir::SlotKind::Awaited);
  EXPECT_EQ(arm.where.args, (std::vector<uint32_t>{ir::kTriggerSlot, arm.slot}));
  auto order = [&](int64_t total) {
    Value o;
    o.kind = Value::Kind::Record;
    o.elements = {Value::Scalar(Instant(now)), String("c"), String("o1"), Money(total), Value{}, Value{},
                  String("card"), String("post"), Value::Scalar(0)};
    return o;
  };
  EXPECT_EQ(Call(arm.where, {{ir::kTriggerSlot, Cart(now, 150)}, {arm.slot, order(200)}}, now).scalar, 1);
  EXPECT_EQ(Call(arm.where, {{ir::kTriggerSlot, Cart(now, 150)}, {arm.slot, order(100)}}, now).scalar, 0);

  // An order ends the wait and the run; the timeout sends first.
  EXPECT_TRUE(until.has_timeout);
  EXPECT_EQ(until.timeout.value, 2 * 86400);
  const ir::StepId end = static_cast<ir::StepId>(journey.graph.steps.size() - 1);
  EXPECT_EQ(arm.next, end);
  EXPECT_EQ(until.timeout_next, 2u);
  EXPECT_EQ(StepOf(journey, 2).As<ir::ActionStep>().next, end);
}

TEST_F(IrJourneyTest, BlocksRejoinAfterTheirStep) {
  Lower(R"(
journey flow {
  trigger signed_up
  if contact.vip { send email "vip" } else if contact.city == "Haifa" { exit }
  split 50% { send email "a" } 50% { }
  send email "after"
}
)");
  const ir::Journey& journey = Journey("flow");
  // 0 entry, 1 branch, 2 send vip, 3 exit, 4 split, 5 send a, 6 send after, 7 end.
  ASSERT_EQ(journey.graph.steps.size(), 8u);
  const auto& branch = StepOf(journey, 1).As<ir::BranchStep>();
  EXPECT_EQ(branch.arms[0].next, 2u);
  EXPECT_EQ(branch.arms[1].next, 3u);
  EXPECT_EQ(branch.else_next, 4u);
  EXPECT_EQ(StepOf(journey, 2).As<ir::ActionStep>().next, 4u);
  EXPECT_TRUE(StepOf(journey, 3).As<ir::ExitStep>().written);
  const auto& split = StepOf(journey, 4).As<ir::SplitStep>();
  EXPECT_EQ(split.arms[0].percent, 50 * 10000);
  EXPECT_EQ(split.arms[0].next, 5u);
  EXPECT_EQ(split.arms[1].next, 6u);
  EXPECT_EQ(StepOf(journey, 5).As<ir::ActionStep>().next, 6u);
  EXPECT_EQ(StepOf(journey, 6).As<ir::ActionStep>().next, 7u);
  EXPECT_FALSE(StepOf(journey, 7).As<ir::ExitStep>().written);
}

TEST_F(IrJourneyTest, CampaignAndPopupClauses) {
  Lower(std::string(kCoupon) + R"(
campaign sale {
  audience contact.vip
  at 2026-11-27 09:00
  send email "sale" { code: (issue coupon cart_10).code }
  attribution 3d after click
}

popup join {
  show to anonymous
  trigger after 10s or scroll 50%
  on mobile { title: "Join", fields: [phone], consent: sms }
  on submit emit newsletter_subscribed { source: "popup" }
}
)");
  const ir::Campaign& sale = program_.campaigns.at(0);
  EXPECT_EQ(sale.attribution_click.value, 3 * 86400);
  EXPECT_EQ(sale.attribution_open.value, 86400);  // the default
  // 09:00 in the schema's zone (Asia/Jerusalem, UTC+2 in November).
  EXPECT_EQ(Call(sale.at, {}, "2026-01-01T00:00:00Z").scalar, Instant("2026-11-27T07:00:00Z"));
  // 0 entry, 1 the coupon of the send, 2 send, 3 end.
  ASSERT_EQ(sale.graph.steps.size(), 4u);
  EXPECT_EQ(std::get<ir::IssueAction>(sale.graph.steps[1].As<ir::ActionStep>().action).slot, 0u);
  EXPECT_EQ(std::get<ir::SendAction>(sale.graph.steps[2].As<ir::ActionStep>().action).data.at(0).value.args,
            std::vector<uint32_t>{0});

  const ir::Popup& join = program_.popups.at(0);
  EXPECT_EQ(Call(join.target, {}, "2026-01-01T00:00:00Z", "visitor").scalar, 1);  // nobody identified it
  ASSERT_EQ(join.triggers.size(), 2u);
  EXPECT_EQ(join.triggers[0].amount.value, 10);
  EXPECT_EQ(join.triggers[1].kind, ir::PopupTriggerKind::Scroll);
  EXPECT_EQ(join.triggers[1].amount.value, 50 * 10000);
  const ir::PopupDesign& mobile = join.designs.at(0);
  const Symbol* contact = run_->model->schema().contact;
  ASSERT_EQ(mobile.form_fields.size(), 1u);
  EXPECT_EQ(contact->members.at(mobile.form_fields[0])->name, "phone");
  EXPECT_EQ(program_.channel->members.at(mobile.consent)->name, "sms");
  ASSERT_TRUE(join.has_submit);
  EXPECT_EQ(program_.events.at(join.on_submit.event).name, "newsletter_subscribed");
  EXPECT_EQ(Call(join.on_submit.fields.at(0).value, {}, "2026-01-01T00:00:00Z").scalar, String("popup").scalar);
}

TEST_F(IrJourneyTest, ContactDefaultsAreConstants) {
  Lower("segment anyone = true\n");
  const Symbol* contact = run_->model->schema().contact;
  ASSERT_EQ(program_.contact_defaults.size(), contact->members.size());
  const uint32_t vip = static_cast<uint32_t>(
      std::find(contact->members.begin(), contact->members.end(), contact->FindMember("vip")) -
      contact->members.begin());
  const ir::NodeId id = program_.contact_defaults[vip];
  ASSERT_NE(id, ir::kNoNode);
  EXPECT_EQ(program_.node(id).op, ir::Op::Const);
  EXPECT_EQ(interpreter_->Evaluate(store_->Contact("c"), id, 0).scalar, 0);
  EXPECT_EQ(program_.contact_defaults[0], ir::kNoNode);  // the key has none
}

}  // namespace
}  // namespace kairos
