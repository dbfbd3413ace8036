#include "editor-support/lsp/features.h"

namespace kairos::lsp {

namespace {

// LSP SymbolKind values.
enum SymbolKind { kNamespace = 3, kClass = 5, kField = 8, kFunction = 12, kVariable = 13,
                  kConstant = 14, kObject = 19, kStruct = 23, kEvent = 24 };

Json Symbol(const std::string& name, const std::string& detail, int kind, SourceRange range,
            SourceRange selection) {
  if (!selection.valid()) selection = range;
  return {{"name", name.empty() ? "(unnamed)" : name},
          {"detail", detail},
          {"kind", kind},
          {"range", ToLspRange(range)},
          {"selectionRange", ToLspRange(selection)},
          {"children", Json::array()}};
}

void AddFields(Json& parent, const std::vector<ast::FieldDecl>& fields) {
  for (const ast::FieldDecl& field : fields) {
    parent["children"].push_back(Symbol(field.name.name, "", kField, field.range, field.name.range));
  }
}

Json SchemaSymbol(const ast::SchemaDecl& schema) {
  Json symbol = Symbol(schema.is_extend ? "extend schema" : schema.name.name, "schema", kNamespace,
                       schema.range, schema.name.range);
  for (const ast::SchemaItem& item : schema.items) {
    switch (item.kind) {
      case ast::SchemaItemKind::Contact:
      case ast::SchemaItemKind::Product: {
        Json child = Symbol(item.name.name, "", kClass, item.range, item.name.range);
        AddFields(child, item.fields);
        symbol["children"].push_back(child);
        break;
      }
      case ast::SchemaItemKind::Record: {
        Json child = Symbol(item.name.name, "record", kStruct, item.range, item.name.range);
        AddFields(child, item.fields);
        symbol["children"].push_back(child);
        break;
      }
      case ast::SchemaItemKind::Event: {
        Json child = Symbol(item.name.name, "event", kEvent, item.range, item.name.range);
        AddFields(child, item.fields);
        symbol["children"].push_back(child);
        break;
      }
      case ast::SchemaItemKind::Currency:
      case ast::SchemaItemKind::Timezone:
        break;
    }
  }
  return symbol;
}

}  // namespace

Json DocumentSymbols(const Workspace& workspace, const std::string& path) {
  Json symbols = Json::array();
  const ast::File* file = workspace.File(path);
  if (!file) return symbols;
  for (const ast::DeclPtr& decl : file->decls) {
    switch (decl->kind) {
      case ast::DeclKind::Schema:
        symbols.push_back(SchemaSymbol(decl->As<ast::SchemaDecl>()));
        break;
      case ast::DeclKind::Segment: {
        const auto& segment = decl->As<ast::SegmentDecl>();
        symbols.push_back(Symbol(segment.name.name, "segment", kConstant, segment.range, segment.name.range));
        break;
      }
      case ast::DeclKind::Builtin: {
        const auto& builtin = decl->As<ast::BuiltinDecl>();
        symbols.push_back(Symbol(builtin.name.name, "builtin", kFunction, builtin.range, builtin.name.range));
        break;
      }
      case ast::DeclKind::Journey: {
        const auto& journey = decl->As<ast::JourneyDecl>();
        symbols.push_back(Symbol(journey.name.name, "journey", kFunction, journey.range, journey.name.range));
        break;
      }
      case ast::DeclKind::Campaign: {
        const auto& campaign = decl->As<ast::CampaignDecl>();
        symbols.push_back(Symbol(campaign.name.name, "campaign", kFunction, campaign.range, campaign.name.range));
        break;
      }
      case ast::DeclKind::Coupon: {
        const auto& coupon = decl->As<ast::CouponDecl>();
        symbols.push_back(Symbol(coupon.name.name, "coupon pool", kVariable, coupon.range, coupon.name.range));
        break;
      }
      case ast::DeclKind::Popup: {
        const auto& popup = decl->As<ast::PopupDecl>();
        symbols.push_back(Symbol(popup.name.name, "popup", kObject, popup.range, popup.name.range));
        break;
      }
      case ast::DeclKind::Policy:
        symbols.push_back(Symbol("policy", "policy", kObject, decl->range, {}));
        break;
    }
  }
  return symbols;
}

}  // namespace kairos::lsp
