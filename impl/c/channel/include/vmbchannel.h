/*
 * vmbchannel: a VMBus channel's incoming side (the KMCL callback contract) in plain C11, on the vmbring
 * ring. Written from spec/ (requirements.json, wire-format.md; D29); rule IDs in comments name the
 * catalog entries.
 *
 * The channel has no execution context of its own: everything it does happens inside a call, and the
 * world around it — the client's callbacks, the work queues with their levels, the peer's doorbell,
 * guest memory — is an environment the caller passes in (struct vmbchannel_env). Presentation runs
 * from work the channel queues at DISPATCH level, never inside the doorbell (R-PP-11).
 *
 * Functions never abort (R-LIFE-22). Client misuse the channel refuses comes back as -EPERM with the
 * rule in the error; anything else that went wrong as -EIO.
 */
#ifndef VMBCHANNEL_H
#define VMBCHANNEL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Levels (the call header's values, spec/testee-protocol.md §13.1). */
#define VMBCHANNEL_PASSIVE 0
#define VMBCHANNEL_DISPATCH 2

/* Capability bits (ChannelCapabilities) and framing profiles (D1, D2). */
#define VMBCHANNEL_CAP_EX_CALLBACKS (1u << 1)
#define VMBCHANNEL_CAP_PAUSE_START (1u << 5)
#define VMBCHANNEL_CAP_EXTERNAL_DATA (1u << 6)
enum vmbchannel_profile { VMBCHANNEL_RAW = 0, VMBCHANNEL_PIPE = 1 };

/* State-change callbacks (bit numbers of SET_STATE_CALLBACKS). */
enum vmbchannel_state { VMBCHANNEL_OPENED, VMBCHANNEL_STARTED, VMBCHANNEL_POST_STARTED, VMBCHANNEL_SUSPEND, VMBCHANNEL_CLOSED };

/* NTSTATUS values the channel returns. */
#define VMBCHANNEL_STATUS_SUCCESS 0
#define VMBCHANNEL_STATUS_PENDING 0x103
#define VMBCHANNEL_STATUS_INVALID_PARAMETER_1 ((int32_t)0xC00000EFu)
#define VMBCHANNEL_STATUS_INVALID_PARAMETER_2 ((int32_t)0xC00000F0u)
#define VMBCHANNEL_STATUS_INVALID_DEVICE_REQUEST ((int32_t)0xC0000010u)

#define VMBCHANNEL_FLAG_EXTERNAL_DATA 0x1u /* the only Flags bit of a presentation (R-PP-9, R-EXT-1) */

struct vmbchannel_declaration {
    const char *name;      /* "vmbchannel" or "vmbchannel-broken-<variant>" */
    const char *version;
    uint32_t capabilities; /* VMBCHANNEL_CAP_* */
    const char *broken;    /* NULL, or the invariant a broken variant breaks on purpose */
};
const struct vmbchannel_declaration *vmbchannel_declare(void);

/* Why a call was refused. Static strings. */
struct vmbchannel_error {
    const char *rule;
    const char *message;
};

/*
 * The world around the channel. Every function gets `ctx`. The environment decides when queued work
 * runs and at which level, and calls vmbchannel_run_work then; level() is the level of the call the
 * channel is performing now.
 */
/* Guest-memory answers of env.guest_pages: bit 0 the page exists, bit 1 it is resident. */
#define VMBCHANNEL_PAGE_EXISTS 1u
#define VMBCHANNEL_PAGE_RESIDENT 2u

/* One piece of a view read: `count` bytes at `offset` in guest page `page` (offset + count <= 4096). */
struct vmbchannel_piece {
    uint64_t page;
    uint32_t offset;
    uint32_t count;
};

