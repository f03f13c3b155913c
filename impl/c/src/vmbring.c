/*
 * vmbring: writer and reader of one VMBus ring. See include/vmbring.h for the contract of each call
 * and README.md for the capability declaration. Rule IDs name entries of spec/requirements.json.
 *
 * Shared memory is touched in three ways only:
 *   - control fields through 32-bit atomics (acquire loads, release stores, full fences where the
 *     signalling rules ask for them);
 *   - the reader copies packet bytes out once (copy_from_ring) and works on the copy (R-MAL-10);
 *   - the writer copies packet bytes in (copy_to_ring) before it publishes write_index (R-RING-9).
 */
#include "vmbring.h"

#include "break.h"

#include <errno.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "vmbring accesses the little-endian control fields natively; big-endian hosts are not supported"
#endif

_Static_assert(sizeof(_Atomic uint32_t) == sizeof(uint32_t), "control fields are plain 32-bit words");
_Static_assert(_Alignof(_Atomic uint32_t) <= 4, "control fields are 4-aligned");

#define VERSION "0.1.0"

/* ---- declaration -------------------------------------------------------------------------------- */

static const struct vmbring_declaration declaration = {
#if BROKEN(none)
    "vmbring",
#else
    "vmbring-broken-" VMBRING_STR(VMBRING_BREAK),
#endif
    VERSION,
    VMBRING_CAP_SETS_PENDING_SEND_SIZE | VMBRING_CAP_CREATES_RINGS,
    VMBRING_CAP_STRICT_READER | VMBRING_CAP_INTERRUPT_MASK_API,
#if BROKEN(none)
    NULL,
#elif BROKEN(wrong_trailer)
    "R-DESC-7",
#elif BROKEN(abort_on_malformed) || BROKEN(hang_when_full)
    "R-RING-15",
#elif BROKEN(trusts_shared_read_index)
    "R-MAL-12",
#elif BROKEN(fills_ring)
    "R-RING-7",
#elif BROKEN(signals_every_write)
    "R-SIG-1",
#elif BROKEN(steps_over_malformed)
    "R-MAL-9",
#elif BROKEN(truncates)
    "R-MAL-14",
#elif BROKEN(double_fetch)
    "R-MAL-10",
#endif
};

const struct vmbring_declaration *vmbring_declare(void) { return &declaration; }

/* ---- control page ------------------------------------------------------------------------------- */

static _Atomic uint32_t *field(uint8_t *control, uint32_t offset)
{
    return (_Atomic uint32_t *)(void *)(control + offset);
}

static uint32_t load_acquire(uint8_t *control, uint32_t offset)
{
    return atomic_load_explicit(field(control, offset), memory_order_acquire);
}

static void store_release(uint8_t *control, uint32_t offset, uint32_t value)
{
    atomic_store_explicit(field(control, offset), value, memory_order_release);
}

static void full_barrier(void) { atomic_thread_fence(memory_order_seq_cst); }

/* R-RING-4 / R-MAL-1: an index is below S and a multiple of 8. */
static int index_ok(uint32_t index, uint32_t size) { return index < size && (index & 7u) == 0; }

/* used = (W - R) mod S (R-RING-6); both indices already checked. */
static uint32_t used_bytes(uint32_t w, uint32_t r, uint32_t size) { return w >= r ? w - r : size - (r - w); }

/* ---- little-endian encoding of packet bytes ------------------------------------------------------ */

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) p[i] = (uint8_t)(v >> (8 * i));
}

static uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get64(const uint8_t *p) { return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32; }

/* ---- data area with wrap-around (R-RING-8) ------------------------------------------------------- */

/* Copies len bytes (len <= size) starting at data offset off (< size), wrapping from size - 1 to 0. */
static void copy_from_ring(const uint8_t *data, uint32_t size, uint32_t off, void *dst, uint32_t len)
{
    uint32_t first = size - off < len ? size - off : len;
    memcpy(dst, data + off, first);
    if (len > first) memcpy((uint8_t *)dst + first, data, len - first);
}

