// SPDX-License-Identifier: GPL-2.0-only
#include "steplogmodel.h"

#include "replacerows.h"
#include "runmodel.h"
#include "simnames.h"
#include "timeline.h"

#include "kernel/steps.h"
#include "model/machine.h"

#include <QStringList>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// The events of one step, and who took it.
class StepRecorder final : public fl::EventSink
{
public:
    void onEvent(const fl::Event &e) override { events.push_back(e); }
    void onStep(fl::CpuId c, fl::TaskId t, std::uint16_t s, fl::Nanos, fl::Nanos) override
    {
        cpu = c;
        task = t;
        step = s;
    }

    std::vector<fl::Event> events;
    fl::CpuId cpu = fl::NoCpu;
    fl::TaskId task = fl::NoTask;
    std::uint16_t step = 0;
};

// The events a class wants to hear about, in words; the rest (ticks,
// need_resched, context-switch bookkeeping) the action already says.
QString eventPhrase(const fl::Setup &setup, const fl::SimState &before, const fl::SimState &after,
        const fl::Event &e)
{
    const auto folio = [&](const fl::SimState &at) {
        return SimNames::folio(setup, &at.lives, e.folio);
    };
    const QString task = e.task == fl::NoTask ? QString() : SimNames::task(setup, e.task);
    switch (e.kind) {
    case fl::EventKind::TrylockFailed:
        return u"folio_trylock(%1) failed"_s.arg(folio(after));
    case fl::EventKind::FolioLocked:
        return u"%1 locked %2"_s.arg(task, folio(after));
    case fl::EventKind::FolioUnlocked:
        return u"%1 unlocked"_s.arg(folio(after));
    case fl::EventKind::FolioFreed:
        return u"%1 freed"_s.arg(folio(before)); // the page that was there
    case fl::EventKind::Sleep: {
        const auto kind = static_cast<fl::WaitKind>(e.arg);
        QString what = QString::fromLatin1(fl::waitKindName(kind));
        if (kind == fl::WaitKind::FolioUnlock || kind == fl::WaitKind::FolioLock
                || kind == fl::WaitKind::Refcount)
            what += u" of "_s + folio(after);
        else if (kind == fl::WaitKind::FlushWork)
            what += u" for CPU%1"_s.arg(e.folio);
        return u"%1 sleeps (%2)"_s.arg(task, what);
    }
    case fl::EventKind::Wake:
        return u"%1 woken"_s.arg(task);
    case fl::EventKind::TaskStarted:
        return u"%1 starts"_s.arg(task);
    case fl::EventKind::TaskDone:
        return u"%1 finished"_s.arg(task);
    case fl::EventKind::Preempted:
        return u"%1 preempted"_s.arg(task);
    case fl::EventKind::CondReschedYield:
        return u"%1 yields the CPU"_s.arg(task);
    case fl::EventKind::WorkQueued:
        return u"drain work queued on CPU%1"_s.arg(e.cpu);
    case fl::EventKind::WorkDone:
        return u"drain work done on CPU%1"_s.arg(e.cpu);
    case fl::EventKind::DrainBegin:
        return u"%1 enters lru_add_drain_all()"_s.arg(task);
    case fl::EventKind::DrainEnd:
        return u"%1 leaves lru_add_drain_all()"_s.arg(task);
    case fl::EventKind::FaultDone:
        return u"%1's fault completed"_s.arg(task);
    case fl::EventKind::HmmRetry:
        return u"hmm_range_fault() walks again"_s;
    case fl::EventKind::HmmBusyToCaller:
        return u"-EBUSY back to the caller"_s;
    case fl::EventKind::MigrationDone:
        return u"migration done (%1 pages)"_s.arg(e.arg);
    case fl::EventKind::MigrationFailed:
        return u"migration failed: %1"_s.arg(
                QString::fromLatin1(fl::failReasonName(static_cast<fl::MigrateFailReason>(e.arg))));
    case fl::EventKind::BatchAdd:
        return u"%1 into CPU%2's LRU batch"_s.arg(folio(after)).arg(e.cpu);
    case fl::EventKind::BatchFlush:
        return u"CPU%1's batch drained to the LRU"_s.arg(e.cpu);
    case fl::EventKind::UseAfterFree:
        return u"use after free of %1!"_s.arg(folio(before));
    case fl::EventKind::SoftLockup:
        return u"soft lockup on CPU%1"_s.arg(e.cpu);
    case fl::EventKind::HungTask:
        return u"hung task %1"_s.arg(task);
    default:
        return {};
    }
}

} // namespace

