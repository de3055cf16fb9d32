#pragma once

#include <QWidget>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace domaintune::ui {

/**
 * Settings: the interface language (English / 简体中文; the window restarts to switch), the
 * default device and CPU threads of new runs, and where run outputs and the run history live.
 * Every change is saved at once in QSettings. GUI thread only.
 */
class SettingsPage : public QWidget
{
    Q_OBJECT

public:
    explicit SettingsPage(QWidget* parent = nullptr);

    /** Returns the saved language ("" = the system's, "en", "zh_CN"). */
    static QString language();
    /** Returns the folder for run outputs (default: the application data folder). */
    static QString dataLocation();
    /** Returns the default device of new runs: "auto", "cpu" or "cuda". */
    static QString defaultDevice();
    /** Returns the default CPU threads of new runs (0 = automatic). */
    static int defaultThreads();
    /** The training processes new runs start with (data-parallel on this machine; 1: one). */
    static int defaultProcesses();

    /** Selects @p language ("", "en" or "zh_CN") as the user would. */
    void chooseLanguage(const QString& language);
    /** Sets the history file as the user would (empty restores the default). */
    void chooseHistoryPath(const QString& path);
    /** Sets the data folder as the user would (empty restores the default). */
    void chooseDataLocation(const QString& path);
    /** Returns whether the "restart to switch the language" notice shows. */
    bool isRestartNoticeShown() const;

signals:
    /** The history file changed; views over it should reload. */
    void historyPathChanged(const QString& path);

private:
    QLineEdit* pathRow(QFormLayout* form, const QString& label, const QString& name);
    void restartApplication();

    QComboBox* m_language = nullptr;
    QLabel* m_restartNotice = nullptr;
    QPushButton* m_restart = nullptr;
    QComboBox* m_device = nullptr;
    QSpinBox* m_threads = nullptr;
    QSpinBox* m_processes = nullptr;
    QLineEdit* m_dataLocation = nullptr;
    QLineEdit* m_history = nullptr;
};

} // namespace domaintune::ui
