// The product catalogue: loading its CSV file and the recommendations the
// built-ins return (recently viewed, popular in a category, bought together).
#include "stdlib/catalog/catalog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace kairos::stdlib {
namespace {

using Skus = std::vector<std::string>;
using Errors = std::vector<std::string>;

constexpr int64_t kDay = 86400;
constexpr int64_t kStart = 1'767'225'600;  // 2026-01-01T00:00:00Z

Skus SkusOf(const std::vector<const Product*>& products) {
  Skus skus;
  for (const Product* product : products) skus.push_back(product->sku);
  return skus;
}

Product MakeProduct(std::string sku, std::string category, bool in_stock = true) {
  Product product;
  product.sku = std::move(sku);
  product.category = std::move(category);
  product.in_stock = in_stock;
  product.cells = {{"sku", product.sku}, {"category", product.category}};
  return product;
}

void Sell(Catalog& catalog, const std::string& sku, int64_t quantity, int64_t at) {
  catalog.RecordOrder("c-1", {{sku, quantity}}, at);
}

TEST(CatalogCsvTest, ReadsQuotedCellsAsWritten) {
  Catalog catalog;
  const std::string text =
      "\xEF\xBB\xBFsku,name,category,price,in_stock\r\n"
      "D-100,\"שמלת מקסי, פרחונית\",dresses,349.90 ILS,true\r\n"
      "S-200,\"Sandal \"\"Gefen\"\"\nwith a line break\",shoes,199.00 ILS,false\r\n"
      "B-300,Tote,bags,,true\r\n";
  EXPECT_EQ(catalog.LoadCsv(text, "catalog.csv"), Errors{});
  ASSERT_EQ(catalog.size(), 3u);

  const Product* dress = catalog.Find("D-100");
  ASSERT_NE(dress, nullptr);
  EXPECT_EQ(dress->category, "dresses");
  EXPECT_TRUE(dress->in_stock);
  using Cells = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(dress->cells, (Cells{{"sku", "D-100"},
                                 {"name", "שמלת מקסי, פרחונית"},
                                 {"category", "dresses"},
                                 {"price", "349.90 ILS"},
                                 {"in_stock", "true"}}));
  const Product* sandal = catalog.Find("S-200");
  ASSERT_NE(sandal, nullptr);
  EXPECT_EQ(sandal->cells[1].second, "Sandal \"Gefen\"\nwith a line break");
  EXPECT_FALSE(sandal->in_stock);
  EXPECT_EQ(catalog.Find("B-300")->cells[3].second, "");
  EXPECT_EQ(catalog.Find("X-1"), nullptr);
}

TEST(CatalogCsvTest, WithoutCategoryOrStockColumnsProductsAreInStockAndUncategorised) {
  Catalog catalog;
  EXPECT_EQ(catalog.LoadCsv("name,sku\nScarf,A-1\n", "p.csv"), Errors{});
  const Product* scarf = catalog.Find("A-1");
  ASSERT_NE(scarf, nullptr);
  EXPECT_EQ(scarf->category, "");
  EXPECT_TRUE(scarf->in_stock);
}

TEST(CatalogCsvTest, ReportsBadRowsWithTheirLinesAndKeepsTheGoodOnes) {
  Catalog catalog;
  const std::string text =
      "sku,name,in_stock\n"        // 1
      "A-1,\"Two\nlines\",true\n"  // 2-3
      "A-2,Short\n"                // 4
      "\n"                         // 5
      "A-3,Fine,false\n"           // 6
      "A-1,Again,true\n"           // 7
      ",No sku,true\n"             // 8
      "A-4,Odd,maybe\n"            // 9
      "A-5,\"Quoted\"x,true\n"     // 10
      "A-6,Too,many,cells\n"       // 11
      "A-7,\"Never closed,true\n"  // 12
      "A-8,Last,true";             // 13
  EXPECT_EQ(
      catalog.LoadCsv(text, "shop/catalog.csv"),
      (Errors{
          "shop/catalog.csv:4: this row has 2 cells but the header names 3 columns",
          "shop/catalog.csv:7: sku `A-1` appears again (first on line 2); this row replaces it",
          "shop/catalog.csv:8: the `sku` cell is empty; every product needs one",
          "shop/catalog.csv:9: `in_stock` is `maybe`; write `true` or `false`",
          "shop/catalog.csv:10: text follows the closing quote of a cell; write a quote inside "
          "a quoted cell as `\"\"`",
          "shop/catalog.csv:11: this row has 4 cells but the header names 3 columns",
          "shop/catalog.csv:12: a quoted cell is not closed; end it with `\"`",
      }));
  EXPECT_EQ(catalog.size(), 3u);
  ASSERT_NE(catalog.Find("A-1"), nullptr);
  EXPECT_EQ(catalog.Find("A-1")->cells[1].second, "Again");
  EXPECT_NE(catalog.Find("A-3"), nullptr);
  EXPECT_NE(catalog.Find("A-8"), nullptr);
}

TEST(CatalogCsvTest, AHeaderWithoutSkuLoadsNothing) {
  Catalog catalog;
  EXPECT_EQ(catalog.LoadCsv("name,price\nScarf,10 ILS\n", "p.csv"),
            Errors{"p.csv:1: no `sku` column; the first row must name the product fields, `sku` "
                   "among them"});
  EXPECT_EQ(catalog.size(), 0u);
  EXPECT_EQ(catalog.LoadCsv("sku,name,sku\nA-1,Scarf,A-1\n", "p.csv"),
            Errors{"p.csv:1: column `sku` appears twice; name each column once"});
  EXPECT_EQ(catalog.size(), 0u);
  EXPECT_EQ(
      catalog.LoadCsv("", "empty.csv"),
      Errors{
          "empty.csv:1: the file is empty; its first row must name the product fields, `sku` among "
          "them"});
}

TEST(CatalogCsvTest, ALaterFileOrUpsertReplacesAProduct) {
  Catalog catalog;
  EXPECT_EQ(catalog.LoadCsv("sku,category\nA-1,bags\n", "a.csv"), Errors{});
  const Product* first = catalog.Find("A-1");
  EXPECT_EQ(catalog.LoadCsv("sku,category\nA-1,shoes\n", "b.csv"), Errors{});
  EXPECT_EQ(catalog.Find("A-1"), first);  // pointers handed out stay valid
  EXPECT_EQ(first->category, "shoes");
  catalog.Upsert(MakeProduct("A-1", "shoes", false));
  EXPECT_FALSE(first->in_stock);
  EXPECT_EQ(catalog.size(), 1u);
}

TEST(CatalogCsvTest, TheExampleShopsCatalogueLoads) {
  std::ifstream file(std::string(KAIROS_SOURCE_DIR) + "/examples/shop/catalog.csv",
                     std::ios::binary);
  ASSERT_TRUE(file) << "examples/shop/catalog.csv";
  std::stringstream text;
  text << file.rdbuf();
  Catalog catalog;
  EXPECT_EQ(catalog.LoadCsv(text.str(), "examples/shop/catalog.csv"), Errors{});
  EXPECT_GE(catalog.size(), 100u);
  EXPECT_FALSE(catalog.PopularInCategory("new_in", 4, kStart).empty());
  EXPECT_FALSE(catalog.PopularInCategory("bestsellers", 4, kStart).empty());
}

TEST(RecentlyViewedTest, DistinctNewestFirst) {
  Catalog catalog;
  for (const char* sku : {"A", "B", "C", "D"}) catalog.Upsert(MakeProduct(sku, "bags"));
  catalog.RecordView("c-1", "A", kStart + 10);
  catalog.RecordView("c-1", "B", kStart + 20);
  catalog.RecordView("c-1", "A", kStart + 30);  // seen again: moves to the front
  catalog.RecordView("c-1", "C", kStart + 25);  // late: placed by its time
  catalog.RecordView("c-1", "B", kStart + 5);   // an older view changes nothing
  catalog.RecordView("c-1", "D", kStart + 25);  // same second as C: by sku
  catalog.RecordView("c-2", "D", kStart + 40);
  EXPECT_EQ(SkusOf(catalog.RecentlyViewed("c-1", 10)), (Skus{"A", "C", "D", "B"}));
  EXPECT_EQ(SkusOf(catalog.RecentlyViewed("c-1", 2)), (Skus{"A", "C"}));
  EXPECT_EQ(SkusOf(catalog.RecentlyViewed("c-2", 10)), (Skus{"D"}));
  EXPECT_TRUE(catalog.RecentlyViewed("nobody", 10).empty());
  EXPECT_TRUE(catalog.RecentlyViewed("c-1", 0).empty());
}

TEST(RecentlyViewedTest, OnlyProductsOfTheCatalogueInStock) {
  Catalog catalog;
  catalog.Upsert(MakeProduct("A", "bags"));
  catalog.Upsert(MakeProduct("B", "bags", /*in_stock=*/false));
  catalog.RecordView("c-1", "A", kStart + 1);
  catalog.RecordView("c-1", "B", kStart + 2);
  catalog.RecordView("c-1", "LATER", kStart + 3);  // not in the catalogue yet
  EXPECT_EQ(SkusOf(catalog.RecentlyViewed("c-1", 4)), (Skus{"A"}));
  catalog.Upsert(MakeProduct("LATER", "new_in"));
  catalog.Upsert(MakeProduct("B", "bags"));  // back in stock
  EXPECT_EQ(SkusOf(catalog.RecentlyViewed("c-1", 4)), (Skus{"LATER", "B", "A"}));
}

TEST(RecentlyViewedTest, KeepsTheLastDistinctProductsOnly) {
  Catalog catalog;
  const size_t viewed = kRecentViewsKept + 8;
  auto sku = [](size_t i) { return "P-" + std::to_string(100 + i); };
  for (size_t i = 0; i < viewed; ++i) {
    catalog.Upsert(MakeProduct(sku(i), "bags"));
    catalog.RecordView("c-1", sku(i), kStart + static_cast<int64_t>(i));
  }
  catalog.RecordView("c-1", sku(0), kStart - 100);  // older than everything kept
  Skus expected;
  for (size_t i = viewed; i-- > viewed - kRecentViewsKept;) expected.push_back(sku(i));
  EXPECT_EQ(SkusOf(catalog.RecentlyViewed("c-1", 100)), expected);
}

TEST(RecentlyViewedTest, MergingAContactJoinsTheirViews) {
  Catalog catalog;
  for (const char* sku : {"A", "B", "C"}) catalog.Upsert(MakeProduct(sku, "bags"));
  catalog.RecordView("anon-7", "A", kStart + 10);
  catalog.RecordView("anon-7", "B", kStart + 50);
  catalog.RecordView("c-1", "C", kStart + 20);
  catalog.RecordView("c-1", "A", kStart + 30);
  catalog.MergeContact("anon-7", "c-1");
  EXPECT_EQ(SkusOf(catalog.RecentlyViewed("c-1", 10)), (Skus{"B", "A", "C"}));
  EXPECT_TRUE(catalog.RecentlyViewed("anon-7", 10).empty());

  catalog.RecordView("anon-8", "C", kStart + 60);
  catalog.MergeContact("anon-8", "c-new");  // into a contact without views yet
  EXPECT_EQ(SkusOf(catalog.RecentlyViewed("c-new", 10)), (Skus{"C"}));
  catalog.MergeContact("c-new", "c-new");
  EXPECT_EQ(SkusOf(catalog.RecentlyViewed("c-new", 10)), (Skus{"C"}));
}

class PopularTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* sku : {"D-1", "D-2", "D-3", "D-4"})
      catalog.Upsert(MakeProduct(sku, "dresses"));
    for (const char* sku : {"S-1", "S-2"}) catalog.Upsert(MakeProduct(sku, "shoes"));
  }
  Catalog catalog;
};

