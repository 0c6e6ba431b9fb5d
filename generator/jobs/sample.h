/*
 * What data each report and casebook template is given, learnt from a
 * sample run (docs/templates.md, "Checking templates"): the built-in
 * starter workspace (templates/starter/) computed for the month and the
 * quarter of its last sale, every person's, team's and the company's
 * view made, every casebook page expanded, in both locales.  The keys
 * the view code can set that the sample left out (a value that is
 * absent is not in the data) come from the code itself, listed at build
 * time.  Used by `check --templates` and `render --strict` / `--names`.
 */
#ifndef SC_JOBS_SAMPLE_H
#define SC_JOBS_SAMPLE_H

#include <stdbool.h>

#include "tmpl/names.h"

/* The templates whose data is known, by their names in a templates
 * folder. */
extern const char *const sample_templates[];

struct sample;

/* Whether name is one of sample_templates. */
bool		 sample_is_template(const char *name);

/* The sample, or NULL after reporting why it could not be made; notes
 * are quiet meanwhile, then as quiet says.  Before any error is reported:
 * reading a workspace fails once one was. */
struct sample	*sample_make(bool quiet);
/* The shape of what template name ("rep.md", "casebook/kpi.md") is
 * given, or NULL when it is none of sample_templates. */
const struct tmpl_shape *sample_shape(const struct sample *,
		    const char *name);
/* The keys its data may have beyond the shape (NULL-terminated). */
const char *const *sample_maybe(const char *name);
void		 sample_free(struct sample *);

#endif
