/*
 * Page assembly (see page.h).  The layout template and the stylesheet are
 * read and compiled once per run.
 */
#include <stdlib.h>
#include <string.h>

#include "markdown/mdtree.h"
#include "tmpl/mustache.h"
#include "tmpl/templates.h"
#include "render/html.h"
#include "render/html_escape.h"
#include "render/page.h"

static struct tmpl *layout;
static char *style;

static int
load_layout(void)
{
	char *path;
	size_t len;

	if (layout != NULL)
		return 0;
	if ((style = template_read("style.css", &len, &path)) == NULL)
		return -1;
	free(path);
	if ((layout = template_compile("layout.html", TMPL_ESCAPE_HTML)) ==
	    NULL)
		return -1;
	return 0;
}

int
page_html(const struct page *p, struct buf *out)
{
	struct buf body = BUF_INIT, with_top = BUF_INIT;
	struct tmpl_value *data;
	const char *top, *h1;
	size_t after;
	int status;

	if (load_layout() != 0)
		return -1;
	if (html_render(p->source, p->doc, &body) != 0) {
		buf_free(&body);
		return -1;
	}
	top = p->top != NULL ? p->top : "";
	/*
	 * The rendered Markdown holds no raw HTML, so its first </h1> ends
	 * its first level-1 heading.
	 */
	if (*top != '\0' && body.data != NULL &&
	    (h1 = strstr(body.data, "</h1>")) != NULL) {
		after = (size_t)(h1 - body.data) + 5;
		buf_put(&with_top, body.data, after);
		buf_puts(&with_top, top);
		buf_put(&with_top, body.data + after, body.len - after);
		buf_free(&body);
		body = with_top;
		top = "";
	}
	data = tmpl_map_new();
	tmpl_map_set_str(data, "title", p->title != NULL ? p->title : "");
	tmpl_map_set_str(data, "lang", p->lang != NULL ? p->lang : "zh-CN");
	tmpl_map_set_str(data, "breadcrumbs", p->breadcrumbs != NULL ?
	    p->breadcrumbs : "");
	tmpl_map_set_str(data, "nav", p->nav != NULL ? p->nav : "");
	if (p->company != NULL)
		tmpl_map_set_str(data, "company", p->company);
	if (p->logo != NULL)
		tmpl_map_set_str(data, "logo", p->logo);
	tmpl_map_set_str(data, "body", body.data != NULL ? body.data : "");
	tmpl_map_set_str(data, "style", style);
	tmpl_map_set_str(data, "head", p->head != NULL ? p->head : "");
	tmpl_map_set_str(data, "top", top);
	tmpl_map_set_str(data, "foot", p->foot != NULL ? p->foot : "");
	status = tmpl_render(layout, data, out);
	tmpl_value_free(data);
	buf_free(&body);
	return status;
}

int
page_html_from_markdown(const struct page *p, const char *md, size_t len,
    struct buf *out)
{
	struct page parsed = *p;
	int status;

	if ((parsed.doc = mdtree_parse(p->source, md, len)) == NULL)
		return -1;
	status = page_html(&parsed, out);
	cmark_node_free(parsed.doc);
	return status;
}

void
page_cache_free(void)
{
	tmpl_free(layout);
	free(style);
	layout = NULL;
	style = NULL;
}

void
page_crumb(struct buf *b, const char *href, const char *text)
{
	if (b->len > 0)
		buf_puts(b, " <span class=\"sep\">›</span> ");
	if (href != NULL) {
		buf_puts(b, "<a href=\"");
		html_escape_url(b, href);
		buf_puts(b, "\">");
		html_escape_str(b, text);
		buf_puts(b, "</a>");
	} else {
		buf_puts(b, "<span>");
		html_escape_str(b, text);
		buf_puts(b, "</span>");
	}
}
