#pragma once
// The hash-chained journal (spec §7). Every change appends a record in its own transaction.
// A record holds no personal data: the changed row enters the chain as a salted digest.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace imcomply {

/// The journal's formats (docs/schema.md "Journal formats"). Each record says which one it was
/// written in; a chain never goes back from 2 to 1.
/// 1: each value's bytes only (records written before migration 0010);
/// 2: each value with its storage class, so the same bytes stored as another type are a change.
inline constexpr int journal_format_v1 = 1;
inline constexpr int journal_format_v2 = 2;
inline constexpr int journal_format = journal_format_v2;  ///< what new records are written in

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
  int format = journal_format;    ///< journal_format_v1 or journal_format_v2
  std::optional<std::string> day;  ///< format 2: the retention day of a usage entry or system query (ISO date)
};

/// Format 2: SHA-256 of a domain tag, the salt and the row's values with their storage classes.
std::string row_digest(std::string_view salt, const ValueList& row);
/// Format 1: SHA-256 of the salt and the row's fields as bytes.
std::string row_digest_v1(std::string_view salt, const FieldList& row);

/// The hash a record must carry, in its format: covers every field of it but `hash`, and the
/// previous hash. An unknown format throws std::invalid_argument.
std::string record_hash(const JournalRecord& record);

/// The first record whose link or hash does not hold, starting from `start_hash`; nullopt if none.
std::optional<std::int64_t> first_broken_record(const std::vector<JournalRecord>& records,
                                                std::string_view start_hash = genesis_hash);

}  // namespace imcomply
