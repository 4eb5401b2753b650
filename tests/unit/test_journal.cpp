// spec §7: the canonical encodings and the chain. The vectors were computed independently
// (Python's hashlib and struct over the same byte layout) and freeze the formats: change them only
// with a new format that verify tells apart (docs/schema.md "Journal formats").
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "imcomply/journal.hpp"

using namespace imcomply;

namespace {

const std::string salt = "00112233445566778899aabbccddeeff";

/// A format-1 record, as every file written before migration 0010 holds them.
JournalRecord first_record() {
  JournalRecord r;
  r.format = journal_format_v1;
  r.seq = 1;
  r.at = "2026-11-29T10:00:00+08:00";
  r.actor = "chen";
  r.os_user = "root";
  r.action = "acct.add";
  r.entity = "users";
  r.entity_id = "1";
  r.salt = salt;
  r.prev_hash = genesis_hash;
  r.digest = row_digest_v1(salt, {"1", "wang", "王小明", std::nullopt});
  r.hash = record_hash(r);
  return r;
}

const ValueList wang_row = {Value::of(1), Value::text("wang"), Value::text("王小明"), Value::null()};

/// The same records in format 2.
JournalRecord first_record_v2() {
  JournalRecord r = first_record();
  r.format = journal_format_v2;
  r.digest = row_digest(salt, wang_row);
  r.hash = record_hash(r);
  return r;
}

JournalRecord second_record(const JournalRecord& first) {
  JournalRecord r = first;
  r.seq = 2;
  r.action = "acct.delete";
  r.digest = std::nullopt;
  r.prev_hash = first.hash;
  r.hash = record_hash(r);
  return r;
}

}  // namespace

TEST_CASE("fields are length-prefixed and NULL differs from empty") {
  CHECK(encode_fields({std::nullopt, "", "ab"}) ==
        std::string("\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x02" "ab", 21));
  CHECK(encode_fields({std::nullopt}) != encode_fields({""}));
}

TEST_CASE("(ab, c) and (a, bc) hash differently") {
  CHECK(sha256_hex(encode_fields({"ab", "c"})) == "dd6ebd20e120d352082cdd552622abb7d47eb90c590c4d918467da86a6c3369f");
  CHECK(sha256_hex(encode_fields({"a", "bc"})) == "e2b7fe33247a57fb727beedd9a0a2c93b30848626ba58e7bb488572f0d826e6f");
}

TEST_CASE("known-answer vector: a row's salted digest in format 1") {
  CHECK(row_digest_v1(salt, {"1", "wang", "王小明", std::nullopt}) ==
        "dfa5b34a0060bcf5a3b94eb9d1b15b588347c9e45babae852f9ac0777cac5afa");
}

TEST_CASE("known-answer vector: the first record and the one after it in format 1") {
  const auto first = first_record();
  CHECK(first.hash == "8dadc95d910b6672cce88c4070651f1d90223187be3341c0cd6a832fddbee08a");
  CHECK(second_record(first).hash == "0532067afa018f6ae5af1d457d14e08c22e6a316d0b4704d74ad51a603147468");
}

// --- format 2: each value with its storage class ---

TEST_CASE("format 2 tags each value with its storage class: NULL, INTEGER, REAL, TEXT, BLOB") {
  const std::string expected("\x00"                                   // NULL
                             "\x01\x00\x00\x00\x00\x00\x00\x00\x01"    // INTEGER 1, 8 bytes big-endian
                             "\x02\x3f\xf8\x00\x00\x00\x00\x00\x00"    // REAL 1.5, IEEE 754 big-endian
                             "\x03\x00\x00\x00\x00\x00\x00\x00\x02" "ab"  // TEXT, length-prefixed
                             "\x04\x00\x00\x00\x00\x00\x00\x00\x02" "ab",  // BLOB, length-prefixed
                             41);
  CHECK(encode_values({Value::null(), Value::of(1), Value::of_real(1.5), Value::text("ab"), Value::blob("ab")}) ==
        expected);
  std::string negative;
  append_integer(negative, -2);
  CHECK(negative == std::string("\x01\xff\xff\xff\xff\xff\xff\xff\xfe", 9));
}

