#include "core/train/trainingstate.h"

#include "core/common/error.h"
#include "core/common/filewriter.h"

#include <ATen/CPUGeneratorImpl.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace domaintune {
namespace {

namespace fs = std::filesystem;

void writeJson(const fs::path& path, const nlohmann::json& json)
{
    std::ofstream out(path);
    out << json.dump(2) << '\n';
    out.close();
    if (!out)
        throw Error(path.string(), 0, "cannot write the checkpoint",
                    "Check the free disk space and the folder's permissions.");
}

} // namespace

nlohmann::json TrainerState::toJson() const
{
    return {{"step", step},
            {"epoch", epoch},
            {"batch_in_epoch", batchInEpoch},
            {"best", std::isnan(best) ? nlohmann::json() : nlohmann::json(best)},
            {"best_step", bestStep},
            {"evaluations_without_gain", evaluationsWithoutGain},
            {"evaluation_pending", evaluationPending},
            {"lr_scale", lrScale},
            {"skipped_steps", skippedSteps},
            {"rollbacks", rollbacks},
            {"loss_scale", lossScale},
            {"loss_scale_good_steps", lossScaleGoodSteps},
            {"world_size", worldSize},
            {"labels", labels},
            {"spec", spec}};
}

TrainerState TrainerState::fromJson(const nlohmann::json& json)
{
    TrainerState state;
    state.step = json.at("step").get<std::int64_t>();
    state.epoch = json.at("epoch").get<std::int64_t>();
    state.batchInEpoch = json.at("batch_in_epoch").get<std::int64_t>();
    state.best = json.at("best").is_null() ? NAN : json.at("best").get<double>();
    state.bestStep = json.at("best_step").get<std::int64_t>();
    state.evaluationsWithoutGain = json.at("evaluations_without_gain").get<std::int64_t>();
    state.labels = json.at("labels").get<std::vector<std::string>>();
    // Absent from checkpoints written before recovery and fp16 existed: the defaults.
    state.lrScale = json.value("lr_scale", state.lrScale);
    state.evaluationPending = json.value("evaluation_pending", false);
    state.skippedSteps = json.value("skipped_steps", state.skippedSteps);
    state.rollbacks = json.value("rollbacks", state.rollbacks);
    state.lossScale = json.value("loss_scale", state.lossScale);
    state.lossScaleGoodSteps = json.value("loss_scale_good_steps", state.lossScaleGoodSteps);
    state.worldSize = json.value("world_size", std::int64_t(1));
    state.spec = json.at("spec");
    return state;
}

void saveCheckpoint(const std::string& directory, TaskModelImpl& model,
                    torch::optim::Optimizer& optimizer, const TrainerState& state)
{
    const fs::path target(directory);
    const fs::path partial = target.string() + ".partial";
    const fs::path previous = target.string() + ".previous";
    std::error_code error;
    fs::remove_all(partial, error);
    fs::create_directories(partial, error);
    if (error)
        throw Error(partial.string(), 0, "cannot create the checkpoint folder: " + error.message());
    // Serialised in memory, then written with checked writes: LibTorch's file writer throws
    // from a destructor on a full disk, which ends the process (exit 134) instead of failing.
    std::ostringstream weightsBytes, optimizerBytes, rngBytes;
    try {
        torch::serialize::OutputArchive weights;
        for (const auto& item : model.named_parameters())
            weights.write(item.key(), item.value().detach());
        weights.save_to(weightsBytes);
        torch::save(optimizer, optimizerBytes);
        auto generator = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(generator.mutex());
        torch::save(generator.get_state(), rngBytes);
    } catch (const c10::Error& e) {
        throw Error(partial.string(), 0,
                    std::string("cannot write the checkpoint: ") + e.what_without_backtrace());
    }
    try {
        writeWholeFile((partial / "model.pt").string(), weightsBytes.str());
        writeWholeFile((partial / "optimizer.pt").string(), optimizerBytes.str());
        writeWholeFile((partial / "rng.pt").string(), rngBytes.str());
    } catch (const Error&) {
        fs::remove_all(partial, error); // no half-written checkpoint that could look valid
        throw;
    }
    writeJson(partial / "state.json", state.toJson()); // written last: marks completeness
    replaceFolder(partial.string(), target.string(), previous.string()); // see loadCheckpoint()
}

