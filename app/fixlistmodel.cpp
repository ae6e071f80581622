// SPDX-License-Identifier: GPL-2.0-only
#include "fixlistmodel.h"

#include "simnames.h"

#include "kernel/listing_diff.h"
#include "kernel/steps.h"

#include <QVariantMap>

using namespace Qt::StringLiterals;

FixListModel::FixListModel(QObject *parent)
    : QAbstractListModel(parent)
{
    // The catalogue is fixed for the life of the program; the diffs too.
    for (const fl::FixInfo &info : fl::fixCatalogue())
        m_rows.push_back({info, false, diffAgainstBaseline(info.fix)});
}

QVariantList FixListModel::diffAgainstBaseline(fl::Fix fix)
{
    fl::FixSet set;
    set.add(fix);
    QVariantList lines;
    auto line = [&lines](const QString &op, const QString &text) {
        lines << QVariantMap {{u"op"_s, op}, {u"text"_s, text}};
    };
    for (const fl::ListingDiff &d : fl::listingDiff(fl::FixSet {}, set)) {
        line(u"@"_s, u"%1  (%2)"_s.arg(SimNames::fromView(d.function), SimNames::fromView(d.file)));
        for (const fl::DiffLine &l : d.lines) {
            const QString op = l.op == fl::DiffOp::Added ? u"+"_s
                    : l.op == fl::DiffOp::Removed        ? u"-"_s
                                                         : u" "_s;
            line(op, SimNames::fromView(fl::stepInfo(l.step).text));
        }
    }
    return lines;
}

int FixListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant FixListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return SimNames::fromView(r.info.name);
    case WhoRole:
        return SimNames::fromView(r.info.who);
    case WhenRole:
        return SimNames::fromView(r.info.when);
    case SummaryRole:
        return SimNames::fromView(r.info.summary);
    case RisksRole:
        return SimNames::fromView(r.info.risks);
    case ActiveRole:
        return r.active;
    case DiffRole:
        return r.diff;
    default:
        return {};
    }
}

QHash<int, QByteArray> FixListModel::roleNames() const
{
    return {{NameRole, "name"}, {WhoRole, "who"}, {WhenRole, "when"}, {SummaryRole, "summary"},
            {RisksRole, "risks"}, {ActiveRole, "active"}, {DiffRole, "diff"}};
}

void FixListModel::setActive(const fl::FixSet &set)
{
    int switchedOn = -1, switchedOff = -1;
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        const bool on = set.has(m_rows[i].info.fix);
        if (on != m_rows[i].active && (on ? switchedOn : switchedOff) < 0)
            (on ? switchedOn : switchedOff) = static_cast<int>(i);
        // Emit even when unchanged: a refused toggle must spring back in the
        // view, whose checkbox already flipped.
        m_rows[i].active = on;
        const QModelIndex at = index(static_cast<int>(i));
        emit dataChanged(at, at, {ActiveRole});
    }
    // The fix just switched on (else off): the Fixes tab shows its card.
    const int toggled = switchedOn >= 0 ? switchedOn : switchedOff;
    if (toggled >= 0)
        emit fixToggled(toggled);
}
