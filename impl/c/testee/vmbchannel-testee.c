/*
 * vmbchannel served to the conformance harness at the channel level: the SDK's table of entry points
 * filled with vmbchannel's calls, and vmbchannel's environment filled with the SDK's up-calls.
 *   vmbchannel-testee [--profile raw|pipe]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vmbchannel.h>
#include <vmbtestee_channel.h>

struct testee {
    struct vmbchannel *channel;
    struct vmbt_session *session;
    enum vmbchannel_profile profile;
    struct vmbt_view_range *ranges; /* the last view handed out, in the SDK's shape */
};

/* ---- the environment: vmbchannel's calls out, as up-calls ---------------------------------------- */

static int level(void *ctx) { return (int)vmbt_current_irql(((struct testee *)ctx)->session); }

static void process_packet(void *ctx, uint32_t registration, uint64_t channel, uint64_t context, uint64_t token, uint32_t flags,
                           const uint8_t *buffer, uint32_t length)
{
    vmbt_process_packet(((struct testee *)ctx)->session, registration, channel, context, token, flags, length, buffer, length);
}

static void processing_complete(void *ctx, uint32_t registration, uint64_t channel, uint64_t context, uint32_t count)
{
    vmbt_processing_complete(((struct testee *)ctx)->session, registration, channel, context, count);
}

static int32_t state(void *ctx, enum vmbchannel_state callback, uint64_t channel)
{
    int32_t status = 0;
    if (vmbt_state(((struct testee *)ctx)->session, (enum vmbt_state)callback, channel, &status) != 0) return 0;
    return status;
}

static void queue_work(void *ctx, int level_, uint32_t work) { vmbt_queue_work(((struct testee *)ctx)->session, (enum vmbt_irql)level_, work); }
static void signal_peer(void *ctx) { vmbt_signal_peer(((struct testee *)ctx)->session); }
static void task_done(void *ctx, uint32_t task) { vmbt_task_done(((struct testee *)ctx)->session, task, 0, NULL); }

static void intake_stopped(void *ctx, int malformed, const char *rule, const char *detail)
{
    vmbt_intake_stopped(((struct testee *)ctx)->session, malformed ? VMBT_STOP_MALFORMED : VMBT_STOP_PACKET_FAILED, rule, detail);
}

static void non_data(void *ctx, uint16_t type, uint64_t id) { vmbt_non_data_consumed(((struct testee *)ctx)->session, type, id); }

static int guest_page(void *ctx, uint64_t page, int *exists, int *resident)
{
    return vmbt_guest_page(((struct testee *)ctx)->session, page, exists, resident) != 0;
}

static void when_resident(void *ctx, uint64_t page, uint32_t cookie) { vmbt_when_resident(((struct testee *)ctx)->session, page, cookie); }

static int guest_read(void *ctx, uint64_t page, uint32_t offset, uint32_t count, uint8_t *to)
{
    return vmbt_guest_read(((struct testee *)ctx)->session, page, offset, count, to) != 0;
}

static int guest_write(void *ctx, uint64_t page, uint32_t offset, uint32_t count, const uint8_t *from)
{
    return vmbt_guest_write(((struct testee *)ctx)->session, page, offset, count, from) != 0;
}

static int guest_pages(void *ctx, uint32_t count, const uint64_t *pages, uint8_t *states)
{
    /* VMBCHANNEL_PAGE_* and VMBT_PAGE_* are the protocol's bits (§14.7). */
    return vmbt_guest_pages(((struct testee *)ctx)->session, count, pages, states) != 0;
}

static int guest_read_pieces(void *ctx, uint32_t count, const struct vmbchannel_piece *pieces, uint8_t *to)
{
    struct vmbt_segment *segments = malloc((count ? count : 1) * sizeof *segments);
    if (!segments) return 1;
    for (uint32_t i = 0; i < count; i++) segments[i] = (struct vmbt_segment){ pieces[i].page, pieces[i].offset, pieces[i].count };
    int rc = vmbt_guest_read_segments(((struct testee *)ctx)->session, count, segments, to);
    free(segments);
    return rc != 0;
}

/* ---- the table: down-calls into vmbchannel --------------------------------------------------------- */

static enum vmbtestee_result refused(int rc, const struct vmbchannel_error *e, struct vmbtestee_error *err)
{
    if (rc == 0) return VMBTESTEE_OK;
    err->rule = e->rule;
    err->message = e->message;
    return rc == -EPERM ? VMBTESTEE_VIOLATION : VMBTESTEE_FAILED;
}

static void declare(void *self, struct vmbt_channel_declaration *out)
{
    const struct vmbchannel_declaration *d = vmbchannel_declare();
    out->name = d->name;
    out->version = d->version;
    out->capabilities = d->capabilities;
    out->profile = (enum vmbt_profile)((struct testee *)self)->profile;
}

