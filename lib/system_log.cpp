#include "imcomply/system_log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "store/account_store.hpp"
#include "imcomply/install.hpp"
#include "imcomply/roles.hpp"
#include "imcomply/text.hpp"
#include "store/system_log_store.hpp"
#include "store/usage_store.hpp"

namespace imcomply {
namespace {

/// The UTF-8 characters of `text` (a stray byte counts as one).
std::vector<std::string_view> characters(std::string_view text) {
  std::vector<std::string_view> chars;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t end = i + 1;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    chars.push_back(text.substr(i, end - i));
    i = end;
  }
  return chars;
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(2 * size);
  for (std::size_t i = 0; i < size; ++i) {
    hex += digits[bytes[i] >> 4];
    hex += digits[bytes[i] & 0xF];
  }
  return hex;
}

// --- the subject key ---

constexpr std::size_t key_size = 32;
using SubjectKey = std::array<unsigned char, key_size>;

/// Closes a descriptor on every path out.
struct FileDescriptor {
  int fd;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};

std::string key_hint(const std::filesystem::path& path) {
  return fmt::format("restore {} from the backup kept with the database", path.filename().string());
}

/// The one check of who may read a key file, for every reader of the key (import, backup): a key
/// that others can read is refused, as the database is (spec §1): with it, anyone holding a list
/// of ID numbers could match them.
void check_key_file(const std::filesystem::path& path, const struct stat& info) {
  if (!S_ISREG(info.st_mode))
    throw StorageError(fmt::format("the subject key {} is not a regular file", path.string()));
  // A setgid install (spec §6) shares the key with the service group, read-only: 0640.
  const bool service_group_reads = setgid_install() && info.st_gid == ::getegid() && (info.st_mode & 0037) == 0;
  if ((info.st_mode & 0077) && !service_group_reads)
    throw StorageError(fmt::format("the subject key {} can be read by other users; refusing to use it", path.string()),
                       fmt::format("run: chmod 600 {}", path.string()));
}

/// The key from its file; nullopt when there is none.
std::optional<SubjectKey> read_key(const std::filesystem::path& path) {
  FileDescriptor file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW)};
  if (file.fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw StorageError(fmt::format("cannot open the subject key {}: {}", path.string(), std::strerror(errno)));
  }
  struct stat info {};
  if (::fstat(file.fd, &info) != 0)
    throw StorageError(fmt::format("cannot read the subject key {}: {}", path.string(), std::strerror(errno)));
  check_key_file(path, info);
  std::array<char, 2 * key_size + 8> text{};  // the hex digits, and room for a line end
  std::size_t size = 0;
  while (size < text.size()) {
    const ssize_t got = ::read(file.fd, text.data() + size, text.size() - size);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) break;
    size += static_cast<std::size_t>(got);
  }
  std::string hex = trim(std::string_view(text.data(), size));
  OPENSSL_cleanse(text.data(), text.size());
  const auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  SubjectKey key{};
  bool valid = hex.size() == 2 * key_size && info.st_size <= static_cast<off_t>(text.size());
  for (std::size_t i = 0; valid && i < key_size; ++i) {
    const int high = nibble(hex[2 * i]), low = nibble(hex[2 * i + 1]);
    valid = high >= 0 && low >= 0;
    key[i] = static_cast<unsigned char>(high * 16 + low);
  }
  OPENSSL_cleanse(hex.data(), hex.size());
  if (!valid)  // never quote the file: it may be a damaged key
    throw StorageError(fmt::format("{} is not an imcomply subject key (64 hex digits)", path.string()), key_hint(path));
  return key;
}

SubjectKey random_key() {
  SubjectKey key{};
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1)
    throw StorageError("the system's random generator failed; no subject key was made");
  return key;
}

