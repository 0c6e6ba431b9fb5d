/*
 * workspace_gen.c: writes a complete scorecard input workspace (docs/input.md), deterministically.
 *
 * Owned by tests/gen; self-contained (C11 + libc), never linked into scorecard itself.
 *
 *   workspace_gen --out DIR [--seed N] [--people N] [--rows N] [--from YYYY-MM] [--to YYYY-MM]
 *
 * Two modes:
 *   demo  (default)     a fictional Chinese company, 明川软件 (product 明川销售云), with 25 people in
 *                       three regional teams. The data is shaped to exercise every rule of docs/computation.md:
 *                       refunds, split orders, zero rows, rows without order id, other money and
 *                       date forms, seasonality, growth, stars and strugglers (tiers S..D), new
 *                       hires and a leaver, missing metric months, withheld 360 groups, overdue
 *                       actions, and one team target that disagrees with its members' sum.
 *   bench (--people N)  N people in teams of 25 and exactly --rows sales rows, streamed day by
 *                       day (never held in memory), with proportionally sized other files.
 *
 * The same arguments always give byte-identical files: every random choice comes from a
 * splitmix64 generator per file, seeded from --seed. No clock, no rand(), no locale.
 * Each file is written as DIR/.NAME.tmp and renamed into place when complete; input/cases/
 * is never touched.
 *
 * Exit status (sysexits): 0 ok, 64 usage, 70 internal, 73 cannot create output, 74 I/O error.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#define EX_OK 0
#define EX_USAGE 64
#define EX_SOFTWARE 70
#define EX_CANTCREAT 73
#define EX_IOERR 74

#define NO_DAY LONG_MAX

/* ------------------------------------------------------------------ errors and memory */

static char g_tmp_path[4200]; /* the temporary file being written, removed on failure */

static void die(int code, const char *fmt, const char *arg)
{
    fprintf(stderr, "workspace_gen: ");
    fprintf(stderr, fmt, arg ? arg : "");
    fprintf(stderr, "\n");
    if (g_tmp_path[0])
        remove(g_tmp_path);
    exit(code);
}

/* for snprintf into fixed fields whose width depends on the data */
static void fit(int n, size_t size)
{
    if (n < 0 || (size_t)n >= size)
        die(EX_SOFTWARE, "internal error: text does not fit%s", NULL);
}

static void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        die(EX_SOFTWARE, "out of memory%s", NULL);
    return p;
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        die(EX_SOFTWARE, "out of memory%s", NULL);
    return p;
}

static void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        die(EX_SOFTWARE, "out of memory%s", NULL);
    return p;
}

/* ------------------------------------------------------------------ random numbers */

/* splitmix64: tiny, fast, and good enough for test data. One generator per purpose, so that
 * changing how one file is generated does not reshuffle the others. */
typedef struct {
    uint64_t s;
} Rng;

