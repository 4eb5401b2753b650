#include "imcomply/items.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "imcomply/error.hpp"

namespace imcomply {
namespace {

struct ItemNames {
  Item item;
  std::string_view name;
  std::string_view chinese;
  std::string_view chinese_short;  ///< as written in R2, with the enumeration comma
};

constexpr ItemNames names[] = {
    {Item::entry_exit, "entry-exit", "入出境資訊", "入、出境資訊"},
    {Item::mainland, "mainland", "大陸港澳及無戶籍人士申請來臺資訊", "大陸港澳及無戶籍人士申請來台資訊"},
    {Item::foreigner, "foreigner", "外籍人士居停留資訊", "外籍人士居、停留資訊"},
};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string_view item_name(Item item) { return names[static_cast<int>(item)].name; }
std::string_view item_chinese_name(Item item) { return names[static_cast<int>(item)].chinese; }

Item parse_item(std::string_view text) {
  const auto wanted = trim(text);
  for (const auto& entry : names)
    if (wanted == entry.name || wanted == entry.chinese || wanted == entry.chinese_short) return entry.item;
  throw RejectedInput(fmt::format("unknown query item \"{}\" (use entry-exit, mainland or foreigner)", wanted));
}

std::vector<Item> parse_items(std::string_view text) {
  std::vector<Item> items;
  std::string_view rest = text;
  while (true) {
    // Items are separated by "," or by the Chinese enumeration comma "、".
    const auto comma = rest.find(',');
    const auto ideographic = rest.find("、");
    const auto cut = std::min(comma, ideographic);
    const auto piece = trim(rest.substr(0, cut));
    if (!piece.empty()) {
      const Item item = parse_item(piece);
      if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
    }
    if (cut == std::string_view::npos) break;
    rest.remove_prefix(cut + (cut == comma ? 1 : std::string_view("、").size()));
  }
  if (items.empty()) throw RejectedInput("no query item given (use entry-exit, mainland and/or foreigner)");
  std::sort(items.begin(), items.end());
  return items;
}

std::string join_items(const std::vector<Item>& items) {
  std::string out;
  for (const Item item : items) {
    if (!out.empty()) out += ',';
    out += item_name(item);
  }
  return out;
}

std::vector<Item> split_items(std::string_view stored) {
  if (stored.empty()) return {};
  return parse_items(stored);
}

}  // namespace imcomply
