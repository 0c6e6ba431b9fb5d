/*
 * The 360-degree review score and ability profile (docs/computation.md).
 * A peer, report or customer group counts a dimension only where at least
 * min_raters of its distinct reviewers rated it: a score on a dimension
 * rated by fewer is left out of everything (the group's mean, the score,
 * the profile and the comments), and a group with nothing left is
 * withheld as a whole.  Only the rows kept are handed on to the reports.
 */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "compute/compute.h"

/* The latest review period in the file ending on or before p's end. */
bool
review_period(const struct workspace *ws, const struct period *p,
    struct period *out)
{
	sc_date end = period_end(p), best_end = 0, best_start = 0, e, s;
	size_t i;
	bool found = false;

	for (i = 0; i < ws->nreviews; i++) {
		const struct period *r = &ws->reviews[i].period;

		e = period_end(r);
		s = period_start(r);
		if (e > end)
			continue;
		if (!found || e > best_end || (e == best_end && s > best_start)) {
			found = true;
			best_end = e;
			best_start = s;
			*out = *r;
		}
	}
	return found;
}

static bool
is_withholdable(enum relation r)
{
	return r == REL_PEER || r == REL_REPORT || r == REL_CUSTOMER;
}

/* Distinct reviewers of a group among the rows, on one dimension or on
 * all of them (dim NULL). */
static int
count_raters(const struct workspace *ws, const size_t *rows, size_t n,
    enum relation rel, const char *dim)
{
	size_t i, j;
	int count = 0;

	for (i = 0; i < n; i++) {
		const struct review *r = &ws->reviews[rows[i]];

		if (r->relation != rel || (dim != NULL &&
		    strcmp(r->dimension, dim) != 0))
			continue;
		for (j = 0; j < i; j++) {
			const struct review *o = &ws->reviews[rows[j]];

			if (o->relation == rel && (dim == NULL ||
			    strcmp(o->dimension, dim) == 0) &&
			    strcmp(o->reviewer, r->reviewer) == 0)
				break;
		}
		if (j == i)
			count++;
	}
	return count;
}

/*
 * Which rows may be shown: all of self and manager; of a peer, report or
 * customer group, the rows of the dimensions at least min_raters of its
 * reviewers rated.  Rows of the same group and dimension share the answer.
 */
static bool *
rows_kept(const struct workspace *ws, const size_t *rows, size_t n)
{
	bool *keep = xcalloc(n ? n : 1, sizeof(bool));
	size_t i, j;

	for (i = 0; i < n; i++) {
		const struct review *r = &ws->reviews[rows[i]];

		if (!is_withholdable(r->relation)) {
			keep[i] = true;
			continue;
		}
		for (j = 0; j < i; j++) {
			const struct review *o = &ws->reviews[rows[j]];

			if (o->relation == r->relation &&
			    strcmp(o->dimension, r->dimension) == 0)
				break;
		}
		keep[i] = j < i ? keep[j] : count_raters(ws, rows, n,
		    r->relation, r->dimension) >= ws->policy.min_raters;
	}
	return keep;
}

/* Weighted mean over the kept rows, for one dimension or all (NULL). */
static struct maybe
weighted(const struct workspace *ws, const struct review_result *res,
    const char *dim)
{
	double sum[REL_COUNT] = { 0 }, num = 0, den = 0;
	int cnt[REL_COUNT] = { 0 };
	struct maybe m = { false, 0 };
	size_t i;
	int g;

	for (i = 0; i < res->nrows; i++) {
		const struct review *r = &ws->reviews[res->rows[i]];

		if (dim != NULL && strcmp(r->dimension, dim) != 0)
			continue;
		sum[r->relation] += r->score;
		cnt[r->relation]++;
	}
	for (g = 0; g < REL_COUNT; g++) {
		double w = ws->policy.relation_weight[g];

		if (cnt[g] == 0 || w <= 0)
			continue;
		num += w * (sum[g] / cnt[g]);
		den += w;
	}
	if (den > 0) {
		m.has = true;
		m.v = num / den;
	}
	return m;
}

static struct maybe
to_score(const struct policy *p, struct maybe raw)
{
	struct maybe s = raw;

	if (raw.has)
		s.v = 100.0 * (raw.v - p->scale_lo) / (p->scale_hi - p->scale_lo);
	return s;
}

