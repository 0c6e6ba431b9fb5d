/*
 * Unit tests for policy.yaml, generator/input/policy.c (docs/input.md §9,
 * §10): the built-in defaults, the overlay rule (kpis: and roles: named
 * are replaced whole, the sales KPIs revenue, orders and new_customers
 * always exist; an entry named under another mapping replaces the
 * default's entry whole; every other top-level key is replaced whole), a
 * role weighing a KPI that kpis: left out, unknown keys, values of the
 * wrong type, the order of the tiers and of the commission brackets, and
 * `columns:`.
 *
 * Each test writes policy.yaml into a scratch folder and loads it; what
 * the loader prints on standard error is compared whole with the text
 * below.  The expected values are the defaults table of docs/input.md §9,
 * held exactly: millionths for attainment edges, rates, shares,
 * multipliers and seasonality, cents for money.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/diag.h"
#include "input/policy.h"

#include "scratch.h"

/* Loads text as policy.yaml (NULL: no file); returns the status. */
static int
load(const char *text, struct policy *p, char **err)
{
	int saved, status;

	if (text != NULL)
		scratch_text("policy.yaml", text);
	diag_reset();
	saved = capture_begin();
	status = policy_load(p, text != NULL ? "policy.yaml" : NULL);
	*err = capture_end(saved);
	return status;
}

/* Loads text, which must be refused with exactly the messages want. */
static void
refused(const char *text, const char *want)
{
	struct policy p;
	char *err;
	int status = load(text, &p, &err);

	assert_string_equal(err, want);
	assert_int_equal(status, EX_DATAERR);
	free(err);
	policy_free(&p);
}

/* Loads text, which must be accepted without a message. */
static void
accepted(const char *text, struct policy *p)
{
	char *err;
	int status = load(text, p, &err);

	assert_string_equal(err, "");
	assert_int_equal(status, 0);
	free(err);
}

static void
kpi_is(const struct policy *p, size_t i, const char *name,
    enum kpi_source source, enum kpi_agg agg, enum kpi_unit unit, double cap)
{
	assert_true(i < p->nkpis);
	assert_string_equal(p->kpis[i].name, name);
	assert_int_equal(p->kpis[i].source, source);
	assert_int_equal(p->kpis[i].agg, agg);
	assert_int_equal(p->kpis[i].unit, unit);
	assert_true(p->kpis[i].has_cap);
	assert_true(p->kpis[i].cap == cap);
	assert_true(p->kpis[i].higher_is_better);
}

static void
weight_is(const struct policy *p, size_t role, size_t i, const char *kpi,
    double w)
{
	assert_true(i < p->roles[role].nweights);
	assert_string_equal(p->kpis[p->roles[role].weights[i].kpi].name, kpi);
	assert_true(p->roles[role].weights[i].weight == w);
}

static void
tier_is(const struct policy *p, size_t i, const char *name, int64_t min_micro,
    int64_t share_micro, int64_t mult_micro, const char *honor)
{
	const struct tier_def *t = &p->tiers[i];

	assert_true(i < p->ntiers);
	assert_string_equal(t->name, name);
	assert_int_equal(t->min_score_micro, min_micro);
	assert_int_equal(t->has_max_share, share_micro >= 0);
	if (share_micro >= 0)
		assert_int_equal(t->max_share_micro, share_micro);
	assert_int_equal(t->multiplier_micro, mult_micro);
	if (honor == NULL)
		assert_null(t->honor);
	else
		assert_string_equal(t->honor, honor);
}

static void
bracket_is(const struct policy *p, size_t i, int64_t from, int64_t to,
    int64_t rate)
{
	assert_true(i < p->nbrackets);
	assert_int_equal(p->brackets[i].from_micro, from);
	assert_int_equal(p->brackets[i].has_to, to >= 0);
	if (to >= 0)
		assert_int_equal(p->brackets[i].to_micro, to);
	assert_int_equal(p->brackets[i].rate_micro, rate);
}