/// Writes `key` to a new file, 0600 whatever the umask, synced; O_EXCL so that an existing file is
/// never replaced. False when the file exists already.
bool write_key_file(const std::filesystem::path& path, const SubjectKey& key) {
  FileDescriptor file{::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600)};
  if (file.fd < 0) {
    if (errno == EEXIST) return false;
    throw StorageError(fmt::format("cannot create the subject key {}: {}", path.string(), std::strerror(errno)));
  }
  std::string hex = to_hex(key.data(), key.size()) + '\n';
  bool written = ::fchmod(file.fd, 0600) == 0;
  for (std::size_t done = 0; written && done < hex.size();) {
    const ssize_t got = ::write(file.fd, hex.data() + done, hex.size() - done);
    if (got < 0 && errno == EINTR) continue;
    written = got > 0;
    if (written) done += static_cast<std::size_t>(got);
  }
  // The key must outlive a power cut as surely as the rows hashed with it (synchronous=FULL).
  written = written && ::fsync(file.fd) == 0;
  OPENSSL_cleanse(hex.data(), hex.size());
  if (!written) {
    const int error = errno;
    ::unlink(path.c_str());
    throw StorageError(fmt::format("cannot write the subject key {}: {}", path.string(), std::strerror(error)));
  }
  if (FileDescriptor dir{::open(path.parent_path().empty() ? "." : path.parent_path().c_str(), O_RDONLY | O_CLOEXEC)};
      dir.fd >= 0)
    ::fsync(dir.fd);
  return true;
}

/// Makes the office's key on first use.
SubjectKey create_key(const std::filesystem::path& path) {
  SubjectKey key = random_key();
  if (write_key_file(path, key)) return key;
  if (auto made = read_key(path)) return *made;  // another import made it meanwhile: use that one
  throw StorageError(fmt::format("cannot create the subject key {}: it appeared and vanished", path.string()));
}

/// HMAC-SHA-256 under the office key, one context reused for every row of a file.
class SubjectHasher {
 public:
  explicit SubjectHasher(SubjectKey key) {
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
    if (mac) ctx_.reset(EVP_MAC_CTX_new(mac));
    EVP_MAC_free(mac);  // the context holds its own reference
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
                                 OSSL_PARAM_construct_end()};
    const bool ready = ctx_ && EVP_MAC_init(ctx_.get(), key.data(), key.size(), params) == 1;
    OPENSSL_cleanse(key.data(), key.size());
    if (!ready) throw StorageError("OpenSSL has no HMAC-SHA-256");
  }

  std::string hex(std::string_view subject) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    std::size_t size = 0;
    // A null key re-initialises with the key already set.
    if (EVP_MAC_init(ctx_.get(), nullptr, 0, nullptr) != 1 ||
        EVP_MAC_update(ctx_.get(), reinterpret_cast<const unsigned char*>(subject.data()), subject.size()) != 1 ||
        EVP_MAC_final(ctx_.get(), out.data(), &size, out.size()) != 1)
      throw StorageError("HMAC-SHA-256 failed");
    return to_hex(out.data(), size);
  }

 private:
  std::unique_ptr<EVP_MAC_CTX, decltype(&EVP_MAC_CTX_free)> ctx_{nullptr, &EVP_MAC_CTX_free};
};

/// The key in force for an import: read, or made on first use (`made`). A missing key while
/// hashed rows exist is refused: a new key would match none of them, and duplicates would slip in.
struct OfficeKey {
  SubjectKey key;
  bool made = false;
};
OfficeKey office_key(Session& s, bool dry_run) {
  const auto path = subject_key_of(s);
  if (auto key = read_key(path)) return {*key, false};
  if (system_log_store::count_queries(s.store) > 0)
    throw StorageError(fmt::format("the subject key {} is missing, but system-log rows were hashed with it", path.string()),
                       key_hint(path));
  // A dry run writes nothing, so it hashes with a throwaway key. With no key yet there are no rows
  // to match, so its duplicate count (within the file only) is still what a real run would find.
  if (dry_run) return {random_key(), true};
  return {create_key(path), true};
}

/// What the database keeps of its key (spec §7): HMAC-SHA-256 of a fixed string under it.
std::string key_check_value(const SubjectKey& key) {
  SubjectHasher hasher(key);
  return hasher.hex("imcomply subject key check v1");
}

/// Whether `value` is the check value recorded.
bool matches(const std::string& recorded, const std::string& value) {
  return recorded.size() == value.size() && CRYPTO_memcmp(recorded.data(), value.data(), value.size()) == 0;
}

