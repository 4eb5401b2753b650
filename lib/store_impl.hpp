#pragma once
// lib/ only: the SQLite connection behind Store.
#include <filesystem>
#include <optional>
#include <string_view>

#include <SQLiteCpp/SQLiteCpp.h>

#include "imcomply/journal.hpp"
#include "imcomply/store.hpp"

namespace imcomply {

struct Store::Impl {
  std::filesystem::path path;
  SQLite::Database db;
};

/// A row's columns as the journal digests them (SELECT * order, NULL kept); nullopt when gone.
/// The journal and verify both read rows through here, so they can never disagree.
std::optional<FieldList> read_row(SQLite::Database& db, std::string_view table, std::int64_t rowid);

}  // namespace imcomply
