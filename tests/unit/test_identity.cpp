// Identity (spec §1 "actor"): the caller's OS user maps to a roster login; --as is on-behalf-of.
#include <doctest/doctest.h>

#include "fixture.hpp"
#include "imcomply/identity.hpp"

using namespace imcomply;
using namespace imcomply::test;

namespace {

/// An office where chen (admin) is OS user u_chen and wang (no role) is u_wang.
struct MappedOffice : OfficeDb {
  MappedOffice() {
    auto s = as();
    add_user(s, NewUser{"wang", "王小明", std::nullopt, std::nullopt, std::string("u_wang")});
    add_user(s, NewUser{"ho", "何美玲", std::nullopt, std::nullopt, std::nullopt});
  }
};

const Caller wang_os{"u_wang", false};

}  // namespace

TEST_CASE("a caller acts as the roster login mapped to their OS user") {
  MappedOffice office;
  CHECK(resolve_actor(*office.store, wang_os, std::nullopt, {}).login == "wang");
  CHECK(resolve_actor(*office.store, wang_os, std::nullopt, {}).os_login == "u_wang");
}

TEST_CASE("a login without a mapping of its own maps to the OS user of its name") {
  MappedOffice office;
  CHECK(resolve_actor(*office.store, Caller{"chen", false}, std::nullopt, {}).login == "chen");
  CHECK(resolve_actor(*office.store, Caller{"wang", false}, std::nullopt, {}).login.empty());  // wang is u_wang
}

TEST_CASE("a caller without admin may not act --as another person, not even to read") {
  MappedOffice office;
  CHECK_THROWS_AS(resolve_actor(*office.store, wang_os, std::string("chen"), {}), NotPermitted);
  CHECK(resolve_actor(*office.store, wang_os, std::string("wang"), {}).login == "wang");  // as oneself: fine
}

TEST_CASE("an administrator, root and the service user may act on behalf, and both names are kept") {
  MappedOffice office;
  const Actor by_admin = resolve_actor(*office.store, Caller{"chen", false}, std::string("wang"), {});
  CHECK(by_admin.login == "wang");
  CHECK(by_admin.os_login == "chen");
  CHECK(resolve_actor(*office.store, Caller{"root", true}, std::string("chen"), {}).login == "chen");
  AccessSettings access;
  access.service_user = "cron";
  CHECK(resolve_actor(*office.store, Caller{"cron", false}, std::string("chen"), access).login == "chen");
  CHECK_THROWS_AS(resolve_actor(*office.store, Caller{"cron", false}, std::string("chen"), {}), NotPermitted);
}

TEST_CASE("an unmapped OS user reads but every write refuses it") {
  MappedOffice office;
  const Actor nobody = resolve_actor(*office.store, Caller{"eve", false}, std::nullopt, {});
  CHECK(nobody.login.empty());
  CHECK_THROWS_AS(WriteTransaction(*office.store, nobody, Command::qlog_open, office.now), NotPermitted);
  Session s{*office.store, office.config, nobody, office.now};
  CHECK(list_users(s, std::nullopt).size() == 3);
}

TEST_CASE("one OS user acts as one roster login") {
  MappedOffice office;
  auto s = office.as();
  CHECK_THROWS_AS(add_user(s, NewUser{"lee", "李四", std::nullopt, std::nullopt, std::string("u_wang")}), RejectedInput);
  CHECK_THROWS_AS(add_user(s, NewUser{"lee", "李四", std::nullopt, std::nullopt, std::string("bad name")}), RejectedInput);
}
