/* The scenario's shared ring file (spec/testee-protocol.md §4.4, D33). */
#ifndef VMBTESTEE_MAP_H
#define VMBTESTEE_MAP_H

#include <stddef.h>
#include <stdint.h>

struct vt_mapping {
    void *base;       /* start of the mapped file, or NULL */
    size_t size;      /* bytes mapped */
    int borrowed;     /* 1: memory mapped by someone else (the mailbox's scenario area), never unmapped here */
    uint8_t *ring;    /* control page; the data area follows at +4096 */
    uint32_t data_size;
};

/* What MAP asks for. */
struct vt_map_request {
    uint32_t page_size, control_offset, data_offset, data_size;
    uint64_t file_size;
    const char *path;
};

/*
 * Maps the file read-write and shared, replacing any earlier mapping. Returns 0, or -1 with a
 * one-line reason in `why` (a layout this library cannot hand to a ring, or an OS error).
 */
int vt_map(struct vt_mapping *m, const struct vt_map_request *request, char *why, size_t why_size);

/*
 * Maps `file_size` bytes of the file at `path` read-write and shared, replacing any earlier mapping;
 * `ring` and `data_size` stay unset (the channel level lays out several regions itself, §13.2).
 * Returns 0, or -1 with a one-line reason in `why`.
 */
int vt_map_file(struct vt_mapping *m, const char *path, uint64_t file_size, char *why, size_t why_size);

/*
 * Points `m` at memory mapped elsewhere (the mailbox file, for a MAP whose path is empty, §20.4):
 * `base` and `size` as vt_map_file would have set them; vt_unmap then leaves the memory mapped.
 */
void vt_map_borrowed(struct vt_mapping *m, void *base, size_t size);

/* 0 when MAP's layout can be handed to a ring (control page then data area), -1 with a reason. */
int vt_ring_layout(const struct vt_map_request *request, char *why, size_t why_size);

/* Sets `ring` and `data_size` from MAP's layout once the file is mapped (or borrowed). */
void vt_set_ring(struct vt_mapping *m, const struct vt_map_request *request);

/* Drops the mapping, if any. */
void vt_unmap(struct vt_mapping *m);

#endif /* VMBTESTEE_MAP_H */
