#include "imcomply/data_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <optional>

#include <fmt/format.h>

#include "imcomply/error.hpp"
#include "imcomply/install.hpp"
#include "imcomply/system_log.hpp"

namespace imcomply {
namespace {

/// A file descriptor, closed on scope exit.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Fd& operator=(Fd&& other) noexcept {
    std::swap(fd_, other.fd_);
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }
  bool ok() const { return fd_ >= 0; }

 private:
  int fd_;
};

struct DevIno {
  dev_t device;
  ino_t inode;
  bool operator==(const DevIno&) const = default;
};
DevIno id_of(const struct stat& info) { return {info.st_dev, info.st_ino}; }

std::string kind_of(mode_t mode) {
  if (S_ISREG(mode)) return "a regular file";
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISLNK(mode)) return "a symbolic link";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  return "not a regular file";
}

/// The file as reached from / one component at a time, no link followed: the directory that
/// holds it (kept open, so that what is checked is what is unlinked), its name, what it is.
struct Located {
  Fd dir;
  std::string name;
  struct stat info {};
  bool in_root = false;  ///< a directory on its path is one of the roots
};

/// Walks an absolute, normal path; empty when the last component exists, else why not.
std::string locate(const std::filesystem::path& normal, const std::vector<DevIno>& roots, Located& out) {
  std::vector<std::string> parts;
  for (const auto& part : normal.relative_path()) parts.push_back(part.string());
  if (parts.empty() || parts.back().empty() || parts.back() == "." || parts.back() == "..")
    return "it is a directory, not a regular file";
  out.dir = Fd(::open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!out.dir.ok()) return fmt::format("cannot open /: {}", std::strerror(errno));
  std::filesystem::path reached = "/";
  for (std::size_t i = 0;; ++i) {
    struct stat dir_info {};
    if (::fstat(out.dir.get(), &dir_info) == 0)
      for (const auto& root : roots)
        if (id_of(dir_info) == root) out.in_root = true;
    if (i + 1 == parts.size()) break;
    reached /= parts[i];
    Fd next(::openat(out.dir.get(), parts[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!next.ok() && errno == EACCES)  // a directory one may pass through but not list (0711)
      next = Fd(::openat(out.dir.get(), parts[i].c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!next.ok()) {
      const int error = errno;
      struct stat what {};
      if (::fstatat(out.dir.get(), parts[i].c_str(), &what, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(what.st_mode))
        return fmt::format("{} is a symbolic link (no link may be on the path)", reached.string());
      if (error == ENOENT) return fmt::format("{} does not exist", reached.string());
      if (error == ENOTDIR) return fmt::format("{} is not a directory", reached.string());
      return fmt::format("cannot open {}: {}", reached.string(), std::strerror(error));
    }
    out.dir = std::move(next);
  }
  out.name = parts.back();
  if (::fstatat(out.dir.get(), out.name.c_str(), &out.info, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return "it does not exist";
    return fmt::format("cannot read it: {}", std::strerror(errno));
  }
  return "";
}

std::vector<DevIno> root_ids(const FileRules& rules) {
  std::vector<DevIno> ids;
  for (const auto& root : rules.roots) {
    struct stat info {};
    if (::stat(root.c_str(), &info) == 0 && S_ISDIR(info.st_mode)) ids.push_back(id_of(info));
  }
  return ids;
}

/// The database's own files: the database, its -wal, -shm and -journal, its subject key.
std::vector<std::filesystem::path> database_files(const std::filesystem::path& database) {
  const std::string db = database.string();
  return {database, db + "-wal", db + "-shm", db + "-journal", subject_key_path(database)};
}

std::string own_file(const std::filesystem::path& own) {
  return fmt::format("it is the database's own file {}; that is never data to destroy", own.string());
}

/// Empty unless `normal` names one of the database's own files, whether or not it exists now
/// (a -wal is made again by the next writer).
std::string database_name(const std::filesystem::path& normal, const FileRules& rules) {
  for (const auto& own : database_files(rules.database)) {
    std::error_code ignored;
    const auto absolute = std::filesystem::absolute(own, ignored).lexically_normal();
    bool same = absolute == normal;
    // Through its real directory too, should the database be opened through a link.
    if (char* dir = ::realpath(absolute.parent_path().c_str(), nullptr)) {
      same = same || std::filesystem::path(dir) / absolute.filename() == normal;
      std::free(dir);
    }
    if (same) return own_file(own);
  }
  return "";
}

/// Empty unless the file `info` describes is one of the database's own files, under any name.
std::string database_inode(const struct stat& info, const FileRules& rules) {
  for (const auto& own : database_files(rules.database)) {
    struct stat own_info {};
    if (::stat(own.c_str(), &own_info) == 0 && id_of(own_info) == id_of(info)) return own_file(own);
  }
  return "";
}

/// What registration and destruction both require of a file already located; empty when it holds.
std::string file_problem(const std::filesystem::path& normal, const Located& at, const FileRules& rules) {
  if (!S_ISREG(at.info.st_mode)) return fmt::format("it is {}, not a regular file", kind_of(at.info.st_mode));
  if (at.info.st_nlink != 1)
    return fmt::format("it has {} hard links (another name could keep or change its content)", at.info.st_nlink);
  if (auto own = database_name(normal, rules); !own.empty()) return own;
  if (auto own = database_inode(at.info, rules); !own.empty()) return own;
  if (rules.roots.empty()) return "no directory is allowed: [data] file_roots is not set";
  if (!at.in_root) return "it is outside the directories of [data] file_roots";
  return "";
}

std::string no_roots_hint() {
  return "list the directories that may hold files for destruction in the config: [data] file_roots = "
         "[\"/srv/imcomply/files\"] (see imcomply(7))";
}

}  // namespace

RegisteredFile check_registration(const std::filesystem::path& path, const FileRules& rules) {
  const std::string given = path.string();
  if (rules.roots.empty())
    throw RejectedInput(fmt::format("--file {}: no directory allows registered files ([data] file_roots is not set)", given),
                        no_roots_hint());
  std::error_code error;
  const auto absolute = std::filesystem::absolute(path, error);
  if (error || given.empty()) throw RejectedInput(fmt::format("--file {}: not a usable path", given));
  const auto normal = absolute.lexically_normal();
  if (auto own = database_name(normal, rules); !own.empty()) throw RejectedInput(fmt::format("--file {}: {}", given, own));
  // The walk is the caller's: in a setgid install the service group's rights must not reveal or
  // reach a file the caller cannot see.
  const CallerRights caller;
  Located at;
  if (auto problem = locate(normal, root_ids(rules), at); !problem.empty())
    throw RejectedInput(fmt::format("--file {}: {}", given, problem));
  if (auto problem = file_problem(normal, at, rules); !problem.empty())
    throw RejectedInput(fmt::format("--file {}: {}", given, problem),
                        problem.find("file_roots") != std::string::npos ? no_roots_hint() : std::string());
  // Purge destroys what is registered: only the file's owner (or root) may put it up for that.
  if (::getuid() != 0 && at.info.st_uid != ::getuid())
    throw RejectedInput(fmt::format("--file {}: it belongs to another user; only its owner registers it for destruction",
                                    given));
  // `a/../b` goes where the kernel goes: through a link `a`, elsewhere than the text says.
  char* real = ::realpath(absolute.c_str(), nullptr);
  const bool same = real && normal == std::filesystem::path(real);
  std::free(real);
  if (!same) throw RejectedInput(fmt::format("--file {}: the path goes through a symbolic link ('..' after it)", given));
  return RegisteredFile{normal.string(), static_cast<std::uint64_t>(at.info.st_dev),
                        static_cast<std::uint64_t>(at.info.st_ino)};
}

std::string destroy_registered(const RegisteredFile& file, const FileRules& rules, bool dry_run) {
  const std::filesystem::path normal(file.path);
  if (!normal.is_absolute() || normal.lexically_normal() != normal)
    return "the registered path is not absolute and normal; nothing destroyed";
  Located at;
  if (auto problem = locate(normal, root_ids(rules), at); !problem.empty())
    return fmt::format("{}; nothing destroyed", problem);
  const DevIno registered{static_cast<dev_t>(file.device), static_cast<ino_t>(file.inode)};
  const auto replaced = [&](const struct stat& info) -> std::string {
    if (!S_ISREG(info.st_mode)) return fmt::format("it was replaced by {}; nothing destroyed", kind_of(info.st_mode));
    if (id_of(info) != registered) return "it was replaced by another file (another inode); nothing destroyed";
    return "";
  };
  if (auto problem = replaced(at.info); !problem.empty()) return problem;
  if (auto problem = file_problem(normal, at, rules); !problem.empty()) return fmt::format("{}; nothing destroyed", problem);

  // O_NONBLOCK: a FIFO swapped in since the check above never makes purge wait for a reader.
  Fd fd(::openat(at.dir.get(), at.name.c_str(), O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (!fd.ok()) {
    if (errno == ELOOP) return "it was replaced by a symbolic link; nothing destroyed";
    if (errno == ENXIO) return "it was replaced by a FIFO; nothing destroyed";
    return fmt::format("cannot open it for writing: {}; nothing destroyed", std::strerror(errno));
  }
  if (::fstat(fd.get(), &at.info) != 0) return fmt::format("cannot read it: {}; nothing destroyed", std::strerror(errno));
  if (auto problem = replaced(at.info); !problem.empty()) return problem;
  if (at.info.st_nlink != 1) return fmt::format("it has {} hard links now; nothing destroyed", at.info.st_nlink);
  if (::faccessat(at.dir.get(), ".", W_OK | X_OK, AT_EACCESS) != 0)
    return fmt::format("cannot unlink it from its directory: {}; nothing destroyed", std::strerror(errno));
  if (dry_run) return "";

  static const std::array<char, 65536> zeros{};
  for (off_t done = 0; done < at.info.st_size;) {
    const auto chunk = static_cast<std::size_t>(std::min<off_t>(at.info.st_size - done, zeros.size()));
    const ssize_t written = ::pwrite(fd.get(), zeros.data(), chunk, done);
    if (written <= 0)
      return fmt::format("cannot overwrite it: {}; partly overwritten, not unlinked", std::strerror(written < 0 ? errno : EIO));
    done += written;
  }
  if (::fsync(fd.get()) != 0) return fmt::format("cannot sync it: {}; overwritten, not unlinked", std::strerror(errno));
  // The name may have been moved onto another file meanwhile: unlink only the one overwritten.
  struct stat now {};
  if (::fstatat(at.dir.get(), at.name.c_str(), &now, AT_SYMLINK_NOFOLLOW) != 0 || id_of(now) != registered)
    return "its name was moved to another file while it was overwritten; overwritten, not unlinked";
  if (::unlinkat(at.dir.get(), at.name.c_str(), 0) != 0)
    return fmt::format("cannot unlink it: {}; overwritten, not unlinked", std::strerror(errno));
  ::fsync(at.dir.get());  // the unlink itself survives a power cut
  return "";
}

}  // namespace imcomply