/* The review result from the person's rows of the review period. */
static void
review_from_rows(const struct workspace *ws, const size_t *rows, size_t n,
    struct review_result *res)
{
	const struct policy *pol = &ws->policy;
	bool *keep = rows_kept(ws, rows, n);
	size_t i, j, d;
	int g;

	res->rows = xcalloc(n ? n : 1, sizeof(size_t));
	for (i = 0; i < n; i++)
		if (keep[i])
			res->rows[res->nrows++] = rows[i];
	for (g = 0; g < REL_COUNT; g++) {
		struct review_group *grp = &res->groups[g];
		double sum = 0;

		grp->relation = (enum relation)g;
		grp->weight = pol->relation_weight[g];
		grp->raters = count_raters(ws, rows, n, (enum relation)g, NULL);
		for (i = 0; i < n; i++) {
			if (ws->reviews[rows[i]].relation != (enum relation)g)
				continue;
			if (!keep[i]) {
				grp->withheld_scores++;
				continue;
			}
			sum += ws->reviews[rows[i]].score;
			grp->scores++;
		}
		if (grp->scores > 0)
			grp->mean = sum / grp->scores;
		grp->withheld = grp->raters > 0 && grp->scores == 0;
	}
	/* Reviewers with a score left out, each counted once. */
	for (i = 0; i < n; i++) {
		const struct review *r = &ws->reviews[rows[i]];

		if (keep[i])
			continue;
		for (j = 0; j < i; j++) {
			const struct review *o = &ws->reviews[rows[j]];

			if (!keep[j] && o->relation == r->relation &&
			    strcmp(o->reviewer, r->reviewer) == 0)
				break;
		}
		if (j == i)
			res->withheld_reviews++;
	}
	free(keep);
	res->raw = weighted(ws, res, NULL);
	res->score = to_score(pol, res->raw);
	/* Dimensions in order of first appearance among the kept rows. */
	res->dims = xcalloc(res->nrows ? res->nrows : 1, sizeof(char *));
	for (i = 0; i < res->nrows; i++) {
		const struct review *r = &ws->reviews[res->rows[i]];

		for (d = 0; d < res->ndims; d++)
			if (strcmp(res->dims[d], r->dimension) == 0)
				break;
		if (d == res->ndims)
			res->dims[res->ndims++] = r->dimension;
	}
	res->dim_score = xcalloc(res->ndims ? res->ndims : 1,
	    sizeof(struct maybe));
	for (d = 0; d < res->ndims; d++)
		res->dim_score[d] = to_score(pol, weighted(ws, res,
		    res->dims[d]));
}

/* Same as review_compute, with the person's rows already listed. */
void
review_compute_rows(const struct workspace *ws, const size_t *person_rows,
    size_t nrows, const struct period *review, struct review_result *res)
{
	size_t *rows, n = 0, i;

	memset(res, 0, sizeof(*res));
	if (review == NULL)
		return;
	res->has_period = true;
	res->period = *review;
	rows = xcalloc(nrows ? nrows : 1, sizeof(size_t));
	for (i = 0; i < nrows; i++)
		if (period_equal(&ws->reviews[person_rows[i]].period,
		    &res->period))
			rows[n++] = person_rows[i];
	review_from_rows(ws, rows, n, res);
	free(rows);
}

void
review_compute(const struct workspace *ws, size_t person,
    const struct period *p, struct review_result *res)
{
	size_t *rows = xcalloc(ws->nreviews ? ws->nreviews : 1, sizeof(size_t));
	size_t n = 0, i;
	struct period review;

	for (i = 0; i < ws->nreviews; i++)
		if (ws->reviews[i].reviewee == person)
			rows[n++] = i;
	review_compute_rows(ws, rows, n, review_period(ws, p, &review) ?
	    &review : NULL, res);
	free(rows);
}

void
review_result_free(struct review_result *res)
{
	free(res->rows);
	free(res->dims);
	free(res->dim_score);
	res->rows = NULL;
	res->dims = NULL;
	res->dim_score = NULL;
	res->nrows = res->ndims = 0;
}
