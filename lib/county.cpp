#include "imcomply/county.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <fmt/format.h>
#include <openssl/evp.h>

#include "store/county_store.hpp"
#include "store/store_impl.hpp"
#include "imcomply/accounts.hpp"
#include "imcomply/purge.hpp"
#include "imcomply/questions.hpp"
#include "imcomply/text.hpp"

namespace imcomply::county {
namespace {

constexpr std::string_view outcome_names[] = {"verified",     "witness",    "unverified", "unregistered",
                                              "not-office",   "unreadable", "duplicate"};
/// verify's lines kept per file: enough to see what broke, never the whole of a wrecked file.
constexpr std::size_t max_kept_problems = 20;

Date today(const Session& s) { return taiwan_date(s.now); }

/// A private directory for the copy and its -wal/-shm (mode 0700), removed with all in it.
class PrivateDir {
 public:
  PrivateDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "imcomply-county-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
      throw StorageError(fmt::format("cannot make a private temporary directory: {}", std::strerror(errno)));
    path_ = pattern;
  }
  ~PrivateDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  PrivateDir(const PrivateDir&) = delete;
  PrivateDir& operator=(const PrivateDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct Copied {
  std::string sha256;
  std::int64_t size = 0;
};

/// A live database's state is its file and the -wal (or hot -journal) beside it together, and the
/// county copies the file alone: a non-empty companion means the copy would show an older state, or
/// a torn one, so the file is refused (`acct backup` writes a file with none). An empty -wal, as a
/// setgid install keeps beside its database, holds nothing and is no reason to refuse.
void require_no_live_journal(const std::filesystem::path& file) {
  for (const char* suffix : {"-wal", "-journal"}) {
    const std::string companion = file.string() + suffix;
    struct stat info {};
    if (::lstat(companion.c_str(), &info) != 0) {
      if (errno == ENOENT) continue;
      throw RejectedInput(fmt::format("cannot check the {} beside it: {}", suffix, std::strerror(errno)));
    }
    if (!S_ISREG(info.st_mode))
      throw RejectedInput(fmt::format("has a {} beside it that is not a regular file: collect a backup made by "
                                      "`acct backup`", suffix));
    if (info.st_size > 0)
      throw RejectedInput(fmt::format("has a live {} beside it ({} bytes of transactions the file alone does not "
                                      "show): collect a backup made by `acct backup`", suffix, info.st_size));
  }
}

/// Copies `file` into `target` (mode 0600), hashing it on the way: opened without following a
/// symbolic link and without blocking on a FIFO, a regular file only, never the county's own
/// database, never a live one (require_no_live_journal, before and after the copy, and a file
/// that changed while it was copied). The office's file is only read.
Copied copy_office_file(const std::filesystem::path& file, const std::filesystem::path& target,
                        const std::filesystem::path& county_db) {
  const int in = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (in < 0) {
    if (errno == ELOOP) throw RejectedInput("is a symbolic link; give the file itself");
    throw RejectedInput(fmt::format("cannot open it: {}", std::strerror(errno)));
  }
  std::unique_ptr<int, void (*)(int*)> in_guard(new int(in), [](int* fd) {
    ::close(*fd);
    delete fd;
  });
  struct stat info {};
  if (::fstat(in, &info) != 0) throw RejectedInput(fmt::format("cannot read it: {}", std::strerror(errno)));
  if (!S_ISREG(info.st_mode)) throw RejectedInput("is not a regular file");
  struct stat own {};
  if (::stat(county_db.c_str(), &own) == 0 && own.st_dev == info.st_dev && own.st_ino == info.st_ino)
    throw RejectedInput("is this county's own database, not an office file");
  require_no_live_journal(file);
  const int out = ::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (out < 0) throw StorageError(fmt::format("cannot make a private copy: {}", std::strerror(errno)));
  std::unique_ptr<int, void (*)(int*)> out_guard(new int(out), [](int* fd) {
    ::close(*fd);
    delete fd;
  });
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> md(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (!md || EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr) != 1) throw StorageError("cannot compute SHA-256");
  Copied copied;
  std::vector<char> buffer(1 << 16);
  while (true) {
    const ssize_t got = ::read(in, buffer.data(), buffer.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      throw RejectedInput(fmt::format("cannot read it: {}", std::strerror(errno)));
    }
    if (got == 0) break;
    EVP_DigestUpdate(md.get(), buffer.data(), static_cast<std::size_t>(got));
    for (ssize_t done = 0; done < got;) {
      const ssize_t put = ::write(out, buffer.data() + done, static_cast<std::size_t>(got - done));
      if (put < 0) {
        if (errno == EINTR) continue;
        throw StorageError(fmt::format("cannot write the private copy: {}", std::strerror(errno)));
      }
      done += put;
    }
    copied.size += got;
  }
  // A writer (or a checkpoint) meanwhile: the copy may hold pages of two states.
  struct stat after {};
  if (::fstat(in, &after) != 0) throw RejectedInput(fmt::format("cannot read it: {}", std::strerror(errno)));
  if (after.st_size != info.st_size || after.st_size != copied.size || after.st_mtim.tv_sec != info.st_mtim.tv_sec ||
      after.st_mtim.tv_nsec != info.st_mtim.tv_nsec)
    throw RejectedInput("changed while it was being copied (is an office program writing to it?): collect a backup "
                        "made by `acct backup`");
  require_no_live_journal(file);
  if (::fchmod(out, 0600) != 0) throw StorageError("cannot make the private copy private (chmod 600)");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(md.get(), digest, &length);
  static constexpr char hex[] = "0123456789abcdef";
  for (unsigned int i = 0; i < length; ++i) {
    copied.sha256 += hex[digest[i] >> 4];
    copied.sha256 += hex[digest[i] & 0x0f];
  }
  return copied;
}

/// What the county learns of a file before taking its own write lock: everything read from the
/// private copy by the office core, nothing of the county's state.
struct Reading {
  Collected result;
  std::int64_t size = 0;
  std::optional<std::string> office_name, as_of;
  std::optional<std::int64_t> schema_version;
  std::optional<county_store::CountsRow> counts;
  std::vector<county_store::MonthRow> months;
  std::vector<county_store::AnswerRow> answers;
  std::vector<county_store::AuditYearRow> audit_years;
  std::optional<Store> office;  ///< the private copy, open
};

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

/// The counts and answers of county status and county supervision, by the office core's own
/// functions (acct due, the review status, the evaluators of questions.hpp), under the rules the
/// office is judged by (os.config).
void read_office(Session& os, Reading& r) {
  const Date day = today(os);
  county_store::CountsRow c;
  for (const auto& p : due(os, std::nullopt))
    if (p.overdue) ++c.overdue_terminations;
  c.late_terminations = static_cast<std::int64_t>(late_terminations(os, Date{day.year, 1, 1}, day).size());
  for (const auto& a : open_applications(os))
    if (a.stage == Stage::head) {
      ++c.county_waiting;
      const std::string since = format_date(a.stage_on());
      if (!c.county_waiting_since || since < *c.county_waiting_since) c.county_waiting_since = since;
    }
  const ReviewStatus review = review_status(os);
  if (review.review) {
    c.review_period = review.review->period;
    c.review_closed = review.review->closed_on.has_value();
  }
  for (const auto& period : review.missed_periods) c.missed_reviews += (c.missed_reviews.empty() ? "" : ",") + period;
  c.audits_year = day.year;
  c.audits_done = static_cast<std::int64_t>(conducted_audits(os, day.year).size());
  c.audits_required = os.config.rules.unannounced_audits_per_year;
  for (const auto& d : list_data(os, true))
    if (d.overdue) ++c.data_overdue;
  for (const auto& i : incidents(os))
    if (i.referrals.empty()) ++c.open_incidents;
  r.counts = c;

  // Annex 2 of each month of the last year the file covers, from the first account on.
  const Month now_month = month_of(day);
  // The rules ask nothing of the months before the first account (questions.hpp).
  const auto first = first_account_day(os);
  Month m{now_month.year - 1, now_month.month};
  if (first && month_of(*first).first() > m.first()) m = month_of(*first);
  for (int guard = 0; first && m.first() <= now_month.first() && guard < 13; ++guard) {
    const MonthlyAudit audit = monthly_audit(os, m);
    county_store::MonthRow row{m.text(), 0, 0, 0};
    for (const auto& item : audit.items)
      if (item.recorded) ++row.items_recorded;
    for (const auto& signoff : audit.signoffs)
      if (!signoff.stale) ++row.signoffs;
    for (const auto& u : audit.by_user) row.queries += u.count;
    r.months.push_back(row);
    m = m.month == 12 ? Month{m.year + 1, 1} : Month{m.year, m.month + 1};
  }

  // Annex 3 of this year and, if the file goes back so far, the last.
  int first_year = day.year;
  if (const auto first = county_store::first_journal_time(os.store))
    first_year = std::max(day.year - 1, taiwan_date(parse_time(*first)).year);
  for (int year = first_year; year <= day.year; ++year) {
    r.audit_years.push_back({year, static_cast<std::int64_t>(conducted_audits(os, year).size()),
                             os.config.rules.unannounced_audits_per_year});
    const Supervision sup = imcomply::supervision(os, year);
    for (const auto& item : sup.items)
      r.answers.push_back({year, item.number, item.title, item.yes, item.evidence, format_date(sup.audit_date)});
  }
}

/// The error's text with the private copy's path replaced by the file's own name.
std::string about_file(const std::string& text, const std::filesystem::path& copy, const std::filesystem::path& file) {
  std::string out = one_line(text);
  const std::string from = copy.string();
  for (std::size_t at; (at = out.find(from)) != std::string::npos;) out.replace(at, from.size(), file.string());
  return out;
}

/// Everything collection reads from the file before the county's lock: copy, open, verify, count.
/// The copy stays open in `r.office` (inside `dir`) for the witness check made under the lock.
void read_file(Session& s, const std::filesystem::path& file, const PrivateDir& dir, Reading& r) {
  r.result.file = file.string();
  const auto copy = dir.path() / "office.db";
  Copied copied;
  try {
    copied = copy_office_file(file, copy, s.store.path());
  } catch (const RejectedInput& e) {
    r.result.outcome = Outcome::not_office;
    r.result.reason = e.what();
    return;  // nothing was read: no digest, and nothing recorded
  }
  r.result.sha256 = copied.sha256;
  r.size = copied.size;
  // What kind of file it is, before the office's Store takes it (and migrates an older one).
  const county_store::Probe probe = county_store::probe_file(copy);
  if (probe.problem) {
    r.result.outcome = probe.not_sqlite ? Outcome::not_office : Outcome::unreadable;
    r.result.reason = *probe.problem;
    return;
  }
  r.schema_version = probe.user_version;
  if (probe.application_id == application_id_of(StoreKind::county)) {
    r.result.outcome = Outcome::not_office;
    r.result.reason = "is a county's imcomply database, not an office file";
    return;
  }
  if (probe.application_id != application_id_of(StoreKind::office)) {
    r.result.outcome = Outcome::not_office;
    r.result.reason = "is an SQLite database, but not an imcomply office's";
    return;
  }
  try {
    r.office.emplace(Store::open(copy, std::chrono::milliseconds(1000), StoreKind::office));
    const Actor reader{"", s.actor.os_login};
    Session first{*r.office, s.config, reader, s.now};
    const Office office = imcomply::office(first);
    // Judged by the rules the office is bound by: the county's [rules], or its [office.CODE] (county(1)).
    Config judged = s.config;
    judged.rules = rules_for_office(s.config, office.code);
    Session os{*r.office, judged, reader, s.now};
    r.result.office_code = office.code;
    r.office_name = office.name;
    r.result.head = county_store::journal_head(*r.office);
    r.as_of = r.office->latest_journal_time();
    const Verification& v = journal_verification(os);
    if (!v.ok()) {
      r.result.outcome = Outcome::unverified;
      r.result.reason = fmt::format("the office's own verify found {} problem{}, the first: {}", v.problems.size(),
                                    v.problems.size() == 1 ? "" : "s", about_file(v.problems.front(), copy, file));
      for (std::size_t i = 0; i < v.problems.size() && i < max_kept_problems; ++i)
        r.result.problems.push_back(about_file(v.problems[i], copy, file));
      return;
    }
    read_office(os, r);
    r.result.outcome = Outcome::verified;  // so far: the witness check is made under the county's lock
  } catch (...) {
    const Error e = current_storage_error();
    r.result.outcome = Outcome::unreadable;
    r.result.reason = about_file(e.what(), copy, file);
    r.counts.reset();
    r.months.clear();
    r.answers.clear();
    r.audit_years.clear();
  }
}

/// Each [office.CODE] of the config names an office the county supervises: one that names none
/// (a typo) would judge no office by the rules it sets.
void check_office_rules(Session& s) {
  for (const auto& [code, rules] : s.config.office_rules)
    if (!county_store::office_exists(s.store, code))
      throw RejectedInput(fmt::format("{}: [office.{}] names an office the county has not registered",
                                      s.config.source.string(), code),
                          "county office list shows the offices; correct the code, or county office add registers it");
}

}  // namespace

std::string_view county_role_name(CountyRole role) { return role == CountyRole::admin ? "admin" : "supervisor"; }
std::string_view outcome_name(Outcome outcome) { return outcome_names[static_cast<int>(outcome)]; }

void init_county(const std::filesystem::path& path, std::chrono::milliseconds wait, const Actor& actor, Instant now,
                 const InitRequest& request) {
  if (request.county_code.empty() || request.county_name.empty() || request.admin_login.empty() ||
      request.admin_name.empty())
    throw RejectedInput("county init needs --county, --name, --admin and --admin-name, none empty");
  check_login(request.admin_login, "login");
  const std::string os_user = request.admin_os_user.value_or(request.admin_login);
  check_login(os_user, "OS user name");
  Store store = Store::create(path, wait, StoreKind::county);
  try {
    WriteTransaction tx(store, actor, Command::county_init, now);
    county_store::insert_county(tx, request.county_code, request.county_name);
    county_store::insert_staff(tx, request.admin_login, request.admin_name, os_user);
    county_store::insert_role(tx, request.admin_login, CountyRole::admin);
    tx.commit();
  } catch (...) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix, ignored);
    throw;
  }
}