/* Every value of the built-in policy, docs/input.md §9. */
static void
check_defaults(const struct policy *p)
{
	size_t i;

	assert_string_equal(p->currency, "CNY");
	assert_string_equal(p->locale, "zh-CN");
	for (i = 0; i < 12; i++)
		assert_int_equal(p->seasonality_micro[i], 1000000);

	assert_int_equal(p->nkpis, 5);
	kpi_is(p, 0, "revenue", SOURCE_SALES, AGG_SUM, UNIT_MONEY, 1.5);
	kpi_is(p, 1, "orders", SOURCE_SALES, AGG_SUM, UNIT_COUNT, 1.5);
	kpi_is(p, 2, "new_customers", SOURCE_SALES, AGG_SUM, UNIT_COUNT, 1.5);
	kpi_is(p, 3, "satisfaction", SOURCE_METRICS, AGG_MEAN, UNIT_SCORE,
	    1.2);
	kpi_is(p, 4, "leads", SOURCE_METRICS, AGG_SUM, UNIT_COUNT, 1.5);

	assert_int_equal(p->nroles, 5);
	assert_string_equal(p->roles[0].name, "sales");
	assert_int_equal(p->roles[0].nweights, 3);
	weight_is(p, 0, 0, "revenue", 0.6);
	weight_is(p, 0, 1, "new_customers", 0.2);
	weight_is(p, 0, 2, "satisfaction", 0.2);
	assert_string_equal(p->roles[1].name, "customer_success");
	assert_int_equal(p->roles[1].nweights, 3);
	weight_is(p, 1, 0, "satisfaction", 0.5);
	weight_is(p, 1, 1, "revenue", 0.3);
	weight_is(p, 1, 2, "orders", 0.2);
	assert_string_equal(p->roles[2].name, "campaign");
	assert_int_equal(p->roles[2].nweights, 2);
	weight_is(p, 2, 0, "leads", 0.6);
	weight_is(p, 2, 1, "revenue", 0.4);
	assert_string_equal(p->roles[3].name, "research");
	assert_int_equal(p->roles[3].nweights, 1);
	weight_is(p, 3, 0, "satisfaction", 1.0);
	assert_string_equal(p->roles[4].name, "manager");
	assert_int_equal(p->roles[4].nweights, 2);
	weight_is(p, 4, 0, "revenue", 0.7);
	weight_is(p, 4, 1, "satisfaction", 0.3);

	assert_true(p->composite_kpi == 0.7);
	assert_true(p->composite_review == 0.3);
	assert_true(p->scale_lo == 1 && p->scale_hi == 5);
	assert_true(p->relation_weight[REL_SELF] == 0);
	assert_true(p->relation_weight[REL_MANAGER] == 0.4);
	assert_true(p->relation_weight[REL_PEER] == 0.3);
	assert_true(p->relation_weight[REL_REPORT] == 0.2);
	assert_true(p->relation_weight[REL_CUSTOMER] == 0.1);
	assert_int_equal(p->min_raters, 3);

	/* from the top, in the order written */
	assert_int_equal(p->ntiers, 5);
	tier_is(p, 0, "S", 90000000, 100000, 1500000, "季度之星");
	tier_is(p, 1, "A", 80000000, 200000, 1200000, "优秀员工");
	tier_is(p, 2, "B", 65000000, -1, 1000000, NULL);
	tier_is(p, 3, "C", 50000000, -1, 800000, NULL);
	tier_is(p, 4, "D", 0, -1, 0, NULL);
	assert_false(p->tiers_by_team);

	assert_int_equal(p->commission_base, 0);	/* revenue */
	assert_false(p->commission_flat);
	assert_int_equal(p->gate_micro, 600000);
	assert_true(p->has_commission_cap);
	assert_int_equal(p->commission_cap_cents, 5000000);
	assert_int_equal(p->nbrackets, 3);
	bracket_is(p, 0, 600000, 1000000, 10000);
	bracket_is(p, 1, 1000000, 1200000, 30000);
	bracket_is(p, 2, 1200000, -1, 50000);
	assert_true(p->alert_below == 0.8);
	for (i = 0; i < FILE_COUNT; i++)
		assert_int_equal(p->nrenames[i], 0);
}

/* -------------------------------------------------------------- defaults */

static void
defaults_without_a_file(void **state)
{
	struct policy p;

	(void)state;
	accepted(NULL, &p);
	assert_null(p.path);
	check_defaults(&p);
	policy_free(&p);
}