TEST_F(PopularTest, RanksByQuantitySoldInTheLast30Days) {
  const int64_t now = kStart + 40 * kDay;
  Sell(catalog, "D-1", 5, now - 30 * kDay);  // on the edge: outside (now - 30d, now]
  Sell(catalog, "D-2", 2, now - 30 * kDay + 1);
  Sell(catalog, "D-3", 3, now);
  Sell(catalog, "D-4", 9, now + 1);  // after now
  Sell(catalog, "S-1", 50, now - kDay);
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("dresses", 2, now)), (Skus{"D-3", "D-2"}));
  // Unsold products follow, by sku.
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("dresses", 10, now)),
            (Skus{"D-3", "D-2", "D-1", "D-4"}));
  EXPECT_TRUE(catalog.PopularInCategory("dresses", 0, now).empty());
  // A day later D-2 has left the window and D-4 entered it.
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("dresses", 10, now + kDay)),
            (Skus{"D-4", "D-3", "D-1", "D-2"}));
  // Asking about the past again gives the past's answer.
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("dresses", 10, now)),
            (Skus{"D-3", "D-2", "D-1", "D-4"}));
}

TEST_F(PopularTest, LateSalesCountByTheirTime) {
  const int64_t now = kStart + 40 * kDay;
  Sell(catalog, "D-1", 3, now - kDay);
  Sell(catalog, "D-2", 2, now - 2 * kDay);
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("dresses", 2, now)), (Skus{"D-1", "D-2"}));
  Sell(catalog, "D-2", 4, now - 3 * kDay);    // late, inside the window
  Sell(catalog, "D-3", 99, now - 31 * kDay);  // late, before the window
  Sell(catalog, "D-4", 99, now + kDay);       // recorded ahead of the clock
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("dresses", 3, now)), (Skus{"D-2", "D-1", "D-3"}));
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("dresses", 1, now + kDay)), (Skus{"D-4"}));
}

