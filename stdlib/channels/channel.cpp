#include "stdlib/channels/channel.h"

namespace kairos::stdlib {

bool DryRunChannel::Deliver(const Message&, std::string&) {
  ++delivered_;
  return true;
}

void Outbox::SetChannel(std::string_view channel, Channel* to) { channels_[std::string(channel)] = to; }

Outbox::Result Outbox::Send(const Message& message, std::string& error) {
  if (keys_.count(message.key) != 0) return Result::Duplicate;
  auto found = channels_.find(message.channel);
  Channel& channel = found != channels_.end() && found->second != nullptr ? *found->second : dry_run_;
  if (!channel.Deliver(message, error)) return Result::Failed;
  keys_.insert(message.key);
  return Result::Delivered;
}

}  // namespace kairos::stdlib
