#include "runtime/import/import_csv.h"

#include <algorithm>
#include <unordered_map>

#include "compiler/base/utf8.h"
#include "runtime/format/text_forms.h"
#include "runtime/import/csv_reader.h"
#include "runtime/import/evaluate.h"

namespace kairos::runtime {
namespace {

std::string_view Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool Holds(const MapComparison& comparison, const Row& row) {
  const std::string_view value = row[static_cast<size_t>(comparison.column.column)];
  bool holds = false;
  switch (comparison.op) {
    case MapComparison::Op::Equals: holds = value == comparison.text; break;
    case MapComparison::Op::NotEquals: holds = value != comparison.text; break;
    case MapComparison::Op::StartsWith: holds = value.starts_with(comparison.text); break;
    case MapComparison::Op::EndsWith: holds = value.ends_with(comparison.text); break;
    case MapComparison::Op::Contains: holds = value.find(comparison.text) != std::string_view::npos; break;
  }
  return holds != comparison.negated;
}

// One event in the making: the rows of one group of one section.
struct Group {
  size_t rule = 0;
  int first_line = 0;
  std::string contact;
  int64_t at = 0;                       // the earliest of the rows' times
  std::string id;
  Row first_row;                        // the event's own fields come from it
  std::vector<std::string> lists;       // per field: its list records as JSON, comma-separated
  std::vector<Cell> totals;             // the rule's sum and count values
};

// A contact's `identify` event in the making: its earliest row so far.
struct Identity {
  int64_t at = 0;
  int line = 0;
  std::string traits;  // the traits as a JSON object, computed on that row
};

class Importer {
 public:
  explicit Importer(ImportMapping mapping) : mapping_(std::move(mapping)) {}

  ImportResult Run(std::string_view csv) {
    CsvReader reader(csv, mapping_.delimiter);
    CsvRecord header;
    if (!reader.Next(header)) {
      result_.errors.push_back({1, "the file is empty; it needs a header row with the column names"});
      return std::move(result_);
    }
    if (!header.error.empty()) {
      result_.errors.push_back({header.line, "the header row: " + header.error});
      return std::move(result_);
    }
    columns_ = header.fields.size();
    ResolveColumns(mapping_, header.fields, result_.mapping_errors);
    if (!result_.mapping_errors.empty()) return std::move(result_);

    CsvRecord record;
    while (reader.Next(record)) {
      ++result_.stats.rows;
      std::string reason;
      if (!AddRow(record, reason)) result_.errors.push_back({record.line, std::move(reason)});
    }
    Write();
    return std::move(result_);
  }

