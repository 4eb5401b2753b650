// spec §7 and §4 (audit verify, seal, keygen): the journal's anchors, and a verification that
// catches every change made behind imcomply's back. The office is built through the public API;
// the tampering is done with raw sqlite3 on a copy of the closed file, as someone with the shell would.
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "fixture.hpp"
#include "imcomply/error.hpp"
#include "imcomply/integrity.hpp"
#include "imcomply/journal.hpp"
#include "imcomply/purge.hpp"
#include "imcomply/system_log.hpp"
#include "imcomply/usage.hpp"

using namespace imcomply;
using test::OfficeDb;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr auto wait = std::chrono::milliseconds(1000);
using Row = std::vector<std::optional<std::string>>;

/// The file through the stock sqlite3 library: no journal, no checks, foreign keys off.
struct RawDb {
  sqlite3* handle = nullptr;
  explicit RawDb(const fs::path& path) {
    REQUIRE(sqlite3_open(path.c_str(), &handle) == SQLITE_OK);
    exec("PRAGMA synchronous = OFF");  // a scratch copy: no need to wait for the disk
  }
  ~RawDb() { sqlite3_close(handle); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  /// false when a constraint (or anything else) refuses the statement.
  bool try_exec(const std::string& sql) { return sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK; }
  void exec(const std::string& sql) {
    INFO(sql);
    REQUIRE(try_exec(sql));
  }
  std::vector<Row> rows(const std::string& sql) {
    sqlite3_stmt* q = nullptr;
    REQUIRE(sqlite3_prepare_v2(handle, sql.c_str(), -1, &q, nullptr) == SQLITE_OK);
    std::vector<Row> out;
    while (sqlite3_step(q) == SQLITE_ROW) {
      Row row;
      for (int i = 0; i < sqlite3_column_count(q); ++i)
        if (sqlite3_column_type(q, i) == SQLITE_NULL)
          row.emplace_back(std::nullopt);
        else
          row.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(q, i)));
      out.push_back(row);
    }
    sqlite3_finalize(q);
    return out;
  }
  std::vector<std::string> column(const std::string& sql) {
    std::vector<std::string> values;
    for (const auto& row : rows(sql)) values.push_back(row.at(0).value_or(""));
    return values;
  }
  std::int64_t integer(const std::string& sql) { return std::stoll(column(sql).at(0)); }
};

Date d(std::string_view text) { return parse_date(text); }
Instant t(std::string_view text) { return parse_time(text); }

void close(OfficeDb& office) { office.store.reset(); }  // the last connection folds the WAL into the file
void reopen(OfficeDb& office) { office.store.emplace(Store::open(office.db, wait)); }

/// A private copy of a closed database, to tamper with.
struct DbCopy {
  TempDir dir;
  fs::path db = dir.path / "copy.db";
  explicit DbCopy(const fs::path& from) {
    fs::copy_file(from, db);
    fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  }
};

Verification verify_file(const fs::path& db, const std::vector<Anchor>& anchors = {}) {
  Store store = Store::open(db, wait);
  Config config;
  Session s{store, config, Actor{"cron", "cron"}, t("2026-11-29T12:00")};  // reading needs no role
  return verify(s, anchors);
}

bool has_line(const Verification& v, std::string_view text) {
  return std::any_of(v.problems.begin(), v.problems.end(),
                     [&](const std::string& line) { return line.find(text) != std::string::npos; });
}

bool starts_with(const std::string& line, std::string_view prefix) { return line.rfind(prefix, 0) == 0; }

std::string all_problems(const Verification& v) {
  std::string text;
  for (const auto& line : v.problems) text += line + "\n";
  return text;
}

/// An auditor, huang, beside the administrator chen.
void add_auditor(OfficeDb& office) {
  auto s = office.as();
  add_user(s, NewUser{"huang", "黃稽核", std::string("稽核"), std::nullopt, std::nullopt});
  grant_role(s, "huang", Role::auditor);
}

/// A small office: approvals, a deputy, a role granted and revoked (a deleted row), a duty change
/// and its termination, usage entries (one opened and closed: an updated row), a signing key and
/// a signed checkpoint, and a change after it. Built once; each case tampers with a copy.
const fs::path& sample_office() {
  static std::optional<OfficeDb> office;
  if (!office) {
    office.emplace();
    office->active_user("wang", "王小明");
    office->active_user("lin", "林美麗");
    add_auditor(*office);
    auto s = office->as();
    grant_role(s, "wang", Role::officer);
    revoke_role(s, "wang", Role::officer);
    set_deputy(s, "wang", "lin");
    record_duty_change(s, "lin", DutyChangeKind::resignation, d("2026-11-20"));
    terminate(s, "lin", TerminationReason::duty_change, d("2026-11-24"));
    add_entry(s, NewEntry{"wang", Item::entry_exit, "戶籍查核", std::string("戶籍法"), std::string("A-1"),
                          t("2026-11-27T09:00"), t("2026-11-27T09:10")});
    auto as_wang = office->as("wang");
    const auto id = open_entry(as_wang, NewEntry{"wang", Item::foreigner, "外籍配偶居留查核", std::nullopt,
                                                 std::nullopt, t("2026-11-29T09:30"), std::nullopt});
    close_entry(as_wang, id, std::nullopt, t("2026-11-29T09:40"));
    auto as_huang = office->as("huang");
    keygen(as_huang, office->dir.path / "audit.pem");
    seal(as_huang, office->dir.path / "audit.pem");
    add_user(s, NewUser{"lee", "李四", std::nullopt, std::nullopt, std::nullopt});
    close(*office);
  }
  return office->db;
}

/// An office whose logs arrived by import, so that their rows are journaled in batches (journal
/// format 3): usage entries and system-log rows of 2021 (imported in 2022) and of 2026, and the
/// night's purge of 2026-11-28, which removed the 2021 rows but lin's, kept by a hold: batches
/// partly purged, one purged whole, and the cut's records of the roster journaled again.
const fs::path& batched_office() {
  static std::optional<OfficeDb> office;
  if (!office) {
    office.emplace("2021-01-04T09:00");
    office->active_user("wang", "王小明", "2021-01-04");
    office->active_user("lin", "林美麗", "2021-01-04");
    add_auditor(*office);
    const auto file = [&](const std::string& name, const std::string& text) {
      const auto path = office->dir.path / name;
      std::ofstream(path, std::ios::binary) << text;
      return path;
    };
    const std::string usage_header = "user,login,logout,item,purpose\n";
    const std::string log_header = "查詢時間,帳號,查詢項目,查詢對象,查詢欄位,來源IP\n";
    office->at("2022-01-10T09:00");
    {
      auto s = office->as();
      import_entries(s,
                     file("2021.csv", usage_header + "wang,2021-03-01 09:00,2021-03-01 09:05,entry-exit,查核一\n"
                                                     "lin,2021-03-01 10:00,2021-03-01 10:05,entry-exit,查核二\n"
                                                     "wang,2021-03-01 11:00,2021-03-01 11:05,entry-exit,查核三\n"
                                                     "wang,2021-03-02 09:00,2021-03-02 09:05,foreigner,查核四\n"
                                                     "lin,2021-03-02 10:00,2021-03-02 10:05,foreigner,查核五\n"
                                                     "wang,2021-03-03 09:00,2021-03-03 09:05,entry-exit,查核六\n"),
                     Encoding::auto_detect, false, std::nullopt);
      auto huang = office->as("huang");
      import_system_log(huang,
                        file("2021-log.csv", log_header + "2021-03-01 09:01,wang,入出境資訊,A123456789,姓名,10.0.0.1\n"
                                                          "2021-03-01 10:01,lin,入出境資訊,B223456789,姓名,10.0.0.2\n"
                                                          "2021-03-01 11:01,wang,入出境資訊,A123456789,姓名,10.0.0.1\n"
                                                          "2021-03-02 10:01,lin,外籍人士居停留資訊,C123456789,姓名,\n"),
                        Encoding::auto_detect, false);
    }
    office->at("2026-11-25T09:00");
    {
      auto s = office->as();
      add_hold(s, std::string("lin"), std::nullopt, std::nullopt, "訴訟");
    }
    office->at("2026-11-26T09:00");
    {
      auto s = office->as();
      import_entries(s,
                     file("2026.csv", usage_header + "wang,2026-11-20 09:00,2026-11-20 09:05,entry-exit,查核七\n"
                                                     "wang,2026-11-20 10:00,2026-11-20 10:05,foreigner,查核八\n"
                                                     "lin,2026-11-21 09:00,2026-11-21 09:05,entry-exit,查核九\n"),
                     Encoding::auto_detect, false, std::nullopt);
      auto huang = office->as("huang");
      import_system_log(huang,
                        file("2026-log.csv", log_header + "2026-11-20 09:01,wang,入出境資訊,A123456789,姓名,10.0.0.1\n"
                                                          "2026-11-20 10:01,wang,外籍人士居停留資訊,D123456789,姓名,\n"),
                        Encoding::auto_detect, false);
    }
    office->at("2026-11-28T03:00");
    {
      auto s = office->as();
      purge(s, false);
    }
    close(*office);
  }
  return office->db;
}

