/*
 * test_bottleneck.c - the bottleneck sentence in English, Russian and Ukrainian:
 * the JSON's English is byte for byte the sentence results carry (r->bottleneck_why),
 * and the sentence for people differs from it only in counts of messages written
 * thousands apart and a backlog saying it counts the messages waiting, on the
 * presets and on hand-made figures that take every branch (none at this load, with a
 * rate limit's refusals or without, a
 * database's servers x connections, instances x workers, one slot, blocking io, waits in
 * ms and s, rejections, a caller that backed up, a growing queue's consumers); Russian
 * and Ukrainian say the same with the same numbers and node ids, with nouns and verbs
 * agreeing with their numbers; unknown languages are English; the grade's text and JSON
 * carry the sentence in the grade's language.
 */
#include <math.h>

#include <cjson/cJSON.h>

#include "sim/grade.h"
#include "sim/report.h"
#include "sim/requirements.h"
#include "sim/scenario_edit.h"
#include "sim/util.h"
#include "sim_test.h"

static const char *const langs[] = {"en", "ru", "uk"};
#define N_LANGS 3

static bool has_cyrillic(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p == 0xd0 || *p == 0xd1) && (p[1] & 0xC0) == 0x80) return true;
    return false;
}

/* The numbers in `s` in order, joined by spaces ("128 4 32 80 294 327 67"); a
 * sentence's closing dot is not part of a number. Caller frees. */
static char *numbers_in(const char *s)
{
    StrBuf b;
    sb_init(&b);
    for (const char *p = s; *p;) {
        if (*p < '0' || *p > '9') {
            p++;
            continue;
        }
        const char *q = p;
        while ((*q >= '0' && *q <= '9') || (*q == '.' && q[1] >= '0' && q[1] <= '9')) q++;
        sb_printf(&b, "%s%.*s", b.len ? " " : "", (int)(q - p), p);
        p = q;
    }
    return sb_take(&b);
}

/* The JSON's form of an English sentence for people: the count after "grew to " or
 * "alone, to " in bare digits, and no " waiting for a consumer". Caller frees. */
static char *as_json(const char *s)
{
    static const char *const before[] = {"grew to ", "alone, to "};
    static const char waiting[] = " waiting for a consumer";
    StrBuf b;
    sb_init(&b);
    for (const char *p = s; *p;) {
        if (strncmp(p, waiting, strlen(waiting)) == 0) {
            p += strlen(waiting);
            continue;
        }
        bool count = false;
        for (size_t k = 0; k < sizeof before / sizeof *before && !count; k++)
            if (strncmp(p, before[k], strlen(before[k])) == 0) {
                sb_puts(&b, before[k]);
                p += strlen(before[k]);
                count = true;
            }
        for (; count && ((*p >= '0' && *p <= '9') || (*p == ',' && p[1] >= '0' && p[1] <= '9')); p++)
            if (*p != ',') sb_printf(&b, "%c", *p);
        if (!count) sb_printf(&b, "%c", *p++);
    }
    return sb_take(&b);
}

/* No conversion left unformatted: every '%' follows a digit and no letter or '%'
 * follows it; no NULL string printed. */