/* Stores len bytes at data offset off and returns the offset after them. src NULL stores zeros. */
static uint32_t copy_to_ring(uint8_t *data, uint32_t size, uint32_t off, const void *src, uint32_t len)
{
    uint32_t first = size - off < len ? size - off : len;
    if (src) {
        memcpy(data + off, src, first);
        if (len > first) memcpy(data, (const uint8_t *)src + first, len - first);
    } else {
        memset(data + off, 0, first);
        if (len > first) memset(data, 0, len - first);
    }
    return (uint32_t)(((uint64_t)off + len) % size);
}

/* ---- errors ------------------------------------------------------------------------------------- */

static int fail(struct vmbring_error *err, int code, const char *rule, const char *fieldname, int64_t offset,
                uint64_t value, const char *message)
{
    if (err) {
        err->rule = rule;
        err->field = fieldname;
        err->offset = offset;
        err->value = value;
        err->message = message;
    }
    return code;
}

static int check_ring(void *ring, uint32_t data_size, struct vmbring_error *err)
{
    if (!ring || ((uintptr_t)ring & 7u) != 0)
        return fail(err, -EINVAL, NULL, NULL, -1, 0, "the ring must be non-NULL and 8-aligned");
    if (data_size == 0 || data_size % VMBRING_DATA_ALIGN != 0)
        return fail(err, -EINVAL, "R-RING-3", NULL, -1, data_size,
                    "the data area size must be a positive multiple of 4096");
    return 0;
}

/* ---- writer ------------------------------------------------------------------------------------- */

int vmbring_writer_attach(struct vmbring_writer *w, void *ring, uint32_t data_size, int create,
                          vmbring_signal_fn signal, void *signal_context, struct vmbring_error *err)
{
    if (!w) return fail(err, -EINVAL, NULL, NULL, -1, 0, "no writer");
    int rc = check_ring(ring, data_size, err);
    if (rc) return rc;
    uint8_t *control = ring;
    uint32_t windex = 0;
    if (create) {
        /* R-RING-12: a fresh ring has both indices and pending_send_size at 0 and feature bit 0 set.
         * The reader's interrupt_mask and the reserved bytes are left alone (R-RING-5, R-RING-14). */
        store_release(control, VMBRING_OFF_PENDING_SEND_SIZE, 0);
        store_release(control, VMBRING_OFF_READ_INDEX, 0);
        store_release(control, VMBRING_OFF_FEATURE_BITS, VMBRING_FEATURE_PENDING_SEND_SIZE);
        store_release(control, VMBRING_OFF_WRITE_INDEX, 0);
    } else {
        /* R-RING-13: take the current indices and validate both (finding F-1, errata E-28). */
        windex = load_acquire(control, VMBRING_OFF_WRITE_INDEX);
        if (!index_ok(windex, data_size))
            return fail(err, -EBADMSG, "R-MAL-1", "write_index", VMBRING_OFF_WRITE_INDEX, windex,
                        "write_index at attach is not below S or not a multiple of 8");
        uint32_t rindex = load_acquire(control, VMBRING_OFF_READ_INDEX);
        if (!index_ok(rindex, data_size))
            return fail(err, -EBADMSG, "R-RING-13", "read_index", VMBRING_OFF_READ_INDEX, rindex,
                        "read_index at attach is not below S or not a multiple of 8");
    }
    w->control = control;
    w->data = control + VMBRING_CONTROL_SIZE;
    w->size = data_size;
    w->write_index = windex;
    w->pending_armed = load_acquire(control, VMBRING_OFF_PENDING_SEND_SIZE) != 0;
    w->signal = signal;
    w->signal_context = signal_context;
    return 0;
}

/*
 * Bytes of a type header, wherever they are: the caller's header, the reader's copy, or (only to
 * validate a packet that is not copied because the destination is too small) the data area itself.
 * Each field is fetched once and the decision uses only that fetch.
 */
struct header_bytes {
    const uint8_t *p;
    uint32_t size; /* bytes at p; offsets wrap at size, which only happens in the data area */
    uint32_t base; /* where the header starts */
};

static uint32_t header32(const struct header_bytes *h, uint64_t at)
{
    uint8_t v[4];
    copy_from_ring(h->p, h->size, (uint32_t)((h->base + at) % h->size), v, 4);
    return get32(v);
}

