// audit verify: the journal's chain, its rows, checkpoints, signatures and anchors (spec §7).
#include <iostream>
#include <string>
#include <vector>
#include <memory>

#include "commands.hpp"
#include "imcomply/integrity.hpp"

namespace imcomply::audit {

void setup_verify(cli::Registry& r) {
  auto anchors = std::make_shared<std::vector<std::string>>();
  auto key_files = std::make_shared<std::vector<std::string>>();
  auto quiet = std::make_shared<bool>(false);
  auto* sub = r.add("verify", "Check the journal; name the first broken record and exit 1 on any tampering",
                    [anchors, key_files, quiet](cli::Context& ctx) {
                      auto s = ctx.session();
                      std::vector<Anchor> parsed;
                      for (const auto& a : *anchors) parsed.push_back(parse_anchor(a));
                      std::vector<std::string> keys;
                      for (const auto& file : *key_files) keys.push_back(read_public_key(file));
                      const Verification v = verify(s, parsed, keys);
                      Record result{"verify", "",
                                    {{"result", ctx.t("Result", "結果"), ctx.term(v.ok() ? "intact" : "BROKEN")},
                                     {"records", ctx.t("Journal records", "日誌筆數"), v.records},
                                     {"rows", ctx.t("Rows checked", "資料列"), v.rows},
                                     {"checkpoints", ctx.t("Checkpoints", "檢查點"), v.checkpoints},
                                     {"anchors", ctx.t("Anchors", "錨點"), v.anchors}}};
                      Table problems{"problems", "", {{"problem", ctx.t("Problem", "問題")}}, {}};
                      for (const auto& p : v.problems) problems.rows.push_back({p});
                      if (!(*quiet && v.ok())) ctx.print(v.ok() ? Document{{result}} : Document{{result, problems}});
                      // spec §4: say what was not proved; --quiet (cron) leaves it to the man page.
                      if (!v.anchored && !*quiet)
                        std::cerr << ctx.t("audit: note: only the file's internal consistency was proved; give --anchor "
                                           "SEQ:HASH or --public-key FILE to check it against what is kept outside it\n",
                                           "audit: 注意：僅證明檔案內部一致；請以 --anchor SEQ:HASH 或 --public-key FILE "
                                           "核對檔案外保存之錨點\n");
                      return v.ok() ? 0 : 1;
                    });
  sub->add_option("--anchor", *anchors, "SEQ:HASH from a seal or a signed form (repeatable)");
  sub->add_option("--public-key", *key_files,
                  "The audit team's Ed25519 public key (hex as keygen printed it, or PEM): signed checkpoints must be "
                  "signed by it (repeatable)");
  cli::add_quiet_flag(sub, *quiet);
}

}  // namespace imcomply::audit
