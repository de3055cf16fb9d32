#!/usr/bin/env python3
"""Reference tokenizers in the RoBERTa and XLM-R formats, made and run by Hugging Face's own
libraries, for testreferencetokenizers.

The real roberta-base and xlm-roberta-base files are not available on this machine, so the
generator trains small ones in exactly their formats on text every Debian machine has
(/usr/share/common-licenses) plus the multilingual lines below:
  roberta/  byte-level BPE (`tokenizers`), wrapped by transformers' RobertaTokenizerFast:
            tokenizer.json with ByteLevel, RobertaProcessing and <mask> stripping on the left.
  xlmr/     a sentencepiece unigram model with the nmt_nfkc normalisation rule (the rule of
            xlm-roberta-base), converted by transformers' XLMRobertaTokenizerFast: tokenizer.json
            with the `Precompiled` normaliser (sentencepiece's character map), Replace
            normalisers, Metaspace and a template post-processor; sentencepiece.bpe.model kept.

    tests/reference/setup-venv.sh                               # once
    ~/.cache/domaintune/reference-venv/bin/python tests/reference/make_tokenizers.py --train
    ~/.cache/domaintune/reference-venv/bin/python tests/reference/make_tokenizers.py

--train rebuilds the tokenizer files (training is not guaranteed to be identical across library
versions, which is why the files are committed). Without --train the expected outputs
(expected.json: ids, tokens and UTF-8 byte offsets from the fast tokenizer with special tokens;
for xlmr also the slow, sentencepiece-backed tokenizer's ids) are computed from the committed
files; check_reference.sh does that and compares.
"""
import argparse
import glob
import io
import json
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))

EXTRA_LINES = [
    "中国人民银行宣布下调存款准备金率，股票市场随后上涨。",
    "患者接受了二甲双胍治疗，血糖控制良好。",
    "合同双方应当遵守本协议的全部条款。",
    "Le contrat est résilié de plein droit après mise en demeure.",
    "Die Bank senkte den Zinssatz für Darlehen und Anleihen.",
    "Ｆｕｌｌ－ｗｉｄｔｈ ｔｅｘｔ，①②③ and ligatures ﬁnance ﬂow.",
]

# Each string is chosen to exercise a part of the pipeline: the character map (full-width
# forms, ligatures, circled numbers, compatibility ideographs, superscripts, combining marks,
# Hangul, zero-width and control characters, emoji sequences), the Replace normalisers (``,
# '' and runs of spaces), Metaspace, byte-level BPE, <mask> with lstrip, empty input.
TEXTS = [
    "The licensee shall indemnify the lender against all losses.",
    "Revenue rose 12.5% year-on-year, beating analysts' estimates.",
    "Café déjà-vu: naïve résumé façade, ÉCOLE and Straße.",
    "中国人民银行 cut the reserve ratio; 股票 rallied!",
    "  Tabs\tand\nnewlines   and    runs     of spaces  ",
    "Ｆｕｌｌ－ｗｉｄｔｈ ＡＢＣ１２３，ｆｉｎａｎｃｅ！",
    "ﬁnance ﬂow ﬀ ﬃ ligatures",
    "① ② ⑳ Ⅻ ㍻ ㎏ ㎡ ℃ ™ x² H₂O ½",
    "e\u0301 a\u0300\u0301 n\u0303o Å Å",
    "한국어 텍스트 정규화",
    "zero\u200bwidth\u200c joiner\u200d and\u00a0no-break\u2009thin space",
    "control\u0001chars\u0007here\u007f and \ufeffBOM",
    "Emoji 🙂 👍🏽 👨‍👩‍👧 🇨🇳 and ©®",
    "``quoted'' and \"plain\" quotes",
    "The <mask> rose by 3% after the <mask>.",
    "",
    "a",
    "Ａ\u0301 ｶﾞ ﾊﾟ ｱｲｳ",
    "\u2028line\u2029separators\u0085next",
    "ǆ ǈ ﬀ İstanbul ΣΊΣΥΦΟΣ",
]


# Seeded random strings over the ranges where normalisers and pre-tokenizers disagree most.
RANGES = [(0x20, 0x7E), (0xA0, 0x17F), (0x300, 0x36F), (0x2000, 0x206F), (0x2150, 0x218F),
          (0x2460, 0x24FF), (0x3000, 0x303F), (0x3300, 0x33FF), (0x4E00, 0x4E80),
          (0xAC00, 0xAC40), (0xFB00, 0xFB06), (0xFF01, 0xFFEF), (0x1F300, 0x1F3FF),
          (0x1F3FB, 0x1F3FF), (0x200D, 0x200D), (0x20, 0x20), (0x20, 0x20)]