static bool formatted_cleanly(const char *s)
{
    if (strstr(s, "(null)")) return false;
    for (const char *p = strchr(s, '%'); p; p = strchr(p + 1, '%')) {
        if (p == s || p[-1] < '0' || p[-1] > '9') return false;
        if ((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z') || p[1] == '%') return false;
    }
    return true;
}

/* A Russian or Ukrainian sentence against the English one: different, Cyrillic, the
 * same numbers in the same order, the node ids `ids` (NULL-terminated), clean. */
static void check_translation(const char *en, const char *tr, const char *const *ids)
{
    if (!has_cyrillic(tr) || !formatted_cleanly(tr)) fprintf(stderr, "translation: \"%s\"\n", tr);
    assert_string_not_equal(en, tr);
    assert_true(has_cyrillic(tr));
    assert_true(formatted_cleanly(tr));
    char *a = numbers_in(en), *b = numbers_in(tr);
    if (strcmp(a, b) != 0) fprintf(stderr, "numbers differ:\n  %s: %s\n  %s: %s\n", en, a, tr, b);
    assert_string_equal(a, b);
    free(a);
    free(b);
    for (int k = 0; ids && ids[k]; k++) assert_non_null(strstr(tr, ids[k]));
    /* the English words are gone */
    const char *en_words[] = {" its ", " slot", " busy", "waited", "rejected", "backlog",
                              "utilised", " which ", "none at"};
    for (size_t w = 0; w < sizeof en_words / sizeof *en_words; w++) {
        if (strstr(tr, en_words[w])) fprintf(stderr, "'%s' in \"%s\"\n", en_words[w], tr);
        assert_null(strstr(tr, en_words[w]));
    }
}

/* ---- the presets ------------------------------------------------------------------------ */

static const char *const preset_files[] = {
    "scenarios/starters/twitter-timeline.json",   "scenarios/starters/db-read-scaling.json",
    "scenarios/starters/sync-vs-async.json",      "scenarios/starters/chat-websocket.json",
    "scenarios/starters/scale-api.json",          "scenarios/starters/midsize-webapp.json",
    "scenarios/starters/microservices-kafka.json", "scenarios/failure-drill.json",
    "scenarios/url-shortener.json",
};
#define N_PRESET_FILES (int)(sizeof preset_files / sizeof *preset_files)

static Summary *run_short(const char *rel, Model **mp)
{
    Model *m = load_data(rel);
    SimOptions o = sim_options_default();
    o.warmup_s = 1;
    o.duration_s = 2;
    DiagList d;
    diag_init(&d, rel);
    Summary *s = sim_replicate(m, &o, 1, 1, &d);
    if (!s) diag_print(&d, stderr);
    diag_free(&d);
    assert_non_null(s);
    *mp = m;
    return s;
}

static void english_is_the_reports_sentence_byte_for_byte(void **state)
{
    (void)state;
    const char *english[] = {NULL, "en", "xx", "de", "RU", "ru-RU", ""};
    for (int f = 0; f < N_PRESET_FILES; f++) {
        Model *m;
        Summary *s = run_short(preset_files[f], &m);
        const Results *r = s->mean;
        assert_non_null(r->bottleneck_why);
        for (size_t k = 0; k < sizeof english / sizeof *english; k++) {
            char *j = bottleneck_why_json(m, r, english[k], NAMING_LABEL_AND_ID);
            assert_non_null(j);
            assert_string_equal(j, r->bottleneck_why);
            char *w = bottleneck_why_in(m, r, english[k]), *back = as_json(w);
            assert_string_equal(back, r->bottleneck_why);
            free(back);
            free(w);
            free(j);
        }
        summary_destroy(s);
        model_destroy(m);
    }
}

static void presets_speak_russian_and_ukrainian_with_the_same_numbers(void **state)
{
    (void)state;
    for (int f = 0; f < N_PRESET_FILES; f++) {
        Model *m;
        Summary *s = run_short(preset_files[f], &m);
        const Results *r = s->mean;
        /* the node the English names first ("Links DB (db): its ...", "... busiest node,
         * API (api), ..."), by label and id */
        const char *ids[2] = {NULL, NULL};
        for (int i = 0; i < m->n_nodes; i++) {
            char name[200];
            node_name(&m->nodes[i], NAMING_LABEL_AND_ID, name, sizeof name);
            size_t n = strlen(name);
            if ((strncmp(r->bottleneck_why, name, n) == 0 && r->bottleneck_why[n] == ':') ||
                (strstr(r->bottleneck_why, name) && strstr(r->bottleneck_why, "busiest node")))
                ids[0] = m->nodes[i].id;
        }
        assert_non_null(ids[0]);
        char *w[N_LANGS];
        for (int l = 0; l < N_LANGS; l++) w[l] = bottleneck_why_in(m, r, langs[l]);
        printf("    %s\n      en: %s\n      ru: %s\n      uk: %s\n", preset_files[f], w[0], w[1], w[2]);
        check_translation(w[0], w[1], ids);
        check_translation(w[0], w[2], ids);
        assert_string_not_equal(w[1], w[2]);
        for (int l = 0; l < N_LANGS; l++) free(w[l]);
        summary_destroy(s);
        model_destroy(m);
    }
}

/* ---- every branch, on hand-made figures ----------------------------------------------- */

/* gw calls api (blocking io, 3 x 4) which calls db (2 shards with a replica each: 4
 * servers x 32 connections); api publishes to q, consumed by cons (2 x 8); one is a
 * single-slot service on its own. */
static const char *const BRANCH_MODEL =
    "{\"format\":\"archsim/1\",\"scenario\":{\"duration_s\":10,"
    "\"requests\":[{\"name\":\"r\",\"rate_rps\":100}]},"
    "\"nodes\":[{\"id\":\"u\",\"kind\":\"client\"},"
    "{\"id\":\"gw\",\"kind\":\"service\",\"io\":\"async\",\"service_ms\":1,\"rate_limit_rps\":20000},"
    "{\"id\":\"api\",\"kind\":\"service\",\"instances\":3,\"workers\":4,\"io\":\"blocking\","
    "\"service_ms\":1},"
    "{\"id\":\"db\",\"kind\":\"database\",\"shards\":2,\"read_replicas\":1,\"pool\":32},"
    "{\"id\":\"q\",\"kind\":\"queue\"},"
    "{\"id\":\"cons\",\"kind\":\"service\",\"instances\":2,\"workers\":8,\"io\":\"async\","
    "\"service_ms\":1},"
    "{\"id\":\"one\",\"kind\":\"service\",\"instances\":1,\"workers\":1,\"service_ms\":1}],"
    "\"edges\":[{\"from\":\"u\",\"to\":\"gw\"},{\"from\":\"gw\",\"to\":\"api\"},"
    "{\"from\":\"api\",\"to\":\"db\"},{\"from\":\"api\",\"to\":\"q\"},"
    "{\"from\":\"q\",\"to\":\"cons\"},{\"from\":\"u\",\"to\":\"one\"}]}";

typedef struct Fig {
    const char *node;
    NodeFig fig;
    double value;
} Fig;

typedef struct Branch {
    const char *what;
    Fig figs[8];             /* the rest are 0 */
    const char *en;          /* the whole English sentence */
    const char *ru[4], *uk[4]; /* pieces each translation has */
    const char *ids[3];      /* node ids each translation names */
} Branch;

static const Branch branches[] = {
    {"none at this load",
     {{"api", NF_UTILISATION, 0.442}, {"db", NF_UTILISATION, 0.3}},
     "none at this load: the busiest node, api, is 44% utilised.",
     {"при этой нагрузке нет", "самый загруженный узел — api, загрузка 44%."},
     {"за цього навантаження немає", "найзавантаженіший вузол — api, завантаження 44%."},
     {"api"}},
    {"none at this load, yet a rate limit turned requests away",
     {{"api", NF_UTILISATION, 0.442}, {"gw", NF_ARRIVALS, 1000}, {"gw", NF_RATE_LIMITED, 123}},
     "none at this load: the busiest node, api, is 44% utilised. Yet gw turned away 12.3% of its arrivals with "
     "its rate limit of 20,000 rps.",
     {"при этой нагрузке нет", " Однако gw: отклонено 12.3% входящих запросов ограничением частоты (rate limit, "
      "20\xC2\xA0" "000 rps)."},
     {"за цього навантаження немає", " Проте gw: відхилено 12.3% вхідних запитів обмеженням частоти (rate limit, "
      "20\xC2\xA0" "000 rps)."},
     {"api", "gw"}},
    {"none at this load, yet a failure lost requests",
     {{"api", NF_UTILISATION, 0.442}, {"db", NF_ARRIVALS, 1000}, {"db", NF_FAILED, 48}},
     "none at this load: the busiest node, api, is 44% utilised. Yet db failed 4.8% of its arrivals while its "
     "servers were down.",
     {"при этой нагрузке нет", " Однако db: 4.8% входящих запросов не обслужено, пока серверы узла были недоступны."},
     {"за цього навантаження немає", " Проте db: 4.8% вхідних запитів не обслуговано, доки сервери вузла були недоступні."},
     {"api", "db"}},
    {"a database: servers x connections, waits, rejections",
     {{"db", NF_UTILISATION, 0.8}, {"db", NF_PRIMARY_UTILISATION, 0.8}, {"db", NF_ARRIVALS, 1000}, {"db", NF_REJECTED, 670},
      {"db", NF_MEAN_WAIT_MS, 294.2}, {"db", NF_P99_WAIT_MS, 327.4}},
     "db: its 128 slots (4 servers x 32 connections) were 80% busy; requests waited 294 ms "
     "on average for a slot (p99 327 ms) and 67% were rejected with the queue full.",
     {"db: 128 слотов (4 сервера x 32 соединения) были заняты 80% времени",
      "; запросы ждали свободного слота в среднем 294 мс (p99 327 мс)",
      ", и 67% запросов отклонено из-за переполненной очереди."},
     {"db: 128 слотів (4 сервери x 32 з'єднання) були зайняті 80% часу",
      "; запити чекали на вільний слот у середньому 294 мс (p99 327 мс)",
      ", і 67% запитів відхилено через переповнену чергу."},
     {"db"}},
    {"instances x workers, blocking io, waits in seconds",
     {{"api", NF_UTILISATION, 0.97}, {"api", NF_MEAN_WAIT_MS, 1264}, {"api", NF_P99_WAIT_MS, 2.5e6}},
     "api: its 12 slots (3 instances x 4 workers) were 97% busy, held also while waiting for "
     "downstream calls (blocking io); requests waited 1.26 s on average for a slot (p99 42 min).",
     {"api: 12 слотов (3 экземпляра x 4 воркера) были заняты 97% времени",
      "в том числе на время ожидания ответов нижестоящих сервисов (блокирующий ввод-вывод, "
      "blocking io)",
      "в среднем 1.26 с (p99 42 мин)."},
     {"api: 12 слотів (3 екземпляри x 4 воркери) були зайняті 97% часу",
      "зокрема на час очікування відповідей нижчих сервісів (блокувальне введення-виведення, "
      "blocking io)",
      "у середньому 1.26 с (p99 42 хв)."},
     {"api"}},
    {"one slot, a wait under a millisecond",
     {{"one", NF_UTILISATION, 0.991}, {"one", NF_MEAN_WAIT_MS, 0.42}, {"one", NF_P99_WAIT_MS, 3.07}},
     "one: its 1 slot was 99% busy; requests waited 0.42 ms on average for a slot (p99 3.1 ms).",
     {"one: 1 слот был занят 99% времени", "в среднем 0.42 мс (p99 3.1 мс)."},
     {"one: 1 слот був зайнятий 99% часу", "у середньому 0.42 мс (p99 3.1 мс)."},
     {"one"}},
    {"some of its servers failed: busy while up",
     {{"one", NF_UTILISATION, 0.991}, {"one", NF_UP_SHARE, 0.75}},
     "one: its 1 slot was 99% busy while up (its servers were up 75% of the time).",
     {"one: 1 слот был занят 99% времени их работы (серверы работали 75% времени)."},
     {"one: 1 слот був зайнятий 99% часу їхньої роботи (сервери працювали 75% часу)."},
     {"one"}},
    {"a caller that backed up waiting on it",
     {{"gw", NF_UTILISATION, 0.3}, {"gw", NF_ARRIVALS, 1000}, {"gw", NF_REJECTED, 414},
      {"api", NF_UTILISATION, 0.99}},
     "api: its 12 slots (3 instances x 4 workers) were 99% busy, held also while waiting for "
     "downstream calls (blocking io); gw, which calls it, turned away 41.4% of its requests while "
     "waiting on it.",
     {"; вызывающий его узел gw отклонил 41.4% своих запросов, пока ждал ответов."},
     {"; вузол gw, що його викликає, відхилив 41.4% своїх запитів, поки чекав на відповіді."},
     {"api", "gw"}},
    {"a blocking caller whose threads were all held waiting on it",
     {{"gw", NF_UTILISATION, 0.3}, {"api", NF_UTILISATION, 1.0}, {"api", NF_THROUGHPUT_RPS, 100},
      {"db", NF_UTILISATION, 0.99}, {"db", NF_PRIMARY_UTILISATION, 0.99}},
     "db: its 128 slots (4 servers x 32 connections) were 99% busy; api, which calls it, had its "
     "slots 100% busy waiting on it.",
     {"; вызывающий его узел api был занят на 100%, ожидая его ответов."},
     {"; вузол api, що його викликає, був зайнятий на 100%, чекаючи на його відповіді."},
     {"db", "api"}},
    {"a growing queue's consumers",
     {{"q", NF_END_BACKLOG, 125000}, {"q", NF_MAX_BACKLOG, 130000}, {"q", NF_MEAN_BACKLOG, 60000},
      {"cons", NF_UTILISATION, 0.9}, {"api", NF_UTILISATION, 0.5}},
     "cons: its 16 slots (2 instances x 8 workers) were 90% busy; the backlog of q grew to 125,000 "
     "messages waiting for a consumer.",
     {"cons: 16 слотов (2 экземпляра x 8 воркеров) были заняты 90% времени",
      "; очередь узла q выросла до 125\xC2\xA0" "000 сообщений в ожидании обработчика."},
     {"cons: 16 слотів (2 екземпляри x 8 воркерів) були зайняті 90% часу",
      "; черга вузла q зросла до 125\xC2\xA0" "000 повідомлень в очікуванні обробника."},
     {"cons", "q"}},
};
#define N_BRANCHES (int)(sizeof branches / sizeof *branches)

static Results *figures(const Model *m, const Fig *figs, int n)
{
    Results *r = results_create(m, 1);
    for (int k = 0; k < n && figs[k].node; k++) {
        int i = model_find_node(m, figs[k].node);
        assert_true(i >= 0);
        r->nodes[i][figs[k].fig] = figs[k].value;
    }
    return r;
}

static void every_branch_in_every_language(void **state)
{
    (void)state;
    Model *m = load_text(BRANCH_MODEL);
    for (int k = 0; k < N_BRANCHES; k++) {
        const Branch *b = &branches[k];
        Results *r = figures(m, b->figs, 8);
        /* asked before results_find_bottleneck(): decided from the figures alone */
        char *early = bottleneck_why_in(m, r, "ru");
        results_find_bottleneck(m, r);
        printf("    %s\n      en: %s\n", b->what, r->bottleneck_why);
        assert_non_null(r->bottleneck_why);
        char *json = as_json(b->en); /* the queue's: "grew to 125000 messages." */
        assert_string_equal(r->bottleneck_why, json);
        free(json);
        char *w[N_LANGS];
        for (int l = 0; l < N_LANGS; l++) w[l] = bottleneck_why_in(m, r, langs[l]);
        assert_string_equal(w[0], b->en);
        assert_string_equal(early, w[1]);
        for (int l = 1; l < N_LANGS; l++) {
            printf("      %s: %s\n", langs[l], w[l]);
            check_translation(w[0], w[l], b->ids);
            const char *const *want = l == 1 ? b->ru : b->uk;
            for (int p = 0; p < 4 && want[p]; p++) {
                if (!strstr(w[l], want[p])) fprintf(stderr, "missing \"%s\"\n", want[p]);
                assert_non_null(strstr(w[l], want[p]));
            }
        }
        for (int l = 0; l < N_LANGS; l++) free(w[l]);
        free(early);
        results_destroy(r);
    }
    model_destroy(m);
}

/* Over capacity in its own right or backed up by a node below: the flags of every node
 * agree with the sentence. */
static void over_capacity_and_backed_up_are_told_apart(void **state)
{
    (void)state;
    Model *m = load_text(BRANCH_MODEL);
    int gw = model_find_node(m, "gw"), api = model_find_node(m, "api"), db = model_find_node(m, "db"),
        q = model_find_node(m, "q"), cons = model_find_node(m, "cons");
    /* api's threads are all held waiting (its own work: 100/s x 1 ms / 12 slots), db full */
    const Fig held[] = {{"gw", NF_UTILISATION, 0.3}, {"gw", NF_ARRIVALS, 1000}, {"gw", NF_REJECTED, 400},
                        {"api", NF_UTILISATION, 1.0}, {"api", NF_THROUGHPUT_RPS, 100},
                        {"db", NF_UTILISATION, 0.99}, {NULL, 0, 0}};
    Results *r = figures(m, held, 8);
    bool over[16];
    int *backed = node_backed_up_all(m, r, over);
    assert_int_equal(backed[api], db);
    assert_int_equal(backed[gw], db); /* through api, which is only backed up itself */
    assert_int_equal(backed[db], -1);
    assert_true(over[db] && !over[api] && !over[gw]);
    assert_true(node_over_capacity(m, r, db) && !node_over_capacity(m, r, api));
    assert_int_equal(node_backed_up_by(m, r, gw), db);
    results_find_bottleneck(m, r);
    assert_int_equal(r->bottleneck, db);
    free(backed);
    /* api's own work fills it (11,000/s x 1 ms / 12 slots = 92%): over capacity itself,
     * and gw is backed up by api, the nearest */
    r->nodes[api][NF_THROUGHPUT_RPS] = 11000;
    backed = node_backed_up_all(m, r, over);
    assert_int_equal(backed[api], -1);
    assert_true(over[api] && over[db]);
    assert_int_equal(backed[gw], api);
    free(backed);
    results_destroy(r);
    /* a queue whose consumers lag: the queue's backlog is its own capacity problem (it
     * never waits on its consumers) and so is the busy consumer's */
    const Fig lag[] = {{"q", NF_END_BACKLOG, 125000}, {"q", NF_MAX_BACKLOG, 130000},
                       {"q", NF_MEAN_BACKLOG, 60000}, {"q", NF_UTILISATION, 0.1},
                       {"cons", NF_UTILISATION, 0.99}, {NULL, 0, 0}};
    r = figures(m, lag, 8);
    backed = node_backed_up_all(m, r, over);
    assert_int_equal(backed[q], -1);
    assert_true(over[q] && over[cons]);
    free(backed);
    results_destroy(r);
    model_destroy(m);
}

/* Nouns and the verb agree with the number before them: 1 and 21 one form, 2-4 and
 * 22-24 another, 5-20 and 25-30 (11-14 too) the third. */
static void nouns_and_verbs_agree_with_their_numbers(void **state)
{
    (void)state;
    Model *m = load_text(BRANCH_MODEL);
    int one = model_find_node(m, "one"), db = model_find_node(m, "db");
    static const struct {
        int workers;
        const char *en, *ru, *uk;
    } slots[] = {
        {1, "its 1 slot was 99% busy", "1 слот был занят", "1 слот був зайнятий"},
        {2, "its 2 slots (1 instance x 2 workers) were", "2 слота (1 экземпляр x 2 воркера) были заняты",
         "2 слоти (1 екземпляр x 2 воркери) були зайняті"},
        {5, "its 5 slots (1 instance x 5 workers) were", "5 слотов (1 экземпляр x 5 воркеров) были заняты",
         "5 слотів (1 екземпляр x 5 воркерів) були зайняті"},
        {11, "its 11 slots", "11 слотов (1 экземпляр x 11 воркеров) были заняты",
         "11 слотів (1 екземпляр x 11 воркерів) були зайняті"},
        {12, "its 12 slots", "12 слотов (1 экземпляр x 12 воркеров)", "12 слотів (1 екземпляр x 12 воркерів)"},
        {21, "its 21 slots", "21 слот (1 экземпляр x 21 воркер) был занят", "21 слот (1 екземпляр x 21 воркер) був зайнятий"},
        {22, "its 22 slots", "22 слота (1 экземпляр x 22 воркера) были заняты",
         "22 слоти (1 екземпляр x 22 воркери) були зайняті"},
        {111, "its 111 slots", "111 слотов (1 экземпляр x 111 воркеров)", "111 слотів (1 екземпляр x 111 воркерів)"},
    };
    for (size_t k = 0; k < sizeof slots / sizeof *slots; k++) {
        m->nodes[one].workers = slots[k].workers;
        Results *r = results_create(m, 1);
        r->nodes[one][NF_UTILISATION] = 0.99;
        char *w[N_LANGS];
        for (int l = 0; l < N_LANGS; l++) w[l] = bottleneck_why_in(m, r, langs[l]);
        const char *want[N_LANGS] = {slots[k].en, slots[k].ru, slots[k].uk};
        for (int l = 0; l < N_LANGS; l++) {
            if (!strstr(w[l], want[l])) fprintf(stderr, "\"%s\" lacks \"%s\"\n", w[l], want[l]);
            assert_non_null(strstr(w[l], want[l]));
            free(w[l]);
        }
        results_destroy(r);
    }
    /* a database: servers and connections */
    static const struct {
        int shards, replicas, pool;
        const char *en, *ru, *uk;
    } dbs[] = {
        {1, 0, 20, "(1 server x 20 connections)", "(1 сервер x 20 соединений)", "(1 сервер x 20 з'єднань)"},
        {3, 0, 21, "(3 servers x 21 connections)", "(3 сервера x 21 соединение)", "(3 сервери x 21 з'єднання)"},
        {1, 0, 1, "its 1 slot (1 server x 1 connection) was", "1 слот (1 сервер x 1 соединение) был занят",
         "1 слот (1 сервер x 1 з'єднання) був зайнятий"},
        {5, 0, 4, "(5 servers x 4 connections)", "(5 серверов x 4 соединения)", "(5 серверів x 4 з'єднання)"},
    };
    for (size_t k = 0; k < sizeof dbs / sizeof *dbs; k++) {
        m->nodes[db].shards = dbs[k].shards;
        m->nodes[db].read_replicas = dbs[k].replicas;
        m->nodes[db].pool = dbs[k].pool;
        Results *r = results_create(m, 1);
        r->nodes[db][NF_UTILISATION] = 0.99;
        const char *want[N_LANGS] = {dbs[k].en, dbs[k].ru, dbs[k].uk};
        for (int l = 0; l < N_LANGS; l++) {
            char *w = bottleneck_why_in(m, r, langs[l]);
            if (!strstr(w, want[l])) fprintf(stderr, "\"%s\" lacks \"%s\"\n", w, want[l]);
            assert_non_null(strstr(w, want[l]));
            free(w);
        }
        results_destroy(r);
    }
    /* a backlog of 1001 messages: "до 1 001 сообщения" (a no-break space between thousands in ru/uk) */
    m->nodes[db].shards = 1;
    Results *r = results_create(m, 1);
    int q = model_find_node(m, "q"), cons = model_find_node(m, "cons");
    r->nodes[q][NF_END_BACKLOG] = 1001;
    r->nodes[q][NF_MAX_BACKLOG] = 1001;
    r->nodes[q][NF_MEAN_BACKLOG] = 500;
    r->nodes[cons][NF_UTILISATION] = 0.9;
    const char *want[N_LANGS] = {"grew to 1,001 messages waiting for a consumer.",
                                 "выросла до 1\xC2\xA0" "001 сообщения в ожидании обработчика.",
                                 "зросла до 1\xC2\xA0" "001 повідомлення в очікуванні обробника."};
    for (int l = 0; l < N_LANGS; l++) {
        char *w = bottleneck_why_in(m, r, langs[l]);
        if (!strstr(w, want[l])) fprintf(stderr, "\"%s\" lacks \"%s\"\n", w, want[l]);
        assert_non_null(strstr(w, want[l]));
        free(w);
    }
    results_destroy(r);
    model_destroy(m);
}

static void every_piece_formats_in_every_language(void **state)
{
    (void)state;
    int n = bottleneck_message_count();
    assert_true(n >= 8);
    for (int i = 0; i < n; i++) {
        char *t[N_LANGS];
        for (int l = 0; l < N_LANGS; l++) {
            t[l] = bottleneck_message_sample(i, langs[l]);
            assert_non_null(t[l]);
            assert_true(t[l][0] != 0);
            if (!formatted_cleanly(t[l])) fprintf(stderr, "piece %d in %s: \"%s\"\n", i, langs[l], t[l]);
            assert_true(formatted_cleanly(t[l]));
        }
        for (int l = 1; l < N_LANGS; l++) {
            char *a = numbers_in(t[0]), *b = numbers_in(t[l]);
            if (!has_cyrillic(t[l]) || strcmp(a, b) != 0)
                fprintf(stderr, "piece %d in %s: \"%s\" (en: \"%s\")\n", i, langs[l], t[l], t[0]);
            assert_string_not_equal(t[l], t[0]);
            assert_true(has_cyrillic(t[l]));
            assert_string_equal(a, b);
            free(a);
            free(b);
        }
        for (int l = 0; l < N_LANGS; l++) free(t[l]);
    }
    assert_null(bottleneck_message_sample(-1, "ru"));
    assert_null(bottleneck_message_sample(n, "ru"));
}

/* ---- in the grade ------------------------------------------------------------------------ */

static void grade_text_and_json_carry_the_sentence_in_the_grades_language(void **state)
{
    (void)state;
    const char *files[] = {"scenarios/starters/twitter-timeline.json",
                           "scenarios/starters/db-read-scaling.json"};
    const char *prefix[N_LANGS] = {"Bottleneck: ", "Узкое место: ", "Вузьке місце: "};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        Model *m;
        Summary *s = run_short(files[f], &m);
        for (int l = 0; l < N_LANGS; l++) {
            char *why = bottleneck_why_in(m, s->mean, langs[l]);
            char *why_json = bottleneck_why_json(m, s->mean, langs[l], NAMING_LABEL_AND_ID);
            Grade *g = grade_create_in(m, s, langs[l]);
            assert_string_equal(g->bottleneck_why, why);
            assert_string_equal(g->bottleneck_why_json, why_json);
            char *text = grade_text(m, s, g, langs[l]);
            char *line = xasprintf("\n%s%s\n", prefix[l], why);
            if (!strstr(text, line)) fprintf(stderr, "no \"%s\" in:\n%s", line, text);
            assert_non_null(strstr(text, line));
            if (l > 0) assert_null(strstr(text, s->mean->bottleneck_why)); /* no English left */
            char *json = grade_json(m, s, g, langs[l]);
            cJSON *root = cJSON_Parse(json);
            const cJSON *bn = cJSON_GetObjectItemCaseSensitive(root, "bottleneck");
            assert_string_equal(cJSON_GetObjectItemCaseSensitive(bn, "why")->valuestring, why_json);
            if (l == 0) assert_string_equal(why_json, s->mean->bottleneck_why);
            cJSON_Delete(root);
            free(json);
            free(why_json);
            free(line);
            free(text);
            free(why);
            grade_destroy(g);
        }
        summary_destroy(s);
        model_destroy(m);
    }
}

/* The run's averages can hide a node that was full for a while: the database-read
 * exercise with two replicas, one of which dies for 10 s, has p99 eight times its limit
 * while every node is under 70% busy over the run. The sentence and the grade say which
 * node was full, when, and during which event, not "the time goes to the path". The
 * database as a whole was not full then (its primary idled), its surviving replica was:
 * the app's threads, full too, were held waiting for it, so the database is named, with
 * the app as the caller it held (the app alone was named until its busiest server was
 * kept per second). */
static void a_node_full_only_while_a_replica_is_down_is_named(void **state)
{
    (void)state;
    Model *m = load_data("scenarios/starters/db-read-scaling.json");
    int pg = model_find_node(m, "pg");
    assert_true(pg >= 0);
    m->nodes[pg].read_replicas = 2;
    Summary *s = run_model(m, 1, -1);
    const Results *r = s->mean;
    int app = node_index(r, "app"), db = node_index(r, "pg");
    FullAtTimes w;
    assert_int_equal(node_most_full_at_times(m, r, &w), db);
    assert_true(w.by_server);
    assert_int_equal(w.held, app);
    assert_true(w.full_s >= 8 && w.full_s <= 11); /* the 10 s of the failure */
    assert_true(w.from_s >= 14 && w.to_s <= 26);
    assert_int_equal(w.event, 0);
    /* the whole was under 95% every second: only its busiest server says it */
    for (int k = 0; k < r->n_seconds; k++) assert_true(results_node_series(r, db, k)[NS_UTILISATION] < 0.95);
    assert_true(results_node_series(r, db, 20)[NS_BUSIEST_SERVER] >= 0.95);
    assert_true(results_node_series(r, db, 10)[NS_BUSIEST_SERVER] < 0.8);
    fprintf(stderr, "%s\n", r->bottleneck_why);
    assert_non_null(strstr(r->bottleneck_why, "none at this load"));
    assert_non_null(strstr(r->bottleneck_why, "(pg) was full at times: its busiest server was 95% busy or more"));
    assert_non_null(strstr(r->bottleneck_why, "App servers (app), which calls it, was full then too"));
    assert_non_null(strstr(r->bottleneck_why, "The scenario's event 'a read replica dies' was on then."));
    const char *full_in[] = {"was full at times",
                             /* временами упирался */
                             "\xD0\xB2\xD1\x80\xD0\xB5\xD0\xBC\xD0\xB5\xD0\xBD\xD0\xB0\xD0\xBC\xD0\xB8 \xD1\x83\xD0\xBF\xD0\xB8\xD1\x80\xD0\xB0\xD0\xBB\xD1\x81\xD1\x8F",
                             "\xD1\x87\xD0\xB0\xD1\x81\xD0\xBE\xD0\xBC \xD1\x83\xD0\xBF\xD0\xB8\xD1\x80\xD0\xB0\xD0\xB2\xD1\x81\xD1\x8F"}; /* часом упирався */
    for (int l = 0; l < 3; l++) {
        char *why = bottleneck_why_in(m, r, langs[l]);
        assert_non_null(strstr(why, full_in[l]));
        free(why);
        Grade *g = grade_create_in(m, s, langs[l]);
        assert_false(g->pass);
        assert_true(g->n_hints > 0);
        assert_int_equal(g->hints[0].cause, CAUSE_FULL_AT_TIMES);
        assert_int_equal(g->hints[0].node, db);
        assert_non_null(strstr(g->hints[0].text, full_in[l]));
        if (l == 0) assert_non_null(strstr(g->hints[0].text, "while the scenario's event 'a read replica dies' was on"));
        for (int k = 0; k < g->n_hints; k++) assert_int_not_equal(g->hints[k].cause, CAUSE_LATENCY_PATH);
        grade_destroy(g);
    }
    summary_destroy(s);
    /* Without the failure nothing is full, even for a while, and nothing says so. */
    scenario_remove(m, SCEN_EVENTS, 0);
    s = run_model(m, 1, -1);
    assert_int_equal(node_most_full_at_times(m, s->mean, NULL), -1);
    assert_null(strstr(s->mean->bottleneck_why, "full at times"));
    summary_destroy(s);
    model_destroy(m);
}

/* The same read-scaling design with the app's queue cut to 200: its threads, held waiting
 * on the surviving replica, turn requests away, and the app is the bottleneck. The
 * sentence said only "held also while waiting for downstream calls (blocking io)" and the
 * grade "add instances or workers, or switch to async io"; they name the replica full at
 * times, and its room as the cure. */
static void threads_held_by_a_database_full_at_times_name_it(void **state)
{
    (void)state;
    Model *m = load_data("scenarios/starters/db-read-scaling.json");
    int pg = model_find_node(m, "pg"), app = model_find_node(m, "app");
    m->nodes[pg].read_replicas = 2;
    m->nodes[app].queue_max = 200;
    Summary *s = run_model(m, 1, -1);
    const Results *r = s->mean;
    assert_int_equal(r->bottleneck, app);
    assert_true(r->nodes[app][NF_REJECTED] > 0);
    assert_int_equal(node_threads_held_by(m, r, app), pg);
    FullAtTimes w;
    assert_int_equal(node_full_callee_at_times(m, r, app, &w), pg);
    assert_true(w.by_server);
    assert_int_equal(results_full_at_times(m, r, NULL), pg);
    fprintf(stderr, "%s\n", r->bottleneck_why);
    assert_non_null(strstr(r->bottleneck_why, "(blocking io), its threads held by calls waiting on Postgres (one server) "
                                              "(pg), whose busiest server was 95% busy or more for "));
    Grade *g = grade_create_in(m, s, "en");
    assert_true(g->n_hints > 0);
    assert_int_equal(g->hints[0].node, app);
    fprintf(stderr, "%s\n", g->hints[0].text);
    assert_non_null(strstr(g->hints[0].text, "; its workers were held by calls waiting on Postgres (one server) (pg), which "
                                             "was full at times: give Postgres (one server) (pg) room"));
    assert_null(strstr(g->hints[0].text, "switch to async io"));
    grade_destroy(g);
    char *text = report_text(m, s);
    assert_non_null(strstr(text, "Over capacity: app (at times), pg (at times)"));
    free(text);
    summary_destroy(s);
    model_destroy(m);
}

/* Sentences that qualify "none at this load" read as one account: the first says "Yet",
 * each after it "And" (two "Yet"s in a row read as a contradiction of the one before).
 * The one-zone design of the zone-failure exercise loses half its arrivals at the
 * balancer while its zone is dark; a slowed database on the reads' path adds a second. */
static void the_sentences_after_none_say_yet_once(void **state)
{
    (void)state;
    Model *m = load_data("scenarios/starters/zone-failure.json");
    const char *and_in[] = {" And ", " \xD0\x9A\xD1\x80\xD0\xBE\xD0\xBC\xD0\xB5 ", /* Кроме */
                            " \xD0\x9A\xD1\x80\xD1\x96\xD0\xBC "};                  /* Крім */
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            ScenarioEvent ev = {.at_s = 5, .action = EVENT_SLOW, .node = "db", .for_s = 10, .factor = 3,
                                .label = "db slows"};
            assert_true(scenario_add_event(m, &ev) >= 0);
        }
        Summary *s = run_model(m, 1, -1);
        const char *why = s->mean->bottleneck_why;
        fprintf(stderr, "%s\n", why);
        assert_non_null(strstr(why, "none at this load"));
        const char *yet = strstr(why, " Yet ");
        assert_non_null(yet);
        assert_non_null(strstr(why, "failed"));
        assert_null(strstr(yet + 1, " Yet ")); /* once */
        if (pass == 0) {
            assert_null(strstr(why, " And "));
        } else {
            const char *and = strstr(why, " And the scenario slowed Items DB (db)");
            assert_non_null(and);
            assert_true(and > yet);
            for (int l = 0; l < 3; l++) {
                char *w = bottleneck_why_in(m, s->mean, langs[l]);
                assert_non_null(strstr(w, and_in[l]));
                free(w);
            }
        }
        summary_destroy(s);
    }
    model_destroy(m);
}

