# Sourced by the shell checks that train the committed tiny reference models
# (tests/reference/models): functions only, no side effects.

# tiny_model SOURCE_DIR REFERENCE DEST [WORD...]: copies tests/reference/models/REFERENCE to
# DEST with a 48-token WordPiece vocabulary: the specials, a few finance words, the extra WORDs,
# then w<N> fillers up to 48.
tiny_model() {
    local source_dir=$1 reference=$2 dest=$3
    shift 3
    cp -r "$source_dir/tests/reference/models/$reference" "$dest"
    local words=('[PAD]' '[UNK]' '[CLS]' '[SEP]' '[MASK]' profit loss rose fell good bad the
        shares bank rates cut up down "$@")
    { printf '%s\n' "${words[@]}"; for i in $(seq "${#words[@]}" 47); do echo "w$i"; done; } \
        >"$dest/vocab.txt"
}

# tiny_sentiment_csv FILE REPEATS: a three-label sentiment CSV in tiny_model's words.
tiny_sentiment_csv() {
    { echo "text,label"; for _ in $(seq 1 "$2"); do
          echo "profit rose up,positive"; echo "shares fell down,negative"
          echo "the bank cut rates,neutral"
      done; } >"$1"
}
