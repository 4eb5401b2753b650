// acct migrate --to URI: the office's file moved into the central store (spec §10).
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "imcomply/migrate.hpp"
#include "views.hpp"

namespace imcomply::acct {

void setup_migrate(cli::Registry& r) {
  auto to = std::make_shared<std::string>();
  auto* sub = r.add("migrate", "Move this office's file into the central store: a new tenant holding every row and journal record",
                    [to](cli::Context& ctx) {
                      auto s = ctx.session(Command::acct_migrate);
                      const Migration m = migrate_to_server(s, *to, ctx.wait());
                      const std::string verified =
                          m.check.ok() ? ctx.t(fmt::format("intact ({} records, {} rows)", m.check.records, m.check.rows),
                                               fmt::format("通過（{} 筆紀錄，{} 列）", m.check.records, m.check.rows))
                                       : ctx.t("BROKEN: " + m.check.problems.front(), "失敗：" + m.check.problems.front());
                      ctx.print(done(ctx, "office moved to the central store",
                                     {{"office", ctx.t("Office", "機關"), m.office},
                                      {"server", ctx.t("Central store", "集中資料庫"), m.server},
                                      {"rows", ctx.t("Rows", "資料列"), Cell(m.rows)},
                                      {"records", ctx.t("Journal records", "日誌紀錄"), Cell(m.records)},
                                      {"head", ctx.t("Journal head", "日誌末筆"), m.head.seq ? Cell(m.head.text()) : Cell()},
                                      {"verify", ctx.t("Verify there", "集中資料庫驗證"), verified},
                                      {"next", ctx.t("Next", "下一步"),
                                       ctx.t("the file is left as it was; point --db (or db in the config) at the central store",
                                             "原檔案未變更；請將 --db（或設定檔 db）改為集中資料庫")}}));
                      return m.check.ok() ? 0 : 1;
                    });
  sub->add_option("--to", *to, "The central store's URI (postgresql://…); its role must be able to create offices")->required();
}

}  // namespace imcomply::acct
