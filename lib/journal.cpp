#include "imcomply/journal.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>
#include <cstring>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "imcomply/error.hpp"

namespace imcomply {
namespace {

constexpr std::string_view record_domain_v1 = "imcomply-journal-1";
constexpr std::string_view record_domain_v2 = "imcomply-journal-2";
constexpr std::string_view row_domain_v2 = "imcomply-row-2";
constexpr std::string_view record_domain_v3 = "imcomply-journal-3";
constexpr std::string_view leaf_domain_v3 = "imcomply-leaf-3";
constexpr std::string_view salt_domain = "imcomply-salt-3";

void append_u64(std::string& out, std::uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
}

void append_tagged(std::string& out, StorageClass type, std::string_view bytes) {
  out.push_back(static_cast<char>(type));
  append_u64(out, bytes.size());
  out += bytes;
}

void append_optional_text(std::string& out, const std::optional<std::string>& value) {
  if (value)
    append_text(out, *value);
  else
    append_null(out);
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string hex(size * 2, '0');
  for (std::size_t i = 0; i < size; ++i) {
    hex[2 * i] = digits[bytes[i] >> 4];
    hex[2 * i + 1] = digits[bytes[i] & 0x0f];
  }
  return hex;
}

/// The SHA-256 implementation, fetched once per process rather than once per record.
const EVP_MD* sha256_md() {
  static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, "SHA256", nullptr),
                                                                  &EVP_MD_free);
  if (!md) throw StorageError("OpenSSL has no SHA-256");
  return md.get();
}

/// SHA-256 through a context kept per thread: a batch hashes a few short messages per row, and
/// EVP_Digest's context made and freed each time cost more than the hashing.
void digest_into(std::string_view bytes, unsigned char* out) {
  thread_local const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                                      &EVP_MD_CTX_free);
  unsigned int size = 0;
  if (!context || EVP_DigestInit_ex2(context.get(), sha256_md(), nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), bytes.data(), bytes.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), out, &size) != 1 || size != 32)
    throw StorageError("SHA-256 failed");
}

}  // namespace

void append_null(std::string& out) { out.push_back(static_cast<char>(StorageClass::null)); }

void append_integer(std::string& out, std::int64_t value) {
  out.push_back(static_cast<char>(StorageClass::integer));
  append_u64(out, static_cast<std::uint64_t>(value));
}

void append_real(std::string& out, double value) {
  out.push_back(static_cast<char>(StorageClass::real));
  append_u64(out, std::bit_cast<std::uint64_t>(value));
}

void append_text(std::string& out, std::string_view value) { append_tagged(out, StorageClass::text, value); }
void append_blob(std::string& out, std::string_view value) { append_tagged(out, StorageClass::blob, value); }

void append_value(std::string& out, const Value& value) {
  switch (value.type) {
    case StorageClass::null: return append_null(out);
    case StorageClass::integer: return append_integer(out, value.integer);
    case StorageClass::real: return append_real(out, value.real);
    case StorageClass::text: return append_text(out, value.bytes);
    case StorageClass::blob: return append_blob(out, value.bytes);
  }
}

std::string encode_values(const ValueList& values) {
  std::string out;
  for (const auto& value : values) append_value(out, value);
  return out;
}

void append_field(std::string& out, std::optional<std::string_view> field) {
  if (!field) {
    out.push_back('\x00');
    return;
  }
  out.push_back('\x01');
  append_u64(out, field->size());
  out += *field;
}

std::string encode_fields(const FieldList& fields) {
  std::string out;
  for (const auto& field : fields) append_field(out, field ? std::optional<std::string_view>(*field) : std::nullopt);
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, 32> digest{};
  digest_into(bytes, digest.data());
  return to_hex(digest.data(), digest.size());
}

std::string new_salt() {
  // Random bytes drawn a page at a time: an import salts a record per row, and one RAND_bytes call
  // per record (with its lock and fork check) cost more than the hashing.
  constexpr std::size_t salt_bytes = 16;
  static std::array<unsigned char, 4096> pool{};
  static std::size_t used = pool.size();
  static pid_t owner = 0;
  if (used + salt_bytes > pool.size() || owner != ::getpid()) {  // a forked child never reuses its parent's bytes
    if (RAND_bytes(pool.data(), static_cast<int>(pool.size())) != 1)
      throw StorageError("no random bytes for the journal's salt");
    used = 0;
    owner = ::getpid();
  }
  std::string salt = to_hex(pool.data() + used, salt_bytes);
  std::fill_n(pool.data() + used, salt_bytes, 0);  // a salt handed out is not kept in memory
  used += salt_bytes;
  return salt;
}

