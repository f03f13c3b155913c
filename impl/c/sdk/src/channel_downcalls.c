/*
 * Down-calls at the channel level (spec/testee-protocol.md §12, §13): decode the body exactly as laid
 * out, set the call header's level as the current one for the whole call, call the table's entry point,
 * encode the reply. HELLO and SHUTDOWN are answered here too.
 */
#include "channel_session.h"
#include "mailbox.h"
#include "reply.h"

#include <stdio.h>
#include <stdlib.h>

#define LEVEL_CHANNEL 2u
#define MAX_FRAME VT_MAX_LENGTH

enum {
    K_ALLOCATE = 0x21, K_SET_CALLBACKS, K_SET_CONTEXT_SIZE, K_SET_STATE_CALLBACKS, K_SET_PAGE_SET, K_SET_PASSIVE,
    K_SET_QUOTA, K_ENABLE, K_PAUSE, K_START, K_DISABLE, K_SIGNAL, K_PEER_CLOSED, K_RUN_WORK, K_RESIDENT,
    K_COMPLETE, K_FAIL, K_DEFER, K_GET_EXTERNAL, K_VIEW_READ, K_VIEW_WRITE, K_GET_CONTEXT
};

/* One down-call being decoded and answered. */
struct call {
    struct vmbt_session *s;
    struct vt_cursor *c;
    struct vt_buffer *out;
    struct vmbtestee_error err;
    int32_t status;
};

static void hello(struct vmbt_session *s, struct vt_cursor *c, struct vt_buffer *out)
{
    uint16_t min = vt_get_u16(c), max = vt_get_u16(c);
    uint32_t levels = vt_get_u32(c);
    vt_get_bytes(c, vt_get_u16(c)); /* the harness's name, not needed */
    if (!vt_done(c)) return;
    if (min > 4 || max < 2 || levels != LEVEL_CHANNEL) {
        vt_failed(out, "this testee speaks the channel level of protocol versions 2 to 4 only");
        return;
    }
    /* The highest version both speak: 3 lets the batched guest-memory up-calls go out as one frame each, 4 moves the frames to the mailbox. */
    s->version = max >= 4 ? 4 : max >= 3 ? 3 : 2;
    struct vmbt_channel_declaration d = {0};
    s->ops->declare(s->self, &d);
    vt_result(out, VMBTESTEE_OK);
    vt_u16(out, s->version);
    vt_zero(out, 2);
    vt_u32(out, LEVEL_CHANNEL);
    vt_u32(out, 0);          /* writer capabilities: a channel-only testee (§4.3) */
    vt_u32(out, 0);          /* reader capabilities */
    vt_u32(out, 0xFFFFF000u); /* max_data_size: rings are mapped, never copied */
    vt_u32(out, MAX_FRAME);
    vt_str(out, d.name);
    vt_str(out, d.version);
    vt_u32(out, d.capabilities);
    vt_u8(out, (uint8_t)d.profile);
    vt_zero(out, 3);
}

/* A ring in the file: its 4096-byte control page, then at least one 4096-byte data page. */
static int ring_fits(uint32_t offset, uint32_t size, uint64_t file_size)
{
    return size >= 8192 && size % 4096 == 0 && (uint64_t)offset + size <= file_size;
}

