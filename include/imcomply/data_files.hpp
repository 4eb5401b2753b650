#pragma once
// R3.7: the electronic copies of obtained data that purge destroys. A file is registered only
// where it cannot stand for another (no symbolic link on its path, one hard link, inside a
// directory of [data] file_roots, never one of the database's own files), and purge destroys
// only that same file: the same device and inode, reached without following a link.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace imcomply {

/// A registered file: its canonical absolute path, and the device and inode it had then.
struct RegisteredFile {
  std::string path;
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
};

/// Where registered files may be, and the database whose files they may never be.
struct FileRules {
  std::vector<std::filesystem::path> roots;  ///< [data] file_roots
  std::filesystem::path database;            ///< with its -wal, -shm, -journal and subject key
};

/// Checks a --file for registration; a relative path is taken from the working directory and
/// returned absolute. Refusals throw RejectedInput (exit 3) saying why.
RegisteredFile check_registration(const std::filesystem::path& path, const FileRules& rules);

/// Overwrites the registered file with zeros, syncs it, and unlinks it from the directory it was
/// reached through, after checking it is still that file and allowed; with dry_run, the same
/// checks and nothing else. Empty when done (or when it would be), else the problem.
std::string destroy_registered(const RegisteredFile& file, const FileRules& rules, bool dry_run);

}  // namespace imcomply
