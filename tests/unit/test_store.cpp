// The store: private files, one database per init, schema versions, busy and foreign files.
#include <doctest/doctest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <fstream>

#include "fixture.hpp"
#include "imcomply/error.hpp"
#include "imcomply/journal.hpp"

using namespace imcomply;
using test::TempDir;

namespace {

mode_t mode_of(const std::filesystem::path& p) {
  struct stat info {};
  ::stat(p.c_str(), &info);
  return info.st_mode & 0777;
}

void sql(const std::filesystem::path& db, const char* statement) {
  sqlite3* handle = nullptr;
  sqlite3_open(db.c_str(), &handle);
  sqlite3_exec(handle, statement, nullptr, nullptr, nullptr);
  sqlite3_close(handle);
}

constexpr std::chrono::milliseconds short_wait{200};

}  // namespace

TEST_CASE("a new database is private whatever the umask") {
  TempDir dir;
  const mode_t old = ::umask(0);
  { Store::create(dir.path / "a.db", short_wait); }
  ::umask(old);
  CHECK(mode_of(dir.path / "a.db") == 0600);
}

TEST_CASE("create refuses an existing file and leaves it untouched") {
  TempDir dir;
  { std::ofstream(dir.path / "a.db") << "keep me"; }
  CHECK_THROWS_AS(Store::create(dir.path / "a.db", short_wait), RejectedInput);
  std::ifstream in(dir.path / "a.db");
  std::string text;
  std::getline(in, text);
  CHECK(text == "keep me");
}

TEST_CASE("opening a missing database names acct init") {
  TempDir dir;
  CHECK_THROWS_WITH_AS(Store::open(dir.path / "typo.db", short_wait), doctest::Contains("no database at"), StorageError);
  try {
    Store::open(dir.path / "typo.db", short_wait);
  } catch (const StorageError& e) {
    CHECK(e.hint().find("acct init") != std::string::npos);
  }
  CHECK_FALSE(std::filesystem::exists(dir.path / "typo.db"));
}

TEST_CASE("a database others can read is refused with the chmod that fixes it") {
  test::OfficeDb office;
  office.store.reset();
  std::filesystem::permissions(office.db, std::filesystem::perms::others_read, std::filesystem::perm_options::add);
  try {
    Store::open(office.db, short_wait);
    FAIL("opened a world-readable database");
  } catch (const StorageError& e) {
    CHECK(e.hint() == "run: chmod 600 " + office.db.string());
  }
}

TEST_CASE("a file that is not ours is refused as storage") {
  TempDir dir;
  { std::ofstream(dir.path / "notes.db") << "just text, not a database at all, long enough to matter\n"; }
  ::chmod((dir.path / "notes.db").c_str(), 0600);
  CHECK_THROWS_WITH_AS(Store::open(dir.path / "notes.db", short_wait),
                       doctest::Contains(((dir.path / "notes.db").string() + " is not an SQLite database").c_str()), StorageError);
  sql(dir.path / "other.db", "CREATE TABLE t (x)");
  ::chmod((dir.path / "other.db").c_str(), 0600);
  CHECK_THROWS_WITH_AS(Store::open(dir.path / "other.db", short_wait), doctest::Contains("is an SQLite database, but not an imcomply one"),
                       StorageError);
}

TEST_CASE("a schema newer than the program is refused") {
  test::OfficeDb office;
  office.store.reset();
  sql(office.db, "PRAGMA user_version = 99");
  CHECK_THROWS_WITH_AS(Store::open(office.db, short_wait), doctest::Contains("newer than this program"), StorageError);
}

TEST_CASE("the database runs in WAL mode at the current schema version") {
  test::OfficeDb office;
  sqlite3* handle = nullptr;
  sqlite3_open(office.db.c_str(), &handle);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(handle, "PRAGMA journal_mode", -1, &statement, nullptr);
  sqlite3_step(statement);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))) == "wal");
  sqlite3_finalize(statement);
  sqlite3_prepare_v2(handle, "PRAGMA user_version", -1, &statement, nullptr);
  sqlite3_step(statement);
  CHECK(sqlite3_column_int(statement, 0) == schema_version());
  sqlite3_finalize(statement);
  sqlite3_close(handle);
}

