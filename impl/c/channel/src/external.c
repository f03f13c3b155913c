/*
 * External data: retrievable only from a packet presented with EXTERNAL_DATA (R-EXT-5, R-EXT-21); the
 * view lists the sender's ranges one for one (R-EXT-16); a page that is not resident makes the answer
 * PENDING and the packet comes back once it is (R-EXT-9, R-EXT-10), presented from PASSIVE work.
 * Views are read and written through the environment's guest memory, page by page, or with one question
 * and one read per access when the environment answers many pages at once.
 */
#include "channel.h"

#include <errno.h>
#include <stdlib.h>

#define PAGE 4096u

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p) { return le32(p) | (uint64_t)le32(p + 4) << 32; }

/*
 * The ranges of a GPA-direct packet (spec/wire-format.md, R-DESC-12) from the validated copy; the ring
 * reader already checked them (R-MAL-8). Returns 0, or -1 when memory runs out.
 */
static int parse_ranges(struct packet *p)
{
    uint32_t count = 0, pages = 0, at = 24, end = (uint32_t)p->descriptor.offset8 * 8;
    if (p->descriptor.type == VMBRING_TYPE_GPA_DIRECT) count = le32(p->bytes + 20);
    for (uint32_t i = 0, pos = at; i < count && pos + 8 <= end; i++) {
        uint32_t k = (le32(p->bytes + pos + 4) + le32(p->bytes + pos) + PAGE - 1) / PAGE;
        pages += k;
        pos += 8 + 8 * k;
    }
    p->ranges = calloc(count ? count : 1, sizeof *p->ranges);
    p->pages = calloc(pages ? pages : 1, sizeof *p->pages);
    if (!p->ranges || !p->pages) return -1;
    uint64_t length = 0;
    for (uint32_t i = 0, n = 0; i < count; i++) {
        struct vmbchannel_range *r = &p->ranges[i];
        r->byte_count = le32(p->bytes + at);
        r->byte_offset = le32(p->bytes + at + 4);
        r->page_count = (r->byte_offset + r->byte_count + PAGE - 1) / PAGE;
        r->pages = p->pages + n;
        for (uint32_t k = 0; k < r->page_count; k++) p->pages[n++] = le64(p->bytes + at + 8 + 8 * k);
        at += 8 + 8 * r->page_count;
        length += r->byte_count;
    }
    p->view.range_count = count;
    p->view.ranges = p->ranges;
    p->view.length = length;
    return 0;
}

/* The first page, in the ranges' order, that is missing or not resident, asked about all at once (env.guest_pages). */
static int32_t pages_ready_at_once(struct vmbchannel *c, struct packet *p)
{
    uint32_t total = 0;
    for (uint32_t i = 0; i < p->view.range_count; i++) total += p->ranges[i].page_count;
    uint8_t *states = malloc(total ? total : 1);
    if (!states || c->env.guest_pages(c->env.ctx, total, p->pages, states) != 0) {
        free(states);
        return VMBCHANNEL_STATUS_INVALID_PARAMETER_1;
    }
    int32_t status = VMBCHANNEL_STATUS_SUCCESS;
    for (uint32_t k = 0; k < total && status == VMBCHANNEL_STATUS_SUCCESS; k++) {
        if (!(states[k] & VMBCHANNEL_PAGE_EXISTS)) status = VMBCHANNEL_STATUS_INVALID_PARAMETER_1;
        else if (!(states[k] & VMBCHANNEL_PAGE_RESIDENT)) {
            p->state = PACKET_AWAITING_PAGES;
            p->cookie = ++c->next_cookie;
            c->env.when_resident(c->env.ctx, p->pages[k], p->cookie); /* RESIDENT may come inside */
            status = VMBCHANNEL_STATUS_PENDING;
        }
    }
    free(states);
    return status;
}

/* 0 when every page is resident; PENDING with a WHEN_RESIDENT asked; an error for a missing page (R-EXT-11). */
static int32_t pages_ready(struct vmbchannel *c, struct packet *p)
{
    if (c->env.guest_pages) return pages_ready_at_once(c, p);
    for (uint32_t i = 0; i < p->view.range_count; i++) {
        const struct vmbchannel_range *r = &p->ranges[i];
        for (uint32_t k = 0; k < r->page_count; k++) {
            int exists = 0, resident = 0;
            if (c->env.guest_page(c->env.ctx, r->pages[k], &exists, &resident) != 0 || !exists)
                return VMBCHANNEL_STATUS_INVALID_PARAMETER_1;
            if (resident) continue;
            p->state = PACKET_AWAITING_PAGES;
            p->cookie = ++c->next_cookie;
            c->env.when_resident(c->env.ctx, r->pages[k], p->cookie); /* RESIDENT may come inside */
            return VMBCHANNEL_STATUS_PENDING;
        }
    }
    return VMBCHANNEL_STATUS_SUCCESS;
}

