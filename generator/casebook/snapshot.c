/*
 * The KPI snapshots (see casebook.h): sales.csv summed as the workspace is
 * read, then, for each case that names a team and a period, that team's
 * numbers for the period (the same computation as the reports) expanded
 * through casebook/kpi.md, and the place in the case's text where the
 * snapshot goes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/alloc.h"
#include "casebook/casebook_int.h"
#include "compute/compute.h"
#include "jobs/numbers.h"
#include "markdown/mdtree.h"

/* ------------------------------------------------------------ reading */

void
casebook_sales_sink(struct sales_run *s, int jobs,
    struct sales_sink *sink)
{
	/*
	 * Cases are read after sales.csv, so their periods are unknown
	 * here.  Revenue and new customers are kept for every month
	 * whatever the window; the window only has to end after the last
	 * case period, or rows after it would not count as first purchases.
	 * A month far ahead does that (orders and active customers, which
	 * need the window, are not in the snapshot).
	 */
	struct period window = period_of_month(9999 * 12 + 11);

	sales_run_sink(s, &window, jobs, sink);
}

/* ------------------------------------------------------------- placing */

/*
 * Where the KPI snapshot goes: at the end of the Result section, that is
 * before the heading that ends it (a top node of the case's tree); at the
 * end of the body when Result runs to the end, unless the last block is
 * one that could still be open (a fenced code or an HTML block); else
 * (and without Result) in the header.  Returns false for the header;
 * *before is the node to put it before, NULL for the end.
 */
static bool
snapshot_place(cmark_node *doc, const struct grai *g, cmark_node **before)
{
	const struct grai_section *r = &g->sections[GRAI_RESULT];
	cmark_node *last;
	int length, offset;
	char fence;

	*before = NULL;
	if (r->heading == NULL)
		return false;
	if (r->end != NULL) {
		*before = r->end;
		return true;
	}
	last = cmark_node_last_child(doc);
	if (last != NULL && (cmark_node_get_type(last) ==
	    CMARK_NODE_HTML_BLOCK || (cmark_node_get_type(last) ==
	    CMARK_NODE_CODE_BLOCK && cmark_node_get_fenced(last, &length,
	    &offset, &fence))))
		return false;
	return true;
}

/* ------------------------------------------------------ KPI snapshots */

struct computed {
	struct period		 period;
	struct period_result	 res;
};

struct snapshots {
	const struct workspace	*ws;
	struct sales_agg	*agg;
	struct computed		*done;
	size_t			 ndone;
};

static const struct group_result *
team_numbers(struct snapshots *s, size_t team, const struct period *p)
{
	size_t i;

	for (i = 0; i < s->ndone; i++)
		if (period_equal(&s->done[i].period, p))
			return &s->done[i].res.teams[team];
	s->done = xreallocarray(s->done, s->ndone + 1, sizeof(*s->done));
	s->done[s->ndone].period = *p;
	/* a snapshot shows no pay: the settlement is not needed */
	compute_period_unsettled(s->ws, s->agg, p, &s->done[s->ndone].res);
	if (report_money_problems(s->ws, &s->done[s->ndone++].res))
		return NULL;	/* a total too large to show */
	return &s->done[s->ndone - 1].res.teams[team];
}

static void
snapshots_free(struct snapshots *s)
{
	size_t i;

	for (i = 0; i < s->ndone; i++)
		period_result_free(&s->done[i].res);
	free(s->done);
}

/* casebook/kpi.md for the case's team and period. */
static char *
snapshot_markdown(struct casebook *book, const struct case_file *cf,
    const struct group_result *g)
{
	struct tmpl_value *d = tmpl_map_new();
	struct buf b = BUF_INIT, md = BUF_INIT;

	tmpl_map_set(d, "t", tmpl_value_copy(book->loc.labels));
	tmpl_map_set_str(d, "team", team_display(&book->ws->policy,
	    book->ws->teams[cf->team].id));
	fmt_period(&b, &book->loc, &cf->period);
	casebook_set_buf(d, "period", &b);
	fmt_count(&b, (long)g->members);
	casebook_set_buf(d, "members", &b);
	fmt_money(&b, &book->loc, g->revenue_cents);
	casebook_set_buf(d, "revenue", &b);
	if (g->revenue_target.has) {
		fmt_money(&b, &book->loc, g->revenue_target.cents);
		casebook_set_buf(d, "target", &b);
	}
	if (g->revenue_attainment.has) {
		fmt_percent(&b, &book->loc, g->revenue_attainment.v, 1);
		casebook_set_buf(d, "attainment_pct", &b);
		buf_printf(&b, "%.3f", g->revenue_attainment.v < 0 ? 0 :
		    g->revenue_attainment.v);
		casebook_set_buf(d, "attainment_bar", &b);
	}
	fmt_count(&b, g->new_customers);
	casebook_set_buf(d, "new_customers", &b);
	if (tmpl_render(book->t_kpi, d, &md) != 0) {
		buf_free(&md);
		md.data = NULL;
	}
	tmpl_value_free(d);
	buf_free(&b);
	return md.data != NULL ? buf_detach(&md) : NULL;
}

int
casebook_add_snapshots(struct casebook *book, struct sales_run *sales)
{
	struct snapshots s;
	const struct group_result *g;
	size_t i;
	int status = 0;

	if (!sales->started || !book->ws->files[FILE_SALES].present)
		return 0;	/* no sales.csv: no numbers to show */
	memset(&s, 0, sizeof(s));
	s.ws = book->ws;
	s.agg = &sales->agg;
	for (i = 0; i < book->ncases && status == 0; i++) {
		struct casebook_case *c = &book->cases[i];
		const struct case_file *cf = c->cf;

		if (cf->team == NONE || !cf->has_period || c->doc == NULL)
			continue;
		if ((g = team_numbers(&s, cf->team, &cf->period)) == NULL) {
			status = EX_DATAERR;
			break;
		}
		if ((c->kpi_md = snapshot_markdown(book, cf, g)) == NULL) {
			status = EX_DATAERR;
			break;
		}
		if (snapshot_place(c->doc, &c->grai, &c->kpi_before) &&
		    (c->kpi_doc = mdtree_parse("casebook/kpi.md", c->kpi_md,
		    strlen(c->kpi_md))) == NULL)
			status = EX_DATAERR;
	}
	snapshots_free(&s);
	return status;
}

