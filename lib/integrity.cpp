#include "imcomply/integrity.hpp"
#include "imcomply/purge.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "imcomply/install.hpp"
#include "imcomply/journal.hpp"
#include "imcomply/roles.hpp"
#include "imcomply/text.hpp"
#include "store/integrity_store.hpp"
#include "store/store_impl.hpp"

namespace imcomply {
namespace {

using sql::Connection;
using sql::Query;
using sql::connection_of;

constexpr std::string_view checkpoint_domain = "imcomply-checkpoint-1";
constexpr std::size_t ed25519_key_bytes = 32;
/// Past this many row problems verify only counts them: one line each would drown the report.
constexpr std::int64_t max_row_problems = 1000;


// --- hex ---

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    hex[2 * i] = digits[bytes[i] >> 4];
    hex[2 * i + 1] = digits[bytes[i] & 0x0f];
  }
  return hex;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool is_lower_hex(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return hex_value(c) >= 0; });
}

/// Lower-case hex to bytes; nullopt for anything else.
std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0 || !is_lower_hex(hex)) return std::nullopt;
  std::string bytes(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i)
    bytes[i] = static_cast<char>(hex_value(hex[2 * i]) * 16 + hex_value(hex[2 * i + 1]));
  return bytes;
}

/// A decimal int64 written as std::to_string writes it (no sign, no leading zero, no spaces).
std::optional<std::int64_t> parse_int64(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || std::to_string(value) != text) return std::nullopt;
  return value;
}

// --- Ed25519 through OpenSSL 3 ---

using PKey = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using MdContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;
using Bio = std::unique_ptr<BIO, decltype(&BIO_free)>;

PKey new_ed25519_key() {
  PKey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"), &EVP_PKEY_free);
  if (!key) throw StorageError("OpenSSL cannot make an Ed25519 key");
  return key;
}

std::string raw_public_hex(EVP_PKEY* key) {
  unsigned char raw[ed25519_key_bytes];
  std::size_t size = sizeof raw;
  if (EVP_PKEY_get_raw_public_key(key, raw, &size) != 1 || size != sizeof raw)
    throw StorageError("OpenSSL cannot read the Ed25519 public key");
  return to_hex(raw, size);
}

std::string private_pem(EVP_PKEY* key) {
  Bio bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
    throw StorageError("OpenSSL cannot write the private key as PEM");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

/// The Ed25519 private key in a PEM file; anything else is rejected naming the file.
PKey read_private_key(const std::filesystem::path& path) {
  const CallerRights caller;  // the audit team's key file, never one the service group can read
  Bio bio(BIO_new_file(path.c_str(), "r"), &BIO_free);
  if (!bio) throw RejectedInput(fmt::format("cannot read the key file {}: {}", path.string(), std::strerror(errno)));
  PKey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
    throw RejectedInput(fmt::format("{} holds no Ed25519 private key in PEM form", path.string()),
                        "use the file that audit keygen wrote");
  return key;
}

std::string sign(EVP_PKEY* key, std::string_view message) {
  MdContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  unsigned char signature[64];
  std::size_t size = sizeof signature;
  // Ed25519 hashes the message itself: no digest is named.
  if (!context || EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, key) != 1 ||
      EVP_DigestSign(context.get(), signature, &size, reinterpret_cast<const unsigned char*>(message.data()),
                     message.size()) != 1)
    throw StorageError("OpenSSL cannot sign the checkpoint");
  return to_hex(signature, size);
}

/// Whether `signature_hex` is an Ed25519 signature of `message` by `public_key_hex`.
bool signature_holds(std::string_view public_key_hex, std::string_view signature_hex, std::string_view message) {
  const auto raw_key = from_hex(public_key_hex);
  const auto signature = from_hex(signature_hex);
  if (!raw_key || raw_key->size() != ed25519_key_bytes || !signature) return false;
  PKey key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                       reinterpret_cast<const unsigned char*>(raw_key->data()), raw_key->size()),
           &EVP_PKEY_free);
  MdContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  return key && context && EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
         EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature->data()), signature->size(),
                          reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
}

/// What a checkpoint's signature covers, with sealed_at as the text stored and signed.
std::string signed_message(std::int64_t seq, std::string_view hash, std::string_view sealed_at) {
  return fmt::format("{}:{}:{}:{}", checkpoint_domain, seq, hash, sealed_at);
}

/// A new private key file: created only if absent (O_EXCL), mode 0600 whatever the umask, and
/// removed again unless kept, so that a failed keygen leaves no unregistered key behind.
class KeyFile {
 public:
  explicit KeyFile(std::filesystem::path path) : path_(std::move(path)) {
    const CallerRights caller;  // made where the caller may make files, not the service group
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd_ < 0) {
      if (errno == EEXIST)
        throw RejectedInput(fmt::format("{} exists already; audit keygen never overwrites a key", path_.string()),
                            "choose a new file name");
      throw StorageError(fmt::format("cannot create {}: {}", path_.string(), std::strerror(errno)));
    }
    if (::fchmod(fd_, 0600) != 0) {
      discard();
      throw StorageError(fmt::format("cannot make {} private (chmod 600)", path_.string()));
    }
  }
  KeyFile(const KeyFile&) = delete;
  KeyFile& operator=(const KeyFile&) = delete;
  ~KeyFile() {
    if (!kept_) discard();
  }

  void write(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t written = ::write(fd_, bytes.data(), bytes.size());
      if (written < 0 && errno == EINTR) continue;
      if (written <= 0) throw StorageError(fmt::format("cannot write {}: {}", path_.string(), std::strerror(errno)));
      bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    if (::fsync(fd_) != 0 || ::close(std::exchange(fd_, -1)) != 0)
      throw StorageError(fmt::format("cannot write {}: {}", path_.string(), std::strerror(errno)));
  }
  void keep() { kept_ = true; }

 private:
  void discard() {
    if (fd_ >= 0) ::close(std::exchange(fd_, -1));
    ::unlink(path_.c_str());
  }
  std::filesystem::path path_;
  int fd_ = -1;
  bool kept_ = false;
};

// --- verify ---

/// The latest journal record of every row, as (table, rowid) → seq. A sorted vector compacted as it
/// grows, rather than a hash-map node per row: 24 bytes a row, and the rows check merges it with
/// each table read in rowid order.
class LatestRecords {
 public:
  struct Entry {
    std::int64_t rowid;
    std::int64_t seq;
    std::uint32_t table;
    bool deleted;  ///< the record's digest is NULL: the row was deleted through imcomply
  };

  std::uint32_t table_id(const std::string& name) {
    const auto [it, added] = table_ids_.try_emplace(name, static_cast<std::uint32_t>(table_names_.size()));
    if (added) table_names_.push_back(name);
    return it->second;
  }
  const std::string& table_name(std::uint32_t id) const { return table_names_[id]; }
  std::size_t table_count() const { return table_names_.size(); }

