#include "core/text/encoding.h"

namespace domaintune {

void Encoding::push(int id, std::string token, ByteSpan offset, int wordId, int sequenceId,
                    int typeId, bool special)
{
    ids.push_back(id);
    tokens.push_back(std::move(token));
    offsets.push_back(offset);
    wordIds.push_back(wordId);
    sequenceIds.push_back(sequenceId);
    typeIds.push_back(typeId);
    attentionMask.push_back(1);
    specialTokensMask.push_back(special ? 1 : 0);
}

void Encoding::padTo(std::size_t length, int padId, const std::string& padToken)
{
    while (size() < length) {
        push(padId, padToken, {}, -1, -1, 0, true);
        attentionMask.back() = 0;
    }
}

} // namespace domaintune
