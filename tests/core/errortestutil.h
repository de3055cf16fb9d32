#pragma once

// Capturing domaintune::Error messages in tests that link core.

#include "core/common/error.h"

#include <QString>

#include <functional>

namespace domaintune::test {

/** Runs @p call and returns the domaintune::Error message it throws ("" when none). */
inline QString errorOf(const std::function<void()>& call)
{
    try {
        call();
    } catch (const domaintune::Error& error) {
        return QString::fromUtf8(error.what());
    }
    return {};
}

} // namespace domaintune::test
