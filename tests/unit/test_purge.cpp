// R4.1 and R3.7: what purge removes, what it keeps, and the proof it leaves.
#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <iterator>

#include <fmt/format.h>
#include <sqlite3.h>

#include "fixture.hpp"
#include "imcomply/data_files.hpp"
#include "imcomply/error.hpp"
#include "imcomply/integrity.hpp"
#include "imcomply/journal.hpp"
#include "imcomply/purge.hpp"
#include "imcomply/usage.hpp"

using namespace imcomply;
using test::OfficeDb;

namespace {

Date d(std::string_view text) { return parse_date(text); }

/// An office that started in 2021 with wang querying on the days given (09:00 Taiwan time).
struct OldOffice : OfficeDb {
  explicit OldOffice(const std::vector<std::string>& days) : OfficeDb("2021-01-04T09:00") {
    active_user("wang", "王小明", "2021-01-04");
    active_user("lin", "林美麗", "2021-01-04");
    for (const auto& day : days) log("wang", day + "T09:00");
  }
  std::int64_t log(const std::string& login, const std::string& time) {
    const Instant saved = now;
    now = parse_time(time) ;
    now.seconds += 600;
    auto s = as();
    NewEntry e{login, Item::entry_exit, "辦理歸化案件查核", std::nullopt, std::nullopt, parse_time(time),
               Instant{parse_time(time).seconds + 300}};
    const auto id = add_entry(s, e);
    now = std::max(saved, now);
    return id;
  }
  std::vector<std::string> remaining_days() {
    auto s = as();
    std::vector<std::string> days;
    for (const auto& e : list_entries(s, EntryFilter{})) days.push_back(format_date(taiwan_date(e.login_at)));
    return days;
  }
};

}  // namespace

TEST_CASE("an entry of day D may go only once its fifth anniversary is over") {
  CHECK(retention_cutoff(d("2026-11-29"), 5) == d("2021-11-28"));
  CHECK(retention_cutoff(d("2026-11-30"), 5) == d("2021-11-29"));
}

TEST_CASE("29 February's anniversary in a common year is 1 March") {
  CHECK(retention_cutoff(d("2029-03-01"), 5) == d("2024-02-28"));  // 2024-02-29 still kept on 1 March
  CHECK(retention_cutoff(d("2029-03-02"), 5) == d("2024-03-01"));
}

TEST_CASE("purge keeps the entry of the anniversary day and removes the day before") {
  OldOffice office({"2021-11-27", "2021-11-28", "2021-11-29", "2021-11-30"});
  office.at("2026-11-29T03:00");
  auto s = office.as();
  const auto result = purge(s, false);
  CHECK(result.counts.at(0).kind == "usage_entries");
  CHECK(result.counts.at(0).count == 2);
  CHECK(office.remaining_days() == std::vector<std::string>{"2021-11-29", "2021-11-30"});
  office.at("2026-11-30T03:00");
  auto next = office.as();
  purge(next, false);
  CHECK(office.remaining_days() == std::vector<std::string>{"2021-11-30"});
}

TEST_CASE("the day of an entry is its day in Taiwan, not in UTC") {
  OldOffice office({});
  office.log("wang", "2021-11-29T00:30+08:00");  // 2021-11-28 in UTC
  office.at("2026-11-29T03:00");
  auto s = office.as();
  purge(s, false);
  CHECK(office.remaining_days() == std::vector<std::string>{"2021-11-29"});
}

TEST_CASE("a dry run counts and changes nothing") {
  OldOffice office({"2021-03-01", "2021-03-02"});
  office.at("2026-11-29T03:00");
  auto s = office.as();
  const auto result = purge(s, true);
  CHECK(result.counts.at(0).count == 2);
  CHECK(office.remaining_days().size() == 2);
  CHECK(destruction_history(s).empty());
}

