// The system audit log of R4.3: its import, with subjects kept only as a keyed hash and a mask,
// and its reconciliation with the usage log, through the core's public API.
#include <doctest/doctest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <iterator>

#include <fmt/format.h>

#include "fixture.hpp"
#include "imcomply/error.hpp"
#include "imcomply/audit.hpp"
#include "imcomply/integrity.hpp"
#include "imcomply/system_log.hpp"

#ifndef IMCOMPLY_GOLDEN_DIR
#define IMCOMPLY_GOLDEN_DIR "tests/golden"
#endif

using namespace imcomply;
using test::OfficeDb;

namespace {

const std::string header = "查詢時間,帳號,查詢項目,查詢對象,查詢欄位,來源IP\r\n";
const std::filesystem::path examples = std::filesystem::path(IMCOMPLY_GOLDEN_DIR) / ".." / ".." / "examples";

std::string bytes_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// An office with wang, lin and hsu querying, chen administering and kao auditing.
struct AuditOffice : OfficeDb {
  AuditOffice() {
    active_user("wang", "王小明", "2026-10-01");
    active_user("lin", "林美麗", "2026-10-01");
    active_user("hsu", "許功蓋", "2026-10-01");
    auto s = as();
    add_user(s, NewUser{"kao", "高志明", std::nullopt, std::nullopt, std::nullopt});
    grant_role(s, "kao", Role::auditor);
  }

  std::filesystem::path write(const std::string& name, const std::string& text) {
    const auto path = dir.path / name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  ImportSummary import(const std::string& name, const std::string& text, bool dry_run = false) {
    auto s = as("kao");
    return import_system_log(s, write(name, text), Encoding::auto_detect, dry_run);
  }
  std::vector<SystemQuery> queries() {
    auto s = as();
    return system_queries(s, std::nullopt, std::nullopt);
  }
  std::int64_t count(const std::string& sql) {
    sqlite3* handle = nullptr;
    sqlite3_open(db.c_str(), &handle);
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(handle, sql.c_str(), -1, &q, nullptr);
    sqlite3_step(q);
    const std::int64_t n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(handle);
    return n;
  }
  std::filesystem::path key() const { return subject_key_path(db); }

  /// A closed usage-log entry, recorded by the administrator.
  void entry(const std::string& login, std::string_view from, std::string_view to) {
    auto s = as();
    add_entry(s, NewEntry{login, Item::entry_exit, "辦理歸化國籍案件查核", std::nullopt, std::nullopt, parse_time(from),
                          parse_time(to)});
  }
  /// System-log rows for (login, time) pairs, each for a different subject.
  std::string log(const std::vector<std::pair<std::string, std::string>>& rows) {
    std::string text = header;
    for (std::size_t i = 0; i < rows.size(); ++i)
      text += fmt::format("{},{},入出境資訊,B{:09},姓名,10.0.0.1\r\n", rows[i].second, rows[i].first, 200000000 + i);
    return text;
  }
  Reconciliation reconcile_with(const std::vector<std::pair<std::string, std::string>>& rows, int tolerance) {
    import("log.csv", log(rows));
    config.rules.reconcile_tolerance_seconds = tolerance;
    auto s = as();
    return reconcile(s, parse_month("2026-11"));
  }
};

std::string hmac_hex(const std::string& key_hex, const std::string& message) {
  std::string key;
  for (std::size_t i = 0; i + 1 < key_hex.size(); i += 2) key += static_cast<char>(std::stoi(key_hex.substr(i, 2), nullptr, 16));
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), out, &size);
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) hex += fmt::format("{:02x}", out[i]);
  return hex;
}

std::string message_of(const std::function<void()>& run) {
  try {
    run();
  } catch (const Error& e) {
    return std::string(e.what()) + "\n" + e.hint();
  }
  return {};
}

}  // namespace

// --- masking and the key ---

TEST_CASE("a national ID is masked to its first three and last three characters") {
  CHECK(mask_subject("A123456789") == "A12****789");
  CHECK(mask_subject("AB12345678901") == "AB1*******901");
}

