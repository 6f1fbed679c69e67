/*
 * sweep_svg.c - the chart of a sweep as SVG (sweep.h): latency on a log scale against
 * what was varied (p50 and p99 with their 95% bands, the flow equations' predicted mean
 * dashed, the latency requirements' limits), then successful and offered throughput with
 * the error rate, the knees as vertical lines through both. Text is text.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/numfmt.h"
#include "sim/sweep.h"
#include "sim/util.h"

#define W 860.0
#define H 600.0
#define LEFT 78.0
#define RIGHT 70.0
#define TOP1 56.0
#define BOT1 318.0
#define TOP2 372.0
#define BOT2 536.0

static const char *const C_P99 = "#d9480f", *const C_P50 = "#1c7ed6", *const C_PRED = "#868e96",
                         *const C_THR = "#2b8a3e", *const C_ERR = "#c92a2a", *const C_LIMIT = "#e03131",
                         *const C_KNEE = "#7048e8", *const C_GRID = "#e9ecef", *const C_TEXT = "#212529";

typedef struct Axis {
    double lo, hi;
    bool log;
    double p0, p1; /* pixels of lo and hi */
} Axis;

static double at(const Axis *a, double v)
{
    double t = a->log ? (log10(v) - log10(a->lo)) / (log10(a->hi) - log10(a->lo)) : (v - a->lo) / (a->hi - a->lo);
    return a->p0 + t * (a->p1 - a->p0);
}

static void esc(StrBuf *b, const char *s)
{
    for (; *s; s++) {
        if (*s == '<') sb_puts(b, "&lt;");
        else if (*s == '>') sb_puts(b, "&gt;");
        else if (*s == '&') sb_puts(b, "&amp;");
        else if (*s == '"') sb_puts(b, "&quot;");
        else sb_printf(b, "%c", *s);
    }
}

static void text(StrBuf *b, double x, double y, const char *anchor, int size, const char *color, const char *s)
{
    sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" fill=\"%s\">", x, y, anchor, size, color);
    esc(b, s);
    sb_puts(b, "</text>\n");
}

/* A polyline of the points with finite values (a gap where one is missing). */
static void line(StrBuf *b, const Axis *ax, const Axis *ay, const double *xs, const double *ys, int n, const char *color,
                 double width, const char *dash)
{
    bool open = false;
    for (int i = 0; i < n; i++) {
        bool ok = isfinite(ys[i]) && (!ay->log || ys[i] > 0);
        if (!ok) {
            if (open) sb_puts(b, "\"/>\n");
            open = false;
            continue;
        }
        double y = fmin(fmax(at(ay, ys[i]), fmin(ay->p0, ay->p1)), fmax(ay->p0, ay->p1));
        if (!open) {
            sb_printf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\"%s%s%s points=\"", color, width,
                      dash ? " stroke-dasharray=\"" : "", dash ? dash : "", dash ? "\"" : "");
            open = true;
        }
        sb_printf(b, "%.1f,%.1f ", at(ax, xs[i]), y);
    }
    if (open) sb_puts(b, "\"/>\n");
}

/* The 95% band of ys +- hs, as one polygon per run of finite points. */
static void band(StrBuf *b, const Axis *ax, const Axis *ay, const double *xs, const double *ys, const double *hs, int n,
                 const char *color)
{
    int i = 0;
    while (i < n) {
        while (i < n && !(isfinite(ys[i]) && ys[i] > 0)) i++;
        int j = i;
        while (j < n && isfinite(ys[j]) && ys[j] > 0) j++;
        if (j - i >= 2) {
            sb_printf(b, "<polygon fill=\"%s\" fill-opacity=\"0.15\" stroke=\"none\" points=\"", color);
            for (int k = i; k < j; k++) {
                double v = ys[k] + (isfinite(hs[k]) ? hs[k] : 0);
                sb_printf(b, "%.1f,%.1f ", at(ax, xs[k]), fmax(at(ay, fmax(v, ay->lo)), ay->p1));
            }
            for (int k = j - 1; k >= i; k--) {
                double v = ys[k] - (isfinite(hs[k]) ? hs[k] : 0);
                sb_printf(b, "%.1f,%.1f ", at(ax, xs[k]), fmin(at(ay, fmax(v, ay->lo)), ay->p0));
            }
            sb_puts(b, "\"/>\n");
        }
        i = j;
    }
}

