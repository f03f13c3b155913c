/*
 * Intake: packets leave the incoming ring in ring order (R-PP-15) and are presented from work queued at
 * DISPATCH level, never inside the doorbell (R-PP-11). Buffer and BufferLength follow the framing
 * profile (R-PP-5…8, R-PP-24); Flags carries EXTERNAL_DATA for GPA-direct packets only (R-PP-9, R-EXT-2,
 * R-EXT-19, R-EXT-21: transfer pages are not declared external).
 */
#include "channel.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define PIPE_HEADER 8u

int intake_open(const struct vmbchannel *c)
{
    return c->enabled && c->started && c->intake && !c->stopped && c->registered
        && !c->pausing && !c->disabling && !c->peer_closing;
}

void intake_queue_drain(struct vmbchannel *c)
{
    if (c->drain_queued || !intake_open(c)) return;
    if (work_queue(c, WORK_DRAIN, VMBCHANNEL_DISPATCH, 0) == 0) c->drain_queued = 1;
}

/* Intake ends for good: after Fail (R-FAIL-2) or a malformed ring or packet (R-PP-17, R-MAL-9). */
void intake_stop(struct vmbchannel *c, int malformed, const char *rule, const char *detail)
{
    if (c->stopped) return;
    c->stopped = 1;
    c->env.intake_stopped(c->env.ctx, malformed, rule, detail);
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Decides what the client sees of a data packet. Returns 0, or -1 when it is malformed (rule in *rule). */
static int frame(struct vmbchannel *c, struct packet *p, const char **rule)
{
    uint32_t payload = (uint32_t)p->descriptor.offset8 * 8, end = p->length;
    if (c->profile == VMBCHANNEL_RAW) {
        p->buffer_offset = payload; /* R-PP-5, R-PP-7: offset8 * 8 to len8 * 8, padding included */
        p->buffer_length = end - payload;
        if (VMBCHANNEL_BROKEN(buffer_includes_header)) p->buffer_offset = 0, p->buffer_length = end;
        p->flags = p->descriptor.type == VMBRING_TYPE_GPA_DIRECT ? VMBCHANNEL_FLAG_EXTERNAL_DATA : 0;
        return 0;
    }
    /* Pipe (R-PP-24): the header {u32 type, u32 data size} opens the payload; no external data (R-EXT-19). */
    if (end - payload < PIPE_HEADER || le32(p->bytes + payload + 4) > end - payload - PIPE_HEADER) {
        *rule = "R-PP-24";
        return -1;
    }
    p->buffer_offset = payload + PIPE_HEADER;
    p->buffer_length = le32(p->bytes + payload + 4);
    if (VMBCHANNEL_BROKEN(buffer_includes_header)) p->buffer_offset = payload, p->buffer_length += PIPE_HEADER;
    p->flags = 0;
    return 0;
}

/* One presentation: a fresh token, the callback, and nothing else owed by it (R-PP-14). */
static void present(struct vmbchannel *c, struct packet *p)
{
    p->token = packet_next_token(c, p);
    p->state = PACKET_PRESENTED;
    c->presenting++;
    /* The client may answer inside; the packet may be gone when this returns. */
    c->env.process_packet(c->env.ctx, c->registration, c->channel, c->context, p->token, p->flags,
                          p->buffer_length ? p->bytes + p->buffer_offset : NULL, p->buffer_length);
    c->presenting--;
}

/* Takes the next packet off the ring: 1 presented, 2 consumed without presenting, 0 nothing more now. */
static int take_one(struct vmbchannel *c)
{
    struct vmbring_packet d;
    struct vmbring_error e = {0};
    int rc = vmbring_read(&c->incoming, c->scratch, c->scratch_size, &d, NULL, &e);
    if (rc == -EAGAIN) return 0;
    if (rc == -ENOBUFS) { intake_stop(c, 1, "R-MAL-14", "a packet larger than the data area"); return 0; }
    if (rc != 0) { intake_stop(c, 1, e.rule ? e.rule : "R-MAL-9", e.message); return 0; }
    if (d.type == VMBRING_TYPE_COMPLETION) { /* never presented (R-PP-16) */
        c->env.non_data_consumed(c->env.ctx, d.type, d.transaction_id);
        return 2;
    }
    struct packet *p = packet_new(c);
    uint8_t *bytes = p ? malloc(d.length) : NULL;
    if (!bytes) {
        if (p) packet_free(c, p);
        intake_stop(c, 1, "R-LIFE-22", "out of memory for a packet");
        return 0;
    }
    memcpy(bytes, c->scratch, d.length);
    p->bytes = bytes;
    p->length = d.length;
    p->descriptor = d;
    const char *rule = NULL;
    if (frame(c, p, &rule) != 0) {
        packet_free(c, p);
        intake_stop(c, 1, rule, "the pipe header's data size runs past the payload");
        return 0;
    }
    present(c, p);
    return 1;
}

/* DISPATCH work: present everything the ring holds, then processing-complete once (R-PP-18, R-SYNC-3). */
void intake_drain(struct vmbchannel *c)
{
    uint32_t count = 0;
    int taken;
    replies_flush(c);
    if (c->incoming_bad && intake_open(c)) {
        intake_stop(c, 1, c->incoming_error.rule ? c->incoming_error.rule : "R-MAL-1", c->incoming_error.message);
        return;
    }
    while (intake_open(c) && (taken = take_one(c)) != 0)
        if (taken == 1) count++;
    if (count && c->completion_callback)
        c->env.processing_complete(c->env.ctx, c->registration, c->channel, c->context, count);
    lifecycle_step(c);
}

/* PASSIVE work after RESIDENT: the same packet, same bytes and flags, presented again (R-EXT-9, R-EXT-10). */
void intake_represent(struct vmbchannel *c, uint64_t token)
{
    struct packet *p = packet_find(c, token);
    /* Not while suspended (R-LIFE-11; Start queues it again) nor after intake ended (R-FAIL-2, E-7). */
    if (!p || p->state != PACKET_REPRESENT_DUE || !intake_open(c)) return;
    present(c, p);
    if (c->completion_callback) c->env.processing_complete(c->env.ctx, c->registration, c->channel, c->context, 1);
    lifecycle_step(c);
}

/* Queues the presentation of every packet due to come back (after Start). */
void intake_queue_due(struct vmbchannel *c)
{
    for (uint32_t i = 0; i < c->slot_count; i++)
        if (c->slots[i] && c->slots[i]->state == PACKET_REPRESENT_DUE)
            work_queue(c, WORK_REPRESENT, VMBCHANNEL_PASSIVE, c->slots[i]->token);
}
