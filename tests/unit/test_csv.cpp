#include "imcomply/csv.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "imcomply/error.hpp"
#include "imcomply/render.hpp"

using namespace imcomply;

namespace {

using Fields = std::vector<std::string>;

// 許功蓋 in CP950: each second byte is 0x5C, a backslash in ASCII.
const std::string xu_gong_gai_big5 = "\xB3\x5C\xA5\x5C\xBB\x5C";

struct Read {
  Fields header;
  std::vector<CsvRow> rows;
  Encoding encoding = Encoding::auto_detect;
  std::string digest;
};

Read read_all(const std::string& bytes, Encoding encoding = Encoding::auto_detect) {
  std::istringstream in(bytes);
  CsvReader reader(in, "usage.csv", encoding);
  Read read{reader.header(), {}, reader.encoding(), {}};
  for (CsvRow row; reader.next(row);) read.rows.push_back(row);
  read.digest = reader.digest();
  return read;
}

std::vector<Fields> fields_of(const std::string& bytes, Encoding encoding = Encoding::auto_detect) {
  std::vector<Fields> records;
  for (const auto& row : read_all(bytes, encoding).rows) records.push_back(row.fields);
  return records;
}

std::vector<std::size_t> lines_of(const std::string& bytes) {
  std::vector<std::size_t> lines;
  for (const auto& row : read_all(bytes).rows) lines.push_back(row.line);
  return lines;
}

// The message of the RejectedInput that reading all of `bytes` throws.
std::string rejection(const std::string& bytes, Encoding encoding = Encoding::auto_detect) {
  try {
    read_all(bytes, encoding);
  } catch (const RejectedInput& e) {
    return e.what();
  }
  return "(accepted)";
}

std::string hint_of(const std::string& bytes, Encoding encoding = Encoding::auto_detect) {
  try {
    read_all(bytes, encoding);
  } catch (const RejectedInput& e) {
    return e.hint();
  }
  return "(accepted)";
}

}  // namespace

// ---- encoding names ----------------------------------------------------------------------

TEST_CASE("parse_encoding: accepts auto, utf-8, utf8, big5 and cp950") {
  CHECK(parse_encoding("auto") == Encoding::auto_detect);
  CHECK(parse_encoding("utf-8") == Encoding::utf8);
  CHECK(parse_encoding("utf8") == Encoding::utf8);
  CHECK(parse_encoding("big5") == Encoding::big5);
  CHECK(parse_encoding("cp950") == Encoding::big5);
  CHECK(parse_encoding("UTF-8") == Encoding::utf8);
}

TEST_CASE("parse_encoding: anything else is a usage error naming the choices") {
  CHECK_THROWS_WITH_AS(parse_encoding("latin1"), "unknown encoding 'latin1': use auto, utf-8 or big5", UsageError);
}

TEST_CASE("encoding_name: names the encodings as --encoding spells them") {
  CHECK(encoding_name(Encoding::utf8) == "utf-8");
  CHECK(encoding_name(Encoding::big5) == "big5");
}

// ---- RFC 4180 fields -----------------------------------------------------------------------

TEST_CASE("the first record is the header") {
  const auto read = read_all("使用者,案號\nwang,A1\n");
  CHECK(read.header == Fields{"使用者", "案號"});
  CHECK(read.rows.size() == 1);
}

TEST_CASE("a quoted field may contain commas") {
  CHECK(fields_of("a,b\n\"x,y\",z\n") == std::vector<Fields>{{"x,y", "z"}});
}

TEST_CASE("a doubled quote inside a quoted field is one quote") {
  CHECK(fields_of("a\n\"say \"\"hi\"\"\"\n") == std::vector<Fields>{{"say \"hi\""}});
}

TEST_CASE("a quoted field may contain an LF") {
  CHECK(fields_of("a,b\n\"one\ntwo\",z\n") == std::vector<Fields>{{"one\ntwo", "z"}});
}

TEST_CASE("a CRLF inside a quoted field becomes an LF") {
  CHECK(fields_of("a,b\r\n\"one\r\ntwo\",z\r\n") == std::vector<Fields>{{"one\ntwo", "z"}});
}

TEST_CASE("an empty quoted field is an empty string") {
  CHECK(fields_of("a,b\n\"\",z\n") == std::vector<Fields>{{"", "z"}});
}

TEST_CASE("empty fields between separators are kept") {
  CHECK(fields_of("a,b,c\n,,\n") == std::vector<Fields>{{"", "", ""}});
}

TEST_CASE("spaces around fields are kept") {
  CHECK(fields_of("a,b\n x , y\n") == std::vector<Fields>{{" x ", " y"}});
}

// ---- records and lines ---------------------------------------------------------------------

