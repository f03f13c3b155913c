/*
 * The plain C baseline ring (FROZEN: see ring.h; do not tune it to move the ratio).
 *
 * Checks, the same as Vmb.Ring's: the writer rejects flags other than bit 0, unknown types, a type header on
 * types without one (or none on 0x7/0x9) and totals the ring can never hold, and validates every read_index
 * it loads. The reader validates every write_index it loads, copies the descriptor out once and checks only
 * the copy (offset8, len8, size limit, packet within W, flags, type, type-7/9 header), never reads the trailer.
 */
#include "ring.h"

#include <stdatomic.h>
#include <string.h>

enum {
  CONTROL_PAGE = 4096,
  WRITE_INDEX = 0,
  READ_INDEX = 4,
  INTERRUPT_MASK = 8,
  PENDING_SEND_SIZE = 12,
  FEATURE_BITS = 64,
  DESCRIPTOR = 16,
  TRAILER = 8,
  MIN_TOTAL = DESCRIPTOR + TRAILER,
  MAX_PACKET = 65535 * 8
};

static _Atomic uint32_t *field(const struct bl_ring *ring, uint32_t offset) {
  return (_Atomic uint32_t *)(void *)(ring->control + offset);
}

static uint32_t load_acquire(const struct bl_ring *ring, uint32_t offset) {
  return atomic_load_explicit(field(ring, offset), memory_order_acquire);
}

static void store_release(const struct bl_ring *ring, uint32_t offset, uint32_t value) {
  atomic_store_explicit(field(ring, offset), value, memory_order_release);
}

static bool index_valid(const struct bl_ring *ring, uint32_t value) { return value < ring->size && value % 8 == 0; }

static uint32_t used(const struct bl_ring *ring, uint32_t write, uint32_t read) {
  return write >= read ? write - read : ring->size - (read - write);
}

static uint32_t advance(const struct bl_ring *ring, uint32_t offset, uint32_t count) {
  uint32_t next = offset + count;
  return next >= ring->size ? next - ring->size : next;
}

static uint32_t max_total(const struct bl_ring *ring) {
  uint32_t limit = ring->size - 8;
  return limit < MAX_PACKET + TRAILER ? limit : MAX_PACKET + TRAILER;
}

static uint32_t copy_in(const struct bl_ring *ring, uint32_t offset, const void *source, uint32_t count) {
  uint32_t first = ring->size - offset;
  if (count <= first) {
    memcpy(ring->data + offset, source, count);
  } else {
    memcpy(ring->data + offset, source, first);
    memcpy(ring->data, (const uint8_t *)source + first, count - first);
  }
  return advance(ring, offset, count);
}

static void copy_out(const struct bl_ring *ring, uint32_t offset, void *destination, uint32_t count) {
  uint32_t first = ring->size - offset;
  if (count <= first) {
    memcpy(destination, ring->data + offset, count);
  } else {
    memcpy(destination, ring->data + offset, first);
    memcpy((uint8_t *)destination + first, ring->data, count - first);
  }
}

static void put16(uint8_t *at, uint16_t value) {
  at[0] = (uint8_t)value;
  at[1] = (uint8_t)(value >> 8);
}

static void put64(uint8_t *at, uint64_t value) {
  for (int i = 0; i < 8; i++) at[i] = (uint8_t)(value >> (8 * i));
}

static uint16_t get16(const uint8_t *at) { return (uint16_t)(at[0] | at[1] << 8); }

static uint32_t get32(const uint8_t *at) {
  return (uint32_t)at[0] | (uint32_t)at[1] << 8 | (uint32_t)at[2] << 16 | (uint32_t)at[3] << 24;
}

static uint64_t get64(const uint8_t *at) { return (uint64_t)get32(at) | (uint64_t)get32(at + 4) << 32; }

void bl_ring_init(struct bl_ring *ring, uint8_t *region, uint32_t region_size, bool create) {
  ring->control = region;
  ring->data = region + CONTROL_PAGE;
  ring->size = region_size - CONTROL_PAGE;
  if (create) {
    memset(region, 0, FEATURE_BITS);
    store_release(ring, FEATURE_BITS, 1);
  }
}

