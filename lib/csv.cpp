#include "imcomply/csv.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <istream>
#include <optional>

#include <iconv.h>
#include <openssl/evp.h>

#include "imcomply/error.hpp"

namespace imcomply {
namespace {

#ifndef IMCOMPLY_CSV_CHUNK_SIZE
#define IMCOMPLY_CSV_CHUNK_SIZE (64 * 1024)  // the fuzz build makes it tiny, to reach chunk boundaries
#endif
constexpr std::size_t chunk_size = IMCOMPLY_CSV_CHUNK_SIZE;  // also the window auto-detection looks at
static_assert(chunk_size >= 4, "a chunk must hold a BOM and a whole UTF-8 character");
constexpr std::size_t max_field_bytes = 1 << 20;  // a guard against hostile input
constexpr std::size_t max_header_fields = 1024;   // likewise: bounds the memory of one record

std::string hex_byte(unsigned char byte) {
  static constexpr char digits[] = "0123456789ABCDEF";
  return {'0', 'x', digits[byte >> 4], digits[byte & 0x0f]};
}

std::string hex_bytes(std::string_view bytes) {
  std::string out;
  for (const char c : bytes) {
    if (!out.empty()) out += ' ';
    out += hex_byte(static_cast<unsigned char>(c));
  }
  return out;
}

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

struct Utf8Scan {
  enum Status { valid, incomplete, invalid } status = valid;
  std::size_t end = 0;  ///< where the valid prefix ends
  std::size_t bad = 0;  ///< incomplete/invalid: how many bytes from `end` to show in a message
};

// Finds the longest well-formed UTF-8 prefix (Unicode Table 3-7: no overlong forms, no
// surrogates, nothing above U+10FFFF). `incomplete`: the rest is a truncated but so far valid
// sequence, which the next chunk may complete.
Utf8Scan scan_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char second_min = 0x80;
    unsigned char second_max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) second_min = 0xA0;  // overlong
      if (lead == 0xED) second_max = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) second_min = 0x90;  // overlong
      if (lead == 0xF4) second_max = 0x8F;  // above U+10FFFF
    } else {
      return {Utf8Scan::invalid, i, 1};
    }
    for (std::size_t k = 1; k < length; ++k) {
      if (i + k == s.size()) return {Utf8Scan::incomplete, i, k};
      const auto byte = static_cast<unsigned char>(s[i + k]);
      const bool ok = k == 1 ? byte >= second_min && byte <= second_max : is_continuation(byte);
      if (!ok) return {Utf8Scan::invalid, i, k + 1};
    }
    i += length;
  }
  return {Utf8Scan::valid, i, 0};
}

/// The SHA-256 implementation, fetched once per process.
const EVP_MD* sha256() {
  static const std::unique_ptr<EVP_MD, decltype(&EVP_MD_free)> md(EVP_MD_fetch(nullptr, "SHA256", nullptr),
                                                                  &EVP_MD_free);
  if (!md) throw StorageError("OpenSSL has no SHA-256");
  return md.get();
}

class Sha256 {
 public:
  Sha256() : ctx_(EVP_MD_CTX_new(), &EVP_MD_CTX_free) {
    if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), sha256(), nullptr) != 1) throw StorageError("SHA-256 failed");
  }
  void update(std::string_view bytes) {
    if (EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()) != 1) throw StorageError("SHA-256 failed");
  }
  /// The digest of the bytes so far; more may follow.
  std::string hex() const {
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> copy(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (!copy || EVP_MD_CTX_copy_ex(copy.get(), ctx_.get()) != 1 ||
        EVP_DigestFinal_ex(copy.get(), digest.data(), &size) != 1)
      throw StorageError("SHA-256 failed");
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < size; ++i) {
      out += digits[digest[i] >> 4];
      out += digits[digest[i] & 0x0f];
    }
    return out;
  }

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

/// An iconv descriptor, closed on destruction.
class Iconv {
 public:
  Iconv(const char* to, const char* from) : cd_(iconv_open(to, from)) {
    if (cd_ == invalid()) throw StorageError(std::string("this system's iconv cannot convert ") + from);
  }
  ~Iconv() { iconv_close(cd_); }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  iconv_t get() const { return cd_; }

 private:
  static iconv_t invalid() { return reinterpret_cast<iconv_t>(-1); }
  iconv_t cd_;
};

/// Where the decoder stopped: the message is thrown once the text before it has been parsed,
/// so that errors come in file order and carry the parser's line and column.
struct DecodeError {
  std::string reason;
  std::string hint;
};

}  // namespace

