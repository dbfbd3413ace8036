// The type representation and the rules that relate types.
#include <gtest/gtest.h>

#include "compiler/types/symbol.h"
#include "compiler/types/type_rules.h"

namespace kairos {
namespace {

TEST(CheckTypes, PrintAsUsersWriteThem) {
  Symbol line_item;
  line_item.kind = SymbolKind::Record;
  line_item.name = "line_item";
  EXPECT_EQ(Type::Money("ILS").ToString(), "money");
  EXPECT_EQ(Type::List(Type::Record(&line_item)).ToString(), "list<line_item>");
  EXPECT_EQ(Type::Optional(Type::String()).ToString(), "string?");
  EXPECT_EQ(Type::Set(Type::Optional(Type::Int())).ToString(), "set<int?>");
  EXPECT_EQ(Type::Optional(Type::Record(&line_item)).ToString(), "line_item?");
  EXPECT_EQ(Type::Event(&line_item).ToString(), "event line_item");
  EXPECT_EQ(Type::Coupon().ToString(), "coupon");
}

TEST(CheckTypes, OptionalIsIdempotentAndKeepsErrorAndNull) {
  EXPECT_EQ(Type::Optional(Type::Optional(Type::Int())), Type::Optional(Type::Int()));
  EXPECT_TRUE(Type::Optional(Type::Error()).is_error());
  EXPECT_TRUE(Type::Optional(Type::Null()).is(TypeKind::Null));
  EXPECT_EQ(Type::Optional(Type::Int()).NonOptional(), Type::Int());
}

TEST(CheckTypes, MoneyCarriesItsCurrency) {
  EXPECT_NE(Type::Money("ILS"), Type::Money("EUR"));
  EXPECT_TRUE(IsAssignable(Type::Money("ILS"), Type::Money("ILS")));
  EXPECT_FALSE(IsAssignable(Type::Money("ILS"), Type::Money("EUR")));
  EXPECT_TRUE(IsAssignable(Type::Money(""), Type::Money("EUR")));  // the schema names no currency
  EXPECT_EQ(ClassifyMismatch(Type::Money("ILS"), Type::Money("EUR")), Mismatch::Currency);
  EXPECT_EQ(ClassifyMismatch(Type::Money("ILS"), Type::Int()), Mismatch::MoneyVsNumber);
  EXPECT_EQ(ClassifyMismatch(Type::Timestamp(), Type::Duration()), Mismatch::DurationVsTimestamp);
  EXPECT_EQ(ClassifyMismatch(Type::String(), Type::Int()), Mismatch::Other);
}

TEST(CheckTypes, Assignability) {
  EXPECT_TRUE(IsAssignable(Type::Decimal(), Type::Int()));
  EXPECT_FALSE(IsAssignable(Type::Int(), Type::Decimal()));
  EXPECT_TRUE(IsAssignable(Type::Optional(Type::Int()), Type::Int()));
  EXPECT_TRUE(IsAssignable(Type::Optional(Type::Int()), Type::Null()));
  EXPECT_FALSE(IsAssignable(Type::Int(), Type::Optional(Type::Int())));
  EXPECT_FALSE(IsAssignable(Type::Int(), Type::Null()));
  EXPECT_TRUE(IsAssignable(Type::String(), Type::Email()));
  EXPECT_FALSE(IsAssignable(Type::Email(), Type::String()));
  EXPECT_TRUE(IsAssignable(Type::Email(), Type::String(), /*from_string_literal=*/true));
  EXPECT_TRUE(IsAssignable(Type::List(Type::String()), Type::List(Type::Null())));  // []
  EXPECT_TRUE(IsAssignable(Type::Int(), Type::Error()));
  EXPECT_TRUE(IsAssignable(Type::Error(), Type::Int()));
}

TEST(CheckTypes, EqualityAndOrder) {
  EXPECT_TRUE(AreEquatable(Type::String(), Type::Url()));
  EXPECT_TRUE(AreEquatable(Type::Int(), Type::Decimal()));
  EXPECT_FALSE(AreEquatable(Type::String(), Type::Int()));
  EXPECT_TRUE(AreOrderable(Type::Timestamp(), Type::Timestamp()));
  EXPECT_FALSE(AreOrderable(Type::Timestamp(), Type::Duration()));
  EXPECT_FALSE(AreOrderable(Type::Money("ILS"), Type::Int()));
  EXPECT_FALSE(IsOrdered(Type::String()));
  EXPECT_TRUE(IsSummable(Type::Duration()));
  EXPECT_FALSE(IsSummable(Type::Timestamp()));
}

TEST(CheckTypes, Arithmetic) {
  auto result = [](ArithmeticOp op, const Type& a, const Type& b) {
    std::optional<Type> t = ArithmeticResult(op, a, b);
    return t ? t->ToString() : std::string("-");
  };
  const Type ils = Type::Money("ILS");
  EXPECT_EQ(result(ArithmeticOp::Add, Type::Int(), Type::Int()), "int");
  EXPECT_EQ(result(ArithmeticOp::Add, Type::Int(), Type::Decimal()), "decimal");
  EXPECT_EQ(result(ArithmeticOp::Div, Type::Int(), Type::Int()), "decimal");
  EXPECT_EQ(result(ArithmeticOp::Add, ils, ils), "money");
  EXPECT_EQ(result(ArithmeticOp::Add, ils, Type::Money("EUR")), "-");
  EXPECT_EQ(result(ArithmeticOp::Add, ils, Type::Int()), "-");
  EXPECT_EQ(result(ArithmeticOp::Mul, ils, Type::Percent()), "money");
  EXPECT_EQ(result(ArithmeticOp::Mul, Type::Decimal(), ils), "money");
  EXPECT_EQ(result(ArithmeticOp::Div, ils, Type::Int()), "money");
  EXPECT_EQ(result(ArithmeticOp::Mul, ils, ils), "-");
  EXPECT_EQ(result(ArithmeticOp::Sub, Type::Timestamp(), Type::Duration()), "timestamp");
  EXPECT_EQ(result(ArithmeticOp::Add, Type::Duration(), Type::Timestamp()), "timestamp");
  EXPECT_EQ(result(ArithmeticOp::Sub, Type::Timestamp(), Type::Timestamp()), "duration");
  EXPECT_EQ(result(ArithmeticOp::Add, Type::Timestamp(), Type::Timestamp()), "-");
  EXPECT_EQ(result(ArithmeticOp::Sub, Type::Duration(), Type::Timestamp()), "-");
  EXPECT_EQ(result(ArithmeticOp::Mul, Type::Duration(), Type::Int()), "duration");
  EXPECT_EQ(result(ArithmeticOp::Add, Type::String(), Type::String()), "-");
}

}  // namespace
}  // namespace kairos
