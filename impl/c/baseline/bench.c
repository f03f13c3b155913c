/*
 * ring-baseline: times the frozen C baseline ring (ring.h) on the work build/ring-vs-c.sh gives Vmb.Ring, and
 * plain memcpy on the same bytes. FROZEN with the ring: the work must stay identical to the .NET side
 * (impl/Vmb.Benchmarks/RingVsC.cs), so change both or neither.
 *
 * Work: one in-band packet (flag bit 0, transaction id i) written, committed, read, committed ("ping"), or 16
 * written, one commit, 16 read, one commit ("batch"), through a 256 KiB data area; payloads 0, 64, 1024, 8192.
 * memcpy: each packet's bytes copied into the data area and back out with nothing else, the hardware limit.
 *
 * Output, one line per figure: "c MODE PAYLOAD NS_PER_PACKET" and "memcpy PAYLOAD NS_PER_PACKET GB_PER_S".
 * With --check it only runs each case briefly and verifies the bytes (the CTest smoke test).
 */
#define _POSIX_C_SOURCE 199309L
#include "ring.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Short repetitions, many of them: on a shared machine a preempted repetition is an outlier the median drops. */
enum { DATA_SIZE = 262144, REGION = 4096 + DATA_SIZE, BATCH = 16, PACKETS = 4096, REPS = 63, WARM_UP_REPS = 8 };

static const uint32_t payloads[] = {0, 64, 1024, 8192};

static volatile uint64_t sink;

static double now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void fail(const char *what) {
  fprintf(stderr, "ring-baseline: %s\n", what);
  exit(1);
}

struct bench {
  uint8_t *region;
  struct bl_writer writer;
  struct bl_reader reader;
  uint8_t *payload;
  uint32_t payload_size;
  uint8_t *destination;
  uint32_t capacity;
};

static void setup(struct bench *b, uint32_t payload_size) {
  b->region = aligned_alloc(4096, REGION);
  if (b->region == NULL) fail("out of memory");
  memset(b->region, 0, REGION);
  struct bl_ring ring;
  bl_ring_init(&ring, b->region, REGION, true);
  bl_writer_init(&b->writer, ring);
  bl_reader_init(&b->reader, ring, false);
  b->payload_size = payload_size;
  b->payload = malloc(payload_size + 1);
  b->capacity = 16 + payload_size + 8;
  b->destination = malloc(b->capacity);
  if (b->payload == NULL || b->destination == NULL) fail("out of memory");
  for (uint32_t i = 0; i < payload_size; i++) b->payload[i] = (uint8_t)(i * 7 + 1);
}

static void teardown(struct bench *b) {
  free(b->region);
  free(b->payload);
  free(b->destination);
}

static uint64_t read_one(struct bench *b) {
  struct bl_packet packet;
  if (bl_read(&b->reader, b->destination, b->capacity, &packet) != BL_OK) fail("read failed");
  return packet.length;
}

static void write_one(struct bench *b, uint64_t id) {
  if (bl_write(&b->writer, 0x6, 1, id, NULL, 0, b->payload, b->payload_size) != BL_OK) fail("write failed");
}

static uint64_t ping(struct bench *b, uint32_t packets) {
  uint64_t checksum = 0;
  for (uint32_t i = 0; i < packets; i++) {
    write_one(b, i);
    bl_writer_commit(&b->writer);
    checksum += read_one(b);
    bl_reader_commit(&b->reader);
  }
  return checksum;
}

static uint64_t batch(struct bench *b, uint32_t packets) {
  uint64_t checksum = 0;
  for (uint32_t n = 0; n < packets / BATCH; n++) {
    for (uint32_t i = 0; i < BATCH; i++) write_one(b, i);
    bl_writer_commit(&b->writer);
    for (uint32_t i = 0; i < BATCH; i++) checksum += read_one(b);
    bl_reader_commit(&b->reader);
  }
  return checksum;
}

/* The same bytes with memcpy alone: the whole packet in at the running offset, the packet without trailer out. */
static uint64_t copies(struct bench *b, const uint8_t *image, uint32_t total, uint32_t packets) {
  uint8_t *data = b->region + 4096;
  uint32_t at = 0;
  for (uint32_t i = 0; i < packets; i++) {
    if (at + total > DATA_SIZE) at = 0;
    memcpy(data + at, image, total);
    memcpy(b->destination, data + at, total - 8);
    at += total;
  }
  return b->destination[0];
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Median ns per packet over REPS timed repetitions after WARM_UP_REPS untimed ones. */
static double time_case(struct bench *b, int mode, const uint8_t *image, uint32_t total) {
  double samples[REPS];
  for (int rep = -WARM_UP_REPS; rep < REPS; rep++) {
    double start = now_ns();
    uint64_t checksum = mode == 0 ? ping(b, PACKETS) : mode == 1 ? batch(b, PACKETS) : copies(b, image, total, PACKETS);
    double elapsed = now_ns() - start;
    sink += checksum;
    if (rep >= 0) samples[rep] = elapsed / PACKETS;
  }
  qsort(samples, REPS, sizeof samples[0], by_value);
  return samples[REPS / 2];
}

/* A few packets of every case, wrapping the ring, with the bytes compared. */
static void check(uint32_t payload_size) {
  struct bench b;
  setup(&b, payload_size);
  for (uint32_t i = 0; i < 100; i++) {
    write_one(&b, i);
    bl_writer_commit(&b.writer);
    struct bl_packet packet;
    if (bl_read(&b.reader, b.destination, b.capacity, &packet) != BL_OK) fail("check: read failed");
    if (packet.transaction_id != i || packet.flags != 1 || packet.type != 0x6) fail("check: descriptor differs");
    if (memcmp(b.destination + 16, b.payload, payload_size) != 0) fail("check: payload differs");
    bl_reader_commit(&b.reader);
  }
  b.destination[0] = 0;
  if (batch(&b, 4 * BATCH) != 4 * BATCH * ((16 + payload_size + 7) / 8 * 8)) fail("check: batch lengths differ");
  /* A corrupt descriptor is rejected and not consumed. */
  write_one(&b, 1);
  bl_writer_commit(&b.writer);
  uint8_t *descriptor = b.region + 4096 + b.reader.position;
  descriptor[2] = 1;
  struct bl_packet packet;
  if (bl_read(&b.reader, b.destination, b.capacity, &packet) != BL_MALFORMED) fail("check: offset8 1 accepted");
  if (bl_read(&b.reader, b.destination, b.capacity, &packet) != BL_MALFORMED) fail("check: retry differs");
  teardown(&b);
}

int main(int argc, char **argv) {
  size_t count = sizeof payloads / sizeof payloads[0];
  if (argc > 1 && strcmp(argv[1], "--check") == 0) {
    for (size_t i = 0; i < count; i++) check(payloads[i]);
    puts("ring-baseline: ok");
    return 0;
  }
  for (size_t i = 0; i < count; i++) {
    uint32_t size = payloads[i];
    for (int mode = 0; mode < 2; mode++) {
      struct bench b;
      setup(&b, size);
      printf("c %s %u %.2f\n", mode == 0 ? "ping" : "batch", size, time_case(&b, mode, NULL, 0));
      teardown(&b);
    }
    struct bench b;
    setup(&b, size);
    uint32_t total = (16 + size + 7) / 8 * 8 + 8;
    uint8_t *image = calloc(total, 1);
    if (image == NULL) fail("out of memory");
    double ns = time_case(&b, 2, image, total);
    printf("memcpy %u %.2f %.2f\n", size, ns, (double)(2 * total - 8) / ns);
    free(image);
    teardown(&b);
  }
  return 0;
}
