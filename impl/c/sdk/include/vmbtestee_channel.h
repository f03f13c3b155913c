/*
 * vmbtestee, channel half: serves a channel implementation to the conformance harness at the channel
 * level of testee protocol v2 (spec/testee-protocol.md Part II, §11–§16). The ring half (vmbtestee.h)
 * is untouched; both share the frame code.
 *
 * The harness calls into the channel (down-calls, §13); while a down-call runs, the channel calls the
 * harness (up-calls, §14: client callbacks, work to queue, the peer's doorbell, guest memory), and the
 * harness may call back into the channel before it answers. The SDK does that nesting once: an up-call
 * helper sends its frame and serves every down-call that arrives before its reply.
 *
 * Everything goes through a session pointer: the table functions receive it, the up-call helpers take
 * it, and vmbt_current_irql() reads the level of the down-call being performed from it. No global state.
 */
#ifndef VMBTESTEE_CHANNEL_H
#define VMBTESTEE_CHANNEL_H

#include <stdint.h>

#include "vmbtestee.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Results of a down-call at the channel level (§13.1): VMBTESTEE_OK, VMBTESTEE_FAILED, or this one. */
#define VMBTESTEE_VIOLATION ((enum vmbtestee_result)4) /* client misuse; the error's rule is required */

/* Levels of the call header (§13.1). */
enum vmbt_irql { VMBT_PASSIVE = 0, VMBT_APC = 1, VMBT_DISPATCH = 2, VMBT_DEVICE = 3 };

/* Channel capability bits (§12, ChannelCapabilities). */
#define VMBT_CAP_TRANSFER_PAGES_ARE_EXTERNAL (1u << 0)
#define VMBT_CAP_EX_CALLBACKS (1u << 1)
#define VMBT_CAP_CLIENT_CONTEXT (1u << 2)
#define VMBT_CAP_PASSIVE_PROCESSING (1u << 3)
#define VMBT_CAP_TRANSACTION_QUOTA (1u << 4)
#define VMBT_CAP_PAUSE_START (1u << 5)
#define VMBT_CAP_EXTERNAL_DATA (1u << 6)
#define VMBT_CAP_DEFER_TO_PASSIVE (1u << 7)
#define VMBT_CAP_MISUSE_DETECTION (1u << 8)
#define VMBT_CAP_QUOTA_COUNTS_REPRESENTATIONS (1u << 9)
#define VMBT_CAP_CANCEL_PACKETS (1u << 10)
#define VMBT_CAP_ALL 0x7FFu

enum vmbt_profile { VMBT_PROFILE_RAW = 0, VMBT_PROFILE_PIPE = 1 };

/* STATE up-call callbacks (§14.2) and SET_STATE_CALLBACKS bits (1 << callback). */
enum vmbt_state { VMBT_OPENED = 0, VMBT_STARTED = 1, VMBT_POST_STARTED = 2, VMBT_SUSPEND = 3, VMBT_CLOSED = 4 };

/* INTAKE_STOPPED reasons (§14.5). */
enum vmbt_stop_reason { VMBT_STOP_PACKET_FAILED = 0, VMBT_STOP_MALFORMED = 1 };

struct vmbt_session; /* opaque: one per testee process */

/* The handshake declaration (§12). */
struct vmbt_channel_declaration {
    const char *name;      /* not empty */
    const char *version;
    uint32_t capabilities; /* VMBT_CAP_* */
    enum vmbt_profile profile;
};

/* The scenario's shared file after MAP_CHANNEL (§13.2): each ring is its control page then data area. */
struct vmbt_channel_memory {
    uint8_t *incoming;          /* the opposite endpoint writes, the channel reads */
    uint32_t incoming_data_size; /* data area bytes (ring size minus the 4096-byte control page) */
    uint8_t *outgoing;          /* the channel writes completions */
    uint32_t outgoing_data_size;
    uint8_t *context;           /* the client-context area (§13.5) */
    uint32_t context_size;
};

/* One range of an external-data view (§13.4), as the sender named it (R-EXT-16). */
struct vmbt_view_range {
    uint32_t byte_offset;
    uint32_t byte_count;
    uint32_t page_count;
    const uint64_t *pages;
};

