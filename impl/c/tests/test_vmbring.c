/* Unit tests of the conforming vmbring build. Each case names the rules it exercises. */
#include "check.h"
#include "ring_util.h"
#include "vmbring.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#define S4K 4096u

static uint8_t buf[70000];

/* Attaches a writer and a reader to an existing ring whose indices are both `start`. */
static void attach_at(struct test_ring *t, uint32_t start, struct vmbring_writer *w, struct vmbring_reader *r,
                      struct doorbell *to_reader, struct doorbell *to_writer)
{
    ctl_set(t, VMBRING_OFF_WRITE_INDEX, start);
    ctl_set(t, VMBRING_OFF_READ_INDEX, start);
    if (to_reader) to_reader->ring = t;
    if (to_writer) to_writer->ring = t;
    CHECK_EQ(vmbring_writer_attach(w, t->base, t->size, 0, to_reader ? ring_doorbell : NULL, to_reader, NULL), 0);
    CHECK_EQ(vmbring_reader_attach(r, t->base, t->size, to_writer ? ring_doorbell : NULL, to_writer, NULL), 0);
}

/* ---- declaration ---------------------------------------------------------------------------------- */

static void declaration(void)
{
    const struct vmbring_declaration *d = vmbring_declare();
    CHECK_STR(d->name, "vmbring");
    CHECK(d->version && d->version[0]);
    CHECK_EQ(d->writer_caps, VMBRING_CAP_SETS_PENDING_SEND_SIZE | VMBRING_CAP_CREATES_RINGS);
    CHECK_EQ(d->reader_caps, VMBRING_CAP_STRICT_READER | VMBRING_CAP_INTERRUPT_MASK_API);
    CHECK((d->writer_caps | d->reader_caps) & VMBRING_CAP_STAGED_PUBLICATION ? 0 : 1);
    CHECK(d->broken == NULL);
}

/* ---- attach: R-RING-3, R-RING-12, R-RING-13, R-MAL-1 ---------------------------------------------- */

static void attach_rejects_bad_arguments(void)
{
    struct test_ring t = ring_new(2 * S4K);
    struct vmbring_writer w;
    struct vmbring_reader r;
    struct vmbring_error e;
    CHECK_EQ(vmbring_writer_attach(&w, t.base, 0, 1, NULL, NULL, &e), -EINVAL);
    CHECK_EQ(vmbring_writer_attach(&w, t.base, 4097, 1, NULL, NULL, &e), -EINVAL);
    CHECK_STR(e.rule, "R-RING-3");
    CHECK_EQ(vmbring_writer_attach(&w, t.base + 4, S4K, 1, NULL, NULL, &e), -EINVAL);
    CHECK_EQ(vmbring_writer_attach(NULL, t.base, S4K, 1, NULL, NULL, &e), -EINVAL);
    CHECK_EQ(vmbring_reader_attach(&r, t.base, 2048, NULL, NULL, &e), -EINVAL);
    CHECK_EQ(vmbring_reader_attach(&r, NULL, S4K, NULL, NULL, &e), -EINVAL);
    ring_free(&t);
}

static void create_initialises_the_control_page(void)
{
    struct test_ring t = ring_new(S4K);
    memset(t.base, 0xEE, VMBRING_CONTROL_SIZE);
    struct vmbring_writer w;
    CHECK_EQ(vmbring_writer_attach(&w, t.base, S4K, 1, NULL, NULL, NULL), 0);
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_WRITE_INDEX), 0);
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_READ_INDEX), 0);
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_PENDING_SEND_SIZE), 0);
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_FEATURE_BITS), VMBRING_FEATURE_PENDING_SEND_SIZE);
    /* interrupt_mask belongs to the reader, the reserved bytes to nobody (R-RING-5). */
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_INTERRUPT_MASK), 0xEEEEEEEEu);
    for (uint32_t i = 16; i < 64; i++) CHECK_EQ(t.base[i], 0xEE);
    for (uint32_t i = 68; i < VMBRING_CONTROL_SIZE; i++) CHECK_EQ(t.base[i], 0xEE);
    /* The reader does not depend on the initial mask (R-RING-14): the first write still works. */
    struct vmbring_reader r;
    CHECK_EQ(vmbring_reader_attach(&r, t.base, S4K, NULL, NULL, NULL), 0);
    struct vmbring_send s = inband(0, 1, "x", 1);
    int sig = -1;
    CHECK_EQ(vmbring_write(&w, &s, &sig, NULL), 0);
    CHECK_EQ(sig, 0); /* mask non-zero: no new-data signal (R-SIG-1) */
    struct vmbring_packet p;
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(p.transaction_id, 1);
    ring_free(&t);
}

static void attach_existing_takes_and_validates_indices(void)
{
    struct test_ring t = ring_new(S4K);
    struct vmbring_writer w;
    struct vmbring_reader r;
    struct vmbring_error e;
    ctl_set(&t, VMBRING_OFF_WRITE_INDEX, 0x100);
    ctl_set(&t, VMBRING_OFF_READ_INDEX, 0x100);
    CHECK_EQ(vmbring_writer_attach(&w, t.base, S4K, 0, NULL, NULL, &e), 0);
    CHECK_EQ(vmbring_reader_attach(&r, t.base, S4K, NULL, NULL, &e), 0);
    struct vmbring_send s = inband(0, 9, "abc", 3);
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    CHECK_EQ(data_get64(&t, 0x100 + 24), (uint64_t)0x100 << 32); /* written where W was */
    struct vmbring_packet p;
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(p.ring_offset, 0x100);

    const uint32_t bad[] = {S4K, S4K + 8, 0x104, 0xFFFFFFF8u, 1};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ctl_set(&t, VMBRING_OFF_WRITE_INDEX, bad[i]);
        ctl_set(&t, VMBRING_OFF_READ_INDEX, 0);
        memset(&e, 0, sizeof e);
        CHECK_EQ(vmbring_writer_attach(&w, t.base, S4K, 0, NULL, NULL, &e), -EBADMSG);
        CHECK_STR(e.rule, "R-MAL-1");
        CHECK_STR(e.field, "write_index");
        CHECK_EQ(e.value, bad[i]);
        ctl_set(&t, VMBRING_OFF_WRITE_INDEX, 0);
        ctl_set(&t, VMBRING_OFF_READ_INDEX, bad[i]);
        memset(&e, 0, sizeof e);
        CHECK_EQ(vmbring_reader_attach(&r, t.base, S4K, NULL, NULL, &e), -EBADMSG);
        CHECK_STR(e.rule, "R-MAL-1");
        CHECK_STR(e.field, "read_index");
        CHECK_EQ(e.offset, VMBRING_OFF_READ_INDEX);
    }
    ring_free(&t);
}

/* ---- worked examples of wire-format.md, byte for byte ---------------------------------------------- */