TEST_CASE("a hold on a person keeps their records until it is released") {
  OldOffice office({"2021-03-01"});
  office.log("lin", "2021-03-02T09:00");
  office.at("2026-11-29T03:00");
  auto s = office.as();
  const auto hold = add_hold(s, std::string("wang"), std::nullopt, std::nullopt, "訴訟中");
  const auto result = purge(s, false);
  CHECK(result.counts.at(0).count == 1);
  CHECK(result.counts.at(0).held == 1);
  CHECK(office.remaining_days() == std::vector<std::string>{"2021-03-01"});
  release_hold(s, hold);
  purge(s, false);
  CHECK(office.remaining_days().empty());
}

TEST_CASE("a hold on a period keeps the days inside it") {
  OldOffice office({"2021-03-01", "2021-03-05", "2021-03-09"});
  office.at("2026-11-29T03:00");
  auto s = office.as();
  add_hold(s, std::nullopt, d("2021-03-04"), d("2021-03-06"), "專案查核");
  purge(s, false);
  CHECK(office.remaining_days() == std::vector<std::string>{"2021-03-05"});
}

TEST_CASE("a hold covers its person or its period, and nothing once released") {
  Hold person{1, std::string("wang"), std::nullopt, std::nullopt, "訴訟", {}, "chen", std::nullopt};
  CHECK(person.covers("wang", d("2021-03-01")));
  CHECK_FALSE(person.covers("lin", d("2021-03-01")));
  Hold period{2, std::nullopt, d("2021-03-04"), d("2021-03-06"), "查核", {}, "chen", std::nullopt};
  CHECK(period.covers("lin", d("2021-03-04")));
  CHECK(period.covers("lin", d("2021-03-06")));
  CHECK_FALSE(period.covers("lin", d("2021-03-07")));
  period.released_at = Instant{};
  CHECK_FALSE(period.covers("lin", d("2021-03-05")));
}

TEST_CASE("rows a hold keeps, more than one scan reads, do not stop purge reaching the due rows after them") {
  OldOffice office({});
  constexpr int kept = 2100;  // past the 2,000 rows purge reads at a time
  for (int i = 0; i < kept; ++i)
    office.log("wang", fmt::format("2021-03-{:02}T{:02}:{:02}", 1 + i / 1440, i % 1440 / 60, i % 60));
  for (int i = 0; i < 25; ++i) office.log("lin", fmt::format("2021-03-05T09:{:02}", i));
  office.at("2026-11-29T03:00");
  auto s = office.as();
  add_hold(s, std::string("wang"), std::nullopt, std::nullopt, "訴訟中");
  const auto result = purge(s, false, 7);  // batches of 7: the scan goes on from where the last one stopped
  CHECK(result.counts.at(0).count == 25);
  CHECK(result.counts.at(0).held == kept);
  const auto days = office.remaining_days();
  CHECK(days.size() == kept);
  CHECK(std::count(days.begin(), days.end(), "2021-03-05") == 0);
  CHECK(verify(s, {}).ok());
}

TEST_CASE("holds need an administrator and a reason") {
  OldOffice office({});
  auto wang = office.as("wang");
  CHECK_THROWS_AS(add_hold(wang, std::string("wang"), std::nullopt, std::nullopt, "x"), NotPermitted);
  auto s = office.as();
  CHECK_THROWS_AS(add_hold(s, std::string("wang"), std::nullopt, std::nullopt, ""), RejectedInput);
  CHECK_THROWS_AS(add_hold(s, std::nullopt, d("2021-03-06"), d("2021-03-04"), "x"), RejectedInput);
  CHECK_THROWS_AS(release_hold(s, 42), RejectedInput);
}

