#include "runtime/events/load_events.h"

#include <simdjson.h>

#include <unordered_map>
#include <unordered_set>

#include "runtime/events/decode_value.h"
#include "runtime/events/merge_contacts.h"
#include "runtime/events/scalars.h"

namespace kairos::runtime {

using simdjson::dom::element;
using simdjson::dom::object;

struct EventDecoder::State {
  explicit State(HistoryStore& store) : store_(store) {}

  bool Line(std::string_view text, DecodedEvent& out, std::string& reason) {
    out = DecodedEvent{};
    element root;
    // The parser copies the line into its own padded buffer, reused from line to line.
    if (auto error = parser_.parse(text.data(), text.size(), true).get(root)) {
      reason = std::string("not valid JSON: ") + simdjson::error_message(error);
      return false;
    }
    object event;
    if (root.get_object().get(event) != simdjson::SUCCESS) {
      reason = "an event must be a JSON object";
      return false;
    }
    std::string_view type, contact, id;
    if (!RequiredString(event, "type", type, reason)) return false;
    if (type == "product") return Product(event, out, reason);
    if (!RequiredString(event, "contact", contact, reason)) return false;
    std::optional<int64_t> at;
    if (!Instant(event, type, at, reason)) return false;
    if (contact.empty()) {
      reason = "\"contact\" is empty";
      return false;
    }
    element id_json;
    if (event["id"].get(id_json) == simdjson::SUCCESS) {
      if (id_json.get_string().get(id) != simdjson::SUCCESS) {
        reason = "\"id\" must be a string";
        return false;
      }
    }
    // Events of a contact merged into another belong to that one from then on.
    const std::string contact_id = Resolve(std::string(contact));
    if (type == "identify") {
      if (!Identify(event, contact_id, out, reason)) return false;
    } else if (type == "alias") {
      if (!Alias(event, contact, contact_id, out, reason)) return false;
    } else if (!Append(event, type, contact_id, *at, out, reason)) {
      return false;
    }
    if (at) {
      out.at = *at;
      out.has_at = true;
    }
    // Recorded only once the line is accepted, so a bad line does not hide a good retry.
    out.duplicate = !id.empty() && !seen_ids_.insert(std::string(id)).second;
    return true;
  }

  static bool RequiredString(object event, const char* key, std::string_view& out, std::string& reason) {
    element value;
    if (event[key].get(value) != simdjson::SUCCESS) {
      reason = std::string("missing \"") + key + "\"";
      return false;
    }
    if (value.get_string().get(out) != simdjson::SUCCESS) {
      reason = std::string("\"") + key + "\" must be a string";
      return false;
    }
    return true;
  }

  // `at`, required except on `alias` (which moves events that keep their own times).
  static bool Instant(object event, std::string_view type, std::optional<int64_t>& at, std::string& reason) {
    std::string_view text;
    element value;
    if (type == "alias" && event["at"].get(value) != simdjson::SUCCESS) return true;
    if (!RequiredString(event, "at", text, reason)) return false;
    at = ParseRfc3339(text);
    if (!at) {
      reason = "\"at\" is \"" + std::string(text) + "\", which is not an RFC 3339 instant such as \"2026-03-01T10:00:00Z\"";
      return false;
    }
    return true;
  }

  static bool IsEnvelope(std::string_view key) {
    return key == "type" || key == "contact" || key == "at" || key == "id";
  }

  // The contact `id` stands for now: itself, or the contact it was merged into.
  std::string Resolve(std::string id) const {
    for (auto found = aliases_.find(id); found != aliases_.end(); found = aliases_.find(id)) id = found->second;
    return id;
  }

