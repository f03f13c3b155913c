/*
 * Unit tests of the SDK's channel half: a fake harness (this process) drives a tiny channel (a forked
 * child running vmbt_channel_run_on) over a socket pair, frame by frame, and checks every byte it gets.
 */
#define _POSIX_C_SOURCE 200809L /* fork, mkstemp, ftruncate, mmap under -std=c11 */

#include "check.h"
#include "frame.h"
#include "vmbtestee_channel.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- the tiny channel (child side) ---------------------------------------------------------------- */

struct tiny { uint64_t channel; uint32_t registration; const struct vmbt_channel_memory *memory; };

static void tiny_declare(void *self, struct vmbt_channel_declaration *out)
{
    (void)self;
    out->name = "tiny", out->version = "1.2", out->capabilities = VMBT_CAP_PAUSE_START, out->profile = VMBT_PROFILE_PIPE;
}

static enum vmbtestee_result tiny_allocate(void *self, struct vmbt_session *s, const struct vmbt_channel_memory *m,
                                           uint64_t channel, struct vmbtestee_error *err)
{
    struct tiny *t = self;
    (void)s, (void)err;
    t->channel = channel;
    /* Marks each region so the harness can see where the SDK pointed. */
    m->incoming[0] = 0x11, m->outgoing[0] = 0x22, m->context[0] = 0x33;
    m->incoming[4096 + m->incoming_data_size - 1] = 0x44;
    return VMBTESTEE_OK;
}

static enum vmbtestee_result tiny_set_callbacks(void *self, struct vmbt_session *s, int ex, unsigned present,
                                                uint32_t registration, uint64_t context, int32_t *status,
                                                struct vmbtestee_error *err)
{
    (void)s, (void)ex, (void)present, (void)context, (void)err;
    ((struct tiny *)self)->registration = registration;
    *status = 0x1234;
    return VMBTESTEE_OK;
}

static enum vmbtestee_result tiny_signal(void *self, struct vmbt_session *s, struct vmbtestee_error *err)
{
    (void)self, (void)err;
    vmbt_queue_work(s, VMBT_DISPATCH, 9);
    return VMBTESTEE_OK;
}

/* Presents one packet whose first byte is the level it runs at; then reports the level it is back at. */
static enum vmbtestee_result tiny_run_work(void *self, struct vmbt_session *s, uint32_t work, struct vmbtestee_error *err)
{
    struct tiny *t = self;
    (void)work, (void)err;
    uint8_t bytes[3] = { (uint8_t)vmbt_current_irql(s), 'h', 'i' };
    vmbt_process_packet(s, t->registration, t->channel, 0, 0xABCD, 1, 3, bytes, 3);
    vmbt_processing_complete(s, t->registration, t->channel, 0, (uint32_t)vmbt_current_irql(s));
    return VMBTESTEE_OK;
}

/* Asks for page (level * 0x100 + length) and signals the peer when it is resident. */
static enum vmbtestee_result tiny_complete(void *self, struct vmbt_session *s, uint64_t token, const uint8_t *reply,
                                           uint32_t length, struct vmbtestee_error *err)
{
    (void)self, (void)reply;
    int exists = 0, resident = 0;
    if (token != 0xABCD) { err->message = "wrong token"; return VMBTESTEE_FAILED; }
    vmbt_guest_page(s, (uint64_t)vmbt_current_irql(s) * 0x100 + length, &exists, &resident);
    if (exists && resident) vmbt_signal_peer(s);
    return VMBTESTEE_OK;
}

static enum vmbtestee_result tiny_fail(void *self, struct vmbt_session *s, uint64_t token, struct vmbtestee_error *err)
{
    (void)self, (void)s, (void)token;
    err->rule = "R-MIS-1", err->message = "answered twice";
    return VMBTESTEE_VIOLATION;
}

static enum vmbtestee_result tiny_get_external(void *self, struct vmbt_session *s, uint64_t token, uint32_t flags,
                                               struct vmbt_external *out, struct vmbtestee_error *err)
{
    static const uint64_t pages[2] = { 0x1234, 0x1235 };
    static const struct vmbt_view_range range = { 0x200, 0x1800, 2, pages };
    (void)self, (void)s, (void)token, (void)err;
    out->status = 0, out->has_view = 1, out->view = 3, out->read_only = (int)(flags & 1);
    out->length = 0x1800, out->range_count = 1, out->ranges = &range;
    return VMBTESTEE_OK;
}

