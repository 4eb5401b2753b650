#include "imcomply/audit.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include <fmt/format.h>

#include "account_store.hpp"
#include "accounts_internal.hpp"
#include "audit_store.hpp"
#include "imcomply/accounts.hpp"
#include "imcomply/deadline.hpp"
#include "imcomply/integrity.hpp"
#include "imcomply/roles.hpp"
#include "imcomply/system_log.hpp"
#include "usage_store.hpp"

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

constexpr std::array<std::string_view, 2> verdict_names = {"conform", "nonconform"};
constexpr std::array<std::string_view, 4> audit_role_names = {"auditor", "chief", "secretary", "director"};
constexpr std::array<std::string_view, 7> weekday_keys = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 7> weekday_labels = {"週日", "週一", "週二", "週三", "週四", "週五", "週六"};

Date today(const Session& s) { return taiwan_date(s.now); }

int hour_of(Instant t) { return static_cast<int>((t.seconds - taiwan_start_of_day(taiwan_date(t)).seconds) / 3600); }

/// Names of the roster by login, read once: reports label every row with one.
class Names {
 public:
  explicit Names(Session& s) {
    for (const auto& u : account_store::load_users(s.store, std::nullopt)) names_.emplace(u.login, u.name);
  }
  const std::string& operator()(const std::string& login) const {
    const auto found = names_.find(login);
    return found == names_.end() ? login : found->second;
  }

 private:
  std::map<std::string, std::string> names_;
};

/// Item 2's evidence of a late termination; a backdated one says when it was recorded (spec §4).
std::string late_termination_evidence(const Termination& t) {
  if (t.backdated())
    return fmt::format("{} 於 {} 始登錄終止（終止日期回溯填為 {}），逾期限 {} {} 日", t.login, format_date(t.recorded_on),
                       format_date(t.terminated_on), format_date(*t.deadline_on), t.late_days);
  return fmt::format("{} 於 {} 終止，逾期限 {} {} 日", t.login, format_date(t.terminated_on), format_date(*t.deadline_on),
                     t.late_days);
}

/// The footer of the forms: the latest seal, else the journal's head.
std::optional<std::string> footer_checkpoint(Session& s) {
  if (const auto c = latest_checkpoint(s)) return c->anchor.text();
  return usage_store::journal_head(s.store);
}

/// One query as the monthly analysis sees it, from the system log or, lacking one, the usage log.
struct Query {
  std::string login;
  Item item{};
  Instant at{};
  std::optional<std::string> subject_hmac, subject_masked;
  std::vector<std::string> fields;
};

/// The month's usage-log entries as queries, for a month whose system log was not imported.
std::vector<Query> usage_queries(Session& s, Date from, Date to) {
  std::vector<Query> list;
  for (const auto& e : list_entries(s, EntryFilter{from, to, std::nullopt}))
    list.push_back({e.login, e.item, e.login_at, std::nullopt, std::nullopt, {}});
  return list;
}

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

}  // namespace

std::string_view official_item_title(int number) {
  return number >= 1 && number <= static_cast<int>(official_items.size()) ? official_items[number - 1] : std::string_view();
}

std::string_view verdict_name(Verdict v) { return verdict_names[static_cast<int>(v)]; }
Verdict parse_verdict(std::string_view text) {
  if (text == "conform" || text == "符合") return Verdict::conform;
  if (text == "nonconform" || text == "不符") return Verdict::nonconform;
  throw RejectedInput(fmt::format("unknown result \"{}\" (use conform or nonconform)", text));
}

std::string_view audit_role_name(AuditRole role) { return audit_role_names[static_cast<int>(role)]; }
AuditRole parse_audit_role(std::string_view text) {
  for (std::size_t i = 0; i < audit_role_names.size(); ++i)
    if (audit_role_names[i] == text) return static_cast<AuditRole>(i);
  throw RejectedInput(fmt::format("unknown sign-off role \"{}\" (use auditor, chief, secretary or director)", text));
}