/// Both offices, for the loops that tamper at every position.
std::vector<fs::path> offices() { return {sample_office(), batched_office()}; }

/// Whether a line names the row: as itself, or as one of the rows of the batch whose Merkle root
/// no longer recomputes ("TABLE rows A to B (journal record S, a batch): …").
bool names_row(const Verification& v, const std::string& table, const std::string& id, std::string_view as_itself) {
  if (has_line(v, table + " row " + id + " " + std::string(as_itself))) return true;
  const std::int64_t rowid = std::stoll(id);
  return std::any_of(v.problems.begin(), v.problems.end(), [&](const std::string& line) {
    std::int64_t from = 0, to = 0;
    const std::string prefix = table + " rows ";
    if (line.rfind(prefix, 0) == 0 && line.find("a batch)") != std::string::npos &&
        std::sscanf(line.c_str() + prefix.size(), "%lld to %lld", reinterpret_cast<long long*>(&from),
                    reinterpret_cast<long long*>(&to)) == 2)
      return from <= rowid && rowid <= to;
    return line.rfind(table + " row " + id + " (journal record ", 0) == 0 && line.find("a batch)") != std::string::npos;
  });
}

std::vector<std::int64_t> journal_seqs(const fs::path& db) {
  RawDb raw(db);
  std::vector<std::int64_t> seqs;
  for (const auto& seq : raw.column("SELECT seq FROM journal ORDER BY seq")) seqs.push_back(std::stoll(seq));
  return seqs;
}

std::vector<std::string> protected_tables(const fs::path& db) {
  RawDb raw(db);
  return raw.column("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'journal%' "
                    "AND name NOT LIKE 'sqlite%' ORDER BY name");
}

std::vector<std::string> ids_of(const fs::path& db, const std::string& table) {
  RawDb raw(db);
  return raw.column("SELECT id FROM \"" + table + "\" ORDER BY id");
}

std::vector<std::string> columns_of(RawDb& raw, const std::string& table) {
  return raw.column("SELECT name FROM pragma_table_info('" + table + "') WHERE name <> 'id' ORDER BY cid");
}

/// Changes one column of the row, the first that its constraints let change.
bool change_a_column(RawDb& raw, const std::string& table, const std::string& id) {
  for (const auto& col : columns_of(raw, table))
    if (raw.try_exec("UPDATE \"" + table + "\" SET \"" + col + "\" = coalesce(\"" + col + "\", '') || 'x' WHERE id = " +
                     id))
      return true;
  return false;
}

/// Inserts a copy of the first row under an id no record names, altering a column (or all of them)
/// if a UNIQUE key demands it.
std::optional<std::string> insert_a_row(RawDb& raw, const std::string& table) {
  const std::string new_id = std::to_string(raw.integer("SELECT max(id) FROM \"" + table + "\"") + 100);
  const std::string copy = "CREATE TEMP TABLE forged AS SELECT * FROM \"" + table + "\" ORDER BY id LIMIT 1; "
                           "UPDATE forged SET id = " + new_id + ";";
  std::vector<std::string> alterations{""};
  std::string every_column;  // for a table with more than one UNIQUE column (os_accounts)
  for (const auto& col : columns_of(raw, table)) {
    alterations.push_back("UPDATE forged SET \"" + col + "\" = coalesce(\"" + col + "\", '') || 'x';");
    every_column += alterations.back();
  }
  alterations.push_back(every_column);
  for (const auto& alteration : alterations) {
    raw.exec("DROP TABLE IF EXISTS temp.forged; " + copy + alteration);
    if (raw.try_exec("INSERT INTO \"" + table + "\" SELECT * FROM forged")) return new_id;
  }
  return std::nullopt;
}

/// Swaps the contents of two rows, keeping their ids; false when they hold the same contents.
bool swap_rows(RawDb& raw, const std::string& table, const std::string& a, const std::string& b) {
  raw.exec("DROP TABLE IF EXISTS temp.pair; CREATE TEMP TABLE pair AS SELECT * FROM \"" + table + "\" WHERE id IN (" +
           a + ", " + b + ");");
  const auto cols = columns_of(raw, table);
  std::string list;
  for (const auto& col : cols) list += (list.empty() ? "\"" : ", \"") + col + "\"";
  if (raw.integer("SELECT count(*) FROM (SELECT DISTINCT " + list + " FROM pair)") == 1) return false;
  raw.exec("UPDATE pair SET id = " + a + " + " + b + " - id; DELETE FROM \"" + table + "\" WHERE id IN (" + a + ", " +
           b + "); INSERT INTO \"" + table + "\" SELECT * FROM pair;");
  return true;
}

constexpr const char* journal_fields =
    "at, actor, os_user, action, entity, entity_id, digest, salt, prev_hash, hash, format, day, leaves, batch";

}  // namespace

// --- anchors ---

TEST_CASE("an anchor reads SEQ:HASH and prints back the same") {
  const std::string hash(64, 'a');
  const auto anchor = parse_anchor("42:" + hash);
  CHECK(anchor.seq == 42);
  CHECK(anchor.hash == hash);
  CHECK(anchor.text() == "42:" + hash);
}

TEST_CASE("anything but SEQ:HASH with 64 lower-case hex digits is rejected naming the form") {
  const std::string hash(64, 'a');
  for (const std::string& garbage :
       {std::string(""), std::string("42"), "42:" + std::string(63, 'a'), "42:" + std::string(65, 'a'),
        "42:" + std::string(64, 'A'), "42:" + std::string(63, 'a') + "g", "x:" + hash, "-1:" + hash, "0:" + hash,
        "+4:" + hash, "042:" + hash, " 42:" + hash, "42:" + hash + " ", "42 :" + hash, ":" + hash,
        "99999999999999999999:" + hash, "42:" + hash + ":1"}) {
    CAPTURE(garbage);
    CHECK_THROWS_WITH_AS(parse_anchor(garbage), doctest::Contains("SEQ:HASH"), RejectedInput);
  }
}

TEST_CASE("a checkpoint's signed message names the format, the record, its hash and the time") {
  Checkpoint c;
  c.anchor = Anchor{7, std::string(64, 'b')};
  c.sealed_at = t("2026-11-29T10:00");
  CHECK(checkpoint_message(c) == "imcomply-checkpoint-1:7:" + std::string(64, 'b') + ":2026-11-29T10:00:00+08:00");
}

// --- seal and keygen ---

TEST_CASE("seal and keygen need the auditor role") {
  OfficeDb office;
  add_auditor(office);
  auto chen = office.as();  // an administrator, not an auditor
  CHECK_THROWS_AS(seal(chen, std::nullopt), NotPermitted);
  CHECK_THROWS_AS(keygen(chen, office.dir.path / "key.pem"), NotPermitted);
  CHECK_FALSE(fs::exists(office.dir.path / "key.pem"));
  auto stranger = office.as("nobody");
  CHECK_THROWS_AS(seal(stranger, std::nullopt), NotPermitted);
  auto huang = office.as("huang");
  CHECK_FALSE(latest_checkpoint(huang).has_value());
}

