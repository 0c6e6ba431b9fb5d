/*
 * The names a template asks for against the names its data provides
 * (docs/templates.md, "Checking templates"): `scorecard check
 * --templates` and `scorecard render --strict` report a tag whose name
 * the data never has, which would otherwise render as nothing.
 *
 * The data's shape is learnt from samples of it: tmpl_shape_add() takes
 * any number of data trees and keeps their union (every key any of them
 * has, list items merged).  The check follows Mustache's context stack:
 * inside {{#kpis}} a name is a KPI item's key or an outer name; partials
 * and parents are followed with the stack they are expanded in.
 */
#ifndef SC_TMPL_NAMES_H
#define SC_TMPL_NAMES_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/diag.h"
#include "tmpl/mustache.h"

struct tmpl_shape;

struct tmpl_shape *tmpl_shape_new(void);
/* Adds the keys of data (and of the maps and lists under it). */
void		 tmpl_shape_add(struct tmpl_shape *,
		    const struct tmpl_value *);
/* The shape under key, or NULL. */
struct tmpl_shape *tmpl_shape_get(struct tmpl_shape *, const char *key);
/* Drops key and its shape, if there. */
void		 tmpl_shape_remove(struct tmpl_shape *, const char *key);
/* Marks a shape complete: a key it lacks is never there, whatever the
 * maybe list says (the locale's labels). */
void		 tmpl_shape_close(struct tmpl_shape *);
/* Every name, one a line, as a template writes it inside its section:
 * "person.rep_id", "kpis[].label" (an item of the list kpis). */
void		 tmpl_shape_names(const struct tmpl_shape *, struct buf *);
void		 tmpl_shape_free(struct tmpl_shape *);

/*
 * Reports at level, through diag(), every tag of t (its partials and
 * parents followed) whose name shape never provides, once each:
 * "TEMPLATE:LINE: column N: {{name}}: no such name in the data of WHAT"
 * and "(did you mean X?)" for a near name.  maybe (NULL-terminated, may
 * be NULL) holds keys the data may have though the samples did not (a
 * value that is absent is left out of the data): a name whose parts are
 * all there is not reported, unless it leads into a closed shape.
 * Returns the number of tags reported.
 */
size_t		 tmpl_check_names(const struct tmpl *t,
		    const struct tmpl_shape *shape, const char *const *maybe,
		    const char *what, enum diag_level level);

#endif