TEST_CASE("a registered file past its destroy-by date is overwritten and unlinked; paper waits for a person") {
  OfficeDb office("2026-11-02T09:00");
  office.active_user("wang", "王小明", "2026-11-02");
  office.config.data.file_roots = {office.dir.path};
  auto s = office.as();
  const auto entry = add_entry(s, NewEntry{"wang", Item::entry_exit, "查核", std::nullopt, std::nullopt,
                                          parse_time("2026-11-02T08:00"), parse_time("2026-11-02T08:10")});
  const auto file = office.dir.path / "print.pdf";
  { std::ofstream(file) << "王小明 A123456789 出境紀錄"; }
  add_data(s, NewData{entry, "列印檔", std::nullopt, std::nullopt, file.string()});
  const auto paper = add_data(s, NewData{entry, "紙本一份", std::nullopt, std::nullopt, std::nullopt});
  office.at("2026-11-04T03:00");
  auto later = office.as();
  const auto result = purge(later, false);
  CHECK_FALSE(std::filesystem::exists(file));
  REQUIRE(result.paper.size() == 1);
  CHECK(result.paper[0].id == paper);
  CHECK(result.needs_person());
  confirm_destroyed(later, paper, "碎紙機銷毀", std::nullopt);
  CHECK_FALSE(purge(later, false).needs_person());
  const auto history = destruction_history(later);
  CHECK(std::count_if(history.begin(), history.end(), [](const auto& r) {
          return r.count_of("paper") && r.count_of("paper")->count == 1 && r.method == "碎紙機銷毀";
        }) == 1);
  CHECK_THROWS_AS(confirm_destroyed(later, paper, "again", std::nullopt), RejectedInput);
}

TEST_CASE("each run leaves destruction records without personal data, and the journal still verifies") {
  OldOffice office({"2021-03-01", "2021-04-01"});
  office.at("2026-11-29T03:00");
  auto s = office.as();
  const auto result = purge(s, false);
  const auto history = destruction_history(s);
  REQUIRE(history.size() == 1);  // one record per run
  const auto& run = history[0];
  REQUIRE(run.counts.size() == 4);  // usage_entries, system_queries, obtained_data, files
  const auto* entries = run.count_of("usage_entries");
  REQUIRE(entries);
  CHECK(entries->count == 2);
  CHECK(entries->first == d("2021-03-01"));
  CHECK(entries->last == d("2021-04-01"));
  CHECK(run.count_of("system_queries")->count == 0);
  CHECK_FALSE(run.count_of("paper"));
  CHECK(run.run_id == result.run_id);
  CHECK(run.journal_hash == result.journal_hash);
  CHECK(run.rule.find("R4.1") != std::string::npos);
  CHECK(run.state == DestructionRecord::State::complete);
  CHECK(verify(s, {}).ok());
  purge(s, false);  // twice: nothing more to do, one more record, still intact
  CHECK(destruction_history(s).size() == 2);
  CHECK(verify(s, {}).ok());
}

TEST_CASE("purge history filters by day, kind and whether anything went") {
  OldOffice office({"2021-03-01"});
  office.at("2026-11-29T03:00");
  auto s = office.as();
  purge(s, false);
  office.at("2026-11-30T03:00");
  auto next = office.as();
  purge(next, false);
  CHECK(destruction_history(next).size() == 2);
  CHECK(destruction_history(next, {d("2026-11-30"), std::nullopt, false}).size() == 1);
  CHECK(destruction_history(next, {std::nullopt, std::nullopt, true}).size() == 1);
  CHECK(destruction_history(next, {std::nullopt, std::string("usage_entries"), false}).size() == 2);
  CHECK(destruction_history(next, {std::nullopt, std::string("system_queries"), true}).empty());
  CHECK(destruction_history(next, {std::nullopt, std::string("paper"), false}).empty());
  CHECK_THROWS_AS(destruction_history(next, {std::nullopt, std::string("entries"), false}), RejectedInput);
}

