#include "imcomply/questions.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "store/account_store.hpp"
#include "audit_internal.hpp"
#include "store/audit_store.hpp"
#include "imcomply/accounts.hpp"
#include "imcomply/deadline.hpp"
#include "imcomply/integrity.hpp"
#include "imcomply/roles.hpp"
#include "imcomply/system_log.hpp"
#include "signed_forms_internal.hpp"
#include "store/usage_store.hpp"

namespace imcomply {
namespace {

// Items 1–4 are Annex 2's; Annex 3 asks the same four, then 5 and 6. The wording of the original
// (item 5 has no full stop there).
constexpr std::array<std::string_view, 6> official_items = {
    "帳號申請是否依規定辦理。",
    "使用者職務異動，是否依規定終止帳號使用權限。",
    "定期稽核系統查詢資料使用範圍、使用頻率、及使用欄位是否均合於目的之必要性。",
    "處理個人資料之安全維護措施及資料安全管理作業。",
    "應用移民資料日誌保存年限至少五年",
    "每年至少辦理二次以上之不定期稽核作業。",
};

Date today(const Session& s) { return taiwan_date(s.now); }

/// A finding: the answer no longer conforms, and the line says why.
void finding(Answer& a, std::string line) {
  a.conforms = false;
  a.evidence.push_back(std::move(line));
}

/// Whether the days [first, last] share a day with the period.
bool touches(const Period& p, Date first, Date last) { return first <= last && first <= p.to && last >= p.from; }

/// The months of the period that have begun, in order.
std::vector<Month> begun_months(const Session& s, const Period& p) {
  std::vector<Month> months;
  for (Month m = month_of(p.from); m.first() <= p.to && m.first() <= today(s);
       m = m.month == 12 ? Month{m.year + 1, 1} : Month{m.year, m.month + 1})
    months.push_back(m);
  return months;
}

/// Whether a month's forms are due: it has ended, and it is not the Annex 2 being drafted.
bool forms_due(const Session& s, const Period& p, const Month& m) {
  return m.last() < today(s) && !(p.drafting && p.drafting->year == m.year && p.drafting->month == m.month);
}

/// Item 2's evidence of a late termination; a backdated one says when it was recorded (spec §4).
std::string late_termination_evidence(const Termination& t) {
  if (t.backdated())
    return fmt::format("{} 於 {} 始登錄終止（終止日期回溯填為 {}），逾期限 {} {} 日", t.login, format_date(t.recorded_on),
                       format_date(t.terminated_on), format_date(*t.deadline_on), t.late_days);
  return fmt::format("{} 於 {} 終止，逾期限 {} {} 日", t.login, format_date(t.terminated_on), format_date(*t.deadline_on),
                     t.late_days);
}

int hour_of(Instant t) { return static_cast<int>((t.seconds - taiwan_start_of_day(taiwan_date(t)).seconds) / 3600); }

/// One query as the monthly analysis sees it, from the system log or, lacking one, the usage log.
struct Query {
  std::string login;
  Item item{};
  Instant at{};
  std::optional<std::string> subject_hmac, subject_masked;
  std::vector<std::string> fields;
};

/// Counts by a small key (an hour, a weekday, an item) as CountRows in the key order, present keys only.
template <std::size_t N, typename Label>
std::vector<CountRow> count_rows(const std::array<std::int64_t, N>& counts, Label label) {
  std::vector<CountRow> rows;
  for (std::size_t k = 0; k < N; ++k)
    if (counts[k] > 0) {
      auto [key, text] = label(static_cast<int>(k));
      rows.push_back({std::move(key), std::move(text), counts[k]});
    }
  std::sort(rows.begin(), rows.end(), [](const CountRow& a, const CountRow& b) { return a.key < b.key; });
  return rows;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/// "2026H1" → its first and last day.
std::pair<Date, Date> half_year_days(const std::string& period) {
  const int year = std::stoi(period.substr(0, 4));
  return period.ends_with("H1") ? std::pair{Date{year, 1, 1}, Date{year, 6, 30}} : std::pair{Date{year, 7, 1}, Date{year, 12, 31}};
}

/// "N/M（roles）": the sign-offs that still cover a form's records. One made stale by a change
/// after signing attested to what the form said before, so it does not count until signed again
/// (spec §4, a signed form is frozen).
template <class Signoff, class RoleName>
std::optional<std::string> unsigned_form(Store& store, signed_forms::Form form, const Month& m,
                                         std::vector<Signoff> signoffs, RoleName role_name, std::size_t needed,
                                         std::string_view roles) {
  signed_forms::apply_state(signed_forms::state_of(store, form, m), signoffs, role_name);
  const auto stale = static_cast<std::size_t>(
      std::count_if(signoffs.begin(), signoffs.end(), [](const Signoff& s) { return s.stale; }));
  const std::size_t current = signoffs.size() - stale;
  if (current >= needed) return std::nullopt;
  return fmt::format("簽章 {}/{}（{}）{}", current, needed, roles,
                     stale ? fmt::format("，{} 項簽核後異動待重簽", stale) : "");
}

}  // namespace

std::string_view official_item_title(int number) {
  return number >= 1 && number <= static_cast<int>(official_items.size()) ? official_items[number - 1] : std::string_view();
}

Period Period::of(Month month) { return Period{month.first(), month.last(), month}; }
Period Period::of(int year) { return Period{Date{year, 1, 1}, Date{year, 12, 31}, std::nullopt}; }

// --- 1. applications (R3.2) ---

Answer applications_question(Session& s, const Period& period) {
  Answer a{1, true, {}};
  const auto approved = audit_store::approved_applications(s.store, period.to);
  for (const auto& app : approved) {
    if (!app.head_on || !app.county_on || !app.agency_on)
      finding(a, fmt::format("{} 的帳號缺少核准階段（主任、民政處、移民署）", app.login));
    for (const auto& by : {app.head_by, app.county_by, app.agency_by})
      if (by && *by == app.login) {
        finding(a, fmt::format("{} 自行登錄本人帳號之核准（職務分離）", app.login));
        break;
      }
  }
  if (a.conforms) a.evidence.push_back(fmt::format("核准帳號 {} 個，均經主任、民政處、移民署三級核准", approved.size()));
  for (const auto& app : account_store::open_applications(s.store))
    a.evidence.push_back(fmt::format("{} 的申請停在「{}」階段，自 {} 起", app.login, stage_name(app.stage), format_date(app.stage_on())));
  return a;
}

// --- 2. duty changes (R3.4, R3.6) ---

Answer duty_changes_question(Session& s, const Period& period) {
  Answer a{2, true, {}};
  // An account open on a day past its deadline, terminated since: late_terminations counts the
  // days deadline + 1 … the day the termination took effect (the later of its date and its record).
  for (const auto& t : late_terminations(s, period.from, period.to)) finding(a, late_termination_evidence(t));
  // Not terminated yet: the days past the deadline run to today.
  for (const auto& p : due(s, std::nullopt))
    if (p.overdue && touches(period, add_days(p.change.deadline_on, 1), today(s)))
      finding(a, fmt::format("{} 職務異動（{}）應於 {} 前終止，尚未終止", p.user.login, duty_change_name(p.change.kind),
                             format_date(p.change.deadline_on)));
  // R3.6 "at once": the Agency told later than the day of the loss, or not yet; the days between
  // count, so a loss on the last day of a month told the next month is the next month's too.
  for (const auto& n : audit_store::cert_losses_between(s.store, Date{1912, 1, 1}, period.to)) {
    const Date lost = taiwan_date(n.lost_at);
    const Date told = n.notified_at ? taiwan_date(*n.notified_at) : today(s);
    if (n.notified_at && told <= lost) continue;
    if (!touches(period, n.notified_at ? add_days(lost, 1) : lost, told)) continue;
    finding(a, n.notified_at ? fmt::format("{} 憑證於 {} 遺失，{} 始通知移民署（R3.6：應即通知）", n.login,
                                           format_time(n.lost_at), format_time(*n.notified_at))
                             : fmt::format("{} 憑證於 {} 遺失，尚未通知移民署（R3.6）", n.login, format_time(n.lost_at)));
  }
  if (a.conforms) a.evidence.push_back("職務異動均於期限內終止帳號");
  return a;
}

// --- 3. scope, frequency and fields (R4.3) ---

QueryAnalysis analyse_queries(Session& s, Month month) {
  const auto& rules = s.config.rules;
  const Date from = month.first(), to = month.last();
  QueryAnalysis out;
  out.month = month;
  // The month's system queries are read once, for the analysis and for the reconciliation, which
  // also needs a margin of days around the month.
  Reconciler reconciler(s, month);
  std::vector<Query> queries;
  for_each_system_query(s, reconciler.first_day(), reconciler.last_day(), [&](const SystemQuery& q) {
    reconciler.add(q);
    if (const Date day = taiwan_date(q.at); day >= from && day <= to)
      queries.push_back({q.account, q.item, q.at, q.subject_hmac, q.subject_masked, q.fields});
  });
  out.from_system_log = !queries.empty();
  if (!out.from_system_log) {
    out.findings.push_back("本月未匯入系統稽核日誌（R4.3：每月下載稽核日誌），以下依使用日誌統計");
    for (const auto& e : list_entries(s, EntryFilter{from, to, std::nullopt}))
      queries.push_back({e.login, e.item, e.login_at, std::nullopt, std::nullopt, {}});
  }
  out.queries = static_cast<std::int64_t>(queries.size());

  std::array<const std::vector<std::string>*, 3> needed{};  // [necessity] per item, if configured
  for (const Item item : {Item::entry_exit, Item::mainland, Item::foreigner})
    if (const auto need = s.config.necessity.find(std::string(item_name(item))); need != s.config.necessity.end())
      needed[static_cast<int>(item)] = &need->second;
  std::map<std::string, AccountHistory> histories;
  std::map<std::string, std::int64_t> per_user;
  std::array<std::int64_t, 3> per_item{};
  std::array<std::int64_t, 24> per_hour{};
  std::array<std::int64_t, 7> per_weekday{};
  std::set<std::string> beyond_grant, beyond_need;
  struct Look {
    std::string_view subject, login, mask;
  };
  std::vector<Look> looks;  // who looked at whom, sorted below: lighter than a set per subject
  int off_hours = 0, weekend = 0;
  for (const auto& q : queries) {
    auto h = histories.find(q.login);
    if (h == histories.end()) h = histories.emplace(q.login, account_history(s, q.login)).first;
    const auto granted = h->second.items_at(q.at);
    if (std::find(granted.begin(), granted.end(), q.item) == granted.end())
      beyond_grant.insert(fmt::format("{} 查詢未授權之項目 {}（{}）", q.login, item_chinese_name(q.item), format_time(q.at)));
    if (const auto* need = needed[static_cast<int>(q.item)])
      for (const auto& f : q.fields)
        if (std::find(need->begin(), need->end(), f) == need->end())
          beyond_need.insert(fmt::format("{} 查詢 {} 時使用欄位「{}」，超出必要範圍", q.login, item_chinese_name(q.item), f));
    const int hour = hour_of(q.at);
    if (hour < rules.office_hours_start || hour >= rules.office_hours_end) ++off_hours;
    const int dow = weekday(taiwan_date(q.at));
    if (dow == 0 || dow == 6) ++weekend;
    ++per_user[q.login];
    ++per_item[static_cast<int>(q.item)];
    ++per_hour[hour];
    ++per_weekday[dow];
    if (q.subject_hmac)
      looks.push_back({*q.subject_hmac, q.login, q.subject_masked ? std::string_view(*q.subject_masked) : std::string_view()});
  }
  out.findings.insert(out.findings.end(), beyond_grant.begin(), beyond_grant.end());
  out.findings.insert(out.findings.end(), beyond_need.begin(), beyond_need.end());
  if (out.from_system_log) {
    const auto r = reconciler.finish();
    if (!r.unlogged.empty()) out.findings.push_back(fmt::format("系統稽核日誌中有 {} 筆查詢無對應之使用日誌", r.unlogged.size()));
    if (!r.unused.empty()) out.notes.push_back(fmt::format("使用日誌中有 {} 筆無對應之系統查詢", r.unused.size()));
  }

  const detail::Names name_of(s);
  for (const auto& [login, count] : per_user) out.by_user.push_back({login, name_of(login), count});
  out.by_item = count_rows(per_item, [](int i) {
    const auto item = static_cast<Item>(i);
    return std::pair{std::string(item_name(item)), std::string(item_chinese_name(item))};
  });
  out.by_hour = count_rows(per_hour, [](int hour) {
    const auto h = fmt::format("{:02}", hour);
    return std::pair{h, h + ":00"};
  });
  out.by_weekday = count_rows(per_weekday, [](int d) {
    return std::pair{fmt::format("{} {}", d, detail::weekday_keys[d]), std::string(detail::weekday_labels[d])};
  });
  // Frequency: a user far above the peers' median (median + 3 × MAD, and at least twice it).
  if (out.by_user.size() >= 3) {
    std::vector<double> counts;
    for (const auto& r : out.by_user) counts.push_back(static_cast<double>(r.count));
    const double m = median(counts);
    std::vector<double> deviations;
    for (const double c : counts) deviations.push_back(std::abs(c - m));
    const double mad = std::max(median(deviations), 1.0);
    for (const auto& r : out.by_user)
      if (r.count > m + 3 * mad && r.count >= 2 * m)
        out.outliers.push_back(fmt::format("{}（{}）本月查詢 {} 次，高於同仁中位數 {:g} 次（離群）", r.label, r.key, r.count, m));
  }
  if (off_hours > 0)
    out.outliers.push_back(fmt::format("非上班時間（{:02}:00–{:02}:00 以外）查詢 {} 次", rules.office_hours_start,
                                       rules.office_hours_end, off_hours));
  if (weekend > 0) out.outliers.push_back(fmt::format("週末查詢 {} 次", weekend));
  // A subject looked at by two accounts or more, in subject order, each account once.
  std::sort(looks.begin(), looks.end(),
            [](const Look& a, const Look& b) { return std::tie(a.subject, a.login) < std::tie(b.subject, b.login); });
  for (auto first = looks.begin(); first != looks.end();) {
    const auto last = std::find_if(first, looks.end(), [&](const Look& l) { return l.subject != first->subject; });
    std::vector<std::string_view> accounts;
    for (auto l = first; l != last; ++l)
      if (accounts.empty() || accounts.back() != l->login) accounts.push_back(l->login);
    if (accounts.size() >= 2)
      out.outliers.push_back(fmt::format("查詢對象 {} 由 {} 位使用者查詢（{}）", std::prev(last)->mask, accounts.size(),
                                         fmt::join(accounts, ", ")));
    first = last;
  }
  return out;
}

NecessityAnswer necessity_question(Session& s, const Period& period) {
  NecessityAnswer out{{3, true, {}}, {}};
  Answer& a = out.answer;
  const bool one_month = period.one_month();
  const auto recorded = audit_store::months_with_record(s.store, 3);
  const auto first_account = first_account_day(s);
  std::vector<std::string> missing;
  for (const Month& m : begun_months(s, period)) {
    auto analysis = analyse_queries(s, m);
    // A year names the month of each line; a month's form is about that month only.
    const std::string prefix = one_month ? "" : m.text() + "：";
    for (const auto& line : analysis.findings) finding(a, prefix + line);
    for (const auto& line : analysis.notes) a.evidence.push_back(prefix + line);
    if (one_month)
      a.evidence.push_back(fmt::format("本月查詢 {} 次，使用者 {} 人{}", analysis.queries, analysis.by_user.size(),
                                       analysis.outliers.empty() ? "，無異常情形"
                                                                 : fmt::format("，異常情形 {} 項，須說明", analysis.outliers.size())));
    if (forms_due(s, period, m) && first_account && m.last() >= *first_account &&
        std::find(recorded.begin(), recorded.end(), m.text()) == recorded.end())
      missing.push_back(m.text());
    out.months.push_back(std::move(analysis));
  }
  if (!missing.empty()) finding(a, fmt::format("未作成稽核紀錄（附件二第三項）之月份：{}", fmt::join(missing, "、")));
  else if (!one_month) a.evidence.push_back("各月均已作成稽核紀錄（附件二第三項）");
  return out;
}

// --- 4. security measures ---

Answer security_question(Session& s, const Period& period, ChainCheck chain) {
  Answer a{4, true, {}};
  const auto first_account = first_account_day(s);
  const auto months = begun_months(s, period);
  const bool one_month = period.one_month();
  for (const Month& m : months) {
    const std::string prefix = one_month ? "" : m.text() + "：";
    // R4.1: the usage log checked, and its sheet (Annex 1) signed once the month is over.
    if (const auto findings = check_entries(s, m); !findings.empty())
      finding(a, fmt::format("{}使用日誌檢核缺失 {} 項（qlog check）", prefix, findings.size()));
    if (m.last() < today(s) && first_account && m.last() >= *first_account) {
      if (const auto gap = unsigned_form(s.store, signed_forms::Form::annex1, m, usage_store::signoffs_of(s.store, m),
                                         sheet_role_name, 3, "承辦人員、秘書、主任"))
        finding(a, fmt::format("{} 日誌表（附件一）{}", m.text(), *gap));
      if (forms_due(s, period, m))
        if (const auto gap = unsigned_form(s.store, signed_forms::Form::annex2, m, audit_store::audit_signoffs(s.store, m),
                                           audit_role_name, 4, "稽核人員、股長、秘書、主任"))
          finding(a, fmt::format("{} 內部稽核紀錄表（附件二）{}", m.text(), *gap));
    }
    // "Unchecked journal": each month must have been sealed.
    if (audit_store::checkpoints_between(s.store, m.first(), m.last()) == 0)
      finding(a, fmt::format("{}未封存日誌檢查點（audit seal），日誌未經檢查", one_month ? "本月" : prefix));
    // §6: an auditor who audits their own queries (of the system log or the usage log).
    for (const auto& recorder : audit_store::audit_recorders(s.store, m))
      for (const auto table : {"system_queries", "usage_entries"}) {
        const auto counts = audit_store::grouped_counts(s.store, table, ReportBy::user, m.first(), m.last());
        if (std::any_of(counts.begin(), counts.end(), [&](const auto& c) { return c.first == recorder && c.second > 0; })) {
          finding(a, fmt::format("{}稽核人員 {} 稽核本人之查詢（職務分離）", prefix, recorder));
          break;
        }
      }
  }
  // §7: the journal intact.
  if (chain == ChainCheck::recomputed) {
    const auto& verification = journal_verification(s);
    if (verification.ok())
      a.evidence.push_back(fmt::format("日誌雜湊鏈驗證通過（{} 筆）", verification.records));
    else
      finding(a, "日誌雜湊鏈驗證失敗：" + verification.problems.front());
  }
  // R3.7: data past its destroy-by day on a day of the period, destroyed since or not yet.
  for (const auto& d : list_data(s, false)) {
    if (!d.destroy_by || d.archive_no) continue;
    const Date destroyed = d.destroyed_at ? taiwan_date(*d.destroyed_at) : today(s);
    if (d.destroyed_at && destroyed <= *d.destroy_by) continue;
    if (!d.destroyed_at && !d.overdue) continue;
    if (!touches(period, add_days(*d.destroy_by, 1), destroyed)) continue;
    finding(a, d.destroyed_at ? fmt::format("查詢資料 #{}（{}）應於 {} 前銷毀，{} 始銷毀（R3.7）", d.id, d.login,
                                            format_date(*d.destroy_by), format_date(destroyed))
                              : fmt::format("查詢資料 #{}（{}）應於 {} 前銷毀，尚未銷毀（R3.7）", d.id, d.login,
                                            format_date(*d.destroy_by)));
  }
  // R3.5: the audit functions registered with the Agency, on every day the office had accounts.
  if (first_account && *first_account <= period.to) {
    std::optional<Date> approved;
    for (const auto& r : agency_registrations(s))
      if (r.approved_on && std::find(r.functions.begin(), r.functions.end(), "audit") != r.functions.end() &&
          (!approved || *r.approved_on < *approved))
        approved = r.approved_on;
    const Date needed_from = std::max(period.from, *first_account);
    if (!approved || *approved > needed_from)
      finding(a, approved ? fmt::format("稽核功能於 {} 始經移民署核准機關憑證註冊，此前未註冊（R3.5）", format_date(*approved))
                          : std::string("稽核功能未經移民署核准機關憑證註冊（R3.5）"));
  }
  // R4.4: a closed review for each half-year in force during the period — those that overlap it,
  // and the one before its first day, whose review covers that day.
  for (const auto& missed : review_status(s).missed_periods) {
    const auto [first, last] = half_year_days(missed);
    if (touches(period, first, last) || (last < period.from && add_days(last, 184) >= period.from))
      finding(a, fmt::format("{} 未完成使用者權限清查（R4.4：每半年清查一次）", missed));
  }
  // §6: duties separated.
  for (const auto& line : separation_findings(s, period.from, period.to)) finding(a, line);
  return a;
}

// --- 5. retention (R4.1) ---

Answer retention_question(Session& s, const Period&) {
  Answer a{5, true, {}};
  const int years = s.config.rules.log_retention_years;
  a.evidence.push_back(fmt::format("保存年限設定 {} 年", years));
  if (years < 5) a.conforms = false;
  if (const auto deleted = audit_store::usage_rows_deleted_outside_purge(s.store); deleted > 0)
    finding(a, fmt::format("日誌有 {} 筆非經銷毀程序刪除", deleted));
  return a;
}

// --- 6. unannounced audits (R4.2) ---

Answer unannounced_audits_question(Session& s, const Period& period) {
  Answer a{6, true, {}};
  const int needed = s.config.rules.unannounced_audits_per_year;
  for (int year = period.from.year; year <= period.to.year; ++year) {
    const auto done = audit_store::conducted(s.store, year);
    const std::string which = period.from.year == period.to.year ? "本年度" : fmt::format("{} 年度", year);
    if (static_cast<int>(done.size()) < needed)
      finding(a, fmt::format("{}不定期稽核 {} 次，少於 {} 次", which, done.size(), needed));
    else
      a.evidence.push_back(fmt::format("{}不定期稽核 {} 次", which, done.size()));
    for (const auto& d : done) a.evidence.push_back(fmt::format("{}（{}）", format_date(d.on), fmt::join(d.team, ", ")));
  }
  return a;
}

namespace {

/// §6: the events on a person's own account that they may not record themselves, because each
/// gives or restores access (an application, an approval, a role, a reinstatement, a deputy).
bool grants_own_access(std::string_view kind) {
  static constexpr std::string_view kinds[] = {"applied",      "approved: head", "approved: county", "approved: agency",
                                               "role granted", "reinstated",     "deputy set"};
  return std::find(std::begin(kinds), std::end(kinds), kind) != std::end(kinds);
}

}  // namespace

std::vector<std::string> separation_findings(Session& s, std::optional<Date> from, std::optional<Date> to) {
  std::vector<std::string> findings;
  const auto admins = audit_store::holders(s.store, Role::admin);
  const auto auditors = audit_store::holders(s.store, Role::auditor);
  for (const auto& login : admins)
    if (std::find(auditors.begin(), auditors.end(), login) != auditors.end())
      findings.push_back(fmt::format("{} 同時具系統管理人員及稽核人員角色（職務分離）", login));
  for (const auto& [login, kind, happened] : audit_store::self_recorded_events(s.store)) {
    if (!grants_own_access(kind)) continue;
    const Date day = taiwan_date(parse_time(happened.size() == 10 ? happened + "T00:00" : happened));
    if ((from && day < *from) || (to && day > *to)) continue;
    findings.push_back(fmt::format("{} 自行登錄本人帳號之異動（{}，{}）", login, kind, happened));
  }
  return findings;
}

}  // namespace imcomply
