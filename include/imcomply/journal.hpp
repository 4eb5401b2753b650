#pragma once
// The hash-chained journal (spec §7). Every change appends a record in its own transaction.
// A record holds no personal data: the changed row enters the chain as a salted digest.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace imcomply {

/// The journal's formats (docs/schema.md "Journal formats"). Each record says which one it was
/// written in; a chain never goes back from 2 to 1.
/// 1: each value's bytes only (records written before migration 0010);
/// 2: each value with its storage class, so the same bytes stored as another type are a change;
/// 3: as 2, plus the fields of batch records (an import's rows under one Merkle root) and of the
///    records that remove leaves from a batch (purge), written since migration 0011.
inline constexpr int journal_format_v1 = 1;
inline constexpr int journal_format_v2 = 2;
inline constexpr int journal_format_v3 = 3;
inline constexpr int journal_format = journal_format_v3;  ///< what new records are written in

/// A value's storage class in SQLite, as format 2 tags it.
enum class StorageClass : unsigned char { null = 0, integer = 1, real = 2, text = 3, blob = 4 };

/// One stored value: its storage class and its content (`integer`, `real`, or `bytes` for text and blob).
struct Value {
  StorageClass type = StorageClass::null;
  std::int64_t integer = 0;
  double real = 0;
  std::string bytes;

  static Value null() { return {}; }
  static Value of(std::int64_t v) { return {StorageClass::integer, v, 0, {}}; }
  static Value of_real(double v) { return {StorageClass::real, 0, v, {}}; }
  static Value text(std::string v) { return {StorageClass::text, 0, 0, std::move(v)}; }
  static Value blob(std::string v) { return {StorageClass::blob, 0, 0, std::move(v)}; }
};
using ValueList = std::vector<Value>;

/// Format 2's encoding of one value: 0x00 for NULL; 0x01 + 8-byte big-endian two's complement for
/// an INTEGER; 0x02 + the 8 bytes of the IEEE 754 double, big-endian, for a REAL; 0x03 (TEXT) or
/// 0x04 (BLOB) + 8-byte big-endian length + the bytes.
void append_null(std::string& out);
void append_integer(std::string& out, std::int64_t value);
void append_real(std::string& out, double value);
void append_text(std::string& out, std::string_view value);
void append_blob(std::string& out, std::string_view value);
void append_value(std::string& out, const Value& value);
std::string encode_values(const ValueList& values);

/// A list of values as format 1 saw them: bytes, NULL distinct from "".
using FieldList = std::vector<std::optional<std::string>>;

/// Format 1's canonical encoding: per field, 0x00 for NULL, or 0x01 + 8-byte big-endian length +
/// bytes, so ("ab","c") and ("a","bc") differ. It does not tell 'abc' from X'616263'.
std::string encode_fields(const FieldList& fields);
/// Appends one field (nullopt: NULL) to an encoding as encode_fields writes it.
void append_field(std::string& out, std::optional<std::string_view> field);

/// Lower-case hex SHA-256 (OpenSSL's libcrypto).
std::string sha256_hex(std::string_view bytes);

/// 16 random bytes as hex, for one record.
std::string new_salt();

inline const std::string genesis_hash(64, '0');

struct JournalRecord {
  std::int64_t seq = 0;
  std::string at;         ///< ISO time, Taiwan
  std::string actor;      ///< --as, or the OS login
  std::string os_user;    ///< the OS login that ran the command
  std::string action;     ///< e.g. "acct.add"
  std::string entity;     ///< the table changed
  std::string entity_id;  ///< its row id
  std::optional<std::string> digest;  ///< row_digest of the row after the change; NULL when deleted
  std::string salt;
  std::string prev_hash;
  std::string hash;
  int format = journal_format;    ///< journal_format_v1, _v2 or _v3
  std::optional<std::string> day;  ///< format 2: the retention day of a usage entry or system query (ISO date)
  /// Format 3, a batch record: how many rows (leaves) its Merkle root, in `digest`, covers; the
  /// rows are `entity_id` (the first rowid) and the rowids after it.
  std::optional<std::int64_t> leaves;
  /// Format 3, a removal record: the batch record (seq) whose leaves it removes; `entity_id` lists
  /// them (format_runs) and `digest` is NULL (the rows were deleted).
  std::optional<std::int64_t> batch;

  bool is_batch() const { return leaves.has_value(); }
  bool is_removal() const { return batch.has_value(); }
};

/// Format 2: SHA-256 of a domain tag, the salt and the row's values with their storage classes.
std::string row_digest(std::string_view salt, const ValueList& row);
/// Format 1: SHA-256 of the salt and the row's fields as bytes.
std::string row_digest_v1(std::string_view salt, const FieldList& row);

// --- Format 3: batches (docs/schema.md "Journal formats") ---

/// A SHA-256 value as raw bytes.
using Hash = std::array<unsigned char, 32>;
Hash sha256(std::string_view bytes);
std::string hex_of(const Hash& hash);
/// 64 lower-case hex digits to a hash; nullopt for anything else.
std::optional<Hash> hash_from_hex(std::string_view hex);

/// RFC 6962 §2.1: a leaf's hash H(0x00 ‖ digest) and an inner node's H(0x01 ‖ left ‖ right).
Hash merkle_leaf(const Hash& digest);
Hash merkle_node(const Hash& left, const Hash& right);
/// The Merkle tree hash (MTH) of leaf hashes in order; at least one.
Hash merkle_root(const std::vector<Hash>& leaf_hashes);

