#include "imcomply/journal.hpp"

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

std::string encode_fields(const FieldList& fields) {
  std::string out;
  for (const auto& field : fields) {
    if (!field) {
      out.push_back('\x00');
      continue;
    }
    out.push_back('\x01');
    const std::uint64_t size = field->size();
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((size >> shift) & 0xff));
    out += *field;
  }
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
  std::array<unsigned char, 16> salt{};
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1)
    throw StorageError("no random bytes for the journal's salt");
  return to_hex(salt.data(), salt.size());
}

std::string row_digest(std::string_view salt, const FieldList& row) {
  FieldList salted;
  salted.reserve(row.size() + 1);
  salted.emplace_back(std::string(salt));
  salted.insert(salted.end(), row.begin(), row.end());
  return sha256_hex(encode_fields(salted));
}

std::string record_hash(const JournalRecord& r) {
  return sha256_hex(encode_fields({std::string(record_domain), std::to_string(r.seq), r.salt, r.prev_hash,
                                   r.at, r.actor, r.os_user, r.action, r.entity, r.entity_id, r.digest}));
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