static const uint8_t example_inband[] = {
    0x06, 0x00, 0x02, 0x00, 0x03, 0x00, 0x01, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x00,
};
static const uint8_t example_pipe[] = {
    0x06, 0x00, 0x02, 0x00, 0x04, 0x00, 0x01, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00, 0x68, 0x65, 0x6c, 0x6c, 0x6f, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x60, 0x00, 0x00, 0x00,
};
static const uint8_t example_gpa[] = {
    0x09, 0x00, 0x06, 0x00, 0x07, 0x00, 0x01, 0x00, 0x07, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x18, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00,
    0x34, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x35, 0x12, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x52, 0x45, 0x41, 0x44, 0x30, 0x30, 0x30, 0x31, 0x00, 0x00, 0x00, 0x00, 0x88, 0x00, 0x00, 0x00,
};
static const uint8_t example_transfer[] = {
    0x07, 0x00, 0x05, 0x00, 0x06, 0x00, 0x01, 0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x03, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x3c, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x52, 0x58, 0x2d, 0x32, 0x2d, 0x50, 0x4b, 0x54,
    0x00, 0x00, 0x00, 0x00, 0xc8, 0x00, 0x00, 0x00,
};
static const uint8_t example_completion[] = {
    0x0b, 0x00, 0x02, 0x00, 0x03, 0x00, 0x00, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0xde, 0xad, 0xbe, 0xef, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
};

static void worked_examples_are_written_byte_for_byte(void)
{
    struct test_ring t = ring_new(S4K);
    memset(t.data, 0xAA, S4K); /* padding must be written as zeros, not left over (R-DESC-6) */
    struct vmbring_writer w;
    struct vmbring_reader r;
    attach_at(&t, 0x40, &w, &r, NULL, NULL);

    struct vmbring_send s = inband(1, 0x2A, "hello", 5);
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    const uint8_t pipe_payload[] = {1, 0, 0, 0, 5, 0, 0, 0, 'h', 'e', 'l', 'l', 'o'};
    s = inband(1, 0x2B, pipe_payload, sizeof pipe_payload);
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);

    uint8_t gpa_header[32];
    memset(gpa_header, 0, sizeof gpa_header);
    le32(gpa_header + 4, 1);
    le32(gpa_header + 8, 0x1800);
    le32(gpa_header + 12, 0x200);
    le64(gpa_header + 16, 0x1234);
    le64(gpa_header + 24, 0x1235);
    struct vmbring_send g = {VMBRING_TYPE_GPA_DIRECT, 1, 7, gpa_header, sizeof gpa_header, "READ0001", 8};
    CHECK_EQ(vmbring_write(&w, &g, NULL, NULL), 0);

    uint8_t tp_header[24];
    memset(tp_header, 0, sizeof tp_header);
    le16(tp_header, 3);
    le32(tp_header + 4, 2);
    le32(tp_header + 8, 100);
    le32(tp_header + 12, 0);
    le32(tp_header + 16, 60);
    le32(tp_header + 20, 4096);
    struct vmbring_send x = {VMBRING_TYPE_TRANSFER_PAGES, 1, 8, tp_header, sizeof tp_header, "RX-2-PKT", 8};
    CHECK_EQ(vmbring_write(&w, &x, NULL, NULL), 0);

    CHECK_MEM(t.data + 0x40, example_inband, sizeof example_inband);
    CHECK_MEM(t.data + 0x60, example_pipe, sizeof example_pipe);
    CHECK_MEM(t.data + 0x88, example_gpa, sizeof example_gpa);
    CHECK_MEM(t.data + 0xC8, example_transfer, sizeof example_transfer);
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_WRITE_INDEX), 0x100);

    /* The reader hands back each packet without its trailer; raw Buffer = offset8 * 8 onward (R-DESC-5). */
    struct vmbring_packet p;
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(p.type, 6);
    CHECK_EQ(p.offset8, 2);
    CHECK_EQ(p.len8, 3);
    CHECK_EQ(p.flags, 1);
    CHECK_EQ(p.transaction_id, 0x2A);
    CHECK_EQ(p.ring_offset, 0x40);
    CHECK_EQ(p.length, 24);
    CHECK_MEM(buf, example_inband, 24);
    CHECK_EQ((p.len8 - p.offset8) * 8, 8);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(p.ring_offset, 0x60);
    CHECK_MEM(buf, example_pipe, 32);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(p.type, 9);
    CHECK_EQ(p.offset8, 6);
    CHECK_EQ(p.len8, 7);
    CHECK_EQ(p.ring_offset, 0x88);
    CHECK_MEM(buf, example_gpa, 56);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(p.type, 7);
    CHECK_EQ(p.offset8, 5);
    CHECK_EQ(p.ring_offset, 0xC8);
    CHECK_MEM(buf, example_transfer, 48);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), -EAGAIN);
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_READ_INDEX), 0x100);

    /* The completion, in the outgoing ring at 0x100 (R-CMP-1). */
    struct test_ring out = ring_new(S4K);
    memset(out.data, 0xAA, S4K);
    struct vmbring_writer ow;
    struct vmbring_reader orr;
    attach_at(&out, 0x100, &ow, &orr, NULL, NULL);
    const uint8_t bytes[] = {0xde, 0xad, 0xbe, 0xef};
    struct vmbring_send c = {VMBRING_TYPE_COMPLETION, 0, 0x2A, NULL, 0, bytes, 4};
    CHECK_EQ(vmbring_write(&ow, &c, NULL, NULL), 0);
    CHECK_MEM(out.data + 0x100, example_completion, sizeof example_completion);
    ring_free(&out);
    ring_free(&t);
}

static void trailer_of_a_packet_at_0x1a40(void)
{
    struct test_ring t = ring_new(2 * S4K);
    struct vmbring_writer w;
    struct vmbring_reader r;
    attach_at(&t, 0x1A40, &w, &r, NULL, NULL);
    struct vmbring_send s = inband(0, 0, NULL, 0);
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    const uint8_t trailer[] = {0, 0, 0, 0, 0x40, 0x1A, 0, 0};
    CHECK_MEM(t.data + 0x1A40 + 16, trailer, 8); /* bare descriptor: offset8 = len8 = 2, total 24 */
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_WRITE_INDEX), 0x1A40 + 24);
    ring_free(&t);
}

/* ---- round trips with wrap-around (R-RING-8, R-DESC-1..7) ------------------------------------------- */

static uint32_t lcg_state;
static uint32_t rnd(uint32_t bound)
{
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return (lcg_state >> 8) % bound;
}

struct sent {
    uint16_t type, flags;
    uint64_t txid;
    uint8_t header[64];
    uint32_t header_len, payload_len, seed, start, total;
};

static uint8_t payload_byte(uint32_t seed, uint32_t i) { return (uint8_t)(seed * 7u + i * 31u + (i >> 8)); }

