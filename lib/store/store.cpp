#include "imcomply/store.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <sqlite3.h>

#include "imcomply/install.hpp"
#include "imcomply/journal.hpp"
#include "imcomply/roles.hpp"
#include "store/journal_store.hpp"
#include "store/postgres.hpp"
#include "schema/migrations.hpp"
#include "store/store_impl.hpp"

namespace imcomply {

int application_id_of(StoreKind kind) {
  constexpr int office_id = 0x494d4331;  // "IMC1": marks a file as an office's
  constexpr int county_id = 0x494d4343;  // "IMCC": a county's database (spec §9)
  return kind == StoreKind::county ? county_id : office_id;
}

namespace {


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

/// `--db postgresql://…` names the central store (spec §10), which this version cannot open yet
/// (docs/central-store.md): say so, rather than take the URI for a file name.
void refuse_server_uri(const std::filesystem::path& path) {
  const std::string& text = path.native();
  if (text.rfind("postgresql://", 0) != 0 && text.rfind("postgres://", 0) != 0) return;
  throw StorageError(fmt::format("{} names a PostgreSQL server; this version opens only an SQLite file (the central "
                                 "store is not built yet)",
                                 sql::redacted_uri(text)),
                     "give --db the office's database file; docs/central-store.md says where the central store stands");
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

}  // namespace

sql::Query& Store::Impl::row_reader(std::string_view table) {
  auto found = row_readers.find(table);
  if (found == row_readers.end())
    found = row_readers.emplace(std::string(table), sql::Query(*connection, fmt::format("SELECT * FROM \"{}\" WHERE rowid = ?", table)))
                .first;
  return found->second;
}

std::optional<FieldList> read_row(sql::Connection& db, std::string_view table, std::int64_t rowid) {
  sql::Query row(db, fmt::format("SELECT * FROM \"{}\" WHERE rowid = ?", table));
  return read_row(row, rowid);
}

FieldList row_fields(sql::Query& row, int first) {
  FieldList fields;
  for (int i = first; i < row.column_count(); ++i) {
    if (row.is_null(i))
      fields.emplace_back(std::nullopt);
    else
      fields.emplace_back(row.text(i));
  }
  return fields;
}

namespace {

/// The values of the statement's current row from column `first` on, each with its storage class
/// as stored: a value read back as another type would convert it.
void append_row(std::string& encoded, sql::Query& row, int first) {
  for (int i = first; i < row.column_count(); ++i) {
    switch (row.type(i)) {
      case StorageClass::null: append_null(encoded); break;
      case StorageClass::integer: append_integer(encoded, row.integer(i)); break;
      case StorageClass::real: append_real(encoded, row.real(i)); break;
      case StorageClass::text: append_text(encoded, row.bytes(i)); break;
      case StorageClass::blob: append_blob(encoded, row.bytes(i)); break;
    }
  }
}

}  // namespace

std::string row_digest(std::string_view salt, sql::Query& row, int first) {
  std::string encoded;
  encoded.reserve(256);
  append_text(encoded, "imcomply-row-2");
  append_text(encoded, salt);
  append_row(encoded, row, first);
  return sha256_hex(encoded);
}

Hash leaf_digest(const Seed& salt, sql::Query& row, int first) {
  std::string encoded;
  encoded.reserve(256);
  append_text(encoded, "imcomply-leaf-3");
  append_blob(encoded, std::string_view(reinterpret_cast<const char*>(salt.data()), salt.size()));
  append_row(encoded, row, first);
  return sha256(encoded);
}

std::string row_digest_v1(std::string_view salt, sql::Query& row, int first) {
  std::string encoded;
  encoded.reserve(256);
  append_field(encoded, salt);
  for (int i = first; i < row.column_count(); ++i) {
    if (row.is_null(i))
      append_field(encoded, std::nullopt);
    else
      append_field(encoded, row.text(i));
  }
  return sha256_hex(encoded);
}

std::optional<std::string_view> retention_column(std::string_view table) {
  if (table == "usage_entries") return "login_at";
  if (table == "system_queries") return "queried_at";
  return std::nullopt;
}

std::optional<FieldList> read_row(sql::Query& row, std::int64_t rowid) {
  row.reset();
  row.bind(1, rowid);
  if (!row.step()) return std::nullopt;
  FieldList fields = row_fields(row);
  row.reset();
  return fields;
}

int schema_version() { return static_cast<int>(schema::migrations().size()); }

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const std::filesystem::path& Store::path() const { return impl_->path; }

StoreKind Store::kind() const { return impl_->kind; }

Store Store::create(const std::filesystem::path& path, std::chrono::milliseconds wait, StoreKind kind) {
  refuse_server_uri(path);
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
    auto impl = std::make_unique<Impl>(path, std::move(busy), std::move(db));
    impl->kind = kind;
    return Store(std::move(impl));
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    std::filesystem::remove(path.string() + "-wal", ignored);
    std::filesystem::remove(path.string() + "-shm", ignored);
    throw;
  }
}

Store Store::open(const std::filesystem::path& path, std::chrono::milliseconds wait, StoreKind kind) {
  refuse_server_uri(path);
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
  auto impl = std::make_unique<Impl>(path, std::move(busy), std::move(db));
  impl->kind = kind;
  return Store(std::move(impl));
}

void Store::backup_to(const std::filesystem::path& target) {
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
    SQLite::Statement vacuum(impl_->db, "VACUUM INTO ?");
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

std::optional<std::string> Store::latest_journal_time() {
  sql::Query newest(*impl_->connection, "SELECT at FROM journal ORDER BY seq DESC LIMIT 1");
  if (!newest.step()) return std::nullopt;
  return newest.text(0);
}

void Store::begin_batched_run() { impl_->db.exec("PRAGMA wal_autocheckpoint = 0"); }

void Store::between_batches() {
  SQLite::Statement passive(impl_->db, "PRAGMA wal_checkpoint(PASSIVE)");
  passive.executeStep();
}

bool Store::forget_deleted_pages() {
  // A TRUNCATE checkpoint holds the write lock while it waits for readers, so it waits only a
  // moment each time (writers go on in between), retried until the --wait is over.
  auto& db = impl_->db;
  auto& busy = *impl_->busy;
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

void BusyWait::install(SQLite::Database& db) { sqlite3_busy_handler(db.getHandle(), &BusyWait::again, this); }

int BusyWait::again(void* self, int tries) {
  auto& wait = *static_cast<BusyWait*>(self);
  const auto now = std::chrono::steady_clock::now();
  if (tries == 0) wait.first_try_ = now;
  if (now - wait.first_try_ >= wait.limit_) return 0;  // SQLITE_BUSY: the caller says exit 5
  // Short sleeps at first, for the lock a short transaction frees soon; a little longer after.
  std::this_thread::sleep_for(tries < 20 ? std::chrono::microseconds(500) : std::chrono::microseconds(2000));
  return 1;
}

WriteTransaction::WriteTransaction(Store& store, const Actor& actor, Command command, Instant now)
    : store_(store), actor_(actor), command_(command), now_(now), at_(format_time(now)) {
  // spec §1: an OS user with no roster entry may read, never write (acct init makes the roster).
  if (actor_.login.empty() && command_ != Command::acct_init && command_ != Command::county_init)
    throw NotPermitted(fmt::format("OS user {} is not on this office's roster, so may read but not write", actor_.os_login),
                       fmt::format("an administrator maps it: acct add LOGIN --name NAME --os-user {}", actor_.os_login));
  // IMMEDIATE: take the write lock now, waiting up to --wait; a deferred transaction would fail
  // at once with BUSY_SNAPSHOT when another writer got in first.
  store_.impl().connection->begin_write();
  // The role is checked under the lock, as every rule of the command after it: a role revoked by
  // a concurrent command cannot slip between the check and the write (issue 11: check, then act).
  try {
    require_permission(store_, actor_, command_);
  } catch (...) {
    store_.impl().connection->rollback();
    throw;
  }
}

WriteTransaction::~WriteTransaction() {
  if (done_) return;
  try {
    store_.impl().connection->rollback();
  } catch (...) {  // the connection is closing anyway; nothing was committed
  }
}

JournalRecord WriteTransaction::new_record(std::string_view table) {
  JournalRecord record;
  record.format = journal_format;
  record.at = at_;
  record.actor = actor_.login;
  record.os_user = actor_.os_login;
  record.action = command_name(command_);
  record.entity = std::string(table);
  record.salt = new_salt();
  return record;
}

void WriteTransaction::journal(std::string_view table, std::int64_t row_id, std::optional<Date> deleted_day) {
  auto& impl = store_.impl();
  JournalRecord record = new_record(table);
  record.entity_id = std::to_string(row_id);
  auto& reader = impl.row_reader(table);
  reader.reset();
  reader.bind(1, row_id);
  const auto day_column = retention_column(table);
  if (reader.step()) {
    record.digest = row_digest(record.salt, reader);
    if (day_column) {
      const int at = reader.column_index(*day_column);
      if (at >= 0 && reader.type(at) == StorageClass::text && reader.bytes(at).size() >= 10)
        record.day = std::string(reader.bytes(at).substr(0, 10));
    }
  } else if (day_column && deleted_day) {
    record.day = format_date(*deleted_day);  // the day the deleted row had, for verify to hold against the purge
  }
  reader.reset();
  append(record);
}

std::int64_t WriteTransaction::journal_batch(std::string_view table, std::int64_t first_row, std::int64_t leaves,
                                             const std::string& root, const std::optional<std::string>& day) {
  JournalRecord record = new_record(table);
  record.entity_id = std::to_string(first_row);
  record.digest = root;
  record.day = day;
  record.leaves = leaves;
  append(record);
  return head_seq_;
}

void WriteTransaction::journal_removal(std::string_view table, std::int64_t batch, const std::string& leaves,
                                       const std::optional<std::string>& day) {
  JournalRecord record = new_record(table);
  record.entity_id = leaves;
  record.day = day;
  record.batch = batch;
  append(record);
}

void WriteTransaction::append(JournalRecord& record) {
  auto& impl = store_.impl();
  if (head_seq_ < 0) {  // once per transaction: it holds the write lock, so the head is ours
    if (!impl.journal_head) impl.journal_head.emplace(*impl.connection, "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1");
    auto& head = *impl.journal_head;
    head.reset();
    if (head.step()) {
      head_seq_ = head.integer(0);
      head_hash_ = head.text(1);
    } else {
      head_seq_ = 0;
      head_hash_ = genesis_hash;
    }
    head.reset();
  }
  record.seq = head_seq_ + 1;
  record.prev_hash = head_hash_;
  record.hash = record_hash(record);
  // A row's record leaves the two columns of batches out: a county's journal (its own
  // migrations) has none, and NULL is what they hold for it.
  const bool batch_fields = record.leaves || record.batch;
  auto& slot = batch_fields ? impl.journal_insert_batch : impl.journal_insert;
  if (!slot)
    slot.emplace(*impl.connection, batch_fields ? "INSERT INTO journal (seq, at, actor, os_user, action, entity, entity_id, digest, "
                                         "salt, prev_hash, hash, format, day, leaves, batch) "
                                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                       : "INSERT INTO journal (seq, at, actor, os_user, action, entity, entity_id, digest, "
                                         "salt, prev_hash, hash, format, day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  auto& insert = *slot;
  insert.reset();
  // The record outlives the insert: its strings are bound without the store copying them.
  insert.bind(1, record.seq);
  insert.bind_borrowed(2, record.at);
  insert.bind_borrowed(3, record.actor);
  insert.bind_borrowed(4, record.os_user);
  insert.bind_borrowed(5, record.action);
  insert.bind_borrowed(6, record.entity);
  insert.bind_borrowed(7, record.entity_id);
  if (record.digest)
    insert.bind_borrowed(8, *record.digest);
  else
    insert.bind_null(8);
  insert.bind_borrowed(9, record.salt);
  insert.bind_borrowed(10, record.prev_hash);
  insert.bind_borrowed(11, record.hash);
  insert.bind(12, record.format);
  if (record.day)
    insert.bind_borrowed(13, *record.day);
  else
    insert.bind_null(13);
  if (batch_fields) {
    insert.bind(14, record.leaves);
    insert.bind(15, record.batch);
  }
  insert.run();
  insert.clear();
  head_seq_ = record.seq;
  head_hash_ = std::move(record.hash);
}

// --- batches (spec §7, journal format 3) ---

BatchJournal::BatchJournal(WriteTransaction& tx, std::string_view table)
    : tx_(tx), table_(table), seeds_(*tx.store().impl().connection) {
  auto& reader = tx.store().impl().row_reader(table_);
  if (const auto column = retention_column(table_)) day_index_ = reader.column_index(*column);
}

BatchJournal::~BatchJournal() { OPENSSL_cleanse(seed_.data(), seed_.size()); }

void BatchJournal::add(std::int64_t rowid) {
  auto& reader = tx_.store().impl().row_reader(table_);
  reader.reset();
  reader.bind(1, rowid);
  if (!reader.step()) throw StorageError(fmt::format("{} row {} to journal is missing", table_, rowid));
  add_current(rowid, reader);
  reader.reset();
}

void BatchJournal::add_current(std::int64_t rowid, sql::Query& row) {
  std::optional<std::string_view> day;
  if (day_index_ >= 0 && row.type(day_index_) == StorageClass::text && row.bytes(day_index_).size() >= 10)
    day = row.bytes(day_index_).substr(0, 10);
  // A batch is a run of consecutive rows of one day: the leaves follow the rowids, and the
  // record's day is every leaf's, for verify to hold against a purge's cutoff.
  if (leaves_ > 0 && (rowid != first_ + leaves_ || day != day_ || leaves_ == static_cast<std::int64_t>(max_batch_leaves)))
    flush();
  if (leaves_ == 0) {
    first_ = rowid;
    day_ = day ? std::optional<std::string>(*day) : std::nullopt;
    seed_ = new_seed();
    salts_.emplace(std::vector<SeedBlock>{SeedBlock{{0, max_batch_leaves}, seed_}});
    fold_ = MerkleFold{};
  }
  const auto salt = salts_->salt(static_cast<std::uint64_t>(leaves_));
  fold_.push(1, merkle_leaf(leaf_digest(*salt, row)));
  ++leaves_;
}

void BatchJournal::flush() {
  if (leaves_ == 0) return;
  const std::int64_t seq = tx_.journal_batch(table_, first_, leaves_, hex_of(fold_.root()), day_);
  seeds_.insert_root_seed(seq, seed_);
  OPENSSL_cleanse(seed_.data(), seed_.size());
  salts_.reset();
  leaves_ = 0;
}

void WriteTransaction::commit() {
  store_.impl().connection->commit();
  done_ = true;
}

Error current_storage_error() {
  try {
    throw;
  } catch (const Error& e) {
    return e;
  } catch (const SQLite::Exception& e) {
    const int code = e.getErrorCode() & 0xff;
    switch (code) {
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return Busy(text(Msg::locked), text(Msg::locked_hint));
      case SQLITE_NOTADB:
        return StorageError("the file is not an SQLite database");
      case SQLITE_CORRUPT:
        return StorageError("the database is corrupt", "restore it from a backup (acct backup)");
      case SQLITE_FULL:
        return StorageError("the disk is full; nothing was written");
      case SQLITE_READONLY:
        return StorageError("the database is read-only for this user");
      case SQLITE_CANTOPEN:
        return StorageError("cannot open the database (or its -wal/-shm files)");
      case SQLITE_CONSTRAINT:
        return RejectedInput("the change breaks a constraint of the records; nothing was written");
      default:
        return StorageError(fmt::format("database error: {}", sqlite3_errstr(e.getExtendedErrorCode())));
    }
  } catch (const std::bad_alloc&) {
    return StorageError("out of memory");
  } catch (const std::filesystem::filesystem_error& e) {
    return StorageError(fmt::format("file error: {}", e.code().message()));
  } catch (const std::exception&) {
    return StorageError("internal error; nothing was written (please report it)");
  }
}

}  // namespace imcomply