  void add(const Entry& entry) {
    entries_.push_back(entry);
    if (entries_.size() >= compact_at_) {
      compact();
      compact_at_ = std::max(compact_at_, 2 * entries_.size());
    }
  }
  /// One entry per row, ordered by (table, rowid).
  const std::vector<Entry>& finish() {
    compact();
    return entries_;
  }

 private:
  void compact() {
    std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
      if (a.table != b.table) return a.table < b.table;
      if (a.rowid != b.rowid) return a.rowid < b.rowid;
      return a.seq > b.seq;  // the latest first, so that unique() keeps it
    });
    entries_.erase(std::unique(entries_.begin(), entries_.end(),
                               [](const Entry& a, const Entry& b) { return a.table == b.table && a.rowid == b.rowid; }),
                   entries_.end());
  }

  std::vector<Entry> entries_;
  std::size_t compact_at_ = 1 << 16;
  std::unordered_map<std::string, std::uint32_t> table_ids_;
  std::vector<std::string> table_names_;
};

std::string missing_records(std::int64_t from, std::int64_t to) {
  if (from == to) return fmt::format("journal record {}: missing (deleted, or the chain was cut)", from);
  return fmt::format("journal record {}: missing, with the records after it up to {} (deleted, or the chain was cut)",
                     from, to);
}

/// What the next record must follow.
struct Link {
  std::int64_t seq = 0;
  std::string hash;
  int format = journal_format_v1;
};

/// What is wrong with `r` as the record after `prev` (nullopt: the first record); nullopt if nothing.
std::optional<std::string> link_problem(Connection& db, const std::optional<Link>& prev,
                                        const JournalRecord& r) {
  if (r.seq < 1) return fmt::format("journal record {}: out of order (sequence numbers start at 1)", r.seq);
  if (!prev) {
    if (r.seq != 1 && !integrity_store::cut_at(db, r.seq - 1, r.prev_hash)) return missing_records(1, r.seq - 1);
  } else if (r.seq != prev->seq + 1) {
    return missing_records(prev->seq + 1, r.seq - 1);
  }
  if (r.format < journal_format_v1 || r.format > journal_format_v3)
    return fmt::format("journal record {}: changed (format {} is none that imcomply writes)", r.seq, r.format);
  // Formats 1 and 2 hash neither field of a batch: in such a record they were set afterwards.
  if (r.format < journal_format_v3 && (r.leaves || r.batch))
    return fmt::format("journal record {}: changed (a format-{} record with the fields of a batch)", r.seq, r.format);
  if (prev && r.format < prev->format)
    return fmt::format("journal record {}: changed (written in format {} after a record of format {}: a format "
                       "only goes up)",
                       r.seq, r.format, prev->format);
  if (record_hash(r) != r.hash)
    return fmt::format("journal record {}: changed (its hash does not match its contents)", r.seq);
  if (prev && r.prev_hash != prev->hash)
    return fmt::format("journal record {}: link broken (it does not follow record {}: reordered, or a record "
                       "before it was replaced)",
                       r.seq, prev->seq);
  if (!prev && r.seq == 1 && r.prev_hash != genesis_hash)
    return fmt::format("journal record 1: link broken (the chain does not start from the genesis hash)");
  return std::nullopt;
}

struct ChainSummary {
  std::optional<std::int64_t> last_seq;
};

/// Record times may run back this far (a server's clock stepped by NTP) and lie this far ahead of
/// the verifying clock (the auditor's machine may run behind the server); docs/schema.md.
constexpr std::int64_t clock_tolerance_seconds = 5 * 60;
/// R4.1's floor: whatever the config says, no purge may reach rows younger than five years.
constexpr int legal_retention_years = 5;

/// A destruction record as stored: a destruction_records row (before schema 0009, one kind each)
/// or a destructions row (one per run, a count per kind).
struct StoredDestruction {
  std::string run_id;
  std::string cutoff;  ///< ISO day
  std::map<std::string, std::int64_t, std::less<>> counts;  ///< per purged kind
  std::optional<std::int64_t> head_seq;  ///< the journal's head before the run (journal_hash "SEQ:HASH")
};
/// A destruction record's table and row id, as the journal names it.
using DestructionKey = std::pair<std::string, std::int64_t>;

std::optional<std::int64_t> head_seq_of(const std::string& journal_hash) {
  return parse_int64(std::string_view(journal_hash).substr(0, journal_hash.find(':')));
}

std::map<DestructionKey, StoredDestruction> destruction_records(Connection& db) {
  std::map<DestructionKey, StoredDestruction> records;
  for (auto& d : integrity_store::destructions(db))
    records.emplace(DestructionKey{d.table, d.id},
                    StoredDestruction{std::move(d.run_id), std::move(d.cutoff), std::move(d.counts), head_seq_of(d.journal_hash)});
  return records;
}

bool is_destruction_table(std::string_view entity) {
  return entity == "destruction_records" || entity == "destructions";
}

/// The kind of destruction record that counts a purged row of `table`; nullopt for a table purge
/// never deletes from (data_files go with their obtained data).
std::optional<std::string_view> destruction_kind(std::string_view table) {
  if (table == "usage_entries" || table == "system_queries" || table == "obtained_data") return table;
  if (table == "data_files") return "obtained_data";
  return std::nullopt;
}

// --- batches (journal format 3) ---

/// A batch record as the chain gave it, with the runs of leaves that removal records took from it.
struct BatchRecord {
  std::int64_t seq = 0;
  std::string table;
  std::int64_t first = 0;  ///< its rows are first … first + leaves - 1, leaf i being row first + i
  std::int64_t leaves = 0;
  Hash root{};
  std::optional<std::string> day;
  std::vector<std::pair<LeafRun, std::int64_t>> removed;  ///< each run with the removal record that took it
  std::int64_t last() const { return first + leaves - 1; }
};

/// The commands that journal batches: the imports.
bool writes_batches(std::string_view action) {
  return action == command_name(Command::qlog_import) || action == command_name(Command::audit_import);
}

/// The batch records of the chain, and what removal records say of them; a record of either kind
/// that imcomply would never write is a problem.
class BatchRecords {
 public:
  explicit BatchRecords(std::int64_t last_cut) : last_cut_(last_cut) {}

  /// A batch record (r.leaves set); false when it is malformed (and reported).
  bool add_batch(const JournalRecord& r, std::vector<std::string>& problems) {
    BatchRecord b;
    b.seq = r.seq;
    b.table = r.entity;
    b.leaves = *r.leaves;
    b.day = r.day;
    const auto first = parse_int64(r.entity_id);
    const auto root = r.digest ? hash_from_hex(*r.digest) : std::nullopt;
    if (r.batch || !first || *first < 1 || b.leaves < 1 || b.leaves > static_cast<std::int64_t>(max_batch_leaves) ||
        !root || (retention_column(r.entity) && !r.day)) {
      problems.push_back(fmt::format("journal record {}: a batch record such as imcomply never writes (changed?)", r.seq));
      return false;
    }
    b.first = *first;
    b.root = *root;
    by_seq_.emplace(b.seq, std::move(b));
    return true;
  }

