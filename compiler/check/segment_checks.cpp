// Segments: boolean bodies and cycles between segments.
#include <algorithm>
#include <deque>
#include <functional>
#include <set>

#include "compiler/check/declaration_checks.h"

namespace kairos {

void CheckSegment(Checkers& c, const Symbol& segment) {
  const auto& decl = segment.decl->As<ast::SegmentDecl>();
  if (!decl.body) return;
  Scope scope(&c.ctx.program);
  for (const Symbol* param : segment.members) scope.Add(param->name, param);
  c.exprs.set_current_segment(&segment);
  c.exprs.CheckCondition(*decl.body, scope, "segment " + Quoted(segment.name));
  c.exprs.set_current_segment(nullptr);
}

namespace {

using Use = CheckContext::Use;

// Strongly connected components of the segment graph (Tarjan), each listed
// in declaration order.
std::vector<std::vector<const Symbol*>> Components(
    const std::vector<const Symbol*>& segments,
    const std::map<const Symbol*, std::vector<Use>>& uses) {
  std::map<const Symbol*, int> index, low;
  std::set<const Symbol*> on_stack;
  std::vector<const Symbol*> stack;
  std::vector<std::vector<const Symbol*>> components;
  int counter = 0;
  std::function<void(const Symbol*)> visit = [&](const Symbol* v) {
    index[v] = low[v] = counter++;
    stack.push_back(v);
    on_stack.insert(v);
    if (auto it = uses.find(v); it != uses.end()) {
      for (const Use& use : it->second) {
        const Symbol* w = use.symbol;
        if (!index.count(w)) {
          visit(w);
          low[v] = std::min(low[v], low[w]);
        } else if (on_stack.count(w)) {
          low[v] = std::min(low[v], index[w]);
        }
      }
    }
    if (low[v] != index[v]) return;
    std::vector<const Symbol*> component;
    const Symbol* w = nullptr;
    do {
      w = stack.back();
      stack.pop_back();
      on_stack.erase(w);
      component.push_back(w);
    } while (w != v);
    components.push_back(std::move(component));
  };
  for (const Symbol* segment : segments) {
    if (!index.count(segment)) visit(segment);
  }
  std::map<const Symbol*, size_t> order;
  for (size_t i = 0; i < segments.size(); ++i) order[segments[i]] = i;
  for (auto& component : components) {
    std::sort(component.begin(), component.end(),
              [&](const Symbol* a, const Symbol* b) { return order[a] < order[b]; });
  }
  return components;
}

// The shortest path of uses from `start` back to itself inside `members`.
std::vector<Use> CyclePath(const Symbol* start, const std::set<const Symbol*>& members,
                           const std::map<const Symbol*, std::vector<Use>>& uses) {
  std::map<const Symbol*, std::pair<const Symbol*, Use>> reached;  // node -> (from, use)
  std::deque<const Symbol*> queue{start};
  while (!queue.empty()) {
    const Symbol* v = queue.front();
    queue.pop_front();
    auto it = uses.find(v);
    if (it == uses.end()) continue;
    for (const Use& use : it->second) {
      if (!members.count(use.symbol) || reached.count(use.symbol)) continue;
      reached.emplace(use.symbol, std::pair{v, use});
      if (use.symbol == start) {
        std::vector<Use> path;
        const Symbol* node = start;
        do {
          const auto& [from, edge] = reached.at(node);
          path.push_back(edge);
          node = from;
        } while (node != start);
        std::reverse(path.begin(), path.end());
        return path;
      }
      queue.push_back(use.symbol);
    }
  }
  return {};
}

}  // namespace

void CheckSegmentCycles(CheckContext& ctx) {
  const std::vector<const Symbol*>& segments = ctx.model.Declarations(SymbolKind::Segment);
  for (const auto& component : Components(segments, ctx.segment_uses)) {
    const Symbol* start = component.front();
    const std::set<const Symbol*> members(component.begin(), component.end());
    std::vector<Use> path = CyclePath(start, members, ctx.segment_uses);
    if (path.empty()) continue;  // a single segment that does not use itself
    std::string chain = start->name;
    for (const Use& use : path) chain += " -> " + use.symbol->name;
    std::vector<DiagnosticNote> notes;
    const Symbol* from = path.front().symbol;
    for (size_t i = 1; i < path.size(); ++i) {
      notes.push_back({path[i].range, Quoted(from->name) + " uses " + Quoted(path[i].symbol->name) + " here"});
      from = path[i].symbol;
    }
    ctx.sink.Error(DiagnosticKind::SegmentCycle, path.front().range,
                   "segment " + Quoted(start->name) + " depends on itself (" + chain +
                       "); a segment cannot be defined in terms of itself. Write the condition "
                       "out in one of them instead.",
                   std::move(notes));
  }
}

}  // namespace kairos
