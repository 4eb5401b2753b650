#include "imcomply/usage.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include <fmt/format.h>

#include "store/account_store.hpp"
#include "imcomply/accounts.hpp"
#include "imcomply/install.hpp"
#include "imcomply/data_files.hpp"
#include "imcomply/roles.hpp"
#include "imcomply/text.hpp"
#include "signed_forms_internal.hpp"
#include "store/usage_store.hpp"

namespace imcomply {
namespace {

Date today(const Session& s) { return taiwan_date(s.now); }

User require_user(Session& s, const std::string& login) {
  auto user = account_store::find_user(s.store, login);
  if (!user) throw RejectedInput(fmt::format("unknown user {}", login), "see: acct list");
  return *user;
}

/// Anyone on the roster logs their own queries; an administrator may log anyone's (spec §6).
void require_own_or_admin(Session& s, const std::string& login) {
  if (s.actor.login == login && account_store::find_user(s.store, login)) return;
  require_role(s.store, s.actor, Role::admin);
}

/// R3.3: what every entry must satisfy, however it arrives; empty when it does.
std::string entry_problem(const NewEntry& e, const AccountHistory& history, Instant now) {
  if (trim(e.purpose).empty()) return "the purpose is empty (R3.3: every query states its official purpose)";
  if (e.login_at > now) return fmt::format("the login time {} lies in the future", format_time(e.login_at));
  if (e.logout_at && *e.logout_at < e.login_at)
    return fmt::format("the logout {} precedes the login {}", format_time(*e.logout_at), format_time(e.login_at));
  if (e.logout_at && *e.logout_at > now) return fmt::format("the logout time {} lies in the future", format_time(*e.logout_at));
  if (!history.active_at(e.login_at))
    return fmt::format("{} was not an active user at {} (R3.3: unapproved people must not query)", e.login,
                       format_time(e.login_at));
  const auto items = history.items_at(e.login_at);
  if (std::find(items.begin(), items.end(), e.item) == items.end())
    return fmt::format("{} is not granted to {} (granted: {})", item_name(e.item), e.login,
                       items.empty() ? std::string("none") : join_items(items));
  return {};
}

void check_entry(Session& s, const NewEntry& e) {
  require_user(s, e.login);
  if (const auto problem = entry_problem(e, account_history(s, e.login), s.now); !problem.empty())
    throw RejectedInput(problem);
  if (usage_store::entry_exists(s.store, e.login, e.item, e.login_at))
    throw RejectedInput(fmt::format("{} already has a {} entry logged in at {}", e.login, item_name(e.item),
                                    format_time(e.login_at)));
}

Month sheet_month(Instant t) { return Month{taiwan_date(t).year, taiwan_date(t).month}; }

/// spec §4: a change to the usage log of `month`, refused once its sheet is signed unless `after`.
void guard_sheet(WriteTransaction& tx, const Month& month, const std::string& change,
                 const std::optional<AfterSigning>& after) {
  std::vector<signed_forms::Signature> signatures;
  for (const auto& s : usage_store::signoffs_of(tx.store(), month))
    signatures.push_back({std::string(sheet_role_name(s.role)), s.login, s.signed_at});
  signed_forms::guard_change(tx, signed_forms::Form::annex1, month, signatures, change, after);
}

std::string session_text(const NewEntry& e) {
  return fmt::format("{} {} 至 {}（{}）{}", e.login, format_time(e.login_at),
                     e.logout_at ? format_time(*e.logout_at) : std::string("（未退出）"), item_name(e.item), e.purpose);
}

}  // namespace

Date Month::last() const { return add_days(Date{month == 12 ? year + 1 : year, month == 12 ? 1 : month + 1, 1}, -1); }
std::string Month::text() const { return fmt::format("{:04}-{:02}", year, month); }

Month parse_month(std::string_view text) {
  const std::string t = trim(text);
  // A month is its first day in any accepted date form: 2026-11 → 2026-11-01, 115/11 → 115/11/01,
  // [民國]115年11月 → [民國]115年11月1日.
  std::vector<std::string> first_days;
  for (const char* sep : {"-", "/", "."})
    if (t.find(sep) != std::string::npos) first_days.push_back(t + sep + "01");
  if (t.ends_with("月")) first_days.push_back(t + "1日");
  for (const auto& day : first_days) {
    try {
      const Date first = parse_date(day);
      return Month{first.year, first.month};
    } catch (const RejectedInput&) {
    }
  }
  throw RejectedInput(imcomply::text(Msg::not_a_month, {t}));
}

Month month_of(Date day) { return Month{day.year, day.month}; }

// Each write opens its transaction first and checks inside it (issue 11: one write, one
// transaction, opened first), so that no other writer can change what the checks read.

std::int64_t open_entry(Session& s, const NewEntry& entry, const std::optional<AfterSigning>& after) {
  WriteTransaction tx(s.store, s.actor, Command::qlog_open, s.now);
  require_own_or_admin(s, entry.login);
  if (entry.logout_at) throw RejectedInput("an entry being opened has no logout time yet");
  check_entry(s, entry);
  if (const auto open = usage_store::open_entry_of(s.store, entry.login))
    throw RejectedInput(fmt::format("{} has entry #{} still open (logged in {})", entry.login, open->id,
                                    format_time(open->login_at)),
                        fmt::format("close it first: qlog close {}", open->id));
  const auto id = usage_store::EntryWriter(tx).insert(entry, std::nullopt);
  guard_sheet(tx, sheet_month(entry.login_at), fmt::format("開啟第 {} 筆：{}", *id, session_text(entry)), after);
  tx.commit();
  return *id;
}

UsageEntry close_entry(Session& s, std::optional<std::int64_t> id, const std::optional<std::string>& login,
                       std::optional<Instant> at, const std::optional<AfterSigning>& after) {
  if (!id && !login) throw UsageError("give the entry's ID or --user LOGIN");
  WriteTransaction tx(s.store, s.actor, Command::qlog_close, s.now);
  std::optional<UsageEntry> entry;
  if (id) {
    entry = usage_store::find_entry(s.store, *id);
    if (!entry) throw RejectedInput(fmt::format("no usage-log entry #{}", *id));
  } else {
    require_user(s, *login);
    entry = usage_store::open_entry_of(s.store, *login);
    if (!entry) throw RejectedInput(fmt::format("{} has no open entry", *login));
  }
  require_own_or_admin(s, entry->login);
  if (entry->logout_at)
    throw RejectedInput(fmt::format("entry #{} was closed already at {}", entry->id, format_time(*entry->logout_at)));
  const Instant logout = at.value_or(s.now);
  if (logout > s.now) throw RejectedInput(fmt::format("the logout time {} lies in the future", format_time(logout)));
  if (logout < entry->login_at)
    throw RejectedInput(fmt::format("the logout {} precedes the login {}", format_time(logout), format_time(entry->login_at)));
  usage_store::set_logout(tx, entry->id, logout);
  guard_sheet(tx, sheet_month(entry->login_at),
              fmt::format("第 {} 筆（{} {}）退出時間登錄為 {}", entry->id, entry->login, format_time(entry->login_at),
                          format_time(logout)),
              after);
  tx.commit();
  entry->logout_at = logout;
  return *entry;
}

std::int64_t add_entry(Session& s, const NewEntry& entry, const std::optional<AfterSigning>& after) {
  WriteTransaction tx(s.store, s.actor, Command::qlog_add, s.now);
  require_own_or_admin(s, entry.login);
  if (!entry.logout_at) throw RejectedInput("qlog add records a whole row: give --logout too (or use qlog open)");
  check_entry(s, entry);
  const auto id = usage_store::EntryWriter(tx).insert(entry, std::nullopt);
  guard_sheet(tx, sheet_month(entry.login_at), fmt::format("新增第 {} 筆：{}", *id, session_text(entry)), after);
  tx.commit();
  return *id;
}

std::vector<UsageEntry> list_entries(Session& s, const EntryFilter& filter) {
  std::vector<UsageEntry> list;
  usage_store::for_each_entry(s.store, filter.from, filter.to, filter.login,
                              [&](const UsageEntry& e) { list.push_back(e); });
  return list;
}

// --- import ---

namespace {

enum class Column { user, login, logout, item, purpose, basis, case_ref, ignored };

/// Header names, English or the Chinese of Annex 1 (spec §3); 編號 is the paper form's row number.
Column column_of(const std::string& name) {
  static const std::map<std::string, Column, std::less<>> names = {
      {"user", Column::user},       {"使用者", Column::user},       {"login", Column::login},
      {"登入時間", Column::login},  {"logout", Column::logout},     {"退出時間", Column::logout},
      {"item", Column::item},       {"查詢項目", Column::item},     {"purpose", Column::purpose},
      {"資料查詢用途", Column::purpose}, {"basis", Column::basis}, {"法令依據", Column::basis},
      {"case", Column::case_ref},   {"案號", Column::case_ref},     {"編號", Column::ignored},
      {"no", Column::ignored},
  };
  std::string key = trim(name);
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');  // Excel users write User, Login…
  const auto found = names.find(key);
  if (found == names.end())
    throw RejectedInput(fmt::format("unknown column \"{}\" (use user, login, logout, item, purpose, basis, case "
                                    "or 使用者, 登入時間, 退出時間, 查詢項目, 資料查詢用途, 法令依據, 案號)",
                                    trim(name)));
  return found->second;
}

/// Who a row names: a login, or a name that one person on the roster has.
class RosterIndex {
 public:
  explicit RosterIndex(Session& s) {
    for (const auto& u : account_store::load_users(s.store, std::nullopt)) {
      logins_[u.login] = u.login;
      auto [it, fresh] = names_.emplace(u.name, u.login);
      if (!fresh) it->second.clear();  // a name two people share identifies neither
    }
  }
  std::string login_of(const std::string& who) const {
    if (const auto l = logins_.find(who); l != logins_.end()) return l->second;
    if (const auto n = names_.find(who); n != names_.end() && !n->second.empty()) return n->second;
    throw RejectedInput(fmt::format("unknown user \"{}\" (a login, or a name only one person on the roster has)", who));
  }

