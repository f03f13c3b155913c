/* The testee's side of the mailbox (spec/testee-protocol.md §20). */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, sched_yield, ssize_t under -std=c11 */

#include "mailbox.h"

#include "map.h"
#include "reply.h"

#include <errno.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The control page: each word on a cache line of its own (§20.2). */
enum {
    REQUESTS_WRITTEN = 0, REQUESTS_READ = 64, ANSWERS_WRITTEN = 128, ANSWERS_READ = 192,
    HARNESS_WAITING = 256, TESTEE_WAITING = 320, CONTROL_SIZE = 4096, MIN_RING = 65536
};
#define MAX_REGION (1u << 30)         /* the largest ring or scenario area (§20.1) */
#define MAX_FILE 0x7FFFFFFFull        /* the largest mailbox file */
#define WAKE_BYTE 0x57u

/*
 * How long a side polls before it says it waits and sleeps on its pipe: long enough to catch the
 * harness's next request while it is being built, short enough to give the core back while the
 * harness judges a scenario.
 */
#define POLL_NANOSECONDS 50000L

struct vt_mailbox {
    struct vt_mapping map;
    uint64_t scenario_offset, scenario_size;
    uint64_t requests_written_seen, answers_read_seen; /* the harness's positions only grow (§20.2) */
    uint8_t *requests, *answers;
    uint64_t requests_size, answers_size;
    _Atomic uint64_t *requests_written, *requests_read, *answers_written, *answers_read;
    _Atomic uint32_t *harness_waiting, *testee_waiting;
};

static _Atomic uint64_t *u64_at(uint8_t *base, size_t offset) { return (_Atomic uint64_t *)(void *)(base + offset); }
static _Atomic uint32_t *u32_at(uint8_t *base, size_t offset) { return (_Atomic uint32_t *)(void *)(base + offset); }

static int power_of_two(uint32_t v) { return v >= MIN_RING && v <= MAX_REGION && (v & (v - 1)) == 0; }

/* The MAILBOX fields (§20.1). */
struct layout {
    uint32_t ro, rs, ao, as, so, ss;
    uint64_t file_size;
};

static int overlap(uint64_t a, uint64_t a_size, uint64_t b, uint64_t b_size) { return a < b + b_size && b < a + a_size; }

/* Why the MAILBOX fields do not describe a mailbox, or NULL. */
static const char *problem(const struct layout *l)
{
    uint32_t ro = l->ro, rs = l->rs, ao = l->ao, as = l->as;
    uint64_t file_size = l->file_size;
    if (!power_of_two(rs) || !power_of_two(as)) return "ring sizes must be powers of two from 65536 to 2^30";
    if (file_size > MAX_FILE || l->ss > MAX_REGION) return "the file or the scenario area is larger than the protocol allows";
    if (ro % CONTROL_SIZE || ao % CONTROL_SIZE || ro < CONTROL_SIZE || ao < CONTROL_SIZE)
        return "ring offsets must be multiples of 4096 after the control page";
    if ((uint64_t)ro + rs > file_size || (uint64_t)ao + as > file_size) return "the rings do not fit the file";
    if (overlap(ro, rs, ao, as)) return "the two rings overlap";
    if (l->ss == 0) return NULL;
    if (l->so % CONTROL_SIZE || l->ss % CONTROL_SIZE || l->so < CONTROL_SIZE) return "the scenario area must be whole pages after the control page";
    if ((uint64_t)l->so + l->ss > file_size) return "the scenario area does not fit the file";
    if (overlap(l->so, l->ss, ro, rs) || overlap(l->so, l->ss, ao, as)) return "the scenario area overlaps a ring";
    return NULL;
}

static struct vt_mailbox *open_mailbox(const struct layout *l, const char *path, char *why, size_t why_size)
{
    const char *bad = problem(l);
    if (bad) { snprintf(why, why_size, "%s", bad); return NULL; }
    struct vt_mailbox *m = calloc(1, sizeof *m);
    if (!m) { snprintf(why, why_size, "out of memory"); return NULL; }
    if (vt_map_file(&m->map, path, l->file_size, why, why_size) != 0) { free(m); return NULL; }
    uint8_t *base = m->map.base;
    m->requests = base + l->ro;
    m->requests_size = l->rs;
    m->answers = base + l->ao;
    m->answers_size = l->as;
    m->scenario_offset = l->so;
    m->scenario_size = l->ss;
    m->requests_written = u64_at(base, REQUESTS_WRITTEN);
    m->requests_read = u64_at(base, REQUESTS_READ);
    m->answers_written = u64_at(base, ANSWERS_WRITTEN);
    m->answers_read = u64_at(base, ANSWERS_READ);
    m->harness_waiting = u32_at(base, HARNESS_WAITING);
    m->testee_waiting = u32_at(base, TESTEE_WAITING);
    return m;
}