static void make_packet(struct sent *m, uint32_t max_payload)
{
    static const uint16_t types[] = {6, 7, 9, 11};
    memset(m, 0, sizeof *m);
    m->type = types[rnd(4)];
    m->flags = m->type == 11 ? 0 : (uint16_t)rnd(2);
    m->txid = ((uint64_t)rnd(0xFFFFFF) << 32) | rnd(0xFFFFFF);
    m->payload_len = rnd(max_payload + 1);
    m->seed = rnd(1000000);
    if (m->type == 7) {
        uint32_t n = rnd(4);
        le16(m->header, (uint16_t)rnd(100));
        m->header[18 - 16] = (uint8_t)rnd(256); /* bytes readers ignore (R-DESC-11) */
        m->header[19 - 16] = (uint8_t)rnd(256);
        le32(m->header + 4, n);
        for (uint32_t i = 0; i < n; i++) {
            le32(m->header + 8 + 8 * i, rnd(5000));
            le32(m->header + 12 + 8 * i, rnd(100000));
        }
        m->header_len = 8 + 8 * n + 8 * rnd(2); /* offset8 may exceed 3 + n */
    } else if (m->type == 9) {
        uint32_t n = 1 + rnd(2), at = 8;
        le32(m->header, rnd(0xFFFFFFFFu)); /* reserved, may be non-zero */
        le32(m->header + 4, n);
        for (uint32_t i = 0; i < n; i++) {
            uint32_t off = rnd(4096), count = 1 + rnd(4096 - off + 4096);
            uint32_t k = (off + count + 4095) / 4096;
            le32(m->header + at, count);
            le32(m->header + at + 4, off);
            for (uint32_t j = 0; j < k; j++) le64(m->header + at + 8 + 8 * j, 0x1000 + rnd(0x100000));
            at += 8 + 8 * k;
        }
        m->header_len = at;
    }
    uint32_t len8 = (16 + m->header_len + m->payload_len + 7) / 8;
    m->total = len8 * 8 + 8;
}

static int send_packet(struct vmbring_writer *w, const struct sent *m, int *sig)
{
    uint8_t payload[4096];
    for (uint32_t i = 0; i < m->payload_len; i++) payload[i] = payload_byte(m->seed, i);
    struct vmbring_send s = {m->type, m->flags, m->txid, m->header, m->header_len, payload, m->payload_len};
    return vmbring_write(w, &s, sig, NULL);
}

/* The packet read back is the one sent: descriptor, header, payload, zero padding (INV-FIFO, INV-WRAP). */
static void check_received(const struct sent *m, const struct vmbring_packet *p, const uint8_t *bytes)
{
    uint32_t offset8 = 2 + m->header_len / 8;
    CHECK_EQ(p->type, m->type);
    CHECK_EQ(p->flags, m->flags);
    CHECK_EQ(p->transaction_id, m->txid);
    CHECK_EQ(p->offset8, offset8);
    CHECK_EQ(p->len8 * 8 + 8, m->total);
    CHECK_EQ(p->length, p->len8 * 8);
    CHECK_EQ(p->ring_offset, m->start);
    CHECK_MEM(bytes + 16, m->header, m->header_len);
    int bad = 0;
    for (uint32_t i = 0; i < m->payload_len; i++) bad |= bytes[offset8 * 8 + i] != payload_byte(m->seed, i);
    for (uint32_t i = offset8 * 8 + m->payload_len; i < p->length; i++) bad |= bytes[i] != 0;
    CHECK(!bad);
}

static void every_part_straddles_the_end(void)
{
    /* For each start near the end, a GPA-direct packet (descriptor, header, payload) crosses S - 1. */
    for (uint32_t back = 8; back <= 120; back += 8) {
        for (uint32_t payload = 0; payload <= 24; payload += 3) {
            struct test_ring t = ring_new(S4K);
            struct vmbring_writer w;
            struct vmbring_reader r;
            uint32_t start = S4K - back;
            attach_at(&t, start, &w, &r, NULL, NULL);
            struct sent m;
            memset(&m, 0, sizeof m);
            m.type = 9;
            m.flags = 1;
            m.txid = 0x1122334455667788ull + back;
            le32(m.header + 4, 2);
            le32(m.header + 8, 0x10);
            le32(m.header + 12, 0xFF8); /* crosses a page: two page numbers */
            le64(m.header + 16, 0xAAAA);
            le64(m.header + 24, 0xBBBB);
            le32(m.header + 32, 4096);
            le32(m.header + 36, 0);
            le64(m.header + 40, 0xCCCC);
            m.header_len = 48;
            m.payload_len = payload;
            m.seed = back + payload;
            m.start = start;
            m.total = (16 + 48 + payload + 7) / 8 * 8 + 8;
            CHECK_EQ(send_packet(&w, &m, NULL), 0);
            /* The trailer is one aligned unit and holds the start (R-RING-8, R-DESC-7). */
            uint32_t trailer_at = (start + m.total - 8) % S4K;
            CHECK(trailer_at + 8 <= S4K);
            CHECK_EQ(data_get64(&t, trailer_at), (uint64_t)start << 32);
            CHECK_EQ(ctl_get(&t, VMBRING_OFF_WRITE_INDEX), (start + m.total) % S4K);
            struct vmbring_packet p;
            memset(buf, 0x55, 256);
            CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
            check_received(&m, &p, buf);
            CHECK_EQ(ctl_get(&t, VMBRING_OFF_READ_INDEX), (start + m.total) % S4K);
            ring_free(&t);
        }
    }
}

static void random_round_trips_follow_the_model(void)
{
    static struct sent queue[1024];
    const uint32_t sizes[] = {S4K, 2 * S4K, 3 * S4K};
    for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
        uint32_t size = sizes[z];
        lcg_state = 12345u + (uint32_t)z;
        struct test_ring t = ring_new(size);
        struct vmbring_writer w;
        struct vmbring_reader r;
        struct doorbell to_reader, to_writer;
        memset(&to_reader, 0, sizeof to_reader);
        memset(&to_writer, 0, sizeof to_writer);
        uint32_t start = 8 * rnd(size / 8);
        attach_at(&t, start, &w, &r, &to_reader, &to_writer);
        uint32_t W = start, R = start, head = 0, count = 0, written = 0, refused = 0, reads = 0;
        for (int step = 0; step < 6000; step++) {
            if (rnd(100) < 55) {
                struct sent *m = &queue[(head + count) % 1024];
                make_packet(m, rnd(10) == 0 ? 3000 : 200);
                if (m->total > size - 8) continue;
                uint32_t used = (W - R + size) % size;
                m->start = W;
                int sig = -1, calls = to_reader.calls;
                int rc = send_packet(&w, m, &sig);
                if (size - used > m->total) { /* R-RING-7 */
                    CHECK_EQ(rc, 0);
                    CHECK_EQ(sig, used == 0); /* R-SIG-1: mask is 0 here */
                    CHECK_EQ(to_reader.calls - calls, sig);
                    CHECK_EQ(data_get64(&t, (W + m->total - 8) % size), (uint64_t)W << 32);
                    W = (W + m->total) % size;
                    count++;
                    written++;
                } else {
                    CHECK_EQ(rc, -EAGAIN);
                    CHECK_EQ(ctl_get(&t, VMBRING_OFF_PENDING_SEND_SIZE), m->total); /* R-SIG-4 */
                    refused++;
                }
                CHECK_EQ(ctl_get(&t, VMBRING_OFF_WRITE_INDEX), W);
                CHECK((W - R + size) % size <= size - 8);
            } else {
                struct vmbring_packet p;
                int rc = vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL);
                if (count == 0) {
                    CHECK_EQ(rc, -EAGAIN);
                    continue;
                }
                CHECK_EQ(rc, 0);
                if (rc != 0) break;
                check_received(&queue[head], &p, buf);
                R = (R + queue[head].total) % size;
                head = (head + 1) % 1024;
                count--;
                reads++;
                CHECK_EQ(ctl_get(&t, VMBRING_OFF_READ_INDEX), R);
            }
        }
        CHECK(written > 1000);
        CHECK(refused > 10);
        CHECK(reads > 1000);
        ring_free(&t);
    }
}

