// CSV records as exports write them: quotes, doubled quotes, line breaks in
// fields, CRLF, a byte order mark, and the line each record starts on.
#include <gtest/gtest.h>

#include "runtime/import/csv_reader.h"

namespace kairos::runtime {
namespace {

std::vector<CsvRecord> ReadAll(std::string_view text, char delimiter = ',') {
  CsvReader reader(text, delimiter);
  std::vector<CsvRecord> records;
  CsvRecord record;
  while (reader.Next(record)) records.push_back(record);
  return records;
}

using Fields = std::vector<std::string>;

TEST(CsvReaderTest, QuotesDelimitersAndDoubledQuotes) {
  auto records = ReadAll("a,\"b, c\",\"say \"\"hi\"\"\",12\" ruler,\n");
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "b, c", "say \"hi\"", "12\" ruler", ""}));
  EXPECT_EQ(records[0].error, "");
}

TEST(CsvReaderTest, CrlfByteOrderMarkAndBlankLines) {
  auto records = ReadAll("\xEF\xBB\xBFid,name\r\n1,x\r\n\r\n2,y");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].fields, (Fields{"id", "name"}));
  EXPECT_EQ(records[1].fields, (Fields{"1", "x"}));
  EXPECT_EQ(records[2].fields, (Fields{"2", "y"}));
  EXPECT_EQ(records[2].line, 4);
}

TEST(CsvReaderTest, LineBreakInsideQuotesKeepsLineNumbers) {
  auto records = ReadAll("h\n\"one\ntwo\"\nnext\n");
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1].fields, (Fields{"one\ntwo"}));
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[2].line, 4);
}

TEST(CsvReaderTest, OtherDelimiter) {
  auto records = ReadAll("a;\"b;c\";d\n", ';');
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].fields, (Fields{"a", "b;c", "d"}));
}

TEST(CsvReaderTest, TextAfterClosingQuoteCostsOnlyItsRecord) {
  auto records = ReadAll("a,\"b\"x,c\nd,e\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_NE(records[0].error.find("text after the closing quote of field 2"), std::string::npos);
  EXPECT_EQ(records[1].fields, (Fields{"d", "e"}));
  EXPECT_EQ(records[1].line, 2);
}

TEST(CsvReaderTest, QuoteNeverClosed) {
  auto records = ReadAll("a,b\nc,\"d\ne\n");
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].line, 2);
  EXPECT_EQ(records[1].error, "the quoted field opened on line 2 is never closed");
}

}  // namespace
}  // namespace kairos::runtime
