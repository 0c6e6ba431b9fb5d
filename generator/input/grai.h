/*
 * The GRAI structure of a case retrospective (docs/input.md §11): its four
 * sections 回顾目标 / Goal, 评估结果 / Result, 分析原因 / Analysis and 总结经验 or 总结规律 /
 * Insight, found by heading text in the case's Markdown tree
 * (markdown/mdtree.h), and the lessons: the items of the Insight section's
 * lists. Reads the tree, never changes it. For the casebook job, `check` and
 * their tests.
 *
 * A heading names a section when its text, after a numbering prefix
 * ("一、", "1.", "1)", "(2)", "第三步", "IV."), is the Chinese name, the
 * English name (any case, singular or plural), or both in either order,
 * the second one optionally in brackets or after "/", "-" or "·":
 *
 *   ## 一、回顾目标 (Goal)     ## 回顾目标（Goal）     ### Goal 回顾目标
 *   ## Goal                  ## 2. Results          #### 【总结规律】
 *
 * A colon may follow with a subtitle ("## 分析原因：为什么丢单").  Only
 * headings directly in the document count (not in a list or a quote), at
 * any level.  A section runs from its heading to the next GRAI heading or
 * the next heading of the same or a higher level, so deeper headings
 * inside it belong to it.  A name that comes twice counts the first time.
 */
#ifndef SC_INPUT_GRAI_H
#define SC_INPUT_GRAI_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark-gfm.h>

enum grai_part {
	GRAI_GOAL,
	GRAI_RESULT,
	GRAI_ANALYSIS,
	GRAI_INSIGHT,
	GRAI_COUNT,
	GRAI_NONE = -1
};

struct grai_section {
	cmark_node	*heading;	/* NULL: the case lacks the section */
	long		 line;		/* the heading's line in the Markdown */
	int		 level;		/* 1-6 */
	/* The first node after the section (a heading), NULL when the
	 * section runs to the end of the document; and its line. */
	cmark_node	*end;
	long		 end_line;
};

/* One item of a list in the Insight section. */
struct grai_lesson {
	long		 line;		/* the item's line in the Markdown */
	char		*markdown;	/* its paragraphs as one line of Markdown */
	char		*text;		/* the same as plain text */
};

/* A heading that nearly names a section (## 目标, ## Key results). */
struct grai_near {
	long		 line;		/* 0: none */
	char		*text;		/* the heading's text */
};

struct grai {
	struct grai_section	 sections[GRAI_COUNT];
	struct grai_lesson	*lessons;
	size_t			 nlessons;
	/* For each section: the first heading that is not a section's
	 * but comes near its name, for "did you mean". */
	struct grai_near	 near[GRAI_COUNT];
};

/* Which section a heading's text names, or GRAI_NONE. */
enum grai_part	 grai_classify(const char *text, size_t len);
/*
 * Which section a heading that names none nearly names, or GRAI_NONE:
 * after the numbering prefix, and before a colon, a part of a Chinese
 * name (目标, 结果, 分析) or its characters in another order (目标回顾),
 * or one character off; an English name two letters off (Resluts), or
 * one of the names as a word among others (Key results, 2026 Result).
 */
enum grai_part	 grai_near_miss(const char *text, size_t len);

/*
 * Finds the sections in a document tree and collects the lessons: the
 * top-level items of the lists in the Insight section (anywhere in it,
 * below its sub-headings too, but not lists inside quotes or other
 * lists), except task items ("- [ ] ...", follow-up actions, not
 * lessons), each item's paragraphs joined into one line.  The nodes in
 * out point into doc: they live as long as the tree.
 */
void		 grai_find(cmark_node *doc, struct grai *out);
void		 grai_free(struct grai *);

/* How many sections are missing. */
size_t		 grai_missing(const struct grai *);

/* "Goal", "回顾目标", ... */
const char	*grai_name_en(enum grai_part);
const char	*grai_name_zh(enum grai_part);

/*
 * Reports each missing section of a case through diag() as
 * "path:line: GRAI: missing section Analysis (分析原因)" (line: where the
 * front matter ends), a warning, or an error when strict; with "; the
 * heading "分析" at line N is not a section name (did you mean 分析原因?)"
 * when a heading nearly names it.  Returns the number of sections
 * missing.
 */
size_t		 grai_report(const struct grai *, const char *path, long line,
		    bool strict);

#endif
