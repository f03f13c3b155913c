/* Maps the harness's ring file by name (spec/testee-protocol.md §4.4). */
#define _POSIX_C_SOURCE 200809L /* open, mmap under -std=c11 */

#include "map.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int vt_ring_layout(const struct vt_map_request *r, char *why, size_t why_size)
{
    /* A ring is handed over as one region, control page then data area, so only that layout fits. */
    if (r->page_size != 4096 || r->data_offset != (uint64_t)r->control_offset + 4096 || r->data_size == 0
        || (uint64_t)r->data_offset + r->data_size > r->file_size || r->file_size > (uint64_t)SIZE_MAX) {
        snprintf(why, why_size, "layout not supported: page %u, control at %u, data at %u+%u, file %llu",
                 r->page_size, r->control_offset, r->data_offset, r->data_size,
                 (unsigned long long)r->file_size);
        return -1;
    }
    return 0;
}

void vt_set_ring(struct vt_mapping *m, const struct vt_map_request *r)
{
    m->ring = (uint8_t *)m->base + r->control_offset;
    m->data_size = r->data_size;
}

int vt_map(struct vt_mapping *m, const struct vt_map_request *r, char *why, size_t why_size)
{
    vt_unmap(m);
    if (vt_ring_layout(r, why, why_size) != 0) return -1;
    if (vt_map_file(m, r->path, r->file_size, why, why_size) != 0) return -1;
    vt_set_ring(m, r);
    return 0;
}

void vt_map_borrowed(struct vt_mapping *m, void *base, size_t size)
{
    vt_unmap(m);
    m->base = base;
    m->size = size;
    m->borrowed = 1;
}

int vt_map_file(struct vt_mapping *m, const char *path, uint64_t file_size, char *why, size_t why_size)
{
    vt_unmap(m);
    if (file_size == 0 || file_size > (uint64_t)SIZE_MAX) {
        snprintf(why, why_size, "file size %llu cannot be mapped", (unsigned long long)file_size);
        return -1;
    }
    int fd = open(path, O_RDWR);
    if (fd < 0) {
        snprintf(why, why_size, "open %s: %s", path, strerror(errno));
        return -1;
    }
    void *base = mmap(NULL, (size_t)file_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    int saved = errno;
    close(fd); /* the mapping keeps the file alive; the harness unlinks the name after the reply */
    if (base == MAP_FAILED) {
        snprintf(why, why_size, "mmap %s: %s", path, strerror(saved));
        return -1;
    }
    m->base = base;
    m->size = (size_t)file_size;
    return 0;
}

void vt_unmap(struct vt_mapping *m)
{
    if (m->base && !m->borrowed) munmap(m->base, m->size);
    m->base = NULL;
    m->borrowed = 0;
    m->size = 0;
    m->ring = NULL;
    m->data_size = 0;
}