/* The cache-sizing exercise misses 7,000 reads a second into one read replica that
 * answers 5,000: the replica is full while its primary idles, so the database is 51%
 * busy as a whole. The run blamed the app whose threads waited on it ("add instances or
 * workers, or switch to async io"); it names the database, its replicas' share, and the
 * app as backed up by it, in the sentence and the grade. */
static void a_full_replica_beside_an_idle_primary_is_the_bottleneck(void **state)
{
    (void)state;
    Model *m = load_data("scenarios/starters/cache-sizing.json");
    int pg = model_find_node(m, "pg"), app = model_find_node(m, "app");
    Summary *s = run_model(m, 1, 20);
    const Results *r = s->mean;
    const double *f = r->nodes[pg];
    double ur = node_replica_utilisation(m, r, pg);
    fprintf(stderr, "pg %.3f, primaries %.3f, replicas %.3f\n", f[NF_UTILISATION], f[NF_PRIMARY_UTILISATION], ur);
    assert_true(f[NF_UTILISATION] < 0.6 && f[NF_PRIMARY_UTILISATION] < 0.1 && ur >= 0.95);
    assert_int_equal(r->bottleneck, pg);
    assert_true(node_over_capacity(m, r, pg));
    assert_int_equal(node_backed_up_by(m, r, app), pg);
    assert_non_null(strstr(r->bottleneck_why, "Postgres (pg): its 40 slots (2 servers x 20 connections) were 51% busy, "
                                              "its read replicas 100%"));
    Grade *g = grade_create_in(m, s, "en");
    assert_true(g->n_hints > 0);
    assert_int_equal(g->hints[0].node, pg);
    assert_non_null(strstr(g->hints[0].text, "(its read replicas 100%)"));
    assert_non_null(strstr(g->hints[0].text, "add read replicas"));
    grade_destroy(g);
    /* the node table says it too; the replication figures stay out of the report of a
     * database without lag, read-your-writes or failover */
    char *text = report_text(m, s), *json = report_json(m, s);
    assert_non_null(strstr(text, "replicas 100%"));
    assert_null(strstr(text, "primary "));
    assert_null(strstr(json, "primary_utilisation"));
    free(text);
    free(json);
    summary_destroy(s);
    model_destroy(m);
}

