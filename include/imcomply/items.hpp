#pragma once
// The three query items of R2, by their spec names or their official Chinese names.
#include <string>
#include <string_view>
#include <vector>

namespace imcomply {

enum class Item { entry_exit, mainland, foreigner };

inline constexpr Item all_items[] = {Item::entry_exit, Item::mainland, Item::foreigner};

std::string_view item_name(Item item);          ///< "entry-exit"
std::string_view item_chinese_name(Item item);  ///< "入出境資訊"
/// Accepts "entry-exit" or "入出境資訊" (and the like); anything else throws RejectedInput.
Item parse_item(std::string_view text);
/// A comma-separated list (also 、), without repeats; empty throws RejectedInput.
std::vector<Item> parse_items(std::string_view text);
/// "entry-exit,mainland", the stored form.
std::string join_items(const std::vector<Item>& items);
/// The stored form read back; an empty text is no items.
std::vector<Item> split_items(std::string_view stored);

}  // namespace imcomply
