// The semantic model: what names refer to, every place a symbol is written,
// the types of expressions, calls, templates and the declarations.
#include "tests/unit/check_test_support.h"

namespace kairos::check_test {
namespace {

constexpr const char* kProject = R"(segment big_spenders = sum(order_placed.total within 30d) > 1000 ILS
segment browsed(cat: string) = count(page_viewed where category == cat within 14d) >= 3
coupon cart_10 { discount 10% codes generated "CART-{A9:6}" when exhausted fallback spare }
coupon spare { discount 5% codes generated "S-{A9:6}" }
journey abandoned_cart {
  trigger cart_abandoned as cart
  when big_spenders or browsed("dresses")
  wait until message_opened within 1d
    on message_opened { send email "x" { items: cart.items } }
  let c = issue coupon cart_10
  send sms "Hi {{contact.first_name ?? 'friend'}}, use {{c.code}} at {{cart.checkout_url}}"
  set contact.gender = female
  emit review_request { order_id: cart.cart_id }
}
extend schema { event review_request { order_id: string } }
)";

class CheckModel : public ::testing::Test {
 protected:
  void SetUp() override {
    run_ = RunCheck(kProject);
    ASSERT_TRUE(run_->sink.diagnostics().empty()) << run_->Dump();
  }
  const SemanticModel& model() const { return *run_->model; }
  std::unique_ptr<CheckRun> run_;
};

TEST_F(CheckModel, NamesResolveToTheirDeclarations) {
  const Symbol* total = run_->SymbolAt("total within");
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(total->kind, SymbolKind::Field);
  EXPECT_EQ(total->owner->name, "order_placed");
  EXPECT_EQ(total->name_range.file->path(), "schema.journey");

  const Symbol* category = run_->SymbolAt("category ==");
  ASSERT_NE(category, nullptr);
  EXPECT_EQ(category->owner->name, "page_viewed");
  const Symbol* cat = run_->SymbolAt("cat within");
  ASSERT_NE(cat, nullptr);
  EXPECT_EQ(cat->kind, SymbolKind::Parameter);
  EXPECT_EQ(cat, run_->SymbolAt("cat: string"));

  EXPECT_EQ(run_->SymbolAt("big_spenders or")->kind, SymbolKind::Segment);
  EXPECT_EQ(run_->SymbolAt("cart_10\n"), model().FindDeclaration(SymbolKind::Coupon, "cart_10"));
  EXPECT_EQ(run_->SymbolAt("spare }"), model().FindDeclaration(SymbolKind::Coupon, "spare"));
  EXPECT_EQ(run_->SymbolAt("message_opened {")->kind, SymbolKind::Event);
  EXPECT_EQ(run_->SymbolAt("sms \"Hi")->kind, SymbolKind::EnumValue);
  EXPECT_EQ(run_->SymbolAt("female")->owner, model().schema().contact->FindMember("gender")->type.element().symbol());
  EXPECT_EQ(run_->SymbolAt("order_id: cart")->owner->name, "review_request");
  EXPECT_EQ(run_->SymbolAt("code}}")->kind, SymbolKind::Property);
  EXPECT_EQ(run_->SymbolAt("first_name ??")->owner, model().schema().contact);

  // The trigger's `as` name: defined in the trigger, used in the steps.
  const Symbol* alias = run_->SymbolAt("cart\n");
  ASSERT_NE(alias, nullptr);
  EXPECT_EQ(alias->kind, SymbolKind::Local);
  EXPECT_EQ(alias->type.ToString(), "cart_abandoned");
  EXPECT_EQ(run_->SymbolAt("cart.items"), alias);
  EXPECT_EQ(run_->SymbolAt("cart.checkout_url"), alias);
}

TEST_F(CheckModel, ReferencesFindEveryOccurrenceForRename) {
  const Symbol* big = model().FindDeclaration(SymbolKind::Segment, "big_spenders");
  ASSERT_NE(big, nullptr);
  std::vector<Reference> uses = model().ReferencesTo(*big);
  ASSERT_EQ(uses.size(), 2u);
  EXPECT_TRUE(uses[0].is_definition);
  EXPECT_FALSE(uses[1].is_definition);
  EXPECT_EQ(TextOf(uses[1].range), "big_spenders");

  const Symbol* items = model().schema().FindEvent("cart_abandoned")->FindMember("items");
  std::vector<Reference> item_uses = model().ReferencesTo(*items);
  ASSERT_EQ(item_uses.size(), 2u);  // the schema's declaration and `cart.items`
  EXPECT_EQ(item_uses[0].range.file->path(), "schema.journey");
  EXPECT_TRUE(item_uses[0].is_definition);
  EXPECT_EQ(item_uses[1].range.file->path(), "test.journey");

  const Symbol* c = run_->SymbolAt("c = issue");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(model().ReferencesTo(*c).size(), 2u);  // `let c` and `{{c.code}}`
}

TEST_F(CheckModel, TypesOfExpressions) {
  const auto& big = Unparenthesized(*run_->Segment("big_spenders").body).As<ast::BinaryExpr>();
  EXPECT_EQ(run_->TypeOf(big), "bool");
  EXPECT_EQ(run_->TypeOf(*big.lhs), "money");
  EXPECT_EQ(run_->TypeOf(*big.rhs), "money");
  EXPECT_EQ(*model().TypeOf(*big.rhs), Type::Money("ILS"));

  const auto& journey = model().FindDeclaration(SymbolKind::Journey, "abandoned_cart")->decl->As<ast::JourneyDecl>();
  const auto& let = journey.items[3]->As<ast::LetStmt>();
  EXPECT_EQ(run_->TypeOf(*let.value), "coupon");
  const auto& send = journey.items[4]->As<ast::SendStmt>();
  const ParsedTemplate* parsed = model().TemplateOf(*send.message);
  ASSERT_NE(parsed, nullptr);
  std::vector<std::string> placeholder_types;
  for (const TemplatePart& part : parsed->parts) {
    if (part.is_placeholder) placeholder_types.push_back(run_->TypeOf(*part.expr));
  }
  EXPECT_EQ(placeholder_types, (std::vector<std::string>{"string", "string", "url"}));
}

TEST_F(CheckModel, CallsAndDeclarations) {
  const auto& browsed = Unparenthesized(*run_->Segment("browsed").body).As<ast::BinaryExpr>();
  const CallInfo* count = model().CallOf(browsed.lhs->As<ast::CallExpr>());
  ASSERT_NE(count, nullptr);
  EXPECT_EQ(count->kind, CallKind::History);
  EXPECT_EQ(count->event->name, "page_viewed");
  EXPECT_EQ(count->field, nullptr);

  const Symbol* segment = model().FindDeclaration(SymbolKind::Segment, "browsed");
  ASSERT_EQ(segment->members.size(), 1u);
  EXPECT_EQ(segment->members[0]->type.ToString(), "string");
  EXPECT_EQ(segment->type.ToString(), "bool");

  const Symbol* builtin = model().FindDeclaration(SymbolKind::Builtin, "recently_viewed");
  ASSERT_NE(builtin, nullptr);
  EXPECT_EQ(builtin->type.ToString(), "list<product>");
  EXPECT_FALSE(builtin->doc.empty());
  ASSERT_EQ(builtin->members.size(), 2u);
  EXPECT_EQ(builtin->members[1]->name, "n");

  EXPECT_NE(model().FindDeclaration(SymbolKind::Journey, "abandoned_cart"), nullptr);
  EXPECT_EQ(model().Declarations(SymbolKind::Coupon).size(), 2u);
  EXPECT_EQ(model().sms_segment_limit(), 3);
  EXPECT_NE(model().FindDeclaration(SymbolKind::Intrinsic, "exists"), nullptr);
}

TEST_F(CheckModel, IdentifiersOutsideExpressions) {
  const auto& journey = model().FindDeclaration(SymbolKind::Journey, "abandoned_cart")->decl->As<ast::JourneyDecl>();
  const auto& trigger = journey.items[0]->As<ast::TriggerStmt>();
  EXPECT_EQ(model().SymbolOf(trigger.event), model().schema().FindEvent("cart_abandoned"));
  const auto& emit = journey.items[6]->As<ast::EmitStmt>();
  EXPECT_EQ(model().SymbolOf(emit.event), model().schema().FindEvent("review_request"));
  EXPECT_EQ(model().SymbolOf(emit.fields->fields[0].name)->name, "order_id");
}

}  // namespace
}  // namespace kairos::check_test
