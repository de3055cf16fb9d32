#include "ui/wizarddatapage.h"

#include "core/data/corpusformat.h"
#include "core/data/importoptions.h"
#include "core/train/task.h"
#include "ui/datachartsview.h"
#include "ui/duplicatesdialog.h"
#include "ui/newrunwizard.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <exception>

namespace domaintune::ui {

struct WizardDataPage::Outcome
{
    std::shared_ptr<DataPreview> preview;
    QString error;
    QString key;
};

namespace {

QHBoxLayout* pathRow(QWidget* parent, QLineEdit* edit, const QString& title, bool folders)
{
    auto* row = new QHBoxLayout;
    auto* browse = new QPushButton(WizardDataPage::tr("Browse…"), parent);
    row->addWidget(edit, 1);
    row->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, parent, [=] {
        const QString path =
            folders ? QFileDialog::getExistingDirectory(parent, title, edit->text())
                    : QFileDialog::getOpenFileName(
                          parent, title, edit->text(),
                          WizardDataPage::tr("Corpora (*.csv *.tsv *.txt *.json *.jsonl *.conll "
                                             "*.md);;All files (*)"));
        if (!path.isEmpty())
            edit->setText(QDir::toNativeSeparators(path));
    });
    return row;
}

// The data shape the task needs (TaskData::PlainText when the task is unknown).
TaskData dataOf(const QString& task)
{
    const TaskInfo* info = findTask(task.toStdString());
    return info ? info->data : TaskData::PlainText;
}

bool needsLabels(const QString& task)
{
    const TaskData data = dataOf(task);
    return data == TaskData::LabelledText || data == TaskData::LabelSets;
}

std::size_t minLabels(const QString& task)
{
    const TaskInfo* info = findTask(task.toStdString());
    return info ? info->minLabels : 0;
}

// What the data page says about a question-answering corpus and its windows.
QStringList answerLines(const AnswerStatistics& answers, int maxLength)
{
    QStringList lines;
    lines << WizardDataPage::tr("%n question(s)", nullptr, int(answers.questions)) +
                 (answers.unanswerable > 0
                      ? WizardDataPage::tr(", %n without an answer in its context (SQuAD v2)",
                                           nullptr, int(answers.unanswerable))
                      : QString());
    if (answers.questions > 0 && answers.unanswerable == answers.questions)
        lines << WizardDataPage::tr("<b>No question has an answer</b>: there is nothing to learn "
                                    "from.");
    if (!answers.tokenized)
        return lines;
    if (answers.beyondFirstWindow > 0)
        lines << WizardDataPage::tr("%n answer(s) end after the first %1 tokens; later windows "
                                    "of the context hold them.",
                                    nullptr, int(answers.beyondFirstWindow))
                     .arg(maxLength);
    if (answers.longerThanWindow > 0)
        lines << WizardDataPage::tr("⚠ %n answer(s) are longer than a window holds: those "
                                    "questions train as \"no answer\". Raise the maximum length.",
                                    nullptr, int(answers.longerThanWindow));
    if (answers.longerThanMaxAnswer > 0)
        lines << WizardDataPage::tr("⚠ %n answer(s) are longer than 30 tokens, the longest "
                                    "answer predicted.",
                                    nullptr, int(answers.longerThanMaxAnswer));
    return lines;
}

} // namespace