TEST_CASE("records may end with CRLF") {
  CHECK(fields_of("a\r\n1\r\n2\r\n") == std::vector<Fields>{{"1"}, {"2"}});
}

TEST_CASE("records may end with LF") {
  CHECK(fields_of("a\n1\n2\n") == std::vector<Fields>{{"1"}, {"2"}});
}

TEST_CASE("records may end with a lone CR") {
  CHECK(fields_of("a\r1\r2\r") == std::vector<Fields>{{"1"}, {"2"}});
  CHECK(lines_of("a\r1\r2\r") == std::vector<std::size_t>{2, 3});
}

TEST_CASE("the last record needs no line break") {
  CHECK(fields_of("a,b\n1,2") == std::vector<Fields>{{"1", "2"}});
}

TEST_CASE("a trailing line break at the end of the file adds no record") {
  CHECK(fields_of("a,b\r\n1,2\r\n").size() == 1);
}

TEST_CASE("a row's line is the line its record starts on; the header is line 1") {
  CHECK(lines_of("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n") == std::vector<std::size_t>{2, 4});
}

TEST_CASE("blank lines are skipped but counted") {
  const auto read = read_all("\r\na,b\r\n\r\n1,2\n\n\n3,4\n\n");
  CHECK(read.header == Fields{"a", "b"});
  CHECK(fields_of("\r\na,b\r\n\r\n1,2\n\n\n3,4\n\n") == std::vector<Fields>{{"1", "2"}, {"3", "4"}});
  CHECK(lines_of("\r\na,b\r\n\r\n1,2\n\n\n3,4\n\n") == std::vector<std::size_t>{4, 7});
}

// ---- field count ---------------------------------------------------------------------------

TEST_CASE("a record with too few fields is rejected with its line") {
  CHECK(rejection("a,b,c\n1,2,3\n1,2\n") == "usage.csv:3: 2 fields, but the header has 3");
}

TEST_CASE("a record with too many fields is rejected with its line") {
  CHECK(rejection("a,b\n1,2\n\n1,2,3,4\n") == "usage.csv:4: 4 fields, but the header has 2");
}

TEST_CASE("a record's field count is checked where the record starts, across embedded line breaks") {
  CHECK(rejection("a,b\n\"x\ny\"\n") == "usage.csv:2: 1 field, but the header has 2");
}

// ---- syntax errors -------------------------------------------------------------------------

TEST_CASE("a quote inside an unquoted field is rejected with its line, column and field") {
  CHECK(rejection("a,b\n1,2\nab,c\"d\n") == "usage.csv:3:5: a quote inside unquoted field 2");
}

TEST_CASE("text after a closing quote is rejected with its line, column and field") {
  CHECK(rejection("a,b\n\"x\"y,z\n") == "usage.csv:2:4: text after the closing quote of field 1");
}

TEST_CASE("columns count characters, not bytes") {
  CHECK(rejection("a,b\n王林,王\"\n") == "usage.csv:2:5: a quote inside unquoted field 2");
}

TEST_CASE("a quoted field still open at the end names the line where it opened") {
  CHECK(rejection("a,b\n1,2\n3,\"open\n\nstill open\n") ==
        "usage.csv:3:3: quoted field 2 opened here is not closed at the end of the file");
}

TEST_CASE("a NUL byte is rejected") {
  CHECK(rejection(std::string("a,b\n1,x\0y\n", 10)) == "usage.csv:2:4: NUL byte (0x00)");
}

TEST_CASE("an error is thrown again by every later call") {
  std::istringstream in("a\n\"x\"y\n1\n");
  CsvReader reader(in, "usage.csv");
  CsvRow row;
  CHECK_THROWS_AS(reader.next(row), RejectedInput);
  CHECK_THROWS_AS(reader.next(row), RejectedInput);
}

// ---- empty files ---------------------------------------------------------------------------

TEST_CASE("an empty file is rejected: it has no header") {
  CHECK(rejection("") == "usage.csv: empty file (no header row)");
}

TEST_CASE("a file of only a BOM is rejected as empty") {
  CHECK(rejection("\xEF\xBB\xBF") == "usage.csv: empty file (no header row)");
}

TEST_CASE("a file of only blank lines is rejected as empty") {
  CHECK(rejection("\r\n\r\n\n") == "usage.csv: empty file (no header row)");
}

TEST_CASE("a header alone is a file with no rows") {
  const auto read = read_all("a,b\r\n");
  CHECK(read.header == Fields{"a", "b"});
  CHECK(read.rows.empty());
}

// ---- UTF-8 -----------------------------------------------------------------------------------

TEST_CASE("a UTF-8 BOM is stripped and means UTF-8") {
  const auto read = read_all("\xEF\xBB\xBF使用者,案號\r\n王,1\r\n");
  CHECK(read.header == Fields{"使用者", "案號"});
  CHECK(read.encoding == Encoding::utf8);
}

