// The sentencepiece plugin: the only code in DomainTune that links libsentencepiece.
// See spmapi.h for why it lives in its own module.
#include "core/text/spm/spmapi.h"

#include <cstring>
#include <exception>
#include <memory>
#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>
#include <string>

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
