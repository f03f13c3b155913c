/* The scenario's shared ring file (spec/testee-protocol.md §4.4, D33). */
#ifndef VMBTESTEE_MAP_H
#define VMBTESTEE_MAP_H

#include <stddef.h>
#include <stdint.h>

struct vt_mapping {
    void *base;       /* start of the mapped file, or NULL */
    size_t size;      /* bytes mapped */
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

/* Drops the mapping, if any. */
void vt_unmap(struct vt_mapping *m);

#endif /* VMBTESTEE_MAP_H */
