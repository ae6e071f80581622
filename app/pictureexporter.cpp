// SPDX-License-Identifier: GPL-2.0-only
#include "pictureexporter.h"

#include "plotitem.h"

#include <QBuffer>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QQuickPaintedItem>
#include <QSaveFile>

#include <functional>

using namespace Qt::StringLiterals;

namespace {

QString localPath(const QUrl &file)
{
    return file.isLocalFile() ? file.toLocalFile() : file.toString();
}

// Draws `size` (in item pixels) through `draw` into `path`: a one-page PDF of
// that size, or a PNG at `scale`.
QString save(
        const QString &path, QSizeF size, double scale, const std::function<void(QPainter &)> &draw)
{
    if (size.isEmpty())
        return QObject::tr("There is nothing to export (the view is not shown).");
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return QObject::tr("Cannot write %1: %2").arg(path, out.errorString());
    if (path.endsWith(u".pdf"_s, Qt::CaseInsensitive)) {
        QPdfWriter pdf(&out);
        pdf.setResolution(96);
        pdf.setPageSize(QPageSize(size, QPageSize::Point)); // at 96 dpi a point is near a pixel
        pdf.setPageMargins(QMarginsF());
        QPainter painter(&pdf);
        const double s = double(pdf.width()) / size.width();
        painter.scale(s, s);
        draw(painter);
    } else {
        QImage image((size * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        {
            QPainter painter(&image);
            painter.setRenderHint(QPainter::Antialiasing);
            painter.setRenderHint(QPainter::TextAntialiasing);
            painter.scale(scale, scale);
            draw(painter);
        }
        if (!image.save(&out, "PNG"))
            return QObject::tr("Cannot encode the picture as PNG for %1").arg(path);
    }
    if (!out.commit())
        return QObject::tr("Cannot write %1: %2").arg(path, out.errorString());
    return {};
}

} // namespace

QString PictureExporter::saveItem(QQuickItem *item, const QUrl &file, double scale) const
{
    auto *painted = qobject_cast<QQuickPaintedItem *>(item);
    if (!painted)
        return tr("This view cannot be exported as a picture.");
    return save(localPath(file), QSizeF(item->width(), item->height()), scale,
            [painted](QPainter &p) { painted->paint(&p); });
}

QString PictureExporter::savePlots(
        const QList<QQuickItem *> &plots, const QUrl &file, double scale) const
{
    // Each plot at its size on screen, or a slide's when its tab is hidden.
    QList<QSize> sizes;
    QList<QImage> images;
    QSizeF size;
    for (QQuickItem *item : plots)
        if (auto *plot = qobject_cast<PlotItem *>(item)) {
            const QSize s = plot->width() >= 200 && plot->height() >= 100
                    ? QSize(int(plot->width()), int(plot->height()))
                    : QSize(900, 300);
            sizes << s;
            images << plot->renderImage(s, std::max(scale, 2.0)); // sharp in a PDF too
            size.setWidth(std::max<qreal>(size.width(), s.width()));
            size.setHeight(size.height() + s.height());
        }
    if (images.isEmpty())
        return tr("There are no plots to export.");
    return save(localPath(file), size, scale, [sizes, images](QPainter &p) {
        double y = 0;
        for (qsizetype i = 0; i < images.size(); ++i) {
            p.drawImage(QRectF(QPointF(0, y), QSizeF(sizes[i])), images[i]);
            y += sizes[i].height();
        }
    });
}