static enum vmbtestee_result tiny_view_read(void *self, struct vmbt_session *s, uint32_t view, uint64_t offset,
                                            uint32_t count, uint8_t *to, struct vmbtestee_error *err)
{
    (void)self, (void)s, (void)view, (void)err;
    for (uint32_t i = 0; i < count; i++) to[i] = (uint8_t)(offset + i);
    return VMBTESTEE_OK;
}

/* PEER_CLOSED: asks about two pages and reads two segments, each question batched; rings the peer's doorbell
 * when the answers came back intact. */
static enum vmbtestee_result tiny_peer_closed(void *self, struct vmbt_session *s, struct vmbtestee_error *err)
{
    static const uint64_t pages[2] = { 0x10, 0x11 };
    static const struct vmbt_segment segments[2] = { { 0x10, 4094, 2 }, { 0x11, 0, 3 } };
    uint8_t states[2] = { 0xFF, 0xFF }, bytes[5] = {0};
    (void)self;
    if (vmbt_guest_pages(s, 2, pages, states) != 0 || vmbt_guest_read_segments(s, 2, segments, bytes) != 0) {
        err->message = "guest memory refused";
        return VMBTESTEE_FAILED;
    }
    if (states[0] == (VMBT_PAGE_EXISTS | VMBT_PAGE_RESIDENT) && states[1] == VMBT_PAGE_EXISTS && memcmp(bytes, "abcde", 5) == 0)
        vmbt_signal_peer(s);
    return VMBTESTEE_OK;
}

static pid_t start_tiny(int *request, int *answer)
{
    int down[2], up[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, down) != 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, up) != 0) abort();
    pid_t pid = fork();
    if (pid == 0) {
        static const struct vmbt_channel_ops ops = {
            tiny_declare, tiny_allocate, tiny_set_callbacks, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
            tiny_signal, tiny_peer_closed, tiny_run_work, NULL, tiny_complete, tiny_fail, NULL, tiny_get_external, tiny_view_read,
            NULL, NULL, NULL,
        };
        struct tiny t = {0};
        close(down[0]), close(up[0]);
        _exit(vmbt_channel_run_on(&ops, &t, down[1], up[1]));
    }
    close(down[1]), close(up[1]);
    *request = down[0], *answer = up[0];
    return pid;
}

static int finish_tiny(pid_t pid, int request, int answer)
{
    close(request), close(answer);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100;
}

/* ---- the fake harness (this process) -------------------------------------------------------------- */

struct harness {
    int request, answer; uint32_t next_id; struct vt_buffer out, in; struct vt_frame f; struct vt_cursor c;
    uint8_t *mailbox; /* set once MAILBOX was answered: frames then go through it (§20) */
};

/* The harness's side of the mailbox: 64 KiB each way, then a 32 KiB scenario area (§20.1). */
enum {
    MB_RING = 65536, MB_REQUESTS = 4096, MB_ANSWERS = 4096 + MB_RING, MB_SCENARIO = 4096 + 2 * MB_RING,
    MB_SCENARIO_SIZE = 32768, MB_FILE = MB_SCENARIO + MB_SCENARIO_SIZE,
    MB_REQUESTS_WRITTEN = 0, MB_REQUESTS_READ = 64, MB_ANSWERS_WRITTEN = 128, MB_ANSWERS_READ = 192, MB_TESTEE_WAITING = 320
};

static _Atomic uint64_t *mb_position(struct harness *h, size_t at) { return (_Atomic uint64_t *)(void *)(h->mailbox + at); }

/* Writes `length` bytes into the ring of requests (there is always room: the testee reads each frame before answering). */
static void mb_write(struct harness *h, const uint8_t *bytes, size_t length)
{
    uint64_t written = atomic_load(mb_position(h, MB_REQUESTS_WRITTEN));
    for (size_t i = 0; i < length; i++) h->mailbox[MB_REQUESTS + (written + i) % MB_RING] = bytes[i];
    atomic_store(mb_position(h, MB_REQUESTS_WRITTEN), written + length);
    atomic_thread_fence(memory_order_seq_cst);
    if (atomic_exchange((_Atomic uint32_t *)(void *)(h->mailbox + MB_TESTEE_WAITING), 0u) == 1u && write(h->request, "W", 1) != 1) abort();
}

