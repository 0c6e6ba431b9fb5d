/*
 * The HTML renderer (see html.h): one walk over the document tree
 * (markdown/mdtree.h) with cmark's iterator, switching on the node type.
 * cmark_render_html() is not used: charts become SVG, marks become
 * badges and bars, and the link policy is ours.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "util/buf.h"
#include "util/numfmt.h"
#include "markdown/mdtree.h"
#include "chart/chart.h"
#include "render/html.h"
#include "render/html_escape.h"
#include "render/svg_chart.h"

#define RAW_HTML_OMITTED	"<!-- raw HTML omitted -->"

/* The KPI bar's fill is clamped to 0-150 % of its track. */
#define BAR_MAX_PERCENT		150.0

struct html {
	struct buf		*out;
	const char		*source;
	struct mdtree_ids	 ids;
	int			 status;
	/* the table being written (GFM tables do not nest) */
	uint8_t			*align;
	uint16_t		 ncols;
	uint16_t		 col;
	bool			 in_header;
	bool			 tbody_open;
	cmark_node		*group_end;	/* the open group's mark */
};

/* ------------------------------------------------------------ marks */

static void
tier_badge(struct buf *out, const char *name, size_t len)
{
	buf_puts(out, "<span class=\"tier tier-");
	mdtree_tier_class(out, name, len);
	buf_puts(out, "\">");
	html_escape(out, name, len);
	buf_puts(out, "</span>");
}

static void
kpi_bar(struct buf *out, double ratio)
{
	double percent = ratio * 100;

	if (percent < 0)
		percent = 0;
	if (percent > BAR_MAX_PERCENT)
		percent = BAR_MAX_PERCENT;
	struct buf label = BUF_INIT;

	fmt_fixed(&label, ratio * 100, 1);
	buf_putc(&label, '%');
	buf_printf(out, "<span class=\"kpi-bar%s\" role=\"img\" "
	    "aria-label=\"%s\" title=\"%s\"", ratio >= 1 ?
	    " kpi-bar-over" : "", buf_str(&label), buf_str(&label));
	buf_free(&label);
	buf_puts(out, "><span class=\"kpi-bar-fill\" style=\"width:");
	fmt_fixed(out, percent, 1);
	buf_puts(out, "%\"></span></span>");
}

/* Text with its [[tier:…]] and [[bar:…]] marks rendered. */
static void
text_with_marks(struct buf *out, const char *s, size_t len)
{
	struct mdtree_mark m;
	size_t at = 0;

	while (mdtree_next_mark(s + at, len - at, &m)) {
		html_escape(out, s + at, m.start);
		if (m.kind == MDTREE_MARK_TIER)
			tier_badge(out, m.name, m.name_len);
		else
			kpi_bar(out, m.ratio);
		at += m.end;
	}
	html_escape(out, s + at, len - at);
}

/*
 * A paragraph that is a tier mark and nothing else (spaces aside) is a
 * large badge on a line of its own.
 */
static bool
tier_paragraph(struct html *h, cmark_node *p)
{
	struct mdtree_mark m;

	if (!mdtree_tier_paragraph(p, &m))
		return false;
	buf_puts(h->out, "<p class=\"tier-line\">");
	tier_badge(h->out, m.name, m.name_len);
	buf_puts(h->out, "</p>\n");
	return true;
}

/*
 * A paragraph that opens or closes a group (mdtree.h): a <div> with the
 * class "keep", "box" or "row".  Returns true for a mark.
 */
static bool
group_mark(struct html *h, cmark_node *p)
{
	enum mdtree_group g;
	cmark_node *close;

	if (h->group_end != NULL) {
		if (p != h->group_end)
			return false;
		h->group_end = NULL;
		buf_puts(h->out, "</div>\n");
		return true;
	}
	if ((g = mdtree_group_open(p, &close)) == MDTREE_GROUP_NONE)
		return false;
	h->group_end = close;
	buf_puts(h->out, g == MDTREE_GROUP_BOX ? "<div class=\"box\">\n" :
	    g == MDTREE_GROUP_ROW ? "<div class=\"row\">\n" :
	    "<div class=\"keep\">\n");
	return true;
}