ReportBy parse_report_by(std::string_view text) {
  static constexpr std::array<std::string_view, 5> names = {"user", "item", "month", "hour", "weekday"};
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return static_cast<ReportBy>(i);
  throw RejectedInput(fmt::format("unknown --by \"{}\" (use user, item, month, hour or weekday)", text));
}

std::vector<std::string> separation_findings(Session& s, std::optional<Date> from, std::optional<Date> to) {
  std::vector<std::string> findings;
  const auto admins = audit_store::holders(s.store, Role::admin);
  const auto auditors = audit_store::holders(s.store, Role::auditor);
  for (const auto& login : admins)
    if (std::find(auditors.begin(), auditors.end(), login) != auditors.end())
      findings.push_back(fmt::format("{} 同時具系統管理人員及稽核人員角色（職務分離）", login));
  for (const auto& [login, kind, happened] : audit_store::self_recorded_events(s.store)) {
    const Date day = taiwan_date(parse_time(happened.size() == 10 ? happened + "T00:00" : happened));
    if ((from && day < *from) || (to && day > *to)) continue;
    findings.push_back(fmt::format("{} 自行登錄本人帳號之異動（{}，{}）", login, kind, happened));
  }
  return findings;
}

// --- Annex 2 ---

MonthlyAudit monthly_audit(Session& s, Month month) {
  const auto& rules = s.config.rules;
  const Date from = month.first(), to = month.last();
  MonthlyAudit audit;
  if (const auto office = account_store::load_office(s.store)) audit.office_name = office->name;
  audit.month = month;
  for (int i = 0; i < 4; ++i) {
    audit.items[i].number = i + 1;
    audit.items[i].title = std::string(official_items[i]);
  }
  const auto propose = [&](int item, bool conform) {
    audit.items[item - 1].proposed = conform ? Verdict::conform : Verdict::nonconform;
  };
  const auto evidence = [&](int item, std::string line) { audit.items[item - 1].evidence.push_back(std::move(line)); };

  // 1. Applications (R3.2): every account approved at the three stages, none by its own holder.
  {
    bool ok = true;
    std::set<std::string> accounts;
    for (const auto& a : audit_store::approved_applications(s.store, to)) {
      accounts.insert(a.login);
      if (!a.head_on || !a.county_on || !a.agency_on) {
        ok = false;
        evidence(1, fmt::format("{} 的帳號缺少核准階段（主任、民政處、移民署）", a.login));
      }
      for (const auto& by : {a.head_by, a.county_by, a.agency_by})
        if (by && *by == a.login) {
          ok = false;
          evidence(1, fmt::format("{} 自行登錄本人帳號之核准（職務分離）", a.login));
          break;
        }
    }
    if (ok) evidence(1, fmt::format("核准帳號 {} 個，均經主任、民政處、移民署三級核准", accounts.size()));
    for (const auto& a : account_store::open_applications(s.store))
      evidence(1, fmt::format("{} 的申請停在「{}」階段，自 {} 起", a.login, stage_name(a.stage), format_date(a.stage_on())));
    propose(1, ok);
  }

  // 2. Duty changes (R3.4, R3.6): terminations late or backdated, still overdue, lost
  //    certificates told late.
  {
    bool ok = true;
    for (const auto& t : late_terminations(s, from, to)) {
      ok = false;
      evidence(2, late_termination_evidence(t));
    }
    for (const auto& p : due(s, std::nullopt))
      if (p.overdue) {
        ok = false;
        evidence(2, fmt::format("{} 職務異動（{}）應於 {} 前終止，尚未終止", p.user.login,
                                duty_change_name(p.change.kind), format_date(p.change.deadline_on)));
      }
    for (const auto& n : audit_store::cert_losses_between(s.store, from, to))
      if (!n.notified_at || taiwan_date(*n.notified_at) > taiwan_date(n.lost_at)) {
        ok = false;
        evidence(2, fmt::format("{} 憑證遺失未即時通知移民署（R3.6）", n.login));
      }
    if (ok) evidence(2, "本月職務異動均於期限內終止帳號");
    propose(2, ok);
  }

  // 3. Scope, frequency and fields (R4.3). The month's system queries are read once, for the
  //    analysis and for the reconciliation, which also needs a margin of days around the month.
  Reconciler reconciler(s, month);
  std::vector<Query> queries;
  for_each_system_query(s, reconciler.first_day(), reconciler.last_day(), [&](const SystemQuery& q) {
    reconciler.add(q);
    if (const Date day = taiwan_date(q.at); day >= from && day <= to)
      queries.push_back({q.account, q.item, q.at, q.subject_hmac, q.subject_masked, q.fields});
  });
  const bool from_system_log = !queries.empty();
  if (!from_system_log) queries = usage_queries(s, from, to);
  {
    bool ok = true;
    if (!from_system_log) {
      ok = false;
      evidence(3, "本月未匯入系統稽核日誌（R4.3：每月下載稽核日誌），以下依使用日誌統計");
    }
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
    for (const auto& line : beyond_grant) {
      ok = false;
      evidence(3, line);
    }
    for (const auto& line : beyond_need) {
      ok = false;
      evidence(3, line);
    }
    if (from_system_log) {
      const auto r = reconciler.finish();
      if (!r.unlogged.empty()) {
        ok = false;
        evidence(3, fmt::format("系統稽核日誌中有 {} 筆查詢無對應之使用日誌", r.unlogged.size()));
      }
      if (!r.unused.empty()) evidence(3, fmt::format("使用日誌中有 {} 筆無對應之系統查詢", r.unused.size()));
    }
    const Names name_of(s);
    for (const auto& [login, count] : per_user) audit.by_user.push_back({login, name_of(login), count});
    audit.by_item = count_rows(per_item, [](int i) {
      const auto item = static_cast<Item>(i);
      return std::pair{std::string(item_name(item)), std::string(item_chinese_name(item))};
    });
    audit.by_hour = count_rows(per_hour, [](int hour) {
      const auto h = fmt::format("{:02}", hour);
      return std::pair{h, h + ":00"};
    });
    audit.by_weekday = count_rows(per_weekday, [](int d) {
      return std::pair{fmt::format("{} {}", d, weekday_keys[d]), std::string(weekday_labels[d])};
    });
    // Frequency: a user far above the peers' median (median + 3 × MAD, and at least twice it).
    if (audit.by_user.size() >= 3) {
      std::vector<double> counts;
      for (const auto& r : audit.by_user) counts.push_back(static_cast<double>(r.count));
      const double m = median(counts);
      std::vector<double> deviations;
      for (const double c : counts) deviations.push_back(std::abs(c - m));
      const double mad = std::max(median(deviations), 1.0);
      for (const auto& r : audit.by_user)
        if (r.count > m + 3 * mad && r.count >= 2 * m)
          audit.outliers.push_back(fmt::format("{}（{}）本月查詢 {} 次，高於同仁中位數 {:g} 次（離群）", r.label, r.key,
                                               r.count, m));
    }
    if (off_hours > 0)
      audit.outliers.push_back(fmt::format("非上班時間（{:02}:00–{:02}:00 以外）查詢 {} 次", rules.office_hours_start,
                                           rules.office_hours_end, off_hours));
    if (weekend > 0) audit.outliers.push_back(fmt::format("週末查詢 {} 次", weekend));
    // A subject looked at by two accounts or more, in subject order, each account once.
    std::sort(looks.begin(), looks.end(),
              [](const Look& a, const Look& b) { return std::tie(a.subject, a.login) < std::tie(b.subject, b.login); });
    for (auto first = looks.begin(); first != looks.end();) {
      const auto last = std::find_if(first, looks.end(), [&](const Look& l) { return l.subject != first->subject; });
      std::vector<std::string_view> accounts;
      for (auto l = first; l != last; ++l)
        if (accounts.empty() || accounts.back() != l->login) accounts.push_back(l->login);
      if (accounts.size() >= 2)
        audit.outliers.push_back(fmt::format("查詢對象 {} 由 {} 位使用者查詢（{}）", std::prev(last)->mask, accounts.size(),
                                             fmt::join(accounts, ", ")));
      first = last;
    }
    evidence(3, fmt::format("本月查詢 {} 次，使用者 {} 人{}", queries.size(), audit.by_user.size(),
                            audit.outliers.empty() ? "，無異常情形" : fmt::format("，異常情形 {} 項，須說明", audit.outliers.size())));
    propose(3, ok);
  }

  // 4. Security measures: the usage log checked and signed, the journal intact and sealed,
  //    data destroyed on time, duties separated.
  {
    bool ok = true;
    const auto findings = check_entries(s, month);
    if (!findings.empty()) {
      ok = false;
      evidence(4, fmt::format("使用日誌檢核缺失 {} 項（qlog check）", findings.size()));
    }
    const auto signoffs = usage_store::signoffs_of(s.store, month);
    if (signoffs.size() < 3) {
      ok = false;
      evidence(4, fmt::format("本月日誌表（附件一）簽章 {}/3（承辦人員、秘書、主任）", signoffs.size()));
    }
    int overdue = 0;
    for (const auto& d : list_data(s, true))
      if (d.overdue) ++overdue;
    if (overdue > 0) {
      ok = false;
      evidence(4, fmt::format("逾期未銷毀之查詢資料 {} 件（R3.7）", overdue));
    }
    // "Unchecked journal": the month must have been sealed. The full recomputation is audit verify
    // (and Annex 3), not every draft: on a county's journal it takes minutes.
    if (audit_store::checkpoints_between(s.store, from, to) == 0) {
      ok = false;
      evidence(4, "本月未封存日誌檢查點（audit seal），日誌未經檢查");
    } else {
      evidence(4, "本月已封存日誌檢查點（audit seal）；完整驗證以 audit verify 為之");
    }
    for (const auto& line : separation_findings(s, from, to)) {
      ok = false;
      evidence(4, line);
    }
    for (const auto& recorder : audit_store::audit_recorders(s.store, month))
      if (std::any_of(queries.begin(), queries.end(), [&](const Query& q) { return q.login == recorder; })) {
        ok = false;
        evidence(4, fmt::format("稽核人員 {} 稽核本人之查詢（職務分離）", recorder));
      }
    propose(4, ok);
  }

  for (const auto& [item, record] : audit_store::audit_records(s.store, month)) {
    audit.items[item - 1].recorded = parse_verdict(record.first);
    audit.items[item - 1].note = record.second;
  }
  audit.signoffs = audit_store::audit_signoffs(s.store, month);
  audit.checkpoint = footer_checkpoint(s);
  return audit;
}