int vt_mailbox_serve(struct vt_link *link, const struct vt_frame *f, uint16_t version)
{
    if (f->kind != VT_MAILBOX_KIND) return 0;
    if (version < VT_MAILBOX_VERSION || link->mailbox) {
        fprintf(stderr, "vmbtestee: protocol violation by the harness: MAILBOX %s\n",
                link->mailbox ? "a second time" : "without version 4 in HELLO_REPLY");
        return -1;
    }
    struct vt_cursor c = { f->body, f->body_length, 0 };
    struct layout l;
    l.ro = vt_get_u32(&c), l.rs = vt_get_u32(&c), l.ao = vt_get_u32(&c), l.as = vt_get_u32(&c);
    l.so = vt_get_u32(&c), l.ss = vt_get_u32(&c);
    l.file_size = vt_get_u64(&c);
    char path[4096], why[4300];
    vt_get_str(&c, path, sizeof path);
    if (!vt_done(&c)) {
        fprintf(stderr, "vmbtestee: protocol violation by the harness: MAILBOX body does not match its layout\n");
        return -1;
    }
    struct vt_buffer out = {0};
    vt_begin(&out, (uint16_t)(VT_MAILBOX_KIND | 0x8000u), f->id);
    struct vt_mailbox *m = open_mailbox(&l, path, why, sizeof why);
    if (m) vt_result(&out, 0);
    else vt_failed(&out, why);
    int rc = vt_send(link, &out); /* still on the pipe: the reply is the last frame there */
    free(out.bytes);
    if (rc != 0) {
        if (m) { vt_unmap(&m->map); free(m); }
        return -1;
    }
    link->mailbox = m;
    return 1;
}

int vt_mailbox_lend(struct vt_link *link, uint64_t first, uint64_t end, uint64_t file_size, struct vt_mapping *m,
                    char *why, size_t why_size)
{
    struct vt_mailbox *box = link->mailbox;
    if (!box) { snprintf(why, why_size, "an empty path without the mailbox in use"); return -1; }
    if (file_size != box->map.size || first < box->scenario_offset || end < first
        || end > box->scenario_offset + box->scenario_size) {
        snprintf(why, why_size, "%llu..%llu of a file of %llu bytes is not in the mailbox's scenario area %llu+%llu",
                 (unsigned long long)first, (unsigned long long)end, (unsigned long long)file_size,
                 (unsigned long long)box->scenario_offset, (unsigned long long)box->scenario_size);
        return -1;
    }
    vt_map_borrowed(m, box->map.base, box->map.size);
    return 0;
}

void vt_mailbox_close(struct vt_link *link)
{
    if (!link->mailbox) return;
    vt_unmap(&link->mailbox->map);
    free(link->mailbox);
    link->mailbox = NULL;
}

static long elapsed_ns(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - since->tv_sec) * 1000000000L + (now.tv_nsec - since->tv_nsec);
}

static int64_t broken(const char *which, uint64_t now, uint64_t seen, uint64_t own)
{
    fprintf(stderr, "vmbtestee: protocol violation by the harness: its %s position in the mailbox went to %llu "
            "(it was %llu; this side is at %llu)\n", which, (unsigned long long)now, (unsigned long long)seen,
            (unsigned long long)own);
    errno = EPROTO;
    return -1;
}

/* The harness's positions are checked, never trusted: they only grow, and never past what a ring holds. */
static int64_t readable(struct vt_mailbox *m)
{
    uint64_t written = atomic_load_explicit(m->requests_written, memory_order_acquire);
    uint64_t read = atomic_load_explicit(m->requests_read, memory_order_relaxed);
    if (written < m->requests_written_seen || written - read > m->requests_size)
        return broken("write", written, m->requests_written_seen, read);
    m->requests_written_seen = written;
    return (int64_t)(written - read);
}

