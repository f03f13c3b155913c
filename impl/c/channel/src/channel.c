/* vmbchannel: allocation, the doorbell and queued work (see vmbchannel.h). */
#include "channel.h"

#include <stdlib.h>

#define MAX_PACKET (65535u * 8u) /* the largest len8 * 8 (R-SR-9) */

const struct vmbchannel_declaration *vmbchannel_declare(void)
{
    static const struct vmbchannel_declaration d = {
#ifdef VMBCHANNEL_BREAK
        "vmbchannel-broken-" VMBCHANNEL_BREAK_NAME,
#else
        "vmbchannel",
#endif
        "0.1.0", VMBCHANNEL_CAP_EX_CALLBACKS | VMBCHANNEL_CAP_PAUSE_START | VMBCHANNEL_CAP_EXTERNAL_DATA, VMBCHANNEL_BREAK_NAME
    };
    return &d;
}

/* The rings' doorbell: new replies for the peer (R-SIG-1) or room on the incoming ring (R-SIG-5). */
static void ring_doorbell(void *context)
{
    struct vmbchannel *c = context;
    c->env.signal_peer(c->env.ctx);
}

struct vmbchannel *vmbchannel_create(const struct vmbchannel_env *env, const struct vmbchannel_rings *rings,
                                     uint64_t channel, enum vmbchannel_profile profile,
                                     struct vmbchannel_error *err)
{
    struct vmbchannel *c = calloc(1, sizeof *c);
    err->rule = NULL;
    if (!c) { err->message = "out of memory for the channel"; return NULL; }
    c->env = *env;
    c->channel = channel;
    c->profile = profile;
    c->scratch_size = rings->incoming_data_size < MAX_PACKET ? rings->incoming_data_size : MAX_PACKET;
    c->scratch = malloc(c->scratch_size ? c->scratch_size : 1);
    struct vmbring_error e = {0};
    /* The opposite endpoint's ring in use: a corrupt index stops intake at the first drain (R-MAL-1). */
    if (vmbring_reader_attach(&c->incoming, rings->incoming, rings->incoming_data_size, ring_doorbell, c, &e) != 0) {
        c->incoming_bad = 1;
        c->incoming_error = e;
        if (!e.message) c->incoming_error.message = "the incoming ring cannot be attached";
    }
    int rc = vmbring_writer_attach(&c->outgoing, rings->outgoing, rings->outgoing_data_size, 0, ring_doorbell, c, &e);
    if (!c->scratch || rc != 0) {
        err->rule = c->scratch ? e.rule : NULL;
        err->message = c->scratch ? (e.message ? e.message : "the outgoing ring cannot be attached") : "out of memory";
        vmbchannel_destroy(c);
        return NULL;
    }
    return c;
}

void vmbchannel_destroy(struct vmbchannel *c)
{
    if (!c) return;
    for (uint32_t i = 0; i < c->slot_count; i++)
        if (c->slots[i]) packet_free(c, c->slots[i]);
    free(c->slots);
    replies_drop(c);
    free(c->work);
    free(c->scratch);
    free(c);
}

/* A hint (R-SIG-10): send what waited for room, and have the ring looked at from DISPATCH work (R-PP-11). */
void vmbchannel_signal(struct vmbchannel *c)
{
    replies_flush(c);
    intake_queue_drain(c);
}

void vmbchannel_run_work(struct vmbchannel *c, uint32_t id)
{
    struct work w;
    if (!work_take(c, id, &w)) return;
    switch (w.kind) {
    case WORK_DRAIN:
        c->drain_queued = 0;
        intake_drain(c);
        break;
    case WORK_REPRESENT:
        intake_represent(c, w.token);
        break;
    case WORK_LIFECYCLE:
        c->lifecycle_queued = 0;
        lifecycle_step(c);
        break;
    }
}