std::string row_digest(std::string_view salt, const ValueList& row) {
  std::string encoded;
  append_text(encoded, row_domain_v2);
  append_text(encoded, salt);
  for (const auto& value : row) append_value(encoded, value);
  return sha256_hex(encoded);
}

std::string row_digest_v1(std::string_view salt, const FieldList& row) {
  std::string encoded;
  append_field(encoded, salt);
  for (const auto& field : row) append_field(encoded, field ? std::optional<std::string_view>(*field) : std::nullopt);
  return sha256_hex(encoded);
}

namespace {

std::string record_hash_v1(const JournalRecord& r) {
  std::string encoded;
  encoded.reserve(512);
  const std::string seq = std::to_string(r.seq);
  for (const std::string_view field : {record_domain_v1, std::string_view(seq), std::string_view(r.salt),
                                       std::string_view(r.prev_hash), std::string_view(r.at), std::string_view(r.actor),
                                       std::string_view(r.os_user), std::string_view(r.action), std::string_view(r.entity),
                                       std::string_view(r.entity_id)})
    append_field(encoded, field);
  append_field(encoded, r.digest ? std::optional<std::string_view>(*r.digest) : std::nullopt);
  return sha256_hex(encoded);
}

std::string record_hash_v2(const JournalRecord& r) {
  std::string encoded;
  encoded.reserve(512);
  append_text(encoded, record_domain_v2);
  append_integer(encoded, r.seq);
  for (const std::string_view field : {std::string_view(r.salt), std::string_view(r.prev_hash), std::string_view(r.at),
                                       std::string_view(r.actor), std::string_view(r.os_user), std::string_view(r.action),
                                       std::string_view(r.entity), std::string_view(r.entity_id)})
    append_text(encoded, field);
  append_optional_text(encoded, r.digest);
  append_optional_text(encoded, r.day);
  return sha256_hex(encoded);
}

void append_optional_integer(std::string& out, const std::optional<std::int64_t>& value) {
  if (value)
    append_integer(out, *value);
  else
    append_null(out);
}

std::string record_hash_v3(const JournalRecord& r) {
  std::string encoded;
  encoded.reserve(512);
  append_text(encoded, record_domain_v3);
  append_integer(encoded, r.seq);
  for (const std::string_view field : {std::string_view(r.salt), std::string_view(r.prev_hash), std::string_view(r.at),
                                       std::string_view(r.actor), std::string_view(r.os_user), std::string_view(r.action),
                                       std::string_view(r.entity), std::string_view(r.entity_id)})
    append_text(encoded, field);
  append_optional_text(encoded, r.digest);
  append_optional_text(encoded, r.day);
  append_optional_integer(encoded, r.leaves);
  append_optional_integer(encoded, r.batch);
  return sha256_hex(encoded);
}

}  // namespace

std::string record_hash(const JournalRecord& r) {
  switch (r.format) {
    case journal_format_v1: return record_hash_v1(r);
    case journal_format_v2: return record_hash_v2(r);
    case journal_format_v3: return record_hash_v3(r);
    default: throw std::invalid_argument("unknown journal format");
  }
}

std::optional<std::int64_t> first_broken_record(const std::vector<JournalRecord>& records,
                                                std::string_view start_hash) {
  std::string_view prev = start_hash;
  std::optional<std::int64_t> prev_seq;
  int prev_format = journal_format_v1;
  for (const auto& record : records) {
    const bool in_order = !prev_seq || record.seq == *prev_seq + 1;
    const bool known_format = record.format >= journal_format_v1 && record.format <= journal_format_v3;
    if (!in_order || !known_format || record.format < prev_format || record.prev_hash != prev ||
        record_hash(record) != record.hash)
      return record.seq;
    prev = record.hash;
    prev_seq = record.seq;
    prev_format = record.format;
  }
  return std::nullopt;
}

// --- format 3 ---

Hash sha256(std::string_view bytes) {
  Hash out{};
  digest_into(bytes, out.data());
  return out;
}

std::string hex_of(const Hash& hash) { return to_hex(hash.data(), hash.size()); }

std::optional<Hash> hash_from_hex(std::string_view hex) {
  const auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (hex.size() != 64) return std::nullopt;
  Hash out{};
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int high = value(hex[2 * i]), low = value(hex[2 * i + 1]);
    if (high < 0 || low < 0) return std::nullopt;
    out[i] = static_cast<unsigned char>(high * 16 + low);
  }
  return out;
}

Hash merkle_leaf(const Hash& digest) {
  std::array<char, 33> bytes{};
  bytes[0] = 0x00;
  std::memcpy(bytes.data() + 1, digest.data(), digest.size());
  return sha256(std::string_view(bytes.data(), bytes.size()));
}

