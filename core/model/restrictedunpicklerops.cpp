// The container, memo and object opcodes of RestrictedUnpickler (restrictedunpickler.cpp holds
// the loop, the stack and the scalar opcodes).
#include "core/common/error.h"
#include "core/model/restrictedunpickler.h"
#include "core/model/torchpickleglobals.h"

namespace domaintune {
namespace {

PickleRef makeSequence(PickleKind kind, std::vector<PickleRef> items)
{
    auto value = makePickle(kind);
    value->items = std::move(items);
    return value;
}

} // namespace

void RestrictedUnpickler::appendItems(PickleValue& list, std::vector<PickleRef> items)
{
    if (list.kind != PickleKind::List)
        fail("APPEND to " + list.describe() + ", not a list");
    for (auto& item : items)
        list.items.push_back(std::move(item));
}

void RestrictedUnpickler::setItems(PickleValue& dict, std::vector<PickleRef> items)
{
    if (dict.kind != PickleKind::Dict)
        fail("SETITEM on " + dict.describe() + ", not a dict");
    if (items.size() % 2 != 0)
        fail("SETITEMS with an odd number of values");
    for (std::size_t i = 0; i < items.size(); i += 2)
        dict.setItem(std::move(items[i]), std::move(items[i + 1]));
}

bool RestrictedUnpickler::containerOp(std::uint8_t opcode)
{
    switch (opcode) {
    case '(': // MARK
        m_marks.push_back(m_stack.size());
        return true;
    case '0': // POP
        pop();
        return true;
    case '1': // POP_MARK
        popMark();
        return true;
    case '2': // DUP
        push(top());
        return true;
    case '}': // EMPTY_DICT
        push(makePickle(PickleKind::Dict));
        return true;
    case ']': // EMPTY_LIST
        push(makePickle(PickleKind::List));
        return true;
    case ')': // EMPTY_TUPLE
        push(makePickle(PickleKind::Tuple));
        return true;
    default:
        return buildOp(opcode);
    }
}

bool RestrictedUnpickler::buildOp(std::uint8_t opcode)
{
    switch (opcode) {
    case 't': // TUPLE
        push(makeSequence(PickleKind::Tuple, popMark()));
        return true;
    case 'l': // LIST
        push(makeSequence(PickleKind::List, popMark()));
        return true;
    case 0x85:   // TUPLE1
    case 0x86:   // TUPLE2
    case 0x87: { // TUPLE3
        std::vector<PickleRef> items(opcode - 0x84);
        for (std::size_t i = items.size(); i > 0; --i)
            items[i - 1] = pop();
        push(makeSequence(PickleKind::Tuple, std::move(items)));
        return true;
    }
    case 'a': { // APPEND
        PickleRef item = pop();
        appendItems(*top(), {std::move(item)});
        return true;
    }
    case 'e': { // APPENDS
        auto items = popMark();
        appendItems(*top(), std::move(items));
        return true;
    }
    case 'd': { // DICT
        auto dict = makePickle(PickleKind::Dict);
        setItems(*dict, popMark());
        push(std::move(dict));
        return true;
    }
    case 's': { // SETITEM
        PickleRef value = pop();
        PickleRef key = pop();
        setItems(*top(), {std::move(key), std::move(value)});
        return true;
    }
    case 'u': { // SETITEMS
        auto items = popMark();
        setItems(*top(), std::move(items));
        return true;
    }
    default:
        return false;
    }
}

void RestrictedUnpickler::recordStorage(const PickleRef& storage)
{
    const auto [found, inserted] = m_storages.emplace(storage->storage.key, storage->storage);
    if (!inserted && found->second.dtype != storage->storage.dtype)
        fail("storage '" + storage->storage.key + "' is named with two dtypes, " +
             dtypeName(found->second.dtype) + " and " + dtypeName(storage->storage.dtype));
}

void RestrictedUnpickler::putMemo(std::uint64_t index)
{
    m_memo[index] = top();
}

void RestrictedUnpickler::getMemo(std::uint64_t index)
{
    const auto found = m_memo.find(index);
    if (found == m_memo.end())
        fail("memo entry " + std::to_string(index) + " was never stored");
    push(found->second);
}

bool RestrictedUnpickler::memoOp(std::uint8_t opcode)
{
    switch (opcode) {
    case 'q': // BINPUT
        putMemo(m_reader.u8("a memo index"));
        return true;
    case 'r': // LONG_BINPUT
        putMemo(m_reader.u32("a memo index"));
        return true;
    case 0x94: // MEMOIZE
        putMemo(m_memo.size());
        return true;
    case 'h': // BINGET
        getMemo(m_reader.u8("a memo index"));
        return true;
    case 'j': // LONG_BINGET
        getMemo(m_reader.u32("a memo index"));
        return true;
    default:
        return false;
    }
}

std::string RestrictedUnpickler::line(const char* what)
{
    std::string text;
    for (;;) {
        const auto c = static_cast<char>(m_reader.u8(what));
        if (c == '\n')
            return text;
        if (text.size() > 1000)
            fail(std::string(what) + " is not terminated by a newline");
        text += c;
    }
}

void RestrictedUnpickler::pushGlobal(const std::string& module, const std::string& name)
{
    requireAllowedGlobal(module, name, m_reader.file());
    auto value = makePickle(PickleKind::Global);
    value->text = module + "." + name;
    push(std::move(value));
}

bool RestrictedUnpickler::objectOp(std::uint8_t opcode)
{
    switch (opcode) {
    case 'c': { // GLOBAL
        const std::string module = line("a module name");
        pushGlobal(module, line("a global name"));
        return true;
    }
    case 0x93: { // STACK_GLOBAL
        PickleRef name = pop();
        PickleRef module = pop();
        if (module->kind != PickleKind::String || name->kind != PickleKind::String)
            fail("STACK_GLOBAL needs two strings");
        pushGlobal(module->text, name->text);
        return true;
    }
    case 'R': { // REDUCE
        PickleRef args = pop();
        PickleRef callable = pop();
        push(callTorchGlobal(*callable, *args, m_reader.file()));
        return true;
    }
    case 0x81: { // NEWOBJ
        PickleRef args = pop();
        PickleRef type = pop();
        push(newTorchObject(*type, *args, m_reader.file()));
        return true;
    }
    case 'b': { // BUILD
        PickleRef state = pop();
        applyTorchState(*top(), *state, m_reader.file());
        return true;
    }
    case 'Q': { // BINPERSID
        PickleRef storage = makeTorchStorage(*pop(), m_reader.file());
        recordStorage(storage);
        push(std::move(storage));
        return true;
    }
    default:
        return false;
    }
}

} // namespace domaintune
