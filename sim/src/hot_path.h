/*
 * hot_path.h - what keeps the event loop's paths short: COLD for work that is rare (a
 * feature a design may not use, a pool growing), so it stays out of line and the common
 * path saves fewer registers; STEP for small steps always taken in a row (a job's start),
 * so they make one body without calls. docs/performance.md has the measurements.
 */
#ifndef SIM_HOT_PATH_H
#define SIM_HOT_PATH_H

#if defined(__GNUC__)
#define COLD __attribute__((noinline, cold))
#define STEP __attribute__((always_inline)) inline
#else
#define COLD
#define STEP inline
#endif

#endif
