#pragma once
// lib/ only: the SQL behind system_log.cpp. Writes take the open WriteTransaction and journal the rows.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>


#include "imcomply/system_log.hpp"

namespace imcomply {
class BatchJournal;
namespace sql {
class Query;
}
}

namespace imcomply::system_log_store {

/// Inserts system-log rows through one prepared statement, since a month's log has millions.
/// Its rows are journaled as batches (spec §7): call finish() before commit.
class QueryWriter {
 public:
  QueryWriter(WriteTransaction& tx, std::int64_t import_id);
  ~QueryWriter();
  /// The new id; nullopt when the row (account, time, item, subject) is present already.
  std::optional<std::int64_t> insert(const SystemQuery& query);
  /// Journals the last batch.
  void finish();

 private:
  WriteTransaction& tx_;
  std::int64_t import_id_;
  std::unique_ptr<sql::Query> statement_;
  std::unique_ptr<BatchJournal> batch_;
};

/// Queries whose Taiwan day lies in [from, to] (either open), in time order, one at a time.
void for_each_query(Store& store, std::optional<Date> from, std::optional<Date> to,
                    const std::function<void(const SystemQuery&)>& visit);

/// How many system-log rows are stored (all hashed with the office key).
std::int64_t count_queries(Store& store);

/// The check value of the subject key in force (the latest recorded); nullopt before the first.
std::optional<std::string> latest_key_check(Store& store);
/// Records (and journals) the check value of a key put in force.
void insert_key_check(WriteTransaction& tx, const std::string& check_value);

}  // namespace imcomply::system_log_store