  /// A removal record (r.batch set): the leaves it removes, or nullopt when it is malformed
  /// (reported). `day_problem` names a day that is not its batch's.
  std::optional<std::vector<LeafRun>> add_removal(const JournalRecord& r, std::vector<std::string>& problems) {
    auto runs = parse_runs(r.entity_id);
    if (r.leaves || r.digest || !runs) {
      problems.push_back(fmt::format("journal record {}: a removal record such as imcomply never writes (changed?)", r.seq));
      return std::nullopt;
    }
    const auto found = by_seq_.find(*r.batch);
    if (found == by_seq_.end()) {
      if (*r.batch > last_cut_ || *r.batch >= r.seq)
        problems.push_back(fmt::format("journal record {}: removes leaves of journal record {}, which is no batch record",
                                       r.seq, *r.batch));
      return runs;  // a batch cut away by purge: only its count can be checked
    }
    BatchRecord& b = found->second;
    if (b.table != r.entity || runs->back().end > static_cast<std::uint64_t>(b.leaves)) {
      problems.push_back(fmt::format("journal record {}: removes leaves that journal record {} (a batch of {} {} rows) "
                                     "does not have",
                                     r.seq, b.seq, b.leaves, printable(b.table)));
      return std::nullopt;
    }
    if (r.day != b.day)
      problems.push_back(fmt::format("{} rows of journal record {} (a batch of {}): their removal (journal record {}) says "
                                     "they were of {}",
                                     printable(b.table), b.seq, printable(b.day.value_or("no day")), r.seq,
                                     printable(r.day.value_or("no day"))));
    for (const auto& run : *runs) b.removed.emplace_back(run, r.seq);
    return runs;
  }

  std::map<std::int64_t, BatchRecord>& all() { return by_seq_; }

 private:
  std::int64_t last_cut_;
  std::map<std::int64_t, BatchRecord> by_seq_;
};

/// Leaves in `a` and not in `b`, both sorted runs that do not overlap among themselves.
std::vector<LeafRun> runs_minus(const std::vector<LeafRun>& a, const std::vector<LeafRun>& b) {
  std::vector<LeafRun> out;
  std::size_t j = 0;
  for (auto run : a) {
    while (j < b.size() && b[j].end <= run.begin) ++j;
    std::size_t k = j;
    while (run.begin < run.end) {
      if (k == b.size() || b[k].begin >= run.end) {
        out.push_back(run);
        break;
      }
      if (b[k].begin > run.begin) out.push_back({run.begin, b[k].begin});
      run.begin = std::max(run.begin, b[k].end);
      ++k;
    }
  }
  return out;
}

bool intersects(const std::vector<LeafRun>& runs, const LeafRun& run) {
  return runs_minus({run}, runs) != std::vector<LeafRun>{run};
}

/// Adds [begin, end) to sorted runs, joining a run it touches.
void add_run(std::vector<LeafRun>& runs, std::uint64_t begin, std::uint64_t end) {
  if (!runs.empty() && runs.back().end == begin)
    runs.back().end = end;
  else
    runs.push_back({begin, end});
}

/// Folds one batch's Merkle root from the rows of its leaves still there (with their salts) and
/// the stored subtrees of its removed leaves, in leaf order and O(log n) memory, and checks that
/// those removed are exactly what its removal records took and that no salt of theirs remains
/// (spec §7: verify treats a batch as strictly as single rows).
class BatchFold {
 public:
  using Report = std::function<void(std::string)>;

  BatchFold(const BatchRecord& batch, journal_store::BatchReader& reader, const Report& report)
      : b_(batch), report_(report) {
    for (const auto& s : reader.seeds(batch.seq)) {
      if (!s.valid || !is_node_of(s.block.range, max_batch_leaves) ||
          (!seeds_.empty() && s.block.range.start < seeds_.back().range.end()))
        malformed_ = true;
      else
        seeds_.push_back(s.block);
    }
    for (const auto& n : reader.nodes(batch.seq)) {
      if (!n.valid || !is_node_of(n.node.range, static_cast<std::uint64_t>(batch.leaves)) ||
          (!nodes_.empty() && n.node.range.start < nodes_.back().range.end()))
        malformed_ = true;
      else
        nodes_.push_back(n.node);
    }
    salts_.emplace(seeds_);
  }

  const BatchRecord& batch() const { return b_; }

  /// The row with this rowid, in the batch's range and after the rows given before, as the
  /// statement holds it from column 1 on; `day` is its retention day. False when its leaf was
  /// removed (the rowid came back for a later row), so the batch does not cover it.
  bool take(std::int64_t rowid, Query& row, std::optional<std::string_view> day) {
    const auto index = static_cast<std::uint64_t>(rowid - b_.first);
    advance_to(index);
    if (position_ > index || (next_node_ < nodes_.size() && nodes_[next_node_].range.start == index)) return false;
    const auto salt = salts_->salt(index);
    if (!salt) {
      broken_ = true;
      report_(fmt::format("{} row {}: its batch (journal record {}) has no salt for it (a seed was deleted outside "
                          "imcomply)",
                          printable(b_.table), rowid, b_.seq));
      ++position_;
      return true;
    }
    if (b_.day && day != std::optional<std::string_view>(*b_.day))
      report_(fmt::format("{} row {} is not of its batch's day {} (journal record {})", printable(b_.table), rowid,
                          printable(*b_.day), b_.seq));
    fold_.push(1, merkle_leaf(leaf_digest(*salt, row, 1)));
    ++position_;
    return true;
  }

  /// Once past the batch's last row: the leaves never given are missing, and the root recomputes.
  void finish() {
    advance_to(static_cast<std::uint64_t>(b_.leaves));
    if (malformed_) {
      report_(fmt::format("journal record {} (a batch of {} {} rows): a stored seed or subtree of it is none that "
                          "imcomply writes (changed outside imcomply)",
                          b_.seq, b_.leaves, printable(b_.table)));
      return;
    }
    // The leaves its subtrees cover are exactly those its removal records took.
    std::vector<std::pair<LeafRun, std::int64_t>> taken = b_.removed;
    std::sort(taken.begin(), taken.end(), [](const auto& x, const auto& y) { return x.first.begin < y.first.begin; });
    std::vector<LeafRun> said;
    for (std::size_t i = 0; i < taken.size(); ++i) {
      if (i > 0 && taken[i].first.begin < taken[i - 1].first.end)
        report_(fmt::format("journal record {}: removes leaves of journal record {} that journal record {} removed "
                            "already",
                            taken[i].second, b_.seq, taken[i - 1].second));
      else
        add_run(said, taken[i].first.begin, taken[i].first.end);
    }
    for (const auto& run : runs_minus(covered_, said))
      report_(fmt::format("{} {} left its batch (journal record {}) with no record that says so (deleted outside "
                          "imcomply)",
                          printable(b_.table), rows_text(run), b_.seq));
    for (const auto& still : runs_minus(runs_minus(said, covered_), missing_))
      report_(fmt::format("{} {} removed from its batch (journal record {}) by a purge, yet there (inserted outside "
                          "imcomply)",
                          printable(b_.table), rows_text(still), b_.seq));
    // No salt of a removed row may remain: no seed covers a leaf its subtrees stand for.
    for (const auto& seed : seeds_)
      if (intersects(covered_, {seed.range.start, seed.range.end()})) {
        report_(fmt::format("journal record {} (a batch): a seed still derives the salt of a removed row (not "
                            "punctured)",
                            b_.seq));
        break;
      }
    if (broken_ || fold_.leaves() != static_cast<std::uint64_t>(b_.leaves)) return;
    if (fold_.root() != b_.root)
      report_(fmt::format("{} (journal record {}, a batch): a row, a salt or a stored subtree was changed after it (its "
                          "Merkle root does not recompute)",
                          printable(b_.table) + " " + rows_text({0, static_cast<std::uint64_t>(b_.leaves)}), b_.seq));
  }

