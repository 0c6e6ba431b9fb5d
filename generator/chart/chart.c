/*
 * Reading chart blocks into struct chart, and the helpers its layout
 * uses (see chart.h).  Reading validates everything the
 * drawing code relies on: after chart_parse() a chart has at least one
 * label and one series, every series has nlabels values, a radar has at
 * least three labels, stacked, radar and distribution values are not
 * negative, and every number is finite and below CHART_MAX_ABS.
 */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/numfmt.h"
#include "util/utf8.h"
#include "input/values.h"
#include "util/yamltree.h"
#include "chart/chart.h"

static const char *const kind_names[] = {
	[CHART_BAR] = "bar",
	[CHART_GROUPED_BAR] = "grouped_bar",
	[CHART_STACKED_BAR] = "stacked_bar",
	[CHART_LINE] = "line",
	[CHART_RADAR] = "radar",
	[CHART_DISTRIBUTION] = "distribution",
	NULL
};

static const char *const unit_names[] = {
	[CHART_COUNT] = "count",
	[CHART_MONEY] = "money",
	[CHART_PERCENT] = "percent",
	[CHART_SCORE] = "score",
	NULL
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

const char *
chart_kind_name(enum chart_kind kind)
{
	return kind_names[kind];
}

void
chart_yaml_quote(struct buf *b, const char *s, size_t len)
{
	size_t i = 0, k;
	uint32_t cp;

	buf_putc(b, '"');
	while (i < len) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0) {
			buf_puts(b, "\\uFFFD");	/* not UTF-8 */
			i++;
			continue;
		}
		if (cp == '"' || cp == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (int)cp);
		} else if (cp == '\n')
			buf_puts(b, "\\n");
		else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
		    cp == 0x2028 || cp == 0x2029 || cp == 0xfeff ||
		    cp == 0xfffe || cp == 0xffff)
			/* what YAML does not print, or reads as a break */
			buf_printf(b, "\\u%04X", (unsigned)cp);
		else
			buf_put(b, s + i, k);
		i += k;
	}
	buf_putc(b, '"');
}

/* ------------------------------------------------------------ reading */

struct reader {
	const char	*file;
	long		 fence_line;
	int		 errors;
	bool		 nonnegative;	/* values may not be below 0 */
	const char	*kind_name;
	/* where the keys are, for the checks made once all is read */
	long		 labels_line;
	long		 series_line;
	long		 target_line;
	long		 max_line;
};