void record_audit(Session& s, Month month, int item, Verdict result, const std::string& note) {
  require_permission(s.store, s.actor, "audit.record");
  if (item < 1 || item > 4) throw RejectedInput(fmt::format("--item must be 1 to 4, not {}", item));
  if (note.empty()) throw RejectedInput("a judgement needs a --note (辦理情形說明)");
  if (month.first() > today(s)) throw RejectedInput(fmt::format("{} has not begun", month.text()));
  WriteTransaction tx(s.store, s.actor, "audit.record", s.now);
  audit_store::upsert_audit_record(tx, month, item, result, note);
  tx.commit();
}

void sign_audit(Session& s, Month month, AuditRole role) {
  // Annex 2's sign-off line: 稽核人員 · 股長 · 秘書 · 主任 (the head of office).
  static constexpr Role needs[] = {Role::auditor, Role::chief, Role::secretary, Role::head};
  require_role(s.store, s.actor, needs[static_cast<int>(role)]);
  if (month.first() > today(s)) throw RejectedInput(fmt::format("{} has not begun", month.text()));
  if (audit_store::audit_signoff_exists(s.store, month, role))
    throw RejectedInput(fmt::format("the {} audit record is signed by its {} already", month.text(), audit_role_name(role)));
  WriteTransaction tx(s.store, s.actor, "audit.sign", s.now);
  audit_store::insert_audit_signoff(tx, month, role, footer_checkpoint(s));
  tx.commit();
}

