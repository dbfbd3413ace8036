#include "compiler/check/check.h"

#include <map>

#include "compiler/check/declaration_checks.h"
#include "compiler/schema/schema_builder.h"

namespace kairos {
namespace {

// Gives every declaration its symbol and reports names declared twice.
// Segments, builtins and events share one namespace (all may appear in
// expressions); journeys, campaigns, coupon pools and popups each have their own.
class Declarer {
 public:
  explicit Declarer(CheckContext& ctx) : ctx_(ctx) {
    for (const char* reserved : {"contact", "now", "today", "entered", "anonymous", "identified", "it"}) {
      values_.emplace(reserved, nullptr);
    }
    for (const Symbol* intrinsic : ctx.model.Declarations(SymbolKind::Intrinsic)) {
      values_.emplace(intrinsic->name, intrinsic);
    }
    for (const Symbol* event : ctx.model.schema().events) {
      values_.emplace(event->name, event);
      ctx.globals.Add(event->name, event);
    }
  }

  template <typename DeclT>
  Symbol& Declare(SymbolKind kind, const DeclT& decl) {
    Symbol& symbol = ctx_.model.NewSymbol(kind, decl.name.name);
    symbol.name_range = decl.name.range;
    symbol.decl_range = decl.range;
    symbol.doc = decl.doc;
    symbol.decl = &decl;
    ctx_.model.AddReference(decl.name.range, &symbol, /*is_definition=*/true);
    const bool is_value = kind == SymbolKind::Segment || kind == SymbolKind::Builtin;
    auto& names = is_value ? values_ : others_[kind];
    auto [it, inserted] = names.emplace(symbol.name, &symbol);
    if (!inserted) {
      ReportDuplicate(symbol, it->second);
      return symbol;
    }
    ctx_.model.AddDeclaration(symbol);
    if (is_value) ctx_.globals.Add(symbol.name, &symbol);
    return symbol;
  }

  void DeclareParams(Symbol& owner, const std::vector<ast::Param>& params, const ast::File* file) {
    for (const ast::Param& param : params) {
      Type type = param.type ? ResolveTypeExpr(*param.type, ctx_.model, ctx_.sink, file) : Type::Error();
      if (const Symbol* first = owner.FindMember(param.name.name)) {
        ctx_.sink.Error(DiagnosticKind::DuplicateDeclaration, param.name.range,
                        "two parameters are called " + Quoted(param.name.name) + "; rename one.",
                        {{first->name_range, "the first one"}});
        continue;
      }
      Symbol& symbol = ctx_.model.NewSymbol(SymbolKind::Parameter, param.name.name);
      symbol.type = std::move(type);
      symbol.name_range = param.name.range;
      symbol.decl_range = param.type ? SourceRange::Join(param.name.range, param.type->range)
                                     : param.name.range;
      symbol.owner = &owner;
      owner.members.push_back(&symbol);
      ctx_.model.AddReference(param.name.range, &symbol, /*is_definition=*/true);
    }
  }

 private:
  void ReportDuplicate(const Symbol& symbol, const Symbol* first) {
    if (first == nullptr) {
      ctx_.sink.Error(DiagnosticKind::DuplicateDeclaration, symbol.name_range,
                      Quoted(symbol.name) + " is a built-in name; choose another name.");
      return;
    }
    std::vector<DiagnosticNote> notes;
    if (first->name_range.valid()) notes.push_back({first->name_range, "first declared here"});
    std::string what = first->kind == SymbolKind::Intrinsic ? "a built-in function"
                                                            : std::string(SymbolKindName(first->kind));
    ctx_.sink.Error(DiagnosticKind::DuplicateDeclaration, symbol.name_range,
                    Quoted(symbol.name) + " is already " +
                        (first->kind == SymbolKind::Intrinsic ? what : "the name of a " + what) +
                        "; choose another name (names are global to the project).",
                    std::move(notes));
  }

