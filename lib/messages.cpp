#include "imcomply/messages.hpp"

#include <algorithm>
#include <array>

#include <fmt/args.h>
#include <fmt/format.h>

#include "imcomply/items.hpp"

namespace imcomply {
namespace {

struct Message {
  Msg id;
  std::string_view en;
  std::string_view zh_tw;
};

// In the order of Msg; a unit test checks that each is here once, in both languages.
constexpr Message messages[] = {
    {Msg::error_prefix, "error: ", "錯誤："},
    {Msg::hint_prefix, "hint: ", "提示："},
    {Msg::warning_prefix, "warning: ", "警告："},
    {Msg::none, "(none)", "（無）"},
    {Msg::yes, "yes", "是"},
    {Msg::no, "no", "否"},
    {Msg::see_help, "see {} --help", "請見 {} --help"},
    {Msg::unknown_command, "unknown command \"{}\"", "沒有「{}」這個指令"},
    {Msg::choose_subcommand, "choose a subcommand", "請指定子指令"},
    {Msg::bad_lang, "--lang must be en or zh-TW, not \"{}\"", "--lang 應為 en 或 zh-TW，不是「{}」"},
    {Msg::unknown_user, "unknown user {}", "使用者名冊上沒有 {}"},
    {Msg::see_acct_list, "see: acct list", "請見：acct list"},
    {Msg::unknown_name, "unknown {} \"{}\" (use {})", "沒有「{1}」這種{0}（請用{2}）"},
    {Msg::flag_error, "{}: {}", "{}：{}"},
    {Msg::not_a_date, "not a date: {} (use {})", "不是日期：{}（請用 {}）"},
    {Msg::not_a_time, "not a time: {} (use {})", "不是時間：{}（請用 {}）"},
    {Msg::not_a_time_in_range, "not a time: {} (use {}, between 1912 and 2910 in Taiwan time)",
     "不是時間：{}（請用 {}，臺灣時間 1912 至 2910 年間）"},
    {Msg::not_a_month, "not a month: \"{}\" (use 2026-11, 115/11 or 115年11月)",
     "不是月份：「{}」（請用 2026-11、115/11 或 115年11月）"},
    {Msg::locked, "the database stayed locked by another writer past --wait; nothing was written",
     "資料庫遭其他寫入作業鎖定，超過 --wait 仍未解除；未寫入任何資料"},
    {Msg::locked_hint, "safe to retry, or raise --wait SECONDS", "可放心重試，或加長 --wait 秒數"},
    {Msg::os_user_not_on_roster,
     "OS user {} is not on this office's roster, so may not do this (needs the {} role)",
     "作業系統帳號 {} 不在本所使用者名冊上，不得執行此項作業（需具{}角色）"},
    {Msg::map_os_user_hint, "an administrator maps it: acct add LOGIN --name NAME --os-user {}",
     "請系統管理人員登錄對應：acct add LOGIN --name NAME --os-user {}"},
    {Msg::login_not_on_roster, "{} is not on the roster, so may not do this (needs the {} role)",
     "{} 不在使用者名冊上，不得執行此項作業（需具{}角色）"},
    {Msg::act_as_hint, "act as a person on the roster with --as LOGIN", "請以 --as LOGIN 代名冊上之人員執行"},
    {Msg::role_missing, "{} does not hold the {} role this needs", "{} 未具此項作業所需之{}角色"},
    {Msg::day, "{} day", "{} 日"},
    {Msg::days, "{} days", "{} 日"},
    {Msg::stage_since, "{} since {} ({})", "{}，自 {} 起（{}）"},
    {Msg::application_state, "{} ({} since {}, {})", "{}（{}，自 {} 起，{}）"},
    {Msg::agency_ref, "; Agency ref {}", "；移民署文號 {}"},
    {Msg::pending_termination, "{} on {}: terminate by the end of {} ({})", "{}（{}）：應於 {} 當日結束前終止（{}）"},
    {Msg::overdue_by, "OVERDUE by {}", "逾期 {}"},
    {Msg::due_today, "due today", "今日到期"},
    {Msg::days_left, "{} left", "尚餘 {}"},
    {Msg::late_by, "LATE by {}", "逾期 {}"},
    {Msg::on_time, "on time", "如期"},
    {Msg::backdated, "BACKDATED: recorded {}, {}", "日期回溯：{} 登錄，{}"},
    {Msg::agency_told_late, "the Agency was not told the same day", "未於當日通知移民署"},
    {Msg::terminated_late, "terminated LATE by {}", "已終止，逾期 {}"},
    {Msg::backdated_after, " (backdated: recorded {}, after the deadline {})", "（日期回溯：{} 登錄，已逾期限 {}）"},
    {Msg::destroyed_at, "destroyed {}", "{} 已銷毀"},
};
static_assert(std::size(messages) == static_cast<std::size_t>(Msg::count_), "one entry per Msg");

// The fixed values, English → Chinese. The regulation's own words where it has one (R3.4:
// 業務調整、調職、停職及離(退)職; the sign-off lines: 承辦人員、秘書、主任、股長、稽核人員).
// An English value appears once: the same word means the same in every table.
constexpr Term fixed_values[] = {
    // account statuses (acct list --status)
    {"none", "無帳號"},
    {"pending", "申請中"},
    {"active", "使用中"},
    {"suspended", "已暫停"},
    {"terminated", "已終止"},
    // application stages (R3.2); "head" is also the role
    {"applied", "已申請"},
    {"county", "民政處"},
    {"agency", "移民署"},
    // duty changes (R3.4)
    {"reassignment", "業務調整"},
    {"transfer", "調職"},
    {"suspension", "停職"},
    {"resignation", "離職"},
    {"retirement", "退職"},
    // termination reasons
    {"duty-change", "職務異動"},
    {"cert-lost", "憑證遺失"},
    {"violation", "違反規定"},
    {"review", "權限清查"},
    {"request", "本人申請"},
    // roles (spec §6)
    {"admin", "系統管理人員"},
    {"auditor", "稽核人員"},
    {"head", "主任"},
    {"secretary", "秘書"},
    {"chief", "股長"},
    {"officer", "承辦人員"},
    // deadline counting (R3.4)
    {"calendar", "日曆日"},
    {"admin-procedure", "依行政程序法"},
    // timeline events
    {"added", "新增"},
    {"role granted", "授予角色"},
    {"role revoked", "撤銷角色"},
    {"deputy set", "指定職務代理人"},
    {"deputy cleared", "取消職務代理人"},
    {"approved", "核准"},
    {"duty change", "職務異動"},
    {"certificate lost", "憑證遺失"},
    {"Agency notified of the lost certificate", "已通知移民署憑證遺失"},
    {"reinstated", "已恢復"},
    {"handover", "移交"},
    // what a refusal names (acct change --kind 轉任: 沒有「轉任」這種異動種類)
    {"status", "狀態"},
    {"stage", "核准階段"},
    {"kind of duty change", "異動種類"},
    {"termination reason", "終止原因"},
    {"role", "角色"},
    // what a change did (acct's confirmations)
    {"added to the roster", "已列入使用者名冊"},
    {"database created", "資料庫已建立"},
    {"approved by the Agency; the account is active", "移民署已核准；帳號已啟用"},
    {"approval recorded", "核准已登錄"},
    {"application recorded; next: acct approve --stage head", "申請已登錄；下一步：acct approve --stage head"},
    {"duty change recorded", "職務異動已登錄"},
    {"certificate loss recorded; the account is terminated", "憑證遺失已登錄；帳號已終止"},
    {"registration recorded; the functions stay unregistered until approved", "機關個別註冊已登錄；核准前各功能仍未註冊"},
    {"registration approved", "機關個別註冊已核准"},
    {"review started", "權限清查已開始"},
    {"review closed", "權限清查已結束"},
    {"kept", "保留"},
    {"revoked and terminated", "已撤銷並終止"},
    {"backup written", "備份已寫入"},
    // obtained data (R3.7) and the journal
    {"filed", "已歸檔"},
    {"to destroy", "待銷毀"},
    {"OVERDUE for destruction", "逾期未銷毀"},
    {"intact", "完整"},
    {"BROKEN", "遭竄改"},
};

std::string_view chinese_of(std::string_view english) {
  for (const Item item : all_items)
    if (item_name(item) == english) return item_chinese_name(item);
  for (const Term& t : fixed_values)
    if (t.en == english) return t.zh_tw;
  return {};
}

std::string chinese_list(std::string_view english) {
  std::string out;
  for (std::size_t start = 0;;) {
    const auto comma = english.find(',', start);
    const auto word = chinese_of(english.substr(start, comma - start));
    if (word.empty()) return std::string(english);
    out += (out.empty() ? "" : "、") + std::string(word);
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

}  // namespace

std::string_view message(Msg m, Lang lang) {
  const Message& entry = messages[static_cast<std::size_t>(m)];
  return lang == Lang::zh_tw ? entry.zh_tw : entry.en;
}

Text text(Msg m, std::initializer_list<Text> args) {
  const auto in = [&](Lang lang) {
    fmt::dynamic_format_arg_store<fmt::format_context> store;
    for (const Text& arg : args) store.push_back(arg.in(lang));
    return fmt::vformat(message(m, lang), store);
  };
  return {in(Lang::en), in(Lang::zh_tw)};
}

std::span<const Term> terms() { return fixed_values; }

std::string term(std::string_view english, Lang lang) {
  if (lang == Lang::en) return std::string(english);
  if (const auto word = chinese_of(english); !word.empty()) return std::string(word);
  // "approved: head", "duty change: transfer": the kind, then what it was
  if (const auto colon = english.find(": "); colon != std::string_view::npos) {
    const auto kind = chinese_of(english.substr(0, colon));
    if (!kind.empty()) return std::string(kind) + "：" + term(english.substr(colon + 2), lang);
  }
  if (english.find(',') != std::string_view::npos) return chinese_list(english);
  return std::string(english);
}

Text term(std::string_view english) { return {std::string(english), term(english, Lang::zh_tw)}; }

bool names_term(std::string_view text, std::string_view english) {
  if (text == english) return true;
  const auto chinese = chinese_of(english);
  return !chinese.empty() && text == chinese;
}

}  // namespace imcomply
