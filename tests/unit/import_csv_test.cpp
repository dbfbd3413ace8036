// CSV rows to events (runtime/import, `kairos import csv`): grouping into one
// event, routing cancellations, exact money, times in a zone, rows without a
// contact, malformed rows with their line numbers, and the output that the
// event decoder reads. tests/import/ holds the fixture and its expected events.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/driver.h"
#include "cli/frontend.h"
#include "compiler/ir/lower.h"
#include "runtime/events/load_events.h"
#include "runtime/import/import_csv.h"

namespace kairos::runtime {
namespace {

const std::string kFixtures = std::string(KAIROS_SOURCE_DIR) + "/tests/import/";

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

constexpr std::string_view kOrders = R"([rows]
contact  = int(Customer)
at       = time(Date, "%Y-%m-%d %H:%M")
group_by = Order
currency = "GBP"

[event order_placed]
order_id       = Order
total          = money(sum(Qty * Price))
lines          = count()
items.sku      = Sku
items.quantity = int(Qty)
)";

ImportResult Import(std::string_view csv, std::string_view mapping_text = kOrders) {
  std::vector<MappingError> errors;
  ImportMapping mapping = ParseMapping(mapping_text, errors);
  EXPECT_TRUE(errors.empty()) << errors[0].line << ": " << errors[0].reason;
  return ImportCsv(csv, std::move(mapping));
}

std::vector<int> ErrorLines(const ImportResult& result) {
  std::vector<int> lines;
  for (const ImportRowError& error : result.errors) lines.push_back(error.line);
  return lines;
}

TEST(ImportCsvTest, RowsOfOneOrderMakeOneEvent) {
  // The lines of order 7 are not next to each other; the event takes the
  // earliest time, and its items keep the file's order.
  ImportResult result = Import(
      "Order,Sku,Qty,Price,Date,Customer\n"
      "7,A,2,4.15,2011-10-06 16:20,12923.0\n"
      "8,C,1,1.00,2011-10-06 09:00,42\n"
      "7,B,3,1.5,2011-10-06 16:19,12923.0\n");
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.events,
            "{\"type\":\"order_placed\",\"contact\":\"42\",\"at\":\"2011-10-06T09:00:00Z\",\"order_id\":\"8\","
            "\"total\":\"1.00 GBP\",\"lines\":1,\"items\":[{\"sku\":\"C\",\"quantity\":1}]}\n"
            "{\"type\":\"order_placed\",\"contact\":\"12923\",\"at\":\"2011-10-06T16:19:00Z\",\"order_id\":\"7\","
            "\"total\":\"12.80 GBP\",\"lines\":2,\"items\":[{\"sku\":\"A\",\"quantity\":2},{\"sku\":\"B\",\"quantity\":3}]}\n");
  EXPECT_EQ(result.stats.rows, 3u);
  EXPECT_EQ(result.stats.events, 2u);
}

TEST(ImportCsvTest, MoneyIsExact) {
  // Ten lines of 0.1: 1.00 exactly (in binary floating point it is not), and
  // 4-decimal prices times large quantities keep every digit.
  std::string csv = "Order,Sku,Qty,Price,Date,Customer\n";
  for (int i = 0; i < 10; ++i) csv += "1,A,1,0.1,2011-01-01 10:00,1\n";
  csv += "2,B,3,1.2345,2011-01-02 10:00,1\n";
  csv += "3,C,1000000,9999.9999,2011-01-03 10:00,1\n";
  csv += "3,D,-1,0.0001,2011-01-03 10:00,1\n";
  ImportResult result = Import(csv);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_NE(result.events.find("\"order_id\":\"1\",\"total\":\"1.00 GBP\""), std::string::npos) << result.events;
  EXPECT_NE(result.events.find("\"order_id\":\"2\",\"total\":\"3.7035 GBP\""), std::string::npos) << result.events;
  EXPECT_NE(result.events.find("\"order_id\":\"3\",\"total\":\"9999999899.9999 GBP\""), std::string::npos)
      << result.events;
}

