/*
 * A small tree of YAML nodes with their file and line, loaded with libyaml.
 * policy.yaml, case front matter, chart blocks, locales, the PDF style and
 * the data of `render` are read into it, merged and checked.  Any stage may
 * include it; only yamltree.c includes yaml.h.
 */
#ifndef SC_UTIL_YAMLTREE_H
#define SC_UTIL_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

enum ynode_type { Y_SCALAR, Y_SEQUENCE, Y_MAPPING };

struct ynode {
	enum ynode_type	 type;
	const char	*file;
	long		 line;
	char		*scalar;	/* Y_SCALAR: the text */
	bool		 plain;		/* Y_SCALAR: written without quotes */
	size_t		 n;		/* items or entries */
	struct ynode	**items;	/* Y_SEQUENCE items, Y_MAPPING values */
	struct ynode	**keys;		/* Y_MAPPING keys (scalars) */
};

#define YAML_MAX_DEPTH	64
#define YAML_MAX_NODES	100000

/*
 * Parses one document from text; line_offset is added to every line (for
 * front matter after a "---" line).  On a syntax error reports it through
 * diag and returns NULL.  An empty document gives an empty mapping.
 */
struct ynode	*ytree_parse(const char *file, const char *text, size_t len,
		    long line_offset);
void		 ytree_free(struct ynode *);
struct ynode	*ytree_get(const struct ynode *map, const char *key);
bool		 ytree_is_null(const struct ynode *);
struct ynode	*ytree_new_mapping(const char *file, long line);
void		 ytree_map_set(struct ynode *map, struct ynode *key,
		    struct ynode *value);

#endif