static uint64_t rng_next(Rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static Rng rng_make(uint64_t seed, uint64_t stream)
{
    Rng r;
    r.s = seed ^ (stream * 0xD1B54A32D192ED03ULL);
    (void)rng_next(&r);
    return r;
}

/* uniform in [0, n) for n >= 1 */
static uint32_t rng_below(Rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

static double rng_unit(Rng *r)
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static int rng_chance(Rng *r, double p)
{
    return rng_unit(r) < p;
}

static double rng_range(Rng *r, double lo, double hi)
{
    return lo + (hi - lo) * rng_unit(r);
}

/* roughly standard normal (Irwin-Hall with four terms; no libm needed) */
static double rng_normal(Rng *r)
{
    double s = rng_unit(r) + rng_unit(r) + rng_unit(r) + rng_unit(r);
    return (s - 2.0) * 1.7320508075688772;
}

/* number of successes in n trials of probability p (small n) */
static int rng_binomial(Rng *r, int n, double p)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        k += rng_chance(r, p);
    return k;
}

static int pick_weighted(Rng *r, const int *w, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += w[i];
    if (total <= 0)
        return 0;
    int x = (int)rng_below(r, (uint32_t)total);
    for (int i = 0; i < n; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return n - 1;
}

/* ------------------------------------------------------------------ calendar */

/* days since 1970-01-01 (proleptic Gregorian), after H. Hinnant */
static long days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int weekday(long z) /* 0 = Sunday */
{
    long w = (z + 4) % 7;
    return (int)(w < 0 ? w + 7 : w);
}

/* A month index is year * 12 + (month - 1). */
static long month_first(int mi)
{
    return days_from_civil(mi / 12, mi % 12 + 1, 1);
}

static long month_last(int mi)
{
    return month_first(mi + 1) - 1;
}

static int month_of_day(long day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    return y * 12 + m - 1;
}

static void fmt_date(char out[11], long day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    out[0] = (char)('0' + y / 1000 % 10);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}

/* the other date form of docs/input.md §2: 2026/10/3 */
static void fmt_date_slash(char out[24], long day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    snprintf(out, 24, "%04d/%d/%d", y, m, d);
}

/* Seasonality of the demo company, also written into policy.yaml; tenths, summing to 120. */
static const int SEASON10[12] = {8, 6, 10, 10, 10, 10, 9, 9, 10, 11, 12, 15};

static int quarter_weight(int q)
{
    return SEASON10[q * 3] + SEASON10[q * 3 + 1] + SEASON10[q * 3 + 2];
}

/* growth: 1.2 % a month over the start of the range (2026 is ~15 % above 2025) */
static double growth(int t)
{
    return 1.0 + 0.012 * t;
}

/* ------------------------------------------------------------------ output files */

#define OUT_BUF (1u << 20)

typedef struct {
    FILE *fp;
    char tmp[4200], final[4200];
    char *buf;
    size_t len;
    unsigned long long rows; /* data rows, header excluded */
} Out;

static void out_open(Out *o, const char *dir, const char *name)
{
    memset(o, 0, sizeof *o);
    if (snprintf(o->tmp, sizeof o->tmp, "%s/.%s.tmp", dir, name) >= (int)sizeof o->tmp ||
        snprintf(o->final, sizeof o->final, "%s/%s", dir, name) >= (int)sizeof o->final)
        die(EX_USAGE, "output path too long: %s", dir);
    o->fp = fopen(o->tmp, "wb");
    if (!o->fp)
        die(EX_CANTCREAT, "cannot create %s", o->tmp);
    memcpy(g_tmp_path, o->tmp, sizeof g_tmp_path);
    o->buf = xmalloc(OUT_BUF);
}

static void out_flush(Out *o)
{
    if (o->len && fwrite(o->buf, 1, o->len, o->fp) != o->len)
        die(EX_IOERR, "write error on %s", o->tmp);
    o->len = 0;
}

static void out_mem(Out *o, const char *s, size_t n)
{
    if (o->len + n > OUT_BUF) {
        out_flush(o);
        if (n > OUT_BUF) {
            if (fwrite(s, 1, n, o->fp) != n)
                die(EX_IOERR, "write error on %s", o->tmp);
            return;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

static void out_str(Out *o, const char *s)
{
    out_mem(o, s, strlen(s));
}

static void out_ch(Out *o, char c)
{
    if (o->len == OUT_BUF)
        out_flush(o);
    o->buf[o->len++] = c;
}

/* one CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF, or leading or
 * trailing blanks; inner quotes doubled */
static void out_field(Out *o, const char *s)
{
    size_t n = strlen(s);
    int quote = n && (s[0] == ' ' || s[n - 1] == ' ');
    for (size_t i = 0; i < n && !quote; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
            quote = 1;
    if (!quote) {
        out_mem(o, s, n);
        return;
    }
    out_ch(o, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            out_ch(o, '"');
        out_ch(o, s[i]);
    }
    out_ch(o, '"');
}

static void out_u64(Out *o, unsigned long long v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        out_ch(o, tmp[--n]);
}

static void out_i64(Out *o, long long v)
{
    if (v < 0) {
        out_ch(o, '-');
        out_u64(o, (unsigned long long)(-(v + 1)) + 1u);
    } else {
        out_u64(o, (unsigned long long)v);
    }
}

/* money as a plain decimal with 2 places: -1234.50 */
static void out_cents(Out *o, long long cents)
{
    unsigned long long a = cents < 0 ? (unsigned long long)(-(cents + 1)) + 1u : (unsigned long long)cents;
    if (cents < 0)
        out_ch(o, '-');
    out_u64(o, a / 100);
    out_ch(o, '.');
    out_ch(o, (char)('0' + a % 100 / 10));
    out_ch(o, (char)('0' + a % 10));
}

static void out_eol(Out *o)
{
    out_ch(o, '\n');
    o->rows++;
}

static void out_header(Out *o, const char *line)
{
    out_str(o, line);
    out_ch(o, '\n');
}

static unsigned long long out_close(Out *o)
{
    out_flush(o);
    if (fflush(o->fp) != 0 || ferror(o->fp))
        die(EX_IOERR, "write error on %s", o->tmp);
    if (fclose(o->fp) != 0)
        die(EX_IOERR, "write error on %s", o->tmp);
    if (rename(o->tmp, o->final) != 0)
        die(EX_IOERR, "cannot rename to %s", o->final);
    g_tmp_path[0] = '\0';
    free(o->buf);
    o->buf = NULL;
    return o->rows;
}

/* ------------------------------------------------------------------ the business */

enum { R_SALES, R_CS, R_CAMPAIGN, R_RESEARCH, R_MANAGER, R_COUNT };
static const char *const ROLE_NAME[R_COUNT] = {"sales", "customer_success", "campaign", "research",
                                               "manager"};

typedef struct {
    const char *name;
    long long unit_cents;
    int qmin, qmax;
} Product;

/* 明川销售云: a CRM sold as yearly subscriptions plus services. The last one is a free gift
 * (a zero-amount line inside an order). */
static const Product PRODUCTS[] = {
    {"销售云标准版（年费）", 680000, 1, 3},
    {"销售云专业版（年费）", 1680000, 1, 2},
    {"销售云企业版（年费）", 3980000, 1, 1},
    {"BI数据分析模块", 980000, 1, 1},
    {"实施服务（人天）", 200000, 2, 10},
    {"培训服务", 128000, 1, 6},
    {"增购账号包", 240000, 1, 5},
    {"续费维保", 360000, 1, 3},
    {"行业白皮书（赠品）", 0, 1, 1},
};
#define N_SELLABLE 8
#define P_GIFT 8
#define P_STANDARD 0
#define P_PRO 1
#define P_ENTERPRISE 2
#define P_IMPLEMENT 4
#define P_TRAINING 5

static const int PRODUCT_WEIGHT[R_COUNT][N_SELLABLE] = {
    /* sales    */ {22, 12, 3, 8, 14, 12, 14, 5},
    /* cs       */ {2, 2, 0, 4, 8, 12, 28, 44},
    /* campaign */ {30, 6, 0, 0, 0, 44, 20, 0},
    /* research */ {0, 0, 0, 0, 0, 0, 0, 0},
    /* manager  */ {10, 35, 25, 20, 10, 0, 0, 0},
};

static const char *const CHANNELS[] = {"直销", "渠道代理", "电话销售", "线上商城", "展会活动", "线上自助"};
#define N_CHANNELS 6
#define CH_PARTNER 1
#define CH_EXPO 4
#define CH_SELF_SERVICE 5 /* small self-service purchases, recorded without an order id */
static const int CHANNEL_WEIGHT[R_COUNT][N_CHANNELS] = {
    {55, 25, 12, 8, 0, 0},
    {30, 0, 50, 20, 0, 0},
    {0, 35, 0, 30, 35, 0},
    {0, 0, 0, 0, 0, 0},
    {90, 10, 0, 0, 0, 0},
};

static long long line_cents(long long unit, int qty, int discount_pct)
{
    return (unit * qty * (100 - discount_pct) + 50) / 100;
}

static int pick_discount(Rng *r)
{
    uint32_t x = rng_below(r, 100);
    return x < 58 ? 0 : x < 78 ? 5 : x < 91 ? 10 : 15;
}

enum { K_REVENUE, K_ORDERS, K_NEW_CUSTOMERS, K_SATISFACTION, K_LEADS, K_COUNT };
static const char *const KPI_NAME[K_COUNT] = {"revenue", "orders", "new_customers", "satisfaction",
                                              "leads"};

static const char *const DIMENSIONS[4] = {"professional", "communication", "teamwork", "innovation"};

typedef struct {
    char id[24], name[40], email[64];
    int team, role, manager; /* manager: index of the manager, -1 for none */
    long hire, leave;        /* day numbers; leave == NO_DAY when still employed */
    double base_rev;         /* expected monthly revenue (yuan) at 100 %, before season and growth */
    double perf, slope;      /* revenue performance factor and its change per month */
    double sat;              /* satisfaction level, 0 when not measured */
    double quality;          /* level of 360 reviews on the 1-5 scale */
    double leads;            /* monthly leads (campaign) */
    int ramp, decline;       /* new hire ramps up; leaver fades out */
    double dim_off[4];       /* personal strengths per review dimension */
    int *book;               /* demo: customers this person sells to */
    int nbook, capbook;
    int weight;              /* bench: share of the sales rows */
    long book_base, book_size;
} Person;

typedef struct {
    char id[24];
    int manager; /* person index */
} Team;

typedef struct {
    const char *out;
    uint64_t seed;
    long people;
    long long rows;
    int rows_set;
    int from_mi, to_mi;
} Options;

/* Common world state for a run. */
typedef struct {
    Options opt;
    Person *p;
    int np;
    Team *t;
    int nt;
    int from_mi, to_mi, last_year; /* last_year: the year of --to, anchors the demo story */
} World;

static int employed_span(const Person *p, long lo, long hi, long *a, long *b)
{
    long s = p->hire > lo ? p->hire : lo;
    long e = p->leave < hi ? p->leave : hi;
    if (s > e)
        return 0;
    if (a)
        *a = s;
    if (b)
        *b = e;
    return 1;
}

static void book_add(Person *p, int cust)
{
    if (p->nbook == p->capbook) {
        p->capbook = p->capbook ? p->capbook * 2 : 16;
        p->book = xrealloc(p->book, (size_t)p->capbook * sizeof *p->book);
    }
    p->book[p->nbook++] = cust;
}

/* ------------------------------------------------------------------ one sales row */

/* The format variations of docs/input.md §2 a real export contains: a few slashed dates, a few amounts
 * with currency signs or thousands separators. Decided by their own generator. */
static void put_money_variant(Out *o, Rng *r, long long cents)
{
    char tmp[64], digits[32];
    long long yuan = cents / 100, fen = cents % 100;
    int kind = (int)rng_below(r, 4);
    if (kind == 0 || kind == 3) {
        /* thousands separators: ¥1,280.50 or 1,280.50 (quoted because of the comma) */
        int n = snprintf(digits, sizeof digits, "%lld", yuan);
        char *w = tmp;
        if (kind == 0) {
            memcpy(w, "\xC2\xA5", 2); /* ¥ */
            w += 2;
        }
        for (int i = 0; i < n; i++) {
            if (i && (n - i) % 3 == 0)
                *w++ = ',';
            *w++ = digits[i];
        }
        snprintf(w, sizeof tmp - (size_t)(w - tmp), ".%02lld", fen);
    } else if (kind == 1) {
        /* full-width yen sign, whole yuan without decimals when there are no fen */
        if (fen == 0)
            snprintf(tmp, sizeof tmp, "\xEF\xBF\xA5%lld", yuan);
        else
            snprintf(tmp, sizeof tmp, "\xEF\xBF\xA5%lld.%02lld", yuan, fen);
    } else {
        snprintf(tmp, sizeof tmp, "CNY %lld.%02lld", yuan, fen);
    }
    out_field(o, tmp);
}

typedef struct {
    long day;
    char iso[11];
    char slash[24];
} DayText;

static void day_text(DayText *dt, long day)
{
    dt->day = day;
    fmt_date(dt->iso, day);
    fmt_date_slash(dt->slash, day);
}

static void put_sales_row(Out *o, Rng *fmt, const DayText *dt, const char *rep, const char *cust,
                          long long cents, const char *order_id, const char *product, int qty,
                          const char *channel)
{
    if (rng_below(fmt, 1000) < 4)
        out_str(o, dt->slash);
    else
        out_mem(o, dt->iso, 10);
    out_ch(o, ',');
    out_str(o, rep);
    out_ch(o, ',');
    out_field(o, cust);
    out_ch(o, ',');
    if (cents > 0 && rng_below(fmt, 1000) < 25)
        put_money_variant(o, fmt, cents);
    else
        out_cents(o, cents);
    out_ch(o, ',');
    out_field(o, order_id);
    out_ch(o, ',');
    out_field(o, product);
    out_ch(o, ',');
    out_i64(o, qty);
    out_ch(o, ',');
    out_field(o, channel);
    out_eol(o);
}

static const char SALES_HEADER[] = "date,rep_id,customer_id,amount,order_id,product,quantity,channel";

/* ------------------------------------------------------------------ targets (both modes) */

enum { S_COMPANY, S_TEAM, S_REP };
enum { PT_YEAR, PT_QUARTER, PT_MONTH };

typedef struct {
    int scope, idx, kpi, ptype, year, sub;
    long long val; /* cents for money KPIs, hundredths for the others */
} Target;

typedef struct {
    Target *v;
    int n, cap;
} TargetList;

static void target_add(TargetList *tl, int scope, int idx, int kpi, int ptype, int year, int sub,
                       long long val)
{
    if (tl->n == tl->cap) {
        tl->cap = tl->cap ? tl->cap * 2 : 256;
        tl->v = xrealloc(tl->v, (size_t)tl->cap * sizeof *tl->v);
    }
    Target t = {scope, idx, kpi, ptype, year, sub, val};
    tl->v[tl->n++] = t;
}

static long long target_find(const TargetList *tl, int scope, int idx, int kpi, int ptype, int year,
                             int sub)
{
    for (int i = 0; i < tl->n; i++) {
        const Target *t = &tl->v[i];
        if (t->scope == scope && t->idx == idx && t->kpi == kpi && t->ptype == ptype &&
            t->year == year && (ptype == PT_YEAR || t->sub == sub))
            return t->val;
    }
    return -1;
}

static long long div_round(long long a, long long b) /* a >= 0, b > 0, half up */
{
    return (2 * a + b) / (2 * b);
}

static long long round_to(long long v, long long unit)
{
    return div_round(v, unit) * unit;
}

/* docs/computation.md target of a person's money KPI for month mi: explicit month, else the quarter row
 * decomposed by seasonality, else the year row; -1 for none. */
static long long rep_month_target(const TargetList *tl, int p, int kpi, int mi)
{
    int y = mi / 12, m = mi % 12, q = m / 3;
    long long v = target_find(tl, S_REP, p, kpi, PT_MONTH, y, m);
    if (v >= 0)
        return v;
    v = target_find(tl, S_REP, p, kpi, PT_QUARTER, y, q);
    if (v >= 0)
        return div_round(v * SEASON10[m], quarter_weight(q));
    v = target_find(tl, S_REP, p, kpi, PT_YEAR, y, 0);
    if (v >= 0)
        return div_round(v * SEASON10[m], 120);
    return -1;
}

static long long rep_quarter_target(const TargetList *tl, int p, int kpi, int y, int q)
{
    long long v = target_find(tl, S_REP, p, kpi, PT_QUARTER, y, q);
    if (v >= 0)
        return v;
    long long sum = 0;
    for (int m = q * 3; m < q * 3 + 3; m++) {
        long long t = rep_month_target(tl, p, kpi, y * 12 + m);
        if (t < 0)
            return -1;
        sum += t;
    }
    return sum;
}

static long long rep_year_target(const TargetList *tl, int p, int kpi, int y)
{
    long long v = target_find(tl, S_REP, p, kpi, PT_YEAR, y, 0);
    if (v >= 0)
        return v;
    long long sum = 0;
    for (int q = 0; q < 4; q++) {
        long long t = rep_quarter_target(tl, p, kpi, y, q);
        if (t < 0)
            return -1;
        sum += t;
    }
    return sum;
}

static void put_period(Out *o, int ptype, int year, int sub)
{
    char tmp[16];
    if (ptype == PT_YEAR)
        snprintf(tmp, sizeof tmp, "%04d", year % 10000);
    else if (ptype == PT_QUARTER)
        snprintf(tmp, sizeof tmp, "%04d-Q%d", year % 10000, sub % 4 + 1);
    else
        snprintf(tmp, sizeof tmp, "%04d-%02d", year % 10000, sub % 12 + 1);
    out_str(o, tmp);
}

/* hundredths as a short decimal: 450 -> 4.5, 1200 -> 12 */
static void put_hundredths(Out *o, long long v)
{
    out_i64(o, v / 100);
    long long f = v % 100;
    if (f) {
        out_ch(o, '.');
        out_ch(o, (char)('0' + f / 10));
        if (f % 10)
            out_ch(o, (char)('0' + f % 10));
    }
}

static unsigned long long write_targets(const World *w, const TargetList *tl)
{
    Out o;
    out_open(&o, w->opt.out, "targets.csv");
    out_header(&o, "period,scope,id,kpi,target");
    static const char *const SCOPE[] = {"company", "team", "rep"};
    for (int scope = S_COMPANY; scope <= S_REP; scope++) {
        for (int i = 0; i < tl->n; i++) {
            const Target *t = &tl->v[i];
            if (t->scope != scope)
                continue;
            put_period(&o, t->ptype, t->year, t->sub);
            out_ch(&o, ',');
            out_str(&o, SCOPE[scope]);
            out_ch(&o, ',');
            if (scope == S_TEAM)
                out_str(&o, w->t[t->idx].id);
            else if (scope == S_REP)
                out_str(&o, w->p[t->idx].id);
            out_ch(&o, ',');
            out_str(&o, KPI_NAME[t->kpi]);
            out_ch(&o, ',');
            if (t->kpi == K_REVENUE)
                out_cents(&o, t->val);
            else
                put_hundredths(&o, t->val);
            out_eol(&o);
        }
    }
    return out_close(&o);
}

/* ------------------------------------------------------------------ team.csv (both modes) */

/* The demo's people have a statement_password, for `scorecard send --encrypt`. */
static unsigned long long write_team(const World *w, int demo)
{
    Out o;
    out_open(&o, w->opt.out, "team.csv");
    out_header(&o, demo ? "rep_id,name,team,role,manager_id,hire_date,leave_date,email,"
                          "statement_password"
                        : "rep_id,name,team,role,manager_id,hire_date,leave_date,email");
    for (int i = 0; i < w->np; i++) {
        const Person *p = &w->p[i];
        char d[11];
        out_str(&o, p->id);
        out_ch(&o, ',');
        out_field(&o, p->name);
        out_ch(&o, ',');
        out_str(&o, w->t[p->team].id);
        out_ch(&o, ',');
        out_str(&o, ROLE_NAME[p->role]);
        out_ch(&o, ',');
        if (p->manager >= 0)
            out_str(&o, w->p[p->manager].id);
        out_ch(&o, ',');
        fmt_date(d, p->hire);
        out_str(&o, d);
        out_ch(&o, ',');
        if (p->leave != NO_DAY) {
            fmt_date(d, p->leave);
            out_str(&o, d);
        }
        out_ch(&o, ',');
        out_field(&o, p->email);
        if (demo) {
            char pw[48];
            fmt_date(d, p->hire);
            snprintf(pw, sizeof pw, "%s@%.4s", p->id, d);
            out_ch(&o, ',');
            out_str(&o, pw);
        }
        out_eol(&o);
    }
    return out_close(&o);
}

/* ------------------------------------------------------------------ 360 review texts */

/* Comments by dimension and level (0 high, 1 middle, 2 low). Some carry an ASCII comma or
 * quotes, as real exports do. */
static const char *const COMMENTS[4][3][3] = {
    {{"产品知识扎实，方案讲解清晰", "对行业客户的业务流程很熟悉, 报价准确", "客户说他是\"最懂业务的顾问\""},
     {"基础扎实，复杂方案还需要售前支持", "新版本的功能掌握得还不够熟练", "能独立完成标准演示"},
     {"对产品细节不熟，多次需要同事补位", "报价和合同条款出过几次错误", "方案缺少行业针对性"}},
    {{"沟通及时，客户反馈响应很快", "周会汇报有条理，数据清楚", "和客户高层沟通很有分寸"},
     {"沟通总体顺畅，跟进记录偶有遗漏", "和客户沟通时可以更主动一些", "邮件回复有时偏慢"},
     {"客户投诉回复不及时", "内部沟通较少，信息常常滞后", "会议上很少表达自己的意见"}},
    {{"乐于分享客户资源和经验，带新人很用心", "跨部门协作积极，主动补位", "大项目里是团队的主心骨"},
     {"能完成分内工作，跨组配合一般", "团队活动参与度一般", "和交付团队的交接还可以更细"},
     {"较少参与团队协作，撞单时不够配合", "和交付团队配合存在摩擦", "很少分享经验"}},
    {{"尝试直播获客，效果不错", "提出了新的客户分级方法, 已在组内推广", "用TCO计算器帮客户算账，很有说服力"},
     {"能接受新方法，但主动尝试不多", "希望多提改进建议", "新工具用得还不够"},
     {"工作方式比较固定，缺少新思路", "对新工具的使用有抵触", "仍然靠老办法跑客户"}},
};

static const char *const SELF_COMMENTS[] = {
    "本季度主要精力放在老客户续约上",
    "新客户开发还有差距，下季度重点补上",
    "本季度完成了两个大客户的上线\n下季度计划加强新客户开发",
    "我觉得自己在\"需求挖掘\"上还有提升空间",
    "参加了产品认证培训，已通过考试",
    "跨部门协作比上季度顺畅",
};

static const char *review_comment(Rng *r, int relation_self, int dim, int score10)
{
    if (relation_self)
        return SELF_COMMENTS[rng_below(r, sizeof SELF_COMMENTS / sizeof *SELF_COMMENTS)];
    int level = score10 >= 40 ? 0 : score10 >= 30 ? 1 : 2;
    return COMMENTS[dim][level][rng_below(r, 3)];
}

enum { REL_SELF, REL_MANAGER, REL_PEER, REL_REPORT, REL_CUSTOMER };
static const char *const RELATION[] = {"self", "manager", "peer", "report", "customer"};
static const double REL_BIAS[] = {0.35, 0.0, 0.1, 0.05, 0.15};
static const double REL_COMMENT[] = {0.5, 0.6, 0.2, 0.2, 0.3};

static void put_score(Out *o, int score10)
{
    out_i64(o, score10 / 10);
    if (score10 % 10) {
        out_ch(o, '.');
        out_ch(o, (char)('0' + score10 % 10));
    }
}

/* Writes one reviewer's four dimension rows. level: the reviewee's standing on the 1-5 scale. */
static void put_review(Out *o, Rng *r, const char *period, const Person *reviewee,
                       const char *reviewer, int relation, double level)
{
    int comment_dim = rng_chance(r, REL_COMMENT[relation]) ? (int)rng_below(r, 4) : -1;
    int decimals = rng_chance(r, 0.3); /* this reviewer uses tenths */
    for (int d = 0; d < 4; d++) {
        double s = level + reviewee->dim_off[d] + REL_BIAS[relation] + 0.35 * rng_normal(r);
        int score10 = decimals ? (int)(s * 10 + 0.5) : 10 * (int)(s + 0.5);
        if (s < 0)
            score10 = 10;
        if (score10 < 10)
            score10 = 10;
        if (score10 > 50)
            score10 = 50;
        out_str(o, period);
        out_ch(o, ',');
        out_str(o, reviewee->id);
        out_ch(o, ',');
        out_field(o, reviewer);
        out_ch(o, ',');
        out_str(o, RELATION[relation]);
        out_ch(o, ',');
        out_str(o, DIMENSIONS[d]);
        out_ch(o, ',');
        put_score(o, score10);
        out_ch(o, ',');
        if (d == comment_dim)
            out_field(o, review_comment(r, relation == REL_SELF, d, score10));
        out_eol(o);
    }
}

/* choose k distinct entries of cand[0..n) in place (partial Fisher-Yates); returns the count */
static int sample(Rng *r, int *cand, int n, int k)
{
    if (k > n)
        k = n;
    for (int i = 0; i < k; i++) {
        int j = i + (int)rng_below(r, (uint32_t)(n - i));
        int t = cand[i];
        cand[i] = cand[j];
        cand[j] = t;
    }
    return k;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The review quarters: the four quarters ending with the one before the quarter of --to
 * (2025-Q4..2026-Q3 by default), all inside the range. Returns the count; qs are absolute
 * quarter indices (year * 4 + q). */
static int review_quarters(const World *w, int qs[4])
{
    int last = w->to_mi / 3 - 1;
    int first_allowed = (w->from_mi + 2) / 3; /* first quarter wholly inside the range */
    int n = 0;
    for (int q = last - 3; q <= last; q++)
        if (q >= first_allowed)
            qs[n++] = q;
    return n;
}

/* ------------------------------------------------------------------ policy.yaml */

/*
 * The demo's policy names its organisation (the logo is input/logo.png,
 * kept beside), measures managers on their team with a plan of their own
 * and settles by quarter; the bench's keeps everyone measured on
 * themselves, so that its figures compare with a plain GROUP BY.
 */
static void write_policy(const World *w, int demo)
{
    Out o;
    out_open(&o, w->opt.out, "policy.yaml");
    out_str(&o,
            "# 明川软件 绩效政策（scorecard policy.yaml）\n"
            "# 未写出的条目沿用内置默认值；未知键会报错。\n");
    if (demo)
        out_str(&o,
            "organisation:            # 报告上的公司名称、团队和岗位的显示名称、标志\n"
            "  company: 明川软件\n"
            "  teams: {huadong: 华东大区, huanan: 华南大区, huabei: 华北大区}\n"
            "  roles: {campaign: 活动策划}\n"
            "  logo: logo.png         # 输入目录中的 PNG 或 JPEG\n"
            "  sender: 人力资源部 <hr@example.cn>\n");
    out_str(&o,
            "currency: CNY\n"
            "locale: zh-CN            # 报告语言：zh-CN 或 en\n"
            "# 月度权重（1-12月），用于把年度/季度目标拆解到月：2月春节淡季，四季度冲刺旺季\n"
            "seasonality: [0.8, 0.6, 1, 1, 1, 1, 0.9, 0.9, 1, 1.1, 1.2, 1.5]\n"
            "kpis:                    # KPI 的数据来源、汇总方式、单位和达成率封顶\n"
            "  revenue:        {source: sales, agg: sum,  unit: money, cap: 1.5}    # 销售额\n"
            "  orders:         {source: sales, agg: sum,  unit: count, cap: 1.5}    # 订单数\n"
            "  new_customers:  {source: sales, agg: sum,  unit: count, cap: 1.5}    # 新客户数\n"
            "  satisfaction:   {source: metrics, agg: mean, unit: score, cap: 1.2}  # 客户满意度（1-5分）\n"
            "  leads:          {source: metrics, agg: sum,  unit: count, cap: 1.5}  # 有效线索数\n"
            "roles:                   # 各岗位的 KPI 权重\n"
            "  sales:            {revenue: 0.6, new_customers: 0.2, satisfaction: 0.2}   # 销售\n"
            "  customer_success: {satisfaction: 0.5, revenue: 0.3, orders: 0.2}         # 客户成功\n"
            "  campaign:         {leads: 0.6, revenue: 0.4}                             # 营销活动策划\n"
            "  research:         {satisfaction: 1.0}                                    # 市场调研\n"
            "  manager:          {revenue: 0.7, satisfaction: 0.3}                      # 团队经理\n"
            "composite: {kpi: 0.7, review: 0.3}   # 综合得分 = KPI 70% + 360评估 30%\n"
            "review:                  # 360度评估\n"
            "  scale: [1, 5]\n"
            "  relation_weights: {manager: 0.4, peer: 0.3, report: 0.2, customer: 0.1, self: 0}\n"
            "  min_raters: 3          # 同事/下属/客户评价人少于3人时不单独显示，保护匿名\n"
            "tiers:                   # 绩效等级，从高到低；最后一级兜底\n"
            "  - {name: S, min_score: 90, max_share: 0.10, multiplier: 1.5, honor: 季度之星}\n"
            "  - {name: A, min_score: 80, max_share: 0.20, multiplier: 1.2, honor: 优秀员工}\n"
            "  - {name: B, min_score: 65, multiplier: 1.0}\n"
            "  - {name: C, min_score: 50, multiplier: 0.8}\n"
            "  - {name: D, min_score: 0,  multiplier: 0.0}\n"
            "tiers_scope: company     # 强制分布范围：company 全公司 / team 各团队\n"
            "commission:              # 阶梯式提成\n"
            "  base: revenue\n"
            "  mode: marginal         # marginal 分段累进；flat 按达到的档位全额计提\n"
            "  gate: 0.6              # 达成率低于60%不计提成\n");
    if (demo)
        out_str(&o,
            "  cap: 50000.00          # 每人每月上限（乘等级系数之后）；季度上限为 3 倍\n"
            "  settle: quarterly      # 季度结算：季度提成减去三个月已发 = 季度补发（负数为扣回）\n"
            "  clawback: true         # 季度少于已发时扣回；false 则不扣回\n");
    else
        out_str(&o,
            "  cap: 50000.00          # 每人每期上限（乘等级系数之后）\n");
    out_str(&o,
            "  brackets:\n"
            "    - {from: 0.6, to: 1.0, rate: 0.01}\n"
            "    - {from: 1.0, to: 1.2, rate: 0.03}\n"
            "    - {from: 1.2, rate: 0.05}\n");
    if (demo)
        out_str(&o,
            "team_scope_roles: [manager]   # 团队经理按团队整体业绩考核\n"
            "commission_by_role:      # 岗位专属提成方案：未写出的条目沿用上面的公司方案\n"
            "  manager: {mode: marginal, gate: 0.8, cap: 80000.00, brackets: [{from: 0.8, rate: 0.002}]}\n");
    out_str(&o,
            "alert_below: 0.8         # 销售额达成率低于80%须有改进计划\n");
    out_close(&o);
}

/* ================================================================== demo workspace */

typedef struct {
    const char *id, *name, *email;
    int team, role;
    int hire_yoff, hire_m, hire_d;    /* hire date; year relative to the last year of the range */
    int leave_yoff, leave_m, leave_d; /* leave_m == 0: none */
    double base_rev, perf, slope, sat, quality, leads;
    int ramp, decline;
} DemoPerson;

enum { T_HUADONG, T_HUANAN, T_HUABEI };
static const char *const DEMO_TEAMS[] = {"huadong", "huanan", "huabei"};

/* Roles follow the case retrospectives in input/cases (HD06 runs the channel programme,
 * HN04 the trade fair, HB07 and HB08 open the Taiyuan market from July). Revenue bases are
 * monthly yuan at 100 %; huabei's members add up to the ~4,200万 year target its case names. */
static const DemoPerson DEMO_ROSTER[] = {
    /* id     name      email            team       role          hire          leave    base     perf  slope   sat   qual  leads */
    {"HD01", "陈志强", "chen.zhiqiang", T_HUADONG, R_MANAGER, -9, 4, 10, 0, 0, 0, 150000, 1.05, 0, 4.5, 4.3, 0, 0, 0},
    {"HD02", "张伟", "zhang.wei", T_HUADONG, R_SALES, -6, 7, 1, 0, 0, 0, 560000, 1.38, 0.002, 4.7, 4.6, 0, 0, 0},
    {"HD03", "李娜", "li.na", T_HUADONG, R_SALES, -4, 3, 15, 0, 0, 0, 540000, 1.0, 0, 4.5, 4.0, 0, 0, 0},
    {"HD04", "王磊", "wang.lei", T_HUADONG, R_SALES, -3, 9, 1, 0, 0, 0, 500000, 0.62, 0.004, 4.1, 3.3, 0, 0, 0},
    {"HD05", "刘洋", "liu.yang", T_HUADONG, R_SALES, -2, 5, 6, 0, 0, 0, 500000, 0.9, 0.008, 4.4, 3.9, 0, 0, 0},
    {"HD06", "赵敏", "zhao.min", T_HUADONG, R_CAMPAIGN, -5, 11, 20, 0, 0, 0, 200000, 1.05, 0, 0, 3.9, 140, 0, 0},
    {"HD07", "孙悦", "sun.yue", T_HUADONG, R_CS, -3, 2, 18, 0, 0, 0, 240000, 1.0, 0, 4.75, 4.2, 0, 0, 0},
    {"HD08", "周杰", "zhou.jie", T_HUADONG, R_SALES, 0, 3, 2, 0, 0, 0, 460000, 0.9, 0, 4.3, 3.7, 0, 1, 0},
    {"HQ01", "吴晓燕", "wu.xiaoyan", T_HUADONG, R_RESEARCH, -5, 6, 1, 0, 0, 0, 0, 1.0, 0, 4.6, 4.4, 0, 0, 0},
    {"HN01", "黄文斌", "huang.wenbin", T_HUANAN, R_MANAGER, -8, 1, 5, 0, 0, 0, 140000, 0.92, 0, 4.3, 3.9, 0, 0, 0},
    {"HN02", "林晓东", "lin.xiaodong", T_HUANAN, R_SALES, -7, 8, 12, 0, 0, 0, 580000, 1.15, 0, 4.5, 4.2, 0, 0, 0},
    {"HN03", "郑丽华", "zheng.lihua", T_HUANAN, R_SALES, -2, 10, 8, 0, 0, 0, 480000, 0.36, 0, 3.7, 2.6, 0, 0, 0},
    {"HN04", "何俊杰", "he.junjie", T_HUANAN, R_CAMPAIGN, -4, 4, 1, 0, 0, 0, 180000, 0.85, 0, 0, 3.7, 120, 0, 0},
    {"HN05", "梁静", "liang.jing", T_HUANAN, R_SALES, -6, 6, 20, 0, 0, 0, 540000, 1.0, 0, 4.5, 3.9, 0, 0, 0},
    {"HN06", "罗佳怡", "luo.jiayi", T_HUANAN, R_CS, -3, 3, 3, 0, 0, 0, 230000, 0.88, 0.003, 4.4, 3.8, 0, 0, 0},
    {"HN07", "谢雨桐", "xie.yutong", T_HUANAN, R_SALES, -2, 7, 15, 0, 0, 0, 500000, 0.8, 0, 4.3, 3.5, 0, 0, 0},
    {"HN08", "冯浩然", "feng.haoran", T_HUANAN, R_SALES, -3, 11, 1, 0, 8, 15, 520000, 0.85, 0, 4.2, 3.4, 0, 0, 1},
    {"HB01", "马国栋", "ma.guodong", T_HUABEI, R_MANAGER, -10, 3, 1, 0, 0, 0, 150000, 1.0, 0, 4.5, 4.1, 0, 0, 0},
    {"HB02", "高峰", "gao.feng", T_HUABEI, R_SALES, -5, 5, 8, 0, 0, 0, 560000, 1.3, 0, 4.6, 4.4, 0, 0, 0},
    {"HB03", "杨帆", "yang.fan", T_HUABEI, R_SALES, -4, 9, 9, 0, 0, 0, 560000, 1.08, -0.012, 4.3, 3.6, 0, 0, 0},
    {"HB04", "许婷", "xu.ting", T_HUABEI, R_CAMPAIGN, -2, 2, 20, 0, 0, 0, 180000, 0.68, 0, 0, 3.2, 110, 0, 0},
    {"HB05", "韩雪", "han.xue", T_HUABEI, R_CS, -6, 10, 10, 0, 0, 0, 260000, 1.05, 0, 4.8, 4.3, 0, 0, 0},
    {"HB06", "曹明", "cao.ming", T_HUABEI, R_SALES, 0, 7, 1, 0, 0, 0, 460000, 0.85, 0, 4.2, 3.6, 0, 1, 0},
    {"HB07", "邓琳", "deng.lin", T_HUABEI, R_SALES, -4, 1, 10, 0, 0, 0, 560000, 1.05, 0, 4.4, 3.9, 0, 0, 0},
    {"HB08", "彭宇", "peng.yu", T_HUABEI, R_SALES, -3, 6, 6, 0, 0, 0, 520000, 0.95, 0, 4.3, 3.6, 0, 0, 0},
};
#define DEMO_N ((int)(sizeof DEMO_ROSTER / sizeof *DEMO_ROSTER))

static int find_person(const World *w, const char *id)
{
    for (int i = 0; i < w->np; i++)
        if (strcmp(w->p[i].id, id) == 0)
            return i;
    return -1;
}

static int is_id(const Person *p, const char *id)
{
    return strcmp(p->id, id) == 0;
}

static void demo_roster(World *w)
{
    Rng r = rng_make(w->opt.seed, 11);
    w->nt = 3;
    w->t = xcalloc(3, sizeof *w->t);
    for (int i = 0; i < 3; i++)
        snprintf(w->t[i].id, sizeof w->t[i].id, "%s", DEMO_TEAMS[i]);
    w->np = DEMO_N;
    w->p = xcalloc((size_t)DEMO_N, sizeof *w->p);
    int Y = w->last_year;
    for (int i = 0; i < DEMO_N; i++) {
        const DemoPerson *d = &DEMO_ROSTER[i];
        Person *p = &w->p[i];
        snprintf(p->id, sizeof p->id, "%s", d->id);
        snprintf(p->name, sizeof p->name, "%s", d->name);
        snprintf(p->email, sizeof p->email, "%s@example.cn", d->email);
        p->team = d->team;
        p->role = d->role;
        p->hire = days_from_civil(Y + d->hire_yoff, d->hire_m, d->hire_d);
        p->leave = d->leave_m ? days_from_civil(Y + d->leave_yoff, d->leave_m, d->leave_d) : NO_DAY;
        p->base_rev = d->base_rev;
        p->perf = d->perf;
        p->slope = d->slope;
        p->sat = d->sat;
        p->quality = d->quality;
        p->leads = d->leads;
        p->ramp = d->ramp;
        p->decline = d->decline;
        for (int k = 0; k < 4; k++)
            p->dim_off[k] = rng_range(&r, -0.3, 0.3);
        if (p->role == R_MANAGER)
            w->t[p->team].manager = i;
    }
    for (int i = 0; i < DEMO_N; i++) {
        Person *p = &w->p[i];
        p->manager = p->role == R_MANAGER ? -1 : w->t[p->team].manager;
    }
}

/* Revenue performance of a person in month mi, with the story of the cases: a price war in
 * huadong in Q1 of the last year, HD06's channel push in Q2, the Taiyuan start of HB07 and
 * HB08 in Q3, new hires ramping up and a leaver fading out. */
static double demo_perf(const World *w, const Person *p, int mi)
{
    int rel = mi - w->last_year * 12; /* 0 = January of the last year */
    double v = p->perf + p->slope * (mi - w->from_mi);
    if (p->ramp) {
        double f = 0.3 + 0.12 * (mi - month_of_day(p->hire));
        v *= f < 0.3 ? 0.3 : f > 1 ? 1 : f;
    }
    if (p->decline && p->leave != NO_DAY) {
        double f = 0.4 + 0.6 * (month_of_day(p->leave) - mi) / 8.0;
        v *= f < 0.4 ? 0.4 : f > 1 ? 1 : f;
    }
    if (p->team == T_HUADONG && rel >= 0 && rel <= 2)
        v *= 0.85;
    if (is_id(p, "HD06") && rel >= 3 && rel <= 5)
        v *= 1.35;
    if ((is_id(p, "HB07") || is_id(p, "HB08")) && rel >= 6)
        v *= rel <= 8 ? (is_id(p, "HB08") ? 0.45 : 0.6) : (is_id(p, "HB08") ? 0.45 : 0.8);
    return v < 0.05 ? 0.05 : v;
}

/* new customers a month at 100 % performance */
static const double NEW_RATE[R_COUNT] = {2.2, 0.3, 1.6, 0, 0.3};
static const int INITIAL_BOOK[R_COUNT] = {8, 0, 3, 0, 3};

#define LINE_REFUND 1
#define LINE_NOID 2

typedef struct {
    long day;
    uint32_t key, seq;
    int rep, cust; /* cust -1: a new customer, given an id when written */
    int order_no;  /* lines of one order share it */
    int product, qty, channel, flags;
    long long cents;
    char order_id[24];
} Line;

typedef struct {
    long day;
    int rep, cust, product, qty, channel, refunded;
    long long cents;
    char order_id[24];
} Hist;

typedef struct {
    /* customers: index i is id C%04d of i + 1 */
    int *cust_month; /* month the customer was created */
    int ncust, capcust;
    Line *lines;
    int nlines, caplines;
    Hist *hist;
    int nhist, caphist;
    int *hist_month_start;
    int next_order_no;
    /* per person and year: orders; per team and year: expected new customers */
    int (*orders_year)[2];
    double exp_new[3][2];
} DemoSales;

static int new_customer(DemoSales *s, int mi)
{
    if (s->ncust == s->capcust) {
        s->capcust = s->capcust ? s->capcust * 2 : 512;
        s->cust_month = xrealloc(s->cust_month, (size_t)s->capcust * sizeof *s->cust_month);
    }
    s->cust_month[s->ncust] = mi;
    return s->ncust++;
}

static Line *new_line(DemoSales *s)
{
    if (s->nlines == s->caplines) {
        s->caplines = s->caplines ? s->caplines * 2 : 2048;
        s->lines = xrealloc(s->lines, (size_t)s->caplines * sizeof *s->lines);
    }
    Line *l = &s->lines[s->nlines];
    memset(l, 0, sizeof *l);
    l->seq = (uint32_t)s->nlines++;
    return l;
}

static int book_pick(Rng *r, const Person *p)
{
    if (p->nbook == 0)
        return -1;
    if (p->nbook > 6 && rng_chance(r, 0.3))
        return p->book[rng_below(r, 6)]; /* key accounts buy more often */
    return p->book[rng_below(r, (uint32_t)p->nbook)];
}

static int teammate_pick(Rng *r, const World *w, int self)
{
    for (int tries = 0; tries < 12; tries++) {
        int j = (int)rng_below(r, (uint32_t)w->np);
        if (j != self && w->p[j].team == w->p[self].team && w->p[j].nbook > 0)
            return book_pick(r, &w->p[j]);
    }
    return -1;
}

/* an existing customer for an order of person pi, or -1 when a new one is needed */
static int demo_pick_customer(Rng *r, const World *w, const DemoSales *s, int pi)
{
    const Person *p = &w->p[pi];
    int own_share = p->role == R_SALES ? 90 : p->role == R_CS ? 15 : p->role == R_CAMPAIGN ? 60 : 70;
    uint32_t x = rng_below(r, 100);
    int c = -1;
    if (p->role == R_SALES && x >= 97 && s->ncust > 0)
        c = (int)rng_below(r, (uint32_t)s->ncust); /* a customer of another team */
    else if ((int)x < own_share)
        c = book_pick(r, p);
    else
        c = teammate_pick(r, w, pi);
    if (c < 0)
        c = book_pick(r, p);
    if (c < 0)
        c = teammate_pick(r, w, pi);
    return c;
}

/* Spring Festival (正月初一), 2020..2030; the week around it is a holiday */
static const int SPRING_FESTIVAL[][2] = {{2020, 125}, {2021, 212}, {2022, 201}, {2023, 122}, {2024, 210}, {2025, 129},
                                         {2026, 217}, {2027, 206}, {2028, 126}, {2029, 213}, {2030, 203}};

static int is_holiday(long day)
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    if ((m == 1 && d == 1) || (m == 5 && d <= 5) || (m == 10 && d <= 7))
        return 1;
    for (size_t i = 0; i < sizeof SPRING_FESTIVAL / sizeof *SPRING_FESTIVAL; i++) {
        if (SPRING_FESTIVAL[i][0] != y)
            continue;
        long sf = days_from_civil(y, SPRING_FESTIVAL[i][1] / 100, SPRING_FESTIVAL[i][1] % 100);
        return day >= sf - 1 && day <= sf + 6;
    }
    return 0;
}

/* a day in [a, b], mostly a working day */
static long pick_workday(Rng *r, long a, long b)
{
    static const int ACCEPT[7] = {10, 100, 100, 100, 100, 100, 25}; /* Sunday .. Saturday */
    long d = a;
    for (int tries = 0; tries < 64; tries++) {
        d = a + (long)rng_below(r, (uint32_t)(b - a + 1));
        if ((int)rng_below(r, 100) < (is_holiday(d) ? 3 : ACCEPT[weekday(d)]))
            break;
    }
    return d;
}

/* Adds one order of person pi on day; returns its revenue. forced_product >= 0 and
 * forced_cents >= 0 describe a known deal from the cases. */
static long long demo_add_order(DemoSales *s, Rng *r, const World *w, int pi, long day, int cust,
                                int channel, int forced_product, long long forced_cents, int forced_qty)
{
    const Person *p = &w->p[pi];
    int order_no = s->next_order_no++;
    uint32_t key = (uint32_t)rng_next(r);
    long long got = 0;
    if (forced_product >= 0) {
        Line *l = new_line(s);
        l->day = day;
        l->key = key;
        l->rep = pi;
        l->cust = cust;
        l->order_no = order_no;
        l->product = forced_product;
        l->qty = forced_qty;
        l->channel = channel;
        l->cents = forced_cents;
        return forced_cents;
    }
    int noid = p->role != R_MANAGER && rng_chance(r, 0.012);
    int nl = noid ? 1 : rng_chance(r, 0.27) ? 2 + (int)rng_below(r, 3) : 1;
    int used[N_SELLABLE] = {0};
    if (noid)
        channel = CH_SELF_SERVICE;
    for (int k = 0; k < nl; k++) {
        int prod = 0;
        for (int tries = 0; tries < 8; tries++) {
            prod = noid ? (rng_chance(r, 0.5) ? P_TRAINING : 6)
                        : pick_weighted(r, PRODUCT_WEIGHT[p->role], N_SELLABLE);
            if (!used[prod])
                break;
        }
        if (used[prod])
            continue;
        used[prod] = 1;
        const Product *pr = &PRODUCTS[prod];
        Line *l = new_line(s);
        l->day = day;
        l->key = key;
        l->rep = pi;
        l->cust = cust;
        l->order_no = order_no;
        l->product = prod;
        l->qty = pr->qmin + (int)rng_below(r, (uint32_t)(pr->qmax - pr->qmin + 1));
        l->channel = channel;
        l->flags = noid ? LINE_NOID : 0;
        l->cents = line_cents(pr->unit_cents, l->qty, pick_discount(r));
        got += l->cents;
    }
    if (!noid && nl >= 2 && rng_chance(r, 0.008)) {
        Line *l = new_line(s); /* a free gift inside the order: a zero-amount row */
        l->day = day;
        l->key = key;
        l->rep = pi;
        l->cust = cust;
        l->order_no = order_no;
        l->product = P_GIFT;
        l->qty = 1;
        l->channel = channel;
    }
    return got;
}

static int cmp_line(const void *a, const void *b)
{
    const Line *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Deals told in the case retrospectives, so that the data and the casebook agree. */
typedef struct {
    const char *rep;
    int yoff, m, d;
    int product, qty;
    long long cents;
    int channel;
    int new_customer; /* 1: a new account; 0: an existing one of the team */
    int with_implementation; /* adds the implementation fee line of the same order */
    long long impl_cents;
} Deal;

static const Deal DEALS[] = {
    /* 星海精密: first year 96万 = subscription 60万 + implementation and migration 36万 */
    {"HD03", -1, 6, 18, P_PRO, 180, 60000000, 0, 1, 1, 36000000},
    /* 北辰供应链: the lost renewal left an 8万 data migration service */
    {"HB05", -1, 10, 28, P_IMPLEMENT, 40, 8000000, 0, 0, 0, 0},
    /* 深圳数博会: three signed deals within 90 days */
    {"HN04", -1, 12, 9, P_PRO, 1, 18000000, CH_EXPO, 1, 0, 0},
    {"HN04", -1, 12, 22, P_PRO, 1, 14000000, CH_EXPO, 1, 0, 0},
    {"HN04", 0, 1, 13, P_STANDARD, 1, 9000000, CH_EXPO, 1, 0, 0},
    /* 鹏程大药房: renewal rescued, 96万 a year */
    {"HN06", 0, 6, 26, P_ENTERPRISE, 1, 96000000, 0, 0, 0, 0},
};

static void hist_add(DemoSales *s, const Line *l, const char *order_id)
{
    if (s->nhist == s->caphist) {
        s->caphist = s->caphist ? s->caphist * 2 : 4096;
        s->hist = xrealloc(s->hist, (size_t)s->caphist * sizeof *s->hist);
    }
    Hist *h = &s->hist[s->nhist++];
    h->day = l->day;
    h->rep = l->rep;
    h->cust = l->cust;
    h->product = l->product;
    h->qty = l->qty;
    h->channel = l->channel;
    h->cents = l->cents;
    h->refunded = 0;
    snprintf(h->order_id, sizeof h->order_id, "%s", order_id);
}

/* A refund of an earlier order line: the same order id, rep, customer and product, negative
 * amount and quantity. HD06's channel push of Q2 comes back as a wave of refunds in July. */
static int demo_refund(DemoSales *s, Rng *r, const World *w, int mi, int window_start, const char *only_rep)
{
    long m0 = month_first(mi), m1 = month_last(mi);
    for (int tries = 0; tries < 40; tries++) {
        if (s->nhist <= window_start)
            return 0;
        Hist *h = &s->hist[window_start + (int)rng_below(r, (uint32_t)(s->nhist - window_start))];
        if (h->refunded || h->cents <= 0 || !h->order_id[0] || h->cents > 5000000)
            continue;
        if (only_rep && (!is_id(&w->p[h->rep], only_rep) || h->channel != CH_PARTNER))
            continue;
        long a, b;
        long lo = h->day + 3 > m0 ? h->day + 3 : m0;
        if (lo > m1 || !employed_span(&w->p[h->rep], lo, m1, &a, &b))
            continue;
        Line *l = new_line(s);
        l->day = a + (long)rng_below(r, (uint32_t)(b - a + 1));
        l->key = (uint32_t)rng_next(r);
        l->rep = h->rep;
        l->cust = h->cust;
        l->order_no = -1;
        l->product = h->product;
        l->channel = h->channel;
        l->flags = LINE_REFUND;
        if (h->qty > 1 && rng_chance(r, 0.35)) {
            l->qty = -1;
            l->cents = -((h->cents + h->qty / 2) / h->qty);
        } else {
            l->qty = -h->qty;
            l->cents = -h->cents;
        }
        memcpy(l->order_id, h->order_id, sizeof l->order_id);
        h->refunded = 1;
        return 1;
    }
    return 0;
}

static unsigned long long demo_sales(World *w, DemoSales *s)
{
    Rng r = rng_make(w->opt.seed, 1);
    Rng fmt = rng_make(w->opt.seed, 2);
    int nmonths = w->to_mi - w->from_mi + 1;
    int Y = w->last_year;
    s->hist_month_start = xcalloc((size_t)nmonths + 1, sizeof *s->hist_month_start);
    s->orders_year = xcalloc((size_t)w->np, sizeof *s->orders_year);

    /* the customers each person already serves when the range starts */
    for (int i = 0; i < w->np; i++) {
        Person *p = &w->p[i];
        if (p->hire > month_first(w->from_mi))
            continue;
        for (int k = 0; k < INITIAL_BOOK[p->role]; k++)
            book_add(p, new_customer(s, w->from_mi));
    }

    Out o;
    out_open(&o, w->opt.out, "sales.csv");
    out_header(&o, SALES_HEADER);
    int *order_start = NULL;
    int cap_orders = 0;

    for (int mi = w->from_mi; mi <= w->to_mi; mi++) {
        int t = mi - w->from_mi;
        long m0 = month_first(mi), m1 = month_last(mi);
        int year_slot = mi / 12 == Y ? 1 : mi / 12 == Y - 1 ? 0 : -1;
        s->nlines = 0;
        s->hist_month_start[t] = s->nhist;

        /* accounts change hands: a new hire takes over some of the team's customers, a
         * leaver's customers go to the colleagues */
        for (int i = 0; i < w->np; i++) {
            Person *p = &w->p[i];
            if (p->role == R_RESEARCH)
                continue;
            if (p->hire >= m0 && p->hire <= m1 && mi > w->from_mi) {
                for (int k = 0; k < 6; k++) {
                    int c = teammate_pick(&r, w, i);
                    if (c >= 0)
                        book_add(p, c);
                }
            }
            if (p->leave != NO_DAY && p->leave >= month_first(mi - 1) && p->leave <= m0 - 1) {
                for (int k = 0; k < p->nbook; k++) {
                    for (int tries = 0; tries < 12; tries++) {
                        int j = (int)rng_below(&r, (uint32_t)w->np);
                        if (j != i && w->p[j].team == p->team && w->p[j].role == R_SALES &&
                            employed_span(&w->p[j], m0, m1, NULL, NULL)) {
                            book_add(&w->p[j], p->book[k]);
                            break;
                        }
                    }
                }
            }
        }

        for (int i = 0; i < w->np; i++) {
            Person *p = &w->p[i];
            long a, b;
            if (p->role == R_RESEARCH || !employed_span(p, m0, m1, &a, &b))
                continue;
            double frac = (double)(b - a + 1) / (double)(m1 - m0 + 1);
            double perf = demo_perf(w, p, mi);
            double noise = 1.0 + 0.12 * rng_normal(&r);
            noise = noise < 0.7 ? 0.7 : noise > 1.3 ? 1.3 : noise;
            double budget = p->base_rev * perf * SEASON10[mi % 12] / 10.0 * growth(t) * noise * frac;
            long long budget_cents = (long long)(budget * 100.0);
            int nord = 0;
            long long got = 0;
            while (got < budget_cents) {
                long day = pick_workday(&r, a, b);
                int cust = demo_pick_customer(&r, w, s, i);
                int channel = pick_weighted(&r, CHANNEL_WEIGHT[p->role], N_CHANNELS);
                if (is_id(p, "HD06") && mi - Y * 12 >= 3 && mi - Y * 12 <= 5 && rng_chance(&r, 0.5))
                    channel = CH_PARTNER;
                if (nord == cap_orders) {
                    cap_orders = cap_orders ? cap_orders * 2 : 256;
                    order_start = xrealloc(order_start, (size_t)cap_orders * sizeof *order_start);
                }
                order_start[nord++] = s->nlines;
                got += demo_add_order(s, &r, w, i, day, cust, channel, -1, 0, 0);
            }
            /* new accounts: the first order of a few of this month's orders */
            double season = SEASON10[mi % 12] / 10.0;
            int n_new = rng_binomial(&r, 20, NEW_RATE[p->role] * season * perf * frac / 20.0);
            if (year_slot >= 0)
                s->exp_new[p->team][year_slot] += NEW_RATE[p->role] * season * frac;
            int *pick = xmalloc((size_t)(nord ? nord : 1) * sizeof *pick);
            for (int k = 0; k < nord; k++)
                pick[k] = k;
            n_new = sample(&r, pick, nord, n_new);
            for (int k = 0; k < n_new; k++) {
                int first = order_start[pick[k]];
                int end = pick[k] + 1 < nord ? order_start[pick[k] + 1] : s->nlines;
                for (int li = first; li < end; li++)
                    s->lines[li].cust = -1;
            }
            free(pick);
        }

        /* the deals of the cases */
        for (size_t k = 0; k < sizeof DEALS / sizeof *DEALS; k++) {
            const Deal *d = &DEALS[k];
            long day = days_from_civil(Y + d->yoff, d->m, d->d);
            int pi = find_person(w, d->rep);
            if (day < m0 || day > m1 || pi < 0 || !employed_span(&w->p[pi], day, day, NULL, NULL))
                continue;
            int cust = d->new_customer ? -1 : teammate_pick(&r, w, pi);
            int before = s->next_order_no;
            demo_add_order(s, &r, w, pi, day, cust, d->channel, d->product, d->cents, d->qty);
            if (d->with_implementation) {
                s->next_order_no = before; /* the same order, kept together when sorted */
                demo_add_order(s, &r, w, pi, day, cust, d->channel, P_IMPLEMENT, d->impl_cents, 180);
                s->lines[s->nlines - 1].key = s->lines[s->nlines - 2].key;
            }
        }

        /* refunds of earlier orders (up to three months back) */
        int window = s->hist_month_start[t >= 3 ? t - 3 : 0];
        int n_refund = rng_binomial(&r, s->nlines, 0.012);
        for (int k = 0; k < n_refund; k++)
            demo_refund(s, &r, w, mi, window, NULL);
        if (mi - Y * 12 == 6)
            for (int k = 0; k < 9; k++)
                demo_refund(s, &r, w, mi, s->hist_month_start[t >= 3 ? t - 3 : 0], "HD06");

        qsort(s->lines, (size_t)s->nlines, sizeof *s->lines, cmp_line);

        /* order ids and new customer ids, in date order */
        long cur_day = -1;
        int day_seq = 0, last_order = -2, last_cust = -1;
        DayText dt;
        for (int li = 0; li < s->nlines; li++) {
            Line *l = &s->lines[li];
            if (l->day != cur_day) {
                cur_day = l->day;
                day_seq = 0;
                day_text(&dt, cur_day);
            }
            if (!(l->flags & LINE_REFUND)) {
                if (l->order_no != last_order) {
                    last_order = l->order_no;
                    last_cust = l->cust;
                    if (last_cust < 0) {
                        last_cust = new_customer(s, mi);
                        book_add(&w->p[l->rep], last_cust);
                    }
                    if (!(l->flags & LINE_NOID)) {
                        int y, m, d;
                        civil_from_days(cur_day, &y, &m, &d);
                        snprintf(l->order_id, sizeof l->order_id, "SO%02d%02d%02d-%03d", y % 100, m, d,
                                 ++day_seq % 1000);
                    }
                    if (l->cents > 0) {
                        int ys = mi / 12 == Y ? 1 : mi / 12 == Y - 1 ? 0 : -1;
                        if (ys >= 0)
                            s->orders_year[l->rep][ys]++;
                    }
                } else if (!(l->flags & LINE_NOID)) {
                    memcpy(l->order_id, (l - 1)->order_id, sizeof l->order_id);
                }
                l->cust = last_cust;
            }
            char cust_id[16];
            snprintf(cust_id, sizeof cust_id, "C%04d", l->cust % 100000 + 1);
            put_sales_row(&o, &fmt, &dt, w->p[l->rep].id, cust_id, l->cents, l->order_id,
                          PRODUCTS[l->product].name, l->qty, CHANNELS[l->channel]);
            if (!(l->flags & LINE_REFUND) && l->cents > 0 && l->order_id[0])
                hist_add(s, l, l->order_id);
        }
    }
    s->hist_month_start[nmonths] = s->nhist;
    free(order_start);
    return out_close(&o);
}

static unsigned long long demo_metrics(const World *w)
{
    Rng r = rng_make(w->opt.seed, 3);
    Out o;
    out_open(&o, w->opt.out, "metrics.csv");
    out_header(&o, "period,rep_id,kpi,value");
    int Y = w->last_year;
    for (int mi = w->from_mi; mi <= w->to_mi; mi++) {
        int rel = mi - Y * 12;
        char period[16];
        snprintf(period, sizeof period, "%04d-%02d", mi / 12 % 10000, mi % 12 + 1);
        for (int i = 0; i < w->np; i++) {
            const Person *p = &w->p[i];
            if (!employed_span(p, month_first(mi), month_last(mi), NULL, NULL))
                continue;
            double perf = demo_perf(w, p, mi);
            double noise = rng_normal(&r);
            if (p->role == R_CAMPAIGN) {
                if (is_id(p, "HB04") && rel == -2)
                    continue; /* the November report was never filed */
                double v = p->leads * perf * SEASON10[mi % 12] / 10.0 * growth(mi - w->from_mi) *
                           (1.0 + 0.1 * noise);
                if (is_id(p, "HN04") && (rel == -2 || rel == -1))
                    v *= rel == -2 ? 3.2 : 1.6; /* the Shenzhen trade fair */
                out_str(&o, period);
                out_ch(&o, ',');
                out_str(&o, p->id);
                out_str(&o, ",leads,");
                out_i64(&o, (long long)(v + 0.5));
                out_eol(&o);
            } else if (p->sat > 0) {
                if (is_id(p, "HN05") && (rel == 2 || rel == 3))
                    continue; /* survey not run for her accounts in March and April */
                double v = p->sat + 0.12 * noise + 0.2 * (perf - p->perf);
                long long h = (long long)(v * 100 + 0.5);
                h = h < 100 ? 100 : h > 500 ? 500 : h;
                out_str(&o, period);
                out_ch(&o, ',');
                out_str(&o, p->id);
                out_str(&o, ",satisfaction,");
                out_i64(&o, h / 100);
                out_ch(&o, '.');
                out_ch(&o, (char)('0' + h % 100 / 10));
                out_ch(&o, (char)('0' + h % 10));
                out_eol(&o);
            }
        }
    }
    return out_close(&o);
}

static double season_growth_sum(const World *w, int mi0, int mi1)
{
    double s = 0;
    for (int mi = mi0; mi <= mi1; mi++)
        s += SEASON10[mi % 12] / 10.0 * growth(mi - w->from_mi);
    return s;
}

static unsigned long long demo_targets(const World *w, const DemoSales *s)
{
    TargetList tl = {0};
    int Y = w->last_year;
    int y0 = w->from_mi / 12, y1 = w->to_mi / 12;
    for (int y = y0; y <= y1; y++) {
        long ys = days_from_civil(y, 1, 1), ye = days_from_civil(y, 12, 31);
        double stretch = y == y0 ? 1.0 : 1.03;
        for (int i = 0; i < w->np; i++) {
            const Person *p = &w->p[i];
            if (!employed_span(p, ys, ye, NULL, NULL))
                continue;
            if (p->role != R_RESEARCH) {
                int hire_mi = month_of_day(p->hire);
                if (p->hire > days_from_civil(y, 3, 31)) {
                    /* hired after the first quarter: quarter targets from the hire on */
                    for (int q = (hire_mi % 12) / 3; q < 4; q++) {
                        double e = p->base_rev * season_growth_sum(w, y * 12 + q * 3, y * 12 + q * 3 + 2) *
                                   (q == (hire_mi % 12) / 3 ? 0.45 : 0.75);
                        target_add(&tl, S_REP, i, K_REVENUE, PT_QUARTER, y, q,
                                   round_to((long long)(e * 100), 1000000));
                    }
                } else {
                    int start = hire_mi > y * 12 ? hire_mi : y * 12;
                    double e = p->base_rev * season_growth_sum(w, start, y * 12 + 11) * stretch *
                               (p->ramp && hire_mi / 12 == y ? 0.95 : 1.0);
                    target_add(&tl, S_REP, i, K_REVENUE, PT_YEAR, y, 0,
                               round_to((long long)(e * 100), 1000000));
                }
            }
            if (p->sat > 0)
                target_add(&tl, S_REP, i, K_SATISFACTION, PT_YEAR, y, 0, p->role == R_CS ? 460 : 450);
            if (p->role == R_CAMPAIGN) {
                double e = p->leads * season_growth_sum(w, y * 12, y * 12 + 11) * stretch;
                target_add(&tl, S_REP, i, K_LEADS, PT_YEAR, y, 0, round_to((long long)(e * 100), 1000));
                if (y == Y)
                    for (int q = 0; q < 4; q++) {
                        double eq = p->leads * season_growth_sum(w, y * 12 + q * 3, y * 12 + q * 3 + 2) * stretch;
                        target_add(&tl, S_REP, i, K_LEADS, PT_QUARTER, y, q,
                                   round_to((long long)(eq * 100), 500));
                    }
            }
            if (p->role == R_CS && (y == Y || y == Y - 1)) {
                int n = s->orders_year[i][y == Y ? 1 : 0];
                if (n > 0)
                    target_add(&tl, S_REP, i, K_ORDERS, PT_YEAR, y, 0,
                               round_to((long long)(n / p->perf * 100), 1000));
            }
        }
        if (y == Y) {
            /* a raised Q4 for the star, a lowered Q3 for HN05, October pushes for two people */
            static const struct {
                const char *id;
                int ptype, sub;
                double factor;
                long long unit;
            } EXPLICIT[] = {
                {"HD02", PT_QUARTER, 3, 1.10, 1000000},
                {"HN05", PT_QUARTER, 2, 0.92, 1000000},
                {"HD03", PT_MONTH, 9, 1.15, 100000},
                {"HB02", PT_MONTH, 9, 1.12, 100000},
            };
            for (size_t k = 0; k < sizeof EXPLICIT / sizeof *EXPLICIT; k++) {
                int i = find_person(w, EXPLICIT[k].id);
                if (i < 0)
                    continue;
                long long base = EXPLICIT[k].ptype == PT_QUARTER
                                     ? rep_quarter_target(&tl, i, K_REVENUE, y, EXPLICIT[k].sub)
                                     : rep_month_target(&tl, i, K_REVENUE, y * 12 + EXPLICIT[k].sub);
                if (base < 0)
                    continue;
                target_add(&tl, S_REP, i, K_REVENUE, EXPLICIT[k].ptype, y, EXPLICIT[k].sub,
                           round_to((long long)(base * EXPLICIT[k].factor), EXPLICIT[k].unit));
            }
        }
    }

    /* teams: the explicit rows equal the members' sums (to the 1,000), except huanan in the
     * last year, whose regional head set a top-down stretch 6 % above its members' targets */
    long long company[200] = {0};
    for (int y = y0; y <= y1; y++) {
        for (int ti = 0; ti < w->nt; ti++) {
            long long year_sum = 0;
            long long qsum[4] = {0};
            for (int i = 0; i < w->np; i++) {
                const Person *p = &w->p[i];
                if (p->team != ti)
                    continue;
                if (employed_span(p, days_from_civil(y, 1, 1), days_from_civil(y, 12, 31), NULL, NULL)) {
                    long long v = rep_year_target(&tl, i, K_REVENUE, y);
                    if (v > 0)
                        year_sum += v;
                }
                for (int q = 0; q < 4; q++) {
                    if (!employed_span(p, month_first(y * 12 + q * 3), month_last(y * 12 + q * 3 + 2), NULL, NULL))
                        continue;
                    long long v = rep_quarter_target(&tl, i, K_REVENUE, y, q);
                    if (v > 0)
                        qsum[q] += v;
                }
            }
            if (year_sum == 0)
                continue;
            int stretch = ti == T_HUANAN && y == Y;
            long long year_t = stretch ? round_to(year_sum * 106 / 100, 1000000) : year_sum;
            target_add(&tl, S_TEAM, ti, K_REVENUE, PT_YEAR, y, 0, year_t);
            company[y - y0] += year_t;
            for (int q = 0; q < 4; q++) {
                long long v = stretch ? round_to(div_round(year_t * quarter_weight(q), 120), 100000)
                                      : round_to(qsum[q], 100000);
                if (v > 0)
                    target_add(&tl, S_TEAM, ti, K_REVENUE, PT_QUARTER, y, q, v);
            }
            if (y > y0 && (y == Y || y == Y - 1)) {
                /* new accounts: the expected count at 100 %, quarters by seasonality */
                long long n = round_to((long long)(s->exp_new[ti][y == Y ? 1 : 0] * 100), 500);
                target_add(&tl, S_TEAM, ti, K_NEW_CUSTOMERS, PT_YEAR, y, 0, n);
                long long rest = n;
                for (int q = 0; q < 4; q++) {
                    long long v = q < 3 ? round_to(div_round(n * quarter_weight(q), 120), 100) : rest;
                    rest -= v;
                    target_add(&tl, S_TEAM, ti, K_NEW_CUSTOMERS, PT_QUARTER, y, q, v);
                }
            }
        }
        if (y - y0 < 200 && company[y - y0] > 0)
            target_add(&tl, S_COMPANY, 0, K_REVENUE, PT_YEAR, y, 0, round_to(company[y - y0], 10000000));
    }
    unsigned long long n = write_targets(w, &tl);
    free(tl.v);
    return n;
}

static unsigned long long demo_reviews(const World *w, const DemoSales *s)
{
    Rng r = rng_make(w->opt.seed, 4);
    Out o;
    out_open(&o, w->opt.out, "reviews.csv");
    out_header(&o, "period,reviewee_id,reviewer_id,relation,dimension,score,comment");
    int qs[4];
    int nq = review_quarters(w, qs);
    int *cand = xmalloc((size_t)(w->np + s->ncust + 1) * sizeof *cand);
    for (int qi = 0; qi < nq; qi++) {
        int q = qs[qi];
        char period[16];
        snprintf(period, sizeof period, "%04d-Q%d", q / 4 % 10000, q % 4 + 1);
        int qend_mi = q * 3 + 2;
        long qend = month_last(qend_mi);
        for (int i = 0; i < w->np; i++) {
            const Person *p = &w->p[i];
            /* reviewed when in post for a month by the quarter's end and still there */
            if (p->hire > qend - 30 || p->leave <= qend)
                continue;
            double level = p->quality + 0.4 * (demo_perf(w, p, qend_mi) - p->perf);
            put_review(&o, &r, period, p, p->id, REL_SELF, level);
            int mgr = p->role == R_MANAGER ? w->t[(p->team + 1) % w->nt].manager : p->manager;
            if (mgr >= 0)
                put_review(&o, &r, period, p, w->p[mgr].id, REL_MANAGER, level);
            /* colleagues, or for a manager the team members */
            static const int PEER_K[] = {2, 3, 3, 4, 4, 5};
            static const int REPORT_K[] = {2, 4, 5, 6};
            int n = 0;
            for (int j = 0; j < w->np; j++) {
                const Person *c = &w->p[j];
                if (j == i || c->team != p->team || c->role == R_MANAGER || c->hire > qend || c->leave <= qend)
                    continue;
                cand[n++] = j;
            }
            int k = p->role == R_MANAGER ? REPORT_K[rng_below(&r, 4)] : PEER_K[rng_below(&r, 6)];
            k = sample(&r, cand, n, k);
            qsort(cand, (size_t)k, sizeof *cand, cmp_int);
            for (int j = 0; j < k; j++)
                put_review(&o, &r, period, p, w->p[cand[j]].id, p->role == R_MANAGER ? REL_REPORT : REL_PEER,
                           level);
            /* customers the person served by then */
            if (p->role == R_RESEARCH)
                continue;
            static const int CUST_K[] = {0, 1, 2, 3, 3, 4, 5};
            n = 0;
            for (int b = 0; b < p->nbook; b++)
                if (s->cust_month[p->book[b]] <= qend_mi)
                    cand[n++] = p->book[b];
            if (p->role == R_CS)
                for (int j = 0; j < w->np; j++)
                    if (w->p[j].team == p->team && j != i)
                        for (int b = 0; b < w->p[j].nbook && b < 10; b++)
                            cand[n++] = w->p[j].book[b];
            qsort(cand, (size_t)n, sizeof *cand, cmp_int);
            int u = 0;
            for (int j = 0; j < n; j++)
                if (u == 0 || cand[u - 1] != cand[j])
                    cand[u++] = cand[j];
            k = sample(&r, cand, u, CUST_K[rng_below(&r, 7)]);
            qsort(cand, (size_t)k, sizeof *cand, cmp_int);
            for (int j = 0; j < k; j++) {
                char cid[16];
                snprintf(cid, sizeof cid, "C%04d", cand[j] % 100000 + 1);
                put_review(&o, &r, period, p, cid, REL_CUSTOMER, level);
            }
        }
    }
    free(cand);
    return out_close(&o);
}

typedef struct {
    const char *rep;
    int open_yoff, open_m, open_q; /* opened: a month, or a quarter when open_q > 0 */
    const char *action;
    int due_yoff, due_m, due_d;
    const char *status;
    int closed_yoff, closed_m, closed_d; /* closed_m == 0: none */
    const char *note;
} DemoAction;

static const DemoAction DEMO_ACTIONS[] = {
    {"HN03", -1, 11, 0, "制定每周客户拜访计划，每周拜访不少于8家", 0, 1, 31, "done", 0, 1, 28, "拜访量连续8周达标"},
    {"HN03", 0, 0, 2, "跟随HN02学习大客户谈判，每月复盘2个商机", 0, 9, 30, "open", 0, 0, 0, "7月起复盘暂停"},
    {"HN03", 0, 9, 0, "重新分配客户名单，聚焦医药流通行业", 0, 12, 15, "open", 0, 0, 0, ""},
    {"HD04", 0, 2, 0, "每周提交商机漏斗，由主管逐单点评", 0, 4, 30, "done", 0, 4, 24, ""},
    {"HD04", 0, 8, 0, "报价转化率提升到30%，用TCO计算器辅助报价", 0, 12, 31, "open", 0, 0, 0, ""},
    {"HD07", 0, 2, 0, "折扣超过15%须经主管审批，每月抽查报价单", 0, 3, 31, "done", 0, 3, 25, "已写入销售手册"},
    {"HN04", -1, 12, 0, "展会线索48小时内完成首次跟进，并按A/B/C分级", 0, 2, 14, "done", 0, 2, 12, "配合深圳数博会复盘"},
    {"HN06", 0, 3, 0, "大客户续约提前180天启动，建立续约看板", 0, 6, 30, "done", 0, 6, 26, "鹏程大药房续约完成"},
    {"HN08", 0, 5, 0, "制定个人业绩提升计划，每两周与主管面谈", 0, 7, 31, "dropped", 0, 8, 15, "员工已离职"},
    {"HB04", 0, 4, 0, "参加产品认证培训并通过考试", 0, 5, 31, "done", 0, 5, 20, ""},
    {"HB04", 0, 7, 0, "每月策划一场线上直播获客活动", 0, 10, 15, "open", 0, 0, 0, "8月、9月各办一场, 10月场次待定"},
    {"HB03", 0, 7, 0, "重新梳理客户分级，A类客户每月回访", 0, 9, 15, "open", 0, 0, 0, ""},
    {"HB07", 0, 9, 0, "太原渠道伙伴每月联合拜访不少于4家客户", 0, 11, 30, "open", 0, 0, 0, ""},
};

static unsigned long long demo_actions(const World *w)
{
    Out o;
    out_open(&o, w->opt.out, "actions.csv");
    out_header(&o, "id,rep_id,opened,action,due,status,closed,note");
    int Y = w->last_year, n = 0;
    for (size_t k = 0; k < sizeof DEMO_ACTIONS / sizeof *DEMO_ACTIONS; k++) {
        const DemoAction *a = &DEMO_ACTIONS[k];
        int pi = find_person(w, a->rep);
        if (pi < 0)
            continue;
        char buf[32], d[11];
        snprintf(buf, sizeof buf, "A%03d", ++n % 1000);
        out_str(&o, buf);
        out_ch(&o, ',');
        out_str(&o, a->rep);
        out_ch(&o, ',');
        if (a->open_q)
            snprintf(buf, sizeof buf, "%04d-Q%d", (Y + a->open_yoff) % 10000, a->open_q % 10);
        else
            snprintf(buf, sizeof buf, "%04d-%02d", (Y + a->open_yoff) % 10000, a->open_m % 100);
        out_str(&o, buf);
        out_ch(&o, ',');
        out_field(&o, a->action);
        out_ch(&o, ',');
        fmt_date(d, days_from_civil(Y + a->due_yoff, a->due_m, a->due_d));
        out_str(&o, d);
        out_ch(&o, ',');
        out_str(&o, a->status);
        out_ch(&o, ',');
        if (a->closed_m) {
            fmt_date(d, days_from_civil(Y + a->closed_yoff, a->closed_m, a->closed_d));
            out_str(&o, d);
        }
        out_ch(&o, ',');
        out_field(&o, a->note);
        out_eol(&o);
    }
    return out_close(&o);
}

static void run_demo(World *w, unsigned long long counts[6])
{
    DemoSales s;
    memset(&s, 0, sizeof s);
    demo_roster(w);
    counts[0] = write_team(w, 1);
    counts[1] = demo_sales(w, &s);
    counts[2] = demo_targets(w, &s);
    counts[3] = demo_metrics(w);
    counts[4] = demo_reviews(w, &s);
    counts[5] = demo_actions(w);
    write_policy(w, 1);
    free(s.cust_month);
    free(s.lines);
    free(s.hist);
    free(s.hist_month_start);
    free(s.orders_year);
}

/* ================================================================== bench workspace */

#define BENCH_TEAM_SIZE 25

static const char *const SURNAMES[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙",
                                       "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋",
                                       "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "萧", "田", "董", "潘"};
static const char *const GIVEN[] = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
                                    "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "婷",
                                    "浩然", "子涵", "雨桐", "梓萱", "宇轩", "欣怡", "俊杰", "思远", "嘉怡",
                                    "晓东", "文博", "佳琪", "一鸣", "志强", "海燕", "建华", "晨"};

static int digits_of(long long v)
{
    int n = 1;
    while (v >= 10) {
        v /= 10;
        n++;
    }
    return n;
}

static void bench_roster(World *w)
{
    Rng r = rng_make(w->opt.seed, 21);
    long n = w->opt.people;
    w->nt = (int)((n + BENCH_TEAM_SIZE - 1) / BENCH_TEAM_SIZE);
    w->t = xcalloc((size_t)w->nt, sizeof *w->t);
    int tw = digits_of(w->nt) < 2 ? 2 : digits_of(w->nt);
    int pw = digits_of(n) < 5 ? 5 : digits_of(n);
    for (int i = 0; i < w->nt; i++)
        fit(snprintf(w->t[i].id, sizeof w->t[i].id, "t%0*d", tw, i + 1), sizeof w->t[i].id);
    w->np = (int)n;
    w->p = xcalloc((size_t)n, sizeof *w->p);
    long start = month_first(w->from_mi), end = month_last(w->to_mi);
    for (int i = 0; i < w->np; i++) {
        Person *p = &w->p[i];
        int j = i % BENCH_TEAM_SIZE;
        fit(snprintf(p->id, sizeof p->id, "P%0*d", pw, i + 1), sizeof p->id);
        snprintf(p->name, sizeof p->name, "%s%s", SURNAMES[rng_below(&r, sizeof SURNAMES / sizeof *SURNAMES)],
                 GIVEN[rng_below(&r, sizeof GIVEN / sizeof *GIVEN)]);
        fit(snprintf(p->email, sizeof p->email, "p%0*d@example.cn", pw, i + 1), sizeof p->email);
        p->team = i / BENCH_TEAM_SIZE;
        p->role = j == 0 ? R_MANAGER : j <= 15 || j >= 23 ? R_SALES : j <= 18 ? R_CS : j <= 21 ? R_CAMPAIGN : R_RESEARCH;
        if (j == 0)
            w->t[p->team].manager = i;
        p->manager = j == 0 ? -1 : p->team * BENCH_TEAM_SIZE;
        p->hire = start - 200 - (long)rng_below(&r, 3000);
        p->leave = NO_DAY;
        if (j != 0 && end > start + 60) {
            if (rng_chance(&r, 0.03))
                p->hire = start + 30 + (long)rng_below(&r, (uint32_t)(end - start - 30));
            else if (rng_chance(&r, 0.02))
                p->leave = start + 30 + (long)rng_below(&r, (uint32_t)(end - start - 30));
        }
        p->perf = 0.45 + 0.9 * (rng_unit(&r) + rng_unit(&r)) / 2.0;
        p->quality = 2.6 + 1.2 * p->perf + 0.5 * rng_normal(&r) * 0.5;
        if (p->quality > 4.8)
            p->quality = 4.8;
        p->sat = (p->role == R_CAMPAIGN) ? 0 : 3.6 + 0.8 * p->perf + 0.1 * rng_normal(&r);
        if (p->sat > 4.95)
            p->sat = 4.95;
        p->leads = p->role == R_CAMPAIGN ? 80 + rng_below(&r, 80) : 0;
        for (int k = 0; k < 4; k++)
            p->dim_off[k] = rng_range(&r, -0.3, 0.3);
        p->weight = p->role == R_SALES ? (int)(10 * p->perf + 0.5) : p->role == R_CS ? 4 : p->role == R_CAMPAIGN ? 3
                  : p->role == R_MANAGER ? 1 : 0;
    }
}

/* day weight for spreading rows: seasonality x weekday x growth, all integers */
static long long bench_day_weight(const World *w, long day)
{
    static const int WD[7] = {1, 10, 10, 10, 10, 10, 3};
    int mi = month_of_day(day);
    long long g = 100 + (12LL * (mi - w->from_mi)) / 10;
    if (g > 300)
        g = 300;
    return (long long)SEASON10[mi % 12] * WD[weekday(day)] * g;
}

static double mean_line_cents(int role)
{
    double sum = 0, wsum = 0;
    for (int k = 0; k < N_SELLABLE; k++) {
        const Product *pr = &PRODUCTS[k];
        sum += PRODUCT_WEIGHT[role][k] * (double)pr->unit_cents * (pr->qmin + pr->qmax) / 2.0;
        wsum += PRODUCT_WEIGHT[role][k];
    }
    return wsum > 0 ? sum / wsum * 0.96 : 0;
}

/* How much of a person's book is in use di days into the range of ndays: a quarter of it
 * at the start, all of it at the end; so new customers keep appearing. */
static long book_in_use(const Person *p, long di, long ndays)
{
    long b0 = p->book_size / 4 + 3;
    if (b0 > p->book_size)
        b0 = p->book_size;
    if (di < 0)
        di = 0;
    if (di > ndays - 1)
        di = ndays - 1;
    long n = b0 + (long)((double)(p->book_size - b0) * (double)di / (double)(ndays > 1 ? ndays - 1 : 1));
    return n < 1 ? 1 : n;
}

typedef struct {
    long day;
    int rep, product, qty, channel;
    long cust;
    long long cents;
    char order_id[20];
    int used;
} Ring;

#define RING_SIZE 8192

static void fmt_customer(char *out, long cust, int width)
{
    out[0] = 'C';
    for (int i = width; i >= 1; i--) {
        out[i] = (char)('0' + cust % 10);
        cust /= 10;
    }
    out[width + 1] = '\0';
}

/* Streams exactly opt.rows rows, day by day; returns rows written. rows_year receives the rows
 * of each year of the range (for the targets). */
static unsigned long long bench_sales(World *w, long long *rows_year)
{
    Rng r = rng_make(w->opt.seed, 1);
    Rng fmt = rng_make(w->opt.seed, 2);
    long first = month_first(w->from_mi), last = month_last(w->to_mi);
    long ndays = last - first + 1;
    unsigned long long W = 0;
    for (long d = first; d <= last; d++)
        W += (unsigned long long)bench_day_weight(w, d);
    unsigned long long N = (unsigned long long)w->opt.rows;

    /* the rep table: each person appears `weight` times */
    long total_weight = 0;
    for (int i = 0; i < w->np; i++)
        total_weight += w->p[i].weight;
    int *table = xmalloc((size_t)(total_weight ? total_weight : 1) * sizeof *table);
    long tn = 0;
    long book_next = 0;
    for (int i = 0; i < w->np; i++) {
        Person *p = &w->p[i];
        for (int k = 0; k < p->weight; k++)
            table[tn++] = i;
        double expect = total_weight ? (double)N * p->weight / (double)total_weight : 0;
        p->book_size = p->weight ? 10 + (long)(expect / 12.0) : 0;
        p->book_base = book_next;
        book_next += p->book_size;
    }
    int cw = digits_of(book_next) < 4 ? 4 : digits_of(book_next);

    /* recent order lines that may be refunded later; sampled so that the ring spans about
     * a month whatever the row count */
    Ring *ring = xcalloc(RING_SIZE, sizeof *ring);
    int ring_pos = 0, ring_fill = 0;
    uint32_t ring_every = (uint32_t)(N / (unsigned long long)ndays * 30 / RING_SIZE) + 1;
    Out o;
    out_open(&o, w->opt.out, "sales.csv");
    out_header(&o, SALES_HEADER);
    unsigned long long cum = 0, done = 0;
    char cust_id[24], oid[20];
    DayText dt;
    for (long d = first; d <= last && tn > 0; d++) {
        cum += (unsigned long long)bench_day_weight(w, d);
        unsigned long long upto = N * cum / W;
        long long left = (long long)(upto - done);
        done = upto;
        rows_year[month_of_day(d) / 12 - w->from_mi / 12] += left;
        if (left <= 0)
            continue;
        day_text(&dt, d);
        int y, m, dd;
        civil_from_days(d, &y, &m, &dd);
        unsigned seq = 0;
        long di = d - first;
        while (left > 0) {
            /* a refund of an earlier line */
            if (rng_below(&r, 1000) < 10) {
                Ring *h = &ring[rng_below(&r, (uint32_t)(ring_fill ? ring_fill : 1))];
                if (h->used && h->day < d && d - h->day <= 120 && w->p[h->rep].hire <= d && w->p[h->rep].leave >= d) {
                    fmt_customer(cust_id, h->cust, cw);
                    int part = h->qty > 1 && rng_chance(&r, 0.35);
                    put_sales_row(&o, &fmt, &dt, w->p[h->rep].id, cust_id,
                                  part ? -((h->cents + h->qty / 2) / h->qty) : -h->cents, h->order_id,
                                  PRODUCTS[h->product].name, part ? -1 : -h->qty, CHANNELS[h->channel]);
                    h->used = 0;
                    left--;
                    continue;
                }
            }
            int pi = table[rng_below(&r, (uint32_t)tn)];
            for (int tries = 0; tries < 8 && (w->p[pi].hire > d || w->p[pi].leave < d); tries++)
                pi = table[rng_below(&r, (uint32_t)tn)];
            const Person *p = &w->p[pi];
            /* the customer: from the person's book as it has grown by today, sometimes a colleague's */
            const Person *owner = p;
            if (rng_below(&r, 100) < 8) {
                int j = p->team * BENCH_TEAM_SIZE + (int)rng_below(&r, BENCH_TEAM_SIZE);
                if (j < w->np && w->p[j].book_size > 0)
                    owner = &w->p[j];
            }
            long cust = owner->book_base + (long)rng_below(&r, (uint32_t)book_in_use(owner, di, ndays)) + 1;
            fmt_customer(cust_id, cust, cw);
            int noid = p->role != R_MANAGER && rng_below(&r, 1000) < 8;
            int nl = noid ? 1 : rng_below(&r, 100) < 27 ? 2 + (int)rng_below(&r, 3) : 1;
            if (nl > left)
                nl = (int)left;
            int channel = noid ? CH_SELF_SERVICE : pick_weighted(&r, CHANNEL_WEIGHT[p->role], N_CHANNELS);
            oid[0] = '\0';
            if (!noid) {
                seq++;
                fit(snprintf(oid, sizeof oid, "SO%02d%02d%02d-%05u", y % 100, m, dd, seq), sizeof oid);
            }
            int used = 0;
            for (int k = 0; k < nl; k++) {
                int prod = 0;
                for (int tries = 0; tries < 8; tries++) {
                    prod = noid ? P_TRAINING : pick_weighted(&r, PRODUCT_WEIGHT[p->role], N_SELLABLE);
                    if (!(used & (1 << prod)))
                        break;
                }
                used |= 1 << prod;
                const Product *pr = &PRODUCTS[prod];
                int qty = pr->qmin + (int)rng_below(&r, (uint32_t)(pr->qmax - pr->qmin + 1));
                long long cents = line_cents(pr->unit_cents, qty, pick_discount(&r));
                if (k > 0 && rng_below(&r, 1000) < 8) {
                    prod = P_GIFT; /* a free gift line */
                    qty = 1;
                    cents = 0;
                }
                put_sales_row(&o, &fmt, &dt, p->id, cust_id, cents, oid, PRODUCTS[prod].name, qty,
                              CHANNELS[channel]);
                left--;
                if (!noid && cents > 0 && rng_below(&r, ring_every) == 0) {
                    Ring *h = &ring[ring_pos];
                    ring_pos = (ring_pos + 1) % RING_SIZE;
                    if (ring_fill < RING_SIZE)
                        ring_fill++;
                    h->day = d;
                    h->rep = pi;
                    h->product = prod;
                    h->qty = qty;
                    h->channel = channel;
                    h->cust = cust;
                    h->cents = cents;
                    memcpy(h->order_id, oid, sizeof h->order_id);
                    h->used = 1;
                }
            }
        }
    }
    free(ring);
    free(table);
    return out_close(&o);
}

static unsigned long long bench_targets(const World *w, const long long *rows_year)
{
    TargetList tl = {0};
    int y0 = w->from_mi / 12, y1 = w->to_mi / 12;
    long total_weight = 0;
    for (int i = 0; i < w->np; i++)
        total_weight += w->p[i].weight;
    long long *team_year = xcalloc((size_t)w->nt, sizeof *team_year);
    long long (*team_q)[4] = xcalloc((size_t)w->nt, sizeof *team_q);
    for (int y = y0; y <= y1; y++) {
        long ys = days_from_civil(y, 1, 1), ye = days_from_civil(y, 12, 31);
        memset(team_year, 0, (size_t)w->nt * sizeof *team_year);
        memset(team_q, 0, (size_t)w->nt * sizeof *team_q);
        long long company = 0;
        for (int i = 0; i < w->np; i++) {
            const Person *p = &w->p[i];
            if (!employed_span(p, ys, ye, NULL, NULL))
                continue;
            if (p->weight > 0 && total_weight > 0) {
                int base_weight = p->role == R_SALES ? 10 : p->weight;
                double e = (double)rows_year[y - y0] * base_weight / (double)total_weight * mean_line_cents(p->role);
                long long v = round_to((long long)e, 100000);
                if (v > 0) {
                    target_add(&tl, S_REP, i, K_REVENUE, PT_YEAR, y, 0, v);
                    team_year[p->team] += v;
                    for (int q = 0; q < 4; q++) {
                        if (!employed_span(p, month_first(y * 12 + q * 3), month_last(y * 12 + q * 3 + 2), NULL, NULL))
                            continue;
                        for (int m = q * 3; m < q * 3 + 3; m++)
                            team_q[p->team][q] += div_round(v * SEASON10[m], 120);
                    }
                }
            }
            if (p->sat > 0)
                target_add(&tl, S_REP, i, K_SATISFACTION, PT_YEAR, y, 0, 450);
            if (p->role == R_CAMPAIGN) {
                int months = 0;
                for (int mi = y * 12; mi < y * 12 + 12; mi++)
                    months += mi >= w->from_mi && mi <= w->to_mi;
                target_add(&tl, S_REP, i, K_LEADS, PT_YEAR, y, 0, round_to((long long)(p->leads * months * 100), 1000));
            }
        }
        for (int ti = 0; ti < w->nt; ti++) {
            if (team_year[ti] == 0)
                continue;
            int stretch = ti % 7 == 1 && y == y1; /* every seventh team: a top-down stretch */
            long long v = stretch ? round_to(team_year[ti] * 106 / 100, 1000000) : team_year[ti];
            target_add(&tl, S_TEAM, ti, K_REVENUE, PT_YEAR, y, 0, v);
            company += v;
            for (int q = 0; q < 4; q++) {
                long long qv = stretch ? round_to(div_round(v * quarter_weight(q), 120), 100000)
                                       : round_to(team_q[ti][q], 100000);
                if (qv > 0)
                    target_add(&tl, S_TEAM, ti, K_REVENUE, PT_QUARTER, y, q, qv);
            }
        }
        if (company > 0)
            target_add(&tl, S_COMPANY, 0, K_REVENUE, PT_YEAR, y, 0, round_to(company, 10000000));
    }
    free(team_year);
    free(team_q);
    unsigned long long n = write_targets(w, &tl);
    free(tl.v);
    return n;
}

static unsigned long long bench_metrics(const World *w)
{
    Rng r = rng_make(w->opt.seed, 3);
    Out o;
    out_open(&o, w->opt.out, "metrics.csv");
    out_header(&o, "period,rep_id,kpi,value");
    for (int mi = w->from_mi; mi <= w->to_mi; mi++) {
        char period[16];
        snprintf(period, sizeof period, "%04d-%02d", mi / 12 % 10000, mi % 12 + 1);
        for (int i = 0; i < w->np; i++) {
            const Person *p = &w->p[i];
            if (!employed_span(p, month_first(mi), month_last(mi), NULL, NULL))
                continue;
            if (rng_below(&r, 1000) < 5)
                continue; /* a missing month now and then */
            out_str(&o, period);
            out_ch(&o, ',');
            out_str(&o, p->id);
            if (p->role == R_CAMPAIGN) {
                double v = p->leads * SEASON10[mi % 12] / 10.0 * (1.0 + 0.15 * rng_normal(&r));
                out_str(&o, ",leads,");
                out_i64(&o, v < 0 ? 0 : (long long)(v + 0.5));
            } else {
                long long h = (long long)((p->sat + 0.15 * rng_normal(&r)) * 100 + 0.5);
                h = h < 100 ? 100 : h > 500 ? 500 : h;
                out_str(&o, ",satisfaction,");
                out_i64(&o, h / 100);
                out_ch(&o, '.');
                out_ch(&o, (char)('0' + h % 100 / 10));
                out_ch(&o, (char)('0' + h % 10));
            }
            out_eol(&o);
        }
    }
    return out_close(&o);
}

static unsigned long long bench_reviews(const World *w)
{
    Rng r = rng_make(w->opt.seed, 4);
    Out o;
    out_open(&o, w->opt.out, "reviews.csv");
    out_header(&o, "period,reviewee_id,reviewer_id,relation,dimension,score,comment");
    int qs[4];
    int nq = review_quarters(w, qs);
    int cw = 4;
    long total_book = 0;
    for (int i = 0; i < w->np; i++)
        total_book += w->p[i].book_size;
    if (digits_of(total_book) > cw)
        cw = digits_of(total_book);
    int cand[BENCH_TEAM_SIZE];
    long first = month_first(w->from_mi), ndays = month_last(w->to_mi) - first + 1;
    for (int qi = 0; qi < nq; qi++) {
        int q = qs[qi];
        char period[16];
        snprintf(period, sizeof period, "%04d-Q%d", q / 4 % 10000, q % 4 + 1);
        long qend = month_last(q * 3 + 2);
        for (int i = 0; i < w->np; i++) {
            const Person *p = &w->p[i];
            if (p->hire > qend - 30 || p->leave <= qend)
                continue;
            put_review(&o, &r, period, p, p->id, REL_SELF, p->quality);
            int mgr = p->role == R_MANAGER ? (w->nt > 1 ? w->t[(p->team + 1) % w->nt].manager : -1) : p->manager;
            if (mgr >= 0 && mgr != i)
                put_review(&o, &r, period, p, w->p[mgr].id, REL_MANAGER, p->quality);
            int n = 0;
            int lo = p->team * BENCH_TEAM_SIZE;
            for (int j = lo; j < lo + BENCH_TEAM_SIZE && j < w->np; j++) {
                const Person *c = &w->p[j];
                if (j != i && c->role != R_MANAGER && c->hire <= qend && c->leave > qend)
                    cand[n++] = j;
            }
            int k = sample(&r, cand, n, p->role == R_MANAGER ? 2 + (int)rng_below(&r, 5) : 2 + (int)rng_below(&r, 4));
            qsort(cand, (size_t)k, sizeof *cand, cmp_int);
            for (int j = 0; j < k; j++)
                put_review(&o, &r, period, p, w->p[cand[j]].id, p->role == R_MANAGER ? REL_REPORT : REL_PEER,
                           p->quality);
            if (p->book_size > 0) {
                int kc = (int)rng_below(&r, 5);
                long picked[5];
                int np = 0;
                long in_use = book_in_use(p, qend - 60 - first, ndays) / 2 + 1; /* older, regular customers */
                for (int j = 0; j < kc; j++) {
                    long c = p->book_base + (long)rng_below(&r, (uint32_t)in_use) + 1;
                    int dup = 0;
                    for (int x = 0; x < np; x++)
                        dup |= picked[x] == c;
                    if (!dup)
                        picked[np++] = c;
                }
                for (int j = 0; j < np; j++) {
                    char cid[24];
                    fmt_customer(cid, picked[j], cw);
                    put_review(&o, &r, period, p, cid, REL_CUSTOMER, p->quality);
                }
            }
        }
    }
    return out_close(&o);
}

static unsigned long long bench_actions(const World *w)
{
    Rng r = rng_make(w->opt.seed, 5);
    static const char *const TEXT[] = {"制定每周客户拜访计划", "每周提交商机漏斗，由主管点评", "参加产品认证培训",
                                       "重点跟进沉睡客户，恢复下单", "大客户续约提前180天启动",
                                       "展会线索48小时内完成首次跟进"};
    static const char *const STATUS[] = {"open", "done", "dropped"};
    Out o;
    out_open(&o, w->opt.out, "actions.csv");
    out_header(&o, "id,rep_id,opened,action,due,status,closed,note");
    long n = w->np / 20 > 12 ? w->np / 20 : 12;
    long first = month_first(w->from_mi), last = month_last(w->to_mi);
    int width = digits_of(n) < 3 ? 3 : digits_of(n);
    for (long k = 0; k < n; k++) {
        int pi = (int)rng_below(&r, (uint32_t)w->np);
        for (int tries = 0; tries < 8 && w->p[pi].perf > 0.8; tries++)
            pi = (int)rng_below(&r, (uint32_t)w->np);
        long opened = first + (long)rng_below(&r, (uint32_t)(last - first + 1));
        long due = opened + 30 + (long)rng_below(&r, 90);
        int st = (int)rng_below(&r, 10);
        st = st < 5 ? 0 : st < 9 ? 1 : 2;
        char buf[32], d[11];
        fit(snprintf(buf, sizeof buf, "A%0*ld", width, k + 1), sizeof buf);
        out_str(&o, buf);
        out_ch(&o, ',');
        out_str(&o, w->p[pi].id);
        out_ch(&o, ',');
        int mi = month_of_day(opened);
        snprintf(buf, sizeof buf, "%04d-%02d", mi / 12 % 10000, mi % 12 + 1);
        out_str(&o, buf);
        out_ch(&o, ',');
        out_field(&o, TEXT[rng_below(&r, sizeof TEXT / sizeof *TEXT)]);
        out_ch(&o, ',');
        fmt_date(d, due);
        out_str(&o, d);
        out_ch(&o, ',');
        out_str(&o, STATUS[st]);
        out_ch(&o, ',');
        if (st != 0) {
            fmt_date(d, opened + 10 + (long)rng_below(&r, (uint32_t)(due - opened)));
            out_str(&o, d);
        }
        out_str(&o, ",");
        out_eol(&o);
    }
    return out_close(&o);
}

static void run_bench(World *w, unsigned long long counts[6])
{
    bench_roster(w);
    long long rows_year[200] = {0};
    counts[0] = write_team(w, 0);
    counts[1] = bench_sales(w, rows_year);
    counts[2] = bench_targets(w, rows_year);
    counts[3] = bench_metrics(w);
    counts[4] = bench_reviews(w);
    counts[5] = bench_actions(w);
    write_policy(w, 0);
}

/* ================================================================== command line */

static void usage(FILE *f)
{
    fprintf(f,
            "usage: workspace_gen --out DIR [--seed N] [--people N] [--rows N]\n"
            "                     [--from YYYY-MM] [--to YYYY-MM]\n"
            "\n"
            "Writes team.csv, sales.csv, targets.csv, metrics.csv, reviews.csv, actions.csv and\n"
            "policy.yaml into DIR (created if missing). The same arguments give identical files.\n"
            "\n"
            "  --out DIR      output folder (required)\n"
            "  --seed N       random seed, 0..2^64-1 (default 1)\n"
            "  --people N     bench mode: N people in teams of 25 (t01..., P00001...);\n"
            "                 without it, the 25-person demo company\n"
            "  --rows N       bench mode: exactly N sales rows (default: people x months x 30)\n"
            "  --from YYYY-MM first month of data (default 2025-01)\n"
            "  --to YYYY-MM   last month of data (default 2026-12)\n");
}

static int parse_month(const char *s, int *mi)
{
    int y, m;
    char extra;
    if (strlen(s) != 7 || s[4] != '-' || sscanf(s, "%4d-%2d%c", &y, &m, &extra) != 2)
        return 0;
    for (int i = 0; i < 7; i++)
        if (i != 4 && (s[i] < '0' || s[i] > '9'))
            return 0;
    if (y < 2000 || y > 2099 || m < 1 || m > 12)
        return 0;
    *mi = y * 12 + m - 1;
    return 1;
}

static int parse_u64(const char *s, unsigned long long max, unsigned long long *v)
{
    if (!*s)
        return 0;
    unsigned long long x = 0;
    for (const char *c = s; *c; c++) {
        if (*c < '0' || *c > '9')
            return 0;
        unsigned d = (unsigned)(*c - '0');
        if (x > (max - d) / 10)
            return 0;
        x = x * 10 + d;
    }
    *v = x;
    return 1;
}

static void bad_usage(const char *msg, const char *arg)
{
    fprintf(stderr, "workspace_gen: ");
    fprintf(stderr, msg, arg);
    fprintf(stderr, "\n");
    usage(stderr);
    exit(EX_USAGE);
}

static void make_dirs(const char *path)
{
    char buf[4096];
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
        die(EX_USAGE, "output path too long: %s", path);
    for (char *c = buf + 1; *c; c++) {
        if (*c != '/')
            continue;
        *c = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST)
            die(EX_CANTCREAT, "cannot create folder %s", buf);
        *c = '/';
    }
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
        die(EX_CANTCREAT, "cannot create folder %s", buf);
    struct stat st;
    if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))
        die(EX_CANTCREAT, "not a folder: %s", buf);
}

int main(int argc, char **argv)
{
    World w;
    memset(&w, 0, sizeof w);
    Options *o = &w.opt;
    o->seed = 1;
    o->from_mi = 2025 * 12;
    o->to_mi = 2026 * 12 + 11;
    int people_set = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return EX_OK;
        }
        if (strncmp(a, "--", 2) != 0)
            bad_usage("unexpected argument: %s", a);
        const char *val = strchr(a, '=');
        char name[32];
        size_t nlen = val ? (size_t)(val - a) : strlen(a);
        if (nlen >= sizeof name)
            bad_usage("unknown option: %s", a);
        memcpy(name, a, nlen);
        name[nlen] = '\0';
        if (val)
            val++;
        else if (i + 1 < argc)
            val = argv[++i];
        else
            bad_usage("option %s needs a value", name);
        unsigned long long u;
        if (strcmp(name, "--out") == 0) {
            if (!*val)
                bad_usage("--out needs a folder%s", "");
            o->out = val;
        } else if (strcmp(name, "--seed") == 0) {
            if (!parse_u64(val, ULLONG_MAX, &u))
                bad_usage("--seed: not a number: %s", val);
            o->seed = u;
        } else if (strcmp(name, "--people") == 0) {
            if (!parse_u64(val, 1000000, &u) || u < 1)
                bad_usage("--people: expected 1..1000000, got %s", val);
            o->people = (long)u;
            people_set = 1;
        } else if (strcmp(name, "--rows") == 0) {
            if (!parse_u64(val, 1000000000, &u))
                bad_usage("--rows: expected 0..1000000000, got %s", val);
            o->rows = (long long)u;
            o->rows_set = 1;
        } else if (strcmp(name, "--from") == 0) {
            if (!parse_month(val, &o->from_mi))
                bad_usage("--from: expected YYYY-MM (2000..2099), got %s", val);
        } else if (strcmp(name, "--to") == 0) {
            if (!parse_month(val, &o->to_mi))
                bad_usage("--to: expected YYYY-MM (2000..2099), got %s", val);
        } else {
            bad_usage("unknown option: %s", name);
        }
    }
    if (!o->out)
        bad_usage("--out DIR is required%s", "");
    if (o->from_mi > o->to_mi)
        bad_usage("--from is after --to%s", "");
    if (o->rows_set && !people_set)
        bad_usage("--rows needs --people (the demo workspace has its own size)%s", "");
    if (people_set && !o->rows_set)
        o->rows = (long long)o->people * (o->to_mi - o->from_mi + 1) * 30;
    w.from_mi = o->from_mi;
    w.to_mi = o->to_mi;
    w.last_year = o->to_mi / 12;

    make_dirs(o->out);
    unsigned long long c[6] = {0};
    if (people_set)
        run_bench(&w, c);
    else
        run_demo(&w, c);
    fprintf(stderr,
            "workspace_gen: %s workspace in %s (seed %llu, %04d-%02d..%04d-%02d): team.csv %llu people in %d teams, "
            "sales.csv %llu rows, targets.csv %llu, metrics.csv %llu, reviews.csv %llu, actions.csv %llu, "
            "policy.yaml\n",
            people_set ? "bench" : "demo", o->out, (unsigned long long)o->seed, w.from_mi / 12, w.from_mi % 12 + 1,
            w.to_mi / 12, w.to_mi % 12 + 1, c[0], w.nt, c[1], c[2], c[3], c[4], c[5]);
    for (int i = 0; i < w.np; i++)
        free(w.p[i].book);
    free(w.p);
    free(w.t);
    return EX_OK;
}
