// The policy: quiet hours, frequency caps and the SMS length limit.
#include "compiler/base/suggest.h"
#include "compiler/check/constant.h"
#include "compiler/check/declaration_checks.h"

namespace kairos {

void CheckPolicy(Checkers& c, const ast::PolicyDecl& policy) {
  const Scope constants;
  ClauseTracker clauses(c.ctx.sink);
  const Symbol& channels = *c.ctx.model.schema().channel;
  for (const ast::PolicyItem& item : policy.items) {
    switch (item.kind) {
      case ast::PolicyItemKind::QuietHours:
        clauses.First("quiet hours", item.range, "keep one `quiet hours`");
        if (item.from) c.exprs.CheckValue(*item.from, constants, Type::Time(), "`quiet hours`");
        if (item.to) c.exprs.CheckValue(*item.to, constants, Type::Time(), "`quiet hours`");
        break;
      case ast::PolicyItemKind::Cap: {
        const std::string& channel = item.channel.name;
        if (channel != "all") {
          const Symbol* member = channels.FindMember(channel);
          if (member == nullptr) {
            std::vector<std::string> names = channels.MemberNames();
            names.push_back("all");
            c.ctx.sink.Error(DiagnosticKind::UnknownChannel, item.channel.range,
                             "unknown channel " + Quoted(channel) + "." + DidYouMean(channel, names) +
                                 " Cap one of email, sms, whatsapp, push, webhook, or `all`.");
            break;
          }
          c.ctx.model.AddReference(item.channel.range, member);
        }
        clauses.First("cap " + channel, item.range, "keep one cap for each channel");
        if (item.count <= 0) {
          c.ctx.sink.Error(DiagnosticKind::InvalidLiteral, item.count_range,
                           "a cap allows at least 1 message; to stop a channel, leave it out of the "
                           "journeys instead.");
        }
        if (item.per) {
          Type t = c.exprs.CheckValue(*item.per, constants, Type::Duration(), "`per`");
          std::optional<int64_t> seconds = ConstantSeconds(*item.per);
          if (!t.is_error() && seconds && *seconds <= 0) {
            c.ctx.sink.Error(DiagnosticKind::InvalidLiteral, item.per->range,
                             "a cap counts messages over a positive period, such as `7d`.");
          }
        }
        break;
      }
      case ast::PolicyItemKind::SmsLimit:
        clauses.First("sms limit", item.range, "keep one `sms limit`");
        if (item.unit.name != "segments" && item.unit.name != "segment") {
          c.ctx.sink.Error(DiagnosticKind::UnknownName, item.unit.range,
                           "the SMS limit counts `segments`: write `sms limit " +
                               std::to_string(item.count) + " segments`.");
        }
        if (item.count <= 0) {
          c.ctx.sink.Error(DiagnosticKind::InvalidLiteral, item.count_range,
                           "an SMS takes at least 1 segment; the limit must be 1 or more.");
        }
        break;
    }
  }
}

}  // namespace kairos