TEST_F(PopularTest, ACategoryWithoutProductsRanksTheWholeCatalogue) {
  const int64_t now = kStart + 40 * kDay;
  Sell(catalog, "S-2", 4, now - kDay);
  Sell(catalog, "D-3", 2, now - kDay);
  Sell(catalog, "GONE", 9, now - kDay);  // not in the catalogue
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("bestsellers", 4, now)),
            (Skus{"S-2", "D-3", "D-1", "D-2"}));
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("shoes", 4, now)), (Skus{"S-2", "S-1"}));
}

TEST_F(PopularTest, OutOfStockProductsAreLeftOut) {
  const int64_t now = kStart + 40 * kDay;
  Sell(catalog, "D-1", 5, now - kDay);
  Sell(catalog, "D-2", 3, now - kDay);
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("dresses", 2, now)), (Skus{"D-1", "D-2"}));
  catalog.Upsert(MakeProduct("D-1", "dresses", /*in_stock=*/false));
  catalog.Upsert(MakeProduct("D-4", "dresses", /*in_stock=*/false));
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("dresses", 10, now)), (Skus{"D-2", "D-3"}));
}

TEST_F(PopularTest, AProductThatChangesCategoryTakesItsSalesAlong) {
  const int64_t now = kStart + 40 * kDay;
  Sell(catalog, "D-1", 5, now - kDay);
  Sell(catalog, "S-1", 1, now - kDay);
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("shoes", 1, now)), (Skus{"S-1"}));
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("dresses", 1, now)), (Skus{"D-1"}));
  catalog.Upsert(MakeProduct("D-1", "shoes"));
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("shoes", 3, now)), (Skus{"D-1", "S-1", "S-2"}));
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("dresses", 3, now)), (Skus{"D-2", "D-3", "D-4"}));
  // A product added after its sales were recorded counts them.
  Sell(catalog, "N-1", 7, now - kDay);
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("new_in", 1, now)),
            (Skus{"D-1"}));  // no such category yet
  catalog.Upsert(MakeProduct("N-1", "shoes"));
  EXPECT_EQ(SkusOf(catalog.PopularInCategory("shoes", 1, now)), (Skus{"N-1"}));
}

