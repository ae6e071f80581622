// SPDX-License-Identifier: GPL-2.0-only
#include "explore/state_codec.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <type_traits>

namespace fl {

namespace {

// Bytes are compared, so every part copied as bytes must have no padding
// (model/machine.h keeps it so).
static_assert(std::has_unique_object_representations_v<Cpu>);
static_assert(std::has_unique_object_representations_v<Task>);
static_assert(std::has_unique_object_representations_v<Folio>);
static_assert(std::has_unique_object_representations_v<Mm>);
static_assert(std::has_unique_object_representations_v<Gpu>);
static_assert(std::has_unique_object_representations_v<TaskQueue>);

// The bitmap is written as words and read as bytes.
static_assert(std::endian::native == std::endian::little);

// The machine's scalars, one byte each (the Machine itself has padding),
// and its two queues (copied as regions).
constexpr std::size_t kQueueBytes = 2 * sizeof(TaskQueue);
constexpr std::size_t kScalarBytes = 11 + kQueueBytes;

template <typename Io, typename M> void scalars(M &m, Io io)
{
    io(m.cpuCount);
    io(m.taskCount);
    io(m.folioCount);
    io(m.preempt);
    io(m.rcu);
    io(m.pagevecSize);
    io(m.drainMutexOwner);
    io(m.lruDrainGen);
    io(m.lruDisableCount);
    io(m.rcuExpPending);
    io(m.rtThrottling);
}

std::uint64_t load64(const std::uint8_t *p)
{
    std::uint64_t x;
    std::memcpy(&x, p, sizeof x);
    return x;
}

} // namespace

StateCodec::StateCodec(const Machine &start)
{
    const auto *origin = reinterpret_cast<const std::uint8_t *>(&start);
    auto region = [&](const void *at, std::size_t bytes) {
        if (bytes != 0)
            m_regions.push_back({static_cast<std::size_t>(
                                         static_cast<const std::uint8_t *>(at) - origin),
                    bytes});
    };
    region(&start.drainMutexWaiters, sizeof(TaskQueue));
    region(&start.folioWaitQueue, sizeof(TaskQueue));
    region(start.cpus.data(), start.cpuCount * sizeof(Cpu));
    region(start.tasks.data(), start.taskCount * sizeof(Task));
    region(start.folios.data(), start.folioCount * sizeof(Folio));
    // Unused mms and GPUs never change within a scenario.
    for (const Mm &mm : start.mms)
        if (mm.used)
            region(&mm, sizeof(Mm));
    for (const Gpu &gpu : start.gpus)
        if (gpu.used)
            region(&gpu, sizeof(Gpu));
    std::size_t size = kScalarBytes - kQueueBytes;
    for (const Region &r : m_regions)
        size += r.bytes;
    m_words = (size + 7) / 8;
    m_bitmapBytes = (m_words + 7) / 8;
    m_base.assign(m_words, 0);
    layOut(start, reinterpret_cast<std::uint8_t *>(m_base.data()));
}

void StateCodec::layOut(const Machine &m, std::uint8_t *image) const
{
    scalars(m, [&image](const auto &v) { *image++ = static_cast<std::uint8_t>(v); });
    const auto *origin = reinterpret_cast<const std::uint8_t *>(&m);
    for (const Region &r : m_regions) {
        std::memcpy(image, origin + r.offset, r.bytes);
        image += r.bytes;
    }
}

std::size_t StateCodec::encode(const Machine &m, std::vector<std::uint8_t> &out) const
{
    constexpr std::size_t kMaxWords = (sizeof(Machine) + kScalarBytes + 7) / 8;
    std::uint64_t image[kMaxWords];
    image[m_words - 1] = 0; // the padding after the last byte
    layOut(m, reinterpret_cast<std::uint8_t *>(image));
    // Branch-free: every word is XOR-ed and written; only the changed ones
    // advance the cursor and set their bit, collected 64 at a time in a
    // register (a bitmap in memory made each word wait for the last store).
    std::uint64_t bitmap[(kMaxWords + 63) / 64];
    std::uint64_t changed[kMaxWords + 1];
    std::size_t count = 0;
    for (std::size_t chunk = 0; chunk * 64 < m_words; ++chunk) {
        const std::size_t end = std::min(m_words, chunk * 64 + 64);
        std::uint64_t bits = 0;
        for (std::size_t k = chunk * 64; k < end; ++k) {
            const std::uint64_t x = image[k] ^ m_base[k];
            const std::uint64_t differs = x != 0;
            changed[count] = x;
            count += differs;
            bits |= differs << (k & 63);
        }
        bitmap[chunk] = bits;
    }
    const std::size_t before = out.size();
    out.resize(before + m_bitmapBytes + count * 8);
    std::memcpy(out.data() + before, bitmap, m_bitmapBytes);
    std::memcpy(out.data() + before + m_bitmapBytes, changed, count * 8);
    return m_bitmapBytes + count * 8;
}

void StateCodec::decode(const std::uint8_t *code, std::size_t, Machine &out) const
{
    constexpr std::size_t kMaxWords = (sizeof(Machine) + kScalarBytes + 7) / 8;
    std::uint64_t image[kMaxWords];
    std::memcpy(image, m_base.data(), m_words * 8);
    const std::uint8_t *word = code + m_bitmapBytes;
    for (std::size_t b = 0; b < m_bitmapBytes; ++b) {
        for (unsigned bits = code[b]; bits != 0; bits &= bits - 1) {
            const std::size_t k = b * 8 + static_cast<std::size_t>(std::countr_zero(bits));
            image[k] ^= load64(word);
            word += 8;
        }
    }
    const auto *p = reinterpret_cast<const std::uint8_t *>(image);
    scalars(out, [&p](auto &v) { v = static_cast<std::remove_reference_t<decltype(v)>>(*p++); });
    auto *origin = reinterpret_cast<std::uint8_t *>(&out);
    for (const Region &r : m_regions) {
        std::memcpy(origin + r.offset, p, r.bytes);
        p += r.bytes;
    }
}

std::uint64_t StateCodec::fingerprint(const std::uint8_t *code, std::size_t size)
{
    // Each word is folded in with a full 64 x 64 -> 128-bit multiply whose
    // halves are XOR-ed (wyhash's "mum"): a flipped bit changes about half
    // the bits of the result. The multiply-and-shift used before changed
    // only two bits for a flip of bit 63, which a flip of those two bits in
    // the next word undid: two codes differing in three bits could share a
    // fingerprint, far more often than the 2^-64 hash compaction relies on.
    auto mix = [](std::uint64_t h, std::uint64_t word, std::uint64_t secret) {
        const unsigned __int128 p = static_cast<unsigned __int128>(h ^ word) * secret;
        return static_cast<std::uint64_t>(p) ^ static_cast<std::uint64_t>(p >> 64);
    };
    constexpr std::uint64_t secret[4] = {0xa0761d6478bd642full, 0xe7037ed1a0b428dbull,
            0x8ebc6af09c88c6e3ull, 0x589965cc75374cc3ull};
    // Four lanes over 32-byte chunks, so that the multiplies overlap: one
    // chain spent most of its time waiting for the last.
    std::uint64_t lane[4] = {size * 0x9e3779b97f4a7c15ull, 0x2545f4914f6cdd1dull,
            0x6a09e667f3bcc909ull, 0xbb67ae8584caa73bull};
    std::size_t i = 0;
    for (; i + 32 <= size; i += 32)
        for (std::size_t l = 0; l < 4; ++l)
            lane[l] = mix(lane[l], load64(code + i + 8 * l), secret[l]);
    std::uint64_t h = lane[0];
    if (size >= 32)
        for (std::size_t l = 1; l < 4; ++l)
            h = mix(h, lane[l], secret[l]);
    for (; i + 8 <= size; i += 8)
        h = mix(h, load64(code + i), secret[0]);
    if (i < size) {
        std::uint64_t last = 0;
        std::memcpy(&last, code + i, size - i);
        h = mix(h, last, secret[0]);
    }
    // murmur3's finaliser, so that the table's slot (the low bits) depends
    // on every bit.
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

} // namespace fl
