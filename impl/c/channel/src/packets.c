/* The packets a channel holds between presentation and answer, named by tokens (R-PP-4, D32). */
#include "channel.h"

#include <stdlib.h>

/* A token is (presentation number << 32) | slot: each presentation gets a fresh one (stale ones never match). */
uint64_t packet_next_token(struct vmbchannel *c, const struct packet *p)
{
    return (uint64_t)++c->presentations << 32 | (uint32_t)p->token;
}

struct packet *packet_new(struct vmbchannel *c)
{
    uint32_t slot = 0;
    while (slot < c->slot_count && c->slots[slot]) slot++;
    if (slot == c->slot_count) {
        uint32_t count = c->slot_count ? c->slot_count * 2 : 16;
        struct packet **grown = realloc(c->slots, count * sizeof *grown);
        if (!grown) return NULL;
        for (uint32_t i = c->slot_count; i < count; i++) grown[i] = NULL;
        c->slots = grown;
        c->slot_count = count;
    }
    struct packet *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->token = slot; /* the low half; packet_next_token gives the high half at presentation */
    c->slots[slot] = p;
    c->outstanding++;
    return p;
}

struct packet *packet_find(struct vmbchannel *c, uint64_t token)
{
    uint32_t slot = (uint32_t)token;
    if (slot >= c->slot_count || !c->slots[slot] || c->slots[slot]->token != token) return NULL;
    return c->slots[slot];
}

/* Releases everything held for the packet: its copy, its view and the ranges behind it (R-CMPL-3, R-FAIL-7). */
void packet_free(struct vmbchannel *c, struct packet *p)
{
    c->slots[(uint32_t)p->token] = NULL;
    c->outstanding--;
    free(p->bytes);
    free(p->ranges);
    free(p->pages);
    free(p);
}

/*
 * Packets the client holds: presented and not answered. One handed back by a PENDING result is the
 * channel's again until it is presented once more, so it is not counted.
 */
uint32_t packets_held_by_client(const struct vmbchannel *c)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < c->slot_count; i++) n += c->slots[i] && c->slots[i]->state == PACKET_PRESENTED;
    return n;
}