TrainerState loadCheckpoint(const std::string& directory, TaskModelImpl& model,
                            torch::optim::Optimizer& optimizer)
{
    fs::path folder(directory);
    if (!fs::exists(folder / "state.json") && fs::exists(folder.string() + ".previous"))
        folder = folder.string() + ".previous"; // a crash between the two renames
    if (!fs::exists(folder / "state.json"))
        throw Error(directory, 0, "there is no complete checkpoint to resume from",
                    "Start the run again without resuming.");
    std::ifstream in(folder / "state.json");
    TrainerState state;
    try {
        state = TrainerState::fromJson(nlohmann::json::parse(in));
        torch::serialize::InputArchive weights;
        weights.load_from((folder / "model.pt").string());
        torch::NoGradGuard noGrad;
        for (auto& item : model.named_parameters()) {
            torch::Tensor value;
            weights.read(item.key(), value);
            item.value().copy_(value);
        }
        torch::load(optimizer, (folder / "optimizer.pt").string());
        torch::Tensor rng;
        torch::load(rng, (folder / "rng.pt").string());
        auto generator = at::detail::getDefaultCPUGenerator();
        std::lock_guard<std::mutex> lock(generator.mutex());
        generator.set_state(rng);
    } catch (const c10::Error& e) {
        throw Error(folder.string(), 0,
                    std::string("the checkpoint does not fit this model: ") +
                        e.what_without_backtrace(),
                    "Resume with the same model and settings, or start again.");
    } catch (const nlohmann::json::exception& e) {
        throw Error((folder / "state.json").string(), 0,
                    std::string("the checkpoint's state is damaged: ") + e.what());
    }
    return state;
}

void checkResumable(const TrainerState& saved, const TrainerState& now,
                    const std::string& directory)
{
    nlohmann::json current = now.spec, then = saved.spec;
    current.erase("name");
    then.erase("name");
    // The number of processes is checked below, as the run's world size (torchrun's count
    // is not in the spec).
    current.erase("processes");
    then.erase("processes");
    if (current != then) {
        std::string changed;
        for (const auto& item : current.items())
            if (!then.contains(item.key()) || then.at(item.key()) != item.value())
                changed += (changed.empty() ? "" : ", ") + item.key();
        throw Error(directory, 0, "the checkpoint was made with other settings (" + changed + ")",
                    "Resume with the run's original settings, or start a new run.");
    }
    if (saved.worldSize != now.worldSize) {
        const auto batch = now.spec.value("batch_size", std::int64_t(0));
        const auto processes = [](std::int64_t n) {
            return std::to_string(n) + (n == 1 ? " process" : " processes");
        };
        throw Error(directory, 0,
                    "the checkpoint was written by a run on " + processes(saved.worldSize) +
                        " (global batch " + std::to_string(batch * saved.worldSize) +
                        "), and this run has " + processes(now.worldSize) + " (global batch " +
                        std::to_string(batch * now.worldSize) +
                        "); the global batch and the order of the data depend on it, so the "
                        "rest of the run would not be the run that was started",
                    "Resume with " + processes(saved.worldSize) +
                        " in all (domaintune-cli train --nproc " + std::to_string(saved.worldSize) +
                        " … --resume on one machine, or as many machines × processes per machine "
                        "as before), or start a new run from the checkpoint's model.");
    }
    if (saved.labels != now.labels)
        throw Error(directory, 0, "the checkpoint was trained on another label set",
                    "Resume with the same data, or start a new run.");
}

} // namespace domaintune
