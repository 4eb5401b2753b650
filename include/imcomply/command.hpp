#pragma once
// Every command that writes, named once (issue 11): its name in the journal, the role it needs
// (spec §6), and so the check its write transaction makes. Read-only commands have no entry: they
// need no role.
#include <optional>
#include <string_view>

namespace imcomply {

/// The roles of spec §6.
enum class Role { admin, auditor, head, secretary, chief, officer };

enum class Command {
  acct_init,
  acct_add,
  acct_role,
  acct_deputy,
  acct_apply,
  acct_approve,
  acct_change,
  acct_terminate,
  acct_cert_lost,
  acct_suspend,
  acct_reinstate,
  acct_agency_register,
  acct_agency_approve,
  acct_review_start,
  acct_review_decide,
  acct_review_close,
  acct_backup,
  acct_migrate,
  acct_handover,
  qlog_import,
  qlog_open,
  qlog_close,
  qlog_add,
  qlog_data_add,
  qlog_sign,
  audit_sign,
  audit_import,
  audit_record,
  audit_plan,
  audit_conduct,
  audit_incident,
  audit_seal,
  audit_keygen,
  purge_run,
  purge_hold,
  purge_confirm,
  county_init,
  county_office_add,
  county_collect,
};

/// The name the journal records ("acct.add", "purge"): stable, since old records carry it.
std::string_view command_name(Command command);

/// The role `command` needs; nullopt for a command the core checks case by case (acct init makes
/// the first administrator; one's own usage entries or an administrator's; a sign-off's role).
std::optional<Role> command_role(Command command);

}  // namespace imcomply
