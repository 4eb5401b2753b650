// Shell completion and the command list, read off the programs' own CLI11 setup (issue 13 items 2
// and 9): the bash script (shell/imcomply.bash) asks `PROG __complete WORD…`, and the man-page
// test asks `PROG __commands`, so a subcommand or flag added in a setup_* file is completed and
// checked without a second list to keep.
#include <iostream>
#include <map>
#include <set>

#include "common/cli.hpp"
#include "imcomply/accounts.hpp"
#include "imcomply/items.hpp"
#include "imcomply/roles.hpp"

namespace imcomply::cli {
namespace {

enum class ValueKind { choices, choice_list, logins, login_list, paths };

struct Completion {
  ValueKind kind;
  std::vector<std::string> values;
};

// Keyed by the option: the CLI11 tree lives as long as the program, and so does this table.
std::map<const CLI::Option*, Completion>& completions() {
  static std::map<const CLI::Option*, Completion> table;
  return table;
}

CLI::Option* mark(CLI::Option* option, ValueKind kind, std::vector<std::string> values = {}) {
  completions()[option] = Completion{kind, std::move(values)};
  return option;
}

std::vector<CLI::App*> subcommands_of(CLI::App* app) {
  return app->get_subcommands([](CLI::App*) { return true; });
}

CLI::App* subcommand_named(CLI::App* app, const std::string& name) {
  for (CLI::App* sub : subcommands_of(app))
    if (sub->get_name() == name) return sub;
  return nullptr;
}

/// The options that work at `app`: its own, then its parents' (global options fall through).
std::vector<CLI::Option*> options_at(CLI::App* app) {
  std::vector<CLI::Option*> all;
  for (CLI::App* at = app; at; at = at->get_parent())
    for (CLI::Option* option : at->get_options()) all.push_back(option);
  return all;
}

CLI::Option* option_named(CLI::App* app, const std::string& long_name) {
  for (CLI::Option* option : options_at(app))
    for (const auto& name : option->get_lnames())
      if ("--" + name == long_name) return option;
  return nullptr;
}

bool takes_value(const CLI::Option* option) { return option->get_type_size_max() > 0; }

std::vector<CLI::Option*> positionals_of(CLI::App* app) {
  std::vector<CLI::Option*> positionals;
  for (CLI::Option* option : app->get_options())
    if (option->get_positional() && !option->nonpositional()) positionals.push_back(option);
  return positionals;
}

/// The logins on the roster of the database the command line names (--db, --config, else the
/// environment), or none: completion never fails, whatever the file.
std::vector<std::string> roster_logins(const std::string& program, const std::vector<std::string>& words) {
  GlobalOptions options;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i] == "--db") options.db = words[i + 1];
    if (words[i] == "--config") options.config = words[i + 1];
  }
  for (const auto& word : words) {
    if (word.starts_with("--db=")) options.db = word.substr(5);
    if (word.starts_with("--config=")) options.config = word.substr(9);
  }
  options.wait_seconds = 0;
  std::vector<std::string> logins;
  try {
    Context ctx(program, options);
    auto s = ctx.session();
    for (const auto& user : list_users(s, std::nullopt)) logins.push_back(user.login);
  } catch (...) {
    // no database, not ours, locked, not readable: nothing to offer
  }
  return logins;
}

struct Candidates {
  bool paths = false;
  std::vector<std::string> words;
};

Candidates values_of(const std::string& program, const CLI::Option* option, const std::string& current,
                     const std::vector<std::string>& words) {
  const auto found = completions().find(option);
  if (found == completions().end()) return {};
  const Completion& c = found->second;
  if (c.kind == ValueKind::paths) return {true, {}};
  std::vector<std::string> values =
      c.kind == ValueKind::logins || c.kind == ValueKind::login_list ? roster_logins(program, words) : c.values;
  if (c.kind == ValueKind::choice_list || c.kind == ValueKind::login_list) {
    // "entry-exit,ma" → "entry-exit,mainland": the list so far, then one more
    const auto comma = current.rfind(',');
    if (comma != std::string::npos) {
      const std::string before = current.substr(0, comma + 1);
      for (auto& value : values) value = before + value;
    }
  }
  return {false, std::move(values)};
}

