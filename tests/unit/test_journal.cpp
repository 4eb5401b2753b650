// spec §7: the canonical encoding and the chain. The vectors were computed independently
// (Python's hashlib over the same byte layout) and freeze the format: change them only with a
// migration of every journal.
#include <doctest/doctest.h>

#include <set>

#include "imcomply/journal.hpp"

using namespace imcomply;

namespace {

const std::string salt = "00112233445566778899aabbccddeeff";

JournalRecord first_record() {
  JournalRecord r;
  r.seq = 1;
  r.at = "2026-11-29T10:00:00+08:00";
  r.actor = "chen";
  r.os_user = "root";
  r.action = "acct.add";
  r.entity = "users";
  r.entity_id = "1";
  r.salt = salt;
  r.prev_hash = genesis_hash;
  r.digest = row_digest(salt, {"1", "wang", "王小明", std::nullopt});
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

TEST_CASE("known-answer vector: a row's salted digest") {
  CHECK(row_digest(salt, {"1", "wang", "王小明", std::nullopt}) ==
        "dfa5b34a0060bcf5a3b94eb9d1b15b588347c9e45babae852f9ac0777cac5afa");
}

TEST_CASE("known-answer vector: the first record and the one after it") {
  const auto first = first_record();
  CHECK(first.hash == "8dadc95d910b6672cce88c4070651f1d90223187be3341c0cd6a832fddbee08a");
  CHECK(second_record(first).hash == "0532067afa018f6ae5af1d457d14e08c22e6a316d0b4704d74ad51a603147468");
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