/* ---------------------------------------------------------- blocks */

static void
code_block(struct html *h, cmark_node *n)
{
	const char *info = cmark_node_get_fence_info(n);
	const char *lit = cmark_node_get_literal(n);
	size_t k = 0;

	buf_puts(h->out, "<pre><code");
	if (info != NULL) {
		while (info[k] != '\0' && ((info[k] >= 'a' && info[k] <= 'z')
		    || (info[k] >= 'A' && info[k] <= 'Z') ||
		    (info[k] >= '0' && info[k] <= '9') || info[k] == '-' ||
		    info[k] == '_' || info[k] == '+'))
			k++;
		if (k > 0 && (info[k] == '\0' || info[k] == ' '))
			buf_printf(h->out, " class=\"language-%.*s\"",
			    (int)k, info);
	}
	buf_putc(h->out, '>');
	if (lit != NULL)
		html_escape_str(h->out, lit);
	buf_puts(h->out, "</code></pre>\n");
}

static void
chart_block(struct html *h, cmark_node *n)
{
	const char *body = cmark_node_get_literal(n);
	long line = cmark_node_get_start_line(n);
	struct chart *c;

	if (body == NULL)
		body = "";
	if ((c = chart_parse(h->source, line, body, strlen(body))) == NULL) {
		h->status = -1;
		buf_puts(h->out, "<p class=\"chart-error\">[chart: ");
		html_escape_str(h->out, h->source);
		buf_printf(h->out, ":%ld]</p>\n", line);
		return;
	}
	buf_printf(h->out, "<figure class=\"chart chart-%s\">\n",
	    chart_kind_name(c->kind));
	svg_chart(h->out, c);
	buf_puts(h->out, "</figure>\n");
	chart_free(c);
}

static bool
has_task_items(cmark_node *list)
{
	cmark_node *item;

	for (item = cmark_node_first_child(list); item != NULL;
	    item = cmark_node_next(item))
		if (mdtree_is(item, "tasklist"))
			return true;
	return false;
}

/* ----------------------------------------------------------- tables */

static void
table_cell(struct html *h, cmark_node *cell)
{
	struct buf text = BUF_INIT, plain = BUF_INIT;
	const char *tag = h->in_header ? "th" : "td", *align = NULL;
	bool number;

	if (h->align != NULL && h->col < h->ncols)
		switch (h->align[h->col]) {
		case 'l':
			align = "align-left";
			break;
		case 'c':
			align = "align-center";
			break;
		case 'r':
			align = "align-right";
			break;
		default:
			break;
		}
	mdtree_plain_text(cell, &text);
	mdtree_strip_marks(&plain, buf_str(&text), text.len);
	number = !h->in_header && mdtree_is_number(buf_str(&plain),
	    plain.len);
	buf_printf(h->out, "<%s", tag);
	if (number || align != NULL)
		buf_printf(h->out, " class=\"%s%s%s\"", number ? "num" : "",
		    number && align != NULL ? " " : "",
		    align != NULL ? align : "");
	buf_putc(h->out, '>');
	buf_free(&text);
	buf_free(&plain);
}

/* ------------------------------------------------------------ links */

static bool
link_allowed(cmark_node *n)
{
	return mdtree_url_allowed(cmark_node_get_url(n),
	    cmark_node_get_type(n) == CMARK_NODE_IMAGE);
}

static void
link_open(struct html *h, cmark_node *n)
{
	const char *title = cmark_node_get_title(n);

	buf_puts(h->out, "<a href=\"");
	html_escape_url(h->out, cmark_node_get_url(n));
	buf_putc(h->out, '"');
	if (title != NULL && *title != '\0') {
		buf_puts(h->out, " title=\"");
		html_escape_str(h->out, title);
		buf_putc(h->out, '"');
	}
	buf_putc(h->out, '>');
}

