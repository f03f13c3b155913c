/* Unit tests of vmbchannel's core logic, in process, against the fake world of channel_env.h. */
#include "check.h"
#include "channel_env.h"

#include <errno.h>

#define LEVEL_DEVICE 3

static void send_gpa(struct fake *f, uint64_t id, uint32_t offset, uint32_t count, uint64_t first);

/* A started channel whose client asked for the external data of a GPA packet over a non-resident page. */
static void pending_gpa(struct fake *f)
{
    fake_open(f, 4096, 4096, VMBCHANNEL_RAW);
    fake_start(f);
    f->policy = CLIENT_GET_EXTERNAL;
    f->missing_page = 0x1235;
    send_gpa(f, 7, 0x200, 0x1800, 0x1234);
    fake_run_work(f);
}

static void put32(uint8_t *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (uint8_t)(v >> (8 * i)); }

/* Reads the next reply off the outgoing ring: 1 with it, 0 when there is none. */
static int next_reply(struct fake *f, struct vmbring_packet *d, uint8_t *bytes, uint32_t size)
{
    return vmbring_read(&f->peer_reader, bytes, size, d, NULL, NULL) == 0;
}

static void bring_up_delivers_opened_started_then_post_started(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    fake_start(&f);
    CHECK_EQ(fake_count(&f, EV_STATE), 3);
    CHECK_EQ(fake_nth(&f, EV_STATE, 0)->value, VMBCHANNEL_OPENED);
    CHECK_EQ(fake_nth(&f, EV_STATE, 1)->value, VMBCHANNEL_STARTED);
    CHECK_EQ(fake_nth(&f, EV_STATE, 2)->value, VMBCHANNEL_POST_STARTED);
    for (int i = 0; i < 3; i++) CHECK_EQ(fake_nth(&f, EV_STATE, i)->level, VMBCHANNEL_PASSIVE); /* R-LIFE-19 */
    /* Init calls after Enable are refused (R-LIFE-2). */
    CHECK_EQ(vmbchannel_set_callbacks(f.c, 1, 0, 9, 0), VMBCHANNEL_STATUS_INVALID_PARAMETER_1);
    CHECK_EQ(vmbchannel_set_state_callbacks(f.c, 0), VMBCHANNEL_STATUS_INVALID_PARAMETER_1);
    CHECK_EQ(vmbchannel_init_allowed(f.c), 0);
    fake_close(&f);
}

static void failed_opened_leaves_no_traffic(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    f.opened_status = VMBCHANNEL_STATUS_INVALID_PARAMETER_1;
    fake_start(&f);
    fake_send(&f, VMBRING_TYPE_INBAND, 0, 1, "a", 1, VMBCHANNEL_DISPATCH);
    fake_run_work(&f);
    CHECK_EQ(fake_count(&f, EV_STATE), 1);               /* Opened only: no Started (R-LIFE-5) */
    CHECK_EQ(fake_count(&f, EV_PRESENT), 0);
    vmbchannel_disable(f.c, 2);
    CHECK_EQ(fake_count(&f, EV_TASK), 1);
    CHECK_EQ(fake_count(&f, EV_STATE), 1);               /* nothing to suspend or close */
    fake_close(&f);
}

static void corrupt_incoming_ring_stops_intake(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    vmbchannel_destroy(f.c);
    ctl_set(&f.in, VMBRING_OFF_READ_INDEX, 4097);        /* not a multiple of 8 (R-MAL-1) */
    const struct vmbchannel_env env = fake_env(&f);
    const struct vmbchannel_rings rings = { f.in.base, 4096, f.out.base, 4096 };
    struct vmbchannel_error err;
    f.c = vmbchannel_create(&env, &rings, 0x77, VMBCHANNEL_RAW, &err);
    CHECK(f.c != NULL);                                  /* allocation succeeds; intake finds out */
    if (!f.c) return;
    fake_start(&f);
    fake_run_work(&f);
    CHECK_EQ(fake_count(&f, EV_STOPPED), 1);
    if (fake_nth(&f, EV_STOPPED, 0)) CHECK_STR(fake_nth(&f, EV_STOPPED, 0)->rule, "R-MAL-1");
    fake_close(&f);
}