Actor resolve_actor(Store& store, const Caller& caller, const std::optional<std::string>& as,
                    const AccessSettings& access) {
  const auto own = county_store::login_of(store, caller.os_user);
  if (!as || (own && *as == *own)) return Actor{own.value_or(""), caller.os_user};
  const bool service = access.service_user && *access.service_user == caller.os_user;
  const auto roles = own ? county_store::roles_of(store, *own) : std::vector<CountyRole>{};
  const bool admin = std::find(roles.begin(), roles.end(), CountyRole::admin) != roles.end();
  if (!caller.root && !service && !admin)
    throw NotPermitted(fmt::format("{} may not act --as {}: only the county's administrator, root or the service user may "
                                   "act on someone's behalf",
                                   own ? *own : "OS user " + caller.os_user, *as),
                       "run the command as yourself, without --as");
  return Actor{*as, caller.os_user};
}

CountyInfo county_info(Session& s) { return county_store::load_county(s.store); }

void add_office(Session& s, const std::string& code, const std::string& name) {
  WriteTransaction tx(s.store, s.actor, Command::county_office_add, s.now);
  check_login(code, "office code");
  if (name.empty()) throw RejectedInput("an office's --name may not be empty");
  if (county_store::office_exists(s.store, code))
    throw RejectedInput(fmt::format("office {} is registered already", code));
  county_store::insert_office(tx, code, name);
  tx.commit();
}