static void
chart_error(struct reader *rd, long line, const char *value,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
chart_error(struct reader *rd, long line, const char *value,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vdiag(DIAG_ERROR, rd->file, line, "chart", value, fmt, ap);
	va_end(ap);
	rd->errors++;
}

/* A scalar's text, or NULL after an error naming what was expected. */
static const char *
scalar(struct reader *rd, const struct ynode *n, const char *what)
{
	const char *s = ytree_text(n);

	if (s == NULL)
		chart_error(rd, n->line, NULL, "%s must be a single value",
		    what);
	return s;
}

static char *
text(struct reader *rd, const struct ynode *n, const char *what)
{
	const char *s = scalar(rd, n, what);

	if (s == NULL)
		return NULL;
	if (strlen(s) > CHART_MAX_TEXT) {
		chart_error(rd, n->line, NULL, "%s longer than %d bytes",
		    what, CHART_MAX_TEXT);
		return NULL;
	}
	return xstrdup(s);
}

/* Reads a number or null into *v; false after an error. */
static bool
number(struct reader *rd, const struct ynode *n, const char *what,
    bool null_ok, struct chart_value *v)
{
	const char *s, *err;

	v->present = false;
	v->value = 0;
	if (ytree_is_null(n)) {
		if (null_ok)
			return true;
		chart_error(rd, n->line, NULL, "%s is missing", what);
		return false;
	}
	if ((s = scalar(rd, n, what)) == NULL)
		return false;
	if ((err = parse_decimal(s, strlen(s), &v->value)) != NULL) {
		chart_error(rd, n->line, s, "%s: %s", what, err);
		return false;
	}
	if (!isfinite(v->value) || fabs(v->value) > CHART_MAX_ABS) {
		chart_error(rd, n->line, s, "%s is too large", what);
		return false;
	}
	v->present = true;
	return true;
}

/* A list of nlabels numbers or nulls; NULL after an error. */
static struct chart_value *
value_list(struct reader *rd, const struct ynode *n, size_t nlabels,
    const char *what)
{
	struct chart_value *values;
	struct buf item = BUF_INIT;
	size_t i;
	bool ok = true;

	if (n->type != Y_SEQUENCE) {
		chart_error(rd, n->line, NULL,
		    "%s must be a list of numbers, one for each label", what);
		return NULL;
	}
	if (n->n != nlabels) {
		chart_error(rd, n->line, NULL,
		    "%s has %zu values for %zu labels", what, n->n, nlabels);
		return NULL;
	}
	values = xcalloc(nlabels > 0 ? nlabels : 1, sizeof(*values));
	for (i = 0; i < n->n; i++) {
		buf_reset(&item);
		buf_printf(&item, "value %zu of %s", i + 1, what);
		if (!number(rd, n->items[i], buf_str(&item), true,
		    &values[i]))
			ok = false;
		else if (rd->nonnegative && values[i].present &&
		    values[i].value < 0) {
			chart_error(rd, n->items[i]->line, n->items[i]->scalar,
			    "%s: a %s chart cannot show negative values",
			    buf_str(&item), rd->kind_name);
			ok = false;
		}
	}
	buf_free(&item);
	if (!ok) {
		free(values);
		return NULL;
	}
	return values;
}

static void
read_series(struct reader *rd, struct chart *c, const struct ynode *list)
{
	const struct ynode *item, *name, *values;
	struct buf what = BUF_INIT;
	size_t i, k;

	if (list->type != Y_SEQUENCE || list->n == 0) {
		chart_error(rd, list->line, NULL, "series must be a list of "
		    "entries with name: and values:");
		return;
	}
	if (list->n > CHART_MAX_SERIES) {
		chart_error(rd, list->line, NULL,
		    "%zu series, at most %d", list->n, CHART_MAX_SERIES);
		return;
	}
	c->series = xcalloc(list->n, sizeof(*c->series));
	c->nseries = list->n;
	for (i = 0; i < list->n; i++) {
		c->series[i].name = xstrdup("");
		item = list->items[i];
		if (item->type != Y_MAPPING) {
			chart_error(rd, item->line, NULL, "series %zu must "
			    "have name: and values:", i + 1);
			continue;
		}
		for (k = 0; k < item->n; k++)
			if (strcmp(item->keys[k]->scalar, "name") != 0 &&
			    strcmp(item->keys[k]->scalar, "values") != 0)
				chart_error(rd, item->keys[k]->line,
				    item->keys[k]->scalar, "unknown key in "
				    "series %zu (name, values)", i + 1);
		if ((name = ytree_get(item, "name")) != NULL &&
		    !ytree_is_null(name)) {
			char *s = text(rd, name, "a series name");

			if (s != NULL) {
				free(c->series[i].name);
				c->series[i].name = s;
			}
		}
		buf_reset(&what);
		if (c->series[i].name[0] != '\0')
			buf_printf(&what, "series \"%s\"", c->series[i].name);
		else
			buf_printf(&what, "series %zu", i + 1);
		if ((values = ytree_get(item, "values")) == NULL) {
			chart_error(rd, item->line, NULL, "%s has no values:",
			    buf_str(&what));
			continue;
		}
		if (c->nlabels > 0)
			c->series[i].values = value_list(rd, values,
			    c->nlabels, buf_str(&what));
	}
	buf_free(&what);
}

static void
read_target(struct reader *rd, struct chart *c, const struct ynode *n)
{
	struct chart_value one;
	size_t i;

	if (n->type == Y_SEQUENCE) {
		if ((c->target = value_list(rd, n, c->nlabels, "target"))
		    != NULL)
			c->target_kind = CHART_TARGET_EACH;
		return;
	}
	if (!number(rd, n, "target", false, &one))
		return;
	c->target = xcalloc(c->nlabels, sizeof(*c->target));
	for (i = 0; i < c->nlabels; i++)
		c->target[i] = one;
	c->target_kind = CHART_TARGET_ONE;
}

/* The checks that depend on the kind, once everything is read. */
static void
check_kind(struct reader *rd, struct chart *c)
{
	size_t i;
	const char *kind = kind_names[c->kind];

	if ((c->kind == CHART_BAR || c->kind == CHART_DISTRIBUTION) &&
	    c->nseries > 1)
		chart_error(rd, rd->series_line, kind, "this kind of chart has "
		    "one series, not %zu (grouped_bar and stacked_bar take "
		    "more)", c->nseries);
	if (c->kind == CHART_RADAR && c->nlabels < 3)
		chart_error(rd, rd->labels_line, kind,
		    "a radar chart needs at least 3 labels, not %zu",
		    c->nlabels);
	if (c->kind == CHART_DISTRIBUTION && c->target_kind != CHART_TARGET_NONE)
		chart_error(rd, rd->target_line, kind,
		    "a distribution has no target");
	if (c->kind == CHART_DISTRIBUTION && c->has_max)
		chart_error(rd, rd->max_line, kind,
		    "a distribution has no max");
	if (c->nseries > 1)
		for (i = 0; i < c->nseries; i++)
			if (c->series[i].name[0] == '\0')
				chart_error(rd, rd->series_line, NULL,
				    "series %zu has no name (the legend "
				    "needs one)", i + 1);
}

/* height: or width: (n, may be NULL) within lo..hi frame units. */
static void
frame_size(struct reader *rd, const struct ynode *n, const char *key,
    double lo, double hi, double *out)
{
	struct chart_value v;

	if (n == NULL || ytree_is_null(n) || !number(rd, n, key, false, &v))
		return;
	if (v.value < lo || v.value > hi)
		chart_error(rd, n->line, n->scalar, "%s must be %g to %g", key,
		    lo, hi);
	else
		*out = v.value;
}

struct chart *
chart_parse(const char *file, long fence_line, const char *body, size_t len)
{
	static const char *const keys[] = { "kind", "title", "unit",
	    "labels", "series", "values", "target", "target_name", "max",
	    "height", "width", "compact", NULL };
	static const char *const compacts[] = { "none", "wan", "thousands",
	    NULL };
	struct reader rd;
	struct chart *c;
	struct ynode *root;
	const struct ynode *n, *series, *values;
	const char *s;
	size_t i;
	int k;

	if ((root = ytree_parse(file, body, len, fence_line)) == NULL)
		return NULL;
	memset(&rd, 0, sizeof(rd));
	rd.file = file;
	rd.fence_line = fence_line;
	rd.labels_line = rd.series_line = rd.target_line = rd.max_line =
	    fence_line;
	c = xcalloc(1, sizeof(*c));
	c->line = fence_line;
	c->title = xstrdup("");
	c->target_name = xstrdup("");
	if (root->type != Y_MAPPING || root->n == 0) {
		chart_error(&rd, fence_line, NULL, "a chart block holds YAML "
		    "with kind:, labels: and series: (or values:)");
		goto out;
	}

	if ((n = ytree_get(root, "kind")) == NULL)
		chart_error(&rd, fence_line, NULL, "kind: is missing (bar, "
		    "grouped_bar, stacked_bar, line, radar, distribution)");
	else if ((s = scalar(&rd, n, "kind")) != NULL) {
		if ((k = ytree_index(s, kind_names)) >= 0) {
			c->kind = (enum chart_kind)k;
			rd.kind_name = kind_names[k];
			rd.nonnegative = c->kind == CHART_STACKED_BAR ||
			    c->kind == CHART_RADAR ||
			    c->kind == CHART_DISTRIBUTION;
		}
		else
			chart_error(&rd, n->line, s, "unknown chart kind "
			    "(bar, grouped_bar, stacked_bar, line, radar, "
			    "distribution)");
	}
	if ((n = ytree_get(root, "unit")) != NULL &&
	    (s = scalar(&rd, n, "unit")) != NULL) {
		if ((k = ytree_index(s, unit_names)) >= 0)
			c->unit = (enum chart_unit)k;
		else
			chart_error(&rd, n->line, s, "unknown unit (money, "
			    "percent, count, score)");
	}
	if ((n = ytree_get(root, "title")) != NULL && !ytree_is_null(n) &&
	    (s = text(&rd, n, "the title")) != NULL) {
		free(c->title);
		c->title = (char *)s;
	}

	if ((n = ytree_get(root, "labels")) == NULL)
		chart_error(&rd, fence_line, NULL, "labels: is missing");
	else if (n->type != Y_SEQUENCE || n->n == 0)
		chart_error(&rd, n->line, NULL,
		    "labels must be a list of names");
	else if (n->n > CHART_MAX_LABELS)
		chart_error(&rd, n->line, NULL, "%zu labels, at most %d",
		    n->n, CHART_MAX_LABELS);
	else {
		c->labels = xcalloc(n->n, sizeof(*c->labels));
		c->nlabels = n->n;
		for (i = 0; i < n->n; i++) {
			if (ytree_is_null(n->items[i]))
				chart_error(&rd, n->items[i]->line, NULL,
				    "label %zu is empty", i + 1);
			else
				c->labels[i] = text(&rd, n->items[i],
				    "a label");
			if (c->labels[i] == NULL)
				c->labels[i] = xstrdup("");
		}
	}

	series = ytree_get(root, "series");
	values = ytree_get(root, "values");
	if (series != NULL || values != NULL)
		rd.series_line = (series != NULL ? series : values)->line;
	if ((n = ytree_get(root, "labels")) != NULL)
		rd.labels_line = n->line;
	if ((n = ytree_get(root, "target")) != NULL)
		rd.target_line = n->line;
	if ((n = ytree_get(root, "max")) != NULL)
		rd.max_line = n->line;
	if (series != NULL && values != NULL)
		chart_error(&rd, values->line, NULL, "give either series: or "
		    "values:, not both");
	else if (series != NULL)
		read_series(&rd, c, series);
	else if (values != NULL) {
		c->series = xcalloc(1, sizeof(*c->series));
		c->nseries = 1;
		c->series[0].name = xstrdup("");
		if (c->nlabels > 0)
			c->series[0].values = value_list(&rd, values,
			    c->nlabels, "values");
	} else
		chart_error(&rd, fence_line, NULL,
		    "series: (or values:) is missing");

	if ((n = ytree_get(root, "target")) != NULL && !ytree_is_null(n) &&
	    c->nlabels > 0)
		read_target(&rd, c, n);
	if ((n = ytree_get(root, "target_name")) != NULL &&
	    !ytree_is_null(n) && (s = text(&rd, n, "target_name")) != NULL) {
		free(c->target_name);
		c->target_name = (char *)s;
		if (ytree_get(root, "target") == NULL)
			chart_error(&rd, n->line, NULL,
			    "target_name without a target");
	}
	if ((n = ytree_get(root, "max")) != NULL && !ytree_is_null(n)) {
		struct chart_value v;

		if (number(&rd, n, "max", false, &v)) {
			if (v.value <= 0)
				chart_error(&rd, n->line, n->scalar,
				    "max must be above 0");
			c->has_max = true;
			c->max = v.value;
		}
	}
	frame_size(&rd, ytree_get(root, "height"), "height", CHART_MIN_HEIGHT,
	    CHART_MAX_HEIGHT, &c->height);
	frame_size(&rd, ytree_get(root, "width"), "width", CHART_MIN_WIDTH,
	    CHART_MAX_WIDTH, &c->width);
	if ((n = ytree_get(root, "compact")) != NULL &&
	    (s = scalar(&rd, n, "compact")) != NULL) {
		if ((k = ytree_index(s, compacts)) >= 0)
			c->compact = (enum chart_compact)k;
		else
			chart_error(&rd, n->line, s, "unknown compact form "
			    "(none, wan, thousands)");
	}
	for (i = 0; i < root->n; i++)
		if (ytree_index(root->keys[i]->scalar, keys) < 0)
			chart_error(&rd, root->keys[i]->line,
			    root->keys[i]->scalar, "unknown chart key (kind, "
			    "title, unit, labels, series, values, target, "
			    "target_name, max, height, width, compact)");
	if (rd.errors == 0)
		check_kind(&rd, c);
out:
	ytree_free(root);
	if (rd.errors > 0) {
		chart_free(c);
		return NULL;
	}
	return c;
}

void
chart_free(struct chart *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nlabels; i++)
		free(c->labels[i]);
	free(c->labels);
	for (i = 0; i < c->nseries; i++) {
		free(c->series[i].name);
		free(c->series[i].values);
	}
	free(c->series);
	free(c->target);
	free(c->target_name);
	free(c->title);
	free(c);
}

