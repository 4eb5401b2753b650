// acct handover: lists a person's usage-log entries and obtained data of a period for signing, and
// records that they pass to someone else (R3.1: 列冊移交). --format text or html prints the form
// to sign (查詢紀錄文件資料移交清冊); table, json and csv the same lists as data.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "common/usage_views.hpp"
#include "imcomply/forms.hpp"
#include "imcomply/usage.hpp"
#include "views.hpp"

namespace imcomply::acct {
namespace {

struct Options {
  std::string login, to;
  std::optional<std::string> date, from, until;
};

}  // namespace

void setup_handover(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("handover", "List LOGIN's query records of a period and hand them to OTHER; --format text or html prints the list to sign", [o](cli::Context& ctx) {
    // Which family of output, decided before anything is written: the form, or the lists as data.
    const std::string& format = ctx.options_format();
    const bool form = format == "text" || format == "html";
    const FormFormat form_format = form ? ctx.form_format() : FormFormat::text;
    if (!form) ctx.format();  // an unknown --format is a usage error before the handover is recorded
    auto s = ctx.session(Command::acct_handover);
    const Handover h = handover(s, HandoverRequest{o->login, o->to, cli::date_flag(o->date, "--date"),
                                                   cli::date_flag(o->from, "--from"), cli::date_flag(o->until, "--until")});
    if (form) {
      render_handover(std::cout, h, form_format);
      return 0;
    }
    Record head{"handover", ctx.t("Handover list (列冊移交)", "查詢紀錄移交清冊"),
                {{"from", ctx.t("From", "移交人"), h.login},
                 {"to", ctx.t("To", "接收人"), h.to},
                 {"date", ctx.t("Date", "日期"), ctx.date(h.on)},
                 {"period_from", ctx.t("Period from", "期間起"), ctx.date(h.from)},
                 {"period_until", ctx.t("Period until", "期間迄"), ctx.date(h.until)},
                 {"entries", ctx.t("Usage-log entries", "日誌筆數"), static_cast<std::int64_t>(h.entries.size())},
                 {"data_items", ctx.t("Data items listed", "資料筆數"), static_cast<std::int64_t>(h.data_items())},
                 {"checkpoint", ctx.t("Journal checkpoint", "日誌檢查點"), h.checkpoint ? Cell(*h.checkpoint) : Cell()},
                 {"signatures", ctx.t("Signatures", "簽章"), "移交人：＿＿＿＿　接收人：＿＿＿＿　監交人：＿＿＿＿"}}};
    Table entries = cli::entry_table(ctx, h.entries);
    entries.title = ctx.t("Usage-log entries of the period", "期間內應用移民資訊資料日誌");
    Table data = cli::data_table(ctx, h.data);
    data.title = ctx.t("Data obtained in the period", "期間內查詢所得資料");
    Table pending = cli::data_table(ctx, h.pending);
    pending.key = "pending";
    pending.title = ctx.t("Data still to destroy (any date)", "尚待銷毀資料（不限期間）");
    ctx.print(Document{{head, entries, data, pending}});
    return 0;
  });
  cli::logins(sub->add_option("login", o->login, "Whose records"))->required();
  cli::logins(sub->add_option("--to", o->to, "Who receives them"))->required();
  sub->add_option("--date", o->date, "Date of the handover (default today)");
  sub->add_option("--from", o->from, "First day of the period (default: the day of LOGIN's last handover, else their first entry)");
  sub->add_option("--until", o->until, "Last day of the period (default the handover's date; --to names the receiver)");
}

}  // namespace imcomply::acct
