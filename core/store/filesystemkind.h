#pragma once

#include <string>

namespace domaintune {

/**
 * What kind of file system holds a history file. SQLite's WAL mode keeps its index in shared
 * memory (the -shm file, mmap'ed), which only works when every connection runs on the same
 * machine; on NFS, CIFS/SMB and similar network file systems it can corrupt the database, and
 * their byte-range locks are unreliable. DomainTune therefore uses WAL on local disks and the
 * rollback journal (journal_mode=DELETE) with a warning on network file systems.
 */
struct FilesystemKind
{
    bool network = false; ///< NFS, CIFS/SMB, SMB2, AFS, Ceph, 9p, FUSE (sshfs, ...).
    std::string name;     ///< "nfs", "cifs", ... or "local".
};

/**
 * Identifies the file system holding @p directory with statfs(2)'s f_type. Returns
 * {false, "local"} when it cannot tell. Thread-safe.
 */
FilesystemKind filesystemKind(const std::string& directory);

} // namespace domaintune
