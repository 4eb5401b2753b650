#include "store/backend.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <thread>

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include "imcomply/install.hpp"
#include "schema/migrations.hpp"
#include "store/sqlite.hpp"
#include "store/store_impl.hpp"

namespace imcomply::store {
namespace {

/// How a connection waits for a lock another process holds, up to --wait. SQLite's own busy
/// timeout sleeps longer the longer it waits (up to 100 ms a try), so a writer of many short
/// transactions — purge's batches while an officer writes — lost the lock to every newcomer and
/// took 6× its time. This one tries again every millisecond or two until the limit has passed.
class BusyWait {
 public:
  explicit BusyWait(std::chrono::milliseconds limit) : limit_(limit) {}
  BusyWait(const BusyWait&) = delete;
  BusyWait& operator=(const BusyWait&) = delete;
  std::chrono::milliseconds limit() const { return limit_; }
  void set_limit(std::chrono::milliseconds limit) { limit_ = limit; }
  /// Installs it as the busy handler of `db`; it must outlive the connection.
  void install(SQLite::Database& db) { sqlite3_busy_handler(db.getHandle(), &BusyWait::again, this); }

 private:
  static int again(void* self, int tries) {
    auto& wait = *static_cast<BusyWait*>(self);
    const auto now = std::chrono::steady_clock::now();
    if (tries == 0) wait.first_try_ = now;
    if (now - wait.first_try_ >= wait.limit_) return 0;  // SQLITE_BUSY: the caller says exit 5
    // Short sleeps at first, for the lock a short transaction frees soon; a little longer after.
    std::this_thread::sleep_for(tries < 20 ? std::chrono::microseconds(500) : std::chrono::microseconds(2000));
    return 1;
  }
  std::chrono::milliseconds limit_;
  std::chrono::steady_clock::time_point first_try_{};
};

const std::vector<std::string_view>& migrations_of(StoreKind kind) {
  return kind == StoreKind::county ? schema::county_migrations() : schema::migrations();
}

std::string init_hint(const std::filesystem::path& path, StoreKind kind = StoreKind::office) {
  if (kind == StoreKind::county)
    return fmt::format("create it with: county init --db {} --county CODE --name NAME --admin LOGIN --admin-name NAME",
                       path.string());
  return fmt::format("create it with: acct init --db {} --office CODE --office-name NAME --admin LOGIN --admin-name NAME",
                     path.string());
}

/// A database others can read would leak the log; refuse it with the fix (spec §1).
void check_private(const std::filesystem::path& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0)
    throw StorageError(fmt::format("cannot open {}: {}", path.string(), std::strerror(errno)));
  if (!S_ISREG(info.st_mode)) throw StorageError(fmt::format("{} is not a regular file", path.string()));
  if (info.st_mode & 0007)
    throw StorageError(fmt::format("{} can be read or written by other users; refusing to use it", path.string()),
                       fmt::format("run: chmod 600 {}", path.string()));
}

/// A setgid install keeps root's -wal and -shm beside the database; staff cannot create them in the
/// directory, so a missing one (removed by a tool that does not persist the WAL) is named here.
void require_install_files(const std::filesystem::path& path) {
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::filesystem::path file = path.string() + suffix;
    std::error_code error;
    if (!std::filesystem::exists(file, error))
      throw StorageError(fmt::format("{} is missing beside the installed database", file.string()),
                         "as root, run examples/install-office-server.sh again (it remakes it); see imcomply(7)");
  }
}

/// SQLite gives a -wal or -shm the database's mode when it creates them: a read of a 0400 file left a
/// 0400 -shm that made the next write, once the file was 0600 again, fail as "read-only". A companion
/// that we may not write while the database is writable is named with its chmod (issue 11).
void require_writable_companions(const std::filesystem::path& path) {
  if (::access(path.c_str(), W_OK) != 0) return;  // the database itself is read-only: reads only
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string file = path.string() + suffix;
    // Only a companion that exists and refuses us: another process may remove its -wal between the
    // two calls (a checkpoint that truncates it), which is no reason to stop.
    if (::access(file.c_str(), F_OK) == 0 && ::access(file.c_str(), W_OK) != 0 && errno == EACCES)
      throw StorageError(fmt::format("{} is read-only for this user, though the database is not", file),
                         fmt::format("run: chmod 600 {}", file));
  }
}

