/*
 * The channel-level session (spec/testee-protocol.md §11–§15): shared by the session loop, the
 * down-call dispatcher and the up-call helpers. One per testee process, passed by pointer.
 */
#ifndef VMBTESTEE_CHANNEL_SESSION_H
#define VMBTESTEE_CHANNEL_SESSION_H

#include "frame.h"
#include "map.h"
#include "vmbtestee_channel.h"

enum {
    VC_HELLO = 0x0001, VC_SHUTDOWN = 0x000B,
    VC_FIRST_DOWN = 0x0020, VC_MAP_CHANNEL = 0x0020, VC_RELEASE = 0x0037, VC_LAST_DOWN = 0x0037,
    VC_REPLY = 0x8000
};

struct vmbt_session {
    const struct vmbt_channel_ops *ops;
    void *self;
    struct vt_link link;               /* the pipes, or the mailbox after MAILBOX (§20) */
    struct vt_mapping map;
    struct vmbt_channel_memory memory; /* valid after MAP_CHANNEL */
    enum vmbt_irql irql;               /* the level of the innermost down-call being performed */
    int depth;                         /* down-calls being performed that allow up-calls */
    uint32_t next_upcall;              /* the testee's up-call counter (§11): 1, 2, 3, … */
    uint16_t version;                  /* the protocol version answered in HELLO_REPLY: 2, 3 or 4 */
    int lost;                          /* the stream broke: unwind, then exit 2 */
    int shut_down;                     /* SHUTDOWN answered */
};

/* Marks the session lost, saying why on stderr once. Returns -1. */
int vc_lose(struct vmbt_session *s, const char *why, uint16_t kind);

/* Performs one down-call (or HELLO / SHUTDOWN) and sends its reply. Returns 0, or -1 when lost. */
int vc_perform(struct vmbt_session *s, const struct vt_frame *f);

/*
 * Sends the up-call frame in `call` (begun with vt_begin for `kind` and the id `id`), then serves
 * every down-call that arrives until the reply comes. On return 0 `reply` holds the reply body after
 * the result header and *result the result; -1 when the session is lost.
 */
int vc_upcall(struct vmbt_session *s, struct vt_buffer *call, uint16_t kind, uint32_t id,
              struct vt_buffer *reply, uint8_t *result);

/*
 * Sends a notification up-call (§14: QUEUE_WORK, MISUSE, INTAKE_STOPPED, NON_DATA_CONSUMED) that gets no
 * reply from version 3 on: the frame goes out and the caller goes on. Returns 0, or -1 when lost.
 */
int vc_notify(struct vmbt_session *s, struct vt_buffer *call, uint16_t kind);

#endif /* VMBTESTEE_CHANNEL_SESSION_H */
