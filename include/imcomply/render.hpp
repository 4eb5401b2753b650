#pragma once
// The one renderer per output format, shared by every program (spec §1 "output").
// The core returns values; an app builds a Document from them and calls render().
#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "imcomply/messages.hpp"

namespace imcomply {

/// The values of --format.
enum class Format { table, json, csv };

/// One value; std::monostate is null.
using Cell = std::variant<std::monostate, std::string, std::int64_t, bool>;

/// key: stable name in JSON and CSV; label: shown in the table format (may be Chinese).
struct Column {
  std::string key;
  std::string label;
};

/// Rows of cells in column order; a short row is padded with nulls, extra cells are ignored.
struct Table {
  std::string key;
  std::string title;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
};

struct Field {
  std::string key;
  std::string label;
  Cell value;
};

/// One object, e.g. a summary; shown as `label: value` lines.
struct Record {
  std::string key;
  std::string title;
  std::vector<Field> fields;
};

using Part = std::variant<Record, Table>;

/// What a command prints; titles and labels appear only in the table format.
struct Document {
  std::vector<Part> parts;
};

/// Terminal columns of UTF-8 text: East Asian Wide/Fullwidth 2, combining marks 0, others
/// (and each invalid byte) 1. Independent of the process locale.
int display_width(std::string_view utf8);

/// Pads with spaces on the right to `width` columns; longer text is returned unchanged.
std::string pad_to_width(std::string_view utf8, int width);

/// Cuts text longer than `width` columns to fit, ending in "…" (one column); a wide character
/// that would straddle the end is left out. Shorter text is returned unchanged.
std::string truncate_to_width(std::string_view utf8, int width);

/// Writes `doc` in `format`, never throwing on bad text. Table: every title, label and cell through
/// printable() (control characters and invalid UTF-8 as \xNN, widths measured escaped); with a
/// `line_width` (a terminal's columns; 0: no limit) the widest columns of words (text with a space
/// or a non-ASCII character) of a table that would not fit are cut with "…", never below their
/// heading's width or 10 columns; numbers, logins, dates, times and ids are never cut.
/// CSV: the same escaping, except TAB, CR and LF, which RFC 4180 carries inside quotes, and never
/// cut. JSON: its own escaping, and invalid UTF-8 replaced by U+FFFD, never cut. `lang` is the
/// language of the table's own words: "(none)" under an empty table, yes/no (JSON: true/false).
void render(std::ostream& out, const Document& doc, Format format, int line_width = 0, Lang lang = Lang::en);

/// One bar of a terminal chart.
struct Bar {
  std::string label;
  std::int64_t value = 0;
};
/// A horizontal bar chart in Unicode blocks (eighths), labels (through printable()) aligned by
/// display width, the longest bar `width` columns.
void render_bars(std::ostream& out, const std::string& title, const std::vector<Bar>& bars, int width = 40,
                 Lang lang = Lang::en);

/// "table", "json" or "csv"; anything else throws UsageError.
Format parse_format(std::string_view name);

}  // namespace imcomply