static void null_process_packet_callback_is_refused(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    CHECK_EQ(vmbchannel_init_allowed(f.c), 1);
    CHECK_EQ(vmbchannel_set_callbacks(f.c, 0, 1, 3, 0), VMBCHANNEL_STATUS_INVALID_PARAMETER_2); /* R-LIFE-3 */
    CHECK_EQ(vmbchannel_set_callbacks(f.c, 1, 0, 4, 0), VMBCHANNEL_STATUS_SUCCESS);
    fake_close(&f);
}

static void latest_registration_and_its_context_are_passed_back(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    CHECK_EQ(vmbchannel_set_callbacks(f.c, 1, 1, 3, 0), VMBCHANNEL_STATUS_SUCCESS);
    CHECK_EQ(vmbchannel_set_callbacks(f.c, 1, 1, 4, 0x99), VMBCHANNEL_STATUS_SUCCESS); /* replaces (R-CTX-2) */
    vmbchannel_enable(f.c);
    fake_send(&f, VMBRING_TYPE_INBAND, 0, 1, "a", 1, VMBCHANNEL_DISPATCH);
    fake_run_work(&f);
    const struct event *e = fake_nth(&f, EV_PRESENT, 0), *pc = fake_nth(&f, EV_PROCESSING_COMPLETE, 0);
    CHECK(e && pc);
    if (e && pc) {
        CHECK_EQ(e->registration, 4);
        CHECK_EQ(e->context, 0x99);                      /* R-CTX-1 */
        CHECK_EQ(pc->registration, 4);
        CHECK_EQ(pc->context, 0x99);
    }
    fake_close(&f);
}

static void pending_packet_waits_through_a_pause(void)
{
    struct fake f;
    pending_gpa(&f);
    f.n = 0;
    vmbchannel_pause(f.c, 6);                            /* the PENDING packet is the channel's, not the client's */
    CHECK_EQ(fake_count(&f, EV_STATE), 1);
    CHECK_EQ(fake_count(&f, EV_TASK), 1);                /* R-PAUSE-3 */
    f.missing_page = 0;
    vmbchannel_resident(f.c, 1);
    fake_run_work(&f);
    CHECK_EQ(fake_count(&f, EV_PRESENT), 0);             /* not while suspended (R-LIFE-11) */
    vmbchannel_start(f.c);
    fake_run_work(&f);
    CHECK_EQ(fake_count(&f, EV_PRESENT), 1);             /* back after Start (R-EXT-9) */
    CHECK_EQ(f.external_status, VMBCHANNEL_STATUS_SUCCESS);
    fake_close(&f);
}

static void doorbell_only_queues_dispatch_work(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    fake_start(&f);
    fake_run_work(&f);
    f.n = 0;
    fake_send(&f, VMBRING_TYPE_INBAND, 0, 1, "hello", 5, LEVEL_DEVICE);
    CHECK_EQ(fake_count(&f, EV_PRESENT), 0); /* nothing inside the doorbell (R-PP-11) */
    CHECK_EQ(f.work_n, 1);
    CHECK_EQ(f.work[0].level, VMBCHANNEL_DISPATCH);
    fake_run_work(&f);
    CHECK_EQ(fake_count(&f, EV_PRESENT), 1);
    CHECK_EQ(fake_nth(&f, EV_PRESENT, 0)->level, VMBCHANNEL_DISPATCH);
    CHECK_EQ(fake_count(&f, EV_PROCESSING_COMPLETE), 1);
    CHECK_EQ(fake_nth(&f, EV_PROCESSING_COMPLETE, 0)->value, 1);
    fake_close(&f);
}

static void raw_buffer_is_the_padded_payload(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    fake_start(&f);
    fake_send(&f, VMBRING_TYPE_INBAND, 1, 0x2A, "hello", 5, VMBCHANNEL_DISPATCH);
    fake_run_work(&f);
    const struct event *e = fake_nth(&f, EV_PRESENT, 0);
    CHECK(e != NULL);
    if (!e) return;
    CHECK_EQ(e->length, 8);                      /* (len8 - offset8) * 8 (R-PP-7) */
    CHECK_MEM(e->bytes, "hello\0\0\0", 8);       /* no descriptor byte (R-PP-5) */
    CHECK_EQ(e->value, 0);                       /* in-band: no EXTERNAL_DATA (R-EXT-2) */
    fake_close(&f);
}

