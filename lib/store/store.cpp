#include "imcomply/store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <openssl/crypto.h>
#include <sqlite3.h>

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


sql::Query& Store::Impl::row_reader(std::string_view table) {
  auto found = row_readers.find(table);
  if (found == row_readers.end())
    found = row_readers.emplace(std::string(table), sql::Query(*connection, fmt::format("SELECT * FROM \"{}\" WHERE {} = ?", table, sql::row_key(*connection))))
                .first;
  return found->second;
}

std::optional<FieldList> read_row(sql::Connection& db, std::string_view table, std::int64_t rowid) {
  sql::Query row(db, fmt::format("SELECT * FROM \"{}\" WHERE {} = ?", table, sql::row_key(db)));
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
  if (store::is_server_uri(path))
    return Store(std::make_unique<Impl>(sql::redacted_uri(path.native()), kind, store::create_server(path, wait, kind)));
  return Store(std::make_unique<Impl>(path, kind, store::create_file(path, wait, kind)));
}

Store Store::open(const std::filesystem::path& path, std::chrono::milliseconds wait, StoreKind kind) {
  if (store::is_server_uri(path))
    return Store(std::make_unique<Impl>(sql::redacted_uri(path.native()), kind, store::open_server(path, wait, kind)));
  return Store(std::make_unique<Impl>(path, kind, store::open_file(path, wait, kind)));
}

bool Store::names_server(const std::filesystem::path& path) { return store::is_server_uri(path); }

std::optional<ServerSession> Store::server_session() { return impl_->backend->session(); }

void Store::backup_to(const std::filesystem::path& target) { impl_->backend->backup_to(target); }

std::optional<std::string> Store::latest_journal_time() {
  sql::Query newest(*impl_->connection, "SELECT at FROM journal ORDER BY seq DESC LIMIT 1");
  if (!newest.step()) return std::nullopt;
  return newest.text(0);
}

void Store::begin_batched_run() { impl_->backend->begin_batched_run(); }
void Store::between_batches() { impl_->backend->between_batches(); }
bool Store::forget_deleted_pages() { return impl_->backend->forget_deleted_pages(); }

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
