#include "stdlib/text/html.h"

#include <gtest/gtest.h>

namespace kairos::stdlib {
namespace {

TEST(HtmlTest, EscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(EscapeHtml("a & b"), "a &amp; b");
  EXPECT_EQ(EscapeHtml("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(EscapeHtml(R"(say "hi")"), "say &quot;hi&quot;");
  EXPECT_EQ(EscapeHtml("it's"), "it&#39;s");
}

TEST(HtmlTest, EscapesAmpersandsOfReferencesAlready) {
  // Text is text: an `&lt;` written by a marketer is shown as written.
  EXPECT_EQ(EscapeHtml("&lt;"), "&amp;lt;");
}

TEST(HtmlTest, KeepsUtf8AndOtherBytes) {
  EXPECT_EQ(EscapeHtml("שמלת \"קיץ\" 🌸"), "שמלת &quot;קיץ&quot; 🌸");
  EXPECT_EQ(EscapeHtml("Sukienka w kwiaty — 349,90 zł\n\t"), "Sukienka w kwiaty — 349,90 zł\n\t");
  EXPECT_EQ(EscapeHtml(""), "");
}

}  // namespace
}  // namespace kairos::stdlib
