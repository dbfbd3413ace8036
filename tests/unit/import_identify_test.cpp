// `[identify]` in an import mapping (runtime/import): one `identify` event per
// contact, at the contact's earliest row and before its first event, with
// traits (records included) computed on that row; and examples/shop's mapping
// of the online-retail export, whose events the shop's schema must take.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli/frontend.h"
#include "compiler/ir/lower.h"
#include "runtime/events/load_events.h"
#include "runtime/import/import_csv.h"

namespace kairos::runtime {
namespace {

constexpr std::string_view kMapping = R"([rows]
contact  = int(Customer)
at       = time(Date, "%Y-%m-%d %H:%M")
group_by = Order
currency = "GBP"

[skip]
when = Order starts_with "C"

[event order_placed]
order_id = Order

[identify]
created_at       = time(Date, "%Y-%m-%d %H:%M")
first_order      = Order
email            = concat("customer-", int(Customer), "@example.com")
city             = City
consent.email    = true
consent.sms      = false
)";

ImportResult Import(std::string_view csv, std::string_view mapping_text = kMapping) {
  std::vector<MappingError> errors;
  ImportMapping mapping = ParseMapping(mapping_text, errors);
  EXPECT_TRUE(errors.empty()) << errors[0].line << ": " << errors[0].reason;
  return ImportCsv(csv, std::move(mapping));
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> Errors(std::string_view text) {
  std::vector<MappingError> errors;
  ParseMapping(text, errors);
  std::vector<std::string> out;
  for (const MappingError& error : errors) out.push_back(std::to_string(error.line) + ": " + error.reason);
  return out;
}

TEST(ImportIdentifyTest, OneIdentifyPerContactAtItsEarliestRowBeforeItsFirstEvent) {
  // Contact 7's rows are out of order in the file: its identify takes the
  // earliest (order 2, line 3), and comes before order 2 although both have
  // the same time.
  ImportResult result = Import(
      "Order,Date,Customer,City\n"
      "1,2011-10-06 16:20,7,Leeds\n"
      "2,2011-10-05 09:00,7,York\n"
      "3,2011-10-05 08:00,9,Bath\n"
      "1,2011-10-06 16:21,7,Leeds\n");
  EXPECT_TRUE(result.errors.empty()) << result.errors[0].reason;
  EXPECT_EQ(Lines(result.events),
            (std::vector<std::string>{
                "{\"type\":\"identify\",\"contact\":\"9\",\"at\":\"2011-10-05T08:00:00Z\",\"traits\":{\"created_at\":"
                "\"2011-10-05T08:00:00Z\",\"first_order\":\"3\",\"email\":\"customer-9@example.com\",\"city\":\"Bath\",\"consent\":{"
                "\"email\":true,\"sms\":false}}}",
                "{\"type\":\"order_placed\",\"contact\":\"9\",\"at\":\"2011-10-05T08:00:00Z\",\"order_id\":\"3\"}",
                "{\"type\":\"identify\",\"contact\":\"7\",\"at\":\"2011-10-05T09:00:00Z\",\"traits\":{\"created_at\":"
                "\"2011-10-05T09:00:00Z\",\"first_order\":\"2\",\"email\":\"customer-7@example.com\",\"city\":\"York\","
                "\"consent\":{\"email\":true,\"sms\":false}}}",
                "{\"type\":\"order_placed\",\"contact\":\"7\",\"at\":\"2011-10-05T09:00:00Z\",\"order_id\":\"2\"}",
                "{\"type\":\"order_placed\",\"contact\":\"7\",\"at\":\"2011-10-06T16:20:00Z\",\"order_id\":\"1\"}",
            }));
  EXPECT_EQ(result.stats.events, 5u);
  EXPECT_EQ(result.stats.events_by_type, (std::map<std::string, size_t>{{"identify", 2}, {"order_placed", 3}}));
}

TEST(ImportIdentifyTest, OnlyContactsWithAnEventAreIdentified) {
  // Contact 5 has only a cancellation (skipped); a row without a customer
  // names nobody; contact 6's earlier row is malformed, so its identity is
  // the row that made its event.
  ImportResult result = Import(
      "Order,Date,Customer,City\n"
      "C1,2011-10-06 16:20,5,Leeds\n"
      "2,2011-10-06 16:20,,Leeds\n"
      "3,2011-10-07 10:00,6,Bath\n"
      "4,2011-10-01 25:00,6,Bath\n");
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].line, 5);
  EXPECT_EQ(result.stats.events_by_type, (std::map<std::string, size_t>{{"identify", 1}, {"order_placed", 1}}));
  EXPECT_EQ(Lines(result.events)[0],
            "{\"type\":\"identify\",\"contact\":\"6\",\"at\":\"2011-10-07T10:00:00Z\",\"traits\":{\"created_at\":"
            "\"2011-10-07T10:00:00Z\",\"first_order\":\"3\",\"email\":\"customer-6@example.com\",\"city\":\"Bath\","
            "\"consent\":{\"email\":true,\"sms\":false}}}");
}

