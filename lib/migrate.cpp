#include "imcomply/migrate.hpp"

#include <fmt/format.h>

#include "imcomply/roles.hpp"
#include "store/migrate_store.hpp"

namespace imcomply {

Migration migrate_to_server(Session& s, const std::string& uri, std::chrono::milliseconds wait) {
  require_permission(s.store, s.actor, Command::acct_migrate);
  if (s.store.server_session())
    throw RejectedInput("--db names the central store already; acct migrate --to moves an office's file into it");
  if (!Store::names_server(uri))
    throw RejectedInput("--to is not a postgresql:// URI of the central store",  // not echoed: it may hold a password
                        "e.g. --to 'postgresql:///imcomply?host=/run/postgresql'");
  // Only records that verify move: the tenant's chain is the file's, and verify on the server must
  // be able to say so from the file's head.
  const Verification& file_check = journal_verification(s);
  if (!file_check.ok())
    throw RejectedInput(fmt::format("the file's journal does not verify ({}); nothing was copied", file_check.problems.front()),
                        "see: audit verify");
  Store server = Store::create(uri, wait);
  const auto copied = migrate_store::copy_office(s.store, server);
  Migration m;
  m.office = copied.office;
  m.server = server.path().string();
  m.rows = copied.rows;
  m.records = copied.records;
  m.head = Anchor{copied.head_seq, copied.head_hash};
  const auto session = server.server_session();
  Session there{server, s.config, Actor{"", session ? session->role : ""}, s.now};
  m.check = verify(there, {});
  return m;
}

}  // namespace imcomply