/// `words` are the arguments after the program's name, the last one the word being completed
/// (perhaps empty). "--db" "=" "x" (bash splits at =) is taken as "--db=x".
Candidates complete_words(const std::string& program, CLI::App& app, std::vector<std::string> words) {
  if (words.empty()) words.emplace_back();
  std::vector<std::string> joined;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i] == "=" && !joined.empty() && joined.back().starts_with("--") && i + 1 < words.size()) {
      joined.back() += "=" + words[++i];
      continue;
    }
    joined.push_back(words[i]);
  }
  const std::vector<std::string> line = joined;  // for the --db and --config it names
  const std::string current = joined.back();
  joined.pop_back();

  CLI::App* at = &app;
  const CLI::Option* pending = nullptr;  // an option whose value comes next
  std::size_t positional = 0;
  bool only_positionals = false;  // after "--"
  for (const auto& word : joined) {
    if (pending) {
      pending = nullptr;
      continue;
    }
    if (!only_positionals && word == "--") {
      only_positionals = true;
      continue;
    }
    if (!only_positionals && word.starts_with("--")) {
      const CLI::Option* option = option_named(at, word.substr(0, word.find('=')));
      if (option && takes_value(option) && word.find('=') == std::string::npos) pending = option;
      continue;
    }
    if (!only_positionals && word.starts_with("-")) continue;
    if (CLI::App* sub = positional == 0 ? subcommand_named(at, word) : nullptr) {
      at = sub;
      continue;
    }
    ++positional;
  }

  Candidates found;
  if (pending) {
    found = values_of(program, pending, current, line);
  } else if (!only_positionals && current.starts_with("-")) {
    for (const CLI::Option* option : options_at(at))
      for (const auto& name : option->get_lnames())
        if (name != "version" || at == &app) found.words.push_back("--" + name);
  } else {
    if (positional == 0)
      for (CLI::App* sub : subcommands_of(at)) found.words.push_back(sub->get_name());
    const auto positionals = positionals_of(at);
    if (positional < positionals.size()) {
      Candidates value = values_of(program, positionals[positional], current, line);
      found.paths = value.paths;
      found.words.insert(found.words.end(), value.words.begin(), value.words.end());
    }
  }
  std::vector<std::string> matching;
  std::set<std::string> seen;
  for (auto& word : found.words)
    if (word.starts_with(current) && seen.insert(word).second) matching.push_back(std::move(word));
  found.words = std::move(matching);
  return found;
}

void list_commands_of(CLI::App* app, const std::string& path, bool runs, std::ostream& out,
                      const std::function<bool(const CLI::App*)>& has_run) {
  if (runs) {
    out << path;
    const char* separator = "\t";
    for (const CLI::Option* option : app->get_options()) {
      if (option->get_lnames().empty()) continue;
      const std::string& name = option->get_lnames().front();
      if (name == "help" || name == "version") continue;
      // The program's own options are the global ones, listed once under the program itself.
      out << separator << "--" << name;
      separator = " ";
    }
    out << '\n';
  }
  for (CLI::App* sub : subcommands_of(app)) {
    const std::string sub_path = path.empty() ? sub->get_name() : path + " " + sub->get_name();
    list_commands_of(sub, sub_path, has_run(sub), out, has_run);
  }
}

}  // namespace

CLI::Option* choices(CLI::Option* option, std::vector<std::string> values) {
  return mark(option, ValueKind::choices, std::move(values));
}
CLI::Option* choice_list(CLI::Option* option, std::vector<std::string> values) {
  return mark(option, ValueKind::choice_list, std::move(values));
}
CLI::Option* logins(CLI::Option* option) { return mark(option, ValueKind::logins); }
CLI::Option* login_list(CLI::Option* option) { return mark(option, ValueKind::login_list); }
CLI::Option* paths(CLI::Option* option) { return mark(option, ValueKind::paths); }

std::vector<std::string> item_names() {
  std::vector<std::string> names;
  for (Item item : all_items) names.emplace_back(item_name(item));
  return names;
}

std::vector<std::string> role_names() {
  std::vector<std::string> names;
  for (int role = 0; role <= static_cast<int>(Role::officer); ++role) names.emplace_back(role_name(static_cast<Role>(role)));
  return names;
}

CLI::IsMember member_of(std::vector<std::string> values) {
  return CLI::IsMember(values, [values](std::string text) {
    for (const auto& english : values)
      if (names_term(text, english)) return english;
    return text;
  });
}

int complete(const std::string& program, CLI::App& app, const std::vector<std::string>& words) {
  const Candidates found = complete_words(program, app, words);
  std::cout << (found.paths ? "paths" : "words") << '\n';
  for (const auto& word : found.words) std::cout << word << '\n';
  return 0;
}

int list_commands(Registry& registry) {
  list_commands_of(&registry.app(), "", true, std::cout,
                   [&registry](const CLI::App* sub) { return registry.run_for(sub) != nullptr; });
  return 0;
}

}  // namespace imcomply::cli
