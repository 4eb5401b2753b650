#pragma once
// The journal's anchors (spec §7): checkpoints (sealed, optionally signed with Ed25519) and the
// verification that names the first broken record.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "imcomply/session.hpp"

namespace imcomply {

/// A journal record's sequence number and hash: what is copied onto paper ("SEQ:HASH").
struct Anchor {
  std::int64_t seq = 0;
  std::string hash;  ///< 64 lower-case hex digits
  std::string text() const;
};
/// "SEQ:HASH"; anything else throws RejectedInput.
Anchor parse_anchor(std::string_view text);

struct Checkpoint {
  std::int64_t id = 0;
  Anchor anchor;
  Instant sealed_at{};
  std::string sealed_by;
  std::optional<std::string> signature;   ///< hex Ed25519 signature of checkpoint_message()
  std::optional<std::string> public_key;  ///< hex, of the key that signed
};
/// What a signature covers: "imcomply-checkpoint-1:SEQ:HASH:SEALED_AT".
std::string checkpoint_message(const Checkpoint& checkpoint);

/// Records a checkpoint at the journal's head (auditor); signs it with the Ed25519 private key in
/// `private_key` (PEM) when given, whose public half must have been registered by keygen.
Checkpoint seal(Session& s, const std::optional<std::filesystem::path>& private_key);

/// Makes an Ed25519 pair (auditor): the private key to `private_key_out` (PEM, mode 0600, refused
/// if it exists), the public half into the database. Returns the public key, hex.
std::string keygen(Session& s, const std::filesystem::path& private_key_out);

/// The latest checkpoint, if any: the forms print it in their footer.
std::optional<Checkpoint> latest_checkpoint(Session& s);

/// The Ed25519 public key in `path`, as lower-case hex: the 64 hex digits audit keygen prints (and
/// the database keeps), or a PEM "PUBLIC KEY" (openssl pkey -pubout); anything else is rejected.
std::string read_public_key(const std::filesystem::path& path);

struct Verification {
  std::int64_t records = 0;          ///< journal records checked
  std::int64_t rows = 0;             ///< protected rows checked against their digests
  std::int64_t checkpoints = 0;      ///< checkpoints checked (signatures included)
  std::int64_t anchors = 0;          ///< anchors given and found
  bool anchored = false;             ///< an anchor or a public key from outside the file was given
  std::vector<std::string> problems; ///< one line each, the first broken record first; empty = intact
  bool ok() const { return problems.empty(); }
};

/// Recomputes the chain, checks the schema against the migrations, every protected row against its
/// latest journal digest (a changed, inserted, deleted or swapped row), the deletions and record
/// times, every checkpoint and signature, each anchor given, and PRAGMA integrity_check. With
/// `public_keys` (hex), every signed checkpoint must be signed by one of them and each must have
/// signed one that still holds. Reading: no role needed.
Verification verify(Session& s, const std::vector<Anchor>& anchors, const std::vector<std::string>& public_keys = {});

/// verify(s, {}) computed once per session: the evaluators that speak of the journal (Annex 2 and 3
/// item 4) and county collect share one verification instead of one per month they draft. A
/// session reads one moment, so what it verified stays true for the rest of the command.
const Verification& journal_verification(Session& s);

}  // namespace imcomply
