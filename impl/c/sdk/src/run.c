/*
 * The testee's protocol loop (spec/testee-protocol.md §3–§6): read a request, perform it through the
 * wrapper's table, answer, repeat. The session is one struct passed by pointer — the doorbell gets it
 * as its context — so nothing here is global.
 */
#include "vmbtestee.h"

#include "frame.h"
#include "mailbox.h"
#include "map.h"
#include "reply.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    K_HELLO = 0x1, K_MAP, K_ATTACH, K_WRITE, K_COMMIT, K_REVERT, K_READ, K_MASK, K_UNMASK, K_DETACH,
    K_SHUTDOWN, K_SIGNAL_ACK, K_REPLY = 0x8000, K_SIGNAL = 0x8100
};

enum { REQUEST_FD = 3, ANSWER_FD = 4 };
enum { VERSION_RING_ONLY = 1, VERSION_WITH_CHANNEL_FIELDS = 2 };
enum { ROLE_NONE = -1, ROLE_WRITER = 0, ROLE_READER = 1 };

#define LEVEL_RING 1u
#define MAX_DATA_SIZE 0xFFFFF000u /* any multiple of 4096 a u32 holds: the ring is never copied */

struct session {
    const struct vmbtestee_ring *ring;
    void *self;
    struct vt_link link;
    uint16_t version;                      /* answered in HELLO_REPLY: 1, or 4 with the mailbox */
    struct vt_buffer in, out, signal, ack; /* signal/ack apart: a doorbell rings mid-request */
    struct vt_mapping map;
    uint8_t *destination;                  /* READ's destination buffer, grown as asked */
    size_t destination_capacity;
    uint32_t current;                      /* id of the request being performed */
    int role;
};

/* The harness broke the protocol: nothing sensible can follow, so say why and stop (§7). */
static int violation(const char *what, uint16_t kind)
{
    fprintf(stderr, "vmbtestee: protocol violation by the harness: %s (kind 0x%04x)\n", what, kind);
    return -1;
}

/* The doorbell (§5): SIGNAL, then wait for SIGNAL_ACK before the ring is touched again. */
static void doorbell(void *context)
{
    struct session *s = context;
    vt_begin(&s->signal, K_SIGNAL, s->current);
    struct vt_frame ack;
    if (vt_send(&s->link, &s->signal) != 0 || vt_read_frame(&s->link, &s->ack, &ack) != 1) exit(2);
    if (ack.kind != K_SIGNAL_ACK || ack.id != s->current || ack.body_length != 0) {
        violation("expected SIGNAL_ACK for the request being performed", ack.kind);
        /* The ring's call into the doorbell cannot report failure, and the stream is lost anyway. */
        exit(2);
    }
}

/* A reply whose result is not ok: the header, then an error block unless unsupported (§4.1). */
static void refused(struct vt_buffer *out, enum vmbtestee_result r, const struct vmbtestee_error *e)
{
    vt_result(out, (uint8_t)r);
    if (r != VMBTESTEE_UNSUPPORTED) vt_error_block(out, e);
}

static void drop_endpoint(struct session *s)
{
    if (s->role != ROLE_NONE && s->ring->detach) s->ring->detach(s->self);
    s->role = ROLE_NONE;
}

static void hello(struct session *s, struct vt_cursor *c)
{
    uint16_t min = vt_get_u16(c), max = vt_get_u16(c);
    vt_get_u32(c);                         /* levels wanted: this library speaks the ring level */
    vt_get_bytes(c, vt_get_u16(c));        /* the harness's name, not needed */
    /* Version 4 brings the mailbox; a harness that speaks only older versions gets version 1. */
    uint16_t version = max >= VT_MAILBOX_VERSION ? VT_MAILBOX_VERSION : VERSION_RING_ONLY;
    if (min > version) { vt_failed(&s->out, "this testee speaks protocol versions 1 and 4 only"); return; }
    s->version = version;
    struct vmbtestee_declaration d = {0};
    s->ring->declare(s->self, &d);
    vt_result(&s->out, (uint8_t)VMBTESTEE_OK);
    vt_u16(&s->out, s->version);
    vt_zero(&s->out, 2);
    vt_u32(&s->out, LEVEL_RING);
    vt_u32(&s->out, d.writer_caps);
    vt_u32(&s->out, d.reader_caps);
    vt_u32(&s->out, MAX_DATA_SIZE);
    vt_u32(&s->out, VT_MAX_LENGTH);
    vt_str(&s->out, d.name);
    vt_str(&s->out, d.version);
    if (s->version >= VERSION_WITH_CHANNEL_FIELDS) {
        vt_u32(&s->out, 0); /* channel capabilities: a ring-only testee (§4.3) */
        vt_u8(&s->out, 0);  /* framing profile */
        vt_zero(&s->out, 3);
    }
}

