/*
 * A fake world for vmbchannel's unit tests: it records every call the channel makes out (callbacks,
 * work, signals, tasks), runs queued work at the level it was queued for, plays a scripted client, and
 * owns both rings, writing the incoming one as the opposite endpoint and reading replies off the other.
 */
#ifndef VMBCHANNEL_TEST_ENV_H
#define VMBCHANNEL_TEST_ENV_H

#include "ring_util.h"
#include "vmbchannel.h"

#include <stdio.h>

enum ev_kind { EV_PRESENT, EV_PROCESSING_COMPLETE, EV_STATE, EV_QUEUE, EV_SIGNAL_PEER, EV_TASK, EV_STOPPED, EV_NON_DATA, EV_WHEN_RESIDENT };

struct event {
    enum ev_kind kind;
    int level;           /* the level the channel was at when it called out */
    uint64_t token;      /* EV_PRESENT */
    uint32_t value;      /* flags, count, state, work id, task, packet type, cookie */
    uint32_t length;     /* EV_PRESENT: BufferLength */
    uint8_t bytes[64];   /* EV_PRESENT: the first bytes of Buffer */
    const char *rule;    /* EV_STOPPED */
    uint32_t registration; /* EV_PRESENT, EV_PROCESSING_COMPLETE */
    uint64_t context;
};

/* What the scripted client does inside the process-packet callback. */
enum client_policy { CLIENT_NOTHING, CLIENT_COMPLETE, CLIENT_FAIL, CLIENT_GET_EXTERNAL };

struct fake {
    struct vmbchannel *c;
    int level;
    struct event ev[256];
    int n;
    struct { uint32_t id; int level; } work[64];
    int work_n;
    enum client_policy policy;
    int32_t external_status;  /* CLIENT_GET_EXTERNAL: what the last call returned */
    uint64_t missing_page;    /* a page that is not resident (0: every page is) */
    int32_t opened_status;    /* what the client's Opened returns */
    struct test_ring in, out;
    struct vmbring_writer peer_writer;
    struct vmbring_reader peer_reader;
};

