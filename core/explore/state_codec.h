// SPDX-License-Identifier: GPL-2.0-only
#pragma once

#include "model/machine.h"

#include <cstddef>
#include <cstdint>
#include <vector>

// The explorer's compact form of a machine (issue 12): what the BFS frontier
// stores instead of whole Machines, and what its fingerprints are taken of.
//
// A machine is first laid out into an image of fixed length for its
// scenario (its scalars, then the bytes of its used CPUs, tasks, folios, mms
// and GPUs: the structs have no padding and clear their unused tails, so
// equal machines are equal images), then XOR-ed with the image of the scenario's start state, 8 bytes at a
// time, and only the words that differ are kept, behind a bitmap of which
// ones they are: most fields of a reachable state equal their start value (the
// configuration of tasks, the page tables of untouched pages, empty
// batches), so a state of l1 takes a few dozen bytes where the Machine takes
// kilobytes. Equal machines give equal codes, so the code's hash is the
// state's fingerprint.
namespace fl {

class StateCodec {
public:
    // `start` fixes the counts (CPUs, tasks, folios, used mms and GPUs) and
    // the base every code is taken against: every machine coded must be of
    // its scenario.
    explicit StateCodec(const Machine &start);

    // Appends the code of `m` to `out`; returns its length.
    std::size_t encode(const Machine &m, std::vector<std::uint8_t> &out) const;
    // Rebuilds the machine coded in [code, code + size) into `out`, which
    // must hold a machine of the same scenario (the start state, or any
    // state decoded or explored before).
    void decode(const std::uint8_t *code, std::size_t size, Machine &out) const;

    // A 64-bit fingerprint of a code (murmur-style mixing of 8-byte words).
    static std::uint64_t fingerprint(const std::uint8_t *code, std::size_t size);

    std::size_t imageSize() const { return m_words * 8; }
    // The length of the start state's code: the bitmap alone.
    std::size_t emptyCodeSize() const { return m_bitmapBytes; }

private:
    struct Region {
        std::size_t offset; // in a Machine
        std::size_t bytes;
    };
    void layOut(const Machine &m, std::uint8_t *image) const;

    std::vector<Region> m_regions; // after the scalars, in image order
    std::vector<std::uint64_t> m_base; // the start state's image, zero-padded to whole words
    std::size_t m_words = 0;
    std::size_t m_bitmapBytes = 0;
};

} // namespace fl
