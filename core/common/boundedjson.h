#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

namespace domaintune {

/**
 * How deeply JSON read from files DomainTune does not control may nest. Hugging Face files
 * nest under ten levels; nlohmann's copy, dump and comparison recurse once per level, so a
 * document nested 100,000 deep (a few hundred kilobytes) would overflow the stack.
 */
constexpr int kMaxJsonDepth = 256;

/**
 * Parses @p input (a string, a stream or an iterator pair, as nlohmann::json::parse takes) like
 * nlohmann::json::parse, but refuses objects and arrays nested deeper than @p maxDepth, and
 * numbers too large for a double, with a nlohmann::json::parse_error, so callers' existing "not
 * valid JSON" handling reports it with the file name. nlohmann's parser itself is iterative; the
 * refusal stops before a deep document is built. Any thread.
 */
template <typename Input>
nlohmann::json parseBoundedJson(Input&& input, int maxDepth = kMaxJsonDepth)
{
    const nlohmann::json::parser_callback_t limit =
        [maxDepth](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
            if (depth > maxDepth && (event == nlohmann::json::parse_event_t::object_start ||
                                     event == nlohmann::json::parse_event_t::array_start))
                throw nlohmann::json::parse_error::create(
                    101, 0,
                    "objects and arrays nest more than " + std::to_string(maxDepth) +
                        " levels deep; no model, tokenizer or corpus file does that",
                    nullptr);
            return true;
        };
    try {
        return nlohmann::json::parse(std::forward<Input>(input), limit);
    } catch (const nlohmann::json::out_of_range& e) {
        // A number beyond a double ("14E888") is reported as out_of_range, which callers that
        // handle parse_error would let escape (found by fuzz_bundle): make it one.
        throw nlohmann::json::parse_error::create(406, 0, e.what(), nullptr);
    }
}

/** As parseBoundedJson(), but returns a discarded value instead of throwing (like
 * nlohmann::json::parse(input, nullptr, false)). */
template <typename Input>
nlohmann::json parseBoundedJsonOrDiscarded(Input&& input, int maxDepth = kMaxJsonDepth)
{
    try {
        return parseBoundedJson(std::forward<Input>(input), maxDepth);
    } catch (const nlohmann::json::exception&) {
        return nlohmann::json(nlohmann::json::value_t::discarded);
    }
}

} // namespace domaintune
