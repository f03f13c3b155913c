/* Up-calls at the channel level (spec/testee-protocol.md §14): encode, send, wait serving down-calls. */
#include "channel_session.h"

#include <stdlib.h>
#include <string.h>

enum {
    U_PROCESS_PACKET = 0x40, U_PROCESSING_COMPLETE, U_STATE, U_QUEUE_WORK, U_SIGNAL_PEER, U_TASK_DONE, U_MISUSE,
    U_INTAKE_STOPPED, U_NON_DATA_CONSUMED, U_GUEST_PAGE, U_WHEN_RESIDENT, U_GUEST_READ, U_GUEST_WRITE,
    U_GUEST_PAGES, U_GUEST_READ_SEGMENTS
};

/* How much one batched up-call asks for: far inside any frame limit either side has (§14.7). */
enum { PAGES_PER_ASK = 65536, SEGMENTS_PER_ASK = 65536, BYTES_PER_ASK = 1 << 20 };

enum { RESULT_OK = 0, RESULT_FAILED = 2 };

/* An up-call being built: its frame, then its reply. */
struct up {
    struct vt_buffer call, reply;
    uint16_t kind;
    uint32_t id;
};

static void begin(struct vmbt_session *s, struct up *u, uint16_t kind)
{
    memset(u, 0, sizeof *u);
    u->kind = kind;
    u->id = s->next_upcall++;
    vt_begin(&u->call, kind, u->id);
}

/*
 * Sends the call and waits. Returns 0 ok with `expect` reply bytes, 1 `failed` (allowed for guest
 * memory only), -1 lost. The reply stays in u->reply until finish().
 */
static int send_and_wait(struct vmbt_session *s, struct up *u, uint32_t expect, int may_fail)
{
    uint8_t result = 0;
    if (vc_upcall(s, &u->call, u->kind, u->id, &u->reply, &result) != 0) return -1;
    if (result == RESULT_FAILED && may_fail) return 1;
    if (result != RESULT_OK) return vc_lose(s, "an up-call's reply has a result the protocol does not allow", u->kind);
    if (u->reply.length != expect) return vc_lose(s, "an up-call's reply has the wrong length", u->kind);
    return 0;
}

static int finish(struct up *u, int rc)
{
    free(u->call.bytes);
    free(u->reply.bytes);
    return rc;
}

static int simple(struct vmbt_session *s, struct up *u) { return finish(u, send_and_wait(s, u, 0, 0)); }

/* A notification (§14): no reply to wait for from version 3 on, an up-call like the others before. */
static int notify(struct vmbt_session *s, struct up *u)
{
    if (s->version < 3) return simple(s, u);
    return finish(u, vc_notify(s, &u->call, u->kind));
}

static int32_t le32(const uint8_t *p) { return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24); }

/* The fields both client callbacks start with (§14.1). */
static void callback(struct vmbt_session *s, struct up *u, uint16_t kind, uint32_t registration, uint64_t channel,
                     uint64_t context)
{
    begin(s, u, kind);
    vt_u32(&u->call, registration);
    vt_zero(&u->call, 4);
    vt_u64(&u->call, channel);
    vt_u64(&u->call, context);
}

int vmbt_process_packet(struct vmbt_session *s, uint32_t registration, uint64_t channel, uint64_t context,
                        uint64_t token, uint32_t flags, uint32_t buffer_length, const uint8_t *bytes,
                        uint32_t byte_count)
{
    struct up u;
    callback(s, &u, U_PROCESS_PACKET, registration, channel, context);
    vt_u64(&u.call, token);
    vt_u32(&u.call, flags);
    vt_u32(&u.call, buffer_length);
    vt_u32(&u.call, byte_count);
    vt_bytes(&u.call, bytes, byte_count);
    return simple(s, &u);
}

int vmbt_processing_complete(struct vmbt_session *s, uint32_t registration, uint64_t channel, uint64_t context,
                             uint32_t packets_processed)
{
    struct up u;
    callback(s, &u, U_PROCESSING_COMPLETE, registration, channel, context);
    vt_u32(&u.call, packets_processed);
    vt_zero(&u.call, 4);
    return simple(s, &u);
}

int vmbt_state(struct vmbt_session *s, enum vmbt_state callback, uint64_t channel, int32_t *status)
{
    struct up u;
    begin(s, &u, U_STATE);
    vt_u8(&u.call, (uint8_t)callback);
    vt_zero(&u.call, 7);
    vt_u64(&u.call, channel);
    int rc = send_and_wait(s, &u, 4, 0);
    if (rc == 0 && status) *status = le32(u.reply.bytes);
    return finish(&u, rc);
}

int vmbt_queue_work(struct vmbt_session *s, enum vmbt_irql level, uint32_t work)
{
    struct up u;
    begin(s, &u, U_QUEUE_WORK);
    vt_u8(&u.call, (uint8_t)level);
    vt_zero(&u.call, 3);
    vt_u32(&u.call, work);
    return notify(s, &u);
}

int vmbt_signal_peer(struct vmbt_session *s)
{
    struct up u;
    begin(s, &u, U_SIGNAL_PEER);
    return simple(s, &u);
}

int vmbt_task_done(struct vmbt_session *s, uint32_t task, int faulted, const char *rule)
{
    struct up u;
    begin(s, &u, U_TASK_DONE);
    vt_u32(&u.call, task);
    vt_u8(&u.call, faulted ? 1 : 0);
    vt_zero(&u.call, 3);
    vt_str(&u.call, rule);
    return simple(s, &u);
}

int vmbt_misuse(struct vmbt_session *s, const char *rule, const char *detail)
{
    struct up u;
    begin(s, &u, U_MISUSE);
    vt_str(&u.call, rule);
    vt_str(&u.call, detail);
    return notify(s, &u);
}

