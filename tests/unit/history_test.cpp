// The contact history layout: columns sorted by time, out-of-order inserts,
// windows as binary searches, exact money.
#include <gtest/gtest.h>

#include "runtime/history/history.h"

namespace kairos::runtime {
namespace {

// Column 0 `at`, 1 `contact`, 2 a money field, 3 a list field.
EventTable MakeTable() {
  static const std::vector<ColumnKind> kinds = {ColumnKind::Scalar, ColumnKind::Scalar, ColumnKind::Money,
                                                ColumnKind::Composite};
  return EventTable(kinds);
}

std::vector<Value> Row(int64_t at, int64_t amount, uint32_t currency) {
  Value items;
  items.kind = Value::Kind::List;
  items.elements = {Value::Scalar(amount)};
  return {Value::Scalar(at), Value::Scalar(0), Value::Money(amount, currency), items};
}

TEST(HistoryTest, ColumnsAreMadeOnTheFirstEvent) {
  EventTable table = MakeTable();
  EXPECT_EQ(table.column_count(), 0u);
  EXPECT_EQ(table.view().rows, 0);
  EXPECT_TRUE(table.column(2).scalars.empty());
  table.Insert(100, Row(100, 1, 7));
  EXPECT_EQ(table.column_count(), 4u);
  EXPECT_EQ(table.column(2).kind, ColumnKind::Money);
  EXPECT_EQ(table.view().columns[2].scalars[0], 1);
}

TEST(HistoryTest, OutOfOrderEventIsInsertedAtItsTime) {
  EventTable table = MakeTable();
  table.Insert(100, Row(100, 1, 7));
  table.Insert(300, Row(300, 3, 7));
  EXPECT_EQ(table.Insert(200, Row(200, 2, 7)), 1u);
  ASSERT_EQ(table.size(), 3u);
  EXPECT_EQ(table.times(), (std::vector<int64_t>{100, 200, 300}));
  // Every column moved with the times.
  EXPECT_EQ(table.column(2).scalars, (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(table.column(3).composites[1].elements[0].scalar, 2);
  EXPECT_EQ(table.column(0).scalars, (std::vector<int64_t>{100, 200, 300}));
}

TEST(HistoryTest, EqualTimesKeepArrivalOrder) {
  EventTable table = MakeTable();
  table.Insert(100, Row(100, 1, 7));
  EXPECT_EQ(table.Insert(100, Row(100, 2, 7)), 1u);
  EXPECT_EQ(table.Insert(50, Row(50, 0, 7)), 0u);
  EXPECT_EQ(table.column(2).scalars, (std::vector<int64_t>{0, 1, 2}));
}

TEST(HistoryTest, WindowRowsExcludeTheLowerBoundUnlessInclusive) {
  EventTable table = MakeTable();
  for (int64_t at : {10, 20, 20, 30, 40}) table.Insert(at, Row(at, at, 7));
  // (20, 40]: 30 and 40.
  RowRange within = table.Rows(20, /*lo_inclusive=*/false, 40);
  EXPECT_EQ(within.begin, 3u);
  EXPECT_EQ(within.end, 5u);
  // [20, 30]: both 20s and 30.
  RowRange since = table.Rows(20, /*lo_inclusive=*/true, 30);
  EXPECT_EQ(since.begin, 1u);
  EXPECT_EQ(since.size(), 3u);
  EXPECT_EQ(table.Rows(41, true, 100).size(), 0u);
  EXPECT_EQ(table.Rows(30, true, 20).size(), 0u);
}

TEST(HistoryTest, MoneyStaysExactWithItsCurrency) {
  EventTable table = MakeTable();
  table.Insert(1, Row(1, 3499000, 4));  // 349.90
  Value total = table.column(2).Get(0);
  EXPECT_EQ(total.scalar, 3499000);
  EXPECT_EQ(total.currency, 4u);
}

TEST(HistoryTest, NullCellsAreAbsent) {
  EventTable table = MakeTable();
  table.Insert(5, {Value::Scalar(5), Value::Scalar(0), Value::Null(), Value::Null()});
  EXPECT_TRUE(table.column(2).Get(0).is_null());
  EXPECT_TRUE(table.column(3).Get(0).is_null());
}

TEST(HistoryTest, StringPoolInternsEqualText) {
  StringPool pool;
  const uint32_t a = pool.Intern("דנה");
  EXPECT_EQ(pool.Intern("other"), a + 1);
  EXPECT_EQ(pool.Intern("דנה"), a);
  EXPECT_EQ(pool.Text(a), "דנה");
}

}  // namespace
}  // namespace kairos::runtime
