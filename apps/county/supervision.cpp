// county supervision --office CODE [--year YYYY]: Annex 3 for an office from its last verified
// file, as the office's own evaluators answered it at collection; exit 1 if any answer is 否.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "imcomply/county.hpp"
#include "imcomply/forms.hpp"
#include "imcomply/text.hpp"

namespace imcomply::county_app {
namespace {

struct Options {
  std::string office;
  std::optional<int> year;
};

}  // namespace

void setup_supervision(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("supervision", "Annex 3 for an office from its last verified file: --format text (default), json or html; exit 1 if any answer is 否",
                    [o](cli::Context& ctx) {
                      const bool json = ctx.options_format() == "json";
                      const FormFormat form = json ? FormFormat::text : ctx.form_format();
                      if (form == FormFormat::csv) throw UsageError("county supervision prints text, json or html");
                      auto s = ctx.county_session();
                      const county::CountySupervision sup = county::supervision(s, o->office, o->year);
                      if (json) {
                        Document doc = supervision_document(sup.form);
                        doc.parts.push_back(Record{"collected", "",
                                                   {{"file", "file", sup.file},
                                                    {"sha256", "sha256", sup.sha256},
                                                    {"collected_at", "collected_at", format_time(sup.collected_at)}}});
                        render(std::cout, doc, Format::json);
                      } else {
                        render_supervision(std::cout, sup.form, form);
                        if (form == FormFormat::text)
                          std::cout << ctx.t("From the file ", "依據檔案 ") << printable(sup.file) << " (SHA-256 " << sup.sha256
                                    << ctx.t(", collected ", "，收件 ") << ctx.time(sup.collected_at) << ")\n";
                      }
                      for (const auto& i : sup.form.items)
                        if (!i.yes) return 1;
                      return 0;
                    });
  sub->add_option("--office", o->office, "The office's code")->required();
  sub->add_option("--year", o->year, "YYYY (default the latest year the file answers)");
}

}  // namespace imcomply::county_app