static void
defaults_missing_or_empty_file(void **state)
{
	struct policy p;
	char *err;

	(void)state;
	/* a path that does not exist: the defaults, and no file */
	diag_reset();
	assert_int_equal(policy_load(&p, "absent.yaml"), 0);
	assert_null(p.path);
	check_defaults(&p);
	policy_free(&p);
	/* an empty file, or only a comment: the defaults */
	accepted("", &p);
	check_defaults(&p);
	policy_free(&p);
	assert_int_equal(load("# nothing here\n", &p, &err), 0);
	assert_string_equal(err, "");
	free(err);
	check_defaults(&p);
	policy_free(&p);
}

static void
bom_and_scalars_replaced(void **state)
{
	struct policy p;

	(void)state;
	accepted("\xef\xbb\xbf" "currency: USD\nlocale: en\nalert_below: 85%\n"
	    "tiers_scope: team\n", &p);
	assert_string_equal(p.currency, "USD");
	assert_string_equal(p.locale, "en");
	assert_true(p.alert_below == 0.85);
	assert_true(p.tiers_by_team);
	assert_int_equal(p.nkpis, 5);
	policy_free(&p);
}

/* ----------------------------------------------------------- the overlay */

static void
overlay_one_entry_of_review(void **state)
{
	struct policy p;

	(void)state;
	accepted("review: {min_raters: 5}\n", &p);
	assert_int_equal(p.min_raters, 5);
	/* the entries not named stay */
	assert_true(p.scale_lo == 1 && p.scale_hi == 5);
	assert_true(p.relation_weight[REL_MANAGER] == 0.4);
	assert_true(p.relation_weight[REL_CUSTOMER] == 0.1);
	policy_free(&p);
}

static void
overlay_entry_replaced_whole(void **state)
{
	struct policy p;

	(void)state;
	/* relation_weights is an entry of review: replaced, not merged */
	accepted("review:\n  relation_weights: {manager: 1}\n", &p);
	assert_true(p.relation_weight[REL_MANAGER] == 1);
	assert_true(p.relation_weight[REL_PEER] == 0);
	assert_true(p.relation_weight[REL_REPORT] == 0);
	assert_true(p.relation_weight[REL_CUSTOMER] == 0);
	assert_int_equal(p.min_raters, 3);
	policy_free(&p);
}

static void
roles_replaced_whole(void **state)
{
	struct policy p;

	(void)state;
	/* roles: named is what there is: sales with its new weights and
	 * trainer; the other built-in roles are gone */
	accepted("roles:\n  sales: {revenue: 1.0}\n"
	    "  trainer: {satisfaction: 1.0}\n", &p);
	assert_int_equal(p.nroles, 2);
	assert_string_equal(p.roles[0].name, "sales");
	assert_int_equal(p.roles[0].nweights, 1);
	weight_is(&p, 0, 0, "revenue", 1.0);
	assert_string_equal(p.roles[1].name, "trainer");
	assert_int_equal(p.roles[1].nweights, 1);
	weight_is(&p, 1, 0, "satisfaction", 1.0);
	assert_int_equal(policy_role(&p, "manager"), NONE);
	assert_int_equal(policy_role(&p, "customer_success"), NONE);
	/* kpis: not named: the built-in five */
	assert_int_equal(p.nkpis, 5);
	policy_free(&p);
}

static void
overlay_commission_gate_only(void **state)
{
	struct policy p;

	(void)state;
	accepted("commission: {gate: 0.5}\n", &p);
	assert_int_equal(p.gate_micro, 500000);
	assert_int_equal(p.commission_cap_cents, 5000000);
	assert_int_equal(p.nbrackets, 3);
	bracket_is(&p, 2, 1200000, -1, 50000);
	policy_free(&p);
}

static void
overlay_tiers_replaced_whole(void **state)
{
	struct policy p;

	(void)state;
	/* a list is not merged: two tiers, the defaults' five are gone */
	accepted("tiers:\n  - {name: Top, min_score: 50, max_share: 0.5}\n"
	    "  - {name: Rest, min_score: 0}\n", &p);
	assert_int_equal(p.ntiers, 2);
	tier_is(&p, 0, "Top", 50000000, 500000, 1000000, NULL);
	tier_is(&p, 1, "Rest", 0, -1, 1000000, NULL);
	policy_free(&p);
}