/* ---------------------------------------------------------------- axis */

double
chart_stack_total(const struct chart *c, size_t label)
{
	double sum = 0;
	size_t i;

	for (i = 0; i < c->nseries; i++)
		if (c->series[i].values[label].present)
			sum += c->series[i].values[label].value;
	return sum;
}

static void
widen(double v, double *lo, double *hi, bool *any)
{
	if (!*any || v < *lo)
		*lo = v;
	if (!*any || v > *hi)
		*hi = v;
	*any = true;
}

/* The range of the values the axis must show. */
static void
data_range(const struct chart *c, double *lo, double *hi)
{
	size_t i, j;
	bool any = false;

	*lo = *hi = 0;
	for (j = 0; j < c->nlabels; j++) {
		switch (c->kind) {
		case CHART_STACKED_BAR:
			widen(chart_stack_total(c, j), lo, hi, &any);
			break;
		case CHART_DISTRIBUTION:
			break;
		default:
			for (i = 0; i < c->nseries; i++)
				if (c->series[i].values[j].present)
					widen(c->series[i].values[j].value,
					    lo, hi, &any);
			break;
		}
		if (c->target_kind != CHART_TARGET_NONE &&
		    c->target[j].present)
			widen(c->target[j].value, lo, hi, &any);
	}
	if (c->kind == CHART_DISTRIBUTION) {
		*lo = 0;
		*hi = 0;
		for (j = 0; j < c->nlabels; j++)
			if (c->series[0].values[j].present)
				*hi += c->series[0].values[j].value;
	}
	if (c->has_max)
		widen(c->max, lo, hi, &any);
	/* zero inside, except for a line that stays well above it */
	if (c->kind != CHART_LINE || *lo <= 0 || *lo < *hi / 3)
		widen(0, lo, hi, &any);
	if (*hi - *lo <= 0) {
		if (*lo == 0)
			*hi = 1;
		else
			*lo = 0;	/* one positive value: from 0 */
	}
	if (*hi - *lo <= 0)
		*lo = *hi - 1;		/* one negative value */
}

