#include "bench/engine/store_filler.h"

#include <cstdlib>
#include <iostream>
#include <iterator>

namespace kairos::bench {
namespace {

using runtime::Value;

// Position of `name` in `members`, or -1.
int IndexOf(const std::vector<const Symbol*>& members, std::string_view name) {
  for (size_t i = 0; i < members.size(); ++i) {
    if (members[i]->name == name) return static_cast<int>(i);
  }
  return -1;
}

int EventIndexOf(const ir::Program& program, std::string_view name) {
  for (size_t i = 0; i < program.events.size(); ++i) {
    if (program.events[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string> Names(const std::vector<const Symbol*>& members) {
  std::vector<std::string> names;
  for (const Symbol* member : members) names.push_back(member->name);
  return names;
}

template <size_t N>
std::vector<std::string> Names(const char* const (&names)[N]) {
  return {std::begin(names), std::end(names)};
}

Value Bool(bool b) { return Value::Scalar(b ? 1 : 0); }

// "o12-0": the contact's j-th order (prefix 'o') or cart ('k').
std::string RowId(char prefix, uint64_t n, int j) {
  std::string id(1, prefix);
  id += std::to_string(n);
  id += '-';
  id += std::to_string(j);
  return id;
}

}  // namespace

std::string StoreFiller::Check(const ir::Program& program) {
  if (program.contact == nullptr) return "bench.journey: no contact";
  const auto& fields = program.contact->members;
  for (const char* name :
       {"id", "email", "first_name", "city", "created_at", "vip", "tags", "consent"}) {
    if (IndexOf(fields, name) < 0)
      return std::string("bench.journey: the contact has no `") + name + "`";
  }
  const Symbol* consent = fields[static_cast<size_t>(IndexOf(fields, "consent"))];
  if (Names(consent->type.NonOptional().symbol()->members) !=
      std::vector<std::string>{"email", "sms", "whatsapp"}) {
    return "bench.journey: consent must be { email, sms, whatsapp }";
  }
  // Cells are written in these column orders, and enum cells hold the index
  // of the generator's value.
  const std::vector<std::pair<std::string, std::vector<std::string>>> events = {
      {"order_placed", {"at", "contact", "order_id", "total", "channel"}},
      {"cart_abandoned", {"at", "contact", "cart_id", "value"}},
      {"page_viewed", {"at", "contact", "category", "duration", "device"}}};
  for (const auto& [name, columns] : events) {
    const int event = EventIndexOf(program, name);
    if (event < 0 || Names(program.events[static_cast<size_t>(event)].fields) != columns) {
      return "bench.journey: event `" + name + "` differs from the generator's";
    }
  }
  const auto enum_values = [&](const char* event, size_t column) {
    const ir::EventLayout& layout =
        program.events[static_cast<size_t>(EventIndexOf(program, event))];
    return Names(layout.fields[column]->type.NonOptional().symbol()->members);
  };
  if (enum_values("order_placed", 4) != Names(kChannels) ||
      enum_values("page_viewed", 4) != Names(kDevices)) {
    return "bench.journey: an enum differs from the generator's";
  }
  return "";
}

StoreFiller::StoreFiller(runtime::HistoryStore& store) : store_(store) {
  const ir::Program& program = store.program();
  const std::string problem = Check(program);
  if (!problem.empty()) {
    std::cerr << problem << "\n";
    std::abort();
  }
  const auto& fields = program.contact->members;
  const auto field = [&](const char* name) { return static_cast<size_t>(IndexOf(fields, name)); };
  email_ = field("email");
  first_name_ = field("first_name");
  city_ = field("city");
  created_at_ = field("created_at");
  vip_ = field("vip");
  tags_field_ = field("tags");
  consent_ = field("consent");
  order_ = static_cast<size_t>(EventIndexOf(program, "order_placed"));
  cart_ = static_cast<size_t>(EventIndexOf(program, "cart_abandoned"));
  view_ = static_cast<size_t>(EventIndexOf(program, "page_viewed"));
  runtime::StringPool& strings = store.strings();
  ils_ = strings.Intern("ILS");
  for (const char* name : kFirstNames) first_names_.push_back(strings.Intern(name));
  for (const char* name : kCities) cities_.push_back(strings.Intern(name));
  for (const char* name : kCategories) categories_.push_back(strings.Intern(name));
  for (const char* name : kTags) tags_.push_back(strings.Intern(name));
}

const runtime::ContactHistory& StoreFiller::Add(const SyntheticContact& c) {
  const std::string id = ContactId(c.n);
  runtime::ContactHistory& history = store_.Contact(id);
  runtime::StringPool& strings = store_.strings();
  history.identified = true;
  auto& f = history.fields;
  f[email_] = c.has_email ? Value::Scalar(strings.Intern(ContactEmail(c.n))) : Value::Null();
  f[first_name_] = c.first_name >= 0
                       ? Value::Scalar(first_names_[static_cast<size_t>(c.first_name)])
                       : Value::Null();
  f[city_] = c.city >= 0 ? Value::Scalar(cities_[static_cast<size_t>(c.city)]) : Value::Null();
  f[created_at_] = Value::Scalar(c.created_at);
  f[vip_] = Bool(c.vip);
  Value tags;
  tags.kind = Value::Kind::List;
  for (size_t tag = 0; tag < tags_.size(); ++tag) {
    if (c.tags & (1u << tag)) tags.elements.push_back(Value::Scalar(tags_[tag]));
  }
  f[tags_field_] = std::move(tags);
  Value consent;
  consent.kind = Value::Kind::Record;
  consent.elements = {Bool(c.consent_email), Bool(c.consent_sms), Bool(c.consent_whatsapp)};
  f[consent_] = std::move(consent);

  const Value contact = Value::Scalar(strings.Intern(id));
  int j = 0;
  for (const SyntheticOrder& o : c.orders) {
    const Value order_id = Value::Scalar(strings.Intern(RowId('o', c.n, j++)));
    history.events[order_].Insert(o.at, {Value::Scalar(o.at), contact, order_id,
                                         Value::Money(o.total, ils_), Value::Scalar(o.channel)});
  }
  j = 0;
  for (const SyntheticCart& cart : c.carts) {
    const Value cart_id = Value::Scalar(strings.Intern(RowId('k', c.n, j++)));
    history.events[cart_].Insert(
        cart.at, {Value::Scalar(cart.at), contact, cart_id, Value::Money(cart.value, ils_)});
  }
  for (const SyntheticView& v : c.views) {
    const Value category = v.category >= 0
                               ? Value::Scalar(categories_[static_cast<size_t>(v.category)])
                               : Value::Null();
    history.events[view_].Insert(v.at, {Value::Scalar(v.at), contact, category,
                                        Value::Scalar(v.duration), Value::Scalar(v.device)});
  }
  return history;
}

}  // namespace kairos::bench