void bl_writer_init(struct bl_writer *writer, struct bl_ring ring) {
  writer->ring = ring;
  writer->published = load_acquire(&ring, WRITE_INDEX);
  writer->staged = writer->published;
  writer->pending_send_size_set = false;
}

/* free > total, against a validated read_index; false also when the read_index is corrupt. */
static bool room_for(const struct bl_writer *writer, uint32_t total, bool *corrupt) {
  uint32_t read = load_acquire(&writer->ring, READ_INDEX);
  if (!index_valid(&writer->ring, read)) {
    *corrupt = true;
    return false;
  }
  return writer->ring.size - used(&writer->ring, writer->staged, read) > total;
}

enum bl_status bl_write(struct bl_writer *writer, uint16_t type, uint16_t flags, uint64_t transaction_id,
                        const uint8_t *header, uint32_t header_size, const uint8_t *payload, uint32_t payload_size) {
  const struct bl_ring *ring = &writer->ring;
  bool ranged = type == 0x7 || type == 0x9;
  if ((flags & ~1u) != 0) return BL_INVALID;
  if (!(type == 0x6 || ranged || type == 0xA || type == 0xB)) return BL_INVALID;
  if (ranged ? header_size < 8 : header_size != 0) return BL_INVALID;
  if (header_size % 8 != 0 || payload_size > MAX_PACKET) return BL_INVALID;
  uint32_t data_offset = DESCRIPTOR + header_size;
  uint32_t length = (data_offset + payload_size + 7) & ~7u;
  if (length > MAX_PACKET) return BL_INVALID;
  uint32_t total = length + TRAILER;
  if (total > max_total(ring)) return BL_INVALID;

  bool corrupt = false;
  if (!room_for(writer, total, &corrupt)) {
    if (corrupt) return BL_MALFORMED;
    /* Announce the need, then look again, so a reader that freed room meanwhile is not missed. */
    store_release(ring, PENDING_SEND_SIZE, total);
    writer->pending_send_size_set = true;
    atomic_thread_fence(memory_order_seq_cst);
    if (!room_for(writer, total, &corrupt)) return corrupt ? BL_MALFORMED : BL_FULL;
  }

  uint32_t start = writer->staged;
  uint8_t descriptor[DESCRIPTOR];
  put16(descriptor, type);
  put16(descriptor + 2, (uint16_t)(data_offset / 8));
  put16(descriptor + 4, (uint16_t)(length / 8));
  put16(descriptor + 6, flags);
  put64(descriptor + 8, transaction_id);
  uint32_t at = copy_in(ring, start, descriptor, DESCRIPTOR);
  at = copy_in(ring, at, header, header_size);
  at = copy_in(ring, at, payload, payload_size);
  static const uint8_t zeros[8];
  at = copy_in(ring, at, zeros, length - data_offset - payload_size);
  uint8_t trailer[TRAILER];
  put64(trailer, (uint64_t)start << 32);
  writer->staged = copy_in(ring, at, trailer, TRAILER);

  if (writer->pending_send_size_set) {
    store_release(ring, PENDING_SEND_SIZE, 0);
    writer->pending_send_size_set = false;
  }
  return BL_OK;
}

bool bl_writer_commit(struct bl_writer *writer) {
  const struct bl_ring *ring = &writer->ring;
  if (writer->staged == writer->published) return false;
  uint32_t before = writer->published;
  store_release(ring, WRITE_INDEX, writer->staged);
  writer->published = writer->staged;
  /* The W store must be visible before mask and R are loaded, or a wakeup is lost. */
  atomic_thread_fence(memory_order_seq_cst);
  bool masked = load_acquire(ring, INTERRUPT_MASK) != 0;
  uint32_t read = load_acquire(ring, READ_INDEX);
  return !masked && read == before;
}

void bl_reader_init(struct bl_reader *reader, struct bl_ring ring, bool cancel_supported) {
  reader->ring = ring;
  reader->published = load_acquire(&ring, READ_INDEX);
  reader->position = reader->published;
  reader->cancel_supported = cancel_supported;
}