/* --------------------------------------------- kpis: replaced whole */

static void
kpis_replaced_whole(void **state)
{
	struct policy p;

	(void)state;
	/* leads is gone; the user's two come first, in their order, then
	 * the sales KPIs they did not name, as built in */
	accepted("kpis:\n"
	    "  gmv: {source: metrics, unit: money}\n"
	    "  satisfaction: {source: metrics, agg: mean, unit: score}\n"
	    "roles:\n  sales: {gmv: 0.5, revenue: 0.5}\n", &p);
	assert_int_equal(p.nkpis, 5);
	assert_string_equal(p.kpis[0].name, "gmv");
	assert_int_equal(p.kpis[0].unit, UNIT_MONEY);
	assert_false(p.kpis[0].has_cap);
	/* satisfaction as written: no cap (the built-in one has 1.2) */
	assert_string_equal(p.kpis[1].name, "satisfaction");
	assert_false(p.kpis[1].has_cap);
	kpi_is(&p, 2, "revenue", SOURCE_SALES, AGG_SUM, UNIT_MONEY, 1.5);
	kpi_is(&p, 3, "orders", SOURCE_SALES, AGG_SUM, UNIT_COUNT, 1.5);
	kpi_is(&p, 4, "new_customers", SOURCE_SALES, AGG_SUM, UNIT_COUNT,
	    1.5);
	assert_int_equal(policy_kpi(&p, "leads"), NONE);
	assert_int_equal(p.nroles, 1);
	weight_is(&p, 0, 0, "gmv", 0.5);
	weight_is(&p, 0, 1, "revenue", 0.5);
	/* commission's base is still revenue */
	assert_int_equal(p.commission_base, 2);
	policy_free(&p);
	/* an empty kpis: leaves the three sales KPIs */
	accepted("kpis: {}\nroles: {sales: {orders: 1}}\n", &p);
	assert_int_equal(p.nkpis, 3);
	kpi_is(&p, 0, "revenue", SOURCE_SALES, AGG_SUM, UNIT_MONEY, 1.5);
	kpi_is(&p, 1, "orders", SOURCE_SALES, AGG_SUM, UNIT_COUNT, 1.5);
	kpi_is(&p, 2, "new_customers", SOURCE_SALES, AGG_SUM, UNIT_COUNT,
	    1.5);
	policy_free(&p);
}

static void
sales_kpis_cap_set(void **state)
{
	struct policy p;

	(void)state;
	/* a sales KPI named is laid over its built-in entry key by key */
	accepted("kpis:\n  orders: {cap: ~}\n  revenue: {cap: 2}\n"
	    "roles: {sales: {revenue: 1}}\n", &p);
	assert_int_equal(p.nkpis, 3);
	assert_string_equal(p.kpis[0].name, "orders");
	assert_int_equal(p.kpis[0].source, SOURCE_SALES);
	assert_int_equal(p.kpis[0].unit, UNIT_COUNT);
	assert_false(p.kpis[0].has_cap);
	kpi_is(&p, 1, "revenue", SOURCE_SALES, AGG_SUM, UNIT_MONEY, 2);
	kpi_is(&p, 2, "new_customers", SOURCE_SALES, AGG_SUM, UNIT_COUNT,
	    1.5);
	policy_free(&p);
	/* what the user sets is still checked, at their line */
	refused("kpis:\n  revenue: {cap: 1000}\nroles: {sales: {revenue: 1}}\n",
	    "policy.yaml:2: kpis.revenue: cap is an attainment, at most 100 "
	    "(1000)\n");
	refused("kpis:\n  orders: {unit: money}\nroles: {sales: {orders: 1}}\n",
	    "policy.yaml:2: kpis.orders: orders is a count: unit must be "
	    "count\n");
	/* any other KPI is written whole: {cap: 2} has no source (the
	 * mapping starts on line 2) */
	refused("kpis:\n  leads: {cap: 2}\nroles: {campaign: {leads: 1}}\n",
	    "policy.yaml:2: kpis.leads: missing key: source\n");
}