 private:
  std::string rows_text(const LeafRun& run) const {
    const std::int64_t from = b_.first + static_cast<std::int64_t>(run.begin);
    const std::int64_t to = b_.first + static_cast<std::int64_t>(run.end) - 1;
    return from == to ? fmt::format("row {}", from) : fmt::format("rows {} to {}", from, to);
  }

  /// Moves the fold up to leaf `index`: stored subtrees fill what was removed, and leaves that are
  /// neither given nor covered are rows deleted outside imcomply.
  void advance_to(std::uint64_t index) {
    while (position_ < index) {
      if (next_node_ < nodes_.size() && nodes_[next_node_].range.start == position_) {
        const auto& node = nodes_[next_node_++];
        if (!fold_.push(node.range.size, node.hash)) broken_ = true;
        add_run(covered_, node.range.start, node.range.end());
        position_ = node.range.end();
        continue;
      }
      std::uint64_t stop = index;
      if (next_node_ < nodes_.size()) stop = std::min(stop, nodes_[next_node_].range.start);
      if (stop <= position_) {  // a subtree overlapping the leaves before it
        malformed_ = true;
        ++next_node_;
        continue;
      }
      broken_ = true;
      add_run(missing_, position_, stop);
      for (auto leaf = position_; leaf < stop; ++leaf)
        report_(fmt::format("{} row {} was deleted outside imcomply (journal record {}, a batch)", printable(b_.table),
                            b_.first + static_cast<std::int64_t>(leaf), b_.seq));
      position_ = stop;
    }
  }

  const BatchRecord& b_;
  const Report& report_;
  std::vector<SeedBlock> seeds_;
  std::vector<SubtreeHash> nodes_;
  std::optional<SaltStream> salts_;
  std::size_t next_node_ = 0;
  std::uint64_t position_ = 0;  ///< the next leaf to fold
  MerkleFold fold_;
  std::vector<LeafRun> covered_;  ///< leaves that stored subtrees stand for
  std::vector<LeafRun> missing_;  ///< leaves neither there nor covered
  bool broken_ = false;           ///< the root cannot be folded: what broke it is reported
  bool malformed_ = false;
};

/// spec §7 "legal history", checked as the chain is walked: a row leaves only as imcomply deletes
/// it (a role by acct.role; a usage entry, system query or its obtained data only by a purge whose
/// destruction record, journaled in the same transaction, counts it and whose cutoff covers the
/// row's day), and record times neither run backwards nor lie ahead of the verifying clock.
class HistoryCheck {
 public:
  HistoryCheck(Connection& db, Instant now, std::int64_t last_cut, BatchRecords& batches, Verification& v)
      : destructions_(destruction_records(db)),
        previous_(db),
        latest_allowed_(format_time(Instant{now.seconds + clock_tolerance_seconds})), now_text_(format_time(now)),
        last_cut_(last_cut), batches_(batches), v_(v) {}

  void add(const JournalRecord& r) {
    check_time(r);
    const bool same_transaction = group_ && group_->at == r.at && group_->actor == r.actor &&
                                  group_->os_user == r.os_user && group_->action == r.action;
    if (!same_transaction) close_group();
    group_ = Stamp{r.at, r.actor, r.os_user, r.action};
    if (r.is_batch()) return add_batch(r);
    if (r.is_removal()) return add_removal(r);
    const auto rowid = parse_int64(r.entity_id);
    if (!rowid) return;
    if (r.action == purge_name && is_destruction_table(r.entity) && r.digest)
      return count(r, DestructionKey{r.entity, *rowid});
    if (r.digest) return;
    if (r.entity == "roles" && r.action == command_name(Command::acct_role)) return;
    const auto kind = destruction_kind(r.entity);
    if (!kind || r.action != purge_name) {
      problem(fmt::format("{} row {} was deleted by journal record {} ({}), which never deletes such rows (a forged "
                          "deletion?)",
                          printable(r.entity), *rowid, r.seq, printable(r.action)));
      return;
    }
    pending_.push_back(Deletion{r.seq, r.entity, *rowid, r.format, r.day, 1, std::nullopt, {}});
    check_day_claimed(r);
  }

  /// A batch record: only an import writes one.
  void add_batch(const JournalRecord& r) {
    std::vector<std::string> found;
    batches_.add_batch(r, found);
    for (auto& line : found) problem(std::move(line));
    if (!writes_batches(r.action))
      problem(fmt::format("journal record {}: a batch record written by {}, which journals no batch (forged?)", r.seq,
                          printable(r.action)));
  }

  /// A removal record: only purge deletes rows, and the destruction record of the same
  /// transaction counts each leaf it removed, as a deletion of its own.
  void add_removal(const JournalRecord& r) {
    std::vector<std::string> found;
    const auto runs = batches_.add_removal(r, found);
    for (auto& line : found) problem(std::move(line));
    if (!runs) return;
    if (r.action != purge_name || !destruction_kind(r.entity)) {
      problem(fmt::format("{} rows were removed from journal record {} by journal record {} ({}), which never deletes "
                          "such rows (a forged deletion?)",
                          printable(r.entity), *r.batch, r.seq, printable(r.action)));
      return;
    }
    std::int64_t rows = 0;
    for (const auto& run : *runs) rows += static_cast<std::int64_t>(run.end - run.begin);
    pending_.push_back(Deletion{r.seq, r.entity, 0, r.format, r.day, rows, r.batch, r.entity_id});
  }

  void finish() {
    close_group();
    for (const auto& [key, d] : destructions_)
      for (const auto& [kind, count] : d.counts) {
        if (!destruction_kind(kind)) continue;  // files and paper: destroyed outside the database
        const auto counted = counted_.find(std::pair{key, kind});
        const std::int64_t found = counted == counted_.end() ? 0 : counted->second;
        // Records of a run cut away by a later purge can no longer be counted: then only "at most".
        const bool all_kept = d.head_seq && *d.head_seq >= last_cut_;
        if (found > count || (all_kept && found != count))
          problem(fmt::format("destruction record {} (run {}, {}) counts {} rows, but the journal holds {} deletions by "
                              "it",
                              key.second, printable(d.run_id), kind, count, found));
      }
    // After the chain's own lines, whose first names the first broken record.
    v_.problems.insert(v_.problems.end(), lines_.begin(), lines_.end());
    if (problems_ > max_history_problems)
      v_.problems.push_back(fmt::format("… and {} more deletions or times that do not hold", problems_ - max_history_problems));
  }

