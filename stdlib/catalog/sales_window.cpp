#include "stdlib/catalog/sales_window.h"

#include <algorithm>

namespace kairos::stdlib_internal {

namespace {

size_t After(const std::vector<Sale>& sales, int64_t at) {
  auto it = std::upper_bound(sales.begin(), sales.end(), at,
                             [](int64_t time, const Sale& sale) { return time < sale.at; });
  return static_cast<size_t>(it - sales.begin());
}

int64_t Minus(int64_t now, int64_t length) {
  constexpr int64_t kEarliest = std::numeric_limits<int64_t>::min();
  return now < kEarliest + length ? kEarliest : now - length;
}

}  // namespace

void SalesWindow::Add(const Sale& sale, const SkuNames& names) {
  sales_.insert(sales_.begin() + static_cast<ptrdiff_t>(After(sales_, sale.at)), sale);
  if (!placed_) return;
  if (sale.at <= Minus(now_, length_)) {
    ++begin_;
    ++end_;
  } else if (sale.at <= now_) {
    ++end_;
    Count(sale, +1, names);
  }
}

void SalesWindow::MoveTo(int64_t now, const SkuNames& names) {
  size_t begin = After(sales_, Minus(now, length_));
  size_t end = After(sales_, now);
  if (!placed_ || begin >= end_ || end <= begin_) {
    // Nothing in common with the last window: counting afresh is cheaper.
    sold_.clear();
    ranking_.clear();
    for (size_t i = begin; i < end; ++i) Count(sales_[i], +1, names);
  } else {
    // Totals are sums, so the four edges can be applied in any order.
    for (size_t i = end_; i < end; ++i) Count(sales_[i], +1, names);
    for (size_t i = end; i < end_; ++i) Count(sales_[i], -1, names);
    for (size_t i = begin_; i < begin; ++i) Count(sales_[i], -1, names);
    for (size_t i = begin; i < begin_; ++i) Count(sales_[i], +1, names);
  }
  placed_ = true;
  now_ = now;
  begin_ = begin;
  end_ = end;
}

int64_t SalesWindow::Sold(SkuId sku) const {
  auto it = sold_.find(sku);
  return it == sold_.end() ? 0 : it->second;
}

void SalesWindow::Count(const Sale& sale, int64_t sign, const SkuNames& names) {
  auto it = sold_.try_emplace(sale.sku, 0).first;
  int64_t before = it->second;
  int64_t after = before + sign * sale.quantity;
  const std::string& name = names[sale.sku];
  // A total may dip below zero while the edges are applied; only positive
  // totals are ranked.
  if (before > 0) ranking_.erase(Ranked{before, name, sale.sku});
  if (after > 0) ranking_.insert(Ranked{after, name, sale.sku});
  if (after == 0) {
    sold_.erase(it);
  } else {
    it->second = after;
  }
}

}  // namespace kairos::stdlib_internal
