/*
 * `--dump model`: the computed period as readable text, every number with
 * the numbers it came from.  It is the calculation trail the reports print,
 * and the form golden tests compare.
 */
#include <stdio.h>
#include <string.h>

#include "util/numfmt.h"
#include "jobs/numbers.h"

static void
maybe(struct buf *b, struct maybe m, int decimals)
{
	if (m.has)
		fmt_fixed(b, m.v, decimals);
	else
		buf_puts(b, "none");
}

static void
target(struct buf *b, const struct target_value *t)
{
	char from[16];

	if (!t->has) {
		buf_puts(b, "none");
		return;
	}
	if (t->money)
		fmt_cents(b, t->cents);
	else
		fmt_fixed(b, t->value, 4);
	period_format(&t->from, from);
	buf_printf(b, " (%s %s)", t->how == TARGET_EXPLICIT ? "explicit" :
	    t->how == TARGET_DECOMPOSED ? "from" : "sum of members for", from);
}

/* "cents x rate = product", as a commission step is computed. */
static void
dump_product(struct buf *b, int64_t cents, int64_t micro, int64_t product)
{
	fmt_cents(b, cents);
	buf_puts(b, " x ");
	fmt_micro(b, micro);
	buf_puts(b, " = ");
	fmt_cents(b, product);
}

static void
dump_commission(struct buf *b, const struct commission_result *c)
{
	size_t i;

	buf_puts(b, "  commission: ");
	if (!c->has) {
		buf_printf(b, "none (%s)\n", c->reason);
		return;
	}
	buf_puts(b, "revenue ");
	fmt_cents(b, c->revenue_cents);
	buf_puts(b, " / target ");
	fmt_cents(b, c->target_cents);
	buf_puts(b, " = ");
	fmt_ratio(b, c->revenue_cents, c->target_cents, 4);
	buf_putc(b, '\n');
	if (c->reason != NULL) {
		buf_printf(b, "    0.00 (%s)\n", c->reason);
	} else {
		for (i = 0; i < c->nslices; i++) {
			const struct commission_slice *s = &c->slices[i];

			buf_puts(b, "    slice ");
			fmt_micro(b, s->from_micro);
			buf_puts(b, "-");
			if (s->has_to)
				fmt_micro(b, s->to_micro);
			else
				buf_puts(b, "up");
			buf_puts(b, ": ");
			dump_product(b, s->base_cents, s->rate_micro,
			    s->amount_cents);
			buf_putc(b, '\n');
		}
		buf_puts(b, "    before multiplier ");
		dump_product(b, c->before_multiplier_cents,
		    c->multiplier_micro, c->after_multiplier_cents);
		if (c->capped)
			buf_puts(b, ", capped");
		buf_putc(b, '\n');
	}
	buf_puts(b, "    amount ");
	fmt_cents(b, c->amount_cents);
	buf_putc(b, '\n');
	if (c->has_next) {
		buf_puts(b, "    next edge ");
		fmt_micro(b, c->next_from_micro);
		buf_puts(b, " at revenue ");
		fmt_cents(b, c->next_revenue_cents);
		buf_puts(b, " (");
		fmt_cents(b, c->next_more_cents);
		buf_puts(b, " more) pays ");
		fmt_cents(b, c->next_amount_cents);
		buf_putc(b, '\n');
	}
}

static void
dump_review(struct buf *b, const struct workspace *ws,
    const struct review_result *rv)
{
	char per[16];
	size_t i;
	int g;

	if (!rv->has_period) {
		buf_puts(b, "  review: none (no review period)\n");
		return;
	}
	period_format(&rv->period, per);
	buf_printf(b, "  review %s:", per);
	for (g = 0; g < REL_COUNT; g++) {
		const struct review_group *grp = &rv->groups[g];

		if (grp->raters == 0)
			continue;
		buf_printf(b, " %s", relation_name((enum relation)g));
		if (grp->withheld && grp->raters < ws->policy.min_raters) {
			buf_printf(b, " withheld (%d < %d raters);",
			    grp->raters, ws->policy.min_raters);
			continue;
		}
		if (grp->withheld) {
			buf_printf(b, " withheld (fewer than %d raters on "
			    "each dimension);", ws->policy.min_raters);
			continue;
		}
		buf_printf(b, " %d rater%s mean ", grp->raters,
		    grp->raters == 1 ? "" : "s");
		fmt_fixed(b, grp->mean, 4);
		buf_puts(b, " weight ");
		fmt_fixed(b, grp->weight, 2);
		if (grp->withheld_scores > 0)
			buf_printf(b, " (%d score%s withheld: a dimension "
			    "with fewer than %d raters)", grp->withheld_scores,
			    grp->withheld_scores == 1 ? "" : "s",
			    ws->policy.min_raters);
		buf_putc(b, ';');
	}
	buf_puts(b, "\n    raw ");
	maybe(b, rv->raw, 4);
	buf_puts(b, " score ");
	maybe(b, rv->score, 2);
	buf_printf(b, " withheld reviewers %d\n    profile:", rv->withheld_reviews);
	for (i = 0; i < rv->ndims; i++) {
		buf_printf(b, " %s ", rv->dims[i]);
		maybe(b, rv->dim_score[i], 2);
	}
	buf_putc(b, '\n');
}

