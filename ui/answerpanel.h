#pragma once

#include <QFutureWatcher>
#include <QWidget>

#include <memory>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTextBrowser;

namespace domaintune {
class Predictor;
struct SpanAnswer;
} // namespace domaintune

namespace domaintune::ui {

/**
 * Try it for an extractive question-answering model: a question and the context to look in;
 * the answer is highlighted in the context with its probability, or "no answer" where the
 * model finds none and that is allowed (SQuAD v2). Answers on a pool thread. GUI thread only.
 */
class AnswerPanel : public QWidget
{
    Q_OBJECT

public:
    explicit AnswerPanel(QWidget* parent = nullptr);
    ~AnswerPanel() override;

    /** Uses @p predictor (a QA model; shared with the pool thread while answering). */
    void setPredictor(std::shared_ptr<Predictor> predictor);
    void setQuestion(const QString& question, const QString& context);
    /** Answers the question in the background; answered() or failed() follows. */
    void answer();
    /** The answer shown ("" for none yet or no answer). */
    QString answerText() const { return m_answerText; }
    /** The context with the answer highlighted. */
    const QTextBrowser* highlighted() const { return m_context; }
    QString statusText() const;

signals:
    void answered();
    void failed(const QString& message);

private:
    struct Outcome;
    void finishJob();
    void showAnswer(const SpanAnswer& answer, const QString& context);

    QLineEdit* m_question = nullptr;
    QPlainTextEdit* m_input = nullptr;
    QCheckBox* m_allowNone = nullptr;
    QPushButton* m_answer = nullptr;
    QLabel* m_status = nullptr;
    QTextBrowser* m_context = nullptr;
    QString m_answerText;
    std::shared_ptr<Predictor> m_predictor;
    QFutureWatcher<std::shared_ptr<Outcome>> m_job;
};

} // namespace domaintune::ui