static void
role_weighs_missing_kpi(void **state)
{
	(void)state;
	/* kpis: without roles: every built-in role that weighs a KPI left
	 * out, at the user's kpis: */
	refused("currency: CNY\nkpis:\n  revenue: {cap: 2}\n"
	    "  leads: {source: metrics}\n",
	    "policy.yaml:2: kpis: the built-in role sales weighs "
	    "satisfaction, which this kpis: leaves out: keep satisfaction in "
	    "kpis:, or give roles: too (satisfaction)\n"
	    "policy.yaml:2: kpis: the built-in role customer_success weighs "
	    "satisfaction, which this kpis: leaves out: keep satisfaction in "
	    "kpis:, or give roles: too (satisfaction)\n"
	    "policy.yaml:2: kpis: the built-in role research weighs "
	    "satisfaction, which this kpis: leaves out: keep satisfaction in "
	    "kpis:, or give roles: too (satisfaction)\n"
	    "policy.yaml:2: kpis: the built-in role manager weighs "
	    "satisfaction, which this kpis: leaves out: keep satisfaction in "
	    "kpis:, or give roles: too (satisfaction)\n");
	/* roles: without kpis: a role of the user's on a KPI the built-in
	 * kpis lack */
	refused("roles:\n  sales: {revenue: 0.5}\n  hunter: {profit: 1}\n",
	    "policy.yaml:3: roles.hunter.profit: no such KPI in kpis "
	    "(profit)\n");
	/* both: leads is not among the user's KPIs */
	refused("kpis:\n  gmv: {source: metrics}\n"
	    "roles:\n  campaign: {gmv: 0.5, leads: 0.5}\n",
	    "policy.yaml:4: roles.campaign.leads: no such KPI in kpis "
	    "(leads)\n");
}

/* ---------------------------------------------------------- unknown keys */

static void
unknown_keys(void **state)
{
	(void)state;
	refused("currency: CNY\ncolour: red\n",
	    "policy.yaml:2: colour: unknown key (a typo?)\n");
	refused("review: {min_rater: 5}\n",
	    "policy.yaml:1: review.min_rater: unknown key (a typo?)\n");
	refused("tiers:\n  - {name: S, min_score: 0, bonus: 1}\n",
	    "policy.yaml:2: tiers[0].bonus: unknown key (a typo?)\n");
	refused("roles:\n  sales: {revenue: 0.5, bonus: 0.5}\n",
	    "policy.yaml:2: roles.sales.bonus: no such KPI in kpis (bonus)\n");
}

/* ------------------------------------------------------------ wrong types */

static void
wrong_types(void **state)
{
	(void)state;
	refused("- a\n- b\n",
	    "policy.yaml:1: a policy is a mapping of keys (key: value)\n");
	refused("composite: 5\n",
	    "policy.yaml:1: composite: expected a mapping (key: value) (5)\n");
	refused("seasonality: 1\n",
	    "policy.yaml:1: seasonality: expected a list (1)\n");
	refused("seasonality: [1, 1, 1]\n",
	    "policy.yaml:1: seasonality: expected 12 month weights, January "
	    "first\n");
	refused("review:\n  min_raters: 2.5\n",
	    "policy.yaml:2: review.min_raters: expected a whole number from 1 "
	    "to 1000 (2.5)\n");
	refused("review:\n  min_raters: 0\n",
	    "policy.yaml:2: review.min_raters: must be at least 1 (0)\n");
	refused("tiers_scope: region\n",
	    "policy.yaml:1: tiers_scope: expected one of: company, team "
	    "(region)\n");
	refused("kpis:\n  leads: {source: metrics, higher_is_better: maybe}\n",
	    "policy.yaml:2: kpis.leads: expected true or false (maybe)\n");
	refused("commission: {cap: lots}\n",
	    "policy.yaml:1: commission.cap: not an amount (lots)\n");
}

/* ------------------------------------------------------------- the order */

static void
tiers_from_the_top(void **state)
{
	(void)state;
	/* tier 1 rises: refused; tier 2 repeats a name */
	refused("tiers:\n"
	    "  - {name: A, min_score: 50}\n"
	    "  - {name: B, min_score: 60}\n"
	    "  - {name: A, min_score: 0}\n",
	    "policy.yaml:3: tiers[1]: tiers go from the top: min_score must "
	    "fall from one tier to the next\n"
	    "policy.yaml:4: tiers[2]: tier name given twice\n");
	refused("tiers: []\n",
	    "policy.yaml:1: tiers: at least one tier is needed\n");
}

