#pragma once

#include <string>

namespace domaintune {

/** The corpus file formats the importer reads. */
enum class CorpusFormat
{
    Auto,
    Csv,            ///< CSV/TSV/PSV: delimited records with RFC 4180 quoting.
    Json,           ///< A JSON array of records (or {"data": [...]}).
    Jsonl,          ///< One JSON record per line.
    Squad,          ///< SQuAD-style question answering JSON.
    Conll,          ///< One token per line, tag in a column, blank lines between sentences.
    FolderPerLabel, ///< FOLDER/LABEL/*.txt
    PlainText,      ///< .txt / .md files (or folders of them) for language modelling.
};

/** Returns "csv", "json", "jsonl", "squad", "conll", "folder-per-label", "text" or "auto". */
std::string corpusFormatName(CorpusFormat format);

/** Parses a name corpusFormatName() returns; throws domaintune::Error listing them otherwise. */
CorpusFormat parseCorpusFormat(const std::string& name);

/**
 * Detects the format of @p path from the file system and its first lines: a folder whose
 * sub-folders hold .txt files is FolderPerLabel, other folders PlainText; .jsonl -> Jsonl;
 * .json -> Squad when it has data[].paragraphs, else Json; .md -> PlainText; CoNLL when most
 * non-blank lines split into 2..12 columns whose last looks like a tag (O, B-X, I-X...) and
 * tokens are single words; else delimited text when a delimiter is consistent; else PlainText.
 * Throws domaintune::Error when @p path does not exist. Thread-safe.
 */
CorpusFormat detectCorpusFormat(const std::string& path);

} // namespace domaintune
