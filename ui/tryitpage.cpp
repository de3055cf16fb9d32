#include "ui/tryitpage.h"

#include "core/common/error.h"
#include "core/model/modelconfig.h"
#include "core/text/tokenizerfactory.h"
#include "core/train/predictor.h"
#include "ui/answerpanel.h"
#include "ui/batchpredictpanel.h"
#include "ui/generationpanel.h"

#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <numeric>

namespace domaintune::ui {

struct TryItPage::Outcome
{
    std::shared_ptr<Predictor> predictor;       ///< Set by a load job (classifiers).
    std::shared_ptr<PretrainedModel> generator; ///< Set by a load job (causal LMs).
    std::shared_ptr<Tokenizer> tokenizer;       ///< With generator.
    std::vector<Prediction> predictions;        ///< Set by a predict job.
    QString error;
    QString folder;
};

namespace {

/** A light colour per tag type, so that entity types can be told apart. */
QString colourFor(const QString& type)
{
    static const char* const palette[] = {"#ffe08a", "#b5e3ff", "#c8f2c2", "#ffc9de", "#e0d4ff"};
    return QString::fromLatin1(palette[qHash(type) % 5]);
}

QString entityHtml(const Prediction& prediction)
{
    QString html;
    for (std::size_t i = 0; i < prediction.words.size(); ++i) {
        const QString word = QString::fromStdString(prediction.words[i]).toHtmlEscaped();
        const QString tag = QString::fromStdString(prediction.tags[i]);
        if (tag == QLatin1String("O") || tag.size() < 3) {
            html += word + QLatin1Char(' ');
            continue;
        }
        const QString type = tag.mid(2);
        html +=
            QStringLiteral("<span style=\"background:%1\" title=\"%2\">%3 <sub>%2</sub></span> ")
                .arg(colourFor(type), type.toHtmlEscaped(), word);
    }
    return html;
}

} // namespace

TryItPage::TryItPage(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("TryItPage"));
    auto* layout = new QVBoxLayout(this);
    auto* top = new QGridLayout;
    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("modelFolder"));
    m_folder->setPlaceholderText(
        tr("Folder of a fine-tuned classification, NER or question-answering model, or of a "
           "causal language model"));
    auto* browse = new QPushButton(tr("Bro&wse…"), this);
    m_load = new QPushButton(tr("&Load model"), this);
    m_load->setObjectName(QStringLiteral("loadModel"));
    auto* folderLabel = new QLabel(tr("&Model:"), this);
    folderLabel->setBuddy(m_folder); // Alt+M reaches the field from the keyboard
    top->addWidget(folderLabel, 0, 0);
    top->addWidget(m_folder, 0, 1);
    top->addWidget(browse, 0, 2);
    top->addWidget(m_load, 0, 3);
    layout->addLayout(top);
    m_status = new QLabel(tr("No model loaded."), this);
    m_status->setObjectName(QStringLiteral("tryItStatus"));
    layout->addWidget(m_status);

    m_classify = new QWidget(this);
    auto* classify = new QVBoxLayout(m_classify);
    classify->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_classify, 1);
    m_generation = new GenerationPanel(this);
    m_generation->hide();
    layout->addWidget(m_generation, 1);
    m_answers = new AnswerPanel(this);
    m_answers->hide();
    layout->addWidget(m_answers, 1);

    m_text = new QPlainTextEdit(this);
    m_text->setPlaceholderText(tr("Type or paste a sentence, e.g. a news item, a clause or a "
                                  "patient question."));
    m_text->setAccessibleName(tr("Text to classify"));
    classify->addWidget(m_text, 1);
    m_predict = new QPushButton(tr("&Predict (Ctrl+Enter)"), this);
    m_predict->setObjectName(QStringLiteral("predict"));
    m_predict->setEnabled(false);
    classify->addWidget(m_predict, 0, Qt::AlignLeft);

    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("predictedLabel"));
    classify->addWidget(m_label);
    m_table = new QTableWidget(0, 2, this);
    m_table->setHorizontalHeaderLabels({tr("Label"), tr("Probability")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    classify->addWidget(m_table, 1);
    m_entities = new QTextBrowser(this);
    m_entities->hide();
    classify->addWidget(m_entities, 1);
    auto* batch = new QGroupBox(tr("Predict a whole file"), this);
    auto* batchLayout = new QVBoxLayout(batch);
    m_batch = new BatchPredictPanel(batch);
    batchLayout->addWidget(m_batch);
    layout->addWidget(batch);
    m_batchGroup = batch;

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder =
            QFileDialog::getExistingDirectory(this, tr("Choose a model folder"), m_folder->text());
        if (!folder.isEmpty())
            m_folder->setText(folder);
    });
    connect(m_load, &QPushButton::clicked, this, [this] { loadModel(m_folder->text()); });
    connect(m_predict, &QPushButton::clicked, this, &TryItPage::predict);
    auto* shortcut = new QShortcut(QKeySequence(QStringLiteral("Ctrl+Return")), this);
    connect(shortcut, &QShortcut::activated, this, &TryItPage::predict);
    connect(&m_job, &QFutureWatcherBase::finished, this, &TryItPage::finishJob);
}