Hash merkle_node(const Hash& left, const Hash& right) {
  std::array<char, 65> bytes{};
  bytes[0] = 0x01;
  std::memcpy(bytes.data() + 1, left.data(), left.size());
  std::memcpy(bytes.data() + 33, right.data(), right.size());
  return sha256(std::string_view(bytes.data(), bytes.size()));
}

Hash merkle_root(const std::vector<Hash>& leaf_hashes) {
  if (leaf_hashes.empty()) throw std::invalid_argument("a Merkle tree has at least one leaf");
  MerkleFold fold;
  for (const auto& leaf : leaf_hashes) fold.push(1, leaf);
  return fold.root();
}

namespace {
bool power_of_two(std::uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }
}  // namespace

bool is_node_of(const Subtree& s, std::uint64_t leaves) {
  return power_of_two(s.size) && s.start % s.size == 0 && s.end() <= leaves && s.end() > s.start;
}

std::vector<Subtree> compact_range(std::uint64_t begin, std::uint64_t end) {
  std::vector<Subtree> out;
  while (begin < end) {
    // The largest block that starts at `begin` (aligned to it) and fits before `end`.
    std::uint64_t size = begin == 0 ? std::bit_floor(end) : (begin & (~begin + 1));
    while (begin + size > end) size >>= 1;
    out.push_back({begin, size});
    begin += size;
  }
  return out;
}

bool MerkleFold::push(std::uint64_t size, const Hash& hash) {
  if (!power_of_two(size) || leaves_ % size != 0) return false;
  // What is on the stack is the binary decomposition of leaves_: a block of `size` may follow
  // only blocks at least as large, and merges with the one of its own size before it.
  if (!stack_.empty() && stack_.back().first < size) return false;
  Hash merged = hash;
  std::uint64_t merged_size = size;
  while (!stack_.empty() && stack_.back().first == merged_size) {
    merged = merkle_node(stack_.back().second, merged);
    merged_size *= 2;
    stack_.pop_back();
  }
  stack_.emplace_back(merged_size, merged);
  leaves_ += size;
  return true;
}

Hash MerkleFold::root() const {
  if (stack_.empty()) throw std::logic_error("a Merkle tree has at least one leaf");
  // RFC 6962: the right-most subtrees, smallest first, join as right children.
  Hash root = stack_.back().second;
  for (auto it = stack_.rbegin() + 1; it != stack_.rend(); ++it) root = merkle_node(it->second, root);
  return root;
}

std::vector<SubtreeHash> merge_removed(std::vector<SubtreeHash> stored,
                                       const std::vector<std::pair<std::uint64_t, Hash>>& leaves) {
  for (const auto& [index, hash] : leaves) stored.push_back({{index, 1}, hash});
  std::sort(stored.begin(), stored.end(),
            [](const SubtreeHash& a, const SubtreeHash& b) { return a.range.start < b.range.start; });
  std::vector<SubtreeHash> out;
  std::size_t i = 0;
  while (i < stored.size()) {
    // A run of pieces that touch; each block of its compact range is folded from its pieces.
    std::size_t j = i + 1;
    while (j < stored.size() && stored[j].range.start == stored[j - 1].range.end()) ++j;
    std::size_t piece = i;
    for (const auto& block : compact_range(stored[i].range.start, stored[j - 1].range.end())) {
      MerkleFold fold;
      while (piece < j && stored[piece].range.end() <= block.end()) {
        if (!fold.push(stored[piece].range.size, stored[piece].hash))
          throw std::invalid_argument("removed pieces that are not aligned subtrees");
        ++piece;
      }
      if (fold.leaves() != block.size) throw std::invalid_argument("removed pieces that overlap");
      out.push_back({block, fold.root()});
    }
    i = j;
  }
  return out;
}

std::pair<Seed, Seed> seed_children(const Seed& seed) {
  std::array<char, 15 + 16> bytes{};
  std::memcpy(bytes.data(), salt_domain.data(), salt_domain.size());
  std::memcpy(bytes.data() + salt_domain.size(), seed.data(), seed.size());
  const Hash h = sha256(std::string_view(bytes.data(), bytes.size()));
  std::pair<Seed, Seed> out;
  std::memcpy(out.first.data(), h.data(), 16);
  std::memcpy(out.second.data(), h.data() + 16, 16);
  return out;
}

Seed new_seed() {
  Seed seed{};
  if (RAND_bytes(seed.data(), static_cast<int>(seed.size())) != 1)
    throw StorageError("no random bytes for the journal's salt");
  return seed;
}

