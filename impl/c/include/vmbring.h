/*
 * vmbring: one VMBus ring (control page + data area) in plain C11.
 *
 * Written from the project's specification (spec/wire-format.md, spec/requirements.json,
 * spec/errata.md); rule IDs in comments name the catalog entries. One writer and one reader per
 * ring, each in its own process or thread; neither allocates. Every operation returns 0 or a
 * negative errno value and never aborts (R-RING-15).
 *
 * Shape (D25): both sides publish their index inside every successful write or read; there is no
 * staging, no commit and no revert. Each side decides inside the operation that published whether
 * the peer must be woken (R-SIG-1, R-SIG-5) and says so through the doorbell given at attach and
 * through the operation's `signalled` out-parameter.
 */
#ifndef VMBRING_H
#define VMBRING_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- wire constants (spec/wire-format.md) ---------------------------------------------------- */

#define VMBRING_CONTROL_SIZE 4096u /* control page; the data area follows it (R-RING-1, R-RING-3) */
#define VMBRING_DATA_ALIGN 4096u   /* the data area size S is a multiple of this (R-RING-3) */

/* Control-page field offsets (R-RING-2). */
#define VMBRING_OFF_WRITE_INDEX 0u
#define VMBRING_OFF_READ_INDEX 4u
#define VMBRING_OFF_INTERRUPT_MASK 8u
#define VMBRING_OFF_PENDING_SEND_SIZE 12u
#define VMBRING_OFF_FEATURE_BITS 64u
#define VMBRING_FEATURE_PENDING_SEND_SIZE 0x1u /* feature_bits bit 0 (R-SIG-8) */

/* Packet types (R-DESC-9). */
#define VMBRING_TYPE_INBAND 0x6u
#define VMBRING_TYPE_TRANSFER_PAGES 0x7u
#define VMBRING_TYPE_GPA_DIRECT 0x9u
#define VMBRING_TYPE_CANCEL 0xAu /* not supported here: the reader rejects it (R-CMP-7, R-MAL-7) */
#define VMBRING_TYPE_COMPLETION 0xBu

#define VMBRING_FLAG_COMPLETION_REQUESTED 0x1u /* the only defined descriptor flag (R-DESC-8) */

#define VMBRING_DESCRIPTOR_SIZE 16u
#define VMBRING_TRAILER_SIZE 8u
#define VMBRING_MIN_PACKET 24u /* descriptor + trailer (R-MAL-2) */
#define VMBRING_MAX_LEN8 65535u

/* ---- capability declaration (D25, spec/Vmb.Spec/Spi/RingCapabilities.cs values) --------------- */

#define VMBRING_CAP_STAGED_PUBLICATION (1u << 0)
#define VMBRING_CAP_REVERT (1u << 1)
#define VMBRING_CAP_STRICT_READER (1u << 2)
#define VMBRING_CAP_SETS_PENDING_SEND_SIZE (1u << 3)
#define VMBRING_CAP_CREATES_RINGS (1u << 4)
#define VMBRING_CAP_INTERRUPT_MASK_API (1u << 5)

struct vmbring_declaration {
    const char *name;      /* "vmbring", or "vmbring-broken-<variant>" */
    const char *version;   /* semantic version of this library */
    uint32_t writer_caps;  /* VMBRING_CAP_* the writer declares */
    uint32_t reader_caps;  /* VMBRING_CAP_* the reader declares */
    const char *broken;    /* NULL, or the catalog rule a broken variant breaks on purpose */
};

/* What this build declares. Static storage; never NULL. */
const struct vmbring_declaration *vmbring_declare(void);

/* ---- errors ----------------------------------------------------------------------------------- */

/*
 * Why an operation returned -EBADMSG (or -EINVAL). All strings are static. The rule ID is the
 * catalog ID the input broke (R-MAL-16); field/offset/value locate it when known.
 */
struct vmbring_error {
    const char *rule;    /* e.g. "R-MAL-4"; NULL for a plain argument error */
    const char *field;   /* e.g. "len8", "write_index"; NULL when no single field is at fault */
    const char *message; /* one line for a person */
    int64_t offset;      /* data-area offset of the field, or control-page offset of an index; -1 if none */
    uint64_t value;      /* the offending value, when field is set */
};

/* ---- doorbell ---------------------------------------------------------------------------------- */

/* Called inside the operation that decided the peer must be woken, after the index store. */
typedef void (*vmbring_signal_fn)(void *context);

/* ---- writer ------------------------------------------------------------------------------------ */

/* The writer's private state. Caller-allocated; treat the members as private. */
struct vmbring_writer {
    uint8_t *control;            /* control page */
    uint8_t *data;               /* data area */
    uint32_t size;               /* S */
    uint32_t write_index;        /* private copy of W, published after every write */
    int pending_armed;           /* this writer left pending_send_size non-zero */
    vmbring_signal_fn signal;    /* may be NULL */
    void *signal_context;
};