TEST_CASE("a seal covers the journal head as it was before the seal's own record") {
  OfficeDb office;
  add_auditor(office);
  auto huang = office.as("huang");
  const auto head = parse_anchor(*journal_head(huang));
  const auto checkpoint = seal(huang, std::nullopt);
  CHECK(checkpoint.anchor.seq == head.seq);
  CHECK(checkpoint.anchor.hash == head.hash);
  CHECK(checkpoint.sealed_by == "huang");
  CHECK(checkpoint.sealed_at == office.now);
  CHECK_FALSE(checkpoint.signature.has_value());
  CHECK(parse_anchor(*journal_head(huang)).seq == head.seq + 1);  // the checkpoint row, journaled
  const auto latest = latest_checkpoint(huang);
  REQUIRE(latest.has_value());
  CHECK(latest->id == checkpoint.id);
  CHECK(latest->anchor.text() == head.text());
  CHECK(verify(huang, {checkpoint.anchor}).ok());
}

TEST_CASE("an empty journal cannot be sealed") {
  OfficeDb office;
  add_auditor(office);
  close(office);
  RawDb(office.db).exec("DELETE FROM journal");
  reopen(office);
  auto huang = office.as("huang");
  CHECK_THROWS_WITH_AS(seal(huang, std::nullopt), doctest::Contains("empty"), RejectedInput);
}

