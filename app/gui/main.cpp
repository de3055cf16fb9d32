// domaintune: the desktop workbench. Arguments are read before QApplication exists so that
// --help and --version work without a display.
#include "core/common/systeminfo.h"
#include "domaintune/version.h"
#include "ui/comparedialog.h"
#include "ui/historypage.h"
#include "ui/i18n.h"
#include "ui/mainwindow.h"
#include "ui/newrunpage.h"
#include "ui/newrunwizard.h"
#include "ui/settingspage.h"
#include "ui/trainingcontroller.h"

#include <QAbstractButton>
#include <QApplication>
#include <QIcon>
#include <QList>
#include <QTimer>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

namespace {

struct GuiOptions
{
    std::string language;
    std::string screenshot; ///< Non-empty: save the window as this PNG and quit.
    int page = -1;          ///< >= 0: show this section (0 = New run) instead of the last one.
    int wizardPage = -1;    ///< >= 0: advance the new-run wizard to this page (0..5).
    int exitCode = -1;      ///< >= 0: exit right away with this code.
    /** > 0 (with --wizard-page 5): start the run, and take the screenshot once the dashboard
     *  has this many evaluations; then stop the run and quit. */
    int runEvaluations = 0;
    QList<qint64> compare; ///< Non-empty: compare these runs and take the compare window.
};

GuiOptions parseArguments(int argc, char** argv)
{
    GuiOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (argument == "--help" || argument == "-h") {
            std::cout
                << "usage: domaintune [--lang en|zh_CN] [--page N] [--wizard-page N] [--screenshot "
                   "FILE.png]\n"
                   "                  [--run-evaluations N] [--compare ID,ID] [Qt options]\n"
                   "\n"
                   "Starts the DomainTune workbench. For headless use see "
                   "domaintune-cli --help.\n"
                   "\n"
                   "  --lang L            user-interface language (default: the system's)\n"
                   "  --page N            open section N (0 New run, 1 Dashboard, 2 History, 3 "
                   "Models, 4 Try it, 5 Settings, 6 System)\n"
                   "  --wizard-page N     advance the new-run wizard to page N (0 task … 5 "
                   "review)\n"
                   "  --screenshot FILE   save the main window as a PNG once shown, then "
                   "quit\n"
                   "  --run-evaluations N with --wizard-page 5: start the run; the screenshot "
                   "shows the\n"
                   "                      dashboard after N evaluations, then the run stops\n"
                   "  --compare ID,ID     compare these runs of the history; the screenshot "
                   "shows the\n"
                   "                      comparison\n";
            options.exitCode = 0;
        } else if (argument == "--version") {
            std::cout << "domaintune " << DOMAINTUNE_VERSION << '\n';
            options.exitCode = 0;
        } else if (argument == "--lang" && i + 1 < argc) {
            options.language = argv[++i];
        } else if (argument.rfind("--lang=", 0) == 0) {
            options.language = argument.substr(7);
        } else if (argument == "--page" && i + 1 < argc) {
            options.page = std::atoi(argv[++i]);
        } else if (argument == "--wizard-page" && i + 1 < argc) {
            options.wizardPage = std::atoi(argv[++i]);
        } else if (argument == "--screenshot" && i + 1 < argc) {
            options.screenshot = argv[++i];
        } else if (argument == "--run-evaluations" && i + 1 < argc) {
            options.runEvaluations = std::atoi(argv[++i]);
        } else if (argument == "--compare" && i + 1 < argc) {
            for (const QString& id : QString::fromUtf8(argv[++i]).split(QLatin1Char(',')))
                if (id.toLongLong() > 0)
                    options.compare << id.toLongLong();
        }
    }
    return options;
}