// --- Annex 3 ---

Supervision supervision(Session& s, int year) {
  if (year < 1912 || year > today(s).year)
    throw RejectedInput(fmt::format("--year {} is not a year of the records (use e.g. {})", year, today(s).year));
  Supervision sup;
  if (const auto office = account_store::load_office(s.store)) sup.office_name = office->name;
  sup.year = year;
  sup.audit_date = today(s);
  const Date first{year, 1, 1}, last{year, 12, 31};
  const Date until = std::min(last, today(s));
  for (int i = 0; i < 6; ++i) sup.items[i].number = i + 1;
  for (std::size_t i = 0; i < official_items.size(); ++i) sup.items[i].title = std::string(official_items[i]);
  auto& items = sup.items;

  // 1. Applications.
  items[0].yes = true;
  for (const auto& a : audit_store::approved_applications(s.store, until)) {
    if (!a.head_on || !a.county_on || !a.agency_on) {
      items[0].yes = false;
      items[0].evidence.push_back(fmt::format("{} 的帳號缺少核准階段", a.login));
    }
    for (const auto& by : {a.head_by, a.county_by, a.agency_by})
      if (by && *by == a.login) {
        items[0].yes = false;
        items[0].evidence.push_back(fmt::format("{} 自行登錄本人帳號之核准（職務分離）", a.login));
        break;
      }
  }
  if (items[0].yes) items[0].evidence.push_back("帳號均經主任、民政處、移民署三級核准");

  // 2. Duty changes.
  const auto late = late_terminations(s, first, until);
  items[1].yes = late.empty();
  for (const auto& t : late) items[1].evidence.push_back(late_termination_evidence(t));
  for (const auto& p : due(s, std::nullopt))
    if (p.overdue) {
      items[1].yes = false;
      items[1].evidence.push_back(fmt::format("{} 應於 {} 前終止，尚未終止", p.user.login, format_date(p.change.deadline_on)));
    }
  if (items[1].yes) items[1].evidence.push_back("職務異動均於期限內終止帳號");

  // 3. Monthly audits of scope, frequency and fields: every month that has ended since the
  //    first account was approved.
  const auto recorded = audit_store::months_with_record(s.store, 3);
  std::optional<Date> first_account;
  for (const auto& a : audit_store::approved_applications(s.store, until))
    if (a.agency_on && (!first_account || *a.agency_on < *first_account)) first_account = a.agency_on;
  std::vector<std::string> missing;
  for (int m = 1; m <= 12 && first_account; ++m) {
    const Month month{year, m};
    if (month.last() >= today(s)) break;
    if (month.last() < *first_account) continue;
    if (std::find(recorded.begin(), recorded.end(), month.text()) == recorded.end()) missing.push_back(month.text());
  }
  items[2].yes = missing.empty();
  items[2].evidence.push_back(missing.empty() ? std::string("各月均已作成稽核紀錄（附件二第三項）")
                                              : fmt::format("未作成稽核紀錄之月份：{}", fmt::join(missing, "、")));

  // 4. Security measures.
  const auto verification = verify(s, {});
  items[3].yes = verification.ok();
  items[3].evidence.push_back(verification.ok() ? fmt::format("日誌雜湊鏈驗證通過（{} 筆）", verification.records)
                                                : "日誌雜湊鏈驗證失敗：" + verification.problems.front());
  int overdue = 0;
  for (const auto& d : list_data(s, true))
    if (d.overdue) ++overdue;
  if (overdue > 0) {
    items[3].yes = false;
    items[3].evidence.push_back(fmt::format("逾期未銷毀之查詢資料 {} 件", overdue));
  }
  for (const auto& line : separation_findings(s, first, until)) {
    items[3].yes = false;
    items[3].evidence.push_back(line);
  }

  // 5. Logs kept at least five years (R4.1).
  const int years = s.config.rules.log_retention_years;
  const auto deleted = audit_store::usage_rows_deleted_outside_purge(s.store);
  items[4].yes = years >= 5 && deleted == 0;
  items[4].evidence.push_back(fmt::format("保存年限設定 {} 年", years));
  if (deleted > 0) items[4].evidence.push_back(fmt::format("日誌有 {} 筆非經銷毀程序刪除", deleted));

  // 6. At least two unannounced audits a year (R4.2).
  const auto done = audit_store::conducted(s.store, year);
  const int needed = s.config.rules.unannounced_audits_per_year;
  items[5].yes = static_cast<int>(done.size()) >= needed;
  items[5].evidence.push_back(fmt::format("本年度不定期稽核 {} 次{}", done.size(),
                                          items[5].yes ? "" : fmt::format("，少於 {} 次", needed)));
  for (const auto& a : done) items[5].evidence.push_back(fmt::format("{}（{}）", format_date(a.on), fmt::join(a.team, ", ")));
  sup.checkpoint = footer_checkpoint(s);
  return sup;
}

