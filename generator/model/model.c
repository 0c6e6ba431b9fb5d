/*
 * The lookups over the model that model.h declares: the names of its
 * enumerations and a KPI or role of a loaded policy by name.  Reading and
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
