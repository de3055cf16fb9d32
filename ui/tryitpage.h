#pragma once

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTextBrowser;

namespace domaintune {
class PretrainedModel;
class Predictor;
class Tokenizer;
struct Prediction;
} // namespace domaintune

namespace domaintune::ui {

class AnswerPanel;
class BatchPredictPanel;
class GenerationPanel;

/**
 * The try-it panel: choose a fine-tuned model folder, type or paste text, and see the predicted
 * label with every class's probability, or the entities a NER model finds highlighted in the
 * text; a question-answering model answers a question about a pasted context (AnswerPanel); a
 * causal language model continues a prompt instead (GenerationPanel), token by token.
 * Loading and predicting run on a pool thread; the page lives on the GUI thread.
 */
class TryItPage : public QWidget
{
    Q_OBJECT

public:
    explicit TryItPage(QWidget* parent = nullptr);
    ~TryItPage() override;

    /** Loads the model in @p folder in the background; modelLoaded() or failed() follows. */
    void loadModel(const QString& folder);
    /** Predicts the text in the editor in the background; predicted() or failed() follows. */
    void predict();
    /** Returns the result table (one row per label, most probable first). */
    const QTableWidget* probabilities() const { return m_table; }
    /** Returns the view that highlights entities. */
    const QTextBrowser* entities() const { return m_entities; }
    void setText(const QString& text);
    /** Returns the panel that predicts a whole file. */
    BatchPredictPanel* batchPanel() const { return m_batch; }
    /** Returns the panel shown for causal language models. */
    GenerationPanel* generationPanel() const { return m_generation; }
    /** Returns the panel shown for question-answering models. */
    AnswerPanel* answerPanel() const { return m_answers; }

signals:
    void modelLoaded(const QString& folder);
    void predicted();
    void failed(const QString& message);

private:
    struct Outcome; ///< What a background job produced.
    void finishJob();
    void showPrediction(const Prediction& prediction);
    void setBusy(bool busy, const QString& status);

    QLineEdit* m_folder = nullptr;
    QPushButton* m_load = nullptr;
    QPushButton* m_predict = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_label = nullptr;
    QTableWidget* m_table = nullptr;
    QTextBrowser* m_entities = nullptr;
    BatchPredictPanel* m_batch = nullptr;
    QWidget* m_classify = nullptr; ///< Everything but the model row, for classifiers.
    GenerationPanel* m_generation = nullptr;
    AnswerPanel* m_answers = nullptr;
    QWidget* m_batchGroup = nullptr; ///< Classifiers and QA models.
    std::shared_ptr<Predictor> m_predictor;
    QFutureWatcher<std::shared_ptr<Outcome>> m_job;
};

} // namespace domaintune::ui
