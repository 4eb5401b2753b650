#pragma once
// lib/ only: the SQLite connection behind Store.
#include <filesystem>

#include <SQLiteCpp/SQLiteCpp.h>

#include "imcomply/store.hpp"

namespace imcomply {

struct Store::Impl {
  std::filesystem::path path;
  SQLite::Database db;
};

}  // namespace imcomply