/* The range list of a type 0x9 header fits its header region (R-DESC-12, R-MAL-8). */
static int gpa_ranges_ok(const struct header_bytes *h, uint64_t header_len, uint32_t count, const char **why)
{
    if (count == 0) {
        *why = "a GPA-direct packet has no range";
        return 0;
    }
    uint64_t at = 8;
    for (uint32_t i = 0; i < count; i++) {
        if (at + 8 > header_len) {
            *why = "a GPA-direct range lies outside the header region";
            return 0;
        }
        uint32_t byte_count = header32(h, at);
        uint32_t byte_offset = header32(h, at + 4);
        if (byte_count == 0) {
            *why = "a GPA-direct range has a zero byte count";
            return 0;
        }
        if (byte_offset >= 4096) {
            *why = "a GPA-direct range has a byte offset of 4096 or more";
            return 0;
        }
        uint64_t pages = ((uint64_t)byte_offset + byte_count + 4095) / 4096;
        if (at + 8 + pages * 8 > header_len) {
            *why = "a GPA-direct range has too few page numbers before the payload";
            return 0;
        }
        at += 8 + pages * 8;
    }
    return 1;
}

/* The range list of a type 0x7 header fits its header region: offset8 >= 3 + n (R-DESC-11, R-MAL-8). */
static int transfer_ranges_ok(uint64_t header_len, uint32_t count, const char **why)
{
    if (8 + 8 * (uint64_t)count > header_len) {
        *why = "transfer-page ranges lie outside the header region";
        return 0;
    }
    return 1;
}

/* Type 0x7 and 0x9 headers: the ranges lie inside the header (R-DESC-11, R-DESC-12, R-MAL-8). The range
 * count is fetched once and handed back in *count for the error. */
static int ranges_ok(uint16_t type, const struct header_bytes *h, uint64_t header_len, uint32_t *count,
                     const char **why)
{
    *count = header32(h, 4);
    return type == VMBRING_TYPE_TRANSFER_PAGES ? transfer_ranges_ok(header_len, *count, why)
                                               : gpa_ranges_ok(h, header_len, *count, why);
}

int vmbring_write(struct vmbring_writer *w, const struct vmbring_send *p, int *signalled,
                  struct vmbring_error *err)
{
    if (signalled) *signalled = 0;
    if (!w || !w->control || !p) return fail(err, -EINVAL, NULL, NULL, -1, 0, "no writer or no packet");
    if ((p->header_len && !p->header) || (p->payload_len && !p->payload))
        return fail(err, -EINVAL, NULL, NULL, -1, 0, "a non-empty header or payload has no bytes");

    /* Arguments: the writer only produces packets a strict reader accepts. */
    switch (p->type) {
    case VMBRING_TYPE_INBAND:
    case VMBRING_TYPE_COMPLETION:
        if (p->header_len != 0)
            return fail(err, -EINVAL, "R-DESC-3", "offset8", -1, p->header_len,
                        "in-band and completion packets have no type header (offset8 is exactly 2)");
        break;
    case VMBRING_TYPE_TRANSFER_PAGES:
    case VMBRING_TYPE_GPA_DIRECT: {
        const char *why = NULL;
        if (p->header_len < 8 || p->header_len % 8 != 0)
            return fail(err, -EINVAL, "R-DESC-10", "offset8", -1, p->header_len,
                        "a type 0x7 or 0x9 header is at least 8 bytes and a multiple of 8");
        struct header_bytes h = {p->header, p->header_len, 0};
        uint32_t count;
        if (!ranges_ok(p->type, &h, p->header_len, &count, &why))
            return fail(err, -EINVAL, p->type == VMBRING_TYPE_TRANSFER_PAGES ? "R-DESC-11" : "R-DESC-12",
                        "range_count", -1, count, why);
        break;
    }
    default:
        return fail(err, -EINVAL, "R-DESC-9", "type", -1, p->type,
                    "only types 0x6, 0x7, 0x9 and 0xB are written (no cancel support)");
    }
    if (p->flags & ~VMBRING_FLAG_COMPLETION_REQUESTED)
        return fail(err, -EINVAL, "R-DESC-8", "flags", -1, p->flags, "only flag bit 0 is defined");
    if (p->type == VMBRING_TYPE_COMPLETION && p->flags != 0)
        return fail(err, -EINVAL, "R-CMP-1", "flags", -1, p->flags, "a completion has flags 0");

