// The coupon book: codes made from patterns, deterministic per seed; limits,
// issue windows in the shop's zone, expiry; fallback chains (cycles too) and
// `stop journey`; codes files (order, header, errors); a code issued at most
// once across pools and threads; and the example shop's pools end to end.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <thread>

#include "compiler/check/check.h"
#include "compiler/ir/lower.h"
#include "compiler/project/project.h"
#include "stdlib/coupons/coupon_book.h"
#include "stdlib/prelude.h"

namespace kairos::stdlib {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kDay = 86400;
constexpr int64_t kMarch1 = 20513 * kDay;  // 2026-03-01T00:00:00Z

int64_t Utc(int64_t day) { return day * kDay; }

ir::CouponPool Generated(std::string name, std::string pattern) {
  ir::CouponPool pool;
  pool.name = std::move(name);
  pool.pattern = std::move(pattern);
  return pool;
}

ir::CouponPool FromFile(std::string name, const fs::path& file) {
  ir::CouponPool pool;
  pool.name = std::move(name);
  pool.codes_file = file.string();
  return pool;
}

ir::Program ProgramOf(std::vector<ir::CouponPool> pools) {
  ir::Program program;
  program.coupons = std::move(pools);
  return program;
}

// Issues `count` codes of `pool` to contacts c-0, c-1, ... and returns them.
std::vector<std::string> IssueMany(CouponBook& book, uint32_t pool, int count, int64_t now = kMarch1) {
  std::vector<std::string> codes;
  for (int i = 0; i < count; ++i) {
    IssueResult result = book.Issue(pool, "c-" + std::to_string(i), now);
    EXPECT_EQ(result.status, IssueStatus::Issued) << "issue " << i << ": " << result.reason;
    codes.push_back(result.issued.code);
  }
  return codes;
}

class CodesFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = fs::temp_directory_path() /
              ("kairos-coupons-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(folder_);
    fs::create_directories(folder_);
  }
  void TearDown() override { fs::remove_all(folder_); }

  fs::path Write(const std::string& name, const std::string& text) {
    fs::path path = folder_ / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  fs::path folder_;
};

TEST(CouponBookTest, PatternsMakeCodesFromTheirAlphabets) {
  ir::Program program = ProgramOf({Generated("mixed", "WELCOME-{A9:6}"), Generated("letters", "BF10-{A:4}-{9:4}"),
                                   Generated("digits", "{9:5}x")});
  CouponBook book(program, Utc);
  EXPECT_TRUE(book.errors().empty());
  const std::regex mixed("WELCOME-[A-Z0-9]{6}"), letters("BF10-[A-Z]{4}-[0-9]{4}"), digits("[0-9]{5}x");
  for (const std::string& code : IssueMany(book, 0, 50)) EXPECT_TRUE(std::regex_match(code, mixed)) << code;
  for (const std::string& code : IssueMany(book, 1, 50)) EXPECT_TRUE(std::regex_match(code, letters)) << code;
  for (const std::string& code : IssueMany(book, 2, 50)) EXPECT_TRUE(std::regex_match(code, digits)) << code;
}

TEST(CouponBookTest, CodesDependOnlyOnProgramSeedAndCalls) {
  ir::Program program = ProgramOf({Generated("a", "A-{A9:8}"), Generated("b", "B-{A9:8}")});
  CouponBook first(program, Utc, 7), second(program, Utc, 7), other_seed(program, Utc, 8);
  const std::vector<std::string> codes = IssueMany(first, 0, 20);
  EXPECT_EQ(IssueMany(second, 0, 20), codes);
  EXPECT_NE(IssueMany(other_seed, 0, 20), codes);

  // Issuing from another pool in between does not change a pool's codes.
  CouponBook interleaved(program, Utc, 7);
  std::vector<std::string> a_codes;
  for (int i = 0; i < 20; ++i) {
    a_codes.push_back(interleaved.Issue(0, "c", kMarch1).issued.code);
    interleaved.Issue(1, "c", kMarch1);
  }
  EXPECT_EQ(a_codes, codes);
}

TEST(CouponBookTest, PoolsOfOnePatternShareItsCodes) {
  // Two pools of one pattern draw from one space: no code twice.
  ir::Program program = ProgramOf({Generated("a", "{9:2}"), Generated("b", "{9:2}")});
  CouponBook book(program, Utc);
  std::set<std::string> codes;
  for (int i = 0; i < 100; ++i) {
    IssueResult result = book.Issue(static_cast<uint32_t>(i % 2), "c-" + std::to_string(i), kMarch1);
    ASSERT_EQ(result.status, IssueStatus::Issued) << i;
    EXPECT_TRUE(codes.insert(result.issued.code).second) << result.issued.code;
  }
  EXPECT_EQ(book.Issue(0, "late", kMarch1).reason, "coupon_exhausted");
  EXPECT_EQ(book.Issue(1, "late", kMarch1).reason, "coupon_exhausted");
}

TEST(CouponBookTest, EveryCodeOfASmallPatternGoesOutOnceThenThePoolIsExhausted) {
  ir::Program program = ProgramOf({Generated("small", "X-{9:3}")});
  CouponBook book(program, Utc, 3);
  const std::vector<std::string> codes = IssueMany(book, 0, 1000);
  EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 1000u);
  IssueResult result = book.Issue(0, "one-too-many", kMarch1);
  EXPECT_EQ(result.status, IssueStatus::Skipped);
  EXPECT_EQ(result.reason, "coupon_exhausted");
  EXPECT_EQ(result.empty_pool, 0u);
  EXPECT_EQ(book.IssuedCount(0), 1000u);
}