Encoding parse_encoding(std::string_view name) {
  std::string lower(name);
  std::ranges::transform(lower, lower.begin(), [](char c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; });
  if (lower == "auto") return Encoding::auto_detect;
  if (lower == "utf-8" || lower == "utf8") return Encoding::utf8;
  if (lower == "big5" || lower == "cp950") return Encoding::big5;
  throw UsageError("unknown encoding '" + std::string(name) + "': use auto, utf-8 or big5");
}

std::string_view encoding_name(Encoding e) {
  switch (e) {
    case Encoding::utf8: return "utf-8";
    case Encoding::big5: return "big5";
    case Encoding::auto_detect: break;
  }
  return "auto";
}

class CsvReader::Impl {
 public:
  Impl(std::istream& in, std::string source, Encoding encoding)
      : in_(in), source_(std::move(source)), encoding_(encoding), detected_(encoding == Encoding::auto_detect) {
    buffer_.resize(chunk_size);
    read_chunk();
    start_decoding();
    field_limit_ = max_header_fields;
    std::size_t line = 0;
    if (!read_record(header_, line)) throw RejectedInput(source_ + ": empty file (no header row)");
    field_limit_ = header_.size();
  }

  const std::vector<std::string>& header() const { return header_; }
  Encoding encoding() const { return encoding_; }
  std::string digest() const { return sha_.hex(); }

  bool next(CsvRow& row) {
    if (failure_) throw *failure_;
    if (!read_record(row.fields, row.line)) return false;
    if (field_count_ != header_.size())
      fail(location(row.line) + ": " + std::to_string(field_count_) +
           (field_count_ == 1 ? " field" : " fields") + ", but the header has " + std::to_string(header_.size()));
    return true;
  }

 private:
  enum class State { record_start, field_start, unquoted, quoted, quote_in_quoted, done };

  // ---- raw bytes and decoding --------------------------------------------------------------

  // Appends the next chunk of the stream to raw_ (after any carried-over partial character).
  void read_chunk() {
    in_.read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    const auto got = static_cast<std::size_t>(in_.gcount());
    if (in_.bad()) throw StorageError(source_ + ": read error");
    at_eof_ = got < buffer_.size();
    const std::string_view bytes(buffer_.data(), got);
    sha_.update(bytes);
    raw_ += bytes;
  }

  // The first chunk is in raw_: handles byte-order marks, detects the encoding, decodes it.
  void start_decoding() {
    const std::string_view start(raw_);
    if (start.starts_with("\xFF\xFE") || start.starts_with("\xFE\xFF"))
      fail(source_ + ": the file is UTF-16 (it starts with " + hex_bytes(start.substr(0, 2)) + ")",
           "save it from Excel as \"CSV UTF-8\"");
    if (start.starts_with("\xEF\xBB\xBF")) {
      if (encoding_ == Encoding::big5)
        fail(source_ + ": the file starts with a UTF-8 byte-order mark, but --encoding big5 was given",
             "give --encoding utf-8 or auto");
      raw_.erase(0, 3);
      encoding_ = Encoding::utf8;
    } else if (encoding_ == Encoding::auto_detect) {
      const Utf8Scan scan = scan_utf8(raw_);
      const bool utf8 = scan.status == Utf8Scan::valid || (scan.status == Utf8Scan::incomplete && !at_eof_);
      encoding_ = utf8 ? Encoding::utf8 : Encoding::big5;
    }
    if (encoding_ == Encoding::big5) iconv_.emplace("UTF-8", "CP950");
    decode();
  }

  // Moves what can be decoded from raw_ to text_; keeps a partial character for the next chunk.
  void decode() {
    if (encoding_ == Encoding::utf8)
      decode_utf8();
    else
      decode_big5();
  }

  void decode_utf8() {
    const Utf8Scan scan = scan_utf8(raw_);
    text_.append(raw_, 0, scan.end);
    if (scan.status == Utf8Scan::invalid || (scan.status == Utf8Scan::incomplete && at_eof_)) {
      const std::string bytes = hex_bytes(std::string_view(raw_).substr(scan.end, scan.bad));
      decode_error_ = DecodeError{scan.status == Utf8Scan::incomplete
                                      ? "not valid UTF-8: the file ends inside a character (" + bytes + ")"
                                      : "not valid UTF-8 (" + bytes + ")",
                                  encoding_hint()};
    }
    raw_.erase(0, scan.end);
  }

