#include "imcomply/render.hpp"

#include <doctest/doctest.h>

#include <sstream>

#include "imcomply/error.hpp"
#include "imcomply/text.hpp"

using namespace imcomply;

namespace {

std::string rendered(const Document& doc, Format format) {
  std::ostringstream out;
  render(out, doc, format);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const Table roster{"roster",
                   "Roster",
                   {{"name", "Name"}, {"office", "Office"}},
                   {{"王小明", "A01"}, {"Alice", "B02"}}};

}  // namespace

// ---- display width -------------------------------------------------------------------------

TEST_CASE("display_width: ASCII is one column per character") {
  CHECK(display_width("") == 0);
  CHECK(display_width("Alice") == 5);
}

TEST_CASE("display_width: each CJK character takes two columns") {
  CHECK(display_width("王小明") == 6);
}

TEST_CASE("display_width: mixed CJK and ASCII add up") {
  CHECK(display_width("A01 王小明") == 10);
}

TEST_CASE("display_width: a fullwidth underscore takes two columns") {
  CHECK(display_width("＿") == 2);
  CHECK(display_width("＿＿＿") == 6);
}

TEST_CASE("display_width: a combining accent takes no column") {
  CHECK(display_width("e\u0301") == 1);  // e + COMBINING ACUTE ACCENT
}

TEST_CASE("display_width: each invalid UTF-8 byte counts as one column, without crashing") {
  CHECK(display_width("\xff") == 1);
  CHECK(display_width("a\xe7\x8e") == 3);      // truncated 王
  CHECK(display_width("\xc0\xaf") == 2);       // overlong '/'
  CHECK(display_width("\xed\xa0\x80") == 3);   // surrogate
  CHECK(display_width("\x80\x80王") == 4);     // stray continuation bytes
}

TEST_CASE("pad_to_width pads by display width and never truncates") {
  CHECK(pad_to_width("王", 4) == "王  ");
  CHECK(pad_to_width("ab", 4) == "ab  ");
  CHECK(pad_to_width("王小明", 2) == "王小明");
}

// ---- printable -----------------------------------------------------------------------------

TEST_CASE("truncate_to_width: text that fits is unchanged") {
  CHECK(truncate_to_width("abc", 3) == "abc");
  CHECK(truncate_to_width("王小明", 6) == "王小明");
}

TEST_CASE("truncate_to_width: longer text is cut to the width, the last column an ellipsis") {
  CHECK(truncate_to_width("abcdefgh", 5) == "abcd…");
  CHECK(display_width(truncate_to_width("abcdefgh", 5)) == 5);
}

TEST_CASE("truncate_to_width: CJK characters count two columns and are never split") {
  CHECK(truncate_to_width("辦理歸化國籍案件查核", 7) == "辦理歸…");   // 6 columns of text + …
  CHECK(truncate_to_width("辦理歸化國籍案件查核", 8) == "辦理歸…");   // a fourth would straddle the end
  CHECK(display_width(truncate_to_width("辦理歸化國籍案件查核", 8)) == 7);
  CHECK(truncate_to_width("ab辦理", 4) == "ab…");
}

TEST_CASE("truncate_to_width: a combining mark stays with its letter") {
  CHECK(truncate_to_width("e\u0301e\u0301e\u0301e\u0301", 3) == "e\u0301e\u0301…");
}

TEST_CASE("printable: text and Chinese pass unchanged") {
  CHECK(printable("Alice 王小明 ＿") == "Alice 王小明 ＿");
  CHECK(printable("") == "");
}

TEST_CASE("printable: C0 controls, CR, LF, TAB, ESC and DEL are shown as \\xNN") {
  CHECK(printable("\r\x1b[2K") == "\\x0D\\x1B[2K");
  CHECK(printable("a\nb\tc\x7f\x01") == "a\\x0Ab\\x09c\\x7F\\x01");
}

TEST_CASE("printable: C1 controls (U+0080-U+009F, the 8-bit CSI among them) are escaped byte by byte") {
  CHECK(printable("\xc2\x9b" "2K") == "\\xC2\\x9B2K");
  CHECK(printable("\xc2\xa0") == "\xc2\xa0");  // U+00A0 is not a control
}

TEST_CASE("printable: invalid UTF-8 is escaped byte by byte, never passed on") {
  CHECK(printable("a\xff") == "a\\xFF");
  CHECK(printable("\xc0\xaf") == "\\xC0\\xAF");          // overlong '/'
  CHECK(printable("\xed\xa0\x80") == "\\xED\\xA0\\x80");  // surrogate
  CHECK(printable("\xe7\x8e") == "\\xE7\\x8E");          // truncated 王
}

TEST_CASE("printable: kept controls pass raw, the others are still escaped") {
  CHECK(printable("a\r\nb\x1b", "\r\n") == "a\r\nb\\x1B");
}

// ---- table ---------------------------------------------------------------------------------

TEST_CASE("table: a cell holding CR, ESC and a line break stays on its row, shown escaped") {
  const Table t{"log", "", {{"user", "User"}, {"purpose", "Purpose"}},
                {{"wang", "real\r\x1b[2Kfake\nlin  innocent"}, {"lin", "ok"}}};
  const std::string text = rendered(Document{{t}}, Format::table);
  CHECK(text ==
        "User  Purpose\n"
        "----  ------------------------------------\n"
        "wang  real\\x0D\\x1B[2Kfake\\x0Alin  innocent\n"
        "lin   ok\n");
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\r') == std::string::npos);
}

TEST_CASE("table: titles, labels and record values are escaped too") {
  const Record r{"r", "T\x1b]0;x\x07", {{"k", "L\r", "v\x9b"}}};
  const std::string text = rendered(Document{{r}}, Format::table);
  CHECK(text == "T\\x1B]0;x\\x07\nL\\x0D: v\\x9B\n");
}

TEST_CASE("table: columns line up by display width with Chinese names") {
  const std::string text = rendered(Document{{roster}}, Format::table);
  CHECK(text ==
        "Roster\n"
        "Name    Office\n"
        "------  ------\n"
        "王小明  A01\n"
        "Alice   B02\n");

  const auto lines = lines_of(text);
  REQUIRE(lines.size() == 5);
  const std::size_t offsets[] = {lines[1].find("Office"), lines[2].rfind("------"),
                                 lines[3].find("A01"), lines[4].find("B02")};
  CHECK(offsets[2] != offsets[3]);  // 王小明 is 9 bytes, Alice 5
  for (std::size_t line = 0; line < 4; ++line)
    CHECK(display_width(std::string_view(lines[line + 1]).substr(0, offsets[line])) == 8);
}

std::string rendered_within(const Document& doc, int line_width) {
  std::ostringstream out;
  render(out, doc, Format::table, line_width);
  return out.str();
}

const Table entries{"entries",
                    "",
                    {{"id", "ID"}, {"user", "User"}, {"purpose", "Purpose"}, {"case", "Case"}},
                    {{1, "wang", "辦理歸化國籍案件查核並核對入出境日期", "彰員戶115字第1024號"},
                     {12, "lin", "short", "A-1"}}};

TEST_CASE("table: without a line width nothing is cut") {
  CHECK(rendered(Document{{entries}}, Format::table) == rendered_within(Document{{entries}}, 0));
  CHECK(rendered(Document{{entries}}, Format::table).find("…") == std::string::npos);
}

TEST_CASE("table: within a line width the widest text column is cut with … and every line fits") {
  const std::string text = rendered_within(Document{{entries}}, 60);
  for (const auto& line : lines_of(text)) CHECK(display_width(line) <= 60);
  CHECK(text.find("辦理歸化國籍") != std::string::npos);
  CHECK(text.find("…") != std::string::npos);
  CHECK(text.find("彰員戶115字第1024號") != std::string::npos);  // the narrower column stays whole
  CHECK(text.find("short") != std::string::npos);
}

TEST_CASE("table: the columns stay aligned after a cut") {
  const auto lines = lines_of(rendered_within(Document{{entries}}, 60));
  REQUIRE(lines.size() == 4);
  const auto column_of = [](const std::string& line, std::string_view text) {
    return display_width(std::string_view(line).substr(0, line.find(text)));
  };
  CHECK(column_of(lines[0], "Case") == column_of(lines[2], "彰員戶"));
  CHECK(column_of(lines[0], "Case") == column_of(lines[3], "A-1"));
}

TEST_CASE("table: numbers are never cut, nor a text column below its heading or ten columns") {
  const auto lines = lines_of(rendered_within(Document{{entries}}, 10));
  REQUIRE(lines.size() == 4);
  CHECK(lines[3].starts_with("12  lin"));
  CHECK(lines[0].find("Purpose") != std::string::npos);
  CHECK(lines[2].find("辦理歸化…") != std::string::npos);  // ten columns: four characters and …
}

TEST_CASE("table: logins, times and ids are never cut, only columns of words") {
  const Table times{"t",
                    "",
                    {{"login", "Login"}, {"at", "At"}, {"purpose", "Purpose"}},
                    {{"wang", "2026-11-03T09:00:00+08:00", "辦理歸化國籍案件查核並核對入出境日期"}}};
  const auto lines = lines_of(rendered_within(Document{{times}}, 30));
  REQUIRE(lines.size() == 3);
  CHECK(lines[2] == "wang   2026-11-03T09:00:00+08:00  辦理歸化…");
}

TEST_CASE("table: a line width does not touch a table that fits, nor records") {
  CHECK(rendered_within(Document{{roster}}, 200) == rendered(Document{{roster}}, Format::table));
  const Record r{"r", "", {{"purpose", "Purpose", std::string(300, 'x')}}};
  CHECK(rendered_within(Document{{r}}, 40) == rendered(Document{{r}}, Format::table));
}

TEST_CASE("table: integers are right-aligned, other cells left-aligned") {
  const Table counts{"counts", "", {{"name", "Name"}, {"count", "Count"}}, {{"王小明", 7}, {"Alice", 1234}}};
  CHECK(rendered(Document{{counts}}, Format::table) ==
        "Name    Count\n"
        "------  -----\n"
        "王小明      7\n"
        "Alice    1234\n");
}

TEST_CASE("table: null prints as -, bool as yes/no, no trailing spaces") {
  const Table t{"t", "", {{"sealed", "Sealed"}, {"note", "Note"}}, {{true, Cell{}}, {false, "x"}}};
  CHECK(rendered(Document{{t}}, Format::table) ==
        "Sealed  Note\n"
        "------  ----\n"
        "yes     -\n"
        "no      x\n");
}

TEST_CASE("table: an empty table prints its header and (none)") {
  const Table empty{"roster", "Roster", {{"name", "Name"}, {"office", "Office"}}, {}};
  CHECK(rendered(Document{{empty}}, Format::table) ==
        "Roster\n"
        "Name  Office\n"
        "----  ------\n"
        "(none)\n");
}

TEST_CASE("table: a record prints label: value lines with labels padded by display width") {
  const Record summary{"summary", "Summary", {{"office", "戶政事務所", "Da'an"}, {"open", "Open", true}, {"count", "Count", 3}}};
  CHECK(rendered(Document{{summary}}, Format::table) ==
        "Summary\n"
        "戶政事務所: Da'an\n"
        "Open:       yes\n"
        "Count:      3\n");
}

TEST_CASE("table: parts are separated by one blank line") {
  const Record summary{"summary", "", {{"count", "Count", 2}}};
  CHECK(rendered(Document{{summary, roster}}, Format::table) ==
        "Count: 2\n"
        "\n"
        "Roster\n"
        "Name    Office\n"
        "------  ------\n"
        "王小明  A01\n"
        "Alice   B02\n");
}

// ---- json ----------------------------------------------------------------------------------

TEST_CASE("json: a single table is an array of objects with keys in column order") {
  const Table t{"roster",
                "Roster",
                {{"name", "姓名"}, {"count", "Count"}, {"sealed", "Sealed"}, {"note", "Note"}},
                {{"Alice", 7, true, Cell{}}, {"Bob", -3, false, "x"}}};
  CHECK(rendered(Document{{t}}, Format::json) ==
        "[\n"
        "  {\n"
        "    \"name\": \"Alice\",\n"
        "    \"count\": 7,\n"
        "    \"sealed\": true,\n"
        "    \"note\": null\n"
        "  },\n"
        "  {\n"
        "    \"name\": \"Bob\",\n"
        "    \"count\": -3,\n"
        "    \"sealed\": false,\n"
        "    \"note\": \"x\"\n"
        "  }\n"
        "]\n");
}

TEST_CASE("json: an empty table is an empty array") {
  const Table empty{"roster", "Roster", {{"name", "Name"}}, {}};
  CHECK(rendered(Document{{empty}}, Format::json) == "[]\n");
}

TEST_CASE("json: a single record is an object") {
  const Record summary{"summary", "Summary", {{"open", "Open", true}, {"count", "Count", 3}}};
  CHECK(rendered(Document{{summary}}, Format::json) ==
        "{\n"
        "  \"open\": true,\n"
        "  \"count\": 3\n"
        "}\n");
}

TEST_CASE("json: several parts are one object keyed by part key") {
  const Record summary{"summary", "", {{"count", "Count", 1}}};
  const Table t{"roster", "", {{"name", "Name"}}, {{"Alice"}}};
  CHECK(rendered(Document{{summary, t}}, Format::json) ==
        "{\n"
        "  \"summary\": {\n"
        "    \"count\": 1\n"
        "  },\n"
        "  \"roster\": [\n"
        "    {\n"
        "      \"name\": \"Alice\"\n"
        "    }\n"
        "  ]\n"
        "}\n");
}

TEST_CASE("json: Chinese text is written as UTF-8, not \\u escapes") {
  const Record r{"person", "", {{"name", "Name", "王小明"}}};
  CHECK(rendered(Document{{r}}, Format::json) ==
        "{\n"
        "  \"name\": \"王小明\"\n"
        "}\n");
}

TEST_CASE("json: invalid UTF-8 is replaced by U+FFFD instead of throwing") {
  const Record r{"person", "", {{"name", "Name", "a\xff" "b"}}};
  std::string text;
  CHECK_NOTHROW(text = rendered(Document{{r}}, Format::json));
  CHECK(text ==
        "{\n"
        "  \"name\": \"a\xEF\xBF\xBD" "b\"\n"
        "}\n");
}

// ---- csv -----------------------------------------------------------------------------------

TEST_CASE("csv: header is the column keys and lines end in CRLF") {
  CHECK(rendered(Document{{roster}}, Format::csv) ==
        "name,office\r\n"
        "王小明,A01\r\n"
        "Alice,B02\r\n");
}

TEST_CASE("csv: fields with comma, quote or newline are quoted, quotes doubled") {
  const Table t{"t", "", {{"a", "A"}, {"b", "B"}, {"c", "C"}}, {{"Lee, Ann", "say \"hi\"", "line1\nline2"}}};
  CHECK(rendered(Document{{t}}, Format::csv) ==
        "a,b,c\r\n"
        "\"Lee, Ann\",\"say \"\"hi\"\"\",\"line1\nline2\"\r\n");
}

TEST_CASE("csv: null is an empty field, bool is true/false") {
  const Table t{"t", "", {{"a", "A"}, {"b", "B"}, {"c", "C"}}, {{Cell{}, true, false}}};
  CHECK(rendered(Document{{t}}, Format::csv) ==
        "a,b,c\r\n"
        ",true,false\r\n");
}

TEST_CASE("csv: a string that a spreadsheet would run as a formula gets a leading quote") {
  const Table t{"t", "", {{"note", "Note"}, {"count", "Count"}}, {{"=cmd|' /C calc'!A0", -3}}};
  CHECK(rendered(Document{{t}}, Format::csv) ==
        "note,count\r\n"
        "'=cmd|' /C calc'!A0,-3\r\n");
}

TEST_CASE("csv: every formula lead character is neutralised in strings, integers never") {
  const Table t{"t", "", {{"a", "A"}, {"b", "B"}, {"c", "C"}, {"d", "D"}, {"e", "E"}, {"f", "F"}},
                {{"+1", "-3", "@SUM(A1)", "\tx", "\rx", -3}}};
  CHECK(rendered(Document{{t}}, Format::csv) ==
        "a,b,c,d,e,f\r\n"
        "'+1,'-3,'@SUM(A1),'\tx,\"'\rx\",-3\r\n");
}

TEST_CASE("csv: a record is two columns key,value") {
  const Record r{"summary", "Summary", {{"office", "戶政事務所", "大安"}, {"count", "Count", 3}}};
  CHECK(rendered(Document{{r}}, Format::csv) ==
        "key,value\r\n"
        "office,大安\r\n"
        "count,3\r\n");
}

TEST_CASE("csv: several parts are blocks separated by an empty line") {
  const Record r{"summary", "", {{"count", "Count", 2}}};
  CHECK(rendered(Document{{r, roster}}, Format::csv) ==
        "key,value\r\n"
        "count,2\r\n"
        "\r\n"
        "name,office\r\n"
        "王小明,A01\r\n"
        "Alice,B02\r\n");
}

TEST_CASE("csv: invalid UTF-8 is shown as \\xNN, as in a table") {
  const Table t{"t", "", {{"a", "A"}}, {{"a\xff" "b"}}};
  CHECK(rendered(Document{{t}}, Format::csv) == "a\r\na\\xFFb\r\n");
}

TEST_CASE("csv: line breaks stay inside quotes, but ESC and C1 controls are escaped") {
  const Table t{"t", "", {{"purpose", "Purpose"}}, {{"\r\x1b[2Kfake\nrow\xc2\x9b"}}};
  CHECK(rendered(Document{{t}}, Format::csv) == "purpose\r\n\"'\r\\x1B[2Kfake\nrow\\xC2\\x9B\"\r\n");
}

// ---- parse_format --------------------------------------------------------------------------

TEST_CASE("parse_format accepts table, json and csv") {
  CHECK(parse_format("table") == Format::table);
  CHECK(parse_format("json") == Format::json);
  CHECK(parse_format("csv") == Format::csv);
}

TEST_CASE("parse_format rejects anything else with a UsageError naming the accepted values") {
  CHECK_THROWS_WITH_AS(parse_format("xml"), "unknown format 'xml'; expected table, json or csv", UsageError);
  CHECK_THROWS_AS(parse_format("JSON"), UsageError);
}
