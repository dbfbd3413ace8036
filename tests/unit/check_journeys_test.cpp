// Journeys (LANGUAGE.md §3): triggers, clauses, steps, message templates,
// and each rejection the specification lists, at its line and column.
#include "tests/unit/check_test_support.h"

namespace kairos::check_test {
namespace {

using Diags = std::vector<std::string>;

constexpr const char* kPools = R"(
coupon cart_10 { discount 10% codes generated "CART-{A9:6}" }
)";

std::unique_ptr<CheckRun> RunJourney(const std::string& text, const CheckOptions& options = {}) {
  return RunCheck({{"test.journey", text}, {"pools.journey", kPools}}, /*with_schema=*/true, options);
}

Diags DiagnosticsOf(const std::string& text) { return RunJourney(text)->Diagnostics(); }

TEST(CheckJourneys, ExactlyOneTrigger) {
  EXPECT_EQ(DiagnosticsOf("journey j {\n  when contact.vip\n}\n"), (Diags{"MissingTrigger@1:9"}));
  auto run = RunJourney("journey j {\n  trigger signed_up\n  trigger order_placed\n}\n");
  ASSERT_EQ(run->Diagnostics(), (Diags{"DuplicateClause@3:3"}));
  ASSERT_EQ(run->sink.diagnostics()[0].notes.size(), 1u);
  LineColumn first = run->File("test.journey").Locate(run->sink.diagnostics()[0].notes[0].range.begin);
  EXPECT_EQ(first.line, 2u);
}

TEST(CheckJourneys, ClausesOnceEachAndBool) {
  EXPECT_EQ(DiagnosticsOf(R"(journey j {
  trigger cart_abandoned as cart
  goal 5
  exit when cart.value
  goal order_placed within 7d
  when contact.vip
  when contact.vip
  reentry after 3
}
)"),
            (Diags{"ConditionNotBool@3:8", "ConditionNotBool@4:13", "DuplicateClause@5:3",
                   "DuplicateClause@7:3", "TypeMismatch@8:17"}));
}

TEST(CheckJourneys, BareEventConditionsMeanExists) {
  auto run = RunJourney(R"(journey j {
  trigger cart_abandoned as cart
  exit when order_placed since cart.at
  goal order_placed within 7d
}
)");
  ASSERT_TRUE(run->sink.diagnostics().empty()) << run->Dump();
  const auto& journey = run->model->FindDeclaration(SymbolKind::Journey, "j")->decl->As<ast::JourneyDecl>();
  const auto& exit_when = journey.items[1]->As<ast::ConditionStmt>();
  const Symbol* event = run->model->EventConditionOf(*exit_when.condition);
  ASSERT_NE(event, nullptr);
  EXPECT_EQ(event->name, "order_placed");
  EXPECT_EQ(run->TypeOf(*exit_when.condition), "bool");

  EXPECT_EQ(DiagnosticsOf("journey j {\n  trigger signed_up\n  goal ordr_placed within 7d\n"
                          "  exit when contact.vip within 3d\n}\n"),
            (Diags{"UnknownEvent@3:8", "WindowOnNonHistory@4:25"}));
}

TEST(CheckJourneys, WaitsNeedPositiveDurations) {
  EXPECT_EQ(DiagnosticsOf("journey j {\n  trigger signed_up\n  wait 0s\n  wait -1h\n  wait 4h\n"
                          "  wait 3\n  wait 1d 12h\n}\n"),
            (Diags{"NonPositiveWait@3:8", "NonPositiveWait@4:8", "TypeMismatch@6:8"}));
}

TEST(CheckJourneys, WaitUntilArmsMustBeTheAwaitedEvent) {
  EXPECT_EQ(DiagnosticsOf(R"(journey j {
  trigger signed_up
  wait until message_opened where channel == email within 1d
    on timeout { send email "a" }
    on message_opened { send email "b" }
    on order_placed { exit }
    on mesage_opened { exit }
  wait until 09:00
  wait until entered + 1d
  wait until mesage_clicked within 1d
  wait until message_clicked
    on timeout { exit }
  wait until message_clicked within 0s
}
)"),
            (Diags{"OnArmNotAwaited@6:8", "UnknownEvent@7:8", "UnknownEvent@10:14", "OnArmNotAwaited@12:5",
                   "NonPositiveWait@13:37"}));
}

TEST(CheckJourneys, SplitsAddUpToAHundredPercent) {
  EXPECT_EQ(DiagnosticsOf("journey j {\n  trigger signed_up\n  split 50% { exit } 40% { }\n"
                          "  split 33.5% { } 66.5% { }\n}\n"),
            (Diags{"SplitNotHundred@3:3"}));
}

TEST(CheckJourneys, SendChannelsAndTemplates) {
  auto run = RunJourney(R"(journey j {
  trigger cart_abandoned as cart
  send emial "x"
  send sms "Hi {{contact.frist_name ?? 'you'}}, see {{cart.checkout_ur}}"
  send whatsapp "Hi {{contact.first_name}}"
  send email "cart" { items: cart.items, cta: cart.checkout_url, total: cart.value }
  send whatsapp template "cart_coupon" { code: (issue coupon cart_10).code }
  notify "sales@shop.example" "Cart {{cart.cart_id}} of {{cart.value}} by {{contact.id}}"
}
)");
  EXPECT_EQ(run->Diagnostics(), (Diags{"UnknownChannel@3:8", "TemplateUnknownField@4:26",
                                       "TemplateUnknownField@4:60", "OptionalNotHandled@5:23"}))
      << run->Dump();
  EXPECT_NE(run->sink.diagnostics()[0].message.find("Did you mean `email`?"), std::string::npos);
  EXPECT_NE(run->sink.diagnostics()[1].message.find("Did you mean `first_name`?"), std::string::npos);
}

