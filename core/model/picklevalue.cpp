#include "core/model/picklevalue.h"

namespace domaintune {
namespace {

void moveChildren(PickleValue& value, std::vector<PickleRef>& into)
{
    for (auto& item : value.items)
        into.push_back(std::move(item));
    for (auto& entry : value.entries) {
        into.push_back(std::move(entry.first));
        into.push_back(std::move(entry.second));
    }
    value.items.clear();
    value.entries.clear();
}

std::string quoted(const std::string& text)
{
    constexpr std::size_t kMax = 60;
    return "'" + (text.size() > kMax ? text.substr(0, kMax) + "..." : text) + "'";
}

} // namespace

PickleValue::~PickleValue()
{
    // Release children without recursion: whatever this value solely owns is flattened into a
    // work list first, so a hostile pickle nested a million levels deep cannot blow the stack.
    std::vector<PickleRef> pending;
    moveChildren(*this, pending);
    while (!pending.empty()) {
        PickleRef last = std::move(pending.back());
        pending.pop_back();
        if (last && last.use_count() == 1)
            moveChildren(*last, pending);
    }
}

void PickleValue::setItem(PickleRef key, PickleRef value)
{
    if (key && key->kind == PickleKind::String) {
        const auto [found, inserted] = keyIndex.emplace(key->text, entries.size());
        if (!inserted) {
            entries[found->second].second = std::move(value);
            return;
        }
    }
    entries.emplace_back(std::move(key), std::move(value));
}

PickleRef PickleValue::item(const std::string& key) const
{
    const auto found = keyIndex.find(key);
    return found == keyIndex.end() ? nullptr : entries[found->second].second;
}

std::string PickleValue::describe() const
{
    switch (kind) {
    case PickleKind::None:
        return "None";
    case PickleKind::Bool:
        return boolean ? "True" : "False";
    case PickleKind::Int:
        return "the integer " + std::to_string(integer);
    case PickleKind::Float:
        return "the number " + std::to_string(real);
    case PickleKind::String:
        return "the string " + quoted(text);
    case PickleKind::Bytes:
        return "a bytes object of " + std::to_string(text.size()) + " bytes";
    case PickleKind::Tuple:
        return "a tuple of " + std::to_string(items.size()) + " items";
    case PickleKind::List:
        return "a list of " + std::to_string(items.size()) + " items";
    case PickleKind::Dict:
        return "a dict of " + std::to_string(entries.size()) + " entries";
    case PickleKind::Global:
        return "the class or function " + text;
    case PickleKind::Storage:
        return "a storage";
    case PickleKind::Tensor:
        return "a tensor";
    }
    return "an unknown value";
}

PickleRef makePickle(PickleKind kind)
{
    return std::make_shared<PickleValue>(kind);
}

PickleRef makePickleInt(std::int64_t value)
{
    auto result = makePickle(PickleKind::Int);
    result->integer = value;
    return result;
}

PickleRef makePickleString(std::string text, bool bytes)
{
    auto result = makePickle(bytes ? PickleKind::Bytes : PickleKind::String);
    result->text = std::move(text);
    return result;
}

} // namespace domaintune