TEST_CASE("keygen writes a private key file of mode 0600 and registers its public half") {
  OfficeDb office;
  add_auditor(office);
  auto huang = office.as("huang");
  const auto key_file = office.dir.path / "audit.pem";
  const mode_t old_umask = ::umask(0);
  const std::string public_key = keygen(huang, key_file);
  ::umask(old_umask);
  CHECK(public_key.size() == 64);
  struct stat info {};
  REQUIRE(::stat(key_file.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  std::ifstream in(key_file);
  std::stringstream pem;
  pem << in.rdbuf();
  CHECK(pem.str().find("-----BEGIN PRIVATE KEY-----") == 0);
  const auto checkpoint = seal(huang, key_file);
  CHECK(checkpoint.public_key == public_key);
  CHECK(latest_checkpoint(huang)->public_key == public_key);
  const auto v = verify(huang, {});
  CHECK(v.ok());
  CHECK(v.checkpoints == 1);
}

TEST_CASE("keygen refuses an existing file and leaves it and the database untouched") {
  OfficeDb office;
  add_auditor(office);
  auto huang = office.as("huang");
  const auto key_file = office.dir.path / "audit.pem";
  std::ofstream(key_file) << "keep me\n";
  const auto head = journal_head(huang);
  CHECK_THROWS_WITH_AS(keygen(huang, key_file), doctest::Contains("exists already"), RejectedInput);
  std::ifstream in(key_file);
  std::string line;
  std::getline(in, line);
  CHECK(line == "keep me");
  CHECK(journal_head(huang) == head);
}

TEST_CASE("a checkpoint signed with a key keygen made verifies, with its signature checked") {
  OfficeDb office;
  add_auditor(office);
  auto huang = office.as("huang");
  keygen(huang, office.dir.path / "audit.pem");
  const auto checkpoint = seal(huang, office.dir.path / "audit.pem");
  REQUIRE(checkpoint.signature.has_value());
  CHECK(checkpoint.signature->size() == 128);
  const auto v = verify(huang, {checkpoint.anchor});
  CHECK(v.ok());
  CHECK(v.checkpoints == 1);
  CHECK(v.anchors == 1);
}

TEST_CASE("a flipped byte of a stored signature fails verification as a bad signature") {
  OfficeDb office;
  add_auditor(office);
  auto huang = office.as("huang");
  keygen(huang, office.dir.path / "audit.pem");
  const auto checkpoint = seal(huang, office.dir.path / "audit.pem");
  close(office);
  RawDb(office.db).exec("UPDATE checkpoints SET signature = CASE substr(signature, 1, 1) WHEN '0' THEN '1' ELSE '0' "
                        "END || substr(signature, 2)");
  const auto v = verify_file(office.db);
  CHECK_FALSE(v.ok());
  CHECK(has_line(v, "checkpoint " + std::to_string(checkpoint.id) + ": bad signature"));
}

TEST_CASE("sealing with a key whose public half was never registered is rejected") {
  OfficeDb other;  // a second office makes a key this one never saw
  add_auditor(other);
  auto other_huang = other.as("huang");
  const auto foreign_key = other.dir.path / "other.pem";
  keygen(other_huang, foreign_key);

  OfficeDb office;
  add_auditor(office);
  auto huang = office.as("huang");
  CHECK_THROWS_WITH_AS(seal(huang, foreign_key), doctest::Contains("not registered"), RejectedInput);
  CHECK_FALSE(latest_checkpoint(huang).has_value());
  std::ofstream(office.dir.path / "junk.pem") << "not a key\n";
  CHECK_THROWS_AS(seal(huang, office.dir.path / "junk.pem"), RejectedInput);
  CHECK_THROWS_AS(seal(huang, office.dir.path / "missing.pem"), RejectedInput);
}

// --- verify: an untouched database ---

TEST_CASE("an untouched database verifies, and verifying writes nothing") {
  DbCopy copy(sample_office());
  const auto before = journal_seqs(copy.db);
  const auto v = verify_file(copy.db);
  CHECK_MESSAGE(v.ok(), all_problems(v));
  CHECK(v.records == static_cast<std::int64_t>(before.size()));
  CHECK(v.records > 10);
  CHECK(v.rows > 10);
  CHECK(v.checkpoints == 1);
  CHECK(journal_seqs(copy.db) == before);
}

// --- verify: the chain, tampered with at every position ---

TEST_CASE("changing a field of any journal record fails verification naming that record first") {
  for (const auto& office : offices()) {
    CAPTURE(office);
    for (const auto seq : journal_seqs(office)) {
      CAPTURE(seq);
      DbCopy copy(office);
      RawDb(copy.db).exec("UPDATE journal SET actor = 'x' WHERE seq = " + std::to_string(seq));
      const auto v = verify_file(copy.db);
      REQUIRE_FALSE(v.ok());
      CHECK(starts_with(v.problems[0], "journal record " + std::to_string(seq) + ": changed"));
    }
  }
}

TEST_CASE("deleting any journal record fails verification") {
  for (const auto& office : offices()) {
    CAPTURE(office);
    const auto seqs = journal_seqs(office);
    for (const auto seq : seqs) {
      CAPTURE(seq);
      DbCopy copy(office);
      RawDb(copy.db).exec("DELETE FROM journal WHERE seq = " + std::to_string(seq));
      const auto v = verify_file(copy.db);
      REQUIRE_FALSE(v.ok());
      // The last one leaves no gap (its row then no longer matches); the first after a purge cut
      // leaves the chain following no cut, as if cut from record 1.
      if (seq == seqs.front() && seq > 1)
        CHECK(starts_with(v.problems[0], "journal record 1: missing"));
      else if (seq != seqs.back())
        CHECK(starts_with(v.problems[0], "journal record " + std::to_string(seq) + ": missing"));
    }
  }
}

TEST_CASE("a forged record slipped in at any position fails verification") {
  for (const auto& office : offices()) {
    CAPTURE(office);
    for (const auto seq : journal_seqs(office)) {
      CAPTURE(seq);
      DbCopy copy(office);
      RawDb raw(copy.db);
      const auto s = std::to_string(seq);
      const auto original = raw.rows("SELECT seq, " + std::string(journal_fields) + " FROM journal WHERE seq = " + s).at(0);
      raw.exec("UPDATE journal SET seq = -seq - 1 WHERE seq >= " + s + "; UPDATE journal SET seq = -seq WHERE seq < 0;");
      // The forger computes a proper hash for the record slipped in: the chain after it still breaks.
      JournalRecord forged;
      forged.seq = seq;
      forged.at = *original[1];
      forged.actor = "x";
      forged.os_user = *original[3];
      forged.action = *original[4];
      forged.entity = *original[5];
      forged.entity_id = *original[6];
      forged.digest = original[7];
      forged.salt = *original[8];
      forged.format = std::stoi(*original[11]);
      forged.day = original[12];
      if (original[13]) forged.leaves = std::stoll(*original[13]);
      if (original[14]) forged.batch = std::stoll(*original[14]);
      // The record before, or the purge cut the chain follows.
      forged.prev_hash =
          seq == 1 ? genesis_hash
                   : raw.column("SELECT hash FROM journal WHERE seq = " + std::to_string(seq - 1) +
                                " UNION ALL SELECT hash FROM purge_cuts WHERE seq = " + std::to_string(seq - 1))
                         .at(0);
      forged.hash = record_hash(forged);
      const auto integer = [](const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string("NULL"); };
      raw.exec(fmt::format("INSERT INTO journal (seq, {}) VALUES ({}, '{}', '{}', '{}', '{}', '{}', '{}', {}, '{}', "
                           "'{}', '{}', {}, {}, {}, {})",
                           journal_fields, seq, forged.at, forged.actor, forged.os_user, forged.action, forged.entity,
                           forged.entity_id, forged.digest ? "'" + *forged.digest + "'" : "NULL", forged.salt,
                           forged.prev_hash, forged.hash, forged.format, forged.day ? "'" + *forged.day + "'" : "NULL",
                           integer(forged.leaves), integer(forged.batch)));
      const auto v = verify_file(copy.db);
      REQUIRE_FALSE(v.ok());
      CHECK(starts_with(v.problems[0], "journal record " + std::to_string(seq + 1) + ":"));
    }
  }
}

TEST_CASE("swapping the contents of any two adjacent journal records fails verification at the first") {
  for (const auto& office : offices()) {
    CAPTURE(office);
    const auto seqs = journal_seqs(office);
    for (std::size_t i = 0; i + 1 < seqs.size(); ++i) {
      const auto a = std::to_string(seqs[i]);
      const auto b = std::to_string(seqs[i + 1]);
      CAPTURE(a);
      DbCopy copy(office);
      RawDb(copy.db).exec("CREATE TEMP TABLE pair AS SELECT * FROM journal WHERE seq IN (" + a + ", " + b + "); "
                          "UPDATE journal SET (" + journal_fields + ") = (SELECT " + journal_fields +
                          " FROM pair WHERE pair.seq = " + a + " + " + b + " - journal.seq) WHERE seq IN (" + a + ", " +
                          b + ");");
      const auto v = verify_file(copy.db);
      REQUIRE_FALSE(v.ok());
      if (i == 0 && seqs[0] > 1)  // the first after a purge cut no longer follows the cut
        CHECK(starts_with(v.problems[0], "journal record 1: missing"));
      else
        CHECK(starts_with(v.problems[0], "journal record " + a + ":"));
    }
  }
}

TEST_CASE("renumbering a journal record fails verification") {
  DbCopy copy(sample_office());
  RawDb(copy.db).exec("UPDATE journal SET seq = 0 WHERE seq = 1");
  auto v = verify_file(copy.db);
  REQUIRE_FALSE(v.ok());
  CHECK(v.problems[0] == "journal record 0: out of order (sequence numbers start at 1)");

  DbCopy moved(sample_office());
  RawDb(moved.db).exec("UPDATE journal SET seq = 1000 WHERE seq = 5");
  v = verify_file(moved.db);
  REQUIRE_FALSE(v.ok());
  CHECK(starts_with(v.problems[0], "journal record 5: missing"));
}

// --- verify: every row of every protected table ---

TEST_CASE("changing a column of any row fails verification naming its table and row") {
  for (const auto& office : offices()) {
    CAPTURE(office);
    for (const auto& table : protected_tables(office))
      for (const auto& id : ids_of(office, table)) {
        CAPTURE(table);
        CAPTURE(id);
        DbCopy copy(office);
        {
          RawDb raw(copy.db);
          REQUIRE(change_a_column(raw, table, id));
        }
        const auto v = verify_file(copy.db);
        CHECK_FALSE(v.ok());
        CHECK(names_row(v, table, id, "was changed after journal record"));
      }
  }
}

TEST_CASE("deleting any row fails verification naming its table and row") {
  for (const auto& office : offices()) {
    CAPTURE(office);
    for (const auto& table : protected_tables(office))
      for (const auto& id : ids_of(office, table)) {
        CAPTURE(table);
        CAPTURE(id);
        DbCopy copy(office);
        RawDb(copy.db).exec("DELETE FROM \"" + table + "\" WHERE id = " + id);
        const auto v = verify_file(copy.db);
        CHECK_FALSE(v.ok());
        CHECK(has_line(v, table + " row " + id + " was deleted outside imcomply (journal record"));
      }
  }
}

TEST_CASE("a row inserted into any table outside imcomply fails verification") {
  for (const auto& office : offices()) {
    CAPTURE(office);
    int inserted = 0;
    for (const auto& table : protected_tables(office)) {
      if (ids_of(office, table).empty()) continue;
      CAPTURE(table);
      DbCopy copy(office);
      std::optional<std::string> id;
      {
        RawDb raw(copy.db);
        id = insert_a_row(raw, table);
      }
      if (!id) {
        CHECK(table == "office");  // CHECK (id = 1): the only table that cannot take a second row
        continue;
      }
      ++inserted;
      const auto v = verify_file(copy.db);
      CHECK_FALSE(v.ok());
      CHECK(has_line(v, table + " row " + *id + " is not in the journal (inserted outside imcomply)"));
    }
    CHECK(inserted >= 8);
  }
}

TEST_CASE("swapping the contents of two rows fails verification as two changed rows") {
  for (const auto& office : offices()) {
    CAPTURE(office);
    int swapped = 0;
    for (const auto& table : protected_tables(office)) {
      const auto ids = ids_of(office, table);
      for (std::size_t i = 0; i + 1 < ids.size(); ++i) {
        CAPTURE(table);
        CAPTURE(ids[i]);
        DbCopy copy(office);
        {
          RawDb raw(copy.db);
          if (!swap_rows(raw, table, ids[i], ids[i + 1])) continue;
        }
        ++swapped;
        const auto v = verify_file(copy.db);
        CHECK_FALSE(v.ok());
        CHECK(names_row(v, table, ids[i], "was changed"));
        CHECK(names_row(v, table, ids[i + 1], "was changed"));
      }
    }
    CHECK(swapped >= 10);
  }
}

TEST_CASE("a row deleted through imcomply and put back by hand fails verification") {
  DbCopy copy(sample_office());
  {
    RawDb raw(copy.db);
    // The officer role granted to wang and revoked: its row is gone, and the journal says so.
    const auto id = raw.column("SELECT entity_id FROM journal WHERE entity = 'roles' AND digest IS NULL").at(0);
    raw.exec("INSERT INTO roles (id, login, role, granted_at, granted_by) VALUES (" + id +
             ", 'wang', 'officer', '2026-11-29T10:00:00+08:00', 'chen')");
  }
  const auto v = verify_file(copy.db);
  CHECK_FALSE(v.ok());
  CHECK(has_line(v, "(inserted outside imcomply)"));
}

TEST_CASE("problem lines carry table names, ids and seqs, never the data") {
  DbCopy copy(sample_office());
  RawDb(copy.db).exec("UPDATE users SET name = '王大明' WHERE login = 'wang'; UPDATE journal SET actor = 'x' WHERE seq = 3");
  const auto v = verify_file(copy.db);
  REQUIRE_FALSE(v.ok());
  for (const auto& line : v.problems) {
    CHECK(line.find("王") == std::string::npos);
    CHECK(line.find("wang") == std::string::npos);
    CHECK(line.find('\n') == std::string::npos);
  }
}

// --- verify: checkpoints and anchors ---

TEST_CASE("a copy rolled back past a checkpoint fails against that checkpoint's anchor") {
  OfficeDb office;
  add_auditor(office);
  auto huang = office.as("huang");
  const auto first = seal(huang, std::nullopt);
  close(office);
  TempDir saved;
  const auto before = saved.path / "before.db";
  fs::copy_file(office.db, before);
  reopen(office);
  auto chen = office.as();
  add_user(chen, NewUser{"lee", "李四", std::nullopt, std::nullopt, std::nullopt});
  auto huang_again = office.as("huang");
  const auto second = seal(huang_again, std::nullopt);
  CHECK(verify(huang_again, {first.anchor, second.anchor}).ok());
  CHECK(latest_checkpoint(huang_again)->id == second.id);
  close(office);

  fs::copy_file(before, office.db, fs::copy_options::overwrite_existing);  // the old copy put back
  const auto rolled_back = verify_file(office.db, {second.anchor});
  CHECK_FALSE(rolled_back.ok());
  CHECK(has_line(rolled_back, "anchor " + second.anchor.text() + " is not in this journal"));
  const auto with_first = verify_file(office.db, {first.anchor});
  CHECK_MESSAGE(with_first.ok(), all_problems(with_first));
  CHECK(with_first.anchors == 1);
}

TEST_CASE("an anchor whose hash differs from the record's fails verification") {
  DbCopy copy(sample_office());
  const auto v = verify_file(copy.db, {Anchor{2, std::string(64, 'f')}});
  CHECK_FALSE(v.ok());
  CHECK(v.anchors == 0);
  CHECK(has_line(v, "anchor 2:ffff"));
}

TEST_CASE("deleting the journal's last records back past a checkpoint fails as a truncation") {
  OfficeDb office;
  add_auditor(office);
  auto huang = office.as("huang");
  const auto checkpoint = seal(huang, std::nullopt);
  auto chen = office.as();
  add_user(chen, NewUser{"lee", "李四", std::nullopt, std::nullopt, std::nullopt});
  close(office);
  RawDb(office.db).exec("DELETE FROM journal WHERE seq >= " + std::to_string(checkpoint.anchor.seq));
  const auto v = verify_file(office.db);
  CHECK_FALSE(v.ok());
  CHECK(has_line(v, "truncated or rolled back before checkpoint " + std::to_string(checkpoint.id)));
}

TEST_CASE("a checkpoint whose sealed hash no longer matches its record fails verification") {
  DbCopy copy(sample_office());
  RawDb(copy.db).exec("UPDATE checkpoints SET hash = '" + std::string(64, 'e') + "'");
  const auto v = verify_file(copy.db);
  CHECK_FALSE(v.ok());
  CHECK(has_line(v, "no longer has the hash that was sealed"));
  CHECK(has_line(v, "bad signature"));
}

// --- verify: the file itself, and a chain cut by purge ---

TEST_CASE("an index that no longer matches its table fails verification through PRAGMA integrity_check") {
  DbCopy copy(sample_office());
  {
    RawDb raw(copy.db);
    // Redefine an index behind SQLite's back: its entries no longer match the rows it indexes.
    raw.exec("PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE INDEX events_by_login ON events "
             "(kind, happened, id)' WHERE name = 'events_by_login'");
  }
  const auto v = verify_file(copy.db);
  CHECK_FALSE(v.ok());
  CHECK(has_line(v, "PRAGMA integrity_check: "));
}

// --- verify: batches (journal format 3) ---

namespace {

/// A stored row's values with their storage classes, as the journal digests them.
ValueList stored_values(RawDb& raw, const std::string& table, const std::string& id) {
  sqlite3_stmt* q = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw.handle, ("SELECT * FROM \"" + table + "\" WHERE id = " + id).c_str(), -1, &q, nullptr) ==
          SQLITE_OK);
  REQUIRE(sqlite3_step(q) == SQLITE_ROW);
  ValueList values;
  for (int i = 0; i < sqlite3_column_count(q); ++i) {
    switch (sqlite3_column_type(q, i)) {
      case SQLITE_NULL: values.push_back(Value::null()); break;
      case SQLITE_INTEGER: values.push_back(Value::of(sqlite3_column_int64(q, i))); break;
      case SQLITE_FLOAT: values.push_back(Value::of_real(sqlite3_column_double(q, i))); break;
      case SQLITE_TEXT:
        values.push_back(Value::text(std::string(reinterpret_cast<const char*>(sqlite3_column_text(q, i)),
                                                 static_cast<std::size_t>(sqlite3_column_bytes(q, i)))));
        break;
      default:
        values.push_back(Value::blob(std::string(static_cast<const char*>(sqlite3_column_blob(q, i)),
                                                 static_cast<std::size_t>(sqlite3_column_bytes(q, i)))));
    }
  }
  sqlite3_finalize(q);
  return values;
}

std::vector<SeedBlock> stored_seeds(RawDb& raw, const std::string& batch) {
  std::vector<SeedBlock> blocks;
  for (const auto& row : raw.rows("SELECT start, size, hex(seed) FROM journal_seeds WHERE batch = " + batch + " ORDER BY start")) {
    SeedBlock b{{std::stoull(*row[0]), std::stoull(*row[1])}, {}};
    for (std::size_t i = 0; i < b.seed.size(); ++i) b.seed[i] = static_cast<unsigned char>(std::stoi(row[2]->substr(2 * i, 2), nullptr, 16));
    blocks.push_back(b);
  }
  return blocks;
}

std::string blob(const Hash& hash) { return "X'" + hex_of(hash) + "'"; }
std::string blob(const Seed& seed) {
  Hash padded{};
  std::copy(seed.begin(), seed.end(), padded.begin());
  return "X'" + hex_of(padded).substr(0, 32) + "'";
}

}  // namespace