StepLogModel::StepLogModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int StepLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant StepLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &e = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case StepRole:
        return e.step;
    case CpuRole:
        return e.cpu;
    case TaskRole:
        return e.task;
    case ActionRole:
        return e.action;
    case OutcomeRole:
        return e.outcome;
    case Qt::DisplayRole:
    case TextRole:
        return text(e);
    case CurrentRole:
        return e.step == m_position;
    case AheadRole:
        return e.step > m_position;
    default:
        return {};
    }
}

QHash<int, QByteArray> StepLogModel::roleNames() const
{
    return {
            {StepRole, "step"},
            {CpuRole, "cpu"},
            {TaskRole, "task"},
            {ActionRole, "action"},
            {OutcomeRole, "outcome"},
            {TextRole, "text"},
            {CurrentRole, "current"},
            {AheadRole, "ahead"},
    };
}

void StepLogModel::setRun(RunModel *run)
{
    if (m_run == run)
        return;
    if (m_run)
        disconnect(m_run, nullptr, this, nullptr);
    m_run = run;
    if (m_run)
        connect(m_run, &RunModel::stateChanged, this, &StepLogModel::refresh);
    emit runChanged();
    refresh();
}

void StepLogModel::setLimit(int limit)
{
    limit = std::max(limit, MinimumLimit);
    if (limit == m_limit)
        return;
    m_limit = limit;
    emit limitChanged();
    refresh();
}

int StepLogModel::currentRow() const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].step == m_position)
            return static_cast<int>(i);
    return -1;
}

int StepLogModel::stepAt(int row) const
{
    if (row < 0 || row >= rowCount())
        return -1;
    return m_rows[static_cast<std::size_t>(row)].step;
}

bool StepLogModel::jumpTo(int row)
{
    const int step = stepAt(row);
    if (step < 0 || !m_run || m_run->isBusy())
        return false;
    m_run->seek(step);
    return m_run->steps() == step;
}

StepLogModel::Entry StepLogModel::describe(
        const fl::Engine &engine, const fl::SimState &before, fl::Choice choice, int step)
{
    const fl::Setup &setup = engine.setup();
    fl::SimState after = before;
    StepRecorder rec;
    engine.apply(after, choice, rec);

    Entry e;
    e.step = step;
    e.choice = choice;
    e.cpu = rec.cpu == fl::NoCpu ? choice.cpu : rec.cpu;
    e.task = rec.task == fl::NoTask ? QString() : SimNames::task(setup, rec.task);
    if (rec.step < static_cast<std::uint16_t>(fl::StepId::Count)) {
        const fl::StepInfo &info = fl::stepInfo(static_cast<fl::StepId>(rec.step));
        e.function = SimNames::fromView(info.function);
        e.action = u"%1: %2"_s.arg(e.function, SimNames::fromView(info.text));
    } else {
        e.action = SimNames::fromView(fl::schedStepText(rec.step));
    }

    QStringList phrases;
    // A page allocated into a slot: named as the new page it is.
    for (int f = 0; f < after.machine.folioCount; ++f)
        if (after.lives.count[f] != before.lives.count[f]
                || (after.machine.folios[f].allocated && !before.machine.folios[f].allocated))
            phrases << u"new page %1"_s.arg(
                    SimNames::folio(setup, &after.lives, static_cast<fl::FolioId>(f)));
    for (const fl::Event &ev : rec.events) {
        const QString phrase = eventPhrase(setup, before, after, ev);
        if (!phrase.isEmpty() && !phrases.contains(phrase))
            phrases << phrase;
    }
    // A long step (a drain that wakes many) stays one readable line.
    constexpr int MaxPhrases = 3;
    if (phrases.size() > MaxPhrases) {
        const auto more = phrases.size() - MaxPhrases;
        phrases = phrases.mid(0, MaxPhrases);
        phrases << u"%1 more"_s.arg(more);
    }
    e.outcome = phrases.join(u"; ");
    return e;
}

