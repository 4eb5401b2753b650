// libFuzzer target for CsvReader: any input must either read or throw an imcomply::Error;
// anything else (a crash, a sanitizer report, another exception, a broken invariant) is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include <iconv.h>

#include "imcomply/csv.hpp"
#include "imcomply/error.hpp"

namespace {

// An oracle independent of the reader's own validator: glibc's UTF-8 → UTF-16 is strict
// about overlong forms, surrogates, truncation, and cannot encode anything above U+10FFFF.
bool is_valid_utf8(const std::string& text) {
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

void check(bool ok) {
  if (!ok) std::abort();
}

void read_all(const std::string& bytes, imcomply::Encoding encoding) {
  std::istringstream in(bytes);
  try {
    imcomply::CsvReader reader(in, "fuzz.csv", encoding);
    check(!reader.header().empty());
    check(reader.encoding() != imcomply::Encoding::auto_detect);
    for (const auto& name : reader.header()) check(is_valid_utf8(name));
    std::size_t last_line = 0;
    for (imcomply::CsvRow row; reader.next(row);) {
      check(row.fields.size() == reader.header().size());
      check(row.line > last_line);
      last_line = row.line;
      for (const auto& field : row.fields) check(is_valid_utf8(field) && field.find('\0') == std::string::npos);
    }
    check(reader.digest().size() == 64);
  } catch (const imcomply::Error& e) {
    // One line of ASCII: no raw bytes of the file leak into a message.
    const std::string what = e.what();
    check(what.rfind("fuzz.csv", 0) == 0);
    for (const char c : what + e.hint()) check(c >= 0x20 && c < 0x7F);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  read_all(bytes, imcomply::Encoding::auto_detect);
  read_all(bytes, imcomply::Encoding::utf8);
  read_all(bytes, imcomply::Encoding::big5);
  return 0;
}