  void decode_big5() {
    char* in = raw_.data();
    std::size_t in_left = raw_.size();
    int error = 0;
    while (in_left > 0) {
      const std::size_t used = text_.size();
      text_.resize(used + 2 * in_left + 16);  // CP950 → UTF-8 at most doubles a byte
      char* out = text_.data() + used;
      std::size_t out_left = text_.size() - used;
      const std::size_t result = iconv(iconv_->get(), &in, &in_left, &out, &out_left);
      text_.resize(static_cast<std::size_t>(out - text_.data()));
      if (result != static_cast<std::size_t>(-1)) break;
      if (errno != E2BIG) {
        error = errno;
        break;
      }
    }
    const std::size_t consumed = raw_.size() - in_left;
    const std::string_view rest = std::string_view(raw_).substr(consumed);
    // A lead byte that no character in CP950 starts with, e.g. 0xFA: wait for its second byte,
    // so that the message does not depend on where a chunk ends.
    if (error == EILSEQ && rest.size() == 1 && !at_eof_) error = EINVAL;
    if (error == EILSEQ) {
      decode_error_ = DecodeError{big5_reason(rest), encoding_hint()};
    } else if (error == EINVAL && at_eof_) {
      decode_error_ = DecodeError{"not valid Big5 (CP950): the file ends inside a character (" + hex_bytes(rest) + ")",
                                  encoding_hint()};
    } else if (error != 0 && error != EINVAL) {
      throw StorageError(source_ + ": iconv failed while decoding Big5");
    }
    raw_.erase(0, consumed);
  }

  static std::string big5_reason(std::string_view rest) {
    const auto lead = static_cast<unsigned char>(rest[0]);
    if (lead < 0x81 || lead > 0xFE || rest.size() < 2)
      return "not valid Big5 (CP950) (" + hex_bytes(rest.substr(0, 1)) + ")";
    const auto trail = static_cast<unsigned char>(rest[1]);
    const bool well_formed = (trail >= 0x40 && trail <= 0x7E) || (trail >= 0xA1 && trail <= 0xFE);
    if (well_formed)
      return "Big5 (CP950) character " + hex_bytes(rest.substr(0, 2)) +
             " has no Unicode equivalent (a user-defined character?)";
    return "not valid Big5 (CP950) (" + hex_bytes(rest.substr(0, 2)) + ")";
  }

  std::string encoding_hint() const {
    const std::string other = encoding_ == Encoding::utf8 ? "big5" : "utf-8";
    if (detected_)
      return "the start of the file looked like " + std::string(encoding_name(encoding_)) +
             "; if the file is in another encoding, give --encoding " + other;
    return "the file was read as " + std::string(encoding_name(encoding_)) + " (--encoding); check its encoding";
  }

  // Makes more text available; false at the end of the input.
  bool refill() {
    if (at_eof_ || decode_error_) return false;
    text_.clear();
    pos_ = 0;
    read_chunk();
    decode();
    return true;
  }

  // ---- parsing -----------------------------------------------------------------------------

  // The next non-blank record into fields (at most field_limit_ of them; field_count_ has
  // them all); false at the end.
  bool read_record(std::vector<std::string>& fields, std::size_t& line) {
    if (failure_) throw *failure_;
    for (;;) {
      bool ended = false;
      while (!ended && pos_ < text_.size()) ended = step(static_cast<unsigned char>(text_[pos_++]));
      if (!ended) {
        if (pos_ < text_.size() || refill()) continue;
        if (decode_error_) fail(location(line_, column_ + 1) + ": " + decode_error_->reason, decode_error_->hint);
        if (!finish()) return false;
      }
      const bool blank = !has_content_;
      if (blank) continue;
      fields.swap(fields_);
      line = record_line_;
      return true;
    }
  }