std::vector<SupervisedOffice> offices(Session& s) { return county_store::load_offices(s.store); }

Collected collect(Session& s, const std::filesystem::path& file) {
  require_permission(s.store, s.actor, Command::county_collect);  // exit 4 before reading anything
  check_office_rules(s);
  PrivateDir dir;
  Reading r;
  read_file(s, file, dir, r);
  Collected& out = r.result;
  if (out.sha256.empty()) return out;  // not read at all (a link, a FIFO, this database): nothing to record
  // The county's state is read under its write lock: two collects of one file record it once.
  WriteTransaction tx(s.store, s.actor, Command::county_collect, s.now);
  if (county_store::collection_by_sha(s.store, out.sha256)) {
    out.outcome = Outcome::duplicate;
    out.reason = "collected before; nothing added";
    return out;
  }
  county_store::CollectionRow row;
  row.sha256 = out.sha256;
  row.file_name = std::filesystem::path(out.file).filename().string();
  row.size = r.size;
  row.office_code = out.office_code;
  row.office_name = r.office_name;
  if (out.head) {
    row.head_seq = out.head->seq;
    row.head_hash = out.head->hash;
  }
  row.as_of = r.as_of;
  row.schema_version = r.schema_version;
  if (out.outcome == Outcome::verified && !county_store::office_exists(s.store, *out.office_code)) {
    out.outcome = Outcome::unregistered;
    out.reason = fmt::format("office {} is not registered with the county", *out.office_code);
  }
  std::string witness;
  if (out.outcome == Outcome::verified) {
    if (const auto last = county_store::last_verified(s.store, *out.office_code); last && last->head_seq) {
      out.previous = Anchor{*last->head_seq, *last->head_hash};
      row.previous_seq = last->head_seq;
      row.previous_hash = last->head_hash;
      // The witness (spec §9): the head collected before must be a record of this file's chain.
      const auto hash = county_store::journal_hash_at(*r.office, out.previous->seq);
      if (!hash || *hash != out.previous->hash) {
        out.outcome = Outcome::witness;
        const std::string now_head = out.head ? out.head->text() : "(no journal)";
        witness = fmt::format("office {}'s journal does not extend the head collected before: {} (from {}, collected {}); "
                              "this file's head is {}, {}",
                              *out.office_code, out.previous->text(), last->file_name, last->collected_at, now_head,
                              hash ? fmt::format("and its record {} has another hash", out.previous->seq)
                                   : fmt::format("and it has no record {} (rolled back, or another file)", out.previous->seq));
        out.reason = witness;
      }
    }
  }
  row.outcome = std::string(outcome_name(out.outcome));
  if (!out.reason.empty()) row.reason = out.reason;
  const std::int64_t id = county_store::insert_collection(tx, row);
  if (out.outcome == Outcome::verified) {
    county_store::insert_counts(tx, id, *r.counts);
    for (const auto& m : r.months) county_store::insert_month(tx, id, m);
    for (const auto& a : r.answers) county_store::insert_answer(tx, id, a);
    for (const auto& a : r.audit_years) county_store::insert_audit_year(tx, id, a);
  } else if (out.outcome == Outcome::witness) {
    county_store::insert_finding(tx, id, "witness", witness);
  } else if (out.outcome == Outcome::unverified) {
    for (const auto& p : out.problems) county_store::insert_finding(tx, id, "verify", p);
  } else if (out.outcome != Outcome::unregistered) {
    county_store::insert_finding(tx, id, "file", out.reason);
  }
  tx.commit();
  return out;
}

