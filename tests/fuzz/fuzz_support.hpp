#pragma once
// What the fuzz targets share: a failed check is a crash libFuzzer records, and a UTF-8 oracle
// independent of the code under test.
#include <cstdlib>
#include <string>

#include <iconv.h>

namespace fuzz {

inline void check(bool ok) {
  if (!ok) std::abort();
}

/// Strict UTF-8, judged by glibc's UTF-8 → UTF-16 (it refuses overlong forms, surrogates,
/// truncation and anything above U+10FFFF), not by the project's own validator.
inline bool is_valid_utf8(const std::string& text) {
  static const iconv_t cd = iconv_open("UTF-16LE", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) std::abort();
  iconv(cd, nullptr, nullptr, nullptr, nullptr);
  std::string in = text;
  std::string out(2 * in.size() + 4, '\0');
  char* in_ptr = in.data();
  std::size_t in_left = in.size();
  char* out_ptr = out.data();
  std::size_t out_left = out.size();
  return iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left) != static_cast<std::size_t>(-1) && in_left == 0;
}

}  // namespace fuzz
