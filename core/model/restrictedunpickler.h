#pragma once

#include "core/model/bytereader.h"
#include "core/model/picklevalue.h"

#include <cstddef>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace domaintune {

/**
 * Reads one Python pickle (protocols 2 to 5) WITHOUT executing anything: it is a stack machine
 * over the opcodes that torch.save emits (containers, strings, numbers, memo, GLOBAL,
 * STACK_GLOBAL, REDUCE, BUILD, NEWOBJ, BINPERSID, ...). GLOBAL is allow-listed (see
 * torchpickleglobals.h): collections.OrderedDict, torch's tensor and parameter rebuilders and
 * the typed storage classes; any other global (builtins.eval, os.system, a model class) is
 * refused with a domaintune::Error naming it. Persistent ids become Storage values that the
 * caller attaches bytes to.
 *
 * Every length is checked against the remaining bytes, so a truncated or fuzzed pickle gives an
 * Error, never a crash. One instance reads one pickle; not thread-safe.
 */
class RestrictedUnpickler
{
public:
    /** Reads from @p data (@p size bytes) of @p file (for messages). */
    RestrictedUnpickler(const std::byte* data, std::size_t size, std::string file);

    /** Runs the pickle to its STOP opcode and returns the value it built. Throws on error. */
    PickleRef load();
    /** Returns how many bytes load() consumed (legacy files chain several pickles). */
    std::size_t consumed() const { return m_reader.position(); }
    /** Returns every storage the pickle named, by key (after load()). */
    const std::map<std::string, StorageRef>& storages() const { return m_storages; }

private:
    bool step(std::uint8_t opcode);
    bool scalarOp(std::uint8_t opcode);
    bool numberOp(std::uint8_t opcode);
    bool stringOp(std::uint8_t opcode);
    bool containerOp(std::uint8_t opcode);
    bool buildOp(std::uint8_t opcode);
    bool memoOp(std::uint8_t opcode);
    bool objectOp(std::uint8_t opcode);

    void push(PickleRef value) { m_stack.push_back(std::move(value)); }
    PickleRef pop();
    PickleRef& top();
    std::vector<PickleRef> popMark();
    void pushGlobal(const std::string& module, const std::string& name);
    void recordStorage(const PickleRef& storage);
    void putMemo(std::uint64_t index);
    void getMemo(std::uint64_t index);
    void appendItems(PickleValue& list, std::vector<PickleRef> items);
    void setItems(PickleValue& dict, std::vector<PickleRef> items);
    std::string line(const char* what);
    [[noreturn]] void fail(const std::string& what) const;

    ByteReader m_reader;
    std::size_t m_opcodeAt = 0;
    std::vector<PickleRef> m_stack;
    std::vector<std::size_t> m_marks;
    std::unordered_map<std::uint64_t, PickleRef> m_memo;
    std::map<std::string, StorageRef> m_storages;
};

} // namespace domaintune
