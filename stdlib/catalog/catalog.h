// The product catalogue and what the recommendation built-ins read from it
// (`recently_viewed`, `popular_in_category`, `bought_together`,
// `catalog_product`): the shop's products, each contact's recent product views
// and the orders' sales.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "stdlib/catalog/sales_window.h"

namespace kairos::stdlib {

// A product as the catalogue file gives it. The cells stay text: the runtime,
// which knows the schema's field types, decodes them.
struct Product {
  std::string sku;
  std::string category;  // "" when the catalogue has no category column
  bool in_stock = true;  // from an `in_stock` column when present
  std::vector<std::pair<std::string, std::string>>
      cells;  // every column: field name, text as in the file
};

// How many distinct products are remembered per contact for `recently_viewed`.
inline constexpr size_t kRecentViewsKept = 32;

// Window of `popular_in_category`, in seconds.
inline constexpr int64_t kPopularWindow = 30 * 86400;

// Times are Unix seconds. Recommendations return only products the catalogue
// has and that are in stock, in a deterministic order (ties broken by sku).
// Returned pointers stay valid for the catalogue's lifetime; an Upsert of the
// same sku changes what they point to.
//
// Not safe for concurrent use: PopularInCategory moves cached windows, so
// callers serialise access to one catalogue.
class Catalog {
 public:
  // A CSV file (RFC 4180 quoting, UTF-8) whose header row names product
  // fields and includes `sku`. Returns its mistakes as "PATH:LINE: reason";
  // good rows are kept and bad rows skipped. A later row or Upsert with the
  // same sku replaces the product.
  std::vector<std::string> LoadCsv(std::string_view text, std::string_view path);
  void Upsert(Product product);
  const Product* Find(std::string_view sku) const;
  size_t size() const { return products_.size(); }

  // Events as they arrive, possibly out of time order. Views and items with
  // an empty sku, and items with a quantity below 1, are ignored.
  void RecordView(std::string_view contact, std::string_view sku, int64_t at);
  void RecordOrder(std::string_view contact,
                   const std::vector<std::pair<std::string, int64_t>>& items, int64_t at);
  // An anonymous visitor turned out to be `into`: its views become `into`'s.
  void MergeContact(std::string_view from, std::string_view into);

  // Distinct products, newest view first; at most kRecentViewsKept.
  std::vector<const Product*> RecentlyViewed(std::string_view contact, size_t n) const;
  // By quantity sold in (now - 30d, now], then the category's unsold products.
  // A category without products of its own (journeys write "bestsellers")
  // ranks the whole catalogue.
  std::vector<const Product*> PopularInCategory(std::string_view category, size_t n,
                                                int64_t now) const;
  // By how many orders held both; `sku` itself is excluded.
  std::vector<const Product*> BoughtTogether(std::string_view sku, size_t n) const;

 private:
  using SkuId = stdlib_internal::SkuId;
  using SalesWindow = stdlib_internal::SalesWindow;
  struct View {
    SkuId sku;
    int64_t at;
  };
  struct TransparentHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  template <typename T>
  using StringMap = std::unordered_map<std::string, T, TransparentHash, std::equal_to<>>;
  using ProductsBySku = std::map<std::string_view, const Product*>;

  SkuId Intern(std::string_view sku);
  SkuId FindId(std::string_view sku) const;  // kNoSku when never seen
  const Product* InStock(SkuId sku) const;
  void AddView(std::vector<View>& views, SkuId sku, int64_t at) const;
  bool NewerFirst(const View& a, const View& b) const;
  SalesWindow& CategoryWindow(const std::string& category, const ProductsBySku& members) const;

  std::map<std::string, Product, std::less<>> products_;
  StringMap<ProductsBySku> products_by_category_;  // categories with at least one product

  // Every sku seen in the catalogue or in events gets a dense id; a deque keeps
  // the names where they are, so views of them stay valid.
  stdlib_internal::SkuNames sku_names_;
  std::unordered_map<std::string_view, SkuId> sku_ids_;
  std::vector<const Product*> product_by_id_;  // null when the catalogue lacks the sku

  StringMap<std::vector<View>> views_;  // per contact, NewerFirst order
  // Per sku, how many orders held it together with each other sku.
  std::vector<std::unordered_map<SkuId, uint32_t>> together_;

  // Every sale; its window also ranks the whole catalogue.
  mutable SalesWindow all_sales_{kPopularWindow};
  // Built on first use and dropped when the category's products change.
  mutable StringMap<SalesWindow> category_sales_;
};

}  // namespace kairos::stdlib