WizardDataPage::WizardDataPage(QWidget* parent) : QWizardPage(parent)
{
    setTitle(tr("Training data"));
    setSubTitle(tr("CSV/TSV, JSON/JSONL, CoNLL, SQuAD, plain text or a folder per label; the "
                   "format and encoding are detected."));
    buildForm();
    registerField(QStringLiteral("trainFile*"), m_file);
    registerField(QStringLiteral("validationFile"), m_validationFile);
    registerField(QStringLiteral("validationFraction"), m_validationShare, "value",
                  SIGNAL(valueChanged(double)));
    registerField(QStringLiteral("maxLength"), m_maxLength);
    registerField(QStringLiteral("labelSeparator"), m_separator);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &WizardDataPage::analyze);
    connect(&m_job, &QFutureWatcherBase::finished, this, &WizardDataPage::finishAnalysis);
    connect(m_file, &QLineEdit::textChanged, this, &WizardDataPage::scheduleAnalysis);
    // textEdited (typing) and textChanged (any change) come in either order: a change to a
    // text other than the one last typed was made by Browse or a loaded spec.
    connect(m_file, &QLineEdit::textChanged, this, [this](const QString& text) {
        if (text != m_lastTyped)
            m_typed = false;
        resetForNewFile(); // the previous file's columns and format do not apply to this one
    });
    connect(m_file, &QLineEdit::textEdited, this, [this](const QString& text) {
        m_typed = true;
        m_lastTyped = text;
    });
    connect(m_file, &QLineEdit::returnPressed, this, [this] {
        m_confirmedFolder = m_file->text().trimmed();
        m_analyzedKey.clear();
        analyze();
    });
    connect(m_separator, &QLineEdit::textChanged, this, &WizardDataPage::scheduleAnalysis);
    for (QComboBox* box : {m_format, m_encoding, m_delimiter, m_text, m_label})
        connect(box, &QComboBox::currentIndexChanged, this, &WizardDataPage::scheduleAnalysis);
    connect(m_encoding, &QComboBox::editTextChanged, this, &WizardDataPage::scheduleAnalysis);
    connect(m_delimiter, &QComboBox::editTextChanged, this, &WizardDataPage::scheduleAnalysis);
    connect(m_maxLength, &QSpinBox::valueChanged, this, &WizardDataPage::scheduleAnalysis);
}

WizardDataPage::~WizardDataPage()
{
    if (m_cancel)
        m_cancel->store(true);
    m_job.waitForFinished();
}

