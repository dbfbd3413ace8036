// The schema: one `schema` plus `extend schema`, types, defaults, the time
// zone, and what the model records of it.
#include "tests/unit/check_test_support.h"

namespace kairos::check_test {
namespace {

using Diags = std::vector<std::string>;

TEST(CheckSchema, ProjectWithoutSchemaIsMissingSchema) {
  // The contact's fields are unknown without a schema: not reported one by one.
  auto run = RunCheck({{"test.journey", "segment vip = contact.vip and exists(signed_up)\n"}},
                      /*with_schema=*/false);
  EXPECT_EQ(run->Diagnostics(), (Diags{"MissingSchema@-", "UnknownEvent@1:38"})) << run->Dump();
}

TEST(CheckSchema, SecondSchemaIsDuplicateWithNoteAtFirst) {
  auto run = RunCheck("schema other {\n}\n");
  ASSERT_EQ(run->Diagnostics(), (Diags{"DuplicateSchema@1:8"})) << run->Dump();
  const Diagnostic& d = run->sink.diagnostics()[0];
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].range.file->path(), "schema.journey");
  EXPECT_NE(d.message.find("extend schema"), std::string::npos);
}

TEST(CheckSchema, ExtendSchemaAddsEventsAndContactFields) {
  auto run = RunCheck(R"(extend schema {
  contact { loyalty: int = 0 }
  event review_submitted { order_id: string, stars: int }
}
segment loyal = contact.loyalty > 3 and exists(review_submitted where stars >= 4)
)");
  EXPECT_TRUE(run->sink.diagnostics().empty()) << run->Dump();
  const Schema& schema = run->model->schema();
  EXPECT_NE(schema.FindEvent("review_submitted"), nullptr);
  EXPECT_NE(schema.contact->FindMember("loyalty"), nullptr);
}

TEST(CheckSchema, DuplicateNamesAndFields) {
  auto run = RunCheck(R"(extend schema {
  record line_item { a: int }
  event ev { a: int, b: int, a: string, at: timestamp }
  record money { x: int }
  contact { vip: bool }
}
)");
  EXPECT_EQ(run->Diagnostics(), (Diags{"DuplicateDeclaration@2:10", "DuplicateDeclaration@4:10",
                                       "DuplicateField@3:30", "DuplicateField@3:41",
                                       "DuplicateField@5:13"}))
      << run->Dump();
  // The note points at the first declaration, in the other file.
  const Diagnostic& d = run->sink.diagnostics()[0];
  ASSERT_EQ(d.notes.size(), 1u);
  EXPECT_EQ(d.notes[0].range.file->path(), "schema.journey");
}

TEST(CheckSchema, UnknownTypesSuggestTheClosestName) {
  auto run = RunCheck(R"(extend schema {
  event ev { a: strng, b: list, c: map<int>, d: line_itme }
}
)");
  EXPECT_EQ(run->Diagnostics(),
            (Diags{"UnknownType@2:17", "UnknownType@2:27", "UnknownType@2:36", "UnknownType@2:49"}))
      << run->Dump();
  EXPECT_NE(run->sink.diagnostics()[0].message.find("Did you mean `string`?"), std::string::npos);
  EXPECT_NE(run->sink.diagnostics()[3].message.find("Did you mean `line_item`?"), std::string::npos);
}

TEST(CheckSchema, TimezoneMustBeAnIanaZone) {
  auto run = RunCheck({{"test.journey", "schema shop {\n  currency ILS\n  timezone \"Asia/Jerusalm\"\n}\n"}},
                      /*with_schema=*/false);
  ASSERT_EQ(run->Diagnostics(), (Diags{"InvalidTimezone@3:3"})) << run->Dump();
  EXPECT_NE(run->sink.diagnostics()[0].message.find("Did you mean `Asia/Jerusalem`?"), std::string::npos)
      << run->Dump();

  auto good = RunCheck({{"test.journey", "schema shop { timezone \"Europe/Warsaw\" }\n"}},
                       /*with_schema=*/false);
  EXPECT_TRUE(good->sink.diagnostics().empty()) << good->Dump();
  auto escape = RunCheck({{"test.journey", "schema shop { timezone \"../../etc/passwd\" }\n"}},
                         /*with_schema=*/false);
  EXPECT_EQ(escape->Diagnostics(), (Diags{"InvalidTimezone@1:15"}));
}

