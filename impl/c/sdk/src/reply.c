/* Result header and error block (spec/testee-protocol.md §4.1, §4.2). */
#include "reply.h"

void vt_result(struct vt_buffer *out, uint8_t result)
{
    vt_u8(out, result);
    vt_zero(out, 3);
}

void vt_error_block(struct vt_buffer *out, const struct vmbtestee_error *e)
{
    vt_u8(out, (uint8_t)((e->has_offset ? 1 : 0) | (e->has_value ? 2 : 0)));
    vt_zero(out, 7);
    vt_u64(out, (uint64_t)e->offset);
    vt_u64(out, (uint64_t)e->value);
    vt_str(out, e->message && e->message[0] ? e->message : "operation refused (no message given)");
    vt_str(out, e->rule);
    vt_str(out, e->field);
}

void vt_failed(struct vt_buffer *out, const char *message)
{
    struct vmbtestee_error e = {0};
    e.message = message;
    vt_result(out, VMBTESTEE_FAILED);
    vt_error_block(out, &e);
}