 private:
  struct Stamp {
    std::string at, actor, os_user, action;
  };
  struct Deletion {
    std::int64_t seq;
    std::string table;
    std::int64_t rowid;  ///< a row's deletion; 0 for a removal record's leaves
    int format;
    std::optional<std::string> day;
    std::int64_t rows = 1;
    std::optional<std::int64_t> batch;  ///< a removal record: the batch it removes leaves of
    std::string leaves;                 ///< and which
    std::string what() const {
      if (batch) return fmt::format("{} leaves {} of journal record {} (a batch)", table, printable(leaves), *batch);
      return fmt::format("{} row {}", table, rowid);
    }
  };

  void problem(std::string line) {
    if (++problems_ <= max_history_problems) lines_.push_back(std::move(line));
  }

  void check_time(const JournalRecord& r) {
    if (r.at > latest_allowed_ && !reported_ahead_) {
      reported_ahead_ = true;
      problem(fmt::format("journal record {}: recorded at {}, later than the verifying clock ({}) allows", r.seq,
                          printable(r.at), now_text_));
    }
    if (previous_at_ && r.at < *previous_at_) {
      try {
        if (parse_time(*previous_at_).seconds - parse_time(r.at).seconds > clock_tolerance_seconds)
          problem(fmt::format("journal record {}: recorded at {}, more than 5 minutes before the record before it "
                              "({}): record times never run backwards",
                              r.seq, printable(r.at), printable(*previous_at_)));
      } catch (const Error&) {
        problem(fmt::format("journal record {}: its time {} is not one imcomply writes", r.seq, printable(r.at)));
      }
    }
    previous_at_ = r.at;
  }

  /// The day a deletion says its row had is the day the row's format-2 record before it gave (one
  /// indexed look-up per purged row; a record cut away by purge was older than the retention).
  void check_day_claimed(const JournalRecord& r) {
    if (r.format == journal_format_v1 || !retention_column(r.entity)) return;
    const auto previous = previous_.before(r.entity, r.entity_id, r.seq);
    if (!previous) return;
    const auto& day = previous->day;
    if (day != r.day)
      problem(fmt::format("{} row {}: its deletion (journal record {}) says it was of {}, but journal record {} gave it "
                          "the day {}",
                          r.entity, r.entity_id, r.seq, printable(r.day.value_or("no day")),
                          previous->seq, printable(day.value_or("none"))));
  }

  /// A destruction record journaled by a purge counts the deletions of its kinds before it in the
  /// same transaction.
  void count(const JournalRecord& r, const DestructionKey& key) {
    const auto found = destructions_.find(key);
    if (found == destructions_.end()) return;  // gone: the rows check reports it
    const StoredDestruction& d = found->second;
    const std::int64_t id = key.second;
    check_cutoff(r, key, d);
    std::erase_if(pending_, [&](const Deletion& deletion) {
      const auto kind = destruction_kind(deletion.table);
      if (!kind || !d.counts.contains(*kind)) return false;
      counted_[std::pair{key, std::string(*kind)}] += deletion.rows;
      if (deletion.format != journal_format_v1 && (deletion.table == "usage_entries" || deletion.table == "system_queries")) {
        if (!deletion.day)
          problem(fmt::format("{}: its deletion (journal record {}) does not say the row's day", deletion.what(),
                              deletion.seq));
        else if (*deletion.day > d.cutoff)
          problem(fmt::format("{} of {} was deleted by purge record {} though destruction record {} cuts off at "
                              "{}: inside its retention",
                              deletion.what(), printable(*deletion.day), deletion.seq, id, printable(d.cutoff)));
      }
      return true;
    });
  }

  /// R4.1: a purge's cutoff lies at least five years before the day it ran.
  void check_cutoff(const JournalRecord& r, const DestructionKey& key, const StoredDestruction& d) {
    if (!cutoffs_checked_.insert(key).second) return;
    const std::int64_t id = key.second;
    try {
      const Date allowed = retention_cutoff(taiwan_date(parse_time(r.at)), legal_retention_years);
      if (parse_date(d.cutoff) > allowed)
        problem(fmt::format("destruction record {}: its cutoff {} is later than R4.1 allows for a purge on {} ({})", id,
                            printable(d.cutoff), r.at.substr(0, 10), format_date(allowed)));
    } catch (const Error&) {
      problem(fmt::format("destruction record {}: its cutoff {} is not a date", id, printable(d.cutoff)));
    }
  }

  void close_group() {
    for (const auto& deletion : pending_)
      problem(fmt::format("{} was deleted by journal record {}, which claims a purge, but no destruction record "
                          "of that purge counts it",
                          deletion.what(), deletion.seq));
    pending_.clear();
  }

  static constexpr std::int64_t max_history_problems = 1000;
  static constexpr std::string_view purge_name = "purge";  // command_name(Command::purge_run)
  std::map<DestructionKey, StoredDestruction> destructions_;
  integrity_store::PreviousRowRecord previous_;
  std::string latest_allowed_, now_text_;
  std::int64_t last_cut_;
  BatchRecords& batches_;
  Verification& v_;
  std::optional<Stamp> group_;
  std::vector<Deletion> pending_;
  std::map<std::pair<DestructionKey, std::string>, std::int64_t> counted_;
  std::set<DestructionKey> cutoffs_checked_;
  std::optional<std::string> previous_at_;
  std::vector<std::string> lines_;
  bool reported_ahead_ = false;
  std::int64_t problems_ = 0;
};

/// Step 1: walks the journal in seq order through one statement, checking each link until the
/// first broken one (nothing after it can be trusted), and notes each row's latest record.
ChainSummary check_chain(Connection& db, LatestRecords& latest, HistoryCheck& history, Verification& v) {
  ChainSummary summary;
  integrity_store::ChainCursor chain(db);
  std::optional<Link> prev;
  bool intact = true;
  std::vector<std::string> unreadable;  // after the chain's line, which must come first
  while (auto stored = chain.next()) {
    const bool types_hold = stored->types_hold;
    JournalRecord& r = stored->record;
    ++v.records;
    if (intact) {
      auto problem = types_hold ? link_problem(db, prev, r)
                                : fmt::format("journal record {}: changed (a field is stored as another type)", r.seq);
      if (problem) {
        v.problems.push_back(std::move(*problem));
        intact = false;
      }
    }
    history.add(r);
    if (r.is_batch() || r.is_removal()) {
      // Not a row's record: the rows check folds batches, the history check counts removals.
    } else if (const auto rowid = parse_int64(r.entity_id)) {
      latest.add({*rowid, r.seq, latest.table_id(r.entity), !r.digest.has_value()});
    } else {
      unreadable.push_back(fmt::format("journal record {}: its entity_id is not a row id", r.seq));
    }
    summary.last_seq = r.seq;
    prev = Link{r.seq, std::move(r.hash), r.format};
  }
  v.problems.insert(v.problems.end(), unreadable.begin(), unreadable.end());
  history.finish();
  return summary;
}