TEST(CouponBookTest, OwnerOfNamesTheContact) {
  ir::Program program = ProgramOf({Generated("a", "A-{A9:6}")});
  CouponBook book(program, Utc);
  const std::string code = book.Issue(0, "dana", kMarch1).issued.code;
  ASSERT_NE(book.OwnerOf(code), nullptr);
  EXPECT_EQ(*book.OwnerOf(code), "dana");
  EXPECT_EQ(book.OwnerOf("A-NOPE00"), nullptr);
}

TEST(CouponBookTest, LimitBoundsThePool) {
  ir::CouponPool pool = Generated("limited", "L-{A9:6}");
  pool.limit = 3;
  ir::Program program = ProgramOf({pool});
  CouponBook book(program, Utc);
  IssueMany(book, 0, 3);
  IssueResult result = book.Issue(0, "d", kMarch1);
  EXPECT_EQ(result.status, IssueStatus::Skipped);
  EXPECT_EQ(result.reason, "coupon_exhausted");
  EXPECT_EQ(book.IssuedCount(0), 3u);
}

TEST(CouponBookTest, ExpiresValidForAfterIssueOrNever) {
  ir::CouponPool expiring = Generated("expiring", "E-{A9:6}");
  expiring.valid_for = 14 * kDay;
  ir::Program program = ProgramOf({expiring, Generated("forever", "F-{A9:6}")});
  CouponBook book(program, Utc);
  IssueResult result = book.Issue(0, "c", kMarch1 + 3600);
  ASSERT_EQ(result.status, IssueStatus::Issued);
  EXPECT_EQ(result.issued.pool, 0u);
  EXPECT_EQ(result.issued.expires_at, kMarch1 + 3600 + 14 * kDay);
  EXPECT_EQ(book.Issue(1, "c", kMarch1).issued.expires_at, std::nullopt);
}

TEST(CouponBookTest, IssueWindowRunsFromTheFirstDaysStartToTheLastDaysEndInTheShopsZone) {
  ir::CouponPool march = Generated("march", "M-{A9:6}");
  march.has_issue_window = true;
  march.issue_from_day = 20513;  // 2026-03-01
  march.issue_to_day = 20543;    // 2026-03-31
  ir::Program program = ProgramOf({march});
  // A shop three hours ahead of UTC: its days start at 21:00Z the day before.
  CouponBook book(program, [](int64_t day) { return day * kDay - 3 * 3600; });
  const int64_t opens = 20513 * kDay - 3 * 3600;
  const int64_t closes = 20544 * kDay - 3 * 3600;
  EXPECT_EQ(book.Issue(0, "c", opens - 1).reason, "coupon_window_closed");
  EXPECT_EQ(book.Issue(0, "c", opens).status, IssueStatus::Issued);
  EXPECT_EQ(book.Issue(0, "c", closes - 1).status, IssueStatus::Issued);
  IssueResult after = book.Issue(0, "c", closes);
  EXPECT_EQ(after.status, IssueStatus::Skipped);
  EXPECT_EQ(after.reason, "coupon_window_closed");
  EXPECT_EQ(after.empty_pool, 0u);
  EXPECT_EQ(book.IssuedCount(0), 2u);
}

