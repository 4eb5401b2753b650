// acct backup: a consistent private copy through VACUUM INTO (spec §7).
#include <memory>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {

void setup_backup(cli::Registry& r) {
  auto file = std::make_shared<std::string>();
  auto* sub = r.add("backup", "Write a consistent copy of the database (mode 0600)", [file](cli::Context& ctx) {
    auto s = ctx.session("acct.backup");
    const auto key = backup(s, *file);
    std::vector<Field> fields = {{"file", ctx.t("File", "檔案"), *file}};
    if (key) fields.push_back({"key", ctx.t("Subject key", "查詢對象金鑰"), key->string()});
    ctx.print(done(ctx, "backup written", fields));
    return 0;
  });
  sub->add_option("file", *file, "A new file")->required();
}

}  // namespace imcomply::acct
