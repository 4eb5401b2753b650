#pragma once
// The shared front door of the four programs: global options (before or after the subcommand),
// one registry of subcommands, the one place where errors become exit codes (spec §1).
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "imcomply/config.hpp"
#include "imcomply/dates.hpp"
#include "imcomply/forms.hpp"
#include "imcomply/messages.hpp"
#include "imcomply/render.hpp"
#include "imcomply/session.hpp"
#include "imcomply/signed_forms.hpp"
#include "imcomply/store.hpp"

namespace imcomply::cli {

using imcomply::Lang;

/// The options of spec §1's table, shared by every program and subcommand.
struct GlobalOptions {
  std::optional<std::string> db;
  std::optional<std::string> config;
  std::optional<std::string> as;
  std::string format = "table";
  std::optional<std::string> lang;
  std::string date_style = "iso";
  double wait_seconds = 10;
};

/// What a subcommand's run sees once the flags are parsed.
class Context {
 public:
  Context(std::string program, GlobalOptions& options) : program_(std::move(program)), options_(options) {}

  const std::string& program() const { return program_; }
  const Config& config();
  std::filesystem::path db_path();
  std::chrono::milliseconds wait() const;
  /// The actor of `acct init`, before there is a roster: the first administrator (or --as).
  Actor init_actor(const std::string& admin_login) const;
  Instant now();
  Format format() const;
  /// --format as given, for commands that offer more than one family (json or a form).
  const std::string& options_format() const { return options_.format; }
  /// --format for the official forms: text (also the default, table), csv or html.
  FormFormat form_format() const;
  /// --lang and --date-style, for what goes to stdout; JSON is English and ISO whatever they say
  /// (spec §1 "output": scripts never break). Diagnostics on stderr follow --lang in every format.
  Lang lang() const;
  DateStyle date_style() const;

  /// Opens the database (exit 6 when missing or foreign) and returns the session on it, for reading.
  Session session();
  /// The same for a writing `command`, checking the actor's role first (exit 4 before any exit 3).
  Session session(Command command);
  /// The same on a county's database (spec §9: its own kind and roster); an office's is refused (exit 6).
  Session county_session();
  Session county_session(Command command);

  /// `en` or `zh` by --lang: a heading or title of this command's own.
  std::string t(std::string_view en, std::string_view zh) const { return lang() == Lang::zh_tw ? std::string(zh) : std::string(en); }
  /// A fixed value (status, item, event, role…) by --lang, from the catalogue (messages.hpp).
  std::string term(std::string_view english) const { return imcomply::term(english, lang()); }
  /// A message of the catalogue by --lang.
  std::string say(Msg m, std::initializer_list<Text> args = {}) const { return text(m, args).in(lang()); }
  std::string date(Date d) const { return format_date(d, date_style()); }
  std::string time(Instant i) const { return format_time(i, date_style()); }
  /// A stored ISO date or time, in the --date-style.
  std::string moment(const std::string& iso) const;

  void print(const Document& doc);
  /// `PROGRAM: warning: TEXT` on stderr: the command went on, but someone should look.
  void warn(std::string_view text) const;

 private:
  std::string program_;
  GlobalOptions& options_;
  std::optional<Config> config_;
  std::optional<Store> store_;
  std::optional<Instant> now_;
};

/// A subcommand's work, run after parsing; returns the exit status (0, or 1 when something needs action).
using Run = std::function<int(Context&)>;

/// Registers subcommands: each file's `setup_*` adds its CLI11 subcommand and the run to call.
class Registry {
 public:
  explicit Registry(CLI::App& app) : app_(app) {}
  CLI::App& app() { return app_; }
  /// Adds `name` under `parent` (the program itself by default) with its run.
  CLI::App* add(std::string name, std::string description, Run run, CLI::App* parent = nullptr);
  /// A group such as `review` whose own subcommands do the work.
  CLI::App* group(std::string name, std::string description);
  const Run* run_for(const CLI::App* parsed) const;
  /// What the program does with no subcommand (purge's nightly run); without it one is required.
  void set_default(Run run) { runs_.emplace_back(&app_, std::move(run)); }
  bool has_default() const { return run_for(&app_) != nullptr; }

 private:
  CLI::App& app_;
  std::vector<std::pair<const CLI::App*, Run>> runs_;
};

/// What shell completion offers for an option's value (apps/common/completion.cpp): one of
/// `values`, a comma-separated list of them, a roster login (read from the database the command
/// line names), a comma-separated list of logins, or a file name. Each returns `option`.
CLI::Option* choices(CLI::Option* option, std::vector<std::string> values);
CLI::Option* choice_list(CLI::Option* option, std::vector<std::string> values);
CLI::Option* logins(CLI::Option* option);
CLI::Option* login_list(CLI::Option* option);
CLI::Option* paths(CLI::Option* option);
/// The core's names of the query items and the roles, for choices().
std::vector<std::string> item_names();
std::vector<std::string> role_names();
/// CLI::IsMember(values) that also takes their Chinese names (messages.hpp), read as the English;
/// a refusal still names the English values.
CLI::IsMember member_of(std::vector<std::string> values);

/// The hidden entry points behind the bash completion and the man-page test, read off the CLI11
/// setup: `PROG __complete WORD…` prints `words` or `paths`, then the completions of the last
/// WORD one a line; `PROG __commands` prints each command that runs (the program itself as an
/// empty path) with a tab and its own long options.
int complete(const std::string& program, CLI::App& app, const std::vector<std::string>& words);
int list_commands(Registry& registry);

/// The clock of this build (apps/common/clock.cpp): $IMCOMPLY_NOW in a test-clock build, else the
/// machine's; check_clock_environment() refuses a set $IMCOMPLY_NOW in any other build (exit 2).
bool test_clock_build();
void check_clock_environment();
Instant clock_now();

/// Parses argv, runs the chosen subcommand, prints errors as `PROGRAM: error: …`, returns the exit code.
int main(std::string program, std::string description, int argc, char** argv,
         const std::function<void(Registry&)>& setup);

/// Reads an optional date flag; a bad one throws RejectedInput naming the flag.
std::optional<Date> date_flag(const std::optional<std::string>& text, std::string_view flag);
Date date_flag(const std::string& text, std::string_view flag);
std::optional<Instant> time_flag(const std::optional<std::string>& text, std::string_view flag);

/// --quiet on what cron runs (acct due, purge, qlog check, qlog data list --pending, audit
/// verify): nothing on stdout unless something needs a person, so MAILTO mails only then. The
/// exit code is unchanged; errors and warnings still go to stderr.
CLI::Option* add_quiet_flag(CLI::App* sub, bool& quiet);

/// --after-signing --reason TEXT (spec §4): a change to a signed form's records. Either flag
/// without the other is a usage error (exit 2), found while parsing.
struct AfterSigningOptions {
  bool after_signing = false;
  std::string reason;
  void add_to(CLI::App* sub);
  std::optional<AfterSigning> value() const;
};

}  // namespace imcomply::cli
