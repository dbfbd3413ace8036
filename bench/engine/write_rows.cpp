// Writes contacts 0 .. N-1 of the synthetic population as CSV for the peers
// (PostgreSQL, DuckDB, CEL): contacts.csv, orders.csv, carts.csv, views.csv.
//
//   kairos_bench_rows DIR N
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "bench/engine/synthetic.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: kairos_bench_rows DIR CONTACTS\n";
    return 2;
  }
  const std::filesystem::path dir = argv[1];
  const uint64_t count = std::strtoull(argv[2], nullptr, 10);
  std::filesystem::create_directories(dir);
  std::vector<std::ofstream> files;
  for (const char* name : {"contacts.csv", "orders.csv", "carts.csv", "views.csv"}) {
    files.emplace_back(dir / name, std::ios::binary);
    if (!files.back()) {
      std::cerr << "kairos_bench_rows: cannot write " << (dir / name).string() << "\n";
      return 1;
    }
  }
  const kairos::bench::CsvWriters out{files[0], files[1], files[2], files[3]};
  kairos::bench::WriteCsvHeaders(out);
  for (uint64_t n = 0; n < count; ++n)
    kairos::bench::WriteCsvRows(kairos::bench::GenerateContact(n), out);
  for (auto& file : files) {
    file.close();
    if (!file) {
      std::cerr << "kairos_bench_rows: write failed in " << dir.string() << "\n";
      return 1;
    }
  }
  return 0;
}
