// Random contact histories as JSON Lines, the engine's event input: profiles
// (`identify` with traits, some fields missing or null, some contacts never
// identified) and events of every type with random fields, at times spread
// around the world's instants — on window boundaries to the second, tied
// within one second, and loaded out of order.
#pragma once

#include <string>
#include <vector>

#include "tests/differential/choices.h"
#include "tests/differential/world.h"

namespace kairos::differential {

struct GeneratedContact {
  std::string id;
  std::vector<std::string> lines;  // this contact's lines, in load order
};

struct GeneratedHistory {
  std::string jsonl;                       // every line, contacts interleaved
  std::vector<GeneratedContact> contacts;  // includes one with no lines at all
};

struct HistoryOptions {
  int contacts = 16;
};

GeneratedHistory GenerateHistory(const SchemaModel& schema, const World& world, Choices& choices,
                                 const HistoryOptions& options);

}  // namespace kairos::differential