TEST(ImportIdentifyTest, ABadTraitIsABadRow) {
  const std::string mapping = std::string(kMapping) + "birthday = time(Birthday, \"%Y-%m-%d\")\n";
  ImportResult result = Import(
      "Order,Date,Customer,City,Birthday\n"
      "1,2011-10-06 16:20,7,Leeds,1980-02-30\n"
      "2,2011-10-07 16:20,7,Leeds,\n",
      mapping);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].line, 2);
  EXPECT_EQ(result.errors[0].reason,
            "trait `birthday`: column `Birthday` is \"1980-02-30\", which does not match the format \"%Y-%m-%d\"");
  // The good row still makes its order and the contact's identify; its empty
  // birthday is no value, so the trait is left out.
  EXPECT_EQ(result.stats.events_by_type, (std::map<std::string, size_t>{{"identify", 1}, {"order_placed", 1}}));
  EXPECT_EQ(result.events.find("birthday"), std::string::npos) << result.events;
}

TEST(ImportIdentifyTest, WithoutTheSectionNothingIsIdentified) {
  const std::string mapping(kMapping.substr(0, kMapping.find("[identify]")));
  ImportResult result = Import("Order,Date,Customer,City\n1,2011-10-06 16:20,7,Leeds\n", mapping);
  EXPECT_EQ(result.events,
            "{\"type\":\"order_placed\",\"contact\":\"7\",\"at\":\"2011-10-06T16:20:00Z\",\"order_id\":\"1\"}\n");
}

TEST(ImportIdentifyTest, MistakesInTheSection) {
  const std::string rows = "[rows]\ncontact = A\nat = time(B, \"%F\")\n[event x]\n";
  EXPECT_EQ(Errors(rows + "[identify]\nemail = A\n[identify]\n")[0], "7: a second `[identify]` section; keep one");
  EXPECT_EQ(Errors(rows + "[identify]\nwhen = A == \"x\"\n")[0],
            "6: `[identify]` takes the contact's fields only; who the contact is comes from `contact` in `[rows]`, "
            "and the time is that of the contact's first event");
  EXPECT_EQ(Errors(rows + "[identify]\nemail = A\nemail = B\n")[0], "7: trait `email` is set twice");
  EXPECT_EQ(Errors(rows + "[identify]\nconsent = A\nconsent.sms = true\n")[0],
            "7: `consent` is already a value; a record's fields are all written `consent.FIELD`");
  EXPECT_EQ(Errors(rows + "[identify]\nconsent.sms = true\nconsent.sms = false\n")[0],
            "7: trait `consent.sms` is set twice");
  EXPECT_EQ(Errors(rows + "[identify]\nSpend = A\n")[0].substr(0, 34), "6: `Spend` is not a contact field;");
  EXPECT_EQ(Errors(rows + "[identify]\norders = count()\n")[0].substr(0, 35), "6: `count` adds up the rows of a gr");
  EXPECT_EQ(Errors(rows + "[identify]\nspent = money(A)\n")[0],
            "6: `money(...)` without a currency needs `currency = \"GBP\"` (say) in `[rows]`");
}

