/*
 * A small tree of YAML nodes with their file and line, loaded with libyaml.
 * policy.yaml, case front matter, chart blocks, locales, the PDF style and
 * the data of `render` are read into it, merged and checked, with the
 * schema checks below.  Any stage may include it; only yamltree.c includes
 * yaml.h.
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
	/* Part of a tree kept for the whole process (ytree_share): never
	 * changed, and left alone by ytree_free, so that other trees may
	 * hold it too. */
	bool		 shared;
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
/* Marks n and everything under it shared (see struct ynode). */
void		 ytree_share(struct ynode *n);
/*
 * A new node like n, whose keys and items are n's own (which are to be
 * shared nodes, or the two trees would free them twice): the copy can be
 * changed, what it holds cannot.
 */
struct ynode	*ytree_copy_top(const struct ynode *n);
struct ynode	*ytree_get(const struct ynode *map, const char *key);
bool		 ytree_is_null(const struct ynode *);
struct ynode	*ytree_new_mapping(const char *file, long line);
void		 ytree_map_set(struct ynode *map, struct ynode *key,
		    struct ynode *value);

/* The text of n when it is a single value; NULL when n is NULL or not. */
const char	*ytree_text(const struct ynode *n);
/* The index of s in list (which ends with NULL), or -1. */
int		 ytree_index(const char *s, const char *const *list);

/*
 * Schema checks for the readers of YAML files.  Each reports an error
 * through diag at the node, with path (such as "commission.brackets[2]")
 * where the message says where, and returns false.
 */
/* Reports fmt, which formats what, at n; the value shown is n's text. */
bool		 ytree_error(const struct ynode *n, const char *path,
		    const char *fmt, const char *what);
/* Every key of map is one of allowed (a list ending with NULL). */
bool		 ytree_check_keys(const struct ynode *map, const char *path,
		    const char *const *allowed);
/* n is a single value, a list or a mapping, as t says. */
bool		 ytree_want_type(const struct ynode *n, const char *path,
		    enum ynode_type t);
/* n is one of list (ending with NULL); *v is set to its index. */
bool		 ytree_get_choice(const struct ynode *n, const char *path,
		    const char *const *list, int *v);
/*
 * The text of map's entry key: NULL when there is none or it is null, and
 * when it is not a single value, then reported with key as the path and
 * *ok set to false.
 */
const char	*ytree_scalar(const struct ynode *map, const char *key,
		    bool *ok);

#endif
