/*
 * mm1_reference.c - see mm1_reference.h. The textbook next-event simulation of a
 * single-server queue (A. M. Law, "Simulation Modeling and Analysis", ch. 1): two
 * pending events, the next arrival and the next departure; arrival times of those
 * waiting in a ring buffer; the sojourn summed at each departure.
 */
#include "mm1_reference.h"

#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "sim/rng.h"
#include "sim/util.h"

static double clock_s(clockid_t which)
{
    struct timespec ts;
    clock_gettime(which, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
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
                next_departure = next_arrival + rng_exp(&service, service_ms);
            } else {
                if (len == cap) { /* unroll the ring into one twice as big */
                    double *bigger = xmalloc(2 * cap * sizeof *bigger);
                    for (size_t k = 0; k < len; k++) bigger[k] = ring[(head + k) & (cap - 1)];
                    free(ring);
                    ring = bigger;
                    head = 0;
                    cap *= 2;
                }
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
                next_departure += rng_exp(&service, service_ms);
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
