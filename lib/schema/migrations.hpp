#pragma once
// lib/ only: the numbered migrations of lib/schema/*.sql, embedded at build time.
#include <string_view>
#include <vector>

namespace imcomply::schema {

/// Step N (0-based) takes user_version N to N + 1.
const std::vector<std::string_view>& migrations();
/// The same for a county's database (lib/schema/county/*.sql), a list of its own.
const std::vector<std::string_view>& county_migrations();
/// The central store's (lib/schema/postgres/*.sql), on a PostgreSQL server: imcomply.meta's version.
const std::vector<std::string_view>& central_migrations();

}  // namespace imcomply::schema