/* Returns -1 when the harness broke the protocol (an empty path it may not send, §20.4), 0 otherwise. */
static int map(struct session *s, struct vt_cursor *c)
{
    struct vt_map_request r;
    char path[4096], why[4300];
    r.page_size = vt_get_u32(c);
    r.control_offset = vt_get_u32(c);
    r.data_offset = vt_get_u32(c);
    r.data_size = vt_get_u32(c);
    r.file_size = vt_get_u64(c);
    vt_get_str(c, path, sizeof path);
    r.path = path;
    if (!vt_done(c)) return 0;
    drop_endpoint(s); /* a MAP replaces any earlier mapping and what was attached to it (§4.4) */
    int rc;
    if (path[0]) rc = vt_map(&s->map, &r, why, sizeof why);
    else {
        /* An empty path: the ring lies in the mailbox's scenario area, mapped already (§20.4). */
        rc = vt_ring_layout(&r, why, sizeof why);
        if (rc == 0 && vt_mailbox_lend(&s->link, r.control_offset, (uint64_t)r.data_offset + r.data_size, r.file_size, &s->map, why, sizeof why) != 0) {
            fprintf(stderr, "vmbtestee: protocol violation by the harness: MAP %s\n", why);
            return -1;
        }
        if (rc == 0) vt_set_ring(&s->map, &r);
    }
    if (rc != 0) vt_failed(&s->out, why);
    else vt_result(&s->out, (uint8_t)VMBTESTEE_OK);
    return 0;
}

static void attach(struct session *s, struct vt_cursor *c)
{
    uint8_t role = vt_get_u8(c), create = vt_get_u8(c);
    vt_get_u16(c);
    if (!vt_done(c)) return;
    if (!s->map.ring) { vt_failed(&s->out, "ATTACH before MAP"); return; }
    drop_endpoint(s);
    struct vmbtestee_error e = {0};
    enum vmbtestee_result r = role == 0
        ? s->ring->attach_writer(s->self, s->map.ring, s->map.data_size, create != 0, doorbell, s, &e)
        : s->ring->attach_reader(s->self, s->map.ring, s->map.data_size, doorbell, s, &e);
    if (r == VMBTESTEE_OK) s->role = role == 0 ? ROLE_WRITER : ROLE_READER;
    if (r == VMBTESTEE_OK) vt_result(&s->out, (uint8_t)r);
    else refused(&s->out, r == VMBTESTEE_UNSUPPORTED ? VMBTESTEE_FAILED : r, &e);
}

static void write_packet(struct session *s, struct vt_cursor *c)
{
    struct vmbtestee_packet p;
    p.type = vt_get_u16(c);
    p.flags = vt_get_u16(c);
    p.header_len = vt_get_u32(c);
    p.transaction_id = vt_get_u64(c);
    p.payload_len = vt_get_u32(c);
    vt_get_u32(c);
    p.header = vt_get_bytes(c, p.header_len);
    p.payload = vt_get_bytes(c, p.payload_len);
    if (!vt_done(c)) return;
    if (s->role != ROLE_WRITER) { vt_failed(&s->out, "WRITE without an attached writer"); return; }
    struct vmbtestee_error e = {0};
    int full = 0;
    enum vmbtestee_result r = s->ring->write(s->self, &p, &full, &e);
    if (r != VMBTESTEE_OK) { refused(&s->out, r, &e); return; }
    vt_result(&s->out, (uint8_t)r);
    vt_u8(&s->out, full ? 1 : 0);
    vt_zero(&s->out, 3);
}

static void read_packet(struct session *s, struct vt_cursor *c)
{
    uint32_t size = vt_get_u32(c);
    if (!vt_done(c)) return;
    if (s->role != ROLE_READER) { vt_failed(&s->out, "READ without an attached reader"); return; }
    if (size > s->destination_capacity) {
        uint8_t *grown = realloc(s->destination, size);
        if (!grown) { vt_failed(&s->out, "out of memory for the destination buffer"); return; }
        s->destination = grown;
        s->destination_capacity = size;
    }
    struct vmbtestee_read out = {0};
    struct vmbtestee_error e = {0};
    enum vmbtestee_result r = s->ring->read(s->self, s->destination, size, &out, &e);
    if (r != VMBTESTEE_OK) { refused(&s->out, r == VMBTESTEE_UNSUPPORTED ? VMBTESTEE_FAILED : r, &e); return; }
    int has_error = out.has_error || out.status == VMBTESTEE_READ_MALFORMED; /* required with malformed */
    vt_result(&s->out, (uint8_t)r);
    vt_u8(&s->out, (uint8_t)out.status);
    vt_u8(&s->out, has_error ? 1 : 0);
    vt_zero(&s->out, 2);
    vt_u32(&s->out, out.required_size);
    if (out.status == VMBTESTEE_READ_PACKET) {
        uint32_t count = out.length < size ? out.length : size;
        vt_u16(&s->out, out.type); /* the descriptor in its wire layout (spec/wire-format.md) */
        vt_u16(&s->out, out.offset8);
        vt_u16(&s->out, out.len8);
        vt_u16(&s->out, out.flags);
        vt_u64(&s->out, out.transaction_id);
        vt_u32(&s->out, out.ring_offset);
        vt_u32(&s->out, out.length);
        vt_u32(&s->out, count);
        vt_bytes(&s->out, s->destination, count);
    }
    if (has_error) vt_error_block(&s->out, &e);
}

