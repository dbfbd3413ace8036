// The AST builder: the schema, its fields and types.
#include "compiler/syntax/parse_internal.h"

namespace kairos::syntax_internal {

ast::DeclPtr AstBuilder::Schema(JP::SchemaDeclContext* context) {
  auto schema = std::make_unique<ast::SchemaDecl>(Range(context));
  schema->is_extend = context->EXTEND() != nullptr;
  if (auto* name = context->ident()) schema->name = Ident(name);
  for (JP::SchemaItemContext* item : context->schemaItem()) {
    schema->items.push_back(SchemaItem(item));
  }
  return schema;
}

ast::SchemaItem AstBuilder::SchemaItem(JP::SchemaItemContext* context) {
  ast::SchemaItem item;
  item.range = Range(context);
  item.doc = DocAt(item.range);
  if (auto* currency = dynamic_cast<JP::CurrencyItemContext*>(context)) {
    item.kind = ast::SchemaItemKind::Currency;
    SourceRange code = Range(currency->CURRENCY_CODE());
    item.name = {std::string(Text(code)), code};
  } else if (auto* timezone = dynamic_cast<JP::TimezoneItemContext*>(context)) {
    item.kind = ast::SchemaItemKind::Timezone;
    item.timezone = String(timezone->STRING())->string_value;
  } else if (auto* contact = dynamic_cast<JP::ContactItemContext*>(context)) {
    item.kind = ast::SchemaItemKind::Contact;
    SourceRange keyword = Range(contact->CONTACT());
    item.name = {"contact", keyword};
    item.fields = Fields(contact->fieldList());
  } else if (auto* product = dynamic_cast<JP::ProductItemContext*>(context)) {
    item.kind = ast::SchemaItemKind::Product;
    SourceRange keyword = Range(product->PRODUCT());
    item.name = {"product", keyword};
    item.fields = Fields(product->fieldList());
  } else if (auto* record = dynamic_cast<JP::RecordItemContext*>(context)) {
    item.kind = ast::SchemaItemKind::Record;
    item.name = Ident(record->ident());
    item.fields = Fields(record->fieldList());
  } else {
    auto* event = static_cast<JP::EventItemContext*>(context);
    item.kind = ast::SchemaItemKind::Event;
    item.name = Ident(event->ident());
    item.fields = Fields(event->fieldList());
  }
  return item;
}

std::vector<ast::FieldDecl> AstBuilder::Fields(JP::FieldListContext* context) {
  std::vector<ast::FieldDecl> fields;
  for (JP::FieldDeclContext* field_context : context->fieldDecl()) {
    ast::FieldDecl field;
    field.range = Range(field_context);
    field.doc = DocAt(field.range);
    field.name = Ident(field_context->ident());
    field.type = Type(field_context->typeExpr());
    field.is_key = field_context->KEY() != nullptr;
    if (auto* value = field_context->expr()) field.default_value = Expr(value);
    fields.push_back(std::move(field));
  }
  return fields;
}

ast::TypeExprPtr AstBuilder::Type(JP::TypeExprContext* context) {
  auto type = std::make_unique<ast::TypeExpr>();
  type->range = Range(context);
  type->optional = context->QUESTION() != nullptr;
  JP::BaseTypeContext* base = context->baseType();
  if (auto* named = dynamic_cast<JP::NamedTypeContext*>(base)) {
    type->kind = ast::TypeExprKind::Named;
    type->name = Ident(named->ident());
  } else if (auto* generic = dynamic_cast<JP::GenericTypeContext*>(base)) {
    type->kind = ast::TypeExprKind::Generic;
    type->name = Ident(generic->ident());
    type->element = Type(generic->typeExpr());
  } else if (auto* enumeration = dynamic_cast<JP::EnumTypeContext*>(base)) {
    type->kind = ast::TypeExprKind::Enum;
    for (JP::IdentContext* member : enumeration->ident()) {
      type->enum_members.push_back(Ident(member));
    }
  } else {
    type->kind = ast::TypeExprKind::Record;
    type->fields = Fields(static_cast<JP::InlineRecordTypeContext*>(base)->fieldList());
  }
  return type;
}

}  // namespace kairos::syntax_internal