StorageError wrong_key(Session& s, const std::filesystem::path& path) {
  return StorageError(
      fmt::format("the subject key {} is not this database's key (its check value differs from the one {} holds)",
                  path.string(), s.store.path().string()),
      fmt::format("put back the key made for {}, kept apart with its backups; another key would hash the same "
                  "IDs under other digests",
                  s.store.path().filename().string()));
}

/// Refuses a key that is not the database's (spec §7: a wrong key is exit 6). Without a check
/// value recorded (a database from before them, no import yet) there is nothing to refuse.
void check_key(Session& s, const std::filesystem::path& path, const SubjectKey& key) {
  const auto recorded = system_log_store::latest_key_check(s.store);
  if (recorded && !matches(*recorded, key_check_value(key))) throw wrong_key(s, path);
}

/// Puts the key in force for an import inside `tx` (under the write lock, so that two imports
/// making the first key agree on it): a wrong key is refused before anything is hashed with it,
/// and the check value is recorded when there is none yet (a new key, or a database made before
/// check values: its next import) or when the key was made afresh, which office_key allows only
/// while no row is left that an older key hashed.
void key_in_force(WriteTransaction& tx, Session& s, const std::filesystem::path& path, const OfficeKey& office) {
  const auto recorded = system_log_store::latest_key_check(s.store);
  const std::string value = key_check_value(office.key);
  if (recorded && matches(*recorded, value)) return;
  if (recorded && !office.made) throw wrong_key(s, path);
  system_log_store::insert_key_check(tx, value);
}

// --- rows ---

/// The form a subject is hashed in: trimmed, full-width letters and digits made ASCII (Excel
/// input in Taiwan has both), ASCII upper-cased; so that one person's ID always hashes alike.
std::string normalize_subject(std::string_view text) {
  const std::string trimmed = trim(text);
  std::string out;
  out.reserve(trimmed.size());
  for (std::size_t i = 0; i < trimmed.size(); ++i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(trimmed[k]); };
    // U+FF01…U+FF5E (EF BC 81 … EF BD 9E) are the full-width forms of ASCII 0x21…0x7E.
    if (i + 2 < trimmed.size() && byte(i) == 0xEF && (byte(i + 1) == 0xBC || byte(i + 1) == 0xBD)) {
      const int code = (byte(i + 1) - 0xBC) * 64 + (byte(i + 2) - 0x80);
      if (code >= 1 && code <= 0x5E) {
        out += static_cast<char>(0x20 + code);
        i += 2;
        continue;
      }
    }
    out += trimmed[i];
  }
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

/// The fields viewed: separated by ';', '；' or '、', blanks dropped.
std::vector<std::string> split_fields(std::string_view text) {
  std::vector<std::string> fields;
  std::string current;
  const auto flush = [&] {
    if (auto f = trim(current); !f.empty()) fields.push_back(std::move(f));
    current.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == ';') {
      flush();
      i += 1;
    } else if (text.substr(i, 3) == "、" || text.substr(i, 3) == "；") {
      flush();
      i += 3;
    } else {
      current += text[i++];
    }
  }
  flush();
  return fields;
}

/// A value an error might quote that could be an ID or passport number: a run of at least
/// seven letters and digits, six of them digits.
bool looks_like_identifier(std::string_view value) {
  std::size_t run = 0, digits = 0;
  for (std::size_t i = 0; i <= value.size(); ++i) {
    const char c = i < value.size() ? value[i] : ' ';
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      ++run;
      digits += (c >= '0' && c <= '9');
    } else {
      if (run >= 7 && digits >= 6) return true;
      run = digits = 0;
    }
  }
  return false;
}

void replace_all(std::string& text, std::string_view what, std::string_view with) {
  if (what.empty()) return;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
    text.replace(at, what.size(), with);
}

