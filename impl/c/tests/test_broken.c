/*
 * Shows that a broken variant misbehaves: built once per variant with -DVMBRING_BREAK=<name> and linked
 * against vmbring_broken_<name>. Each case passes when the variant breaks its rule, as it should.
 * (abort_on_malformed and hang_when_full are only built: running them would abort or hang the test.)
 */
#include "break.h"
#include "check.h"
#include "ring_util.h"
#include "vmbring.h"

#include <errno.h>
#include <string.h>

#define S4K 4096u

static uint8_t buf[8192];

static void attach_at(struct test_ring *t, uint32_t start, struct vmbring_writer *w, struct vmbring_reader *r,
                      struct doorbell *to_reader)
{
    ctl_set(t, VMBRING_OFF_WRITE_INDEX, start);
    ctl_set(t, VMBRING_OFF_READ_INDEX, start);
    if (to_reader) to_reader->ring = t;
    CHECK_EQ(vmbring_writer_attach(w, t->base, t->size, 0, to_reader ? ring_doorbell : NULL, to_reader, NULL), 0);
    CHECK_EQ(vmbring_reader_attach(r, t->base, t->size, NULL, NULL, NULL), 0);
}

static void declares_the_broken_rule(void)
{
    const struct vmbring_declaration *d = vmbring_declare();
    CHECK_STR(d->name, "vmbring-broken-" VMBRING_STR(VMBRING_BREAK));
    CHECK(d->broken != NULL);
}

static void misbehaves(void)
{
    struct test_ring t = ring_new(S4K);
    struct vmbring_writer w;
    struct vmbring_reader r;
    struct doorbell to_reader;
    memset(&to_reader, 0, sizeof to_reader);
    attach_at(&t, 0x40, &w, &r, &to_reader);
    struct vmbring_packet p;
    struct vmbring_error e;
    struct vmbring_send s = inband(1, 0x2A, "hello", 5);
#if BROKEN(wrong_trailer)
    CHECK_STR(vmbring_declare()->broken, "R-DESC-7");
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    CHECK(data_get64(&t, 0x40 + 24) != (uint64_t)0x40 << 32); /* the trailer is wrong */
#elif BROKEN(trusts_shared_read_index)
    CHECK_STR(vmbring_declare()->broken, "R-MAL-12");
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    s.transaction_id = 0x2B;
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    ctl_set(&t, VMBRING_OFF_READ_INDEX, 0x40); /* the peer scribbles on read_index */
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), 0);
    CHECK_EQ(p.transaction_id, 0x2A); /* the first packet again, not the second */
#elif BROKEN(fills_ring)
    CHECK_STR(vmbring_declare()->broken, "R-RING-7");
    static uint8_t payload[4096];
    s = inband(0, 1, payload, 4000); /* total 4024, leaves 72 */
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    s = inband(0, 2, payload, 72 - 24); /* total 72: fills the ring completely */
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_WRITE_INDEX), ctl_get(&t, VMBRING_OFF_READ_INDEX)); /* looks empty */
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, NULL), -EAGAIN);
#elif BROKEN(signals_every_write)
    CHECK_STR(vmbring_declare()->broken, "R-SIG-1");
    ctl_set(&t, VMBRING_OFF_INTERRUPT_MASK, 0);
    int sig = 0;
    CHECK_EQ(vmbring_write(&w, &s, &sig, NULL), 0);
    CHECK_EQ(vmbring_write(&w, &s, &sig, NULL), 0);
    CHECK_EQ(sig, 1); /* the ring was not empty before */
    CHECK_EQ(to_reader.calls, 2);
#elif BROKEN(steps_over_malformed)
    CHECK_STR(vmbring_declare()->broken, "R-MAL-9");
    s.flags = 1;
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    uint8_t flags[2] = {0x02, 0x00};
    data_put(&t, 0x40 + 6, flags, 2);
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, &e), -EBADMSG);
    CHECK_STR(e.rule, "R-MAL-6");
    CHECK(ctl_get(&t, VMBRING_OFF_READ_INDEX) != 0x40); /* the rejected packet was consumed */
    CHECK_EQ(vmbring_read(&r, buf, sizeof buf, &p, NULL, &e), -EAGAIN); /* a retry does not repeat the error */
#elif BROKEN(truncates)
    CHECK_STR(vmbring_declare()->broken, "R-MAL-14");
    CHECK_EQ(vmbring_write(&w, &s, NULL, NULL), 0);
    uint8_t small[16];
    CHECK_EQ(vmbring_read(&r, small, sizeof small, &p, NULL, NULL), 0); /* not -ENOBUFS */
    CHECK_EQ(ctl_get(&t, VMBRING_OFF_READ_INDEX), 0x60); /* consumed */
#else
#error "this variant has no misbehaviour test"
#endif
    (void)e;
    (void)buf;
    (void)p;
    ring_free(&t);
}

static const struct test_case cases[] = {
    {"declares_the_broken_rule", declares_the_broken_rule},
    {"misbehaves", misbehaves},
};

int main(int argc, char **argv) { return run_cases(cases, sizeof cases / sizeof cases[0], argc, argv); }