def random_texts(count, seed=20261206):
    import random
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        chars = []
        for _ in range(rng.randint(1, 24)):
            low, high = rng.choice(RANGES)
            chars.append(chr(rng.randint(low, high)))
        out.append("".join(chars))
    return out


def corpus_lines():
    lines = []
    for path in sorted(glob.glob("/usr/share/common-licenses/*")):
        if os.path.isfile(path) and not os.path.islink(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                lines.extend(line.strip() for line in f if line.strip())
    return lines + EXTRA_LINES * 20


def train(out):
    import sentencepiece as spm
    from tokenizers import ByteLevelBPETokenizer
    from transformers import RobertaTokenizerFast, XLMRobertaTokenizerFast

    lines = corpus_lines()
    work = tempfile.mkdtemp()
    try:
        model = io.BytesIO()
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(lines), model_writer=model, vocab_size=1000,
            model_type="unigram", normalization_rule_name="nmt_nfkc", character_coverage=1.0,
            num_threads=1, seed_sentencepiece_size=100000, shuffle_input_sentence=False)
        spm_path = os.path.join(work, "sentencepiece.bpe.model")
        with open(spm_path, "wb") as f:
            f.write(model.getvalue())
        xlmr = os.path.join(out, "xlmr")
        shutil.rmtree(xlmr, ignore_errors=True)
        XLMRobertaTokenizerFast(vocab_file=spm_path).save_pretrained(xlmr)

        bpe = ByteLevelBPETokenizer()
        bpe.train_from_iterator(lines, vocab_size=1000, min_frequency=2,
                                special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"])
        bpe.save_model(work)
        roberta = os.path.join(out, "roberta")
        shutil.rmtree(roberta, ignore_errors=True)
        RobertaTokenizerFast(vocab_file=os.path.join(work, "vocab.json"),
                             merges_file=os.path.join(work, "merges.txt")).save_pretrained(roberta)
        for folder in (xlmr, roberta):  # keep what a Hub repository has, not the save metadata
            for name in ("special_tokens_map.json", "added_tokens.json"):
                path = os.path.join(folder, name)
                if os.path.exists(path):
                    os.remove(path)
    finally:
        shutil.rmtree(work)


def byte_offsets(text, offsets):
    """tokenizers gives character offsets; DomainTune's contract is UTF-8 byte offsets."""
    starts = [0]
    for ch in text:
        starts.append(starts[-1] + len(ch.encode("utf-8")))
    return [[starts[a], starts[b]] for a, b in offsets]


def expected(folder, name):
    import sentencepiece
    import tokenizers
    import transformers
    from transformers import AutoTokenizer, XLMRobertaTokenizer

    fast = AutoTokenizer.from_pretrained(folder, use_fast=True)
    slow = XLMRobertaTokenizer.from_pretrained(folder) if name == "xlmr" else None
    cases = []
    for text in TEXTS + random_texts(150):
        enc = fast(text, return_offsets_mapping=True)
        case = {"text": text, "ids": enc["input_ids"],
                "tokens": fast.convert_ids_to_tokens(enc["input_ids"]),
                "offsets": byte_offsets(text, enc["offset_mapping"])}
        if slow is not None:
            case["sentencepiece_ids"] = slow(text)["input_ids"]
        cases.append(case)
    return {
        "tokenizer": name,
        "generated_by": "tests/reference/make_tokenizers.py",
        "versions": {"transformers": transformers.__version__,
                     "tokenizers": tokenizers.__version__,
                     "sentencepiece": sentencepiece.__version__},
        "cases": cases,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--train", action="store_true", help="rebuild the tokenizer files first")
    parser.add_argument("--source", default=os.path.join(HERE, "tokenizers"),
                        help="folder with roberta/ and xlmr/ (default: the committed ones)")
    parser.add_argument("--out", help="where expected.json files go (default: beside the files)")
    args = parser.parse_args()
    if args.train:
        train(args.source)
    for name in ("roberta", "xlmr"):
        folder = os.path.join(args.source, name)
        target = os.path.join(args.out, name) if args.out else folder
        os.makedirs(target, exist_ok=True)
        with open(os.path.join(target, "expected.json"), "w", encoding="utf-8") as f:
            json.dump(expected(folder, name), f, ensure_ascii=False, indent=0)
            f.write("\n")
        print("wrote", os.path.join(target, "expected.json"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
