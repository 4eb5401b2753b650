#include "common/cli.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <iostream>

#include <fmt/format.h>

#include "imcomply/county.hpp"
#include "imcomply/error.hpp"
#include "imcomply/identity.hpp"
#include "imcomply/install.hpp"
#include "imcomply/roles.hpp"
#include "imcomply/text.hpp"

#if defined(__SANITIZE_ADDRESS__)
// LeakSanitizer cannot stop the world in a setgid (non-dumpable) process, nor read $LSAN_OPTIONS
// there; the sanitizer build turns it off for such runs (the other checks stay on).
extern "C" int __lsan_is_turned_off() { return imcomply::setgid_install() ? 1 : 0; }
#endif

namespace imcomply::cli {
namespace {

/// spec §1: --lang, else LC_ALL / LC_MESSAGES / LANG (zh_TW* → zh-TW), else en.
Lang language_of(const std::optional<std::string>& flag) {
  if (flag) {
    if (*flag == "en") return Lang::en;
    if (*flag == "zh-TW") return Lang::zh_tw;
    throw UsageError(text(Msg::bad_lang, {*flag}));
  }
  for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(name);
    if (!value || !*value) continue;
    return std::string_view(value).starts_with("zh_TW") ? Lang::zh_tw : Lang::en;
  }
  return Lang::en;
}

void add_global_options(CLI::App& app, GlobalOptions& o) {
  paths(app.add_option("--db", o.db, "Database file (else $IMCOMPLY_DB, the config's db, ./imcomply.db)"));
  paths(app.add_option("--config", o.config, "TOML config (else $IMCOMPLY_CONFIG, ./imcomply.toml)"));
  logins(app.add_option("--as", o.as, "Act as this roster login (else the OS login)"));
  choices(app.add_option("--format", o.format, "table, json or csv (forms also text, html)"),
          {"table", "json", "csv", "text", "html"});
  choices(app.add_option("--lang", o.lang, "en or zh-TW (else from LANG)"), {"en", "zh-TW"});
  choices(app.add_option("--date-style", o.date_style, "iso or roc"), {"iso", "roc"})->check(CLI::IsMember({"iso", "roc"}));
  app.add_option("--wait", o.wait_seconds, "Seconds to wait for a locked database (default 10)")
      ->check(CLI::Range(0.0, 3600.0))
      // NaN compares false with both ends, so the range alone lets it through
      ->check(CLI::Validator(
          [](std::string& text) {
            const double seconds = std::strtod(text.c_str(), nullptr);
            return seconds == seconds ? std::string() : "must be a number of seconds, not \"" + text + "\"";
          },
          "SECONDS"));
}

/// "3600.000000" → "3600": CLI11 prints a range's ends with six decimals.
std::string plain_number(std::string text) {
  if (text.find('.') == std::string::npos) return text;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

/// CLI11's parse errors in our own words (issue 13): one line that names the option and what it
/// takes. Anything not recognised is passed on as CLI11 wrote it.
std::string in_our_words(const CLI::ParseError& e) {
  const std::string what = e.what();
  const auto colon = what.find(": ");
  const std::string option = colon == std::string::npos ? std::string() : what.substr(0, colon);
  const std::string rest = colon == std::string::npos ? what : what.substr(colon + 2);
  if (dynamic_cast<const CLI::RequiredError*>(&e) && what.find("subcommand") != std::string::npos)
    return "choose a command";
  if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) && !option.empty()) return option + " needs a value";
  if (dynamic_cast<const CLI::ValidationError*>(&e) && !option.empty()) {
    // "Value abc not in range 0.000000 to 3600.000000" / "foo not in {head,county,agency}"
    if (rest.starts_with("Value ")) {
      const auto range = rest.find(" not in range ");
      const auto to = rest.find(" to ", range == std::string::npos ? 0 : range + 14);
      if (range != std::string::npos && to != std::string::npos)
        return fmt::format("{} must be from {} to {}, not \"{}\"", option, plain_number(rest.substr(range + 14, to - range - 14)),
                           plain_number(rest.substr(to + 4)), rest.substr(6, range - 6));
    }
    const auto set = rest.find(" not in {");
    if (set != std::string::npos && rest.ends_with("}")) {
      std::string choices = rest.substr(set + 9, rest.size() - set - 10);
      for (std::size_t at = 0; (at = choices.find(',', at)) != std::string::npos; at += 2) choices.replace(at, 1, ", ");
      return fmt::format("{} must be one of {}, not \"{}\"", option, choices, rest.substr(0, set));
    }
    return option + " " + rest;  // our own validators' words ("must be …")
  }
  if (dynamic_cast<const CLI::ConversionError*>(&e)) {
    // "Could not convert: --wait = abc"
    const auto equals = what.find(" = ");
    if (what.starts_with("Could not convert: ") && equals != std::string::npos)
      return fmt::format("{} takes a number, not \"{}\"", what.substr(19, equals - 19), what.substr(equals + 3));
  }
  if (dynamic_cast<const CLI::ExtrasError*>(&e)) {
    const auto list = what.find(": ");
    if (list != std::string::npos) {
      const std::string extra = what.substr(list + 2);
      return extra.starts_with("-") ? fmt::format("unknown option {}", extra) : fmt::format("unexpected argument {}", extra);
    }
  }
  return what;
}