SaltStream::SaltStream(std::vector<SeedBlock> blocks) : blocks_(std::move(blocks)) {}

std::optional<Seed> SaltStream::salt(std::uint64_t index) {
  while (block_ < blocks_.size() && blocks_[block_].range.end() <= index) {
    ++block_;
    level_ = -1;
  }
  if (block_ == blocks_.size() || blocks_[block_].range.start > index) return std::nullopt;
  const auto& block = blocks_[block_];
  const int height = std::countr_zero(block.range.size);
  if (!power_of_two(block.range.size) || height > salt_tree_depth) return std::nullopt;
  const std::uint64_t offset = index - block.range.start;
  const auto bit = [&](int k) { return (offset >> k) & 1; };
  int top;  // the highest level whose seed changes from the leaf derived before
  if (level_ < 0) {
    level_ = height;
    path_[height] = block.seed;
    top = height - 1;
    for (int k = top; k >= 0; --k) {
      children_[k] = seed_children(path_[k + 1]);
      path_[k] = bit(k) ? children_[k].second : children_[k].first;
    }
  } else if (offset != offset_) {
    top = std::bit_width(offset ^ offset_) - 1;
    // children_[top] belong to path_[top + 1], which stays: only the side changes there.
    path_[top] = bit(top) ? children_[top].second : children_[top].first;
    for (int k = top - 1; k >= 0; --k) {
      children_[k] = seed_children(path_[k + 1]);
      path_[k] = bit(k) ? children_[k].second : children_[k].first;
    }
  }
  offset_ = offset;
  return path_[0];
}

std::vector<SeedBlock> puncture(const std::vector<SeedBlock>& blocks, const std::vector<std::uint64_t>& removed,
                                std::uint64_t leaves) {
  const auto any_removed = [&](const Subtree& s) {
    const auto it = std::lower_bound(removed.begin(), removed.end(), s.start);
    return it != removed.end() && *it < s.end();
  };
  std::vector<SeedBlock> out;
  // Depth first, left to right, so that the blocks come out sorted.
  std::vector<SeedBlock> pending(blocks.rbegin(), blocks.rend());
  while (!pending.empty()) {
    const SeedBlock b = pending.back();
    pending.pop_back();
    if (b.range.start >= leaves) continue;  // no leaf of the batch under it
    if (!any_removed(b.range)) {
      out.push_back(b);
      continue;
    }
    if (b.range.size == 1) continue;  // a removed leaf: its salt goes
    const auto [left, right] = seed_children(b.seed);
    const std::uint64_t half = b.range.size / 2;
    pending.push_back({{b.range.start + half, half}, right});
    pending.push_back({{b.range.start, half}, left});
  }
  return out;
}

Hash leaf_digest(const Seed& salt, const ValueList& row) {
  std::string encoded;
  append_text(encoded, leaf_domain_v3);
  append_blob(encoded, std::string_view(reinterpret_cast<const char*>(salt.data()), salt.size()));
  for (const auto& value : row) append_value(encoded, value);
  return sha256(encoded);
}

std::string format_runs(const std::vector<LeafRun>& runs) {
  std::string text;
  for (const auto& run : runs) {
    if (!text.empty()) text += ',';
    text += std::to_string(run.begin);
    if (run.end - run.begin > 1) text += fmt::format("-{}", run.end - 1);
  }
  return text;
}

std::vector<LeafRun> runs_of(const std::vector<std::uint64_t>& sorted_indices) {
  std::vector<LeafRun> runs;
  for (const auto index : sorted_indices) {
    if (!runs.empty() && runs.back().end == index)
      ++runs.back().end;
    else
      runs.push_back({index, index + 1});
  }
  return runs;
}

std::optional<std::vector<LeafRun>> parse_runs(std::string_view text) {
  std::vector<LeafRun> runs;
  const auto number = [](std::string_view part) -> std::optional<std::uint64_t> {
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (error != std::errc() || end != part.data() + part.size() || std::to_string(value) != part) return std::nullopt;
    return value;
  };
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view part = text.substr(0, comma);
    const auto dash = part.find('-');
    const auto first = number(part.substr(0, dash));
    const auto last = dash == std::string_view::npos ? first : number(part.substr(dash + 1));
    if (!first || !last || *last < *first || (dash != std::string_view::npos && *last == *first)) return std::nullopt;
    if (!runs.empty() && *first <= runs.back().end) return std::nullopt;  // ascending, apart
    runs.push_back({*first, *last + 1});
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
    if (text.empty()) return std::nullopt;  // a trailing comma
  }
  if (runs.empty()) return std::nullopt;
  return runs;
}

}  // namespace imcomply