  // Feeds one byte of UTF-8 text; true when it ends a record.
  bool step(unsigned char c) {
    if (c == '\n' && after_cr_) {  // the LF of a CRLF: its line break was counted at the CR
      after_cr_ = false;
      if (state_ == State::quoted) field_.back() = '\n';
      return false;
    }
    after_cr_ = c == '\r';
    const bool line_break = c == '\r' || c == '\n';
    if (!line_break && !is_continuation(c)) ++column_;
    if (c == 0) fail(location(line_, column_) + ": NUL byte (0x00)", "is it a text file? save it from Excel as CSV");

    bool ended = false;
    switch (state_) {
      case State::record_start:
        record_line_ = line_;
        fields_.clear();
        field_count_ = 0;
        has_content_ = false;
        state_ = State::field_start;
        [[fallthrough]];
      case State::field_start:
        field_line_ = line_;
        field_column_ = column_;
        if (c == '"') {
          state_ = State::quoted;
        } else if (c == ',') {
          end_field();
        } else if (line_break) {
          end_field();
          ended = true;
        } else {
          append(c);
          state_ = State::unquoted;
        }
        has_content_ = has_content_ || !line_break;
        break;
      case State::unquoted:
        if (c == ',') {
          end_field();
          state_ = State::field_start;
        } else if (line_break) {
          end_field();
          ended = true;
        } else if (c == '"') {
          fail(location(line_, column_) + ": a quote inside unquoted field " + std::to_string(field_count_ + 1),
               "a field containing quotes must be enclosed in quotes, each quote doubled");
        } else {
          append(c);
        }
        break;
      case State::quoted:
        if (c == '"')
          state_ = State::quote_in_quoted;
        else
          append(c);  // a CR is made LF if an LF follows
        break;
      case State::quote_in_quoted:
        if (c == '"') {
          append('"');
          state_ = State::quoted;
        } else if (c == ',') {
          end_field();
          state_ = State::field_start;
        } else if (line_break) {
          end_field();
          ended = true;
        } else {
          fail(location(line_, column_) + ": text after the closing quote of field " + std::to_string(field_count_ + 1),
               "a quote inside a quoted field must be doubled");
        }
        break;
      case State::done:
        break;
    }
    if (line_break) {
      ++line_;
      column_ = 0;
    }
    if (ended) state_ = State::record_start;
    return ended;
  }

  // At the end of the input: true if a last record without a line break ended there.
  bool finish() {
    const State state = state_;
    state_ = State::done;
    switch (state) {
      case State::quoted:
        fail(location(field_line_, field_column_) + ": quoted field " + std::to_string(field_count_ + 1) +
             " opened here is not closed at the end of the file");
      case State::field_start:
      case State::unquoted:
      case State::quote_in_quoted:
        end_field();
        return true;
      case State::record_start:
      case State::done:
        break;
    }
    return false;
  }

  void append(unsigned char c) {
    field_.push_back(static_cast<char>(c));
    if (field_.size() > max_field_bytes)
      fail(location(field_line_, field_column_) + ": field " + std::to_string(field_count_ + 1) +
           " is longer than 1 MiB");
  }

  void end_field() {
    ++field_count_;
    if (fields_.size() < field_limit_)
      fields_.push_back(std::move(field_));
    else if (header_.empty())
      fail(location(record_line_) + ": the header has more than " + std::to_string(max_header_fields) + " fields");
    field_.clear();
  }

  // ---- errors ------------------------------------------------------------------------------

  std::string location(std::size_t line, std::size_t column = 0) const {
    std::string at = source_ + ':' + std::to_string(line);
    if (column > 0) at += ':' + std::to_string(column);
    return at;
  }

  // Throws, and makes the reader throw the same again from then on.
  [[noreturn]] void fail(const std::string& what, std::string hint = {}) {
    failure_.emplace(what, std::move(hint));
    throw *failure_;
  }

  std::istream& in_;
  std::string source_;
  Encoding encoding_;
  bool detected_;
  Sha256 sha_;
  std::optional<Iconv> iconv_;
  std::optional<RejectedInput> failure_;

  std::vector<char> buffer_;  // one chunk of the stream
  std::string raw_;           // undecoded bytes: a chunk, or a partial character carried over
  bool at_eof_ = false;
  std::string text_;          // decoded UTF-8, parsed from pos_
  std::size_t pos_ = 0;
  std::optional<DecodeError> decode_error_;  // at the end of text_

  State state_ = State::record_start;
  bool after_cr_ = false;
  std::size_t line_ = 1;
  std::size_t column_ = 0;  // characters of line_ so far
  std::size_t record_line_ = 0;
  std::size_t field_line_ = 0;
  std::size_t field_column_ = 0;
  bool has_content_ = false;  // false: a blank line
  std::string field_;
  std::vector<std::string> fields_;
  std::size_t field_count_ = 0;
  std::size_t field_limit_ = 0;
  std::vector<std::string> header_;
};

CsvReader::CsvReader(std::istream& in, std::string source_name, Encoding encoding)
    : impl_(std::make_unique<Impl>(in, std::move(source_name), encoding)) {}

CsvReader::~CsvReader() = default;

const std::vector<std::string>& CsvReader::header() const { return impl_->header(); }

bool CsvReader::next(CsvRow& row) { return impl_->next(row); }

Encoding CsvReader::encoding() const { return impl_->encoding(); }

std::string CsvReader::digest() const { return impl_->digest(); }

}  // namespace imcomply
