/*
 * look.c - per-kind colours and names shared by the app's theme and the exports.
 */
#include "sim/look.h"

uint32_t look_kind_rgb(NodeKind k)
{
    static const uint32_t c[NODE_KIND_COUNT] = {
        0x64748B, /* client: slate */
        0x8B5CF6, /* load balancer: violet */
        0x2563EB, /* service: blue */
        0xC026D3, /* cache: fuchsia (red is for alarms) */
        0x0EA5E9, /* cdn: sky */
        0xD97706, /* queue: amber */
        0x059669, /* database: green */
        0x0D9488, /* object store: teal */
        0x7C6F64, /* external api: warm grey */
    };
    return (unsigned)k < NODE_KIND_COUNT ? c[k] : 0x6B7280;
}

const char *look_kind_title(NodeKind k)
{
    static const char *const t[NODE_KIND_COUNT] = {"Client", "Load balancer", "Service",
                                                   "Cache",  "CDN",           "Queue",
                                                   "Database", "Object store", "External API"};
    return (unsigned)k < NODE_KIND_COUNT ? t[k] : "?";
}