  CheckContext& ctx_;
  std::map<std::string, const Symbol*, std::less<>> values_;
  std::map<SymbolKind, std::map<std::string, const Symbol*, std::less<>>> others_;
};

void CheckDefaults(Checkers& c, const Symbol& record) {
  static const Scope kNoNames;
  for (const Symbol* member : record.members) {
    if (member->field != nullptr && member->field->default_value) {
      c.exprs.CheckValue(*member->field->default_value, kNoNames, member->type,
                         "the default of " + Quoted(member->name), DiagnosticKind::DefaultTypeMismatch);
    }
    const Type& type = member->type.NonOptional();
    if (type.is(TypeKind::Record) && type.symbol()->name.empty()) CheckDefaults(c, *type.symbol());
  }
}

template <typename DeclT>
struct Declared {
  const DeclT* decl;
  const Symbol* symbol;
};

}  // namespace

std::unique_ptr<SemanticModel> Check(const Project& project, DiagnosticSink& sink,
                                     const CheckOptions& options) {
  auto model = std::make_unique<SemanticModel>();

  std::vector<SchemaSource> schemas;
  for (const auto& file : project.files) {
    if (!file) continue;
    for (const ast::DeclPtr& decl : file->decls) {
      if (decl && decl->kind == ast::DeclKind::Schema) {
        schemas.push_back({&decl->As<ast::SchemaDecl>(), file.get()});
      }
    }
  }
  BuildSchema(schemas, *model, sink);

  CheckContext ctx(*model, sink, options);
  Declarer declarer(ctx);
  std::vector<Declared<ast::SegmentDecl>> segments;
  std::vector<const ast::JourneyDecl*> journeys;
  std::vector<const ast::CampaignDecl*> campaigns;
  std::vector<Declared<ast::CouponDecl>> coupons;
  std::vector<const ast::PopupDecl*> popups;
  std::vector<const ast::PolicyDecl*> policies;
  for (const auto& file : project.files) {
    if (!file) continue;
    for (const ast::DeclPtr& decl : file->decls) {
      if (!decl) continue;
      switch (decl->kind) {
        case ast::DeclKind::Schema:
          break;
        case ast::DeclKind::Segment: {
          const auto& segment = decl->As<ast::SegmentDecl>();
          Symbol& symbol = declarer.Declare(SymbolKind::Segment, segment);
          symbol.type = Type::Bool();
          if (segment.params) declarer.DeclareParams(symbol, *segment.params, file.get());
          segments.push_back({&segment, &symbol});
          break;
        }
        case ast::DeclKind::Builtin: {
          const auto& builtin = decl->As<ast::BuiltinDecl>();
          Symbol& symbol = declarer.Declare(SymbolKind::Builtin, builtin);
          declarer.DeclareParams(symbol, builtin.params, file.get());
          symbol.type = builtin.result ? ResolveTypeExpr(*builtin.result, *model, sink, file.get())
                                       : Type::Error();
          break;
        }
        case ast::DeclKind::Journey:
          declarer.Declare(SymbolKind::Journey, decl->As<ast::JourneyDecl>());
          journeys.push_back(&decl->As<ast::JourneyDecl>());
          break;
        case ast::DeclKind::Campaign:
          declarer.Declare(SymbolKind::Campaign, decl->As<ast::CampaignDecl>());
          campaigns.push_back(&decl->As<ast::CampaignDecl>());
          break;
        case ast::DeclKind::Coupon: {
          const auto& coupon = decl->As<ast::CouponDecl>();
          coupons.push_back({&coupon, &declarer.Declare(SymbolKind::Coupon, coupon)});
          break;
        }
        case ast::DeclKind::Popup:
          declarer.Declare(SymbolKind::Popup, decl->As<ast::PopupDecl>());
          popups.push_back(&decl->As<ast::PopupDecl>());
          break;
        case ast::DeclKind::Policy: {
          const auto& policy = decl->As<ast::PolicyDecl>();
          if (!policies.empty()) {
            sink.Error(DiagnosticKind::DuplicateDeclaration, policy.range,
                       "a project has one `policy`; merge this one into the first.",
                       {{policies.front()->range, "the first policy"}});
          } else {
            Symbol& symbol = model->NewSymbol(SymbolKind::Policy, "policy");
            symbol.decl_range = policy.range;
            symbol.doc = policy.doc;
            symbol.decl = &policy;
            model->AddDeclaration(symbol);
          }
          policies.push_back(&policy);
          break;
        }
      }
    }
  }

  model->set_sms_segment_limit(options.default_sms_segment_limit);
  if (!policies.empty()) {
    for (const ast::PolicyItem& item : policies.front()->items) {
      if (item.kind == ast::PolicyItemKind::SmsLimit && item.count > 0) {
        model->set_sms_segment_limit(static_cast<int>(item.count));
        break;
      }
    }
  }

  ExprChecker exprs(ctx);
  StepChecker steps(ctx, exprs);
  Checkers checkers{ctx, exprs, steps};

  const Schema& schema = model->schema();
  CheckDefaults(checkers, *schema.contact);
  CheckDefaults(checkers, *schema.product);
  for (const Symbol* record : schema.records) CheckDefaults(checkers, *record);
  for (const Symbol* event : schema.events) CheckDefaults(checkers, *event);

  for (const auto& segment : segments) CheckSegment(checkers, *segment.symbol);
  CheckSegmentCycles(ctx);
  for (const auto* journey : journeys) CheckJourney(checkers, *journey);
  for (const auto* campaign : campaigns) CheckCampaign(checkers, *campaign);
  for (const auto& coupon : coupons) CheckCoupon(checkers, *coupon.decl, *coupon.symbol);
  CheckCouponFallbacks(ctx);
  for (const auto* popup : popups) CheckPopup(checkers, *popup);
  for (const auto* policy : policies) CheckPolicy(checkers, *policy);

  model->Finish();
  return model;
}

}  // namespace kairos