/// A complete subtree of a batch's tree: leaves [start, start + size), size a power of two and
/// start a multiple of it (in RFC 6962's tree every such block inside [0, n) is a node).
struct Subtree {
  std::uint64_t start = 0;
  std::uint64_t size = 1;
  std::uint64_t end() const { return start + size; }
  bool operator==(const Subtree&) const = default;
};
/// Whether `s` is such a block inside a tree of `leaves` leaves.
bool is_node_of(const Subtree& s, std::uint64_t leaves);
/// The compact range of [begin, end) (RFC 9162 §2.1.3's decomposition): the fewest such blocks
/// that cover it, left to right.
std::vector<Subtree> compact_range(std::uint64_t begin, std::uint64_t end);

/// Folds a tree's hash from its pieces left to right, in O(log n) memory: single leaves and whole
/// subtrees (a purge's compact range), each aligned to its size as compact ranges are.
class MerkleFold {
 public:
  /// Appends a subtree of `size` leaves following those folded so far; false (nothing appended)
  /// when it is not a power of two or does not start at a multiple of itself.
  bool push(std::uint64_t size, const Hash& hash);
  std::uint64_t leaves() const { return leaves_; }
  /// The MTH of everything pushed (at least one leaf).
  Hash root() const;

 private:
  std::vector<std::pair<std::uint64_t, Hash>> stack_;
  std::uint64_t leaves_ = 0;
};

/// A stored subtree hash: part of a batch's removed leaves, as purge leaves it.
struct SubtreeHash {
  Subtree range;
  Hash hash{};
};
/// The compact ranges (with their hashes) of the union of `stored` subtrees and newly removed
/// leaves (index, leaf hash), all disjoint: what a batch keeps of its removed leaves.
std::vector<SubtreeHash> merge_removed(std::vector<SubtreeHash> stored,
                                       const std::vector<std::pair<std::uint64_t, Hash>>& leaves);

/// The salts of a batch's leaves come from a tree of seeds (a GGM tree, a puncturable PRF): a
/// seed's two children are the halves of SHA-256("imcomply-salt-3" ‖ seed), the root covers
/// 2^salt_tree_depth leaves and a leaf's seed is its salt. Removing a leaf's salt replaces the
/// seeds above it by those of the subtrees beside its path, so no salt of a removed row remains
/// while every other stays derivable.
inline constexpr int salt_tree_depth = 16;
inline constexpr std::uint64_t max_batch_leaves = std::uint64_t{1} << salt_tree_depth;
using Seed = std::array<unsigned char, 16>;
std::pair<Seed, Seed> seed_children(const Seed& seed);
Seed new_seed();
struct SeedBlock {
  Subtree range;
  Seed seed{};
};
/// The salts of leaves asked for in increasing order, from a batch's seed blocks (sorted).
class SaltStream {
 public:
  explicit SaltStream(std::vector<SeedBlock> blocks);
  /// The salt of leaf `index` (not below the one asked before); nullopt when no block covers it.
  std::optional<Seed> salt(std::uint64_t index);

 private:
  std::vector<SeedBlock> blocks_;
  std::size_t block_ = 0;
  int level_ = -1;                          ///< the current block's height (size 2^level); -1: none yet
  std::uint64_t offset_ = 0;                ///< the leaf last derived, within the block
  std::array<Seed, salt_tree_depth + 1> path_{};  ///< path_[k]: the seed at height k above it
  std::array<std::pair<Seed, Seed>, salt_tree_depth + 1> children_{};  ///< children_[k]: of path_[k + 1]
};
/// The seed blocks left when the sorted leaves `removed` lose their salts, in a batch of `leaves`.
std::vector<SeedBlock> puncture(const std::vector<SeedBlock>& blocks, const std::vector<std::uint64_t>& removed,
                                std::uint64_t leaves);

/// Format 3's salted digest of a batched row: SHA-256 of [TEXT 'imcomply-leaf-3', BLOB salt,
/// c1, …, cn], raw; its leaf is merkle_leaf of it.
Hash leaf_digest(const Seed& salt, const ValueList& row);

/// Leaves [begin, end) of a batch.
struct LeafRun {
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  bool operator==(const LeafRun&) const = default;
};
/// Leaf indices as a removal record lists them: ascending runs that neither overlap nor touch,
/// "0-4,7,9-12" (both ends included).
std::string format_runs(const std::vector<LeafRun>& runs);
/// The runs of a sorted list of distinct leaf indices.
std::vector<LeafRun> runs_of(const std::vector<std::uint64_t>& sorted_indices);
/// nullopt unless the text is such a list, as format_runs writes it.
std::optional<std::vector<LeafRun>> parse_runs(std::string_view text);

/// The hash a record must carry, in its format: covers every field of it but `hash`, and the
/// previous hash. An unknown format throws std::invalid_argument.
std::string record_hash(const JournalRecord& record);

/// The first record whose link or hash does not hold, starting from `start_hash`; nullopt if none.
std::optional<std::int64_t> first_broken_record(const std::vector<JournalRecord>& records,
                                                std::string_view start_hash = genesis_hash);

}  // namespace imcomply