static void
dump_person(struct buf *b, const struct workspace *ws,
    const struct period_result *res, const struct person_result *r)
{
	const struct person *p = &ws->people[r->person];
	const struct policy *pol = &ws->policy;
	size_t i;

	buf_printf(b, "person %s %s team %s role %s\n", p->rep_id, p->name,
	    p->team, p->role);
	buf_puts(b, "  revenue ");
	fmt_cents(b, r->revenue_cents);
	buf_printf(b, " orders %ld active_customers %ld new_customers %ld "
	    "avg_order_value ", r->orders, r->active_customers,
	    r->new_customers);
	maybe(b, r->avg_order_value, 2);
	buf_puts(b, "\n  revenue target ");
	target(b, &r->revenue_target);
	buf_puts(b, " attainment ");
	maybe(b, r->revenue_attainment, 4);
	buf_putc(b, '\n');
	for (i = 0; i < r->nkpis; i++) {
		const struct kpi_line *l = &r->kpis[i];
		const struct kpi_def *k = &pol->kpis[l->kpi];

		buf_printf(b, "  kpi %s weight ", k->name);
		fmt_fixed(b, l->weight, 4);
		buf_puts(b, " actual ");
		if (k->unit == UNIT_MONEY && l->actual.has)
			fmt_cents(b, l->actual_cents);
		else
			maybe(b, l->actual, 4);
		buf_puts(b, " target ");
		target(b, &l->target);
		buf_puts(b, " attainment ");
		maybe(b, l->attainment, 4);
		if (l->attainment.has) {
			buf_puts(b, " counted ");
			fmt_fixed(b, l->counted, 4);
			if (l->capped)
				buf_puts(b, " (cap)");
			buf_puts(b, " points ");
			fmt_fixed(b, l->points, 2);
		}
		buf_putc(b, '\n');
	}
	buf_puts(b, "  kpi_score ");
	maybe(b, r->kpi_score, 2);
	buf_putc(b, '\n');
	dump_review(b, ws, &r->review);
	buf_puts(b, "  composite ");
	if (r->composite.has) {
		buf_puts(b, "(");
		fmt_fixed(b, pol->composite_kpi, 2);
		buf_puts(b, " x ");
		maybe(b, r->kpi_score, 2);
		buf_puts(b, " + ");
		fmt_fixed(b, pol->composite_review, 2);
		buf_puts(b, " x ");
		maybe(b, r->review.score, 2);
		buf_puts(b, ") over present parts = ");
		fmt_fixed(b, r->composite.v, 2);
	} else
		buf_puts(b, "none");
	buf_putc(b, '\n');
	if (r->tier != NONE) {
		const struct group_result *g = pol->tiers_by_team ?
		    &res->teams[p->team_index] : &res->company;

		buf_printf(b, "  tier %s rank company %d team %d",
		    pol->tiers[r->tier].name, r->rank_company, r->rank_team);
		if (r->natural_tier != r->tier)
			buf_printf(b, " (reached %s, which was full: %zu "
			    "places)", pol->tiers[r->natural_tier].name,
			    g->tier_rooms[r->natural_tier]);
		buf_putc(b, '\n');
	} else
		buf_puts(b, "  tier none\n");
	dump_commission(b, &r->commission);
	buf_printf(b, "  settlement measured on %s, paid ",
	    r->team_measured ? "team" : "self");
	fmt_cents(b, r->commission_paid_cents);
	buf_puts(b, " due ");
	fmt_cents(b, r->commission_due_cents);
	buf_puts(b, " year to date ");
	fmt_cents(b, r->commission_ytd_cents);
	buf_putc(b, '\n');
	buf_puts(b, "  growth prev ");
	maybe(b, r->growth_prev, 4);
	buf_puts(b, " year ");
	maybe(b, r->growth_year, 4);
	buf_puts(b, " ytd ");
	fmt_cents(b, r->ytd_cents);
	buf_printf(b, " over %d months, run-rate ", r->elapsed_months);
	fmt_cents(b, r->run_rate_cents);
	buf_puts(b, " vs year target ");
	target(b, &r->year_target);
	buf_puts(b, "\n");
	buf_printf(b, "  actions open %d overdue %d closed %d%s%s\n",
	    r->open_actions, r->overdue_actions, r->closed_actions,
	    r->needs_action ? " needs-action" : "",
	    r->missing_plan ? " missing-plan" : "");
}

static void
dump_group(struct buf *b, const struct workspace *ws,
    const struct group_result *g, const char *name)
{
	size_t t;

	buf_printf(b, "%s members %zu revenue ", name, g->members);
	fmt_cents(b, g->revenue_cents);
	buf_printf(b, " orders %ld active_customers %ld new_customers %ld\n",
	    g->orders, g->active_customers, g->new_customers);
	buf_puts(b, "  revenue target ");
	target(b, &g->revenue_target);
	buf_puts(b, " attainment ");
	maybe(b, g->revenue_attainment, 4);
	if (g->has_member_sum) {
		buf_puts(b, " members' sum ");
		fmt_cents(b, g->member_sum_cents);
		if (g->target_gap)
			buf_puts(b, " (differs by more than 0.5 %)");
	}
	buf_puts(b, "\n  tiers");
	for (t = 0; t < ws->policy.ntiers; t++)
		buf_printf(b, " %s %zu", ws->policy.tiers[t].name,
		    g->tier_counts[t]);
	buf_putc(b, '\n');
}

void
dump_model(const struct workspace *ws, const struct period_result *res,
    struct buf *b)
{
	char per[16];
	size_t i;

	period_format(&res->period, per);
	buf_printf(b, "period %s\n", per);
	for (i = 0; i < res->npeople; i++)
		if (res->people[i].active)
			dump_person(b, ws, res, &res->people[i]);
	for (i = 0; i < res->nteams; i++) {
		char name[128];

		if (res->teams[i].members == 0)
			continue;
		snprintf(name, sizeof(name), "team %s", ws->teams[i].id);
		dump_group(b, ws, &res->teams[i], name);
	}
	dump_group(b, ws, &res->company, "company");
}