static void
brackets_in_order(void **state)
{
	(void)state;
	refused("commission:\n  brackets:\n"
	    "    - {from: 1.0, to: 1.2, rate: 0.03}\n"
	    "    - {from: 0.6, rate: 0.01}\n",
	    "policy.yaml:4: commission.brackets[1]: brackets must be in "
	    "ascending order of from\n"
	    "policy.yaml:4: commission.brackets[1]: brackets overlap\n");
	refused("commission:\n  brackets:\n"
	    "    - {from: 0.6, rate: 0.01}\n"
	    "    - {from: 1.0, rate: 0.03}\n",
	    "policy.yaml:3: commission.brackets[0]: only the last bracket may "
	    "be open (no to)\n");
}

/* --------------------------------------------------------------- columns */

static void
columns_renames(void **state)
{
	struct policy p;

	(void)state;
	accepted("columns:\n  sales.csv: {rep_id: Owner ID}\n"
	    "  team: {rep_id: Employee No}\n", &p);
	assert_int_equal(p.nrenames[FILE_SALES], 1);
	assert_string_equal(p.renames[FILE_SALES][0].column, "rep_id");
	assert_string_equal(p.renames[FILE_SALES][0].header, "Owner ID");
	assert_int_equal(p.renames[FILE_SALES][0].line, 2);
	assert_int_equal(p.nrenames[FILE_TEAM], 1);
	assert_string_equal(p.renames[FILE_TEAM][0].header, "Employee No");
	assert_int_equal(p.renames[FILE_TEAM][0].line, 3);
	assert_int_equal(p.nrenames[FILE_TARGETS], 0);
	policy_free(&p);
	refused("columns:\n  team: {badge: X}\n",
	    "policy.yaml:2: columns.team.badge: no such column in team.csv "
	    "(badge)\n");
	refused("columns:\n  payroll: {rep_id: X}\n",
	    "policy.yaml:2: columns.payroll: expected one of: team, sales, "
	    "targets, metrics, reviews, actions (payroll)\n");
}

/*
 * organisation (docs/input.md §9): the company, display names with their
 * lines, the logo's file name and the sender kept as written; a role not
 * in roles, a sender without an address, a logo outside the folder or of
 * another kind, an empty or two-line name refused, each at its line.
 */
static void
organisation_names(void **state)
{
	struct policy p;

	(void)state;
	accepted("organisation:\n"
	    "  company: 明川软件\n"
	    "  teams: {east: 华东大区, west: 西部}\n"
	    "  roles:\n"
	    "    sales: 客户经理\n"
	    "  logo: brand/Logo.JPEG\n"
	    "  sender: 人力资源部 <hr@example.cn>\n", &p);
	assert_string_equal(p.org.company, "明川软件");
	assert_int_equal(p.org.nteams, 2);
	assert_string_equal(org_team_name(&p.org, "east"), "华东大区");
	assert_int_equal(p.org.teams[1].line, 3);
	assert_string_equal(team_display(&p, "west"), "西部");
	assert_null(org_team_name(&p.org, "north"));
	assert_string_equal(team_display(&p, "north"), "north");
	assert_string_equal(org_role_name(&p.org, "sales"), "客户经理");
	assert_null(org_role_name(&p.org, "manager"));
	assert_string_equal(p.org.logo, "brand/Logo.JPEG");
	assert_int_equal(p.org.logo_line, 6);
	assert_string_equal(p.org.sender, "人力资源部 <hr@example.cn>");
	policy_free(&p);
	accepted("organisation: {sender: hr@example.cn}\n", &p);
	assert_null(p.org.company);
	assert_null(p.org.logo);
	policy_free(&p);

	refused("organisation:\n  roles: {boss: 老板}\n",
	    "policy.yaml:2: organisation.roles.boss: not a role of roles "
	    "(boss)\n");
	refused("organisation: {sender: 人力资源部 <hr>}\n",
	    "policy.yaml:1: organisation.sender: expected Name "
	    "<address@domain> or address@domain (人力资源部 <hr>)\n");
	refused("organisation: {sender: \"a@b.cn, c@d.cn\"}\n",
	    "policy.yaml:1: organisation.sender: expected Name "
	    "<address@domain> or address@domain (a@b.cn, c@d.cn)\n");
	refused("organisation: {logo: ../logo.png}\n",
	    "policy.yaml:1: organisation.logo: expected a file name in the "
	    "input folder (logo.png) (../logo.png)\n");
	refused("organisation: {logo: /etc/logo.png}\n",
	    "policy.yaml:1: organisation.logo: expected a file name in the "
	    "input folder (logo.png) (/etc/logo.png)\n");
	refused("organisation: {logo: logo.svg}\n",
	    "policy.yaml:1: organisation.logo: expected a PNG or JPEG file "
	    "(.png, .jpg, .jpeg) (logo.svg)\n");
	refused("organisation: {company: \"\"}\n",
	    "policy.yaml:1: organisation.company: empty name ()\n");
	refused("organisation: {company: \"a\\nb\"}\n",
	    "policy.yaml:1: organisation.company: a name is one line of "
	    "text, without control characters (a\\nb)\n");
	refused("organisation: {city: 上海}\n",
	    "policy.yaml:1: organisation.city: unknown key (a typo?)\n");
}

