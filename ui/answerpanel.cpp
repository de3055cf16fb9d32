#include "ui/answerpanel.h"

#include "core/train/predictor.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace domaintune::ui {

struct AnswerPanel::Outcome
{
    SpanAnswer answer;
    QString context;
    QString error;
};

AnswerPanel::AnswerPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("AnswerPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    m_question = new QLineEdit(this);
    m_question->setPlaceholderText(tr("e.g. What is the maximum daily dose?"));
    form->addRow(tr("&Question:"), m_question);
    m_input = new QPlainTextEdit(this);
    m_input->setPlaceholderText(
        tr("Paste the text that holds the answer: a drug label, a clause, a guideline."));
    m_input->setAccessibleName(tr("Context"));
    form->addRow(tr("C&ontext:"), m_input);
    layout->addLayout(form, 1);
    m_allowNone = new QCheckBox(tr("Allow \"no answer\" (for models trained with unanswerable "
                                   "questions, SQuAD v2)"),
                                this);
    layout->addWidget(m_allowNone);
    m_answer = new QPushButton(tr("&Answer (Ctrl+Enter)"), this);
    m_answer->setEnabled(false);
    layout->addWidget(m_answer, 0, Qt::AlignLeft);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("answerStatus"));
    m_status->setTextFormat(Qt::RichText);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_context = new QTextBrowser(this);
    m_context->setAccessibleName(tr("Context with the answer highlighted"));
    layout->addWidget(m_context, 1);

    connect(m_answer, &QPushButton::clicked, this, &AnswerPanel::answer);
    connect(m_question, &QLineEdit::returnPressed, this, &AnswerPanel::answer);
    // Ctrl+Enter comes through the Try it page's shortcut (TryItPage::predict).
    connect(&m_job, &QFutureWatcherBase::finished, this, &AnswerPanel::finishJob);
}

AnswerPanel::~AnswerPanel()
{
    m_job.waitForFinished(); // the job holds the predictor, not the panel
}

void AnswerPanel::setPredictor(std::shared_ptr<Predictor> predictor)
{
    m_job.waitForFinished();
    m_predictor = std::move(predictor);
    m_answer->setEnabled(m_predictor != nullptr);
    m_status->clear();
    m_context->clear();
    m_answerText.clear();
}

void AnswerPanel::setQuestion(const QString& question, const QString& context)
{
    m_question->setText(question);
    m_input->setPlainText(context);
}

QString AnswerPanel::statusText() const
{
    return m_status->text();
}

void AnswerPanel::answer()
{
    if (m_job.isRunning() || !m_predictor)
        return;
    const QString question = m_question->text().trimmed();
    const QString context = m_input->toPlainText();
    if (question.isEmpty() || context.trimmed().isEmpty()) {
        m_status->setText(question.isEmpty() ? tr("Type a question first.")
                                             : tr("Paste the context to look in first."));
        return;
    }
    m_answer->setEnabled(false);
    m_status->setText(tr("Answering…"));
    SpanAnswerOptions options;
    options.allowNoAnswer = m_allowNone->isChecked();
    m_job.setFuture(QtConcurrent::run([predictor = m_predictor, question, context, options] {
        auto outcome = std::make_shared<Outcome>();
        outcome->context = context;
        try {
            outcome->answer =
                predictor
                    ->answer({{"1", question.toStdString(), context.toStdString(), {}, 0}}, options)
                    .at(0)
                    .answer;
        } catch (const std::exception& e) {
            outcome->error = QString::fromUtf8(e.what());
        }
        return outcome;
    }));
}

void AnswerPanel::finishJob()
{
    m_answer->setEnabled(m_predictor != nullptr);
    const auto outcome = m_job.result();
    if (!outcome->error.isEmpty()) {
        m_status->setText(tr("Failed: %1").arg(outcome->error.toHtmlEscaped()));
        emit failed(outcome->error);
        return;
    }
    showAnswer(outcome->answer, outcome->context);
    emit answered();
}

void AnswerPanel::showAnswer(const SpanAnswer& answer, const QString& context)
{
    const QString probability = QString::number(answer.probability * 100.0, 'f', 1);
    if (answer.noAnswer || answer.begin < 0) {
        m_answerText.clear();
        m_status->setText(answer.noAnswer
                              ? tr("<b>No answer</b> in this context (%1 % sure).").arg(probability)
                              : tr("<b>No answer found</b>: no span of the context fits."));
        m_context->setPlainText(context);
        return;
    }
    // The offsets are UTF-8 bytes of the context; cut there and convert each piece.
    const QByteArray bytes = context.toUtf8();
    const auto begin = qsizetype(answer.begin), end = qsizetype(answer.end);
    m_answerText = QString::fromUtf8(bytes.mid(begin, end - begin));
    m_status->setText(
        tr("Answer: <b>%1</b> (probability %2 %)").arg(m_answerText.toHtmlEscaped(), probability));
    const auto escaped = [](const QByteArray& piece) {
        return QString::fromUtf8(piece).toHtmlEscaped().replace(QLatin1Char('\n'),
                                                                QStringLiteral("<br>"));
    };
    m_context->setHtml(escaped(bytes.left(begin)) +
                       QStringLiteral("<span style=\"background:#ffe08a\"><b>") +
                       escaped(bytes.mid(begin, end - begin)) + QStringLiteral("</b></span>") +
                       escaped(bytes.mid(end)));
    QTextCursor cursor = m_context->textCursor();
    cursor.setPosition(int(QString::fromUtf8(bytes.left(begin)).size()));
    m_context->setTextCursor(cursor);
    m_context->ensureCursorVisible();
}

} // namespace domaintune::ui
