/*
 * Compile-time selection of a broken variant: -DVMBRING_BREAK=<name>. Each variant breaks exactly one
 * catalog rule on purpose, so the suite can show that the rule's check fails (see README.md).
 * Without VMBRING_BREAK the library is the conforming build.
 */
#ifndef VMBRING_BREAK_H
#define VMBRING_BREAK_H

#define VMBRING_BREAK_ID_none 1
#define VMBRING_BREAK_ID_wrong_trailer 2            /* R-DESC-7  */
#define VMBRING_BREAK_ID_abort_on_malformed 3       /* R-RING-15 */
#define VMBRING_BREAK_ID_hang_when_full 4           /* R-RING-15 */
#define VMBRING_BREAK_ID_trusts_shared_read_index 5 /* R-MAL-12  */
#define VMBRING_BREAK_ID_fills_ring 6               /* R-RING-7  */
#define VMBRING_BREAK_ID_signals_every_write 7      /* R-SIG-1   */
#define VMBRING_BREAK_ID_steps_over_malformed 8     /* R-MAL-9   */
#define VMBRING_BREAK_ID_truncates 9                /* R-MAL-14  */
#define VMBRING_BREAK_ID_double_fetch 10            /* R-MAL-10  */

#ifndef VMBRING_BREAK
#define VMBRING_BREAK none
#endif

#define VMBRING_CAT_(a, b) a##b
#define VMBRING_CAT(a, b) VMBRING_CAT_(a, b)
#define VMBRING_STR_(a) #a
#define VMBRING_STR(a) VMBRING_STR_(a)

#define VMBRING_BREAK_ID VMBRING_CAT(VMBRING_BREAK_ID_, VMBRING_BREAK)

#if VMBRING_BREAK_ID == 0
#error "unknown VMBRING_BREAK variant"
#endif

/* True in the build that breaks on purpose as variant `name`; usable in #if and in C expressions. */
#define BROKEN(name) (VMBRING_BREAK_ID == VMBRING_BREAK_ID_##name)

#endif