/// A row's error without any subject in it: the subject never leaves the import in clear, and
/// with a header mapped wrongly an ID may stand in any column, so any ID-like value is masked.
std::string redacted(std::string message, const CsvRow& row, std::string_view subject) {
  std::vector<std::string> secrets;
  if (!subject.empty()) {
    secrets.emplace_back(subject);
    secrets.push_back(normalize_subject(subject));
  }
  for (const auto& f : row.fields)
    if (auto value = trim(f); looks_like_identifier(value)) secrets.push_back(std::move(value));
  std::sort(secrets.begin(), secrets.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  for (const auto& secret : secrets) replace_all(message, secret, mask_subject(secret));
  return message;
}

enum class Column { time, account, item, subject, fields, client };
constexpr int column_count = 6;

/// [import.system]'s names in column order, with what each holds, for messages.
std::array<std::pair<std::string, std::string_view>, column_count> column_names(const SystemLogColumns& names) {
  return {{{trim(names.time), "time"},
           {trim(names.account), "account"},
           {trim(names.item), "item"},
           {trim(names.subject), "subject"},
           {trim(names.fields), "fields"},
           {trim(names.client), "client"}}};
}

bool in_month(Instant t, const std::optional<Month>& month) {
  if (!month) return true;
  const Date day = taiwan_date(t);
  return day.year == month->year && day.month == month->month;
}

}  // namespace

std::string mask_subject(std::string_view subject) {
  const auto chars = characters(subject);
  const std::size_t n = chars.size();
  // A national ID (10 characters) shows A12****789, as the spec's example; shorter identifiers
  // keep a quarter at each end (at least one character), and something always stays hidden.
  std::size_t keep = n >= 10 ? 3 : std::max<std::size_t>(1, n / 4);
  if (2 * keep >= n) keep = 0;
  std::string masked;
  for (std::size_t i = 0; i < n; ++i)
    if (i < keep || i >= n - keep)
      masked += chars[i];
    else
      masked += '*';
  return masked;
}

std::filesystem::path subject_key_path(const std::filesystem::path& database) {
  return std::filesystem::path(database.string() + ".key");
}

std::filesystem::path subject_key_of(Session& s) {
  if (s.config.subject_key) return *s.config.subject_key;
  if (s.store.server_session())
    throw StorageError("the central store keeps no subject key beside a database file",
                       "set subject_key = \"PATH\" in the config: a key file on this server, mode 0600 (imcomply(7))");
  return subject_key_path(s.store.path());
}

bool copy_subject_key(Session& s, const std::filesystem::path& to) {
  const auto path = subject_key_of(s);
  auto key = read_key(path);
  if (!key) return false;
  check_key(s, path, *key);  // a backup is never paired with a key that is not its database's
  const bool written = write_key_file(to, *key);
  OPENSSL_cleanse(key->data(), key->size());
  if (!written) throw RejectedInput(fmt::format("{} exists already; choose a new backup file", to.string()));
  return true;
}