std::vector<OfficeStatus> status(Session& s, Month month) {
  check_office_rules(s);
  const Date day = today(s);
  std::vector<OfficeStatus> rows;
  for (const auto& office : county_store::load_offices(s.store)) {
    OfficeStatus o;
    o.code = office.code;
    o.name = office.name;
    const auto last = county_store::last_collection(s.store, office.code);
    const auto good = county_store::last_verified(s.store, office.code);
    if (!last) {
      o.findings.push_back("no file collected");
      o.severity = 2;
    } else {
      o.collected_at = parse_time(last->collected_at);
      o.file = last->file_name;
      o.outcome = last->outcome;
      o.reason = last->reason;
      if (last->outcome != "verified") {
        o.findings.push_back(fmt::format("last file {}: {}", last->outcome, last->reason.value_or("")));
        o.severity = 3;
      }
    }
    if (last && !good) {
      o.findings.push_back("no file of this office has verified");
      o.severity = std::max(o.severity, 3);
    }
    if (good) {
      o.head = Anchor{good->head_seq.value_or(0), good->head_hash.value_or("")};
      if (good->as_of) {
        o.as_of = parse_time(*good->as_of);
        o.age_days = days_between(taiwan_date(*o.as_of), day);
        if (*o.age_days > s.config.county.max_age_days) {
          o.findings.push_back(fmt::format("last verified file is {} days old (more than {})", *o.age_days,
                                           s.config.county.max_age_days));
          o.severity = std::max(o.severity, 2);
        }
      }
      if (const auto c = county_store::load_counts(s.store, good->id)) {
        auto count = [&](std::int64_t n, std::optional<std::int64_t>& field, std::string_view what) {
          field = n;
          if (n > 0) {
            o.findings.push_back(fmt::format("{} {}", n, what));
            o.severity = std::max(o.severity, 1);
          }
        };
        count(c->overdue_terminations, o.overdue_terminations, "overdue termination(s)");
        count(c->late_terminations, o.late_terminations, "late termination(s) this year");
        count(c->county_waiting, o.county_waiting, "application(s) waiting at the county's stage");
        count(c->data_overdue, o.data_overdue, "data item(s) overdue for destruction");
        count(c->open_incidents, o.open_incidents, "incident(s) not referred");
        if (c->county_waiting_since) o.county_waiting_since = parse_date(*c->county_waiting_since);
        if (c->review_period) o.review = fmt::format("{} {}", *c->review_period, c->review_closed.value_or(false) ? "closed" : "open");
        o.missed_reviews = c->missed_reviews;
        if (!c->missed_reviews.empty()) {
          o.findings.push_back(fmt::format("half-year review not closed: {}", c->missed_reviews));
          o.severity = std::max(o.severity, 1);
        }
        if (c->audits_year == day.year) {  // a file collected before the audits were kept by year
          o.audits_done = c->audits_done;
          o.audits_required = c->audits_required;
        }
      }
      // R4.2 asks for a number of audits a year: the year in course is shown, and held to it once over.
      for (const auto& a : county_store::load_audit_years(s.store, good->id)) {
        if (a.year == day.year) {
          o.audits_done = a.done;
          o.audits_required = a.required;
        } else if (a.year < day.year && a.done < a.required) {
          o.findings.push_back(fmt::format("{}: {} of {} unannounced audits (R4.2)", a.year, a.done, a.required));
          o.severity = std::max(o.severity, 1);
        }
      }
      for (const auto& m : county_store::load_months(s.store, good->id))
        if (m.month == month.text()) {
          o.month_items_recorded = m.items_recorded;
          o.month_signoffs = m.signoffs;
          // Annex 2 is due once its month is over (the month being drafted is not a finding).
          if (month.last() < day && (m.items_recorded < 4 || m.signoffs < 4)) {
            o.findings.push_back(fmt::format("{} Annex 2: {} of 4 items recorded, {} of 4 sign-offs", month.text(),
                                             m.items_recorded, m.signoffs));
            o.severity = std::max(o.severity, 1);
          }
        }
    }
    rows.push_back(std::move(o));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const OfficeStatus& a, const OfficeStatus& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    if (a.findings.size() != b.findings.size()) return a.findings.size() > b.findings.size();
    return a.code < b.code;
  });
  return rows;
}

