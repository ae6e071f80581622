// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QFile>
#include <QString>

// Writes a scenario whose line 2 does not parse ("cpus = = 4"), for the tests
// that check a bad file is reported and refused.
inline bool writeBrokenScenario(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write("name = \"broken\"\ncpus = = 4\n");
    return true;
}
