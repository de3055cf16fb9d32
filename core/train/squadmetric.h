#pragma once

#include <string>
#include <vector>

namespace domaintune {

/**
 * The official SQuAD evaluation's answer normalisation: lower case, ASCII punctuation removed,
 * the articles a/an/the removed, runs of white space made one space. Pure; thread-safe.
 */
std::string normalizeSquadAnswer(const std::string& text);

/**
 * 1 when @p prediction equals one of @p answers after normalisation, else 0. As the SQuAD v2
 * script (and transformers' squad_metrics): answers that normalise to nothing are dropped, and
 * with none left the question is unanswerable and only a prediction that normalises to
 * nothing matches (here and in squadF1).
 */
double squadExactMatch(const std::string& prediction, const std::vector<std::string>& answers);

/** The best token-overlap F1 of @p prediction against @p answers (0..1), as SQuAD scores it. */
double squadF1(const std::string& prediction, const std::vector<std::string>& answers);

} // namespace domaintune