/// After a read of a database we may not write: the companions SQLite made for it, if ours, get
/// the owner's write bit, so that they never outlive a chmod of the database as read-only.
void fix_companion_modes(const std::filesystem::path& path) {
  for (const char* suffix : {"-wal", "-shm"}) {
    const std::string file = path.string() + suffix;
    struct stat info {};
    if (::stat(file.c_str(), &info) == 0 && info.st_uid == ::geteuid() && !(info.st_mode & S_IWUSR))
      ::chmod(file.c_str(), (info.st_mode & 0700) | S_IWUSR);
  }
}

SQLite::Database connect(const std::filesystem::path& path, BusyWait& busy) {
  // NOMUTEX: one thread uses a connection, so SQLite's per-call locking is only cost.
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX);
  busy.install(db);
  db.exec("PRAGMA synchronous = FULL");  // a command that said it wrote has written
  db.exec("PRAGMA secure_delete = ON");  // deleted personal data is overwritten, not left in free pages
  db.exec("PRAGMA trusted_schema = OFF");
  db.exec("PRAGMA foreign_keys = ON");
  db.exec("PRAGMA cache_size = -16384");  // 16 MiB: imports touch several indexes per row
  if (setgid_install()) {
    // The -wal and -shm that the install made stay, root's: one that a staff member's run created
    // would be theirs to read. An empty WAL on close keeps no page of the database beside it.
    int persist = 1;
    sqlite3_file_control(db.getHandle(), "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
    db.exec("PRAGMA journal_size_limit = 0");
  }
  return db;
}

void migrate(SQLite::Database& db, const std::filesystem::path& path, StoreKind kind) {
  const auto& steps = migrations_of(kind);
  const int latest = static_cast<int>(steps.size());
  const int id = db.execAndGet("PRAGMA application_id").getInt();
  if (id != application_id_of(kind)) {
    // The other kind of imcomply database: say which, so a county file never passes for an office's.
    if (kind == StoreKind::office && id == application_id_of(StoreKind::county))
      throw StorageError(fmt::format("{} is a county's imcomply database, not an office's", path.string()),
                         "the office programs take an office's database; county collect reads office files");
    if (kind == StoreKind::county && id == application_id_of(StoreKind::office))
      throw StorageError(fmt::format("{} is an office's imcomply database, not a county's", path.string()),
                         "give county commands the county's database (--db); collect office files with county collect");
    throw StorageError(fmt::format("{} is an SQLite database, but not an imcomply one", path.string()),
                       kind == StoreKind::county ? "check the --db path; county init creates a new database in a new file"
                                                 : "check the --db path; acct init creates a new database in a new file");
  }
  int version = db.execAndGet("PRAGMA user_version").getInt();
  if (version > latest)
    throw StorageError(fmt::format("{} has schema version {}, newer than this program's {}", path.string(),
                                   version, latest),
                       "use the newer imcomply that wrote it");
  if (version == latest) return;
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  version = db.execAndGet("PRAGMA user_version").getInt();  // another process may have migrated meanwhile
  for (int step = version; step < latest; ++step) db.exec(std::string(steps[step]));
  db.exec(fmt::format("PRAGMA user_version = {}", latest));
  tx.commit();
}

/// An office's or a county's SQLite file: its connection, and what only a file has.
class SqliteFile final : public Backend {
 public:
  SqliteFile(std::filesystem::path path, std::unique_ptr<BusyWait> busy, SQLite::Database db)
      : path_(std::move(path)), busy_(std::move(busy)), db_(std::move(db)), connection_(sql::sqlite_connection(db_)) {}

  sql::Connection& connection() override { return *connection_; }
  std::int64_t schema_version() override { return db_.execAndGet("PRAGMA user_version").getInt64(); }
  void backup_to(const std::filesystem::path& target) override;
  bool forget_deleted_pages() override;
  void begin_batched_run() override;
  void between_batches() override;
  std::vector<integrity_store::SchemaDifference> schema_differences() override {
    return integrity_store::sqlite_schema_differences(*connection_);
  }
  std::vector<std::string> structure_problems() override { return integrity_store::sqlite_structure_problems(path_); }

 private:
  std::filesystem::path path_;
  std::unique_ptr<BusyWait> busy_;  ///< before the connection that calls it, so it outlives it
  SQLite::Database db_;
  std::unique_ptr<sql::Connection> connection_;
};