 private:
  std::map<std::string, std::string> logins_, names_;
};

}  // namespace

ImportSummary import_entries(Session& s, const std::filesystem::path& file, Encoding encoding, bool dry_run,
                             const std::optional<AfterSigning>& after) {
  // The file is opened before the lock is taken: a FIFO or a slow disk never holds up other writers.
  std::ifstream in;
  {
    const CallerRights caller;  // the caller's file, looked at and read with the caller's rights
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))  // a directory opens, then fails to read: say so first
      throw RejectedInput(fmt::format("cannot read {}: it is a directory", file.string()));
    in.open(file, std::ios::binary);
  }
  if (!in) throw RejectedInput(fmt::format("cannot read {}", file.string()));
  WriteTransaction tx(s.store, s.actor, Command::qlog_import, s.now);  // the whole file is one transaction; checks the role
  const std::string source = file.string();
  CsvReader reader(in, source, encoding);

  std::array<int, 7> index;
  index.fill(-1);
  for (std::size_t i = 0; i < reader.header().size(); ++i) {
    Column c;
    try {
      c = column_of(reader.header()[i]);
    } catch (const RejectedInput& e) {
      throw RejectedInput(fmt::format("{}:1:{}: {}", source, i + 1, e.what()));
    }
    if (c == Column::ignored) continue;
    if (index[static_cast<int>(c)] >= 0)
      throw RejectedInput(fmt::format("{}:1:{}: column \"{}\" appears twice", source, i + 1, reader.header()[i]));
    index[static_cast<int>(c)] = static_cast<int>(i);
  }
  for (const Column required : {Column::user, Column::login, Column::logout, Column::item, Column::purpose})
    if (index[static_cast<int>(required)] < 0) {
      static constexpr const char* names[] = {"user (使用者)", "login (登入時間)", "logout (退出時間)", "item (查詢項目)",
                                              "purpose (資料查詢用途)"};
      throw RejectedInput(fmt::format("{}:1: the header has no {} column", source, names[static_cast<int>(required)]));
    }

  ImportSummary summary;
  summary.file = source;
  summary.dry_run = dry_run;
  const RosterIndex roster(s);
  std::map<std::string, AccountHistory> histories;
  std::map<std::string, std::pair<Month, std::int64_t>> added_in;  // per month: rows added, for spec §4
  const std::int64_t import_id = usage_store::insert_import(tx, "usage", source, "pending", "");
  usage_store::EntryWriter writer(tx, usage_store::Journaling::batched);
  const auto field = [&](const CsvRow& row, Column c) -> std::string {
    const int i = index[static_cast<int>(c)];
    return i < 0 ? std::string() : trim(row.fields[i]);
  };
  CsvRow row;
  while (reader.next(row)) {
    ++summary.rows;
    try {
      NewEntry e;
      e.login = roster.login_of(field(row, Column::user));
      e.item = parse_item(field(row, Column::item));
      e.login_at = parse_time(field(row, Column::login));
      const std::string logout = field(row, Column::logout);
      if (logout.empty()) throw RejectedInput("the logout time is empty");
      e.logout_at = parse_time(logout);
      e.purpose = field(row, Column::purpose);
      if (const auto basis = field(row, Column::basis); !basis.empty()) e.basis = basis;
      if (const auto ref = field(row, Column::case_ref); !ref.empty()) e.case_ref = ref;
      auto history = histories.find(e.login);
      if (history == histories.end()) history = histories.emplace(e.login, account_history(s, e.login)).first;
      if (const auto problem = entry_problem(e, history->second, s.now); !problem.empty()) throw RejectedInput(problem);
      if (writer.insert(e, import_id)) {
        ++summary.added;
        const Month month = sheet_month(e.login_at);
        ++added_in.try_emplace(month.text(), month, 0).first->second.second;
      } else {
        // The same user, item and login time: the same row again, unless it says something else.
        const auto existing = usage_store::find_by_key(s.store, e.login, e.item, e.login_at);
        if (existing && (existing->purpose != e.purpose || existing->logout_at != e.logout_at ||
                         existing->basis != e.basis || existing->case_ref != e.case_ref))
          throw RejectedInput(fmt::format("conflicts with entry #{} ({} logged in at {} for {}) but says something else",
                                          existing->id, e.login, format_time(e.login_at), item_name(e.item)));
        ++summary.duplicates;
      }
    } catch (const RejectedInput& e) {
      throw RejectedInput(fmt::format("{}:{}: {}", source, row.line, e.what()), "nothing was imported; fix the row and run again");
    }
  }
  summary.encoding = std::string(encoding_name(reader.encoding()));
  summary.digest = reader.digest();
  if (summary.rows == 0) throw RejectedInput(fmt::format("{}: no rows under the header", source));
  if (usage_store::import_exists(s.store, "usage", summary.digest)) {
    summary.already_imported = true;  // the transaction rolls back: a file imported twice adds nothing
    summary.added = 0;
    summary.duplicates = summary.rows;
    return summary;
  }
  writer.finish();
  usage_store::complete_import(tx, import_id, summary.digest, summary.encoding, summary.rows, summary.added);
  for (const auto& [text, added] : added_in)
    guard_sheet(tx, added.first,
                fmt::format("匯入 {} 筆（{}，匯入 #{}）", added.second, source, import_id), after);
  if (!dry_run) tx.commit();
  return summary;
}