TEST_CASE("shorter identifiers keep a quarter at each end, and something always stays hidden") {
  CHECK(mask_subject("123456789") == "12*****89");
  CHECK(mask_subject("12345678") == "12****78");
  CHECK(mask_subject("1234567") == "1*****7");
  CHECK(mask_subject("ABCD") == "A**D");
  CHECK(mask_subject("ABC") == "A*C");
  CHECK(mask_subject("AB") == "**");
  CHECK(mask_subject("A") == "*");
  CHECK(mask_subject("") == "");
  CHECK(mask_subject("王小明") == "王*明");  // characters, not bytes
}

TEST_CASE("the subject key is made 0600 on first use beside the database and reused after") {
  AuditOffice office;
  CHECK(office.key() == std::filesystem::path(office.db.string() + ".key"));
  CHECK_FALSE(std::filesystem::exists(office.key()));
  office.import("one.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,10.0.0.1\r\n");
  struct stat info {};
  REQUIRE(::stat(office.key().c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  const std::string key = bytes_of(office.key());
  CHECK(key.size() == 65);  // 32 bytes in hex, and a newline

  office.import("two.csv", header + "2026-11-11 09:01:00,lin,入出境資訊, a123456789 ,姓名,10.0.0.2\r\n");
  CHECK(bytes_of(office.key()) == key);
  const auto list = office.queries();
  REQUIRE(list.size() == 2);
  CHECK(list[0].subject_hmac == list[1].subject_hmac);  // trimmed and upper-cased before hashing
  CHECK(list[0].subject_hmac == hmac_hex(key.substr(0, 64), "A123456789"));
  CHECK(list[1].subject_masked == "A12****789");
}

TEST_CASE("full-width letters and digits hash as their ASCII forms") {
  AuditOffice office;
  office.import("one.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n" +
                               "2026-11-10 09:02:00,wang,入出境資訊,ａ１２３４５６７８９,姓名,\r\n");
  const auto list = office.queries();
  REQUIRE(list.size() == 2);
  CHECK(list[0].subject_hmac == list[1].subject_hmac);
}

TEST_CASE("a subject key that others can read is refused with the chmod that fixes it") {
  AuditOffice office;
  office.import("one.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n");
  std::filesystem::permissions(office.key(), std::filesystem::perms::others_read, std::filesystem::perm_options::add);
  CHECK_THROWS_WITH_AS(office.import("two.csv", header + "2026-11-11 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n"),
                       doctest::Contains("can be read by other users"), StorageError);
  try {
    office.import("two.csv", header + "2026-11-11 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n");
  } catch (const StorageError& e) {
    CHECK(e.hint() == "run: chmod 600 " + office.key().string());
  }
  CHECK(office.queries().size() == 1);
}

TEST_CASE("a damaged key is refused without quoting it") {
  AuditOffice office;
  {
    std::ofstream(office.key()) << "not-a-key-A123456789\n";
  }
  std::filesystem::permissions(office.key(), std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const auto message = message_of([&] { office.import("one.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,A1,姓名,\r\n"); });
  CHECK(message.find("is not an imcomply subject key") != std::string::npos);
  CHECK(message.find("not-a-key") == std::string::npos);
}

/// Another valid key in place of the office's, 0600, as an attacker or a mix-up would leave it.
void replace_key(const std::filesystem::path& key) {
  std::filesystem::remove(key);
  {
    std::ofstream(key) << std::string(64, 'a') << "\n";
  }
  std::filesystem::permissions(key, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::replace);
}

TEST_CASE("the database records a check value of its key when the key is made, and it verifies") {
  AuditOffice office;
  office.import("one.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n");
  CHECK(office.count("SELECT count(*) FROM subject_key_checks") == 1);
  const std::string key = bytes_of(office.key());
  // HMAC under the key of a fixed string: nothing of the key, nor of any subject.
  CHECK(office.count("SELECT count(*) FROM subject_key_checks WHERE check_value = '" +
                     hmac_hex(key.substr(0, 64), "imcomply subject key check v1") + "'") == 1);
  office.import("two.csv", header + "2026-11-11 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n");
  CHECK(office.count("SELECT count(*) FROM subject_key_checks") == 1);  // recorded once
  auto s = office.as();
  CHECK(verify(s, {}).ok());
}

TEST_CASE("a key replaced by another valid key is refused naming the key file, and nothing is imported") {
  AuditOffice office;
  office.import("one.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n");
  replace_key(office.key());
  const std::string again = header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n" +
                            "2026-11-12 09:01:00,lin,入出境資訊,B123456789,姓名,\r\n";
  const std::string refusal = office.key().string() + " is not this database's key";
  CHECK_THROWS_WITH_AS(office.import("again.csv", again), doctest::Contains(refusal.c_str()), StorageError);
  CHECK_THROWS_AS(office.import("again.csv", again, true), StorageError);  // a dry run too
  CHECK(office.queries().size() == 1);
  CHECK(office.count("SELECT count(*) FROM subject_key_checks") == 1);
}

TEST_CASE("a key file from before check values gets its check value on the next import") {
  AuditOffice office;
  replace_key(office.key());  // a key, and no check value in the database
  office.import("one.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n");
  CHECK(office.count("SELECT count(*) FROM subject_key_checks WHERE check_value = '" +
                     hmac_hex(std::string(64, 'a'), "imcomply subject key check v1") + "'") == 1);
  CHECK(office.queries().at(0).subject_hmac == hmac_hex(std::string(64, 'a'), "A123456789"));
}

TEST_CASE("a dry run records no check value") {
  AuditOffice office;
  office.import("one.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n", true);
  CHECK(office.count("SELECT count(*) FROM subject_key_checks") == 0);
}

TEST_CASE("the key is copied for a backup only after the same checks an import makes") {
  AuditOffice office;
  auto s = office.as();
  CHECK_FALSE(copy_subject_key(s, office.dir.path / "none.key"));  // no key yet
  office.import("one.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n");
  CHECK(copy_subject_key(s, office.dir.path / "copy.key"));
  CHECK(bytes_of(office.dir.path / "copy.key") == bytes_of(office.key()));
  struct stat info {};
  REQUIRE(::stat((office.dir.path / "copy.key").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  CHECK_THROWS_AS(copy_subject_key(s, office.dir.path / "copy.key"), RejectedInput);  // never over a file
  replace_key(office.key());
  CHECK_THROWS_WITH_AS(copy_subject_key(s, office.dir.path / "wrong.key"), doctest::Contains("not this database's key"),
                       StorageError);
  CHECK_FALSE(std::filesystem::exists(office.dir.path / "wrong.key"));
}

TEST_CASE("a lost key is not silently replaced while rows hashed with it remain") {
  AuditOffice office;
  office.import("one.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n");
  std::filesystem::remove(office.key());
  CHECK_THROWS_WITH_AS(office.import("two.csv", header + "2026-11-11 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n"),
                       doctest::Contains("is missing"), StorageError);
  CHECK_FALSE(std::filesystem::exists(office.key()));
}

// --- import ---

TEST_CASE("an import stores the masked subject and its hash, never the subject itself") {
  AuditOffice office;
  const auto summary = office.import("log.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名;出生日期,10.0.0.1\r\n" +
                                                    "2026-11-10 09:02:00,wang,外籍人士居停留資訊,b987654321,姓名、 居留期限 ;;,\r\n");
  CHECK(summary.rows == 2);
  CHECK(summary.added == 2);
  CHECK(summary.encoding == "utf-8");
  const auto list = office.queries();
  REQUIRE(list.size() == 2);
  CHECK(list[0].account == "wang");
  CHECK(list[0].at == parse_time("2026-11-10T09:01:00"));
  CHECK(list[0].item == Item::entry_exit);
  CHECK(list[0].subject_masked == "A12****789");
  CHECK(list[0].fields == std::vector<std::string>{"姓名", "出生日期"});
  CHECK(list[0].client_ip == "10.0.0.1");
  CHECK(list[1].subject_masked == "B98****321");
  CHECK(list[1].fields == std::vector<std::string>{"姓名", "居留期限"});
  CHECK_FALSE(list[1].client_ip.has_value());
  CHECK(office.count("SELECT count(*) FROM system_queries WHERE fields = '姓名;居留期限'") == 1);
  // Journaled as one batch (the same day): one record holding the Merkle root of both rows.
  CHECK(office.count("SELECT count(*) FROM journal WHERE entity = 'system_queries'") == 1);
  CHECK(office.count("SELECT leaves FROM journal WHERE entity = 'system_queries'") == 2);

  const auto leaks = [&](const std::filesystem::path& file) {
    const std::string bytes = bytes_of(file);
    return bytes.find("A123456789") != std::string::npos || bytes.find("B987654321") != std::string::npos ||
           bytes.find("b987654321") != std::string::npos;
  };
  CHECK_FALSE(leaks(office.db));
  CHECK_FALSE(leaks(office.db.string() + "-wal"));
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open(office.db.c_str(), &handle) == SQLITE_OK);
  CHECK(sqlite3_exec(handle, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(handle);
  CHECK(bytes_of(office.db).find("A12****789") != std::string::npos);  // the rows are in the file now
  CHECK_FALSE(leaks(office.db));
}

TEST_CASE("the same file imported twice adds nothing") {
  AuditOffice office;
  const std::string text = header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n";
  CHECK(office.import("log.csv", text).added == 1);
  const auto again = office.import("log.csv", text);
  CHECK(again.already_imported);
  CHECK(again.added == 0);
  CHECK(again.duplicates == 1);
  CHECK(office.count("SELECT count(*) FROM imports WHERE kind = 'system'") == 1);
  CHECK(office.queries().size() == 1);
}

TEST_CASE("a row already present from another file is counted as a duplicate, not added") {
  AuditOffice office;
  office.import("one.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n");
  const auto summary = office.import("two.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,a123456789,姓名,\r\n" +
                                                    "2026-11-10 09:01:00,wang,外籍人士居停留資訊,A123456789,姓名,\r\n");
  CHECK_FALSE(summary.already_imported);
  CHECK(summary.added == 1);
  CHECK(summary.duplicates == 1);
  CHECK(office.queries().size() == 2);
}

TEST_CASE("a row with an unknown account rejects the whole file with its line") {
  AuditOffice office;
  const auto path = office.write("log.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n" +
                                                "2026-11-10 09:02:00,ghost,入出境資訊,A123456780,姓名,\r\n");
  auto s = office.as("kao");
  CHECK_THROWS_WITH_AS(import_system_log(s, path, Encoding::auto_detect, false),
                       doctest::Contains((path.string() + ":3: unknown account \"ghost\"").c_str()), RejectedInput);
  CHECK(office.queries().empty());
  CHECK(office.count("SELECT count(*) FROM imports") == 0);
}

TEST_CASE("a query time in the future rejects the file") {
  AuditOffice office;
  CHECK_THROWS_WITH_AS(office.import("log.csv", header + "2026-11-29 10:00:01,wang,入出境資訊,A123456789,姓名,\r\n"),
                       doctest::Contains(":2: the query time 2026-11-29T10:00:01+08:00 lies in the future"), RejectedInput);
  CHECK(office.import("ok.csv", header + "2026-11-29 10:00:00,wang,入出境資訊,A123456789,姓名,\r\n").added == 1);
}

TEST_CASE("an empty subject is named as such, by its line") {
  AuditOffice office;
  CHECK_THROWS_WITH_AS(office.import("log.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,  ,姓名,\r\n"),
                       doctest::Contains("log.csv:2: the subject is empty"), RejectedInput);
}

TEST_CASE("the error for a bad row never contains its subject") {
  AuditOffice office;
  const auto no_subject = [&](const std::string& row) {
    const auto message = message_of([&] { office.import("log.csv", header + row); });
    CHECK(message.find("log.csv:2: ") != std::string::npos);
    CHECK(message.find("A123456789") == std::string::npos);
    CHECK(message.find("a123456789") == std::string::npos);
    return message;
  };
  no_subject("2026-11-99 09:01,wang,入出境資訊,A123456789,姓名,\r\n");
  no_subject("2026-11-10 09:01,wang,戶籍資料,a123456789,姓名,\r\n");
  no_subject("2026-11-10 09:01,A123456789,入出境資訊,A123456789,姓名,\r\n");
  // An [import.system] that names the wrong columns puts the subject where a time or item belongs.
  office.config.system_columns.item = "查詢對象";
  office.config.system_columns.subject = "查詢項目";
  CHECK(no_subject("2026-11-10 09:01,wang,入出境資訊,A123456789,姓名,\r\n").find("A12****789") != std::string::npos);
  office.config.system_columns = SystemLogColumns{};
  office.config.system_columns.time = "查詢對象";
  office.config.system_columns.subject = "查詢時間";
  no_subject("2026-11-10 09:01,wang,入出境資訊,A123456789,姓名,\r\n");
}

TEST_CASE("the Chinese header may come in any order, with a row-number column") {
  AuditOffice office;
  const auto summary = office.import("log.csv", "\xEF\xBB\xBF序號,來源IP,查詢對象,帳號,查詢欄位,查詢時間,查詢項目\r\n"
                                                "1,10.0.0.9,A123456789,lin,姓名、居留期限,115/11/10 09:01:30,外籍人士居停留資訊\r\n");
  CHECK(summary.added == 1);
  const auto q = office.queries().at(0);
  CHECK(q.account == "lin");
  CHECK(q.at == parse_time("2026-11-10T09:01:30"));
  CHECK(q.item == Item::foreigner);
  CHECK(q.client_ip == "10.0.0.9");
}

TEST_CASE("the client column may be left out, but no other") {
  AuditOffice office;
  CHECK(office.import("a.csv", "查詢時間,帳號,查詢項目,查詢對象,查詢欄位\r\n2026-11-10 09:01,wang,entry-exit,A123456789,\r\n")
            .added == 1);
  CHECK_THROWS_WITH_AS(office.import("b.csv", "查詢時間,帳號,查詢項目,查詢對象\r\n2026-11-10 09:01,wang,entry-exit,A123456789\r\n"),
                       doctest::Contains("b.csv:1: the header has no 查詢欄位 column"), RejectedInput);
}

TEST_CASE("an unknown column is rejected, naming the accepted ones") {
  AuditOffice office;
  CHECK_THROWS_WITH_AS(office.import("log.csv", "查詢時間,帳號,查詢項目,查詢對象,查詢欄位,備註\r\n"
                                                "2026-11-10 09:01,wang,entry-exit,A123456789,姓名,x\r\n"),
                       doctest::Contains("log.csv:1:6: unknown column \"備註\" (the system log's columns are 查詢時間 "
                                         "(time), 帳號 (account), 查詢項目 (item), 查詢對象 (subject), 查詢欄位 "
                                         "(fields), 來源IP (client))"),
                       RejectedInput);
}

TEST_CASE("the column names come from [import.system] in the config") {
  AuditOffice office;
  office.config.system_columns = SystemLogColumns{"Time", "User", "Function", "ID", "Fields", "IP"};
  const auto summary = office.import("log.csv", "User,Time,Function,ID,Fields,IP\r\n"
                                                "wang,2026-11-10T09:01:00,entry-exit,A123456789,name;birth,10.1.1.1\r\n");
  CHECK(summary.added == 1);
  CHECK(office.queries().at(0).fields == std::vector<std::string>{"name", "birth"});
  CHECK_THROWS_WITH_AS(office.import("zh.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n"),
                       doctest::Contains("unknown column \"查詢時間\""), RejectedInput);
}

TEST_CASE("a Big5 system log is read") {
  AuditOffice office;
  const auto summary = office.import(
      "big5.csv",
      "\xAC" "d\xB8\xDF\xAE\xC9\xB6\xA1,\xB1" "b\xB8\xB9,\xAC" "d\xB8\xDF\xB6\xB5\xA5\xD8,\xAC" "d\xB8\xDF\xB9\xEF\xB6H,"
      "\xAC" "d\xB8\xDF\xC4\xE6\xA6\xEC,\xA8\xD3\xB7\xBDIP\x0D\x0A" "2026-11-10 09:01:00,wang,\xA4J\xA5X\xB9\xD2\xB8\xEA\xB0T,"
      "A123456789,\xA9m\xA6W\xA1" "B\xA4J\xA5X\xB9\xD2\xA4\xE9\xB4\xC1,10.0.0.1\x0D\x0A");
  CHECK(summary.encoding == "big5");
  const auto q = office.queries().at(0);
  CHECK(q.item == Item::entry_exit);
  CHECK(q.fields == std::vector<std::string>{"姓名", "入出境日期"});
}

TEST_CASE("a dry run writes nothing, not even the key") {
  AuditOffice office;
  const auto journal = office.count("SELECT count(*) FROM journal");
  auto s = office.as("kao");
  const auto path = office.write("log.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n" +
                                                "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n");
  const auto summary = import_system_log(s, path, Encoding::auto_detect, true);
  CHECK(summary.dry_run);
  CHECK(summary.added == 1);
  CHECK(summary.duplicates == 1);  // within the file, even with a throwaway key
  CHECK_FALSE(std::filesystem::exists(office.key()));
  CHECK(office.queries().empty());
  CHECK(office.count("SELECT count(*) FROM imports") == 0);
  CHECK(office.count("SELECT count(*) FROM journal") == journal);
  CHECK(import_system_log(s, path, Encoding::auto_detect, false).added == 1);  // the real run adds it
}

TEST_CASE("only an auditor imports the system log") {
  AuditOffice office;
  const auto path = office.write("log.csv", header + "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,\r\n");
  for (const char* who : {"chen", "wang", "nobody"}) {
    auto s = office.as(who);
    CHECK_THROWS_AS(import_system_log(s, path, Encoding::auto_detect, false), NotPermitted);
  }
  CHECK_FALSE(std::filesystem::exists(office.key()));
  CHECK(office.queries().empty());
}

TEST_CASE("system queries are listed in time order within the days asked") {
  AuditOffice office;
  office.import("log.csv", office.log({{"wang", "2026-11-11 00:00:00"},
                                       {"lin", "2026-11-10 23:59:59"},
                                       {"wang", "2026-11-10 00:00:00"},
                                       {"lin", "2026-11-09 23:59:59"}}));
  auto s = office.as();
  const auto list = system_queries(s, parse_date("2026-11-10"), parse_date("2026-11-10"));
  REQUIRE(list.size() == 2);
  CHECK(list[0].at == parse_time("2026-11-10T00:00:00"));
  CHECK(list[1].at == parse_time("2026-11-10T23:59:59"));
  CHECK(system_queries(s, std::nullopt, std::nullopt).size() == 4);
}

// --- reconcile ---

TEST_CASE("queries on the login and on the logout second are covered; one second outside is not") {
  AuditOffice office;
  office.entry("wang", "2026-11-10T09:00:00", "2026-11-10T09:10:00");
  const auto r = office.reconcile_with({{"wang", "2026-11-10 08:59:59"},
                                        {"wang", "2026-11-10 09:00:00"},
                                        {"wang", "2026-11-10 09:10:00"},
                                        {"wang", "2026-11-10 09:10:01"}},
                                       0);
  REQUIRE(r.unlogged.size() == 2);
  CHECK(r.unlogged[0].at == parse_time("2026-11-10T08:59:59"));
  CHECK(r.unlogged[1].at == parse_time("2026-11-10T09:10:01"));
  CHECK(r.unused.empty());
  CHECK_FALSE(r.clean());
}

TEST_CASE("the tolerance widens each session by that many seconds at both ends") {
  AuditOffice office;
  office.entry("wang", "2026-11-10T09:00:00", "2026-11-10T09:10:00");
  const auto r = office.reconcile_with({{"wang", "2026-11-10 08:58:59"},
                                        {"wang", "2026-11-10 08:59:00"},
                                        {"wang", "2026-11-10 09:11:00"},
                                        {"wang", "2026-11-10 09:11:01"}},
                                       60);
  REQUIRE(r.unlogged.size() == 2);
  CHECK(r.unlogged[0].at == parse_time("2026-11-10T08:58:59"));
  CHECK(r.unlogged[1].at == parse_time("2026-11-10T09:11:01"));
}

TEST_CASE("a session with no query in it is listed as unused") {
  AuditOffice office;
  office.entry("wang", "2026-11-10T09:00:00", "2026-11-10T09:10:00");
  office.entry("hsu", "2026-11-10T10:00:00", "2026-11-10T10:05:00");
  office.entry("wang", "2026-10-20T09:00:00", "2026-10-20T09:10:00");  // another month
  const auto r = office.reconcile_with({{"wang", "2026-11-10 09:05:00"}}, 60);
  CHECK(r.unlogged.empty());
  REQUIRE(r.unused.size() == 1);
  CHECK(r.unused[0].login == "hsu");
}

TEST_CASE("a session across midnight covers a query after midnight, even into the next month") {
  AuditOffice office;
  office.entry("wang", "2026-11-10T23:55:00", "2026-11-11T00:05:00");
  office.entry("lin", "2026-10-31T23:58:00", "2026-11-01T00:04:00");
  const auto r = office.reconcile_with({{"wang", "2026-11-11 00:03:00"}, {"lin", "2026-11-01 00:02:00"}}, 0);
  CHECK(r.clean());
}

TEST_CASE("a query of another user inside an entry does not count") {
  AuditOffice office;
  office.entry("wang", "2026-11-10T09:00:00", "2026-11-10T09:10:00");
  const auto r = office.reconcile_with({{"lin", "2026-11-10 09:05:00"}}, 60);
  REQUIRE(r.unlogged.size() == 1);
  CHECK(r.unlogged[0].account == "lin");
  REQUIRE(r.unused.size() == 1);
  CHECK(r.unused[0].login == "wang");
}

TEST_CASE("an open entry covers up to max_session_minutes after its login") {
  AuditOffice office;
  auto s = office.as();
  open_entry(s, NewEntry{"wang", Item::entry_exit, "辦理歸化國籍案件查核", std::nullopt, std::nullopt,
                         parse_time("2026-11-12T14:00:00"), std::nullopt});
  const auto r = office.reconcile_with({{"wang", "2026-11-12 14:30:00"}, {"wang", "2026-11-12 14:30:01"}}, 0);
  REQUIRE(r.unlogged.size() == 1);
  CHECK(r.unlogged[0].at == parse_time("2026-11-12T14:30:01"));
  CHECK(r.unused.empty());
}

TEST_CASE("overlapping sessions are each judged by the queries inside them") {
  AuditOffice office;
  office.entry("wang", "2026-11-10T09:00:00", "2026-11-10T12:00:00");
  office.entry("wang", "2026-11-10T09:30:00", "2026-11-10T09:40:00");
  office.entry("wang", "2026-11-10T10:00:00", "2026-11-10T10:10:00");
  const auto r = office.reconcile_with({{"wang", "2026-11-10 10:05:00"}, {"wang", "2026-11-10 11:30:00"}}, 0);
  CHECK(r.unlogged.empty());
  REQUIRE(r.unused.size() == 1);
  CHECK(r.unused[0].login_at == parse_time("2026-11-10T09:30:00"));
}

TEST_CASE("queries and sessions outside the month are not reported") {
  AuditOffice office;
  office.at("2026-12-05T10:00");
  office.entry("wang", "2026-10-30T09:00:00", "2026-10-30T09:10:00");
  const auto r = office.reconcile_with({{"lin", "2026-10-30 09:05:00"}, {"lin", "2026-12-01 00:00:30"}}, 60);
  CHECK(r.clean());
  auto s = office.as();
  const auto all = reconcile(s, std::nullopt);
  CHECK(all.unlogged.size() == 2);
  CHECK(all.unused.size() == 1);
}

TEST_CASE("the example logs reconcile but for a query with no session and hsu's session with no query") {
  for (const char* log : {"system-log-2026-11.csv", "system-log-2026-11-big5.csv"}) {
    AuditOffice office;
    auto admin = office.as();
    apply(admin, "chen", {Item::entry_exit}, parse_date("2026-10-01"));
    approve(admin, "chen", Stage::head, parse_date("2026-10-01"), std::nullopt);
    approve(admin, "chen", Stage::county, parse_date("2026-10-01"), std::nullopt);
    approve(admin, "chen", Stage::agency, parse_date("2026-10-01"), std::string("AG-1"));
    import_entries(admin, examples / "usage-utf8-bom.csv", Encoding::auto_detect, false);
    auto auditor = office.as("kao");
    const auto summary = import_system_log(auditor, examples / log, Encoding::auto_detect, false);
    CHECK(summary.added == 13);
    const auto r = reconcile(auditor, parse_month("2026-11"));
    REQUIRE(r.unlogged.size() == 1);
    CHECK(r.unlogged[0].account == "wang");
    CHECK(r.unlogged[0].at == parse_time("2026-11-05T12:41:36"));
    REQUIRE(r.unused.size() == 1);
    CHECK(r.unused[0].login == "hsu");
  }
}

// --- the monthly draft from the system log (Annex 2, item 3) ---

TEST_CASE("the monthly draft counts the system log's queries and names a subject several accounts looked at") {
  AuditOffice office;
  office.at("2026-12-02T10:00");
  office.entry("wang", "2026-11-10T09:00:00", "2026-11-10T09:10:00");  // Tuesday
  office.entry("lin", "2026-11-14T20:00:00", "2026-11-14T20:10:00");   // Saturday evening
  office.entry("lin", "2026-12-01T08:55:00", "2026-12-01T09:05:00");
  office.import("log.csv", std::string(header) +
                               "2026-11-10 09:01:00,wang,入出境資訊,A123456789,姓名,10.0.0.1\r\n"
                               "2026-11-10 09:02:00,wang,入出境資訊,A123456789,姓名,10.0.0.1\r\n"
                               "2026-11-10 09:03:00,wang,入出境資訊,B223456789,姓名,10.0.0.1\r\n"
                               "2026-11-14 20:05:00,lin,入出境資訊,A123456789,姓名,10.0.0.2\r\n"
                               "2026-12-01 09:00:00,lin,入出境資訊,A123456789,姓名,10.0.0.2\r\n");  // next month
  auto s = office.as();
  const auto audit = monthly_audit(s, parse_month("2026-11"));
  REQUIRE(audit.by_user.size() == 2);
  CHECK(audit.by_user[0].key == "lin");
  CHECK(audit.by_user[0].count == 1);
  CHECK(audit.by_user[1].key == "wang");
  CHECK(audit.by_user[1].label == "王小明");
  CHECK(audit.by_user[1].count == 3);
  REQUIRE(audit.by_item.size() == 1);
  CHECK(audit.by_item[0].count == 4);
  REQUIRE(audit.by_hour.size() == 2);
  CHECK(audit.by_hour[0].key == "09");
  CHECK(audit.by_hour[0].count == 3);
  CHECK(audit.by_hour[1].key == "20");
  REQUIRE(audit.by_weekday.size() == 2);
  CHECK(audit.by_weekday[0].key == "2 Tue");
  CHECK(audit.by_weekday[1].key == "6 Sat");
  // A123456789: wang twice and lin once, in November (lin's December query does not count);
  // each account named once, the subject only masked.
  const auto looked = std::count_if(audit.outliers.begin(), audit.outliers.end(), [](const std::string& o) {
    return o.find("由 2 位使用者查詢（lin, wang）") != std::string::npos && o.find("A12****789") != std::string::npos;
  });
  CHECK(looked == 1);
  for (const auto& o : audit.outliers) CHECK(o.find("A123456789") == std::string::npos);
  CHECK(std::none_of(audit.outliers.begin(), audit.outliers.end(),
                     [](const std::string& o) { return o.find("B22") != std::string::npos; }));
  // The reconciliation ran on the same reading: every query sat inside a session.
  const auto& scope = audit.items[2].evidence;
  CHECK(std::none_of(scope.begin(), scope.end(), [](const std::string& e) { return e.find("無對應之使用日誌") != std::string::npos; }));
}