CountySupervision supervision(Session& s, const std::string& office_code, std::optional<int> year) {
  if (!county_store::office_exists(s.store, office_code))
    throw RejectedInput(fmt::format("office {} is not registered with the county", office_code),
                        "county office list shows the offices; county office add registers one");
  const auto good = county_store::last_verified(s.store, office_code);
  if (!good)
    throw RejectedInput(fmt::format("no verified file of office {} has been collected", office_code),
                        "county collect FILE records an office's backup");
  const auto answers = county_store::load_answers(s.store, good->id);
  std::vector<int> years;
  for (const auto& a : answers)
    if (std::find(years.begin(), years.end(), a.year) == years.end()) years.push_back(a.year);
  const int asked = year.value_or(years.empty() ? today(s).year : years.back());
  CountySupervision out;
  out.file = good->file_name;
  out.sha256 = good->sha256;
  out.collected_at = parse_time(good->collected_at);
  out.form.office_name = good->office_name.value_or(office_code);
  out.form.year = asked;
  out.form.checkpoint = fmt::format("{}:{}", good->head_seq.value_or(0), good->head_hash.value_or(""));
  bool found = false;
  for (const auto& a : answers) {
    if (a.year != asked || a.item < 1 || a.item > 6) continue;
    found = true;
    out.form.audit_date = parse_date(a.audit_date);
    out.form.items[a.item - 1] = SupervisionItem{a.item, a.title, a.yes, a.evidence};
  }
  if (!found) {
    std::string held;
    for (int y : years) held += (held.empty() ? "" : ", ") + std::to_string(y);
    throw RejectedInput(fmt::format("the last file of office {} ({}) holds no answers for {}; it holds {}", office_code,
                                    good->file_name, asked, held.empty() ? "none" : held));
  }
  return out;
}