// --- check ---

std::vector<UsageFinding> check_entries(Session& s, std::optional<Month> month) {
  std::vector<UsageFinding> findings;
  const auto max_minutes = s.config.rules.max_session_minutes;
  std::map<std::string, AccountHistory> histories;
  std::map<std::string, UsageEntry> last_of;  // per user, the entry reaching latest so far
  usage_store::for_each_entry(
      s.store, month ? std::optional(month->first()) : std::nullopt, month ? std::optional(month->last()) : std::nullopt,
      std::nullopt, [&](const UsageEntry& e) {
        const auto add = [&](std::string kind, std::string detail) {
          findings.push_back({std::move(kind), e.id, e.login, std::move(detail)});
        };
        const Instant end = e.logout_at.value_or(s.now);
        const auto minutes = (end.seconds - e.login_at.seconds) / 60;
        if (!e.logout_at && minutes > max_minutes)
          add("never-closed", fmt::format("logged in {} and never logged out", format_time(e.login_at)));
        else if (e.logout_at && minutes > max_minutes)
          add("too-long", fmt::format("session of {} minutes (more than {}; R3.3: log out after every query)", minutes,
                                      max_minutes));
        auto history = histories.find(e.login);
        if (history == histories.end()) history = histories.emplace(e.login, account_history(s, e.login)).first;
        if (!history->second.active_at(e.login_at))
          add("not-active", fmt::format("{} was not an active user at {}", e.login, format_time(e.login_at)));
        else if (const auto items = history->second.items_at(e.login_at);
                 std::find(items.begin(), items.end(), e.item) == items.end())
          add("not-granted", fmt::format("{} was not granted to {}", item_name(e.item), e.login));
        if (const auto prev = last_of.find(e.login); prev != last_of.end()) {
          const Instant prev_end = prev->second.logout_at.value_or(s.now);
          if (prev_end > e.login_at)
            add("overlap", fmt::format("overlaps entry #{} ({} to {})", prev->second.id, format_time(prev->second.login_at),
                                       prev->second.logout_at ? format_time(*prev->second.logout_at) : "open"));
          if (end > prev_end) prev->second = e;
        } else {
          last_of.emplace(e.login, e);
        }
      });
  return findings;
}

