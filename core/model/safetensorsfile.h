#pragma once

#include "core/model/checkpoint.h"
#include "core/model/rawtensor.h"

#include <map>
#include <string>
#include <vector>

namespace domaintune {

/**
 * A `.safetensors` file, memory-mapped and validated.
 *
 * open() maps the file read-only and checks the whole header before returning: the 8-byte
 * little-endian header length, that the header is a JSON object, and for every tensor its
 * dtype, shape and data_offsets (inside the data section, matching the shape, not overlapping
 * another tensor, names unique). The tensors point into the mapping (no copy); each holds the
 * mapping alive through RawTensor::owner. Data offsets need not be aligned, so
 * RawTensor::data may be unaligned for its dtype. Gaps between tensors are tolerated.
 *
 * Immutable after open(): safe to read from several threads at once.
 */
class SafetensorsFile
{
public:
    /**
     * Maps and validates @p path. Throws domaintune::Error naming the file, the tensor and the
     * numbers involved, with advice, when anything is wrong.
     */
    static SafetensorsFile open(const std::string& path);

    /** Returns the path the file was opened with. */
    const std::string& path() const { return m_path; }
    /** Returns the tensors in data-offset order. */
    const std::vector<RawTensor>& tensors() const { return m_tensors; }
    /** Returns the string map stored under "__metadata__" (empty when absent). */
    const std::map<std::string, std::string>& metadata() const { return m_metadata; }

    /** Returns the file's contents as a Checkpoint (format "safetensors"). */
    Checkpoint toCheckpoint() const;

private:
    std::string m_path;
    std::vector<RawTensor> m_tensors;
    std::map<std::string, std::string> m_metadata;
};

/**
 * Parses a safetensors dtype name ("F32", "BF16", ...). Throws domaintune::Error naming @p file,
 * @p tensor and the supported names for anything else. Thread-safe.
 */
DType parseSafetensorsDType(const std::string& name, const std::string& file,
                            const std::string& tensor);

} // namespace domaintune