QString StepLogModel::text(const Entry &e)
{
    QString line = u"CPU%1 "_s.arg(e.cpu);
    if (!e.task.isEmpty())
        line += e.task + u" "_s;
    line += u"— "_s + e.action;
    if (!e.outcome.isEmpty())
        line += u" · "_s + e.outcome;
    return line;
}

QString StepLogModel::shortText(const Entry &e)
{
    if (e.outcome.isEmpty())
        return text(e);
    QString line = u"CPU%1 "_s.arg(e.cpu);
    if (!e.task.isEmpty())
        line += e.task + u" "_s;
    return line + u"— "_s + (e.function.isEmpty() ? e.action : e.function) + u": "_s + e.outcome;
}

void StepLogModel::refresh()
{
    const Timeline *timeline = m_run ? m_run->timeline() : nullptr;
    const int position = timeline ? static_cast<int>(timeline->position()) : 0;
    const int length = timeline ? static_cast<int>(timeline->length()) : 0;
    // Another timeline (a load, a re-run, a lesson's run) may share the
    // setup yet not the history: rows are reused within one timeline only.
    const void *shown = timeline;

    // Keep the rows where they are while the run moves inside them (a click
    // on a row must not scroll the row away); else end at the current step.
    int end = m_end;
    const int oldest = end - static_cast<int>(m_rows.size()) + 1;
    if (shown != m_timeline || position > end || position < oldest || end > length
            || m_rows.empty())
        end = position;

    std::vector<Entry> next;
    if (timeline && end > 0) {
        const int first = std::max(1, end - m_limit + 1);
        const auto &choices = timeline->choices();
        // Reuse a cached row while the recorded choices up to it are the
        // same (a new branch changes only the steps after the position).
        auto cached = [&](int step) -> const Entry * {
            if (shown != m_timeline)
                return nullptr;
            const int row = m_end - step;
            if (row < 0 || row >= static_cast<int>(m_rows.size()))
                return nullptr;
            const Entry &e = m_rows[static_cast<std::size_t>(row)];
            return e.step == step && e.choice == choices[static_cast<std::size_t>(step - 1)]
                    ? &e
                    : nullptr;
        };
        std::vector<Entry> oldestFirst;
        oldestFirst.reserve(static_cast<std::size_t>(end - first + 1));
        int step = first;
        while (step <= end && cached(step)) {
            oldestFirst.push_back(*cached(step));
            ++step;
        }
        if (step <= end) {
            const fl::Engine engine = timeline->engine();
            fl::SimState state = timeline->stateAt(static_cast<std::size_t>(step - 1));
            for (; step <= end; ++step) {
                const fl::Choice c = choices[static_cast<std::size_t>(step - 1)];
                oldestFirst.push_back(describe(engine, state, c, step));
                StepRecorder ignore;
                engine.apply(state, c, ignore);
            }
        }
        next.assign(oldestFirst.rbegin(), oldestFirst.rend());
    }

    const bool positionMoved = position != m_position;
    m_position = position;
    m_timeline = shown;
    m_end = end;
    replaceRows(
            m_rows, std::move(next),
            [this](auto assign) {
                beginResetModel();
                assign();
                endResetModel();
            },
            [this](std::size_t i, const Entry &, const Entry &) {
                const QModelIndex at = index(static_cast<int>(i));
                emit dataChanged(at, at);
            });
    if (positionMoved && !m_rows.empty())
        emit dataChanged(index(0), index(rowCount() - 1), {CurrentRole, AheadRole});

    const int row = currentRow();
    const QString last = row < 0 ? QString()
                                 // The step number is on the timeline bar just below.
                                 : shortText(m_rows[static_cast<std::size_t>(row)]);
    if (last != m_lastStep || positionMoved) {
        m_lastStep = last;
        emit lastStepChanged();
    }
}