TEST(ImportIdentifyTest, ColumnsOfTraitsAreCheckedAgainstTheHeader) {
  std::vector<MappingError> errors;
  ImportMapping mapping = ParseMapping(std::string(kMapping), errors);
  ASSERT_TRUE(errors.empty());
  ResolveColumns(mapping, {"Order", "Date", "Customer"}, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 17);
  EXPECT_EQ(errors[0].reason.substr(0, 30), "the file has no column `City`.");
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

// examples/shop/online_retail.mapping on lines as the UCI export writes them:
// every event fits the shop's schema (money in ILS, the contact's consent).
TEST(ImportIdentifyTest, TheShopsMappingOfTheOnlineRetailExportFitsTheShopsSchema) {
  const std::string shop = std::string(KAIROS_SOURCE_DIR) + "/examples/shop";
  std::vector<MappingError> mapping_errors;
  ImportMapping mapping = ParseMapping(ReadFile(shop + "/online_retail.mapping"), mapping_errors);
  ASSERT_TRUE(mapping_errors.empty()) << mapping_errors[0].line << ": " << mapping_errors[0].reason;
  ImportResult result = ImportCsv(
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
      "569901,23256,CHILDRENS CUTLERY SPACEBOY ,2,2011-10-06 16:20:00,4.15,12923.0,United Kingdom\n"
      "569901,POST,POSTAGE,1,2011-10-06 16:20:00,18.0,12923.0,United Kingdom\n"
      "C569950,23256,CHILDRENS CUTLERY SPACEBOY ,-2,2011-10-07 10:00:00,4.15,12923.0,United Kingdom\n"
      "565806,23275,SET OF 3 HANGING OWLS OLLIE BEAK,12,2011-09-07 10:51:00,1.25,,United Kingdom\n",
      std::move(mapping));
  ASSERT_TRUE(result.errors.empty()) << result.errors[0].line << ": " << result.errors[0].reason;
  EXPECT_EQ(result.stats.skipped_by_rule, 1u);
  EXPECT_EQ(result.stats.no_contact, 1u);
  // 2 x 4.15 GBP + 18.00 GBP = 26.30 GBP = 149.91 ILS at 5.7.
  EXPECT_EQ(Lines(result.events),
            (std::vector<std::string>{
                "{\"type\":\"identify\",\"contact\":\"12923\",\"at\":\"2011-10-06T15:20:00Z\",\"traits\":{"
                "\"created_at\":\"2011-10-06T15:20:00Z\",\"email\":\"customer-12923@example.com\",\"language\":\"en\","
                "\"consent\":{\"email\":true,\"sms\":false,\"whatsapp\":false},\"vip\":false,\"email_suppressed\":false,"
                "\"loyalty_points\":0}}",
                "{\"type\":\"order_placed\",\"contact\":\"12923\",\"at\":\"2011-10-06T15:20:00Z\",\"id\":\"569901\","
                "\"order_id\":\"569901\",\"total\":\"149.91 ILS\",\"payment_method\":\"unknown\",\"shipping_method\":"
                "\"unknown\",\"channel\":\"online\",\"items\":[{\"sku\":\"23256\",\"name\":\"CHILDRENS CUTLERY "
                "SPACEBOY \",\"category\":\"general\",\"quantity\":2,\"price\":\"23.655 ILS\"},{\"sku\":\"POST\","
                "\"name\":\"POSTAGE\",\"category\":\"general\",\"quantity\":1,\"price\":\"102.60 ILS\"}]}",
            }));

  auto frontend = cli::RunFrontend({shop}, true);
  ASSERT_FALSE(frontend->sink.has_errors());
  const ir::Program program = LowerPredicates(frontend->project, *frontend->model, frontend->sink);
  HistoryStore store(program);
  LoadResult loaded = LoadEvents(result.events, store, false);
  EXPECT_TRUE(loaded.errors.empty()) << loaded.errors[0].line << ": " << loaded.errors[0].reason;
  EXPECT_EQ(loaded.accepted, 2u);
}

}  // namespace
}  // namespace kairos::runtime
