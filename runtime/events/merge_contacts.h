// Merging one contact's history into another's: what an `alias` event does
// when an anonymous visitor turns out to be a known contact.
#pragma once

#include <string>

#include "runtime/history/history.h"

namespace kairos::runtime {

// Moves every event of `previous` into the tables of `into`, each at its time
// (so the merged history stays sorted) and naming `into` as its contact. The
// fields `into` has not set take the values of `previous`; `into` counts as
// identified. `previous` then leaves the store. `into` is created when it is
// new; when the store has no `previous` only that happens.
void MergeContact(HistoryStore& store, const std::string& previous, const std::string& into);

}  // namespace kairos::runtime
