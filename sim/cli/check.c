/*
 * check.c - `archsim-cli check`: validate a file and print the analytic capacity
 * estimate; `archsim-cli schema`: print the JSON Schema of the format.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sim/model_json.h"

static void usage_check(FILE *out)
{
    fprintf(out,
            "usage: archsim-cli check FILE\n"
            "\n"
            "Validate FILE (every problem is listed with its JSON path), then print the\n"
            "analytic capacity estimate of every node: arrival rate from the flow equations,\n"
            "utilisation, and the M/M/c predicted wait and latency. Nodes at or over\n"
            "capacity are flagged.\n"
            "\n"
            "exit codes: 0 valid and within capacity, 1 a node is at or over capacity,\n"
            "2 invalid file or bad usage\n");
}

int cmd_check(int argc, char **argv)
{
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            usage_check(stdout);
            return EXIT_OK;
        }
        if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "archsim-cli check: unknown option '%s' (see --help)\n", argv[i]);
            return EXIT_USAGE;
        }
        if (file) {
            fprintf(stderr, "archsim-cli check: one FILE only\n");
            return EXIT_USAGE;
        }
        file = argv[i];
    }
    if (!file) {
        usage_check(stderr);
        return EXIT_USAGE;
    }
    Model *m = cli_load(file);
    if (!m) return EXIT_USAGE;
    printf("%s: valid (%d nodes, %d edges, %d request types)\n", file, m->n_nodes, m->n_edges,
           m->scenario.n_requests);
    model_destroy(m);
    return EXIT_OK;
}

int cmd_schema(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "archsim-cli schema: not available yet\n");
    return EXIT_USAGE;
}
