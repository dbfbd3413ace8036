// Events in, as JSON Lines (INTERFACES.md): each line decoded, validated
// against the schema and placed in the contacts' histories. A bad line is
// reported with its line number and the reason, and skipped; nothing else is
// lost. With `strict`, loading stops at the first bad line.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/history/history.h"

namespace kairos::runtime {

struct EventError {
  int line = 0;  // 1-based
  std::string reason;
};

struct LoadResult {
  size_t accepted = 0;             // events placed (identify included)
  size_t duplicates = 0;           // lines ignored for a repeated `id`
  std::vector<EventError> errors;  // in line order
  std::optional<int64_t> last_at;  // the latest `at` accepted
};

// One accepted line, decoded but not yet applied to the store.
struct DecodedEvent {
  enum class Kind : uint8_t { Event, Identify, Alias, Product };
  Kind kind = Kind::Event;
  std::string contact;   // after earlier aliases: the contact the line is about now
  std::string previous;  // Alias: the id merged into `contact`
  int64_t at = 0;
  bool has_at = false;   // false only for an `alias` without "at"
  size_t event = 0;      // Event: index in ir::Program::events
  std::vector<Value> cells;                          // Event: one per column
  std::vector<std::pair<size_t, Value>> fields;      // Identify: contact field index, value
  // Product: the catalogue entry's fields as text (numbers and booleans as
  // written, money as "349.90 ILS"), the schema's product fields only.
  std::vector<std::pair<std::string, std::string>> product;
  bool duplicate = false;  // a repeated "id": accepted, and to be ignored
};

// Decodes lines one at a time against the store's schema, remembering the
// ids seen and the aliases applied, so a long-running engine and a file load
// decode alike.
class EventDecoder {
 public:
  explicit EventDecoder(HistoryStore& store);
  ~EventDecoder();

  // False with the reason when the line is rejected; the store is untouched.
  bool Decode(std::string_view line, DecodedEvent& out, std::string& reason);
  // Puts a decoded event into the store (an alias merges the two histories).
  void Apply(const DecodedEvent& event);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Calls visit(line_number, line) for each non-blank line (1-based numbers,
// "\r\n" endings accepted) until it returns false.
void ForEachLine(std::string_view text, const std::function<bool(int, std::string_view)>& visit);

LoadResult LoadEvents(std::string_view text, HistoryStore& store, bool strict);

}  // namespace kairos::runtime
