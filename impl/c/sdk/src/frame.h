/*
 * Frames of testee protocol v1 (spec/testee-protocol.md §2): a 12-byte header (u32 length, u16 kind,
 * u16 reserved, u32 id), then the body; every integer little-endian and unaligned. Integers are
 * assembled byte by byte so the code is right on any host byte order and alignment.
 */
#ifndef VMBTESTEE_FRAME_H
#define VMBTESTEE_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define VT_HEADER_SIZE 12u
#define VT_MAX_LENGTH (16u * 1024u * 1024u) /* largest `length` field either side sends (§2) */

/* A growable byte buffer; one for requests and one for answers live for the whole session. */
struct vt_buffer {
    uint8_t *bytes;
    size_t length;
    size_t capacity;
};

struct vt_mailbox; /* mailbox.h */

/*
 * Where frames come from and go to: the two pipes (`in_fd`, `out_fd`), or, once the harness moved the
 * link there (§20), the shared mailbox, the pipes then carrying only wake-ups.
 */
struct vt_link {
    int in_fd, out_fd;
    struct vt_mailbox *mailbox; /* NULL: frames on the pipes */
};

/* One received frame; `body` points into the session's request buffer. */
struct vt_frame {
    uint16_t kind;
    uint32_t id;
    const uint8_t *body;
    uint32_t body_length;
};

/*
 * Reads one whole frame from the link. Returns 1 with a frame, 0 at a clean end of stream (before any
 * byte of a header), -1 on a malformed frame or an error (explained on stderr).
 */
int vt_read_frame(struct vt_link *link, struct vt_buffer *buffer, struct vt_frame *frame);

/* Writes all of `bytes` to `fd`, retrying short writes; -1 on error. */
int vt_write_all(int fd, const uint8_t *bytes, size_t length);

/* Builder: starts a frame, appends fields, then patches the length in and sends it in one write. */
void vt_begin(struct vt_buffer *out, uint16_t kind, uint32_t id);
void vt_u8(struct vt_buffer *out, uint8_t v);
void vt_u16(struct vt_buffer *out, uint16_t v);
void vt_u32(struct vt_buffer *out, uint32_t v);
void vt_u64(struct vt_buffer *out, uint64_t v);
void vt_zero(struct vt_buffer *out, size_t count);
void vt_bytes(struct vt_buffer *out, const void *bytes, size_t count);
void vt_str(struct vt_buffer *out, const char *text); /* NULL is the empty string */
int vt_send(struct vt_link *link, struct vt_buffer *out);

/* Cursor over a body. Any read past the end sets `bad`; the caller checks once at the end. */
struct vt_cursor {
    const uint8_t *at;
    uint32_t left;
    int bad;
};

uint8_t vt_get_u8(struct vt_cursor *c);
uint16_t vt_get_u16(struct vt_cursor *c);
uint32_t vt_get_u32(struct vt_cursor *c);
uint64_t vt_get_u64(struct vt_cursor *c);
const uint8_t *vt_get_bytes(struct vt_cursor *c, uint32_t count);
/* A str field (§2) copied into a NUL-terminated `text` of `capacity` bytes; too long sets `bad`. */
void vt_get_str(struct vt_cursor *c, char *text, size_t capacity);
/* 1 when the body was read exactly to its end: a longer or shorter body is a protocol violation. */
int vt_done(const struct vt_cursor *c);

#endif /* VMBTESTEE_FRAME_H */
