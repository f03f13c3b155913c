/*
 * The client's answers: Complete writes a type-0xB reply when, and only when, the sender asked for one
 * (R-CMPL-4…6, R-CMP-1, R-CMP-2) on the outgoing ring (R-CMP-6), queued while there is no room and never
 * dropped (R-CMPL-8); Fail answers without a reply and ends intake (R-FAIL-2). Both release everything
 * held for the packet (R-CMPL-3, R-FAIL-7). Exactly one answer per packet (R-CMPL-1): the token dies with it.
 */
#include "channel.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* Writes queued replies in order while the ring has room; a full ring asks for room (R-SIG-4). */
void replies_flush(struct vmbchannel *c)
{
    uint32_t sent = 0;
    while (sent < c->reply_count) {
        struct reply *r = &c->replies[sent];
        struct vmbring_send s = { VMBRING_TYPE_COMPLETION, 0, r->transaction_id, NULL, 0, r->bytes, r->length };
        int rc = vmbring_write(&c->outgoing, &s, NULL, NULL);
        if (rc == -EAGAIN || rc == -EBADMSG) break; /* no room yet, or the peer broke its ring: keep it */
        free(r->bytes);                            /* written, or can never fit this ring (-EMSGSIZE) */
        sent++;
    }
    memmove(c->replies, c->replies + sent, (c->reply_count - sent) * sizeof *c->replies);
    c->reply_count -= sent;
}

void replies_drop(struct vmbchannel *c)
{
    for (uint32_t i = 0; i < c->reply_count; i++) free(c->replies[i].bytes);
    free(c->replies);
    c->replies = NULL;
    c->reply_count = c->reply_capacity = 0;
}

static int reply_queue(struct vmbchannel *c, uint64_t transaction_id, const uint8_t *bytes, uint32_t length)
{
    if (c->reply_count == c->reply_capacity) {
        uint32_t capacity = c->reply_capacity ? c->reply_capacity * 2 : 8;
        struct reply *grown = realloc(c->replies, capacity * sizeof *grown);
        if (!grown) return -1;
        c->replies = grown;
        c->reply_capacity = capacity;
    }
    uint8_t *copy = malloc(length ? length : 1);
    if (!copy) return -1;
    if (length) memcpy(copy, bytes, length); /* the client's bytes, untouched (R-CMPL-5) */
    c->replies[c->reply_count++] = (struct reply){ transaction_id, copy, length };
    return 0;
}

int vmbchannel_complete(struct vmbchannel *c, uint64_t token, const uint8_t *reply, uint32_t length,
                        struct vmbchannel_error *err)
{
    struct packet *p = packet_find(c, token);
    if (!p) return 0; /* an answer for no packet held: misuse is not detected here (not declared) */
    if (p->descriptor.flags & VMBRING_FLAG_COMPLETION_REQUESTED) {
        int queued = reply_queue(c, p->descriptor.transaction_id, reply, length);
        if (VMBCHANNEL_BROKEN(completes_twice) && queued == 0)
            queued = reply_queue(c, p->descriptor.transaction_id, reply, length);
        if (queued != 0) {
            err->rule = "R-CMPL-8";
            err->message = "out of memory queueing a reply";
            return -EIO;
        }
        replies_flush(c);
    }
    packet_free(c, p);
    lifecycle_step(c);
    return 0;
}

int vmbchannel_fail(struct vmbchannel *c, uint64_t token, struct vmbchannel_error *err)
{
    (void)err;
    struct packet *p = packet_find(c, token);
    if (!p) return 0;
    packet_free(c, p);
    intake_stop(c, 0, "R-FAIL-2", "the client failed a packet");
    lifecycle_step(c);
    return 0;
}
