#include "imcomply/forms.hpp"

#include <doctest/doctest.h>

#include "golden.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "imcomply/error.hpp"
#include "imcomply/render.hpp"

using namespace imcomply;

namespace {

std::string rendered(const UsageSheet& sheet, FormFormat format) {
  std::ostringstream out;
  render_usage_sheet(out, sheet, format);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> pages_of(const std::string& text) {
  std::vector<std::string> pages;
  std::size_t start = 0;
  for (auto at = text.find('\f'); at != std::string::npos; start = at + 1, at = text.find('\f', start))
    pages.push_back(text.substr(start, at - start));
  pages.push_back(text.substr(start));
  return pages;
}

std::size_t count_of(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

UsageEntry entry(std::string name, std::string login_at, std::optional<std::string> logout_at,
                 std::string purpose, std::string login = "user") {
  UsageEntry e;
  e.login = std::move(login);
  e.name = std::move(name);
  e.item = Item::foreigner;
  e.purpose = std::move(purpose);
  e.login_at = parse_time(login_at);
  if (logout_at) e.logout_at = parse_time(*logout_at);
  return e;
}

UsageSheet sheet_of(std::vector<UsageEntry> entries, std::string office = "彰化") {
  UsageSheet sheet;
  sheet.office_name = std::move(office);
  sheet.month = Month{2026, 11};
  sheet.entries = std::move(entries);
  return sheet;
}

UsageSheet sheet_with(int count) {
  std::vector<UsageEntry> entries;
  for (int i = 0; i < count; ++i) {
    const int day = 1 + i % 28, hour = 8 + i / 28;
    const auto two = [](int n) { return (n < 10 ? "0" : "") + std::to_string(n); };
    const std::string at = "2026-11-" + two(day) + "T" + two(hour) + ":";
    entries.push_back(entry("王小明", at + "00", at + "10", "查詢 " + std::to_string(i + 1)));
  }
  return sheet_of(std::move(entries));
}

// The fixed sheet of the golden files: 25 entries, two sign-offs, a checkpoint.
UsageSheet golden_sheet() {
  struct Row {
    const char* login;
    const char* name;
    const char* in;
    const char* out;  // nullptr: still open
    const char* purpose;
  };
  const Row rows[] = {
      {"wang", "王小明", "2026-11-02T08:41", "2026-11-02T08:49", "辦理外籍配偶歸化國籍案件查核"},
      {"lin", "林美麗", "2026-11-02T10:05", "2026-11-02T10:11", "外籍配偶初設戶籍登記，查核居留資料"},
      {"kao", "高志明", "2026-11-03T09:12", "2026-11-03T09:20", "大陸地區人民申請定居設籍查核"},
      {"alice", "Alice Lin", "2026-11-03T14:30", "2026-11-03T14:36", "遷入登記查核入出境紀錄"},
      {"wang", "王小明", "2026-11-04T08:15", "2026-11-04T08:22", "辦理外籍配偶歸化國籍案件查核"},
      {"lin", "林美麗", "2026-11-05T11:02", "2026-11-05T11:09",
       "依戶籍法第十六條辦理遷出國外登記，查核當事人最近二年入出境紀錄，確認出境滿二年"},
      {"kao", "高志明", "2026-11-06T15:40", "2026-11-06T15:47", "港澳居民申請臺灣地區居留查核"},
      {"wang", "王小明", "2026-11-09T09:03", "2026-11-09T09:08", "死亡登記，查核是否在國內"},
      {"alice", "Alice Lin", "2026-11-09T13:20", "2026-11-09T13:31",
       "Verify foreign spouse residence permit for household registration"},
      {"lin", "林美麗", "2026-11-10T10:45", "2026-11-10T10:50", "外籍人士居停留資訊查核（收養認可）"},
      {"kao", "高志明", "2026-11-11T08:30", "2026-11-11T08:38", "初設戶籍登記，查核入出境資訊"},
      {"wang", "王小明", "2026-11-12T16:02", "2026-11-12T16:09", "辦理外籍配偶歸化國籍案件查核"},
      {"lin", "林美麗", "2026-11-13T09:55", "2026-11-13T10:03", "大陸配偶定居設籍, 查核入出境紀錄"},
      {"alice", "Alice Lin", "2026-11-16T11:11", "2026-11-16T11:15", "結婚登記查核外籍人士居留資料"},
      {"kao", "高志明", "2026-11-17T14:05", "2026-11-17T14:12", "出生登記，查核生母入境日期"},
      {"wang", "王小明", "2026-11-18T08:50", "2026-11-18T08:58", "遷出國外登記查核"},
      {"lin", "林美麗", "2026-11-19T10:20", "2026-11-19T10:26", "辦理外籍配偶歸化國籍案件查核"},
      {"kao", "高志明", "2026-11-20T15:15", "2026-11-20T15:22", "恢復戶籍登記，查核入出境紀錄"},
      {"alice", "Alice Lin", "2026-11-23T09:40", "2026-11-23T09:44", "大陸地區人民來臺資訊查核"},
      {"wang", "王小明", "2026-11-24T13:05", "2026-11-24T13:12", "更正出生地登記查核"},
      {"lin", "林美麗", "2026-11-25T08:35", "2026-11-25T08:41", "辦理外籍配偶歸化國籍案件查核"},
      {"kao", "高志明", "2026-11-26T11:50", "2026-11-26T11:57", "依法院函查，查核當事人入出境紀錄"},
      {"wang", "王小明", "2026-11-27T10:10", "2026-11-27T10:14", "戶籍謄本申請，查核外籍人士居停留資訊"},
      {"alice", "Alice Lin", "2026-11-30T14:00", "2026-11-30T14:06", "遷入登記查核入出境紀錄"},
      {"lin", "林美麗", "2026-11-30T16:45", nullptr, "外籍配偶居留資料查核"},
  };
  std::vector<UsageEntry> entries;
  for (const auto& row : rows) {
    auto e = entry(row.name, row.in, row.out ? std::optional<std::string>(row.out) : std::nullopt, row.purpose,
                   row.login);
    e.id = static_cast<std::int64_t>(entries.size()) + 1;
    entries.push_back(std::move(e));
  }
  UsageSheet sheet = sheet_of(std::move(entries));
  sheet.signoffs = {{SheetRole::officer, "lin", "林美麗", parse_time("2026-12-01T09:30")},
                    {SheetRole::secretary, "chen", "陳秘書", parse_time("2026-12-02T10:00")}};
  sheet.checkpoint = "42:ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12";
  return sheet;
}

using test::check_golden;

const std::string one_entry_text = rendered(
    sheet_of({entry("王小明", "2026-11-03T09:12", "2026-11-03T09:20", "辦理外籍配偶歸化國籍案件查核")}),
    FormFormat::text);

}  // namespace

// ---- formats -------------------------------------------------------------------------------

TEST_CASE("form formats are text, csv and html") {
  CHECK(parse_form_format("text") == FormFormat::text);
  CHECK(parse_form_format("csv") == FormFormat::csv);
  CHECK(parse_form_format("html") == FormFormat::html);
}

TEST_CASE("an unknown form format is a usage error naming the accepted ones") {
  try {
    parse_form_format("table");
    FAIL("no error");
  } catch (const UsageError& e) {
    const std::string what = e.what();
    CHECK(what.find("text") != std::string::npos);
    CHECK(what.find("csv") != std::string::npos);
    CHECK(what.find("html") != std::string::npos);
  }
}

// ---- header --------------------------------------------------------------------------------

TEST_CASE("the title fills the blank of 彰化縣＿＿戶政事務所 with the office name") {
  const std::string title = "彰化縣彰化戶政事務所應用移民資訊資料日誌表";
  for (const char* office : {"彰化", "彰化戶政事務所", "彰化縣彰化戶政事務所", "彰化縣彰化"}) {
    CAPTURE(office);
    CHECK(rendered(sheet_of({}, office), FormFormat::text).find(title) != std::string::npos);
    CHECK(rendered(sheet_of({}, office), FormFormat::html).find("<h1>" + title + "</h1>") != std::string::npos);
  }
}

TEST_CASE("an empty office name leaves the blank of the title") {
  CHECK(rendered(sheet_of({}, ""), FormFormat::text).find("彰化縣＿＿＿＿戶政事務所應用移民資訊資料日誌表") !=
        std::string::npos);
}

TEST_CASE("the month is printed in ROC years with the page number") {
  const auto lines = lines_of(one_entry_text);
  REQUIRE(lines.size() > 1);
  CHECK(lines[1].starts_with("中華民國115年11月"));
  CHECK(lines[1].ends_with("第 1 頁／共 1 頁"));
}

TEST_CASE("the columns are 編號, 使用者, 登入時間, 退出時間, 資料查詢用途") {
  const std::string header = "編號  使用者  ";
  CHECK(one_entry_text.find(header) != std::string::npos);
  for (const char* column : {"登入時間", "退出時間", "資料查詢用途"}) CHECK(one_entry_text.find(column) != std::string::npos);
  const std::string html = rendered(sheet_of({}), FormFormat::html);
  CHECK(html.find("<th>編號</th><th>使用者</th><th>登入時間</th><th>退出時間</th><th>資料查詢用途</th>") !=
        std::string::npos);
}

// ---- rows ----------------------------------------------------------------------------------

TEST_CASE("times are ROC dates with the clock in Taiwan time") {
  const std::string text = rendered(
      sheet_of({entry("王小明", "2026-11-02T16:30:00Z", "2026-11-02T16:45:00Z", "查核")}), FormFormat::text);
  CHECK(text.find("115年11月3日 00:30") != std::string::npos);
  CHECK(text.find("115年11月3日 00:45") != std::string::npos);
}

TEST_CASE("an entry still open shows （未登出） as its logout time") {
  const auto sheet = sheet_of({entry("王小明", "2026-11-03T09:12", std::nullopt, "查核")});
  CHECK(rendered(sheet, FormFormat::text).find("115年11月3日 09:12  （未登出）") != std::string::npos);
  CHECK(rendered(sheet, FormFormat::csv).find(",（未登出）,") != std::string::npos);
}

TEST_CASE("the user column shows the name, and the login in parentheses only without a name") {
  const auto sheet = sheet_of({entry("林美麗", "2026-11-03T09:12", std::nullopt, "查核", "lin"),
                               entry("", "2026-11-03T10:00", std::nullopt, "查核", "kao")});
  const std::string text = rendered(sheet, FormFormat::text);
  CHECK(text.find("林美麗") != std::string::npos);
  CHECK(text.find("（lin）") == std::string::npos);
  CHECK(text.find("（kao）") != std::string::npos);
}

TEST_CASE("a page has exactly 20 numbered rows, empty ones included") {
  const auto lines = lines_of(one_entry_text);
  for (int n = 1; n <= 20; ++n) {
    const std::string number = (n < 10 ? "   " : "  ") + std::to_string(n);
    CHECK(std::count_if(lines.begin(), lines.end(), [&](const std::string& l) {
            return l == number || l.starts_with(number + "  ");
          }) == 1);
  }
  CHECK(std::none_of(lines.begin(), lines.end(), [](const std::string& l) { return l.starts_with("  21"); }));
}

TEST_CASE("no entries give one page of 20 empty rows") {
  const std::string text = rendered(sheet_of({}), FormFormat::text);
  CHECK(pages_of(text).size() == 1);
  CHECK(text.find("第 1 頁／共 1 頁") != std::string::npos);
  const auto lines = lines_of(text);
  CHECK(std::find(lines.begin(), lines.end(), "   1") != lines.end());
  CHECK(std::find(lines.begin(), lines.end(), "  20") != lines.end());
  const std::string html = rendered(sheet_of({}), FormFormat::html);
  CHECK(count_of(html, "<tr><td class=\"number\">") == 20);
}

TEST_CASE("25 entries take 2 pages, the second padded to 20 rows") {
  const std::string text = rendered(sheet_with(25), FormFormat::text);
  const auto pages = pages_of(text);
  REQUIRE(pages.size() == 2);
  CHECK(pages[0].find("第 1 頁／共 2 頁") != std::string::npos);
  CHECK(pages[1].find("第 2 頁／共 2 頁") != std::string::npos);
  const auto second = lines_of(pages[1]);
  CHECK(std::find(second.begin(), second.end(), "  20") != second.end());  // a padding row
  const std::string html = rendered(sheet_with(25), FormFormat::html);
  CHECK(count_of(html, "<tr><td class=\"number\">") == 40);
}

TEST_CASE("exactly 20 entries fill one page") {
  CHECK(pages_of(rendered(sheet_with(20), FormFormat::text)).size() == 1);
  CHECK(pages_of(rendered(sheet_with(21), FormFormat::text)).size() == 2);
}

TEST_CASE("numbering restarts at 1 on page 2") {
  const auto second = lines_of(pages_of(rendered(sheet_with(25), FormFormat::text))[1]);
  const auto row = std::find_if(second.begin(), second.end(), [](const std::string& l) { return l.starts_with("   1  "); });
  REQUIRE(row != second.end());
  CHECK(row->find("查詢 21") != std::string::npos);  // the 21st entry is row 1 of page 2
}

// ---- foot ----------------------------------------------------------------------------------

TEST_CASE("unsigned sheets show the three blank sign-off lines on every page") {
  const std::string text = rendered(sheet_with(25), FormFormat::text);
  CHECK(count_of(text, "承辦人員：＿＿＿＿　　秘書：＿＿＿＿　　主任：＿＿＿＿") == 2);
}

TEST_CASE("recorded sign-offs appear with the signer's name and ROC date") {
  UsageSheet sheet = sheet_of({});
  sheet.signoffs = {{SheetRole::officer, "lin", "林美麗", parse_time("2026-12-01T09:30")},
                    {SheetRole::director, "chu", "朱主任", parse_time("2026-12-03T23:30:00Z")}};
  const std::string line = "承辦人員：林美麗 115年12月1日　　秘書：＿＿＿＿　　主任：朱主任 115年12月4日";
  CHECK(rendered(sheet, FormFormat::text).find(line) != std::string::npos);
  const std::string html = rendered(sheet, FormFormat::html);
  CHECK(html.find("承辦人員：林美麗 115年12月1日") != std::string::npos);
  CHECK(html.find("秘書：＿＿＿＿") != std::string::npos);
}

TEST_CASE("the journal checkpoint is in the footer, or （無） without one") {
  UsageSheet sheet = sheet_with(25);
  CHECK(count_of(rendered(sheet, FormFormat::text), "日誌檢查點：（無）") == 2);
  sheet.checkpoint = "42:ab12";
  const std::string text = rendered(sheet, FormFormat::text);
  CHECK(count_of(text, "日誌檢查點：42:ab12") == 2);
  CHECK(lines_of(pages_of(text)[1]).back() == "日誌檢查點：42:ab12");
  CHECK(rendered(sheet, FormFormat::html).find("日誌檢查點：42:ab12") != std::string::npos);
}

// ---- text ----------------------------------------------------------------------------------

TEST_CASE("text: every data line's 登入時間 starts at the same display column") {
  const auto sheet = sheet_of({entry("王小明", "2026-11-03T09:12", "2026-11-03T09:20", "查核"),
                               entry("Alice Lin", "2026-11-03T10:00", "2026-11-03T10:05", "查核"),
                               entry("", "2026-11-03T11:00", std::nullopt, "查核", "kao"),
                               entry("歐陽美麗", "2026-11-30T12:00", "2026-11-30T12:05", "查核")});
  const auto lines = lines_of(rendered(sheet, FormFormat::text));
  std::vector<int> starts;
  for (const auto& line : lines) {
    const auto at = line.find("115年");
    if (at != std::string::npos && !line.starts_with("中華民國")) starts.push_back(display_width(line.substr(0, at)));
  }
  REQUIRE(starts.size() == 4);
  for (int start : starts) CHECK(start == starts.front());
  const auto header = std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return l.starts_with("編號"); });
  REQUIRE(header != lines.end());
  CHECK(display_width(header->substr(0, header->find("登入時間"))) == starts.front());
}

