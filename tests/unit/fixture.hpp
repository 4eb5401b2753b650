#pragma once
// A temporary office database, built through the public API, for the unit tests.
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "imcomply/accounts.hpp"

namespace imcomply::test {

/// A fresh directory under the system's temp dir, removed afterwards.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "imcomply-test-XXXXXX").string();
    path = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

/// An office whose administrator is chen, with the clock at `now`.
struct OfficeDb {
  TempDir dir;
  std::filesystem::path db = dir.path / "office.db";
  Config config;
  std::optional<Store> store;
  Instant now;

  explicit OfficeDb(std::string_view at = "2026-11-29T10:00") : now(parse_time(at)) {
    init_office(db, std::chrono::milliseconds(1000), Actor{"chen", "root"}, now,
                InitRequest{"10008", "彰化", "chen", "陳大文", std::nullopt});
    store.emplace(Store::open(db, std::chrono::milliseconds(1000)));
  }

  Session as(std::string login = "chen") { return Session{*store, config, Actor{std::move(login), "root"}, now}; }
  void at(std::string_view time) { now = parse_time(time); }

  /// A person with an active account for `items`, approved through the three stages.
  void active_user(const std::string& login, const std::string& name, const std::string& on = "2026-11-01") {
    auto s = as();
    add_user(s, NewUser{login, name, std::nullopt, std::nullopt, std::nullopt});
    apply(s, login, {Item::entry_exit, Item::foreigner}, parse_date(on));
    approve(s, login, Stage::head, parse_date(on), std::nullopt);
    approve(s, login, Stage::county, parse_date(on), std::nullopt);
    approve(s, login, Stage::agency, parse_date(on), std::string("AG-1"));
  }
};

}  // namespace imcomply::test