/*
 * A rate or share may be a percentage where a ratio is asked for (gate,
 * a bracket's from, to and rate, max_share, alert_below), held exactly:
 * 1.5% = 15000 millionths; elsewhere the keys keep their own rules.
 */
static void
percentages(void **state)
{
	struct policy p;

	(void)state;
	accepted("commission:\n  gate: 60%\n  brackets:\n"
	    "    - {from: 60%, to: 100%, rate: 1.5%}\n"
	    "    - {from: 100%, rate: 0.0125%}\n"
	    "tiers:\n  - {name: S, min_score: 90, max_share: 10%}\n"
	    "  - {name: B, min_score: 0}\n"
	    "alert_below: 80%\n", &p);
	assert_int_equal(p.gate_micro, 600000);
	assert_int_equal(p.nbrackets, 2);
	bracket_is(&p, 0, 600000, 1000000, 15000);
	bracket_is(&p, 1, 1000000, -1, 125);
	tier_is(&p, 0, "S", 90000000, 100000, 1000000, NULL);
	assert_true(p.alert_below == 0.8);
	policy_free(&p);
	/* the same limits as the plain forms: a rate at most 100% */
	refused("commission:\n  brackets:\n    - {from: 0, rate: 150%}\n",
	    "policy.yaml:3: commission.brackets[0]: rate is a share of the "
	    "revenue, at most 1 (150%)\n");
	refused("commission: {gate: 10001%}\n",
	    "policy.yaml:1: commission.gate: gate is an attainment, at most "
	    "100 (10001%)\n");
	refused("commission: {gate: 0.00001%}\n",
	    "policy.yaml:1: commission.gate: more than 4 decimals in a "
	    "percentage (0.00001%)\n");
	refused("tiers:\n  - {name: S, min_score: 0, max_share: 120%}\n",
	    "policy.yaml:2: tiers[0]: max_share is a share of people, at "
	    "most 1 (120%)\n");
	/* a multiplier and a score are not ratios */
	refused("tiers:\n  - {name: S, min_score: 0, multiplier: 150%}\n",
	    "policy.yaml:2: tiers[0]: not a number (150%)\n");
	refused("tiers:\n  - {name: S, min_score: 90%}\n",
	    "policy.yaml:2: tiers[0]: not a number (90%)\n");
}

#define T(f)	cmocka_unit_test_setup_teardown(f, scratch_setup, \
		    scratch_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(defaults_without_a_file),
		T(defaults_missing_or_empty_file),
		T(bom_and_scalars_replaced),
		T(overlay_one_entry_of_review),
		T(overlay_entry_replaced_whole),
		T(roles_replaced_whole),
		T(overlay_commission_gate_only),
		T(overlay_tiers_replaced_whole),
		T(kpis_replaced_whole),
		T(sales_kpis_cap_set),
		T(role_weighs_missing_kpi),
		T(unknown_keys),
		T(wrong_types),
		T(tiers_from_the_top),
		T(brackets_in_order),
		T(columns_renames),
		T(organisation_names),
		T(percentages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
