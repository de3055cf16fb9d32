#pragma once

#include <cstddef>
#include <memory>
#include <string>

namespace domaintune {

/**
 * A whole file mapped read-only into memory (mmap). The mapping lives as long as the object;
 * share it through std::shared_ptr (RawTensor::owner) so tensors can point into it without a
 * copy. The kernel is asked to read ahead (MADV_WILLNEED); pages are faulted in on first touch.
 *
 * Immutable after construction: safe to read from several threads at once.
 */
class MappedFile
{
public:
    /**
     * Maps @p path read-only. Throws domaintune::Error naming the file when it cannot be
     * opened, is not a regular file, or cannot be mapped. An empty file maps to size() == 0.
     */
    static std::shared_ptr<const MappedFile> open(const std::string& path);

    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    /** Returns the first byte of the file (nullptr for an empty file). */
    const std::byte* data() const { return m_data; }
    /** Returns the file size in bytes. */
    std::size_t size() const { return m_size; }
    /** Returns the path the file was opened with (for error messages). */
    const std::string& path() const { return m_path; }

private:
    MappedFile(std::string path, const std::byte* data, std::size_t size);

    std::string m_path;
    const std::byte* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace domaintune