TryItPage::~TryItPage()
{
    m_job.waitForFinished(); // the job holds no pointer to the page, only to the predictor
}

void TryItPage::setText(const QString& text)
{
    m_text->setPlainText(text);
}

void TryItPage::setBusy(bool busy, const QString& status)
{
    m_load->setEnabled(!busy);
    m_predict->setEnabled(!busy && m_predictor);
    m_status->setText(status);
}

void TryItPage::loadModel(const QString& folder)
{
    if (m_job.isRunning())
        return;
    m_folder->setText(folder);
    setBusy(true, tr("Loading %1…").arg(folder));
    m_job.setFuture(QtConcurrent::run([folder] {
        auto outcome = std::make_shared<Outcome>();
        outcome->folder = folder;
        try {
            const std::string path = folder.toStdString();
            bool causal = false;
            try { // a PEFT adapter without config.json is found out by the full load below
                causal = readModelConfig(path).headFromArchitecture() == HeadKind::CausalLm;
            } catch (const Error&) {
            }
            if (causal) {
                outcome->generator = std::shared_ptr<PretrainedModel>(PretrainedModel::load(path));
                outcome->tokenizer = std::shared_ptr<Tokenizer>(loadTokenizer(path));
            } else {
                outcome->predictor = std::make_shared<Predictor>(path);
            }
        } catch (const std::exception& e) {
            outcome->error = QString::fromUtf8(e.what());
        }
        return outcome;
    }));
}

void TryItPage::predict()
{
    if (m_job.isRunning() || !m_predictor)
        return;
    if (m_predictor->head() == HeadKind::QuestionAnswering) {
        m_answers->answer();
        return;
    }
    const std::string text = m_text->toPlainText().trimmed().toStdString();
    if (text.empty()) {
        m_status->setText(tr("Type a text first."));
        return;
    }
    setBusy(true, tr("Predicting…"));
    m_job.setFuture(QtConcurrent::run([predictor = m_predictor, text] {
        auto outcome = std::make_shared<Outcome>();
        try {
            outcome->predictions = predictor->predict({text});
        } catch (const std::exception& e) {
            outcome->error = QString::fromUtf8(e.what());
        }
        return outcome;
    }));
}

void TryItPage::finishJob()
{
    const auto outcome = m_job.result();
    if (!outcome->error.isEmpty()) {
        setBusy(false, tr("Failed: %1").arg(outcome->error));
        emit failed(outcome->error);
        return;
    }
    if (outcome->generator) {
        m_predictor.reset();
        m_generation->setModel(outcome->generator, outcome->tokenizer);
        m_classify->hide();
        m_answers->hide();
        m_batchGroup->hide();
        m_generation->show();
        setBusy(false, tr("Loaded %1: a language model; it continues the text you give it.")
                           .arg(outcome->folder));
        emit modelLoaded(outcome->folder);
        return;
    }
    if (outcome->predictor) {
        m_generation->hide();
        m_batchGroup->show();
        m_predictor = outcome->predictor;
        const bool answers = m_predictor->head() == HeadKind::QuestionAnswering;
        m_classify->setVisible(!answers);
        m_answers->setVisible(answers);
        m_answers->setPredictor(answers ? m_predictor : nullptr);
        const int labels = int(m_predictor->labels().size());
        if (answers)
            setBusy(false, tr("Loaded %1: a question-answering model; it finds the answer to a "
                              "question in the text you give it.")
                               .arg(outcome->folder));
        else
            setBusy(false, tr("Loaded %1 (%n label(s)).", nullptr, labels).arg(outcome->folder));
        m_batch->setModelFolder(outcome->folder);
        emit modelLoaded(outcome->folder);
        return;
    }
    setBusy(false, tr("Done."));
    if (!outcome->predictions.empty())
        showPrediction(outcome->predictions.front());
    emit predicted();
}

void TryItPage::showPrediction(const Prediction& prediction)
{
    const bool tokens = m_predictor->head() == HeadKind::TokenClassification;
    m_table->setVisible(!tokens);
    m_entities->setVisible(tokens);
    if (tokens) {
        m_label->setText(tr("Entities found:"));
        m_entities->setHtml(entityHtml(prediction));
        return;
    }
    m_label->setText(tr("Predicted label: <b>%1</b>")
                         .arg(QString::fromStdString(prediction.label).toHtmlEscaped()));
    const auto& labels = m_predictor->labels();
    std::vector<std::size_t> order(labels.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return prediction.probabilities[a] > prediction.probabilities[b];
    });
    m_table->setRowCount(int(order.size()));
    for (int row = 0; row < int(order.size()); ++row) {
        const auto index = order[std::size_t(row)];
        m_table->setItem(row, 0, new QTableWidgetItem(QString::fromStdString(labels[index])));
        auto* value = new QTableWidgetItem(
            QString::number(double(prediction.probabilities[index]) * 100.0, 'f', 1) +
            QStringLiteral(" %"));
        value->setData(Qt::UserRole, double(prediction.probabilities[index]));
        m_table->setItem(row, 1, value);
    }
}

} // namespace domaintune::ui
