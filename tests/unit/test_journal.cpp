// spec §7: the canonical encodings and the chain. The vectors were computed independently
// (Python's hashlib and struct over the same byte layout) and freeze the formats: change them only
// with a new format that verify tells apart (docs/schema.md "Journal formats").
#include <doctest/doctest.h>

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
  record.format = 3;
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