TEST_CASE("an office whose logs were imported journals them in batches, partly purged, and verifies") {
  DbCopy copy(batched_office());
  {
    RawDb raw(copy.db);
    // Per import and table, a batch per day: 3 + 2 usage days, 2 + 1 system-log days.
    CHECK(raw.integer("SELECT count(*) FROM journal WHERE leaves IS NOT NULL") == 8);
    CHECK(raw.integer("SELECT count(*) FROM journal WHERE entity IN ('usage_entries', 'system_queries') AND "
                      "leaves IS NULL AND batch IS NULL") == 0);  // no row of them journaled on its own
    // The purge removed wang's rows of 2021 from four batches, one of them whole.
    CHECK(raw.integer("SELECT count(*) FROM journal WHERE batch IS NOT NULL AND action = 'purge'") == 4);
    CHECK(raw.integer("SELECT count(*) FROM journal_nodes") >= 5);
    // No salt of a removed row is left: no seed lies over a leaf a stored subtree stands for.
    CHECK(raw.integer("SELECT count(*) FROM journal_seeds s JOIN journal_nodes n ON n.batch = s.batch "
                      "AND n.start < s.start + s.size AND s.start < n.start + n.size") == 0);
    CHECK(raw.integer("SELECT count(*) FROM usage_entries WHERE login_at < '2022'") == 2);  // lin's, held
  }
  const auto v = verify_file(copy.db);
  CHECK_MESSAGE(v.ok(), all_problems(v));
  CHECK(v.rows > 20);
}

TEST_CASE("changing, deleting or adding any seed or stored subtree of a batch fails verification") {
  std::vector<std::pair<std::string, std::string>> parts;  // (table, batch || ':' || start)
  {
    RawDb raw(batched_office());
    for (const auto* table : {"journal_seeds", "journal_nodes"})
      for (const auto& key : raw.column(std::string("SELECT batch || ':' || start FROM ") + table))
        parts.emplace_back(table, key);
  }
  REQUIRE(parts.size() > 10);
  for (const auto& [table, key] : parts) {
    const auto colon = key.find(':');
    const std::string where = " WHERE batch = " + key.substr(0, colon) + " AND start = " + key.substr(colon + 1);
    const std::string value = table == "journal_seeds" ? "seed" : "hash";
    for (const std::string& tamper :
         {"UPDATE " + table + " SET " + value + " = randomblob(length(" + value + "))" + where,
          "DELETE FROM " + table + where, "UPDATE " + table + " SET " + value + " = CAST(hex(" + value + ") AS TEXT)" + where,
          "UPDATE " + table + " SET size = size * 2" + where}) {
      CAPTURE(tamper);
      DbCopy copy(batched_office());
      RawDb(copy.db).exec(tamper);
      const auto v = verify_file(copy.db);
      CHECK_FALSE(v.ok());
    }
  }
  // A seed put back for a removed leaf (a salt kept), or the parts of a batch that never was.
  DbCopy copy(batched_office());
  {
    RawDb raw(copy.db);
    const auto node = raw.rows("SELECT batch, start FROM journal_nodes ORDER BY batch, start LIMIT 1").at(0);
    raw.exec("INSERT INTO journal_seeds VALUES (" + *node[0] + ", " + *node[1] + ", 1, randomblob(16))");
  }
  auto v = verify_file(copy.db);
  CHECK(has_line(v, "a seed still derives the salt of a removed row"));
  DbCopy stray(batched_office());
  RawDb(stray.db).exec("INSERT INTO journal_nodes VALUES (99999, 0, 1, randomblob(32))");
  v = verify_file(stray.db);
  CHECK(has_line(v, "hold parts of journal record 99999, which is no batch record"));
}