 private:
  bool AddRow(const CsvRecord& record, std::string& reason) {
    if (!record.error.empty()) {
      reason = record.error;
      return false;
    }
    const Row& row = record.fields;
    if (row.size() != columns_) {
      reason = "the row has " + std::to_string(row.size()) + " columns; the header has " + std::to_string(columns_);
      return false;
    }
    for (size_t i = 0; i < row.size(); ++i) {
      if (utf8::FindInvalid(row[i]) != std::string::npos) {
        reason = "column " + std::to_string(i + 1) + " is not UTF-8 text; export the file as UTF-8";
        return false;
      }
    }
    const MapRule* rule = Route(row);
    if (rule == nullptr) {
      ++result_.stats.unmatched;
      return true;
    }
    if (rule->skip) {
      ++result_.stats.skipped_by_rule;
      return true;
    }
    const size_t rule_index = static_cast<size_t>(rule - mapping_.rules.data());

    Cell contact, at, key, id;
    if (!Evaluate(mapping_.contact, row, mapping_.currency, nullptr, contact, reason)) return false;
    const std::string contact_id(Trim(CellText(contact)));
    if (contact_id.empty()) {
      ++result_.stats.no_contact;
      return true;
    }
    if (!Evaluate(mapping_.at, row, mapping_.currency, nullptr, at, reason)) return false;
    if (at.kind == Cell::Kind::Null) {
      reason = "the time is empty";
      return false;
    }
    if (mapping_.grouped) {
      if (!Evaluate(mapping_.group_by, row, mapping_.currency, nullptr, key, reason)) return false;
      if (CellText(key).empty()) {
        reason = "the group (`group_by`) is empty";
        return false;
      }
    }
    if (rule->has_id && !Evaluate(rule->id, row, mapping_.currency, nullptr, id, reason)) return false;

    // Every field is evaluated on every row, so a bad value is reported
    // wherever it is, not only on a group's first row.
    std::vector<std::string> records(rule->fields.size());
    for (size_t f = 0; f < rule->fields.size(); ++f) {
      const MapField& field = rule->fields[f];
      Cell value;
      if (field.record.empty()) {
        if (!Evaluate(field.value, row, mapping_.currency, nullptr, value, reason)) return Field(field, reason);
        continue;
      }
      std::string& json = records[f];
      json += '{';
      bool first = true;
      for (const MapField& item : field.record) {
        if (!Evaluate(item.value, row, mapping_.currency, nullptr, value, reason)) {
          return Field(field, reason, &item);
        }
        if (value.kind == Cell::Kind::Null) continue;
        if (!first) json += ',';
        first = false;
        AppendJsonString(json, item.name);
        json += ':';
        AppendJson(json, value);
      }
      json += '}';
    }
    std::string traits;
    if (mapping_.has_identify && !Traits(row, traits, reason)) return false;

    Group* group = nullptr;
    const std::string group_key = mapping_.grouped ? CellText(key) : std::to_string(record.line);
    auto [found, inserted] = index_.try_emplace(std::to_string(rule_index) + '\n' + group_key, groups_.size());
    if (inserted) {
      groups_.push_back({rule_index, record.line, contact_id, at.scaled, CellText(id), row,
                         std::vector<std::string>(rule->fields.size()), std::vector<Cell>(static_cast<size_t>(rule->aggregates))});
      group = &groups_.back();
    } else {
      group = &groups_[found->second];
      if (group->contact != contact_id) {
        reason = "this row's group \"" + group_key + "\" belongs to contact " + group->contact + " (line " +
                 std::to_string(group->first_line) + "), not " + contact_id;
        return false;
      }
    }
    // The totals change only once the row is known to fit, so a rejected row
    // leaves its group as it was.
    std::vector<Cell> totals = group->totals;
    for (const MapField& field : rule->fields) {
      if (!Accumulate(field.value, row, mapping_.currency, totals, reason)) {
        if (inserted) {
          index_.erase(found);
          groups_.pop_back();
        }
        return Field(field, reason);
      }
    }
    group->totals = std::move(totals);
    group->at = std::min(group->at, at.scaled);
    for (size_t f = 0; f < records.size(); ++f) {
      if (records[f].empty()) continue;
      if (!group->lists[f].empty()) group->lists[f] += ',';
      group->lists[f] += records[f];
    }
    if (mapping_.has_identify) {
      auto [identity, first] = identities_.try_emplace(contact_id, Identity{at.scaled, record.line, {}});
      // Rows come in file order, so on a tie the earlier line stays.
      if (first || at.scaled < identity->second.at) identity->second = Identity{at.scaled, record.line, std::move(traits)};
    }
    return true;
  }

  // The `[identify]` traits of a row as a JSON object; a value that is empty
  // leaves its trait (or its record's field) out.
  bool Traits(const Row& row, std::string& json, std::string& reason) const {
    json = "{";
    for (const MapField& trait : mapping_.identify.traits) {
      std::string value;
      if (trait.record.empty()) {
        Cell cell;
        if (!Evaluate(trait.value, row, mapping_.currency, nullptr, cell, reason)) return TraitError(trait, reason);
        if (cell.kind == Cell::Kind::Null) continue;
        AppendJson(value, cell);
      } else {
        value = "{";
        for (const MapField& item : trait.record) {
          Cell cell;
          if (!Evaluate(item.value, row, mapping_.currency, nullptr, cell, reason)) {
            return TraitError(trait, reason, &item);
          }
          if (cell.kind == Cell::Kind::Null) continue;
          if (value.size() > 1) value += ',';
          AppendJsonString(value, item.name);
          value += ':';
          AppendJson(value, cell);
        }
        value += '}';
      }
      if (json.size() > 1) json += ',';
      AppendJsonString(json, trait.name);
      json += ':' + value;
    }
    json += '}';
    return true;
  }

  static bool TraitError(const MapField& trait, std::string& reason, const MapField* item = nullptr) {
    reason = "trait `" + trait.name + (item != nullptr ? "." + item->name : "") + "`: " + reason;
    return false;
  }

