#pragma once

#include <QString>

class QWidget;

namespace domaintune::ui {

/**
 * Asks a modal question with two answers whose safe one (@p keepText) is the default and the
 * Escape answer: @p text, and @p details under it (empty: none). Returns true when the user
 * chose @p proceedText. While the question is open, @p open points at it (tests answer it
 * through that pointer); it is null again afterwards. GUI thread.
 */
bool askToProceed(QWidget* parent, const QString& title, const QString& text,
                  const QString& details, const QString& proceedText, const QString& keepText,
                  QWidget*& open);

} // namespace domaintune::ui
