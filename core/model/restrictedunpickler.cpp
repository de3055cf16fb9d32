#include "core/model/restrictedunpickler.h"

#include "core/common/error.h"
#include "core/model/torchpickleglobals.h"

#include <cstdio>
#include <cstring>

namespace domaintune {
namespace {

const char* const kCorruptHint = "The file is truncated or corrupt; download it again.";

std::int64_t signedLittleEndian(const std::byte* data, std::size_t width)
{
    std::uint64_t value = readLittleEndian(data, width);
    if (width < 8 && width > 0 && (value >> (width * 8 - 1)) & 1u)
        value |= ~std::uint64_t(0) << (width * 8); // sign-extend
    return static_cast<std::int64_t>(value);
}

} // namespace

RestrictedUnpickler::RestrictedUnpickler(const std::byte* data, std::size_t size, std::string file)
    : m_reader(data, size, std::move(file))
{}

void RestrictedUnpickler::fail(const std::string& what) const
{
    throw Error(m_reader.file(), 0,
                "pickle opcode at byte " + std::to_string(m_opcodeAt) + ": " + what, kCorruptHint);
}

PickleRef RestrictedUnpickler::load()
{
    for (;;) {
        m_opcodeAt = m_reader.position();
        const std::uint8_t opcode = m_reader.u8("a pickle opcode");
        if (opcode == '.') { // STOP
            if (m_stack.size() != 1 || !m_marks.empty())
                fail("STOP with " + std::to_string(m_stack.size()) + " values on the stack");
            return pop();
        }
        if (!step(opcode)) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", opcode);
            fail(std::string("unsupported opcode ") + hex +
                 " (not one that torch.save writes for a state dict)");
        }
    }
}

bool RestrictedUnpickler::step(std::uint8_t opcode)
{
    return scalarOp(opcode) || stringOp(opcode) || containerOp(opcode) || memoOp(opcode) ||
           objectOp(opcode);
}

PickleRef RestrictedUnpickler::pop()
{
    const std::size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() <= floor)
        fail("needs a value but the stack is empty");
    PickleRef value = std::move(m_stack.back());
    m_stack.pop_back();
    return value;
}

PickleRef& RestrictedUnpickler::top()
{
    const std::size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() <= floor)
        fail("needs a value but the stack is empty");
    return m_stack.back();
}

std::vector<PickleRef> RestrictedUnpickler::popMark()
{
    if (m_marks.empty())
        fail("needs a MARK but there is none");
    const std::size_t mark = m_marks.back();
    m_marks.pop_back();
    std::vector<PickleRef> items(std::make_move_iterator(m_stack.begin() + mark),
                                 std::make_move_iterator(m_stack.end()));
    m_stack.resize(mark);
    return items;
}

bool RestrictedUnpickler::scalarOp(std::uint8_t opcode)
{
    switch (opcode) {
    case 0x80: { // PROTO
        const std::uint8_t version = m_reader.u8("the protocol version");
        if (version < 2 || version > 5)
            fail("pickle protocol " + std::to_string(version) + " (supported: 2 to 5)");
        return true;
    }
    case 0x95: // FRAME: a length hint only
        m_reader.u64("a frame length");
        return true;
    case 'N':
        push(makePickle(PickleKind::None));
        return true;
    case 0x88:   // NEWTRUE
    case 0x89: { // NEWFALSE
        auto value = makePickle(PickleKind::Bool);
        value->boolean = opcode == 0x88;
        push(std::move(value));
        return true;
    }
    default:
        return numberOp(opcode);
    }
}

bool RestrictedUnpickler::numberOp(std::uint8_t opcode)
{
    switch (opcode) {
    case 'J': // BININT
        push(makePickleInt(signedLittleEndian(m_reader.bytes(4, "an integer"), 4)));
        return true;
    case 'K': // BININT1
        push(makePickleInt(m_reader.u8("an integer")));
        return true;
    case 'M': // BININT2
        push(makePickleInt(m_reader.u16("an integer")));
        return true;
    case 0x8a:   // LONG1
    case 0x8b: { // LONG4
        const std::uint64_t width =
            opcode == 0x8a ? m_reader.u8("a long's length") : m_reader.u32("a long's length");
        if (width > 8)
            fail("an integer of " + std::to_string(width) + " bytes is too large");
        push(makePickleInt(signedLittleEndian(m_reader.bytes(width, "a long"), width)));
        return true;
    }
    case 'G': { // BINFLOAT: big-endian IEEE double
        const std::byte* bytes = m_reader.bytes(8, "a float");
        std::uint64_t bits = 0;
        for (int i = 0; i < 8; ++i)
            bits = (bits << 8) | std::to_integer<std::uint64_t>(bytes[i]);
        auto value = makePickle(PickleKind::Float);
        std::memcpy(&value->real, &bits, sizeof bits);
        push(std::move(value));
        return true;
    }
    default:
        return false;
    }
}

bool RestrictedUnpickler::stringOp(std::uint8_t opcode)
{
    std::uint64_t length = 0;
    bool bytes = false;
    switch (opcode) {
    case 'X': // BINUNICODE
        length = m_reader.u32("a string length");
        break;
    case 0x8c: // SHORT_BINUNICODE
        length = m_reader.u8("a string length");
        break;
    case 0x8d: // BINUNICODE8
        length = m_reader.u64("a string length");
        break;
    case 'T': // BINSTRING (Python 2 str)
        length = m_reader.u32("a string length");
        break;
    case 'U': // SHORT_BINSTRING
        length = m_reader.u8("a string length");
        break;
    case 'B': // BINBYTES
        length = m_reader.u32("a bytes length"), bytes = true;
        break;
    case 'C': // SHORT_BINBYTES
        length = m_reader.u8("a bytes length"), bytes = true;
        break;
    case 0x8e: // BINBYTES8
        length = m_reader.u64("a bytes length"), bytes = true;
        break;
    default:
        return false;
    }
    if (length > m_reader.remaining())
        fail("a string of " + std::to_string(length) + " bytes runs past the end (" +
             std::to_string(m_reader.remaining()) + " bytes left)");
    push(makePickleString(m_reader.string(length, "a string"), bytes));
    return true;
}

} // namespace domaintune
