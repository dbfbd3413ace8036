// Kairos inside another program: a shop's order service feeds the engine its
// events as they happen and delivers the messages itself.
//
//   embed_example PROJECT_DIR
//
// It compiles the project, registers an SMS channel and an action listener,
// ingests a few events and moves the clock on, so that the project's waits
// fire; then it prints what happened.
#include <iostream>

#include "runtime/engine/compiled_project.h"
#include "runtime/engine/engine.h"
#include "stdlib/channels/channel.h"

namespace {

// A channel the host program owns: here it only prints; a real one would
// call the SMS provider's API.
class PrintingSms final : public kairos::stdlib::Channel {
 public:
  bool Deliver(const kairos::stdlib::Message& message, std::string&) override {
    std::cout << "sms to " << message.address << " (" << message.sms_segments << " segment(s)): " << message.body
              << "\n";
    ++delivered;
    return true;
  }
  int delivered = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: embed_example PROJECT_DIR\n";
    return 2;
  }
  auto project = kairos::runtime::CompileProject({argv[1]});
  std::cerr << project->diagnostics;
  if (!project->ok) return 1;

  kairos::runtime::Engine engine(project->program, {});
  PrintingSms sms;
  engine.SetChannel("sms", &sms);
  int actions = 0;
  engine.OnAction([&](const kairos::runtime::Action& action) {
    std::cout << kairos::runtime::ActionText(action) << "\n";
    ++actions;
  });

  const char* events[] = {
      R"({"type":"identify","contact":"c-1","at":"2026-03-01T10:00:00Z","traits":{"email":"dana@example.com","phone":"+972501234567","first_name":"Dana","created_at":"2026-03-01T10:00:00Z","consent":{"email":true,"sms":true,"whatsapp":false}}})",
      R"({"type":"signed_up","contact":"c-1","at":"2026-03-01T10:00:05Z","source":"site"})",
      R"({"type":"order_placed","contact":"c-1","at":"2026-03-02T12:00:00Z","order_id":"o-1","total":"1450.00 ILS","items":[{"sku":"D-17","name":"Red dress","category":"dresses","quantity":1,"price":"1450.00 ILS"}],"payment_method":"card","shipping_method":"courier","channel":"store"})",
  };
  for (const char* line : events) {
    std::string reason;
    if (!engine.Ingest(line, reason)) {
      std::cerr << "rejected: " << reason << "\n";
      return 1;
    }
  }
  engine.AdvanceTo(engine.now() + 20 * 86400);  // twenty days later: every wait is over
  std::cout << actions << " action(s), " << sms.delivered << " SMS delivered by the host\n";
  return actions > 0 && sms.delivered > 0 ? 0 : 1;
}