/* COMMIT, REVERT, MASK, UNMASK: empty bodies; the optional ones are no-ops when not given. */
static void simple(struct session *s, uint16_t kind)
{
    struct vmbtestee_error e = {0};
    enum vmbtestee_result r = VMBTESTEE_OK;
    int waiting = 0;
    if (s->role == ROLE_NONE) { vt_failed(&s->out, "an operation without an attached endpoint"); return; }
    if ((kind == K_MASK || kind == K_UNMASK) && s->role != ROLE_READER) { vt_failed(&s->out, "MASK/UNMASK on a writer"); return; }
    if (kind == K_COMMIT && s->ring->commit) r = s->ring->commit(s->self, s->role == ROLE_WRITER, &e);
    if (kind == K_REVERT && s->ring->revert) r = s->ring->revert(s->self, s->role == ROLE_WRITER, &e);
    if (kind == K_MASK || kind == K_UNMASK) r = s->ring->mask(s->self, kind == K_MASK, &waiting, &e);
    if (r != VMBTESTEE_OK) { refused(&s->out, r == VMBTESTEE_UNSUPPORTED ? VMBTESTEE_FAILED : r, &e); return; }
    vt_result(&s->out, (uint8_t)r);
    if (kind == K_UNMASK) {
        vt_u8(&s->out, waiting ? 1 : 0);
        vt_zero(&s->out, 3);
    }
}

/* Performs one request into s->out. Returns 1 to go on, 0 after SHUTDOWN, -1 on a violation. */
static int perform(struct session *s, const struct vt_frame *f)
{
    struct vt_cursor c = { f->body, f->body_length, 0 };
    s->current = f->id;
    vt_begin(&s->out, (uint16_t)(f->kind | K_REPLY), f->id);
    switch (f->kind) {
    case K_HELLO: hello(s, &c); break;
    case K_MAP: if (map(s, &c) != 0) return -1; break;
    case K_ATTACH: attach(s, &c); break;
    case K_WRITE: write_packet(s, &c); break;
    case K_READ: read_packet(s, &c); break;
    case K_COMMIT: case K_REVERT: case K_MASK: case K_UNMASK: case K_DETACH: case K_SHUTDOWN:
        if (!vt_done(&c)) break;
        if (f->kind == K_DETACH) { drop_endpoint(s); vt_unmap(&s->map); }
        if (f->kind == K_DETACH || f->kind == K_SHUTDOWN) vt_result(&s->out, (uint8_t)VMBTESTEE_OK);
        else simple(s, f->kind);
        break;
    default: return violation("not a request", f->kind);
    }
    if (!vt_done(&c)) return violation("body does not match the layout of its kind", f->kind);
    if (vt_send(&s->link, &s->out) != 0) return -1;
    return f->kind == K_SHUTDOWN ? 0 : 1;
}

int vmbtestee_run(const struct vmbtestee_ring *ring, void *self)
{
    struct session s;
    memset(&s, 0, sizeof s);
    s.ring = ring;
    s.self = self;
    s.role = ROLE_NONE;
    s.link = (struct vt_link){ REQUEST_FD, ANSWER_FD, NULL };
    int status = 0;
    for (;;) {
        struct vt_frame f;
        int got = vt_read_frame(&s.link, &s.in, &f);
        if (got == 0) break; /* end of the request stream: exit (§1) */
        int served = got < 0 ? -1 : vt_mailbox_serve(&s.link, &f, s.version);
        int step = served < 0 ? -1 : served ? 1 : perform(&s, &f);
        if (step <= 0) { status = step < 0 ? 2 : 0; break; }
    }
    drop_endpoint(&s);
    vt_unmap(&s.map);
    vt_mailbox_close(&s.link);
    free(s.in.bytes);
    free(s.out.bytes);
    free(s.signal.bytes);
    free(s.ack.bytes);
    free(s.destination);
    return status;
}
