#include "imcomply/journal.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <memory>

#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "imcomply/error.hpp"

namespace imcomply {
namespace {

constexpr std::string_view record_domain = "imcomply-journal-1";

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

void append_field(std::string& out, std::optional<std::string_view> field) {
  if (!field) {
    out.push_back('\x00');
    return;
  }
  out.push_back('\x01');
  const std::uint64_t size = field->size();
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((size >> shift) & 0xff));
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

std::string row_digest(std::string_view salt, const FieldList& row) {
  std::string encoded;
  append_field(encoded, salt);
  for (const auto& field : row) append_field(encoded, field ? std::optional<std::string_view>(*field) : std::nullopt);
  return sha256_hex(encoded);
}

std::string record_hash(const JournalRecord& r) {
  std::string encoded;
  encoded.reserve(512);
  const std::string seq = std::to_string(r.seq);
  for (const std::string_view field : {record_domain, std::string_view(seq), std::string_view(r.salt),
                                       std::string_view(r.prev_hash), std::string_view(r.at), std::string_view(r.actor),
                                       std::string_view(r.os_user), std::string_view(r.action), std::string_view(r.entity),
                                       std::string_view(r.entity_id)})
    append_field(encoded, field);
  append_field(encoded, r.digest ? std::optional<std::string_view>(*r.digest) : std::nullopt);
  return sha256_hex(encoded);
}

std::optional<std::int64_t> first_broken_record(const std::vector<JournalRecord>& records,
                                                std::string_view start_hash) {
  std::string_view prev = start_hash;
  std::optional<std::int64_t> prev_seq;
  for (const auto& record : records) {
    const bool in_order = !prev_seq || record.seq == *prev_seq + 1;
    if (!in_order || record.prev_hash != prev || record_hash(record) != record.hash) return record.seq;
    prev = record.hash;
    prev_seq = record.seq;
  }
  return std::nullopt;
}

}  // namespace imcomply
