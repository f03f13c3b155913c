/*
 * vmbtestee: serves a ring implementation to the conformance harness over testee protocol v1
 * (spec/testee-protocol.md). The harness sends requests on descriptor 3 and reads answers on
 * descriptor 4; it shares each scenario's ring as a file this library maps. A wrapper fills in a
 * table of six functions around its existing ring code and calls vmbtestee_run().
 *
 * Every table function gets the wrapper's own `self` pointer, so a wrapper needs no global state.
 * Functions return a vmbtestee_result; on anything but VMBTESTEE_OK they describe the problem in
 * `err` (the message at least). They must never abort: a crash is what the suite judges (R-RING-15).
 */
#ifndef VMBTESTEE_H
#define VMBTESTEE_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How an operation ended (the protocol's result header, §4.1). */
enum vmbtestee_result {
    VMBTESTEE_OK = 0,           /* returned normally */
    VMBTESTEE_FORMAT_ERROR = 1, /* refused a corrupt ring (R-MAL-1, R-MAL-15, R-RING-13) */
    VMBTESTEE_FAILED = 2,       /* failed any other way: judged as a crash (R-RING-15) */
    VMBTESTEE_UNSUPPORTED = 3   /* write only: this code cannot write a packet of this shape */
};

/* What READ found (§4.7). */
enum vmbtestee_read_status {
    VMBTESTEE_READ_PACKET = 0,
    VMBTESTEE_READ_EMPTY = 1,
    VMBTESTEE_READ_TOO_SMALL = 2, /* nothing consumed; required_size says what it needs */
    VMBTESTEE_READ_MALFORMED = 3  /* nothing consumed; err says why */
};

/* Why an operation was refused (§4.2). Strings must outlive the call; static strings are best. */
struct vmbtestee_error {
    const char *message; /* one line; the same rejection gives the same text (R-MAL-9) */
    const char *rule;    /* catalog rule, e.g. "R-MAL-3", or NULL (R-MAL-16) */
    const char *field;   /* field judged, e.g. "len8", or NULL */
    int64_t offset;      /* data-area offset (control-page offset for an index) */
    int64_t value;       /* the offending value */
    int has_offset;      /* offset is meaningful */
    int has_value;       /* value is meaningful */
};

/* The declaration sent in the handshake (§4.3); capability bits as in vmbring.h / RingCapabilities. */
struct vmbtestee_declaration {
    const char *name;    /* not empty */
    const char *version;
    uint32_t writer_caps;
    uint32_t reader_caps;
};

/* One packet to write (§4.6). The header is the type header, range list included. */
struct vmbtestee_packet {
    uint16_t type;
    uint16_t flags;
    uint64_t transaction_id;
    const uint8_t *header;
    uint32_t header_len;
    const uint8_t *payload;
    uint32_t payload_len;
};

/* What a read returned (§4.7). Packet bytes go to the destination buffer the call is given. */
struct vmbtestee_read {
    enum vmbtestee_read_status status;
    uint32_t required_size; /* with TOO_SMALL: the size needed */
    /* status PACKET only: */
    uint16_t type, offset8, len8, flags; /* the validated copy of the descriptor (R-MAL-10) */
    uint64_t transaction_id;
    uint32_t ring_offset;   /* where the packet starts in the data area */
    uint32_t length;        /* packet bytes without the trailer (len8 * 8) */
    int has_error;          /* err is filled in (required with MALFORMED, allowed otherwise) */
};

/*
 * The doorbell the library hands to attach. The ring calls it, inside the operation that decided to
 * wake the peer and after storing its index, with `doorbell_context`; it returns once the harness has
 * snapshot the ring (§5).
 */
typedef void (*vmbtestee_doorbell_fn)(void *doorbell_context);

/*
 * `ring` points at the control page; the data area of `data_size` bytes follows it at 4096. The
 * optional functions may be NULL: commit and revert are then no-ops (a ring that publishes on every
 * operation), detach does nothing (endpoints that hold no resources).
 */
struct vmbtestee_ring {
    void (*declare)(void *self, struct vmbtestee_declaration *out);
    enum vmbtestee_result (*attach_writer)(void *self, void *ring, uint32_t data_size, int create,
                                           vmbtestee_doorbell_fn doorbell, void *doorbell_context,
                                           struct vmbtestee_error *err);
    enum vmbtestee_result (*attach_reader)(void *self, void *ring, uint32_t data_size,
                                           vmbtestee_doorbell_fn doorbell, void *doorbell_context,
                                           struct vmbtestee_error *err);
    /* *full = 1: nothing written, pending_send_size asks for room (R-SIG-4). */
    enum vmbtestee_result (*write)(void *self, const struct vmbtestee_packet *packet, int *full,
                                   struct vmbtestee_error *err);
    enum vmbtestee_result (*read)(void *self, uint8_t *destination, uint32_t destination_size,
                                  struct vmbtestee_read *out, struct vmbtestee_error *err);
    /* masked = 1 sets interrupt_mask; 0 clears it, re-checks, and sets *waiting (R-SIG-3). */
    enum vmbtestee_result (*mask)(void *self, int masked, int *waiting, struct vmbtestee_error *err);

    /* Optional. `writer` says which endpoint is attached. */
    enum vmbtestee_result (*commit)(void *self, int writer, struct vmbtestee_error *err);
    enum vmbtestee_result (*revert)(void *self, int writer, struct vmbtestee_error *err);
    void (*detach)(void *self);
};

/*
 * Serves the harness on descriptors 3 and 4 until SHUTDOWN or the end of the request stream.
 * Returns the process exit status: 0, or 2 when the harness broke the protocol (explained on stderr).
 */
int vmbtestee_run(const struct vmbtestee_ring *ring, void *self);

#ifdef __cplusplus
}
#endif

#endif /* VMBTESTEE_H */