    /* Sizes (R-DESC-4, R-DESC-13): len8 * 8 = round_up(16 + header + payload, 8), total = len8 * 8 + 8. */
    uint64_t unpadded = (uint64_t)VMBRING_DESCRIPTOR_SIZE + p->header_len + p->payload_len;
    uint64_t len8 = (unpadded + 7) / 8;
    uint64_t total64 = len8 * 8 + VMBRING_TRAILER_SIZE;
    if (len8 > VMBRING_MAX_LEN8 || total64 > (uint64_t)w->size - 8)
        return fail(err, -EMSGSIZE, "R-DESC-13", "len8", -1, len8, "the packet can never fit this ring");
    uint32_t total = (uint32_t)total64;
    uint16_t offset8 = (uint16_t)((VMBRING_DESCRIPTOR_SIZE + p->header_len) / 8);

    /* Room (R-RING-7): free > total, with a validated read index (R-MAL-15). */
    uint32_t size = w->size;
    uint32_t start = w->write_index;
    uint32_t rindex = load_acquire(w->control, VMBRING_OFF_READ_INDEX);
    if (!index_ok(rindex, size))
        return fail(err, -EBADMSG, "R-MAL-15", "read_index", VMBRING_OFF_READ_INDEX, rindex,
                    "the loaded read_index is not below S or not a multiple of 8");
    uint32_t free_bytes = size - used_bytes(start, rindex, size);
#if BROKEN(hang_when_full)
    /* Broken on purpose (R-RING-15): when the packet would fill the ring exactly, wait for the reader
     * instead of returning; a single-threaded caller never gets control back. */
    while (free_bytes == total) {
        rindex = load_acquire(w->control, VMBRING_OFF_READ_INDEX);
        if (index_ok(rindex, size)) free_bytes = size - used_bytes(start, rindex, size);
    }
#endif
#if BROKEN(fills_ring)
    /* Broken on purpose (R-RING-7): accepts a packet that fills the ring completely, so W catches up with R. */
    int no_room = free_bytes < total;
#else
    int no_room = free_bytes <= total;
#endif
    if (no_room) {
        /* R-SIG-4: ask to be woken when total bytes are free, full barrier, check once more. */
        store_release(w->control, VMBRING_OFF_PENDING_SEND_SIZE, total);
        w->pending_armed = 1;
        full_barrier();
        rindex = load_acquire(w->control, VMBRING_OFF_READ_INDEX);
        if (!index_ok(rindex, size))
            return fail(err, -EBADMSG, "R-MAL-15", "read_index", VMBRING_OFF_READ_INDEX, rindex,
                        "the loaded read_index is not below S or not a multiple of 8");
        free_bytes = size - used_bytes(start, rindex, size);
        if (free_bytes <= total) return -EAGAIN;
    }

    /* Packet bytes (R-DESC-1..8), all stored before write_index is published (R-RING-9). */
    uint8_t descriptor[VMBRING_DESCRIPTOR_SIZE];
    put16(descriptor + 0, p->type);
    put16(descriptor + 2, offset8);
    put16(descriptor + 4, (uint16_t)len8);
    put16(descriptor + 6, p->flags);
    put64(descriptor + 8, p->transaction_id);
    uint32_t at = copy_to_ring(w->data, size, start, descriptor, sizeof descriptor);
    at = copy_to_ring(w->data, size, at, p->header, p->header_len);
    at = copy_to_ring(w->data, size, at, p->payload, p->payload_len);
    at = copy_to_ring(w->data, size, at, NULL, (uint32_t)(len8 * 8 - unpadded)); /* zero padding, R-DESC-6 */
    uint8_t trailer[VMBRING_TRAILER_SIZE];
#if BROKEN(wrong_trailer)
    /* Broken on purpose (R-DESC-7): the start offset lands in the low half instead of the high half. */
    put64(trailer, start);
#else
    put64(trailer, (uint64_t)start << 32); /* four zero bytes, then P as a u32 (R-DESC-7) */
#endif
    at = copy_to_ring(w->data, size, at, trailer, sizeof trailer);