TEST(CheckJourneys, SmsBodiesMustFitTheSegmentLimit) {
  const std::string long_body(200, 'a');  // two GSM-7 segments
  const std::string journey =
      "journey j {\n  trigger signed_up\n  send sms \"" + long_body + " {{contact.id}}\"\n}\n";
  CheckOptions one_segment;
  one_segment.default_sms_segment_limit = 1;
  auto strict = RunJourney(journey, one_segment);
  ASSERT_EQ(strict->Diagnostics(), (Diags{"SmsTooLong@3:12"}));
  EXPECT_NE(strict->sink.diagnostics()[0].message.find("2 segments"), std::string::npos)
      << strict->Dump();
  EXPECT_TRUE(RunJourney(journey)->sink.diagnostics().empty());

  // The policy's limit wins over the option.
  auto policy = RunCheck({{"test.journey", journey + "policy { sms limit 1 segments }\n"},
                          {"pools.journey", kPools}});
  EXPECT_EQ(policy->Diagnostics(), (Diags{"SmsTooLong@3:12"}));
  // Hebrew is UCS-2: 70 characters a segment.
  const std::string hebrew = "journey j {\n  trigger signed_up\n  send sms \"" + std::string(40, ' ') +
                             [] { std::string s; for (int i = 0; i < 40; ++i) s += "\xD7\xA9"; return s; }() +
                             "\"\n}\n";
  EXPECT_EQ(RunJourney(hebrew, one_segment)->Diagnostics(), (Diags{"SmsTooLong@3:12"}));
}

TEST(CheckJourneys, CouponsAndTheirValues) {
  auto run = RunJourney(R"(journey j {
  trigger signed_up
  let c = issue coupon cart_10
  send sms "Your code {{c.code}} expires {{c.expires_at}}"
  issue coupon cart_01
  let d = issue coupon cart_01
  send email "x" { code: c.cod }
  send sms "{{c}}"
}
)");
  EXPECT_EQ(run->Diagnostics(), (Diags{"UnknownCouponPool@5:16", "UnknownCouponPool@6:24",
                                       "UnknownField@7:28", "TypeMismatch@8:15"}))
      << run->Dump();
  EXPECT_NE(run->sink.diagnostics()[0].message.find("Did you mean `cart_10`?"), std::string::npos);
}

TEST(CheckJourneys, ContactUpdatesTagsAndScores) {
  EXPECT_EQ(DiagnosticsOf(R"(journey j {
  trigger signed_up
  tag contact "new"
  untag contact 5
  set contact.vip = true
  set contact.vip = 3
  set contact.vipp = true
  set contact.gender = other
  set contact.gender = othr
  set contact.gendr = other
  set contact.city = null
  set contact.consent.sms = false
  set contact.id = "x"
  set now = 3
  score +10
  score "x"
}
)"),
            (Diags{"TypeMismatch@4:17", "TypeMismatch@6:21", "UnknownField@7:15", "UnknownEnumValue@9:24",
                   "UnknownField@10:15", "TypeMismatch@13:7", "TypeMismatch@14:7", "TypeMismatch@16:9"}));
}

TEST(CheckJourneys, EmittedEventsAndTheirFields) {
  EXPECT_EQ(DiagnosticsOf(R"(journey j {
  trigger signed_up
  emit newsletter_subscribed { source: "journey" }
  emit newsletter_subscribed { source: 5, extra: 1 }
  emit newsletter_subscribd { }
  emit back_in_stock { }
}
)"),
            (Diags{"TypeMismatch@4:40", "UnknownField@4:43", "UnknownEvent@5:8", "TypeMismatch@6:8"}));
}

TEST(CheckJourneys, StepsAfterExitAreUnreachable) {
  EXPECT_EQ(DiagnosticsOf(R"(journey j {
  trigger signed_up
  if contact.vip { exit send email "never" }
  send email "reached"
  exit
  send email "never"
  send email "never either"
}
)"),
            (Diags{"UnreachableStep@3:25", "UnreachableStep@6:3"}));
}

TEST(CheckJourneys, Triggers) {
  EXPECT_EQ(DiagnosticsOf(R"(segment big = sum(order_placed.total) > 1000 ILS
segment browsed(cat: string) = exists(page_viewed where category == cat)
journey a { trigger entered_segment big_spendrs }
journey b { trigger left_segment browsed("dresses") }
journey c { trigger daily at 5 }
journey d { trigger every 1d where contact.vip }
journey e { trigger every 0s }
journey f { trigger ordr_placed as o where o.total > 5 ILS }
journey g { trigger page_viewed as v where v.sku != null and category == "x" and duration > 5 }
)"),
            (Diags{"UnknownName@3:37", "TypeMismatch@5:30", "NonPositiveWait@7:27", "UnknownEvent@8:21",
                   "TypeMismatch@9:93"}));
}

TEST(CheckJourneys, LetNamesAreVisibleAfterTheLetInItsBlock) {
  EXPECT_EQ(DiagnosticsOf(R"(journey j {
  trigger order_placed as o
  score early
  let early = 1
  if o.total > 5 ILS { let big = true  score early }
  if big { exit }
  let early = 2
}
)"),
            (Diags{"UnknownName@3:9", "UnknownName@6:6", "DuplicateDeclaration@7:7"}));
}

}  // namespace
}  // namespace kairos::check_test
