// SPDX-License-Identifier: GPL-2.0-only
#include "io/safe_file.h"

#include "scenario/scenario_error.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <system_error>

namespace fl {

namespace {

std::string reason(int err)
{
    return std::generic_category().message(err);
}

// Closes a descriptor on every path out of a function.
class Fd
{
public:
    explicit Fd(int fd)
        : m_fd(fd)
    { }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    int get() const { return m_fd; }
    int release()
    {
        const int fd = m_fd;
        m_fd = -1;
        return fd;
    }

private:
    int m_fd;
};

std::string kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

std::string directoryOf(const std::string &path)
{
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

// Follows symlinks from `path` to the name that is finally replaced, so a
// save through a link updates its target and keeps the link (a dangling
// link gets its target created).
std::string resolveLinks(const std::string &path)
{
    std::string at = path;
    for (int hops = 0; hops < 40; ++hops) {
        struct stat st
        { };
        if (::lstat(at.c_str(), &st) != 0 || !S_ISLNK(st.st_mode))
            return at;
        std::string target(static_cast<std::size_t>(st.st_size > 0 ? st.st_size : 4096), '\0');
        const ssize_t n = ::readlink(at.c_str(), target.data(), target.size());
        if (n < 0)
            throw ScenarioError(path, 0, 0, "cannot save: " + reason(errno));
        target.resize(static_cast<std::size_t>(n));
        at = target.starts_with('/') ? target : directoryOf(at) + "/" + target;
    }
    throw ScenarioError(path, 0, 0, "cannot save: " + reason(ELOOP));
}

} // namespace

std::string readInputFile(
        const std::string &path, const std::string &missingHint, std::size_t maxBytes)
{
    const auto refuse = [&](const std::string &why) {
        return ScenarioError(path, 0, 0, "cannot open file: " + why);
    };
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
    if (fd.get() < 0) {
        const int err = errno;
        throw refuse(reason(err) + (err == ENOENT ? missingHint : std::string()));
    }
    struct stat st
    { };
    if (::fstat(fd.get(), &st) != 0)
        throw refuse(reason(errno));
    if (S_ISDIR(st.st_mode))
        throw refuse(reason(EISDIR)); // the words every reader used before
    if (!S_ISREG(st.st_mode))
        throw refuse("it is " + kindOf(st.st_mode) + ", not a regular file");
    const auto tooBig = [&] {
        return refuse("the file is larger than " + std::to_string(maxBytes >> 20)
                + " MiB, more than any FolioLab file needs");
    };
    if (static_cast<std::uint64_t>(st.st_size) > maxBytes)
        throw tooBig();
    // The size can change under us (a growing log): read one byte past the
    // cap at most.
    std::string text;
    text.resize(static_cast<std::size_t>(st.st_size) + 1);
    std::size_t have = 0;
    for (;;) {
        if (have == text.size()) {
            if (text.size() > maxBytes)
                throw tooBig();
            text.resize(std::min(text.size() * 2, maxBytes + 1));
        }
        const ssize_t n = ::read(fd.get(), text.data() + have, text.size() - have);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw refuse(reason(errno));
        }
        if (n == 0)
            break;
        have += static_cast<std::size_t>(n);
    }
    text.resize(have);
    return text;
}

void writeFileAtomically(const std::string &path, std::string_view contents)
{
    const std::string target = resolveLinks(path);
    const auto fail = [&](const std::string &why) {
        return ScenarioError(path, 0, 0, why);
    };

    struct stat st
    { };
    const bool exists = ::stat(target.c_str(), &st) == 0;
    if (exists && !S_ISREG(st.st_mode))
        throw fail("cannot save: it is " + kindOf(st.st_mode)
                + ", not a regular file; choose another name");

    // A unique name: concurrent saves never share a temporary file, and a
    // user's own PATH.tmp is never touched (O_EXCL).
    const std::string dir = directoryOf(target);
    const std::string base
            = target.substr(target.rfind('/') == std::string::npos ? 0 : target.rfind('/') + 1);
    static std::atomic<unsigned> counter {0};
    const auto stamp = static_cast<unsigned long long>(
            std::chrono::steady_clock::now().time_since_epoch().count());
    std::string temporary;
    int raw = -1;
    for (int attempt = 0; attempt < 100 && raw < 0; ++attempt) {
        temporary = dir + "/." + base + "." + std::to_string(::getpid()) + "."
                + std::to_string(stamp % 1000000007ull) + "." + std::to_string(counter++) + ".tmp";
        // 0666 & ~umask for a new file, as any other program's save.
        raw = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (raw < 0 && errno != EEXIST)
            throw fail("cannot write the file: " + reason(errno));
    }
    if (raw < 0)
        throw fail("cannot write the file: " + reason(EEXIST));
    Fd fd(raw);
    const auto abandon = [&](const std::string &why) {
        ::unlink(temporary.c_str());
        return fail(why);
    };
    if (exists && ::fchmod(fd.get(), st.st_mode & 07777) != 0)
        throw abandon("cannot keep the file's permissions: " + reason(errno));
    std::size_t done = 0;
    while (done < contents.size()) {
        const ssize_t n = ::write(fd.get(), contents.data() + done, contents.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw abandon("cannot write the file: " + reason(errno));
        }
        done += static_cast<std::size_t>(n);
    }
    // The data must be on disk before the rename makes it the file: else a
    // crash can leave an empty file under the old name.
    if (::fsync(fd.get()) != 0)
        throw abandon("cannot write the file: " + reason(errno));
    if (::close(fd.release()) != 0)
        throw abandon("cannot write the file: " + reason(errno));
    if (::rename(temporary.c_str(), target.c_str()) != 0)
        throw abandon("cannot replace the file: " + reason(errno));
    // And the rename itself must survive a crash.
    Fd dirFd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dirFd.get() >= 0)
        ::fsync(dirFd.get());
}

} // namespace fl