/* One packet to write. The header is the type header plus range list (types 0x7 and 0x9 only). */
struct vmbring_send {
    uint16_t type;           /* VMBRING_TYPE_INBAND, _TRANSFER_PAGES, _GPA_DIRECT or _COMPLETION */
    uint16_t flags;          /* 0 or VMBRING_FLAG_COMPLETION_REQUESTED; 0 for completions */
    uint64_t transaction_id;
    const void *header;      /* may be NULL when header_len is 0 */
    uint32_t header_len;     /* a multiple of 8; 0 for types 0x6 and 0xB */
    const void *payload;     /* may be NULL when payload_len is 0 */
    uint32_t payload_len;
};

/*
 * Attaches a writer to `ring` (VMBRING_CONTROL_SIZE + data_size bytes, 8-aligned).
 * create != 0: the ring is created fresh: write_index = read_index = 0, pending_send_size = 0,
 *   feature_bits = VMBRING_FEATURE_PENDING_SEND_SIZE (R-RING-12); nothing else is touched.
 * create == 0: write_index is taken from the control page and validated (R-RING-13, R-MAL-1).
 * Returns 0, -EINVAL (bad arguments or data_size not a positive multiple of 4096) or -EBADMSG
 * (corrupt write_index; `err` says why).
 */
int vmbring_writer_attach(struct vmbring_writer *w, void *ring, uint32_t data_size, int create,
                          vmbring_signal_fn signal, void *signal_context, struct vmbring_error *err);

/*
 * Writes one packet (descriptor, header, payload, zero padding, trailer; R-DESC-1..8) and
 * publishes write_index. Returns
 *   0        written and published; *signalled (if not NULL) says whether the reader was woken;
 *   -EAGAIN  not enough room (free <= total, R-RING-7); nothing written; pending_send_size now
 *            asks for the packet's total (R-SIG-4), and the next successful write clears it;
 *   -EMSGSIZE the packet can never fit this ring (total > S - 8, or len8 > 65535); nothing changed;
 *   -EINVAL  bad arguments (type, flags, header shape); nothing changed;
 *   -EBADMSG the read_index loaded from the control page is corrupt (R-MAL-15); nothing written.
 * `signalled` and `err` may be NULL.
 */
int vmbring_write(struct vmbring_writer *w, const struct vmbring_send *packet, int *signalled,
                  struct vmbring_error *err);

/* Free bytes (S - used) as the writer sees them now, or -EBADMSG when read_index is corrupt. */
int64_t vmbring_writer_free(struct vmbring_writer *w, struct vmbring_error *err);

/* ---- reader ------------------------------------------------------------------------------------ */

/* The reader's private state. Caller-allocated; treat the members as private. */
struct vmbring_reader {
    uint8_t *control;
    uint8_t *data;
    uint32_t size;
    uint32_t read_index;         /* private copy of R: the only position the reader uses (R-MAL-12) */
    vmbring_signal_fn signal;    /* may be NULL */
    void *signal_context;
};

/* The validated copy of one packet's descriptor and where it was (R-MAL-10). */
struct vmbring_packet {
    uint16_t type;
    uint16_t offset8;
    uint16_t len8;
    uint16_t flags;
    uint64_t transaction_id;
    uint32_t ring_offset; /* data-area offset where the packet starts */
    uint32_t length;      /* len8 * 8: bytes copied (descriptor to padding); on -ENOBUFS, bytes needed */
};

/*
 * Attaches a reader: read_index is taken from the control page and validated (R-RING-13, R-MAL-1);
 * after this the reader never reads read_index back (R-MAL-12). interrupt_mask is not assumed
 * (R-RING-14). Returns 0, -EINVAL or -EBADMSG.
 */
int vmbring_reader_attach(struct vmbring_reader *r, void *ring, uint32_t data_size,
                          vmbring_signal_fn signal, void *signal_context, struct vmbring_error *err);

/*
 * Reads the next packet. Its bytes (descriptor, header, payload, padding; no trailer) are copied
 * to `dst` and only the copy is validated. Returns
 *   0        a packet: dst holds len8 * 8 bytes, `packet` its descriptor; read_index published;
 *            *signalled says whether the writer was woken (R-SIG-5, R-SIG-7);
 *   -EAGAIN  the ring is empty (R-RING-6);
 *   -ENOBUFS dst_len < len8 * 8: nothing consumed; packet->length is the size needed (R-MAL-14);
 *   -EBADMSG the ring or the packet is malformed: nothing consumed, no shared field changed, the
 *            same error on every retry (R-MAL-9); `err` names the rule (R-MAL-16).
 * `packet`, `signalled` and `err` may be NULL.
 */
int vmbring_read(struct vmbring_reader *r, void *dst, uint32_t dst_len, struct vmbring_packet *packet,
                 int *signalled, struct vmbring_error *err);

/* Sets interrupt_mask to 1: "do not signal me about new data" (R-SIG-3). */
void vmbring_reader_mask(struct vmbring_reader *r);

/*
 * Clears interrupt_mask, issues a full barrier and checks the ring once more (R-SIG-3).
 * Returns 1 when unread data is waiting, 0 when the ring is empty, -EBADMSG when the loaded
 * write_index is corrupt (R-MAL-1).
 */
int vmbring_reader_unmask(struct vmbring_reader *r, struct vmbring_error *err);

#ifdef __cplusplus
}
#endif

#endif /* VMBRING_H */
