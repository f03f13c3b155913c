/* Work the channel hands to the environment's queues; the environment runs it (R-PP-11, R-LIFE-23). */
#include "channel.h"

#include <stdlib.h>

int level_now(const struct vmbchannel *c) { return c->env.level(c->env.ctx); }

int work_queue(struct vmbchannel *c, enum work_kind kind, int level, uint64_t token)
{
    if (c->work_count == c->work_capacity) {
        uint32_t capacity = c->work_capacity ? c->work_capacity * 2 : 8;
        struct work *grown = realloc(c->work, capacity * sizeof *grown);
        if (!grown) return -1; /* nothing queued: the next doorbell or answer tries again */
        c->work = grown;
        c->work_capacity = capacity;
    }
    struct work *w = &c->work[c->work_count++];
    w->id = ++c->next_work;
    w->kind = kind;
    w->token = token;
    c->env.queue_work(c->env.ctx, level, w->id);
    return 0;
}

/* Removes queued work `id`: 1 with it in *out, 0 when no such work is queued (each runs at most once). */
int work_take(struct vmbchannel *c, uint32_t id, struct work *out)
{
    for (uint32_t i = 0; i < c->work_count; i++) {
        if (c->work[i].id != id) continue;
        *out = c->work[i];
        c->work[i] = c->work[--c->work_count];
        return 1;
    }
    return 0;
}