/* A GET_EXTERNAL answer: status, and a view when has_view is 1. Storage stays the channel's. */
struct vmbt_external {
    int32_t status;
    int has_view;
    uint32_t view;
    int read_only;
    uint64_t length;
    uint32_t range_count;
    const struct vmbt_view_range *ranges;
};

/*
 * The channel's entry points, one per down-call. Each gets the wrapper's `self` and the session and
 * returns VMBTESTEE_OK, VMBTESTEE_FAILED (a crash, R-LIFE-22) or VMBTESTEE_VIOLATION (client misuse;
 * err->rule names the rule). Any entry may be NULL: the call is then answered `failed`, which a
 * wrapper only risks for calls of capabilities it does not declare (the harness never sends those).
 * `status` outputs are NTSTATUS values (0 success).
 */
struct vmbt_channel_ops {
    void (*declare)(void *self, struct vmbt_channel_declaration *out);
    enum vmbtestee_result (*allocate)(void *self, struct vmbt_session *s, const struct vmbt_channel_memory *memory,
                                      uint64_t channel, struct vmbtestee_error *err);
    enum vmbtestee_result (*set_callbacks)(void *self, struct vmbt_session *s, int ex, unsigned present,
                                           uint32_t registration, uint64_t context, int32_t *status,
                                           struct vmbtestee_error *err);
    enum vmbtestee_result (*set_context_size)(void *self, struct vmbt_session *s, uint32_t size, int32_t *status,
                                              struct vmbtestee_error *err);
    enum vmbtestee_result (*set_state_callbacks)(void *self, struct vmbt_session *s, unsigned present,
                                                 int32_t *status, struct vmbtestee_error *err);
    enum vmbtestee_result (*set_page_set)(void *self, struct vmbt_session *s, uint16_t id, uint32_t count,
                                          const uint64_t *pages, int32_t *status, struct vmbtestee_error *err);
    enum vmbtestee_result (*set_passive)(void *self, struct vmbt_session *s, int require, struct vmbtestee_error *err);
    enum vmbtestee_result (*set_quota)(void *self, struct vmbt_session *s, uint32_t quota, struct vmbtestee_error *err);
    enum vmbtestee_result (*enable)(void *self, struct vmbt_session *s, int32_t *status, struct vmbtestee_error *err);
    enum vmbtestee_result (*pause)(void *self, struct vmbt_session *s, uint32_t task, struct vmbtestee_error *err);
    enum vmbtestee_result (*start)(void *self, struct vmbt_session *s, struct vmbtestee_error *err);
    enum vmbtestee_result (*disable)(void *self, struct vmbt_session *s, uint32_t task, struct vmbtestee_error *err);
    enum vmbtestee_result (*signal)(void *self, struct vmbt_session *s, struct vmbtestee_error *err);
    enum vmbtestee_result (*peer_closed)(void *self, struct vmbt_session *s, struct vmbtestee_error *err);
    enum vmbtestee_result (*run_work)(void *self, struct vmbt_session *s, uint32_t work, struct vmbtestee_error *err);
    enum vmbtestee_result (*resident)(void *self, struct vmbt_session *s, uint32_t cookie, struct vmbtestee_error *err);
    enum vmbtestee_result (*complete)(void *self, struct vmbt_session *s, uint64_t token, const uint8_t *reply,
                                      uint32_t length, struct vmbtestee_error *err);
    enum vmbtestee_result (*fail)(void *self, struct vmbt_session *s, uint64_t token, struct vmbtestee_error *err);
    enum vmbtestee_result (*defer)(void *self, struct vmbt_session *s, uint64_t token, struct vmbtestee_error *err);
    enum vmbtestee_result (*get_external)(void *self, struct vmbt_session *s, uint64_t token, uint32_t flags,
                                          struct vmbt_external *out, struct vmbtestee_error *err);
    enum vmbtestee_result (*view_read)(void *self, struct vmbt_session *s, uint32_t view, uint64_t offset,
                                       uint32_t count, uint8_t *to, struct vmbtestee_error *err);
    enum vmbtestee_result (*view_write)(void *self, struct vmbt_session *s, uint32_t view, uint64_t offset,
                                        uint32_t count, const uint8_t *from, struct vmbtestee_error *err);
    enum vmbtestee_result (*get_context)(void *self, struct vmbt_session *s, uint64_t token, uint32_t *offset,
                                         uint32_t *length, struct vmbtestee_error *err);
    /* RELEASE (§13.2): drop everything without calling the harness. The SDK unmaps the file afterwards. */
    void (*release)(void *self, struct vmbt_session *s);
};

