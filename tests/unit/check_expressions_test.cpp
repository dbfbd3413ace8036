// Expressions and segments (LANGUAGE.md §2): names, history and list
// functions, operators, optionals, enums, and each rejection the
// specification lists, at its line and column, without cascades.
#include "tests/unit/check_test_support.h"

namespace kairos::check_test {
namespace {

using Diags = std::vector<std::string>;

// Checks `text` and returns its diagnostics as Kind@line:col.
Diags DiagnosticsOf(const std::string& text) { return RunCheck(text)->Diagnostics(); }

std::string MessageOf(const std::string& text, size_t index = 0) {
  auto run = RunCheck(text);
  if (run->sink.diagnostics().size() <= index) return "<no diagnostic>";
  return run->sink.diagnostics()[index].message;
}

TEST(CheckExpressions, UnknownNamesSuggestTheClosest) {
  EXPECT_EQ(DiagnosticsOf("segment big = sum(order_placed.total) > 1 ILS\n"
                          "segment s = contact.vip and bgi\n"),
            (Diags{"UnknownName@2:29"}));
  EXPECT_NE(MessageOf("segment big_spenders = contact.vip\nsegment s = big_spendrs\n")
                .find("Did you mean `big_spenders`?"),
            std::string::npos);
}

TEST(CheckExpressions, UnknownFieldsOfRecordsAndEvents) {
  EXPECT_EQ(DiagnosticsOf("segment s = contact.citty == \"Haifa\"\n"), (Diags{"UnknownField@1:21"}));
  EXPECT_NE(MessageOf("segment s = contact.citty == \"Haifa\"\n").find("Did you mean `city`?"),
            std::string::npos);
  EXPECT_EQ(DiagnosticsOf("segment s = sum(order_placed.totl) > 1 ILS\n"), (Diags{"UnknownField@1:30"}));
  EXPECT_EQ(DiagnosticsOf("segment s = exists(order_placed where totl > 1 ILS)\n"),
            (Diags{"UnknownName@1:39"}));
  EXPECT_EQ(DiagnosticsOf("segment s = today.mnth == 3\n"), (Diags{"UnknownField@1:19"}));
}

TEST(CheckExpressions, UnknownEventsInHistoryFunctions) {
  EXPECT_EQ(DiagnosticsOf("segment s = exists(order_plcaed within 3d)\n"), (Diags{"UnknownEvent@1:20"}));
  EXPECT_NE(MessageOf("segment s = exists(order_plcaed within 3d)\n").find("Did you mean `order_placed`?"),
            std::string::npos);
  EXPECT_EQ(DiagnosticsOf("segment s = sum(cart_abandond.value) > 1 ILS\n"), (Diags{"UnknownEvent@1:17"}));
}

TEST(CheckExpressions, MoneyComparedWithAPlainNumber) {
  const std::string text = "segment big = sum(order_placed.total within 30d) > 1000\n";
  EXPECT_EQ(DiagnosticsOf(text), (Diags{"MoneyComparedWithNumber@1:52"}));
  EXPECT_NE(MessageOf(text).find("write `1000 ILS`"), std::string::npos) << MessageOf(text);
}

TEST(CheckExpressions, MoneyOfTwoCurrencies) {
  EXPECT_EQ(DiagnosticsOf("segment s = sum(order_placed.total) > 10 EUR\n"),
            (Diags{"CurrencyMismatch@1:39"}));
  EXPECT_EQ(DiagnosticsOf("segment s = 10 EUR + 5 ILS > 0 ILS\n"), (Diags{"CurrencyMismatch@1:22"}));
}

TEST(CheckExpressions, DurationComparedWithTimestamp) {
  const std::string text = "segment s = last(order_placed)?.at < 60d\n";
  EXPECT_EQ(DiagnosticsOf(text), (Diags{"DurationComparedWithTimestamp@1:38"}));
  EXPECT_NE(MessageOf(text).find("`now - 60d`"), std::string::npos) << MessageOf(text);
  EXPECT_EQ(DiagnosticsOf("segment s = exists(order_placed since 3d)\n"),
            (Diags{"DurationComparedWithTimestamp@1:39"}));
}

TEST(CheckExpressions, OptionalsNeedSafeAccessOrADefault) {
  const std::string member = "segment s = contact.birthday.month == 5\n";
  EXPECT_EQ(DiagnosticsOf(member), (Diags{"OptionalNotHandled@1:13"}));
  EXPECT_NE(MessageOf(member).find("`contact.birthday?.month`"), std::string::npos) << MessageOf(member);

  const std::string aggregate = "segment s = avg(order_placed.total) > 400 ILS\n";
  EXPECT_EQ(DiagnosticsOf(aggregate), (Diags{"OptionalNotHandled@1:13"}));
  EXPECT_NE(MessageOf(aggregate).find("`(avg(order_placed.total) ?? 0 ILS) > 400 ILS`"), std::string::npos)
      << MessageOf(aggregate);

  EXPECT_EQ(DiagnosticsOf("segment s = contact.birthday?.month + 1 > 3\n"),
            (Diags{"OptionalNotHandled@1:13"}));
  // Accepted: `?.` chains in ordering comparisons, `??`, and `==` with null.
  EXPECT_EQ(DiagnosticsOf("segment s = last(order_placed)?.at < now - 60d\n"
                          "  and (avg(order_placed.total) ?? 0 ILS) > 400 ILS\n"
                          "  and contact.city != null and contact.city != \"Haifa\"\n"
                          "  and (contact.birthday?.month ?? 0) >= 3\n"
                          "  and last(order_placed)?.contact.city == \"Haifa\"\n"),
            Diags{});
  // A value that is never missing is never null.
  EXPECT_EQ(DiagnosticsOf("segment s = contact.vip != null\n"), (Diags{"TypeMismatch@1:13"}));
}

TEST(CheckExpressions, SegmentsThatReferToThemselves) {
  auto run = RunCheck("segment a = b\nsegment b = c or contact.vip\nsegment c = a\nsegment d = d\n");
  EXPECT_EQ(run->Diagnostics(), (Diags{"SegmentCycle@1:13", "SegmentCycle@4:13"})) << run->Dump();
  const Diagnostic& cycle = run->sink.diagnostics()[0];
  EXPECT_NE(cycle.message.find("a -> b -> c -> a"), std::string::npos) << cycle.message;
  EXPECT_EQ(cycle.notes.size(), 2u);
  EXPECT_EQ(DiagnosticsOf("segment p(n: int) = count(order_placed) > n or p(n)\n"),
            (Diags{"SegmentCycle@1:48"}));
}

TEST(CheckExpressions, WhereMustBeBool) {
  EXPECT_EQ(DiagnosticsOf("segment s = exists(order_placed where total)\n"), (Diags{"WhereNotBool@1:39"}));
}

TEST(CheckExpressions, EnumValuesWrittenBare) {
  EXPECT_EQ(DiagnosticsOf("segment s = contact.gender == female and female == contact.gender\n"
                          "  and contact.gender in [female, male]\n"
                          "  and exists(message_clicked where channel == email)\n"
                          "  and exists(page_viewed where device == mobile)\n"),
            Diags{});
  auto run = RunCheck("segment s = contact.gender == femal\n");
  ASSERT_EQ(run->Diagnostics(), (Diags{"UnknownEnumValue@1:31"}));
  const Diagnostic& d = run->sink.diagnostics()[0];
  EXPECT_NE(d.message.find("Did you mean `female`?"), std::string::npos);
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_NE(d.notes[0].message.find("female, male, other"), std::string::npos);
  EXPECT_EQ(DiagnosticsOf("segment s = exists(message_clicked where channel == emial)\n"),
            (Diags{"UnknownEnumValue@1:53"}));
}

TEST(CheckExpressions, WindowsAndWhereOnlyOnHistoryFunctions) {
  EXPECT_EQ(DiagnosticsOf("segment p(c: string) = contact.city == c\n"
                          "segment s = p(\"Haifa\" where true) and any(contact.tags within 3d, it == \"x\")\n"),
            (Diags{"WindowOnNonHistory@2:29", "WindowOnNonHistory@2:56"}));
}

TEST(CheckExpressions, SegmentsMustBeBool) {
  EXPECT_EQ(DiagnosticsOf("segment s = count(order_placed)\n"), (Diags{"ConditionNotBool@1:13"}));
  EXPECT_EQ(DiagnosticsOf("segment s = order_placed\n"), (Diags{"ConditionNotBool@1:13"}));
}

TEST(CheckExpressions, OtherTypeMismatches) {
  EXPECT_EQ(DiagnosticsOf("segment s = contact.city == 5\n"), (Diags{"TypeMismatch@1:29"}));
  EXPECT_NE(MessageOf("segment s = contact.gender == \"female\"\n").find("without quotes: `female`"),
            std::string::npos);
  EXPECT_EQ(DiagnosticsOf("segment s = contact.tags > 5\n"), (Diags{"TypeMismatch@1:13"}));
  EXPECT_EQ(DiagnosticsOf("segment s = contact.vip and 5 in contact.tags\n"), (Diags{"TypeMismatch@1:29"}));
  EXPECT_EQ(DiagnosticsOf("segment s = now + now > now\n"), (Diags{"TypeMismatch@1:19"}));
  EXPECT_EQ(DiagnosticsOf("segment s = sum(order_placed.coupon) > 0\n"), (Diags{"TypeMismatch@1:30"}));
}

TEST(CheckExpressions, NoCascades) {
  // Each mistake is reported once; what depends on it is silent.
  EXPECT_EQ(DiagnosticsOf("segment s = sum(order_plcaed.total) > 1000\n"), (Diags{"UnknownEvent@1:17"}));
  EXPECT_EQ(DiagnosticsOf("segment s = contact.nme == \"x\" and (contact.nme + 1) > 5 and not contact.nme\n"),
            (Diags{"UnknownField@1:21", "UnknownField@1:45", "UnknownField@1:74"}));
  EXPECT_EQ(DiagnosticsOf("segment s = exists(order_plcaed where total > 5 within 3d)\n"),
            (Diags{"UnknownEvent@1:20"}));
  EXPECT_EQ(DiagnosticsOf("segment s = contact.birthday.month + 3 > 5 ILS\n"), (Diags{"OptionalNotHandled@1:13"}));
  EXPECT_EQ(DiagnosticsOf("segment s = unknown_fn(contact.nme) > 3\n"), (Diags{"UnknownName@1:13"}));
  // A bare name compared with something already in error may be an enum value
  // of the unknown type: not reported again.
  EXPECT_EQ(DiagnosticsOf("segment s = contact.gendr == female or contact.gendr in [female, male]\n"
                          "  or female == contact.gendr\n"),
            (Diags{"UnknownField@1:21", "UnknownField@1:48", "UnknownField@2:24"}));
}

TEST(CheckExpressions, OperatorsAndTheirResults) {
  auto run = RunCheck(R"(segment s =
      sum(order_placed.total) + 5 ILS > 0 ILS
  and now - 60d < now
  and now - contact.created_at > 30d
  and sum(order_placed.total) * 10% > 5 ILS
  and 60d / 2 > 1d
  and count(order_placed) / 2 > 1.5
  and -count(order_placed) < 0
  and "vip" not in contact.tags
  and contact.email == "dana@example.com"
  and today.month_day == 1127 and contact.created_at.date < today and now.hour >= 9
)");
  EXPECT_TRUE(run->sink.diagnostics().empty()) << run->Dump();
  const auto& body = Unparenthesized(*run->Segment("s").body);
  EXPECT_EQ(run->TypeOf(body), "bool");
}

TEST(CheckExpressions, HistoryFunctionResultTypes) {
  auto run = RunCheck(R"(segment s = (sum(order_placed.total within 30d) ?? 0 ILS) > 0 ILS
segment t = (avg(page_viewed.duration) ?? 0s) > 0s
segment u = last(order_placed)?.total > 5 ILS
segment v = count(page_viewed where category == "x" since now - 1d) >= (max(order_placed.total)?.hour ?? 0)
)");
  // `max(order_placed.total)?.hour`: money has no hour.
  ASSERT_EQ(run->Diagnostics(), (Diags{"UnknownField@4:98"})) << run->Dump();

  auto types = RunCheck(R"(segment a = sum(order_placed.total within 30d) > 1 ILS
segment b = (avg(order_placed.total) ?? 0 ILS) > 1 ILS
segment c = last(order_placed)?.at < now
segment d = count(order_placed) > 1
segment e = (min(page_viewed.duration) ?? 0s) > 1s
)");
  ASSERT_TRUE(types->sink.diagnostics().empty()) << types->Dump();
  auto lhs = [&](const std::string& segment) -> const ast::Expr& {
    return *Unparenthesized(*types->Segment(segment).body).As<ast::BinaryExpr>().lhs;
  };
  auto coalesced = [&](const std::string& segment) -> const ast::Expr& {
    return *Unparenthesized(lhs(segment)).As<ast::BinaryExpr>().lhs;
  };
  EXPECT_EQ(types->TypeOf(lhs("a")), "money");
  EXPECT_EQ(types->TypeOf(coalesced("b")), "money?");
  EXPECT_EQ(types->TypeOf(lhs("b")), "money");
  EXPECT_EQ(types->TypeOf(lhs("c")), "timestamp?");
  EXPECT_EQ(types->TypeOf(*lhs("c").As<ast::MemberExpr>().object), "order_placed?");
  EXPECT_EQ(types->TypeOf(lhs("d")), "int");
  EXPECT_EQ(types->TypeOf(coalesced("e")), "duration?");
  const auto& sum = lhs("a").As<ast::CallExpr>();
  EXPECT_EQ(types->TypeOf(*sum.args[0].value), "money");
  EXPECT_EQ(types->TypeOf(*sum.args[0].value->As<ast::MemberExpr>().object), "event order_placed");
  const CallInfo* call = types->model->CallOf(sum);
  ASSERT_NE(call, nullptr);
  EXPECT_EQ(call->kind, CallKind::History);
  EXPECT_EQ(call->event->name, "order_placed");
  EXPECT_EQ(call->field->name, "total");
  EXPECT_EQ(call->callee->intrinsic, Intrinsic::Sum);
}

TEST(CheckExpressions, ListFunctionsSeeElementFields) {
  auto run = RunCheck(R"(segment s = exists(order_placed where any(items, category == "dresses") and all(items, it.quantity > 0))
  and (last(order_placed)?.total ?? 0 ILS) > 0 ILS
  and count(recently_viewed(contact, 3), in_stock) > 0
  and count(contact.tags) > 2
  and exists(order_placed where sum(items, price * quantity) > 100 ILS)
)");
  EXPECT_TRUE(run->sink.diagnostics().empty()) << run->Dump();
  EXPECT_EQ(DiagnosticsOf("segment s = any(contact.vip, it == \"x\")\n"), (Diags{"TypeMismatch@1:17"}));
  EXPECT_EQ(DiagnosticsOf("segment s = exists(order_placed where any(items, categry == \"x\"))\n"),
            (Diags{"UnknownName@1:50"}));
  EXPECT_EQ(DiagnosticsOf("segment s = exists(order_placed where any(items))\n"),
            (Diags{"WrongArgumentCount@1:39"}));
}

TEST(CheckExpressions, SegmentsAndBuiltinsAsCalls) {
  EXPECT_EQ(DiagnosticsOf("segment p(c: string, n: int) = count(page_viewed where category == c) >= n\n"
                          "segment s = p(\"dresses\", 3) and p(\"shoes\") and p(3, 3) and p\n"
                          "  and recently_viewed(contact) == [] and contact.city(3)\n"),
            (Diags{"WrongArgumentCount@2:33", "TypeMismatch@2:50", "WrongArgumentCount@2:60",
                   "WrongArgumentCount@3:7", "NotCallable@3:42"}));
}

}  // namespace
}  // namespace kairos::check_test
