/*
 * The lookups over the model that model.h declares: the names of its
 * enumerations, a KPI or role of a loaded policy by name, and the
 * organisation's display names.  Reading and
 * checking policy.yaml is input/policy.c.
 */
#include <string.h>

#include "model/model.h"

const char *
input_file_name(enum input_file f)
{
	static const char *const names[] = { "team", "sales", "targets",
	    "metrics", "reviews", "actions" };

	return names[f];
}

const char *
relation_name(enum relation r)
{
	static const char *const names[] = { "self", "manager", "peer",
	    "report", "customer" };

	return names[r];
}

size_t
policy_kpi(const struct policy *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nkpis; i++)
		if (strcmp(p->kpis[i].name, name) == 0)
			return i;
	return NONE;
}

size_t
policy_role(const struct policy *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nroles; i++)
		if (strcmp(p->roles[i].name, name) == 0)
			return i;
	return NONE;
}

static const char *
display_name(const struct display_name *d, size_t n, const char *id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(d[i].id, id) == 0)
			return d[i].name;
	return NULL;
}

const char *
org_team_name(const struct organisation *o, const char *id)
{
	return display_name(o->teams, o->nteams, id);
}

const char *
org_role_name(const struct organisation *o, const char *id)
{
	return display_name(o->roles, o->nroles, id);
}

const char *
team_display(const struct policy *p, const char *id)
{
	const char *n = org_team_name(&p->org, id);

	return n != NULL ? n : id;
}

void
policy_plan(const struct policy *p, size_t role, struct policy *out)
{
	const struct role_def *d;

	*out = *p;
	if (role >= p->nroles || !p->roles[role].has_plan)
		return;
	d = &p->roles[role];
	out->commission_base = d->plan.base;
	out->commission_flat = d->plan.flat;
	out->gate_micro = d->plan.gate_micro;
	out->has_commission_cap = d->plan.has_cap;
	out->commission_cap_cents = d->plan.cap_cents;
	out->brackets = d->plan.brackets;
	out->nbrackets = d->plan.nbrackets;
	out->settle_monthly = d->plan.settle_monthly;
	out->clawback = d->plan.clawback;
}