int32_t vmbchannel_get_external(struct vmbchannel *c, uint64_t token, uint32_t flags, int *has_view,
                                struct vmbchannel_view *view)
{
    *has_view = 0;
    struct packet *p = packet_find(c, token);
    if (!p) return VMBCHANNEL_STATUS_INVALID_PARAMETER_1;
    /* An error and no view without the flag (R-EXT-5); the broken variant hands in-band packets an empty view. */
    int broken = VMBCHANNEL_BROKEN(external_without_flag) && p->descriptor.type == VMBRING_TYPE_INBAND;
    if (!(p->flags & VMBCHANNEL_FLAG_EXTERNAL_DATA) && !broken) return VMBCHANNEL_STATUS_INVALID_DEVICE_REQUEST;
    if (!p->has_view) {
        if (!p->ranges && parse_ranges(p) != 0) return VMBCHANNEL_STATUS_INVALID_DEVICE_REQUEST;
        int32_t status = pages_ready(c, p);
        if (status != VMBCHANNEL_STATUS_SUCCESS) return status;
        p->has_view = 1;
        p->view.id = ++c->next_view;
    }
    p->view.read_only = (flags & 1u) != 0; /* READ_ONLY honoured, as asked this time (R-EXT-6) */
    *has_view = 1;
    *view = p->view;
    return VMBCHANNEL_STATUS_SUCCESS;
}

void vmbchannel_resident(struct vmbchannel *c, uint32_t cookie)
{
    for (uint32_t i = 0; i < c->slot_count; i++) {
        struct packet *p = c->slots[i];
        if (!p || p->state != PACKET_AWAITING_PAGES || p->cookie != cookie) continue;
        p->state = PACKET_REPRESENT_DUE;
        if (intake_open(c)) work_queue(c, WORK_REPRESENT, VMBCHANNEL_PASSIVE, p->token); /* else at Start */
        return;
    }
}

static struct packet *view_packet(struct vmbchannel *c, uint32_t view)
{
    for (uint32_t i = 0; i < c->slot_count; i++)
        if (c->slots[i] && c->slots[i]->has_view && c->slots[i]->view.id == view) return c->slots[i];
    return NULL;
}

/* Reads `count` bytes at `offset` across the ranges in order with one env.guest_read_pieces; 0, or non-zero as it. */
static int read_at_once(struct vmbchannel *c, const struct packet *p, uint64_t offset, uint32_t count, uint8_t *to)
{
    /* At most one piece per page touched in each range, plus one per range for its first, partial page. */
    uint32_t most = count / PAGE + 2 * p->view.range_count + 1, n = 0, done = 0;
    struct vmbchannel_piece *pieces = malloc(most * sizeof *pieces);
    if (!pieces) return -1;
    for (uint32_t i = 0; i < p->view.range_count && done < count; i++) {
        const struct vmbchannel_range *r = &p->ranges[i];
        if (offset >= r->byte_count) { offset -= r->byte_count; continue; }
        while (offset < r->byte_count && done < count && n < most) {
            uint64_t at = r->byte_offset + offset;
            uint32_t page_offset = (uint32_t)(at % PAGE), k = PAGE - page_offset;
            if (k > r->byte_count - offset) k = (uint32_t)(r->byte_count - offset);
            if (k > count - done) k = count - done;
            pieces[n++] = (struct vmbchannel_piece){ r->pages[at / PAGE], page_offset, k };
            done += k;
            offset += k;
        }
        offset = 0;
    }
    int rc = done == count ? c->env.guest_read_pieces(c->env.ctx, n, pieces, to) : -1;
    free(pieces);
    return rc;
}

/* Copies `count` bytes at `offset` across the ranges in order, one guest page at a time. */
static int view_io(struct vmbchannel *c, uint32_t view, uint64_t offset, uint32_t count, uint8_t *to,
                   const uint8_t *from, struct vmbchannel_error *err)
{
    struct packet *p = view_packet(c, view);
    if (!p) {
        err->rule = "R-EXT-14";
        err->message = "the view is gone: its packet was answered";
        return -EPERM;
    }
    if (from && p->view.read_only) {
        err->rule = "R-EXT-6";
        err->message = "a write through a read-only view";
        return -EPERM;
    }
    if (offset > p->view.length || count > p->view.length - offset) {
        err->rule = "R-EXT-16";
        err->message = "view access beyond the view's length";
        return -EPERM;
    }
    if (to && c->env.guest_read_pieces) {
        if (read_at_once(c, p, offset, count, to) == 0) return 0;
        err->rule = "R-EXT-12";
        err->message = "guest memory behind the view could not be reached";
        return -EIO;
    }
    uint32_t done = 0;
    for (uint32_t i = 0; i < p->view.range_count && done < count; i++) {
        const struct vmbchannel_range *r = &p->ranges[i];
        if (offset >= r->byte_count) { offset -= r->byte_count; continue; }
        while (offset < r->byte_count && done < count) {
            uint64_t at = r->byte_offset + offset;
            uint32_t page_offset = (uint32_t)(at % PAGE), n = PAGE - page_offset;
            if (n > r->byte_count - offset) n = (uint32_t)(r->byte_count - offset);
            if (n > count - done) n = count - done;
            uint64_t page = r->pages[at / PAGE];
            int rc = to ? c->env.guest_read(c->env.ctx, page, page_offset, n, to + done)
                        : c->env.guest_write(c->env.ctx, page, page_offset, n, from + done);
            if (rc != 0) {
                err->rule = "R-EXT-12";
                err->message = "guest memory behind the view could not be reached";
                return -EIO;
            }
            done += n;
            offset += n;
        }
        offset = 0;
    }
    return 0;
}

int vmbchannel_view_read(struct vmbchannel *c, uint32_t view, uint64_t offset, uint32_t count, uint8_t *to,
                         struct vmbchannel_error *err)
{
    return view_io(c, view, offset, count, to, NULL, err);
}

int vmbchannel_view_write(struct vmbchannel *c, uint32_t view, uint64_t offset, uint32_t count,
                          const uint8_t *from, struct vmbchannel_error *err)
{
    return view_io(c, view, offset, count, NULL, from, err);
}