/* ---- full ring: R-RING-7, R-DESC-13, INV-ACCEPT ----------------------------------------------------- */

static void free_space_must_exceed_the_total(void)
{
    /* wire-format.md: S = 16384 and 4000-byte payloads; four fit, leaving 288; the fifth does not. */
    struct test_ring t = ring_new(4 * S4K);
    struct vmbring_writer w;
    struct vmbring_reader r;
    attach_at(&t, 0, &w, &r, NULL, NULL);
    static uint8_t payload[4000];
    struct vmbring_send s = inband(0, 0, payload, sizeof payload);
    for (int i = 0; i < 4; i++) CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    CHECK_EQ(vmbring_writer_free(&w, NULL), 288);
    uint8_t before[4 * S4K];
    memcpy(before, t.data, sizeof before);
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), -EAGAIN);
    CHECK_MEM(t.data, before, sizeof before); /* a refused write stores no packet byte */
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_WRITE_INDEX), 16096);
    ring_free(&t);

    /* Exactly at the boundary: free = total is refused, free = total + 8 accepted. */
    t = ring_new(S4K);
    attach_at(&t, 0x200, &w, &r, NULL, NULL);
    s = inband(0, 1, payload, 4000); /* total 4024, free 4096 */
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    CHECK_EQ(vmbring_writer_free(&w, NULL), 72);
    s = inband(0, 2, payload, 72 - 24); /* total 72 = free: would fill the ring completely */
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), -EAGAIN);
    s = inband(0, 3, payload, 72 - 32); /* total 64 < free */
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    CHECK_EQ(vmbring_writer_free(&w, NULL), 8);
    s = inband(0, 4, NULL, 0); /* smallest packet, 24 > 8 */
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), -EAGAIN);
    CHECK(ctl_get(&t, VMBRING_OFF_WRITE_INDEX) != ctl_get(&t, VMBRING_OFF_READ_INDEX));
    struct vmbring_packet p;
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(p.transaction_id, 1);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(p.transaction_id, 3);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), -EAGAIN);
    ring_free(&t);
}

static void largest_packet_and_too_large_packets(void)
{
    struct test_ring t = ring_new(S4K);
    struct vmbring_writer w;
    struct vmbring_reader r;
    struct vmbring_error e;
    attach_at(&t, 0x18, &w, &r, NULL, NULL);
    static uint8_t payload[70000];
    struct vmbring_send s = inband(0, 0, payload, 4064); /* total S - 8 = 4088 */
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    CHECK_EQ(vmbring_writer_free(&w, NULL), 8);
    struct vmbring_packet p;
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(p.len8, 4080 / 8);
    s = inband(0, 0, payload, 4065); /* can never fit: total 4096 */
    CHECK_EQ(vmbring_write(&w, &s, NULL, &e), -EMSGSIZE);
    CHECK_STR(e.rule, "R-DESC-13");
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_PENDING_SEND_SIZE), 0);
    ring_free(&t);

    /* len8 is a u16: 65535 * 8 = 524280 bytes is the longest packet (R-DESC-13). */
    t = ring_new(160 * S4K);
    attach_at(&t, 0, &w, &r, NULL, NULL);
    static uint8_t big[524280];
    s = inband(0, 0, big, 524280 - 16);
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    s = inband(0, 0, big, 524280 - 15);
    CHECK_EQ(vmbring_write(&w, &s, NULL, &e), -EMSGSIZE);
    static uint8_t dst[524280];
    CHECK_EQ(vmbring_read(&r, dst, sizeof dst, &p, NULL, NULL), 0);
    CHECK_EQ(p.len8, 65535);
    ring_free(&t);
}

/* ---- writer arguments: R-DESC-3, R-DESC-8..12, R-CMP-1 ---------------------------------------------- */

static void writer_refuses_packets_it_must_not_write(void)
{
    struct test_ring t = ring_new(S4K);
    struct vmbring_writer w;
    struct vmbring_reader r;
    struct vmbring_error e;
    attach_at(&t, 0, &w, &r, NULL, NULL);
    uint8_t h[64];
    memset(h, 0, sizeof h);
    struct {
        struct vmbring_send s;
        const char *rule;
    } cases[] = {
        {{0x5, 0, 0, NULL, 0, NULL, 0}, "R-DESC-9"},
        {{0x8, 0, 0, NULL, 0, NULL, 0}, "R-DESC-9"},
        {{VMBRING_TYPE_CANCEL, 0, 0, NULL, 0, NULL, 0}, "R-DESC-9"},
        {{0xFFFF, 0, 0, NULL, 0, NULL, 0}, "R-DESC-9"},
        {{VMBRING_TYPE_INBAND, 2, 0, NULL, 0, NULL, 0}, "R-DESC-8"},
        {{VMBRING_TYPE_INBAND, 0x8000, 0, NULL, 0, NULL, 0}, "R-DESC-8"},
        {{VMBRING_TYPE_COMPLETION, 1, 0, NULL, 0, NULL, 0}, "R-CMP-1"},
        {{VMBRING_TYPE_INBAND, 0, 0, h, 8, NULL, 0}, "R-DESC-3"},
        {{VMBRING_TYPE_COMPLETION, 0, 0, h, 8, NULL, 0}, "R-DESC-3"},
        {{VMBRING_TYPE_TRANSFER_PAGES, 1, 0, NULL, 0, NULL, 0}, "R-DESC-10"},
        {{VMBRING_TYPE_GPA_DIRECT, 1, 0, h, 12, NULL, 0}, "R-DESC-10"},
        {{VMBRING_TYPE_GPA_DIRECT, 1, 0, h, 8, NULL, 0}, "R-DESC-12"}, /* no range */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        memset(&e, 0, sizeof e);
        CHECK_EQ(vmbring_write(&w, &cases[i].s, NULL, &e), -EINVAL);
        CHECK_STR(e.rule, cases[i].rule);
    }
    /* Type 0x7 with more ranges than the header holds; type 0x9 with a bad range. */
    le32(h + 4, 2);
    struct vmbring_send s = {VMBRING_TYPE_TRANSFER_PAGES, 1, 0, h, 16, NULL, 0};
    CHECK_EQ(vmbring_write(&w, &s, NULL, &e), -EINVAL);
    CHECK_STR(e.rule, "R-DESC-11");
    le32(h + 4, 1);
    le32(h + 8, 0);
    le32(h + 12, 0);
    s.type = VMBRING_TYPE_GPA_DIRECT;
    CHECK_EQ(vmbring_write(&w, &s, NULL, &e), -EINVAL); /* byte count 0 */
    CHECK_STR(e.rule, "R-DESC-12");
    le32(h + 8, 1);
    le32(h + 12, 4096);
    CHECK_EQ(vmbring_write(&w, &s, NULL, &e), -EINVAL); /* offset 4096 */
    le32(h + 12, 4095);
    le32(h + 8, 2);
    CHECK_EQ(vmbring_write(&w, &s, NULL, &e), -EINVAL); /* needs two page numbers, has one */
    s.header_len = 32;
    CHECK_EQ(vmbring_write(&w, &s, NULL, &e), 0);
    /* NULL bytes with a length. */
    struct vmbring_send n = inband(0, 0, NULL, 4);
    CHECK_EQ(vmbring_write(&w, &n, NULL, &e), -EINVAL);
    CHECK_EQ(vmbring_write(&w, NULL, NULL, &e), -EINVAL);
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_WRITE_INDEX), 56); /* only the valid packet was written */
    ring_free(&t);
}

