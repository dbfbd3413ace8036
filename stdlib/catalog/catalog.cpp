#include "stdlib/catalog/catalog.h"

#include <algorithm>

#include "compiler/base/utf8.h"
#include "stdlib/catalog/csv_rows.h"

namespace kairos::stdlib {

using stdlib_internal::kNoSku;
using stdlib_internal::Ranked;
using stdlib_internal::Sale;

namespace {

constexpr size_t kNoColumn = static_cast<size_t>(-1);

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string Count(size_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

size_t ColumnOf(const std::vector<std::string>& fields, std::string_view name) {
  auto it = std::find(fields.begin(), fields.end(), name);
  return it == fields.end() ? kNoColumn : static_cast<size_t>(it - fields.begin());
}

bool ValidUtf8(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(), [](const std::string& cell) {
    return utf8::FindInvalid(cell) == std::string_view::npos;
  });
}

}  // namespace

std::vector<std::string> Catalog::LoadCsv(std::string_view text, std::string_view path) {
  std::vector<std::string> errors;
  auto report = [&](int line, std::string_view reason) {
    errors.push_back(std::string(path) + ":" + std::to_string(line) + ": " + std::string(reason));
  };
  stdlib_internal::CsvRows rows(text);
  stdlib_internal::CsvRow row;
  if (!rows.Next(row)) {
    report(1, "the file is empty; its first row must name the product fields, `sku` among them");
    return errors;
  }
  if (!row.error.empty()) {
    report(row.line, row.error);
    return errors;
  }

  // Without a sound header no row can be read, so its mistakes end the load.
  const int header_line = row.line;
  std::vector<std::string> fields;
  for (const std::string& cell : row.cells) {
    std::string field(Trim(cell));
    if (field.empty()) {
      report(header_line, "column " + std::to_string(fields.size() + 1) +
                              " has no name; name it after a product field");
    } else if (utf8::FindInvalid(field) != std::string_view::npos) {
      report(header_line, "the header is not valid UTF-8; save the file as UTF-8");
    } else if (ColumnOf(fields, field) != kNoColumn) {
      report(header_line, "column `" + field + "` appears twice; name each column once");
    }
    fields.push_back(std::move(field));
  }
  const size_t sku_column = ColumnOf(fields, "sku");
  if (sku_column == kNoColumn) {
    report(header_line,
           "no `sku` column; the first row must name the product fields, `sku` among them");
  }
  if (!errors.empty()) return errors;
  const size_t category_column = ColumnOf(fields, "category");
  const size_t in_stock_column = ColumnOf(fields, "in_stock");

  StringMap<int> first_line;  // sku -> the line of its first row in this file
  while (rows.Next(row)) {
    if (!row.error.empty()) {
      report(row.line, row.error);
      continue;
    }
    if (row.cells.size() != fields.size()) {
      report(row.line, "this row has " + Count(row.cells.size(), "cell") +
                           " but the header names " + Count(fields.size(), "column"));
      continue;
    }
    if (!ValidUtf8(row.cells)) {
      report(row.line, "this row is not valid UTF-8; save the file as UTF-8");
      continue;
    }
    Product product;
    product.sku = row.cells[sku_column];
    if (product.sku.empty()) {
      report(row.line, "the `sku` cell is empty; every product needs one");
      continue;
    }
    if (category_column != kNoColumn) product.category = row.cells[category_column];
    if (in_stock_column != kNoColumn) {
      const std::string& in_stock = row.cells[in_stock_column];
      if (in_stock != "true" && in_stock != "false") {
        report(row.line, "`in_stock` is `" + in_stock + "`; write `true` or `false`");
        continue;
      }
      product.in_stock = in_stock == "true";
    }
    auto [first, fresh] = first_line.try_emplace(product.sku, row.line);
    if (!fresh) {
      report(row.line, "sku `" + product.sku + "` appears again (first on line " +
                           std::to_string(first->second) + "); this row replaces it");
    }
    product.cells.reserve(fields.size());
    for (size_t i = 0; i < fields.size(); ++i)
      product.cells.emplace_back(fields[i], std::move(row.cells[i]));
    Upsert(std::move(product));
  }
  return errors;
}

void Catalog::Upsert(Product product) {
  const SkuId id = Intern(product.sku);
  auto it = products_.find(product.sku);
  if (it != products_.end() && it->second.category == product.category) {
    it->second = std::move(product);
    return;
  }
  if (it == products_.end()) {
    it = products_.try_emplace(product.sku).first;
  } else {
    // The product moves to another category: both lose their cached sales.
    auto members = products_by_category_.find(it->second.category);
    members->second.erase(it->first);
    if (members->second.empty()) products_by_category_.erase(members);
    category_sales_.erase(it->second.category);
  }
  it->second = std::move(product);
  const std::string& category = it->second.category;
  auto members = products_by_category_.find(category);
  if (members == products_by_category_.end())
    members = products_by_category_.try_emplace(category).first;
  members->second.emplace(it->first, &it->second);
  category_sales_.erase(category);
  product_by_id_[id] = &it->second;
}

const Product* Catalog::Find(std::string_view sku) const {
  auto it = products_.find(sku);
  return it == products_.end() ? nullptr : &it->second;
}

void Catalog::RecordView(std::string_view contact, std::string_view sku, int64_t at) {
  if (contact.empty() || sku.empty()) return;
  const SkuId id = Intern(sku);
  auto it = views_.find(contact);
  if (it == views_.end()) it = views_.try_emplace(std::string(contact)).first;
  AddView(it->second, id, at);
}

// Popularity and pairs are counted shop-wide: who bought plays no part.
void Catalog::RecordOrder(std::string_view /*contact*/,
                          const std::vector<std::pair<std::string, int64_t>>& items, int64_t at) {
  std::vector<SkuId> skus;
  for (const auto& [sku, quantity] : items) {
    if (sku.empty() || quantity < 1) continue;
    const SkuId id = Intern(sku);
    const Sale sale{at, quantity, id};
    all_sales_.Add(sale, sku_names_);
    if (const Product* product = product_by_id_[id]) {
      auto window = category_sales_.find(product->category);
      if (window != category_sales_.end()) window->second.Add(sale, sku_names_);
    }
    skus.push_back(id);
  }
  // An order listing a sku twice still holds each pair once.
  std::sort(skus.begin(), skus.end());
  skus.erase(std::unique(skus.begin(), skus.end()), skus.end());
  for (size_t i = 0; i < skus.size(); ++i) {
    for (size_t j = i + 1; j < skus.size(); ++j) {
      ++together_[skus[i]][skus[j]];
      ++together_[skus[j]][skus[i]];
    }
  }
}

void Catalog::MergeContact(std::string_view from, std::string_view into) {
  if (from == into || into.empty()) return;
  auto it = views_.find(from);
  if (it == views_.end()) return;
  std::vector<View> moved = std::move(it->second);
  views_.erase(it);
  auto target = views_.find(into);
  if (target == views_.end()) target = views_.try_emplace(std::string(into)).first;
  for (const View& view : moved) AddView(target->second, view.sku, view.at);
}

std::vector<const Product*> Catalog::RecentlyViewed(std::string_view contact, size_t n) const {
  std::vector<const Product*> result;
  auto it = views_.find(contact);
  if (it == views_.end()) return result;
  for (const View& view : it->second) {
    if (result.size() >= n) break;
    if (const Product* product = InStock(view.sku)) result.push_back(product);
  }
  return result;
}

std::vector<const Product*> Catalog::PopularInCategory(std::string_view category, size_t n,
                                                       int64_t now) const {
  std::vector<const Product*> result;
  if (n == 0) return result;
  auto members = products_by_category_.find(category);
  SalesWindow& window = members == products_by_category_.end()
                            ? all_sales_
                            : CategoryWindow(members->first, members->second);
  window.MoveTo(now, sku_names_);
  for (const Ranked& ranked : window.ranking()) {
    if (result.size() >= n) return result;
    if (const Product* product = InStock(ranked.id)) result.push_back(product);
  }
  // Then the products nothing was sold of, which tie at zero.
  auto add_unsold = [&](const Product& product) {
    if (result.size() >= n) return false;
    if (product.in_stock && window.Sold(FindId(product.sku)) == 0) result.push_back(&product);
    return true;
  };
  if (members == products_by_category_.end()) {
    for (const auto& [sku, product] : products_) {
      if (!add_unsold(product)) break;
    }
  } else {
    for (const auto& [sku, product] : members->second) {
      if (!add_unsold(*product)) break;
    }
  }
  return result;
}

std::vector<const Product*> Catalog::BoughtTogether(std::string_view sku, size_t n) const {
  std::vector<const Product*> result;
  const SkuId id = FindId(sku);
  if (id == kNoSku || n == 0) return result;
  std::vector<std::pair<uint32_t, const Product*>> candidates;
  for (const auto& [other, orders] : together_[id]) {
    if (const Product* product = InStock(other)) candidates.emplace_back(orders, product);
  }
  const size_t count = std::min(n, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<ptrdiff_t>(count),
                    candidates.end(), [](const auto& a, const auto& b) {
                      if (a.first != b.first) return a.first > b.first;
                      return a.second->sku < b.second->sku;
                    });
  for (size_t i = 0; i < count; ++i) result.push_back(candidates[i].second);
  return result;
}

Catalog::SkuId Catalog::Intern(std::string_view sku) {
  if (SkuId id = FindId(sku); id != kNoSku) return id;
  const auto id = static_cast<SkuId>(sku_names_.size());
  sku_names_.emplace_back(sku);
  sku_ids_.emplace(sku_names_.back(), id);
  product_by_id_.push_back(nullptr);
  together_.emplace_back();
  return id;
}

Catalog::SkuId Catalog::FindId(std::string_view sku) const {
  auto it = sku_ids_.find(sku);
  return it == sku_ids_.end() ? kNoSku : it->second;
}

const Product* Catalog::InStock(SkuId sku) const {
  const Product* product = product_by_id_[sku];
  return product != nullptr && product->in_stock ? product : nullptr;
}

bool Catalog::NewerFirst(const View& a, const View& b) const {
  if (a.at != b.at) return a.at > b.at;
  return sku_names_[a.sku] < sku_names_[b.sku];
}

// Keeps `views` in NewerFirst order, one entry per sku at its newest view, and
// at most kRecentViewsKept of them.
void Catalog::AddView(std::vector<View>& views, SkuId sku, int64_t at) const {
  auto same =
      std::find_if(views.begin(), views.end(), [&](const View& view) { return view.sku == sku; });
  if (same != views.end()) {
    if (same->at >= at) return;
    views.erase(same);
  }
  const View view{sku, at};
  auto place = std::lower_bound(views.begin(), views.end(), view,
                                [&](const View& a, const View& b) { return NewerFirst(a, b); });
  if (place == views.end() && views.size() >= kRecentViewsKept)
    return;  // older than all it would displace
  views.insert(place, view);
  if (views.size() > kRecentViewsKept) views.pop_back();
}

Catalog::SalesWindow& Catalog::CategoryWindow(const std::string& category,
                                              const ProductsBySku& members) const {
  auto it = category_sales_.find(category);
  if (it != category_sales_.end()) return it->second;
  std::vector<bool> member(sku_names_.size(), false);
  for (const auto& [sku, product] : members) member[FindId(sku)] = true;
  SalesWindow window(kPopularWindow);
  for (const Sale& sale : all_sales_.sales()) {
    if (member[sale.sku]) window.Add(sale, sku_names_);
  }
  return category_sales_.try_emplace(category, std::move(window)).first->second;
}

}  // namespace kairos::stdlib