TEST_CASE("text: a long purpose wraps at 30 display columns onto continuation lines") {
  const std::string purpose = "依戶籍法第十六條辦理遷出國外登記，查核當事人最近二年入出境紀錄，確認出境滿二年";
  const auto lines = lines_of(rendered(sheet_of({entry("王小明", "2026-11-03T09:12", "2026-11-03T09:20", purpose)}),
                                       FormFormat::text));
  const auto first = std::find_if(lines.begin(), lines.end(), [](const std::string& l) { return l.starts_with("   1  "); });
  REQUIRE(first != lines.end());
  const auto start = first->find("依戶籍法");
  REQUIRE(start != std::string::npos);
  const int column = display_width(first->substr(0, start));
  std::string joined = first->substr(start);
  CHECK(display_width(joined) <= 30);
  auto next = first + 1;
  for (; next != lines.end() && next->starts_with(std::string(static_cast<std::size_t>(column), ' ')); ++next) {
    const std::string piece = next->substr(static_cast<std::size_t>(column));
    CHECK(display_width(piece) <= 30);
    joined += piece;
  }
  CHECK(joined == purpose);
  CHECK(next - first > 1);
  REQUIRE(next != lines.end());
  CHECK(next->starts_with("   2"));  // a wrapped row is still one numbered row
}

