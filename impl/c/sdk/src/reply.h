/* The parts every reply body starts with (spec/testee-protocol.md §4.1, §4.2), for both levels. */
#ifndef VMBTESTEE_REPLY_H
#define VMBTESTEE_REPLY_H

#include "frame.h"
#include "vmbtestee.h"

/* The 4-byte result header: the result, then 3 reserved bytes. */
void vt_result(struct vt_buffer *out, uint8_t result);

/* An error block; an empty message is replaced by a readable one (it MUST NOT be empty, §4.2). */
void vt_error_block(struct vt_buffer *out, const struct vmbtestee_error *e);

/* A `failed` reply: the result header and an error block carrying `message`. */
void vt_failed(struct vt_buffer *out, const char *message);

#endif /* VMBTESTEE_REPLY_H */
