// The AST builder: positions, names and the declarations other than the schema.
#include "compiler/syntax/parse_internal.h"

namespace kairos::syntax_internal {

// ---------------------------------------------------------------------------
// Positions and names

SourceRange AstBuilder::Range(const antlr4::Token* token) const {
  return TokenRange(source_, index_, token);
}

SourceRange AstBuilder::Range(antlr4::ParserRuleContext* context) const {
  SourceRange begin = Range(context->getStart());
  const antlr4::Token* stop = context->getStop();
  // An empty rule (e.g. an empty field list) stops before it starts.
  if (stop == nullptr || stop->getStopIndex() + 1 <= context->getStart()->getStartIndex()) {
    return {&source_, begin.begin, begin.begin};
  }
  return {&source_, begin.begin, Range(stop).end};
}

SourceRange AstBuilder::Range(antlr4::tree::TerminalNode* node) const {
  return Range(node->getSymbol());
}

std::string_view AstBuilder::Text(SourceRange range) const {
  return std::string_view(source_.text()).substr(range.begin, range.end - range.begin);
}

ast::Ident AstBuilder::Ident(JP::IdentContext* context) const {
  SourceRange range = Range(context);
  return {std::string(Text(range)), range};
}

std::string AstBuilder::DocAt(SourceRange range) const {
  auto it = docs_.find(range.begin);
  return it == docs_.end() ? std::string() : it->second;
}

// ---------------------------------------------------------------------------
// Declarations

void AstBuilder::AddDecls(JP::FileContext* file, std::vector<ast::DeclPtr>& out) {
  for (JP::DeclContext* decl : file->decl()) out.push_back(Decl(decl));
}

ast::DeclPtr AstBuilder::Decl(JP::DeclContext* context) {
  ast::DeclPtr decl;
  if (auto* schema = context->schemaDecl()) {
    decl = Schema(schema);
  } else if (auto* segment = context->segmentDecl()) {
    decl = Segment(segment);
  } else if (auto* journey = context->journeyDecl()) {
    decl = Journey(journey);
  } else if (auto* campaign = context->campaignDecl()) {
    decl = Campaign(campaign);
  } else if (auto* coupon = context->couponDecl()) {
    decl = Coupon(coupon);
  } else if (auto* popup = context->popupDecl()) {
    decl = Popup(popup);
  } else if (auto* policy = context->policyDecl()) {
    decl = Policy(policy);
  } else {
    decl = Builtin(context->builtinDecl());
  }
  decl->doc = DocAt(decl->range);
  return decl;
}

ast::DeclPtr AstBuilder::Segment(JP::SegmentDeclContext* context) {
  auto segment = std::make_unique<ast::SegmentDecl>(Range(context));
  segment->name = Ident(context->ident());
  if (auto* params = context->paramList()) segment->params = Params(params);
  segment->body = Expr(context->expr());
  return segment;
}

ast::DeclPtr AstBuilder::Builtin(JP::BuiltinDeclContext* context) {
  auto builtin = std::make_unique<ast::BuiltinDecl>(Range(context));
  builtin->name = Ident(context->ident());
  builtin->params = Params(context->paramList());
  builtin->result = Type(context->typeExpr());
  return builtin;
}

std::vector<ast::Param> AstBuilder::Params(JP::ParamListContext* context) {
  std::vector<ast::Param> params;
  for (JP::ParamContext* param : context->param()) {
    params.push_back({Ident(param->ident()), Type(param->typeExpr())});
  }
  return params;
}

ast::DeclPtr AstBuilder::Journey(JP::JourneyDeclContext* context) {
  auto journey = std::make_unique<ast::JourneyDecl>(Range(context));
  journey->name = Ident(context->ident());
  for (JP::JourneyItemContext* item : context->journeyItem()) {
    journey->items.push_back(JourneyItem(item));
  }
  journey->body_range = SourceRange::Join(Range(context->LBRACE()), Range(context->RBRACE()));
  return journey;
}

ast::DeclPtr AstBuilder::Campaign(JP::CampaignDeclContext* context) {
  auto campaign = std::make_unique<ast::CampaignDecl>(Range(context));
  campaign->name = Ident(context->ident());
  for (JP::CampaignItemContext* item : context->campaignItem()) {
    campaign->items.push_back(CampaignItem(item));
  }
  campaign->body_range = SourceRange::Join(Range(context->LBRACE()), Range(context->RBRACE()));
  return campaign;
}

ast::DeclPtr AstBuilder::Coupon(JP::CouponDeclContext* context) {
  auto coupon = std::make_unique<ast::CouponDecl>(Range(context));
  coupon->name = Ident(context->ident());
  for (JP::CouponItemContext* item_context : context->couponItem()) {
    ast::CouponItem item;
    item.range = Range(item_context);
    if (auto* discount = dynamic_cast<JP::DiscountItemContext*>(item_context)) {
      item.kind = ast::CouponItemKind::Discount;
      item.value = Expr(discount->expr());
    } else if (auto* generated = dynamic_cast<JP::CodesGeneratedItemContext*>(item_context)) {
      item.kind = ast::CouponItemKind::CodesGenerated;
      item.text = String(generated->STRING());
    } else if (auto* from = dynamic_cast<JP::CodesFromItemContext*>(item_context)) {
      item.kind = ast::CouponItemKind::CodesFrom;
      item.text = String(from->STRING());
    } else if (auto* limit = dynamic_cast<JP::LimitItemContext*>(item_context)) {
      item.kind = ast::CouponItemKind::Limit;
      item.value = Expr(limit->expr());
    } else if (auto* window = dynamic_cast<JP::IssueWindowItemContext*>(item_context)) {
      item.kind = ast::CouponItemKind::IssueWindow;
      item.value = Additive(window->additive(0));
      item.second = Additive(window->additive(1));
    } else if (auto* valid = dynamic_cast<JP::ValidForItemContext*>(item_context)) {
      item.kind = ast::CouponItemKind::ValidFor;
      item.value = Expr(valid->expr());
    } else {
      auto* exhausted = static_cast<JP::ExhaustedItemContext*>(item_context);
      item.kind = ast::CouponItemKind::WhenExhausted;
      if (exhausted->FALLBACK()) {
        item.exhausted = ast::ExhaustedAction::Fallback;
        item.fallback = Ident(exhausted->ident());
      } else if (exhausted->STOP()) {
        item.exhausted = ast::ExhaustedAction::StopJourney;
      } else {
        item.exhausted = ast::ExhaustedAction::Skip;
      }
    }
    coupon->items.push_back(std::move(item));
  }
  return coupon;
}

ast::DeclPtr AstBuilder::Popup(JP::PopupDeclContext* context) {
  auto popup = std::make_unique<ast::PopupDecl>(Range(context));
  popup->name = Ident(context->ident());
  for (JP::PopupItemContext* item_context : context->popupItem()) {
    ast::PopupItem item;
    item.range = Range(item_context);
    if (auto* show = dynamic_cast<JP::ShowToItemContext*>(item_context)) {
      item.kind = ast::PopupItemKind::ShowTo;
      item.audience = Expr(show->expr());
    } else if (auto* triggers = dynamic_cast<JP::PopupTriggerItemContext*>(item_context)) {
      item.kind = ast::PopupItemKind::Trigger;
      for (JP::PopupTriggerContext* trigger_context : triggers->popupTrigger()) {
        ast::PopupTrigger trigger;
        trigger.range = Range(trigger_context);
        if (auto* after = dynamic_cast<JP::AfterPopupTriggerContext*>(trigger_context)) {
          trigger.kind = ast::PopupTriggerKind::After;
          trigger.value = Additive(after->additive());
        } else if (auto* scroll = dynamic_cast<JP::ScrollPopupTriggerContext*>(trigger_context)) {
          trigger.kind = ast::PopupTriggerKind::Scroll;
          trigger.value = Additive(scroll->additive());
        } else {
          trigger.kind = ast::PopupTriggerKind::Named;
          trigger.name = Ident(static_cast<JP::NamedPopupTriggerContext*>(trigger_context)->ident());
        }
        item.triggers.push_back(std::move(trigger));
      }
    } else if (auto* submit = dynamic_cast<JP::OnSubmitItemContext*>(item_context)) {
      item.kind = ast::PopupItemKind::OnSubmit;
      item.event = Ident(submit->ident());
      if (auto* record = submit->recordLiteral()) item.record = Record(record);
    } else {
      auto* device = static_cast<JP::OnDeviceItemContext*>(item_context);
      item.kind = ast::PopupItemKind::OnDevice;
      item.device = Ident(device->ident());
      item.record = Record(device->recordLiteral());
    }
    popup->items.push_back(std::move(item));
  }
  return popup;
}

ast::DeclPtr AstBuilder::Policy(JP::PolicyDeclContext* context) {
  auto policy = std::make_unique<ast::PolicyDecl>(Range(context));
  for (JP::PolicyItemContext* item_context : context->policyItem()) {
    ast::PolicyItem item;
    item.range = Range(item_context);
    if (auto* quiet = dynamic_cast<JP::QuietHoursItemContext*>(item_context)) {
      item.kind = ast::PolicyItemKind::QuietHours;
      item.from = Additive(quiet->additive(0));
      item.to = Additive(quiet->additive(1));
    } else if (auto* cap = dynamic_cast<JP::CapItemContext*>(item_context)) {
      item.kind = ast::PolicyItemKind::Cap;
      item.channel = Ident(cap->ident());
      item.count = Integer(cap->INT());
      item.count_range = Range(cap->INT());
      item.per = Expr(cap->expr());
    } else {
      auto* sms = static_cast<JP::SmsLimitItemContext*>(item_context);
      item.kind = ast::PolicyItemKind::SmsLimit;
      item.count = Integer(sms->INT());
      item.count_range = Range(sms->INT());
      item.unit = Ident(sms->ident());
    }
    policy->items.push_back(std::move(item));
  }
  return policy;
}

}  // namespace kairos::syntax_internal
