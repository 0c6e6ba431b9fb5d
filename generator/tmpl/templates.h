/*
 * Finding template files: a user's --templates folder first, then the
 * built-in templates (beside the program in a source tree, else the
 * installed data folder).  A name may not leave its folder.
 */
#ifndef SC_TMPL_TEMPLATES_H
#define SC_TMPL_TEMPLATES_H

#include <stdbool.h>
#include <stddef.h>

#include "tmpl/mustache.h"

/* Sets the user's folder (may be NULL) for the lookups that follow. */
void	 templates_set_user_dir(const char *);
/* The user's folder in use, or NULL. */
const char *templates_user_dir(void);
/* The built-in folder in use, for messages. */
const char *templates_builtin_dir(void);
/*
 * Reads name (e.g. "rep.md", "locale/zh-CN.yaml"); returns its bytes
 * (NUL-terminated) and sets *path, or NULL after reporting the problem.
 */
char	*template_read(const char *name, size_t *len, char **path);
/*
 * Reads name from one folder only: the user's (--templates) or the
 * built-in one.  NULL with *missing set when it is not there (nothing
 * reported), else NULL after reporting the problem.
 */
enum template_dir { TEMPLATE_USER, TEMPLATE_BUILTIN };
char	*template_read_in(enum template_dir, const char *name, size_t *len,
	    char **path, bool *missing);
/* Compiles a template with partials from the same folders. */
struct tmpl *template_compile(const char *name, enum tmpl_escape);
/* The same for a template's text read elsewhere (path for messages). */
struct tmpl *template_compile_text(const char *path, const char *text,
	    size_t len, enum tmpl_escape);

#endif