  bool Alias(object event, std::string_view contact, const std::string& contact_id, DecodedEvent& out,
             std::string& reason) {
    for (auto [key, value] : event) {
      if (!IsEnvelope(key) && key != "previous") {
        reason = "`alias` takes \"contact\" and \"previous\", not \"" + std::string(key) + "\"";
        return false;
      }
    }
    std::string_view previous;
    if (!RequiredString(event, "previous", previous, reason)) {
      reason += " (the anonymous id that `alias` merges into \"contact\")";
      return false;
    }
    if (previous.empty()) {
      reason = "\"previous\" is empty";
      return false;
    }
    if (previous == contact) {
      reason = "`alias` merges \"previous\" into \"contact\", but both are \"" + std::string(contact) +
               "\"; a contact cannot be aliased to itself";
      return false;
    }
    // An id is merged once; repeating the same alias changes nothing.
    const std::string merged_into = Resolve(std::string(previous));
    if (merged_into != previous && merged_into != contact_id) {
      reason = "\"" + std::string(previous) + "\" was merged into \"" + merged_into +
               "\" already; an id is merged into one contact only";
      return false;
    }
    out.kind = DecodedEvent::Kind::Alias;
    out.contact = contact_id;
    out.previous = merged_into;
    return true;
  }

  // `{"type":"product","sku":"D-17","name":"Red dress","price":"349.90 ILS",...}`:
  // a catalogue entry, kept as text for the catalogue (stdlib/catalog).
  bool Product(object event, DecodedEvent& out, std::string& reason) {
    const Symbol* product = store_.program().product;
    for (auto [key, value] : event) {
      if (key == "type" || key == "at" || key == "id") continue;
      if (product == nullptr || product->FindMember(key) == nullptr) {
        reason = "the product has no field `" + std::string(key) + "`";
        return false;
      }
      std::string text;
      std::string_view string;
      bool flag = false;
      element amount, currency;
      if (value.get_string().get(string) == simdjson::SUCCESS) {
        text = string;
      } else if (value.get_bool().get(flag) == simdjson::SUCCESS) {
        text = flag ? "true" : "false";
      } else if (value.is_number()) {
        text = simdjson::minify(value);
      } else if (value["amount"].get(amount) == simdjson::SUCCESS &&
                 value["currency"].get(currency) == simdjson::SUCCESS && amount.get_string().get(string) == simdjson::SUCCESS) {
        text = std::string(string) + " ";
        if (currency.get_string().get(string) == simdjson::SUCCESS) text += string;
      } else if (!value.is_null()) {
        reason = "product field `" + std::string(key) + "` must be a string, a number, true or false, or money";
        return false;
      }
      out.product.emplace_back(std::string(key), std::move(text));
    }
    bool has_sku = false;
    for (const auto& [key, text] : out.product) has_sku = has_sku || (key == "sku" && !text.empty());
    if (!has_sku) {
      reason = "a product needs its \"sku\"";
      return false;
    }
    out.kind = DecodedEvent::Kind::Product;
    return true;
  }

  bool Identify(object event, const std::string& contact, DecodedEvent& out, std::string& reason) {
    const Symbol* schema_contact = store_.program().contact;
    for (auto [key, value] : event) {
      if (!IsEnvelope(key) && key != "traits") {
        reason = "`identify` takes the contact's fields under \"traits\", not \"" + std::string(key) + "\"";
        return false;
      }
    }
    element traits_json;
    if (event["traits"].get(traits_json) == simdjson::SUCCESS) {
      object traits;
      if (traits_json.get_object().get(traits) != simdjson::SUCCESS) {
        reason = "\"traits\" must be a JSON object";
        return false;
      }
      for (auto [key, value] : traits) {
        const Symbol* field = schema_contact != nullptr ? schema_contact->FindMember(key) : nullptr;
        if (field == nullptr) {
          reason = "the contact has no field `" + std::string(key) + "`";
          return false;
        }
        Value decoded;
        if (!DecodeValue(value, field->type, store_.strings(), "trait `" + std::string(key) + "`", decoded,
                         reason)) {
          return false;
        }
        size_t index = 0;
        while (schema_contact->members[index] != field) ++index;
        out.fields.emplace_back(index, std::move(decoded));
      }
    }
    out.kind = DecodedEvent::Kind::Identify;
    out.contact = contact;
    return true;
  }

