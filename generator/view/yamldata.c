/*
 * YAML data for templates: a ytree (from a --data file of `scorecard
 * render`) turned into the template data tree.  Plain scalars that read as
 * numbers become numbers, true/false booleans, ~ and null nothing; quoted
 * scalars stay text.
 */
#include <stdlib.h>
#include <string.h>

#include "model/calendar.h"
#include "view/yamldata.h"

static struct tmpl_value *
scalar_value(const struct ynode *n)
{
	double d;
	char *end;

	if (!n->plain)
		return tmpl_string_new(n->scalar);
	if (ytree_is_null(n))
		return tmpl_null_new();
	if (strcmp(n->scalar, "true") == 0)
		return tmpl_bool_new(true);
	if (strcmp(n->scalar, "false") == 0)
		return tmpl_bool_new(false);
	if (n->scalar[0] != '\0') {
		d = strtod(n->scalar, &end);
		if (*end == '\0' && strspn(n->scalar, "+-0123456789.eE") ==
		    strlen(n->scalar))
			return tmpl_number_new(d);
	}
	return tmpl_string_new(n->scalar);
}

struct tmpl_value *
yaml_to_data(const struct ynode *n)
{
	struct tmpl_value *v;
	size_t i;

	switch (n->type) {
	case Y_SCALAR:
		return scalar_value(n);
	case Y_SEQUENCE:
		v = tmpl_list_new();
		for (i = 0; i < n->n; i++)
			tmpl_list_append(v, yaml_to_data(n->items[i]));
		return v;
	default:
		v = tmpl_map_new();
		for (i = 0; i < n->n; i++)
			tmpl_map_set(v, n->keys[i]->scalar,
			    yaml_to_data(n->items[i]));
		return v;
	}
}
