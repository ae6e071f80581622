// SPDX-License-Identifier: GPL-2.0-only
#include "displaycheck.h"

#include <QByteArray>
#include <QList>

#include <cstring>

using namespace Qt::StringLiterals;

namespace DisplayCheck {

QString missingDisplayMessage(int argc, char **argv)
{
    QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], "-platform") == 0 || std::strcmp(argv[i], "--platform") == 0)
            platform = argv[i + 1];
    // Platforms that need no display server (offscreen, minimal, vnc, eglfs,
    // linuxfb) are the user's explicit choice: let Qt handle them.
    const QByteArray name = platform.split(':').constFirst();
    if (!name.isEmpty() && name != "xcb" && name != "wayland" && !name.startsWith("wayland-"))
        return {};
    if (!qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return {};
    return u"foliolab: the window needs a display, and neither DISPLAY nor WAYLAND_DISPLAY is "
           "set.\n"
           "Run it under a display, or start one for it: xvfb-run -a foliolab [FILE]\n"
           "Or use the command line, which needs none: foliolab run l1 (foliolab --help lists "
           "the commands).\n"_s;
}

} // namespace DisplayCheck