bool hasDisplay()
{
    for (const char* variable : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) {
        const char* value = std::getenv(variable);
        if (value && *value)
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    const GuiOptions options = parseArguments(argc, argv);
    if (options.exitCode >= 0)
        return options.exitCode;
    if (!hasDisplay()) {
        std::cerr << "domaintune: no display (DISPLAY and WAYLAND_DISPLAY are unset). Start it "
                     "from a desktop session, or run `xvfb-run -a domaintune`, or set "
                     "QT_QPA_PLATFORM=offscreen.\n";
        return 1;
    }
    domaintune::tuneProcessForTensors();

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("DomainTune"));
    QApplication::setApplicationName(QStringLiteral("DomainTune"));
    QApplication::setApplicationVersion(QStringLiteral(DOMAINTUNE_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/domaintune.svg")));
    // --lang wins over the language chosen in Settings, which wins over the system's.
    const QString language = options.language.empty() ? domaintune::ui::SettingsPage::language()
                                                      : QString::fromStdString(options.language);
    domaintune::ui::installTranslations(app, language);

    domaintune::ui::MainWindow window;
    if (options.page >= 0 && options.page < window.pageCount())
        window.showPage(options.page);
    window.show();
    const auto grab = [&window](const QString& file) {
        // Grab once the first frames have been laid out and painted.
        QTimer::singleShot(800, &window, [&window, file] {
            if (!window.grab().save(file)) {
                std::cerr << "domaintune: cannot write the screenshot " << file.toStdString()
                          << "; check that its folder exists and is writable.\n";
                QApplication::exit(1);
                return;
            }
            QApplication::quit();
        });
    };
    const QString screenshot = QString::fromStdString(options.screenshot);
    if (!options.compare.isEmpty()) {
        window.showPage(domaintune::ui::MainWindow::HistorySection);
        window.historyPage()->selectRuns(options.compare);
        auto* dialog = window.historyPage()->compareSelected();
        if (dialog == nullptr) {
            std::cerr << "domaintune: cannot compare those runs (are they in the history?)\n";
            return 1;
        }
        dialog->resize(1100, 860);
        dialog->showFinalEvaluation(); // the confusion matrices side by side
        QTimer::singleShot(800, dialog, [dialog, screenshot] {
            if (!screenshot.isEmpty() && !dialog->grab().save(screenshot)) {
                std::cerr << "domaintune: cannot write the screenshot " << screenshot.toStdString()
                          << "\n";
                QApplication::exit(1);
                return;
            }
            QApplication::quit();
        });
        return app.exec();
    }
    if (options.runEvaluations > 0 && options.wizardPage == 5) {
        // A run in progress: start it from the review page, show the dashboard with its curves
        // after N evaluations, then stop the run (its thread must end before the window).
        auto* controller = window.trainingController();
        int evaluations = 0;
        QObject::connect(controller, &domaintune::ui::TrainingController::evaluated, &window,
                         [&](const domaintune::TrainingEvent&) {
                             if (++evaluations != options.runEvaluations)
                                 return;
                             QTimer::singleShot(800, &window, [&window, controller, screenshot] {
                                 if (!screenshot.isEmpty())
                                     window.grab().save(screenshot);
                                 controller->cancel();
                             });
                         });
        QObject::connect(controller, &domaintune::ui::TrainingController::finished, &window,
                         [](const domaintune::TrainResult&) { QApplication::quit(); });
        QObject::connect(controller, &domaintune::ui::TrainingController::failed, &window,
                         [](const QString& message) {
                             std::cerr << "domaintune: the run failed: " << message.toStdString()
                                       << "\n";
                             QApplication::exit(1);
                         });
        window.showPage(domaintune::ui::MainWindow::NewRunSection);
        auto* newRun = window.newRunPage();
        QObject::connect(newRun, &domaintune::ui::NewRunPage::reached, &window,
                         [newRun] { newRun->wizard()->button(QWizard::FinishButton)->click(); });
        newRun->advanceTo(options.wizardPage);
        return app.exec();
    }
    if (options.wizardPage >= 0) {
        window.showPage(domaintune::ui::MainWindow::NewRunSection);
        auto* newRun = window.newRunPage();
        QObject::connect(newRun, &domaintune::ui::NewRunPage::reached, &window, [&, screenshot] {
            if (!screenshot.isEmpty())
                grab(screenshot);
        });
        newRun->advanceTo(options.wizardPage);
    } else if (!screenshot.isEmpty()) {
        grab(screenshot);
    }
    return app.exec();
}