/* Reads `length` bytes from the ring of answers, polling (this harness never says it sleeps); 0 after 5 s without them. */
static int mb_read(struct harness *h, uint8_t *to, size_t length)
{
    struct timespec pause = { 0, 20000 };
    for (int tries = 0; atomic_load(mb_position(h, MB_ANSWERS_WRITTEN)) - atomic_load(mb_position(h, MB_ANSWERS_READ)) < length; tries++) {
        if (tries > 250000) return 0;
        nanosleep(&pause, NULL);
    }
    uint64_t read = atomic_load(mb_position(h, MB_ANSWERS_READ));
    for (size_t i = 0; i < length; i++) to[i] = h->mailbox[MB_ANSWERS + (read + i) % MB_RING];
    atomic_store(mb_position(h, MB_ANSWERS_READ), read + length);
    return 1;
}

static uint32_t le32_at(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24; }

/* Starts a down-call with its call header at `irql`; returns its id. */
static uint32_t down(struct harness *h, uint16_t kind, int irql)
{
    uint32_t id = h->next_id++;
    vt_begin(&h->out, kind, id);
    if (irql >= 0) vt_u8(&h->out, (uint8_t)irql), vt_zero(&h->out, 3);
    return id;
}

static void send_(struct harness *h)
{
    if (h->mailbox) {
        uint32_t length = (uint32_t)(h->out.length - 4);
        for (int i = 0; i < 4; i++) h->out.bytes[i] = (uint8_t)(length >> (8 * i));
        mb_write(h, h->out.bytes, h->out.length);
        return;
    }
    struct vt_link link = { h->answer, h->request, NULL }; /* the harness's side: reads answers, writes requests */
    if (vt_send(&link, &h->out) != 0) abort();
}

/* The next frame through the mailbox into h->in and h->f; 0 when none came. */
static int mb_frame(struct harness *h)
{
    uint8_t header[12];
    if (!mb_read(h, header, sizeof header)) return 0;
    uint32_t length = le32_at(header);
    h->in.length = 0;
    vt_zero(&h->in, length - 8);
    if (length > 8 && !mb_read(h, h->in.bytes, length - 8)) return 0;
    h->f = (struct vt_frame){ (uint16_t)(header[4] | header[5] << 8), le32_at(header + 8), h->in.bytes, length - 8 };
    return 1;
}

/* Reads the next frame, checks its kind and id (id 0: any), leaves a cursor on its body. */
static void expect(struct harness *h, uint16_t kind, uint32_t id)
{
    struct vt_link link = { h->answer, h->request, NULL };
    if (h->mailbox ? !mb_frame(h) : vt_read_frame(&link, &h->in, &h->f) != 1) { CHECK(!"a frame"); h->c = (struct vt_cursor){ NULL, 0, 1 }; return; }
    CHECK_EQ(h->f.kind, kind);
    if (id) CHECK_EQ(h->f.id, id);
    h->c = (struct vt_cursor){ h->f.body, h->f.body_length, 0 };
}

/* Replies to the up-call just read with ok and `extra` bytes. */
static void reply_ok(struct harness *h, const void *extra, uint32_t length)
{
    vt_begin(&h->out, (uint16_t)(h->f.kind | 0x8000), h->f.id);
    vt_u8(&h->out, 0), vt_zero(&h->out, 3);
    vt_bytes(&h->out, extra, length);
    send_(h);
}

static uint32_t result_of(struct harness *h) { uint32_t r = vt_get_u8(&h->c); vt_get_bytes(&h->c, 3); return r; }

/* HELLO from a harness speaking versions 1 to `max`. */
static void hello_up_to(struct harness *h, uint16_t max)
{
    vt_begin(&h->out, 0x0001, h->next_id++);
    vt_u16(&h->out, 1), vt_u16(&h->out, max), vt_u32(&h->out, 2), vt_str(&h->out, "test harness");
    send_(h);
    expect(h, 0x8001, 0);
}

static void hello(struct harness *h) { hello_up_to(h, 2); }

static void handshake_answers_version_2_with_the_channel_level(void)
{
    struct harness h = { 0, 0, 1, {0}, {0}, {0}, {0}, NULL };
    pid_t pid = start_tiny(&h.request, &h.answer);
    hello(&h);
    char text[64];
    CHECK_EQ(result_of(&h), 0);
    CHECK_EQ(vt_get_u16(&h.c), 2);       /* version */
    vt_get_u16(&h.c);
    CHECK_EQ(vt_get_u32(&h.c), 2);       /* levels: channel */
    CHECK_EQ(vt_get_u32(&h.c), 0);       /* ring capabilities: none */
    CHECK_EQ(vt_get_u32(&h.c), 0);
    vt_get_u32(&h.c);
    CHECK(vt_get_u32(&h.c) >= 65536);    /* max_frame_length */
    vt_get_str(&h.c, text, sizeof text);
    CHECK_STR(text, "tiny");
    vt_get_str(&h.c, text, sizeof text);
    CHECK_STR(text, "1.2");
    CHECK_EQ(vt_get_u32(&h.c), VMBT_CAP_PAUSE_START);
    CHECK_EQ(vt_get_u8(&h.c), VMBT_PROFILE_PIPE);
    vt_get_bytes(&h.c, 3);
    CHECK(vt_done(&h.c));
    vt_begin(&h.out, 0x000B, h.next_id++);
    send_(&h);
    expect(&h, 0x800B, 0);
    CHECK_EQ(finish_tiny(pid, h.request, h.answer), 0);
    free(h.out.bytes), free(h.in.bytes);
}

