#include "runtime/engine/catalog_builtins.h"

#include <simdjson.h>

#include "runtime/events/decode_value.h"
#include "runtime/format/text_forms.h"

namespace kairos::runtime {
namespace {

int MemberIndex(const Symbol* record, std::string_view name) {
  if (record == nullptr) return -1;
  for (size_t i = 0; i < record->members.size(); ++i) {
    if (record->members[i]->name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

CatalogBuiltins::CatalogBuiltins(const ir::Program& program, HistoryStore& store)
    : store_(store), product_(program.product) {
  for (size_t i = 0; i < program.events.size(); ++i) {
    const ir::EventLayout& layout = program.events[i];
    if (layout.name == "page_viewed") {
      page_viewed_ = static_cast<int>(i);
      view_sku_ = layout.Column("sku");
    } else if (layout.name == "order_placed") {
      order_placed_ = static_cast<int>(i);
      order_items_ = layout.Column("items");
      if (order_items_ >= 0) {
        const Type& items = layout.fields[static_cast<size_t>(order_items_)]->type.NonOptional();
        const Symbol* item = items.element().NonOptional().symbol();
        item_sku_ = MemberIndex(item, "sku");
        item_quantity_ = MemberIndex(item, "quantity");
      }
    }
  }
}

void CatalogBuiltins::Upsert(stdlib::Product product) {
  values_.erase(product.sku);
  catalog_.Upsert(std::move(product));
}

std::vector<std::string> CatalogBuiltins::Load(std::string_view csv, std::string_view path) {
  values_.clear();
  return catalog_.LoadCsv(csv, path);
}

std::string_view CatalogBuiltins::Text(const Value& value) const {
  return value.is_null() ? std::string_view() : std::string_view(store_.strings().Text(static_cast<uint32_t>(value.scalar)));
}

void CatalogBuiltins::Observe(uint32_t event, const std::string& contact, const Value& record, int64_t at) {
  const int index = static_cast<int>(event);
  if (index == page_viewed_ && view_sku_ >= 0) {
    const std::string_view sku = Text(record.elements[static_cast<size_t>(view_sku_)]);
    if (!sku.empty()) catalog_.RecordView(contact, sku, at);
  } else if (index == order_placed_ && order_items_ >= 0 && item_sku_ >= 0 && item_quantity_ >= 0) {
    std::vector<std::pair<std::string, int64_t>> items;
    for (const Value& item : record.elements[static_cast<size_t>(order_items_)].elements) {
      if (item.kind != Value::Kind::Record) continue;
      const Value& quantity = item.elements[static_cast<size_t>(item_quantity_)];
      items.emplace_back(std::string(Text(item.elements[static_cast<size_t>(item_sku_)])),
                         quantity.is_null() ? 1 : quantity.scalar);
    }
    catalog_.RecordOrder(contact, items, at);
  }
}

void CatalogBuiltins::MergeContact(const std::string& from, const std::string& into) {
  catalog_.MergeContact(from, into);
}

// A product's cells decoded by the schema's field types, through the event
// decoder (a cell is the JSON value an event would carry).
Value CatalogBuiltins::ProductValue(const stdlib::Product& product) {
  auto cached = values_.find(product.sku);
  if (cached != values_.end()) return cached->second;
  Value record;
  record.kind = Value::Kind::Record;
  simdjson::dom::parser parser;
  for (const Symbol* field : product_->members) {
    Value cell;
    for (const auto& [name, text] : product.cells) {
      if (name != field->name || text.empty()) continue;
      const Type& type = field->type.NonOptional();
      std::string json;
      if (type.is(TypeKind::Bool) || type.is(TypeKind::Int)) {
        json = text;
      } else {
        AppendJsonString(json, text);
      }
      simdjson::dom::element element;
      std::string reason;
      if (parser.parse(json).get(element) != simdjson::SUCCESS ||
          !DecodeValue(element, field->type, store_.strings(), field->name, cell, reason)) {
        cell = Value::Null();  // a cell the schema cannot read is left out
      }
    }
    record.elements.push_back(std::move(cell));
  }
  values_.emplace(product.sku, record);
  return record;
}

Value CatalogBuiltins::ProductList(const std::vector<const stdlib::Product*>& products) {
  Value list;
  list.kind = Value::Kind::List;
  for (const stdlib::Product* product : products) list.elements.push_back(ProductValue(*product));
  return list;
}

Value CatalogBuiltins::Call(std::string_view name, const std::vector<Value>& args, const ContactHistory& contact,
                            int64_t now) {
  if (product_ == nullptr) return Value::Null();
  auto count = [&](size_t i) { return i < args.size() && args[i].scalar > 0 ? static_cast<size_t>(args[i].scalar) : 0; };
  if (name == "recently_viewed") return ProductList(catalog_.RecentlyViewed(contact.id, count(1)));
  if (name == "popular_in_category") return ProductList(catalog_.PopularInCategory(Text(args[0]), count(1), now));
  if (name == "bought_together") return ProductList(catalog_.BoughtTogether(Text(args[0]), count(1)));
  if (name == "catalog_product") {
    const stdlib::Product* product = catalog_.Find(Text(args[0]));
    return product != nullptr ? ProductValue(*product) : Value::Null();
  }
  return Value::Null();
}

}  // namespace kairos::runtime
