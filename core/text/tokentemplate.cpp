#include "core/text/tokentemplate.h"

namespace domaintune {
namespace {

TemplatePiece special(const std::string& token, int id, int typeId = 0)
{
    return {TemplatePiece::Kind::Special, token, id, typeId};
}

TemplatePiece sequence(TemplatePiece::Kind kind, int typeId)
{
    return {kind, {}, -1, typeId};
}

} // namespace

TokenTemplate::TokenTemplate()
    : m_single{sequence(TemplatePiece::Kind::First, 0)},
      m_pair{sequence(TemplatePiece::Kind::First, 0), sequence(TemplatePiece::Kind::Second, 1)}
{}

TokenTemplate::TokenTemplate(std::vector<TemplatePiece> single, std::vector<TemplatePiece> pair)
    : m_single(std::move(single)), m_pair(std::move(pair))
{}

TokenTemplate TokenTemplate::bert(const std::string& cls, int clsId, const std::string& sep,
                                  int sepId)
{
    using Kind = TemplatePiece::Kind;
    return TokenTemplate({special(cls, clsId), sequence(Kind::First, 0), special(sep, sepId)},
                         {special(cls, clsId), sequence(Kind::First, 0), special(sep, sepId),
                          sequence(Kind::Second, 1), special(sep, sepId, 1)});
}

TokenTemplate TokenTemplate::roberta(const std::string& bos, int bosId, const std::string& eos,
                                     int eosId)
{
    using Kind = TemplatePiece::Kind;
    return TokenTemplate({special(bos, bosId), sequence(Kind::First, 0), special(eos, eosId)},
                         {special(bos, bosId), sequence(Kind::First, 0), special(eos, eosId),
                          special(eos, eosId), sequence(Kind::Second, 0), special(eos, eosId)});
}

std::size_t TokenTemplate::specialCount(bool pair) const
{
    std::size_t count = 0;
    for (const TemplatePiece& piece : pair ? m_pair : m_single)
        count += piece.kind == TemplatePiece::Kind::Special;
    return count;
}

} // namespace domaintune