void
chart_axis(const struct chart *c, struct chart_axis *a)
{
	static const double factors[] = { 1, 2, 2.5, 5, 10 };
	double lo, hi, raw, mag, f, step;
	int e, decimals;
	size_t i;

	data_range(c, &lo, &hi);
	raw = (hi - lo) / 5;
	e = (int)floor(log10(raw));
	mag = pow(10, e);
	f = raw / mag;
	for (i = 0; i < NELEM(factors) - 1; i++)
		if (factors[i] >= f - 1e-9)
			break;
	f = factors[i];
	if (f == 10) {
		f = 1;
		e++;
		mag = pow(10, e);
	}
	step = f * mag;
	decimals = -e + (f == 2.5 ? 1 : 0);
	if (decimals < 0)
		decimals = 0;
	a->step = step;
	a->min = floor(lo / step + 1e-9) * step;
	a->max = ceil(hi / step - 1e-9) * step;
	a->nticks = (size_t)floor((a->max - a->min) / step + 0.5) + 1;
	a->decimals = decimals;
	/* the same rounding as the tick labels, so that 0.30000000000000004
	 * is 0.3 */
	a->min = chart_axis_tick(a, 0);
	a->max = chart_axis_tick(a, a->nticks - 1);
}

double
chart_axis_tick(const struct chart_axis *a, size_t i)
{
	double v = a->min + (double)i * a->step;
	double scale = pow(10, a->decimals + 2);

	v = floor(v * scale + 0.5) / scale;
	return v == 0 ? 0 : v;	/* no -0 */
}