TEST(CouponBookTest, FallbackChainIssuesFromTheNextPoolWithCodes) {
  ir::CouponPool a = Generated("a", "A-{A9:6}"), b = Generated("b", "B-{A9:6}"), c = Generated("c", "C-{A9:6}");
  a.limit = b.limit = c.limit = 1;
  a.exhausted = b.exhausted = ir::ExhaustedKind::Fallback;
  a.fallback = 1;
  b.fallback = 2;
  c.exhausted = ir::ExhaustedKind::StopJourney;
  c.valid_for = kDay;
  ir::Program program = ProgramOf({a, b, c});
  CouponBook book(program, Utc);
  EXPECT_EQ(book.Issue(0, "c-1", kMarch1).issued.pool, 0u);
  IssueResult second = book.Issue(0, "c-2", kMarch1);
  EXPECT_EQ(second.issued.pool, 1u);
  EXPECT_EQ(second.issued.code.substr(0, 2), "B-");
  IssueResult third = book.Issue(0, "c-3", kMarch1);
  EXPECT_EQ(third.status, IssueStatus::Issued);
  EXPECT_EQ(third.issued.pool, 2u);
  EXPECT_EQ(third.issued.expires_at, kMarch1 + kDay);  // the issuing pool's validity
  IssueResult fourth = book.Issue(0, "c-4", kMarch1);
  EXPECT_EQ(fourth.status, IssueStatus::StopJourney);
  EXPECT_EQ(fourth.reason, "coupon_exhausted");
  EXPECT_EQ(fourth.empty_pool, 2u);
  EXPECT_EQ(book.IssuedCount(0), 1u);
  EXPECT_EQ(book.IssuedCount(1), 1u);
  EXPECT_EQ(book.IssuedCount(2), 1u);
}

TEST(CouponBookTest, ClosedWindowFallsBackToo) {
  ir::CouponPool sale = Generated("sale", "S-{A9:6}");
  sale.has_issue_window = true;
  sale.issue_from_day = sale.issue_to_day = 20600;
  sale.exhausted = ir::ExhaustedKind::Fallback;
  sale.fallback = 1;
  ir::Program program = ProgramOf({sale, Generated("regular", "R-{A9:6}")});
  CouponBook book(program, Utc);
  IssueResult result = book.Issue(0, "c", kMarch1);
  EXPECT_EQ(result.status, IssueStatus::Issued);
  EXPECT_EQ(result.issued.pool, 1u);
}

TEST(CouponBookTest, FallbackCycleEndsWhenItComesBackToAPoolAlreadyTried) {
  ir::CouponPool a = Generated("a", "A-{A9:6}"), b = Generated("b", "B-{A9:6}");
  a.limit = b.limit = 1;
  a.exhausted = b.exhausted = ir::ExhaustedKind::Fallback;
  a.fallback = 1;
  b.fallback = 0;
  ir::Program program = ProgramOf({a, b});
  CouponBook book(program, Utc);
  EXPECT_EQ(book.Issue(0, "c-1", kMarch1).issued.pool, 0u);
  EXPECT_EQ(book.Issue(0, "c-2", kMarch1).issued.pool, 1u);
  IssueResult third = book.Issue(0, "c-3", kMarch1);
  EXPECT_EQ(third.status, IssueStatus::Skipped);
  EXPECT_EQ(third.reason, "coupon_exhausted");
  EXPECT_EQ(third.empty_pool, 1u);
}

TEST(CouponBookTest, StopJourneyWhenThePoolIsEmpty) {
  ir::CouponPool pool = Generated("winback", "W-{A9:6}");
  pool.limit = 0;
  pool.exhausted = ir::ExhaustedKind::StopJourney;
  ir::Program program = ProgramOf({pool});
  CouponBook book(program, Utc);
  IssueResult result = book.Issue(0, "c", kMarch1);
  EXPECT_EQ(result.status, IssueStatus::StopJourney);
  EXPECT_EQ(result.reason, "coupon_exhausted");
  EXPECT_EQ(result.empty_pool, 0u);
  EXPECT_TRUE(result.issued.code.empty());
}

TEST(CouponBookTest, AnInvalidPatternIsAnErrorAndLeavesThePoolEmpty) {
  ir::Program program = ProgramOf({Generated("bad", "X-{B:4}")});
  CouponBook book(program, Utc);
  ASSERT_EQ(book.errors().size(), 1u);
  EXPECT_NE(book.errors()[0].find("bad"), std::string::npos) << book.errors()[0];
  EXPECT_EQ(book.Issue(0, "c", kMarch1).reason, "coupon_exhausted");
}

