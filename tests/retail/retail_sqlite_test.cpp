// The segments of examples/online-retail on real data, checked against SQLite.
//
// The shop's CSV export is turned into events by `kairos import csv` with the
// example's mapping; the same raw CSV rows are loaded into an in-memory SQLite
// database; and at several instants every segment's members, as `kairos
// segment` lists them, must equal the answer to the same question asked in
// SQL. The SQL side shares no code with Kairos: its own CSV reading, UK summer
// time by the rule (last Sundays of March and October), money as integers
// parsed from the price text.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <iostream>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/driver.h"
#include "cli/frontend.h"
#include "compiler/ir/lower.h"

namespace kairos {
namespace {

// The evaluators `kairos segment` is asked with; each must agree with SQL.
constexpr std::array kEngines = {"interp", "jit", "auto"};

const std::string kExample = std::string(KAIROS_SOURCE_DIR) + "/examples/online-retail";

// The instants asked about: after the last invoice (9 December 2011), in
// summer time, and exactly 30 days after invoice 569901 (2011-10-06 16:20 BST),
// which a 30-day window must then leave out.
constexpr std::array kInstants = {"2011-12-10T00:00:00Z", "2011-07-01T00:00:00Z", "2011-11-05T15:20:00Z"};

// Each segment as SQL over `o` (orders) and `c` (cancellations) up to :now,
// with contact, at (epoch seconds), total (pence ×100: money ×10^4),
// max_quantity and country. Names in {braces} are other segments' queries.
const std::map<std::string, std::string> kSegmentSql = {
    {"ordered_last_30d", "SELECT contact FROM o WHERE at > :now - 30 * 86400"},
    {"ordered_last_90d", "SELECT contact FROM o WHERE at > :now - 90 * 86400"},
    {"lost", "SELECT contact FROM o GROUP BY contact HAVING MAX(at) < :now - 180 * 86400"},
    {"frequent_buyers", "SELECT contact FROM o WHERE at > :now - 365 * 86400 GROUP BY contact HAVING COUNT(*) >= 5"},
    {"one_time_buyers", "SELECT contact FROM o GROUP BY contact HAVING COUNT(*) = 1"},
    {"big_spenders",
     "SELECT contact FROM o WHERE at > :now - 365 * 86400 GROUP BY contact HAVING SUM(total) >= 500 * 10000"},
    {"big_baskets", "SELECT contact FROM o WHERE total >= 200 * 10000 AND at > :now - 365 * 86400"},
    {"net_big_spenders",
     "SELECT contact FROM (SELECT contact, total, at FROM o UNION ALL SELECT contact, total, at FROM c) "
     "WHERE at > :now - 365 * 86400 GROUP BY contact HAVING SUM(total) >= 300 * 10000"},
    {"champions", "{ordered_last_30d} INTERSECT {frequent_buyers} INTERSECT {big_spenders}"},
    {"loyal_customers",
     "SELECT contact FROM o WHERE at > :now - 365 * 86400 GROUP BY contact HAVING COUNT(*) >= 3 "
     "INTERSECT {ordered_last_90d} EXCEPT {champions}"},
    {"at_risk",
     "SELECT contact FROM o WHERE at > :now - 365 * 86400 GROUP BY contact HAVING COUNT(*) >= 3 "
     "EXCEPT {ordered_last_90d}"},
    {"big_spenders_slipping", "{big_spenders} EXCEPT {ordered_last_90d}"},
    {"wholesale_buyers", "SELECT contact FROM o WHERE max_quantity >= 100 AND at > :now - 365 * 86400"},
    {"frequent_cancellers",
     "SELECT contact FROM c WHERE at > :now - 365 * 86400 GROUP BY contact HAVING COUNT(*) >= 2"},
    {"overseas_buyers", "SELECT contact FROM o WHERE country <> 'United Kingdom'"},
};

// {name} → (that segment's query), recursively.
std::string ExpandSql(const std::string& name) {
  std::string sql = kSegmentSql.at(name);
  for (size_t open = sql.find('{'); open != std::string::npos; open = sql.find('{')) {
    const size_t close = sql.find('}', open);
    const std::string inner = sql.substr(open + 1, close - open - 1);
    sql.replace(open, close - open + 1, "SELECT contact FROM (" + ExpandSql(inner) + ")");
  }
  return sql;
}

// One CSV row per record, by RFC 4180, written apart from runtime/import on
// purpose: the two sides of the comparison share no parsing.
std::vector<std::vector<std::string>> ReadCsv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  for (; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      rows.emplace_back();
    } else if (c != '\r') {
      field += c;
    }
  }
  if (!rows.back().empty() || !field.empty()) {
    rows.back().push_back(std::move(field));
  } else {
    rows.pop_back();
  }
  return rows;
}

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

