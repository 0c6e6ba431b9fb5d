/*
 * policy.yaml (see policy.h).  The defaults are kept as YAML text and go
 * through the same loader as the user's file, so there is one reading of
 * the format.  Merging happens on the YAML trees: `kpis` and `roles`, when
 * the user names them, are replaced whole (the sales KPIs revenue, orders
 * and new_customers are kept, a named one laid over its built-in entry key
 * by key); for any other top-level key whose default is a mapping, each
 * entry the user names replaces the default's entry of that name whole;
 * any other top-level key is replaced whole.  Then the merged tree is
 * checked and turned into struct policy.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "input/csvread.h"
#include "input/policy.h"
#include "input/values.h"
#include "util/yamltree.h"

#define POLICY_MAX_BYTES (1024 * 1024)

/* The file name of the built-in policy's nodes, in messages. */
static const char builtin_name[] = "(built-in policy)";

const char policy_default_yaml[] =
"currency: CNY\n"
"locale: zh-CN\n"
"seasonality: [1,1,1,1,1,1,1,1,1,1,1,1]\n"
"kpis:\n"
"  revenue:        {source: sales, agg: sum,  unit: money, cap: 1.5}\n"
"  orders:         {source: sales, agg: sum,  unit: count, cap: 1.5}\n"
"  new_customers:  {source: sales, agg: sum,  unit: count, cap: 1.5}\n"
"  satisfaction:   {source: metrics, agg: mean, unit: score, cap: 1.2}\n"
"  leads:          {source: metrics, agg: sum,  unit: count, cap: 1.5}\n"
"roles:\n"
"  sales:            {revenue: 0.6, new_customers: 0.2, satisfaction: 0.2}\n"
"  customer_success: {satisfaction: 0.5, revenue: 0.3, orders: 0.2}\n"
"  campaign:         {leads: 0.6, revenue: 0.4}\n"
"  research:         {satisfaction: 1.0}\n"
"  manager:          {revenue: 0.7, satisfaction: 0.3}\n"
"composite: {kpi: 0.7, review: 0.3}\n"
"review:\n"
"  scale: [1, 5]\n"
"  relation_weights: {manager: 0.4, peer: 0.3, report: 0.2, customer: 0.1, self: 0}\n"
"  min_raters: 3\n"
"tiers:\n"
"  - {name: S, min_score: 90, max_share: 0.10, multiplier: 1.5, honor: 季度之星}\n"
"  - {name: A, min_score: 80, max_share: 0.20, multiplier: 1.2, honor: 优秀员工}\n"
"  - {name: B, min_score: 65, multiplier: 1.0}\n"
"  - {name: C, min_score: 50, multiplier: 0.8}\n"
"  - {name: D, min_score: 0,  multiplier: 0.0}\n"
"tiers_scope: company\n"
"commission:\n"
"  base: revenue\n"
"  mode: marginal\n"
"  gate: 0.6\n"
"  cap: 50000.00\n"
"  settle: quarterly\n"
"  clawback: true\n"
"  brackets:\n"
"    - {from: 0.6, to: 1.0, rate: 0.01}\n"
"    - {from: 1.0, to: 1.2, rate: 0.03}\n"
"    - {from: 1.2, rate: 0.05}\n"
"alert_below: 0.8\n";

static const char *const top_keys[] = {
	"currency", "locale", "seasonality", "kpis", "roles", "composite",
	"review", "tiers", "tiers_scope", "commission", "alert_below",
	"columns", "team_scope_roles", "commission_by_role", "organisation",
	"sheets", NULL
};

static const char *const sales_kpis[] = {
	"revenue", "orders", "active_customers", "new_customers",
	"avg_order_value", NULL
};

/* Top-level mappings that a user's file replaces whole. */
static const char *const whole_maps[] = { "kpis", "roles", NULL };

/* The KPIs that always exist, whatever the user's kpis: names. */
static const char *const always_kpis[] = {
	"revenue", "orders", "new_customers", NULL
};