/// A list of names in words: "a, b".
std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + printable(name);
  return text;
}

/// How a table's columns differ from those the migrations give it, in words.
std::string column_difference(const integrity_store::SchemaDifference& d) {
  const auto added = joined(d.columns_added), removed = joined(d.columns_removed);
  if (!added.empty() && !removed.empty()) return fmt::format("column {} added and {} removed", added, removed);
  if (!added.empty()) return fmt::format("column {} added", added);
  if (!removed.empty()) return fmt::format("column {} removed", removed);
  return "a column's type or constraints changed";
}

/// Step 2: the schema is exactly what the migrations make (spec §7): a planted trigger or view, an
/// extra table, index or column, a dropped index, and anything kept in sqlite_stat* are reported.
void check_schema(Store& store, Verification& v) {
  using Kind = integrity_store::SchemaDifference::Kind;
  for (const auto& d : integrity_store::schema_differences(store)) {
    const auto name = printable(d.name);
    switch (d.kind) {
      case Kind::statistics:
        v.problems.push_back(fmt::format("schema: {} exists, holding {} rows; imcomply keeps no statistics (ANALYZE was "
                                         "run, or something is kept there)",
                                         name, d.rows));
        break;
      case Kind::added:
        v.problems.push_back(fmt::format("schema: {} {}{} is not made by the migrations (added outside imcomply)",
                                         printable(d.type), name,
                                         d.table == d.name ? "" : fmt::format(" on {}", printable(d.table))));
        break;
      case Kind::changed:
        v.problems.push_back(d.type == "table"
                                 ? fmt::format("schema: table {} differs from what the migrations make ({})", name,
                                               column_difference(d))
                                 : fmt::format("schema: {} {} differs from what the migrations make", printable(d.type),
                                               name));
        break;
      case Kind::missing:
        v.problems.push_back(fmt::format("schema: {} {} is missing (dropped outside imcomply)", d.type, d.name));
        break;
    }
  }
}

/// The storage classes a column of this declared type can hold as imcomply writes it (SQLite's
/// affinity rules): format 1 digests did not cover the class, so for rows they cover verify holds
/// each value to what its column's affinity leaves (a BLOB in a TEXT column is a change).
struct ColumnClasses {
  bool integer = false, real = false, text = false, blob = false;
};
ColumnClasses classes_of(std::string declared) {
  std::transform(declared.begin(), declared.end(), declared.begin(), [](unsigned char c) { return std::toupper(c); });
  const auto has = [&](const char* part) { return declared.find(part) != std::string::npos; };
  if (has("INT")) return {true, false, false, false};
  if (has("CHAR") || has("CLOB") || has("TEXT")) return {false, false, true, false};
  if (declared.empty() || has("BLOB")) return {true, true, true, true};
  if (has("REAL") || has("FLOA") || has("DOUB")) return {false, true, false, false};
  return {true, true, false, false};  // NUMERIC
}

bool class_fits(const ColumnClasses& classes, StorageClass type) {
  switch (type) {
    case StorageClass::null: return true;
    case StorageClass::integer: return classes.integer;
    case StorageClass::real: return classes.real;
    case StorageClass::text: return classes.text;
    case StorageClass::blob: return classes.blob;
  }
  return false;
}

std::vector<ColumnClasses> column_classes(Connection& db, const std::string& table) {
  std::vector<ColumnClasses> classes;
  for (auto& declared : integrity_store::declared_types(db, table)) classes.push_back(classes_of(std::move(declared)));
  return classes;
}

/// The first column of the statement's row (from column 1 on) whose storage class its declared
/// type would not leave there; nullopt if all fit.
std::optional<std::string> misfit_column(Query& row, const std::vector<ColumnClasses>& classes) {
  for (int i = 1; i < row.column_count(); ++i) {
    const auto index = static_cast<std::size_t>(i - 1);
    if (index < classes.size() && !class_fits(classes[index], row.type(i)))
      return row.column_name(i);
  }
  return std::nullopt;
}

