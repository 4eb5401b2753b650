// audit record: the auditor's judgement of one item of the month's Annex 2.
#include <memory>

#include "commands.hpp"
#include "imcomply/audit.hpp"

namespace imcomply::audit {
namespace {

struct Options {
  std::string month, result, note;
  int item = 0;
  cli::AfterSigningOptions late;
};

}  // namespace

void setup_record(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("record", "Record the result of an Annex 2 item: --result conform|nonconform --note TEXT", [o](cli::Context& ctx) {
    auto s = ctx.session(Command::audit_record);
    const Month month = parse_month(o->month);
    record_audit(s, month, o->item, parse_verdict(o->result), o->note, o->late.value());
    ctx.print(Document{{Record{"record", "",
                               {{"month", ctx.t("Month", "月份"), month.text()},
                                {"item", ctx.t("Item", "稽核項目"), static_cast<std::int64_t>(o->item)},
                                {"result", ctx.t("Result", "稽核結果"), o->result}}}}});
    return 0;
  });
  sub->add_option("--month", o->month, "YYYY-MM")->required();
  cli::choices(sub->add_option("--item", o->item, "1 to 4"), {"1", "2", "3", "4"})->required();
  cli::choices(sub->add_option("--result", o->result, "conform or nonconform (符合, 不符)"), {"conform", "nonconform"})
      ->required()
      ->check(CLI::IsMember({"conform", "nonconform", "符合", "不符"}));
  sub->add_option("--note", o->note, "辦理情形說明")->required();
  o->late.add_to(sub);
}

}  // namespace imcomply::audit