static void pipe_buffer_is_the_data_after_the_header(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_PIPE);
    fake_start(&f);
    uint8_t payload[13] = {0};
    put32(payload, 1);
    put32(payload + 4, 5);
    memcpy(payload + 8, "hello", 5);
    fake_send(&f, VMBRING_TYPE_INBAND, 1, 0x2B, payload, 13, VMBCHANNEL_DISPATCH);
    fake_run_work(&f);
    const struct event *e = fake_nth(&f, EV_PRESENT, 0);
    CHECK(e != NULL);
    if (e) {
        CHECK_EQ(e->length, 5); /* R-PP-24 */
        CHECK_MEM(e->bytes, "hello", 5);
    }
    /* A data size past the payload is malformed: never presented, intake stops. */
    put32(payload + 4, 64);
    fake_send(&f, VMBRING_TYPE_INBAND, 0, 0x2C, payload, 13, VMBCHANNEL_DISPATCH);
    fake_run_work(&f);
    CHECK_EQ(fake_count(&f, EV_PRESENT), 1);
    CHECK_EQ(fake_count(&f, EV_STOPPED), 1);
    if (fake_nth(&f, EV_STOPPED, 0)) CHECK_STR(fake_nth(&f, EV_STOPPED, 0)->rule, "R-PP-24");
    fake_close(&f);
}

static void complete_replies_only_when_asked(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    fake_start(&f);
    f.policy = CLIENT_COMPLETE;
    fake_send(&f, VMBRING_TYPE_INBAND, 1, 0x2A, "hello", 5, VMBCHANNEL_DISPATCH);
    fake_send(&f, VMBRING_TYPE_INBAND, 0, 0x2B, "world", 5, VMBCHANNEL_DISPATCH);
    fake_run_work(&f);
    CHECK_EQ(fake_count(&f, EV_PRESENT), 2);
    struct vmbring_packet d;
    uint8_t bytes[64];
    CHECK(next_reply(&f, &d, bytes, sizeof bytes));
    CHECK_EQ(d.type, VMBRING_TYPE_COMPLETION);    /* R-CMPL-6, R-CMP-1 */
    CHECK_EQ(d.transaction_id, 0x2A);
    CHECK_EQ(d.offset8, 2);
    CHECK_EQ(d.flags, 0);
    CHECK_MEM(bytes + 16, "ok", 2);               /* the client's bytes, untouched (R-CMPL-5) */
    CHECK(!next_reply(&f, &d, bytes, sizeof bytes)); /* none for 0x2B (R-CMPL-4) */
    CHECK(fake_count(&f, EV_SIGNAL_PEER) >= 1);   /* the reply turned the outgoing ring non-empty (R-SIG-1) */
    /* A second Complete on the same token writes nothing (R-CMPL-1). */
    struct vmbchannel_error err;
    CHECK_EQ(vmbchannel_complete(f.c, fake_nth(&f, EV_PRESENT, 0)->token, (const uint8_t *)"x", 1, &err), 0);
    CHECK(!next_reply(&f, &d, bytes, sizeof bytes));
    fake_close(&f);
}

static void reply_waits_for_room_and_is_never_dropped(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    fake_start(&f);
    uint8_t big[3000];
    memset(big, 0xAB, sizeof big);
    fake_send(&f, VMBRING_TYPE_INBAND, 1, 1, "a", 1, VMBCHANNEL_DISPATCH);
    fake_send(&f, VMBRING_TYPE_INBAND, 1, 2, "b", 1, VMBCHANNEL_DISPATCH);
    fake_run_work(&f);
    struct vmbchannel_error err;
    CHECK_EQ(vmbchannel_complete(f.c, fake_nth(&f, EV_PRESENT, 0)->token, big, sizeof big, &err), 0);
    CHECK_EQ(vmbchannel_complete(f.c, fake_nth(&f, EV_PRESENT, 1)->token, big, sizeof big, &err), 0); /* no room */
    CHECK(ctl_get(&f.out, VMBRING_OFF_PENDING_SEND_SIZE) != 0); /* asks for room (R-SIG-4) */
    struct vmbring_packet d;
    static uint8_t bytes[4096];
    CHECK(next_reply(&f, &d, bytes, sizeof bytes));
    CHECK_EQ(d.transaction_id, 1);
    CHECK(!next_reply(&f, &d, bytes, sizeof bytes));
    vmbchannel_signal(f.c);                        /* the peer's room signal: the queued reply goes out (R-CMPL-8) */
    CHECK(next_reply(&f, &d, bytes, sizeof bytes));
    CHECK_EQ(d.transaction_id, 2);
    fake_close(&f);
}

