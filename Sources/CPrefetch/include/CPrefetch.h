// Software prefetch for the tagger's weight lookups (Swift has no prefetch intrinsic).
#ifndef KHABAR_CPREFETCH_H
#define KHABAR_CPREFETCH_H

/// Asks the CPU to start loading the cache line at `address` (a hint: never faults, never waits).
static inline __attribute__((always_inline)) void khabar_prefetch(const void *address) {
  __builtin_prefetch(address, 0, 3);
}

#endif
