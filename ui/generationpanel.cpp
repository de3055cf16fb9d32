#include "ui/generationpanel.h"

#include "core/model/generation.h"
#include "core/text/tokendecoder.h"
#include "core/text/tokenizer.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace domaintune::ui {

GenerationPanel::GenerationPanel(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("GenerationPanel"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_prompt = new QPlainTextEdit(this);
    m_prompt->setObjectName(QStringLiteral("prompt"));
    m_prompt->setPlaceholderText(tr("The beginning of a text for the model to continue."));
    m_prompt->setAccessibleName(tr("Prompt"));
    layout->addWidget(m_prompt, 1);

    auto* form = new QFormLayout;
    m_maxTokens = new QSpinBox(this);
    m_maxTokens->setObjectName(QStringLiteral("maxNewTokens"));
    m_maxTokens->setRange(1, 2048);
    m_maxTokens->setValue(40);
    form->addRow(tr("&New tokens at most:"), m_maxTokens);
    auto* sampling = new QHBoxLayout;
    m_sample = new QCheckBox(tr("&Sample, temperature"), this);
    m_sample->setObjectName(QStringLiteral("sample"));
    m_sample->setToolTip(tr("Off: always the most likely token (greedy, repeatable). On: draw "
                            "tokens at random; a higher temperature gives more varied text."));
    m_temperature = new QDoubleSpinBox(this);
    m_temperature->setRange(0.05, 5.0);
    m_temperature->setSingleStep(0.1);
    m_temperature->setValue(0.8);
    m_temperature->setEnabled(false);
    m_temperature->setAccessibleName(tr("Temperature"));
    sampling->addWidget(m_sample);
    sampling->addWidget(m_temperature);
    sampling->addStretch();
    form->addRow(tr("Decoding:"), sampling);
    layout->addLayout(form);

    auto* buttons = new QHBoxLayout;
    m_generate = new QPushButton(tr("&Generate"), this);
    m_generate->setObjectName(QStringLiteral("generate"));
    m_stop = new QPushButton(tr("S&top"), this);
    m_stop->setObjectName(QStringLiteral("stop"));
    m_stop->setEnabled(false);
    buttons->addWidget(m_generate);
    buttons->addWidget(m_stop);
    buttons->addStretch();
    layout->addLayout(buttons);
    m_output = new QPlainTextEdit(this);
    m_output->setObjectName(QStringLiteral("continuation"));
    m_output->setReadOnly(true);
    m_output->setAccessibleName(tr("Generated text"));
    layout->addWidget(m_output, 1);
    m_status = new QLabel(this);
    layout->addWidget(m_status);

    connect(m_sample, &QCheckBox::toggled, m_temperature, &QWidget::setEnabled);
    connect(m_generate, &QPushButton::clicked, this, &GenerationPanel::start);
    connect(m_stop, &QPushButton::clicked, this, &GenerationPanel::stop);
}

GenerationPanel::~GenerationPanel()
{
    if (m_cancel)
        m_cancel->store(true); // the job holds shared pointers only; it ends on its own
}

void GenerationPanel::setModel(std::shared_ptr<PretrainedModel> model,
                               std::shared_ptr<Tokenizer> tokenizer)
{
    stop();
    m_model = std::move(model);
    m_tokenizer = std::move(tokenizer);
    m_generate->setEnabled(m_model && m_tokenizer && !m_running);
}

void GenerationPanel::setPrompt(const QString& prompt)
{
    m_prompt->setPlainText(prompt);
}

QString GenerationPanel::continuation() const
{
    return m_output->toPlainText();
}

QString GenerationPanel::statusText() const
{
    return m_status->text();
}

void GenerationPanel::start()
{
    if (m_running || !m_model || !m_tokenizer)
        return;
    EncodeOptions encode;
    encode.addSpecialTokens = false;
    const auto encoding = m_tokenizer->encode(m_prompt->toPlainText().toStdString(), encode);
    const std::vector<std::int64_t> prompt(encoding.ids.begin(), encoding.ids.end());
    if (prompt.empty()) {
        m_status->setText(tr("Type the beginning of a text first."));
        return;
    }
    GenerationOptions options;
    options.maxNewTokens = m_maxTokens->value();
    options.greedy = !m_sample->isChecked();
    options.temperature = m_temperature->value();
    options.seed = static_cast<std::uint64_t>(QDateTime::currentMSecsSinceEpoch());
    m_generated.clear();
    m_output->clear();
    m_running = true;
    m_generate->setEnabled(false);
    m_stop->setEnabled(true);
    m_status->setText(tr("Generating…"));
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    QPointer<GenerationPanel> self(this);
    (void)QtConcurrent::run([self, model = m_model, prompt, options, cancel = m_cancel] {
        QString reason, error;
        try {
            const auto result = generate(*model, prompt, options, [&](std::int64_t id) {
                QMetaObject::invokeMethod(
                    self,
                    [self, id] {
                        if (self)
                            self->appendToken(id);
                    },
                    Qt::QueuedConnection);
                return !cancel->load();
            });
            reason = QString::fromStdString(result.stopReason);
        } catch (const std::exception& e) {
            error = QString::fromUtf8(e.what());
        }
        QMetaObject::invokeMethod(
            self,
            [self, reason, error] {
                if (self)
                    self->finish(reason, error);
            },
            Qt::QueuedConnection);
    });
}

void GenerationPanel::stop()
{
    if (m_cancel)
        m_cancel->store(true);
}

void GenerationPanel::appendToken(qint64 id)
{
    m_generated.push_back(id);
    // Decoded as a whole each time: a character split across tokens appears once complete.
    m_output->setPlainText(QString::fromStdString(decodeTokens(*m_tokenizer, m_generated)));
    m_output->moveCursor(QTextCursor::End);
    emit tokenGenerated(id);
}

void GenerationPanel::finish(const QString& reason, const QString& error)
{
    m_running = false;
    m_generate->setEnabled(m_model && m_tokenizer);
    m_stop->setEnabled(false);
    if (!error.isEmpty())
        m_status->setText(tr("Failed: %1").arg(error));
    else if (reason == QLatin1String("eos"))
        m_status->setText(
            tr("The model ended the text (%n token(s)).", nullptr, int(m_generated.size())));
    else if (reason == QLatin1String("cancelled"))
        m_status->setText(tr("Stopped after %n token(s).", nullptr, int(m_generated.size())));
    else if (reason == QLatin1String("max_positions"))
        m_status->setText(tr("The model cannot read further: its %n positions are used.", nullptr,
                             int(m_model->config().maxPositions)));
    else
        m_status->setText(tr("%n token(s) generated.", nullptr, int(m_generated.size())));
    emit finished(error.isEmpty() ? reason : error);
}

} // namespace domaintune::ui