/// Step 3: every row against its latest journal record: the digest of its own record, or the
/// Merkle root of the batch that holds its leaf, folded as the table is read in rowid order.
void check_rows(Connection& db, LatestRecords& latest, BatchRecords& batches, Verification& v) {
  std::int64_t row_problems = 0;
  const BatchFold::Report report = [&](std::string line) {
    if (++row_problems <= max_row_problems) v.problems.push_back(std::move(line));
  };
  integrity_store::RecordLookup records(db);
  journal_store::BatchReader batch_reader(db);

  std::vector<std::pair<std::uint32_t, std::string>> tables;
  for (auto& name : integrity_store::protected_tables(db)) tables.emplace_back(latest.table_id(name), std::move(name));
  const auto& entries = latest.finish();
  std::vector<bool> table_seen(latest.table_count(), false);
  // Each table's batches by their first row: a rowid is in at most a few of their ranges.
  std::map<std::string, std::vector<const BatchRecord*>, std::less<>> batches_of;
  for (const auto& [seq, batch] : batches.all()) batches_of[batch.table].push_back(&batch);
  for (auto& [table, list] : batches_of)
    std::stable_sort(list.begin(), list.end(), [](const BatchRecord* a, const BatchRecord* b) { return a->first < b->first; });

  const auto deleted_outside = [&](const LatestRecords::Entry& e) {
    if (!e.deleted)
      report(fmt::format("{} row {} was deleted outside imcomply (journal record {})", latest.table_name(e.table),
                         e.rowid, e.seq));
  };
  const auto fold_alone = [&](const BatchRecord* batch) { BatchFold(*batch, batch_reader, report).finish(); };

  for (const auto& [table, name] : tables) {
    table_seen[table] = true;
    auto next = std::lower_bound(entries.begin(), entries.end(), table,
                                 [](const LatestRecords::Entry& e, std::uint32_t t) { return e.table < t; });
    const auto end = std::find_if(next, entries.end(), [&](const LatestRecords::Entry& e) { return e.table != table; });
    static const std::vector<const BatchRecord*> none;
    const auto found = batches_of.find(name);
    const auto& list = found == batches_of.end() ? none : found->second;
    std::size_t next_batch = 0;
    std::vector<std::unique_ptr<BatchFold>> open;  // the batches whose range the scan is in
    // One scan per table; the columns after rowid are the row as the journal digested it.
    Query rows = integrity_store::scan(db, name);
    const auto classes = column_classes(db, name);
    int day_index = -1;
    if (const auto column = retention_column(name))
      for (int i = 1; i < rows.column_count(); ++i)
        if (rows.column_name(i) == *column) day_index = i;
    while (rows.step()) {
      const std::int64_t rowid = rows.integer(0);
      ++v.rows;
      for (; next_batch < list.size() && list[next_batch]->first <= rowid; ++next_batch)
        open.push_back(std::make_unique<BatchFold>(*list[next_batch], batch_reader, report));
      std::optional<std::string_view> day;
      if (day_index >= 0 && rows.type(day_index) == StorageClass::text && rows.bytes(day_index).size() >= 10)
        day = rows.bytes(day_index).substr(0, 10);
      std::int64_t batch_seq = 0;  // the batch that holds the row's leaf, if one does
      for (auto it = open.begin(); it != open.end();) {
        if ((*it)->batch().last() < rowid) {
          (*it)->finish();
          it = open.erase(it);
          continue;
        }
        if ((*it)->take(rowid, rows, day)) batch_seq = std::max(batch_seq, (*it)->batch().seq);
        ++it;
      }
      for (; next != end && next->rowid < rowid; ++next) deleted_outside(*next);
      if (next == end || next->rowid != rowid) {
        if (batch_seq == 0) report(fmt::format("{} row {} is not in the journal (inserted outside imcomply)", name, rowid));
        continue;
      }
      const auto& entry = *next++;
      if (batch_seq > entry.seq) continue;  // its batch is later: the rowid came back after a deletion
      if (entry.deleted) {
        report(fmt::format("{} row {} was deleted by journal record {} yet exists (inserted outside imcomply)", name,
                           rowid, entry.seq));
        continue;
      }
      const auto record = records.digest_of(entry.seq);
      if (!record) throw StorageError("the journal changed while it was verified");
      const bool v1 = record->format == journal_format_v1;
      if ((v1 ? row_digest_v1(record->salt, rows, 1) : row_digest(record->salt, rows, 1)) != record->digest) {
        report(fmt::format("{} row {} was changed after journal record {}", name, rowid, entry.seq));
      } else if (v1) {
        if (const auto column = misfit_column(rows, classes))
          report(fmt::format("{} row {} was changed after journal record {} (its {} is stored as another type)", name,
                             rowid, entry.seq, *column));
      }
    }
    for (; next != end; ++next) deleted_outside(*next);
    for (auto& fold : open) fold->finish();
    for (; next_batch < list.size(); ++next_batch) fold_alone(list[next_batch]);
  }
  // Records of tables that are gone altogether, and their batches.
  for (const auto& e : entries)
    if (!table_seen[e.table]) deleted_outside(e);
  for (const auto& [table, list] : batches_of)
    if (std::none_of(tables.begin(), tables.end(), [&](const auto& t) { return t.second == table; }))
      for (const auto* batch : list) fold_alone(batch);
  // No seed or stored subtree of a batch the chain no longer has (a purge cut removes them together).
  for (const auto seq : journal_store::batches_with_seeds_or_nodes(db))
    if (!batches.all().contains(seq))
      report(fmt::format("journal_seeds or journal_nodes hold parts of journal record {}, which is no batch record of the "
                         "journal (left behind, or added outside imcomply)",
                         seq));

  if (row_problems > max_row_problems)
    v.problems.push_back(fmt::format("… and {} more rows that do not match the journal", row_problems - max_row_problems));
}

/// Step 4: each checkpoint still matches its record, and its signature holds.
/// `retention_start`: the first day whose records purge may not cut yet (ISO date).
void check_checkpoints(Connection& db, const ChainSummary& chain, const std::string& retention_start,
                       const std::vector<std::string>& public_keys, Verification& v) {
  std::map<std::string, std::int64_t> signed_by_given;  // key → checkpoints it signed that hold
  for (const auto& key : public_keys) signed_by_given[key] = 0;
  const std::int64_t cut = integrity_store::last_cut(db);
  integrity_store::RecordLookup records(db);
  for (const auto& c : integrity_store::checkpoints(db)) {
    ++v.checkpoints;
    const auto hash = records.hash_of(c.seq);
    if (c.seq <= cut && !hash && c.sealed_at < retention_start) {
      // Sealed before the retention window, whose records purge cut away (spec §7).
    } else if (c.seq <= cut && !hash) {
      v.problems.push_back(fmt::format("checkpoint {}: sealed on {}, inside the retention window, but the journal was "
                                       "cut past record {} (a forged purge cut?)",
                                       c.id, c.sealed_at.substr(0, 10), c.seq));
    } else if (!chain.last_seq || c.seq > *chain.last_seq)
      v.problems.push_back(fmt::format("checkpoint {}: the journal was truncated or rolled back before checkpoint {} "
                                       "(it sealed record {})",
                                       c.id, c.id, c.seq));
    else if (!hash)
      v.problems.push_back(fmt::format("checkpoint {}: journal record {}, which it sealed, is missing", c.id, c.seq));
    else if (*hash != c.hash)
      v.problems.push_back(
          fmt::format("checkpoint {}: journal record {} no longer has the hash that was sealed", c.id, c.seq));

    const std::size_t problems_before = v.problems.size();
    if (c.signature || c.key_id) {
      if (!c.signature || !c.public_key)
        v.problems.push_back(fmt::format("checkpoint {}: its signature or its signing key is missing", c.id));
      else if (!signature_holds(*c.public_key, *c.signature, signed_message(c.seq, c.hash, c.sealed_at)))
        v.problems.push_back(fmt::format("checkpoint {}: bad signature", c.id));
      else if (!public_keys.empty() && !signed_by_given.contains(*c.public_key))
        v.problems.push_back(fmt::format("checkpoint {}: signed by the key {}…, which is not a key given with "
                                         "--public-key (re-signed with another key?)",
                                         c.id, c.public_key->substr(0, 16)));
      else if (v.problems.size() == problems_before && signed_by_given.contains(*c.public_key))
        ++signed_by_given[*c.public_key];
    }
  }
  for (const auto& [key, count] : signed_by_given)
    if (count == 0)
      v.problems.push_back(fmt::format("no checkpoint that still holds is signed by the public key {}… given: the "
                                       "file was rewritten, rolled back past every signed checkpoint, or never sealed "
                                       "with that key",
                                       key.substr(0, 16)));
}

/// Step 5: each anchor given (copied from paper) is still a record of the chain.
void check_anchors(Connection& db, const std::vector<Anchor>& anchors, Verification& v) {
  integrity_store::RecordLookup records(db);
  const std::int64_t cut = integrity_store::last_cut(db);
  for (const auto& anchor : anchors) {
    const auto hash = records.hash_of(anchor.seq);
    if (hash == anchor.hash)
      ++v.anchors;
    else if (anchor.seq <= cut && !hash)  // a paper anchor has no date: it cannot be told from a forged cut
      v.problems.push_back(fmt::format("anchor {} lies before the journal's purge cut (record {}): it can no longer be "
                                       "checked; use an anchor from within the retention period",
                                       anchor.text(), cut));
    else
      v.problems.push_back(
          fmt::format("anchor {} is not in this journal (rolled back or rewritten?)", anchor.text()));
  }
}