int vmbt_intake_stopped(struct vmbt_session *s, enum vmbt_stop_reason reason, const char *rule, const char *detail)
{
    struct up u;
    begin(s, &u, U_INTAKE_STOPPED);
    vt_u8(&u.call, (uint8_t)reason);
    vt_zero(&u.call, 3);
    vt_str(&u.call, rule);
    vt_str(&u.call, detail);
    return notify(s, &u);
}

int vmbt_non_data_consumed(struct vmbt_session *s, uint16_t packet_type, uint64_t transaction_id)
{
    struct up u;
    begin(s, &u, U_NON_DATA_CONSUMED);
    vt_u16(&u.call, packet_type);
    vt_zero(&u.call, 6);
    vt_u64(&u.call, transaction_id);
    return notify(s, &u);
}

int vmbt_guest_page(struct vmbt_session *s, uint64_t page, int *exists, int *resident)
{
    struct up u;
    begin(s, &u, U_GUEST_PAGE);
    vt_u64(&u.call, page);
    int rc = send_and_wait(s, &u, 4, 1);
    if (rc == 0) *exists = u.reply.bytes[0] != 0, *resident = u.reply.bytes[1] != 0;
    return finish(&u, rc);
}

int vmbt_when_resident(struct vmbt_session *s, uint64_t page, uint32_t cookie)
{
    struct up u;
    begin(s, &u, U_WHEN_RESIDENT);
    vt_u64(&u.call, page);
    vt_u32(&u.call, cookie);
    return simple(s, &u);
}

int vmbt_guest_read(struct vmbt_session *s, uint64_t page, uint32_t offset, uint32_t count, uint8_t *to)
{
    struct up u;
    begin(s, &u, U_GUEST_READ);
    vt_u64(&u.call, page);
    vt_u32(&u.call, offset);
    vt_u32(&u.call, count);
    int rc = send_and_wait(s, &u, count, 1);
    if (rc == 0 && count) memcpy(to, u.reply.bytes, count);
    return finish(&u, rc);
}

int vmbt_guest_write(struct vmbt_session *s, uint64_t page, uint32_t offset, uint32_t count, const uint8_t *from)
{
    struct up u;
    begin(s, &u, U_GUEST_WRITE);
    vt_u64(&u.call, page);
    vt_u32(&u.call, offset);
    vt_u32(&u.call, count);
    vt_bytes(&u.call, from, count);
    return finish(&u, send_and_wait(s, &u, 0, 1));
}

int vmbt_guest_pages(struct vmbt_session *s, uint32_t count, const uint64_t *pages, uint8_t *states)
{
    if (s->version < 3) {
        for (uint32_t i = 0; i < count; i++) {
            int exists = 0, resident = 0;
            int rc = vmbt_guest_page(s, pages[i], &exists, &resident);
            if (rc != 0) return rc;
            states[i] = (uint8_t)((exists ? VMBT_PAGE_EXISTS : 0u) | (resident ? VMBT_PAGE_RESIDENT : 0u));
        }
        return 0;
    }
    for (uint32_t from = 0; from < count;) {
        uint32_t n = count - from < PAGES_PER_ASK ? count - from : PAGES_PER_ASK;
        struct up u;
        begin(s, &u, U_GUEST_PAGES);
        vt_u32(&u.call, n);
        vt_zero(&u.call, 4);
        for (uint32_t i = 0; i < n; i++) vt_u64(&u.call, pages[from + i]);
        int rc = send_and_wait(s, &u, n, 0);
        if (rc == 0) {
            for (uint32_t i = 0; i < n && rc == 0; i++)
                if ((u.reply.bytes[i] & ~(VMBT_PAGE_EXISTS | VMBT_PAGE_RESIDENT)) != 0 || u.reply.bytes[i] == VMBT_PAGE_RESIDENT)
                    rc = vc_lose(s, "a GUEST_PAGES state is not 0, 1 or 3", U_GUEST_PAGES);
            if (rc == 0 && n) memcpy(states + from, u.reply.bytes, n);
        }
        finish(&u, 0);
        if (rc != 0) return rc;
        from += n;
    }
    return 0;
}

int vmbt_guest_read_segments(struct vmbt_session *s, uint32_t count, const struct vmbt_segment *segments, uint8_t *to)
{
    if (s->version < 3) {
        for (uint32_t i = 0; i < count; i++) {
            int rc = vmbt_guest_read(s, segments[i].page, segments[i].offset, segments[i].count, to);
            if (rc != 0) return rc;
            to += segments[i].count;
        }
        return 0;
    }
    for (uint32_t from = 0; from < count;) {
        /* At least one segment per up-call; more while the reply stays small. */
        uint32_t n = 0;
        uint64_t bytes = 0;
        do bytes += segments[from + n++].count;
        while (from + n < count && n < SEGMENTS_PER_ASK && bytes + segments[from + n].count <= BYTES_PER_ASK);
        struct up u;
        begin(s, &u, U_GUEST_READ_SEGMENTS);
        vt_u32(&u.call, n);
        vt_zero(&u.call, 4);
        for (uint32_t i = 0; i < n; i++) {
            vt_u64(&u.call, segments[from + i].page);
            vt_u32(&u.call, segments[from + i].offset);
            vt_u32(&u.call, segments[from + i].count);
        }
        int rc = send_and_wait(s, &u, (uint32_t)bytes, 1);
        if (rc == 0 && bytes) memcpy(to, u.reply.bytes, (size_t)bytes);
        finish(&u, 0);
        if (rc != 0) return rc;
        to += bytes;
        from += n;
    }
    return 0;
}