TEST_CASE("text: a long Latin purpose wraps between words") {
  const std::string purpose = "Verify foreign spouse residence permit for household registration";
  const std::string text =
      rendered(sheet_of({entry("Alice Lin", "2026-11-03T09:12", "2026-11-03T09:20", purpose)}), FormFormat::text);
  CHECK(text.find("Verify foreign spouse\n") != std::string::npos);
  CHECK(text.find(" residence permit for household\n") != std::string::npos);
  CHECK(text.find(" registration\n") != std::string::npos);
}

TEST_CASE("text: a wrapped line never starts with closing punctuation") {
  // 15 characters fill the 30 columns; the 16th, "，", takes "錄" along to the next line.
  const std::string purpose = "一二三四五六七八九十一二三四紀錄，確認出境";
  const std::string text =
      rendered(sheet_of({entry("王小明", "2026-11-03T09:12", "2026-11-03T09:20", purpose)}), FormFormat::text);
  CHECK(text.find("一二三四五六七八九十一二三四紀\n") != std::string::npos);
  CHECK(text.find(" 錄，確認出境\n") != std::string::npos);
}

TEST_CASE("text: control characters in a purpose cannot break the layout or drive the terminal") {
  const std::string text = rendered(
      sheet_of({entry("王小明", "2026-11-03T09:12", "2026-11-03T09:20", "line one\nline two\x1b[31m")}),
      FormFormat::text);
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("line one\\x0Aline two\\x1B[31m") != std::string::npos);  // shown escaped, on one line
}