/// What every subcommand's help ends with: the options of spec §1 (they work before or after the
/// subcommand) and the exit codes.
const std::string& help_footer() {
  static const std::string footer =
      "\nGlobal options (before or after the command):\n"
      "  --db PATH          database (else $IMCOMPLY_DB, the config's db, ./imcomply.db)\n"
      "  --config PATH      TOML config (else $IMCOMPLY_CONFIG, ./imcomply.toml)\n"
      "  --as LOGIN         act on behalf of LOGIN (administrators, root, the service user)\n"
      "  --format F         table, json or csv (forms: text, html)\n"
      "  --lang L           en or zh-TW      --date-style S   iso or roc\n"
      "  --wait SECONDS     wait for a locked database (default 10)\n"
      "\nExit status: 0 done; 1 needs action (overdue, finding, failed check); 2 usage;\n"
      "3 rejected input, nothing written; 4 not permitted; 5 busy, safe to retry; 6 storage.\n";
  return footer;
}

/// --version: the project's version, and `git describe` when built from a checkout.
std::string version_text(const std::string& program) {
#ifdef IMCOMPLY_GIT_DESCRIBE
  return fmt::format("{} (imcomply) {} ({})", program, IMCOMPLY_VERSION, IMCOMPLY_GIT_DESCRIBE);
#else
  return fmt::format("{} (imcomply) {}", program, IMCOMPLY_VERSION);
#endif
}

