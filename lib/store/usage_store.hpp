#pragma once
// lib/ only: the SQL behind usage.cpp. Writes take the open WriteTransaction and journal the rows.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <memory>


#include "imcomply/data_files.hpp"
#include "imcomply/usage.hpp"

namespace imcomply {
class BatchJournal;
namespace sql {
class Query;
}
}

namespace imcomply::usage_store {

std::optional<UsageEntry> find_entry(Store& store, std::int64_t id);
std::optional<UsageEntry> open_entry_of(Store& store, const std::string& login);
bool entry_exists(Store& store, const std::string& login, Item item, Instant login_at);
/// The entry with this natural key, if any.
std::optional<UsageEntry> find_by_key(Store& store, const std::string& login, Item item, Instant login_at);
/// How a writer journals its rows: one record each, or (imports) as batches (spec §7).
enum class Journaling { each_row, batched };

/// Inserts entries through one prepared statement, since imports insert millions.
class EntryWriter {
 public:
  explicit EntryWriter(WriteTransaction& tx, Journaling journaling = Journaling::each_row);
  ~EntryWriter();
  /// The new id; nullopt when the natural key (user, item, login time) is taken already.
  std::optional<std::int64_t> insert(const NewEntry& entry, std::optional<std::int64_t> import_id);
  /// Journals the last batch (batched only); call before commit.
  void finish();

 private:
  WriteTransaction& tx_;
  std::unique_ptr<sql::Query> statement_;
  std::unique_ptr<BatchJournal> batch_;
};
void set_logout(WriteTransaction& tx, std::int64_t id, Instant at);
/// Entries whose login day lies in [from, to] (either open), in login order, one at a time.
void for_each_entry(Store& store, std::optional<Date> from, std::optional<Date> to,
                    const std::optional<std::string>& login, const std::function<void(const UsageEntry&)>& visit);

bool import_exists(Store& store, std::string_view kind, const std::string& digest);
std::int64_t insert_import(WriteTransaction& tx, std::string_view kind, const std::string& file, const std::string& digest,
                           const std::string& encoding);
void complete_import(WriteTransaction& tx, std::int64_t id, const std::string& digest, const std::string& encoding,
                     std::int64_t rows, std::int64_t added);

std::vector<SheetSignoff> signoffs_of(Store& store, const Month& month);
bool signoff_exists(Store& store, const Month& month, SheetRole role);
void insert_signoff(WriteTransaction& tx, const Month& month, SheetRole role, const std::optional<std::string>& checkpoint);

/// Inserts an obtained-data row; a registered file's device and inode go beside it (data_files).
std::int64_t insert_data(WriteTransaction& tx, const NewData& data, const std::optional<RegisteredFile>& file);
std::vector<ObtainedData> load_data(Store& store, const std::optional<std::string>& login, bool pending_only);

void insert_handover(WriteTransaction& tx, const Handover& handover);
/// The date of LOGIN's latest handover on or before `until`, if any.
std::optional<Date> last_handover_on(Store& store, const std::string& login, Date until);

std::optional<std::string> journal_head(Store& store);

}  // namespace imcomply::usage_store