/* ---------------------------------------------------------- numbers */

/* Appends a fixed-point number with "," between groups of three digits. */
static void
grouped(struct buf *b, double v, int decimals)
{
	struct buf tmp = BUF_INIT;
	const char *s, *point;
	size_t digits, i;

	fmt_fixed(&tmp, v, decimals);
	s = buf_str(&tmp);
	if (*s == '-')
		buf_putc(b, *s++);
	point = strchr(s, '.');
	digits = point != NULL ? (size_t)(point - s) : strlen(s);
	for (i = 0; i < digits; i++) {
		if (i > 0 && (digits - i) % 3 == 0)
			buf_putc(b, ',');
		buf_putc(b, s[i]);
	}
	buf_puts(b, s + digits);
	buf_free(&tmp);
}

void
chart_format_value(struct buf *b, const struct chart *c, double v)
{
	switch (c->unit) {
	case CHART_PERCENT:
		fmt_fixed(b, v * 100, 1);
		buf_putc(b, '%');
		break;
	case CHART_MONEY:
		grouped(b, v, fabs(v) >= 100 ? 0 : 2);
		break;
	case CHART_SCORE:
		fmt_fixed(b, v, 1);
		break;
	case CHART_COUNT:
		grouped(b, v, v == floor(v) ? 0 : 1);
		break;
	}
}