// The window moves forwards and backwards over sales arriving out of order;
// each answer must equal counting every sale from scratch.
TEST(PopularWindowTest, AgreesWithCountingFromScratch) {
  Catalog catalog;
  std::vector<std::string> skus;
  for (int i = 0; i < 12; ++i) {
    skus.push_back("P-" + std::to_string(10 + i));
    catalog.Upsert(MakeProduct(skus.back(), i % 3 == 0 ? "bags" : "shoes", i != 4));
  }
  struct Recorded {
    std::string sku;
    int64_t quantity;
    int64_t at;
  };
  std::vector<Recorded> sales;
  std::mt19937 random(20260101);
  auto pick = [&](int64_t below) {
    return std::uniform_int_distribution<int64_t>(0, below - 1)(random);
  };
  int64_t clock = kStart;
  for (int step = 0; step < 3000; ++step) {
    clock += pick(3 * 3600);
    if (pick(4) != 0) {
      Recorded sale{skus[static_cast<size_t>(pick(12))], 1 + pick(3), clock - pick(45 * kDay)};
      if (pick(10) == 0) sale.sku = "UNKNOWN";
      sales.push_back(sale);
      Sell(catalog, sale.sku, sale.quantity, sale.at);
      continue;
    }
    const int64_t now = pick(5) == 0 ? clock - pick(60 * kDay) : clock;
    const std::string category = pick(3) == 0 ? "bags" : pick(2) == 0 ? "shoes" : "bestsellers";
    std::map<std::string, int64_t> sold;
    for (const Recorded& sale : sales) {
      const Product* product = catalog.Find(sale.sku);
      if (product == nullptr || !product->in_stock || sale.at <= now - 30 * kDay || sale.at > now)
        continue;
      if (category != "bestsellers" && product->category != category) continue;
      sold[sale.sku] += sale.quantity;
    }
    Skus expected;
    for (const auto& [sku, quantity] : sold) expected.push_back(sku);
    std::stable_sort(expected.begin(), expected.end(),
                     [&](const std::string& a, const std::string& b) { return sold[a] > sold[b]; });
    for (const std::string& sku : skus) {
      const Product* product = catalog.Find(sku);
      if (product->in_stock && !sold.contains(sku) &&
          (category == "bestsellers" || product->category == category)) {
        expected.push_back(sku);
      }
    }
    const auto n = static_cast<size_t>(1 + pick(14));
    if (expected.size() > n) expected.resize(n);
    ASSERT_EQ(SkusOf(catalog.PopularInCategory(category, n, now)), expected) << "step " << step;
  }
}