struct vmbchannel_env {
    void *ctx;
    int (*level)(void *ctx);
    void (*process_packet)(void *ctx, uint32_t registration, uint64_t channel, uint64_t context, uint64_t token, uint32_t flags,
                           const uint8_t *buffer, uint32_t buffer_length);
    void (*processing_complete)(void *ctx, uint32_t registration, uint64_t channel, uint64_t context, uint32_t count);
    int32_t (*state)(void *ctx, enum vmbchannel_state callback, uint64_t channel); /* Opened's status */
    void (*queue_work)(void *ctx, int level, uint32_t work);
    void (*signal_peer)(void *ctx);
    void (*task_done)(void *ctx, uint32_t task);
    void (*intake_stopped)(void *ctx, int malformed, const char *rule, const char *detail);
    void (*non_data_consumed)(void *ctx, uint16_t type, uint64_t transaction_id);
    /* Guest memory: 0 ok, non-zero when the page does not exist or is not resident. */
    int (*guest_page)(void *ctx, uint64_t page, int *exists, int *resident);
    void (*when_resident)(void *ctx, uint64_t page, uint32_t cookie);
    int (*guest_read)(void *ctx, uint64_t page, uint32_t offset, uint32_t count, uint8_t *to);
    int (*guest_write)(void *ctx, uint64_t page, uint32_t offset, uint32_t count, const uint8_t *from);
    /*
     * Optional, for a world that answers many at once (NULL: page by page with the calls above): every
     * page's VMBCHANNEL_PAGE_* bits in one question, and every piece's bytes in order in one read —
     * non-zero, as guest_read, at the first piece that cannot be reached.
     */
    int (*guest_pages)(void *ctx, uint32_t count, const uint64_t *pages, uint8_t *states);
    int (*guest_read_pieces)(void *ctx, uint32_t count, const struct vmbchannel_piece *pieces, uint8_t *to);
};

/* The two rings, each its 4096-byte control page followed by its data area. */
struct vmbchannel_rings {
    void *incoming;
    uint32_t incoming_data_size;
    void *outgoing;
    uint32_t outgoing_data_size;
};

/* One range of an external-data view, as the sender named it (R-EXT-16). */
struct vmbchannel_range {
    uint32_t byte_offset, byte_count, page_count;
    const uint64_t *pages;
};

struct vmbchannel_view {
    uint32_t id;
    int read_only;
    uint64_t length; /* the total of the ranges' byte counts */
    uint32_t range_count;
    const struct vmbchannel_range *ranges; /* valid until the packet is answered */
};

struct vmbchannel;

/*
 * VmbChannelAllocate: a new channel, Disabled (R-LIFE-1), over the rings. `channel` is passed back in
 * every callback (R-PP-3). Returns NULL when memory or the outgoing ring's indices are bad (err says).
 */
struct vmbchannel *vmbchannel_create(const struct vmbchannel_env *env, const struct vmbchannel_rings *rings,
                                     uint64_t channel, enum vmbchannel_profile profile,
                                     struct vmbchannel_error *err);
/* Drops the channel and everything it holds, calling nothing. */
void vmbchannel_destroy(struct vmbchannel *c);

/* Init calls (Disabled only, R-LIFE-1, R-LIFE-2); each returns an NTSTATUS. */
int vmbchannel_init_allowed(const struct vmbchannel *c); /* 1 while Disabled */
/*
 * VmbChannelInitSetProcessPacketCallbacks(Ex): `registration` names it, `context` is the Ex context (0 for
 * legacy), both passed back in every callback (R-CTX-1); a later valid registration replaces it (R-CTX-2).
 */
int32_t vmbchannel_set_callbacks(struct vmbchannel *c, int process_packet, int processing_complete, uint32_t registration,
                                 uint64_t context);
int32_t vmbchannel_set_state_callbacks(struct vmbchannel *c, unsigned present);

int32_t vmbchannel_enable(struct vmbchannel *c);
void vmbchannel_pause(struct vmbchannel *c, uint32_t task);
void vmbchannel_start(struct vmbchannel *c);
void vmbchannel_disable(struct vmbchannel *c, uint32_t task);
void vmbchannel_signal(struct vmbchannel *c);      /* the opposite endpoint's doorbell: a hint (R-SIG-10) */
void vmbchannel_peer_closed(struct vmbchannel *c);
void vmbchannel_run_work(struct vmbchannel *c, uint32_t work);
void vmbchannel_resident(struct vmbchannel *c, uint32_t cookie);

/* The client's answers on a presented packet (`token` from process_packet). 0, -EPERM or -EIO. */
int vmbchannel_complete(struct vmbchannel *c, uint64_t token, const uint8_t *reply, uint32_t length,
                        struct vmbchannel_error *err);
int vmbchannel_fail(struct vmbchannel *c, uint64_t token, struct vmbchannel_error *err);

/* GetExternalData: returns the NTSTATUS; *has_view says whether `view` was filled in. */
int32_t vmbchannel_get_external(struct vmbchannel *c, uint64_t token, uint32_t flags, int *has_view,
                                struct vmbchannel_view *view);
int vmbchannel_view_read(struct vmbchannel *c, uint32_t view, uint64_t offset, uint32_t count, uint8_t *to,
                         struct vmbchannel_error *err);
int vmbchannel_view_write(struct vmbchannel *c, uint32_t view, uint64_t offset, uint32_t count,
                          const uint8_t *from, struct vmbchannel_error *err);

#ifdef __cplusplus
}
#endif

#endif /* VMBCHANNEL_H */
