/*
 * mm1_reference.c - see mm1_reference.h. The textbook next-event simulation of a
 * single-server queue (A. M. Law, "Simulation Modeling and Analysis", ch. 1): two
 * pending events, the next arrival and the next departure; arrival times of those
 * waiting in a ring buffer; the sojourn summed at each departure.
 */
#include "mm1_reference.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/rng.h"
#include "sim/util.h"

static double clock_s(clockid_t which)
{
    struct timespec ts;
    clock_gettime(which, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* A service time drawn as the engine draws an exponential one (sim/src/dist.c: the
 * inverse transform, a log per draw, which keeps its reports byte-identical), so the
 * loop and the engine spend the same on random numbers; the arrival gaps are the
 * ziggurat's in both (rng_exp). */
static inline double service_draw(Rng *r, double mean_ms)
{
    return -mean_ms * log(rng_uniform(r));
}

/* A full ring of waiting customers unrolled into one twice as big (rare: the queue's
 * longest so far). */
static double *ring_unroll(double *ring, size_t *cap, size_t *head, size_t len)
{
    double *bigger = xmalloc(2 * *cap * sizeof *bigger);
    for (size_t k = 0; k < len; k++) bigger[k] = ring[(*head + k) & (*cap - 1)];
    free(ring);
    *head = 0;
    *cap *= 2;
    return bigger;
}

Mm1Reference mm1_reference(double rate_per_ms, double service_ms, uint64_t customers, uint64_t seed)
{
    Rng arrivals, service;
    rng_seed(&arrivals, seed, 1);
    rng_seed(&service, seed, 2);
    size_t cap = 1024, head = 0, len = 0; /* waiting customers' arrival times, a ring */
    double *ring = xmalloc(cap * sizeof *ring);
    double t0 = clock_s(CLOCK_MONOTONIC), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    double mean_gap = 1 / rate_per_ms;
    double next_arrival = rng_exp(&arrivals, mean_gap), next_departure = INFINITY;
    double in_service = 0, sum_ms = 0; /* arrival time of the one in service */
    uint64_t done = 0;
    while (done < customers) {
        if (next_arrival < next_departure) {
            if (next_departure == INFINITY) { /* idle: straight into service */
                in_service = next_arrival;
                next_departure = next_arrival + service_draw(&service, service_ms);
            } else {
                if (len == cap) ring = ring_unroll(ring, &cap, &head, len);
                ring[(head + len++) & (cap - 1)] = next_arrival;
            }
            next_arrival += rng_exp(&arrivals, mean_gap);
        } else {
            sum_ms += next_departure - in_service;
            done++;
            if (len > 0) {
                in_service = ring[head];
                head = (head + 1) & (cap - 1);
                len--;
                next_departure += service_draw(&service, service_ms);
            } else {
                next_departure = INFINITY;
            }
        }
    }
    Mm1Reference r = {clock_s(CLOCK_MONOTONIC) - t0, clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0, (double)done,
                      sum_ms / (double)done};
    free(ring);
    return r;
}

/* ---- the same loop, keeping a report's statistics ------------------------------------ */

enum { SUB = 64, OCTAVES = 64 }; /* buckets: 64 per power of two of microseconds */

typedef struct LogHist {
    uint64_t count[OCTAVES * SUB];
    uint64_t n;
} LogHist;

static void loghist_put(LogHist *h, double ms)
{
    double us = ms * 1000 + 1; /* >= 1 */
    int e;
    double f = frexp(us, &e); /* us = f * 2^e, f in [0.5, 1) */
    int b = (e - 1) * SUB + (int)((f * 2 - 1) * SUB);
    if (b >= OCTAVES * SUB) b = OCTAVES * SUB - 1;
    h->count[b]++;
    h->n++;
}

static double loghist_quantile(const LogHist *h, double q)
{
    uint64_t want = (uint64_t)ceil(q * (double)h->n), seen = 0;
    for (int b = 0; b < OCTAVES * SUB; b++) {
        seen += h->count[b];
        if (seen >= want && h->count[b]) { /* the bucket's middle */
            double lo = ldexp(1 + (double)(b % SUB) / SUB, b / SUB), hi = ldexp(1 + (double)(b % SUB + 1) / SUB, b / SUB);
            return ((lo + hi) / 2 - 1) / 1000;
        }
    }
    return NAN;
}

/* The bare loop's steps, repeated here rather than shared behind a flag, so the bare loop
 * pays no test for statistics it does not keep. */
Mm1ReferenceStats mm1_reference_stats(double rate_per_ms, double service_ms, uint64_t customers, uint64_t seed)
{
    Rng arrivals, service;
    rng_seed(&arrivals, seed, 1);
    rng_seed(&service, seed, 2);
    size_t cap = 1024, head = 0, len = 0;
    double *ring = xmalloc(cap * sizeof *ring);
    LogHist *sojourn = xcalloc(1, sizeof *sojourn), *wait = xcalloc(1, sizeof *wait);
    size_t n_rows = 0, rows_cap = 1024;
    uint32_t *per_second = xcalloc(rows_cap, sizeof *per_second);
    double t0 = clock_s(CLOCK_MONOTONIC), c0 = clock_s(CLOCK_PROCESS_CPUTIME_ID);
    double mean_gap = 1 / rate_per_ms;
    double next_arrival = rng_exp(&arrivals, mean_gap), next_departure = INFINITY;
    double in_service = 0, sum_ms = 0, now = 0, busy_area = 0, queue_area = 0;
    uint64_t done = 0;
    while (done < customers) {
        double t = next_arrival < next_departure ? next_arrival : next_departure;
        if (next_departure != INFINITY) busy_area += t - now; /* the integrals, at every event */
        queue_area += (double)len * (t - now);
        now = t;
        if (next_arrival < next_departure) {
            if (next_departure == INFINITY) {
                in_service = next_arrival;
                loghist_put(wait, 0);
                next_departure = next_arrival + service_draw(&service, service_ms);
            } else {
                if (len == cap) ring = ring_unroll(ring, &cap, &head, len);
                ring[(head + len++) & (cap - 1)] = next_arrival;
            }
            next_arrival += rng_exp(&arrivals, mean_gap);
        } else {
            double s = next_departure - in_service;
            sum_ms += s;
            loghist_put(sojourn, s);
            size_t row = (size_t)(next_departure / 1000); /* the simulated second it ends in */
            while (row >= rows_cap) {
                per_second = xrealloc(per_second, 2 * rows_cap * sizeof *per_second);
                memset(per_second + rows_cap, 0, rows_cap * sizeof *per_second);
                rows_cap *= 2;
            }
            per_second[row]++;
            if (row + 1 > n_rows) n_rows = row + 1;
            done++;
            if (len > 0) {
                in_service = ring[head];
                loghist_put(wait, next_departure - in_service);
                head = (head + 1) & (cap - 1);
                len--;
                next_departure += service_draw(&service, service_ms);
            } else {
                next_departure = INFINITY;
            }
        }
    }
    Mm1ReferenceStats r = {
        {clock_s(CLOCK_MONOTONIC) - t0, clock_s(CLOCK_PROCESS_CPUTIME_ID) - c0, (double)done, sum_ms / (double)done},
        loghist_quantile(sojourn, 0.5),
        loghist_quantile(sojourn, 0.99),
        loghist_quantile(wait, 0.99),
        busy_area / now,
        queue_area / now,
        (double)n_rows};
    free(ring);
    free(sojourn);
    free(wait);
    free(per_second);
    return r;
}
