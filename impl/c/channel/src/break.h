/*
 * Broken variants (built with -DVMBCHANNEL_BREAK=<name>), each breaking one of the three invariants
 * on purpose; the conforming build defines none of these.
 *   completes_twice          every packet presented is completed exactly once: a Complete writes its reply twice
 *   buffer_includes_header   Buffer/BufferLength exclude every header: Buffer starts at the descriptor
 *                            (raw) or at the pipe header (pipe)
 *   external_without_flag    external data only with EXTERNAL_DATA: GetExternalData succeeds on an unflagged
 *                            in-band packet (an empty view)
 */
#ifndef VMBCHANNEL_BREAK_H
#define VMBCHANNEL_BREAK_H

#define VMBCHANNEL_BREAK_completes_twice 1
#define VMBCHANNEL_BREAK_buffer_includes_header 2
#define VMBCHANNEL_BREAK_external_without_flag 3

#define VMBCHANNEL_BREAK_ID_(name) VMBCHANNEL_BREAK_##name
#define VMBCHANNEL_BREAK_ID(name) VMBCHANNEL_BREAK_ID_(name)

#define VMBCHANNEL_STR_(a) #a
#define VMBCHANNEL_STR(a) VMBCHANNEL_STR_(a)

#ifdef VMBCHANNEL_BREAK
#if VMBCHANNEL_BREAK_ID(VMBCHANNEL_BREAK) == 0
#error "unknown VMBCHANNEL_BREAK variant"
#endif
#define VMBCHANNEL_BROKEN(name) (VMBCHANNEL_BREAK_ID(VMBCHANNEL_BREAK) == VMBCHANNEL_BREAK_##name)
#define VMBCHANNEL_BREAK_NAME VMBCHANNEL_STR(VMBCHANNEL_BREAK)
#else
#define VMBCHANNEL_BROKEN(name) 0
#define VMBCHANNEL_BREAK_NAME NULL
#endif

#endif /* VMBCHANNEL_BREAK_H */