static inline struct event *fake_record(struct fake *f, enum ev_kind kind)
{
    if (f->n == (int)(sizeof f->ev / sizeof f->ev[0])) abort();
    struct event *e = &f->ev[f->n++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->level = f->level;
    return e;
}

static inline int fake_level(void *ctx) { return ((struct fake *)ctx)->level; }

static inline void fake_present(void *ctx, uint32_t registration, uint64_t channel, uint64_t context, uint64_t token, uint32_t flags,
                         const uint8_t *buffer, uint32_t length)
{
    struct fake *f = ctx;
    (void)channel;
    struct event *e = fake_record(f, EV_PRESENT);
    e->token = token, e->value = flags, e->length = length, e->registration = registration, e->context = context;
    if (length) memcpy(e->bytes, buffer, length < 64 ? length : 64);
    struct vmbchannel_error err;
    struct vmbchannel_view view;
    int has_view;
    if (f->policy == CLIENT_COMPLETE) vmbchannel_complete(f->c, token, (const uint8_t *)"ok", 2, &err);
    if (f->policy == CLIENT_FAIL) vmbchannel_fail(f->c, token, &err);
    if (f->policy == CLIENT_GET_EXTERNAL) f->external_status = vmbchannel_get_external(f->c, token, 0, &has_view, &view);
}

static inline void fake_processing_complete(void *ctx, uint32_t registration, uint64_t channel, uint64_t context, uint32_t count)
{
    (void)channel;
    struct event *e = fake_record(ctx, EV_PROCESSING_COMPLETE);
    e->value = count, e->registration = registration, e->context = context;
}

static inline int32_t fake_state(void *ctx, enum vmbchannel_state which, uint64_t channel)
{
    (void)channel;
    fake_record(ctx, EV_STATE)->value = (uint32_t)which;
    return which == VMBCHANNEL_OPENED ? ((struct fake *)ctx)->opened_status : 0;
}

static inline void fake_queue(void *ctx, int level, uint32_t work)
{
    struct fake *f = ctx;
    fake_record(f, EV_QUEUE)->value = work;
    f->work[f->work_n].id = work;
    f->work[f->work_n++].level = level;
}

static inline void fake_signal_peer(void *ctx) { fake_record(ctx, EV_SIGNAL_PEER); }
static inline void fake_task_done(void *ctx, uint32_t task) { fake_record(ctx, EV_TASK)->value = task; }

static inline void fake_stopped(void *ctx, int malformed, const char *rule, const char *detail)
{
    (void)detail;
    struct event *e = fake_record(ctx, EV_STOPPED);
    e->value = (uint32_t)malformed;
    e->rule = rule;
}

static inline void fake_non_data(void *ctx, uint16_t type, uint64_t id)
{
    (void)id;
    fake_record(ctx, EV_NON_DATA)->value = type;
}

static inline int fake_guest_page(void *ctx, uint64_t page, int *exists, int *resident)
{
    *exists = 1;
    *resident = page != ((struct fake *)ctx)->missing_page;
    return 0;
}

static inline void fake_when_resident(void *ctx, uint64_t page, uint32_t cookie)
{
    (void)page;
    fake_record(ctx, EV_WHEN_RESIDENT)->value = cookie;
}

/* Guest memory: byte i of page p reads as (p + i) & 0xFF. */
static inline int fake_guest_read(void *ctx, uint64_t page, uint32_t offset, uint32_t count, uint8_t *to)
{
    (void)ctx;
    for (uint32_t i = 0; i < count; i++) to[i] = (uint8_t)(page + offset + i);
    return 0;
}

static inline int fake_guest_write(void *ctx, uint64_t page, uint32_t offset, uint32_t count, const uint8_t *from)
{
    (void)ctx, (void)page, (void)offset, (void)count, (void)from;
    return 0;
}

/* The fake world as the channel's environment. */
static inline struct vmbchannel_env fake_env(struct fake *f)
{
    const struct vmbchannel_env env = {
        f, fake_level, fake_present, fake_processing_complete, fake_state, fake_queue, fake_signal_peer,
        fake_task_done, fake_stopped, fake_non_data, fake_guest_page, fake_when_resident, fake_guest_read,
        fake_guest_write, NULL, NULL, /* page by page: the one-question calls are the testee's (test_channel_sdk) */
    };
    return env;
}

/* A channel over fresh rings (incoming data area `in_size`, outgoing `out_size`), allocated at PASSIVE. */
static inline void fake_open(struct fake *f, uint32_t in_size, uint32_t out_size, enum vmbchannel_profile profile)
{
    memset(f, 0, sizeof *f);
    f->in = ring_new(in_size);
    f->out = ring_new(out_size);
    vmbring_writer_attach(&f->peer_writer, f->in.base, in_size, 1, NULL, NULL, NULL);
    struct vmbring_writer creator;
    vmbring_writer_attach(&creator, f->out.base, out_size, 1, NULL, NULL, NULL);
    vmbring_reader_attach(&f->peer_reader, f->out.base, out_size, NULL, NULL, NULL);
    const struct vmbchannel_env env = fake_env(f);
    const struct vmbchannel_rings rings = { f->in.base, in_size, f->out.base, out_size };
    struct vmbchannel_error err;
    f->c = vmbchannel_create(&env, &rings, 0x77, profile, &err);
    if (!f->c) abort();
}

static inline void fake_close(struct fake *f)
{
    vmbchannel_destroy(f->c);
    ring_free(&f->in);
    ring_free(&f->out);
}

/* Registers the callbacks (processing-complete too) and enables: the channel is started. */
static inline void fake_start(struct fake *f)
{
    vmbchannel_set_callbacks(f->c, 1, 1, 5, 0);
    vmbchannel_set_state_callbacks(f->c, 0x1F);
    vmbchannel_enable(f->c);
}

/* Runs queued work, oldest first, each at its own level, until none is left. */
static inline void fake_run_work(struct fake *f)
{
    while (f->work_n > 0) {
        uint32_t id = f->work[0].id;
        int saved = f->level;
        f->level = f->work[0].level;
        memmove(f->work, f->work + 1, (size_t)--f->work_n * sizeof f->work[0]);
        vmbchannel_run_work(f->c, id);
        f->level = saved;
    }
}

/* The opposite endpoint writes one packet (types 0x6, 0xB: no header) and rings the doorbell at `level`. */
static inline void fake_send(struct fake *f, uint16_t type, uint16_t flags, uint64_t id, const void *payload, uint32_t length,
                      int level)
{
    struct vmbring_send s = { type, flags, id, NULL, 0, payload, length };
    if (vmbring_write(&f->peer_writer, &s, NULL, NULL) != 0) abort();
    int saved = f->level;
    f->level = level;
    vmbchannel_signal(f->c);
    f->level = saved;
}

static inline int fake_count(const struct fake *f, enum ev_kind kind)
{
    int n = 0;
    for (int i = 0; i < f->n; i++) n += f->ev[i].kind == kind;
    return n;
}

/* The i-th event of `kind`, or NULL. */
static inline const struct event *fake_nth(const struct fake *f, enum ev_kind kind, int i)
{
    for (int k = 0; k < f->n; k++)
        if (f->ev[k].kind == kind && i-- == 0) return &f->ev[k];
    return NULL;
}

#endif /* VMBCHANNEL_TEST_ENV_H */