// --- Annex 1 ---

namespace {
constexpr std::array<std::string_view, 3> sheet_role_names = {"officer", "secretary", "director"};
}

std::string_view sheet_role_name(SheetRole role) { return sheet_role_names[static_cast<int>(role)]; }

SheetRole parse_sheet_role(std::string_view text) {
  for (std::size_t i = 0; i < sheet_role_names.size(); ++i)
    if (sheet_role_names[i] == text) return static_cast<SheetRole>(i);
  throw RejectedInput(fmt::format("unknown sign-off role \"{}\" (use officer, secretary or director)", text));
}

UsageSheet usage_sheet(Session& s, Month month) {
  UsageSheet sheet;
  const auto office = account_store::load_office(s.store);
  sheet.office_name = office ? office->name : "";
  sheet.month = month;
  sheet.entries = list_entries(s, EntryFilter{month.first(), month.last(), std::nullopt});
  sheet.signoffs = usage_store::signoffs_of(s.store, month);
  sheet.after_signing = signed_forms::apply_state(signed_forms::state_of(s.store, signed_forms::Form::annex1, month),
                                                  sheet.signoffs, sheet_role_name);
  sheet.checkpoint = usage_store::journal_head(s.store);
  return sheet;
}

void sign_sheet(Session& s, Month month, SheetRole role) {
  // Annex 1's sign-off lines: 承辦人員 (officer), 秘書 (secretary), 主任 (the head of office).
  static constexpr Role needs[] = {Role::officer, Role::secretary, Role::head};
  WriteTransaction tx(s.store, s.actor, Command::qlog_sign, s.now);
  require_role(s.store, s.actor, needs[static_cast<int>(role)]);
  if (month.first() > today(s)) throw RejectedInput(fmt::format("{} has not begun", month.text()));
  const auto head = usage_store::journal_head(s.store);
  if (usage_store::signoff_exists(s.store, month, role)) {  // again, only after the sheet changed (spec §4)
    signed_forms::renew_signature(tx, signed_forms::Form::annex1, month, sheet_role_name(role), head, "sheet");
  } else {
    usage_store::insert_signoff(tx, month, role, head);
    signed_forms::cover_changes(tx, signed_forms::Form::annex1, month, sheet_role_name(role), head);
  }
  tx.commit();
}

