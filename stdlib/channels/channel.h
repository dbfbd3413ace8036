// Channels: how a rendered message leaves Kairos. Every channel (email, SMS,
// WhatsApp, push, webhook) sits behind one interface, and the outbox hands
// each message to its channel once per idempotency key, so a replay or a
// restart never sends twice.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_set>

namespace kairos::stdlib {

struct Message {
  std::string channel;        // email, sms, whatsapp, push or webhook
  std::string contact;        // the contact's id
  std::string address;        // the email address or phone number; "" when the channel needs none
  std::string template_name;  // the provider's template; "" for a body written in the journey
  std::string body;           // the rendered body of an SMS or WhatsApp text
  std::string data_json;      // the template's fields as a JSON object
  std::string key;            // the idempotency key
  int sms_segments = 0;       // SMS only: parts the body takes
  bool gsm7 = true;           // SMS only: GSM-7 (else UCS-2)
};

class Channel {
 public:
  virtual ~Channel() = default;
  // Hands the message to the provider; false with the reason when it refused.
  virtual bool Deliver(const Message& message, std::string& error) = 0;
};

// The dry run's channel: delivers nothing and counts what it was given.
class DryRunChannel final : public Channel {
 public:
  bool Deliver(const Message& message, std::string& error) override;
  uint64_t delivered() const { return delivered_; }

 private:
  uint64_t delivered_ = 0;
};

class Outbox {
 public:
  enum class Result : uint8_t { Delivered, Duplicate, Failed };

  // Messages of `channel` go to `to` from now on (not owned); the others go
  // to the dry-run channel.
  void SetChannel(std::string_view channel, Channel* to);

  // Delivers `message` unless a message with its key was delivered before.
  Result Send(const Message& message, std::string& error);

  const DryRunChannel& dry_run() const { return dry_run_; }

 private:
  DryRunChannel dry_run_;
  std::map<std::string, Channel*, std::less<>> channels_;
  std::unordered_set<std::string> keys_;
};

}  // namespace kairos::stdlib