static enum vmbtestee_result allocate(void *self, struct vmbt_session *s, const struct vmbt_channel_memory *m,
                                      uint64_t channel, struct vmbtestee_error *err)
{
    struct testee *t = self;
    const struct vmbchannel_env env = {
        t, level, process_packet, processing_complete, state, queue_work, signal_peer, task_done,
        intake_stopped, non_data, guest_page, when_resident, guest_read, guest_write, guest_pages, guest_read_pieces,
    };
    const struct vmbchannel_rings rings = { m->incoming, m->incoming_data_size, m->outgoing, m->outgoing_data_size };
    struct vmbchannel_error e = {0};
    vmbchannel_destroy(t->channel);
    t->session = s;
    t->channel = vmbchannel_create(&env, &rings, channel, t->profile, &e);
    return t->channel ? VMBTESTEE_OK : refused(-EIO, &e, err);
}

/* Every call below is made with a channel allocated: the harness sends ALLOCATE first (§15). */
#define CHANNEL(self) (((struct testee *)(self))->channel)
#define NO_CHANNEL(self, err) (!CHANNEL(self) && ((err)->message = "no channel allocated", 1))

static enum vmbtestee_result set_callbacks(void *self, struct vmbt_session *s, int ex, unsigned present,
                                           uint32_t registration, uint64_t context, int32_t *status,
                                           struct vmbtestee_error *err)
{
    (void)s;
    if (NO_CHANNEL(self, err)) return VMBTESTEE_FAILED;
    *status = vmbchannel_set_callbacks(CHANNEL(self), present & 1u, (present & 2u) != 0, registration, ex ? context : 0);
    return VMBTESTEE_OK;
}

static enum vmbtestee_result set_state_callbacks(void *self, struct vmbt_session *s, unsigned present,
                                                 int32_t *status, struct vmbtestee_error *err)
{
    (void)s;
    if (NO_CHANNEL(self, err)) return VMBTESTEE_FAILED;
    *status = vmbchannel_set_state_callbacks(CHANNEL(self), present);
    return VMBTESTEE_OK;
}

/* Transfer pages are not external data here (TransferPagesAreExternalData not declared): nothing to keep. */
static enum vmbtestee_result set_page_set(void *self, struct vmbt_session *s, uint16_t id, uint32_t count,
                                          const uint64_t *pages, int32_t *status, struct vmbtestee_error *err)
{
    (void)s, (void)id, (void)count, (void)pages;
    if (NO_CHANNEL(self, err)) return VMBTESTEE_FAILED;
    *status = VMBCHANNEL_STATUS_SUCCESS;
    return VMBTESTEE_OK;
}

/*
 * ClientContext is not declared, so the harness sends this only to probe an Init call after Enable
 * (R-LIFE-2); while Disabled there is nothing to keep.
 */
static enum vmbtestee_result set_context_size(void *self, struct vmbt_session *s, uint32_t size, int32_t *status,
                                              struct vmbtestee_error *err)
{
    (void)s, (void)size;
    if (NO_CHANNEL(self, err)) return VMBTESTEE_FAILED;
    *status = vmbchannel_init_allowed(CHANNEL(self)) ? VMBCHANNEL_STATUS_SUCCESS : VMBCHANNEL_STATUS_INVALID_PARAMETER_1;
    return VMBTESTEE_OK;
}

static enum vmbtestee_result enable(void *self, struct vmbt_session *s, int32_t *status, struct vmbtestee_error *err)
{
    (void)s;
    if (NO_CHANNEL(self, err)) return VMBTESTEE_FAILED;
    *status = vmbchannel_enable(CHANNEL(self));
    return VMBTESTEE_OK;
}

/* Calls with a u32 argument and nothing to answer. */
#define SIMPLE_U32(name, call)                                                                              \
    static enum vmbtestee_result name(void *self, struct vmbt_session *s, uint32_t value, struct vmbtestee_error *err) \
    {                                                                                                       \
        (void)s;                                                                                            \
        if (NO_CHANNEL(self, err)) return VMBTESTEE_FAILED;                                                 \
        call(CHANNEL(self), value);                                                                         \
        return VMBTESTEE_OK;                                                                                \
    }
SIMPLE_U32(pause_, vmbchannel_pause)
SIMPLE_U32(disable, vmbchannel_disable)
SIMPLE_U32(run_work, vmbchannel_run_work)
SIMPLE_U32(resident, vmbchannel_resident)