ReportBy parse_report_by(std::string_view text) {
  if (text == "office") return ReportBy::office;
  if (text == "month") return ReportBy::month;
  throw RejectedInput(fmt::format("--by must be office or month, not \"{}\"", text));
}

std::vector<ReportRow> report(Session& s, ReportBy by, Month month) {
  std::vector<ReportRow> rows;
  for (const auto& o : status(s, month)) {
    const auto good = county_store::last_verified(s.store, o.code);
    const auto months = good ? county_store::load_months(s.store, good->id) : std::vector<county_store::MonthRow>{};
    if (by == ReportBy::office) {
      ReportRow row{o.code, o.name, 0, o.late_terminations.value_or(0), static_cast<std::int64_t>(o.findings.size())};
      for (const auto& m : months) row.queries += m.queries;
      rows.push_back(row);
      continue;
    }
    for (const auto& m : months) {
      auto at = std::find_if(rows.begin(), rows.end(), [&](const ReportRow& r) { return r.key == m.month; });
      if (at == rows.end()) at = rows.insert(rows.end(), ReportRow{m.month, m.month, 0, 0, 0});
      at->queries += m.queries;
      if (m.items_recorded < 4 || m.signoffs < 4) ++at->findings;  // Annex 2 not recorded and signed
    }
  }
  if (by == ReportBy::month)
    std::sort(rows.begin(), rows.end(), [](const ReportRow& a, const ReportRow& b) { return a.key < b.key; });
  else
    std::sort(rows.begin(), rows.end(), [](const ReportRow& a, const ReportRow& b) { return a.key < b.key; });
  return rows;
}

}  // namespace imcomply::county