  static bool Field(const MapField& field, std::string& reason, const MapField* item = nullptr) {
    reason = "field `" + field.name + (item != nullptr ? "." + item->name : "") + "`: " + reason;
    return false;
  }

  const MapRule* Route(const Row& row) const {
    for (const MapRule& rule : mapping_.rules) {
      if (std::all_of(rule.when.begin(), rule.when.end(), [&](const MapComparison& c) { return Holds(c, row); })) {
        return &rule;
      }
    }
    return nullptr;
  }

  // What Write puts in order: an event's group, or a contact's identity.
  struct Output {
    int64_t at = 0;
    int line = 0;
    const Group* group = nullptr;
    const std::string* contact = nullptr;  // for an identity
    const Identity* identity = nullptr;
  };

  void Write() {
    std::vector<Output> order;
    order.reserve(groups_.size() + identities_.size());
    for (const Group& group : groups_) order.push_back({group.at, group.first_line, &group, nullptr, nullptr});
    for (const auto& [contact, identity] : identities_) {
      order.push_back({identity.at, identity.line, nullptr, &contact, &identity});
    }
    // By time; at one instant identities first, so that a contact is known
    // before its first event; then by line.
    std::sort(order.begin(), order.end(), [](const Output& a, const Output& b) {
      if (a.at != b.at) return a.at < b.at;
      if ((a.identity != nullptr) != (b.identity != nullptr)) return a.identity != nullptr;
      return a.line < b.line;
    });
    std::vector<ImportRowError> late;
    for (const Output& output : order) {
      if (output.identity != nullptr) {
        WriteIdentify(*output.contact, *output.identity);
        continue;
      }
      std::string reason;
      if (!WriteEvent(*output.group, reason)) late.push_back({output.group->first_line, std::move(reason)});
    }
    // Errors found on a whole group join the rows' errors, in line order.
    result_.errors.insert(result_.errors.end(), late.begin(), late.end());
    std::stable_sort(result_.errors.begin(), result_.errors.end(),
                     [](const ImportRowError& a, const ImportRowError& b) { return a.line < b.line; });
  }

  void WriteIdentify(const std::string& contact, const Identity& identity) {
    std::string line = "{\"type\":\"identify\",\"contact\":";
    AppendJsonString(line, contact);
    line += ",\"at\":";
    AppendJson(line, Cell{Cell::Kind::Time, "", identity.at, false});
    line += ",\"traits\":" + identity.traits + "}\n";
    result_.events += line;
    ++result_.stats.events;
    ++result_.stats.events_by_type["identify"];
  }

  bool WriteEvent(const Group& group, std::string& reason) {
    const MapRule& rule = mapping_.rules[group.rule];
    std::string line = "{\"type\":";
    AppendJsonString(line, rule.event_type);
    line += ",\"contact\":";
    AppendJsonString(line, group.contact);
    line += ",\"at\":";
    AppendJson(line, Cell{Cell::Kind::Time, "", group.at, false});
    if (rule.has_id) {
      line += ",\"id\":";
      AppendJsonString(line, group.id);
    }
    for (size_t f = 0; f < rule.fields.size(); ++f) {
      const MapField& field = rule.fields[f];
      if (!field.record.empty()) {
        line += ',';
        AppendJsonString(line, field.name);
        line += ":[" + group.lists[f] + "]";
        continue;
      }
      Cell value;
      if (!Evaluate(field.value, group.first_row, mapping_.currency, &group.totals, value, reason)) {
        return Field(field, reason);
      }
      if (value.kind == Cell::Kind::Null) continue;
      line += ',';
      AppendJsonString(line, field.name);
      line += ':';
      AppendJson(line, value);
    }
    line += "}\n";
    result_.events += line;
    ++result_.stats.events;
    ++result_.stats.events_by_type[rule.event_type];
    return true;
  }

  ImportMapping mapping_;
  ImportResult result_;
  size_t columns_ = 0;
  std::vector<Group> groups_;
  std::unordered_map<std::string, size_t> index_;  // section and group key → groups_
  std::unordered_map<std::string, Identity> identities_;  // by contact, with `[identify]`
};

}  // namespace

ImportResult ImportCsv(std::string_view csv, ImportMapping mapping) { return Importer(std::move(mapping)).Run(csv); }

}  // namespace kairos::runtime