static void
image(struct html *h, cmark_node *n)
{
	struct buf alt = BUF_INIT;
	const char *title = cmark_node_get_title(n);

	mdtree_plain_text(n, &alt);
	if (!link_allowed(n)) {
		html_escape(h->out, buf_str(&alt), alt.len);
		buf_free(&alt);
		return;
	}
	buf_puts(h->out, "<img src=\"");
	html_escape_url(h->out, cmark_node_get_url(n));
	buf_puts(h->out, "\" alt=\"");
	html_escape(h->out, buf_str(&alt), alt.len);
	buf_putc(h->out, '"');
	if (title != NULL && *title != '\0') {
		buf_puts(h->out, " title=\"");
		html_escape_str(h->out, title);
		buf_putc(h->out, '"');
	}
	buf_puts(h->out, ">");
	buf_free(&alt);
}

/* ------------------------------------------------------------- walk */

/* Extension nodes, known by name.  Returns false for unknown ones. */
static bool
extension_node(struct html *h, cmark_node *n, bool enter)
{
	struct buf *out = h->out;

	if (mdtree_is(n, "strikethrough"))
		buf_puts(out, enter ? "<del>" : "</del>");
	else if (mdtree_is(n, "table")) {
		if (enter) {
			h->align = cmark_gfm_extensions_get_table_alignments(n);
			h->ncols = cmark_gfm_extensions_get_table_columns(n);
			h->tbody_open = false;
			buf_puts(out, "<div class=\"table-wrap\"><table>\n");
		} else {
			if (h->tbody_open)
				buf_puts(out, "</tbody>\n");
			buf_puts(out, "</table></div>\n");
			h->align = NULL;
			h->ncols = 0;
		}
	} else if (mdtree_is(n, "table_header")) {
		h->in_header = enter;
		h->col = 0;
		buf_puts(out, enter ? "<thead>\n<tr>\n" : "</tr>\n</thead>\n");
	} else if (mdtree_is(n, "table_row")) {
		h->col = 0;
		if (enter && !h->tbody_open) {
			buf_puts(out, "<tbody>\n");
			h->tbody_open = true;
		}
		buf_puts(out, enter ? "<tr>\n" : "</tr>\n");
	} else if (mdtree_is(n, "table_cell")) {
		if (enter)
			table_cell(h, n);
		else {
			buf_puts(out, h->in_header ? "</th>\n" : "</td>\n");
			h->col++;
		}
	} else
		return false;
	return true;
}