TEST(ImportCsvTest, ConstantsAndJoinedText) {
  // A fixed exchange rate: 5.7 x 4.15 = 23.655 exactly; the total is the sum
  // of quantity x converted price.
  const std::string mapping = R"([rows]
contact  = int(Customer)
at       = time(Date, "%Y-%m-%d %H:%M")
group_by = Order
currency = "ILS"
[event order_placed]
total          = money(sum(5.7 * Price * Qty))
rate           = 5.7
pieces         = 3
gift           = false
ref            = concat("order-", Order, "/", int(Customer))
items.price    = money(5.7 * Price)
)";
  ImportResult result = Import(
      "Order,Sku,Qty,Price,Date,Customer\n"
      "7,A,2,4.15,2011-10-06 16:20,12923.0\n"
      "7,B,1,0.1,2011-10-06 16:20,12923.0\n",
      mapping);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.events,
            "{\"type\":\"order_placed\",\"contact\":\"12923\",\"at\":\"2011-10-06T16:20:00Z\",\"total\":"
            "\"47.88 ILS\",\"rate\":\"5.7\",\"pieces\":3,\"gift\":false,\"ref\":\"order-7/12923\",\"items\":["
            "{\"price\":\"23.655 ILS\"},{\"price\":\"0.57 ILS\"}]}\n");

  // A boolean is not a number.
  const std::string bad = R"([rows]
contact = Customer
at = time(Date, "%Y-%m-%d %H:%M")
[event x]
n = int(true * Qty)
)";
  result = Import("Qty,Date,Customer\n1,2011-10-06 16:20,5\n", bad);
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].reason, "field `n`: the value is not a number");
}

TEST(ImportCsvTest, OverflowIsABadRowNotAWrongTotal) {
  ImportResult result = Import(
      "Order,Sku,Qty,Price,Date,Customer\n"
      "1,A,900000000,900000000,2011-01-01 10:00,1\n"
      "2,A,1,1,2011-01-01 10:00,1\n");
  EXPECT_EQ(ErrorLines(result), std::vector<int>{2});
  EXPECT_EQ(result.errors[0].reason, "field `total`: the product is too large");
  EXPECT_EQ(result.stats.events, 1u);
}

TEST(ImportCsvTest, CancellationsAreRoutedToTheirOwnType) {
  const std::string mapping = std::string(kOrders).insert(std::string(kOrders).find("[event"),
      "[event order_cancelled]\nwhen = Order starts_with \"C\"\norder_id = Order\ntotal = money(sum(Qty * Price))\n\n");
  ImportResult result = Import(
      "Order,Sku,Qty,Price,Date,Customer\n"
      "C9,A,-2,4.15,2011-10-07 10:00,5\n"
      "C9,B,-1,0.5,2011-10-07 10:00,5\n"
      "9,A,2,4.15,2011-10-06 10:00,5\n",
      mapping);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.stats.events_by_type, (std::map<std::string, size_t>{{"order_cancelled", 1}, {"order_placed", 1}}));
  EXPECT_NE(result.events.find("{\"type\":\"order_cancelled\",\"contact\":\"5\",\"at\":\"2011-10-07T10:00:00Z\","
                               "\"order_id\":\"C9\",\"total\":\"-8.80 GBP\"}"),
            std::string::npos)
      << result.events;
}

TEST(ImportCsvTest, CancellationsCanBeSkipped) {
  const std::string mapping = std::string(kOrders).insert(std::string(kOrders).find("[event"),
                                                          "[skip]\nwhen = Order starts_with \"C\"\n\n");
  ImportResult result = Import(
      "Order,Sku,Qty,Price,Date,Customer\n"
      "C9,A,-2,4.15,2011-10-07 10:00,5\n"
      "9,A,2,4.15,2011-10-06 10:00,5\n",
      mapping);
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.stats.skipped_by_rule, 1u);
  EXPECT_EQ(result.stats.events_by_type, (std::map<std::string, size_t>{{"order_placed", 1}}));
}

TEST(ImportCsvTest, RowsWithoutAContactAreCountedNotErrors) {
  ImportResult result = Import(
      "Order,Sku,Qty,Price,Date,Customer\n"
      "1,A,1,1,2011-01-01 10:00,\n"
      "2,A,1,1,2011-01-01 10:00,  \n"
      "3,A,1,1,2011-01-01 10:00,7\n");
  EXPECT_TRUE(result.errors.empty());
  EXPECT_EQ(result.stats.no_contact, 2u);
  EXPECT_EQ(result.stats.events, 1u);
}

