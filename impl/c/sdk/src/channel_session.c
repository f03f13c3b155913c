/*
 * The channel level's loop and its nesting (spec/testee-protocol.md §11): the outer loop serves
 * down-calls; an up-call waits for its reply while serving every down-call the harness makes in the
 * meantime, each with its own call header, so replies go out in strict stack order.
 */
#include "channel_session.h"

#include "mailbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { REQUEST_FD = 3, ANSWER_FD = 4 };

int vc_lose(struct vmbt_session *s, const char *why, uint16_t kind)
{
    if (!s->lost) fprintf(stderr, "vmbtestee: protocol violation by the harness: %s (kind 0x%04x)\n", why, kind);
    s->lost = 1;
    return -1;
}

enum vmbt_irql vmbt_current_irql(const struct vmbt_session *s) { return s->irql; }

static int is_down_call(uint16_t kind) { return kind >= VC_FIRST_DOWN && kind <= VC_LAST_DOWN; }

/* Sends an up-call's frame, if an up-call may be made now. Returns 0, or -1 when lost. */
static int send_up(struct vmbt_session *s, struct vt_buffer *call, uint16_t kind)
{
    if (s->lost) return -1;
    if (s->depth == 0) {
        /* The channel's own mistake, not the harness's: an up-call needs a down-call to run in (§14). */
        fprintf(stderr, "vmbtestee: up-call 0x%04x outside a down-call\n", kind);
        s->lost = 1;
        return -1;
    }
    if (vt_send(&s->link, call) != 0) { s->lost = 1; return -1; }
    return 0;
}

int vc_notify(struct vmbt_session *s, struct vt_buffer *call, uint16_t kind) { return send_up(s, call, kind); }

int vc_upcall(struct vmbt_session *s, struct vt_buffer *call, uint16_t kind, uint32_t id,
              struct vt_buffer *reply, uint8_t *result)
{
    if (send_up(s, call, kind) != 0) return -1;
    for (;;) {
        struct vt_buffer in = {0};
        struct vt_frame f;
        int got = vt_read_frame(&s->link, &in, &f);
        int rc;
        if (got != 1) {
            s->lost = 1;
            rc = -1;
        } else if (f.kind == (uint16_t)(kind | VC_REPLY)) {
            if (f.id != id || f.body_length < 4 || f.body[1] || f.body[2] || f.body[3]) {
                rc = vc_lose(s, "reply to an up-call with a wrong id or result header", f.kind);
            } else {
                *result = f.body[0];
                reply->length = 0;
                vt_bytes(reply, f.body + 4, f.body_length - 4);
                rc = 1;
            }
        } else if (is_down_call(f.kind)) {
            rc = vc_perform(s, &f); /* nested: served fully before we go on waiting (§11) */
        } else {
            rc = vc_lose(s, "expected the reply to an up-call or a down-call", f.kind);
        }
        free(in.bytes);
        if (rc < 0) return -1;
        if (rc == 1) return 0;
    }
}

int vmbt_channel_run_on(const struct vmbt_channel_ops *ops, void *self, int request_fd, int answer_fd)
{
    struct vmbt_session s;
    memset(&s, 0, sizeof s);
    s.ops = ops;
    s.self = self;
    s.link = (struct vt_link){ request_fd, answer_fd, NULL };
    s.next_upcall = 1;
    s.version = 2; /* until HELLO says more */
    while (!s.lost && !s.shut_down) {
        struct vt_buffer in = {0};
        struct vt_frame f;
        int got = vt_read_frame(&s.link, &in, &f);
        int served = got == 1 ? vt_mailbox_serve(&s.link, &f, s.version) : 0;
        if (served < 0) s.lost = 1;
        else if (got == 1 && !served) vc_perform(&s, &f);
        free(in.bytes);
        if (got == 0) break;         /* end of the request stream: exit (§1) */
        if (got < 0) s.lost = 1;
    }
    if (s.map.base && ops->release) ops->release(self, &s);
    vt_unmap(&s.map);
    vt_mailbox_close(&s.link);
    return s.lost ? 2 : 0;
}

int vmbt_channel_run(const struct vmbt_channel_ops *ops, void *self)
{
    return vmbt_channel_run_on(ops, self, REQUEST_FD, ANSWER_FD);
}
