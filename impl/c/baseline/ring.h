/*
 * The plain C baseline ring: the yardstick Vmb.Ring is measured against (build/ring-vs-c.sh).
 *
 * FROZEN. This ring is written once from spec/wire-format.md, as simple as a C ring can be: memcpy and index
 * arithmetic, with the same checks Vmb.Ring makes on every write and read. It must not be tuned (or detuned)
 * to move the ratio; a faster .NET ring has to earn its figure against this code as it stands.
 *
 * It is not a second conforming library (that is src/vmbring.c): no attach validation, no interrupt-mask API,
 * no error messages, only the hot path of one writer and one strict reader on one ring.
 */
#ifndef VMB_BASELINE_RING_H
#define VMB_BASELINE_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum bl_status {
  BL_OK = 0,
  BL_EMPTY,
  BL_FULL,
  BL_TOO_SMALL,
  BL_MALFORMED, /* the peer broke ring-format §5; the packet is not consumed */
  BL_INVALID    /* the caller asked for a packet no correct writer may produce */
};

/* One ring: the 4096-byte control page followed by the data area of size bytes. */
struct bl_ring {
  uint8_t *control;
  uint8_t *data;
  uint32_t size;
};

struct bl_writer {
  struct bl_ring ring;
  uint32_t published;
  uint32_t staged;
  bool pending_send_size_set;
};

struct bl_reader {
  struct bl_ring ring;
  uint32_t published;
  uint32_t position;
  bool cancel_supported;
};

/* What the reader returns: the copied descriptor's fields and where the copy ends. */
struct bl_packet {
  uint16_t type;
  uint16_t offset8;
  uint16_t len8;
  uint16_t flags;
  uint64_t transaction_id;
  uint32_t length; /* len8 * 8 bytes copied into the destination */
};

/* region: control page + data area, 8-byte aligned; create: zero the control page and set feature bit 0. */
void bl_ring_init(struct bl_ring *ring, uint8_t *region, uint32_t region_size, bool create);

void bl_writer_init(struct bl_writer *writer, struct bl_ring ring);
enum bl_status bl_write(struct bl_writer *writer, uint16_t type, uint16_t flags, uint64_t transaction_id,
                        const uint8_t *header, uint32_t header_size, const uint8_t *payload, uint32_t payload_size);
/* Publishes staged packets; true when the reader must be signalled (empty to non-empty, not masked). */
bool bl_writer_commit(struct bl_writer *writer);

void bl_reader_init(struct bl_reader *reader, struct bl_ring ring, bool cancel_supported);
enum bl_status bl_read(struct bl_reader *reader, uint8_t *destination, uint32_t capacity, struct bl_packet *packet);
/* Publishes consumption; true when the writer waits for room this commit made (pending_send_size). */
bool bl_reader_commit(struct bl_reader *reader);

#endif