static void completion_packets_are_consumed_not_presented(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    fake_start(&f);
    fake_send(&f, VMBRING_TYPE_COMPLETION, 0, 9, "r", 1, VMBCHANNEL_DISPATCH);
    fake_send(&f, VMBRING_TYPE_INBAND, 0, 10, "d", 1, VMBCHANNEL_DISPATCH);
    fake_run_work(&f);
    CHECK_EQ(fake_count(&f, EV_NON_DATA), 1);      /* R-PP-16 */
    CHECK_EQ(fake_nth(&f, EV_NON_DATA, 0)->value, VMBRING_TYPE_COMPLETION);
    CHECK_EQ(fake_count(&f, EV_PRESENT), 1);
    fake_close(&f);
}

static void malformed_packet_stops_intake(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    fake_start(&f);
    /* An in-band packet with an undefined flag bit (R-MAL-6), written by hand. */
    uint8_t p[32] = { 6, 0, 2, 0, 3, 0, 2, 0, 1 };
    data_put(&f.in, 0, p, sizeof p);
    ctl_set(&f.in, VMBRING_OFF_WRITE_INDEX, 32);
    vmbchannel_signal(f.c);
    fake_run_work(&f);
    CHECK_EQ(fake_count(&f, EV_PRESENT), 0);       /* R-PP-17 */
    CHECK_EQ(fake_count(&f, EV_STOPPED), 1);
    if (fake_nth(&f, EV_STOPPED, 0)) CHECK_STR(fake_nth(&f, EV_STOPPED, 0)->rule, "R-MAL-6");
    CHECK_EQ(ctl_get(&f.in, VMBRING_OFF_READ_INDEX), 0); /* not stepped over (R-MAL-9) */
    fake_close(&f);
}

static void fail_ends_intake(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    fake_start(&f);
    f.policy = CLIENT_FAIL;
    fake_send(&f, VMBRING_TYPE_INBAND, 1, 1, "a", 1, VMBCHANNEL_DISPATCH);
    fake_run_work(&f);
    f.policy = CLIENT_NOTHING;
    fake_send(&f, VMBRING_TYPE_INBAND, 1, 2, "b", 1, VMBCHANNEL_DISPATCH);
    fake_run_work(&f);
    CHECK_EQ(fake_count(&f, EV_PRESENT), 1);       /* R-FAIL-2 */
    CHECK_EQ(fake_count(&f, EV_STOPPED), 1);
    if (fake_nth(&f, EV_STOPPED, 0)) CHECK_STR(fake_nth(&f, EV_STOPPED, 0)->rule, "R-FAIL-2");
    struct vmbring_packet d;
    uint8_t bytes[64];
    CHECK(!next_reply(&f, &d, bytes, sizeof bytes)); /* Fail writes no reply */
    fake_close(&f);
}

/* Writes a GPA-direct packet: one range of `count` bytes at `offset` over pages `first`, `first` + 1, … */
static void send_gpa(struct fake *f, uint64_t id, uint32_t offset, uint32_t count, uint64_t first)
{
    uint32_t pages = (offset + count + 4095) / 4096;
    uint8_t header[8 + 8 + 8 * 4] = {0};
    put32(header + 4, 1);
    put32(header + 8, count);
    put32(header + 12, offset);
    for (uint32_t k = 0; k < pages; k++) put32(header + 16 + 8 * k, (uint32_t)(first + k));
    struct vmbring_send s = { VMBRING_TYPE_GPA_DIRECT, 1, id, header, 16 + 8 * pages, "READ0001", 8 };
    if (vmbring_write(&f->peer_writer, &s, NULL, NULL) != 0) abort();
    vmbchannel_signal(f->c);
}

