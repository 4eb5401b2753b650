// libFuzzer target for CsvReader: any input must either read or throw an imcomply::Error;
// anything else (a crash, a sanitizer report, another exception, a broken invariant) is a bug.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "imcomply/csv.hpp"
#include "fuzz_support.hpp"
#include "imcomply/error.hpp"

namespace {

using fuzz::check;
using fuzz::is_valid_utf8;

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