TEST(BoughtTogetherTest, RanksByOrdersHoldingBoth) {
  Catalog catalog;
  for (const char* sku : {"A", "B", "C", "D", "E"}) catalog.Upsert(MakeProduct(sku, "bags"));
  catalog.Upsert(MakeProduct("F", "bags", /*in_stock=*/false));
  catalog.RecordOrder("c-1", {{"A", 1}, {"B", 1}, {"C", 1}}, kStart);
  catalog.RecordOrder("c-2", {{"A", 1}, {"C", 5}, {"A", 2}}, kStart + 1);  // A twice: one order
  catalog.RecordOrder("c-3", {{"A", 1}, {"D", 1}, {"F", 1}, {"ZZ", 1}}, kStart + 2);
  catalog.RecordOrder("c-4", {{"A", 1}, {"F", 1}}, kStart + 3);
  catalog.RecordOrder("c-5", {{"B", 1}, {"E", 1}}, kStart + 4);
  catalog.RecordOrder("c-6", {{"A", 1}, {"E", 0}}, kStart + 5);  // quantity 0 is no sale
  EXPECT_EQ(SkusOf(catalog.BoughtTogether("A", 10)), (Skus{"C", "B", "D"}));
  EXPECT_EQ(SkusOf(catalog.BoughtTogether("A", 2)), (Skus{"C", "B"}));
  EXPECT_EQ(SkusOf(catalog.BoughtTogether("B", 10)), (Skus{"A", "C", "E"}));
  EXPECT_EQ(SkusOf(catalog.BoughtTogether("ZZ", 10)), (Skus{"A", "D"}));  // known from orders only
  EXPECT_TRUE(catalog.BoughtTogether("E", 0).empty());
  EXPECT_TRUE(catalog.BoughtTogether("NEVER", 10).empty());
}

}  // namespace
}  // namespace kairos::stdlib
