// audit monthly: Annex 2 drafted from the records, with the usage summary (R4.3).
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "imcomply/audit.hpp"
#include "imcomply/forms.hpp"

namespace imcomply::audit {

void setup_monthly(cli::Registry& r) {
  auto month = std::make_shared<std::string>();
  auto* sub = r.add("monthly", "Annex 2 for a month: --format text (default), json or html; exit 1 if an item does not conform",
                    [month](cli::Context& ctx) {
                      const bool json = ctx.options_format() == "json";
                      const FormFormat form = json ? FormFormat::text : ctx.form_format();
                      auto s = ctx.session();
                      const MonthlyAudit a = monthly_audit(s, parse_month(*month));
                      if (json)
                        render(std::cout, monthly_audit_document(a), Format::json);
                      else
                        render_monthly_audit(std::cout, a, form);
                      for (const auto& i : a.items)
                        if (i.result() == Verdict::nonconform) return 1;
                      return 0;
                    });
  sub->add_option("--month", *month, "YYYY-MM")->required();
}

}  // namespace imcomply::audit
