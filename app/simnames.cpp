// SPDX-License-Identifier: GPL-2.0-only
#include "simnames.h"

#include "engine/setup.h"
#include "kernel/steps.h"
#include "model/machine.h"

using namespace Qt::StringLiterals;

namespace SimNames {

QString fromView(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

template<std::size_t N>
static QString named(const std::array<std::string, N> &names, int id, const QString &fallback)
{
    if (id >= 0 && static_cast<std::size_t>(id) < N && !names[static_cast<std::size_t>(id)].empty())
        return QString::fromStdString(names[static_cast<std::size_t>(id)]);
    return fallback.arg(id);
}

QString task(const fl::Setup &setup, fl::TaskId id)
{
    return named(setup.taskNames, id, u"task%1"_s);
}

QString folio(const fl::Setup &setup, fl::FolioId id)
{
    return named(setup.folioNames, id, u"folio%1"_s);
}

QString folio(const fl::Setup &setup, const fl::FolioLives *lives, fl::FolioId id)
{
    return QString::fromStdString(fl::folioName(setup, lives, id));
}

QString mm(const fl::Setup &setup, fl::MmId id)
{
    return named(setup.mmNames, id, u"mm%1"_s);
}

QString gpu(const fl::Setup &setup, fl::GpuId id)
{
    return named(setup.gpuNames, id, u"GPU%1"_s);
}

bool spinning(const fl::Setup &setup, const fl::Task &task)
{
    if (task.spinOn == fl::NoFolio)
        return false;
    const auto step = setup.program.currentStep(task);
    if (!step)
        return true;
    const std::string_view key = fl::stepInfo(*step).key;
    return !(key.starts_with("swap.wait") || key.starts_with("wait.")
            || key.starts_with("migwait."));
}

QString taskState(const fl::Setup &setup, const fl::Machine &machine, fl::TaskId id,
        const fl::FolioLives *lives)
{
    const fl::Task &t = machine.task(id);
    switch (t.state) {
    case fl::TaskState::Done:
        return u"done"_s;
    case fl::TaskState::Runnable:
        return u"runnable, waiting for CPU%1"_s.arg(t.cpu);
    case fl::TaskState::Running:
        if (spinning(setup, t))
            return u"spinning on %1's lock"_s.arg(folio(setup, lives, t.spinOn));
        if (t.spinOn != fl::NoFolio)
            return u"queueing to wait until %1 is unlocked"_s.arg(folio(setup, lives, t.spinOn));
        return u"running on CPU%1"_s.arg(t.cpu);
    case fl::TaskState::Sleeping:
        break;
    }
    // TASK_UNINTERRUPTIBLE ("D" in ps) said in words: a lone "D" reads as
    // the folio of that name.
    const QString what = QString::fromLatin1(fl::waitKindName(t.wait));
    switch (t.wait) {
    case fl::WaitKind::FolioUnlock:
    case fl::WaitKind::FolioLock:
        return u"uninterruptible sleep: %1 of %2"_s.arg(what, folio(setup, lives, t.waitArg));
    case fl::WaitKind::FlushWork:
        return u"uninterruptible sleep: %1 for CPU%2"_s.arg(what).arg(t.waitArg);
    case fl::WaitKind::DriverMutex:
        return u"sleeping: %1 of %2"_s.arg(what, gpu(setup, t.waitArg));
    case fl::WaitKind::Ptl:
        return u"sleeping: %1 of %2"_s.arg(what, mm(setup, t.waitArg));
    case fl::WaitKind::RcuExpGp:
    case fl::WaitKind::Refcount:
    case fl::WaitKind::DrainMutex:
        return u"uninterruptible sleep: %1"_s.arg(what);
    default:
        return u"sleeping: %1"_s.arg(what);
    }
}

} // namespace SimNames
