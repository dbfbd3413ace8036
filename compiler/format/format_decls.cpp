// Declarations: schema, segments, built-ins, journeys, campaigns, coupons,
// popups and policies.
#include <string>

#include "compiler/format/expr_text.h"
#include "compiler/format/formatter.h"

namespace kairos::format_internal {

void Formatter::Decl(const ast::Decl& decl) {
  switch (decl.kind) {
    case ast::DeclKind::Schema:
      Schema(decl.As<ast::SchemaDecl>());
      break;
    case ast::DeclKind::Segment:
      Segment(decl.As<ast::SegmentDecl>());
      break;
    case ast::DeclKind::Builtin: {
      const auto& builtin = decl.As<ast::BuiltinDecl>();
      ItemLine(0,
               "builtin " + builtin.name.name + ParamsText(builtin.params) + ": " +
                   TypeText(*builtin.result),
               decl.range);
      break;
    }
    case ast::DeclKind::Journey: {
      const auto& journey = decl.As<ast::JourneyDecl>();
      ItemsDecl("journey " + journey.name.name, decl, journey.body_range, journey.items);
      break;
    }
    case ast::DeclKind::Campaign: {
      const auto& campaign = decl.As<ast::CampaignDecl>();
      ItemsDecl("campaign " + campaign.name.name, decl, campaign.body_range, campaign.items);
      break;
    }
    case ast::DeclKind::Coupon:
      Coupon(decl.As<ast::CouponDecl>());
      break;
    case ast::DeclKind::Popup:
      Popup(decl.As<ast::PopupDecl>());
      break;
    case ast::DeclKind::Policy:
      Policy(decl.As<ast::PolicyDecl>());
      break;
  }
}

void Formatter::Schema(const ast::SchemaDecl& schema) {
  std::string head = schema.is_extend ? "extend schema" : "schema " + schema.name.name;
  uint32_t lbrace = FindForward(schema.range.begin, '{');
  uint32_t rbrace = ClosingBrace(schema.range);
  if (!OpenBlock(0, head, schema.range.begin, lbrace, rbrace, schema.items.empty())) return;
  for (const ast::SchemaItem& item : schema.items) SchemaItem(item, kIndent);
  CloseBlock(0, rbrace);
}

void Formatter::SchemaItem(const ast::SchemaItem& item, int indent) {
  std::string head;
  switch (item.kind) {
    case ast::SchemaItemKind::Currency:
      ItemLine(indent, "currency " + item.name.name, item.range);
      return;
    case ast::SchemaItemKind::Timezone: {
      // The zone as written, quotes and all.
      std::string_view text = SourceText(item.range.begin, item.range.end);
      size_t open = text.find('"');
      size_t close = text.rfind('"');
      std::string zone = open < close ? std::string(text.substr(open, close + 1 - open))
                                      : "\"" + item.timezone + "\"";
      ItemLine(indent, "timezone " + zone, item.range);
      return;
    }
    case ast::SchemaItemKind::Contact:
      head = "contact";
      break;
    case ast::SchemaItemKind::Product:
      head = "product";
      break;
    case ast::SchemaItemKind::Record:
      head = "record " + item.name.name;
      break;
    case ast::SchemaItemKind::Event:
      head = "event " + item.name.name;
      break;
  }
  uint32_t lbrace = FindForward(item.range.begin, '{');
  uint32_t rbrace = ClosingBrace(item.range);
  if (!OpenBlock(indent, head, item.range.begin, lbrace, rbrace, item.fields.empty())) return;
  for (const ast::FieldDecl& field : item.fields) {
    ItemLine(indent + kIndent, FieldText(field), field.range);
  }
  CloseBlock(indent, rbrace);
}

void Formatter::Segment(const ast::SegmentDecl& segment) {
  std::string head = "segment " + segment.name.name;
  if (segment.params) head += ParamsText(*segment.params);
  head += " =";
  uint32_t equals = FindForward(segment.name.range.end, '=');
  ConditionLine(0, head, *segment.body, "", segment.range, equals + 1);
}

void Formatter::ItemsDecl(const std::string& head, const ast::Decl& decl, SourceRange body,
                          const std::vector<ast::StmtPtr>& items) {
  uint32_t rbrace = ClosingBrace(body);
  if (!OpenBlock(0, head, decl.range.begin, body.begin, rbrace, items.empty())) return;
  Steps(items, kIndent);
  CloseBlock(0, rbrace);
}

void Formatter::Coupon(const ast::CouponDecl& coupon) {
  uint32_t lbrace = FindForward(coupon.name.range.end, '{');
  uint32_t rbrace = ClosingBrace(coupon.range);
  if (!OpenBlock(0, "coupon " + coupon.name.name, coupon.range.begin, lbrace, rbrace,
                 coupon.items.empty())) {
    return;
  }
  for (const ast::CouponItem& item : coupon.items) {
    std::string text;
    switch (item.kind) {
      case ast::CouponItemKind::Discount:
        text = "discount " + ExprText(*item.value);
        break;
      case ast::CouponItemKind::CodesGenerated:
        text = "codes generated " + item.text->text;
        break;
      case ast::CouponItemKind::CodesFrom:
        text = "codes from " + item.text->text;
        break;
      case ast::CouponItemKind::Limit:
        text = "limit " + ExprText(*item.value);
        break;
      case ast::CouponItemKind::IssueWindow:
        text = "issue between " + ExprText(*item.value) + " and " + ExprText(*item.second);
        break;
      case ast::CouponItemKind::ValidFor:
        text = "valid for " + ExprText(*item.value);
        break;
      case ast::CouponItemKind::WhenExhausted:
        text = "when exhausted ";
        text += item.exhausted == ast::ExhaustedAction::Skip ? "skip"
                : item.exhausted == ast::ExhaustedAction::Fallback
                    ? "fallback " + item.fallback.name
                    : "stop journey";
        break;
    }
    ItemLine(kIndent, text, item.range);
  }
  CloseBlock(0, rbrace);
}

void Formatter::Popup(const ast::PopupDecl& popup) {
  uint32_t lbrace = FindForward(popup.name.range.end, '{');
  uint32_t rbrace = ClosingBrace(popup.range);
  if (!OpenBlock(0, "popup " + popup.name.name, popup.range.begin, lbrace, rbrace,
                 popup.items.empty())) {
    return;
  }
  for (const ast::PopupItem& item : popup.items) {
    switch (item.kind) {
      case ast::PopupItemKind::ShowTo:
        ConditionLine(kIndent, "show to", *item.audience, "", item.range,
                      item.audience->range.begin);
        break;
      case ast::PopupItemKind::Trigger: {
        std::string text = "trigger";
        for (size_t i = 0; i < item.triggers.size(); ++i) {
          const ast::PopupTrigger& trigger = item.triggers[i];
          text += i == 0 ? " " : " or ";
          switch (trigger.kind) {
            case ast::PopupTriggerKind::After:
              text += "after " + ExprText(*trigger.value);
              break;
            case ast::PopupTriggerKind::Scroll:
              text += "scroll " + ExprText(*trigger.value);
              break;
            case ast::PopupTriggerKind::Named:
              text += trigger.name.name;
              break;
          }
        }
        ItemLine(kIndent, text, item.range);
        break;
      }
      case ast::PopupItemKind::OnDevice:
        RecordLine(kIndent, "on " + item.device.name, item.record.get(), item.range);
        break;
      case ast::PopupItemKind::OnSubmit:
        RecordLine(kIndent, "on submit emit " + item.event.name, item.record.get(), item.range);
        break;
    }
  }
  CloseBlock(0, rbrace);
}

void Formatter::Policy(const ast::PolicyDecl& policy) {
  uint32_t lbrace = FindForward(policy.range.begin, '{');
  uint32_t rbrace = ClosingBrace(policy.range);
  if (!OpenBlock(0, "policy", policy.range.begin, lbrace, rbrace, policy.items.empty())) return;
  for (const ast::PolicyItem& item : policy.items) {
    // Counts as written (`1_000` stays so).
    std::string count(SourceText(item.count_range.begin, item.count_range.end));
    if (count.empty()) count = std::to_string(item.count);
    std::string text;
    switch (item.kind) {
      case ast::PolicyItemKind::QuietHours:
        text = "quiet hours " + ExprText(*item.from) + " to " + ExprText(*item.to);
        break;
      case ast::PolicyItemKind::Cap:
        text = "cap " + item.channel.name + " " + count + " per " + ExprText(*item.per);
        break;
      case ast::PolicyItemKind::SmsLimit:
        text = "sms limit " + count + " " + item.unit.name;
        break;
    }
    ItemLine(kIndent, text, item.range);
  }
  CloseBlock(0, rbrace);
}

}  // namespace kairos::format_internal
