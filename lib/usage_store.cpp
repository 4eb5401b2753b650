#include "usage_store.hpp"

#include <fmt/format.h>

#include "store_impl.hpp"

namespace imcomply::usage_store {

using namespace sql;
namespace {



constexpr const char* entry_columns =
    "e.id, e.login, coalesce(u.name, ''), e.item, e.purpose, e.basis, e.case_ref, e.login_at, e.logout_at";
constexpr const char* entry_from = " FROM usage_entries e LEFT JOIN users u ON u.login = e.login ";

UsageEntry read_entry(SQLite::Statement& row) {
  UsageEntry e;
  e.id = row.getColumn(0).getInt64();
  e.login = row.getColumn(1).getString();
  e.name = row.getColumn(2).getString();
  e.item = parse_item(row.getColumn(3).getString());
  e.purpose = row.getColumn(4).getString();
  e.basis = optional_text(row.getColumn(5));
  e.case_ref = optional_text(row.getColumn(6));
  e.login_at = parse_time(row.getColumn(7).getString());
  if (!row.getColumn(8).isNull()) e.logout_at = parse_time(row.getColumn(8).getString());
  return e;
}

}  // namespace

std::optional<UsageEntry> find_entry(Store& store, std::int64_t id) {
  SQLite::Statement q(db_of(store), std::string("SELECT ") + entry_columns + entry_from + "WHERE e.id = ?");
  q.bind(1, static_cast<int64_t>(id));
  if (!q.executeStep()) return std::nullopt;
  return read_entry(q);
}

std::optional<UsageEntry> open_entry_of(Store& store, const std::string& login) {
  SQLite::Statement q(db_of(store), std::string("SELECT ") + entry_columns + entry_from +
                                        "WHERE e.login = ? AND e.logout_at IS NULL ORDER BY e.login_at DESC LIMIT 1");
  q.bind(1, login);
  if (!q.executeStep()) return std::nullopt;
  return read_entry(q);
}

std::optional<UsageEntry> find_by_key(Store& store, const std::string& login, Item item, Instant login_at) {
  SQLite::Statement q(db_of(store), std::string("SELECT ") + entry_columns + entry_from +
                                        "WHERE e.login = ? AND e.item = ? AND e.login_at = ?");
  q.bind(1, login);
  q.bind(2, std::string(item_name(item)));
  q.bind(3, format_time(login_at));
  if (!q.executeStep()) return std::nullopt;
  return read_entry(q);
}

bool entry_exists(Store& store, const std::string& login, Item item, Instant login_at) {
  SQLite::Statement q(db_of(store), "SELECT 1 FROM usage_entries WHERE login = ? AND item = ? AND login_at = ?");
  q.bind(1, login);
  q.bind(2, std::string(item_name(item)));
  q.bind(3, format_time(login_at));
  return q.executeStep();
}

EntryWriter::EntryWriter(WriteTransaction& tx, Journaling journaling)
    : tx_(tx),
      statement_(std::make_unique<SQLite::Statement>(
          db_of(tx), "INSERT INTO usage_entries (login, item, purpose, basis, case_ref, login_at, logout_at, import_id, "
                     "recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
  if (journaling == Journaling::batched) batch_ = std::make_unique<BatchJournal>(tx, "usage_entries");
}

EntryWriter::~EntryWriter() = default;

void EntryWriter::finish() {
  if (batch_) batch_->flush();
}

std::optional<std::int64_t> EntryWriter::insert(const NewEntry& entry, std::optional<std::int64_t> import_id) {
  auto& insert = *statement_;
  insert.reset();
  insert.clearBindings();
  // The texts live until exec returns: bound without SQLite copying them (imports bind millions).
  const std::string login_at = format_time(entry.login_at);
  const std::optional<std::string> logout_at =
      entry.logout_at ? std::optional(format_time(*entry.logout_at)) : std::nullopt;
  insert.bindNoCopy(1, entry.login);
  const std::string item(item_name(entry.item));
  insert.bindNoCopy(2, item);
  insert.bindNoCopy(3, entry.purpose);
  if (entry.basis) insert.bindNoCopy(4, *entry.basis);
  if (entry.case_ref) insert.bindNoCopy(5, *entry.case_ref);
  insert.bindNoCopy(6, login_at);
  if (logout_at) insert.bindNoCopy(7, *logout_at);
  if (import_id) insert.bind(8, static_cast<int64_t>(*import_id));
  insert.bindNoCopy(9, tx_.now_text());
  insert.bindNoCopy(10, tx_.actor().login);
  // Not RETURNING *: SQLite then writes every statement's journal to a temporary file, which
  // doubled an import's time; the row is read back through the journal's prepared reader instead.
  const int changed = insert.exec();
  insert.reset();
  insert.clearBindings();
  if (changed == 0) return std::nullopt;  // the natural key is taken: nothing inserted
  const std::int64_t id = db_of(tx_).getLastInsertRowid();
  if (batch_)
    batch_->add(id);
  else
    tx_.journal("usage_entries", id);
  return id;
}

void set_logout(WriteTransaction& tx, std::int64_t id, Instant at) {
  SQLite::Statement update(db_of(tx), "UPDATE usage_entries SET logout_at = ? WHERE id = ?");
  update.bind(1, format_time(at));
  update.bind(2, static_cast<int64_t>(id));
  update.exec();
  tx.journal("usage_entries", id);
}

void for_each_entry(Store& store, std::optional<Date> from, std::optional<Date> to,
                    const std::optional<std::string>& login, const std::function<void(const UsageEntry&)>& visit) {
  // login_at is ISO text in Taiwan time, so a day's bounds are text bounds.
  SQLite::Statement q(db_of(store), std::string("SELECT ") + entry_columns + entry_from +
                                        "WHERE e.login_at >= ?1 AND e.login_at < ?2 AND (?3 IS NULL OR e.login = ?3) "
                                        "ORDER BY e.login_at, e.id");
  q.bind(1, from ? format_date(*from) : std::string("0000"));
  q.bind(2, to ? format_date(add_days(*to, 1)) : std::string("9999-99"));
  bind_optional(q, 3, login);
  while (q.executeStep()) visit(read_entry(q));
}

bool import_exists(Store& store, std::string_view kind, const std::string& digest) {
  SQLite::Statement q(db_of(store), "SELECT 1 FROM imports WHERE kind = ? AND digest = ?");
  q.bind(1, std::string(kind));
  q.bind(2, digest);
  return q.executeStep();
}

std::int64_t insert_import(WriteTransaction& tx, std::string_view kind, const std::string& file, const std::string& digest,
                           const std::string& encoding) {
  SQLite::Statement insert(db_of(tx),
                           "INSERT INTO imports (kind, file_name, digest, encoding, rows, added, imported_at, imported_by) "
                           "VALUES (?, ?, ?, ?, 0, 0, ?, ?)");
  insert.bind(1, std::string(kind));
  insert.bind(2, file);
  insert.bind(3, digest);
  insert.bind(4, encoding);
  insert.bind(5, format_time(tx.now()));
  insert.bind(6, tx.actor().login);
  insert.exec();
  return db_of(tx).getLastInsertRowid();
}

void complete_import(WriteTransaction& tx, std::int64_t id, const std::string& digest, const std::string& encoding,
                     std::int64_t rows, std::int64_t added) {
  SQLite::Statement update(db_of(tx), "UPDATE imports SET digest = ?, encoding = ?, rows = ?, added = ? WHERE id = ?");
  update.bind(1, digest);
  update.bind(2, encoding);
  update.bind(3, static_cast<int64_t>(rows));
  update.bind(4, static_cast<int64_t>(added));
  update.bind(5, static_cast<int64_t>(id));
  update.exec();
  tx.journal("imports", id);
}

std::vector<SheetSignoff> signoffs_of(Store& store, const Month& month) {
  SQLite::Statement q(db_of(store),
                      "SELECT s.role, s.login, coalesce(u.name, ''), s.signed_at FROM sheet_signoffs s "
                      "LEFT JOIN users u ON u.login = s.login WHERE s.month = ? ORDER BY s.id");
  q.bind(1, month.text());
  std::vector<SheetSignoff> list;
  while (q.executeStep())
    list.push_back({parse_sheet_role(q.getColumn(0).getString()), q.getColumn(1).getString(), q.getColumn(2).getString(),
                    parse_time(q.getColumn(3).getString())});
  return list;
}

bool signoff_exists(Store& store, const Month& month, SheetRole role) {
  SQLite::Statement q(db_of(store), "SELECT 1 FROM sheet_signoffs WHERE month = ? AND role = ?");
  q.bind(1, month.text());
  q.bind(2, std::string(sheet_role_name(role)));
  return q.executeStep();
}

void insert_signoff(WriteTransaction& tx, const Month& month, SheetRole role, const std::optional<std::string>& checkpoint) {
  SQLite::Statement insert(db_of(tx),
                           "INSERT INTO sheet_signoffs (month, role, login, signed_at, checkpoint) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, month.text());
  insert.bind(2, std::string(sheet_role_name(role)));
  insert.bind(3, tx.actor().login);
  insert.bind(4, format_time(tx.now()));
  bind_optional(insert, 5, checkpoint);
  insert.exec();
  tx.journal("sheet_signoffs", db_of(tx).getLastInsertRowid());
}

std::int64_t insert_data(WriteTransaction& tx, const NewData& data, const std::optional<RegisteredFile>& file) {
  SQLite::Statement insert(db_of(tx),
                           "INSERT INTO obtained_data (entry_id, description, archive_no, destroy_by, file_path, "
                           "recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, static_cast<int64_t>(data.entry_id));
  insert.bind(2, data.description);
  bind_optional(insert, 3, data.archive_no);
  bind_optional(insert, 4, data.destroy_by ? std::optional(format_date(*data.destroy_by)) : std::nullopt);
  bind_optional(insert, 5, data.file_path);
  insert.bind(6, format_time(tx.now()));
  insert.bind(7, tx.actor().login);
  insert.exec();
  const std::int64_t id = db_of(tx).getLastInsertRowid();
  tx.journal("obtained_data", id);
  if (file) {
    SQLite::Statement registered(db_of(tx), "INSERT INTO data_files (id, device, inode) VALUES (?, ?, ?)");
    registered.bind(1, static_cast<int64_t>(id));
    registered.bind(2, static_cast<int64_t>(file->device));  // the bits of the unsigned value
    registered.bind(3, static_cast<int64_t>(file->inode));
    registered.exec();
    tx.journal("data_files", id);
  }
  return id;
}

std::vector<ObtainedData> load_data(Store& store, const std::optional<std::string>& login, bool pending_only) {
  SQLite::Statement q(db_of(store),
                      "SELECT d.id, d.entry_id, e.login, d.description, d.archive_no, d.destroy_by, d.file_path, "
                      "d.destroyed_at FROM obtained_data d JOIN usage_entries e ON e.id = d.entry_id "
                      "WHERE (?1 IS NULL OR e.login = ?1) AND (?2 = 0 OR (d.archive_no IS NULL AND d.destroyed_at IS NULL)) "
                      "ORDER BY coalesce(d.destroy_by, '9999'), d.id");
  bind_optional(q, 1, login);
  q.bind(2, pending_only ? 1 : 0);
  std::vector<ObtainedData> list;
  while (q.executeStep()) {
    ObtainedData d;
    d.id = q.getColumn(0).getInt64();
    d.entry_id = q.getColumn(1).getInt64();
    d.login = q.getColumn(2).getString();
    d.description = q.getColumn(3).getString();
    d.archive_no = optional_text(q.getColumn(4));
    if (!q.getColumn(5).isNull()) d.destroy_by = parse_date(q.getColumn(5).getString());
    d.file_path = optional_text(q.getColumn(6));
    if (!q.getColumn(7).isNull()) d.destroyed_at = parse_time(q.getColumn(7).getString());
    list.push_back(std::move(d));
  }
  return list;
}

void insert_handover(WriteTransaction& tx, const Handover& h) {
  SQLite::Statement insert(db_of(tx),
                           "INSERT INTO handovers (login, to_login, handed_on, entries, data_items, recorded_at, "
                           "recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, h.login);
  insert.bind(2, h.to);
  insert.bind(3, format_date(h.on));
  insert.bind(4, static_cast<int64_t>(h.entries.size()));
  insert.bind(5, static_cast<int64_t>(h.data_items()));
  insert.bind(6, format_time(tx.now()));
  insert.bind(7, tx.actor().login);
  insert.exec();
  tx.journal("handovers", db_of(tx).getLastInsertRowid());
}

std::optional<Date> last_handover_on(Store& store, const std::string& login, Date until) {
  SQLite::Statement q(db_of(store), "SELECT max(handed_on) FROM handovers WHERE login = ? AND handed_on <= ?");
  q.bind(1, login);
  q.bind(2, format_date(until));
  if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
  return parse_date(q.getColumn(0).getString());
}

std::optional<std::string> journal_head(Store& store) {
  SQLite::Statement q(db_of(store), "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1");
  if (!q.executeStep()) return std::nullopt;
  return fmt::format("{}:{}", q.getColumn(0).getInt64(), q.getColumn(1).getString());
}

}  // namespace imcomply::usage_store