TEST_CASE("text: pages are separated by a form feed and no line has trailing spaces") {
  const std::string text = rendered(sheet_with(25), FormFormat::text);
  CHECK(count_of(text, "\f") == 1);
  CHECK(text.find(" \n") == std::string::npos);
  CHECK(text.back() == '\n');
}

// ---- csv -----------------------------------------------------------------------------------

TEST_CASE("csv: the exact header, then only the data rows, with CRLF") {
  const std::string csv = rendered(
      sheet_of({entry("王小明", "2026-11-03T09:12", "2026-11-03T09:20", "辦理外籍配偶歸化國籍案件查核")}),
      FormFormat::csv);
  CHECK(csv ==
        "頁,編號,使用者,登入時間,退出時間,資料查詢用途\r\n"
        "1,1,王小明,115年11月3日 09:12,115年11月3日 09:20,辦理外籍配偶歸化國籍案件查核\r\n");
}

TEST_CASE("csv: no entries give the header alone") {
  CHECK(rendered(sheet_of({}), FormFormat::csv) == "頁,編號,使用者,登入時間,退出時間,資料查詢用途\r\n");
}

TEST_CASE("csv: rows carry their page and restart numbering on page 2") {
  const auto lines = lines_of(rendered(sheet_with(25), FormFormat::csv));
  REQUIRE(lines.size() == 26);
  CHECK(lines[20].starts_with("1,20,"));
  CHECK(lines[21].starts_with("2,1,"));
  CHECK(lines[25].starts_with("2,5,"));
}