// --- data obtained (R3.7) ---

std::int64_t add_data(Session& s, const NewData& data, const std::optional<AfterSigning>& after) {
  WriteTransaction tx(s.store, s.actor, Command::qlog_data_add, s.now);
  const auto entry = usage_store::find_entry(s.store, data.entry_id);
  if (!entry) throw RejectedInput(fmt::format("no usage-log entry #{}", data.entry_id));
  require_own_or_admin(s, entry->login);
  if (trim(data.description).empty()) throw RejectedInput("the description is empty");
  NewData d = data;
  if (d.archive_no) {  // R3.7: an empty archive number would file the data nowhere, and escape destruction
    d.archive_no = trim(*d.archive_no);
    if (d.archive_no->empty()) throw RejectedInput("the archive number (--filed) is empty");
  }
  if (d.archive_no && (d.destroy_by || d.file_path))
    throw RejectedInput("data filed with a case (--filed) is kept under the Archives Act: no --destroy-by or --file");
  if (!d.archive_no && !d.destroy_by)  // R3.7: unfiled data goes once used, by default the day of the query
    d.destroy_by = add_days(taiwan_date(entry->login_at), s.config.rules.destroy_within_days);
  if (d.destroy_by && *d.destroy_by < taiwan_date(entry->login_at))
    throw RejectedInput("the destroy-by date precedes the query");
  // R3.7: only a file that purge can later destroy for sure, and nothing else by that name.
  std::optional<RegisteredFile> file;
  if (d.file_path) {
    file = check_registration(*d.file_path, FileRules{s.config.data.file_roots, s.store.path()});
    d.file_path = file->path;  // canonical and absolute: never read again from another working directory
  }
  const std::int64_t id = usage_store::insert_data(tx, d, file);
  guard_sheet(tx, sheet_month(entry->login_at),
              fmt::format("第 {} 筆查詢所得資料登錄：{}", entry->id, d.description), after);
  tx.commit();
  return id;
}