static void map_channel(struct vmbt_session *s, struct vt_cursor *c, struct vt_buffer *out)
{
    uint32_t in_off = vt_get_u32(c), in_size = vt_get_u32(c), out_off = vt_get_u32(c), out_size = vt_get_u32(c);
    uint32_t ctx_off = vt_get_u32(c), ctx_size = vt_get_u32(c);
    uint64_t file_size = vt_get_u64(c);
    char path[4096], why[4300];
    vt_get_str(c, path, sizeof path);
    if (!vt_done(c)) return;
    if (!ring_fits(in_off, in_size, file_size) || !ring_fits(out_off, out_size, file_size)
        || (uint64_t)ctx_off + ctx_size > file_size) {
        snprintf(why, sizeof why, "layout not supported: incoming %u+%u, outgoing %u+%u, context %u+%u, file %llu",
                 in_off, in_size, out_off, out_size, ctx_off, ctx_size, (unsigned long long)file_size);
        vt_failed(out, why);
        return;
    }
    int rc;
    if (path[0]) rc = vt_map_file(&s->map, path, file_size, why, sizeof why);
    else {
        /* An empty path: the regions lie in the mailbox's scenario area, mapped already (§20.4). */
        uint64_t first = in_off < out_off ? in_off : out_off, end = (uint64_t)in_off + in_size;
        if (ctx_off < first) first = ctx_off;
        if ((uint64_t)out_off + out_size > end) end = (uint64_t)out_off + out_size;
        if ((uint64_t)ctx_off + ctx_size > end) end = (uint64_t)ctx_off + ctx_size;
        if (vt_mailbox_lend(&s->link, first, end, file_size, &s->map, why, sizeof why) != 0) {
            vc_lose(s, why, VC_MAP_CHANNEL); /* a breach of §20.4 by the harness, not a file it could not map */
            return;
        }
        rc = 0;
    }
    if (rc != 0) { vt_failed(out, why); return; }
    uint8_t *base = s->map.base;
    s->memory.incoming = base + in_off;
    s->memory.incoming_data_size = in_size - 4096;
    s->memory.outgoing = base + out_off;
    s->memory.outgoing_data_size = out_size - 4096;
    s->memory.context = base + ctx_off;
    s->memory.context_size = ctx_size;
    vt_result(out, VMBTESTEE_OK);
}

/* Ends a call: the result header, then an error block unless ok; violation needs a rule (§13.1). */
static int answered(struct call *k, enum vmbtestee_result r)
{
    if (r == VMBTESTEE_VIOLATION && !(k->err.rule && k->err.rule[0])) {
        k->err.message = "the channel answered violation without naming the rule (SDK: reported as failed)";
        r = VMBTESTEE_FAILED;
    }
    if (r != VMBTESTEE_OK && r != VMBTESTEE_VIOLATION) r = VMBTESTEE_FAILED;
    vt_result(k->out, (uint8_t)r);
    if (r != VMBTESTEE_OK) vt_error_block(k->out, &k->err);
    return r == VMBTESTEE_OK;
}

static void with_status(struct call *k, enum vmbtestee_result r)
{
    if (answered(k, r)) vt_u32(k->out, (uint32_t)k->status);
}

static void get_external(struct call *k, uint64_t token, uint32_t flags)
{
    struct vmbt_external x = {0};
    if (!answered(k, k->s->ops->get_external(k->s->self, k->s, token, flags, &x, &k->err))) return;
    vt_u32(k->out, (uint32_t)x.status);
    vt_u8(k->out, x.has_view ? 1 : 0);
    vt_zero(k->out, 3);
    if (!x.has_view) return;
    vt_u32(k->out, x.view);
    vt_u8(k->out, x.read_only ? 1 : 0);
    vt_zero(k->out, 3);
    vt_u64(k->out, x.length);
    vt_u32(k->out, x.range_count);
    for (uint32_t i = 0; i < x.range_count; i++) {
        const struct vmbt_view_range *r = &x.ranges[i];
        vt_u32(k->out, r->byte_offset);
        vt_u32(k->out, r->byte_count);
        vt_u32(k->out, r->page_count);
        vt_zero(k->out, 4);
        for (uint32_t p = 0; p < r->page_count; p++) vt_u64(k->out, r->pages[p]);
    }
}

static void view_read(struct call *k, uint32_t view, uint64_t offset, uint32_t count)
{
    uint8_t *to = malloc(count ? count : 1);
    if (!to) { vt_failed(k->out, "out of memory for VIEW_READ"); return; }
    if (answered(k, k->s->ops->view_read(k->s->self, k->s, view, offset, count, to, &k->err))) vt_bytes(k->out, to, count);
    free(to);
}

static void set_page_set(struct call *k)
{
    uint16_t id = vt_get_u16(k->c);
    vt_get_u16(k->c);
    uint32_t count = vt_get_u32(k->c);
    if (count > k->c->left / 8) { k->c->bad = 1; return; }
    uint64_t *pages = malloc(count ? (size_t)count * 8 : 8);
    if (!pages) { vt_failed(k->out, "out of memory for SET_PAGE_SET"); return; }
    for (uint32_t i = 0; i < count; i++) pages[i] = vt_get_u64(k->c);
    if (vt_done(k->c)) with_status(k, k->s->ops->set_page_set(k->s->self, k->s, id, count, pages, &k->status, &k->err));
    free(pages);
}

