// audit supervision: Annex 3 answered from the records (R4.5).
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "imcomply/audit.hpp"
#include "imcomply/forms.hpp"

namespace imcomply::audit {

void setup_supervision(cli::Registry& r) {
  auto year = std::make_shared<std::optional<int>>();
  auto* sub = r.add("supervision", "Annex 3 for a year: --format text (default), json or html; exit 1 if any answer is 否",
                    [year](cli::Context& ctx) {
                      const bool json = ctx.options_format() == "json";
                      const FormFormat form = json ? FormFormat::text : ctx.form_format();
                      auto s = ctx.session();
                      const Supervision sup = supervision(s, year->value_or(taiwan_date(ctx.now()).year));
                      if (json)
                        render(std::cout, supervision_document(sup), Format::json);
                      else
                        render_supervision(std::cout, sup, form);
                      for (const auto& i : sup.items)
                        if (!i.yes) return 1;
                      return 0;
                    });
  sub->add_option("--year", *year, "YYYY (default this year)");
}

}  // namespace imcomply::audit
