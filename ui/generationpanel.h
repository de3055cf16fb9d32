#pragma once

#include <QWidget>

#include <atomic>
#include <memory>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace domaintune {
class PretrainedModel;
class Tokenizer;
} // namespace domaintune

namespace domaintune::ui {

/**
 * Try it for a causal language model: the prompt, how many tokens to add, greedy or sampled
 * (temperature), and the continuation as it is generated, token by token, on a pool thread;
 * Stop ends it after the current token. GUI thread only.
 */
class GenerationPanel : public QWidget
{
    Q_OBJECT

public:
    explicit GenerationPanel(QWidget* parent = nullptr);
    ~GenerationPanel() override;

    /** Uses @p model and @p tokenizer (shared with the pool thread while generating). */
    void setModel(std::shared_ptr<PretrainedModel> model, std::shared_ptr<Tokenizer> tokenizer);
    void setPrompt(const QString& prompt);
    /** Starts generating from the prompt; tokenGenerated() for each token, then finished(). */
    void start();
    /** Asks a running generation to stop after the token it is computing. */
    void stop();
    bool isRunning() const { return m_running; }
    QString continuation() const;
    QString statusText() const;

signals:
    void tokenGenerated(qint64 id);
    /** @p reason: eos, max_new_tokens, max_positions, cancelled, or an error message. */
    void finished(const QString& reason);

private:
    void appendToken(qint64 id);
    void finish(const QString& reason, const QString& error);

    QPlainTextEdit* m_prompt = nullptr;
    QSpinBox* m_maxTokens = nullptr;
    QCheckBox* m_sample = nullptr;
    QDoubleSpinBox* m_temperature = nullptr;
    QPushButton* m_generate = nullptr;
    QPushButton* m_stop = nullptr;
    QPlainTextEdit* m_output = nullptr;
    QLabel* m_status = nullptr;
    std::shared_ptr<PretrainedModel> m_model;
    std::shared_ptr<Tokenizer> m_tokenizer;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::vector<std::int64_t> m_generated;
    bool m_running = false;
};

} // namespace domaintune::ui