/// Tables fit the terminal (issue 13 item 8): its columns when stdout is one — $COLUMNS when set
/// (as ls(1) reads it), else the TIOCGWINSZ ioctl, else 80 — and no limit when piped.
int terminal_width() {
  if (!isatty(STDOUT_FILENO)) return 0;
  if (const char* env = std::getenv("COLUMNS"); env && *env) {
    int columns = 0;
    const auto [end, ec] = std::from_chars(env, env + std::char_traits<char>::length(env), columns);
    if (ec == std::errc() && *end == '\0' && columns > 0) return columns;
  }
  winsize size{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

/// The language of diagnostics: --lang (a bad one: English, as the usage error about it is).
Lang diagnostics_lang(const std::optional<std::string>& flag) {
  try {
    return language_of(flag);
  } catch (const UsageError&) {
    return Lang::en;
  }
}

void print_error(const std::string& program, const Text& what, const Text& hint, Lang lang) {
  std::cerr << program << ": " << message(Msg::error_prefix, lang) << printable(what.in(lang)) << '\n';
  if (!hint.empty()) std::cerr << program << ": " << message(Msg::hint_prefix, lang) << printable(hint.in(lang)) << '\n';
}

}  // namespace

const Config& Context::config() {
  if (!config_) {
    const auto path = find_config(options_.config);
    config_ = path ? load_config(confine_to_service_dir(*path)) : Config{};
  }
  return *config_;
}

std::filesystem::path Context::db_path() {
  if (options_.db) return confine_to_service_dir(*options_.db);
  if (const char* env = environment("IMCOMPLY_DB"); env && *env) return confine_to_service_dir(env);
  if (config().db) return confine_to_service_dir(*config().db);
  return setgid_install() ? service_dir() / "imcomply.db" : std::filesystem::path("imcomply.db");
}

std::chrono::milliseconds Context::wait() const {
  return std::chrono::milliseconds(static_cast<long long>(options_.wait_seconds * 1000));
}

Actor Context::init_actor(const std::string& admin_login) const {
  return Actor{options_.as.value_or(admin_login), this_caller().os_user};
}

Instant Context::now() {
  if (!now_) now_ = clock_now();
  return *now_;
}

Format Context::format() const {
  if (options_.format == "text" || options_.format == "html")
    throw UsageError(fmt::format("--format {} is for the official forms; use table, json or csv here", options_.format));
  return parse_format(options_.format);
}

FormFormat Context::form_format() const {
  if (options_.format == "table") return FormFormat::text;
  return parse_form_format(options_.format);
}
Lang Context::lang() const {
  const Lang chosen = language_of(options_.lang);
  return options_.format == "json" ? Lang::en : chosen;
}
DateStyle Context::date_style() const {
  return options_.date_style == "roc" && options_.format != "json" ? DateStyle::roc : DateStyle::iso;
}

Session Context::session() {
  const Config& rules = config();
  const Instant moment = now();
  if (!store_) store_.emplace(Store::open(db_path(), wait()));
  return Session{*store_, rules, resolve_actor(*store_, caller_of(*store_), options_.as, rules.access), moment};
}

Session Context::session(Command command) {
  Session s = session();
  require_permission(s.store, s.actor, command);
  return s;
}

Session Context::county_session() {
  const Config& rules = config();
  const Instant moment = now();
  if (!store_) store_.emplace(Store::open(db_path(), wait(), StoreKind::county));
  return Session{*store_, rules, county::resolve_actor(*store_, caller_of(*store_), options_.as, rules.access), moment};
}

Session Context::county_session(Command command) {
  Session s = county_session();
  require_permission(s.store, s.actor, command);
  return s;
}

std::string Context::moment(const std::string& iso) const {
  return iso.size() == 10 ? date(parse_date(iso)) : time(parse_time(iso));
}

void Context::print(const Document& doc) {
  const Format f = format();
  render(std::cout, doc, f, f == Format::table ? terminal_width() : 0, lang());
}

void Context::warn(std::string_view text) const {
  std::cerr << program_ << ": " << message(Msg::warning_prefix, diagnostics_lang(options_.lang)) << printable(text) << '\n';
}

CLI::App* Registry::add(std::string name, std::string description, Run run, CLI::App* parent) {
  CLI::App* sub = (parent ? parent : &app_)->add_subcommand(std::move(name), std::move(description));
  sub->footer(help_footer());
  runs_.emplace_back(sub, std::move(run));
  return sub;
}

CLI::App* Registry::group(std::string name, std::string description) {
  CLI::App* sub = app_.add_subcommand(std::move(name), std::move(description));
  sub->require_subcommand(1);
  return sub;
}

const Run* Registry::run_for(const CLI::App* parsed) const {
  for (const auto& [app, run] : runs_)
    if (app == parsed) return &run;
  return nullptr;
}

int main(std::string program, std::string description, int argc, char** argv,
         const std::function<void(Registry&)>& setup) {
  CLI::App app(std::move(description), program);
  app.set_version_flag("--version", version_text(program));
  app.footer(help_footer());
  GlobalOptions options;
  add_global_options(app, options);
  app.fallthrough();  // before the subcommands: they inherit it, so global options work after them too
  Registry registry(app);
  setup(registry);
  // The hidden entry points of the bash completion and the man-page test: no parsing, no database
  // unless a roster login is to be completed.
  if (argc >= 2 && std::string_view(argv[1]) == "__complete")
    return complete(program, app, std::vector<std::string>(argv + 2, argv + argc));
  if (argc == 2 && std::string_view(argv[1]) == "__commands") return list_commands(registry);
  if (registry.has_default())
    app.require_subcommand(0, 1);
  else
    app.require_subcommand(1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // CLI11 says "A subcommand is required" for a misspelt one: name the word instead.
    const auto extras = app.remaining();
    const Text see_help = text(Msg::see_help, {program});
    if (app.get_subcommands().empty() && !extras.empty() && !extras.front().starts_with("-")) {
      print_error(program, text(Msg::unknown_command, {extras.front()}), see_help, diagnostics_lang(options.lang));
      return static_cast<int>(ExitStatus::usage);
    }
    // CLI11's own words stay English; the prefix and the hint follow --lang
    print_error(program, in_our_words(e), see_help, diagnostics_lang(options.lang));
    return static_cast<int>(ExitStatus::usage);
  }
  // The deepest subcommand chosen is the one that runs.
  const CLI::App* chosen = &app;
  while (!chosen->get_subcommands().empty()) chosen = chosen->get_subcommands().front();
  const Run* run = registry.run_for(chosen);
  if (!run) {
    print_error(program, text(Msg::choose_subcommand), text(Msg::see_help, {program}), diagnostics_lang(options.lang));
    return static_cast<int>(ExitStatus::usage);
  }
  Context context(program, options);
  try {
    // Usage errors in global options come first (spec §1: usage wins).
    check_clock_environment();
    if (options.format != "text" && options.format != "html") context.format();
    context.lang();
    return (*run)(context);
  } catch (...) {
    const Error error = current_storage_error();
    print_error(program, error.text(), error.hint_text(), diagnostics_lang(options.lang));
    return static_cast<int>(error.status());
  }
}

std::optional<Date> date_flag(const std::optional<std::string>& text, std::string_view flag) {
  if (!text) return std::nullopt;
  return date_flag(*text, flag);
}

Date date_flag(const std::string& text, std::string_view flag) {
  try {
    return parse_date(text);
  } catch (const RejectedInput& e) {
    throw RejectedInput(imcomply::text(Msg::flag_error, {std::string(flag), e.text()}), e.hint_text());
  }
}

CLI::Option* add_quiet_flag(CLI::App* sub, bool& quiet) {
  return sub->add_flag("--quiet,-q", quiet, "Print nothing unless something needs action (for cron); the exit code is the same");
}

void AfterSigningOptions::add_to(CLI::App* sub) {
  auto* flag = sub->add_flag("--after-signing", after_signing,
                             "Change the records of a signed form (a late entry found on paper); needs --reason");
  auto* why = sub->add_option("--reason", reason, "Why the signed form changes (recorded and shown on the form)");
  flag->needs(why);
  why->needs(flag);
}

std::optional<AfterSigning> AfterSigningOptions::value() const {
  if (!after_signing) return std::nullopt;
  return AfterSigning{reason};
}

std::optional<Instant> time_flag(const std::optional<std::string>& text, std::string_view flag) {
  if (!text) return std::nullopt;
  try {
    return parse_time(*text);
  } catch (const RejectedInput& e) {
    throw RejectedInput(imcomply::text(Msg::flag_error, {std::string(flag), e.text()}), e.hint_text());
  }
}

}  // namespace imcomply::cli