static void
render(struct html *h, cmark_node *root)
{
	cmark_iter *iter = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node *n;
	struct buf *out = h->out;
	const char *lit;
	bool enter;
	int level;

	while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(iter);
		enter = ev == CMARK_EVENT_ENTER;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_DOCUMENT:
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			buf_puts(out, enter ? "<blockquote>\n" :
			    "</blockquote>\n");
			break;
		case CMARK_NODE_LIST:
			if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST) {
				if (!enter)
					buf_puts(out, "</ol>\n");
				else if (cmark_node_get_list_start(n) != 1)
					buf_printf(out, "<ol start=\"%d\">\n",
					    cmark_node_get_list_start(n));
				else
					buf_puts(out, "<ol>\n");
			} else if (!enter)
				buf_puts(out, "</ul>\n");
			else
				buf_puts(out, has_task_items(n) ?
				    "<ul class=\"task-list\">\n" : "<ul>\n");
			break;
		case CMARK_NODE_ITEM:
			if (!enter)
				buf_puts(out, "</li>\n");
			else if (mdtree_is(n, "tasklist"))
				buf_printf(out, "<li class=\"task\"><input "
				    "type=\"checkbox\" disabled%s> ",
				    cmark_gfm_extensions_get_tasklist_item_checked(n)
				    ? " checked" : "");
			else
				buf_puts(out, "<li>");
			break;
		case CMARK_NODE_CODE_BLOCK:
			if (mdtree_is_chart(n))
				chart_block(h, n);
			else
				code_block(h, n);
			break;
		case CMARK_NODE_HTML_BLOCK:
			buf_puts(out, RAW_HTML_OMITTED "\n");
			break;
		case CMARK_NODE_PARAGRAPH:
			if (mdtree_in_tight_list(n)) {
				/* items of a tight list hold their text
				 * directly; a paragraph after another block
				 * in the item goes on a new line */
				if (!enter && cmark_node_next(n) != NULL)
					buf_putc(out, '\n');
				break;
			}
			if (enter && group_mark(h, n)) {
				cmark_iter_reset(iter, n, CMARK_EVENT_EXIT);
				break;
			}
			if (enter && tier_paragraph(h, n)) {
				cmark_iter_reset(iter, n, CMARK_EVENT_EXIT);
				break;
			}
			buf_puts(out, enter ? "<p>" : "</p>\n");
			break;
		case CMARK_NODE_HEADING:
			level = cmark_node_get_heading_level(n);
			if (enter) {
				buf_printf(out, "<h%d id=\"", level);
				{
					struct buf id = BUF_INIT;

					mdtree_heading_id(&h->ids, n, &id);
					html_escape(out, buf_str(&id), id.len);
					buf_free(&id);
				}
				buf_puts(out, "\">");
			} else
				buf_printf(out, "</h%d>\n", level);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			buf_puts(out, "<hr>\n");
			break;
		case CMARK_NODE_TEXT:
			lit = cmark_node_get_literal(n);
			if (lit != NULL)
				text_with_marks(out, lit, strlen(lit));
			break;
		case CMARK_NODE_SOFTBREAK:
			buf_putc(out, '\n');
			break;
		case CMARK_NODE_LINEBREAK:
			buf_puts(out, "<br>\n");
			break;
		case CMARK_NODE_CODE:
			buf_puts(out, "<code>");
			if ((lit = cmark_node_get_literal(n)) != NULL)
				html_escape_str(out, lit);
			buf_puts(out, "</code>");
			break;
		case CMARK_NODE_HTML_INLINE:
			buf_puts(out, RAW_HTML_OMITTED);
			break;
		case CMARK_NODE_EMPH:
			buf_puts(out, enter ? "<em>" : "</em>");
			break;
		case CMARK_NODE_STRONG:
			buf_puts(out, enter ? "<strong>" : "</strong>");
			break;
		case CMARK_NODE_LINK:
			/* a refused link shows its text only */
			if (!link_allowed(n))
				break;
			if (enter)
				link_open(h, n);
			else
				buf_puts(out, "</a>");
			break;
		case CMARK_NODE_IMAGE:
			image(h, n);
			cmark_iter_reset(iter, n, CMARK_EVENT_EXIT);
			break;
		default:
			/* custom blocks and inlines come only from API
			 * users: their content is rendered, their raw
			 * on_enter/on_exit text is not */
			(void)extension_node(h, n, enter);
			break;
		}
	}
	cmark_iter_free(iter);
}

int
html_render(const char *source_name, cmark_node *doc, struct buf *out)
{
	struct html h;

	memset(&h, 0, sizeof(h));
	h.out = out;
	h.source = source_name;
	render(&h, doc);
	mdtree_ids_free(&h.ids);
	return h.status;
}

int
html_from_markdown(const char *source_name, const char *md, size_t len,
    struct buf *out)
{
	cmark_node *doc;
	int status;

	if ((doc = mdtree_parse(source_name, md, len)) == NULL)
		return -1;
	status = html_render(source_name, doc, out);
	cmark_node_free(doc);
	return status;
}
