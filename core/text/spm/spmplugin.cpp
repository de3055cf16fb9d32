// The sentencepiece plugin: the only code in DomainTune that links libsentencepiece.
// See spmapi.h for why it lives in its own module.
#include "core/text/spm/spmapi.h"

#include <cstring>
#include <exception>
#include <memory>
#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>
#include <string>
#include <string_view>
#include <vector>

struct dt_spm_model
{
    sentencepiece::SentencePieceProcessor processor;
};

namespace {

void setError(char* error, size_t errorLen, const std::string& message)
{
    if (!error || errorLen == 0)
        return;
    const size_t n = std::min(errorLen - 1, message.size());
    std::memcpy(error, message.data(), n);
    error[n] = '\0';
}

// --- what sentencepiece trusts: the precompiled character maps ------------------------------
// sentencepiece walks a model's normaliser trie (darts-clone) and reads its replacement strings
// without bounds checks: a damaged or hostile model file crashed it (found by
// tests/fuzz/fuzz_sentencepiece). The maps are checked here, from the serialized model, before
// the model is used.

/** Reads a protobuf varint at @p pos; false when the message ends first. */
bool readVarint(std::string_view message, size_t& pos, uint64_t& out)
{
    out = 0;
    for (int shift = 0; shift < 64 && pos < message.size(); shift += 7) {
        const auto byte = static_cast<unsigned char>(message[pos++]);
        out |= uint64_t(byte & 0x7F) << shift;
        if ((byte & 0x80) == 0)
            return true;
    }
    return false;
}

/** The last length-delimited field @p number of @p message (protobuf's rule for a repeated
 *  singular field), empty when absent; false when the message is malformed. */
bool lengthDelimited(std::string_view message, uint32_t number, std::string_view& out)
{
    out = {};
    size_t pos = 0;
    while (pos < message.size()) {
        uint64_t key = 0, value = 0;
        if (!readVarint(message, pos, key))
            return false;
        switch (key & 7) {
        case 0:
            if (!readVarint(message, pos, value))
                return false;
            break;
        case 1:
            pos += 8;
            break;
        case 5:
            pos += 4;
            break;
        case 2:
            if (!readVarint(message, pos, value) || value > message.size() - pos)
                return false;
            if ((key >> 3) == number)
                out = message.substr(pos, size_t(value));
            pos += size_t(value);
            break;
        default:
            return false;
        }
        if (pos > message.size())
            return false;
    }
    return true;
}

uint32_t littleEndian(std::string_view bytes, size_t at)
{
    uint32_t value = 0;
    for (int b = 3; b >= 0; --b)
        value = (value << 8) | static_cast<unsigned char>(bytes[at + size_t(b)]);
    return value;
}

/** Why sentencepiece could read outside the map @p blob (empty when it cannot): every trie
 *  node reachable from the root has all 256 child slots inside the trie, and every value it
 *  leads to starts a NUL-terminated string inside the replacement strings. */
std::string checkCharsMap(std::string_view blob)
{
    if (blob.empty())
        return {};
    if (blob.size() < 4)
        return "the character map is shorter than its header";
    const uint32_t trieBytes = littleEndian(blob, 0);
    if (trieBytes == 0 || trieBytes % 4 != 0 || trieBytes > blob.size() - 4)
        return "the character map's trie size does not fit the map";
    std::vector<uint32_t> units(trieBytes / 4);
    for (size_t i = 0; i < units.size(); ++i)
        units[i] = littleEndian(blob, 4 + i * 4);
    const std::string_view strings = blob.substr(4 + trieBytes);
    const auto offset = [](uint32_t unit) { return (unit >> 10) << ((unit & (1u << 9)) >> 6); };
    const auto label = [](uint32_t unit) { return unit & (0x80000000u | 0xFFu); };
    const auto hasLeaf = [](uint32_t unit) { return ((unit >> 8) & 1) != 0; };
    std::vector<bool> visited(units.size(), false);
    std::vector<size_t> pending = {size_t(offset(units[0]))};
    while (!pending.empty()) {
        const size_t node = pending.back();
        pending.pop_back();
        if ((node | 0xFF) >= units.size())
            return "the character map's trie points outside itself";
        if (visited[node])
            continue;
        visited[node] = true;
        for (uint32_t c = 1; c < 256; ++c) {
            const uint32_t unit = units[node ^ c];
            if (label(unit) != c)
                continue;
            const size_t next = (node ^ c) ^ offset(unit);
            if ((next | 0xFF) >= units.size())
                return "the character map's trie points outside itself";
            if (hasLeaf(unit)) {
                const uint32_t value = units[next] & 0x7FFFFFFFu;
                if (value >= strings.size() || strings.find('\0', value) == std::string_view::npos)
                    return "the character map names a replacement outside its strings";
            }
            pending.push_back(next);
        }
    }
    return {};
}

/** Why the loaded model must not be used (empty when it may). */
std::string checkModel(const sentencepiece::SentencePieceProcessor& processor)
{
    const auto serialized = processor.serialized_model_proto();
    const std::string_view model(serialized);
    for (const uint32_t spec : {3u, 5u}) { // normalizer_spec, denormalizer_spec
        std::string_view message, charsMap;
        if (!lengthDelimited(model, spec, message) ||
            !lengthDelimited(message, 2, charsMap)) // precompiled_charsmap
            return "the model's normaliser settings are damaged";
        if (auto why = checkCharsMap(charsMap); !why.empty())
            return why;
    }
    return {};
}

} // namespace

