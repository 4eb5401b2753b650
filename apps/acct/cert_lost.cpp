// acct cert-lost: a lost citizen certificate terminates the account at once (R3.6).
#include <memory>

#include "commands.hpp"
#include "imcomply/accounts.hpp"
#include "views.hpp"

namespace imcomply::acct {
namespace {

struct Options {
  std::string login, at;
  std::optional<std::string> notified_at, ref;
};

}  // namespace

void setup_cert_lost(cli::Registry& r) {
  auto o = std::make_shared<Options>();
  auto* sub = r.add("cert-lost", "Record a lost citizen certificate: terminates the account", [o](cli::Context& ctx) {
    auto s = ctx.session(Command::acct_cert_lost);
    const auto lost = cli::time_flag(o->at, "--at");
    const auto notified = cli::time_flag(o->notified_at, "--notified-at");
    record_cert_loss(s, o->login, *lost, notified, o->ref);
    const CertLoss loss{0, o->login, *lost, notified, o->ref};
    ctx.print(done(ctx, "certificate loss recorded; the account is terminated",
                   {{"login", ctx.t("Login", "帳號"), o->login},
                    {"agency_notified", ctx.t("Agency notified", "已通知移民署"),
                     notified ? Cell(ctx.time(*notified)) : Cell()},
                    {"finding", ctx.t("Finding", "缺失"),
                     loss.notified_late() ? Cell("the Agency was not told the same day (R3.6)") : Cell()}}));
    return 0;
  });
  cli::logins(sub->add_option("login", o->login, "Login"))->required();
  sub->add_option("--at", o->at, "When the certificate was lost")->required();
  sub->add_option("--notified-at", o->notified_at, "When the Agency was told");
  sub->add_option("--ref", o->ref, "Document reference");
}

}  // namespace imcomply::acct
