#include "imcomply/journal.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
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
const EVP_MD* sha256() {
  static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, "SHA256", nullptr),
                                                                  &EVP_MD_free);
  if (!md) throw StorageError("OpenSSL has no SHA-256");
  return md.get();
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
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, sha256(), nullptr) != 1)
    throw StorageError("SHA-256 failed");
  return to_hex(digest.data(), size);
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

}  // namespace

std::string record_hash(const JournalRecord& r) {
  switch (r.format) {
    case journal_format_v1: return record_hash_v1(r);
    case journal_format_v2: return record_hash_v2(r);
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
    const bool known_format = record.format == journal_format_v1 || record.format == journal_format_v2;
    if (!in_order || !known_format || record.format < prev_format || record.prev_hash != prev ||
        record_hash(record) != record.hash)
      return record.seq;
    prev = record.hash;
    prev_seq = record.seq;
    prev_format = record.format;
  }
  return std::nullopt;
}

}  // namespace imcomply
