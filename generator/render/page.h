/*
 * A whole HTML page: a rendered Markdown body put into templates/layout.html
 * with the stylesheet inlined, so that each page works alone from the file
 * system, without JavaScript.  Part of the HTML renderer: the view and the
 * jobs hand it Markdown, it hands back the page.
 */
#ifndef SC_RENDER_PAGE_H
#define SC_RENDER_PAGE_H

#include <cmark-gfm.h>

#include "util/buf.h"

struct page {
	const char	*title;
	const char	*lang;		/* "zh-CN" or "en" */
	const char	*breadcrumbs;	/* HTML, may be NULL */
	const char	*nav;		/* HTML, may be NULL */
	const char	*company;	/* organisation.company, may be NULL */
	const char	*logo;		/* the logo's URL from the page, may
					   be NULL */
	/*
	 * More HTML for the layout's slots, each may be NULL: head at the
	 * end of the head, top after the body's first level-1 heading (at
	 * the top of the main part when it has none), foot at the end of
	 * the body.
	 */
	const char	*head;
	const char	*top;
	const char	*foot;
	const char	*source;	/* name of the Markdown, for messages */
	cmark_node	*doc;		/* the body: the Markdown's tree
					   (markdown/mdtree.h) */
};

/* Renders the page into out; 0, or -1 after reporting the problem. */
int	 page_html(const struct page *, struct buf *out);
/* The same for a body given as Markdown (p->doc is not read): parses
 * md[0..len), renders the page and frees the tree. */
int	 page_html_from_markdown(const struct page *, const char *md,
	    size_t len, struct buf *out);
void	 page_cache_free(void);
/* Appends one breadcrumb (a link, or the current page when href is NULL). */
void	 page_crumb(struct buf *, const char *href, const char *text);

#endif