static const struct csv_column team_columns[] = {
	{ "rep_id", "工号", true }, { "name", "姓名", true },
	{ "team", "团队", true }, { "role", "岗位", true },
	{ "manager_id", "上级", false }, { "hire_date", "入职日期", false },
	{ "leave_date", "离职日期", false }, { "email", "邮箱", false },
	{ "statement_password", "报表密码", false },
};
static const struct csv_column sales_columns[] = {
	{ "date", "日期", true }, { "rep_id", "工号", true },
	{ "customer_id", "客户编号", true }, { "amount", "金额", true },
	{ "order_id", "订单号", false }, { "product", "产品", false },
	{ "quantity", "数量", false }, { "channel", "渠道", false },
};
static const struct csv_column targets_columns[] = {
	{ "period", "期间", true }, { "scope", "范围", true },
	{ "id", "编号", true }, { "kpi", "指标", true },
	{ "target", "目标", true },
};
static const struct csv_column metrics_columns[] = {
	{ "period", "期间", true }, { "rep_id", "工号", true },
	{ "kpi", "指标", true }, { "value", "数值", true },
};
static const struct csv_column reviews_columns[] = {
	{ "period", "期间", true }, { "reviewee_id", "被评人", true },
	{ "reviewer_id", "评价人", true }, { "relation", "关系", true },
	{ "dimension", "维度", true }, { "score", "分数", true },
	{ "comment", "评语", false },
};
static const struct csv_column actions_columns[] = {
	{ "id", "编号", true }, { "rep_id", "工号", true },
	{ "opened", "提出期间", true }, { "action", "改进措施", true },
	{ "due", "截止日期", true }, { "status", "状态", true },
	{ "closed", "完成日期", false }, { "note", "备注", false },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

const struct csv_column *
input_columns(enum input_file f, size_t *n)
{
	switch (f) {
	case FILE_TEAM:	   *n = N(team_columns);    return team_columns;
	case FILE_SALES:   *n = N(sales_columns);   return sales_columns;
	case FILE_TARGETS: *n = N(targets_columns); return targets_columns;
	case FILE_METRICS: *n = N(metrics_columns); return metrics_columns;
	case FILE_REVIEWS: *n = N(reviews_columns); return reviews_columns;
	default:	   *n = N(actions_columns); return actions_columns;
	}
}

/* ---- checking helpers: each reports at the node and returns false ---- */

static bool
get_number(const struct ynode *n, const char *path, double *v, double lo)
{
	const char *err;

	if (!ytree_want_type(n, path, Y_SCALAR))
		return false;
	if ((err = parse_decimal(n->scalar, strlen(n->scalar), v)) != NULL)
		return ytree_error(n, path, "%s", err);
	if (*v < lo && lo == 0)
		return ytree_error(n, path, "must not be negative%s", "");
	if (*v < lo) {
		char least[32];

		snprintf(least, sizeof(least), "must be at least %g", lo);
		return ytree_error(n, path, "%s", least);
	}
	return true;
}

static bool
get_micro(const struct ynode *n, const char *path, int64_t *v)
{
	const char *err;

	if (!ytree_want_type(n, path, Y_SCALAR))
		return false;
	if ((err = parse_micro(n->scalar, strlen(n->scalar), v)) != NULL)
		return ytree_error(n, path, "%s", err);
	if (*v < 0)
		return ytree_error(n, path, "must not be negative%s", "");
	return true;
}

/* get_micro, also taking a percentage: "1.5%" = 15000 (parse_ratio). */
static bool
get_ratio(const struct ynode *n, const char *path, int64_t *v)
{
	const char *err;

	if (!ytree_want_type(n, path, Y_SCALAR))
		return false;
	if ((err = parse_ratio(n->scalar, strlen(n->scalar), v)) != NULL)
		return ytree_error(n, path, "%s", err);
	if (*v < 0)
		return ytree_error(n, path, "must not be negative%s", "");
	return true;
}

/*
 * Upper limits (docs/input.md §9), far beyond real plans: those of rates,
 * multipliers and attainment edges keep commission exact in 128 bits
 * (compute/commission.c).
 */
#define RATE_MAX_MICRO		1000000		/* a bracket's rate: 1 */
#define MULTIPLIER_MAX_MICRO	10000000	/* a tier's multiplier: 10 */
#define EDGE_MAX_MICRO		100000000	/* gate, from, to: 100 */
#define KPI_CAP_MAX		100.0		/* a KPI's cap: 100 */

/* get_micro, at most max; message names the limit. */
static bool
get_micro_max(const struct ynode *n, const char *path, int64_t *v,
    int64_t max, const char *message)
{
	if (!get_micro(n, path, v))
		return false;
	if (*v > max)
		return ytree_error(n, path, "%s", message);
	return true;
}

/* get_ratio, at most max; message names the limit. */
static bool
get_ratio_max(const struct ynode *n, const char *path, int64_t *v,
    int64_t max, const char *message)
{
	if (!get_ratio(n, path, v))
		return false;
	if (*v > max)
		return ytree_error(n, path, "%s", message);
	return true;
}

static bool
get_bool(const struct ynode *n, const char *path, bool *v)
{
	static const char *const yes[] = { "true", "True", "TRUE", "yes",
	    "Yes", "on", NULL };
	static const char *const no[] = { "false", "False", "FALSE", "no",
	    "No", "off", NULL };

	if (!ytree_want_type(n, path, Y_SCALAR))
		return false;
	if (ytree_index(n->scalar, yes) >= 0)
		*v = true;
	else if (ytree_index(n->scalar, no) >= 0)
		*v = false;
	else
		return ytree_error(n, path, "expected true or false%s", "");
	return true;
}

static char *
path_join(const char *a, const char *b)
{
	struct buf p = BUF_INIT;

	buf_printf(&p, "%s.%s", a, b);
	return buf_detach(&p);
}

static char *
path_index(const char *a, size_t i)
{
	struct buf p = BUF_INIT;

	buf_printf(&p, "%s[%zu]", a, i);
	return buf_detach(&p);
}

/* The key node of map's entry key (for its line), or NULL. */
static const struct ynode *
key_node(const struct ynode *map, const char *key)
{
	size_t i;

	for (i = 0; map->type == Y_MAPPING && i < map->n; i++)
		if (strcmp(map->keys[i]->scalar, key) == 0)
			return map->keys[i];
	return NULL;
}

/* ---- the sections ---- */

static bool
read_kpi(struct policy *p, const struct ynode *key, const struct ynode *n,
    struct kpi_def *k)
{
	static const char *const keys[] = { "source", "agg", "unit", "cap",
	    "higher_is_better", NULL };
	static const char *const sources[] = { "sales", "metrics", NULL };
	static const char *const aggs[] = { "sum", "mean", NULL };
	static const char *const units[] = { "money", "count", "score",
	    "ratio", NULL };
	char *path = path_join("kpis", key->scalar);
	const struct ynode *v;
	bool ok = true;
	int c;

	(void)p;
	k->name = xstrdup(key->scalar);
	k->source = SOURCE_METRICS;
	k->agg = AGG_SUM;
	k->unit = UNIT_COUNT;
	k->higher_is_better = true;
	if (check_id(key->scalar, strlen(key->scalar)) != NULL)
		ok = ytree_error(key, path,
		    "a KPI name may only hold letters, digits, "
		    "'_', '.' and '-'%s", "");
	if (!ytree_want_type(n, path, Y_MAPPING)) {
		free(path);
		return false;
	}
	ok = ytree_check_keys(n, path, keys) && ok;
	if ((v = ytree_get(n, "source")) == NULL)
		ok = ytree_error(n, path, "missing key: source%s", "");
	else if (ytree_get_choice(v, path, sources, &c)) {
		k->source = (enum kpi_source)c;
		if (k->source == SOURCE_SALES &&
		    ytree_index(k->name, sales_kpis) < 0)
			ok = ytree_error(key, path,
			    "a KPI from sales must be one of "
			    "revenue, orders, active_customers, new_customers, "
			    "avg_order_value%s", "");
		/* One revenue per report: the sales KPIs are never read
		 * from metrics.csv. */
		else if (k->source != SOURCE_SALES &&
		    ytree_index(k->name, sales_kpis) >= 0)
			ok = ytree_error(v, path,
			    "%s is computed from sales.csv: "
			    "source must be sales (a KPI read from metrics.csv "
			    "needs another name)", k->name);
	} else
		ok = false;
	if ((v = ytree_get(n, "agg")) != NULL) {
		if (ytree_get_choice(v, path, aggs, &c))
			k->agg = (enum kpi_agg)c;
		else
			ok = false;
	}
	if ((v = ytree_get(n, "unit")) != NULL) {
		if (ytree_get_choice(v, path, units, &c))
			k->unit = (enum kpi_unit)c;
		else
			ok = false;
	}
	if (k->source == SOURCE_SALES && (strcmp(k->name, "revenue") == 0 ||
	    strcmp(k->name, "avg_order_value") == 0) && k->unit != UNIT_MONEY)
		ok = ytree_error(n, path, "%s is money: unit must be money",
		    k->name);
	else if (k->source == SOURCE_SALES && (strcmp(k->name, "orders") ==
	    0 || strcmp(k->name, "active_customers") == 0 ||
	    strcmp(k->name, "new_customers") == 0) && k->unit != UNIT_COUNT)
		ok = ytree_error(n, path, "%s is a count: unit must be count",
		    k->name);
	if ((v = ytree_get(n, "cap")) != NULL && !ytree_is_null(v)) {
		if (get_number(v, path, &k->cap, 0)) {
			k->has_cap = true;
			if (k->cap <= 0)
				ok = ytree_error(v, path,
				    "cap must be above 0%s", "");
			else if (k->cap > KPI_CAP_MAX)
				ok = ytree_error(v, path,
				    "cap is an attainment, at most "
				    "100%s", "");
		} else
			ok = false;
	}
	if ((v = ytree_get(n, "higher_is_better")) != NULL &&
	    !get_bool(v, path, &k->higher_is_better))
		ok = false;
	free(path);
	return ok;
}

/*
 * A built-in role that weighs a KPI the user's kpis: left out (their file
 * names kpis: without roles:): an error at the user's `kpis:`, naming the
 * role and the KPI.
 */
static bool
kpi_dropped(const struct ynode *kpis, const char *role, const char *kpi)
{
	diag(DIAG_ERROR, kpis->file, kpis->line, "kpis", kpi,
	    "the built-in role %s weighs %s, which this kpis: leaves out: "
	    "keep %s in kpis:, or give roles: too", role, kpi, kpi);
	return false;
}

/* kpis: the key `kpis` of the merged policy, for kpi_dropped. */
static bool
read_role(struct policy *p, const struct ynode *key, const struct ynode *n,
    struct role_def *r, const struct ynode *kpis)
{
	char *path = path_join("roles", key->scalar), *kp;
	bool ok = true;
	size_t i, k;
	double w;

	r->name = xstrdup(key->scalar);
	if (check_id(key->scalar, strlen(key->scalar)) != NULL)
		ok = ytree_error(key, path,
		    "a role may only hold letters, digits, "
		    "'_', '.' and '-'%s", "");
	if (ytree_is_null(n)) {
		free(path);
		return ok;
	}
	if (!ytree_want_type(n, path, Y_MAPPING)) {
		free(path);
		return false;
	}
	r->weights = xcalloc(n->n, sizeof(*r->weights));
	for (i = 0; i < n->n; i++) {
		kp = path_join(path, n->keys[i]->scalar);
		if ((k = policy_kpi(p, n->keys[i]->scalar)) == NONE &&
		    kpis != NULL && strcmp(n->keys[i]->file, builtin_name) ==
		    0 && strcmp(kpis->file, builtin_name) != 0)
			ok = kpi_dropped(kpis, r->name, n->keys[i]->scalar);
		else if (k == NONE)
			ok = ytree_error(n->keys[i], kp,
			    "no such KPI in kpis%s", "");
		else if (get_number(n->items[i], kp, &w, 0)) {
			r->weights[r->nweights].kpi = k;
			r->weights[r->nweights].weight = w;
			r->nweights++;
		} else
			ok = false;
		free(kp);
	}
	free(path);
	return ok;
}

static bool
read_tiers(struct policy *p, const struct ynode *n)
{
	static const char *const keys[] = { "name", "min_score", "max_share",
	    "multiplier", "honor", NULL };
	bool ok = true;
	size_t i, j;

	if (!ytree_want_type(n, "tiers", Y_SEQUENCE))
		return false;
	if (n->n == 0)
		return ytree_error(n, "tiers", "at least one tier is needed%s",
		    "");
	p->tiers = xcalloc(n->n, sizeof(*p->tiers));
	p->ntiers = n->n;
	for (i = 0; i < n->n; i++) {
		const struct ynode *t = n->items[i], *v;
		struct tier_def *d = &p->tiers[i];
		char *path = path_index("tiers", i);

		d->multiplier_micro = 1000000;
		if (!ytree_want_type(t, path, Y_MAPPING)) {
			free(path);
			ok = false;
			continue;
		}
		ok = ytree_check_keys(t, path, keys) && ok;
		if ((v = ytree_get(t, "name")) == NULL ||
		    v->type != Y_SCALAR || v->scalar[0] == '\0')
			ok = ytree_error(t, path, "every tier needs a name%s",
			    "");
		else
			d->name = xstrdup(v->scalar);
		if ((v = ytree_get(t, "min_score")) == NULL)
			ok = ytree_error(t, path, "missing key: min_score%s",
			    "");
		else if (get_micro(v, path, &d->min_score_micro))
			d->min_score = (double)d->min_score_micro / 1e6;
		else
			ok = false;
		if ((v = ytree_get(t, "max_share")) != NULL &&
		    !ytree_is_null(v)) {
			if (!get_ratio(v, path, &d->max_share_micro))
				ok = false;
			else if ((d->max_share = (double)d->max_share_micro /
			    1e6) > 1)
				ok = ytree_error(v, path,
				    "max_share is a share of "
				    "people, at most 1%s", "");
			else
				d->has_max_share = true;
		}
		if ((v = ytree_get(t, "multiplier")) != NULL &&
		    !get_micro_max(v, path, &d->multiplier_micro,
		    MULTIPLIER_MAX_MICRO, "multiplier at most 10"))
			ok = false;
		if ((v = ytree_get(t, "honor")) != NULL && !ytree_is_null(v)) {
			if (ytree_want_type(v, path, Y_SCALAR))
				d->honor = xstrdup(v->scalar);
			else
				ok = false;
		}
		if (i > 0 && ok && d->min_score >= p->tiers[i - 1].min_score)
			ok = ytree_error(t, path,
			    "tiers go from the top: min_score "
			    "must fall from one tier to the next%s", "");
		for (j = 0; j < i && d->name != NULL; j++)
			if (p->tiers[j].name != NULL &&
			    strcmp(p->tiers[j].name, d->name) == 0)
				ok = ytree_error(t, path,
				    "tier name given twice%s", "");
		free(path);
	}
	return ok;
}

/*
 * The commission keys of n into p, error paths under `where`
 * ("commission" or "commission_by_role.<role>").  What n does not name
 * stays as p has it; brackets, when named, are replaced whole.
 */
static bool
read_commission(struct policy *p, const struct ynode *n, const char *where)
{
	static const char *const keys[] = { "base", "mode", "gate", "cap",
	    "brackets", "settle", "clawback", NULL };
	static const char *const settles[] = { "quarterly", "monthly", NULL };
	static const char *const bools[] = { "false", "true", NULL };
	static const char *const bkeys[] = { "from", "to", "rate", NULL };
	static const char *const modes[] = { "marginal", "flat", NULL };
	const struct ynode *v, *b;
	bool ok = true, top = strcmp(where, "commission") == 0;
	char *bpath = path_join(where, "brackets");
	char *kpath;
	size_t i;
	int c;

#define KEYPATH(k) (free(kpath), kpath = path_join(where, (k)))
	kpath = NULL;
	if (!ytree_want_type(n, where, Y_MAPPING)) {
		free(bpath);
		return false;
	}
	ok = ytree_check_keys(n, where, keys);
	if (top)
		p->commission_base = policy_kpi(p, "revenue");
	if ((v = ytree_get(n, "base")) != NULL) {
		if (!ytree_want_type(v, KEYPATH("base"), Y_SCALAR))
			ok = false;
		else if ((p->commission_base = policy_kpi(p, v->scalar)) ==
		    NONE || p->kpis[p->commission_base].unit != UNIT_MONEY)
			ok = ytree_error(v, kpath,
			    "must be a money KPI "
			    "of kpis%s", "");
	} else if (p->commission_base == NONE)
		ok = ytree_error(n, KEYPATH("base"),
		    "revenue is not in kpis: name "
		    "a base%s", "");
	if ((v = ytree_get(n, "mode")) != NULL) {
		if (ytree_get_choice(v, KEYPATH("mode"), modes, &c))
			p->commission_flat = c == 1;
		else
			ok = false;
	}
	if ((v = ytree_get(n, "settle")) != NULL) {
		if (ytree_get_choice(v, KEYPATH("settle"), settles, &c))
			p->settle_monthly = c == 1;
		else
			ok = false;
	}
	if ((v = ytree_get(n, "clawback")) != NULL) {
		if (ytree_get_choice(v, KEYPATH("clawback"), bools, &c))
			p->clawback = c == 1;
		else
			ok = false;
	}
	if ((v = ytree_get(n, "gate")) != NULL &&
	    !get_ratio_max(v, KEYPATH("gate"), &p->gate_micro,
	    EDGE_MAX_MICRO, "gate is an attainment, at most 100"))
		ok = false;
	if ((v = ytree_get(n, "cap")) != NULL && !ytree_is_null(v)) {
		const char *err;

		if (!ytree_want_type(v, KEYPATH("cap"), Y_SCALAR))
			ok = false;
		else if ((err = parse_money(v->scalar, strlen(v->scalar),
		    &p->commission_cap_cents)) != NULL)
			ok = ytree_error(v, kpath, "%s", err);
		else if (p->commission_cap_cents < 0)
			ok = ytree_error(v, kpath,
			    "must not be negative%s", "");
		else
			p->has_commission_cap = true;
	}
	free(kpath);
#undef KEYPATH
	if ((b = ytree_get(n, "brackets")) == NULL || ytree_is_null(b)) {
		free(bpath);
		return ok;
	}
	if (!ytree_want_type(b, bpath, Y_SEQUENCE)) {
		free(bpath);
		return false;
	}
	p->brackets = xcalloc(b->n ? b->n : 1, sizeof(*p->brackets));
	p->nbrackets = b->n;
	for (i = 0; i < b->n; i++) {
		const struct ynode *e = b->items[i];
		struct bracket *k = &p->brackets[i];
		char *path = path_index(bpath, i);

		if (!ytree_want_type(e, path, Y_MAPPING)) {
			ok = false;
			free(path);
			continue;
		}
		ok = ytree_check_keys(e, path, bkeys) && ok;
		if ((v = ytree_get(e, "from")) == NULL)
			ok = ytree_error(e, path, "missing key: from%s", "");
		else if (!get_ratio_max(v, path, &k->from_micro,
		    EDGE_MAX_MICRO, "from is an attainment, at most 100"))
			ok = false;
		if ((v = ytree_get(e, "rate")) == NULL)
			ok = ytree_error(e, path, "missing key: rate%s", "");
		else if (!get_ratio_max(v, path, &k->rate_micro,
		    RATE_MAX_MICRO, "rate is a share of the revenue, at most 1"))
			ok = false;
		if ((v = ytree_get(e, "to")) != NULL && !ytree_is_null(v)) {
			if (!get_ratio_max(v, path, &k->to_micro,
			    EDGE_MAX_MICRO, "to is an attainment, at most 100"))
				ok = false;
			else if (k->to_micro <= k->from_micro)
				ok = ytree_error(v, path,
				    "to must be above from%s", "");
			else
				k->has_to = true;
		}
		if (!k->has_to && i + 1 < b->n)
			ok = ytree_error(e, path,
			    "only the last bracket may be open "
			    "(no to)%s", "");
		if (i > 0 && k->from_micro < p->brackets[i - 1].from_micro)
			ok = ytree_error(e, path,
			    "brackets must be in ascending "
			    "order of from%s", "");
		if (i > 0 && p->brackets[i - 1].has_to &&
		    k->from_micro < p->brackets[i - 1].to_micro)
			ok = ytree_error(e, path, "brackets overlap%s", "");
		free(path);
	}
	free(bpath);
	return ok;
}

/* A display name: one line of text, not empty, at most 100 bytes. */
static bool
read_name(const struct ynode *n, const char *path, char **out)
{
	const unsigned char *c;

	if (!ytree_want_type(n, path, Y_SCALAR))
		return false;
	if (n->scalar[0] == '\0')
		return ytree_error(n, path, "empty name%s", "");
	if (strlen(n->scalar) > 100)
		return ytree_error(n, path, "longer than 100 bytes%s", "");
	for (c = (const unsigned char *)n->scalar; *c != '\0'; c++)
		if (*c < 0x20 || *c == 0x7f)
			return ytree_error(n, path, "a name is one line of "
			    "text, without control characters%s", "");
	*out = xstrdup(n->scalar);
	return true;
}

/* organisation.teams or .roles: id -> display name. */
static bool
read_names(struct policy *p, const struct ynode *n, const char *path,
    struct display_name **out, size_t *nout)
{
	bool ok = true;
	size_t i;

	if (!ytree_want_type(n, path, Y_MAPPING))
		return false;
	*out = xcalloc(n->n ? n->n : 1, sizeof(**out));
	for (i = 0; i < n->n; i++) {
		const struct ynode *key = n->keys[i];
		char *kp = path_join(path, key->scalar), *name;

		if (out == &p->org.roles &&
		    policy_role(p, key->scalar) == NONE)
			ok = ytree_error(key, kp, "not a role of roles%s", "");
		else if (read_name(n->items[i], kp, &name)) {
			(*out)[*nout].id = xstrdup(key->scalar);
			(*out)[*nout].line = key->line;
			(*out)[(*nout)++].name = name;
		} else
			ok = false;
		free(kp);
	}
	return ok;
}

/* The From: of `send`: "Name <local@domain>" or "local@domain". */
static bool
valid_sender(const char *s)
{
	const char *lt = strchr(s, '<'), *a, *end;

	if (lt != NULL) {
		end = strchr(lt, '>');
		if (end == NULL || end[1] != '\0' || lt == s)
			return false;
		a = lt + 1;
	} else {
		a = s;
		end = s + strlen(s);
	}
	{
		const char *at = memchr(a, '@', (size_t)(end - a)), *c;

		if (at == NULL || at == a || at + 1 >= end)
			return false;
		for (c = a; c < end; c++)
			if (*c == ' ' || *c == '<' || (c != at && *c == '@'))
				return false;
	}
	return true;
}

/* organisation: the company's name, display names, logo and sender. */
static bool
read_organisation(struct policy *p, const struct ynode *n)
{
	static const char *const keys[] = { "company", "teams", "roles",
	    "logo", "sender", NULL };
	const struct ynode *v;
	bool ok = true;

	if (!ytree_want_type(n, "organisation", Y_MAPPING) ||
	    !ytree_check_keys(n, "organisation", keys))
		return false;
	if ((v = ytree_get(n, "company")) != NULL && !ytree_is_null(v) &&
	    !read_name(v, "organisation.company", &p->org.company))
		ok = false;
	if ((v = ytree_get(n, "teams")) != NULL && !ytree_is_null(v) &&
	    !read_names(p, v, "organisation.teams", &p->org.teams,
	    &p->org.nteams))
		ok = false;
	if ((v = ytree_get(n, "roles")) != NULL && !ytree_is_null(v) &&
	    !read_names(p, v, "organisation.roles", &p->org.roles,
	    &p->org.nroles))
		ok = false;
	if ((v = ytree_get(n, "logo")) != NULL && !ytree_is_null(v)) {
		const char *dot;

		if (!ytree_want_type(v, "organisation.logo", Y_SCALAR))
			ok = false;
		else if (v->scalar[0] == '\0' || v->scalar[0] == '/' ||
		    strstr(v->scalar, "..") != NULL ||
		    strchr(v->scalar, '\\') != NULL)
			ok = ytree_error(v, "organisation.logo", "expected a "
			    "file name in the input folder (logo.png)%s", "");
		else if ((dot = strrchr(v->scalar, '.')) == NULL ||
		    (strcasecmp(dot, ".png") != 0 &&
		    strcasecmp(dot, ".jpg") != 0 &&
		    strcasecmp(dot, ".jpeg") != 0))
			ok = ytree_error(v, "organisation.logo", "expected a "
			    "PNG or JPEG file (.png, .jpg, .jpeg)%s", "");
		else {
			p->org.logo = xstrdup(v->scalar);
			p->org.logo_line = v->line;
		}
	}
	if ((v = ytree_get(n, "sender")) != NULL && !ytree_is_null(v)) {
		if (!read_name(v, "organisation.sender", &p->org.sender))
			ok = false;
		else if (!valid_sender(p->org.sender))
			ok = ytree_error(v, "organisation.sender", "expected "
			    "Name <address@domain> or address@domain%s", "");
	}
	return ok;
}

/* team_scope_roles: roles measured on their team's totals. */
static bool
read_team_scope(struct policy *p, const struct ynode *n)
{
	bool ok = true;
	size_t i, r;

	if (!ytree_want_type(n, "team_scope_roles", Y_SEQUENCE))
		return false;
	for (i = 0; i < n->n; i++) {
		const struct ynode *e = n->items[i];
		char *path = path_index("team_scope_roles", i);

		if (!ytree_want_type(e, path, Y_SCALAR))
			ok = false;
		else if ((r = policy_role(p, e->scalar)) == NONE)
			ok = ytree_error(e, path, "not a role of roles%s",
			    "");
		else if (p->roles[r].team_scope)
			ok = ytree_error(e, path, "role given twice%s", "");
		else
			p->roles[r].team_scope = true;
		free(path);
	}
	return ok;
}

/*
 * commission_by_role: per role, the effective commission with the keys
 * the role names laid over it (brackets replaced whole).
 */
static bool
read_commission_by_role(struct policy *p, const struct ynode *n)
{
	bool ok = true;
	size_t i, r;

	if (!ytree_want_type(n, "commission_by_role", Y_MAPPING))
		return false;
	for (i = 0; i < n->n; i++) {
		const struct ynode *key = n->keys[i];
		char *path = path_join("commission_by_role", key->scalar);
		struct policy tmp = *p;
		struct role_plan *plan;

		if ((r = policy_role(p, key->scalar)) == NONE) {
			ok = ytree_error(key, path, "not a role of roles%s",
			    "");
			free(path);
			continue;
		}
		if (!read_commission(&tmp, n->items[i], path)) {
			if (tmp.brackets != p->brackets)
				free(tmp.brackets);
			ok = false;
			free(path);
			continue;
		}
		free(path);
		plan = &p->roles[r].plan;
		p->roles[r].has_plan = true;
		plan->base = tmp.commission_base;
		plan->flat = tmp.commission_flat;
		plan->gate_micro = tmp.gate_micro;
		plan->has_cap = tmp.has_commission_cap;
		plan->cap_cents = tmp.commission_cap_cents;
		plan->settle_monthly = tmp.settle_monthly;
		plan->clawback = tmp.clawback;
		plan->nbrackets = tmp.nbrackets;
		if (tmp.brackets != p->brackets)
			plan->brackets = tmp.brackets;
		else {
			plan->brackets = xcalloc(tmp.nbrackets ?
			    tmp.nbrackets : 1, sizeof(*plan->brackets));
			if (tmp.nbrackets > 0)
				memcpy(plan->brackets, tmp.brackets,
				    tmp.nbrackets * sizeof(*plan->brackets));
		}
	}
	return ok;
}

static bool
read_review(struct policy *p, const struct ynode *n)
{
	static const char *const keys[] = { "scale", "relation_weights",
	    "min_raters", NULL };
	static const char *const rels[] = { "self", "manager", "peer",
	    "report", "customer", NULL };
	const struct ynode *v;
	bool ok = true;
	double d;
	size_t i;
	int c;

	if (!ytree_want_type(n, "review", Y_MAPPING))
		return false;
	ok = ytree_check_keys(n, "review", keys);
	if ((v = ytree_get(n, "scale")) != NULL) {
		if (!ytree_want_type(v, "review.scale", Y_SEQUENCE))
			ok = false;
		else if (v->n != 2)
			ok = ytree_error(v, "review.scale", "expected [lowest, "
			    "highest]%s", "");
		else if (get_number(v->items[0], "review.scale", &p->scale_lo,
		    -1e300) && get_number(v->items[1], "review.scale",
		    &p->scale_hi, -1e300)) {
			if (p->scale_hi <= p->scale_lo)
				ok = ytree_error(v, "review.scale",
				    "the highest score "
				    "must be above the lowest%s", "");
		} else
			ok = false;
	}
	if ((v = ytree_get(n, "relation_weights")) != NULL) {
		if (!ytree_want_type(v, "review.relation_weights", Y_MAPPING))
			ok = false;
		else
			for (i = 0; i < v->n; i++) {
				char *path = path_join("review.relation_weights",
				    v->keys[i]->scalar);

				if (!ytree_get_choice(v->keys[i], path,
				    rels, &c) ||
				    !get_number(v->items[i], path, &d, 0))
					ok = false;
				else
					p->relation_weight[c] = d;
				free(path);
			}
	}
	if ((v = ytree_get(n, "min_raters")) != NULL) {
		if (!get_number(v, "review.min_raters", &d, 1))
			ok = false;
		else if (d != (double)(int)d || d > 1000)
			ok = ytree_error(v, "review.min_raters", "expected a "
			    "whole number from 1 to 1000%s", "");
		else
			p->min_raters = (int)d;
	}
	return ok;
}

/* sheets: {sales: 销售明细}: the sheet read from each .xlsx input. */
static bool
read_sheets(struct policy *p, const struct ynode *n)
{
	static const char *const files[] = { "team", "sales", "targets",
	    "metrics", "reviews", "actions", NULL };
	bool ok = true;
	size_t i;
	int f;

	if (!ytree_want_type(n, "sheets", Y_MAPPING))
		return false;
	for (i = 0; i < n->n; i++) {
		char *path = path_join("sheets", n->keys[i]->scalar);
		char *name = xstrdup(n->keys[i]->scalar);
		char *dot = strstr(name, ".xlsx");

		if (dot != NULL && dot[5] == '\0')
			*dot = '\0';
		if ((f = ytree_index(name, files)) < 0)
			ok = ytree_error(n->keys[i], path, "expected one of: "
			    "team, sales, targets, metrics, reviews, "
			    "actions%s", "");
		else if (!ytree_want_type(n->items[i], path, Y_SCALAR))
			ok = false;
		else if (n->items[i]->scalar[0] == '\0')
			ok = ytree_error(n->items[i], path,
			    "empty sheet name%s", "");
		else {
			free(p->sheets[f]);
			p->sheets[f] = xstrdup(n->items[i]->scalar);
			p->sheet_lines[f] = n->items[i]->line;
		}
		free(name);
		free(path);
	}
	return ok;
}

static bool
read_columns(struct policy *p, const struct ynode *n)
{
	bool ok = true;
	size_t i, j, k, ncols;
	int f;

	if (!ytree_want_type(n, "columns", Y_MAPPING))
		return false;
	for (i = 0; i < n->n; i++) {
		static const char *const files[] = { "team", "sales",
		    "targets", "metrics", "reviews", "actions", NULL };
		const struct ynode *m = n->items[i];
		const struct csv_column *cols;
		char *path = path_join("columns", n->keys[i]->scalar);
		char *name = xstrdup(n->keys[i]->scalar);
		char *dot = strstr(name, ".csv");

		if (dot != NULL && dot[4] == '\0')
			*dot = '\0';
		if (ytree_index(name, files) < 0) {
			ok = ytree_error(n->keys[i], path,
			    "expected one of: team, "
			    "sales, targets, metrics, reviews, actions%s", "");
			goto next;
		}
		for (f = 0; strcmp(files[f], name) != 0; f++)
			;
		if (!ytree_want_type(m, path, Y_MAPPING)) {
			ok = false;
			goto next;
		}
		cols = input_columns((enum input_file)f, &ncols);
		for (j = 0; j < m->n; j++) {
			char *cp = path_join(path, m->keys[j]->scalar);

			for (k = 0; k < ncols; k++)
				if (strcmp(cols[k].name,
				    m->keys[j]->scalar) == 0)
					break;
			if (k == ncols)
				ok = ytree_error(m->keys[j], cp,
				    "no such column in "
				    "%s.csv", name);
			else if (!ytree_want_type(m->items[j], cp, Y_SCALAR) ||
			    m->items[j]->scalar[0] == '\0')
				ok = m->items[j]->type == Y_SCALAR ?
				    ytree_error(m->items[j], cp,
				    "empty header%s", "") : false;
			else {
				struct column_rename *r;

				p->renames[f] = xreallocarray(p->renames[f],
				    p->nrenames[f] + 1, sizeof(*r));
				r = &p->renames[f][p->nrenames[f]++];
				r->column = cols[k].name;
				r->header = xstrdup(m->items[j]->scalar);
				r->line = m->items[j]->line;
			}
			free(cp);
		}
next:
		free(name);
		free(path);
	}
	return ok;
}

static bool
read_policy(struct policy *p, const struct ynode *root)
{
	static const char *const locales[] = { "zh-CN", "en", NULL };
	static const char *const scopes[] = { "company", "team", NULL };
	static const char *const comp_keys[] = { "kpi", "review", NULL };
	const struct ynode *v, *w;
	bool ok = true;
	size_t i;
	int c;

	if ((v = ytree_get(root, "currency")) != NULL) {
		if (ytree_want_type(v, "currency", Y_SCALAR))
			p->currency = xstrdup(v->scalar);
		else
			ok = false;
	}
	v = ytree_get(root, "locale");
	if (v != NULL && ytree_get_choice(v, "locale", locales, &c))
		p->locale = xstrdup(locales[c]);
	else if (v != NULL)
		ok = false;
	if ((v = ytree_get(root, "seasonality")) != NULL) {
		if (!ytree_want_type(v, "seasonality", Y_SEQUENCE))
			ok = false;
		else if (v->n != 12)
			ok = ytree_error(v, "seasonality",
			    "expected 12 month weights, "
			    "January first%s", "");
		else {
			for (i = 0; i < 12; i++)
				if (get_micro(v->items[i], "seasonality",
				    &p->seasonality_micro[i]))
					p->seasonality[i] = (double)
					    p->seasonality_micro[i] / 1e6;
				else
					ok = false;
			for (i = 0; ok && i < 12; i += 3)
				if (p->seasonality[i] + p->seasonality[i + 1] +
				    p->seasonality[i + 2] <= 0)
					ok = ytree_error(v, "seasonality",
					    "every quarter needs a weight "
					    "above 0%s", "");
		}
	}
	if ((v = ytree_get(root, "kpis")) != NULL) {
		if (!ytree_want_type(v, "kpis", Y_MAPPING))
			ok = false;
		else {
			p->kpis = xcalloc(v->n ? v->n : 1, sizeof(*p->kpis));
			for (i = 0; i < v->n; i++)
				if (!read_kpi(p, v->keys[i], v->items[i],
				    &p->kpis[p->nkpis++]))
					ok = false;
		}
	}
	/* Roles and commission name KPIs: checking them against broken
	 * KPIs would only repeat the KPI errors. */
	if (!ok)
		return false;
	if ((v = ytree_get(root, "roles")) != NULL) {
		if (!ytree_want_type(v, "roles", Y_MAPPING))
			ok = false;
		else {
			p->roles = xcalloc(v->n ? v->n : 1, sizeof(*p->roles));
			for (i = 0; i < v->n; i++)
				if (!read_role(p, v->keys[i], v->items[i],
				    &p->roles[p->nroles++], key_node(root,
				    "kpis")))
					ok = false;
		}
	}
	if ((v = ytree_get(root, "composite")) != NULL) {
		if (!ytree_want_type(v, "composite", Y_MAPPING) ||
		    !ytree_check_keys(v, "composite", comp_keys))
			ok = false;
		else {
			if ((w = ytree_get(v, "kpi")) != NULL &&
			    !get_number(w, "composite.kpi", &p->composite_kpi,
			    0))
				ok = false;
			if ((w = ytree_get(v, "review")) != NULL &&
			    !get_number(w, "composite.review",
			    &p->composite_review, 0))
				ok = false;
			if (ok && p->composite_kpi + p->composite_review <= 0)
				ok = ytree_error(v, "composite",
				    "the weights may not "
				    "both be 0%s", "");
		}
	}
	if ((v = ytree_get(root, "review")) != NULL && !read_review(p, v))
		ok = false;
	if ((v = ytree_get(root, "tiers")) != NULL && !read_tiers(p, v))
		ok = false;
	v = ytree_get(root, "tiers_scope");
	if (v != NULL && ytree_get_choice(v, "tiers_scope", scopes, &c))
		p->tiers_by_team = c == 1;
	else if (v != NULL)
		ok = false;
	if ((v = ytree_get(root, "commission")) != NULL &&
	    !read_commission(p, v, "commission"))
		ok = false;
	if ((v = ytree_get(root, "team_scope_roles")) != NULL &&
	    !ytree_is_null(v) && !read_team_scope(p, v))
		ok = false;
	/* A role's plan is laid over the effective commission: only once
	 * that one is whole. */
	if (ok && (v = ytree_get(root, "commission_by_role")) != NULL &&
	    !ytree_is_null(v) && !read_commission_by_role(p, v))
		ok = false;
	if (ok && (v = ytree_get(root, "organisation")) != NULL &&
	    !ytree_is_null(v) && !read_organisation(p, v))
		ok = false;
	if ((v = ytree_get(root, "alert_below")) != NULL &&
	    !get_number(v, "alert_below", &p->alert_below, 0))
		ok = false;
	if ((v = ytree_get(root, "columns")) != NULL && !ytree_is_null(v) &&
	    !read_columns(p, v))
		ok = false;
	if ((v = ytree_get(root, "sheets")) != NULL && !ytree_is_null(v) &&
	    !read_sheets(p, v))
		ok = false;
	return ok;
}

/*
 * The user's kpis: (val) keeps the KPIs that always exist: one it does not
 * name is taken from the built-in kpis (def), one it names gets the
 * built-in entry's keys it does not name.  def's nodes are shared (see
 * builtin_copy): val holds them too, def is not changed; were they not,
 * val would take them from def.
 */
static void
keep_always_kpis(struct ynode *def, struct ynode *val)
{
	struct ynode *b, *u;
	size_t i, j, k;

	for (i = 0; always_kpis[i] != NULL; i++) {
		for (j = 0; j < def->n; j++)
			if (def->keys[j] != NULL &&
			    strcmp(def->keys[j]->scalar, always_kpis[i]) == 0)
				break;
		if (j == def->n)
			continue;
		b = def->items[j];
		if ((u = ytree_get(val, always_kpis[i])) == NULL) {
			ytree_map_set(val, def->keys[j], b);
			if (!def->shared)	/* taken, not shared */
				def->keys[j] = def->items[j] = NULL;
			continue;
		}
		if (u->type != Y_MAPPING || b->type != Y_MAPPING)
			continue;	/* reported as the user wrote it */
		for (k = 0; k < b->n; k++)
			if (ytree_get(u, b->keys[k]->scalar) == NULL) {
				ytree_map_set(u, b->keys[k], b->items[k]);
				if (!b->shared)
					b->keys[k] = b->items[k] = NULL;
			}
	}
}

/*
 * Lays user over base as policy.yaml's merge rule says; takes user's nodes.
 * base's entries are the built-in policy's shared nodes (builtin_copy): a
 * mapping to be changed is replaced by a copy of its top first.
 */
static void
merge(struct ynode *base, struct ynode *user)
{
	size_t i, j;

	for (i = 0; i < user->n; i++) {
		struct ynode *key = user->keys[i], *val = user->items[i];
		struct ynode *def = ytree_get(base, key->scalar);

		if (def != NULL && def->type == Y_MAPPING &&
		    val->type == Y_MAPPING &&
		    ytree_index(key->scalar, whole_maps) >= 0) {
			/* replaced whole, below */
			if (strcmp(key->scalar, "kpis") == 0)
				keep_always_kpis(def, val);
		} else if (def != NULL && def->type == Y_MAPPING &&
		    val->type == Y_MAPPING) {
			if (def->shared) {
				for (j = 0; base->items[j] != def; j++)
					continue;
				def = base->items[j] = ytree_copy_top(def);
			}
			/* a problem of the merged mapping is the user's */
			def->file = val->file;
			def->line = val->line;
			for (j = 0; j < val->n; j++) {
				ytree_map_set(def, val->keys[j], val->items[j]);
				val->keys[j] = val->items[j] = NULL;
			}
			val->n = 0;
			continue;
		}
		ytree_map_set(base, key, val);
		user->keys[i] = user->items[i] = NULL;
	}
}

/*
 * The built-in policy's tree, parsed once per process and shared (struct
 * ynode): each load lays the user's file over a new top mapping holding
 * the built-in entries, copying only the tops of the mappings it changes,
 * instead of parsing the YAML text again.  Kept to the end of the process,
 * as the text it comes from is.
 */
static struct ynode *builtin_tree;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void
parse_builtin(void)
{
	builtin_tree = ytree_parse(builtin_name, policy_default_yaml,
	    strlen(policy_default_yaml), 0);
	ytree_share(builtin_tree);
}

static struct ynode *
builtin_copy(void)
{
	pthread_once(&builtin_once, parse_builtin);
	return ytree_copy_top(builtin_tree);
}

/*
 * The built-in policy read into struct policy, once per process: a load
 * without a policy.yaml takes a copy of it instead of checking every key
 * of the built-in tree again.  Kept to the end of the process.
 */
static struct policy builtin_policy;
static bool builtin_policy_ok;
static pthread_once_t builtin_policy_once = PTHREAD_ONCE_INIT;

static void
read_builtin_policy(void)
{
	struct ynode *base = builtin_copy();

	builtin_policy_ok = read_policy(&builtin_policy, base);
	ytree_free(base);
}

static char *
dup_string(const char *s)
{
	return s != NULL ? xstrdup(s) : NULL;
}

static void *
dup_array(const void *a, size_t n, size_t size)
{
	void *c;

	if (a == NULL)
		return NULL;
	c = xcalloc(n ? n : 1, size);
	if (n > 0)
		memcpy(c, a, n * size);
	return c;
}

static struct display_name *
dup_names(const struct display_name *a, size_t n)
{
	struct display_name *c = dup_array(a, n, sizeof(*a));
	size_t i;

	for (i = 0; i < n; i++) {
		c[i].id = dup_string(a[i].id);
		c[i].name = dup_string(a[i].name);
	}
	return c;
}

/* c becomes a copy of p that shares nothing with it (policy_free frees). */
static void
policy_copy(struct policy *c, const struct policy *p)
{
	size_t i, f;

	*c = *p;
	c->org.company = dup_string(p->org.company);
	c->org.teams = dup_names(p->org.teams, p->org.nteams);
	c->org.roles = dup_names(p->org.roles, p->org.nroles);
	c->org.logo = dup_string(p->org.logo);
	c->org.sender = dup_string(p->org.sender);
	c->currency = dup_string(p->currency);
	c->locale = dup_string(p->locale);
	c->kpis = dup_array(p->kpis, p->nkpis, sizeof(*p->kpis));
	for (i = 0; i < p->nkpis; i++)
		c->kpis[i].name = dup_string(p->kpis[i].name);
	c->roles = dup_array(p->roles, p->nroles, sizeof(*p->roles));
	for (i = 0; i < p->nroles; i++) {
		const struct role_def *r = &p->roles[i];

		c->roles[i].name = dup_string(r->name);
		c->roles[i].weights = dup_array(r->weights, r->nweights,
		    sizeof(*r->weights));
		c->roles[i].plan.brackets = dup_array(r->plan.brackets,
		    r->plan.nbrackets, sizeof(*r->plan.brackets));
	}
	c->tiers = dup_array(p->tiers, p->ntiers, sizeof(*p->tiers));
	for (i = 0; i < p->ntiers; i++) {
		c->tiers[i].name = dup_string(p->tiers[i].name);
		c->tiers[i].honor = dup_string(p->tiers[i].honor);
	}
	c->brackets = dup_array(p->brackets, p->nbrackets,
	    sizeof(*p->brackets));
	for (f = 0; f < FILE_COUNT; f++) {
		c->renames[f] = dup_array(p->renames[f], p->nrenames[f],
		    sizeof(*p->renames[f]));
		for (i = 0; i < p->nrenames[f]; i++)
			c->renames[f][i].header =
			    dup_string(p->renames[f][i].header);
		c->sheets[f] = dup_string(p->sheets[f]);
	}
}

int
policy_load(struct policy *p, const char *path)
{
	struct ynode *base, *user = NULL;
	char *text = NULL;
	size_t len = 0;
	int status = 0;
	bool ok;

	memset(p, 0, sizeof(*p));
	p->path = path;
	base = builtin_copy();
	if (path != NULL) {
		int err;

		text = file_read(path, POLICY_MAX_BYTES, &len, &err);
		if (err == ENOENT) {
			p->path = NULL;
		} else if (err == EFBIG) {
			diag(DIAG_ERROR, path, 0, NULL, NULL,
			    "larger than %d bytes", POLICY_MAX_BYTES);
			status = EX_DATAERR;
		} else if (err != 0) {
			diag(DIAG_ERROR, path, 0, NULL, NULL,
			    "cannot read: %s", strerror(err));
			diag_set_exit(EX_IOERR);
			status = EX_IOERR;
		} else if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
			user = ytree_parse(path, text + 3, len - 3, 0);
		else
			user = ytree_parse(path, text, len, 0);
		if (status == 0 && p->path != NULL && user == NULL)
			status = EX_DATAERR;
	}
	if (status == 0 && user != NULL) {
		if (user->type != Y_MAPPING) {
			ytree_error(user, "", "a policy is a mapping of keys "
			    "(key: value)%s", "");
			status = EX_DATAERR;
		} else if (!ytree_check_keys(user, "", top_keys))
			status = EX_DATAERR;
		else
			merge(base, user);
	}
	if (status == 0 && user == NULL) {
		/* no policy.yaml: the built-in policy, read once */
		pthread_once(&builtin_policy_once, read_builtin_policy);
		if (builtin_policy_ok)
			policy_copy(p, &builtin_policy);
		else
			status = read_policy(p, base) ? 0 : EX_DATAERR;
	} else if (status == 0) {
		ok = read_policy(p, base);
		if (!ok)
			status = EX_DATAERR;
	}
	ytree_free(base);
	ytree_free(user);
	free(text);
	return status;
}

void
policy_free(struct policy *p)
{
	size_t i, f;

	free(p->currency);
	free(p->locale);
	free(p->org.company);
	for (i = 0; i < p->org.nteams; i++) {
		free(p->org.teams[i].id);
		free(p->org.teams[i].name);
	}
	free(p->org.teams);
	for (i = 0; i < p->org.nroles; i++) {
		free(p->org.roles[i].id);
		free(p->org.roles[i].name);
	}
	free(p->org.roles);
	free(p->org.logo);
	free(p->org.sender);
	for (i = 0; i < p->nkpis; i++)
		free(p->kpis[i].name);
	free(p->kpis);
	for (i = 0; i < p->nroles; i++) {
		free(p->roles[i].name);
		free(p->roles[i].weights);
		free(p->roles[i].plan.brackets);
	}
	free(p->roles);
	for (i = 0; i < p->ntiers; i++) {
		free(p->tiers[i].name);
		free(p->tiers[i].honor);
	}
	free(p->tiers);
	free(p->brackets);
	for (f = 0; f < FILE_COUNT; f++) {
		for (i = 0; i < p->nrenames[f]; i++)
			free((char *)p->renames[f][i].header);
		free(p->renames[f]);
		free(p->sheets[f]);
	}
	memset(p, 0, sizeof(*p));
}