/* The calls with a call header: decode, check the body's end, call, answer. */
static void dispatch(struct call *k, uint16_t kind)
{
    const struct vmbt_channel_ops *o = k->s->ops;
    struct vt_cursor *c = k->c;
    struct vmbt_session *s = k->s;
    void *self = s->self;
    uint8_t a8, b8;
    uint32_t a32, b32;
    uint64_t a64;
    switch (kind) {
    case K_ALLOCATE:
        a64 = vt_get_u64(c);
        if (vt_done(c)) answered(k, o->allocate(self, s, &s->memory, a64, &k->err));
        return;
    case K_SET_CALLBACKS:
        a8 = vt_get_u8(c), b8 = vt_get_u8(c), vt_get_u16(c), a32 = vt_get_u32(c), a64 = vt_get_u64(c);
        if (vt_done(c)) with_status(k, o->set_callbacks(self, s, a8 == 1, b8, a32, a64, &k->status, &k->err));
        return;
    case K_SET_CONTEXT_SIZE:
        a32 = vt_get_u32(c);
        if (vt_done(c)) with_status(k, o->set_context_size(self, s, a32, &k->status, &k->err));
        return;
    case K_SET_STATE_CALLBACKS:
        a8 = vt_get_u8(c), vt_get_u8(c), vt_get_u16(c);
        if (vt_done(c)) with_status(k, o->set_state_callbacks(self, s, a8, &k->status, &k->err));
        return;
    case K_SET_PAGE_SET: set_page_set(k); return;
    case K_SET_PASSIVE:
        a8 = vt_get_u8(c), vt_get_u8(c), vt_get_u16(c);
        if (vt_done(c)) answered(k, o->set_passive(self, s, a8 != 0, &k->err));
        return;
    case K_ENABLE:
        if (vt_done(c)) with_status(k, o->enable(self, s, &k->status, &k->err));
        return;
    case K_SET_QUOTA: case K_PAUSE: case K_DISABLE: case K_RUN_WORK: case K_RESIDENT:
        a32 = vt_get_u32(c);
        if (!vt_done(c)) return;
        answered(k, kind == K_SET_QUOTA ? o->set_quota(self, s, a32, &k->err)
                  : kind == K_PAUSE ? o->pause(self, s, a32, &k->err)
                  : kind == K_DISABLE ? o->disable(self, s, a32, &k->err)
                  : kind == K_RUN_WORK ? o->run_work(self, s, a32, &k->err)
                  : o->resident(self, s, a32, &k->err));
        return;
    case K_START: case K_SIGNAL: case K_PEER_CLOSED:
        if (!vt_done(c)) return;
        answered(k, kind == K_START ? o->start(self, s, &k->err)
                  : kind == K_SIGNAL ? o->signal(self, s, &k->err) : o->peer_closed(self, s, &k->err));
        return;
    case K_COMPLETE: {
        a64 = vt_get_u64(c), a32 = vt_get_u32(c);
        const uint8_t *bytes = vt_get_bytes(c, a32);
        if (vt_done(c)) answered(k, o->complete(self, s, a64, bytes, a32, &k->err));
        return;
    }
    case K_FAIL: case K_DEFER:
        a64 = vt_get_u64(c);
        if (vt_done(c)) answered(k, kind == K_FAIL ? o->fail(self, s, a64, &k->err) : o->defer(self, s, a64, &k->err));
        return;
    case K_GET_EXTERNAL:
        a64 = vt_get_u64(c), a32 = vt_get_u32(c);
        if (vt_done(c)) get_external(k, a64, a32);
        return;
    case K_VIEW_READ: case K_VIEW_WRITE: {
        a32 = vt_get_u32(c), vt_get_u32(c), a64 = vt_get_u64(c), b32 = vt_get_u32(c);
        const uint8_t *bytes = kind == K_VIEW_WRITE ? vt_get_bytes(c, b32) : NULL;
        if (!vt_done(c)) return;
        if (kind == K_VIEW_READ) view_read(k, a32, a64, b32);
        else answered(k, o->view_write(self, s, a32, a64, b32, bytes, &k->err));
        return;
    }
    case K_GET_CONTEXT:
        a64 = vt_get_u64(c);
        if (!vt_done(c)) return;
        if (answered(k, o->get_context(self, s, a64, &a32, &b32, &k->err))) vt_u32(k->out, a32), vt_u32(k->out, b32);
        return;
    }
}

