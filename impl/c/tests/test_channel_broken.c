/* Each broken variant of vmbchannel (channel/src/break.h) shown breaking its invariant, in process. */
#include "check.h"
#include "channel_env.h"

#include "break.h"

static int replies_on_the_outgoing_ring(struct fake *f)
{
    struct vmbring_packet d;
    uint8_t bytes[64];
    int n = 0;
    while (vmbring_read(&f->peer_reader, bytes, sizeof bytes, &d, NULL, NULL) == 0) n++;
    return n;
}

static void declares_the_variant(void)
{
    const struct vmbchannel_declaration *d = vmbchannel_declare();
    CHECK(d->broken != NULL);
    CHECK(strstr(d->name, "vmbchannel-broken-") == d->name);
}

static void misbehaves(void)
{
    struct fake f;
    fake_open(&f, 4096, 4096, VMBCHANNEL_RAW);
    fake_start(&f);
    f.policy = VMBCHANNEL_BROKEN(completes_twice) ? CLIENT_COMPLETE : CLIENT_NOTHING;
    fake_send(&f, VMBRING_TYPE_INBAND, 1, 0x2A, "hello", 5, VMBCHANNEL_DISPATCH);
    fake_run_work(&f);
    const struct event *e = fake_nth(&f, EV_PRESENT, 0);
    CHECK(e != NULL);
    if (!e) return;
    if (VMBCHANNEL_BROKEN(completes_twice)) CHECK_EQ(replies_on_the_outgoing_ring(&f), 2); /* one Complete, two replies */
    if (VMBCHANNEL_BROKEN(buffer_includes_header)) {
        CHECK_EQ(e->length, 24);                       /* the descriptor counted in */
        CHECK_EQ(e->bytes[0], VMBRING_TYPE_INBAND);    /* Buffer starts at the descriptor */
    }
    if (VMBCHANNEL_BROKEN(external_without_flag)) {
        struct vmbchannel_view v;
        int has_view = 0;
        CHECK_EQ(e->value, 0);                         /* not flagged… */
        CHECK_EQ(vmbchannel_get_external(f.c, e->token, 0, &has_view, &v), VMBCHANNEL_STATUS_SUCCESS); /* …yet a view */
        CHECK_EQ(has_view, 1);
    }
    fake_close(&f);
}

int main(int argc, char **argv)
{
    static const struct test_case cases[] = {
        { "declares_the_variant", declares_the_variant },
        { "misbehaves", misbehaves },
    };
    return run_cases(cases, sizeof cases / sizeof cases[0], argc, argv);
}