TEST(CouponBookTest, ConcurrentIssuesNeverHandOutACodeTwice) {
  // A small space so that threads compete for the last codes.
  ir::CouponPool small = Generated("small", "{9:3}");
  ir::CouponPool large = Generated("large", "{A9:6}");
  ir::Program program = ProgramOf({small, large});
  CouponBook book(program, Utc);
  constexpr int kThreads = 8, kPerThread = 300;
  std::vector<std::vector<std::pair<std::string, std::string>>> issued(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const std::string contact = "t" + std::to_string(t) + "-" + std::to_string(i);
        IssueResult result = book.Issue(static_cast<uint32_t>(i % 2), contact, kMarch1);
        if (result.status == IssueStatus::Issued) issued[t].emplace_back(result.issued.code, contact);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  std::set<std::string> codes;
  size_t total = 0;
  for (const auto& list : issued) {
    for (const auto& [code, contact] : list) {
      EXPECT_TRUE(codes.insert(code).second) << code << " went out twice";
      const std::string* owner = book.OwnerOf(code);
      ASSERT_NE(owner, nullptr);
      EXPECT_EQ(*owner, contact);
      ++total;
    }
  }
  // 1200 asked of the small pool, which has 1000 codes; all 1200 of the large.
  EXPECT_EQ(book.IssuedCount(0), 1000u);
  EXPECT_EQ(book.IssuedCount(1), 1200u);
  EXPECT_EQ(total, 2200u);
}

TEST_F(CodesFileTest, CodesGoOutInFileOrderAndTheFileBoundsThePool) {
  const fs::path file =
      Write("codes.csv", "\xEF\xBB\xBF" "code\r\nGEFEN-1\r\n\r\n  GEFEN-2 , made in the admin\n\"GEFEN,3\"\n\n");
  ir::Program program = ProgramOf({FromFile("store", file)});
  CouponBook book(program, Utc);
  EXPECT_TRUE(book.errors().empty()) << book.errors()[0];
  EXPECT_EQ(IssueMany(book, 0, 3), (std::vector<std::string>{"GEFEN-1", "GEFEN-2", "GEFEN,3"}));
  EXPECT_EQ(book.Issue(0, "d", kMarch1).reason, "coupon_exhausted");
}

TEST_F(CodesFileTest, LimitBelowTheFilesCodesBoundsThePool) {
  ir::CouponPool pool = FromFile("store", Write("codes.csv", "A1\nA2\nA3\n"));
  pool.limit = 2;
  ir::Program program = ProgramOf({pool});
  CouponBook book(program, Utc);
  EXPECT_EQ(IssueMany(book, 0, 2), (std::vector<std::string>{"A1", "A2"}));
  EXPECT_EQ(book.Issue(0, "c", kMarch1).status, IssueStatus::Skipped);
}

TEST_F(CodesFileTest, ErrorsNameTheLineAndTheFileGivesNoCodes) {
  const fs::path file = Write("bad.csv", "code\nA1\nA2\n\"open\nA1\n,second column only\n");
  ir::Program program = ProgramOf({FromFile("store", file)});
  CouponBook book(program, Utc);
  const std::string path = file.string();
  ASSERT_EQ(book.errors().size(), 3u);
  EXPECT_EQ(book.errors()[0].rfind(path + ":4: ", 0), 0u) << book.errors()[0];
  EXPECT_EQ(book.errors()[1], path + ":5: the code `A1` is already on line 2; each code may be handed out once, "
                                     "so list it once");
  EXPECT_EQ(book.errors()[2].rfind(path + ":6: ", 0), 0u) << book.errors()[2];
  EXPECT_EQ(book.Issue(0, "c", kMarch1).reason, "coupon_exhausted");
}

TEST_F(CodesFileTest, AMissingOrEmptyFileIsAnError) {
  ir::Program program =
      ProgramOf({FromFile("missing", folder_ / "missing.csv"), FromFile("empty", Write("empty.csv", "code\n\n"))});
  CouponBook book(program, Utc);
  ASSERT_EQ(book.errors().size(), 2u);
  EXPECT_EQ(book.errors()[0].rfind((folder_ / "missing.csv").string() + ": cannot read", 0), 0u)
      << book.errors()[0];
  EXPECT_EQ(book.errors()[1], (folder_ / "empty.csv").string() + ": the codes file holds no code");
  EXPECT_EQ(book.Issue(0, "c", kMarch1).status, IssueStatus::Skipped);
  EXPECT_EQ(book.Issue(1, "c", kMarch1).status, IssueStatus::Skipped);
}

TEST_F(CodesFileTest, TwoPoolsOfOneFileShareItsCodes) {
  const fs::path file = Write("shared.csv", "S1\nS2\nS3\n");
  ir::Program program = ProgramOf({FromFile("a", file), FromFile("b", file)});
  CouponBook book(program, Utc);
  EXPECT_EQ(book.Issue(0, "c-1", kMarch1).issued.code, "S1");
  EXPECT_EQ(book.Issue(1, "c-2", kMarch1).issued.code, "S2");  // S1 is taken
  EXPECT_EQ(book.Issue(0, "c-3", kMarch1).issued.code, "S3");
  EXPECT_EQ(book.Issue(1, "c-4", kMarch1).status, IssueStatus::Skipped);
}

// The example shop, checked and lowered as `kairos simulate` does, has a pool
// of every kind: generated, from a file, with a window, falling back, stopping.
TEST(CouponBookTest, ExampleShopPoolsEndToEnd) {
  DiagnosticSink sink;
  Project project = LoadProject({std::string(KAIROS_SOURCE_DIR) + "/examples/shop"}, sink);
  AddSource(project, std::string(kPreludePath), std::string(PreludeText()), sink);
  std::unique_ptr<SemanticModel> model = Check(project, sink);
  ASSERT_FALSE(sink.has_errors());
  const ir::Program program = LowerPredicates(project, *model, sink);
  ASSERT_FALSE(sink.has_errors());
  auto index = [&](const std::string& name) {
    for (uint32_t i = 0; i < program.coupons.size(); ++i) {
      if (program.coupons[i].name == name) return i;
    }
    ADD_FAILURE() << "no pool " << name;
    return ir::kNoIndex;
  };

  CouponBook book(program, Utc, 42);
  EXPECT_TRUE(book.errors().empty()) << book.errors()[0];

  IssueResult welcome = book.Issue(index("welcome_first_order"), "c-1", kMarch1);
  ASSERT_EQ(welcome.status, IssueStatus::Issued);
  EXPECT_TRUE(std::regex_match(welcome.issued.code, std::regex("WELCOME-[A-Z0-9]{6}"))) << welcome.issued.code;
  EXPECT_EQ(welcome.issued.expires_at, kMarch1 + 14 * kDay);

  // The file's codes in order, then nothing: `when exhausted skip`.
  std::ifstream csv(std::string(KAIROS_SOURCE_DIR) + "/examples/shop/coupons/cart_last_chance.csv");
  std::vector<std::string> file_codes;
  for (std::string line; std::getline(csv, line);) {
    if (line != "code" && !line.empty()) file_codes.push_back(line);
  }
  ASSERT_FALSE(file_codes.empty());
  const uint32_t last_chance = index("cart_last_chance");
  EXPECT_EQ(IssueMany(book, last_chance, static_cast<int>(file_codes.size())), file_codes);
  IssueResult none_left = book.Issue(last_chance, "late", kMarch1);
  EXPECT_EQ(none_left.status, IssueStatus::Skipped);
  EXPECT_EQ(none_left.reason, "coupon_exhausted");

  // cart_10 is issued only in 2026; before, cart_5 steps in.
  EXPECT_EQ(book.Issue(index("cart_10"), "c-2", kMarch1).issued.pool, index("cart_10"));
  IssueResult early = book.Issue(index("cart_10"), "c-3", Utc(20000));
  EXPECT_EQ(early.status, IssueStatus::Issued);
  EXPECT_EQ(early.issued.pool, index("cart_5"));

  // winback_15 stops the journey once its 1500 codes are out.
  const uint32_t winback = index("winback_15");
  const std::vector<std::string> winback_codes = IssueMany(book, winback, 1500);
  EXPECT_EQ(std::set<std::string>(winback_codes.begin(), winback_codes.end()).size(), 1500u);
  EXPECT_EQ(book.Issue(winback, "late", kMarch1).status, IssueStatus::StopJourney);

  // The same seed gives the same first code.
  CouponBook again(program, Utc, 42);
  EXPECT_EQ(again.Issue(index("welcome_first_order"), "c-1", kMarch1).issued.code, welcome.issued.code);
}

}  // namespace
}  // namespace kairos::stdlib