static int64_t writable(struct vt_mailbox *m)
{
    uint64_t written = atomic_load_explicit(m->answers_written, memory_order_relaxed);
    uint64_t read = atomic_load_explicit(m->answers_read, memory_order_acquire);
    if (read < m->answers_read_seen || written - read > m->answers_size)
        return broken("read", read, m->answers_read_seen, written);
    m->answers_read_seen = read;
    return (int64_t)(m->answers_size - (written - read));
}

static int64_t ready(struct vt_mailbox *m, int for_data) { return for_data ? readable(m) : writable(m); }

/* After a position moved: wake the harness if it said it sleeps (the fence pairs with the one in wait_for). */
static void wake_harness(struct vt_link *link)
{
    atomic_thread_fence(memory_order_seq_cst);
    if (atomic_load_explicit(link->mailbox->harness_waiting, memory_order_relaxed) == 0) return;
    if (atomic_exchange(link->mailbox->harness_waiting, 0u) == 0) return;
    uint8_t wake = WAKE_BYTE;
    /* A harness that is gone cannot be woken; the next wait finds the end of the pipe. */
    while (write(link->out_fd, &wake, 1) < 0 && errno == EINTR) {}
}

/* Waits until there is data (or room). Returns >0 when there is, 0 when the harness is gone, -1 on a violation. */
static int64_t wait_for(struct vt_link *link, int for_data)
{
    struct vt_mailbox *m = link->mailbox;
    struct timespec since;
    clock_gettime(CLOCK_MONOTONIC, &since);
    for (unsigned i = 0;; i++) {
        int64_t n = ready(m, for_data);
        if (n != 0) return n;
        sched_yield(); /* never a busy spin: the harness may well be waiting for this very core */
        if ((i & 15) == 15 && elapsed_ns(&since) > POLL_NANOSECONDS) break;
    }
    for (;;) {
        atomic_store_explicit(m->testee_waiting, 1u, memory_order_relaxed);
        atomic_thread_fence(memory_order_seq_cst);
        int64_t n = ready(m, for_data);
        if (n != 0) {
            atomic_store_explicit(m->testee_waiting, 0u, memory_order_relaxed);
            return n;
        }
        uint8_t tokens[64];
        ssize_t got = read(link->in_fd, tokens, sizeof tokens);
        atomic_store_explicit(m->testee_waiting, 0u, memory_order_relaxed);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return ready(m, for_data);
        for (ssize_t k = 0; k < got; k++) {
            if (tokens[k] != WAKE_BYTE) {
                fprintf(stderr, "vmbtestee: protocol violation by the harness: byte 0x%02x on the request pipe while the mailbox is in use\n", tokens[k]);
                errno = EPROTO;
                return -1;
            }
        }
    }
}

ssize_t vt_mailbox_read(struct vt_link *link, uint8_t *to, size_t length)
{
    struct vt_mailbox *m = link->mailbox;
    if (length == 0) return 0;
    int64_t available = wait_for(link, 1);
    if (available <= 0) return (ssize_t)available;
    size_t count = (size_t)available < length ? (size_t)available : length;
    uint64_t read = atomic_load_explicit(m->requests_read, memory_order_relaxed);
    size_t at = (size_t)(read & (m->requests_size - 1));
    size_t first = count < m->requests_size - at ? count : (size_t)(m->requests_size - at);
    memcpy(to, m->requests + at, first);
    memcpy(to + first, m->requests, count - first);
    atomic_store_explicit(m->requests_read, read + count, memory_order_release);
    wake_harness(link);
    return (ssize_t)count;
}

int vt_mailbox_write_all(struct vt_link *link, const uint8_t *bytes, size_t length)
{
    struct vt_mailbox *m = link->mailbox;
    while (length > 0) {
        int64_t room = wait_for(link, 0);
        if (room <= 0) {
            if (room == 0) fprintf(stderr, "vmbtestee: the harness is gone (mailbox)\n");
            return -1;
        }
        size_t count = (size_t)room < length ? (size_t)room : length;
        uint64_t written = atomic_load_explicit(m->answers_written, memory_order_relaxed);
        size_t at = (size_t)(written & (m->answers_size - 1));
        size_t first = count < m->answers_size - at ? count : (size_t)(m->answers_size - at);
        memcpy(m->answers + at, bytes, first);
        memcpy(m->answers, bytes + first, count - first);
        atomic_store_explicit(m->answers_written, written + count, memory_order_release);
        wake_harness(link);
        bytes += count;
        length -= count;
    }
    return 0;
}
