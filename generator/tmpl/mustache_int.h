/*
 * The inside of the Mustache engine, shared by its three files and by
 * nothing else: the data tree (mustache_data.c), the compiled template
 * (mustache_compile.c makes it, mustache_render.c walks it); names.c, the
 * names check, walks both too.
 */
#ifndef SC_TMPL_MUSTACHE_INT_H
#define SC_TMPL_MUSTACHE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "tmpl/mustache.h"

#define NONE	((size_t)-1)

/* ---- the data tree ---- */

struct tmpl_entry {
	char			*key;
	size_t			 len;
	uint32_t		 hash;
	struct tmpl_value	*value;
	bool			 shared;	/* value is not the map's (set by
						 * tmpl_map_set_shared) */
};

struct tmpl_value {
	enum tmpl_type	 type;
	union {
		bool	 boolean;
		double	 number;
		struct {
			char	*s;
			size_t	 len;
		} str;
		struct {
			struct tmpl_value **items;
			size_t	 n, cap;
		} list;
		struct {
			struct tmpl_entry *entries;
			size_t	 n, cap;
		} map;
	} u;
};

/* The hash of a map key or a name part (map keys and names carry it, so
 * that a lookup compares one word before it compares bytes). */
uint32_t	 tm_hash(const char *, size_t);
/* The entry of KEY in MAP, or NULL. */
struct tmpl_entry *tm_map_find(const struct tmpl_value *map, const char *key,
		    size_t len, uint32_t hash);
/* Mustache truthiness: a section over V renders its content. */
bool		 tm_truthy(const struct tmpl_value *v);
/* S (LEN bytes) made printable and cut short for a message, in B. */
const char	*tm_shown(struct buf *b, const char *s, size_t len);

/* ---- the compiled template ---- */

enum tm_kind {
	TM_TEXT,	/* pool bytes */
	TM_VAR,		/* {{name}}: escaped */
	TM_RAW,		/* {{{name}}}, {{&name}} */
	TM_SECTION,	/* {{#name}} content {{/name}} */
	TM_INVERTED,	/* {{^name}} content {{/name}} */
	TM_PARTIAL,	/* {{>name}} */
	TM_PARENT,	/* {{<name}} argument blocks {{/name}} */
	TM_BLOCK	/* {{$name}} default content {{/name}} */
};

/* One part of a dotted name, in the unit's pool. */
struct tm_key {
	size_t		 off;
	size_t		 len;
	uint32_t	 hash;
};

struct tm_node {
	enum tm_kind	 kind;
	bool		 standalone;	/* PARTIAL, PARENT, BLOCK: indents */
	size_t		 end;		/* SECTION..BLOCK: index past content */
	size_t		 off, len;	/* TEXT: bytes; others: indent */
	size_t		 key, nkeys;	/* VAR..INVERTED: name ("." none) */
	size_t		 target;	/* PARTIAL, PARENT: unit; BLOCK: id */
	long		 line;
	int		 col;
};

struct tm_unit {
	char		*name;		/* as the tags say it */
	char		*path;		/* for messages */
	struct tm_node	*nodes;
	size_t		 nnodes;
	struct tm_key	*keys;
	char		*pool;
	/* The first tag that asked for it, for "unknown partial". */
	const struct tm_unit *ref_unit;
	long		 ref_line;
	int		 ref_col;
	enum tm_kind	 ref_kind;
};

struct tmpl {
	struct tm_unit	**units;	/* [0] is the template itself */
	size_t		  nunits;
	char		**blocks;	/* block names; a node has the index */
	size_t		  nblocks;
	enum tmpl_escape  escape;
};

#endif
