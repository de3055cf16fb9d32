#pragma once

// The building blocks of TorchScript export source (core/export/torchscript*.cpp): a writer that
// checks every weight it reads, float literals that read back exactly, and the lines every
// attention layer shares. Pure string building; no LibTorch.

#include "core/model/modelconfig.h"

#include <cstdint>
#include <set>
#include <sstream>
#include <string>

namespace domaintune::torchscript {

/** Returns @p value as a TorchScript float literal that reads back as exactly @p value. */
std::string number(double value);

/** The additive mask's fill value: float32's lowest, as core/model/modules.cpp uses. */
std::string lowest();

/** The signature of every layer's forward(). */
extern const char* const kLayerSignature;

/**
 * Writes the source of one module (dotted path @p module below the root; "" for the root),
 * checking that every weight it reads is among @p parameters (full state-dict names).
 */
class Writer
{
public:
    Writer(const std::string& module, const std::set<std::string>& parameters);

    /** Appends one line at @p indent levels (4 spaces each). */
    Writer& line(const std::string& text, int indent = 1);
    std::string text() const { return m_text.str(); }
    /** The TorchScript expression of the attribute at dotted @p local below this module. */
    std::string attribute(const std::string& local) const;
    /** A weight, widened to float32 (a no-op for float32 exports). Throws domaintune::Error
     *  when the model lacks it. */
    std::string weight(const std::string& local) const;
    bool has(const std::string& local) const;
    std::string embedding(const std::string& local, const std::string& ids) const;
    std::string linear(const std::string& x, const std::string& local) const;
    std::string norm(const std::string& x, const std::string& local, std::int64_t size,
                     double eps) const;

private:
    std::string m_module;
    const std::set<std::string>& m_parameters;
    std::ostringstream m_text;
};

/** The expression applying activation @p name to the variable @p x (as modules.cpp does).
 *  Throws domaintune::Error for an activation the exporter does not know. */
std::string activation(const std::string& name, const std::string& x);
/** "x.view(b, l, heads, headDim).transpose(1, 2)": one tensor split into attention heads. */
std::string heads(const std::string& x, const ModelConfig& config);
/** sqrt(head dimension), as a literal. */
std::string headScale(const ModelConfig& config);
/** The tail every attention shares: softmax, weighted values, heads merged back. */
void attend(Writer& w, const ModelConfig& config);

} // namespace domaintune::torchscript
