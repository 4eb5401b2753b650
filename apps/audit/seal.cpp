// audit seal: records a checkpoint of the journal; the last line of output is SEQ:HASH.
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "imcomply/integrity.hpp"

namespace imcomply::audit {

void setup_seal(cli::Registry& r) {
  auto key = std::make_shared<std::optional<std::string>>();
  auto* sub = r.add("seal", "Record a checkpoint (signed with --key); prints SEQ:HASH last", [key](cli::Context& ctx) {
    auto s = ctx.session(Command::audit_seal);
    const Checkpoint c = seal(s, *key ? std::optional<std::filesystem::path>(**key) : std::nullopt);
    if (ctx.format() == Format::table) {
      std::cout << ctx.t("Sealed at ", "封存時間 ") << ctx.time(c.sealed_at) << (c.signature ? ctx.t(", signed", "，已簽章") : "")
                << '\n'
                << c.anchor.text() << '\n';  // last line: ready to copy onto paper or into a script
    } else {
      ctx.print(Document{{Record{"checkpoint", "",
                                 {{"seq", "seq", c.anchor.seq},
                                  {"hash", "hash", c.anchor.hash},
                                  {"sealed_at", "sealed_at", format_time(c.sealed_at)},
                                  {"signed", "signed", c.signature.has_value()},
                                  {"anchor", "anchor", c.anchor.text()}}}}});
    }
    return 0;
  });
  cli::paths(sub->add_option("--key", *key, "Ed25519 private key (PEM) from audit keygen"));
}

}  // namespace imcomply::audit