#define SIMPLE(name, call)                                                                                  \
    static enum vmbtestee_result name(void *self, struct vmbt_session *s, struct vmbtestee_error *err)      \
    {                                                                                                       \
        (void)s;                                                                                            \
        if (NO_CHANNEL(self, err)) return VMBTESTEE_FAILED;                                                 \
        call(CHANNEL(self));                                                                                \
        return VMBTESTEE_OK;                                                                                \
    }
SIMPLE(start, vmbchannel_start)
SIMPLE(signal_, vmbchannel_signal)
SIMPLE(peer_closed, vmbchannel_peer_closed)

static enum vmbtestee_result complete(void *self, struct vmbt_session *s, uint64_t token, const uint8_t *reply,
                                      uint32_t length, struct vmbtestee_error *err)
{
    (void)s;
    struct vmbchannel_error e = {0};
    if (NO_CHANNEL(self, err)) return VMBTESTEE_FAILED;
    return refused(vmbchannel_complete(CHANNEL(self), token, reply, length, &e), &e, err);
}

static enum vmbtestee_result fail(void *self, struct vmbt_session *s, uint64_t token, struct vmbtestee_error *err)
{
    (void)s;
    struct vmbchannel_error e = {0};
    if (NO_CHANNEL(self, err)) return VMBTESTEE_FAILED;
    return refused(vmbchannel_fail(CHANNEL(self), token, &e), &e, err);
}

static enum vmbtestee_result get_external(void *self, struct vmbt_session *s, uint64_t token, uint32_t flags,
                                          struct vmbt_external *out, struct vmbtestee_error *err)
{
    (void)s;
    struct testee *t = self;
    struct vmbchannel_view v;
    int has_view = 0;
    if (NO_CHANNEL(self, err)) return VMBTESTEE_FAILED;
    out->status = vmbchannel_get_external(t->channel, token, flags, &has_view, &v);
    if (!has_view) return VMBTESTEE_OK;
    free(t->ranges);
    t->ranges = calloc(v.range_count ? v.range_count : 1, sizeof *t->ranges);
    if (!t->ranges) { err->message = "out of memory for the view"; return VMBTESTEE_FAILED; }
    for (uint32_t i = 0; i < v.range_count; i++)
        t->ranges[i] = (struct vmbt_view_range){ v.ranges[i].byte_offset, v.ranges[i].byte_count, v.ranges[i].page_count, v.ranges[i].pages };
    out->has_view = 1;
    out->view = v.id;
    out->read_only = v.read_only;
    out->length = v.length;
    out->range_count = v.range_count;
    out->ranges = t->ranges;
    return VMBTESTEE_OK;
}

static enum vmbtestee_result view_read(void *self, struct vmbt_session *s, uint32_t view, uint64_t offset,
                                       uint32_t count, uint8_t *to, struct vmbtestee_error *err)
{
    (void)s;
    struct vmbchannel_error e = {0};
    if (NO_CHANNEL(self, err)) return VMBTESTEE_FAILED;
    return refused(vmbchannel_view_read(CHANNEL(self), view, offset, count, to, &e), &e, err);
}

static enum vmbtestee_result view_write(void *self, struct vmbt_session *s, uint32_t view, uint64_t offset,
                                        uint32_t count, const uint8_t *from, struct vmbtestee_error *err)
{
    (void)s;
    struct vmbchannel_error e = {0};
    if (NO_CHANNEL(self, err)) return VMBTESTEE_FAILED;
    return refused(vmbchannel_view_write(CHANNEL(self), view, offset, count, from, &e), &e, err);
}

static void release(void *self, struct vmbt_session *s)
{
    struct testee *t = self;
    (void)s;
    vmbchannel_destroy(t->channel);
    t->channel = NULL;
    free(t->ranges);
    t->ranges = NULL;
}

int main(int argc, char **argv)
{
    struct testee t = { NULL, NULL, VMBCHANNEL_RAW, NULL };
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc && strcmp(argv[i + 1], "raw") == 0) t.profile = VMBCHANNEL_RAW, i++;
        else if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc && strcmp(argv[i + 1], "pipe") == 0) t.profile = VMBCHANNEL_PIPE, i++;
        else {
            fprintf(stderr, "usage: %s [--profile raw|pipe]\n", argv[0]);
            return 2;
        }
    }
    /* Not declared, so left out: SET_PASSIVE, SET_QUOTA, DEFER, GET_CONTEXT. */
    static const struct vmbt_channel_ops ops = {
        declare, allocate, set_callbacks, set_context_size, set_state_callbacks, set_page_set, NULL, NULL, enable, pause_, start,
        disable, signal_, peer_closed, run_work, resident, complete, fail, NULL, get_external, view_read, view_write,
        NULL, release,
    };
    return vmbt_channel_run(&ops, &t);
}
