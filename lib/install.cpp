#include "imcomply/install.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "imcomply/error.hpp"

#ifndef IMCOMPLY_SERVICE_DIR
#define IMCOMPLY_SERVICE_DIR "/var/lib/imcomply"
#endif

namespace imcomply {
namespace {

void drop_service_group() {
  const gid_t own = ::getgid();
  if (::setresgid(own, own, own) != 0)
    throw StorageError(fmt::format("cannot drop the service group: {}", std::strerror(errno)));
}

bool inside(const std::filesystem::path& path, const std::filesystem::path& dir) {
  auto p = path.begin();
  for (auto d = dir.begin(); d != dir.end(); ++d, ++p)
    if (p == path.end() || *p != *d) return false;
  return p != path.end();
}

}  // namespace

const std::filesystem::path& service_dir() {
  static const std::filesystem::path dir(IMCOMPLY_SERVICE_DIR);
  return dir;
}

bool setgid_install() { return ::getegid() != ::getgid(); }

const char* environment(const char* name) { return ::secure_getenv(name); }

std::filesystem::path confine_to_service_dir(const std::filesystem::path& path) {
  if (!setgid_install()) return path;
  std::error_code error;
  const auto dir = std::filesystem::canonical(service_dir(), error);
  if (!error) {
    const auto resolved = std::filesystem::weakly_canonical(std::filesystem::absolute(path), error);
    if (!error && inside(resolved, dir)) return resolved;
  }
  drop_service_group();
  return path;
}

CallerRights::CallerRights() {
  if (!setgid_install()) return;
  service_group_ = ::getegid();
  if (::setegid(::getgid()) != 0)
    throw StorageError(fmt::format("cannot take the caller's own group: {}", std::strerror(errno)));
  switched_ = true;
}

CallerRights::~CallerRights() {
  if (switched_) (void)::setegid(service_group_);  // the saved set-group-ID allows it back
}

}  // namespace imcomply