/* The level of the down-call being performed (§13.1); a nested down-call carries its own. */
enum vmbt_irql vmbt_current_irql(const struct vmbt_session *s);

/*
 * Up-calls (§14). Each returns 0 when the harness replied ok, 1 when it replied `failed` (guest-memory
 * calls only: the page does not exist or is not resident), and -1 when the session is lost (the harness
 * broke the protocol or closed the stream): the channel should unwind; the SDK then ends the process
 * with status 2 once the outermost call returns. Allowed only inside a down-call other than
 * MAP_CHANNEL and RELEASE. The notifications — vmbt_queue_work, vmbt_misuse, vmbt_intake_stopped,
 * vmbt_non_data_consumed — get no reply from a version-3 harness: they return 0 once the frame is sent.
 */
int vmbt_process_packet(struct vmbt_session *s, uint32_t registration, uint64_t channel, uint64_t context,
                        uint64_t token, uint32_t flags, uint32_t buffer_length, const uint8_t *bytes,
                        uint32_t byte_count);
int vmbt_processing_complete(struct vmbt_session *s, uint32_t registration, uint64_t channel, uint64_t context,
                             uint32_t packets_processed);
/* `status` receives Opened's answer (may be NULL). */
int vmbt_state(struct vmbt_session *s, enum vmbt_state callback, uint64_t channel, int32_t *status);
int vmbt_queue_work(struct vmbt_session *s, enum vmbt_irql level, uint32_t work);
int vmbt_signal_peer(struct vmbt_session *s);
int vmbt_task_done(struct vmbt_session *s, uint32_t task, int faulted, const char *rule);
int vmbt_misuse(struct vmbt_session *s, const char *rule, const char *detail);
int vmbt_intake_stopped(struct vmbt_session *s, enum vmbt_stop_reason reason, const char *rule, const char *detail);
int vmbt_non_data_consumed(struct vmbt_session *s, uint16_t packet_type, uint64_t transaction_id);
int vmbt_guest_page(struct vmbt_session *s, uint64_t page, int *exists, int *resident);
int vmbt_when_resident(struct vmbt_session *s, uint64_t page, uint32_t cookie);
int vmbt_guest_read(struct vmbt_session *s, uint64_t page, uint32_t offset, uint32_t count, uint8_t *to);
int vmbt_guest_write(struct vmbt_session *s, uint64_t page, uint32_t offset, uint32_t count, const uint8_t *from);

/* GUEST_PAGES states (§14.7): bit 0 the page exists, bit 1 it is resident. */
#define VMBT_PAGE_EXISTS 1u
#define VMBT_PAGE_RESIDENT 2u

/* One piece of a scattered read: `count` bytes at `offset` in `page` (offset + count <= 4096). */
struct vmbt_segment {
    uint64_t page;
    uint32_t offset;
    uint32_t count;
};

/*
 * The batched guest-memory up-calls (§14.7): the answers of vmbt_guest_page for every page, and the
 * bytes of vmbt_guest_read for every segment in order into `to` (1 at the first segment the harness
 * refuses, as vmbt_guest_read). One up-call each with a harness speaking version 3, split when long;
 * page by page with one speaking version 2. `states` receives VMBT_PAGE_* bits per page.
 */
int vmbt_guest_pages(struct vmbt_session *s, uint32_t count, const uint64_t *pages, uint8_t *states);
int vmbt_guest_read_segments(struct vmbt_session *s, uint32_t count, const struct vmbt_segment *segments, uint8_t *to);

/*
 * Serves the harness on descriptors 3 (requests) and 4 (answers) until SHUTDOWN or the end of the
 * request stream. Returns the process exit status: 0, or 2 when the harness broke the protocol.
 */
int vmbt_channel_run(const struct vmbt_channel_ops *ops, void *self);

/* The same on any pair of descriptors (the unit tests drive it over a socket pair). */
int vmbt_channel_run_on(const struct vmbt_channel_ops *ops, void *self, int request_fd, int answer_fd);

#ifdef __cplusplus
}
#endif

#endif /* VMBTESTEE_CHANNEL_H */