namespace {

/// R3.7: unfiled data not destroyed by the end of its destroy-by day is overdue.
std::vector<ObtainedData> with_overdue(std::vector<ObtainedData> list, Date today) {
  for (auto& d : list) d.overdue = !d.archive_no && !d.destroyed_at && d.destroy_by && today > *d.destroy_by;
  return list;
}

}  // namespace

std::vector<ObtainedData> list_data(Session& s, bool pending_only) {
  return with_overdue(usage_store::load_data(s.store, std::nullopt, pending_only), today(s));
}

// --- handover (R3.1) ---

std::size_t Handover::data_items() const {
  std::set<std::int64_t> ids;
  for (const auto& d : data) ids.insert(d.id);
  for (const auto& d : pending) ids.insert(d.id);
  return ids.size();
}

Handover handover(Session& s, const HandoverRequest& r) {
  WriteTransaction tx(s.store, s.actor, Command::acct_handover, s.now);  // first: the checks below read under the lock
  const User giver = require_user(s, r.login);
  const User other = require_user(s, r.to);
  if (r.login == r.to) throw RejectedInput("a handover goes to someone else");
  if (other.status != AccountStatus::active && other.status != AccountStatus::none)
    throw RejectedInput(fmt::format("{} is {}: hand over to someone still working here", r.to, status_name(other.status)));
  Handover h;
  h.login = r.login;
  h.to = r.to;
  h.login_name = giver.name;
  h.to_name = other.name;
  h.on = r.on.value_or(today(s));
  if (h.on > today(s)) throw RejectedInput(fmt::format("the handover date {} lies in the future", format_date(h.on)));
  h.until = r.until.value_or(h.on);
  if (h.until > h.on)
    throw RejectedInput(fmt::format("the period ends on {} (--until), after the handover date {}", format_date(h.until),
                                    format_date(h.on)));
  // By default what is not yet handed over: from LOGIN's latest earlier handover (that day again,
  // so that an entry recorded later that day is not missed), else from their first entry.
  const std::optional<Date> from = r.from ? r.from : usage_store::last_handover_on(s.store, r.login, h.until);
  if (from && *from > h.until)
    throw RejectedInput(fmt::format("the period starts on {} (--from), after it ends on {}", format_date(*from),
                                    format_date(h.until)));
  h.entries = list_entries(s, EntryFilter{from, h.until, r.login});
  h.from = from ? *from : h.entries.empty() ? h.until : taiwan_date(h.entries.front().login_at);
  std::set<std::int64_t> listed;
  for (const auto& e : h.entries) listed.insert(e.id);
  for (auto& d : with_overdue(usage_store::load_data(s.store, r.login, false), today(s))) {
    if (!d.archive_no && !d.destroyed_at) h.pending.push_back(d);
    if (listed.contains(d.entry_id)) h.data.push_back(std::move(d));
  }
  const auto office = account_store::load_office(s.store);
  h.office_name = office ? office->name : "";
  usage_store::insert_handover(tx, h);
  account_store::insert_event(tx, r.login, format_date(h.on), "handover",
                              fmt::format("{} entries of {} to {} and {} data items listed and handed to {}",
                                          h.entries.size(), format_date(h.from), format_date(h.until), h.data_items(),
                                          r.to));
  h.checkpoint = usage_store::journal_head(s.store);  // after the rows above: the paper anchors this record
  tx.commit();
  return h;
}

std::optional<std::string> journal_head(Session& s) { return usage_store::journal_head(s.store); }

}  // namespace imcomply