ImportSummary import_system_log(Session& s, const std::filesystem::path& file, Encoding encoding, bool dry_run) {
  require_permission(s.store, s.actor, Command::audit_import);
  std::ifstream in;
  {
    const CallerRights caller;  // the caller's file, read with the caller's rights
    in.open(file, std::ios::binary);
  }
  if (!in) throw RejectedInput(fmt::format("cannot read {}", file.string()));
  const std::string source = file.string();
  CsvReader reader(in, source, encoding);

  const auto names = column_names(s.config.system_columns);
  std::array<int, column_count> index;
  index.fill(-1);
  for (std::size_t i = 0; i < reader.header().size(); ++i) {
    const std::string name = trim(reader.header()[i]);
    if (name == "編號" || name == "序號") continue;  // the row number of a printed log
    const auto found = std::find_if(names.begin(), names.end(), [&](const auto& n) { return n.first == name; });
    if (found == names.end()) {
      std::string accepted;
      for (const auto& n : names) accepted += fmt::format("{}{} ({})", accepted.empty() ? "" : ", ", n.first, n.second);
      throw RejectedInput(fmt::format("{}:1:{}: unknown column \"{}\" (the system log's columns are {})", source, i + 1,
                                      name, accepted),
                          "other names are set in the config's [import.system]");
    }
    const auto c = found - names.begin();
    if (index[c] >= 0) throw RejectedInput(fmt::format("{}:1:{}: column \"{}\" appears twice", source, i + 1, name));
    index[c] = static_cast<int>(i);
  }
  for (int c = 0; c < column_count; ++c)
    if (index[c] < 0 && static_cast<Column>(c) != Column::client)
      throw RejectedInput(fmt::format("{}:1: the header has no {} column (the {})", source, names[c].first, names[c].second),
                          "other names are set in the config's [import.system]");

  OfficeKey office = office_key(s, dry_run);
  std::set<std::string, std::less<>> roster;
  for (const auto& u : account_store::load_users(s.store, std::nullopt)) roster.insert(u.login);

  ImportSummary summary;
  summary.file = source;
  summary.dry_run = dry_run;
  WriteTransaction tx(s.store, s.actor, Command::audit_import, s.now);  // the whole file is one transaction
  key_in_force(tx, s, subject_key_of(s), office);
  SubjectHasher hasher(office.key);
  OPENSSL_cleanse(office.key.data(), office.key.size());
  const std::int64_t import_id = usage_store::insert_import(tx, "system", source, "pending", "");
  system_log_store::QueryWriter writer(tx, import_id);
  const auto field = [&](const CsvRow& row, Column c) -> std::string {
    const int i = index[static_cast<int>(c)];
    return i < 0 ? std::string() : trim(row.fields[i]);
  };
  CsvRow row;
  while (reader.next(row)) {
    ++summary.rows;
    const std::string given_subject = field(row, Column::subject);
    try {
      SystemQuery q;
      const std::string time = field(row, Column::time);
      if (time.empty()) throw RejectedInput("the query time is empty");
      q.at = parse_time(time);
      if (q.at > s.now) throw RejectedInput(fmt::format("the query time {} lies in the future", format_time(q.at)));
      q.account = field(row, Column::account);
      if (q.account.empty()) throw RejectedInput("the account is empty");
      if (!roster.contains(q.account))
        throw RejectedInput(fmt::format("unknown account \"{}\" (not a login on the roster)", q.account));
      q.item = parse_item(field(row, Column::item));
      const std::string subject = normalize_subject(given_subject);
      if (subject.empty()) throw RejectedInput("the subject is empty");
      q.subject_hmac = hasher.hex(subject);
      q.subject_masked = mask_subject(subject);
      q.fields = split_fields(field(row, Column::fields));
      if (auto client = field(row, Column::client); !client.empty()) q.client_ip = std::move(client);
      if (writer.insert(q))
        ++summary.added;
      else
        ++summary.duplicates;
    } catch (const RejectedInput& e) {
      throw RejectedInput(fmt::format("{}:{}: {}", source, row.line, redacted(e.what(), row, given_subject)),
                          "nothing was imported; fix the row and run again");
    }
  }
  summary.encoding = std::string(encoding_name(reader.encoding()));
  summary.digest = reader.digest();
  if (summary.rows == 0) throw RejectedInput(fmt::format("{}: no rows under the header", source));
  if (usage_store::import_exists(s.store, "system", summary.digest)) {
    summary.already_imported = true;  // the transaction rolls back: a file imported twice adds nothing
    summary.added = 0;
    summary.duplicates = summary.rows;
    return summary;
  }
  writer.finish();
  usage_store::complete_import(tx, import_id, summary.digest, summary.encoding, summary.rows, summary.added);
  if (!dry_run) tx.commit();
  return summary;
}

std::vector<SystemQuery> system_queries(Session& s, std::optional<Date> from, std::optional<Date> to) {
  std::vector<SystemQuery> list;
  system_log_store::for_each_query(s.store, from, to, [&](const SystemQuery& q) { list.push_back(q); });
  return list;
}

void for_each_system_query(Session& s, std::optional<Date> from, std::optional<Date> to,
                           const std::function<void(const SystemQuery&)>& visit) {
  system_log_store::for_each_query(s.store, from, to, visit);
}

// --- reconcile (R4.3) ---

namespace {

/// One user's usage-log entries, swept once against their system queries as these arrive in
/// time order: each entry enters when its window opens and leaves at the first query after it.
class SessionSweep {
 public:
  SessionSweep(std::int64_t tolerance, std::int64_t open_length) : tolerance_(tolerance), open_length_(open_length) {}