TEST_CASE("a batched row deleted with its leaf's subtree stored in its place fails verification") {
  DbCopy copy(batched_office());
  std::string batch, first, row;
  {
    RawDb raw(copy.db);
    // The first 2026 usage batch: wang's two entries of 2026-11-20.
    const auto b = raw.rows("SELECT seq, entity_id FROM journal WHERE entity = 'usage_entries' AND leaves = 2 "
                            "AND day = '2026-11-20'").at(0);
    batch = *b[0];
    first = *b[1];
    row = first;
    // The forger knows the salt and the row: the leaf's hash is stored as a subtree, and the
    // seeds punctured as a purge would, so that the root still recomputes.
    const auto seeds = stored_seeds(raw, batch);
    SaltStream salts(seeds);
    const Hash leaf = merkle_leaf(leaf_digest(*salts.salt(0), stored_values(raw, "usage_entries", row)));
    raw.exec("DELETE FROM usage_entries WHERE id = " + row);
    raw.exec("INSERT INTO journal_nodes VALUES (" + batch + ", 0, 1, " + blob(leaf) + ")");
    raw.exec("DELETE FROM journal_seeds WHERE batch = " + batch);
    for (const auto& block : puncture(seeds, {0}, 2))
      raw.exec(fmt::format("INSERT INTO journal_seeds VALUES ({}, {}, {}, {})", batch, block.range.start,
                           block.range.size, blob(block.seed)));
  }
  auto v = verify_file(copy.db);
  REQUIRE_FALSE(v.ok());
  CHECK(has_line(v, "usage_entries row " + row + " left its batch (journal record " + batch +
                        ") with no record that says so (deleted outside imcomply)"));

  // A removal record appended to the chain as a purge's: no destruction record counts it.
  {
    RawDb raw(copy.db);
    const auto head = raw.rows("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").at(0);
    JournalRecord r;
    r.format = journal_format_v3;
    r.seq = std::stoll(*head[0]) + 1;
    r.prev_hash = *head[1];
    r.at = "2026-11-29T11:00:00+08:00";
    r.actor = "chen";
    r.os_user = "root";
    r.action = "purge";
    r.entity = "usage_entries";
    r.entity_id = "0";
    r.salt = new_salt();
    r.day = "2026-11-20";
    r.batch = std::stoll(batch);
    r.hash = record_hash(r);
    raw.exec(fmt::format("INSERT INTO journal (seq, at, actor, os_user, action, entity, entity_id, salt, prev_hash, hash, "
                         "format, day, batch) VALUES ({}, '{}', 'chen', 'root', 'purge', 'usage_entries', '0', '{}', '{}', "
                         "'{}', 3, '2026-11-20', {})",
                         r.seq, r.at, r.salt, r.prev_hash, r.hash, batch));
  }
  v = verify_file(copy.db);
  REQUIRE_FALSE(v.ok());
  CHECK(has_line(v, "was deleted by journal record"));
  CHECK(has_line(v, "which claims a purge, but no destruction record of that purge counts it"));
  CHECK_FALSE(has_line(v, "with no record that says so"));
}

TEST_CASE("a batch record's fields are covered: its leaf count, its first row and its root") {
  for (const std::string& tamper : {std::string("UPDATE journal SET leaves = leaves + 1"),
                                    std::string("UPDATE journal SET entity_id = entity_id + 1"),
                                    "UPDATE journal SET digest = '" + std::string(64, '0') + "'",
                                    std::string("UPDATE journal SET batch = seq - 1")}) {
    CAPTURE(tamper);
    DbCopy copy(batched_office());
    RawDb(copy.db).exec(tamper + " WHERE seq = (SELECT min(seq) FROM journal WHERE leaves IS NOT NULL)");
    const auto v = verify_file(copy.db);
    REQUIRE_FALSE(v.ok());
    CHECK(starts_with(v.problems[0], "journal record "));
  }
}

TEST_CASE("a chain may start after record 1 only where a purge cut it") {
  DbCopy copy(sample_office());
  {
    RawDb raw(copy.db);
    raw.exec("DELETE FROM journal WHERE seq <= 3");
  }
  auto v = verify_file(copy.db);
  REQUIRE_FALSE(v.ok());
  CHECK(starts_with(v.problems[0], "journal record 1: missing, with the records after it up to 3"));

  {
    RawDb raw(copy.db);
    const auto prev = raw.column("SELECT prev_hash FROM journal WHERE seq = 4").at(0);
    raw.exec("INSERT INTO purge_cuts (seq, hash, run_id, cut_at) VALUES (3, '" + prev + "', 'r', 'x')");
  }
  v = verify_file(copy.db);
  for (const auto& line : v.problems) CHECK_FALSE(starts_with(line, "journal record"));
}

// --- verify: storage classes (spec §7: the encoding covers each value's storage class) ---

namespace {

/// The office of tests/fixtures/journal-v1, rebuilt from its dump: a file written in journal format 1.
fs::path v1_office(const TempDir& dir) {
  std::ifstream in(std::string(IMCOMPLY_FIXTURE_DIR) + "/journal-v1/office-v1.sql");
  REQUIRE(in);
  std::stringstream sql;
  sql << in.rdbuf();
  const fs::path db = dir.path / "v1.db";
  {
    RawDb raw(db);
    raw.exec(sql.str());
  }
  fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  return db;
}

Verification verify_at(const fs::path& db, std::string_view now) {
  Store store = Store::open(db, wait);
  Config config;
  Session s{store, config, Actor{"cron", "cron"}, t(now)};
  return verify(s, {});
}

}  // namespace