/* ---- writer validates the read index it loads (R-MAL-15) --------------------------------------------- */

static void writer_rejects_a_corrupt_read_index(void)
{
    const uint32_t bad[] = {S4K, 0x7F4, 3, 0xFFFFFFF8u};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct test_ring t = ring_new(S4K);
        struct vmbring_writer w;
        struct vmbring_reader r;
        struct vmbring_error e;
        attach_at(&t, 0x80, &w, &r, NULL, NULL);
        ctl_set(&t, VMBRING_OFF_READ_INDEX, bad[i]);
        uint8_t before[VMBRING_CONTROL_SIZE + S4K];
        memcpy(before, t.base, sizeof before);
        struct vmbring_send s = inband(0, 0, "data", 4);
        memset(&e, 0, sizeof e);
        CHECK_EQ(vmbring_write(&w, &s, NULL, &e), -EBADMSG);
        CHECK_STR(e.rule, "R-MAL-15");
        CHECK_STR(e.field, "read_index");
        CHECK_EQ(e.value, bad[i]);
        CHECK_MEM(t.base, before, sizeof before); /* nothing written */
        CHECK_EQ(vmbring_writer_free(&w, &e), -EBADMSG);
        ring_free(&t);
    }
}

/* ---- malformed input: every case rejected, nothing consumed, same error on retry (R-MAL-*) ------------ */

struct malformed {
    const char *name;
    const char *rule;
    const char *field;
    uint32_t start; /* the reader's position */
    uint32_t windex;
    uint8_t bytes[96];
    uint32_t len;
};

/* A packet of `len8` with descriptor fields as given, a correct trailer, placed at `start`. */
static void put_packet(struct malformed *m, uint16_t type, uint16_t offset8, uint16_t len8, uint16_t flags)
{
    memset(m->bytes, 0, sizeof m->bytes);
    make_descriptor(m->bytes, type, offset8, len8, flags, 0x77);
    m->len = (uint32_t)len8 * 8 + 8;
    if (m->len < VMBRING_MIN_PACKET) m->len = VMBRING_MIN_PACKET;
    if (m->len > sizeof m->bytes) m->len = sizeof m->bytes;
    if (len8 >= 2 && (uint32_t)len8 * 8 + 8 <= sizeof m->bytes) le64(m->bytes + len8 * 8, (uint64_t)m->start << 32);
    m->windex = (m->start + (uint32_t)len8 * 8 + 8) % S4K;
}

static void check_rejected(struct malformed *m)
{
    struct test_ring t = ring_new(S4K);
    struct vmbring_reader r;
    struct doorbell to_writer = {&t, 0, 0, 0};
    ctl_set(&t, VMBRING_OFF_READ_INDEX, m->start);
    ctl_set(&t, VMBRING_OFF_PENDING_SEND_SIZE, S4K - 8); /* a consuming read would signal */
    ctl_set(&t, VMBRING_OFF_INTERRUPT_MASK, 0);
    CHECK_EQ(vmbring_reader_attach(&r, t.base, S4K, ring_doorbell, &to_writer, NULL), 0);
    data_put(&t, m->start, m->bytes, m->len);
    ctl_set(&t, VMBRING_OFF_WRITE_INDEX, m->windex);
    uint8_t before[VMBRING_CONTROL_SIZE + S4K];
    memcpy(before, t.base, sizeof before);
    struct vmbring_error first, again;
    memset(&first, 0, sizeof first);
    struct vmbring_packet p;
    int sig = -1;
    int rc = vmbring_read(&r, buf, sizeof buf, &p, &sig, &first);
    if (rc != -EBADMSG) fprintf(stderr, "case %s\n", m->name);
    CHECK_EQ(rc, -EBADMSG);
    CHECK_STR(first.rule, m->rule);
    CHECK_STR(first.field, m->field);
    CHECK(first.message != NULL);
    CHECK_EQ(sig, 0);
    CHECK_EQ(to_writer.calls, 0);
    CHECK_MEM(t.base, before, sizeof before); /* no shared byte changed */
    for (int i = 0; i < 3; i++) {
        memset(&again, 0, sizeof again);
        CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, &again), -EBADMSG);
        CHECK(again.rule == first.rule && again.field == first.field && again.offset == first.offset &&
              again.value == first.value && again.message == first.message);
    }
    /* Still rejected, never skipped, with a smaller buffer too. */
    CHECK_EQ(vmbring_read(&r, buf, 16, &p, NULL, NULL), -EBADMSG);
    CHECK_EQ(r.read_index, m->start);
    CHECK_MEM(t.base, before, sizeof before);
    ring_free(&t);
}