void SqliteFile::backup_to(const std::filesystem::path& target) {
  const int fd = [&] {
    const CallerRights caller;  // the backup goes where the caller may make files
    return ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  }();
  if (fd < 0) {
    if (errno == EEXIST) throw RejectedInput(fmt::format("{} exists already; choose a new backup file", target.string()));
    throw StorageError(fmt::format("cannot create {}: {}", target.string(), std::strerror(errno)));
  }
  const bool private_mode = ::fchmod(fd, 0600) == 0;
  ::close(fd);
  try {
    if (!private_mode) throw StorageError(fmt::format("cannot make {} private (chmod 600)", target.string()));
    SQLite::Statement vacuum(db_, "VACUUM INTO ?");
    vacuum.bind(1, target.string());
    vacuum.exec();
    SQLite::Database copy(target.string(), SQLite::OPEN_READWRITE);
    copy.exec("PRAGMA journal_mode = WAL");  // as the original, so the copy can be put in its place
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(target, ignored);
    throw;
  }
}

void SqliteFile::begin_batched_run() { db_.exec("PRAGMA wal_autocheckpoint = 0"); }

void SqliteFile::between_batches() {
  SQLite::Statement passive(db_, "PRAGMA wal_checkpoint(PASSIVE)");
  passive.executeStep();
}

bool SqliteFile::forget_deleted_pages() {
  // A TRUNCATE checkpoint holds the write lock while it waits for readers, so it waits only a
  // moment each time (writers go on in between), retried until the --wait is over.
  auto& db = db_;
  auto& busy = *busy_;
  const auto wait = busy.limit();
  const auto deadline = std::chrono::steady_clock::now() + wait;
  constexpr std::chrono::milliseconds attempt{50};
  busy.set_limit(std::min(wait, attempt));
  struct RestoreLimit {
    BusyWait& busy;
    std::chrono::milliseconds wait;
    ~RestoreLimit() { busy.set_limit(wait); }
  } restore{busy, wait};
  while (true) {
    SQLite::Statement checkpoint(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    checkpoint.executeStep();
    const bool truncated = checkpoint.getColumn(0).getInt() == 0;  // 1: busy, a reader or writer was in the way
    if (truncated || std::chrono::steady_clock::now() >= deadline) return truncated;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace

std::unique_ptr<Backend> create_file(const std::filesystem::path& path, std::chrono::milliseconds wait, StoreKind kind) {
  // O_EXCL: init never touches an existing file; fchmod: 0600 whatever the umask.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST)
      throw RejectedInput(fmt::format("{} exists already; {} init never changes an existing database", path.string(),
                                      kind == StoreKind::county ? "county" : "acct"));
    throw StorageError(fmt::format("cannot create {}: {}", path.string(), std::strerror(errno)));
  }
  const bool private_mode = ::fchmod(fd, 0600) == 0;
  ::close(fd);
  try {
    if (!private_mode) throw StorageError(fmt::format("cannot make {} private (chmod 600)", path.string()));
    auto busy = std::make_unique<BusyWait>(wait);
    auto db = connect(path, *busy);
    db.exec("PRAGMA journal_mode = WAL");
    db.exec(fmt::format("PRAGMA application_id = {}", application_id_of(kind)));
    migrate(db, path, kind);
    return std::make_unique<SqliteFile>(path, std::move(busy), std::move(db));
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    std::filesystem::remove(path.string() + "-wal", ignored);
    std::filesystem::remove(path.string() + "-shm", ignored);
    throw;
  }
}

std::unique_ptr<Backend> open_file(const std::filesystem::path& path, std::chrono::milliseconds wait, StoreKind kind) {
  std::error_code error;
  if (!std::filesystem::exists(path, error))
    throw StorageError(fmt::format("no database at {}", path.string()), init_hint(path, kind));
  check_private(path);
  if (setgid_install()) require_install_files(path);
  require_writable_companions(path);
  auto busy = std::make_unique<BusyWait>(wait);
  std::optional<SQLite::Database> connection;
  try {
    connection.emplace(connect(path, *busy));
    migrate(*connection, path, kind);
  } catch (const SQLite::Exception& e) {
    if ((e.getErrorCode() & 0xff) == SQLITE_NOTADB)
      throw StorageError(fmt::format("{} is not an SQLite database", path.string()), "check the --db path");
    throw;
  }
  auto& db = *connection;
  fix_companion_modes(path);  // the reads above made the -shm, with the database's mode
  // A restored backup comes back in rollback mode; readers must not block writers (spec §8).
  if (db.execAndGet("PRAGMA journal_mode").getString() != "wal") db.exec("PRAGMA journal_mode = WAL");
  return std::make_unique<SqliteFile>(path, std::move(busy), std::move(db));
}

}  // namespace imcomply::store