TEST_CASE("format 2: the same bytes stored as another storage class are another value") {
  CHECK(encode_values({Value::text("ab")}) != encode_values({Value::blob("ab")}));
  CHECK(row_digest(salt, {Value::text("1")}) != row_digest(salt, {Value::of(1)}));
  CHECK(row_digest(salt, {Value::text("")}) != row_digest(salt, {Value::null()}));
  CHECK(encode_values({Value::text("ab"), Value::text("c")}) != encode_values({Value::text("a"), Value::text("bc")}));
}

TEST_CASE("known-answer vector: a row's salted digest in format 2") {
  CHECK(row_digest(salt, wang_row) == "6a99c1a84b4a9146469efcd85637d588f7d3d4942f44ba132cf58efbea92da06");
  // The login stored as a BLOB of the same bytes, and the id as the text '1': other digests.
  CHECK(row_digest(salt, {Value::of(1), Value::blob("wang"), Value::text("王小明"), Value::null()}) ==
        "6a7197360349a4dbe01e21951be84e970edaad628036e617a0f32880f8e6d983");
  CHECK(row_digest(salt, {Value::text("1"), Value::text("wang"), Value::text("王小明"), Value::null()}) ==
        "019dc17d8b8033ff795927752a0466a54d19182bea9496185c9f1f9d59e3d601");
}

TEST_CASE("known-answer vector: a format-2 record, and a purge's deletion after it carrying the row's day") {
  const auto first = first_record_v2();
  CHECK(first.hash == "b8fea204e7afed6a9225bb0638fbe247e102f92dc1f62888b32d3b2ccb6da22b");
  JournalRecord deletion = first;
  deletion.seq = 2;
  deletion.action = "purge";
  deletion.entity = "usage_entries";
  deletion.digest = std::nullopt;
  deletion.day = "2021-02-01";
  deletion.prev_hash = first.hash;
  deletion.hash = record_hash(deletion);
  CHECK(deletion.hash == "49d829be872ae36feac169af89731391871c67fe94f815be14ea2723a442a46a");
  JournalRecord other_day = deletion;
  other_day.day = "2026-11-01";
  CHECK(record_hash(other_day) != deletion.hash);
}

TEST_CASE("a record hashes differently in each format, and an unknown format has no hash") {
  auto record = first_record();
  const auto v1 = record_hash(record);
  record.format = journal_format_v2;
  CHECK(record_hash(record) != v1);
  record.format = journal_format_v3;
  CHECK(record_hash(record) != v1);
  record.format = 4;
  CHECK_THROWS_AS(record_hash(record), std::invalid_argument);
}

TEST_CASE("a chain may go from format 1 to format 2, never back") {
  const auto first = first_record();
  JournalRecord second = first_record_v2();
  second.seq = 2;
  second.prev_hash = first.hash;
  second.hash = record_hash(second);
  CHECK_FALSE(first_broken_record({first, second}).has_value());
  JournalRecord third = first;
  third.seq = 3;
  third.prev_hash = second.hash;
  third.hash = record_hash(third);
  CHECK(first_broken_record({first, second, third}) == 3);
}

TEST_CASE("salts are random and 16 bytes") {
  const auto a = new_salt();
  CHECK(a.size() == 32);
  CHECK(a != new_salt());
}

TEST_CASE("an intact chain has no broken record") {
  const auto first = first_record();
  CHECK_FALSE(first_broken_record({first, second_record(first)}).has_value());
}

TEST_CASE("a changed field breaks its record") {
  const auto first = first_record();
  auto second = second_record(first);
  second.actor = "mallory";
  CHECK(first_broken_record({first, second}) == 2);
}

TEST_CASE("a deleted record breaks the link of the next") {
  const auto first = first_record();
  const auto second = second_record(first);
  auto third = second_record(second);
  third.seq = 3;
  third.hash = record_hash(third);
  CHECK(first_broken_record({first, third}) == 3);
}

TEST_CASE("swapped records break the chain") {
  const auto first = first_record();
  CHECK(first_broken_record({second_record(first), first}) == 2);
}

TEST_CASE("salts stay distinct past the random pool they are drawn from") {
  std::set<std::string> salts;
  for (int i = 0; i < 1000; ++i) {  // 16 000 bytes: several refills of the 4 KiB pool
    const auto salt = new_salt();
    CHECK(salt.find_first_not_of("0123456789abcdef") == std::string::npos);
    salts.insert(salt);
  }
  CHECK(salts.size() == 1000);
}