TEST_CASE("UTF-8 without a BOM is detected") {
  const auto read = read_all("使用者\r\n王\r\n");
  CHECK(read.encoding == Encoding::utf8);
  CHECK(read.rows[0].fields == Fields{"王"});
}

TEST_CASE("an overlong UTF-8 form is rejected with its line") {
  CHECK(rejection("a\n1\nx\xC0\xAF\n", Encoding::utf8) == "usage.csv:3:2: not valid UTF-8 (0xC0)");
}

TEST_CASE("a UTF-8 surrogate is rejected with its line") {
  CHECK(rejection("a\n\xED\xA0\x80\n", Encoding::utf8) == "usage.csv:2:1: not valid UTF-8 (0xED 0xA0)");
}

TEST_CASE("UTF-8 above U+10FFFF is rejected with its line") {
  CHECK(rejection("a\n1\n\n\xF4\x90\x80\x80\n", Encoding::utf8) == "usage.csv:4:1: not valid UTF-8 (0xF4 0x90)");
}

TEST_CASE("a truncated UTF-8 sequence is rejected with its line") {
  CHECK(rejection("a,b\n\xE7\x8E,1\n", Encoding::utf8) == "usage.csv:2:1: not valid UTF-8 (0xE7 0x8E 0x2C)");
}

TEST_CASE("a UTF-8 sequence cut by the end of the file is rejected") {
  CHECK(rejection("a\n1\n\xE7\x8E", Encoding::utf8) ==
        "usage.csv:3:1: not valid UTF-8: the file ends inside a character (0xE7 0x8E)");
}

TEST_CASE("an invalid byte after the detection window names the encoding and suggests --encoding") {
  const std::string bytes = "a\n" + std::string(70 * 1024, 'x') + "\n" + xu_gong_gai_big5 + "\n";
  CHECK(rejection(bytes) == "usage.csv:3:1: not valid UTF-8 (0xB3)");
  CHECK(hint_of(bytes).find("--encoding big5") != std::string::npos);
}

TEST_CASE("a UTF-16 file is rejected as such") {
  CHECK(rejection(std::string("\xFF\xFE" "a\0\n\0", 6)) == "usage.csv: the file is UTF-16 (it starts with 0xFF 0xFE)");
}

TEST_CASE("a UTF-8 BOM contradicting --encoding big5 is rejected") {
  CHECK(rejection("\xEF\xBB\xBF" "a\n", Encoding::big5) ==
        "usage.csv: the file starts with a UTF-8 byte-order mark, but --encoding big5 was given");
}

// ---- Big5 / CP950 --------------------------------------------------------------------------

TEST_CASE("CP950 is detected, and a second byte 0x5C is not a backslash") {
  const auto read = read_all("name\r\n" + xu_gong_gai_big5 + "\r\n");
  CHECK(read.encoding == Encoding::big5);
  CHECK(read.rows[0].fields == Fields{"許功蓋"});
}

TEST_CASE("CP950 is decoded with an explicit --encoding big5") {
  const auto read = read_all("\xA8\xCF\xA5\xCE\xAA\xCC,n\r\n" + xu_gong_gai_big5 + ",1\r\n", Encoding::big5);
  CHECK(read.header == Fields{"使用者", "n"});
  CHECK(read.rows[0].fields == Fields{"許功蓋", "1"});
}

TEST_CASE("a quoted CP950 field ending in 0x5C next to a separator") {
  CHECK(fields_of("a,b\r\n\"\xB3\x5C\",x\r\n", Encoding::big5) == std::vector<Fields>{{"許", "x"}});
}

TEST_CASE("a CP950 second byte 0x7C is not a pipe, nor is any byte read before decoding") {
  // 0xA4 0x7C is 弋; 0xA5 0x5C is 功.
  CHECK(fields_of("a\n\xA4\x7C\xA5\x5C\n", Encoding::big5) == std::vector<Fields>{{"弋功"}});
}

TEST_CASE("an invalid CP950 byte is rejected with its line") {
  CHECK(rejection("a\r\n\xA4\xFD\r\n\xFF\r\n", Encoding::big5) == "usage.csv:3:1: not valid Big5 (CP950) (0xFF)");
}

TEST_CASE("a CP950 user-defined character is rejected as such") {
  CHECK(rejection("a\n\xA4\xFD\xFA\x40\n", Encoding::big5) ==
        "usage.csv:2:2: Big5 (CP950) character 0xFA 0x40 has no Unicode equivalent (a user-defined character?)");
}

TEST_CASE("a CP950 character cut by the end of the file is rejected") {
  CHECK(rejection("a\n\xA4", Encoding::big5) ==
        "usage.csv:2:1: not valid Big5 (CP950): the file ends inside a character (0xA4)");
}

