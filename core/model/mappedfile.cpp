#include "core/model/mappedfile.h"

#include "core/common/error.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace domaintune {
namespace {

/** Closes a file descriptor when it goes out of scope. */
class FdGuard
{
public:
    explicit FdGuard(int fd) : m_fd(fd) {}
    ~FdGuard()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FdGuard(const FdGuard&) = delete;
    FdGuard& operator=(const FdGuard&) = delete;
    int fd() const { return m_fd; }

private:
    int m_fd;
};

} // namespace

std::shared_ptr<const MappedFile> MappedFile::open(const std::string& path)
{
    const FdGuard file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (file.fd() < 0)
        throw Error(path, 0, std::string("cannot open the file: ") + std::strerror(errno),
                    "Check that the file exists and is readable.");
    struct stat info = {};
    if (::fstat(file.fd(), &info) != 0 || !S_ISREG(info.st_mode))
        throw Error(path, 0, "not a regular file", "Point at the checkpoint file itself.");
    const auto size = static_cast<std::size_t>(info.st_size);
    if (size == 0)
        return std::shared_ptr<const MappedFile>(new MappedFile(path, nullptr, 0));
    void* address = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, file.fd(), 0);
    if (address == MAP_FAILED)
        throw Error(path, 0,
                    std::string("cannot map the file into memory: ") + std::strerror(errno),
                    "Check free address space and that the file system supports mmap.");
    // Checkpoints are read whole: start read-ahead now rather than page by page on first touch.
    ::madvise(address, size, MADV_WILLNEED);
    return std::shared_ptr<const MappedFile>(
        new MappedFile(path, static_cast<const std::byte*>(address), size));
}

MappedFile::MappedFile(std::string path, const std::byte* data, std::size_t size)
    : m_path(std::move(path)), m_data(data), m_size(size)
{}

MappedFile::~MappedFile()
{
    if (m_data)
        ::munmap(const_cast<std::byte*>(m_data), m_size);
}

} // namespace domaintune