TEST_CASE("any value of any protected row stored as a BLOB of the same bytes fails verification") {
  std::int64_t columns_tried = 0;
  for (const auto& table : protected_tables(sample_office())) {
    const auto ids = ids_of(sample_office(), table);
    if (ids.empty()) continue;
    std::vector<std::string> columns;
    {
      RawDb raw(sample_office());
      columns = raw.column("SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
    }
    for (const auto& column : columns) {
      CAPTURE(table);
      CAPTURE(column);
      DbCopy copy(sample_office());
      {
        RawDb raw(copy.db);
        if (raw.integer("SELECT count(*) FROM \"" + table + "\" WHERE id = " + ids.front() + " AND \"" + column +
                        "\" IS NOT NULL") == 0)
          continue;
        if (!raw.try_exec("UPDATE \"" + table + "\" SET \"" + column + "\" = CAST(\"" + column +
                          "\" AS BLOB) WHERE id = " + ids.front()))
          continue;  // an INTEGER PRIMARY KEY, or a CHECK, refuses it

      }
      ++columns_tried;
      const auto v = verify_file(copy.db);
      REQUIRE_FALSE(v.ok());
      CHECK(has_line(v, table + " row " + ids.front() + " was changed after journal record"));
    }
  }
  CHECK(columns_tried > 50);
}

TEST_CASE("a usage entry's login time stored as a BLOB fails verification (it would vanish from every form)") {
  OfficeDb office;
  office.active_user("wang", "王小明");
  auto s = office.as();
  add_entry(s, NewEntry{"wang", Item::entry_exit, "戶籍查核", std::nullopt, std::nullopt, t("2026-11-27T09:00"),
                        t("2026-11-27T09:10")});
  close(office);
  RawDb(office.db).exec("UPDATE usage_entries SET login_at = CAST(login_at AS BLOB)");
  const auto v = verify_file(office.db);
  CHECK(has_line(v, "usage_entries row 1 was changed after journal record"));
}

TEST_CASE("a journal field stored as another type fails verification naming the record") {
  DbCopy copy(sample_office());
  RawDb(copy.db).exec("UPDATE journal SET entity = CAST(entity AS BLOB) WHERE seq = 3");
  const auto v = verify_file(copy.db);
  REQUIRE_FALSE(v.ok());
  CHECK(v.problems[0] == "journal record 3: changed (a field is stored as another type)");
}

TEST_CASE("a record rewritten in an older format after format-3 records fails verification") {
  for (const int format : {1, 2}) {
    CAPTURE(format);
    DbCopy copy(sample_office());
    RawDb(copy.db).exec(fmt::format("UPDATE journal SET format = {} WHERE seq = 4", format));
    const auto v = verify_file(copy.db);
    REQUIRE_FALSE(v.ok());
    CHECK(starts_with(v.problems[0],
                      fmt::format("journal record 4: changed (written in format {} after a record of format 3", format)));
  }
}

TEST_CASE("a file written in journal format 1 still verifies, and what is written after it is format 3") {
  TempDir dir;
  const auto db = v1_office(dir);
  auto v = verify_at(db, "2026-11-29T12:00");
  CHECK_MESSAGE(v.ok(), all_problems(v));
  CHECK(v.records == 46);
  CHECK(v.checkpoints == 2);
  {
    Store store = Store::open(db, wait);
    Config config;
    Session s{store, config, Actor{"chen", "root"}, t("2026-11-29T12:00")};
    add_user(s, NewUser{"lee", "李四", std::nullopt, std::nullopt, std::nullopt});
  }
  v = verify_at(db, "2026-11-29T12:00");
  CHECK_MESSAGE(v.ok(), all_problems(v));
  RawDb raw(db);
  CHECK(raw.column("SELECT DISTINCT format FROM journal ORDER BY seq") == std::vector<std::string>{"1", "3"});
  CHECK(raw.integer("SELECT min(seq) FROM journal WHERE format = 3") ==
        raw.integer("SELECT max(seq) FROM journal WHERE format = 1") + 1);
}

namespace {

/// The office of tests/fixtures/journal-v2, rebuilt from its dump: a file written in journal
/// format 2, before batches (its imports' rows are journaled one record each).
fs::path v2_office(const TempDir& dir) {
  std::ifstream in(std::string(IMCOMPLY_FIXTURE_DIR) + "/journal-v2/office-v2.sql");
  REQUIRE(in);
  std::stringstream sql;
  sql << in.rdbuf();
  const fs::path db = dir.path / "v2.db";
  {
    RawDb raw(db);
    raw.exec(sql.str());
  }
  fs::permissions(db, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  return db;
}

}  // namespace

TEST_CASE("a file written in journal format 2 still verifies, and its imports after it are batched in format 3") {
  TempDir dir;
  const auto db = v2_office(dir);
  auto v = verify_at(db, "2026-11-29T12:00");
  CHECK_MESSAGE(v.ok(), all_problems(v));
  CHECK(v.checkpoints == 2);
  {
    Store store = Store::open(db, wait);
    Config config;
    Session s{store, config, Actor{"chen", "root"}, t("2026-11-29T12:00")};
    const auto csv = dir.path / "2026.csv";
    std::ofstream(csv) << "user,login,logout,item,purpose\nwang,2026-11-27 09:00,2026-11-27 09:05,entry-exit,查核\n"
                          "wang,2026-11-27 10:00,2026-11-27 10:05,foreigner,查核\n";
    CHECK(import_entries(s, csv, Encoding::auto_detect, false, std::nullopt).added == 2);
  }
  v = verify_at(db, "2026-11-29T12:00");
  CHECK_MESSAGE(v.ok(), all_problems(v));
  RawDb raw(db);
  CHECK(raw.column("SELECT DISTINCT format FROM journal ORDER BY seq") == std::vector<std::string>{"2", "3"});
  CHECK(raw.integer("SELECT count(*) FROM journal WHERE format = 3 AND leaves = 2") == 1);
  // The rows it held before keep their records of one row each, in format 2.
  CHECK(raw.integer("SELECT count(*) FROM journal WHERE format = 2 AND entity = 'usage_entries'") > 0);
}

TEST_CASE("in a format-1 file a value stored as another type than its column holds fails verification") {
  TempDir dir;
  const auto db = v1_office(dir);
  RawDb(db).exec("UPDATE usage_entries SET login_at = CAST(login_at AS BLOB) WHERE id = 4");
  const auto v = verify_at(db, "2026-11-29T12:00");
  CHECK(has_line(v, "usage_entries row 4 was changed after journal record"));
  CHECK(has_line(v, "(its login_at is stored as another type)"));
}

// --- verify: the schema is what the migrations made ---

TEST_CASE("a trigger planted on a protected table fails verification naming it") {
  DbCopy copy(sample_office());
  RawDb(copy.db).exec("CREATE TRIGGER drop_own AFTER INSERT ON usage_entries BEGIN "
                      "DELETE FROM usage_entries WHERE id = new.id; END");
  const auto v = verify_file(copy.db);
  CHECK(has_line(v, "schema: trigger drop_own on usage_entries is not made by the migrations (added outside imcomply)"));
}

TEST_CASE("a view, a table or an index added outside imcomply fails verification") {
  DbCopy copy(sample_office());
  RawDb(copy.db).exec("CREATE VIEW everyone AS SELECT * FROM users; CREATE TABLE notes (x); "
                      "CREATE INDEX users_by_name ON users (name)");
  const auto v = verify_file(copy.db);
  CHECK(has_line(v, "schema: view everyone is not made by the migrations"));
  CHECK(has_line(v, "schema: table notes is not made by the migrations"));
  CHECK(has_line(v, "schema: index users_by_name on users is not made by the migrations"));
}

TEST_CASE("a dropped index fails verification naming it") {
  DbCopy copy(sample_office());
  RawDb(copy.db).exec("DROP INDEX usage_entries_by_time");
  const auto v = verify_file(copy.db);
  CHECK(has_line(v, "schema: index usage_entries_by_time is missing (dropped outside imcomply)"));
}

TEST_CASE("a column added to a table fails verification naming the column") {
  DbCopy copy(sample_office());
  RawDb(copy.db).exec("ALTER TABLE holds ADD COLUMN note TEXT");  // no row changes: holds is empty
  const auto v = verify_file(copy.db);
  REQUIRE_FALSE(v.ok());
  CHECK(has_line(v, "schema: table holds differs from what the migrations make (column note added)"));
}

TEST_CASE("statistics kept in sqlite_stat1 fail verification") {
  DbCopy copy(sample_office());
  RawDb(copy.db).exec("ANALYZE");
  const auto v = verify_file(copy.db);
  CHECK(has_line(v, "schema: sqlite_stat1 exists, holding"));
}

// --- verify: legal history (spec §7: rows leave only through a purge; times run forward) ---

namespace {

/// A forger's journal record for `table`'s row `id` as it now stands in the raw file, appended with
/// a proper format-3 hash after the journal's head: what someone who knows the format can write.
void forge_record(RawDb& raw, const std::string& table, std::int64_t id, const std::string& action,
                  const std::string& at, std::optional<std::string> day = std::nullopt) {
  JournalRecord r;
  r.format = journal_format_v3;
  const auto head = raw.rows("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").at(0);
  r.seq = std::stoll(*head[0]) + 1;
  r.prev_hash = *head[1];
  r.at = at;
  r.actor = "chen";
  r.os_user = "root";
  r.action = action;
  r.entity = table;
  r.entity_id = std::to_string(id);
  r.salt = new_salt();
  r.day = std::move(day);
  sqlite3_stmt* q = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw.handle, ("SELECT * FROM \"" + table + "\" WHERE rowid = " + r.entity_id).c_str(), -1,
                             &q, nullptr) == SQLITE_OK);
  if (sqlite3_step(q) == SQLITE_ROW) {
    ValueList row;
    for (int i = 0; i < sqlite3_column_count(q); ++i) {
      const auto text = [&] { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(q, i)), sqlite3_column_bytes(q, i)); };
      switch (sqlite3_column_type(q, i)) {
        case SQLITE_NULL: row.push_back(Value::null()); break;
        case SQLITE_INTEGER: row.push_back(Value::of(sqlite3_column_int64(q, i))); break;
        case SQLITE_FLOAT: row.push_back(Value::of_real(sqlite3_column_double(q, i))); break;
        default: row.push_back(Value::text(text()));
      }
    }
    r.digest = row_digest(r.salt, row);
  }
  sqlite3_finalize(q);
  r.hash = record_hash(r);
  raw.exec(fmt::format("INSERT INTO journal (seq, {}) VALUES ({}, '{}', '{}', '{}', '{}', '{}', '{}', {}, '{}', '{}', "
                       "'{}', 3, {}, NULL, NULL)",
                       journal_fields, r.seq, r.at, r.actor, r.os_user, r.action, r.entity, r.entity_id,
                       r.digest ? "'" + *r.digest + "'" : "NULL", r.salt, r.prev_hash, r.hash,
                       r.day ? "'" + *r.day + "'" : "NULL"));
}

