#pragma once
// The hash-chained journal (spec §7). Every change appends a record in its own transaction.
// A record holds no personal data: the changed row enters the chain as a salted digest.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace imcomply {

/// A list of values, NULL distinct from "".
using FieldList = std::vector<std::optional<std::string>>;

/// Canonical encoding: per field, 0x00 for NULL, or 0x01 + 8-byte big-endian length + bytes,
/// so ("ab","c") and ("a","bc") differ.
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
};

/// SHA-256 of the salt and the row's fields: what the chain keeps of a row.
std::string row_digest(std::string_view salt, const FieldList& row);

/// The hash a record must carry: covers every field of it but `hash`, and the previous hash.
std::string record_hash(const JournalRecord& record);

/// The first record whose link or hash does not hold, starting from `start_hash`; nullopt if none.
std::optional<std::int64_t> first_broken_record(const std::vector<JournalRecord>& records,
                                                std::string_view start_hash = genesis_hash);

}  // namespace imcomply