static void external_data_needs_the_flag(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    fake_start(&f);
    fake_send(&f, VMBRING_TYPE_INBAND, 1, 1, "a", 1, VMBCHANNEL_DISPATCH);
    send_gpa(&f, 7, 0x200, 0x1800, 0x1234);
    fake_run_work(&f);
    const struct event *inband = fake_nth(&f, EV_PRESENT, 0), *gpa = fake_nth(&f, EV_PRESENT, 1);
    CHECK(inband && gpa);
    if (!inband || !gpa) return;
    CHECK_EQ(gpa->value, VMBCHANNEL_FLAG_EXTERNAL_DATA); /* R-EXT-2 */
    CHECK_EQ(gpa->length, 8);
    CHECK_MEM(gpa->bytes, "READ0001", 8);                /* no range bytes in Buffer (R-PP-5) */
    struct vmbchannel_view v;
    int has_view = 1;
    CHECK(vmbchannel_get_external(f.c, inband->token, 0, &has_view, &v) < 0); /* R-EXT-5 */
    CHECK_EQ(has_view, 0);
    CHECK_EQ(vmbchannel_get_external(f.c, gpa->token, 1, &has_view, &v), VMBCHANNEL_STATUS_SUCCESS);
    CHECK_EQ(has_view, 1);
    CHECK_EQ(v.length, 0x1800);                          /* R-EXT-16 */
    CHECK_EQ(v.range_count, 1);
    CHECK_EQ(v.ranges[0].byte_offset, 0x200);
    CHECK_EQ(v.ranges[0].page_count, 2);
    CHECK_EQ(v.ranges[0].pages[1], 0x1235);
    CHECK_EQ(v.read_only, 1);
    uint8_t b[4];
    struct vmbchannel_error err = {0};
    CHECK_EQ(vmbchannel_view_read(f.c, v.id, 0xDFE, 4, b, &err), 0); /* straddles the page boundary */
    CHECK_EQ(b[0], (uint8_t)(0x1234 + 0xFFE));
    CHECK_EQ(b[2], (uint8_t)(0x1235 + 0));
    CHECK_EQ(vmbchannel_view_write(f.c, v.id, 0, 1, b, &err), -EPERM); /* read-only honoured (R-EXT-6) */
    vmbchannel_complete(f.c, gpa->token, NULL, 0, &err);
    CHECK_EQ(vmbchannel_view_read(f.c, v.id, 0, 1, b, &err), -EPERM);  /* gone with its packet (R-EXT-14) */
    CHECK_STR(err.rule, "R-EXT-14");
    fake_close(&f);
}

static void pending_packet_comes_back_at_passive(void)
{
    struct fake f;
    pending_gpa(&f);
    CHECK_EQ(f.external_status, VMBCHANNEL_STATUS_PENDING);
    CHECK_EQ(fake_count(&f, EV_WHEN_RESIDENT), 1);
    CHECK_EQ(fake_count(&f, EV_PRESENT), 1);
    f.missing_page = 0;
    vmbchannel_resident(f.c, fake_nth(&f, EV_WHEN_RESIDENT, 0)->value);
    CHECK_EQ(fake_count(&f, EV_PRESENT), 1);             /* not inline: queued */
    fake_run_work(&f);
    const struct event *first = fake_nth(&f, EV_PRESENT, 0), *again = fake_nth(&f, EV_PRESENT, 1);
    CHECK(again != NULL);
    if (!again) return;
    CHECK_EQ(again->level, VMBCHANNEL_PASSIVE);
    CHECK_EQ(f.external_status, VMBCHANNEL_STATUS_SUCCESS); /* R-EXT-9 */
    CHECK_EQ(again->length, first->length);              /* R-EXT-10 */
    CHECK_EQ(again->value, first->value);
    CHECK_MEM(again->bytes, first->bytes, 8);
    CHECK(again->token != first->token);                 /* the old presentation's token is stale */
    struct vmbchannel_error err;
    struct vmbring_packet d;
    uint8_t bytes[64];
    vmbchannel_complete(f.c, first->token, NULL, 0, &err);
    CHECK(!next_reply(&f, &d, bytes, sizeof bytes));
    vmbchannel_complete(f.c, again->token, NULL, 0, &err);
    CHECK(next_reply(&f, &d, bytes, sizeof bytes));
    fake_close(&f);
}

