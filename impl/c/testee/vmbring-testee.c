/* vmbring served to the conformance harness: the six-function table of the vmbtestee SDK. */
#include <errno.h>
#include <vmbring.h>
#include <vmbtestee.h>
struct endpoints { struct vmbring_writer w; struct vmbring_reader r; };

/* vmbring's errno-style results onto the protocol's: -EBADMSG is a refused corrupt ring. */
static enum vmbtestee_result map_rc(int rc, const struct vmbring_error *e, struct vmbtestee_error *err)
{
    err->message = e->message ? e->message : "vmbring refused the operation";
    err->rule = e->rule, err->field = e->field;
    err->offset = e->offset, err->has_offset = e->offset >= 0;
    err->value = (int64_t)e->value, err->has_value = e->field != 0;
    /* -EINVAL: a packet vmbring has no code to write. */
    return rc == -EINVAL ? VMBTESTEE_UNSUPPORTED : rc == -EBADMSG ? VMBTESTEE_FORMAT_ERROR : VMBTESTEE_FAILED;
}

static void declare(void *self, struct vmbtestee_declaration *out)
{
    const struct vmbring_declaration *d = vmbring_declare(); (void)self;
    out->name = d->name, out->version = d->version;
    out->writer_caps = d->writer_caps, out->reader_caps = d->reader_caps;
}

static enum vmbtestee_result attach_writer(void *self, void *ring, uint32_t size, int create,
                                           vmbtestee_doorbell_fn bell, void *ctx, struct vmbtestee_error *err)
{
    struct vmbring_error e = {0};
    int rc = vmbring_writer_attach(&((struct endpoints *)self)->w, ring, size, create, bell, ctx, &e);
    return rc == 0 ? VMBTESTEE_OK : rc == -EINVAL ? VMBTESTEE_FAILED : map_rc(rc, &e, err);
}

static enum vmbtestee_result attach_reader(void *self, void *ring, uint32_t size,
                                           vmbtestee_doorbell_fn bell, void *ctx, struct vmbtestee_error *err)
{
    struct vmbring_error e = {0};
    int rc = vmbring_reader_attach(&((struct endpoints *)self)->r, ring, size, bell, ctx, &e);
    return rc == 0 ? VMBTESTEE_OK : rc == -EINVAL ? VMBTESTEE_FAILED : map_rc(rc, &e, err);
}

static enum vmbtestee_result write_packet(void *self, const struct vmbtestee_packet *p, int *full, struct vmbtestee_error *err)
{
    struct vmbring_send s = { p->type, p->flags, p->transaction_id, p->header, p->header_len, p->payload, p->payload_len };
    struct vmbring_error e = {0};
    int rc = vmbring_write(&((struct endpoints *)self)->w, &s, 0, &e);
    *full = rc == -EAGAIN;
    return rc == 0 || rc == -EAGAIN ? VMBTESTEE_OK : map_rc(rc, &e, err);
}

static enum vmbtestee_result read_packet(void *self, uint8_t *dst, uint32_t size, struct vmbtestee_read *out, struct vmbtestee_error *err)
{
    struct vmbring_packet p = {0}; struct vmbring_error e = {0};
    int rc = vmbring_read(&((struct endpoints *)self)->r, dst, size, &p, 0, &e);
    out->status = rc == 0 ? VMBTESTEE_READ_PACKET : rc == -EAGAIN ? VMBTESTEE_READ_EMPTY
                : rc == -ENOBUFS ? VMBTESTEE_READ_TOO_SMALL : VMBTESTEE_READ_MALFORMED;
    out->type = p.type, out->offset8 = p.offset8, out->len8 = p.len8, out->flags = p.flags;
    out->transaction_id = p.transaction_id, out->ring_offset = p.ring_offset, out->length = p.length;
    out->required_size = rc == -ENOBUFS ? p.length : 0;
    out->has_error = rc == -EBADMSG;
    if (rc == 0 || rc == -EAGAIN || rc == -ENOBUFS) return VMBTESTEE_OK;
    return rc == -EBADMSG ? (map_rc(rc, &e, err), VMBTESTEE_OK) : map_rc(rc, &e, err);
}

static enum vmbtestee_result mask(void *self, int masked, int *waiting, struct vmbtestee_error *err)
{
    struct vmbring_error e = {0};
    if (masked) { vmbring_reader_mask(&((struct endpoints *)self)->r); return VMBTESTEE_OK; }
    int rc = vmbring_reader_unmask(&((struct endpoints *)self)->r, &e);
    *waiting = rc == 1;
    return rc >= 0 ? VMBTESTEE_OK : map_rc(rc, &e, err);
}

int main(void)
{
    /* Publish-on-every-operation: commit and revert stay NULL (no-ops); nothing to detach. */
    static const struct vmbtestee_ring table = { declare, attach_writer, attach_reader, write_packet, read_packet, mask, 0, 0, 0 };
    struct endpoints endpoints;
    return vmbtestee_run(&table, &endpoints);
}
