#include "imcomply/render.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>

#include "imcomply/error.hpp"
#include "imcomply/text.hpp"

namespace imcomply {
namespace {

struct Range {
  char32_t first;
  char32_t last;
};

// Zero-width code points; checked before `wide` because some lie inside wide blocks.
constexpr Range zero_width[] = {
    {0x0300, 0x036F},    // combining diacritical marks
    {0x1160, 0x11FF},    // Hangul medial vowels and final consonants (join the initial)
    {0x1AB0, 0x1AFF},    // combining diacritical marks extended
    {0x1DC0, 0x1DFF},    // combining diacritical marks supplement
    {0x200B, 0x200F},    // zero-width space, joiners, direction marks
    {0x20D0, 0x20FF},    // combining marks for symbols
    {0x302A, 0x302D},    // ideographic tone marks
    {0x3099, 0x309A},    // combining kana voiced sound marks
    {0xFE00, 0xFE0F},    // variation selectors
    {0xFE20, 0xFE2F},    // combining half marks
    {0xFEFF, 0xFEFF},    // zero-width no-break space (BOM)
    {0xE0100, 0xE01EF},  // ideographic variation selectors (variants of rare name characters)
};

// East Asian Wide (W) and Fullwidth (F), after Unicode's EastAsianWidth.txt, by block.
constexpr Range wide[] = {
    {0x1100, 0x115F},    // Hangul Jamo initial consonants
    {0x2329, 0x232A},    // angle brackets 〈 〉
    {0x2E80, 0x303E},    // CJK radicals, Kangxi radicals, CJK symbols and punctuation (not U+303F)
    {0x3040, 0xA4CF},    // kana, bopomofo, CJK strokes, CJK ideographs, Yi
    {0xA960, 0xA97F},    // Hangul Jamo extended-A
    {0xAC00, 0xD7A3},    // Hangul syllables
    {0xF900, 0xFAFF},    // CJK compatibility ideographs
    {0xFE10, 0xFE19},    // vertical forms
    {0xFE30, 0xFE6F},    // CJK compatibility forms, small form variants
    {0xFF00, 0xFF60},    // fullwidth forms: ＡＢＣ１２３＿（）
    {0xFFE0, 0xFFE6},    // fullwidth signs ￠￡￥
    {0x1F300, 0x1F64F},  // emoji: pictographs, emoticons
    {0x1F900, 0x1F9FF},  // emoji: supplemental symbols and pictographs
    {0x20000, 0x3FFFD},  // CJK ideographs extension B and later (planes 2 and 3)
};

bool in(const auto& ranges, char32_t cp) {
  return std::ranges::any_of(ranges, [cp](Range r) { return r.first <= cp && cp <= r.last; });
}

// Decodes the code point at s[i] and moves i past it. An invalid sequence (bad lead or
// continuation, truncated, overlong, surrogate, beyond U+10FFFF) yields nullopt and moves i by one.
std::optional<char32_t> next_code_point(std::string_view s, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(s[i++]);
  if (lead < 0x80) return lead;
  std::size_t extra = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    extra = 1, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3, cp = lead & 0x07, min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (s.size() - i < extra) return std::nullopt;
  for (std::size_t k = 0; k < extra; ++k) {
    const auto byte = static_cast<unsigned char>(s[i + k]);
    if ((byte & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (byte & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  i += extra;
  return cp;
}

// The columns of one decoded code point (nullopt: an invalid byte, shown as one).
int columns_of(std::optional<char32_t> cp) {
  if (!cp) return 1;
  if (in(zero_width, *cp)) return 0;
  return in(wide, *cp) ? 2 : 1;
}

const Cell& cell_at(const std::vector<Cell>& row, std::size_t i) {
  static const Cell null;
  return i < row.size() ? row[i] : null;
}

const std::string& key_of(const Part& part) {
  return std::visit([](const auto& p) -> const std::string& { return p.key; }, part);
}

// ---- table -------------------------------------------------------------------------------

struct Shown {
  std::string text;
  bool right_aligned = false;
};

// Every text the table format prints goes through printable (spec §1: terminal-safe), so widths
// are measured on the escaped text and a line break in a cell never breaks its row.
Shown table_text(const Cell& cell, Lang lang) {
  if (const auto* s = std::get_if<std::string>(&cell)) return {printable(*s)};
  if (const auto* n = std::get_if<std::int64_t>(&cell)) return {std::to_string(*n), true};
  if (const auto* b = std::get_if<bool>(&cell)) return {std::string(message(*b ? Msg::yes : Msg::no, lang))};
  return {"-"};
}

void write_line(std::ostream& out, std::string line) {
  line.erase(line.find_last_not_of(' ') + 1);  // no trailing spaces
  out << line << '\n';
}

std::string aligned(const std::vector<Shown>& cells, const std::vector<int>& widths) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += "  ";
    const auto pad = static_cast<std::size_t>(std::max(0, widths[i] - display_width(cells[i].text)));
    if (cells[i].right_aligned) line.append(pad, ' ');
    line += cells[i].text;
    if (!cells[i].right_aligned) line.append(pad, ' ');
  }
  return line;
}

// The narrowest a text column is cut to: its heading, or this many columns.
constexpr int narrowest_cut = 10;

/// Narrows the widest text columns, one column at a time, until the line fits `line_width`.
void fit_to(std::vector<int>& widths, const std::vector<int>& floors, int line_width) {
  if (line_width <= 0 || widths.empty()) return;
  int total = 2 * static_cast<int>(widths.size() - 1);
  for (int width : widths) total += width;
  while (total > line_width) {
    std::size_t widest = widths.size();
    for (std::size_t i = 0; i < widths.size(); ++i)
      if (widths[i] > floors[i] && (widest == widths.size() || widths[i] > widths[widest])) widest = i;
    if (widest == widths.size()) return;  // nothing left to cut: the line stays long
    --widths[widest];
    --total;
  }
}

void render_table(std::ostream& out, const Table& table, int line_width, Lang lang) {
  std::vector<Shown> header;
  for (const auto& column : table.columns) header.push_back({printable(column.label)});
  std::vector<std::vector<Shown>> rows;
  for (const auto& row : table.rows) {
    auto& shown = rows.emplace_back();
    for (std::size_t i = 0; i < table.columns.size(); ++i) shown.push_back(table_text(cell_at(row, i), lang));
  }

  std::vector<int> widths;
  for (std::size_t i = 0; i < header.size(); ++i) {
    int width = display_width(header[i].text);
    for (const auto& row : rows) width = std::max(width, display_width(row[i].text));
    widths.push_back(width);
  }
  // Only columns of words are cut (a purpose, a name, a note: text with a space or a non-ASCII
  // character), never below their heading (or narrowest_cut); numbers, logins, dates, times,
  // ids and paths stay whole.
  std::vector<int> floors;
  for (std::size_t i = 0; i < header.size(); ++i) {
    const bool words = std::ranges::any_of(rows, [i](const std::vector<Shown>& row) {
      return !row[i].right_aligned &&
             std::ranges::any_of(row[i].text, [](char c) { return c == ' ' || static_cast<unsigned char>(c) >= 0x80; });
    });
    floors.push_back(words ? std::min(widths[i], std::max(display_width(header[i].text), narrowest_cut)) : widths[i]);
  }
  fit_to(widths, floors, line_width);
  for (auto& row : rows)
    for (std::size_t i = 0; i < row.size(); ++i) row[i].text = truncate_to_width(row[i].text, widths[i]);

  std::vector<Shown> rule;
  for (int width : widths) rule.push_back({std::string(static_cast<std::size_t>(width), '-')});

  if (!table.title.empty()) write_line(out, printable(table.title));
  write_line(out, aligned(header, widths));
  write_line(out, aligned(rule, widths));
  if (rows.empty()) write_line(out, std::string(message(Msg::none, lang)));
  for (const auto& row : rows) write_line(out, aligned(row, widths));
}

void render_table(std::ostream& out, const Record& record, int /*line_width: a record's lines are not cut*/, Lang lang) {
  int label_width = 0;
  for (const auto& field : record.fields) label_width = std::max(label_width, display_width(printable(field.label)));
  if (!record.title.empty()) write_line(out, printable(record.title));
  for (const auto& field : record.fields)
    write_line(out, pad_to_width(printable(field.label) + ":", label_width + 1) + " " +
                        table_text(field.value, lang).text);
}

// ---- json --------------------------------------------------------------------------------

using Json = nlohmann::ordered_json;  // keeps members in column order

Json as_json(const Cell& cell) {
  if (const auto* s = std::get_if<std::string>(&cell)) return *s;
  if (const auto* n = std::get_if<std::int64_t>(&cell)) return *n;
  if (const auto* b = std::get_if<bool>(&cell)) return *b;
  return nullptr;
}

Json as_json(const Table& table) {
  Json rows = Json::array();
  for (const auto& row : table.rows) {
    Json object = Json::object();
    for (std::size_t i = 0; i < table.columns.size(); ++i)
      object[table.columns[i].key] = as_json(cell_at(row, i));
    rows.push_back(std::move(object));
  }
  return rows;
}

Json as_json(const Record& record) {
  Json object = Json::object();
  for (const auto& field : record.fields) object[field.key] = as_json(field.value);
  return object;
}

void render_json(std::ostream& out, const Document& doc) {
  const auto part_json = [](const Part& part) {
    return std::visit([](const auto& p) { return as_json(p); }, part);
  };
  Json json = Json::object();
  if (doc.parts.size() == 1)
    json = part_json(doc.parts.front());
  else
    for (const auto& part : doc.parts) json[key_of(part)] = part_json(part);
  out << json.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

// ---- csv ---------------------------------------------------------------------------------

// RFC 4180 carries line breaks (and tabs) inside a quoted field, and spreadsheets read them as
// such, so CSV keeps those; every other control character (ESC, C1…) and invalid UTF-8 is escaped
// as in a table, so that a CSV shown in a terminal cannot drive it either.
constexpr std::string_view csv_controls = "\t\r\n";

std::string csv_text(const Cell& cell) {
  if (const auto* s = std::get_if<std::string>(&cell)) {
    std::string text = printable(*s, csv_controls);
    // A spreadsheet runs a cell starting with one of these as a formula; the quote keeps it text.
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
      text.insert(0, 1, '\'');
    return text;
  }
  if (const auto* n = std::get_if<std::int64_t>(&cell)) return std::to_string(*n);
  if (const auto* b = std::get_if<bool>(&cell)) return *b ? "true" : "false";
  return {};
}

void write_csv_row(std::ostream& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out << ',';
    const std::string& field = fields[i];
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
      out << field;
      continue;
    }
    out << '"';
    for (char c : field) out << (c == '"' ? "\"\"" : std::string(1, c));
    out << '"';
  }
  out << "\r\n";
}

void render_csv(std::ostream& out, const Table& table) {
  std::vector<std::string> fields;
  for (const auto& column : table.columns) fields.push_back(printable(column.key, csv_controls));
  write_csv_row(out, fields);
  for (const auto& row : table.rows) {
    fields.clear();
    for (std::size_t i = 0; i < table.columns.size(); ++i) fields.push_back(csv_text(cell_at(row, i)));
    write_csv_row(out, fields);
  }
}

void render_csv(std::ostream& out, const Record& record) {
  write_csv_row(out, {"key", "value"});
  for (const auto& field : record.fields) write_csv_row(out, {printable(field.key, csv_controls), csv_text(field.value)});
}

}  // namespace

int display_width(std::string_view utf8) {
  int width = 0;
  for (std::size_t i = 0; i < utf8.size();) width += columns_of(next_code_point(utf8, i));
  return width;
}

std::string truncate_to_width(std::string_view utf8, int width) {
  if (display_width(utf8) <= width) return std::string(utf8);
  static constexpr std::string_view ellipsis = "…";
  std::string cut;
  int used = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t start = i;
    const int w = columns_of(next_code_point(utf8, i));
    if (used + w > width - 1) break;
    cut.append(utf8.substr(start, i - start));
    used += w;
  }
  if (width >= 1) cut += ellipsis;
  return cut;
}

std::string pad_to_width(std::string_view utf8, int width) {
  std::string padded(utf8);
  padded.append(static_cast<std::size_t>(std::max(0, width - display_width(utf8))), ' ');
  return padded;
}

void render(std::ostream& out, const Document& doc, Format format, int line_width, Lang lang) {
  if (format == Format::json) return render_json(out, doc);
  for (std::size_t i = 0; i < doc.parts.size(); ++i) {
    if (format == Format::table) {
      if (i > 0) out << '\n';
      std::visit([&out, line_width, lang](const auto& part) { render_table(out, part, line_width, lang); }, doc.parts[i]);
    } else {
      if (i > 0) out << "\r\n";
      std::visit([&out](const auto& part) { render_csv(out, part); }, doc.parts[i]);
    }
  }
}

Format parse_format(std::string_view name) {
  if (name == "table") return Format::table;
  if (name == "json") return Format::json;
  if (name == "csv") return Format::csv;
  throw UsageError("unknown format '" + std::string(name) + "'; expected table, json or csv");
}

void render_bars(std::ostream& out, const std::string& title, const std::vector<Bar>& bars, int width, Lang lang) {
  static constexpr const char* eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
  if (!title.empty()) out << printable(title) << '\n';
  int label_width = 0;
  std::int64_t largest = 0;
  for (const auto& bar : bars) {
    label_width = std::max(label_width, display_width(printable(bar.label)));
    largest = std::max(largest, bar.value);
  }
  for (const auto& bar : bars) {
    // In eighths of a column, so that small differences still show.
    const std::int64_t units = largest > 0 ? (bar.value * width * 8 + largest / 2) / largest : 0;
    std::string blocks;
    for (std::int64_t i = 0; i < units / 8; ++i) blocks += "█";
    blocks += eighths[units % 8];
    out << pad_to_width(printable(bar.label), label_width) << " │" << blocks << ' ' << bar.value << '\n';
  }
  if (bars.empty()) out << message(Msg::none, lang) << '\n';
}

}  // namespace imcomply
