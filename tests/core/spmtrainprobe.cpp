// A plain executable that uses <iostream> and trains a sentencepiece model through the plugin:
// the situation of domaintune-cli. With RTLD_DEEPBIND, an executable that holds its own copy
// of std::cout (a copy relocation) used to crash inside sentencepiece's trainer; this probe
// keeps that from coming back. Exit code 0 = trained, encoded and printed.
#include "core/common/systeminfo.h"
#include "core/text/sentencepiecemodel.h"

#include <cstdlib>
#include <iostream>
#include <string>

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::cerr << "usage: spmtrainprobe OUTPUT_PREFIX\n";
        return 2;
    }
    std::cout << "LibTorch " << domaintune::collectSystemInfo().torchVersion << '\n';
    domaintune::SentencePieceModel::train(
        "--input=/usr/share/common-licenses/GPL-3 --model_prefix=" + std::string(argv[1]) +
        " --vocab_size=300 --num_threads=1 --minloglevel=2");
    const domaintune::SentencePieceModel model(std::string(argv[1]) + ".model");
    const auto pieces = model.encode("the licensee shall comply");
    std::cout << "pieces: " << pieces.size() << std::endl;
    return pieces.empty() ? 1 : 0;
}
