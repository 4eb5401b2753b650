// county collect FILE…: records each office file's journal head and what it showed; exit 1 when
// a file is not verified, not an office's, of an unregistered office, or does not extend the head
// witnessed before. Every file is tried, whatever became of the others.
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "imcomply/county.hpp"

namespace imcomply::county_app {

void setup_collect(cli::Registry& r) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto* sub = r.add("collect", "Collect office files (their backups): verify, witness the journal head, record; exit 1 on any finding",
                    [files](cli::Context& ctx) {
                      auto s = ctx.county_session(Command::county_collect);
                      Table t{"collected", "",
                              {{"file", ctx.t("File", "檔案")}, {"office", ctx.t("Office", "戶政事務所")},
                               {"outcome", ctx.t("Outcome", "結果")}, {"head", ctx.t("Journal head", "日誌檢查點")},
                               {"previous", ctx.t("Head before", "前次檢查點")}, {"sha256", "SHA-256"},
                               {"reason", ctx.t("Reason", "說明")}},
                              {}};
                      int status = 0;
                      for (const auto& file : *files) {
                        // A problem with the office file is an outcome; one with the county's
                        // own database (busy, I/O) stops the run with its exit code.
                        const county::Collected c = county::collect(s, file);
                        auto optional = [](const std::optional<std::string>& v) -> Cell {
                          if (v) return *v;
                          return std::monostate{};
                        };
                        t.rows.push_back({c.file, optional(c.office_code), std::string(county::outcome_name(c.outcome)),
                                          c.head ? Cell(c.head->text()) : Cell(),
                                          c.previous ? Cell(c.previous->text()) : Cell(),
                                          c.sha256.empty() ? Cell() : Cell(c.sha256),
                                          c.reason.empty() ? Cell() : Cell(c.reason)});
                        if (c.needs_action()) {
                          ctx.warn(fmt::format("{}: {}: {}", c.file, county::outcome_name(c.outcome), c.reason));
                          status = 1;
                        }
                      }
                      ctx.print(Document{{t}});
                      return status;
                    });
  cli::paths(sub->add_option("FILE", *files, "Office files (acct backup), each opened read-only")->required());
}

}  // namespace imcomply::county_app
