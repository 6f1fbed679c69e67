/*
 * rng.c - xoshiro256** (Blackman and Vigna's generator, written from its published
 * description) seeded through splitmix64.
 *
 * A stream is named by (run seed, stream key). Both are pushed through the splitmix64
 * finaliser before they are combined, so streams whose keys differ in one bit start
 * from unrelated states; the four state words are then the next four splitmix64
 * outputs. Nothing here keeps hidden state outside the Rng value, so a copy of an
 * Rng replays exactly the same draws.
 */
#include "sim/rng.h"

#include "hot_path.h"

#include "ziggurat_tables.h"

#include <math.h>

#define GOLDEN_GAMMA 0x9E3779B97F4A7C15ull

/* The splitmix64 output function: a bijective 64-bit mixer. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

void rng_seed(Rng *r, uint64_t seed, uint64_t stream)
{
    /* Different odd multipliers keep (seed, stream) and (stream, seed) apart. */
    uint64_t x = mix64(seed + GOLDEN_GAMMA) ^
                 mix64((stream ^ 0x6A09E667F3BCC909ull) * 0xD1342543DE82EF95ull);
    for (int i = 0; i < 4; i++) {
        x += GOLDEN_GAMMA;
        r->s[i] = mix64(x);
    }
    if ((r->s[0] | r->s[1] | r->s[2] | r->s[3]) == 0) r->s[0] = GOLDEN_GAMMA; /* never all zero */
}

uint64_t rng_next(Rng *r)
{
    uint64_t *s = r->s;
    uint64_t out = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return out;
}

double rng_uniform(Rng *r)
{
    /* 53 random bits, shifted by half a step: the result is never 0 nor 1. */
    return ((double)(rng_next(r) >> 11) + 0.5) * 0x1.0p-53;
}

uint32_t rng_below(Rng *r, uint32_t n)
{
    /* Lemire's multiply-shift: reject the few low products that would bias. */
    uint64_t m = (rng_next(r) >> 32) * (uint64_t)n;
    uint32_t low = (uint32_t)m;
    if (low < n) {
        uint32_t threshold = (uint32_t)(-n) % n;
        while (low < threshold) {
            m = (rng_next(r) >> 32) * (uint64_t)n;
            low = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}

/* Ziggurat samplers (Marsaglia and Tsang 2000; tables in ziggurat_tables.h). One
 * 64-bit draw gives the layer (low bits) and the position in it (high 32 bits), so
 * the two are independent (the original shared bits between them). About 98-99% of
 * draws end in the first test: no log, exp or trigonometry on the hot path. */

/* The ziggurat's rejection steps for the draw x that missed its box (about 1% of
 * draws), then fresh draws until one is taken: out of line, so the common draw saves no
 * registers. The draws are the same, in the same order, as one loop's. */
static COLD double unit_exp_slow(Rng *r, uint64_t x)
{
    for (;;) {
        uint32_t iz = (uint32_t)(x & 255), jz = (uint32_t)(x >> 32);
        if (jz < zig_ke[iz]) return jz * zig_we[iz];
        if (iz == 0) return 7.69711747013104972 - log(rng_uniform(r)); /* the tail */
        double v = jz * zig_we[iz];
        if (zig_fe[iz] + rng_uniform(r) * (zig_fe[iz - 1] - zig_fe[iz]) < exp(-v)) return v;
        x = rng_next(r);
    }
}

static inline double unit_exp(Rng *r)
{
    uint64_t x = rng_next(r);
    uint32_t iz = (uint32_t)(x & 255), jz = (uint32_t)(x >> 32);
    if (jz < zig_ke[iz]) return jz * zig_we[iz];
    return unit_exp_slow(r, x);
}

double rng_exp(Rng *r, double mean) { return mean * unit_exp(r); }

/* As unit_exp_slow, for the normal ziggurat. */
static COLD double normal_slow(Rng *r, uint64_t x)
{
    const double tail = 3.442619855899;
    for (;;) {
        uint32_t iz = (uint32_t)(x & 127);
        int32_t hz = (int32_t)(uint32_t)(x >> 32);
        uint32_t mag = hz < 0 ? (uint32_t)(-(int64_t)hz) : (uint32_t)hz;
        if (mag < zig_kn[iz]) return hz * zig_wn[iz];
        double v = hz * zig_wn[iz];
        if (iz == 0) { /* the tail beyond 3.44: Marsaglia's exponential method */
            double a, b;
            do {
                a = -log(rng_uniform(r)) / tail;
                b = -log(rng_uniform(r));
            } while (b + b < a * a);
            return hz > 0 ? tail + a : -tail - a;
        }
        if (zig_fn[iz] + rng_uniform(r) * (zig_fn[iz - 1] - zig_fn[iz]) < exp(-0.5 * v * v))
            return v;
        x = rng_next(r);
    }
}

double rng_normal(Rng *r)
{
    uint64_t x = rng_next(r);
    uint32_t iz = (uint32_t)(x & 127);
    int32_t hz = (int32_t)(uint32_t)(x >> 32);
    uint32_t mag = hz < 0 ? (uint32_t)(-(int64_t)hz) : (uint32_t)hz;
    if (mag < zig_kn[iz]) return hz * zig_wn[iz];
    return normal_slow(r, x);
}