// --- unannounced audits (R4.2) ---

std::vector<Date> plan_audits(Session& s, int year, int count) {
  require_permission(s.store, s.actor, "audit.plan");
  const int needed = s.config.rules.unannounced_audits_per_year;
  if (count < needed)
    throw RejectedInput(fmt::format("--count {} is below {} (R4.2: at least two unannounced audits a year)", count, needed));
  if (year < today(s).year) throw RejectedInput(fmt::format("{} is over", year));
  if (year > 9999) throw RejectedInput(fmt::format("--year {} is not a year", year));
  if (!audit_store::planned(s.store, year).empty())
    throw RejectedInput(fmt::format("the audits of {} are drawn already", year), "see: audit plan --year " + std::to_string(year) + " --show");
  // Any configured calendar counts here, whatever the deadline counting: no audit on a holiday.
  const HolidayCalendar calendar = s.config.rules.holiday_calendar.empty()
                                       ? HolidayCalendar{}
                                       : load_holiday_calendar(s.config.rules.holiday_calendar);
  std::vector<Date> working;
  for (Date d = std::max(Date{year, 1, 1}, add_days(today(s), 1)); d <= Date{year, 12, 31}; d = add_days(d, 1))
    if (calendar.is_working_day(d)) working.push_back(d);
  if (static_cast<int>(working.size()) < count)
    throw RejectedInput(fmt::format("only {} working days are left in {}", working.size(), year));
  std::random_device entropy;  // unannounced: nobody can predict the draw
  std::mt19937_64 generator(entropy());
  std::vector<Date> drawn;
  std::sample(working.begin(), working.end(), std::back_inserter(drawn), count, generator);
  WriteTransaction tx(s.store, s.actor, "audit.plan", s.now);
  for (const Date d : drawn) audit_store::insert_plan(tx, year, d);
  tx.commit();
  return drawn;
}

