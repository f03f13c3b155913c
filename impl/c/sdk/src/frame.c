/* Framing of testee protocol v1 (spec/testee-protocol.md §2). */
#define _POSIX_C_SOURCE 200809L /* read, write, ssize_t under -std=c11 */

#include "frame.h"
#include "mailbox.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void reserve(struct vt_buffer *b, size_t more)
{
    if (b->length + more <= b->capacity) return;
    size_t capacity = b->capacity ? b->capacity : 4096;
    while (capacity < b->length + more) capacity *= 2;
    uint8_t *bytes = realloc(b->bytes, capacity);
    if (!bytes) {
        /* Out of memory in the glue is not the ring's fault; dying loudly beats a wrong answer. */
        fprintf(stderr, "vmbtestee: out of memory (%zu bytes)\n", capacity);
        exit(3);
    }
    b->bytes = bytes;
    b->capacity = capacity;
}

/* Reads exactly `length` bytes. Returns 1, 0 at end of stream before the first byte, -1 otherwise. */
static int read_exact(struct vt_link *link, uint8_t *to, size_t length)
{
    size_t done = 0;
    while (done < length) {
        ssize_t n = link->mailbox ? vt_mailbox_read(link, to + done, length - done)
                                  : read(link->in_fd, to + done, length - done);
        if (n > 0) { done += (size_t)n; continue; }
        if (n < 0 && errno == EINTR) continue;
        if (n == 0 && done == 0) return 0;
        if (n < 0 && errno == EPROTO) return -1; /* the mailbox said why already */
        fprintf(stderr, "vmbtestee: request stream %s after %zu of %zu bytes\n",
                n == 0 ? "ended" : strerror(errno), done, length);
        return -1;
    }
    return 1;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int vt_read_frame(struct vt_link *link, struct vt_buffer *buffer, struct vt_frame *frame)
{
    uint8_t header[VT_HEADER_SIZE];
    int got = read_exact(link, header, 4);
    if (got <= 0) return got;
    uint32_t length = le32(header);
    if (length < 8 || length > VT_MAX_LENGTH) {
        fprintf(stderr, "vmbtestee: frame length %u out of range\n", length);
        return -1;
    }
    if (read_exact(link, header + 4, 8) != 1) return -1;
    buffer->length = 0;
    reserve(buffer, length - 8);
    if (length > 8 && read_exact(link, buffer->bytes, length - 8) != 1) return -1;
    if (header[6] != 0 || header[7] != 0) {
        fprintf(stderr, "vmbtestee: frame reserved field is not 0\n");
        return -1;
    }
    frame->kind = (uint16_t)(header[4] | header[5] << 8);
    frame->id = le32(header + 8);
    frame->body = buffer->bytes;
    frame->body_length = length - 8;
    return 1;
}

int vt_write_all(int fd, const uint8_t *bytes, size_t length)
{
    while (length > 0) {
        ssize_t n = write(fd, bytes, length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            fprintf(stderr, "vmbtestee: answer stream: %s\n", n < 0 ? strerror(errno) : "closed");
            return -1;
        }
        bytes += n;
        length -= (size_t)n;
    }
    return 0;
}

void vt_begin(struct vt_buffer *out, uint16_t kind, uint32_t id)
{
    out->length = 0;
    vt_u32(out, 0); /* patched by vt_send */
    vt_u16(out, kind);
    vt_u16(out, 0);
    vt_u32(out, id);
}

/* Appends the low `size` bytes of `v`, least significant first (little-endian on any host). */
static void put(struct vt_buffer *out, uint64_t v, size_t size)
{
    reserve(out, size);
    for (size_t i = 0; i < size; i++) out->bytes[out->length + i] = (uint8_t)(v >> (8 * i));
    out->length += size;
}

void vt_u8(struct vt_buffer *out, uint8_t v) { put(out, v, 1); }
void vt_u16(struct vt_buffer *out, uint16_t v) { put(out, v, 2); }
void vt_u32(struct vt_buffer *out, uint32_t v) { put(out, v, 4); }
void vt_u64(struct vt_buffer *out, uint64_t v) { put(out, v, 8); }

void vt_zero(struct vt_buffer *out, size_t count)
{
    reserve(out, count);
    memset(out->bytes + out->length, 0, count);
    out->length += count;
}

void vt_bytes(struct vt_buffer *out, const void *bytes, size_t count)
{
    reserve(out, count);
    if (count) memcpy(out->bytes + out->length, bytes, count);
    out->length += count;
}

void vt_str(struct vt_buffer *out, const char *text)
{
    size_t n = text ? strlen(text) : 0;
    if (n > 0xFFFF) n = 0xFFFF; /* a str carries at most a u16 of bytes */
    vt_u16(out, (uint16_t)n);
    vt_bytes(out, text, n);
}

int vt_send(struct vt_link *link, struct vt_buffer *out)
{
    uint32_t length = (uint32_t)(out->length - 4);
    for (int i = 0; i < 4; i++) out->bytes[i] = (uint8_t)(length >> (8 * i));
    if (link->mailbox) return vt_mailbox_write_all(link, out->bytes, out->length);
    /* One write call per frame where the pipe allows it; vt_write_all finishes a short one (§1). */
    return vt_write_all(link->out_fd, out->bytes, out->length);
}

static uint64_t get(struct vt_cursor *c, uint32_t size)
{
    if (c->left < size) { c->bad = 1; c->left = 0; return 0; }
    uint64_t v = 0;
    for (uint32_t i = 0; i < size; i++) v |= (uint64_t)c->at[i] << (8 * i);
    c->at += size;
    c->left -= size;
    return v;
}

uint8_t vt_get_u8(struct vt_cursor *c) { return (uint8_t)get(c, 1); }
uint16_t vt_get_u16(struct vt_cursor *c) { return (uint16_t)get(c, 2); }
uint32_t vt_get_u32(struct vt_cursor *c) { return (uint32_t)get(c, 4); }
uint64_t vt_get_u64(struct vt_cursor *c) { return get(c, 8); }

const uint8_t *vt_get_bytes(struct vt_cursor *c, uint32_t count)
{
    if (c->left < count) { c->bad = 1; c->left = 0; return NULL; }
    const uint8_t *at = c->at;
    c->at += count;
    c->left -= count;
    return at;
}

void vt_get_str(struct vt_cursor *c, char *text, size_t capacity)
{
    uint16_t n = vt_get_u16(c);
    const uint8_t *bytes = vt_get_bytes(c, n);
    if (!bytes || n >= capacity) { c->bad = 1; text[0] = '\0'; return; }
    memcpy(text, bytes, n);
    text[n] = '\0';
}

int vt_done(const struct vt_cursor *c) { return !c->bad && c->left == 0; }