  /// Entries arrive in login order, before any query.
  void add(UsageEntry entry) {
    const std::int64_t end = entry.logout_at ? entry.logout_at->seconds : entry.login_at.seconds + open_length_;
    windows_.push_back({entry.login_at.seconds - tolerance_, end + tolerance_});
    entries_.push_back(std::move(entry));
    used_.push_back(false);
  }

  /// Whether a window holds `at`; marks every window holding it as used.
  bool covers(Instant at) {
    for (; next_ < windows_.size() && windows_[next_].start <= at.seconds; ++next_) {
      reach_ = std::max(reach_, windows_[next_].end);
      waiting_.push_back(next_);
    }
    // Every window waiting has begun: it holds `at`, or it ended before it and so before every
    // later query too. Either way it is settled, and each window is looked at once.
    for (const std::size_t i : waiting_) used_[i] = windows_[i].end >= at.seconds;
    waiting_.clear();
    return reach_ >= at.seconds;
  }

  template <typename Visit>
  void for_each_unused(Visit visit) const {
    for (std::size_t i = 0; i < entries_.size(); ++i)
      if (!used_[i]) visit(entries_[i]);
  }

 private:
  struct Window {
    std::int64_t start, end;
  };
  std::int64_t tolerance_, open_length_;
  std::vector<UsageEntry> entries_;
  std::vector<Window> windows_;
  std::vector<bool> used_;
  std::size_t next_ = 0;
  std::int64_t reach_ = std::numeric_limits<std::int64_t>::min();
  std::vector<std::size_t> waiting_;  ///< windows begun, not yet settled by a query
};

}  // namespace

struct Reconciler::Impl {
  std::optional<Month> month;
  std::int64_t tolerance, open_length;
  std::optional<Date> from, to;
  std::map<std::string, SessionSweep, std::less<>> sweeps;
  Reconciliation result;

  SessionSweep& sweep_of(const std::string& login) {
    auto found = sweeps.find(login);
    if (found == sweeps.end()) found = sweeps.emplace(login, SessionSweep(tolerance, open_length)).first;
    return found->second;
  }
};

Reconciler::Reconciler(Session& s, std::optional<Month> month) : impl_(std::make_unique<Impl>()) {
  auto& r = *impl_;
  r.month = month;
  r.tolerance = s.config.rules.reconcile_tolerance_seconds;
  r.open_length = std::int64_t{s.config.rules.max_session_minutes} * 60;
  // A session begun before the month may cover a query of its first day, and a query after the
  // month may be the one a session of its last evening was for: read a margin on each side.
  if (month) {
    const int margin = 1 + static_cast<int>((r.open_length + r.tolerance) / 86400);
    r.from = add_days(month->first(), -margin);
    r.to = add_days(month->last(), margin);
  }
  usage_store::for_each_entry(s.store, r.from, r.to, std::nullopt, [&](const UsageEntry& e) { r.sweep_of(e.login).add(e); });
}

Reconciler::~Reconciler() = default;

std::optional<Date> Reconciler::first_day() const { return impl_->from; }
std::optional<Date> Reconciler::last_day() const { return impl_->to; }

void Reconciler::add(const SystemQuery& q) {
  auto& r = *impl_;
  if (!r.sweep_of(q.account).covers(q.at) && in_month(q.at, r.month)) r.result.unlogged.push_back(q);
}

Reconciliation Reconciler::finish() {
  auto& r = *impl_;
  for (const auto& [login, sweep] : r.sweeps)
    sweep.for_each_unused([&](const UsageEntry& e) {
      if (in_month(e.login_at, r.month)) r.result.unused.push_back(e);
    });
  std::sort(r.result.unused.begin(), r.result.unused.end(), [](const UsageEntry& a, const UsageEntry& b) {
    return std::tie(a.login_at, a.id) < std::tie(b.login_at, b.id);
  });
  return std::move(r.result);
}

Reconciliation reconcile(Session& s, std::optional<Month> month) {
  Reconciler reconciler(s, month);
  for_each_system_query(s, reconciler.first_day(), reconciler.last_day(), [&](const SystemQuery& q) { reconciler.add(q); });
  return reconciler.finish();
}

}  // namespace imcomply
