#include "store/usage_store.hpp"

#include <fmt/format.h>

#include "store/integrity_store.hpp"
#include "store/store_impl.hpp"

namespace imcomply::usage_store {

using namespace sql;
namespace {



constexpr const char* entry_columns =
    "e.id, e.login, coalesce(u.name, ''), e.item, e.purpose, e.basis, e.case_ref, e.login_at, e.logout_at";
constexpr const char* entry_from = " FROM usage_entries e LEFT JOIN users u ON u.login = e.login ";

UsageEntry read_entry(Query& row) {
  UsageEntry e;
  e.id = row.integer(0);
  e.login = row.text(1);
  e.name = row.text(2);
  e.item = parse_item(row.text(3));
  e.purpose = row.text(4);
  e.basis = row.optional_text(5);
  e.case_ref = row.optional_text(6);
  e.login_at = row.time(7);
  if (!row.is_null(8)) e.logout_at = row.time(8);
  return e;
}

}  // namespace

std::optional<UsageEntry> find_entry(Store& store, std::int64_t id) {
  Query q(connection_of(store), std::string("SELECT ") + entry_columns + entry_from + "WHERE e.id = ?");
  q.bind(1, static_cast<std::int64_t>(id));
  if (!q.step()) return std::nullopt;
  return read_entry(q);
}

std::optional<UsageEntry> open_entry_of(Store& store, const std::string& login) {
  Query q(connection_of(store), std::string("SELECT ") + entry_columns + entry_from +
                                        "WHERE e.login = ? AND e.logout_at IS NULL ORDER BY e.login_at DESC LIMIT 1");
  q.bind(1, login);
  if (!q.step()) return std::nullopt;
  return read_entry(q);
}

std::optional<UsageEntry> find_by_key(Store& store, const std::string& login, Item item, Instant login_at) {
  Query q(connection_of(store), std::string("SELECT ") + entry_columns + entry_from +
                                        "WHERE e.login = ? AND e.item = ? AND e.login_at = ?");
  q.bind(1, login);
  q.bind(2, std::string(item_name(item)));
  q.bind(3, format_time(login_at));
  if (!q.step()) return std::nullopt;
  return read_entry(q);
}

bool entry_exists(Store& store, const std::string& login, Item item, Instant login_at) {
  Query q(connection_of(store), "SELECT 1 FROM usage_entries WHERE login = ? AND item = ? AND login_at = ?");
  q.bind(1, login);
  q.bind(2, std::string(item_name(item)));
  q.bind(3, format_time(login_at));
  return q.step();
}

EntryWriter::EntryWriter(WriteTransaction& tx, Journaling journaling)
    : tx_(tx),
      statement_(std::make_unique<Query>(
          connection_of(tx), "INSERT INTO usage_entries (login, item, purpose, basis, case_ref, login_at, logout_at, import_id, "
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
  insert.clear();
  // The texts live until run returns: bound without the store copying them (imports bind millions).
  const std::string login_at = format_time(entry.login_at);
  const std::optional<std::string> logout_at =
      entry.logout_at ? std::optional(format_time(*entry.logout_at)) : std::nullopt;
  insert.bind_borrowed(1, entry.login);
  const std::string item(item_name(entry.item));
  insert.bind_borrowed(2, item);
  insert.bind_borrowed(3, entry.purpose);
  if (entry.basis) insert.bind_borrowed(4, *entry.basis);
  if (entry.case_ref) insert.bind_borrowed(5, *entry.case_ref);
  insert.bind_borrowed(6, login_at);
  if (logout_at) insert.bind_borrowed(7, *logout_at);
  if (import_id) insert.bind(8, static_cast<std::int64_t>(*import_id));
  insert.bind_borrowed(9, tx_.now_text());
  insert.bind_borrowed(10, tx_.actor().login);
  // Not RETURNING *: SQLite then writes every statement's journal to a temporary file, which
  // doubled an import's time; the row is read back through the journal's prepared reader instead.
  const auto changed = insert.run();
  insert.reset();
  insert.clear();
  if (changed == 0) return std::nullopt;  // the natural key is taken: nothing inserted
  const std::int64_t id = connection_of(tx_).last_insert_id();
  if (batch_)
    batch_->add(id);
  else
    tx_.journal("usage_entries", id);
  return id;
}

void set_logout(WriteTransaction& tx, std::int64_t id, Instant at) {
  Query update(connection_of(tx), "UPDATE usage_entries SET logout_at = ? WHERE id = ?");
  update.bind(1, format_time(at));
  update.bind(2, static_cast<std::int64_t>(id));
  update.run();
  tx.journal("usage_entries", id);
}

void for_each_entry(Store& store, std::optional<Date> from, std::optional<Date> to,
                    const std::optional<std::string>& login, const std::function<void(const UsageEntry&)>& visit) {
  // login_at is ISO text in Taiwan time, so a day's bounds are text bounds.
  Query q(connection_of(store), std::string("SELECT ") + entry_columns + entry_from +
                                        "WHERE e.login_at >= ?1 AND e.login_at < ?2 AND (CAST(?3 AS TEXT) IS NULL OR e.login = ?3) "
                                        "ORDER BY e.login_at, e.id");
  q.bind(1, from ? format_date(*from) : std::string("0000"));
  q.bind(2, to ? format_date(add_days(*to, 1)) : std::string("9999-99"));
  q.bind(3, login);
  while (q.step()) visit(read_entry(q));
}

bool import_exists(Store& store, std::string_view kind, const std::string& digest) {
  Query q(connection_of(store), "SELECT 1 FROM imports WHERE kind = ? AND digest = ?");
  q.bind(1, std::string(kind));
  q.bind(2, digest);
  return q.step();
}

std::int64_t insert_import(WriteTransaction& tx, std::string_view kind, const std::string& file, const std::string& digest,
                           const std::string& encoding) {
  Query insert(connection_of(tx),
                           "INSERT INTO imports (kind, file_name, digest, encoding, rows, added, imported_at, imported_by) "
                           "VALUES (?, ?, ?, ?, 0, 0, ?, ?)");
  insert.bind(1, std::string(kind));
  insert.bind(2, file);
  insert.bind(3, digest);
  insert.bind(4, encoding);
  insert.bind(5, format_time(tx.now()));
  insert.bind(6, tx.actor().login);
  insert.run();
  return connection_of(tx).last_insert_id();
}

void complete_import(WriteTransaction& tx, std::int64_t id, const std::string& digest, const std::string& encoding,
                     std::int64_t rows, std::int64_t added) {
  Query update(connection_of(tx), "UPDATE imports SET digest = ?, encoding = ?, rows = ?, added = ? WHERE id = ?");
  update.bind(1, digest);
  update.bind(2, encoding);
  update.bind(3, static_cast<std::int64_t>(rows));
  update.bind(4, static_cast<std::int64_t>(added));
  update.bind(5, static_cast<std::int64_t>(id));
  update.run();
  tx.journal("imports", id);
}

std::vector<SheetSignoff> signoffs_of(Store& store, const Month& month) {
  Query q(connection_of(store),
                      "SELECT s.role, s.login, coalesce(u.name, ''), s.signed_at FROM sheet_signoffs s "
                      "LEFT JOIN users u ON u.login = s.login WHERE s.month = ? ORDER BY s.id");
  q.bind(1, month.text());
  std::vector<SheetSignoff> list;
  while (q.step())
    list.push_back({parse_sheet_role(q.text(0)), q.text(1), q.text(2),
                    q.time(3)});
  return list;
}

bool signoff_exists(Store& store, const Month& month, SheetRole role) {
  Query q(connection_of(store), "SELECT 1 FROM sheet_signoffs WHERE month = ? AND role = ?");
  q.bind(1, month.text());
  q.bind(2, std::string(sheet_role_name(role)));
  return q.step();
}

void insert_signoff(WriteTransaction& tx, const Month& month, SheetRole role, const std::optional<std::string>& checkpoint) {
  Query insert(connection_of(tx),
                           "INSERT INTO sheet_signoffs (month, role, login, signed_at, checkpoint) VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, month.text());
  insert.bind(2, std::string(sheet_role_name(role)));
  insert.bind(3, tx.actor().login);
  insert.bind(4, format_time(tx.now()));
  insert.bind(5, checkpoint);
  insert.run();
  tx.journal("sheet_signoffs", connection_of(tx).last_insert_id());
}

std::int64_t insert_data(WriteTransaction& tx, const NewData& data, const std::optional<RegisteredFile>& file) {
  Query insert(connection_of(tx),
                           "INSERT INTO obtained_data (entry_id, description, archive_no, destroy_by, file_path, "
                           "recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, static_cast<std::int64_t>(data.entry_id));
  insert.bind(2, data.description);
  insert.bind(3, data.archive_no);
  insert.bind(4, data.destroy_by ? std::optional(format_date(*data.destroy_by)) : std::nullopt);
  insert.bind(5, data.file_path);
  insert.bind(6, format_time(tx.now()));
  insert.bind(7, tx.actor().login);
  insert.run();
  const std::int64_t id = connection_of(tx).last_insert_id();
  tx.journal("obtained_data", id);
  if (file) {
    Query registered(connection_of(tx), "INSERT INTO data_files (id, device, inode) VALUES (?, ?, ?)");
    registered.bind(1, static_cast<std::int64_t>(id));
    registered.bind(2, static_cast<std::int64_t>(file->device));  // the bits of the unsigned value
    registered.bind(3, static_cast<std::int64_t>(file->inode));
    registered.run();
    tx.journal("data_files", id);
  }
  return id;
}

std::vector<ObtainedData> load_data(Store& store, const std::optional<std::string>& login, bool pending_only) {
  Query q(connection_of(store),
                      "SELECT d.id, d.entry_id, e.login, d.description, d.archive_no, d.destroy_by, d.file_path, "
                      "d.destroyed_at FROM obtained_data d JOIN usage_entries e ON e.id = d.entry_id "
                      "WHERE (CAST(?1 AS TEXT) IS NULL OR e.login = ?1) AND (?2 = 0 OR (d.archive_no IS NULL AND d.destroyed_at IS NULL)) "
                      "ORDER BY coalesce(d.destroy_by, '9999'), d.id");
  q.bind(1, login);
  q.bind(2, pending_only ? 1 : 0);
  std::vector<ObtainedData> list;
  while (q.step()) {
    ObtainedData d;
    d.id = q.integer(0);
    d.entry_id = q.integer(1);
    d.login = q.text(2);
    d.description = q.text(3);
    d.archive_no = q.optional_text(4);
    if (!q.is_null(5)) d.destroy_by = q.date(5);
    d.file_path = q.optional_text(6);
    if (!q.is_null(7)) d.destroyed_at = q.time(7);
    list.push_back(std::move(d));
  }
  return list;
}

void insert_handover(WriteTransaction& tx, const Handover& h) {
  Query insert(connection_of(tx),
                           "INSERT INTO handovers (login, to_login, handed_on, entries, data_items, recorded_at, "
                           "recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, h.login);
  insert.bind(2, h.to);
  insert.bind(3, format_date(h.on));
  insert.bind(4, static_cast<std::int64_t>(h.entries.size()));
  insert.bind(5, static_cast<std::int64_t>(h.data_items()));
  insert.bind(6, format_time(tx.now()));
  insert.bind(7, tx.actor().login);
  insert.run();
  tx.journal("handovers", connection_of(tx).last_insert_id());
}

std::optional<Date> last_handover_on(Store& store, const std::string& login, Date until) {
  Query q(connection_of(store), "SELECT max(handed_on) FROM handovers WHERE login = ? AND handed_on <= ?");
  q.bind(1, login);
  q.bind(2, format_date(until));
  if (!q.step() || q.is_null(0)) return std::nullopt;
  return q.date(0);
}

std::optional<std::string> journal_head(Store& store) {
  const auto head = integrity_store::journal_head(connection_of(store));
  if (!head) return std::nullopt;
  return head->text();
}

}  // namespace imcomply::usage_store