/* A hot shard: hot_shard sends 70% of 6,000 reads/s to shard 0, whose server has 4
 * connections at 1 ms (4,000/s): full all the run, while the whole database read 36%.
 * The sentence said "none at this load: the busiest node, db, is 36% utilised. Yet db
 * was full at times: ... for 10 s of the 10 s measured", the notes OVER CAPACITY AT
 * TIMES, and a sweep named the api above it. Now the database is the bottleneck, by its
 * busiest server, and the grade's remedy says why more shards do not help. */
static void a_hot_shard_full_alone_is_the_bottleneck(void **state)
{
    (void)state;
    for (int blocking = 0; blocking < 2; blocking++) {
        Model *m = load_data("tests/data/analysis/hot-shard.json");
        int db = model_find_node(m, "db"), api = model_find_node(m, "api");
        if (blocking) m->nodes[api].workers = 64; /* its threads wait on the shard */
        Summary *s = run_model(m, 1, 10);
        const Results *r = s->mean;
        const double *f = r->nodes[db];
        fprintf(stderr, "db whole %.3f, busiest server %.3f; %s\n", f[NF_UTILISATION],
                f[NF_BUSIEST_SERVER_UTILISATION], r->bottleneck_why);
        assert_true(f[NF_UTILISATION] < 0.5 && f[NF_BUSIEST_SERVER_UTILISATION] >= 0.99);
        assert_true(node_server_full(m, r, db) >= 0.99);
        assert_int_equal(r->bottleneck, db);
        assert_true(node_over_capacity(m, r, db));
        assert_false(node_over_at_times(m, r, db));
        if (blocking) assert_int_equal(node_backed_up_by(m, r, api), db);
        assert_non_null(strstr(r->bottleneck_why, "Orders DB (db): its 16 slots (4 servers x 4 connections) were 3"));
        assert_non_null(strstr(r->bottleneck_why, "busy, its busiest server 100% (hot_shard sends 70% of all its "
                                                  "requests to shard 0)"));
        assert_null(strstr(r->bottleneck_why, "at times"));
        assert_null(strstr(r->bottleneck_why, "none at this load"));
        Grade *g = grade_create_in(m, s, "en");
        assert_true(g->n_hints > 0);
        assert_int_equal(g->hints[0].node, db);
        assert_non_null(strstr(g->hints[0].text, "(its busiest server 100%)"));
        assert_non_null(strstr(g->hints[0].text, "more shards leave that share where it is"));
        grade_destroy(g);
        g = grade_create_in(m, s, "ru");
        assert_non_null(strstr(g->hints[0].text, "(самый загруженный сервер — 100%)"));
        assert_non_null(strstr(g->hints[0].text, "hot_shard отправляет 70%"));
        grade_destroy(g);
        char *text = report_text(m, s);
        assert_non_null(strstr(text, "busiest server 100%; OVER CAPACITY <- bottleneck"));
        assert_null(strstr(text, "AT TIMES"));
        free(text);
        summary_destroy(s);
        model_destroy(m);
    }
}