static void malformed_packets_are_rejected(void)
{
    struct malformed m;
    const uint32_t starts[] = {0x40, S4K - 8, S4K - 16, S4K - 24};
    for (size_t si = 0; si < sizeof starts / sizeof starts[0]; si++) {
        uint32_t start = starts[si];
        memset(&m, 0, sizeof m);
        m.start = start;

        m.name = "W not below S", m.rule = "R-MAL-1", m.field = "write_index";
        put_packet(&m, 6, 2, 3, 0);
        m.windex = S4K;
        check_rejected(&m);
        m.name = "W unaligned";
        m.windex = (start + 20) % S4K;
        check_rejected(&m);
        m.windex = 0xFFFFFFFFu;
        check_rejected(&m);

        m.name = "used 8", m.rule = "R-MAL-2", m.field = NULL;
        put_packet(&m, 6, 2, 3, 0);
        m.windex = (start + 8) % S4K;
        check_rejected(&m);
        m.name = "used 16";
        m.windex = (start + 16) % S4K;
        check_rejected(&m);

        m.name = "offset8 0", m.rule = "R-MAL-3", m.field = "offset8";
        put_packet(&m, 6, 0, 3, 0);
        check_rejected(&m);
        m.name = "offset8 1";
        put_packet(&m, 6, 1, 3, 0);
        check_rejected(&m);

        m.name = "len8 below offset8", m.rule = "R-MAL-4", m.field = "len8";
        put_packet(&m, 6, 3, 2, 0);
        check_rejected(&m);
        put_packet(&m, 6, 2, 0, 0);
        m.windex = (start + 24) % S4K;
        check_rejected(&m);

        m.name = "trailer past W", m.rule = "R-MAL-5", m.field = "len8";
        put_packet(&m, 6, 2, 3, 0);
        m.windex = (start + 24) % S4K; /* 32 needed */
        check_rejected(&m);
        m.name = "packet past W";
        put_packet(&m, 6, 2, 3, 0);
        make_descriptor(m.bytes, 6, 2, 600, 0, 1); /* claims 4808 bytes */
        check_rejected(&m);
        m.name = "len8 max";
        make_descriptor(m.bytes, 6, 2, 0xFFFF, 0, 1);
        check_rejected(&m);

        m.name = "flag bit 1", m.rule = "R-MAL-6", m.field = "flags";
        put_packet(&m, 6, 2, 3, 2);
        check_rejected(&m);
        m.name = "flag bit 15";
        put_packet(&m, 6, 2, 3, 0x8001);
        check_rejected(&m);

        m.rule = "R-MAL-7", m.field = "type";
        const uint16_t types[] = {0, 1, 5, 8, 0xA, 0xC, 0xD, 0x106, 0xFFFF};
        for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
            m.name = "unknown type";
            put_packet(&m, types[i], 2, 3, 0);
            check_rejected(&m);
        }

        m.rule = "R-MAL-8", m.field = "offset8";
        m.name = "type 7 offset8 2";
        put_packet(&m, 7, 2, 3, 0);
        check_rejected(&m);
        m.name = "type 9 offset8 2";
        put_packet(&m, 9, 2, 3, 0);
        check_rejected(&m);

        m.field = "range_count";
        m.name = "type 7 ranges outside the header";
        put_packet(&m, 7, 4, 5, 0); /* header 16 bytes: room for one range */
        le32(m.bytes + 20, 2);
        check_rejected(&m);
        le32(m.bytes + 20, 0xFFFFFFFFu);
        check_rejected(&m);
        m.name = "type 9 without a range";
        put_packet(&m, 9, 5, 6, 0);
        le32(m.bytes + 20, 0);
        check_rejected(&m);
        m.name = "type 9 zero byte count";
        le32(m.bytes + 20, 1);
        le32(m.bytes + 24, 0);
        le32(m.bytes + 28, 0);
        check_rejected(&m);
        m.name = "type 9 offset 4096";
        le32(m.bytes + 24, 16);
        le32(m.bytes + 28, 4096);
        check_rejected(&m);
        m.name = "type 9 too few page numbers";
        le32(m.bytes + 24, 4096); /* offset 8 + 4096 bytes: two pages, header has room for one */
        le32(m.bytes + 28, 8);
        check_rejected(&m);
        m.name = "type 9 second range outside the header";
        le32(m.bytes + 20, 2);
        le32(m.bytes + 24, 16);
        le32(m.bytes + 28, 0);
        check_rejected(&m);
    }
}

static void tolerated_fields_are_accepted(void)
{
    /* Trailer value (R-MAL-11), ignored type-7 bytes (R-DESC-11), non-zero type-9 reserved field
     * (R-DESC-12), transaction id without the flag (R-DESC-14), non-zero padding (R-DESC-16), and a
     * larger offset8 than the minimum for an in-band packet. */
    struct test_ring t = ring_new(S4K);
    struct vmbring_writer w;
    struct vmbring_reader r;
    attach_at(&t, S4K - 16, &w, &r, NULL, NULL);
    uint8_t b[64];
    uint32_t at = S4K - 16;
    memset(b, 0, sizeof b);
    make_descriptor(b, 6, 2, 3, 0, 0xDEAD);
    memset(b + 16, 0xEE, 8);
    le64(b + 24, 0x1234567890ull); /* wrong trailer */
    data_put(&t, at, b, 32);
    at = (at + 32) % S4K;
    memset(b, 0, sizeof b);
    make_descriptor(b, 7, 4, 4, 1, 5);
    le16(b + 16, 3);
    b[18] = 0xFF;
    b[19] = 0x7F;
    le32(b + 20, 1);
    le32(b + 24, 10);
    le32(b + 28, 20);
    le64(b + 32, 0xFFFFFFFFFFFFFFFFull); /* trailer garbage */
    data_put(&t, at, b, 40);
    at = (at + 40) % S4K;
    memset(b, 0, sizeof b);
    make_descriptor(b, 9, 5, 5, 0, 6);
    le32(b + 16, 0xCAFEBABE);
    le32(b + 20, 1);
    le32(b + 24, 4096);
    le32(b + 28, 0);
    le64(b + 32, 0x99);
    data_put(&t, at, b, 48);
    at = (at + 48) % S4K;
    memset(b, 0, sizeof b);
    make_descriptor(b, 6, 3, 4, 0, 7); /* offset8 3 on an in-band packet: only the minimum binds */
    data_put(&t, at, b, 40);
    at = (at + 40) % S4K;
    ctl_set(&t, VMBRING_OFF_WRITE_INDEX, at);
    struct vmbring_packet p;
    struct vmbring_error e;
    memset(&e, 0, sizeof e);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, &e), 0);
    CHECK_EQ(p.transaction_id, 0xDEAD);
    CHECK_EQ(buf[16], 0xEE);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, &e), 0);
    CHECK_EQ(p.type, 7);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, &e), 0);
    CHECK_EQ(p.type, 9);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, &e), 0);
    CHECK_EQ(p.offset8, 3);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, &e), -EAGAIN);
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_READ_INDEX), at);
    (void)w;
    ring_free(&t);
}

