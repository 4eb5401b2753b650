#include "imcomply/audit.hpp"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include <fmt/format.h>

#include "store/account_store.hpp"
#include "accounts_internal.hpp"
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

constexpr std::array<std::string_view, 2> verdict_names = {"conform", "nonconform"};
constexpr std::array<std::string_view, 4> audit_role_names = {"auditor", "chief", "secretary", "director"};

Date today(const Session& s) { return taiwan_date(s.now); }

/// The footer of the forms: the latest seal, else the journal's head.
std::optional<std::string> footer_checkpoint(Session& s) {
  if (const auto c = latest_checkpoint(s)) return c->anchor.text();
  return usage_store::journal_head(s.store);
}

}  // namespace

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

// --- Annex 2 ---

MonthlyAudit monthly_audit(Session& s, Month month) {
  const Period period = Period::of(month);
  MonthlyAudit audit;
  if (const auto office = account_store::load_office(s.store)) audit.office_name = office->name;
  audit.month = month;
  auto necessity = necessity_question(s, period);
  const std::array<Answer, 4> answers = {applications_question(s, period), duty_changes_question(s, period),
                                         std::move(necessity.answer), security_question(s, period, ChainCheck::sealed)};
  for (std::size_t i = 0; i < answers.size(); ++i) {
    auto& item = audit.items[i];
    item.number = answers[i].number;
    item.title = std::string(official_item_title(item.number));
    item.proposed = answers[i].conforms ? Verdict::conform : Verdict::nonconform;
    item.evidence = answers[i].evidence;
  }
  if (!necessity.months.empty()) {
    auto& analysis = necessity.months.front();
    audit.by_user = std::move(analysis.by_user);
    audit.by_item = std::move(analysis.by_item);
    audit.by_hour = std::move(analysis.by_hour);
    audit.by_weekday = std::move(analysis.by_weekday);
    audit.outliers = std::move(analysis.outliers);
  }
  for (const auto& [item, record] : audit_store::audit_records(s.store, month)) {
    audit.items[item - 1].recorded = parse_verdict(record.first);
    audit.items[item - 1].note = record.second;
  }
  audit.signoffs = audit_store::audit_signoffs(s.store, month);
  audit.after_signing = signed_forms::apply_state(signed_forms::state_of(s.store, signed_forms::Form::annex2, month),
                                                  audit.signoffs, audit_role_name);
  audit.checkpoint = footer_checkpoint(s);
  return audit;
}

void record_audit(Session& s, Month month, int item, Verdict result, const std::string& note,
                  const std::optional<AfterSigning>& after) {
  WriteTransaction tx(s.store, s.actor, Command::audit_record, s.now);  // checks the role; every rule reads under it
  if (item < 1 || item > 4) throw RejectedInput(fmt::format("--item must be 1 to 4, not {}", item));
  if (note.empty()) throw RejectedInput("a judgement needs a --note (辦理情形說明)");
  if (month.first() > today(s)) throw RejectedInput(fmt::format("{} has not begun", month.text()));
  std::string before = "（未登錄）";
  for (const auto& [number, record] : audit_store::audit_records(s.store, month))
    if (number == item) before = record.first == "conform" ? "符合" : "不符";
  audit_store::upsert_audit_record(tx, month, item, result, note);
  // spec §4: the month's Annex 2 is frozen once signed
  std::vector<signed_forms::Signature> signatures;
  for (const auto& signoff : audit_store::audit_signoffs(s.store, month))
    signatures.push_back({std::string(audit_role_name(signoff.role)), signoff.login, signoff.signed_at});
  signed_forms::guard_change(tx, signed_forms::Form::annex2, month, signatures,
                             fmt::format("第 {} 項稽核結果：{} → {}（{}）", item, before,
                                         result == Verdict::conform ? "符合" : "不符", note),
                             after);
  tx.commit();
}