TEST(CheckSchema, DefaultsMustMatchTheirFieldType) {
  auto run = RunCheck(R"(extend schema {
  contact { loyalty: int = "x", points: money = 5, joined: date = 2026-01-01,
            level: enum { bronze, silver } = bronze, score: decimal = 1 }
}
)");
  EXPECT_EQ(run->Diagnostics(), (Diags{"DefaultTypeMismatch@2:28", "DefaultTypeMismatch@2:49"}))
      << run->Dump();
  EXPECT_NE(run->sink.diagnostics()[1].message.find("`5 ILS`"), std::string::npos) << run->Dump();
}

TEST(CheckSchema, EveryEventHasAtAndContact) {
  auto run = RunCheck(
      "segment s = last(signed_up)?.contact.city == \"Haifa\" and first(signed_up)?.at < now\n");
  EXPECT_TRUE(run->sink.diagnostics().empty()) << run->Dump();
  const Symbol* event = run->model->schema().FindEvent("signed_up");
  ASSERT_NE(event, nullptr);
  ASSERT_GE(event->members.size(), 3u);
  EXPECT_EQ(event->members[0]->name, "at");
  EXPECT_EQ(event->members[0]->type.ToString(), "timestamp");
  EXPECT_EQ(event->members[1]->name, "contact");
  EXPECT_EQ(event->members[1]->type.ToString(), "contact");
  EXPECT_EQ(event->members[2]->name, "source");
}

TEST(CheckSchema, ModelRecordsFieldsInOrderWithTypesDefaultsAndDocs) {
  auto run = RunCheck(R"(extend schema {
  /// Bought at least once in a shop.
  event store_visit {
    /// The shop's code.
    store: string
    spent: money?
    items: list<line_item>
  }
}
)");
  EXPECT_TRUE(run->sink.diagnostics().empty()) << run->Dump();
  const Schema& schema = run->model->schema();
  EXPECT_EQ(schema.name, "shop");
  EXPECT_EQ(schema.currency, "ILS");
  EXPECT_EQ(schema.timezone, "Asia/Jerusalem");

  const Symbol* contact = schema.contact;
  std::vector<std::string> names = contact->MemberNames();
  EXPECT_EQ(names, (std::vector<std::string>{"id", "email", "phone", "first_name", "gender", "city",
                                             "birthday", "created_at", "vip", "tags", "consent"}));
  EXPECT_EQ(contact->FindMember("email")->type.ToString(), "email?");
  EXPECT_EQ(contact->FindMember("gender")->type.ToString(), "enum { female, male, other }?");
  EXPECT_EQ(contact->FindMember("tags")->type.ToString(), "set<string>");
  EXPECT_EQ(contact->FindMember("consent")->type.ToString(), "{ email: bool, sms: bool, whatsapp: bool }");
  const Symbol* vip = contact->FindMember("vip");
  ASSERT_NE(vip->field, nullptr);
  EXPECT_NE(vip->field->default_value, nullptr);
  EXPECT_TRUE(contact->FindMember("id")->field->is_key);
  EXPECT_EQ(schema.product->FindMember("price")->type, Type::Money("ILS"));

  const Symbol* visit = schema.FindEvent("store_visit");
  ASSERT_NE(visit, nullptr);
  EXPECT_EQ(visit->doc, "Bought at least once in a shop.");
  EXPECT_EQ(visit->FindMember("store")->doc, "The shop's code.");
  EXPECT_EQ(visit->FindMember("spent")->type.ToString(), "money?");
  EXPECT_EQ(visit->FindMember("items")->type.ToString(), "list<line_item>");
  LineColumn at = visit->FindMember("spent")->name_range.file->Locate(visit->FindMember("spent")->name_range.begin);
  EXPECT_EQ(at.line, 6u);
  EXPECT_EQ(at.column, 5u);

  // The prelude's events come first, then the project's in order.
  ASSERT_FALSE(schema.events.empty());
  EXPECT_EQ(schema.events.front()->name, "message_sent");
  EXPECT_EQ(schema.events.back()->name, "store_visit");
  EXPECT_EQ(schema.channel->MemberNames(),
            (std::vector<std::string>{"email", "sms", "whatsapp", "push", "webhook"}));
}

}  // namespace
}  // namespace kairos::check_test
