#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Installs what a fresh Debian 12 (bookworm) needs to build FolioLab, run it,
# and run every test headless. Does nothing (and needs no network) when all
# of it is already installed.
set -euo pipefail

packages=(
    # toolchain
    build-essential cmake ninja-build pkg-config
    # Qt 6.4 with Qt Quick, and the QML modules the window imports at run time
    # (qml6-module-qtquick-controls does not pull templates/layouts/window)
    qt6-base-dev qt6-declarative-dev qt6-declarative-dev-tools
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-templates
    qml6-module-qtquick-layouts qml6-module-qtquick-window qml6-module-qtqml-workerscript
    qml6-module-qttest qml6-module-qtquick-dialogs
    # FileDialog's Qt Quick implementation lists folders with Qt.labs.folderlistmodel
    qml6-module-qt-labs-folderlistmodel
    # plots
    libqcustomplot-dev
    # scenario files
    libtomlplusplus-dev
    # tests and benchmarks
    libgtest-dev libgmock-dev libbenchmark-dev
    # stable text in screenshots; an X server for running the window without a display
    fonts-dejavu-core xvfb xauth libgl1-mesa-dri
    # hardening (issue 16): libFuzzer targets with clang (tools/run-fuzz.sh; the
    # sanitizer runtimes are in libclang-rt), and /usr/bin/time for peak
    # resident memory in tools/soak.sh
    clang libclang-rt-14-dev libfuzzer-14-dev time
)

missing=()
for package in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)
    if [[ $status != "install ok installed" ]]; then
        missing+=("$package")
    fi
done

if ((${#missing[@]} == 0)); then
    echo "install-deps: all ${#packages[@]} packages are installed"
    exit 0
fi

sudo=()
if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
fi

echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
