#pragma once
// acct migrate --to URI (spec §10): an office's file moved into the central store, its journal
// still verifiable from the file's head.
#include <chrono>
#include <cstdint>
#include <string>

#include "imcomply/integrity.hpp"
#include "imcomply/session.hpp"

namespace imcomply {

struct Migration {
  std::string office;        ///< the tenant made: the file's office code
  std::string server;        ///< the URI, its password hidden
  std::int64_t rows = 0;     ///< rows copied, journal records not counted
  std::int64_t records = 0;  ///< journal records copied
  Anchor head;               ///< the tenant's journal head: the file's
  Verification check;        ///< audit verify of the tenant, once committed
};

/// Copies the session's office file into a new tenant of the central store at `uri`: every row
/// with its id and every journal record as it is, the chain starting where the file's kept
/// records start, in one transaction on the server. Needs admin (or root) on the file, a journal
/// that verifies, and a server role that may create tenants (the central store's owner); the
/// file is left as it was. Then verifies the tenant as audit verify would.
Migration migrate_to_server(Session& s, const std::string& uri, std::chrono::milliseconds wait);

}  // namespace imcomply