std::vector<Date> planned_audits(Session& s, int year) {
  require_role(s.store, s.actor, Role::auditor);  // the plan is shown only to auditors
  return audit_store::planned(s.store, year);
}

void conduct_audit(Session& s, Date on, const std::vector<std::string>& team, const std::optional<std::string>& note) {
  require_permission(s.store, s.actor, "audit.conduct");
  if (on > today(s)) throw RejectedInput(fmt::format("the audit date {} lies in the future", format_date(on)));
  if (team.empty()) throw RejectedInput("--team needs at least one login");
  for (const auto& login : team)
    if (!account_store::find_user(s.store, login)) throw RejectedInput(fmt::format("unknown user {} in --team", login));
  WriteTransaction tx(s.store, s.actor, "audit.conduct", s.now);
  audit_store::insert_conducted(tx, on, team, note);
  tx.commit();
}

std::vector<ConductedAudit> conducted_audits(Session& s, int year) { return audit_store::conducted(s.store, year); }

// --- incidents (R5, R6) ---

std::int64_t add_incident(Session& s, const std::string& login, const std::string& kind, const std::string& description,
                          const std::optional<std::string>& action) {
  require_permission(s.store, s.actor, "audit.incident");
  const auto user = account_store::find_user(s.store, login);
  if (!user) throw RejectedInput(fmt::format("unknown user {}", login));
  if (kind != "violation" && kind != "pdpa-breach")
    throw RejectedInput(fmt::format("unknown kind \"{}\" (use violation or pdpa-breach)", kind));
  if (description.empty()) throw RejectedInput("an incident needs a --desc");
  if (action && *action != "suspend" && *action != "terminate")
    throw RejectedInput(fmt::format("unknown action \"{}\" (use suspend or terminate)", *action));
  WriteTransaction tx(s.store, s.actor, "audit.incident", s.now);
  const auto id = audit_store::insert_incident(tx, Incident{0, login, kind, description, action, s.now, {}});
  // R5: suspend or terminate through acct's own rules.
  if (action && *action == "suspend") detail::suspend_in(tx, s, *user, fmt::format("incident #{}: {}", id, kind));
  if (action && *action == "terminate") {
    if (user->status != AccountStatus::active && user->status != AccountStatus::suspended)
      throw RejectedInput(fmt::format("cannot terminate {}: the account is {}", login, status_name(user->status)));
    detail::terminate_in(tx, s, *user, TerminationReason::violation, today(s));
  }
  tx.commit();
  return id;
}

