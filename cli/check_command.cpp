#include <map>

#include "cli/commands.h"

namespace kairos::cli {

namespace {

// Names of the declarations of one kind, joined for the summary.
struct Inventory {
  std::map<std::string, std::vector<std::string>> names;  // section → names
  std::string schema_name;
  size_t contact_fields = 0;
};

void Collect(const ast::File& file, Inventory& inventory) {
  for (const ast::DeclPtr& decl : file.decls) {
    switch (decl->kind) {
      case ast::DeclKind::Schema: {
        const auto& schema = decl->As<ast::SchemaDecl>();
        if (!schema.is_extend) inventory.schema_name = schema.name.name;
        for (const ast::SchemaItem& item : schema.items) {
          if (item.kind == ast::SchemaItemKind::Event) inventory.names["events"].push_back(item.name.name);
          if (item.kind == ast::SchemaItemKind::Record) inventory.names["records"].push_back(item.name.name);
          if (item.kind == ast::SchemaItemKind::Contact) inventory.contact_fields += item.fields.size();
        }
        break;
      }
      case ast::DeclKind::Segment:
        inventory.names["segments"].push_back(decl->As<ast::SegmentDecl>().name.name);
        break;
      case ast::DeclKind::Journey:
        inventory.names["journeys"].push_back(decl->As<ast::JourneyDecl>().name.name);
        break;
      case ast::DeclKind::Campaign:
        inventory.names["campaigns"].push_back(decl->As<ast::CampaignDecl>().name.name);
        break;
      case ast::DeclKind::Coupon:
        inventory.names["coupon pools"].push_back(decl->As<ast::CouponDecl>().name.name);
        break;
      case ast::DeclKind::Popup:
        inventory.names["popups"].push_back(decl->As<ast::PopupDecl>().name.name);
        break;
      case ast::DeclKind::Policy:
        inventory.names["policies"].push_back("policy");
        break;
      case ast::DeclKind::Builtin:
        break;
    }
  }
}

// "1 policy", "2 policies", "1 event", "3 events".
std::string Counted(size_t count, const std::string& plural) {
  if (count != 1) return std::to_string(count) + ' ' + plural;
  if (plural.size() > 3 && plural.compare(plural.size() - 3, 3, "ies") == 0) {
    return "1 " + plural.substr(0, plural.size() - 3) + "y";
  }
  return "1 " + plural.substr(0, plural.size() - 1);
}

void PrintSummary(std::ostream& out, const FrontendResult& result) {
  Inventory inventory;
  size_t files = 0;
  for (const auto& file : result.project.files) {
    if (IsPrelude(*file->source)) continue;
    ++files;
    Collect(*file, inventory);
  }
  out << "project: " << files << (files == 1 ? " file" : " files");
  if (!inventory.schema_name.empty()) {
    out << ", schema " << inventory.schema_name << " (contact with " << inventory.contact_fields
        << " fields)";
  }
  out << '\n';
  for (const auto& [section, names] : inventory.names) {
    out << "  " << Counted(names.size(), section) << ':';
    for (const std::string& name : names) out << ' ' << name;
    out << '\n';
  }
}

}  // namespace

int RunCheck(const CheckCommand& command, std::ostream& out, std::ostream& err) {
  auto result = RunFrontend(command.paths, /*check=*/true);
  PrintDiagnostics(err, result->sink, command.format);
  int status = FrontendExitStatus(*result);
  if (command.summary && status != 2) PrintSummary(out, *result);
  return status;
}

}  // namespace kairos::cli
