/*
 * Case retrospectives, input/cases/ (Markdown files): size bound, UTF-8, and the YAML
 * front matter (title, date, team, author, tags, period) checked against
 * the people and teams.  The Markdown body is kept for the casebook.
 */
#ifndef SC_INPUT_CASES_H
#define SC_INPUT_CASES_H

#include "model/model.h"

/* Reads every case of ws->dir/cases into ws->cases, sorted by file name. */
int	 cases_read(struct workspace *ws);
/* Parses one case from text; returns false after reporting problems. */
bool	 case_parse(struct workspace *ws, const char *path, const char *text,
	    size_t len, struct case_file *out);

#endif