  bool Append(object event, std::string_view type, const std::string& contact, int64_t at, DecodedEvent& out,
              std::string& reason) {
    const ir::Program& program = store_.program();
    int index = -1;
    for (size_t i = 0; i < program.events.size(); ++i) {
      if (program.events[i].name == type) index = static_cast<int>(i);
    }
    if (index < 0) {
      reason = "unknown event type \"" + std::string(type) + "\"; the schema has no such event";
      return false;
    }
    const ir::EventLayout& layout = program.events[static_cast<size_t>(index)];
    for (auto [key, value] : event) {
      if (!IsEnvelope(key) && layout.symbol->FindMember(key) == nullptr) {
        reason = "event `" + layout.name + "` has no field `" + std::string(key) + "`";
        return false;
      }
    }
    std::vector<Value> cells;
    for (const Symbol* field : layout.fields) {
      if (field->name == "at") {
        cells.push_back(Value::Scalar(at));
        continue;
      }
      if (field->name == "contact") {
        cells.push_back(Value::Scalar(store_.strings().Intern(contact)));
        continue;
      }
      element value;
      Value decoded;
      const std::string what = "field `" + field->name + "`";
      if (event[field->name].get(value) != simdjson::SUCCESS) {
        if (!field->type.is_optional()) {
          reason = "event `" + layout.name + "` needs " + what + " (" + field->type.ToString() + ")";
          return false;
        }
      } else if (!DecodeValue(value, field->type, store_.strings(), what, decoded, reason)) {
        return false;
      }
      cells.push_back(std::move(decoded));
    }
    out.kind = DecodedEvent::Kind::Event;
    out.contact = contact;
    out.event = static_cast<size_t>(index);
    out.cells = std::move(cells);
    return true;
  }

  void Apply(const DecodedEvent& decoded) {
    if (decoded.kind == DecodedEvent::Kind::Product) return;  // the catalogue's, not the history's
    if (decoded.kind == DecodedEvent::Kind::Alias) {
      // Already one contact (a repeated alias) when both are the same.
      if (decoded.previous != decoded.contact) aliases_[decoded.previous] = decoded.contact;
      MergeContact(store_, decoded.previous, decoded.contact);
      return;
    }
    ContactHistory& history = store_.Contact(decoded.contact);
    if (decoded.kind == DecodedEvent::Kind::Identify) {
      history.identified = true;
      for (auto& [index, value] : decoded.fields) history.fields[index] = value;
      return;
    }
    history.events[decoded.event].Insert(decoded.at, decoded.cells);
  }

  HistoryStore& store_;
  simdjson::dom::parser parser_;
  std::unordered_set<std::string> seen_ids_;
  std::unordered_map<std::string, std::string> aliases_;  // merged contact -> the contact it went into
};

EventDecoder::EventDecoder(HistoryStore& store) : state_(std::make_unique<State>(store)) {}
EventDecoder::~EventDecoder() = default;

bool EventDecoder::Decode(std::string_view line, DecodedEvent& out, std::string& reason) {
  return state_->Line(line, out, reason);
}

void EventDecoder::Apply(const DecodedEvent& event) { state_->Apply(event); }

void ForEachLine(std::string_view text, const std::function<bool(int, std::string_view)>& visit) {
  int line_number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (!visit(line_number, line)) break;
  }
}

LoadResult LoadEvents(std::string_view text, HistoryStore& store, bool strict) {
  LoadResult result;
  EventDecoder decoder(store);
  DecodedEvent event;
  ForEachLine(text, [&](int line_number, std::string_view line) {
    std::string reason;
    if (!decoder.Decode(line, event, reason)) {
      result.errors.push_back({line_number, std::move(reason)});
      return !strict;
    }
    if (event.duplicate) {
      ++result.duplicates;
      return true;
    }
    ++result.accepted;
    if (event.has_at && (!result.last_at || event.at > *result.last_at)) {
      result.last_at = event.at;
    }
    decoder.Apply(event);
    return true;
  });
  return result;
}

}  // namespace kairos::runtime