static const char *fmt_x(const Sweep *s, double v, char *out, size_t cap)
{
    char num[NUMFMT_CAP];
    if (s->kind == SWEEP_LOAD) snprintf(out, cap, "%s\xC3\x97", numfmt_decimal(v, 3, num, sizeof num));
    else snprintf(out, cap, "%s", numfmt_count(v, num, sizeof num));
    return out;
}

int sweep_default_chart_type(const Sweep *s)
{
    for (int q = 0; q < s->n_requirements; q++)
        if (s->limits[q].latency && s->limits[q].type >= 0) return s->limits[q].type;
    return s->n_types;
}

char *sweep_svg(const Sweep *s, int type)
{
    if (type < 0 || type > s->n_types) type = s->n_types;
    int n = s->n_points;
    double *xs = xcalloc((size_t)n + 1, sizeof *xs), *p99 = xcalloc((size_t)n + 1, sizeof *p99),
           *p99h = xcalloc((size_t)n + 1, sizeof *p99h), *p50 = xcalloc((size_t)n + 1, sizeof *p50),
           *p50h = xcalloc((size_t)n + 1, sizeof *p50h), *pred = xcalloc((size_t)n + 1, sizeof *pred),
           *thr = xcalloc((size_t)n + 1, sizeof *thr), *off = xcalloc((size_t)n + 1, sizeof *off),
           *err = xcalloc((size_t)n + 1, sizeof *err);
    double lat_lo = INFINITY, lat_hi = 0, thr_hi = 0;
    for (int i = 0; i < n; i++) {
        const SweepPoint *pt = &s->points[i];
        xs[i] = pt->x;
        p99[i] = p50[i] = pred[i] = thr[i] = off[i] = err[i] = NAN;
        if (!pt->summary) continue;
        const Results *r = pt->summary->mean, *h = pt->summary->half;
        bool ok = r->types[type][TF_COMPLETED] - r->types[type][TF_ERRORS] > 0;
        if (ok) {
            p99[i] = r->types[type][TF_P99_MS];
            p99h[i] = h->types[type][TF_P99_MS];
            p50[i] = r->types[type][TF_P50_MS];
            p50h[i] = h->types[type][TF_P50_MS];
        }
        pred[i] = pt->predicted_ms[type];
        thr[i] = r->types[type][TF_THROUGHPUT_RPS];
        off[i] = pt->offered_type_rps[type];
        err[i] = r->types[type][TF_ERROR_RATE];
        const double cand[] = {p99[i] + p99h[i], p50[i] - p50h[i], p50[i], pred[i]};
        for (size_t k = 0; k < sizeof cand / sizeof *cand; k++)
            if (isfinite(cand[k]) && cand[k] > 0) {
                lat_lo = fmin(lat_lo, cand[k]);
                lat_hi = fmax(lat_hi, cand[k]);
            }
        if (isfinite(thr[i])) thr_hi = fmax(thr_hi, thr[i]);
        if (isfinite(off[i])) thr_hi = fmax(thr_hi, off[i]);
    }
    /* Latency limits that concern this type. */
    StrBuf b;
    sb_init(&b);
    if (!(lat_hi > 0)) lat_lo = 0.1, lat_hi = 10;
    Axis ax = {n ? xs[0] : 0, n ? xs[n - 1] : 1, false, LEFT, W - RIGHT};
    if (!(ax.hi > ax.lo)) ax.lo -= 0.5, ax.hi += 0.5;
    Axis ay = {pow(10, floor(log10(lat_lo))), pow(10, ceil(log10(lat_hi))), true, BOT1, TOP1};
    if (ay.hi <= ay.lo) ay.hi = ay.lo * 10;
    Axis at_ = {0, thr_hi > 0 ? thr_hi * 1.08 : 1, false, BOT2, TOP2};
    Axis ae = {0, 1, false, BOT2, TOP2};

    char lab[256], buf[128], num[NUMFMT_CAP];
    sb_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
                  "font-family=\"DejaVu Sans, Verdana, sans-serif\">\n", W, H, W, H);
    sb_printf(&b, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", W, H);
    if (type == s->n_types)
        snprintf(buf, sizeof buf, "All request types: latency and throughput against the %s", sweep_x_label(s, lab, sizeof lab));
    else
        snprintf(buf, sizeof buf, "%s: latency and throughput against the %s", s->type_names[type], sweep_x_label(s, lab, sizeof lab));
    text(&b, LEFT, 28, "start", 16, C_TEXT, buf);
    /* grid and axes: latency */
    for (double d = ay.lo; d <= ay.hi * 1.0001; d *= 10)
        for (int m = 1; m < 10; m++) {
            double v = d * m;
            if (v > ay.hi * 1.0001) break;
            double y = at(&ay, v);
            sb_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n", LEFT, y, W - RIGHT, y,
                      C_GRID, m == 1 ? "" : " stroke-opacity=\"0.5\"");
            if (m == 1 || m == 2 || m == 5) text(&b, LEFT - 6, y + 4, "end", 11, C_TEXT, numfmt_ms(v, num, sizeof num));
        }
    double step = numfmt_nice_step(ax.hi - ax.lo, 8);
    for (double v = ceil(ax.lo / step) * step; v <= ax.hi + step * 1e-9; v += step) {
        double x = at(&ax, v);
        sb_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n", x, TOP1, x, BOT1, C_GRID);
        sb_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n", x, TOP2, x, BOT2, C_GRID);
        text(&b, x, BOT2 + 18, "middle", 11, C_TEXT, fmt_x(s, v, buf, sizeof buf));
    }
    text(&b, (LEFT + W - RIGHT) / 2, BOT2 + 40, "middle", 12, C_TEXT, sweep_x_label(s, lab, sizeof lab));
    sb_printf(&b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#adb5bd\"/>\n", LEFT,
              TOP1, W - RIGHT - LEFT, BOT1 - TOP1);
    sb_printf(&b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#adb5bd\"/>\n", LEFT,
              TOP2, W - RIGHT - LEFT, BOT2 - TOP2);
    /* the latency requirements' limits that concern this type (or all types) */
    for (int q = 0; q < s->n_requirements; q++) {
        const SweepLimit *rl = &s->limits[q];
        if (!rl->latency || !(rl->type == type || rl->type < 0) || !(rl->max > 0)) continue;
        double y = at(&ay, fmin(fmax(rl->max, ay.lo), ay.hi));
        sb_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-dasharray=\"6 4\"/>\n",
                  LEFT, y, W - RIGHT, y, C_LIMIT);
        text(&b, W - RIGHT - 4, y - 5, "end", 11, C_LIMIT, s->requirement_names[q]);
    }
    band(&b, &ax, &ay, xs, p99, p99h, n, C_P99);
    band(&b, &ax, &ay, xs, p50, p50h, n, C_P50);
    line(&b, &ax, &ay, xs, pred, n, C_PRED, 1.5, "5 4");
    line(&b, &ax, &ay, xs, p50, n, C_P50, 2, NULL);
    line(&b, &ax, &ay, xs, p99, n, C_P99, 2, NULL);
    for (int i = 0; i < n; i++)
        if (isfinite(p99[i]) && p99[i] > 0)
            sb_printf(&b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>\n", at(&ax, xs[i]),
                      fmax(at(&ay, p99[i]), TOP1), s->points[i].refined ? 2.0 : 3.0, C_P99);
    /* throughput and errors */
    double tstep = numfmt_nice_step(at_.hi, 4);
    for (double v = 0; v <= at_.hi + 1e-9; v += tstep) {
        double y = at(&at_, v);
        sb_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n", LEFT, y, W - RIGHT, y, C_GRID);
        text(&b, LEFT - 6, y + 4, "end", 11, C_TEXT, numfmt_count(v, num, sizeof num));
    }
    for (int k = 0; k <= 4; k++) {
        double v = k / 4.0;
        text(&b, W - RIGHT + 6, at(&ae, v) + 4, "start", 11, C_ERR, numfmt_percent(v, num, sizeof num));
    }
    line(&b, &ax, &at_, xs, off, n, C_TEXT, 1.2, "5 4");
    line(&b, &ax, &at_, xs, thr, n, C_THR, 2, NULL);
    line(&b, &ax, &ae, xs, err, n, C_ERR, 1.5, NULL);
    /* knees */
    int row = 0;
    for (int k = 0; k < s->n_knees; k++) {
        const Knee *kn = &s->knees[k];
        if (!kn->found || kn->x < ax.lo || kn->x > ax.hi) continue;
        double x = at(&ax, kn->x);
        sb_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.2\"/>\n", x, TOP1,
                  x, BOT2, C_KNEE);
        const char *what = kn->kind == KNEE_REQUIREMENT ? "fails"
                           : kn->kind == KNEE_THROUGHPUT ? "throughput"
                           : kn->kind == KNEE_SATURATION ? "saturated"
                                                          : "flow: 100%";
        snprintf(buf, sizeof buf, "%s %s", fmt_x(s, kn->x, lab, sizeof lab), what);
        double ty = TOP1 + 14 + 13 * (row++ % 8);
        sb_printf(&b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"12\" fill=\"#ffffff\" fill-opacity=\"0.85\" stroke=\"none\"/>\n",
                  x + 2, ty - 10, 6.2 * strlen(buf) + 4);
        text(&b, x + 4, ty, "start", 10, C_KNEE, buf);
    }
    /* legends */
    const struct {
        const char *color, *label, *dash;
    } legend1[] = {{C_P99, "p99 (band: 95% CI)", NULL}, {C_P50, "p50", NULL}, {C_PRED, "flow equations: mean", "5 4"}},
      legend2[] = {{C_THR, "successful requests/s", NULL}, {C_TEXT, "offered", "5 4"}, {C_ERR, "error rate (right)", NULL}};
    double lx = LEFT + 8;
    for (size_t i = 0; i < 3; i++) {
        sb_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s%s%s/>\n", lx,
                  TOP1 - 10, lx + 18, TOP1 - 10, legend1[i].color, legend1[i].dash ? " stroke-dasharray=\"" : "",
                  legend1[i].dash ? legend1[i].dash : "", legend1[i].dash ? "\"" : "");
        text(&b, lx + 22, TOP1 - 6, "start", 11, C_TEXT, legend1[i].label);
        lx += 22 + 8.5 * strlen(legend1[i].label) + 14;
    }
    lx = LEFT + 8;
    for (size_t i = 0; i < 3; i++) {
        sb_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s%s%s/>\n", lx,
                  TOP2 - 10, lx + 18, TOP2 - 10, legend2[i].color, legend2[i].dash ? " stroke-dasharray=\"" : "",
                  legend2[i].dash ? legend2[i].dash : "", legend2[i].dash ? "\"" : "");
        text(&b, lx + 22, TOP2 - 6, "start", 11, C_TEXT, legend2[i].label);
        lx += 22 + 7 * strlen(legend2[i].label) + 14;
    }
    sb_puts(&b, "</svg>\n");
    free(xs);
    free(p99);
    free(p99h);
    free(p50);
    free(p50h);
    free(pred);
    free(thr);
    free(off);
    free(err);
    return sb_take(&b);
}