TEST(ImportCsvTest, RowsThatNoSectionTakesAreCounted) {
  const std::string mapping = std::string(kOrders).insert(std::string(kOrders).find("order_id"),
                                                          "when = Order != \"X\"\n");
  ImportResult result = Import("Order,Sku,Qty,Price,Date,Customer\nX,A,1,1,2011-01-01 10:00,7\n", mapping);
  EXPECT_EQ(result.stats.unmatched, 1u);
  EXPECT_EQ(result.events, "");
}

TEST(ImportCsvTest, TimesInAZone) {
  const std::string london = R"([rows]
contact = Customer
at = time(Date, "%Y-%m-%d %H:%M:%S", "Europe/London")
[event seen]
)";
  ImportResult result = Import(
      "Date,Customer\n"
      "2011-01-15 12:00:00,winter\n"   // GMT
      "2011-07-15 12:00:00,summer\n"   // BST, UTC+1
      "2011-10-30 01:30:00,repeated\n" // clocks go back at 02:00 BST: the earlier 01:30
      "2011-03-27 01:30:00,missing\n"  // clocks go forward at 01:00 GMT: no 01:30
      "15/07/2011 12:00,garbled\n"
      "2011-07-15 12:00:00 extra,trailing\n",
      london);
  EXPECT_NE(result.events.find("\"contact\":\"winter\",\"at\":\"2011-01-15T12:00:00Z\""), std::string::npos);
  EXPECT_NE(result.events.find("\"contact\":\"summer\",\"at\":\"2011-07-15T11:00:00Z\""), std::string::npos);
  EXPECT_NE(result.events.find("\"contact\":\"repeated\",\"at\":\"2011-10-30T00:30:00Z\""), std::string::npos);
  ASSERT_EQ(ErrorLines(result), (std::vector<int>{5, 6, 7}));
  EXPECT_EQ(result.errors[0].reason,
            "column `Date` is \"2011-03-27 01:30:00\", a time that did not exist in Europe/London (the clocks went "
            "forward)");
  EXPECT_EQ(result.errors[1].reason,
            "column `Date` is \"15/07/2011 12:00\", which does not match the format \"%Y-%m-%d %H:%M:%S\"");
  EXPECT_EQ(result.errors[2].reason.substr(0, 48), "column `Date` is \"2011-07-15 12:00:00 extra\", wh");

  const std::string offsets = R"([rows]
contact = Customer
at = time(Date, "%Y-%m-%dT%H:%M:%S%z")
[event seen]
)";
  result = Import("Date,Customer\n2011-07-15T12:00:00+0300,a\n", offsets);
  EXPECT_NE(result.events.find("\"at\":\"2011-07-15T09:00:00Z\""), std::string::npos) << result.events;
}

TEST(ImportCsvTest, TextIsEscapedForJson) {
  const std::string mapping = R"([rows]
contact = Customer
at = time(Date, "%Y-%m-%d")
[event noted]
note = Note
)";
  ImportResult result = Import("Date,Customer,Note\n2011-01-01,c,\"say \"\"hi\"\"\\\tשלום\n!\"\n", mapping);
  EXPECT_EQ(result.events,
            "{\"type\":\"noted\",\"contact\":\"c\",\"at\":\"2011-01-01T00:00:00Z\",\"note\":\"say \\\"hi\\\"\\\\\\tשלום\\n!\"}\n");
}

TEST(ImportCsvTest, HeaderWithoutAMappedColumn) {
  ImportResult result = Import("Order,Sku,Qty,Price,When,Customer\n1,A,1,1,2011-01-01 10:00,7\n");
  ASSERT_EQ(result.mapping_errors.size(), 1u);
  EXPECT_EQ(result.mapping_errors[0].line, 3);
  EXPECT_EQ(result.events, "");
}

