#pragma once
// The CSV reader for files from Excel in Taiwan (spec §3 `qlog import`): UTF-8 with or without
// BOM, or Big5/CP950; CRLF. The writer is render(..., Format::csv).
#include <cstddef>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace imcomply {

/// The values of --encoding.
enum class Encoding { auto_detect, utf8, big5 };

/// "auto", "utf-8" (also "utf8"), "big5" (also "cp950"); else throws UsageError naming them.
Encoding parse_encoding(std::string_view name);
/// "utf-8", "big5" or "auto".
std::string_view encoding_name(Encoding e);

struct CsvRow {
  std::size_t line = 0;             ///< the line the record starts on, 1-based (the header is line 1)
  std::vector<std::string> fields;  ///< UTF-8
};

/// Streams a CSV file: strips a UTF-8 BOM, transcodes strictly to UTF-8, then parses RFC 4180.
/// The first record is the header; every later record must have as many fields as it.
class CsvReader {
 public:
  /// Reads the header; throws RejectedInput on an empty file or a bad header.
  CsvReader(std::istream& in, std::string source_name, Encoding encoding = Encoding::auto_detect);
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  const std::vector<std::string>& header() const;
  /// The next record; false at the end. Throws RejectedInput "SOURCE:LINE[:COLUMN]: reason".
  bool next(CsvRow& row);
  /// As detected or given; never auto_detect.
  Encoding encoding() const;
  /// SHA-256 hex of all the raw bytes read so far (the whole file once next() returned false).
  std::string digest() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace imcomply