TEST_CASE("csv: a formula-like purpose is neutralised and a comma is quoted") {
  const std::string csv =
      rendered(sheet_of({entry("王小明", "2026-11-03T09:12", "2026-11-03T09:20", "=cmd"),
                         entry("林美麗", "2026-11-03T10:00", "2026-11-03T10:05", "遷入登記，查核, 入出境")}),
               FormFormat::csv);
  CHECK(csv.find(",'=cmd\r\n") != std::string::npos);
  CHECK(csv.find(",\"遷入登記，查核, 入出境\"\r\n") != std::string::npos);
}

// ---- html ----------------------------------------------------------------------------------

TEST_CASE("html: a self-contained printable A4 page") {
  const std::string html = rendered(sheet_of({}), FormFormat::html);
  CHECK(html.starts_with("<!DOCTYPE html>\n"));
  CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(html.find("@page { size: A4; margin: 15mm }") != std::string::npos);
  CHECK(html.find("\"Noto Sans CJK TC\", \"Noto Serif CJK TC\", \"AR PL UMing TW\", serif") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("http") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
}

TEST_CASE("html: a page break between pages, not after the last") {
  CHECK(count_of(rendered(sheet_with(25), FormFormat::html), "class=\"sheet break\"") == 1);
  CHECK(count_of(rendered(sheet_with(45), FormFormat::html), "class=\"sheet break\"") == 2);
  CHECK(count_of(rendered(sheet_with(5), FormFormat::html), "class=\"sheet break\"") == 0);
}

TEST_CASE("html: every text is escaped") {
  UsageSheet sheet = sheet_of({entry("A&B \"Q\"", "2026-11-03T09:12", std::nullopt, "<script>alert('x')</script>")},
                              "<b>");
  const std::string html = rendered(sheet, FormFormat::html);
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
  CHECK(html.find("A&amp;B &quot;Q&quot;") != std::string::npos);
  CHECK(html.find("彰化縣&lt;b&gt;戶政事務所") != std::string::npos);
}

// ---- golden files --------------------------------------------------------------------------

TEST_CASE("golden: Annex 1 of 25 entries as text") {
  check_golden("annex1-25.txt", rendered(golden_sheet(), FormFormat::text));
}

TEST_CASE("golden: Annex 1 of 25 entries as csv") {
  check_golden("annex1-25.csv", rendered(golden_sheet(), FormFormat::csv));
}

TEST_CASE("golden: Annex 1 of 25 entries as html") {
  check_golden("annex1-25.html", rendered(golden_sheet(), FormFormat::html));
}

TEST_CASE("the handover list (R3.1): header, period, three lists, signature lines, stored text made safe") {
  Handover h;
  h.login = "wang";
  h.login_name = "王小明";
  h.to = "lin";
  h.office_name = "彰化";
  h.on = Date{2026, 12, 1};
  h.from = Date{2026, 11, 1};
  h.until = Date{2026, 11, 30};
  h.entries.push_back(entry("王小明", "2026-11-03T09:12:00+08:00", std::nullopt, "查核<script>\x1b[31m"));
  ObtainedData pending;
  pending.id = 7;
  pending.entry_id = 1;
  pending.description = "列印資料";
  pending.destroy_by = Date{2026, 11, 3};
  pending.overdue = true;
  h.pending.push_back(pending);
  h.checkpoint = "12:abc";

  std::ostringstream text;
  render_handover(text, h, FormFormat::text);
  const std::string t = text.str();
  CHECK(t.find("彰化縣彰化戶政事務所查詢紀錄文件資料移交清冊") != std::string::npos);
  CHECK(t.find("移交期間：115年11月1日至115年11月30日") != std::string::npos);
  CHECK(t.find("移交人：王小明（wang）") != std::string::npos);
  CHECK(t.find("接收人：lin") != std::string::npos);  // no name on the roster: the login alone
  CHECK(t.find("（未登出）") != std::string::npos);
  CHECK(t.find("二、期間內查詢所得資料（0 筆）\n（無）") != std::string::npos);
  CHECK(t.find("待銷毀，期限115年11月3日（已逾期）") != std::string::npos);
  CHECK(t.find("移交人：＿＿＿＿　　接收人：＿＿＿＿　　監交人：＿＿＿＿") != std::string::npos);
  CHECK(t.find("日誌檢查點：12:abc") != std::string::npos);
  CHECK(t.find('\x1b') == std::string::npos);

  std::ostringstream html;
  render_handover(html, h, FormFormat::html);
  const std::string page = html.str();
  CHECK(page.find("<script>") == std::string::npos);
  CHECK(page.find("查核&lt;script&gt;") != std::string::npos);
  CHECK(page.find('\x1b') == std::string::npos);
  CHECK(count_of(page, "：＿＿＿＿</span>") == 3);
  CHECK(page.find("<div class=\"checkpoint\">日誌檢查點：12:abc</div>") != std::string::npos);

  std::ostringstream csv;
  CHECK_THROWS_AS(render_handover(csv, h, FormFormat::csv), UsageError);
}
