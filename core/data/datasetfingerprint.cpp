#include "core/data/datasetfingerprint.h"

#include "core/store/sha256.h"

namespace domaintune {
namespace {

// Length-prefixed so "ab"+"c" and "a"+"bc" hash differently.
void feed(Sha256& hash, const std::string& field)
{
    const std::string length = std::to_string(field.size()) + ':';
    hash.update(length);
    hash.update(field);
}

void feedList(Sha256& hash, const std::vector<std::string>& items)
{
    feed(hash, std::to_string(items.size()));
    for (const std::string& item : items)
        feed(hash, item);
}

} // namespace

std::string datasetFingerprint(const std::vector<Example>& examples,
                               const NormalizationOptions& normalization)
{
    Sha256 hash;
    feed(hash, "domaintune-dataset-v1");
    feed(hash, normalization.describe());
    feed(hash, std::to_string(examples.size()));
    for (const Example& example : examples) {
        feed(hash, example.split);
        feed(hash, example.text);
        feed(hash, example.textPair);
        feedList(hash, example.labels);
        feedList(hash, example.tokens);
        feedList(hash, example.tags);
        feed(hash, std::to_string(example.answers.size()));
        for (const Answer& answer : example.answers) {
            feed(hash, answer.text);
            feed(hash, std::to_string(answer.start));
        }
    }
    return hash.hexDigest();
}

} // namespace domaintune