/* The cache-restart starter: Redis (one async instance, 1,000 in-flight places) turned
 * reads away at 28% busy. Its places were all held, for 10 s, by misses waiting on the
 * Postgres replica, full after the restart. The sentence, the grade and the notes say
 * so, in every language; with places to spare nothing does. */
static void an_in_flight_limit_held_by_the_node_below_is_named(void **state)
{
    (void)state;
    Model *m = load_data("scenarios/starters/cache-restart.json");
    int cache = model_find_node(m, "cache"), pg = model_find_node(m, "pg");
    Summary *s = run_model(m, 1, -1);
    const Results *r = s->mean;
    const double *f = r->nodes[cache];
    fprintf(stderr, "cache: %.3f busy, in-flight full %.2f s, %.0f rejected\n", f[NF_UTILISATION],
            f[NF_INFLIGHT_FULL_S], f[NF_REJECTED]);
    assert_true(f[NF_UTILISATION] < 0.5 && f[NF_REJECTED] > 0);
    assert_true(f[NF_INFLIGHT_FULL_S] >= 5 && f[NF_INFLIGHT_FULL_S] <= 15); /* after the restart */
    assert_true(node_inflight_full_s(m, r, cache) > 0);
    assert_int_equal(node_inflight_held_by(m, r, cache), pg);
    assert_true(node_full_some_time(m, r, pg));
    assert_int_equal(r->bottleneck, cache);
    fprintf(stderr, "%s\n", r->bottleneck_why);
    assert_non_null(strstr(r->bottleneck_why, "; its in-flight limit (1,000) was reached for "));
    assert_non_null(strstr(r->bottleneck_why, " of the 40 s measured, its places held by calls waiting on Postgres (pg), "
                                              "whose busiest server was 95% busy or more for "));
    /* and Postgres is marked full at times, as the board and the notes mark it */
    FullAtTimes fw;
    assert_int_equal(results_full_at_times(m, r, &fw), pg);
    assert_true(fw.by_server && fw.full_s >= 8 && fw.from_s >= 40);
    assert_non_null(strstr(r->bottleneck_why, " on average for a slot or an in-flight place (p99 "));
    const char *ids[] = {"cache", "pg", NULL};
    char *w[N_LANGS];
    for (int l = 0; l < N_LANGS; l++) w[l] = bottleneck_why_in(m, r, langs[l]);
    for (int l = 1; l < N_LANGS; l++) check_translation(w[0], w[l], ids);
    assert_non_null(strstr(w[1], "(1\xC2\xA0" "000)")); /* the limit, grouped as Russian groups it */
    for (int l = 0; l < N_LANGS; l++) free(w[l]);
    Grade *g = grade_create_in(m, s, "en");
    assert_true(g->n_hints > 0);
    assert_int_equal(g->hints[0].node, cache);
    fprintf(stderr, "%s\n", g->hints[0].text);
    assert_non_null(strstr(g->hints[0].text, "its in-flight limit (1,000) reached for"));
    assert_non_null(strstr(g->hints[0].text, "waiting on Postgres (pg), which was full at times: give Postgres (pg) room"));
    assert_null(strstr(g->hints[0].text, "keep fewer, hotter keys")); /* not the cache's usual remedy */
    grade_destroy(g);
    char *text = report_text(m, s);
    assert_non_null(strstr(text, "in-flight full "));
    assert_non_null(strstr(text, "Over capacity: cache (at times), pg (at times)"));
    free(text);
    summary_destroy(s);
    /* Places to spare: never all taken, and nothing says they were. */
    m->nodes[cache].max_inflight = 1000000;
    s = run_model(m, 1, -1);
    r = s->mean;
    assert_true(r->nodes[cache][NF_INFLIGHT_FULL_S] == 0);
    assert_null(strstr(r->bottleneck_why, "in-flight"));
    text = report_text(m, s);
    assert_null(strstr(text, "in-flight full"));
    free(text);
    summary_destroy(s);
    model_destroy(m);
}

