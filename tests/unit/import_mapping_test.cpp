// The mapping file of `kairos import csv`: what it means, and every mistake
// reported with its line and what to write instead.
#include <gtest/gtest.h>

#include "runtime/import/mapping.h"

namespace kairos::runtime {
namespace {

constexpr std::string_view kRows = R"([rows]
contact = int(CustomerID)
at = time(InvoiceDate, "%Y-%m-%d %H:%M:%S", "Europe/London")
)";

// The errors of `text`, as "LINE: reason".
std::vector<std::string> Errors(std::string_view text) {
  std::vector<MappingError> errors;
  ParseMapping(text, errors);
  std::vector<std::string> out;
  for (const MappingError& error : errors) out.push_back(std::to_string(error.line) + ": " + error.reason);
  return out;
}

TEST(ImportMappingTest, SectionsFieldsAndLists) {
  std::vector<MappingError> errors;
  ImportMapping mapping = ParseMapping(std::string(kRows) + R"(group_by = InvoiceNo   # one event per invoice
currency = "GBP"
delimiter = ";"

[skip]
when = InvoiceNo starts_with "C" and not Country == "EIRE"

[event order_placed]
id = InvoiceNo
total = money(sum(Quantity * UnitPrice))
lines = count()
note = "a # is text inside quotes"
items.sku = `Stock Code`
items.price = money(UnitPrice, Currency)
)",
                                       errors);
  ASSERT_TRUE(errors.empty()) << errors[0].line << ": " << errors[0].reason;
  EXPECT_EQ(mapping.delimiter, ';');
  EXPECT_EQ(mapping.currency, "GBP");
  EXPECT_TRUE(mapping.grouped);
  EXPECT_EQ(mapping.contact.kind, MapExpr::Kind::Int);
  EXPECT_EQ(mapping.at.zone, "Europe/London");
  ASSERT_EQ(mapping.rules.size(), 2u);
  const MapRule& skip = mapping.rules[0];
  EXPECT_TRUE(skip.skip);
  ASSERT_EQ(skip.when.size(), 2u);
  EXPECT_EQ(skip.when[0].op, MapComparison::Op::StartsWith);
  EXPECT_TRUE(skip.when[1].negated);
  const MapRule& orders = mapping.rules[1];
  EXPECT_EQ(orders.event_type, "order_placed");
  EXPECT_TRUE(orders.has_id);
  EXPECT_EQ(orders.aggregates, 2);
  ASSERT_EQ(orders.fields.size(), 4u);
  EXPECT_EQ(orders.fields[0].value.kind, MapExpr::Kind::Money);
  EXPECT_EQ(orders.fields[0].value.args[0].kind, MapExpr::Kind::Sum);
  EXPECT_EQ(orders.fields[0].value.args[0].args[0].kind, MapExpr::Kind::Product);
  EXPECT_EQ(orders.fields[2].value.text, "a # is text inside quotes");
  ASSERT_EQ(orders.fields[3].record.size(), 2u);
  EXPECT_EQ(orders.fields[3].record[0].value.text, "Stock Code");
  EXPECT_EQ(orders.fields[3].record[1].value.args.size(), 2u);  // the currency from a column
}

TEST(ImportMappingTest, NumbersBooleansAndConcat) {
  std::vector<MappingError> errors;
  ImportMapping mapping = ParseMapping(std::string(kRows) + R"([event x]
total = money(5.7 * UnitPrice, "ILS")
gift = false
email = concat("customer-", int(CustomerID), "@example.com")
flag = `true`
)",
                                       errors);
  ASSERT_TRUE(errors.empty()) << errors[0].line << ": " << errors[0].reason;
  const std::vector<MapField>& fields = mapping.rules[0].fields;
  EXPECT_EQ(fields[0].value.args[0].args[0].kind, MapExpr::Kind::Number);
  EXPECT_EQ(fields[0].value.args[0].args[0].text, "5.7");
  EXPECT_EQ(fields[1].value.kind, MapExpr::Kind::Bool);
  EXPECT_EQ(fields[2].value.kind, MapExpr::Kind::Concat);
  EXPECT_EQ(fields[2].value.args.size(), 3u);
  EXPECT_EQ(fields[3].value.kind, MapExpr::Kind::Column);  // a column named `true`, in backquotes

  const std::string rows(kRows);
  EXPECT_EQ(Errors(rows + "[event x]\ntotal = 5.12345 * A\n")[0],
            "5: `5.12345` is not a number with at most 4 decimals, such as 12 or 5.7");
  EXPECT_EQ(Errors(rows + "[event x]\ntotal = 1.2.3\n")[0],
            "5: `1.2.3` is not a number with at most 4 decimals, such as 12 or 5.7");
  EXPECT_EQ(Errors(rows + "[event x]\nemail = concat(A)\n")[0].substr(0, 50),
            "5: write `concat(VALUE, VALUE, ...)` with two valu");
}

