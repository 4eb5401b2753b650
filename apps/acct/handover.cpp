// acct handover: lists a person's usage-log entries and retained data for signing, and records
// that they pass to someone else (R3.1: 列冊移交).
#include <memory>

#include "commands.hpp"
#include "common/usage_views.hpp"
#include "imcomply/usage.hpp"
#include "views.hpp"

namespace imcomply::acct {
namespace {

struct Options {
  std::string login, to;
  std::optional<std::string> date;
};

}  // namespace

void setup_handover(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("handover", "List LOGIN's query records for signing and hand them to OTHER", [o](cli::Context& ctx) {
    auto s = ctx.session(Command::acct_handover);
    const Handover h = handover(s, o->login, o->to, cli::date_flag(o->date, "--date"));
    Record head{"handover", ctx.t("Handover list (列冊移交)", "查詢紀錄移交清冊"),
                {{"from", ctx.t("From", "移交人"), h.login},
                 {"to", ctx.t("To", "接收人"), h.to},
                 {"date", ctx.t("Date", "日期"), ctx.date(h.on)},
                 {"entries", ctx.t("Usage-log entries", "日誌筆數"), static_cast<std::int64_t>(h.entries.size())},
                 {"data_items", ctx.t("Data items retained", "保管資料"), static_cast<std::int64_t>(h.data.size())},
                 {"signatures", ctx.t("Signatures", "簽章"), "移交人：＿＿＿＿　接收人：＿＿＿＿　監交人：＿＿＿＿"}}};
    Table entries = cli::entry_table(ctx, h.entries);
    entries.title = ctx.t("Usage-log entries", "應用移民資訊資料日誌");
    Table data = cli::data_table(ctx, h.data);
    data.title = ctx.t("Data retained", "保管之查詢資料");
    ctx.print(Document{{head, entries, data}});
    return 0;
  });
  cli::logins(sub->add_option("login", o->login, "Whose records"))->required();
  cli::logins(sub->add_option("--to", o->to, "Who receives them"))->required();
  sub->add_option("--date", o->date, "Date of the handover (default today)");
}

}  // namespace imcomply::acct
