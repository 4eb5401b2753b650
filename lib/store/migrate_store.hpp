#pragma once
// lib/ only: the SQL of acct migrate --to (spec §10): an office's file copied into a new tenant of
// the central store, rows and journal records as they are, in one transaction on the server.
#include <cstdint>
#include <string>

#include "imcomply/store.hpp"

namespace imcomply::migrate_store {

struct Copied {
  std::string office;          ///< the tenant made, the file's office code
  std::int64_t rows = 0;       ///< rows copied, the journal's records not counted
  std::int64_t records = 0;    ///< journal records copied
  std::int64_t head_seq = 0;   ///< the tenant's head after the copy: the file's
  std::string head_hash;
};

/// Creates the tenant of `file`'s office on `server` (whose session must be able to create one),
/// starts its chain where the file's kept records start, and copies every table's rows with their
/// ids and every journal record, in one transaction that takes the server's write lock first. The
/// server's head must end equal to the file's, or nothing is committed.
Copied copy_office(Store& file, Store& server);

}  // namespace imcomply::migrate_store