TEST(ImportMappingTest, RowsNeedContactAndTime) {
  EXPECT_EQ(Errors("[event x]\nfield = A\n"),
            (std::vector<std::string>{"0: the mapping has no `[rows]` section with `contact` and `at`"}));
  EXPECT_EQ(Errors("[rows]\ncontact = A\n[event x]\n")[0],
            "0: `[rows]` needs `at = time(COLUMN, \"FORMAT\", \"ZONE\")`: when each row happened");
  EXPECT_EQ(Errors(kRows)[0], "0: the mapping has no `[event NAME]` section, so no row would become an event");
  EXPECT_EQ(Errors("[rows]\ncontact = A\nat = A\n[event x]\n")[0],
            "3: `at` is a time: write `time(COLUMN, \"%Y-%m-%d %H:%M:%S\", \"Europe/London\")`");
}

TEST(ImportMappingTest, MistakesInValues) {
  const std::string rows(kRows);
  EXPECT_EQ(Errors(rows + "[event x]\ntotal = summ(A)\n")[0],
            "5: there is no function `summ`; the functions are int, decimal, money, time, concat, sum and count. "
            "Did you mean `sum`?");
  EXPECT_EQ(Errors(rows + "[event x]\nitems.total = sum(A)\n")[0].substr(0, 40),
            "5: `sum` adds up the rows of a group; us");
  EXPECT_EQ(Errors(rows + "[event x]\ntotal = sum(sum(A))\n")[0].substr(0, 20), "5: `sum` adds up the");
  EXPECT_EQ(Errors(rows + "[event x]\ntotal = money(A)\n")[0],
            "5: `money(...)` without a currency needs `currency = \"GBP\"` (say) in `[rows]`");
  EXPECT_EQ(Errors(rows + "[event x]\ntotal = money(A, \"pounds\")\n")[0],
            "5: `pounds` is not a currency code such as \"GBP\"");
  EXPECT_EQ(Errors(rows + "[event x]\nname = Customer Name\n")[0], 
            "5: unexpected `Name` after the value; write a column name with spaces in backquotes, such as "
            "`Customer Name`");
  EXPECT_EQ(Errors(rows + "[event x]\nname = \"open\n")[0], "5: a string is not closed on this line");
  EXPECT_EQ(Errors("[rows]\ncontact = A\nat = time(B, \"%F\", \"Europe/Londres\")\n[event x]\n")[0],
            "3: `Europe/Londres` is not a time zone; use an IANA name such as \"Europe/London\"");
}

TEST(ImportMappingTest, MistakesInSections) {
  const std::string rows(kRows);
  EXPECT_EQ(Errors(rows + "[events x]\n")[0],
            "4: unknown section `[events x]`; the sections are `[rows]`, `[skip]`, `[event NAME]` and `[identify]`");
  EXPECT_EQ(Errors(rows + "[event OrderPlaced]\n")[0],
            "4: `OrderPlaced` is not an event type name; write it as in the schema, such as `order_placed`");
  EXPECT_EQ(Errors(rows + "grup_by = A\n[event x]\n")[0],
            "4: `[rows]` has no key `grup_by`; its keys are contact, at, group_by, currency and delimiter. "
            "Did you mean `group_by`?");
  EXPECT_EQ(Errors(rows + "[skip]\nfield = A\n[event x]\n")[0], "5: `[skip]` takes only `when`");
  EXPECT_EQ(Errors(rows + "[event x]\nwhen = A starts \"C\"\n")[0],
            "5: compare the column with `==`, `!=`, `starts_with`, `ends_with` or `contains`");
  EXPECT_EQ(Errors(rows + "[event x]\na = A\na = B\n")[0], "6: field `a` is set twice");
  EXPECT_EQ(Errors(rows + "[event x]\na = A\na.b = B\n")[0],
            "6: `a` is already a value; a list's fields are all written `a.FIELD`");
  EXPECT_EQ(Errors(rows + "[event x]\nat = A\n")[0],
            "5: `at` is set in `[rows]` (type: by the section), not per field");
  EXPECT_EQ(Errors(rows + "[event x]\njust words\n")[0], "5: expected `key = value` or a `[section]`");
}

TEST(ImportMappingTest, ColumnsAreCheckedAgainstTheHeader) {
  std::vector<MappingError> errors;
  ImportMapping mapping = ParseMapping(std::string(kRows) + "[event x]\nsku = StockCod\n", errors);
  ASSERT_TRUE(errors.empty());
  ResolveColumns(mapping, {"CustomerID", "InvoiceDate", "StockCode"}, errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 5);
  EXPECT_EQ(errors[0].reason,
            "the file has no column `StockCod`. Did you mean `StockCode`? Its columns are: CustomerID, InvoiceDate, "
            "StockCode");
  EXPECT_EQ(mapping.contact.args[0].column, 0);
}

}  // namespace
}  // namespace kairos::runtime