static void pause_waits_for_answers_and_start_resumes(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    fake_start(&f);
    fake_send(&f, VMBRING_TYPE_INBAND, 1, 1, "a", 1, VMBCHANNEL_DISPATCH);
    fake_run_work(&f);
    f.n = 0;
    vmbchannel_pause(f.c, 41);
    CHECK_EQ(fake_count(&f, EV_STATE), 1);
    CHECK_EQ(fake_nth(&f, EV_STATE, 0)->value, VMBCHANNEL_SUSPEND);
    CHECK_EQ(fake_count(&f, EV_TASK), 0);                /* one packet outstanding (R-PAUSE-3) */
    fake_send(&f, VMBRING_TYPE_INBAND, 1, 2, "b", 1, VMBCHANNEL_DISPATCH);
    fake_run_work(&f);
    CHECK_EQ(fake_count(&f, EV_PRESENT), 0);             /* nothing after Suspend (R-LIFE-11) */
    struct vmbchannel_error err;
    f.level = VMBCHANNEL_DISPATCH;
    vmbchannel_complete(f.c, 1ull << 32, NULL, 0, &err); /* the first presentation's token */
    f.level = VMBCHANNEL_PASSIVE;
    fake_run_work(&f);
    CHECK_EQ(fake_count(&f, EV_TASK), 1);
    if (fake_nth(&f, EV_TASK, 0)) CHECK_EQ(fake_nth(&f, EV_TASK, 0)->value, 41);
    vmbchannel_start(f.c);
    fake_run_work(&f);
    CHECK_EQ(fake_nth(&f, EV_STATE, 1)->value, VMBCHANNEL_STARTED); /* R-PAUSE-7 */
    CHECK_EQ(fake_nth(&f, EV_STATE, 2)->value, VMBCHANNEL_POST_STARTED);
    CHECK_EQ(fake_count(&f, EV_PRESENT), 1);             /* written during the pause, delivered now (R-PAUSE-8) */
    fake_close(&f);
}

static void disable_suspends_then_closes(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    fake_start(&f);
    f.n = 0;
    vmbchannel_disable(f.c, 8);
    CHECK_EQ(fake_count(&f, EV_STATE), 2);
    CHECK_EQ(fake_nth(&f, EV_STATE, 0)->value, VMBCHANNEL_SUSPEND);
    CHECK_EQ(fake_nth(&f, EV_STATE, 1)->value, VMBCHANNEL_CLOSED);
    CHECK_EQ(fake_count(&f, EV_TASK), 1);                /* R-LIFE-16 */
    fake_close(&f);
}

static void pause_before_enable_comes_up_paused(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    vmbchannel_pause(f.c, 3);
    CHECK_EQ(fake_count(&f, EV_TASK), 1);                /* only noted (R-PAUSE-4) */
    fake_start(&f);
    CHECK_EQ(fake_count(&f, EV_STATE), 1);               /* Opened only */
    vmbchannel_start(f.c);
    CHECK_EQ(fake_count(&f, EV_STATE), 3);
    fake_close(&f);
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        { "bring_up_delivers_opened_started_then_post_started", bring_up_delivers_opened_started_then_post_started },
        { "failed_opened_leaves_no_traffic", failed_opened_leaves_no_traffic },
        { "corrupt_incoming_ring_stops_intake", corrupt_incoming_ring_stops_intake },
        { "null_process_packet_callback_is_refused", null_process_packet_callback_is_refused },
        { "latest_registration_and_its_context_are_passed_back", latest_registration_and_its_context_are_passed_back },
        { "pending_packet_waits_through_a_pause", pending_packet_waits_through_a_pause },
        { "doorbell_only_queues_dispatch_work", doorbell_only_queues_dispatch_work },
        { "raw_buffer_is_the_padded_payload", raw_buffer_is_the_padded_payload },
        { "pipe_buffer_is_the_data_after_the_header", pipe_buffer_is_the_data_after_the_header },
        { "complete_replies_only_when_asked", complete_replies_only_when_asked },
        { "reply_waits_for_room_and_is_never_dropped", reply_waits_for_room_and_is_never_dropped },
        { "completion_packets_are_consumed_not_presented", completion_packets_are_consumed_not_presented },
        { "malformed_packet_stops_intake", malformed_packet_stops_intake },
        { "fail_ends_intake", fail_ends_intake },
        { "external_data_needs_the_flag", external_data_needs_the_flag },
        { "pending_packet_comes_back_at_passive", pending_packet_comes_back_at_passive },
        { "pause_waits_for_answers_and_start_resumes", pause_waits_for_answers_and_start_resumes },
        { "disable_suspends_then_closes", disable_suspends_then_closes },
        { "pause_before_enable_comes_up_paused", pause_before_enable_comes_up_paused },
    };
    return run_cases(cases, sizeof cases / sizeof cases[0], argc, argv);
}