TEST_CASE("a writer held off past --wait gets Busy and writes nothing") {
  test::OfficeDb office;
  sqlite3* holder = nullptr;
  sqlite3_open(office.db.c_str(), &holder);
  REQUIRE(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  auto s = office.as();
  try {
    add_user(s, NewUser{"wang", "王小明", std::nullopt, std::nullopt, std::nullopt});
    FAIL("wrote under a held lock");
  } catch (...) {
    CHECK(current_storage_error().status() == ExitStatus::busy);
  }
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  CHECK(list_users(s, std::nullopt).size() == 1);
}

TEST_CASE("a backup is private, refuses an existing file, and opens as the same office") {
  test::OfficeDb office;
  office.active_user("wang", "王小明");
  auto s = office.as();
  const auto copy = office.dir.path / "backup.db";
  backup(s, copy, false);
  CHECK(mode_of(copy) == 0600);
  sqlite3* handle = nullptr;
  sqlite3_open(copy.c_str(), &handle);
  sqlite3_stmt* q = nullptr;
  sqlite3_prepare_v2(handle, "PRAGMA journal_mode", -1, &q, nullptr);
  sqlite3_step(q);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(q, 0))) == "wal");
  sqlite3_finalize(q);
  sqlite3_close(handle);
  CHECK_THROWS_AS(backup(s, copy, false), RejectedInput);
  Store restored = Store::open(copy, short_wait);
  Session r{restored, office.config, Actor{"chen", "root"}, office.now};
  CHECK(show_user(r, "wang").user.status == AccountStatus::active);
}

TEST_CASE("a journal record digests its row as SELECT * gives it: each value with its storage class, NULL kept") {
  test::OfficeDb office;  // init journals the office row (id 1, code, name, created_at)
  sqlite3* handle = nullptr;
  sqlite3_open(office.db.c_str(), &handle);
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(handle,
                     "SELECT j.salt, j.digest, o.code, o.name, o.created_at, j.format FROM journal j JOIN office o "
                     "WHERE j.entity = 'office' AND j.entity_id = '1'",
                     -1, &statement, nullptr);
  REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
  const auto text = [&](int i) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, i))); };
  const std::string salt = text(0);
  CHECK(sqlite3_column_int(statement, 5) == journal_format);
  CHECK(text(1) == row_digest(salt, {Value::of(1), Value::text(text(2)), Value::text(text(3)), Value::text(text(4))}));
  CHECK(text(1) != row_digest(salt, {Value::text("1"), Value::text(text(2)), Value::text(text(3)), Value::text(text(4))}));
  CHECK(text(1) != row_digest(salt, {Value::of(1), Value::blob(text(2)), Value::text(text(3)), Value::text(text(4))}));
  sqlite3_finalize(statement);
  sqlite3_close(handle);
}

TEST_CASE("an office's database and a county's are refused for each other (spec §9)") {
  TempDir dir;
  { Store::create(dir.path / "office.db", short_wait); }
  { Store::create(dir.path / "county.db", short_wait, StoreKind::county); }
  CHECK(Store::open(dir.path / "office.db", short_wait).kind() == StoreKind::office);
  CHECK(Store::open(dir.path / "county.db", short_wait, StoreKind::county).kind() == StoreKind::county);
  try {
    Store::open(dir.path / "county.db", short_wait);
    FAIL("a county's database opened as an office's");
  } catch (const StorageError& e) {
    CHECK(std::string(e.what()).find("is a county's imcomply database, not an office's") != std::string::npos);
  }
  try {
    Store::open(dir.path / "office.db", short_wait, StoreKind::county);
    FAIL("an office's database opened as a county's");
  } catch (const StorageError& e) {
    CHECK(std::string(e.what()).find("is an office's imcomply database, not a county's") != std::string::npos);
  }
}
