// domaintune: the desktop workbench. Arguments are read before QApplication exists so that
// --help and --version work without a display.
#include "core/common/systeminfo.h"
#include "domaintune/version.h"
#include "ui/i18n.h"
#include "ui/mainwindow.h"
#include "ui/newrunpage.h"
#include "ui/settingspage.h"

#include <QApplication>
#include <QIcon>
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
};

GuiOptions parseArguments(int argc, char** argv)
{
    GuiOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (argument == "--help" || argument == "-h") {
            std::cout
                << "usage: domaintune [--lang en|zh_CN] [--page N] [--wizard-page N] [--screenshot "
                   "FILE.png] [Qt "
                   "options]\n"
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
                   "quit\n";
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
