#pragma once
// The internal audit team's work (R4.2–R4.5, R5, R6): the monthly record (Annex 2), the
// supervision checklist (Annex 3), unannounced audits, incidents and usage reports. The forms'
// answers come from the evaluators of questions.hpp, one per official question.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "imcomply/questions.hpp"
#include "imcomply/usage.hpp"

namespace imcomply {

enum class Verdict { conform, nonconform };  ///< 符合 / 不符
std::string_view verdict_name(Verdict v);    ///< "conform" | "nonconform"
Verdict parse_verdict(std::string_view text);

/// One of Annex 2's four items: what the records say, and what the auditor recorded.
struct AuditItem {
  int number = 0;            ///< 1..4
  std::string title;         ///< the official text, e.g. 帳號申請是否依規定辦理。
  Verdict proposed{};        ///< drafted from the evidence
  std::vector<std::string> evidence;  ///< one line each, shown under 辦理情形說明
  std::optional<Verdict> recorded;    ///< the auditor's judgement (audit record)
  std::optional<std::string> note;
  /// What the form says: the auditor's judgement when recorded, else the draft's.
  Verdict result() const { return recorded.value_or(proposed); }
};

enum class AuditRole { auditor, chief, secretary, director };  ///< 稽核人員 · 股長 · 秘書 · 主任
std::string_view audit_role_name(AuditRole role);
AuditRole parse_audit_role(std::string_view text);

struct AuditSignoff {
  AuditRole role{};
  std::string login;
  std::string name;
  Instant signed_at{};  ///< the newest signature of this role (signed again after a change)
  bool stale = false;   ///< the record changed after this signature (簽核後異動)
};

/// Annex 2 (應用移民資訊內部稽核紀錄表) drafted for a month, with its usage summary.
struct MonthlyAudit {
  std::string office_name;
  Month month;
  std::array<AuditItem, 4> items;
  std::vector<CountRow> by_user, by_item, by_hour, by_weekday;  ///< queries (system log, else usage log)
  std::vector<std::string> outliers;  ///< far above peers, off-hours, weekends, one subject by several, fields beyond necessity
  std::vector<AuditSignoff> signoffs;
  std::vector<FormChange> after_signing;  ///< changes since signing that not every signer has signed again
  std::optional<std::string> checkpoint;  ///< the latest seal (else the journal head), "SEQ:HASH"
};
/// Annex 2 for a month: items 1–4 are the evaluators' answers over the month, the summary item 3's analysis.
MonthlyAudit monthly_audit(Session& s, Month month);
/// The auditor's judgement of one item (1..4), replacing an earlier one; once the month's record
/// has a sign-off, only `after` signing with a reason (spec §4, signed_forms.hpp).
void record_audit(Session& s, Month month, int item, Verdict result, const std::string& note,
                  const std::optional<AfterSigning>& after = std::nullopt);
/// The sign-off of the month's record by the person holding that role (auditor, chief, secretary,
/// director = head): once, and again only after the record changed under the signature.
void sign_audit(Session& s, Month month, AuditRole role);

/// One of Annex 3's six questions, answered 是 (yes) or 否 (no) from the records.
struct SupervisionItem {
  int number = 0;
  std::string title;
  bool yes = false;
  std::vector<std::string> evidence;
};
/// Annex 3 (應用移民資訊內部稽核辦理情形紀錄表) for a year.
struct Supervision {
  std::string office_name;
  int year = 0;
  Date audit_date{};  ///< today, as the form's 稽核日期
  std::array<SupervisionItem, 6> items;
  std::optional<std::string> checkpoint;
};
/// Annex 3 for a year (to today, in the current year): the six evaluators' answers.
Supervision supervision(Session& s, int year);

// --- unannounced audits (R4.2) ---

/// Draws `count` (≥ the configured minimum, 2) random working dates of `year` not yet past (auditor).
std::vector<Date> plan_audits(Session& s, int year, int count);
/// The dates drawn for `year`: shown only to auditors.
std::vector<Date> planned_audits(Session& s, int year);
struct ConductedAudit {
  std::int64_t id = 0;
  Date on{};
  std::vector<std::string> team;
  std::optional<std::string> note;
};
void conduct_audit(Session& s, Date on, const std::vector<std::string>& team, const std::optional<std::string>& note);
std::vector<ConductedAudit> conducted_audits(Session& s, int year);

// --- incidents (R5, R6) ---

struct Referral {
  std::string to;  ///< head | ethics | judiciary
  Date on{};
  std::optional<std::string> ref;
};
struct Incident {
  std::int64_t id = 0;
  std::string login;
  std::string kind;  ///< violation | pdpa-breach
  std::string description;
  std::optional<std::string> action;  ///< suspend | terminate, carried out through acct's rules
  Instant recorded_at{};
  std::vector<Referral> referrals;
};
/// Records an incident (auditor); `action` suspends or terminates the account (reason violation).
std::int64_t add_incident(Session& s, const std::string& login, const std::string& kind, const std::string& description,
                          const std::optional<std::string>& action);
void refer_incident(Session& s, std::int64_t id, const std::string& to, Date on, const std::optional<std::string>& ref);
std::vector<Incident> incidents(Session& s);

// --- reports ---

enum class ReportBy { user, item, month, hour, weekday };
ReportBy parse_report_by(std::string_view text);
/// Usage-log entries and system queries counted by `by` over [from, to].
struct ReportRow {
  std::string key, label;
  std::int64_t entries = 0;
  std::int64_t queries = 0;
};
std::vector<ReportRow> usage_report(Session& s, std::optional<Date> from, std::optional<Date> to, ReportBy by);

}  // namespace imcomply
