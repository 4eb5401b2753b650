// Annex 2 (應用移民資訊內部稽核紀錄表) and Annex 3 (應用移民資訊內部稽核辦理情形紀錄表) as printed.
#include <doctest/doctest.h>

#include "golden.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "imcomply/error.hpp"
#include "imcomply/forms.hpp"
#include "imcomply/render.hpp"

using namespace imcomply;

namespace {

constexpr std::string_view official_items[] = {
    "帳號申請是否依規定辦理。",
    "使用者職務異動，是否依規定終止帳號使用權限。",
    "定期稽核系統查詢資料使用範圍、使用頻率、及使用欄位是否均合於目的之必要性。",
    "處理個人資料之安全維護措施及資料安全管理作業。",
    "應用移民資料日誌保存年限至少五年",
    "每年至少辦理二次以上之不定期稽核作業。",
};

std::string rendered(const MonthlyAudit& audit, FormFormat format) {
  std::ostringstream out;
  render_monthly_audit(out, audit, format);
  return out.str();
}

std::string rendered(const Supervision& supervision, FormFormat format) {
  std::ostringstream out;
  render_supervision(out, supervision, format);
  return out.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool contains(const std::string& text, std::string_view what) { return text.find(what) != std::string::npos; }

// The first `width` display columns of a line (a text form's first column).
std::string first_columns(const std::string& line, int width) {
  std::size_t end = 0;
  while (end < line.size()) {
    std::size_t next = end + 1;
    while (next < line.size() && (static_cast<unsigned char>(line[next]) & 0xC0) == 0x80) ++next;
    if (display_width(line.substr(0, next)) > width) break;
    end = next;
  }
  return line.substr(0, end);
}

std::string without_spaces(std::string s) {
  std::erase(s, ' ');
  return s;
}

// The 稽核項目 column of the text form, its wrapped lines joined.
std::string item_column(const std::string& text) {
  std::string joined;
  for (const auto& line : lines_of(text)) joined += without_spaces(first_columns(line, 30));
  return joined;
}

AuditItem audit_item(int number, Verdict proposed, std::vector<std::string> evidence,
                     std::optional<Verdict> recorded = std::nullopt, std::optional<std::string> note = std::nullopt) {
  AuditItem item;
  item.number = number;
  item.title = std::string(official_items[number - 1]);
  item.proposed = proposed;
  item.evidence = std::move(evidence);
  item.recorded = recorded;
  item.note = std::move(note);
  return item;
}

MonthlyAudit audit_of(std::array<AuditItem, 4> items, std::string office = "彰化") {
  MonthlyAudit audit;
  audit.office_name = std::move(office);
  audit.month = Month{2026, 11};
  audit.items = std::move(items);
  return audit;
}

// Every item conforms by the records and nothing is recorded yet.
MonthlyAudit draft_audit(std::string office = "彰化") {
  return audit_of({audit_item(1, Verdict::conform, {"有效帳號 4 個，均經主任、民政處、移民署三級核准"}),
                   audit_item(2, Verdict::conform, {"本月無職務異動"}),
                   audit_item(3, Verdict::conform, {"查詢次數無離群情形"}),
                   audit_item(4, Verdict::conform, {"本月無個人資料外洩事件"})},
                  std::move(office));
}

SupervisionItem supervision_item(int number, bool yes, std::vector<std::string> evidence) {
  SupervisionItem item;
  item.number = number;
  item.title = std::string(official_items[number - 1]);
  item.yes = yes;
  item.evidence = std::move(evidence);
  return item;
}

Supervision supervision_of(std::string office = "彰化") {
  Supervision s;
  s.office_name = std::move(office);
  s.year = 2026;
  s.audit_date = Date{2026, 11, 29};
  s.items = {supervision_item(1, true, {"本年度帳號申請 3 件，均經主任、民政處、移民署三級核准"}),
             supervision_item(2, true, {"職務異動 5 件，均於六日內終止帳號使用權限"}),
             supervision_item(3, true, {"每月稽核紀錄表 1 至 10 月共 10 份，均已填寫並簽核"}),
             supervision_item(4, true, {"本年度無個人資料外洩事件", "未附卷資料均於查詢當日銷毀"}),
             supervision_item(5, true, {"最早之日誌為 110年1月4日，保存逾五年，期間內無銷毀紀錄"}),
             supervision_item(6, false, {"本年度不定期稽核 1 次，少於 2 次", "115年6月17日 辦理 1 次"})};
  s.checkpoint = "131:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0";
  return s;
}

// The fixed month of the golden files: one item recorded nonconform with a note, one recorded
// conform, two drafts; a usage summary with outliers; two sign-offs; a checkpoint.
MonthlyAudit golden_audit() {
  MonthlyAudit audit = audit_of(
      {audit_item(1, Verdict::conform,
                  {"有效帳號 4 個，均經主任、民政處、移民署三級核准",
                   "本月新申請 1 件（林美麗），115年11月5日 移民署核准"},
                  Verdict::conform),
       audit_item(2, Verdict::nonconform, {"職務異動 2 件：1 件於期限內終止，1 件逾期 3 日（高志明）"},
                  Verdict::nonconform,
                  "高志明 115年11月9日 調職，帳號於 115年11月18日 始終止，逾六日期限 3 日；已請系統管理人員改善"),
       audit_item(3, Verdict::nonconform,
                  {"王小明 11月 查詢 52 次，高於同仁中位數 12 次（離群）",
                   "非上班時間查詢 2 次（週六 1 次、21時 1 次）",
                   "系統查詢 88 筆，均有對應之日誌表紀錄"}),
       audit_item(4, Verdict::conform, {"本月未附卷資料 6 件，均於查詢當日銷毀", "無個人資料外洩事件"})});
  audit.by_user = {{"wang", "王小明", 52}, {"lin", "林美麗", 14}, {"kao", "高志明", 12}, {"alice", "Alice Lin", 10}};
  audit.by_item = {{"entry-exit", "入出境資訊", 41},
                   {"mainland", "大陸港澳及無戶籍人士申請來臺資訊", 19},
                   {"foreigner", "外籍人士居停留資訊", 28}};
  // Rows as analyse_queries labels them (the form prints those labels; a test once fed it "08"
  // and froze an 08時 the real program never printed).
  audit.by_hour = {{"08", "08:00", 15}, {"09", "09:00", 22}, {"10", "10:00", 18}, {"11", "11:00", 9},
                   {"13", "13:00", 7},  {"14", "14:00", 10}, {"15", "15:00", 5},  {"16", "16:00", 1},
                   {"21", "21:00", 1}};
  audit.by_weekday = {{"1 Mon", "週一", 20}, {"2 Tue", "週二", 17}, {"3 Wed", "週三", 19},
                      {"4 Thu", "週四", 16}, {"5 Fri", "週五", 15}, {"6 Sat", "週六", 1}};
  audit.outliers = {"王小明 11月 查詢 52 次，高於同仁中位數 12 次（離群）",
                    "王小明 115年11月21日（週六）10:14 查詢 1 次（非上班日）",
                    "林美麗 115年11月12日 21:03 查詢 1 次（非上班時間）"};
  audit.signoffs = {{AuditRole::auditor, "chang", "張志豪", parse_time("2026-12-01T10:00")},
                    {AuditRole::chief, "lee", "李淑芬", parse_time("2026-12-02T09:00")}};
  audit.checkpoint = "128:ab34cd56ef78ab34cd56ef78ab34cd56ef78ab34cd56ef78ab34cd56ef78ab34";
  return audit;
}

using test::check_golden;

}  // namespace

// ---- formats -------------------------------------------------------------------------------

TEST_CASE("Annexes 2 and 3 have no CSV form: a usage error pointing to json") {
  std::ostringstream out;
  CHECK_THROWS_AS(render_monthly_audit(out, draft_audit(), FormFormat::csv), UsageError);
  CHECK_THROWS_AS(render_supervision(out, supervision_of(), FormFormat::csv), UsageError);
  try {
    render_monthly_audit(out, draft_audit(), FormFormat::csv);
  } catch (const UsageError& e) {
    CHECK(contains(e.what(), "--format json"));
  }
  CHECK(out.str().empty());
}

// ---- Annex 2: header and items -------------------------------------------------------------

TEST_CASE("Annex 2: the title fills the blank of 彰化縣＿＿戶政事務所 and the month is in ROC years") {
  for (const char* office : {"彰化", "彰化縣彰化戶政事務所"}) {
    CAPTURE(office);
    const std::string text = rendered(draft_audit(office), FormFormat::text);
    CHECK(contains(text, "彰化縣彰化戶政事務所應用移民資訊內部稽核紀錄表\n"));
    CHECK(contains(text, "\n稽核月份：中華民國115年11月\n"));
    CHECK(contains(rendered(draft_audit(office), FormFormat::html),
                   "<h1>彰化縣彰化戶政事務所應用移民資訊內部稽核紀錄表</h1>"));
  }
}

TEST_CASE("Annex 2: the columns are 稽核項目, 稽核結果, 辦理情形說明") {
  CHECK(contains(rendered(draft_audit(), FormFormat::html),
                 "<th>稽核項目</th><th>稽核結果</th><th>辦理情形說明</th>"));
  const auto lines = lines_of(rendered(draft_audit(), FormFormat::text));
  CHECK(std::ranges::any_of(lines, [](const std::string& l) {
    return l.starts_with("稽核項目  ") && l.ends_with("辦理情形說明");
  }));
}

TEST_CASE("Annex 2: the four items carry the official wording, numbered 1 to 4") {
  const MonthlyAudit audit = golden_audit();
  const std::string html = rendered(audit, FormFormat::html);
  const std::string items = item_column(rendered(audit, FormFormat::text));
  for (int n = 1; n <= 4; ++n) {
    const std::string numbered = std::to_string(n) + ". " + std::string(official_items[n - 1]);
    CHECK(contains(html, "<td class=\"item\">" + numbered + "</td>"));
    CHECK(contains(items, without_spaces(numbered)));
  }
}

TEST_CASE("Annex 2: a recorded result wins over the proposed one") {
  MonthlyAudit audit = draft_audit();
  audit.items[1].proposed = Verdict::conform;
  audit.items[1].recorded = Verdict::nonconform;
  const std::string html = rendered(audit, FormFormat::html);
  CHECK(contains(html, "<td class=\"result\">☐符合 ☑不符</td>"));
  const auto lines = lines_of(rendered(audit, FormFormat::text));
  const auto row = std::ranges::find_if(lines, [](const std::string& l) { return l.starts_with("2. "); });
  REQUIRE(row != lines.end());
  CHECK(contains(*row, "☐符合 ☑不符 "));
  CHECK(!contains(*row, "（擬）"));
}

TEST_CASE("Annex 2: without a recorded result the proposed one shows, marked （擬） as a draft") {
  MonthlyAudit audit = draft_audit();
  audit.items[2].proposed = Verdict::nonconform;
  const std::string text = rendered(audit, FormFormat::text);
  CHECK(contains(text, "☐符合 ☑不符（擬）"));
  CHECK(contains(text, "☑符合 ☐不符（擬）"));
  CHECK(contains(text, "註：標示（擬）者為依紀錄擬議之結果"));
  CHECK(contains(rendered(audit, FormFormat::html), "☐符合 ☑不符<span class=\"draft\">（擬）</span>"));
}

TEST_CASE("Annex 2: once every result is recorded, nothing is marked as a draft") {
  MonthlyAudit audit = draft_audit();
  for (auto& item : audit.items) item.recorded = Verdict::conform;
  for (FormFormat format : {FormFormat::text, FormFormat::html}) {
    const std::string form = rendered(audit, format);
    CHECK(!contains(form, "（擬）"));
  }
}

TEST_CASE("Annex 2: 辦理情形說明 shows the recorded note, then each line of evidence") {
  MonthlyAudit audit = draft_audit();
  audit.items[0].recorded = Verdict::nonconform;
  audit.items[0].note = "申請表未經主任核章";
  audit.items[0].evidence = {"有效帳號 4 個", "本月新申請 1 件"};
  const std::string text = rendered(audit, FormFormat::text);
  const auto note = text.find("申請表未經主任核章");
  const auto first = text.find("・有效帳號 4 個");
  const auto second = text.find("・本月新申請 1 件");
  REQUIRE(note != std::string::npos);
  CHECK(note < first);
  CHECK(first < second);
  CHECK(contains(rendered(audit, FormFormat::html),
                 "<td class=\"explanation\"><p>申請表未經主任核章</p>"
                 "<ul><li>有效帳號 4 個</li><li>本月新申請 1 件</li></ul></td>"));
}

// ---- Annex 2: usage summary ----------------------------------------------------------------

TEST_CASE("Annex 2: 查詢統計 counts queries by user, item, hour and weekday, with Chinese labels") {
  const std::string html = rendered(golden_audit(), FormFormat::html);
  for (const char* cell : {"<span>王小明 52</span>", "<span>Alice Lin 10</span>", "<span>入出境資訊 41</span>",
                           "<span>09:00 22</span>", "<span>週六 1</span>"})
    CHECK(contains(html, cell));
  const auto lines = lines_of(rendered(golden_audit(), FormFormat::text));
  const auto heading = std::ranges::find(lines, "查詢統計");
  REQUIRE(heading != lines.end());
  CHECK(heading[1] == "使用者    王小明    52    林美麗    14    高志明    12    Alice Lin 10");
  CHECK(heading[4].ends_with("11:00  9    13:00  7    14:00 10    15:00  5"));  // counts right-aligned
}

TEST_CASE("Annex 2: a count with no rows reads 無") {
  const auto lines = lines_of(rendered(draft_audit(), FormFormat::text));
  for (const char* heading : {"使用者    無", "查詢項目  無", "時段      無", "星期      無"})
    CHECK(std::ranges::find(lines, heading) != lines.end());
}

TEST_CASE("Annex 2: 異常情形 lists one outlier a line, or 無 when there is none") {
  const auto none = lines_of(rendered(draft_audit(), FormFormat::text));
  const auto heading = std::ranges::find(none, "異常情形");
  REQUIRE(heading != none.end());
  CHECK(heading[1] == "無");
  CHECK(contains(rendered(draft_audit(), FormFormat::html), "<h2>異常情形</h2>\n<p class=\"none\">無</p>"));

  const auto lines = lines_of(rendered(golden_audit(), FormFormat::text));
  const auto outliers = std::ranges::find(lines, "異常情形");
  REQUIRE(outliers != lines.end());
  CHECK(outliers[1] == "・王小明 11月 查詢 52 次，高於同仁中位數 12 次（離群）");
  CHECK(outliers[2] == "・王小明 115年11月21日（週六）10:14 查詢 1 次（非上班日）");
  CHECK(outliers[3] == "・林美麗 115年11月12日 21:03 查詢 1 次（非上班時間）");
  CHECK(outliers[4].empty());
}

// ---- Annex 2: foot -------------------------------------------------------------------------

TEST_CASE("Annex 2: an unsigned record shows the four blank sign-offs") {
  const std::string line = "稽核人員：＿＿＿＿　股長：＿＿＿＿　秘書：＿＿＿＿　主任：＿＿＿＿";
  CHECK(contains(rendered(draft_audit(), FormFormat::text), "\n" + line + "\n"));
}

TEST_CASE("Annex 2: recorded sign-offs replace the blanks with the signer's name and ROC date") {
  MonthlyAudit audit = draft_audit();
  audit.signoffs = {{AuditRole::auditor, "chang", "張志豪", parse_time("2026-12-01T10:00")},
                    {AuditRole::director, "chu", "朱主任", parse_time("2026-12-03T23:30:00Z")}};
  const std::string text = rendered(audit, FormFormat::text);
  CHECK(contains(text, "稽核人員：張志豪 115年12月1日　股長：＿＿＿＿　秘書：＿＿＿＿"));
  CHECK(contains(text, "主任：朱主任 115年12月4日"));  // 23:30 UTC is the next day in Taiwan
  const std::string html = rendered(audit, FormFormat::html);
  CHECK(contains(html, "<span>稽核人員：張志豪 115年12月1日</span><span>股長：＿＿＿＿</span>"));
}

TEST_CASE("Annex 2: a sign-off without a name shows the login") {
  MonthlyAudit audit = draft_audit();
  audit.signoffs = {{AuditRole::chief, "lee", "", parse_time("2026-12-02T09:00")}};
  CHECK(contains(rendered(audit, FormFormat::text), "股長：lee 115年12月2日"));
}

TEST_CASE("Annex 2: the journal checkpoint closes the form, or （無） without one") {
  MonthlyAudit audit = draft_audit();
  CHECK(lines_of(rendered(audit, FormFormat::text)).back() == "日誌檢查點：（無）");
  audit.checkpoint = "128:ab34";
  CHECK(lines_of(rendered(audit, FormFormat::text)).back() == "日誌檢查點：128:ab34");
  CHECK(contains(rendered(audit, FormFormat::html), "<div class=\"checkpoint\">日誌檢查點：128:ab34</div>"));
}

// ---- Annex 2: text layout ------------------------------------------------------------------

TEST_CASE("text: 稽核結果 starts at the same display column on the header and each item's first line") {
  MonthlyAudit audit = golden_audit();
  audit.items[0].recorded.reset();
  const auto lines = lines_of(rendered(audit, FormFormat::text));
  std::vector<int> starts;
  for (const auto& line : lines) {
    if (line.starts_with("稽核項目")) starts.push_back(display_width(line.substr(0, line.find("稽核結果"))));
    for (const char* mark : {"☑", "☐"})
      if (line.size() > 2 && line[1] == '.' && contains(line, mark)) {
        const auto at = std::min(line.find("☑"), line.find("☐"));
        starts.push_back(display_width(line.substr(0, at)));
        break;
      }
  }
  REQUIRE(starts.size() == 5);
  for (int start : starts) CHECK(start == starts.front());
}

TEST_CASE("text: long items and evidence wrap within their columns and no line has trailing spaces") {
  const std::string text = rendered(golden_audit(), FormFormat::text);
  CHECK(!contains(text, " \n"));
  CHECK(text.back() == '\n');
  const auto lines = lines_of(text);
  const auto header = std::ranges::find_if(lines, [](const std::string& l) { return l.starts_with("稽核項目"); });
  REQUIRE(header != lines.end());
  const int explanation = display_width(header->substr(0, header->find("辦理情形說明")));
  for (auto line = header; line != lines.end() && !line->starts_with("註："); ++line)
    CHECK(display_width(*line) <= explanation + 40);
  // the evidence line wraps onto an indented continuation, not a new bullet
  CHECK(contains(text, "・王小明 11月 查詢 52 次，高於同仁中位數\n"));
  const auto continuation =
      std::ranges::find_if(lines, [](const std::string& l) { return l.ends_with(" 12 次（離群）"); });
  REQUIRE(continuation != lines.end());
  CHECK(display_width(continuation->substr(0, continuation->find("12 次"))) == explanation + 2);
}

TEST_CASE("text: control characters in a note cannot break the layout or drive the terminal") {
  MonthlyAudit audit = draft_audit();
  audit.items[0].recorded = Verdict::conform;
  audit.items[0].note = "line one\nline two\x1b[31m";
  const std::string text = rendered(audit, FormFormat::text);
  CHECK(!contains(text, "\x1b"));
  CHECK(contains(text, "line one\\x0Aline two\\x1B[31m"));  // shown escaped, on one line
}

// ---- Annex 3 -------------------------------------------------------------------------------

TEST_CASE("Annex 3: the title as in the original, the office under 機關, the date and year in ROC") {
  const std::string text = rendered(supervision_of(), FormFormat::text);
  const auto lines = lines_of(text);
  REQUIRE(lines.size() > 4);
  CHECK(lines[0].ends_with(" 應用移民資訊內部稽核辦理情形紀錄表"));
  CHECK(lines[1] == "機關：彰化縣彰化戶政事務所");
  CHECK(lines[2] == "稽核日期：115年11月29日");
  CHECK(lines[3] == "稽核年度：115年");
  const std::string html = rendered(supervision_of(), FormFormat::html);
  CHECK(contains(html, "<h1>應用移民資訊內部稽核辦理情形紀錄表</h1>"));
  CHECK(contains(html, "<th>查核事項</th><th>查核結果</th><th>查核情形說明</th>"));
}

TEST_CASE("Annex 3: the six questions carry the official wording") {
  const std::string html = rendered(supervision_of(), FormFormat::html);
  const std::string items = item_column(rendered(supervision_of(), FormFormat::text));
  for (int n = 1; n <= 6; ++n) {
    const std::string numbered = std::to_string(n) + ". " + std::string(official_items[n - 1]);
    CHECK(contains(html, "<td class=\"item\">" + numbered + "</td>"));
    CHECK(contains(items, without_spaces(numbered)));
  }
}

TEST_CASE("Annex 3: each answer is ticked 是 or 否, and its evidence explains it") {
  const std::string html = rendered(supervision_of(), FormFormat::html);
  CHECK(std::ranges::count(lines_of(html), true, [](const std::string& l) {
          return contains(l, "<td class=\"result\">☑是 ☐否</td>");
        }) == 5);
  CHECK(contains(html, "<td class=\"result\">☐是 ☑否</td>"
                       "<td class=\"explanation\"><ul><li>本年度不定期稽核 1 次，少於 2 次</li>"));
  const std::string text = rendered(supervision_of(), FormFormat::text);
  CHECK(contains(text, "☐是 ☑否   ・本年度不定期稽核 1 次，少於 2 次\n"));  // under 查核結果, 8 columns
  CHECK(!contains(text, "（擬）"));
}

TEST_CASE("Annex 3: the 稽核人員 blank and the checkpoint close the form") {
  const auto lines = lines_of(rendered(supervision_of(), FormFormat::text));
  REQUIRE(lines.size() > 2);
  CHECK(lines[lines.size() - 2] == "稽核人員：＿＿＿＿");
  CHECK(lines.back() == "日誌檢查點：131:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0");
}

TEST_CASE("Annex 3: an unset audit date leaves the blanks of 年 月 日") {
  Supervision s = supervision_of();
  s.audit_date = Date{};
  CHECK(contains(rendered(s, FormFormat::text), "稽核日期：　　年　　月　　日\n"));
}

// ---- html ----------------------------------------------------------------------------------

TEST_CASE("html: Annexes 2 and 3 are self-contained printable A4 pages") {
  for (const std::string& html :
       {rendered(golden_audit(), FormFormat::html), rendered(supervision_of(), FormFormat::html)}) {
    CHECK(html.starts_with("<!DOCTYPE html>\n"));
    CHECK(contains(html, "<meta charset=\"utf-8\">"));
    CHECK(contains(html, "@page { size: A4; margin: 15mm }"));
    CHECK(!contains(html, "<script"));
    CHECK(!contains(html, "http"));
    CHECK(!contains(html, "<link"));
    CHECK(html.ends_with("</body>\n</html>\n"));
  }
}

TEST_CASE("html: every text of Annex 2 is escaped") {
  MonthlyAudit audit = draft_audit("<b>");
  audit.items[0].recorded = Verdict::conform;
  audit.items[0].note = "<script>alert('x')</script>";
  audit.items[1].evidence = {"A&B \"Q\""};
  audit.by_user = {{"x", "<i>", 1}};
  audit.outliers = {"<img src=x>"};
  audit.signoffs = {{AuditRole::auditor, "x", "<u>", parse_time("2026-12-01T10:00")}};
  const std::string html = rendered(audit, FormFormat::html);
  CHECK(!contains(html, "<script>"));
  CHECK(contains(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  CHECK(contains(html, "A&amp;B &quot;Q&quot;"));
  CHECK(contains(html, "彰化縣&lt;b&gt;戶政事務所"));
  CHECK(contains(html, "<span>&lt;i&gt; 1</span>"));
  CHECK(contains(html, "<li>&lt;img src=x&gt;</li>"));
  CHECK(contains(html, "稽核人員：&lt;u&gt; 115年12月1日"));
}

TEST_CASE("html: every text of Annex 3 is escaped") {
  Supervision s = supervision_of("<b>");
  s.items[0].evidence = {"<script>"};
  const std::string html = rendered(s, FormFormat::html);
  CHECK(!contains(html, "<script>"));
  CHECK(contains(html, "機關：彰化縣&lt;b&gt;戶政事務所"));
}

// ---- golden files --------------------------------------------------------------------------

TEST_CASE("golden: Annex 2 for 2026-11 as text") {
  check_golden("annex2-2026-11.txt", rendered(golden_audit(), FormFormat::text));
}

TEST_CASE("golden: Annex 2 for 2026-11 as html") {
  check_golden("annex2-2026-11.html", rendered(golden_audit(), FormFormat::html));
}

TEST_CASE("golden: Annex 3 for 2026 as text") {
  check_golden("annex3-2026.txt", rendered(supervision_of(), FormFormat::text));
}

TEST_CASE("golden: Annex 3 for 2026 as html") {
  check_golden("annex3-2026.html", rendered(supervision_of(), FormFormat::html));
}