void
chart_format_compact(struct buf *b, const struct chart *c, double v)
{
	static const struct {
		double		 unit;
		const char	*suffix;
	} wan[] = { { 1e8, "\xe4\xba\xbf" }, { 1e4, "\xe4\xb8\x87" } },
	    thousands[] = { { 1e9, "B" }, { 1e6, "M" }, { 1e3, "K" } };
	const double a = fabs(v);
	size_t i, n = 0, start;
	const void *t = NULL;
	double q;

	if (c->unit == CHART_MONEY || c->unit == CHART_COUNT) {
		if (c->compact == CHART_COMPACT_WAN) {
			t = wan;
			n = 2;
		} else if (c->compact == CHART_COMPACT_THOUSANDS) {
			t = thousands;
			n = 3;
		}
	}
	for (i = 0; i < n; i++) {
		double u = t == wan ? wan[i].unit : thousands[i].unit;
		const char *sfx = t == wan ? wan[i].suffix :
		    thousands[i].suffix;

		if (a < u)
			continue;
		/* 亿 and 万; three significant digits at most: 379.5万 is 380万 */
		q = v / u;
		start = b->len;
		fmt_fixed(b, q, fabs(q) >= 100 ? 0 : fabs(q) >= 10 ? 1 : 2);
		/* 3.80M reads 3.8M, 5.00M 5M */
		if (memchr(b->data + start, '.', b->len - start) != NULL) {
			while (b->len > start && b->data[b->len - 1] == '0')
				b->len--;
			if (b->data[b->len - 1] == '.')
				b->len--;
			b->data[b->len] = '\0';
		}
		buf_puts(b, sfx);
		return;
	}
	chart_format_value(b, c, v);
}

void
chart_format_tick(struct buf *b, const struct chart *c,
    const struct chart_axis *a, double v)
{
	int d = a->decimals;

	/* 5,000,000 as 500万 beside value labels in the same form */
	if (c->compact != CHART_COMPACT_NONE && fabs(v) >= 1e4 &&
	    (c->unit == CHART_MONEY || c->unit == CHART_COUNT)) {
		chart_format_compact(b, c, v);
		return;
	}
	if (c->unit == CHART_PERCENT) {
		d = d > 2 ? d - 2 : 0;
		fmt_fixed(b, v * 100, d);
		buf_putc(b, '%');
	} else
		grouped(b, v, d);
}

/* ----------------------------------------------------------- colours */

static const char *const palette[CHART_MAX_SERIES] = {
	"#3b6fb6",	/* blue */
	"#e8903a",	/* orange */
	"#3f9e6e",	/* green */
	"#c9514a",	/* red */
	"#7d62b3",	/* purple */
	"#2ea3b7",	/* teal */
	"#b0873a",	/* ochre */
	"#d0649b",	/* pink */
	"#6f7f8f",	/* slate */
	"#8fb443",	/* lime */
	"#4a4fa8",	/* indigo */
	"#a0522d"	/* sienna */
};

const char *
chart_series_color(size_t i)
{
	return palette[i % CHART_MAX_SERIES];
}

const char *
chart_label_color(const struct chart *c, size_t label)
{
	static const struct {
		const char *name, *color;
	} tiers[] = {
		{ "S", "#c49a1a" }, { "A", "#2e8b57" }, { "B", "#3b6fb6" },
		{ "C", "#e07b24" }, { "D", "#c8413b" }
	};
	size_t i;

	if (c->kind == CHART_DISTRIBUTION)
		for (i = 0; i < NELEM(tiers); i++)
			if (strcmp(c->labels[label], tiers[i].name) == 0)
				return tiers[i].color;
	return palette[label % CHART_MAX_SERIES];
}