void sign_audit(Session& s, Month month, AuditRole role) {
  // Annex 2's sign-off line: 稽核人員 · 股長 · 秘書 · 主任 (the head of office).
  static constexpr Role needs[] = {Role::auditor, Role::chief, Role::secretary, Role::head};
  WriteTransaction tx(s.store, s.actor, Command::audit_sign, s.now);
  require_role(s.store, s.actor, needs[static_cast<int>(role)]);
  if (month.first() > today(s)) throw RejectedInput(fmt::format("{} has not begun", month.text()));
  const auto checkpoint = footer_checkpoint(s);
  if (audit_store::audit_signoff_exists(s.store, month, role)) {  // again, only after the record changed (spec §4)
    signed_forms::renew_signature(tx, signed_forms::Form::annex2, month, audit_role_name(role), checkpoint,
                                  "audit record");
  } else {
    audit_store::insert_audit_signoff(tx, month, role, checkpoint);
    signed_forms::cover_changes(tx, signed_forms::Form::annex2, month, audit_role_name(role), checkpoint);
  }
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
  Period period = Period::of(year);
  period.to = std::min(period.to, today(s));
  const std::array<Answer, 6> answers = {applications_question(s, period),    duty_changes_question(s, period),
                                         necessity_question(s, period).answer, security_question(s, period, ChainCheck::recomputed),
                                         retention_question(s, period),       unannounced_audits_question(s, period)};
  for (std::size_t i = 0; i < answers.size(); ++i) {
    auto& item = sup.items[i];
    item.number = answers[i].number;
    item.title = std::string(official_item_title(item.number));
    item.yes = answers[i].conforms;
    item.evidence = answers[i].evidence;
  }
  sup.checkpoint = footer_checkpoint(s);
  return sup;
}

// --- unannounced audits (R4.2) ---

std::vector<Date> plan_audits(Session& s, int year, int count) {
  WriteTransaction tx(s.store, s.actor, Command::audit_plan, s.now);  // first: the checks below read under the lock
  const int needed = s.config.rules.unannounced_audits_per_year;
  if (count < needed)
    throw RejectedInput(fmt::format("--count {} is below {} (R4.2: at least two unannounced audits a year)", count, needed));
  if (year < today(s).year) throw RejectedInput(fmt::format("{} is over", year));
  if (!is_valid(Date{year, 12, 31}))
    throw RejectedInput(fmt::format("--year {} is not a year of the records (dates run from 1912 to 2910)", year));
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
  for (const Date d : drawn) audit_store::insert_plan(tx, year, d);
  tx.commit();
  return drawn;
}

std::vector<Date> planned_audits(Session& s, int year) {
  require_role(s.store, s.actor, Role::auditor);  // the plan is shown only to auditors
  return audit_store::planned(s.store, year);
}

void conduct_audit(Session& s, Date on, const std::vector<std::string>& team, const std::optional<std::string>& note) {
  WriteTransaction tx(s.store, s.actor, Command::audit_conduct, s.now);  // first: the checks below read under the lock
  if (on > today(s)) throw RejectedInput(fmt::format("the audit date {} lies in the future", format_date(on)));
  if (team.empty()) throw RejectedInput("--team needs at least one login");
  for (const auto& login : team)
    if (!account_store::find_user(s.store, login)) throw RejectedInput(fmt::format("unknown user {} in --team", login));
  audit_store::insert_conducted(tx, on, team, note);
  tx.commit();
}

std::vector<ConductedAudit> conducted_audits(Session& s, int year) { return audit_store::conducted(s.store, year); }

// --- incidents (R5, R6) ---

std::int64_t add_incident(Session& s, const std::string& login, const std::string& kind, const std::string& description,
                          const std::optional<std::string>& action) {
  WriteTransaction tx(s.store, s.actor, Command::audit_incident, s.now);  // first: the checks below read under the lock
  const auto user = account_store::find_user(s.store, login);
  if (!user) throw RejectedInput(fmt::format("unknown user {}", login));
  if (kind != "violation" && kind != "pdpa-breach")
    throw RejectedInput(fmt::format("unknown kind \"{}\" (use violation or pdpa-breach)", kind));
  if (description.empty()) throw RejectedInput("an incident needs a --desc");
  if (action && *action != "suspend" && *action != "terminate")
    throw RejectedInput(fmt::format("unknown action \"{}\" (use suspend or terminate)", *action));
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
  WriteTransaction tx(s.store, s.actor, Command::audit_incident, s.now);  // first: the checks below read under the lock
  if (!audit_store::incident_exists(s.store, id)) throw RejectedInput(fmt::format("no incident #{}", id));
  if (to != "head" && to != "ethics" && to != "judiciary")
    throw RejectedInput(fmt::format("unknown referral \"{}\" (use head, ethics or judiciary)", to));
  if (on > today(s)) throw RejectedInput(fmt::format("the referral date {} lies in the future", format_date(on)));
  audit_store::insert_referral(tx, id, Referral{to, on, ref});
  tx.commit();
}

std::vector<Incident> incidents(Session& s) { return audit_store::load_incidents(s.store); }

// --- reports ---

std::vector<ReportRow> usage_report(Session& s, std::optional<Date> from, std::optional<Date> to, ReportBy by) {
  const detail::Names name_of(s);
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
        return {fmt::format("{} {}", d, detail::weekday_keys[d]), std::string(detail::weekday_labels[d])};
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