/* Whether the wrapper filled in the table entry a kind calls. */
static int has_entry(const struct vmbt_channel_ops *o, uint16_t kind)
{
    switch (kind) {
    case K_ALLOCATE: return o->allocate != NULL;
    case K_SET_CALLBACKS: return o->set_callbacks != NULL;
    case K_SET_CONTEXT_SIZE: return o->set_context_size != NULL;
    case K_SET_STATE_CALLBACKS: return o->set_state_callbacks != NULL;
    case K_SET_PAGE_SET: return o->set_page_set != NULL;
    case K_SET_PASSIVE: return o->set_passive != NULL;
    case K_SET_QUOTA: return o->set_quota != NULL;
    case K_ENABLE: return o->enable != NULL;
    case K_PAUSE: return o->pause != NULL;
    case K_START: return o->start != NULL;
    case K_DISABLE: return o->disable != NULL;
    case K_SIGNAL: return o->signal != NULL;
    case K_PEER_CLOSED: return o->peer_closed != NULL;
    case K_RUN_WORK: return o->run_work != NULL;
    case K_RESIDENT: return o->resident != NULL;
    case K_COMPLETE: return o->complete != NULL;
    case K_FAIL: return o->fail != NULL;
    case K_DEFER: return o->defer != NULL;
    case K_GET_EXTERNAL: return o->get_external != NULL;
    case K_VIEW_READ: return o->view_read != NULL;
    case K_VIEW_WRITE: return o->view_write != NULL;
    case K_GET_CONTEXT: return o->get_context != NULL;
    default: return 0;
    }
}

/* A down-call with a call header: the header's level is the current level for the whole call (§13.1). */
static void with_header(struct vmbt_session *s, struct vt_cursor *c, struct vt_buffer *out, uint16_t kind)
{
    uint8_t irql = vt_get_u8(c);
    vt_get_u8(c), vt_get_u16(c);
    if (c->bad || irql > VMBT_DEVICE) { c->bad = 1; return; }
    if (!has_entry(s->ops, kind)) {
        vt_failed(out, "this testee has no entry point for the call (a capability it does not declare)");
        c->left = 0; /* the body is not decoded: its layout is not in question */
        return;
    }
    enum vmbt_irql saved = s->irql;
    s->irql = (enum vmbt_irql)irql;
    s->depth++;
    struct call k = { s, c, out, {0}, 0 };
    dispatch(&k, kind);
    s->depth--;
    s->irql = saved;
}

int vc_perform(struct vmbt_session *s, const struct vt_frame *f)
{
    struct vt_cursor c = { f->body, f->body_length, 0 };
    struct vt_buffer out = {0};
    vt_begin(&out, (uint16_t)(f->kind | VC_REPLY), f->id);
    switch (f->kind) {
    case VC_HELLO: hello(s, &c, &out); break;
    case VC_SHUTDOWN: if (vt_done(&c)) vt_result(&out, VMBTESTEE_OK), s->shut_down = 1; break;
    case VC_MAP_CHANNEL: map_channel(s, &c, &out); break;
    case VC_RELEASE:
        if (!vt_done(&c)) break;
        if (s->ops->release) s->ops->release(s->self, s);
        vt_unmap(&s->map);
        vt_result(&out, VMBTESTEE_OK);
        break;
    default:
        if (f->kind < VC_FIRST_DOWN || f->kind > VC_LAST_DOWN) { free(out.bytes); return vc_lose(s, "not a request", f->kind); }
        with_header(s, &c, &out, f->kind);
    }
    int rc = 0;
    if (s->lost) rc = -1; /* lost while performing: the reply would only confuse */
    else if (!vt_done(&c)) rc = vc_lose(s, "body does not match the layout of its kind", f->kind);
    else if (vt_send(&s->link, &out) != 0) s->lost = 1, rc = -1;
    free(out.bytes);
    return rc;
}
