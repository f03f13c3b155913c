/* vmbchannel's private state, shared by its source files (one job each). */
#ifndef VMBCHANNEL_PRIVATE_H
#define VMBCHANNEL_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "break.h"
#include "vmbchannel.h"
#include "vmbring.h"

/* Where a packet the channel holds stands. */
enum packet_state {
    PACKET_PRESENTED,      /* presented, its answer is owed (R-PP-14) */
    PACKET_AWAITING_PAGES, /* GetExternalData said PENDING: waiting for RESIDENT (R-EXT-9) */
    PACKET_REPRESENT_DUE   /* resident again: queued to be presented once more */
};

/* A packet taken from the incoming ring and not yet answered. */
struct packet {
    uint64_t token;        /* the current presentation's name; a new one per presentation */
    enum packet_state state;
    uint8_t *bytes;        /* the validated copy: descriptor to padding (R-MAL-10) */
    uint32_t length;       /* len8 * 8 */
    struct vmbring_packet descriptor;
    uint32_t buffer_offset, buffer_length, flags; /* what is presented (R-PP-5…9) */
    uint32_t cookie;       /* WHEN_RESIDENT's cookie while awaiting pages */
    /* The external-data view, once GetExternalData succeeded (R-EXT-7, R-EXT-16). */
    int has_view;
    struct vmbchannel_view view;
    struct vmbchannel_range *ranges;
    uint64_t *pages;
};

/* A reply waiting for room on the outgoing ring (R-CMPL-8). */
struct reply {
    uint64_t transaction_id;
    uint8_t *bytes;
    uint32_t length;
};

enum work_kind { WORK_DRAIN, WORK_REPRESENT, WORK_LIFECYCLE };

struct work {
    uint32_t id;
    enum work_kind kind;
    uint64_t token; /* WORK_REPRESENT: the packet, by the token it had when queued */
};

struct vmbchannel {
    struct vmbchannel_env env;
    uint64_t channel;
    enum vmbchannel_profile profile;

    struct vmbring_reader incoming;
    int incoming_bad;              /* attach found the ring corrupt: intake stops at the first drain */
    struct vmbring_error incoming_error;
    struct vmbring_writer outgoing;
    uint8_t *scratch;              /* one packet read from the incoming ring */
    uint32_t scratch_size;

    /* Registration (R-LIFE-1…3). */
    int registered, completion_callback;
    uint32_t registration;
    uint64_t context;              /* the Ex registration's context, 0 for legacy */
    unsigned state_callbacks;

    /* Lifecycle (R-LIFE-5…19, R-PAUSE-*). */
    int enabled, opened, started, intake, stopped;
    int want_open, want_start, pause_at_enable;
    int pausing, disabling, peer_closing;
    uint32_t pause_task, disable_task;
    int presenting;                /* process-packet calls in progress (R-SYNC-4) */

    /* Packets held: slot i's token has i in its low 32 bits. */
    struct packet **slots;
    uint32_t slot_count;
    uint32_t outstanding;          /* packets held, the client's and those waiting to come back */
    uint32_t presentations;        /* high half of tokens: never reused, so stale tokens never match */

    struct reply *replies;         /* FIFO of replies without room yet */
    uint32_t reply_count, reply_capacity;

    struct work *work;
    uint32_t work_count, work_capacity, next_work;
    int drain_queued, lifecycle_queued;

    uint32_t next_view, next_cookie;
};

/* packets.c */
struct packet *packet_new(struct vmbchannel *c);
struct packet *packet_find(struct vmbchannel *c, uint64_t token);
uint64_t packet_next_token(struct vmbchannel *c, const struct packet *p);
void packet_free(struct vmbchannel *c, struct packet *p);
uint32_t packets_held_by_client(const struct vmbchannel *c);

/* work.c */
int work_queue(struct vmbchannel *c, enum work_kind kind, int level, uint64_t token);
int work_take(struct vmbchannel *c, uint32_t id, struct work *out);
int level_now(const struct vmbchannel *c);

/* intake.c */
void intake_queue_drain(struct vmbchannel *c);
void intake_drain(struct vmbchannel *c);
void intake_represent(struct vmbchannel *c, uint64_t token);
void intake_queue_due(struct vmbchannel *c);
void intake_stop(struct vmbchannel *c, int malformed, const char *rule, const char *detail);
int intake_open(const struct vmbchannel *c);

/* answer.c */
void replies_flush(struct vmbchannel *c);
void replies_drop(struct vmbchannel *c);

/* lifecycle.c */
void lifecycle_step(struct vmbchannel *c);

#endif /* VMBCHANNEL_PRIVATE_H */