static bool gpa_ranges_valid(const uint8_t *packet, uint32_t header_end) {
  uint32_t count = get32(packet + 20);
  if (count == 0) return false;
  uint64_t at = 24;
  for (uint32_t i = 0; i < count; i++) {
    if (at + 8 > header_end) return false;
    uint32_t byte_count = get32(packet + at);
    uint32_t byte_offset = get32(packet + at + 4);
    if (byte_count == 0 || byte_offset >= 4096) return false;
    uint64_t pages = ((uint64_t)byte_offset + byte_count + 4095) / 4096;
    at += 8 + pages * 8;
    if (at > header_end) return false;
  }
  return true;
}

static bool type_header_valid(uint16_t type, const uint8_t *packet, uint32_t header_end) {
  if (type == 0x7) return 24 + (uint64_t)get32(packet + 20) * 8 <= header_end;
  if (type == 0x9) return gpa_ranges_valid(packet, header_end);
  return true;
}

enum bl_status bl_read(struct bl_reader *reader, uint8_t *destination, uint32_t capacity, struct bl_packet *packet) {
  const struct bl_ring *ring = &reader->ring;
  uint32_t write = load_acquire(ring, WRITE_INDEX);
  if (!index_valid(ring, write)) return BL_MALFORMED;
  uint32_t start = reader->position;
  uint32_t unread = used(ring, write, start);
  if (unread == 0) return BL_EMPTY;
  if (unread < MIN_TOTAL) return BL_MALFORMED;

  /* The descriptor is fetched once; every decision below uses this copy. */
  uint8_t descriptor[DESCRIPTOR];
  copy_out(ring, start, descriptor, DESCRIPTOR);
  uint16_t type = get16(descriptor);
  uint16_t offset8 = get16(descriptor + 2);
  uint16_t len8 = get16(descriptor + 4);
  uint16_t flags = get16(descriptor + 6);
  uint32_t length = (uint32_t)len8 * 8;
  uint32_t total = length + TRAILER;
  bool ranged = type == 0x7 || type == 0x9;
  if (offset8 < 2 || len8 < offset8) return BL_MALFORMED;
  if (total > max_total(ring) || total > unread) return BL_MALFORMED;
  if ((flags & ~1u) != 0) return BL_MALFORMED;
  if (!(type == 0x6 || ranged || type == 0xB || (reader->cancel_supported && type == 0xA))) return BL_MALFORMED;
  if (ranged && offset8 < 3) return BL_MALFORMED;

  if (capacity < length) return BL_TOO_SMALL;
  memcpy(destination, descriptor, DESCRIPTOR);
  copy_out(ring, advance(ring, start, DESCRIPTOR), destination + DESCRIPTOR, length - DESCRIPTOR);
  if (!type_header_valid(type, destination, (uint32_t)offset8 * 8)) return BL_MALFORMED;

  reader->position = advance(ring, start, total);
  packet->type = type;
  packet->offset8 = offset8;
  packet->len8 = len8;
  packet->flags = flags;
  packet->transaction_id = get64(descriptor + 8);
  packet->length = length;
  return BL_OK;
}

bool bl_reader_commit(struct bl_reader *reader) {
  const struct bl_ring *ring = &reader->ring;
  if (reader->position == reader->published) return false;
  uint32_t released = used(ring, reader->position, reader->published);
  store_release(ring, READ_INDEX, reader->position);
  reader->published = reader->position;
  /* R must be visible before pending_send_size is loaded, or the writer's re-check and this test both miss. */
  atomic_thread_fence(memory_order_seq_cst);
  uint32_t pending = load_acquire(ring, PENDING_SEND_SIZE) & ~7u;
  if (pending == 0) return false;
  if ((load_acquire(ring, FEATURE_BITS) & 1) == 0) return false;
  uint32_t write = load_acquire(ring, WRITE_INDEX);
  if (!index_valid(ring, write)) return false;
  int64_t free_after = (int64_t)ring->size - used(ring, write, reader->published);
  int64_t free_before = free_after - released;
  return free_before <= pending && free_after > pending;
}
