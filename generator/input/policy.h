/*
 * policy.yaml (docs/input.md §9): the built-in default policy, a user's
 * file laid over it (kpis: and roles: named replace the defaults whole,
 * other mappings entry by entry), and every key checked (unknown keys are
 * errors).
 */
#ifndef SC_INPUT_POLICY_H
#define SC_INPUT_POLICY_H

#include "model/model.h"

/* The default policy as YAML text: the defaults of docs/input.md §9. */
extern const char policy_default_yaml[];

/*
 * Loads path (absent: the defaults alone) into p.  Returns 0, or
 * EX_DATAERR after reporting every problem, or EX_IOERR.
 */
int	 policy_load(struct policy *p, const char *path);
void	 policy_free(struct policy *p);
/* The columns a file has, for `columns:` checks. */
const struct csv_column *input_columns(enum input_file, size_t *n);

#endif