/// An office with one usage entry of 2026-11-27, closed.
OfficeDb& office_with_entry(OfficeDb& office) {
  office.active_user("wang", "王小明");
  auto s = office.as();
  add_entry(s, NewEntry{"wang", Item::entry_exit, "戶籍查核", std::nullopt, std::nullopt, t("2026-11-27T09:00"),
                        t("2026-11-27T09:10")});
  close(office);
  return office;
}

constexpr const char* purge_at = "2026-11-29T11:00:00+08:00";

}  // namespace

TEST_CASE("a usage entry deleted with a forged purge record and no destruction record fails verification") {
  OfficeDb office;
  office_with_entry(office);
  {
    RawDb raw(office.db);
    raw.exec("DELETE FROM usage_entries WHERE id = 1");
    forge_record(raw, "usage_entries", 1, "purge", purge_at, "2026-11-27");
  }
  const auto v = verify_file(office.db);
  REQUIRE_FALSE(v.ok());
  CHECK(has_line(v, "usage_entries row 1 was deleted by journal record"));
  CHECK(has_line(v, "which claims a purge, but no destruction record of that purge counts it"));
}

TEST_CASE("a forged purge whose destruction record's cutoff does not cover the row's day fails verification") {
  for (const std::string cutoff : {"2021-11-28", "2026-11-28"}) {
    CAPTURE(cutoff);
    OfficeDb office;
    office_with_entry(office);
    {
      RawDb raw(office.db);
      raw.exec("DELETE FROM usage_entries WHERE id = 1");
      forge_record(raw, "usage_entries", 1, "purge", purge_at, "2026-11-27");
      raw.exec("INSERT INTO destruction_records (id, run_id, rule, cutoff, kind, count, first_day, last_day, held, "
               "journal_hash, method, operator, done_at) VALUES (1, 'r', 'R4.1', '" + cutoff + "', 'usage_entries', 1, "
               "'2026-11-27', '2026-11-27', 0, '0:x', 'm', 'chen', '" + purge_at + "')");
      forge_record(raw, "destruction_records", 1, "purge", purge_at);
    }
    const auto v = verify_file(office.db);
    REQUIRE_FALSE(v.ok());
    if (cutoff == "2021-11-28")
      CHECK(has_line(v, "usage_entries row 1 of 2026-11-27 was deleted by purge record"));
    else
      CHECK(has_line(v, "destruction record 1: its cutoff 2026-11-28 is later than R4.1 allows for a purge on 2026-11-29"));
  }
}

TEST_CASE("a forged purge claiming an old day for a row journaled with its real day fails verification") {
  OfficeDb office;
  office_with_entry(office);
  {
    RawDb raw(office.db);
    raw.exec("DELETE FROM usage_entries WHERE id = 1");
    forge_record(raw, "usage_entries", 1, "purge", purge_at, "2020-01-01");
    raw.exec("INSERT INTO destruction_records (id, run_id, rule, cutoff, kind, count, first_day, last_day, held, "
             "journal_hash, method, operator, done_at) VALUES (1, 'r', 'R4.1', '2021-11-28', 'usage_entries', 1, "
             "'2020-01-01', '2020-01-01', 0, '0:x', 'm', 'chen', '" + std::string(purge_at) + "')");
    forge_record(raw, "destruction_records", 1, "purge", purge_at);
  }
  const auto v = verify_file(office.db);
  CHECK(has_line(v, "usage_entries row 1: its deletion (journal record"));
}

TEST_CASE("a row of a table imcomply never deletes from, deleted with a forged record, fails verification") {
  OfficeDb office;
  office_with_entry(office);
  {
    RawDb raw(office.db);
    raw.exec("DELETE FROM users WHERE login = 'wang'");
    forge_record(raw, "users", 2, "purge", purge_at);
  }
  const auto v = verify_file(office.db);
  CHECK(has_line(v, "users row 2 was deleted by journal record"));
  CHECK(has_line(v, "(purge), which never deletes such rows"));
}

TEST_CASE("record times may step back up to five minutes, not more") {
  OfficeDb office;
  office.at("2026-11-29T09:56");  // 4 minutes before init's record
  {
    auto s = office.as();
    add_user(s, NewUser{"lee", "李四", std::nullopt, std::nullopt, std::nullopt});
  }
  close(office);
  auto v = verify_file(office.db);
  CHECK_MESSAGE(v.ok(), all_problems(v));

  reopen(office);
  office.at("2026-11-29T09:40");
  {
    auto s = office.as();
    add_user(s, NewUser{"kim", "金五", std::nullopt, std::nullopt, std::nullopt});
  }
  close(office);
  v = verify_file(office.db);
  CHECK(has_line(v, "recorded at 2026-11-29T09:40:00+08:00, more than 5 minutes before the record before it"));
}

TEST_CASE("a record time ahead of the verifying clock fails verification") {
  OfficeDb office;
  office_with_entry(office);
  {
    RawDb raw(office.db);
    forge_record(raw, "usage_entries", 1, "qlog.add", "2026-11-29T12:30:00+08:00", "2026-11-27");
  }
  const auto v = verify_file(office.db);  // at 12:00
  CHECK(has_line(v, "recorded at 2026-11-29T12:30:00+08:00, later than the verifying clock (2026-11-29T12:00:00+08:00) allows"));
}

// --- verify: anchors from outside (spec §4: --public-key) ---

namespace {

std::string registered_key(const fs::path& db) {
  RawDb raw(db);
  return raw.column("SELECT public_key FROM signing_keys").at(0);
}

}  // namespace

TEST_CASE("read_public_key takes the hex keygen printed, or a PEM public key, and nothing else") {
  TempDir dir;
  const auto key = registered_key(sample_office());
  std::ofstream(dir.path / "key.hex") << "  " << key << "\n";
  CHECK(read_public_key(dir.path / "key.hex") == key);
  std::ofstream(dir.path / "junk") << "not a key\n";
  CHECK_THROWS_WITH_AS(read_public_key(dir.path / "junk"), doctest::Contains("holds no Ed25519 public key"), RejectedInput);
  CHECK_THROWS_AS(read_public_key(dir.path / "missing"), RejectedInput);
}

TEST_CASE("with the public key, signed checkpoints verify; with another key, each is named and none counts") {
  DbCopy copy(sample_office());
  Store store = Store::open(copy.db, wait);
  Config config;
  Session s{store, config, Actor{"cron", "cron"}, t("2026-11-29T12:00")};
  auto v = verify(s, {}, {registered_key(sample_office())});
  CHECK_MESSAGE(v.ok(), all_problems(v));
  CHECK(v.anchored);
  v = verify(s, {}, {std::string(64, 'a')});
  CHECK(has_line(v, "which is not a key given with --public-key"));
  CHECK(has_line(v, "no checkpoint that still holds is signed by the public key aaaaaaaaaaaaaaaa… given"));
  CHECK_FALSE(verify(s, {}).anchored);
}

TEST_CASE("truncated back past every checkpoint, rows with their records, fails against the public key") {
  DbCopy copy(sample_office());
  const auto key = registered_key(sample_office());
  {
    RawDb raw(copy.db);
    // Everything from the first checkpoint's record on goes, with the rows those records made.
    const auto first = raw.integer("SELECT min(seq) FROM journal WHERE entity = 'checkpoints'");
    for (const auto& row : raw.rows("SELECT DISTINCT entity, entity_id FROM journal WHERE seq >= " + std::to_string(first) +
                                    " AND entity_id NOT IN (SELECT entity_id FROM journal j WHERE j.entity = journal.entity "
                                    "AND j.seq < " + std::to_string(first) + ")"))
      raw.exec("DELETE FROM \"" + *row[0] + "\" WHERE rowid = " + *row[1]);
    raw.exec("DELETE FROM journal WHERE seq >= " + std::to_string(first));
  }
  Store store = Store::open(copy.db, wait);
  Config config;
  Session s{store, config, Actor{"cron", "cron"}, t("2026-11-29T12:00")};
  const auto v = verify(s, {}, {key});
  CHECK(has_line(v, "no checkpoint that still holds is signed by the public key"));
}
