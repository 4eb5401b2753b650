#pragma once
// The one message catalogue (issue 13 item 4): the fixed values the programs print (statuses,
// items, event kinds, duty-change kinds and reasons, roles, "(none)", yes/no) and their messages
// and hints, in English and in Traditional Chinese as Taiwan's civil service writes it (the
// terms of the regulation: 調職, 停職, 離職, 主任, 民政處, 移民署…).
// English stays the stored form and the form of JSON (spec §1 "output"); Chinese is only shown.
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

namespace imcomply {

/// The values of --lang.
enum class Lang { en, zh_tw };

/// A text in both languages; a text given once is the same in both.
struct Text {
  std::string en;
  std::string zh_tw;
  Text() = default;
  Text(std::string same) : en(same), zh_tw(std::move(same)) {}
  Text(std::string english, std::string chinese) : en(std::move(english)), zh_tw(std::move(chinese)) {}
  const std::string& in(Lang lang) const { return lang == Lang::zh_tw ? zh_tw : en; }
  bool empty() const { return en.empty(); }
};

/// The catalogue's messages: fmt templates (`{}` for each argument) in both languages.
enum class Msg {
  error_prefix,    ///< "error: "
  hint_prefix,     ///< "hint: "
  warning_prefix,  ///< "warning: "
  none,            ///< "(none)", under a table with no rows
  yes,
  no,
  see_help,           ///< see PROGRAM --help
  unknown_command,    ///< WORD
  choose_subcommand,
  bad_lang,           ///< TEXT
  unknown_user,       ///< LOGIN
  see_acct_list,
  unknown_name,       ///< WHAT, TEXT, CHOICES: an enumerated value not recognised
  flag_error,         ///< FLAG, ERROR: a flag's value refused
  not_a_date,         ///< TEXT, FORMS
  not_a_time,         ///< TEXT, FORMS
  not_a_time_in_range,
  not_a_month,        ///< TEXT
  locked,
  locked_hint,
  os_user_not_on_roster,  ///< OS LOGIN, ROLE
  map_os_user_hint,       ///< OS LOGIN
  login_not_on_roster,    ///< LOGIN, ROLE
  act_as_hint,
  role_missing,           ///< LOGIN, ROLE
  day,                    ///< 1 day
  days,                   ///< N days
  stage_since,            ///< STAGE, DATE, DAYS
  application_state,      ///< ITEMS, STAGE, DATE, DAYS
  agency_ref,             ///< REF
  pending_termination,    ///< KIND, DATE, DEADLINE, STATE
  overdue_by,             ///< DAYS
  due_today,
  days_left,              ///< DAYS
  late_by,                ///< DAYS
  on_time,
  backdated,              ///< DATE, LATE OR ON TIME
  agency_told_late,
  terminated_late,        ///< DAYS
  backdated_after,        ///< RECORDED, DEADLINE
  destroyed_at,           ///< TIME
  count_  ///< not a message: how many there are
};

/// The template of `m` in `lang`.
std::string_view message(Msg m, Lang lang);
/// `m` with its arguments, in both languages: each argument in its own language too (a role is
/// 主任 in the Chinese text), so give a fixed value as term(english).
Text text(Msg m, std::initializer_list<Text> args = {});

/// One fixed value: the English (stored, JSON, command line) and its Chinese name.
struct Term {
  std::string_view en;
  std::string_view zh_tw;
};
/// Every fixed value of the catalogue (the three query items come from items.hpp).
std::span<const Term> terms();

/// A fixed value shown in `lang`: its Chinese name, else the text as it is. A value made of fixed
/// values is shown word by word: "approved: head" is 核准：主任, "entry-exit,foreigner" is
/// 入出境資訊、外籍人士居停留資訊; if any word of a list is not in the catalogue it stays as it is.
std::string term(std::string_view english, Lang lang);
/// The same in both languages, as an argument of text().
Text term(std::string_view english);
/// Whether `text` names the fixed value `english`: its English or its Chinese name.
bool names_term(std::string_view text, std::string_view english);

}  // namespace imcomply
