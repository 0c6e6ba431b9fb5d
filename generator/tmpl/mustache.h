/*
 * Mustache templates (docs/templates.md: reports are templates that expand
 * to Markdown), compiled once and rendered many times.  Implements the
 * official spec (mustache/spec v1.4: comments, delimiters, interpolation,
 * inverted, partials, sections and the optional ~inheritance module with
 * blocks and parents).  Lambdas, the other optional module, are not
 * implemented: template data here is plain data.
 *
 * Owns the template data tree (struct tmpl_value) that the view stage
 * builds and templates read.  Any stage may include this header.
 *
 * Data never becomes template syntax: a value is written once, escaped for
 * the output kind, and never read as a template again.
 */
#ifndef SC_TMPL_MUSTACHE_H
#define SC_TMPL_MUSTACHE_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

/* ------------------------------------------------------------ data tree */

enum tmpl_type {
	TMPL_NULL,
	TMPL_BOOL,
	TMPL_NUMBER,
	TMPL_STRING,
	TMPL_LIST,
	TMPL_MAP
};

/*
 * One value.  A map keeps its keys in insertion order; a key set twice
 * keeps its first place and takes the new value.  Every value is owned by
 * the list or map it was put in, and tmpl_value_free frees a whole tree.
 *
 * Truth, for sections: null, false, 0, NaN, "" and the empty list are
 * false; everything else (an empty map included) is true.
 * Interpolation: null as nothing, booleans as "true"/"false", integral
 * numbers without decimals ("85"), others in the shortest form that reads
 * back as the same double ("1.21"); lists and maps as nothing.
 */
struct tmpl_value;

struct tmpl_value *tmpl_null_new(void);
struct tmpl_value *tmpl_bool_new(bool);
struct tmpl_value *tmpl_number_new(double);
struct tmpl_value *tmpl_string_new(const char *);	/* copies */
struct tmpl_value *tmpl_string_newn(const char *, size_t);	/* copies */
struct tmpl_value *tmpl_list_new(void);
struct tmpl_value *tmpl_map_new(void);

/* Appends item (which the list now owns); returns item. */
struct tmpl_value *tmpl_list_append(struct tmpl_value *list,
		    struct tmpl_value *item);
void		 tmpl_list_append_str(struct tmpl_value *list, const char *);
/* Sets key (copied) to value (which the map now owns); returns value. */
struct tmpl_value *tmpl_map_set(struct tmpl_value *map, const char *key,
		    struct tmpl_value *value);
/*
 * Sets key (copied) to value, which stays its owner's: the map neither
 * copies nor frees it (nor does a copy of the map), so value must outlive
 * the map and not change while the map is in use.  For a table that many
 * documents show alike, such as the locale's labels.
 */
void		 tmpl_map_set_shared(struct tmpl_value *map, const char *key,
		    const struct tmpl_value *value);
void		 tmpl_map_set_str(struct tmpl_value *map, const char *key,
		    const char *);
void		 tmpl_map_set_strn(struct tmpl_value *map, const char *key,
		    const char *, size_t);
void		 tmpl_map_set_num(struct tmpl_value *map, const char *key,
		    double);
void		 tmpl_map_set_bool(struct tmpl_value *map, const char *key,
		    bool);
/* Shorthands that create, set and return an empty list or map. */
struct tmpl_value *tmpl_map_set_list(struct tmpl_value *map, const char *key);
struct tmpl_value *tmpl_map_set_map(struct tmpl_value *map, const char *key);

enum tmpl_type	 tmpl_value_type(const struct tmpl_value *);
/* The value of key in map, or NULL (also when map is not a map). */
struct tmpl_value *tmpl_map_get(const struct tmpl_value *map,
		    const char *key);
size_t		 tmpl_list_len(const struct tmpl_value *);
/* The text of a string value, or "" for any other. */
const char	*tmpl_string(const struct tmpl_value *);
/* A deep copy. */
struct tmpl_value *tmpl_value_copy(const struct tmpl_value *);
void		 tmpl_value_free(struct tmpl_value *);

/* Appends a number the way templates print it (see above). */
void		 tmpl_format_number(struct buf *, double);

/* ------------------------------------------------------------ templates */

/* What {{name}} does to a value; {{{name}}} and {{&name}} never escape. */
enum tmpl_escape {
	TMPL_ESCAPE_HTML,	/* & < > " ' as entities (the spec's default) */
	TMPL_ESCAPE_MARKDOWN,	/* md_escape(): inert text in Markdown */
	TMPL_ESCAPE_NONE	/* plain text output */
};

enum tmpl_load {
	TMPL_LOAD_OK,		/* *source is filled in */
	TMPL_LOAD_MISSING,	/* there is no such partial */
	TMPL_LOAD_ERROR		/* the loader failed and said why (diag) */
};

struct tmpl_source {
	const char	*text;	/* need not be NUL-terminated */
	size_t		 len;
	const char	*path;	/* for messages; NULL: the partial's name */
};

/*
 * Where partials ({{>name}}) and parents ({{<name}}) come from.  load() is
 * called once per distinct name, during tmpl_compile only; what it returns
 * must stay valid until tmpl_compile returns (the template copies it).
 * A missing partial is a compile error, unless missing_is_empty is set
 * (the spec's behaviour: it renders as nothing).
 */
struct tmpl_loader {
	enum tmpl_load	(*load)(void *arg, const char *name,
			    struct tmpl_source *source);
	void		 *arg;
	bool		  missing_is_empty;
};

/* Nesting limits: sections in one template, and partials, parents and
 * blocks within one another at render time. */
#define TMPL_MAX_NESTING	64
#define TMPL_MAX_DEPTH		64

/* Bounds on one rendering: sections nested over lists multiply, so a
 * small template and small data can ask for endless output or work. */
#define TMPL_MAX_OUTPUT		(64u << 20)	/* bytes */
#define TMPL_MAX_STEPS		10000000	/* tags and texts expanded */

struct tmpl;

/*
 * Compiles text (len bytes) and, through partials (may be NULL: no
 * partials), every partial and parent it uses, each once.  Every problem
 * is reported through diag() as "name:line: column N: message"; then the
 * result is NULL.  Problems: a tag not closed, a bad tag name or
 * delimiter change, a section or block not closed, an end tag that
 * closes nothing or the wrong section, sections nested deeper than
 * TMPL_MAX_NESTING, an unknown partial, and partials that include
 * themselves unconditionally or nest deeper than TMPL_MAX_DEPTH whatever
 * the data.
 */
struct tmpl	*tmpl_compile(const char *name, const char *text, size_t len,
		    struct tmpl_loader *partials, enum tmpl_escape escape);

/*
 * Renders with data as the root context (NULL: empty) and appends to out.
 * Returns 0, or -1 when partials recursed deeper than TMPL_MAX_DEPTH on
 * this data, or the rendering went past TMPL_MAX_OUTPUT bytes or
 * TMPL_MAX_STEPS steps (reported through diag; out then holds a partial
 * result).
 * Does not change the template: one template may be rendered by several
 * threads at once.
 */
int		 tmpl_render(const struct tmpl *, const struct tmpl_value *data,
		    struct buf *out);
void		 tmpl_free(struct tmpl *);

/*
 * While set (fn not NULL), tmpl_render calls fn with the template's file
 * and the data it was given before rendering: how the names check learns
 * what data each template gets from a sample run (tmpl/names.h).  Not for
 * runs with several threads.
 */
typedef void	 tmpl_recorder(void *arg, const char *path,
		    const struct tmpl_value *data);
void		 tmpl_set_recorder(tmpl_recorder *fn, void *arg);

#endif