void WizardDataPage::buildForm()
{
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("trainFile"));
    auto* fileLabel = new QLabel(tr("&Training data:"), this);
    fileLabel->setBuddy(m_file); // A row layout gets no buddy of its own; the mnemonic needs one.
    form->addRow(fileLabel, pathRow(this, m_file, tr("Choose the training data"), false));

    auto* detected = new QHBoxLayout;
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("format"));
    m_format->addItem(tr("detect"), QString());
    for (const char* name : {"csv", "json", "jsonl", "conll", "squad", "folder-per-label", "text"})
        m_format->addItem(QString::fromLatin1(name), QString::fromLatin1(name));
    m_encoding = new QComboBox(this);
    m_encoding->setObjectName(QStringLiteral("encoding"));
    m_encoding->setEditable(true);
    m_encoding->addItem(tr("detect"), QString());
    for (const char* name : {"UTF-8", "GB18030", "Big5", "UTF-16LE", "UTF-16BE", "ISO-8859-1",
                             "windows-1252", "Shift_JIS"})
        m_encoding->addItem(QString::fromLatin1(name), QString::fromLatin1(name));
    detected->addWidget(new QLabel(tr("Format:"), this));
    detected->addWidget(m_format);
    detected->addWidget(new QLabel(tr("Encoding:"), this));
    detected->addWidget(m_encoding);
    m_delimiter = new QComboBox(this);
    m_delimiter->setObjectName(QStringLiteral("delimiter"));
    m_delimiter->setEditable(true);
    m_delimiter->addItem(tr("detect"), QString());
    m_delimiter->addItem(tr("comma ,"), QStringLiteral(","));
    m_delimiter->addItem(tr("semicolon ;"), QStringLiteral(";"));
    m_delimiter->addItem(tr("tab"), QStringLiteral("tab"));
    m_delimiter->addItem(tr("bar |"), QStringLiteral("|"));
    m_delimiter->addItem(tr("at @"), QStringLiteral("@"));
    m_delimiter->setToolTip(tr("CSV-like files: the character between fields; type another one "
                               "if yours is not listed."));
    detected->addWidget(new QLabel(tr("Delimiter:"), this));
    detected->addWidget(m_delimiter);
    m_detected = new QLabel(this);
    m_detected->setObjectName(QStringLiteral("detected"));
    detected->addWidget(m_detected, 1);
    form->addRow(tr("Read as:"), detected);

    auto* columns = new QHBoxLayout;
    m_text = new QComboBox(this);
    m_text->setObjectName(QStringLiteral("textColumn"));
    m_label = new QComboBox(this);
    m_label->setObjectName(QStringLiteral("labelColumn"));
    m_separator = new QLineEdit(this);
    m_separator->setObjectName(QStringLiteral("labelSeparator"));
    m_separator->setMaximumWidth(60);
    m_separator->setToolTip(tr("Multi-label: the character between labels in the label column, "
                               "e.g. | or ;"));
    columns->addWidget(new QLabel(tr("Text:"), this));
    columns->addWidget(m_text, 1);
    columns->addWidget(new QLabel(tr("Label:"), this));
    columns->addWidget(m_label, 1);
    columns->addWidget(new QLabel(tr("Separator:"), this));
    columns->addWidget(m_separator);
    form->addRow(tr("Columns:"), columns);

    auto* split = new QHBoxLayout;
    m_validationShare = new QDoubleSpinBox(this);
    m_validationShare->setObjectName(QStringLiteral("validationShare"));
    m_validationShare->setRange(0, 50);
    m_validationShare->setSuffix(QStringLiteral(" %"));
    m_validationShare->setValue(10);
    m_validationShare->setToolTip(tr("Held out for evaluation when the data has no validation "
                                     "split and no validation file is given."));
    m_validationFile = new QLineEdit(this);
    m_validationFile->setObjectName(QStringLiteral("validationFile"));
    m_validationFile->setPlaceholderText(tr("optional separate file"));
    m_maxLength = new QSpinBox(this);
    m_maxLength->setObjectName(QStringLiteral("maxLength"));
    m_maxLength->setRange(8, 8192);
    m_maxLength->setValue(128);
    m_maxLength->setToolTip(tr("Longer texts are cut to this many tokens (red line in the "
                               "histogram)."));
    split->addWidget(new QLabel(tr("Hold out:"), this));
    split->addWidget(m_validationShare);
    split->addWidget(new QLabel(tr("or validation file:"), this));
    split->addLayout(pathRow(this, m_validationFile, tr("Choose the validation data"), false), 1);
    form->addRow(tr("Validation:"), split);
    form->addRow(tr("Maximum &length:"), m_maxLength);
    layout->addLayout(form);

    m_warnings = new QLabel(this);
    m_warnings->setObjectName(QStringLiteral("warnings"));
    m_warnings->setWordWrap(true);
    m_warnings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_warnings);
    // Duplicates found: see them, and drop them before training (spec drop_duplicates).
    auto* duplicates = new QHBoxLayout;
    m_dropDuplicates = new QCheckBox(this);
    m_dropDuplicates->setObjectName(QStringLiteral("dropDuplicates"));
    m_dropDuplicates->setToolTip(tr("Repeats within the training data are dropped, and "
                                    "validation examples that repeat a training one, so that "
                                    "validation scores texts the model has not seen."));
    m_showDuplicates = new QPushButton(tr("Show duplicates…"), this);
    m_showDuplicates->setObjectName(QStringLiteral("showDuplicates"));
    connect(m_showDuplicates, &QPushButton::clicked, this, [this] {
        if (!m_preview)
            return;
        auto* dialog = new DuplicatesDialog(*m_preview, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    duplicates->addWidget(m_dropDuplicates);
    duplicates->addWidget(m_showDuplicates);
    duplicates->addStretch(1);
    layout->addLayout(duplicates);
    m_dropDuplicates->hide();
    m_showDuplicates->hide();
    registerField(QStringLiteral("dropDuplicates"), m_dropDuplicates);
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("preview"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMinimumHeight(120);
    layout->addWidget(m_table, 2);
    m_charts = new DataChartsView(this);
    layout->addWidget(m_charts, 2);
}

void WizardDataPage::initializePage()
{
    const int length = field(QStringLiteral("maxLength")).toInt();
    const auto* owner = qobject_cast<NewRunWizard*>(wizard());
    // A model cannot read beyond its positions; keep the default inside them.
    if (owner && owner->modelSummary().maxPositions > 0)
        m_maxLength->setMaximum(int(owner->modelSummary().maxPositions));
    m_maxLength->setValue(length);
    m_separator->setEnabled(dataOf(field(QStringLiteral("task")).toString()) ==
                            TaskData::LabelSets);
    m_analyzedKey.clear(); // The task or tokenizer may have changed.
    scheduleAnalysis();
}

QString WizardDataPage::format() const
{
    return m_format->currentData().toString();
}

QString WizardDataPage::delimiter() const
{
    const int index = m_delimiter->findText(m_delimiter->currentText());
    return index >= 0 ? m_delimiter->itemData(index).toString()
                      : m_delimiter->currentText().trimmed();
}

void WizardDataPage::resetForNewFile()
{
    const QSignalBlocker format(m_format), encoding(m_encoding), delimiter(m_delimiter);
    m_format->setCurrentIndex(0);
    m_encoding->setCurrentIndex(0);
    m_delimiter->setCurrentIndex(0);
    m_text->clear();
    m_label->clear();
    m_presetText.clear();
    m_presetLabel.clear();
    m_detected->clear();
    m_table->setRowCount(0);
    m_charts->setLabels({});
    m_charts->setLengths({}, static_cast<std::size_t>(m_maxLength->value()));
    m_dropDuplicates->setChecked(false); // a choice about that file's duplicates
    m_dropDuplicates->hide();
    m_showDuplicates->hide();
    m_preview.reset();
    m_analyzedKey.clear(); // the same file again must be read again
    emit completeChanged();
}

QString WizardDataPage::encoding() const
{
    const int index = m_encoding->findText(m_encoding->currentText());
    return index >= 0 ? m_encoding->itemData(index).toString()
                      : m_encoding->currentText().trimmed();
}

QString WizardDataPage::textColumn() const
{
    return m_text->count() > 0 ? m_text->currentData().toString() : m_presetText;
}

QString WizardDataPage::labelColumn() const
{
    return m_label->count() > 0 ? m_label->currentData().toString() : m_presetLabel;
}

void WizardDataPage::setOverrides(const QString& format, const QString& encoding,
                                  const QString& text, const QString& label,
                                  const QString& delimiter)
{
    const int separator = m_delimiter->findData(delimiter);
    if (separator >= 0)
        m_delimiter->setCurrentIndex(separator);
    else
        m_delimiter->setEditText(delimiter);
    m_format->setCurrentIndex(std::max(0, m_format->findData(format)));
    const int index = m_encoding->findData(encoding);
    if (index >= 0)
        m_encoding->setCurrentIndex(index);
    else
        m_encoding->setEditText(encoding);
    m_text->clear();
    m_label->clear();
    m_presetText = text;
    m_presetLabel = label;
}

QString WizardDataPage::requestKey() const
{
    const auto* owner = qobject_cast<NewRunWizard*>(wizard());
    return QStringList{m_file->text().trimmed(),
                       format(),
                       encoding(),
                       delimiter(),
                       textColumn(),
                       labelColumn(),
                       m_separator->text(),
                       QString::number(m_maxLength->value()),
                       owner ? owner->modelSummary().folder : QString()}
        .join(QLatin1Char('\n'));
}

void WizardDataPage::scheduleAnalysis()
{
    if (requestKey() == m_analyzedKey)
        return;
    m_debounce.start();
    emit completeChanged();
}

void WizardDataPage::analyze()
{
    if (m_file->text().trimmed().isEmpty()) {
        m_warnings->setText(tr("Choose the training data."));
        return;
    }
    // While a path is being typed, nothing that does not exist is read, and a folder (a
    // corpus of one sub-folder per label, but also "/" half-way through "/home/…") only after
    // Enter.
    const QFileInfo typed(m_file->text().trimmed());
    if (m_typed && !typed.exists()) {
        m_warnings->setText(tr("No file or folder %1 (yet).").arg(m_file->text().trimmed()));
        return;
    }
    if (m_typed && typed.isDir() && m_confirmedFolder != m_file->text().trimmed()) {
        m_warnings->setText(tr("%1 is a folder: press Enter to read it as a corpus (one "
                               "sub-folder per label, or text files), or type on.")
                                .arg(m_file->text().trimmed()));
        return;
    }
    if (m_job.isRunning()) {
        m_cancel->store(true); // finishAnalysis() sees the stale key and starts again.
        return;
    }
    DataPreviewRequest request;
    request.path = m_file->text().trimmed().toStdString();
    request.options.format =
        format().isEmpty() ? CorpusFormat::Auto : parseCorpusFormat(format().toStdString());
    request.options.encoding = encoding().toStdString();
    try {
        request.options.delimiter = parseDelimiterName(delimiter().toStdString());
    } catch (const std::exception& e) {
        m_warnings->setText(tr("<b>Delimiter:</b> %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    request.options.mapping.text = textColumn().toStdString();
    request.options.mapping.label = labelColumn().toStdString();
    request.options.mapping.labelSeparator = m_separator->text().toStdString();
    request.maxLength = static_cast<std::size_t>(m_maxLength->value());
    if (const auto* owner = qobject_cast<NewRunWizard*>(wizard());
        owner && owner->modelSummary().isValid())
        request.tokenizerPath = owner->modelSummary().folder.toStdString();
    m_cancel = std::make_shared<std::atomic_bool>(false);
    const QString key = requestKey();
    m_warnings->setText(tr("Reading %1…").arg(m_file->text().trimmed()));
    m_analyzing = true;
    m_job.setFuture(QtConcurrent::run([request, key, cancel = m_cancel]() mutable {
        auto outcome = std::make_shared<Outcome>();
        outcome->key = key;
        request.options.cancel = cancel.get();
        try {
            outcome->preview = std::make_shared<DataPreview>(previewData(request));
        } catch (const std::exception& e) {
            outcome->error = QString::fromUtf8(e.what());
        }
        return outcome;
    }));
}

void WizardDataPage::finishAnalysis()
{
    m_analyzing = false;
    const std::shared_ptr<Outcome> outcome = m_job.result();
    if (outcome->key != requestKey()) {
        analyze(); // Settings changed meanwhile.
        return;
    }
    if (!outcome->error.isEmpty()) {
        m_preview.reset();
        m_analyzedKey = outcome->key;
        m_warnings->setText(
            tr("<b>This data cannot be read:</b> %1").arg(outcome->error.toHtmlEscaped()));
        m_table->setRowCount(0);
    } else {
        m_preview = outcome->preview;
        showPreview(*m_preview);
        m_analyzedKey = requestKey(); // Filling the column boxes may have made it explicit.
    }
    emit completeChanged();
    emit analyzed();
}

void WizardDataPage::showPreview(const DataPreview& preview)
{
    const SourceInfo& source = preview.source;
    m_detected->setText(tr("detected: %1, %2")
                            .arg(QString::fromStdString(corpusFormatName(source.format)),
                                 QString::fromStdString(source.encoding)));
    if (preview.questionAnswering && source.format != CorpusFormat::Squad)
        m_detected->setText(m_detected->text() + QStringLiteral("; ") +
                            tr("question: %1, context: %2, answer: %3")
                                .arg(QString::fromStdString(source.mapping.text),
                                     QString::fromStdString(source.mapping.textPair),
                                     QString::fromStdString(source.mapping.answer)));
    fillColumns(preview);
    fillTable(preview);
    m_charts->setLabels(preview.statistics.labels.empty() ? preview.statistics.tags
                                                          : preview.statistics.labels);
    m_charts->setLengths(preview.statistics.histogram,
                         static_cast<std::size_t>(m_maxLength->value()));
    showWarnings(preview);
}

void WizardDataPage::fillColumns(const DataPreview& preview)
{
    const SourceInfo& source = preview.source;
    const auto fill = [&source](QComboBox* box, const std::string& chosen) {
        const QSignalBlocker blocker(box);
        box->clear();
        if (source.columns.empty()) {
            box->addItem(tr("(fixed by the format)"), QString());
            box->setEnabled(false);
            return;
        }
        box->setEnabled(true);
        box->addItem(tr("detect"), QString());
        for (const std::string& column : source.columns)
            box->addItem(QString::fromStdString(column), QString::fromStdString(column));
        box->setCurrentIndex(std::max(0, box->findData(QString::fromStdString(chosen))));
    };
    fill(m_text, source.mapping.text);
    fill(m_label, source.mapping.label);
    if (preview.questionAnswering) {
        m_label->setEnabled(false);
        m_label->setToolTip(tr("Question answering reads a question, its context and the "
                               "answer instead of a label."));
    } else {
        m_label->setToolTip(QString());
    }
    m_presetText.clear();
    m_presetLabel.clear();
}

void WizardDataPage::fillTable(const DataPreview& preview)
{
    m_table->clear();
    const auto cell = [](const std::string& text) {
        auto* item = new QTableWidgetItem(QString::fromStdString(text).left(500));
        item->setToolTip(QString::fromStdString(text).left(2000));
        return item;
    };
    m_table->setRowCount(static_cast<int>(preview.sample.size()));
    if (preview.questionAnswering) {
        m_table->setColumnCount(3);
        m_table->setHorizontalHeaderLabels({tr("Question"), tr("Context"), tr("Answer")});
        for (std::size_t row = 0; row < preview.sample.size(); ++row) {
            const Example& example = preview.sample[row];
            m_table->setItem(int(row), 0, cell(example.text));
            m_table->setItem(int(row), 1, cell(example.textPair));
            m_table->setItem(int(row), 2,
                             example.answers.empty() ? new QTableWidgetItem(tr("(no answer)"))
                                                     : cell(example.answers.front().text));
        }
        return;
    }
    m_table->setColumnCount(2);
    m_table->setHorizontalHeaderLabels({tr("Label"), tr("Text")});
    for (std::size_t row = 0; row < preview.sample.size(); ++row) {
        const Example& example = preview.sample[row];
        QStringList labels;
        for (const std::string& label : example.labels.empty() ? example.tags : example.labels)
            labels << QString::fromStdString(label);
        m_table->setItem(int(row), 0, new QTableWidgetItem(labels.join(QStringLiteral(" "))));
        m_table->setItem(int(row), 1, cell(example.text));
    }
    m_table->resizeColumnToContents(0);
}

void WizardDataPage::showWarnings(const DataPreview& preview)
{
    QStringList lines;
    const CorpusStatistics& stats = preview.statistics;
    lines << tr("%n example(s) read", nullptr, int(preview.examplesRead)) +
                 (preview.partial ? tr(" (the first ones; the whole file is used for training)")
                                  : QString());
    if (preview.report.issueCount() > 0) {
        const ImportIssue& first = preview.report.issues().front();
        lines << tr("⚠ %n problem(s) while reading, e.g. %1:%2: %3", nullptr,
                    int(preview.report.issueCount()))
                     .arg(QString::fromStdString(first.file))
                     .arg(first.line)
                     .arg(QString::fromStdString(first.what));
    }
    const LeakageReport& leak = preview.leakage;
    const std::size_t across = leak.exactAcross + leak.normalizedAcross + leak.nearAcross;
    const std::size_t within = leak.exactWithin + leak.normalizedWithin + leak.nearWithin;
    if (across > 0)
        lines << tr("⚠ %n example(s) also appear in another split (leakage): evaluation would "
                    "be too optimistic.",
                    nullptr, int(across));
    if (within > 0)
        lines << tr("⚠ %n duplicate or near-duplicate example(s).", nullptr, int(within));
    m_dropDuplicates->setText(
        tr("&Drop the %n duplicate(s) before training", nullptr, int(leak.droppable.size())));
    m_dropDuplicates->setVisible(!leak.droppable.empty());
    m_showDuplicates->setVisible(!preview.duplicates.empty());
    if (preview.imbalanceRatio() >= 10)
        lines << tr("⚠ Imbalanced labels: the largest class is %1× the smallest (\"%2\"). "
                    "Consider class weights (hyper-parameters page).")
                     .arg(preview.imbalanceRatio(), 0, 'f', 0)
                     .arg(QString::fromStdString(preview.rarestLabel()));
    if (stats.tokenized && stats.truncated > 0)
        lines << tr("%1 % of the examples are longer than %2 tokens and will be truncated.")
                     .arg(stats.truncatedShare * 100, 0, 'f', 1)
                     .arg(m_maxLength->value());
    if (!preview.tokenizerError.empty())
        lines << tr("No token statistics: %1").arg(QString::fromStdString(preview.tokenizerError));
    const QString task = field(QStringLiteral("task")).toString();
    if (needsLabels(task) && stats.labels.empty())
        lines << tr("<b>No labels found.</b> Choose the label column, or pick a language-"
                    "modelling task on the first page.");
    if (dataOf(task) == TaskData::TaggedWords && stats.tags.empty())
        lines << tr("<b>No entity tags found.</b> Named-entity training needs CoNLL data "
                    "(one token and its tag per line).");
    const bool wantsQuestions = dataOf(task) == TaskData::QuestionContext;
    if (wantsQuestions && !preview.questionAnswering)
        lines << tr("<b>No questions found.</b> Question answering needs SQuAD JSON, or "
                    "question, context and answer columns.");
    if (!wantsQuestions && preview.questionAnswering)
        lines << tr("⚠ This is question-answering data: pick the question-answering task on "
                    "the first page.");
    if (preview.questionAnswering)
        lines << answerLines(preview.answers, m_maxLength->value());
    m_warnings->setText(lines.join(QStringLiteral("<br>")));
}

QString WizardDataPage::warnings() const
{
    return m_warnings->text();
}

bool WizardDataPage::isComplete() const
{
    if (!QWizardPage::isComplete() || !m_preview || isAnalyzing() || m_preview->examplesRead == 0)
        return false;
    const QString task = field(QStringLiteral("task")).toString();
    if (needsLabels(task))
        return m_preview->statistics.labels.size() >= std::max<std::size_t>(minLabels(task), 1);
    if (dataOf(task) == TaskData::TaggedWords)
        return m_preview->statistics.tags.size() >= minLabels(task);
    if (dataOf(task) == TaskData::QuestionContext)
        return m_preview->questionAnswering &&
               m_preview->answers.questions > m_preview->answers.unanswerable;
    return true;
}

} // namespace domaintune::ui