// --- format 3: batches. Vectors from tests/fixtures/journal-v3/vectors.py (hashlib alone). ---

namespace {

/// Leaf i of the vectors: the leaf hash of the digest SHA-256 of the single byte i.
Hash vector_leaf(int i) {
  const char byte = static_cast<char>(i);
  return merkle_leaf(sha256(std::string_view(&byte, 1)));
}

std::vector<Hash> vector_leaves(int n) {
  std::vector<Hash> leaves;
  for (int i = 0; i < n; ++i) leaves.push_back(vector_leaf(i));
  return leaves;
}

Seed vector_seed() {
  Seed seed{};
  for (int i = 0; i < 16; ++i) seed[i] = static_cast<unsigned char>(i);
  return seed;
}

std::string hex_of_seed(const Seed& seed) {
  Hash padded{};
  std::copy(seed.begin(), seed.end(), padded.begin());
  return hex_of(padded).substr(0, 32);
}

}  // namespace

TEST_CASE("hashes read back from their hex, and nothing else does") {
  const Hash h = merkle_leaf(Hash{});
  CHECK(hash_from_hex(hex_of(h)) == h);
  CHECK_FALSE(hash_from_hex(hex_of(h).substr(2)).has_value());
  CHECK_FALSE(hash_from_hex(std::string(64, 'A')).has_value());
}

TEST_CASE("known-answer vectors: RFC 6962 leaf and node hashes") {
  CHECK(hex_of(merkle_leaf(Hash{})) == "7f9c9e31ac8256ca2f258583df262dbc7d6f68f2a03043d5c99a4ae5a7396ce9");
  Hash ones;
  ones.fill(0xff);
  CHECK(hex_of(merkle_node(Hash{}, ones)) == "bc6b943b820c449acf880d293c216a24a8066b153f87f2361fae2beda3a72641");
}

TEST_CASE("known-answer vectors: the Merkle tree hash of 1 to 7 leaves") {
  const char* roots[] = {"d9de27625445003d8a9739a851e3ff8d41c0683630b4d63a88327a6aaa37c409",
                         "604d540f09268b91672ab011394d5266ccd7d4484d0d109411a55848126a1b2c",
                         "d1f13800048f5909d4043fc0c152f6643280cba608b672715e56ce159a20629f",
                         "0dcc2b645c00dfa2338e1c7ac2c4b570beda5a476d58836e55e28bde55e6bee1",
                         "6b313b611b40676b9e1dfd70c4503f2379f88f0f1c2740fb7e1cacc32c113465",
                         "33d501ae67e6e5745c0aa49e3aff95130969b568208b07210c508caa5ff39b3c",
                         "bee2275db16667589a4515f63e0d053a2fa602c1d9f9703e98920a5bdad59baf"};
  for (int n = 1; n <= 7; ++n) {
    CAPTURE(n);
    CHECK(hex_of(merkle_root(vector_leaves(n))) == roots[n - 1]);
  }
  // RFC 6962's recursion for 3 leaves, by hand: MTH(0:2) joined with leaf 2.
  CHECK(merkle_root(vector_leaves(3)) == merkle_node(merkle_node(vector_leaf(0), vector_leaf(1)), vector_leaf(2)));
}

TEST_CASE("a compact range is the fewest aligned subtrees that cover the leaves") {
  CHECK(compact_range(0, 7) == std::vector<Subtree>{{0, 4}, {4, 2}, {6, 1}});
  CHECK(compact_range(3, 13) == std::vector<Subtree>{{3, 1}, {4, 4}, {8, 4}, {12, 1}});
  CHECK(compact_range(5, 6) == std::vector<Subtree>{{5, 1}});
  CHECK(compact_range(4, 4).empty());
  CHECK(is_node_of({4, 4}, 8));
  CHECK_FALSE(is_node_of({4, 4}, 7));  // not all of it inside a tree of 7 leaves
  CHECK_FALSE(is_node_of({2, 4}, 8));  // not aligned
  CHECK_FALSE(is_node_of({0, 3}, 8));
}

