"""The CoNLL reader shared by the transfer study's scripts (prepare.py, baseline.py)."""


def read_conll(path):
    """Returns the sentences of a "token<TAB>tag" file (blank lines between sentences) as a
    list of (tokens, tags) pairs; columns after the second are ignored."""
    sentences, tokens, tags = [], [], []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                if tokens:
                    sentences.append((tokens, tags))
                tokens, tags = [], []
                continue
            token, tag = line.split("\t")[:2]
            tokens.append(token)
            tags.append(tag)
    if tokens:
        sentences.append((tokens, tags))
    return sentences