/// Step 6: SQLite's own check of the file's structure, on a connection and a thread of its own
/// (verify may use both cores: it reads every page while the rows are hashed).
std::future<std::vector<std::string>> start_file_check(Store& store) {
  return std::async(std::launch::async, [&store] {
    std::vector<std::string> lines;
    for (const auto& line : integrity_store::structure_problems(store))
      lines.push_back("PRAGMA integrity_check: " + printable(line));
    return lines;
  });
}

}  // namespace

std::string Anchor::text() const { return fmt::format("{}:{}", seq, hash); }

Anchor parse_anchor(std::string_view text) {
  const auto fail = [&]() -> Anchor {
    const std::string shown = text.size() > 80 ? std::string(text.substr(0, 80)) + "…" : std::string(text);
    throw RejectedInput(fmt::format("\"{}\" is not an anchor: write SEQ:HASH, the record number, a colon and the "
                                    "64 lower-case hex digits of its hash, as audit seal prints it",
                                    shown));
  };
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return fail();
  const auto seq = parse_int64(text.substr(0, colon));
  const auto hash = text.substr(colon + 1);
  if (!seq || *seq < 1 || hash.size() != 64 || !is_lower_hex(hash)) return fail();
  return Anchor{*seq, std::string(hash)};
}

std::string checkpoint_message(const Checkpoint& checkpoint) {
  return signed_message(checkpoint.anchor.seq, checkpoint.anchor.hash, format_time(checkpoint.sealed_at));
}

Checkpoint seal(Session& s, const std::optional<std::filesystem::path>& private_key) {
  require_permission(s.store, s.actor, Command::audit_seal);
  std::optional<PKey> key;
  if (private_key) key.emplace(read_private_key(*private_key));

  WriteTransaction tx(s.store, s.actor, Command::audit_seal, s.now);
  auto& db = connection_of(tx);
  // The head before this transaction's own record: the seal cannot cover itself.
  const auto head = integrity_store::journal_head(db);
  if (!head) throw RejectedInput("the journal is empty; there is nothing to seal");
  Checkpoint checkpoint;
  checkpoint.anchor = *head;
  checkpoint.sealed_at = tx.now();
  checkpoint.sealed_by = tx.actor().login;
  std::optional<std::int64_t> key_id;
  if (key) {
    const std::string public_key = raw_public_hex(key->get());
    key_id = integrity_store::signing_key_id(db, public_key);
    if (!key_id)
      throw RejectedInput(fmt::format("the key in {} is not registered in this database", private_key->string()),
                          "run audit keygen to make a key pair whose public half the database keeps");
    checkpoint.signature = sign(key->get(), checkpoint_message(checkpoint));
    checkpoint.public_key = public_key;
  }

  checkpoint.id = integrity_store::insert_checkpoint(
      db, {0, checkpoint.anchor.seq, checkpoint.anchor.hash, format_time(checkpoint.sealed_at), checkpoint.sealed_by,
           key_id, checkpoint.signature, std::nullopt});
  tx.journal("checkpoints", checkpoint.id);
  tx.commit();
  return checkpoint;
}

std::string keygen(Session& s, const std::filesystem::path& private_key_out) {
  require_permission(s.store, s.actor, Command::audit_keygen);
  KeyFile file(private_key_out);  // refuses an existing file before anything is made
  const PKey key = new_ed25519_key();
  const std::string public_key = raw_public_hex(key.get());

  WriteTransaction tx(s.store, s.actor, Command::audit_keygen, s.now);
  auto& db = connection_of(tx);
  const std::int64_t id = integrity_store::insert_signing_key(db, public_key, format_time(tx.now()), tx.actor().login);
  tx.journal("signing_keys", id);
  // The key reaches the disk before the database says it exists; a failure removes both.
  file.write(private_pem(key.get()));
  tx.commit();
  file.keep();
  return public_key;
}

std::optional<Checkpoint> latest_checkpoint(Session& s) {
  const auto latest = integrity_store::latest_checkpoint(connection_of(s.store));
  if (!latest) return std::nullopt;
  const auto& stored = *latest;
  Checkpoint c;
  c.id = stored.id;
  c.anchor = Anchor{stored.seq, stored.hash};
  c.sealed_at = parse_time(stored.sealed_at);
  c.sealed_by = stored.sealed_by;
  c.signature = stored.signature;
  c.public_key = stored.public_key;
  return c;
}

std::string read_public_key(const std::filesystem::path& path) {
  const CallerRights caller;  // the auditors' own copy
  std::string text;
  {
    Bio bio(BIO_new_file(path.c_str(), "r"), &BIO_free);
    if (!bio) throw RejectedInput(fmt::format("cannot read the key file {}: {}", path.string(), std::strerror(errno)));
    char buffer[4096];
    int got = 0;
    while ((got = BIO_read(bio.get(), buffer, sizeof buffer)) > 0 && text.size() < 65536)
      text.append(buffer, static_cast<std::size_t>(got));
  }
  std::string hex;
  for (const char c : text)
    if (!std::isspace(static_cast<unsigned char>(c))) hex.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (hex.size() == 2 * ed25519_key_bytes && is_lower_hex(hex)) return hex;
  Bio bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), &BIO_free);
  PKey key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr, &EVP_PKEY_free);
  if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
    throw RejectedInput(fmt::format("{} holds no Ed25519 public key", path.string()),
                        "give the 64 hex digits audit keygen printed, or a PEM public key (openssl pkey -pubout)");
  return raw_public_hex(key.get());
}

Verification verify(Session& s, const std::vector<Anchor>& anchors, const std::vector<std::string>& public_keys) {
  auto& db = connection_of(s.store);
  // One read transaction: every step sees the same snapshot, and nothing is written (it is
  // rolled back when it goes out of scope).
  db.begin_read();
  struct EndRead {
    Connection& db;
    ~EndRead() {
      try {
        db.rollback();
      } catch (...) {  // a read: nothing to undo
      }
    }
  } end_read{db};
  auto file_check = start_file_check(s.store);
  Verification v;
  v.anchored = !anchors.empty() || !public_keys.empty();
  LatestRecords latest;
  const std::int64_t cut = integrity_store::last_cut(db);
  BatchRecords batches(cut);
  HistoryCheck history(db, s.now, cut, batches, v);
  const ChainSummary chain = check_chain(db, latest, history, v);
  check_schema(s.store, v);
  check_rows(db, latest, batches, v);
  // Records from before the retention window may have been cut by purge; later ones never.
  const std::string retention_start =
      format_date(add_days(retention_cutoff(taiwan_date(s.now), s.config.rules.log_retention_years), 1));
  check_checkpoints(db, chain, retention_start, public_keys, v);
  check_anchors(db, anchors, v);
  for (auto& line : file_check.get()) v.problems.push_back(std::move(line));
  return v;
}

const Verification& journal_verification(Session& s) {
  if (!s.verification) s.verification = std::make_shared<const Verification>(verify(s, {}));
  return *s.verification;
}

}  // namespace imcomply
