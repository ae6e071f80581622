// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "engine/choice.h"

#include "runmodel.h"

class QThread;

namespace fl {
struct Setup;
}

// View ▸ Compare: two runs of one scenario side by side, A and B, each a
// RunModel. A is a fix set and a preemption model following a base schedule
// (the window's run when the view opens), continued by the seed's chooser up
// to its verdict; B follows A's schedule wherever it can (fl::compareSetups,
// the same comparison `foliolab compare` prints). Both are held at the same
// step, so "step n" is the same choice in both up to where they part.
//
// Built to hang more off a side later (swimlanes, an RCU flavour next to the
// preemption model): each side is a full RunModel with its own Timeline.
class CompareModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("SimController.compare is the one comparison")

    Q_PROPERTY(RunModel *a READ a CONSTANT)
    Q_PROPERTY(RunModel *b READ b CONSTANT)
    //! What each side runs: a fix set ("baseline", "wait-on-unlock",
    //! "a+b") and a preemption model ("voluntary", ...).
    Q_PROPERTY(QString fixesA READ fixesA WRITE setFixesA NOTIFY sidesChanged)
    Q_PROPERTY(QString fixesB READ fixesB WRITE setFixesB NOTIFY sidesChanged)
    Q_PROPERTY(QString preemptA READ preemptA WRITE setPreemptA NOTIFY sidesChanged)
    Q_PROPERTY(QString preemptB READ preemptB WRITE setPreemptB NOTIFY sidesChanged)
    //! The fix sets and models the pickers offer.
    Q_PROPERTY(QStringList fixSetChoices READ fixSetChoices NOTIFY sidesChanged)
    Q_PROPERTY(QStringList preemptChoices READ preemptChoices CONSTANT)
    //! "A: baseline · voluntary", "B: ...".
    Q_PROPERTY(QString labelA READ labelA NOTIFY resultChanged)
    Q_PROPERTY(QString labelB READ labelB NOTIFY resultChanged)
    //! Both runs are being computed off the GUI thread.
    Q_PROPERTY(bool busy READ isBusy NOTIFY busyChanged)
    //! A comparison is on show.
    Q_PROPERTY(bool ready READ isReady NOTIFY resultChanged)
    //! The shared position of both sides; totalSteps is the longer run's length.
    Q_PROPERTY(int step READ step NOTIFY stepChanged)
    Q_PROPERTY(int totalSteps READ totalSteps NOTIFY resultChanged)
    //! The step where the runs part (numbered as `foliolab compare` numbers
    //! it: fl::stepNumber), or -1 when they never do.
    Q_PROPERTY(int divergenceStep READ divergenceStep NOTIFY resultChanged)
    //! "baseline vs wait-on-unlock: they part at step 44 (4.95 µs …)." or
    //! "baseline vs wait-on-unlock: no divergence; …".
    Q_PROPERTY(QString divergenceTitle READ divergenceTitle NOTIFY resultChanged)
    //! The core's reason, in words.
    Q_PROPERTY(QString divergenceReason READ divergenceReason NOTIFY resultChanged)
    //! What each side did at that step, after what.
    Q_PROPERTY(QString divergenceA READ divergenceA NOTIFY resultChanged)
    Q_PROPERTY(QString divergenceB READ divergenceB NOTIFY resultChanged)
    //! Each side's outcome: "LIVELOCK after 533280 steps · 50 ms" (virtual time).
    Q_PROPERTY(QString outcomeA READ outcomeA NOTIFY resultChanged)
    Q_PROPERTY(QString outcomeB READ outcomeB NOTIFY resultChanged)
    //! Steps where the two runs do different things: {from, to} step
    //! numbers, inclusive, merged so that there are at most MaxRanges.
    Q_PROPERTY(QVariantList differingRanges READ differingRanges NOTIFY resultChanged)
    //! The metrics table of `foliolab compare`: {name, a, b, diff} maps, the
    //! values formatted as it prints them.
    Q_PROPERTY(QVariantList metrics READ metrics NOTIFY resultChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    static constexpr int MaxRanges = 200;

    //! `source` is the run the comparison starts from (the window's).
    CompareModel(RunModel *source, QObject *parent);
    ~CompareModel() override;

    [[nodiscard]] RunModel *a() const { return m_a; }
    [[nodiscard]] RunModel *b() const { return m_b; }
    [[nodiscard]] QString fixesA() const { return m_fixesA; }
    [[nodiscard]] QString fixesB() const { return m_fixesB; }
    [[nodiscard]] QString preemptA() const { return m_preemptA; }
    [[nodiscard]] QString preemptB() const { return m_preemptB; }
    [[nodiscard]] QStringList fixSetChoices() const;
    [[nodiscard]] static QStringList preemptChoices();
    [[nodiscard]] QString labelA() const { return m_labelA; }
    [[nodiscard]] QString labelB() const { return m_labelB; }
    [[nodiscard]] bool isBusy() const { return m_worker != nullptr; }
    [[nodiscard]] bool isReady() const { return m_ready; }
    [[nodiscard]] int step() const { return m_step; }
    [[nodiscard]] int totalSteps() const { return m_totalSteps; }
    [[nodiscard]] int divergenceStep() const { return m_divergenceStep; }
    [[nodiscard]] QString divergenceTitle() const { return m_divergenceTitle; }
    [[nodiscard]] QString divergenceReason() const { return m_divergenceReason; }
    [[nodiscard]] QString divergenceA() const { return m_divergenceA; }
    [[nodiscard]] QString divergenceB() const { return m_divergenceB; }
    [[nodiscard]] QString outcomeA() const { return m_outcomeA; }
    [[nodiscard]] QString outcomeB() const { return m_outcomeB; }
    [[nodiscard]] QVariantList differingRanges() const { return m_ranges; }
    [[nodiscard]] QVariantList metrics() const { return m_metrics; }
    [[nodiscard]] QString errorText() const { return m_errorText; }

    void setFixesA(const QString &fixes);
    void setFixesB(const QString &fixes);
    void setPreemptA(const QString &model);
    void setPreemptB(const QString &model);

    //! The default comparison: A is the source run as it is (its fixes, model
    //! and recorded schedule), B the same under the merged fix switched
    //! (wait-on-unlock added, or removed when A has it). Computes it.
    Q_INVOKABLE void openFromSource();
    //! Computes A and B as the pickers say, on the base schedule.
    Q_INVOKABLE void recompute();
    //! B becomes A and A becomes B; recomputed, since B follows A.
    Q_INVOKABLE void swap();
    //! Both sides to step `n` (each clamped to its own run).
    Q_INVOKABLE void seek(int n);
    Q_INVOKABLE void stepForward() { seek(m_step + 1); }
    Q_INVOKABLE void stepBack() { seek(m_step - 1); }
    //! Both sides to the step where they part: the diverging step is the
    //! last one shown, so each side's "last step" says what it did there.
    Q_INVOKABLE void jumpToDivergence();
    //! Blocks until a computation has finished (tests, quitting).
    void waitForIdle();

signals:
    void sidesChanged();
    void busyChanged();
    void resultChanged();
    void stepChanged();
    void errorTextChanged();

private:
    struct Result;
    void adopt(Result &result);
    void setErrorText(const QString &text);

    RunModel *m_source = nullptr;
    RunModel *m_a = nullptr;
    RunModel *m_b = nullptr;
    QThread *m_worker = nullptr;
    QString m_fixesA, m_fixesB, m_preemptA, m_preemptB;
    // The schedule A follows before its chooser takes over, and its seed.
    std::vector<fl::Choice> m_base;
    std::shared_ptr<const fl::Setup> m_baseSetup; // its scenario (spec) is what both build on
    std::uint64_t m_seed = 1;
    QString m_sourceName;
    bool m_ready = false;
    int m_step = 0;
    int m_totalSteps = 0;
    int m_divergenceStep = -1;
    QString m_labelA, m_labelB;
    QString m_divergenceTitle, m_divergenceReason, m_divergenceA, m_divergenceB;
    QString m_outcomeA, m_outcomeB;
    QVariantList m_ranges;
    QVariantList m_metrics;
    QString m_errorText;
};
