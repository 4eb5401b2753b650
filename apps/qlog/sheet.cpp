// qlog sheet: the month's Annex 1 form (附件一 應用移民資訊資料日誌表).
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "imcomply/forms.hpp"

namespace imcomply::qlog {

void setup_sheet(cli::Registry& r) {
  auto month = std::make_shared<std::string>();
  auto* sub = r.add("sheet", "Print the month's usage-log sheet: --format text, csv or html", [month](cli::Context& ctx) {
    const FormFormat format = ctx.form_format();
    auto s = ctx.session();
    render_usage_sheet(std::cout, usage_sheet(s, parse_month(*month)), format);
    return 0;
  });
  sub->add_option("--month", *month, "YYYY-MM")->required();
}

}  // namespace imcomply::qlog