/* An async API whose 40 in-flight places a slow partner holds all run (2,000 calls a
 * second x 20 ms need 40 on average): 12% busy, no request turned away, and its queue
 * grows. The report said "none at this load: the busiest node, api, is 12% utilised"; it
 * is over capacity, as a node 100% busy is, and the bottleneck, and says why. */
static void an_async_node_whose_places_are_always_taken_is_the_bottleneck(void **state)
{
    (void)state;
    Model *m = load_data("tests/data/gui/inflight.json");
    int api = model_find_node(m, "api"), ext = model_find_node(m, "ext");
    Summary *s = run_model(m, 1, -1);
    const Results *r = s->mean;
    const double *f = r->nodes[api];
    assert_true(f[NF_UTILISATION] < 0.2 && f[NF_REJECTED] == 0);
    assert_true(f[NF_INFLIGHT_FULL_S] >= 0.95 * r->duration_s);
    assert_int_equal(r->bottleneck, api);
    assert_true(node_over_capacity(m, r, api));
    assert_false(node_over_at_times(m, r, api));
    assert_int_equal(node_backed_up_by(m, r, api), -1); /* the partner is not full: api is short */
    assert_int_equal(node_inflight_held_by(m, r, api), ext);
    assert_false(node_full_some_time(m, r, ext));
    fprintf(stderr, "%s\n", r->bottleneck_why);
    assert_null(strstr(r->bottleneck_why, "none at this load"));
    assert_non_null(strstr(r->bottleneck_why, "were 12% busy; its in-flight limit (40) was reached for 20 s of the 20 s "
                                              "measured, its places held by calls waiting on Partner (ext); requests "
                                              "waited "));
    Grade *g = grade_create_in(m, s, "en");
    assert_false(g->pass);
    assert_true(g->n_hints > 0);
    assert_int_equal(g->hints[0].node, api);
    fprintf(stderr, "%s\n", g->hints[0].text);
    assert_non_null(strstr(g->hints[0].text, "for a slot or an in-flight place on average, its in-flight limit (40) "));
    assert_non_null(strstr(g->hints[0].text, "waiting on Partner (ext): raise max_inflight"));
    grade_destroy(g);
    summary_destroy(s);
    /* Room for the 40 and their spread: nothing full, nothing said */
    m->nodes[api].max_inflight = 200;
    s = run_model(m, 1, -1);
    assert_true(s->mean->nodes[api][NF_INFLIGHT_FULL_S] == 0);
    assert_int_equal(s->mean->bottleneck, -1);
    summary_destroy(s);
    model_destroy(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_async_node_whose_places_are_always_taken_is_the_bottleneck),
        cmocka_unit_test(an_in_flight_limit_held_by_the_node_below_is_named),
        cmocka_unit_test(every_piece_formats_in_every_language),
        cmocka_unit_test(every_branch_in_every_language),
        cmocka_unit_test(nouns_and_verbs_agree_with_their_numbers),
        cmocka_unit_test(over_capacity_and_backed_up_are_told_apart),
        cmocka_unit_test(a_full_replica_beside_an_idle_primary_is_the_bottleneck),
        cmocka_unit_test(a_hot_shard_full_alone_is_the_bottleneck),
        cmocka_unit_test(a_node_full_only_while_a_replica_is_down_is_named),
        cmocka_unit_test(threads_held_by_a_database_full_at_times_name_it),
        cmocka_unit_test(the_sentences_after_none_say_yet_once),
        cmocka_unit_test(english_is_the_reports_sentence_byte_for_byte),
        cmocka_unit_test(presets_speak_russian_and_ukrainian_with_the_same_numbers),
        cmocka_unit_test(grade_text_and_json_carry_the_sentence_in_the_grades_language),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
