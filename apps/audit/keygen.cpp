// audit keygen: an Ed25519 pair for signing checkpoints; the private half stays outside the database.
#include <memory>

#include "commands.hpp"
#include "imcomply/integrity.hpp"

namespace imcomply::audit {

void setup_keygen(cli::Registry& r) {
  auto out = std::make_shared<std::string>("imcomply-seal-key.pem");
  auto* sub = r.add("keygen", "Make a signing key pair: the private key to --out (0600), the public half into the database",
                    [out](cli::Context& ctx) {
                      auto s = ctx.session(Command::audit_keygen);
                      const std::string public_key = keygen(s, *out);
                      ctx.print(Document{{Record{"key", "",
                                                 {{"private_key", ctx.t("Private key (keep it away from the database)", "私鑰"), *out},
                                                  {"public_key", ctx.t("Public key", "公鑰"), public_key}}}}});
                      return 0;
                    });
  cli::paths(sub->add_option("--out", *out, "Where to write the private key: a new file, kept away from the database "
                                 "(default ./imcomply-seal-key.pem)"));
}

}  // namespace imcomply::audit
