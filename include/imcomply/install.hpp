#pragma once
// The shared office server (spec §6): the programs installed setgid to a service group that owns
// the database directory, as crontab and locate are. Staff are not in the group, so they reach
// the records only through the programs, as themselves.
#include <sys/types.h>

#include <filesystem>

namespace imcomply {

/// The directory the service group owns (CMake IMCOMPLY_SERVICE_DIR, default /var/lib/imcomply).
const std::filesystem::path& service_dir();

/// True when this process runs with a group it was given by a setgid program, not its own.
bool setgid_install();

/// An environment variable as a setgid program may read it: through secure_getenv, so that a
/// caller's $IMCOMPLY_DB or $IMCOMPLY_CONFIG never steers the service group's rights.
const char* environment(const char* name);

/// The path to open for a --db or --config. In a setgid install, a path inside service_dir()
/// comes back canonical (symlinks resolved, so it cannot be swapped afterwards); for any other
/// the service group is dropped for good first, so the file opens with the caller's own rights.
std::filesystem::path confine_to_service_dir(const std::filesystem::path& path);

/// While it lives, a setgid program acts with the caller's own group, for opening a file the
/// caller named (an import, a key file, a backup target): such a file is theirs to read or make,
/// never the service group's (else `qlog import DIR/imcomply.db.key` would quote the key back).
/// A file opened meanwhile stays open after it. Outside a setgid install it does nothing.
class CallerRights {
 public:
  CallerRights();
  ~CallerRights();
  CallerRights(const CallerRights&) = delete;
  CallerRights& operator=(const CallerRights&) = delete;

 private:
  gid_t service_group_ = 0;
  bool switched_ = false;
};

}  // namespace imcomply