static void rejection_names_the_packet_at_the_reader_position(void)
{
    /* A good packet, then a bad one straddling the end: the good one is read, the bad one rejected
     * with its location (R-MAL-9, R-MAL-16). */
    struct test_ring t = ring_new(S4K);
    struct vmbring_writer w;
    struct vmbring_reader r;
    attach_at(&t, S4K - 40, &w, &r, NULL, NULL);
    struct vmbring_send s = inband(0, 1, "ok", 2);
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0); /* S-40 .. S-8 */
    s = inband(0, 2, "bad", 3);
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0); /* S-8 .. 24 */
    uint8_t flags[2] = {0x04, 0x00};
    data_put(&t, S4K - 8 + 6, flags, 2); /* flags field at data offset S-2 */
    struct vmbring_packet p;
    struct vmbring_error e;
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, &e), 0);
    CHECK_EQ(p.transaction_id, 1);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, &e), -EBADMSG);
    CHECK_STR(e.rule, "R-MAL-6");
    CHECK_STR(e.field, "flags");
    CHECK_EQ(e.offset, S4K - 2);
    CHECK_EQ(e.value, 4);
    uint8_t len8[2] = {0x01, 0x00};
    flags[0] = 0;
    data_put(&t, S4K - 8 + 6, flags, 2);
    data_put(&t, S4K - 8 + 4, len8, 2); /* len8 field at data offset S-4 */
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, &e), -EBADMSG);
    CHECK_STR(e.rule, "R-MAL-4");
    CHECK_EQ(e.offset, S4K - 4);
    CHECK_EQ(e.value, 1);
    ring_free(&t);
}

/* ---- destination too small (R-MAL-14) ------------------------------------------------------------- */

static void small_destination_consumes_nothing(void)
{
    struct test_ring t = ring_new(S4K);
    struct vmbring_writer w;
    struct vmbring_reader r;
    struct doorbell to_writer;
    memset(&to_writer, 0, sizeof to_writer);
    attach_at(&t, S4K - 8, &w, &r, NULL, &to_writer);
    uint8_t payload[100];
    for (int i = 0; i < 100; i++) payload[i] = (uint8_t)i;
    struct vmbring_send s = inband(1, 5, payload, 100); /* len8 15: 120 bytes */
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    ctl_set(&t, VMBRING_OFF_PENDING_SEND_SIZE, S4K - 8);
    uint8_t small[119];
    memset(small, 0x5A, sizeof small);
    struct vmbring_packet p;
    int sig = -1;
    CHECK_EQ(vmbring_read(&r, small, sizeof small, &p, &sig, NULL), -ENOBUFS);
    CHECK_EQ(p.length, 120);
    CHECK_EQ(p.transaction_id, 5);
    CHECK_EQ(sig, 0);
    for (size_t i = 0; i < sizeof small; i++) CHECK_EQ(small[i], 0x5A); /* nothing truncated into it */
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_READ_INDEX), S4K - 8);
    CHECK_EQ(vmbring_read(&r, NULL, 0, &p, NULL, NULL), -ENOBUFS);
    CHECK_EQ(vmbring_read(&r, small, sizeof small, NULL, NULL, NULL), -ENOBUFS);
    uint8_t exact[120];
    CHECK_EQ(vmbring_read(&r, exact, sizeof exact, &p, &sig, NULL), 0);
    CHECK_MEM(exact + 16, payload, 100);
    CHECK_EQ(sig, 1);
    CHECK_EQ(to_writer.calls, 1);
    CHECK_EQ(vmbring_read(&r, exact, sizeof exact, &p, NULL, NULL), -EAGAIN);
    ring_free(&t);
}

/* ---- private read index (R-MAL-12) --------------------------------------------------------------- */

static void reader_never_reads_read_index_back(void)
{
    struct test_ring t = ring_new(S4K);
    struct vmbring_writer w;
    struct vmbring_reader r;
    attach_at(&t, 0, &w, &r, NULL, NULL);
    for (uint64_t i = 1; i <= 3; i++) {
        struct vmbring_send s = inband(0, i, "pkt", 3);
        CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    }
    struct vmbring_packet p;
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(p.transaction_id, 1);
    const uint32_t scribbles[] = {0, 64, 8, S4K + 8, 5};
    for (size_t i = 0; i < sizeof scribbles / sizeof scribbles[0]; i++) {
        ctl_set(&t, VMBRING_OFF_READ_INDEX, scribbles[i]);
        struct vmbring_error e;
        memset(&e, 0, sizeof e);
        /* Unmask and signals also use only the private position. */
        CHECK_EQ(vmbring_reader_unmask(&r, &e), 1);
    }
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(p.transaction_id, 2);
    CHECK_EQ(p.ring_offset, 32);
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_READ_INDEX), 64); /* it writes its own value back */
    ctl_set(&t, VMBRING_OFF_READ_INDEX, 0);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(p.transaction_id, 3);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), -EAGAIN);
    CHECK_EQ(vmbring_reader_unmask(&r, NULL), 0);
    ring_free(&t);
}

/* ---- signalling: R-SIG-1, R-SIG-3, R-SIG-4, R-SIG-5, R-SIG-7 ------------------------------------- */

static void writer_signals_only_from_empty_with_mask_clear(void)
{
    struct test_ring t = ring_new(S4K);
    struct vmbring_writer w;
    struct vmbring_reader r;
    struct doorbell to_reader;
    memset(&to_reader, 0, sizeof to_reader);
    attach_at(&t, 0x80, &w, &r, &to_reader, NULL);
    ctl_set(&t, VMBRING_OFF_INTERRUPT_MASK, 0);
    struct vmbring_send s = inband(0, 1, "a", 1);
    int sig = -1;
    CHECK_EQ(vmbring_write(&w, &s, &sig, NULL), 0);
    CHECK_EQ(sig, 1);
    CHECK_EQ(to_reader.calls, 1);
    CHECK_EQ(to_reader.write_index_seen, 0xA0); /* the doorbell rings after the index store */
    CHECK_EQ(vmbring_write(&w, &s, &sig, NULL), 0);
    CHECK_EQ(sig, 0); /* not empty before: silent */
    CHECK_EQ(to_reader.calls, 1);
    struct vmbring_packet p;
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(vmbring_write(&w, &s, &sig, NULL), 0);
    CHECK_EQ(sig, 0); /* one packet still unread */
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(vmbring_write(&w, &s, &sig, NULL), 0);
    CHECK_EQ(sig, 1); /* drained: empty again */
    CHECK_EQ(to_reader.calls, 2);

    /* Masked while draining: no new-data signal; unmask re-checks (R-SIG-3). */
    vmbring_reader_mask(&r);
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_INTERRUPT_MASK), 1);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(vmbring_write(&w, &s, &sig, NULL), 0);
    CHECK_EQ(sig, 0);
    CHECK_EQ(to_reader.calls, 2);
    CHECK_EQ(vmbring_reader_unmask(&r, NULL), 1); /* data waiting: the reader reads on */
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_INTERRUPT_MASK), 0);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(vmbring_reader_unmask(&r, NULL), 0); /* empty: wait for a signal */
    CHECK_EQ(vmbring_write(&w, &s, &sig, NULL), 0);
    CHECK_EQ(sig, 1);
    ring_free(&t);
}

