#pragma once
// The one way to the database: opening, pragmas, migrations, write transactions and the journal.
// SQLite stays behind this header (spec §8); a PostgreSQL store would replace lib/store*.cpp.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "imcomply/command.hpp"
#include "imcomply/dates.hpp"
#include "imcomply/error.hpp"

namespace imcomply {

struct JournalRecord;  // imcomply/journal.hpp

/// The schema version this program writes and reads (PRAGMA user_version).
int schema_version();

/// The two kinds of database (spec §9): an office's, and a county's that supervises offices. Each
/// has its own migrations and PRAGMA application_id, so one is never taken for the other (exit 6).
enum class StoreKind { office, county };

/// Who makes a change (spec §1 "actor"): the roster login it is done as (--as, else the caller's;
/// empty for an OS user not on the roster, who may not write), and the OS user who ran it.
struct Actor {
  std::string login;
  std::string os_login;
};

/// Who a session of the central store (spec §10) is: its database role, and whether that role
/// created the office it acts for (then it may act --as anyone of it, as root on a file).
struct ServerSession {
  std::string role;
  bool creator = false;
};

class Store {
 public:
  struct Impl;  // defined in lib/store_impl.hpp, for lib/ only

  /// Creates a new database, mode 0600 whatever the umask; an existing file is refused (exit 3).
  /// A postgresql:// URI names the central store (spec §10): its schema is made or brought up to
  /// date, and acct init's transaction then creates the tenant.
  static Store create(const std::filesystem::path& path, std::chrono::milliseconds wait,
                      StoreKind kind = StoreKind::office);
  /// Opens an existing database and applies pending migrations; a missing file, one others can
  /// read, a foreign file or a newer schema throws StorageError (exit 6).
  /// A database of the other kind is refused the same way, naming what it is.
  static Store open(const std::filesystem::path& path, std::chrono::milliseconds wait,
                    StoreKind kind = StoreKind::office);

  /// Whether `path` names the central store (a postgresql:// or postgres:// URI), not a file.
  static bool names_server(const std::filesystem::path& path);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  /// The file, or the central store's URI with its password hidden.
  const std::filesystem::path& path() const;
  StoreKind kind() const;
  /// On the central store, who the database session is; nullopt on a file (the OS user is).
  std::optional<ServerSession> server_session();
  /// A consistent copy through VACUUM INTO (no free pages), mode 0600; an existing target is refused.
  void backup_to(const std::filesystem::path& target);

  /// The time of the newest journal record as stored (ISO, Taiwan time), if any.
  std::optional<std::string> latest_journal_time();

  /// Leaves no old page of a deleted row beside the database, where the store keeps such pages
  /// (SQLite: the WAL, checkpointed and truncated to nothing), retrying until --wait has passed;
  /// false if a reader's older snapshot kept it from finishing.
  bool forget_deleted_pages();

  /// A long run of short write transactions (purge's batches): the store does its housekeeping
  /// (SQLite: checkpoints) between them, outside any write lock, instead of inside the commit that
  /// happens to need it. Call begin_batched_run() once, then between_batches() after each commit.
  void begin_batched_run();
  void between_batches();

  Impl& impl() { return *impl_; }

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

/// One write transaction, begun IMMEDIATE and rolled back unless committed. Every row it changes is
/// appended to the journal (spec §7) before commit.
class WriteTransaction {
 public:
  WriteTransaction(Store& store, const Actor& actor, Command command, Instant now);
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  ~WriteTransaction();

  /// Appends a journal record for `table`'s row `row_id` as it now stands (gone = deleted). A purge
  /// that deleted a usage entry or system query gives the day it had (spec §7: verify holds it
  /// against the purge's cutoff).
  void journal(std::string_view table, std::int64_t row_id, std::optional<Date> deleted_day = std::nullopt);
  /// Journal format 3 (spec §7 batches): appends a batch record for the `leaves` rows of `table`
  /// from rowid `first_row` on, whose Merkle root is `root` (hex); returns its seq.
  std::int64_t journal_batch(std::string_view table, std::int64_t first_row, std::int64_t leaves,
                             const std::string& root, const std::optional<std::string>& day);
  /// Appends a removal record: purge deleted the leaves `leaves` (as format_runs writes them) of
  /// the batch record `batch`, whose rows are of `day`.
  void journal_removal(std::string_view table, std::int64_t batch, const std::string& leaves,
                       const std::optional<std::string>& day);
  void commit();

  Store& store() { return store_; }
  const Actor& actor() const { return actor_; }
  /// The command this transaction writes for: what the journal and the sign-off guards record.
  Command command() const { return command_; }
  Instant now() const { return now_; }
  /// now() as format_time writes it, for the rows a transaction stamps.
  const std::string& now_text() const { return at_; }

 private:
  /// A record of this transaction's command for `table`, with a new salt; append() chains it.
  JournalRecord new_record(std::string_view table);
  void append(JournalRecord& record);

  Store& store_;
  Actor actor_;
  Command command_;
  Instant now_;
  std::string at_;  ///< now_ as the journal writes it, formatted once
  bool done_ = false;
  std::int64_t head_seq_ = -1;  ///< the journal's head as this transaction left it (-1: not read yet)
  std::string head_hash_;
};

/// Maps whatever the storage layer threw (busy, I/O, corruption) to the core's typed errors;
/// call it inside a catch block.
Error current_storage_error();

}  // namespace imcomply
