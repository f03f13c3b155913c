/* Helpers shared by the tests: a ring in ordinary memory, raw control-field and data-area access. */
#ifndef VMBRING_RING_UTIL_H
#define VMBRING_RING_UTIL_H

#include "vmbring.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct test_ring {
    uint8_t *base; /* control page */
    uint8_t *data; /* data area */
    uint32_t size; /* S */
};

static inline struct test_ring ring_new(uint32_t size)
{
    struct test_ring t;
    t.base = calloc(1, VMBRING_CONTROL_SIZE + (size_t)size);
    if (!t.base) abort();
    t.data = t.base + VMBRING_CONTROL_SIZE;
    t.size = size;
    return t;
}

static inline void ring_free(struct test_ring *t) { free(t->base); }

static inline uint32_t ctl_get(const struct test_ring *t, uint32_t off)
{
    uint32_t v;
    memcpy(&v, t->base + off, 4);
    return v;
}

static inline void ctl_set(struct test_ring *t, uint32_t off, uint32_t v) { memcpy(t->base + off, &v, 4); }

/* Raw bytes at a data offset, wrapping. */
static inline void data_put(struct test_ring *t, uint32_t at, const void *src, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++) t->data[(at + i) % t->size] = ((const uint8_t *)src)[i];
}

static inline void data_get(const struct test_ring *t, uint32_t at, void *dst, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++) ((uint8_t *)dst)[i] = t->data[(at + i) % t->size];
}

static inline uint64_t data_get64(const struct test_ring *t, uint32_t at)
{
    uint8_t b[8];
    data_get(t, at, b, 8);
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = v << 8 | b[i];
    return v;
}

static inline void le16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static inline void le32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i));
}

static inline void le64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}

/* A descriptor as raw bytes. */
static inline void make_descriptor(uint8_t d[16], uint16_t type, uint16_t offset8, uint16_t len8, uint16_t flags,
                                   uint64_t txid)
{
    le16(d, type);
    le16(d + 2, offset8);
    le16(d + 4, len8);
    le16(d + 6, flags);
    le64(d + 8, txid);
}

/* Counts doorbell calls and remembers the index the peer saw when it rang. */
struct doorbell {
    struct test_ring *ring;
    int calls;
    uint32_t write_index_seen;
    uint32_t read_index_seen;
};

static inline void ring_doorbell(void *context)
{
    struct doorbell *d = context;
    d->calls++;
    d->write_index_seen = ctl_get(d->ring, VMBRING_OFF_WRITE_INDEX);
    d->read_index_seen = ctl_get(d->ring, VMBRING_OFF_READ_INDEX);
}

static inline struct vmbring_send inband(uint16_t flags, uint64_t txid, const void *payload, uint32_t len)
{
    struct vmbring_send s;
    memset(&s, 0, sizeof s);
    s.type = VMBRING_TYPE_INBAND;
    s.flags = flags;
    s.transaction_id = txid;
    s.payload = payload;
    s.payload_len = len;
    return s;
}

#endif
