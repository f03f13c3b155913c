/*
 * The shared-memory mailbox of protocol version 4 (spec/testee-protocol.md §20): after MAILBOX, frames
 * travel through two byte rings in a file both processes map, and the pipes carry only wake-ups.
 */
#ifndef VMBTESTEE_MAILBOX_H
#define VMBTESTEE_MAILBOX_H

#include "frame.h"

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define VT_MAILBOX_KIND 0x000Du
#define VT_MAILBOX_VERSION 4u /* the first protocol version with the mailbox */

/*
 * Performs `f` when it is MAILBOX: maps the file, answers on the pipe and moves the link to the
 * mailbox (or, when the file cannot be used, answers `failed` and stays on the pipes). `version` is
 * the version answered in HELLO_REPLY. Returns 1 when `f` was MAILBOX and is answered, 0 when it is
 * another kind, -1 when the harness broke the protocol or the answer could not be sent.
 */
int vt_mailbox_serve(struct vt_link *link, const struct vt_frame *f, uint16_t version);

/* Reads 1 to `length` bytes from the mailbox, waiting for the first; 0 once the harness is gone, -1 on a violation. */
ssize_t vt_mailbox_read(struct vt_link *link, uint8_t *to, size_t length);

/* Writes all of `bytes` into the mailbox, waiting for room; -1 when the harness is gone or broke the mailbox. */
int vt_mailbox_write_all(struct vt_link *link, const uint8_t *bytes, size_t length);

/*
 * For a MAP or MAP_CHANNEL whose path is empty (§20.4): points `m` at the mailbox file, borrowed, when
 * the bytes from `first` to `end` (offsets in that file) lie in its scenario area and `file_size` is
 * the mailbox file's size. Returns 0, or -1 with a reason in `why`.
 */
struct vt_mapping;
int vt_mailbox_lend(struct vt_link *link, uint64_t first, uint64_t end, uint64_t file_size, struct vt_mapping *m,
                    char *why, size_t why_size);

/* Unmaps the mailbox, if any; the link goes back to nothing but the pipes. */
void vt_mailbox_close(struct vt_link *link);

#endif /* VMBTESTEE_MAILBOX_H */
