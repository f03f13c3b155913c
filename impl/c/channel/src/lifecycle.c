/*
 * Registration and the channel's life: Disabled until Enable (R-LIFE-1), guest-style bring-up Opened →
 * Started → intake → PostStarted (R-LIFE-7, E-8), Pause/Disable/peer close deliver Suspend and complete
 * once nothing is outstanding (R-LIFE-11, R-LIFE-12, R-PAUSE-3, R-LIFE-16), Start brings intake back
 * (R-PAUSE-7, R-PAUSE-8). State callbacks run at PASSIVE level only (R-LIFE-19): above it, the step is
 * queued as PASSIVE work.
 */
#include "channel.h"

int vmbchannel_init_allowed(const struct vmbchannel *c) { return !c->enabled; }

int32_t vmbchannel_set_callbacks(struct vmbchannel *c, int process_packet, int processing_complete, uint32_t registration,
                                 uint64_t context)
{
    if (c->enabled) return VMBCHANNEL_STATUS_INVALID_PARAMETER_1;          /* Init* only while Disabled (R-LIFE-2) */
    if (!process_packet) return VMBCHANNEL_STATUS_INVALID_PARAMETER_2;     /* R-LIFE-3; the earlier one stays */
    c->registered = 1;
    c->completion_callback = processing_complete; /* may be absent (R-PP-21) */
    c->registration = registration;               /* a later registration replaces the earlier one (R-CTX-2) */
    c->context = context;
    return VMBCHANNEL_STATUS_SUCCESS;
}

int32_t vmbchannel_set_state_callbacks(struct vmbchannel *c, unsigned present)
{
    if (c->enabled) return VMBCHANNEL_STATUS_INVALID_PARAMETER_1;
    c->state_callbacks = present;
    return VMBCHANNEL_STATUS_SUCCESS;
}

/* A state callback the client registered; Opened's status, success for an unregistered one. */
static int32_t deliver(struct vmbchannel *c, enum vmbchannel_state which)
{
    if (!(c->state_callbacks & (1u << which))) return VMBCHANNEL_STATUS_SUCCESS;
    return c->env.state(c->env.ctx, which, c->channel);
}

static int stopping(const struct vmbchannel *c) { return c->pausing || c->disabling || c->peer_closing; }

/* Suspend may come once no callback runs (R-SYNC-4); a packet due to come back waits for Started (R-LIFE-11). */
static int may_suspend(const struct vmbchannel *c)
{
    return stopping(c) && c->started && c->presenting == 0;
}

/* Paused once Suspend was delivered and the client answered what it holds (R-PAUSE-3, R-LIFE-12). */
static int may_finish(const struct vmbchannel *c)
{
    return stopping(c) && !c->started && packets_held_by_client(c) == 0;
}

static int has_step(const struct vmbchannel *c)
{
    return c->want_open || (c->want_start && c->opened && !c->started && !stopping(c)) || may_suspend(c) || may_finish(c);
}

void lifecycle_step(struct vmbchannel *c)
{
    if (!has_step(c)) return;
    if (level_now(c) != VMBCHANNEL_PASSIVE) {
        if (!c->lifecycle_queued && work_queue(c, WORK_LIFECYCLE, VMBCHANNEL_PASSIVE, 0) == 0) c->lifecycle_queued = 1;
        return;
    }
    if (c->want_open) {
        c->want_open = 0;
        c->opened = deliver(c, VMBCHANNEL_OPENED) >= 0; /* a failed Opened: no traffic flows (R-LIFE-5) */
        if (!c->opened) c->want_start = 0;
    }
    if (c->want_start && c->opened && !c->started && !stopping(c)) {
        c->want_start = 0;
        deliver(c, VMBCHANNEL_STARTED);       /* the first presentation comes after Started returned (R-LIFE-8) */
        c->started = 1;
        c->intake = 1;
        intake_queue_drain(c);                 /* what was written meanwhile is delivered (R-PAUSE-8) */
        intake_queue_due(c);                   /* and what came back from PENDING while suspended */
        deliver(c, VMBCHANNEL_POST_STARTED);
    }
    if (may_suspend(c)) {
        c->intake = 0;
        c->started = 0;                        /* Started and Suspend alternate (R-LIFE-18) */
        deliver(c, VMBCHANNEL_SUSPEND);
    }
    if (may_finish(c)) {
        if (c->pausing) {
            c->pausing = 0;
            c->env.task_done(c->env.ctx, c->pause_task);
        }
        if ((c->disabling || c->peer_closing) && c->opened) {
            c->opened = 0;
            deliver(c, VMBCHANNEL_CLOSED);
        }
        c->peer_closing = 0;
        if (c->disabling) {
            c->disabling = 0;
            c->enabled = 0;
            c->env.task_done(c->env.ctx, c->disable_task);
        }
    }
}

int32_t vmbchannel_enable(struct vmbchannel *c)
{
    if (c->enabled) return VMBCHANNEL_STATUS_INVALID_PARAMETER_1;
    c->enabled = 1;
    c->want_open = 1;
    c->want_start = !c->pause_at_enable; /* paused before Enable: comes up opened and paused (R-PAUSE-4) */
    c->pause_at_enable = 0;
    lifecycle_step(c);                   /* returns without waiting for the peer (R-LIFE-4) */
    return VMBCHANNEL_STATUS_SUCCESS;
}

void vmbchannel_pause(struct vmbchannel *c, uint32_t task)
{
    if (!c->enabled) {
        c->pause_at_enable = 1;          /* only noted (R-PAUSE-4) */
        c->env.task_done(c->env.ctx, task);
        return;
    }
    if (!c->started || c->pausing) {     /* already paused (or pausing: the earlier task completes it) */
        c->want_start = 0;
        c->env.task_done(c->env.ctx, task);
        return;
    }
    c->pausing = 1;
    c->pause_task = task;
    c->intake = 0;                       /* halts new I/O at once (R-PAUSE-3) */
    lifecycle_step(c);
}

void vmbchannel_start(struct vmbchannel *c)
{
    if (!c->enabled) { c->pause_at_enable = 0; return; }
    if (c->started || stopping(c)) return;
    c->want_start = 1;
    lifecycle_step(c);
}

void vmbchannel_disable(struct vmbchannel *c, uint32_t task)
{
    if (!c->enabled || c->disabling) {
        c->env.task_done(c->env.ctx, task);
        return;
    }
    c->disabling = 1;
    c->disable_task = task;
    c->intake = 0;
    c->want_open = c->want_start = 0;
    lifecycle_step(c);
}

void vmbchannel_peer_closed(struct vmbchannel *c)
{
    if (!c->enabled || !c->opened) return;
    c->peer_closing = 1;
    c->intake = 0;
    c->want_start = 0;
    lifecycle_step(c);
}
