#include "common/usage_views.hpp"

#include <memory>

namespace imcomply::cli {

Table entry_table(cli::Context& ctx, const std::vector<UsageEntry>& entries) {
  Table table{"entries", "",
              {{"id", "#"},
               {"login", ctx.t("Login", "帳號")},
               {"name", ctx.t("User", "使用者")},
               {"item", ctx.t("Item", "查詢項目")},
               {"login_at", ctx.t("Logged in", "登入時間")},
               {"logout_at", ctx.t("Logged out", "退出時間")},
               {"purpose", ctx.t("Purpose", "資料查詢用途")},
               {"basis", ctx.t("Basis", "法令依據")},
               {"case", ctx.t("Case", "案號")}},
              {}};
  for (const auto& e : entries)
    table.rows.push_back({e.id, e.login, e.name, ctx.term(item_name(e.item)), ctx.time(e.login_at),
                          e.logout_at ? Cell(ctx.time(*e.logout_at)) : Cell(), e.purpose,
                          e.basis ? Cell(*e.basis) : Cell(), e.case_ref ? Cell(*e.case_ref) : Cell()});
  return table;
}

Table data_table(cli::Context& ctx, const std::vector<ObtainedData>& data) {
  Table table{"data", "",
              {{"id", "#"},
               {"entry", ctx.t("Entry", "日誌")},
               {"login", ctx.t("Login", "帳號")},
               {"description", ctx.t("Description", "資料")},
               {"archive_no", ctx.t("Filed as", "歸檔文號")},
               {"destroy_by", ctx.t("Destroy by", "銷毀期限")},
               {"file", ctx.t("File", "檔案")},
               {"state", ctx.t("State", "狀態")}},
              {}};
  for (const auto& d : data) {
    const std::string state = d.archive_no     ? ctx.term("filed")
                              : d.destroyed_at ? ctx.say(Msg::destroyed_at, {ctx.time(*d.destroyed_at)})
                              : d.overdue      ? ctx.term("OVERDUE for destruction")
                                               : ctx.term("to destroy");
    table.rows.push_back({d.id, d.entry_id, d.login, d.description, d.archive_no ? Cell(*d.archive_no) : Cell(),
                          d.destroy_by ? Cell(ctx.date(*d.destroy_by)) : Cell(), d.file_path ? Cell(*d.file_path) : Cell(),
                          state});
  }
  return table;
}

Document import_summary(Context& ctx, const ImportSummary& sum) {
  const std::string what = sum.already_imported ? "this file was imported before: nothing added"
                           : sum.dry_run        ? "dry run: the file is valid; nothing written"
                                                : "imported";
  return Document{{Record{"import", "",
                          {{"result", ctx.t("Result", "結果"), what},
                           {"file", ctx.t("File", "檔案"), sum.file},
                           {"encoding", ctx.t("Encoding", "編碼"), sum.encoding},
                           {"rows", ctx.t("Rows", "筆數"), sum.rows},
                           {"added", ctx.t("Added", "新增"), sum.added},
                           {"duplicates", ctx.t("Already there", "已存在"), sum.duplicates},
                           {"sha256", "SHA-256", sum.digest}}}}};
}

CLI::App* add_import_command(Registry& r, Command command, std::string description, Importer import) {
  struct Options {
    std::string file;
    std::string encoding = "auto";
    bool dry_run = false;
  };
  auto o = std::make_shared<Options>();
  auto* sub = r.add("import", std::move(description), [o, command, import](Context& ctx) {
    const Encoding encoding = parse_encoding(o->encoding);  // a bad flag is a usage error: it wins (spec §1)
    auto s = ctx.session(command);
    const ImportSummary summary = import(s, o->file, encoding, o->dry_run);
    ctx.print(import_summary(ctx, summary));
    return 0;
  });
  paths(sub->add_option("file", o->file, "The CSV file"))->required();
  choices(sub->add_option("--encoding", o->encoding, "auto, utf-8 or big5"), {"auto", "utf-8", "big5"});
  sub->add_flag("--dry-run", o->dry_run, "Check the file and report; write nothing");
  return sub;
}

}  // namespace imcomply::cli