    if (w->pending_armed) {
        /* R-SIG-4: it can write now, so it no longer asks for room. */
        store_release(w->control, VMBRING_OFF_PENDING_SEND_SIZE, 0);
        w->pending_armed = 0;
    }
    store_release(w->control, VMBRING_OFF_WRITE_INDEX, at); /* publish: release store (R-RING-9) */
    w->write_index = at;

    /* R-SIG-1, R-SIG-2: full barrier, then signal exactly when the mask is clear and the reader had
     * consumed everything before this write (the ring went from empty to non-empty). */
    full_barrier();
    uint32_t mask = load_acquire(w->control, VMBRING_OFF_INTERRUPT_MASK);
    uint32_t rnow = load_acquire(w->control, VMBRING_OFF_READ_INDEX);
    int wake = mask == 0 && rnow == start;
#if BROKEN(signals_every_write)
    wake = 1; /* Broken on purpose (R-SIG-1): signals after every write. */
#endif
    if (wake) {
        if (w->signal) w->signal(w->signal_context);
        if (signalled) *signalled = 1;
    }
    return 0;
}

int64_t vmbring_writer_free(struct vmbring_writer *w, struct vmbring_error *err)
{
    if (!w || !w->control) return fail(err, -EINVAL, NULL, NULL, -1, 0, "no writer");
    uint32_t rindex = load_acquire(w->control, VMBRING_OFF_READ_INDEX);
    if (!index_ok(rindex, w->size))
        return fail(err, -EBADMSG, "R-MAL-15", "read_index", VMBRING_OFF_READ_INDEX, rindex,
                    "the loaded read_index is not below S or not a multiple of 8");
    return (int64_t)w->size - used_bytes(w->write_index, rindex, w->size);
}

/* ---- reader ------------------------------------------------------------------------------------- */

int vmbring_reader_attach(struct vmbring_reader *r, void *ring, uint32_t data_size, vmbring_signal_fn signal,
                          void *signal_context, struct vmbring_error *err)
{
    if (!r) return fail(err, -EINVAL, NULL, NULL, -1, 0, "no reader");
    int rc = check_ring(ring, data_size, err);
    if (rc) return rc;
    uint8_t *control = ring;
    /* R-RING-13, R-MAL-1: the read index found at attach is validated, then kept privately. */
    uint32_t rindex = load_acquire(control, VMBRING_OFF_READ_INDEX);
    if (!index_ok(rindex, data_size))
        return fail(err, -EBADMSG, "R-MAL-1", "read_index", VMBRING_OFF_READ_INDEX, rindex,
                    "read_index at attach is not below S or not a multiple of 8");
    r->control = control;
    r->data = control + VMBRING_CONTROL_SIZE;
    r->size = data_size;
    r->read_index = rindex;
    r->signal = signal;
    r->signal_context = signal_context;
    return 0;
}

/* A rejection (R-MAL-9): nothing consumed, no shared field written, the same answer on retry. */
static int reject(struct vmbring_error *err, const char *rule, const char *fieldname, int64_t offset,
                  uint64_t value, const char *message)
{
#if BROKEN(abort_on_malformed)
    /* Broken on purpose (R-RING-15): a malformed ring ends the process instead of returning a status. */
    (void)err, (void)rule, (void)fieldname, (void)offset, (void)value, (void)message;
    abort();
#else
    return fail(err, -EBADMSG, rule, fieldname, offset, value, message);
#endif
}

/* Data-area offset of the descriptor field at packet offset `at` of a packet starting at `start`. */
static int64_t at_packet(uint32_t start, uint32_t at, uint32_t size) { return (int64_t)(((uint64_t)start + at) % size); }