TEST_CASE("purge cuts the journal before the retention window, and it still verifies") {
  OldOffice office({"2021-03-01", "2021-04-01"});
  office.log("wang", "2025-06-02T09:00");
  office.at("2026-11-29T03:00");
  auto s = office.as();
  const auto before = verify(s, {});
  REQUIRE(before.ok());
  purge(s, false);
  const auto after = verify(s, {});
  CHECK(after.ok());
  // The records of 2021, purged rows' digests among them, are gone (the run's own records stay).
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open_v2(office.db.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* old_records = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT count(*) FROM journal WHERE at < '2021-11-29'", -1, &old_records, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(old_records) == SQLITE_ROW);
  CHECK(sqlite3_column_int(old_records, 0) == 0);
  sqlite3_finalize(old_records);
  sqlite3_close(db);
  CHECK(show_user(s, "wang").user.status == AccountStatus::active);  // surviving rows are covered again
  purge(s, false);
  CHECK(verify(s, {}).ok());
}

TEST_CASE("an entry whose obtained data still waits for destruction stays past its retention") {
  OldOffice office({});
  const auto entry = office.log("wang", "2021-03-01T09:00");
  {
    auto s = office.as();
    add_data(s, NewData{entry, "紙本一份", std::nullopt, std::nullopt, std::nullopt});
  }
  office.at("2026-11-29T03:00");
  auto s = office.as();
  const auto result = purge(s, false);
  CHECK(office.remaining_days() == std::vector<std::string>{"2021-03-01"});
  REQUIRE(result.paper.size() == 1);
  confirm_destroyed(s, result.paper[0].id, "碎紙機銷毀", std::nullopt);
  purge(s, false);
  CHECK(office.remaining_days().empty());
}

TEST_CASE("a cut that removed a checkpoint sealed inside the retention window is a forgery") {
  OldOffice office({"2021-03-01"});
  office.active_user("kao", "高志明", "2021-01-04");
  {
    auto s = office.as();
    grant_role(s, "kao", Role::auditor);
  }
  office.at("2026-06-01T09:00");
  auto kao = office.as("kao");
  const auto checkpoint = seal(kao, std::nullopt);
  office.store.reset();
  {
    // Cut the journal up to the recent checkpoint, as a forger would, and say purge did it.
    sqlite3* db = nullptr;
    sqlite3_open(office.db.c_str(), &db);
    const auto sql = fmt::format("INSERT INTO purge_cuts (seq, hash, run_id, cut_at) VALUES ({0}, '{1}', 'x', 'x'); "
                                 "DELETE FROM journal WHERE seq <= {0};",
                                 checkpoint.anchor.seq, checkpoint.anchor.hash);
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  office.store.emplace(Store::open(office.db, std::chrono::milliseconds(1000)));
  office.at("2026-11-29T03:00");
  auto s = office.as();
  const auto v = verify(s, {});
  CHECK_FALSE(v.ok());
  CHECK(std::any_of(v.problems.begin(), v.problems.end(),
                    [](const std::string& p) { return p.find("inside the retention window") != std::string::npos; }));
}

// --- batches (spec §7: an import's rows under one Merkle root) ---

namespace {

std::string file_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool holds(const std::string& bytes, const Seed& seed) {
  return bytes.find(std::string(reinterpret_cast<const char*>(seed.data()), seed.size())) != std::string::npos;
}

}  // namespace

TEST_CASE("a purge that removes part of a batch keeps it verifiable and leaves no salt of the rows it removed") {
  OldOffice office({});
  office.at("2022-01-10T09:00");
  {
    const auto csv = office.dir.path / "2021.csv";
    std::ofstream(csv) << "user,login,logout,item,purpose\n"
                          "wang,2021-03-01 09:00,2021-03-01 09:05,entry-exit,查核一\n"
                          "lin,2021-03-01 10:00,2021-03-01 10:05,entry-exit,查核二\n"
                          "wang,2021-03-01 11:00,2021-03-01 11:05,entry-exit,查核三\n"
                          "lin,2021-03-01 12:00,2021-03-01 12:05,entry-exit,查核四\n"
                          "wang,2021-03-01 13:00,2021-03-01 13:05,entry-exit,查核五\n";
    auto s = office.as();
    import_entries(s, csv, Encoding::auto_detect, false, std::nullopt);
  }
  // The batch's root seed, and each of its rows' salts, as they stood before the purge.
  office.store.reset();
  Seed root{};
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(office.db.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* q = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT seed FROM journal_seeds", -1, &q, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(q) == SQLITE_ROW);
    REQUIRE(sqlite3_column_bytes(q, 0) == 16);
    std::memcpy(root.data(), sqlite3_column_blob(q, 0), 16);
    CHECK(sqlite3_step(q) == SQLITE_DONE);  // one batch: one day, one seed
    sqlite3_finalize(q);
    sqlite3_close(db);
  }
  office.store.emplace(Store::open(office.db, std::chrono::milliseconds(1000)));
  SaltStream stream({SeedBlock{{0, max_batch_leaves}, root}});
  std::vector<Seed> salts;
  for (int i = 0; i < 5; ++i) salts.push_back(*stream.salt(i));
  office.at("2026-11-20T09:00");
  {
    auto s = office.as();
    add_hold(s, std::string("lin"), std::nullopt, std::nullopt, "訴訟");
  }
  office.at("2026-11-29T03:00");
  auto s = office.as();
  const auto result = purge(s, false);
  CHECK(result.counts[0].count == 3);  // wang's three entries; lin's two are held
  CHECK(office.remaining_days() == std::vector<std::string>{"2021-03-01", "2021-03-01"});
  const auto v = verify(s, {});
  CHECK_MESSAGE(v.ok(), (v.problems.empty() ? std::string() : v.problems[0]));
  office.store.reset();  // the WAL folded into the file
  const std::string bytes = file_bytes(office.db) + file_bytes(office.db.string() + "-wal");
  CHECK_FALSE(holds(bytes, root));
  for (const int removed : {0, 2, 4}) {
    CAPTURE(removed);
    CHECK_FALSE(holds(bytes, salts[removed]));
  }
  for (const auto& line : {"查核一", "查核三", "查核五"}) CHECK(bytes.find(line) == std::string::npos);
  CHECK(bytes.find("查核二") != std::string::npos);
}

// --- files registered for destruction (R3.7) ---

namespace {

/// A directory allowed by [data] file_roots, beside the office's database (which it does not hold).
struct FileOffice : OfficeDb {
  std::filesystem::path root = dir.path / "files";
  FileRules rules;
  FileOffice() : OfficeDb("2026-11-02T09:00") {
    std::filesystem::create_directory(root);
    config.data.file_roots = {root};
    rules = FileRules{config.data.file_roots, db};
    active_user("wang", "王小明", "2026-11-02");
  }
  std::filesystem::path file(const std::string& name) {
    const auto path = root / name;
    std::ofstream(path) << "王小明 A123456789 " << name;
    return path;
  }
  std::int64_t entry() {
    auto s = as();
    return add_entry(s, NewEntry{"wang", Item::entry_exit, "查核", std::nullopt, std::nullopt,
                                 parse_time("2026-11-02T08:00"), parse_time("2026-11-02T08:10")});
  }
};

std::string refusal(const std::filesystem::path& path, const FileRules& rules) {
  try {
    check_registration(path, rules);
  } catch (const RejectedInput& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("a file is registered only inside [data] file_roots, and never as one of the database's files") {
  FileOffice office;
  const auto print = office.file("print.pdf");
  CHECK(refusal(print, FileRules{{}, office.db}).find("file_roots") != std::string::npos);
  CHECK(refusal(office.dir.path / "office.db", FileRules{{office.dir.path}, office.db}).find("database's own file") !=
        std::string::npos);
  CHECK(refusal(office.dir.path / "office.db-wal", FileRules{{office.dir.path}, office.db}).find("database's own file") !=
        std::string::npos);
  CHECK(refusal(office.dir.path / "office.db.key", FileRules{{office.dir.path}, office.db}).find("database's own file") !=
        std::string::npos);
  CHECK(refusal("/etc/passwd", office.rules).find("outside") != std::string::npos);
  struct stat info {};
  REQUIRE(::stat(print.c_str(), &info) == 0);
  const auto registered = check_registration(office.root / "." / "print.pdf", office.rules);
  CHECK(registered.path == print.string());  // canonical and absolute
  CHECK(registered.inode == info.st_ino);
  CHECK(registered.device == info.st_dev);
}

TEST_CASE("a file with a second hard link or a symbolic link on its path is refused") {
  FileOffice office;
  const auto print = office.file("print.pdf");
  std::filesystem::create_hard_link(print, office.root / "again.pdf");
  CHECK(refusal(print, office.rules).find("2 hard links") != std::string::npos);
  std::filesystem::create_directory(office.root / "real");
  office.file("real/scan.pdf");
  std::filesystem::create_directory_symlink(office.root / "real", office.root / "link");
  CHECK(refusal(office.root / "link" / "scan.pdf", office.rules).find("symbolic link") != std::string::npos);
}

TEST_CASE("destroying checks it is still the registered file; a dry run changes nothing") {
  FileOffice office;
  const auto registered = check_registration(office.file("print.pdf"), office.rules);
  CHECK(destroy_registered(registered, office.rules, true).empty());
  CHECK(std::filesystem::exists(registered.path));
  std::filesystem::rename(office.file("copy.pdf"), registered.path);  // the same name, another file
  CHECK(destroy_registered(registered, office.rules, false).find("replaced by another file") != std::string::npos);
  CHECK(std::filesystem::exists(registered.path));
}

TEST_CASE("a FIFO in place of a registered file is a problem, at once") {
  FileOffice office;
  const auto registered = check_registration(office.file("print.pdf"), office.rules);
  std::filesystem::remove(registered.path);
  REQUIRE(::mkfifo(registered.path.c_str(), 0600) == 0);
  CHECK(destroy_registered(registered, office.rules, false).find("FIFO") != std::string::npos);
}

TEST_CASE("purge never records as destroyed a file it did not destroy, and a dry run predicts it") {
  FileOffice office;
  const auto entry = office.entry();
  auto s = office.as();
  const auto kept = add_data(s, NewData{entry, "列印檔", std::nullopt, std::nullopt, office.file("kept.pdf").string()});
  add_data(s, NewData{entry, "掃描檔", std::nullopt, std::nullopt, office.file("gone.pdf").string()});
  std::filesystem::rename(office.file("copy.pdf"), office.root / "kept.pdf");  // replaced before the purge
  office.at("2026-11-04T03:00");
  auto later = office.as();
  const auto predicted = purge(later, true);
  const auto result = purge(later, false);
  CHECK(predicted.problems == result.problems);
  CHECK(predicted.counts.at(3).count == 1);
  CHECK(result.counts.at(3).count == 1);
  REQUIRE(result.problems.size() == 1);
  CHECK(result.problems[0].find(fmt::format("data item #{}", kept)) == 0);
  CHECK(std::filesystem::exists(office.root / "kept.pdf"));
  CHECK_FALSE(std::filesystem::exists(office.root / "gone.pdf"));
  const auto pending = list_data(later, true);
  REQUIRE(pending.size() == 1);
  CHECK(pending[0].id == kept);
  CHECK(verify(later, {}).ok());
}

TEST_CASE("purge confirm records a file purge could not destroy, never one it can") {
  FileOffice office;
  const auto entry = office.entry();
  auto s = office.as();
  const auto gone = add_data(s, NewData{entry, "掃描檔", std::nullopt, std::nullopt, office.file("gone.pdf").string()});
  const auto there = add_data(s, NewData{entry, "列印檔", std::nullopt, std::nullopt, office.file("there.pdf").string()});
  std::filesystem::remove(office.root / "gone.pdf");
  CHECK_THROWS_AS(confirm_destroyed(s, there, "shredded", std::nullopt), RejectedInput);
  confirm_destroyed(s, gone, "deleted by hand, checked", std::nullopt);
  const auto history = destruction_history(s);
  CHECK(std::count_if(history.begin(), history.end(), [](const auto& r) {
          return r.state == DestructionRecord::State::confirmed && r.count_of("files") && r.count_of("files")->count == 1;
        }) == 1);
}
