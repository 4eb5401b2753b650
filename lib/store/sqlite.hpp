#pragma once
// lib/ only: the SQLite backend of the SQL interface, over SQLiteCpp.
#include <memory>

#include <SQLiteCpp/SQLiteCpp.h>

#include "store/sql.hpp"

namespace imcomply::sql {

/// A Connection over an open SQLite::Database, which must outlive it.
std::unique_ptr<Connection> sqlite_connection(SQLite::Database& db);

}  // namespace imcomply::sql
