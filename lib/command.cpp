#include "imcomply/command.hpp"

#include <array>

namespace imcomply {
namespace {

struct CommandInfo {
  Command command;
  std::string_view name;
  std::optional<Role> role;
};

/// One row per Command, in the enum's order (checked at compile time below).
constexpr std::array commands = {
    CommandInfo{Command::acct_init, "acct.init", std::nullopt},  // creates the database and its first administrator
    CommandInfo{Command::acct_add, "acct.add", Role::admin},
    CommandInfo{Command::acct_role, "acct.role", Role::admin},
    CommandInfo{Command::acct_deputy, "acct.deputy", Role::admin},
    CommandInfo{Command::acct_apply, "acct.apply", Role::admin},
    CommandInfo{Command::acct_approve, "acct.approve", Role::admin},
    CommandInfo{Command::acct_change, "acct.change", Role::admin},
    CommandInfo{Command::acct_terminate, "acct.terminate", Role::admin},
    CommandInfo{Command::acct_cert_lost, "acct.cert-lost", Role::admin},
    CommandInfo{Command::acct_suspend, "acct.suspend", Role::admin},
    CommandInfo{Command::acct_reinstate, "acct.reinstate", Role::admin},
    CommandInfo{Command::acct_agency_register, "acct.agency.register", Role::admin},
    CommandInfo{Command::acct_agency_approve, "acct.agency.approve", Role::admin},
    CommandInfo{Command::acct_review_start, "acct.review.start", Role::admin},
    CommandInfo{Command::acct_review_decide, "acct.review.decide", Role::admin},
    CommandInfo{Command::acct_review_close, "acct.review.close", Role::admin},
    CommandInfo{Command::acct_backup, "acct.backup", Role::admin},
    CommandInfo{Command::acct_migrate, "acct.migrate", Role::admin},
    CommandInfo{Command::acct_handover, "acct.handover", Role::admin},
    CommandInfo{Command::qlog_import, "qlog.import", Role::admin},
    // One's own entries, or an administrator's for anyone (spec §6).
    CommandInfo{Command::qlog_open, "qlog.open", std::nullopt},
    CommandInfo{Command::qlog_close, "qlog.close", std::nullopt},
    CommandInfo{Command::qlog_add, "qlog.add", std::nullopt},
    CommandInfo{Command::qlog_data_add, "qlog.data.add", std::nullopt},
    // A sign-off needs the role it is signed as.
    CommandInfo{Command::qlog_sign, "qlog.sign", std::nullopt},
    CommandInfo{Command::audit_sign, "audit.sign", std::nullopt},
    CommandInfo{Command::audit_import, "audit.import", Role::auditor},
    CommandInfo{Command::audit_record, "audit.record", Role::auditor},
    CommandInfo{Command::audit_plan, "audit.plan", Role::auditor},
    CommandInfo{Command::audit_conduct, "audit.conduct", Role::auditor},
    CommandInfo{Command::audit_incident, "audit.incident", Role::auditor},
    CommandInfo{Command::audit_seal, "audit.seal", Role::auditor},
    CommandInfo{Command::audit_keygen, "audit.keygen", Role::auditor},
    CommandInfo{Command::purge_run, "purge", Role::admin},
    CommandInfo{Command::purge_hold, "purge.hold", Role::admin},
    CommandInfo{Command::purge_confirm, "purge.confirm", Role::admin},
    // The county's database (spec §9) has its own roster and roles (admin, supervisor): its
    // commands are checked against that roster (require_permission, lib/county_store.cpp).
    CommandInfo{Command::county_init, "county.init", std::nullopt},
    CommandInfo{Command::county_office_add, "county.office.add", std::nullopt},
    CommandInfo{Command::county_collect, "county.collect", std::nullopt},
};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < commands.size(); ++i)
    if (static_cast<std::size_t>(commands[i].command) != i) return false;
  return static_cast<std::size_t>(Command::county_collect) + 1 == commands.size();
}
static_assert(in_enum_order(), "one row per Command, in the enum's order");

}  // namespace

std::string_view command_name(Command command) { return commands[static_cast<std::size_t>(command)].name; }

std::optional<Role> command_role(Command command) { return commands[static_cast<std::size_t>(command)].role; }

}  // namespace imcomply