/* Publishes the read index and decides the room-available signal (R-SIG-5, R-SIG-6, R-SIG-7). */
static int consume(struct vmbring_reader *r, uint32_t start, uint32_t total)
{
    uint32_t size = r->size;
    uint32_t next = (uint32_t)(((uint64_t)start + total) % size);
    store_release(r->control, VMBRING_OFF_READ_INDEX, next); /* R-RING-10: everything was copied out */
    r->read_index = next;
    full_barrier();
    uint32_t pss = load_acquire(r->control, VMBRING_OFF_PENDING_SEND_SIZE) & ~7u;
    if (pss == 0) return 0;
    uint32_t windex = load_acquire(r->control, VMBRING_OFF_WRITE_INDEX); /* loaded after pss */
    if (!index_ok(windex, size)) return 0; /* the next read reports it (R-MAL-1) */
    uint32_t free_before = size - used_bytes(windex, start, size);
    uint32_t free_after = size - used_bytes(windex, next, size);
    if (!(free_before <= pss && free_after > pss)) return 0;
    if (r->signal) r->signal(r->signal_context); /* never gated by interrupt_mask (R-SIG-7) */
    return 1;
}

int vmbring_read(struct vmbring_reader *r, void *dst, uint32_t dst_len, struct vmbring_packet *packet,
                 int *signalled, struct vmbring_error *err)
{
    if (signalled) *signalled = 0;
    if (!r || !r->control || (!dst && dst_len)) return fail(err, -EINVAL, NULL, NULL, -1, 0, "no reader or no buffer");
    uint32_t size = r->size;
#if BROKEN(trusts_shared_read_index)
    /* Broken on purpose (R-MAL-12): takes its position from the shared read_index on every read. */
    uint32_t start = load_acquire(r->control, VMBRING_OFF_READ_INDEX) % size & ~7u;
#else
    uint32_t start = r->read_index; /* the private position, never read back (R-MAL-12) */
#endif
    uint32_t windex = load_acquire(r->control, VMBRING_OFF_WRITE_INDEX); /* acquire (R-SIG-9) */
    if (!index_ok(windex, size))
        return reject(err, "R-MAL-1", "write_index", VMBRING_OFF_WRITE_INDEX, windex,
                      "write_index is not below S or not a multiple of 8");
    if (windex == start) return -EAGAIN; /* R-RING-6 */
    uint32_t used = used_bytes(windex, start, size);
    if (used < VMBRING_MIN_PACKET)
        return reject(err, "R-MAL-2", NULL, start, used, "fewer than 24 unread bytes: a truncated packet");

    /* One copy of the descriptor; every decision below uses it (R-MAL-10). */
    uint8_t d[VMBRING_DESCRIPTOR_SIZE];
    copy_from_ring(r->data, size, start, d, sizeof d);
    uint16_t type = get16(d + 0), offset8 = get16(d + 2), len8 = get16(d + 4), flags = get16(d + 6);
    uint32_t total = (uint32_t)len8 * 8 + VMBRING_TRAILER_SIZE;

    if (offset8 < 2)
        return reject(err, "R-MAL-3", "offset8", at_packet(start, 2, size), offset8, "offset8 is below 2");
    if (len8 < offset8)
        return reject(err, "R-MAL-4", "len8", at_packet(start, 4, size), len8, "len8 is below offset8");
    if (total > used)
        return reject(err, "R-MAL-5", "len8", at_packet(start, 4, size), len8,
                      "the packet or its trailer runs past write_index");
    if (flags & ~VMBRING_FLAG_COMPLETION_REQUESTED) {
#if BROKEN(steps_over_malformed)
        /* Broken on purpose (R-MAL-9): steps over the rejected packet instead of consuming nothing. */
        consume(r, start, total);
#endif
        return reject(err, "R-MAL-6", "flags", at_packet(start, 6, size), flags, "a flag bit other than bit 0 is set");
    }
    if (type != VMBRING_TYPE_INBAND && type != VMBRING_TYPE_TRANSFER_PAGES && type != VMBRING_TYPE_GPA_DIRECT &&
        type != VMBRING_TYPE_COMPLETION)
        return reject(err, "R-MAL-7", "type", at_packet(start, 0, size), type, "unknown packet type");
    if ((type == VMBRING_TYPE_TRANSFER_PAGES || type == VMBRING_TYPE_GPA_DIRECT) && offset8 < 3)
        return reject(err, "R-MAL-8", "offset8", at_packet(start, 2, size), offset8,
                      "a type 0x7 or 0x9 packet has offset8 below 3");

    uint32_t length = (uint32_t)len8 * 8;
    if (packet) {
        packet->type = type;
        packet->offset8 = offset8;
        packet->len8 = len8;
        packet->flags = flags;
        packet->transaction_id = get64(d + 8);
        packet->ring_offset = start;
        packet->length = length;
    }
    int has_ranges = type == VMBRING_TYPE_TRANSFER_PAGES || type == VMBRING_TYPE_GPA_DIRECT;
    uint32_t header_len = (uint32_t)offset8 * 8 - VMBRING_DESCRIPTOR_SIZE;
    const char *why = NULL;
    uint32_t count = 0;
    if (dst_len < length) {
#if BROKEN(truncates)
        /* Broken on purpose (R-MAL-14): hands on the part that fits and consumes the packet. */
        copy_from_ring(r->data, size, start, dst, dst_len);
        if (dst_len >= sizeof d) memcpy(dst, d, sizeof d);
        int woke = consume(r, start, total);
        if (signalled) *signalled = woke;
        return 0;
#else
        /* Not copied, so the ranges are validated where they are (each field fetched once), and a
         * malformed packet gets the same answer whatever the destination size (R-MAL-9). */
        struct header_bytes in_ring = {r->data, size, (uint32_t)(((uint64_t)start + 16) % size)};
        if (has_ranges && !ranges_ok(type, &in_ring, header_len, &count, &why))
            return reject(err, "R-MAL-8", "range_count", at_packet(start, 20, size), count, why);
        return -ENOBUFS; /* R-MAL-14: nothing consumed, nothing truncated; packet->length is the size needed */
#endif
    }

    /* One copy of the packet; the header is validated in the copy, whose descriptor is the checked one. */
    uint8_t *bytes = dst;
#if BROKEN(double_fetch)
    /* Broken on purpose (R-MAL-10): sizes the copy from a second fetch of the descriptor and hands on bytes copied
     * from the ring afterwards, descriptor included, not the validated copy; it still consumes what the first fetch
     * validated. The size stays within the unread bytes, so the variant reads nothing outside the ring. */
    uint8_t again[VMBRING_DESCRIPTOR_SIZE];
    copy_from_ring(r->data, size, start, again, sizeof again);
    uint32_t refetched = (uint32_t)get16(again + 4) * 8;
    length = refetched < dst_len ? refetched : dst_len;
    if (length > used - VMBRING_TRAILER_SIZE) length = used - VMBRING_TRAILER_SIZE;
    if (packet) packet->length = length;
    copy_from_ring(r->data, size, start, bytes, length);
#else
    copy_from_ring(r->data, size, start, bytes, length);
    memcpy(bytes, d, sizeof d);
#endif
    struct header_bytes copied = {bytes, length, 16};
    if (has_ranges && !ranges_ok(type, &copied, header_len, &count, &why))
        return reject(err, "R-MAL-8", "range_count", at_packet(start, 20, size), count, why);
    /* The trailer is skipped, never read (R-MAL-11). */
    int woke = consume(r, start, total);
    if (signalled) *signalled = woke;
    return 0;
}

void vmbring_reader_mask(struct vmbring_reader *r)
{
    if (r && r->control) store_release(r->control, VMBRING_OFF_INTERRUPT_MASK, 1);
}

int vmbring_reader_unmask(struct vmbring_reader *r, struct vmbring_error *err)
{
    if (!r || !r->control) return fail(err, -EINVAL, NULL, NULL, -1, 0, "no reader");
    store_release(r->control, VMBRING_OFF_INTERRUPT_MASK, 0);
    full_barrier(); /* R-SIG-3: clear, barrier, check once more */
    uint32_t windex = load_acquire(r->control, VMBRING_OFF_WRITE_INDEX);
    if (!index_ok(windex, r->size))
        return reject(err, "R-MAL-1", "write_index", VMBRING_OFF_WRITE_INDEX, windex,
                      "write_index is not below S or not a multiple of 8");
    return windex != r->read_index;
}