TEST_CASE("UTF-8 read with --encoding big5 fails with a hint to check the encoding") {
  CHECK(hint_of("a\n\xE7\x8E\x8B\xE7\x8E\x8B\n", Encoding::big5).find("--encoding") != std::string::npos);
}

// ---- streaming ---------------------------------------------------------------------------------

TEST_CASE("a CP950 character straddling the 64 KiB chunk boundary is read whole") {
  std::string bytes = "name,note\r\n";
  std::vector<Fields> expected;
  const std::string first = "a," + std::string(65535 - bytes.size() - 2, 'x');
  bytes += first + xu_gong_gai_big5 + "\r\n";  // 許 starts at byte 65535
  expected.push_back({"a", std::string(65535 - 11 - 2, 'x') + "許功蓋"});
  for (int i = 0; bytes.size() < 200 * 1024; ++i) {
    const std::string note = std::string(static_cast<std::size_t>(i % 7), 'y');
    bytes += std::to_string(i) + "," + note + xu_gong_gai_big5 + "\r\n";
    expected.push_back({std::to_string(i), note + "許功蓋"});
  }
  CHECK(fields_of(bytes, Encoding::big5) == expected);
  CHECK(fields_of(bytes) == expected);
}

TEST_CASE("a CP950 user-defined character straddling the chunk boundary is rejected as such") {
  const std::string bytes = "name\n" + std::string(65535 - 5, 'x') + "\xFA\x40\n";
  CHECK(rejection(bytes, Encoding::big5) ==
        "usage.csv:2:65531: Big5 (CP950) character 0xFA 0x40 has no Unicode equivalent (a user-defined character?)");
}

TEST_CASE("a UTF-8 character straddling the 64 KiB chunk boundary is read whole and detected") {
  std::string bytes = "name\n" + std::string(65535 - 5, 'x') + "王\n";
  bytes += std::string(100 * 1024, 'z') + "\n";
  const auto read = read_all(bytes);
  CHECK(read.encoding == Encoding::utf8);
  CHECK(read.rows[0].fields == Fields{std::string(65535 - 5, 'x') + "王"});
  CHECK(read.rows.size() == 2);
}

TEST_CASE("a field of 1 MiB is accepted") {
  CHECK(fields_of("a\n" + std::string(1 << 20, 'x') + "\n")[0][0].size() == 1 << 20);
}

TEST_CASE("a field larger than 1 MiB is rejected with its line") {
  CHECK(rejection("a,b\n1,2\n3,\"" + std::string((1 << 20) + 1, 'x') + "\"\n") ==
        "usage.csv:3:3: field 2 is longer than 1 MiB");
}

// ---- digest ------------------------------------------------------------------------------------

TEST_CASE("digest is the SHA-256 of the raw bytes of the whole file") {
  // printf '使用者,案號\r\nwang,"A,1"\r\n' | sha256sum
  CHECK(read_all("使用者,案號\r\nwang,\"A,1\"\r\n").digest ==
        "84490742f9c4b0a92058f2425077feadd9a3bf5971d92b263c374d5f6ad4d224");
}

TEST_CASE("digest of a file spanning several chunks covers every byte") {
  const std::string bytes = "a\n" + std::string(150 * 1024, 'x') + "\n";
  std::istringstream in(bytes);
  CsvReader reader(in, "usage.csv");
  for (CsvRow row; reader.next(row);) {
  }
  std::istringstream again(bytes);
  CsvReader whole(again, "usage.csv");
  CHECK(reader.digest() != whole.digest());  // `whole` has read one chunk so far
  for (CsvRow row; whole.next(row);) {
  }
  CHECK(reader.digest() == whole.digest());
}

// ---- round trip with the writer ------------------------------------------------------------------

TEST_CASE("a table written by render as CSV reads back equal") {
  const Table usage{"usage",
                    "Usage",
                    {{"使用者", "使用者"}, {"資料查詢用途", "資料查詢用途"}, {"案號", "案號"}},
                    {{"wang", "辦理歸化國籍案件查核，含\"配偶\"資料, 另案", "A-1"},
                     {"許功蓋", "line one\nline two", std::int64_t{42}},
                     {"lin", "", std::monostate{}}}};
  std::ostringstream out;
  render(out, Document{{usage}}, Format::csv);
  const auto read = read_all(out.str());
  CHECK(read.header == Fields{"使用者", "資料查詢用途", "案號"});
  CHECK(fields_of(out.str()) == std::vector<Fields>{{"wang", "辦理歸化國籍案件查核，含\"配偶\"資料, 另案", "A-1"},
                                                   {"許功蓋", "line one\nline two", "42"},
                                                   {"lin", "", ""}});
}