void refer_incident(Session& s, std::int64_t id, const std::string& to, Date on, const std::optional<std::string>& ref) {
  require_permission(s.store, s.actor, "audit.incident");
  if (!audit_store::incident_exists(s.store, id)) throw RejectedInput(fmt::format("no incident #{}", id));
  if (to != "head" && to != "ethics" && to != "judiciary")
    throw RejectedInput(fmt::format("unknown referral \"{}\" (use head, ethics or judiciary)", to));
  if (on > today(s)) throw RejectedInput(fmt::format("the referral date {} lies in the future", format_date(on)));
  WriteTransaction tx(s.store, s.actor, "audit.incident", s.now);
  audit_store::insert_referral(tx, id, Referral{to, on, ref});
  tx.commit();
}

std::vector<Incident> incidents(Session& s) { return audit_store::load_incidents(s.store); }

// --- reports ---

std::vector<ReportRow> usage_report(Session& s, std::optional<Date> from, std::optional<Date> to, ReportBy by) {
  const Names name_of(s);
  const auto label_of = [&](const std::string& key) -> std::pair<std::string, std::string> {
    switch (by) {
      case ReportBy::user: return {key, name_of(key)};
      case ReportBy::item: {
        const Item item = parse_item(key);
        return {key, std::string(item_chinese_name(item))};
      }
      case ReportBy::month: return {key, key};
      case ReportBy::hour: return {key, key + ":00"};
      case ReportBy::weekday: {
        const int d = key.empty() ? 0 : key[0] - '0';
        return {fmt::format("{} {}", d, weekday_keys[d]), std::string(weekday_labels[d])};
      }
    }
    return {key, key};
  };
  // Counted in SQL: a year of a county's log is millions of rows.
  std::map<std::string, ReportRow> rows;
  for (const auto& [key, count] : audit_store::grouped_counts(s.store, "usage_entries", by, from, to)) {
    auto [k, label] = label_of(key);
    auto& row = rows[k];
    row.key = k;
    row.label = label;
    row.entries = count;
  }
  for (const auto& [key, count] : audit_store::grouped_counts(s.store, "system_queries", by, from, to)) {
    auto [k, label] = label_of(key);
    auto& row = rows[k];
    row.key = k;
    row.label = label;
    row.queries = count;
  }
  std::vector<ReportRow> list;
  for (auto& [key, row] : rows) list.push_back(std::move(row));
  return list;
}

}  // namespace imcomply