static void writer_asks_for_room_and_reader_signals_when_it_appears(void)
{
    struct test_ring t = ring_new(S4K);
    struct vmbring_writer w;
    struct vmbring_reader r;
    struct doorbell to_reader, to_writer;
    memset(&to_reader, 0, sizeof to_reader);
    memset(&to_writer, 0, sizeof to_writer);
    attach_at(&t, 0, &w, &r, &to_reader, &to_writer);
    static uint8_t payload[1000];
    struct vmbring_send s = inband(0, 0, payload, 1000 - 16 - 8); /* total 1000 */
    for (int i = 0; i < 4; i++) CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    CHECK_EQ(vmbring_writer_free(&w, NULL), 96);
    struct vmbring_send big = inband(0, 0, payload, 200 - 24); /* total 200 */
    CHECK_EQ(vmbring_write(&w, &big, NULL, NULL), -EAGAIN);
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_PENDING_SEND_SIZE), 200); /* R-SIG-4 */
    CHECK_EQ(vmbring_write(&w, &big, NULL, NULL), -EAGAIN);
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_PENDING_SEND_SIZE), 200);

    /* The mask does not gate the room signal (R-SIG-7). */
    vmbring_reader_mask(&r);
    struct vmbring_packet p;
    int sig = -1;
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, &sig, NULL), 0); /* free 96 -> 1096 > 200 */
    CHECK_EQ(sig, 1);
    CHECK_EQ(to_writer.calls, 1);
    CHECK_EQ(to_writer.read_index_seen, 1000); /* rings after the index store */
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, &sig, NULL), 0); /* 1096 -> 2096: already above */
    CHECK_EQ(sig, 0);
    CHECK_EQ(to_writer.calls, 1);
    CHECK_EQ(vmbring_write(&w, &big, NULL, NULL), 0);
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_PENDING_SEND_SIZE), 0); /* cleared once it can write */
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, &sig, NULL), 0);
    CHECK_EQ(sig, 0); /* pss 0: never signals */

    /* Equality counts as not enough room; pss is rounded down to 8 (R-SIG-5, R-SIG-6). */
    ring_free(&t);
    t = ring_new(S4K);
    memset(&to_writer, 0, sizeof to_writer);
    attach_at(&t, 0, &w, &r, NULL, &to_writer);
    s = inband(0, 0, payload, 1000 - 24); /* total 1000 */
    for (int i = 0; i < 4; i++) CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0); /* free 96 */
    ctl_set(&t, VMBRING_OFF_PENDING_SEND_SIZE, 1096 + 7);      /* rounds to 1096 */
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, &sig, NULL), 0); /* free after 1096: not above */
    CHECK_EQ(sig, 0);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, &sig, NULL), 0); /* 1096 -> 2096 crosses */
    CHECK_EQ(sig, 1);
    CHECK_EQ(to_writer.calls, 1);
    ctl_set(&t, VMBRING_OFF_PENDING_SEND_SIZE, 4000);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, &sig, NULL), 0); /* 2096 -> 3096 */
    CHECK_EQ(sig, 0);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, &sig, NULL), 0); /* 3096 -> 4096 */
    CHECK_EQ(sig, 1);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, &sig, NULL), -EAGAIN);
    CHECK_EQ(sig, 0);
    ring_free(&t);
}

static void writer_recheck_after_asking_for_room(void)
{
    /* pending_send_size left by an earlier writer is cleared by the next successful write. */
    struct test_ring t = ring_new(S4K);
    struct vmbring_writer w;
    struct vmbring_reader r;
    ctl_set(&t, VMBRING_OFF_PENDING_SEND_SIZE, 512);
    attach_at(&t, 0, &w, &r, NULL, NULL);
    struct vmbring_send s = inband(0, 0, "z", 1);
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_PENDING_SEND_SIZE), 0);
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_PENDING_SEND_SIZE), 0);
    ring_free(&t);
}

static void corrupt_write_index_on_unmask(void)
{
    struct test_ring t = ring_new(S4K);
    struct vmbring_writer w;
    struct vmbring_reader r;
    attach_at(&t, 0, &w, &r, NULL, NULL);
    ctl_set(&t, VMBRING_OFF_WRITE_INDEX, 12);
    struct vmbring_error e;
    CHECK_EQ(vmbring_reader_unmask(&r, &e), -EBADMSG);
    CHECK_STR(e.rule, "R-MAL-1");
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, NULL, NULL, NULL), -EBADMSG);
    CHECK_EQ(vmbring_read(NULL, buf, sizeof buf, NULL, NULL, NULL), -EINVAL);
    CHECK_EQ(vmbring_read(&r, NULL, 8, NULL, NULL, NULL), -EINVAL);
    ring_free(&t);
}

static const struct test_case cases[] = {
    {"declaration", declaration},
    {"attach_rejects_bad_arguments", attach_rejects_bad_arguments},
    {"create_initialises_the_control_page", create_initialises_the_control_page},
    {"attach_existing_takes_and_validates_indices", attach_existing_takes_and_validates_indices},
    {"worked_examples_are_written_byte_for_byte", worked_examples_are_written_byte_for_byte},
    {"trailer_of_a_packet_at_0x1a40", trailer_of_a_packet_at_0x1a40},
    {"every_part_straddles_the_end", every_part_straddles_the_end},
    {"random_round_trips_follow_the_model", random_round_trips_follow_the_model},
    {"free_space_must_exceed_the_total", free_space_must_exceed_the_total},
    {"largest_packet_and_too_large_packets", largest_packet_and_too_large_packets},
    {"writer_refuses_packets_it_must_not_write", writer_refuses_packets_it_must_not_write},
    {"writer_rejects_a_corrupt_read_index", writer_rejects_a_corrupt_read_index},
    {"malformed_packets_are_rejected", malformed_packets_are_rejected},
    {"tolerated_fields_are_accepted", tolerated_fields_are_accepted},
    {"rejection_names_the_packet_at_the_reader_position", rejection_names_the_packet_at_the_reader_position},
    {"small_destination_consumes_nothing", small_destination_consumes_nothing},
    {"reader_never_reads_read_index_back", reader_never_reads_read_index_back},
    {"writer_signals_only_from_empty_with_mask_clear", writer_signals_only_from_empty_with_mask_clear},
    {"writer_asks_for_room_and_reader_signals_when_it_appears",
     writer_asks_for_room_and_reader_signals_when_it_appears},
    {"writer_recheck_after_asking_for_room", writer_recheck_after_asking_for_room},
    {"corrupt_write_index_on_unmask", corrupt_write_index_on_unmask},
};

int main(int argc, char **argv) { return run_cases(cases, sizeof cases / sizeof cases[0], argc, argv); }