extern "C" {

__attribute__((visibility("default"))) int dt_spm_abi_version(void)
{
    return DT_SPM_ABI_VERSION;
}

__attribute__((visibility("default"))) dt_spm_model* dt_spm_load(const char* path, char* error,
                                                                 size_t errorLen)
{
    try {
        auto model = std::make_unique<dt_spm_model>();
        const auto status = model->processor.Load(path);
        if (!status.ok()) {
            setError(error, errorLen, status.ToString());
            return nullptr;
        }
        if (const std::string why = checkModel(model->processor); !why.empty()) {
            setError(error, errorLen, why + "; the file is damaged");
            return nullptr;
        }
        return model.release();
    } catch (const std::exception& e) {
        setError(error, errorLen, e.what());
    } catch (...) {
        setError(error, errorLen, "unknown failure inside sentencepiece");
    }
    return nullptr;
}

__attribute__((visibility("default"))) void dt_spm_free(dt_spm_model* model)
{
    delete model;
}

__attribute__((visibility("default"))) int dt_spm_vocab_size(const dt_spm_model* model)
{
    return model ? model->processor.GetPieceSize() : 0;
}

__attribute__((visibility("default"))) int dt_spm_piece_to_id(const dt_spm_model* model,
                                                              const char* piece, size_t pieceLen)
{
    if (!model || !piece)
        return -1;
    const std::string text(piece, pieceLen);
    const int id = model->processor.PieceToId(text);
    // sentencepiece answers unk_id for unknown pieces; only the unknown piece itself maps there.
    if (id == model->processor.unk_id() && model->processor.IdToPiece(id) != text)
        return -1;
    return id;
}

__attribute__((visibility("default"))) int dt_spm_id_to_piece(const dt_spm_model* model, int id,
                                                              dt_spm_piece_fn fn, void* user)
{
    if (!model || !fn || id < 0 || id >= model->processor.GetPieceSize())
        return 1;
    const std::string& piece = model->processor.IdToPiece(id);
    fn(user, id, piece.data(), piece.size(), 0, 0);
    return 0;
}

__attribute__((visibility("default"))) int dt_spm_special_id(const dt_spm_model* model, int which)
{
    if (!model)
        return -1;
    switch (which) {
    case DT_SPM_UNK:
        return model->processor.unk_id();
    case DT_SPM_BOS:
        return model->processor.bos_id();
    case DT_SPM_EOS:
        return model->processor.eos_id();
    case DT_SPM_PAD:
        return model->processor.pad_id();
    default:
        return -1;
    }
}

__attribute__((visibility("default"))) int dt_spm_encode(const dt_spm_model* model,
                                                         const char* text, size_t textLen,
                                                         dt_spm_piece_fn fn, void* user,
                                                         char* error, size_t errorLen)
{
    if (!model || !fn || (!text && textLen > 0)) {
        setError(error, errorLen, "dt_spm_encode called without a model, text or callback");
        return 1;
    }
    try {
        const auto encoded =
            model->processor.EncodeAsImmutableProto(absl::string_view(text, textLen));
        for (const auto& piece : encoded.pieces())
            fn(user, static_cast<int>(piece.id()), piece.piece().data(), piece.piece().size(),
               piece.begin(), piece.end());
        return 0;
    } catch (const std::exception& e) {
        setError(error, errorLen, e.what());
    } catch (...) {
        setError(error, errorLen, "unknown failure inside sentencepiece");
    }
    return 1;
}

__attribute__((visibility("default"))) int dt_spm_train(const char* arguments, char* error,
                                                        size_t errorLen)
{
    try {
        const auto status = sentencepiece::SentencePieceTrainer::Train(arguments ? arguments : "");
        if (!status.ok()) {
            setError(error, errorLen, status.ToString());
            return 1;
        }
        return 0;
    } catch (const std::exception& e) {
        setError(error, errorLen, e.what());
    } catch (...) {
        setError(error, errorLen, "unknown failure inside sentencepiece's trainer");
    }
    return 1;
}

} // extern "C"
