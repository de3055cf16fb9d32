#include "commands.h"

namespace domaintune::cli {

const std::vector<Command>& commands()
{
    static const std::vector<Command> all = {
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