// The fixture: every kind of row at once, the output byte for byte.
TEST(ImportCsvTest, FixtureConvertsTheGoodRowsAndReportsTheBadOnes) {
  std::vector<MappingError> mapping_errors;
  ImportMapping mapping = ParseMapping(ReadFile(kFixtures + "sales.mapping"), mapping_errors);
  ASSERT_TRUE(mapping_errors.empty());
  const std::string csv = ReadFile(kFixtures + "sales.csv");
  ImportResult result = ImportCsv(csv, mapping);
  EXPECT_EQ(result.events, ReadFile(kFixtures + "sales.expected.jsonl"));
  EXPECT_EQ(ImportCsv(csv, mapping).events, result.events);  // deterministic

  std::vector<std::string> errors;
  for (const ImportRowError& error : result.errors) errors.push_back(std::to_string(error.line) + ": " + error.reason);
  EXPECT_EQ(errors, (std::vector<std::string>{
                        "9: field `total`: column `Qty` is \"two\", which is not a number with at most 4 decimals "
                        "(such as 12 or 4.95)",
                        "10: column `Date` is \"2011/11/03\", which does not match the format \"%Y-%m-%d %H:%M:%S\"",
                        "11: the row has 7 columns; the header has 8",
                        "13: column `Date` is \"2011-03-27 01:30:00\", a time that did not exist in Europe/London "
                        "(the clocks went forward)",
                        "16: field `total`: column `Price` is \"1.23456\", which is not a number with at most 4 "
                        "decimals (such as 12 or 4.95)",
                        "17: this row's group \"1001\" belongs to contact 12923 (line 2), not 4444",
                    }));
  EXPECT_EQ(result.stats.rows, 15u);  // lines 7 and 8 are one row
  EXPECT_EQ(result.stats.no_contact, 1u);
  EXPECT_EQ(result.stats.events_by_type, (std::map<std::string, size_t>{{"order_cancelled", 1}, {"order_placed", 5}}));

  // The event decoder takes every line.
  auto frontend = cli::RunFrontend({kFixtures + "sales.journey"}, true);
  ASSERT_FALSE(frontend->sink.has_errors());
  const ir::Program program = LowerPredicates(frontend->project, *frontend->model, frontend->sink);
  HistoryStore store(program);
  LoadResult loaded = LoadEvents(result.events, store, false);
  EXPECT_TRUE(loaded.errors.empty()) << loaded.errors[0].line << ": " << loaded.errors[0].reason;
  EXPECT_EQ(loaded.accepted, 6u);
}

struct CommandRun {
  int status = 0;
  std::string out;
  std::string err;
};

CommandRun Kairos(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  CommandRun run;
  run.status = cli::RunKairos(args, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

TEST(ImportCommandTest, BadRowsAreReportedWithLineNumbersAndExit3) {
  const std::string output = ::testing::TempDir() + "import_command_test.jsonl";
  CommandRun run = Kairos({"import", "csv", kFixtures + "sales.csv", "--mapping", kFixtures + "sales.mapping", "-o", output});
  EXPECT_EQ(run.status, 3);
  EXPECT_EQ(run.out, "");
  EXPECT_NE(run.err.find(kFixtures + "sales.csv:9: error: field `total`: column `Qty` is \"two\""), std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find(kFixtures + "sales.csv:11: error: the row has 7 columns"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("15 rows read, 6 events written (1 order_cancelled, 5 order_placed); skipped: 1 without a "
                         "contact, 0 by [skip], 0 matching no section; 6 bad rows"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(ReadFile(output), ReadFile(kFixtures + "sales.expected.jsonl"));
  std::filesystem::remove(output);
}

TEST(ImportCommandTest, EventsGoToStdoutWithoutOutput) {
  CommandRun run = Kairos({"import", "csv", kFixtures + "sales.csv", "--mapping", kFixtures + "sales.mapping"});
  EXPECT_EQ(run.status, 3);
  EXPECT_EQ(run.out, ReadFile(kFixtures + "sales.expected.jsonl"));
}

TEST(ImportCommandTest, MappingErrorsExit1AndFilesThatCannotBeReadExit2) {
  const std::string mapping = ::testing::TempDir() + "import_command_test.mapping";
  std::ofstream(mapping) << "[rows]\ncontact = Customer\nat = time(Date, \"%F\")\n[event x]\ntotal = summ(Qty)\n";
  CommandRun run = Kairos({"import", "csv", kFixtures + "sales.csv", "--mapping", mapping});
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find(mapping + ":5: error: there is no function `summ`"), std::string::npos) << run.err;
  std::filesystem::remove(mapping);

  run = Kairos({"import", "csv", kFixtures + "missing.csv", "--mapping", kFixtures + "sales.mapping"});
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.err.find("cannot read the CSV file"), std::string::npos);
}

TEST(ImportCommandTest, HelpDescribesTheMapping) {
  CommandRun run = Kairos({"import", "csv", "--help"});
  EXPECT_EQ(run.status, 0);
  EXPECT_NE(run.out.find("[event order_placed]"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("group_by"), std::string::npos);
}

}  // namespace
}  // namespace kairos::runtime
