// acct backup: a consistent private copy through VACUUM INTO (spec §7); the subject key only
// with --with-key.
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "imcomply/system_log.hpp"
#include "views.hpp"

namespace imcomply::acct {

void setup_backup(cli::Registry& r) {
  auto file = std::make_shared<std::string>();
  auto with_key = std::make_shared<bool>(false);
  auto* sub = r.add("backup", "Write a consistent copy of the database (mode 0600); the subject key only with --with-key",
                    [file, with_key](cli::Context& ctx) {
                      auto s = ctx.session(Command::acct_backup);
                      const Backup b = backup(s, *file, *with_key);
                      const auto office_key = subject_key_of(s);
                      std::string key_note;
                      if (b.key)
                        key_note = ctx.t(fmt::format("copied to {} (0600): keep it apart from the backup", b.key->string()),
                                         fmt::format("已複製至 {}（0600）：請與備份分開保存", b.key->string()));
                      else if (b.office_has_key)
                        key_note = ctx.t(fmt::format("not copied; a restore imports system logs only with {} copied "
                                                     "beside it as {} (or back up with --with-key)",
                                                     office_key.string(), subject_key_path(b.file).string()),
                                         fmt::format("未複製；還原後須將 {} 複製為 {} 方能匯入稽核日誌（或以 --with-key 備份）",
                                                     office_key.string(), subject_key_path(b.file).string()));
                      else
                        key_note = ctx.t("none yet (no system log imported)", "尚無（未曾匯入稽核日誌）");
                      ctx.print(done(ctx, "backup written",
                                     {{"file", ctx.t("File", "檔案"), b.file.string()},
                                      {"key", ctx.t("Key copy", "金鑰複本"), b.key ? Cell(b.key->string()) : Cell()},
                                      {"key_note", ctx.t("Subject key", "查詢對象金鑰"), key_note}}));
                      return 0;
                    });
  cli::paths(sub->add_option("file", *file, "A new file"))->required();
  sub->add_flag("--with-key", *with_key,
                "Also copy the subject key to FILE.key (0600); with it, the masked IDs of the system log can be matched");
}

}  // namespace imcomply::acct
