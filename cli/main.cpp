#include <iostream>

#include "cli/driver.h"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  std::vector<std::string> args(argv + 1, argv + argc);
  return kairos::cli::RunKairos(args, std::cout, std::cerr);
}