TEST_CASE("any leaves removed, their compact range and the leaves left fold to the same root") {
  for (int n = 1; n <= 13; ++n)
    for (int begin = 0; begin < n; ++begin)
      for (int end = begin + 1; end <= n; ++end) {
        CAPTURE(n);
        CAPTURE(begin);
        CAPTURE(end);
        const auto leaves = vector_leaves(n);
        std::vector<std::pair<std::uint64_t, Hash>> removed;
        for (int i = begin; i < end; ++i) removed.emplace_back(i, leaves[i]);
        const auto stored = merge_removed({}, removed);
        REQUIRE(stored.size() == compact_range(begin, end).size());
        MerkleFold fold;
        std::size_t s = 0;
        for (int i = 0; i < n;) {
          if (s < stored.size() && stored[s].range.start == static_cast<std::uint64_t>(i)) {
            REQUIRE(fold.push(stored[s].range.size, stored[s].hash));
            i += static_cast<int>(stored[s++].range.size);
          } else {
            REQUIRE(fold.push(1, leaves[i++]));
          }
        }
        CHECK(fold.root() == merkle_root(leaves));
      }
}

TEST_CASE("subtrees stored before and leaves removed later merge into one compact range") {
  const auto leaves = vector_leaves(8);
  // First 2 and 3 went, then 1, 4 and 5: what is kept is the compact range of 1 … 5.
  const auto first = merge_removed({}, {{2, leaves[2]}, {3, leaves[3]}});
  REQUIRE(first.size() == 1);
  CHECK(first[0].range == Subtree{2, 2});
  const auto second = merge_removed(first, {{1, leaves[1]}, {4, leaves[4]}, {5, leaves[5]}});
  REQUIRE(second.size() == 3);
  CHECK(second[0].range == Subtree{1, 1});
  CHECK(second[1].range == Subtree{2, 2});
  CHECK(second[2].range == Subtree{4, 2});
  CHECK(second[2].hash == merkle_node(leaves[4], leaves[5]));
  // And then 0, 6 and 7: the whole tree, one subtree whose hash is the root.
  const auto all = merge_removed(second, {{0, leaves[0]}, {6, leaves[6]}, {7, leaves[7]}});
  REQUIRE(all.size() == 1);
  CHECK(all[0].hash == merkle_root(leaves));
}

TEST_CASE("a fold takes only subtrees aligned to their size, in order") {
  MerkleFold fold;
  CHECK(fold.push(1, vector_leaf(0)));
  CHECK_FALSE(fold.push(2, vector_leaf(1)));  // would cover leaves 1 and 2
  CHECK_FALSE(fold.push(3, vector_leaf(1)));
  CHECK(fold.push(1, vector_leaf(1)));
  CHECK(fold.push(2, merkle_node(vector_leaf(2), vector_leaf(3))));
  CHECK(fold.root() == merkle_root(vector_leaves(4)));
}

TEST_CASE("known-answer vectors: the salt tree") {
  const auto [left, right] = seed_children(vector_seed());
  CHECK(hex_of_seed(left) == "e8f1b3bb5d749df463e8af39fba981dd");
  CHECK(hex_of_seed(right) == "d9c318ac633cd71173e29bf7fce91b2e");
  SaltStream salts({SeedBlock{{0, max_batch_leaves}, vector_seed()}});
  CHECK(hex_of_seed(*salts.salt(0)) == "f25684711905c01f4beffd8e1bd09ffd");
  CHECK(hex_of_seed(*salts.salt(1)) == "fe29b7421d6982c5c4c989488d0ff349");
  CHECK(hex_of_seed(*salts.salt(2)) == "0c72b9977e44d2b18e3778244eb20054");
  CHECK(hex_of_seed(*salts.salt(65535)) == "b8daa5188cb31f29052916eb0ad2458f");
  CHECK_FALSE(salts.salt(65536).has_value());
}

