#pragma once
// lib/ only: the SQL behind audit.cpp.
#include <optional>
#include <tuple>
#include <string>
#include <vector>

#include "imcomply/audit.hpp"
#include "imcomply/roles.hpp"

namespace imcomply::audit_store {

struct ApprovalRecord {
  std::string login;
  std::optional<Date> head_on, county_on, agency_on;
  std::string applied_by;
  std::optional<std::string> head_by, county_by, agency_by;
};
/// Applications the Agency approved on or before `until`.
std::vector<ApprovalRecord> approved_applications(Store& store, Date until);

struct LateNotice {
  std::string login;
  Instant lost_at{};
  std::optional<Instant> notified_at;
};
std::vector<LateNotice> cert_losses_between(Store& store, Date from, Date to);

std::vector<std::pair<int, std::pair<std::string, std::string>>> audit_records(Store& store, const Month& month);
void upsert_audit_record(WriteTransaction& tx, const Month& month, int item, Verdict result, const std::string& note);
std::vector<AuditSignoff> audit_signoffs(Store& store, const Month& month);
bool audit_signoff_exists(Store& store, const Month& month, AuditRole role);
void insert_audit_signoff(WriteTransaction& tx, const Month& month, AuditRole role, const std::optional<std::string>& checkpoint);
/// Months (YYYY-MM) with a recorded judgement of item `item`.
std::vector<std::string> months_with_record(Store& store, int item);
/// Who recorded the audit of a month (any item).
std::vector<std::string> audit_recorders(Store& store, const Month& month);

std::vector<Date> planned(Store& store, int year);
void insert_plan(WriteTransaction& tx, int year, Date on);
std::vector<ConductedAudit> conducted(Store& store, int year);
void insert_conducted(WriteTransaction& tx, Date on, const std::vector<std::string>& team, const std::optional<std::string>& note);

std::int64_t insert_incident(WriteTransaction& tx, const Incident& incident);
bool incident_exists(Store& store, std::int64_t id);
void insert_referral(WriteTransaction& tx, std::int64_t incident_id, const Referral& referral);
std::vector<Incident> load_incidents(Store& store);

/// Counts of usage-log entries ("usage_entries") or system queries ("system_queries") in
/// [from, to], grouped by `by` in SQL: (key, count), keys as ReportRow's.
std::vector<std::pair<std::string, std::int64_t>> grouped_counts(Store& store, std::string_view table, ReportBy by,
                                                                 std::optional<Date> from, std::optional<Date> to);

/// Sealed checkpoints between two days (their count).
std::int64_t checkpoints_between(Store& store, Date from, Date to);
/// Journal records of usage-log rows deleted other than by a purge run.
std::int64_t usage_rows_deleted_outside_purge(Store& store);
/// Logins holding `role`.
std::vector<std::string> holders(Store& store, Role role);
/// Events where a person recorded a change of their own account, as themself or --as someone else
/// (judged by the OS user who ran it): (login, kind, happened).
std::vector<std::tuple<std::string, std::string, std::string>> self_recorded_events(Store& store);

}  // namespace imcomply::audit_store
