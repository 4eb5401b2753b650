#pragma once
// Golden files for the official forms: compare, or rewrite with IMCOMPLY_UPDATE_GOLDEN=1.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

namespace imcomply::test {

inline std::filesystem::path golden_dir() {
#ifdef IMCOMPLY_GOLDEN_DIR
  return IMCOMPLY_GOLDEN_DIR;
#else
  return std::filesystem::path(__FILE__).parent_path().parent_path() / "golden";
#endif
}

/// Compares with the golden file, or writes it when IMCOMPLY_UPDATE_GOLDEN=1.
inline void check_golden(const std::string& name, const std::string& actual) {
  const auto path = golden_dir() / name;
  const char* update = std::getenv("IMCOMPLY_UPDATE_GOLDEN");
  if (update && std::string_view(update) == "1") {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << actual;
    MESSAGE("wrote " << path.string());
    return;
  }
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in, "missing " << path.string() << "; run with IMCOMPLY_UPDATE_GOLDEN=1 to create it");
  const std::string expected{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  CHECK_MESSAGE(actual == expected, path.string() << " differs; run with IMCOMPLY_UPDATE_GOLDEN=1 and review the diff");
}

}  // namespace imcomply::test
