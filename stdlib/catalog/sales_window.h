// The catalogue's sales over a sliding time window, ranked by quantity sold,
// for `popular_in_category`. Private to stdlib/catalog.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kairos::stdlib_internal {

// Dense ids of the skus the catalogue has seen; names are indexed by them.
using SkuId = uint32_t;
inline constexpr SkuId kNoSku = std::numeric_limits<SkuId>::max();
using SkuNames = std::deque<std::string>;

struct Sale {
  int64_t at;
  int64_t quantity;
  SkuId sku;
};

struct Ranked {
  int64_t sold;
  std::string_view sku;  // a name in the SkuNames, for the tie break
  SkuId id;
};

struct MostSoldFirst {
  bool operator()(const Ranked& a, const Ranked& b) const {
    if (a.sold != b.sold) return a.sold > b.sold;
    return a.sku < b.sku;
  }
};

// Sales sorted by time, with the totals of those in (now - length, now].
// Moving the window touches only the sales that enter or leave it, so asking
// again at a later `now` costs what happened in between, not all sales. A late
// sale is placed by its time and counted at once when it falls in the window.
class SalesWindow {
 public:
  explicit SalesWindow(int64_t length) : length_(length) {}

  void Add(const Sale& sale, const SkuNames& names);
  void MoveTo(int64_t now, const SkuNames& names);

  const std::vector<Sale>& sales() const { return sales_; }
  int64_t Sold(SkuId sku) const;
  // The skus sold in the window, most sold first, ties by sku.
  const std::set<Ranked, MostSoldFirst>& ranking() const { return ranking_; }

 private:
  void Count(const Sale& sale, int64_t sign, const SkuNames& names);

  int64_t length_;
  std::vector<Sale> sales_;  // by time; equal times in arrival order
  bool placed_ = false;      // whether MoveTo has set `now_` yet
  int64_t now_ = 0;
  size_t begin_ = 0;  // sales_[begin_, end_) lie in the window
  size_t end_ = 0;
  std::unordered_map<SkuId, int64_t> sold_;  // only skus with sales in the window
  std::set<Ranked, MostSoldFirst> ranking_;
};

}  // namespace kairos::stdlib_internal