TEST_CASE("a punctured salt tree derives every salt but the removed ones, and keeps no seed above them") {
  const std::vector<SeedBlock> root{SeedBlock{{0, max_batch_leaves}, vector_seed()}};
  SaltStream before(root);
  std::vector<Seed> salts;
  for (int i = 0; i < 40; ++i) salts.push_back(*before.salt(i));
  const std::vector<std::uint64_t> removed{3, 4, 5, 17, 39};
  const auto left = puncture(root, removed, 40);
  for (const auto& block : left) {
    CHECK(block.range.start < 40);
    for (const auto r : removed) {
      CHECK_FALSE((r >= block.range.start && r < block.range.end()));
      CHECK(block.seed != salts[r]);  // no removed row's salt kept as it is
    }
  }
  SaltStream after(left);
  for (int i = 0; i < 40; ++i) {
    CAPTURE(i);
    const auto salt = after.salt(i);
    if (std::find(removed.begin(), removed.end(), i) != removed.end())
      CHECK_FALSE(salt.has_value());
    else
      CHECK(salt == salts[i]);
  }
  // Punctured again, the rest stays derivable.
  const auto again = puncture(left, {0, 20}, 40);
  SaltStream third(again);
  CHECK_FALSE(third.salt(0).has_value());
  CHECK(third.salt(1) == salts[1]);
  CHECK_FALSE(third.salt(20).has_value());
  CHECK(third.salt(21) == salts[21]);
}

TEST_CASE("known-answer vector: a batched row's salted digest") {
  SaltStream salts({SeedBlock{{0, max_batch_leaves}, vector_seed()}});
  const ValueList row = {Value::of(7), Value::text("wang"), Value::text("entry-exit"), Value::text("戶籍查核"),
                         Value::null(), Value::text("2026-11-27T09:00:00+08:00")};
  CHECK(hex_of(leaf_digest(*salts.salt(0), row)) == "9e379545cbdf28de35216215b7bf952abf4983e84f5f95b0eeb365e69ec863bf");
}

TEST_CASE("known-answer vectors: format-3 records of a row, a batch and a removal") {
  JournalRecord batch;
  batch.format = journal_format_v3;
  batch.seq = 5;
  batch.salt = "00112233445566778899aabbccddeeff";
  batch.prev_hash = std::string(64, 'a');
  batch.at = "2026-11-29T10:00:00+08:00";
  batch.actor = "chen";
  batch.os_user = "chen";
  batch.action = "qlog.import";
  batch.entity = "usage_entries";
  batch.entity_id = "7";
  batch.digest = hex_of(merkle_root(vector_leaves(3)));
  batch.day = "2026-11-27";
  batch.leaves = 3;
  CHECK(record_hash(batch) == "25289af77f5700f5817167c61961b808947daae9b32ab2e4e715e1d6410ebee1");
  JournalRecord removal = batch;
  removal.seq = 6;
  removal.salt = "ffeeddccbbaa99887766554433221100";
  removal.prev_hash = std::string(64, 'b');
  removal.at = "2031-11-29T03:00:00+08:00";
  removal.action = "purge";
  removal.entity_id = "0-1";
  removal.digest = std::nullopt;
  removal.leaves = std::nullopt;
  removal.batch = 5;
  CHECK(record_hash(removal) == "f1ed9ac69f965ee8b473f8a1e82254b49079b9a0b04447ffcf8013d7252c9542");
  JournalRecord row;
  row.format = journal_format_v3;
  row.seq = 7;
  row.salt = "0123456789abcdef0123456789abcdef";
  row.prev_hash = std::string(64, 'c');
  row.at = "2026-11-29T10:00:00+08:00";
  row.actor = "chen";
  row.os_user = "chen";
  row.action = "acct.add";
  row.entity = "users";
  row.entity_id = "3";
  row.digest = std::string(64, 'd');
  CHECK(record_hash(row) == "aaa793ea734b745a048b9d56d6fe17de3905c66d3671fa62b8b54f4ee009d80d");
  // The batch's leaf count and the batch a removal names are covered.
  JournalRecord more = batch;
  more.leaves = 4;
  CHECK(record_hash(more) != record_hash(batch));
  JournalRecord other = removal;
  other.batch = 4;
  CHECK(record_hash(other) != record_hash(removal));
}

TEST_CASE("a removal record lists its leaves as ascending runs, and nothing else reads as such") {
  CHECK(format_runs(runs_of({0, 1, 2, 3, 4, 7, 9, 10, 11, 12})) == "0-4,7,9-12");
  CHECK(parse_runs("0-4,7,9-12") == std::vector<LeafRun>{{0, 5}, {7, 8}, {9, 13}});
  for (const char* bad : {"", "4-0", "1,1", "1,2", "0-4,3", "01", "1-1", "a", "1,", "-1", "1 ", "2-"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_runs(bad).has_value());
  }
}