class RetailDatabase {
 public:
  RetailDatabase() { sqlite3_open(":memory:", &db_); }
  ~RetailDatabase() { sqlite3_close(db_); }
  RetailDatabase(const RetailDatabase&) = delete;
  RetailDatabase& operator=(const RetailDatabase&) = delete;

  void Exec(const std::string& sql) {
    char* message = nullptr;
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message), SQLITE_OK) << message << "\n" << sql;
  }

  // The raw rows, as text, with their position in the file.
  void Load(const std::vector<std::vector<std::string>>& rows) {
    Exec("CREATE TABLE raw (line INTEGER, invoice_no TEXT, stock_code TEXT, description TEXT, quantity TEXT, "
         "invoice_date TEXT, unit_price TEXT, customer_id TEXT, country TEXT)");
    Exec("BEGIN");
    sqlite3_stmt* insert = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db_, "INSERT INTO raw VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &insert, nullptr),
              SQLITE_OK);
    for (size_t r = 1; r < rows.size(); ++r) {
      ASSERT_EQ(rows[r].size(), 8u) << "row " << r;
      sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(r));
      for (int f = 0; f < 8; ++f) {
        sqlite3_bind_text(insert, f + 2, rows[r][static_cast<size_t>(f)].c_str(), -1, SQLITE_TRANSIENT);
      }
      ASSERT_EQ(sqlite3_step(insert), SQLITE_DONE);
      sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    Exec("COMMIT");
    // Per line: the contact ("12923.0" is customer 12923), the instant (UK
    // local time less an hour in summer time, which runs from 01:00 on the
    // last Sunday of March to 02:00 summer time on the last Sunday of
    // October; the repeated hour counts as summer time, its earlier instant),
    // and quantity × price in pence ×100, from the price's text.
    Exec(R"(CREATE TABLE lines AS SELECT
        line, invoice_no, country,
        substr(customer_id, 1, instr(customer_id || '.', '.') - 1) AS contact,
        CAST(strftime('%s', invoice_date) AS INTEGER)
          - CASE WHEN invoice_date >= date(substr(invoice_date, 1, 4) || '-03-25', 'weekday 0') || ' 01:00:00'
                  AND invoice_date <  date(substr(invoice_date, 1, 4) || '-10-25', 'weekday 0') || ' 02:00:00'
                 THEN 3600 ELSE 0 END AS at,
        CAST(quantity AS INTEGER) AS quantity,
        CAST(quantity AS INTEGER) * (
          CAST(substr(unit_price, 1, instr(unit_price || '.', '.') - 1) AS INTEGER) * 10000
          + CAST(substr(substr(unit_price, instr(unit_price || '.', '.') + 1) || '0000', 1, 4) AS INTEGER)
        ) AS amount
      FROM raw WHERE customer_id <> '')");
    // An invoice: its contact, its earliest line's time, the exact sum of its
    // lines, its largest quantity and its first line's country.
    Exec(R"(CREATE TABLE invoices AS SELECT
        invoice_no, MIN(contact) AS contact, MIN(at) AS at, SUM(amount) AS total,
        MAX(quantity) AS max_quantity,
        (SELECT country FROM lines f WHERE f.invoice_no = l.invoice_no ORDER BY line LIMIT 1) AS country,
        invoice_no LIKE 'C%' AS cancelled
      FROM lines l GROUP BY invoice_no)");
  }

  // Sanity of the raw data the SQL relies on: no negative prices, every
  // customer number whole, one contact per invoice.
  void CheckAssumptions() {
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM raw WHERE unit_price LIKE '-%'"), 0);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM raw WHERE customer_id <> '' AND customer_id NOT LIKE '%.0'"), 0);
    EXPECT_EQ(Scalar("SELECT COUNT(*) FROM (SELECT invoice_no FROM lines GROUP BY invoice_no "
                     "HAVING COUNT(DISTINCT contact) > 1)"),
              0);
  }

  int64_t Scalar(const std::string& sql) {
    std::vector<std::string> rows = Column(sql, 0);
    return rows.empty() ? -1 : std::stoll(rows[0]);
  }

  // The first column of every row, as text; `now` is bound to :now.
  std::vector<std::string> Column(const std::string& sql, int64_t now) {
    sqlite3_stmt* statement = nullptr;
    std::vector<std::string> out;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sqlite3_errmsg(db_) << "\n" << sql;
      return out;
    }
    const int now_index = sqlite3_bind_parameter_index(statement, ":now");
    if (now_index > 0) sqlite3_bind_int64(statement, now_index, now);
    while (sqlite3_step(statement) == SQLITE_ROW) {
      out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0)));
    }
    sqlite3_finalize(statement);
    return out;
  }

  // Members of a segment at `now`, sorted by byte order as `kairos segment` sorts them.
  std::vector<std::string> Members(const std::string& segment, int64_t now) {
    return Column("WITH o AS (SELECT * FROM invoices WHERE NOT cancelled AND at <= :now), "
                  "c AS (SELECT * FROM invoices WHERE cancelled AND at <= :now) "
                  "SELECT DISTINCT contact FROM (" + ExpandSql(segment) + ") ORDER BY contact",
                  now);
  }

 private:
  sqlite3* db_ = nullptr;
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

class RetailSegmentsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    events_ = ::testing::TempDir() + "online_retail_events.jsonl";
    std::ostringstream out, err;
    import_status_ = cli::RunKairos(
        {"import", "csv", KAIROS_RETAIL_CSV, "--mapping", kExample + "/online_retail.mapping", "-o", events_}, out, err);
    import_report_ = err.str();
  }
  static void TearDownTestSuite() { std::filesystem::remove(events_); }

  static std::string events_;
  static int import_status_;
  static std::string import_report_;
};

std::string RetailSegmentsTest::events_;
int RetailSegmentsTest::import_status_ = -1;
std::string RetailSegmentsTest::import_report_;

TEST_F(RetailSegmentsTest, TheExportConvertsWithoutBadRows) {
  EXPECT_EQ(import_status_, 0) << import_report_;
  EXPECT_NE(import_report_.find("30000 rows read"), std::string::npos) << import_report_;
  EXPECT_NE(import_report_.find("skipped: 2000 without a contact"), std::string::npos) << import_report_;
  // Byte for byte the same on a second run.
  const std::string again = ::testing::TempDir() + "online_retail_events_again.jsonl";
  std::ostringstream out, err;
  cli::RunKairos({"import", "csv", KAIROS_RETAIL_CSV, "--mapping", kExample + "/online_retail.mapping", "-o", again},
                 out, err);
  EXPECT_EQ(ReadFile(again), ReadFile(events_));
  std::filesystem::remove(again);
}

TEST_F(RetailSegmentsTest, EverySegmentAgreesWithSqlite) {
  ASSERT_EQ(import_status_, 0) << import_report_;
  RetailDatabase db;
  ASSERT_NO_FATAL_FAILURE(db.Load(ReadCsv(ReadFile(KAIROS_RETAIL_CSV))));
  db.CheckAssumptions();
  // The same invoices on both sides.
  const size_t events = Lines(ReadFile(events_)).size();
  EXPECT_EQ(static_cast<int64_t>(events), db.Scalar("SELECT COUNT(*) FROM invoices"));

  // Every segment of the example has its SQL twin.
  auto frontend = cli::RunFrontend({kExample}, true);
  ASSERT_FALSE(frontend->sink.has_errors());
  const ir::Program program = LowerPredicates(frontend->project, *frontend->model, frontend->sink);
  std::vector<std::string> names;
  for (const ir::Segment& segment : program.segments) names.push_back(segment.name);
  std::vector<std::string> with_sql;
  for (const auto& [name, sql] : kSegmentSql) with_sql.push_back(name);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, with_sql);

  const size_t contacts = static_cast<size_t>(db.Scalar("SELECT COUNT(DISTINCT contact) FROM invoices"));
  for (const char* engine : kEngines) {
    for (const char* instant : kInstants) {
      const int64_t now = db.Scalar(std::string("SELECT CAST(strftime('%s', '") + instant + "') AS INTEGER)");
      for (const std::string& name : with_sql) {
        SCOPED_TRACE(std::string(engine) + " " + instant + " " + name);
        std::ostringstream out, err;
        const int status = cli::RunKairos({"segment", kExample, "--events", events_, "--name", name, "--at", instant,
                                           "--engine", engine},
                                          out, err);
        ASSERT_EQ(status, 0) << err.str();
        const std::vector<std::string> kairos = Lines(out.str());
        const std::vector<std::string> sql = db.Members(name, now);
        EXPECT_EQ(kairos, sql) << kairos.size() << " members in Kairos, " << sql.size() << " in SQL";
        // A segment nobody or everybody is in would agree without testing much.
        if (std::string(instant) == kInstants[0]) {
          EXPECT_GT(sql.size(), 0u);
          EXPECT_LT(sql.size(), contacts);
        }
        std::cout << "[ members  ] " << engine << " " << instant << " " << name << ": " << kairos.size() << "\n";
      }
    }
  }
}

}  // namespace
}  // namespace kairos
