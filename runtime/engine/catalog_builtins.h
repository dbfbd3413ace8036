// The prelude's catalogue functions for the interpreter: products from the
// catalogue (stdlib/catalog) turned into the schema's `product` records, and
// the page views and orders the recommendations learn from.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/ir/ir.h"
#include "runtime/history/history.h"
#include "runtime/interp/interpreter.h"
#include "stdlib/catalog/catalog.h"

namespace kairos::runtime {

class CatalogBuiltins final : public Builtins {
 public:
  CatalogBuiltins(const ir::Program& program, HistoryStore& store);

  // A catalogue CSV; "PATH:LINE: reason" for each row skipped.
  std::vector<std::string> Load(std::string_view csv, std::string_view path);

  // A `product` line of the event input: adds or replaces the product.
  void Upsert(stdlib::Product product);

  // Learns from an event: `page_viewed` with a `sku`, `order_placed` with `items`.
  void Observe(uint32_t event, const std::string& contact, const Value& record, int64_t at);
  void MergeContact(const std::string& from, const std::string& into);

  Value Call(std::string_view name, const std::vector<Value>& args, const ContactHistory& contact,
             int64_t now) override;

 private:
  Value ProductValue(const stdlib::Product& product);
  Value ProductList(const std::vector<const stdlib::Product*>& products);
  std::string_view Text(const Value& value) const;

  HistoryStore& store_;
  stdlib::Catalog catalog_;
  const Symbol* product_ = nullptr;  // the schema's product record
  int page_viewed_ = -1, view_sku_ = -1;
  int order_placed_ = -1, order_items_ = -1, item_sku_ = -1, item_quantity_ = -1;
  std::unordered_map<std::string, Value> values_;  // sku -> product record
};

}  // namespace kairos::runtime