/* MAP_CHANNEL over a fresh file: incoming 8192 at 0, outgoing 8192 at 8192, context 4096 at 16384. */
static uint8_t *map_channel(struct harness *h)
{
    /* In the working directory CTest gives the test (the build tree), removed once mapped. */
    char path[] = "vmbt-channel-test-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || ftruncate(fd, 20480) != 0) abort();
    uint8_t *file = mmap(NULL, 20480, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (file == MAP_FAILED) abort();
    vt_begin(&h->out, 0x0020, h->next_id++);
    vt_u32(&h->out, 0), vt_u32(&h->out, 8192), vt_u32(&h->out, 8192), vt_u32(&h->out, 8192);
    vt_u32(&h->out, 16384), vt_u32(&h->out, 4096), vt_u64(&h->out, 20480), vt_str(&h->out, path);
    send_(h);
    expect(h, 0x8020, 0);
    CHECK_EQ(result_of(h), 0);
    unlink(path);
    return file;
}

static void nested_calls_carry_their_own_level(void)
{
    struct harness h = { 0, 0, 1, {0}, {0}, {0}, {0}, NULL };
    pid_t pid = start_tiny(&h.request, &h.answer);
    hello(&h);
    uint8_t *file = map_channel(&h);
    uint32_t id = down(&h, 0x0021, 0);
    vt_u64(&h.out, 77);
    send_(&h);
    expect(&h, 0x8021, id);
    CHECK_EQ(result_of(&h), 0);
    CHECK_EQ(file[0], 0x11);             /* the pointers the SDK handed over (§13.2) */
    CHECK_EQ(file[8192], 0x22);
    CHECK_EQ(file[16384], 0x33);
    CHECK_EQ(file[8191], 0x44);
    id = down(&h, 0x0022, 0);
    vt_u8(&h.out, 0), vt_u8(&h.out, 3), vt_u16(&h.out, 0), vt_u32(&h.out, 5), vt_u64(&h.out, 0);
    send_(&h);
    expect(&h, 0x8022, id);
    CHECK_EQ(result_of(&h), 0);
    CHECK_EQ(vt_get_u32(&h.c), 0x1234);

    /* SIGNAL at DEVICE level: the channel queues DISPATCH work, nested inside. */
    id = down(&h, 0x002C, 3);
    send_(&h);
    expect(&h, 0x0043, 1);
    CHECK_EQ(vt_get_u8(&h.c), 2);
    vt_get_bytes(&h.c, 3);
    CHECK_EQ(vt_get_u32(&h.c), 9);
    reply_ok(&h, NULL, 0);
    expect(&h, 0x802C, id);
    CHECK_EQ(result_of(&h), 0);

    /* RUN_WORK at DISPATCH → PROCESS_PACKET → nested COMPLETE at APC → GUEST_PAGE, SIGNAL_PEER. */
    uint32_t run = down(&h, 0x002E, 2);
    vt_u32(&h.out, 9);
    send_(&h);
    expect(&h, 0x0040, 2);
    CHECK_EQ(vt_get_u32(&h.c), 5);       /* registration */
    vt_get_u32(&h.c);
    CHECK_EQ(vt_get_u64(&h.c), 77);      /* channel */
    CHECK_EQ(vt_get_u64(&h.c), 0);       /* context */
    CHECK_EQ(vt_get_u64(&h.c), 0xABCD);  /* token */
    CHECK_EQ(vt_get_u32(&h.c), 1);       /* flags */
    CHECK_EQ(vt_get_u32(&h.c), 3);       /* buffer_length */
    CHECK_EQ(vt_get_u32(&h.c), 3);       /* byte_count */
    const uint8_t *bytes = vt_get_bytes(&h.c, 3);
    CHECK(bytes && bytes[0] == 2 && bytes[1] == 'h'); /* presented at the RUN_WORK's level */
    CHECK(vt_done(&h.c));
    uint32_t complete = down(&h, 0x0030, 1);
    vt_u64(&h.out, 0xABCD), vt_u32(&h.out, 2), vt_bytes(&h.out, "ok", 2);
    send_(&h);
    expect(&h, 0x0049, 3);
    CHECK_EQ(vt_get_u64(&h.c), 0x102);   /* the COMPLETE's own level, 1 */
    uint8_t page[4] = { 1, 1, 0, 0 };
    reply_ok(&h, page, 4);
    expect(&h, 0x0044, 4);
    reply_ok(&h, NULL, 0);
    expect(&h, 0x8030, complete);
    CHECK_EQ(result_of(&h), 0);
    vt_begin(&h.out, 0x8040, 2);         /* the callback returns */
    vt_u8(&h.out, 0), vt_zero(&h.out, 3);
    send_(&h);
    expect(&h, 0x0041, 5);
    vt_get_bytes(&h.c, 24);
    CHECK_EQ(vt_get_u32(&h.c), 2);       /* back at DISPATCH after the nested call */
    reply_ok(&h, NULL, 0);
    expect(&h, 0x802E, run);
    CHECK_EQ(result_of(&h), 0);

    vt_begin(&h.out, 0x0037, h.next_id++);
    send_(&h);
    expect(&h, 0x8037, 0);
    vt_begin(&h.out, 0x000B, h.next_id++);
    send_(&h);
    expect(&h, 0x800B, 0);
    CHECK_EQ(finish_tiny(pid, h.request, h.answer), 0);
    munmap(file, 20480);
    free(h.out.bytes), free(h.in.bytes);
}

static void results_views_and_missing_entries(void)
{
    struct harness h = { 0, 0, 1, {0}, {0}, {0}, {0}, NULL };
    pid_t pid = start_tiny(&h.request, &h.answer);
    hello(&h);
    uint32_t id = down(&h, 0x0033, 2);
    vt_u64(&h.out, 0xABCD), vt_u32(&h.out, 1);
    send_(&h);
    expect(&h, 0x8033, id);
    CHECK_EQ(result_of(&h), 0);
    CHECK_EQ(vt_get_u32(&h.c), 0);       /* status */
    CHECK_EQ(vt_get_u8(&h.c), 1);        /* has_view */
    vt_get_bytes(&h.c, 3);
    CHECK_EQ(vt_get_u32(&h.c), 3);       /* view */
    CHECK_EQ(vt_get_u8(&h.c), 1);        /* read_only */
    vt_get_bytes(&h.c, 3);
    CHECK_EQ(vt_get_u64(&h.c), 0x1800);
    CHECK_EQ(vt_get_u32(&h.c), 1);
    CHECK_EQ(vt_get_u32(&h.c), 0x200);
    CHECK_EQ(vt_get_u32(&h.c), 0x1800);
    CHECK_EQ(vt_get_u32(&h.c), 2);
    vt_get_u32(&h.c);
    CHECK_EQ(vt_get_u64(&h.c), 0x1234);
    CHECK_EQ(vt_get_u64(&h.c), 0x1235);
    CHECK(vt_done(&h.c));

    id = down(&h, 0x0034, 2);
    vt_u32(&h.out, 3), vt_u32(&h.out, 0), vt_u64(&h.out, 7), vt_u32(&h.out, 2);
    send_(&h);
    expect(&h, 0x8034, id);
    CHECK_EQ(result_of(&h), 0);
    const uint8_t *b = vt_get_bytes(&h.c, 2);
    CHECK(b && b[0] == 7 && b[1] == 8);
    CHECK(vt_done(&h.c));

    id = down(&h, 0x0031, 2);            /* violation: the rule is carried (§13.1) */
    vt_u64(&h.out, 1);
    send_(&h);
    expect(&h, 0x8031, id);
    CHECK_EQ(result_of(&h), 4);
    char text[64];
    vt_get_bytes(&h.c, 24);
    vt_get_str(&h.c, text, sizeof text);
    CHECK_STR(text, "answered twice");
    vt_get_str(&h.c, text, sizeof text);
    CHECK_STR(text, "R-MIS-1");

    id = down(&h, 0x0032, 2);            /* DEFER: no entry point → failed, the session goes on */
    vt_u64(&h.out, 1);
    send_(&h);
    expect(&h, 0x8032, id);
    CHECK_EQ(result_of(&h), 2);
    vt_begin(&h.out, 0x000B, h.next_id++);
    send_(&h);
    expect(&h, 0x800B, 0);
    CHECK_EQ(finish_tiny(pid, h.request, h.answer), 0);
    free(h.out.bytes), free(h.in.bytes);
}

static void shut_down(struct harness *h, pid_t pid)
{
    vt_begin(&h->out, 0x000B, h->next_id++);
    send_(h);
    expect(h, 0x800B, 0);
    CHECK_EQ(finish_tiny(pid, h->request, h->answer), 0);
    free(h->out.bytes), free(h->in.bytes);
}

static void batched_guest_memory_is_one_up_call_each_from_version_3(void)
{
    struct harness h = { 0, 0, 1, {0}, {0}, {0}, {0}, NULL };
    pid_t pid = start_tiny(&h.request, &h.answer);
    hello_up_to(&h, 3);
    CHECK_EQ(result_of(&h), 0);
    CHECK_EQ(vt_get_u16(&h.c), 3);       /* the highest version both speak */
    uint32_t id = down(&h, 0x002D, 2);
    send_(&h);
    expect(&h, 0x004D, 0);               /* GUEST_PAGES */
    CHECK_EQ(vt_get_u32(&h.c), 2);
    vt_get_u32(&h.c);
    CHECK_EQ(vt_get_u64(&h.c), 0x10);
    CHECK_EQ(vt_get_u64(&h.c), 0x11);
    CHECK(vt_done(&h.c));
    uint8_t states[2] = { 3, 1 };
    reply_ok(&h, states, 2);
    expect(&h, 0x004E, 0);               /* GUEST_READ_SEGMENTS */
    CHECK_EQ(vt_get_u32(&h.c), 2);
    vt_get_u32(&h.c);
    CHECK_EQ(vt_get_u64(&h.c), 0x10);
    CHECK_EQ(vt_get_u32(&h.c), 4094);
    CHECK_EQ(vt_get_u32(&h.c), 2);
    CHECK_EQ(vt_get_u64(&h.c), 0x11);
    CHECK_EQ(vt_get_u32(&h.c), 0);
    CHECK_EQ(vt_get_u32(&h.c), 3);
    CHECK(vt_done(&h.c));
    reply_ok(&h, "abcde", 5);
    expect(&h, 0x0044, 0);               /* the answers arrived intact */
    reply_ok(&h, NULL, 0);
    expect(&h, 0x802D, id);
    CHECK_EQ(result_of(&h), 0);
    shut_down(&h, pid);
}

static void batched_guest_memory_goes_page_by_page_with_a_version_2_harness(void)
{
    struct harness h = { 0, 0, 1, {0}, {0}, {0}, {0}, NULL };
    pid_t pid = start_tiny(&h.request, &h.answer);
    hello(&h);
    uint32_t id = down(&h, 0x002D, 2);
    send_(&h);
    static const uint8_t resident[4] = { 1, 1, 0, 0 }, evicted[4] = { 1, 0, 0, 0 };
    expect(&h, 0x0049, 0);
    CHECK_EQ(vt_get_u64(&h.c), 0x10);
    reply_ok(&h, resident, 4);
    expect(&h, 0x0049, 0);
    CHECK_EQ(vt_get_u64(&h.c), 0x11);
    reply_ok(&h, evicted, 4);
    expect(&h, 0x004B, 0);
    CHECK_EQ(vt_get_u64(&h.c), 0x10);
    CHECK_EQ(vt_get_u32(&h.c), 4094);
    CHECK_EQ(vt_get_u32(&h.c), 2);
    reply_ok(&h, "ab", 2);
    expect(&h, 0x004B, 0);
    CHECK_EQ(vt_get_u64(&h.c), 0x11);
    CHECK_EQ(vt_get_u32(&h.c), 0);
    CHECK_EQ(vt_get_u32(&h.c), 3);
    reply_ok(&h, "cde", 3);
    expect(&h, 0x0044, 0);
    reply_ok(&h, NULL, 0);
    expect(&h, 0x802D, id);
    CHECK_EQ(result_of(&h), 0);
    shut_down(&h, pid);
}

static void a_version_3_harness_does_not_reply_to_notifications(void)
{
    struct harness h = { 0, 0, 1, {0}, {0}, {0}, {0}, NULL };
    pid_t pid = start_tiny(&h.request, &h.answer);
    hello_up_to(&h, 3);
    uint32_t id = down(&h, 0x002C, 3);   /* SIGNAL: the channel queues work and returns without waiting */
    send_(&h);
    expect(&h, 0x0043, 1);
    CHECK_EQ(vt_get_u8(&h.c), 2);
    vt_get_bytes(&h.c, 3);
    CHECK_EQ(vt_get_u32(&h.c), 9);
    expect(&h, 0x802C, id);
    CHECK_EQ(result_of(&h), 0);
    shut_down(&h, pid);
}

static void a_refused_segment_fails_the_call_and_reads_no_further(void)
{
    struct harness h = { 0, 0, 1, {0}, {0}, {0}, {0}, NULL };
    pid_t pid = start_tiny(&h.request, &h.answer);
    hello_up_to(&h, 3);
    uint32_t id = down(&h, 0x002D, 2);
    send_(&h);
    expect(&h, 0x004D, 0);
    uint8_t states[2] = { 3, 1 };
    reply_ok(&h, states, 2);
    expect(&h, 0x004E, 0);
    vt_begin(&h.out, (uint16_t)(h.f.kind | 0x8000), h.f.id);
    vt_u8(&h.out, 2), vt_zero(&h.out, 3); /* failed, with its error block */
    vt_zero(&h.out, 24), vt_str(&h.out, "guest page 0x11 is not resident"), vt_str(&h.out, ""), vt_str(&h.out, "");
    send_(&h);
    expect(&h, 0x802D, id);              /* no doorbell: the channel saw the refusal */
    CHECK_EQ(result_of(&h), 2);
    shut_down(&h, pid);
}

static void protocol_violation_ends_with_status_2(void)
{
    struct harness h = { 0, 0, 1, {0}, {0}, {0}, {0}, NULL };
    pid_t pid = start_tiny(&h.request, &h.answer);
    uint32_t id = down(&h, 0x002C, 0);
    vt_u8(&h.out, 0);                    /* one byte too many for SIGNAL */
    send_(&h);
    (void)id;
    CHECK_EQ(finish_tiny(pid, h.request, h.answer), 2);
    free(h.out.bytes), free(h.in.bytes);
}

/* MAILBOX for the file at `path`, laid out as MB_* say. */
static void send_mailbox(struct harness *h, const char *path)
{
    vt_begin(&h->out, 0x000D, h->next_id++);
    vt_u32(&h->out, MB_REQUESTS), vt_u32(&h->out, MB_RING), vt_u32(&h->out, MB_ANSWERS), vt_u32(&h->out, MB_RING);
    vt_u32(&h->out, MB_SCENARIO), vt_u32(&h->out, MB_SCENARIO_SIZE), vt_u64(&h->out, MB_FILE), vt_str(&h->out, path);
    send_(h);
}

/* HELLO up to version 4, then MAILBOX on the pipe with a fresh file; the harness keeps the file mapped. */
static uint8_t *open_mailbox(struct harness *h)
{
    hello_up_to(h, 4);
    CHECK_EQ(result_of(h), 0);
    CHECK_EQ(vt_get_u16(&h->c), 4);
    char path[] = "vmbt-mailbox-test-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0 || ftruncate(fd, MB_FILE) != 0) abort();
    uint8_t *file = mmap(NULL, MB_FILE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (file == MAP_FAILED) abort();
    send_mailbox(h, path);
    expect(h, 0x800D, 0); /* still on the pipe */
    CHECK_EQ(result_of(h), 0);
    CHECK(vt_done(&h->c));
    unlink(path);
    h->mailbox = file;
    return file;
}

/*
 * Sends MAP_CHANNEL with an empty path: incoming 8192 and outgoing 8192 at the start of the scenario
 * area, the context's 4096 bytes at `context_offset` of the mailbox file (§20.4).
 */
static void send_map_channel_in_area(struct harness *h, uint32_t context_offset)
{
    vt_begin(&h->out, 0x0020, h->next_id++);
    vt_u32(&h->out, MB_SCENARIO), vt_u32(&h->out, 8192), vt_u32(&h->out, MB_SCENARIO + 8192), vt_u32(&h->out, 8192);
    vt_u32(&h->out, context_offset), vt_u32(&h->out, 4096), vt_u64(&h->out, MB_FILE), vt_str(&h->out, "");
    send_(h);
}

static void frames_move_to_the_mailbox_and_its_scenario_area_holds_the_rings(void)
{
    struct harness h = { 0, 0, 1, {0}, {0}, {0}, {0}, NULL };
    pid_t pid = start_tiny(&h.request, &h.answer);
    uint8_t *file = open_mailbox(&h);
    send_map_channel_in_area(&h, MB_SCENARIO + 16384);
    expect(&h, 0x8020, 0);
    CHECK_EQ(result_of(&h), 0);
    uint32_t id = down(&h, 0x0021, 0);
    vt_u64(&h.out, 77);
    send_(&h);
    expect(&h, 0x8021, id);
    CHECK_EQ(result_of(&h), 0);
    /* The tiny channel marked each region through its own mapping of the area. */
    CHECK_EQ(file[MB_SCENARIO], 0x11);
    CHECK_EQ(file[MB_SCENARIO + 8192], 0x22);
    CHECK_EQ(file[MB_SCENARIO + 16384], 0x33);
    CHECK_EQ(file[MB_SCENARIO + 8191], 0x44);
    /* RELEASE unmaps nothing of the mailbox; enough of them to carry both rings past their ends. */
    for (int i = 0; i < 6000; i++) {
        vt_begin(&h.out, 0x0037, h.next_id++);
        send_(&h);
        expect(&h, 0x8037, 0);
        CHECK_EQ(result_of(&h), 0);
    }
    CHECK(atomic_load(mb_position(&h, MB_REQUESTS_WRITTEN)) > MB_RING);
    CHECK(atomic_load(mb_position(&h, MB_ANSWERS_WRITTEN)) > MB_RING);
    /* Long enough for the testee to stop polling and sleep on its pipe: the next request must wake it. */
    struct timespec nap = { 0, 100000000 };
    nanosleep(&nap, NULL);
    CHECK_EQ(file[MB_TESTEE_WAITING], 1);
    shut_down(&h, pid);
    munmap(file, MB_FILE);
}

/* What the harness does wrong with the mailbox: each ends the testee with status 2. */
static void mailbox_breaches_by_the_harness_end_the_testee(void)
{
    struct timespec nap = { 0, 100000000 };
    for (int breach = 0; breach < 4; breach++) {
        struct harness h = { 0, 0, 1, {0}, {0}, {0}, {0}, NULL };
        pid_t pid = start_tiny(&h.request, &h.answer);
        if (breach == 0) {
            /* MAILBOX after a handshake at version 3. */
            hello_up_to(&h, 3);
            send_mailbox(&h, "nowhere");
            CHECK_EQ(finish_tiny(pid, h.request, h.answer), 2);
            free(h.out.bytes), free(h.in.bytes);
            continue;
        }
        uint8_t *file = open_mailbox(&h);
        if (breach == 1) {
            /* A byte on the pipe that is not a wake-up, to a testee asleep on it. */
            nanosleep(&nap, NULL);
            if (write(h.request, "x", 1) != 1) abort();
            CHECK_EQ(finish_tiny(pid, h.request, h.answer), 2);
        } else if (breach == 2) {
            /* A write position further ahead than the ring holds. */
            atomic_store(mb_position(&h, MB_REQUESTS_WRITTEN), (uint64_t)MB_RING + 12);
            if (write(h.request, "W", 1) != 1) abort();
            CHECK_EQ(finish_tiny(pid, h.request, h.answer), 2);
        } else {
            /* An empty path whose context lies in the file but outside the scenario area: on the ring of answers. */
            send_map_channel_in_area(&h, MB_ANSWERS);
            CHECK_EQ(finish_tiny(pid, h.request, h.answer), 2);
        }
        munmap(file, MB_FILE);
        free(h.out.bytes), free(h.in.bytes);
    }
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        { "handshake_answers_version_2_with_the_channel_level", handshake_answers_version_2_with_the_channel_level },
        { "nested_calls_carry_their_own_level", nested_calls_carry_their_own_level },
        { "results_views_and_missing_entries", results_views_and_missing_entries },
        { "batched_guest_memory_is_one_up_call_each_from_version_3", batched_guest_memory_is_one_up_call_each_from_version_3 },
        { "batched_guest_memory_goes_page_by_page_with_a_version_2_harness", batched_guest_memory_goes_page_by_page_with_a_version_2_harness },
        { "a_refused_segment_fails_the_call_and_reads_no_further", a_refused_segment_fails_the_call_and_reads_no_further },
        { "a_version_3_harness_does_not_reply_to_notifications", a_version_3_harness_does_not_reply_to_notifications },
        { "protocol_violation_ends_with_status_2", protocol_violation_ends_with_status_2 },
        { "frames_move_to_the_mailbox_and_its_scenario_area_holds_the_rings", frames_move_to_the_mailbox_and_its_scenario_area_holds_the_rings },
        { "mailbox_breaches_by_the_harness_end_the_testee", mailbox_breaches_by_the_harness_end_the_testee },
    };
    signal(SIGPIPE, SIG_IGN);
    return run_cases(cases, sizeof cases / sizeof cases[0], argc, argv);
}
