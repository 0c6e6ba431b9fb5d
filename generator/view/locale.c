/*
 * Locale files and locale-aware formatting (see locale.h).  A user's
 * locale file is laid over the built-in one leaf by leaf.  Numbers are
 * rounded half away from zero, as everywhere in scorecard.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "util/alloc.h"
#include "util/diag.h"
#include "util/numfmt.h"
#include "util/yamltree.h"
#include "view/locale.h"
#include "tmpl/templates.h"

static char *
setting(const struct ynode *fmt, const char *key, const char *fallback)
{
	const char *s = ytree_text(ytree_get(fmt, key));

	return xstrdup(s != NULL ? s : fallback);
}

/*
 * Lays over onto base leaf by leaf: a mapping over a mapping is laid
 * entry by entry, anything else replaces base's entry; takes over's nodes.
 */
static void
overlay(struct ynode *base, struct ynode *over)
{
	struct ynode *b;
	size_t i;

	for (i = 0; i < over->n; i++) {
		b = ytree_get(base, over->keys[i]->scalar);
		if (b != NULL && b->type == Y_MAPPING &&
		    over->items[i]->type == Y_MAPPING) {
			overlay(b, over->items[i]);
			continue;
		}
		ytree_map_set(base, over->keys[i], over->items[i]);
		over->keys[i] = over->items[i] = NULL;
	}
}

/*
 * Reads and parses locale file name from one folder into *root (NULL when
 * the folder has none); *path is kept for the nodes' file names.
 */
static int
locale_read(enum template_dir which, const char *name, struct ynode **root,
    char **path)
{
	char *text;
	size_t len;
	bool missing;

	*root = NULL;
	*path = NULL;
	if ((text = template_read_in(which, name, &len, path, &missing)) ==
	    NULL)
		return missing ? 0 : EX_DATAERR;
	*root = ytree_parse(*path, text, len, 0);
	free(text);
	if (*root == NULL)
		return EX_DATAERR;
	if ((*root)->type != Y_MAPPING) {
		ytree_error(*root, "", "a locale is a mapping of keys "
		    "(format:, labels:)%s", "");
		return EX_DATAERR;
	}
	return 0;
}

/*
 * The built-in locale with the user's locale/<code>.yaml (--templates)
 * laid over it leaf by leaf (labels.x, format.y): a user's file may name
 * only the keys it changes.
 */
int
locale_load(struct locale *l, const char *code)
{
	struct buf name = BUF_INIT;
	struct ynode *root, *user, *fmt, *labels, *w;
	char *path, *upath;
	size_t len, i;
	int status;

	memset(l, 0, sizeof(*l));
	buf_printf(&name, "locale/%s.yaml", code);
	root = NULL;
	path = NULL;
	if ((status = locale_read(TEMPLATE_USER, name.data, &user,
	    &upath)) == 0)
		status = locale_read(TEMPLATE_BUILTIN, name.data, &root,
		    &path);
	if (status == 0 && root == NULL && user == NULL) {
		/* in neither folder: reported as a missing template is */
		free(template_read(name.data, &len, &path));
		status = EX_DATAERR;
	}
	buf_free(&name);
	if (status != 0) {
		ytree_free(root);
		ytree_free(user);
		free(path);
		free(upath);
		return status;
	}
	if (root == NULL) {
		root = user;
		user = NULL;
	} else if (user != NULL)
		overlay(root, user);
	fmt = ytree_get(root, "format");
	l->code = xstrdup(code);
	l->currency = setting(fmt, "currency", "¥");
	w = ytree_get(fmt, "wan");
	l->wan = w != NULL && w->type == Y_SCALAR &&
	    strcmp(w->scalar, "true") == 0;
	l->percent = setting(fmt, "percent", "{n}%");
	l->month = setting(fmt, "month", "{year}-{month}");
	l->quarter = setting(fmt, "quarter", "{year}-Q{q}");
	l->year = setting(fmt, "year", "{year}");
	l->date = setting(fmt, "date", "{year}-{month}-{day}");
	l->page = setting(fmt, "page", "{n} / {m}");
	l->labels = tmpl_map_new();
	labels = ytree_get(root, "labels");
	if (labels != NULL && labels->type == Y_MAPPING)
		for (i = 0; i < labels->n; i++)
			if (labels->items[i]->type == Y_SCALAR)
				tmpl_map_set_str(l->labels,
				    labels->keys[i]->scalar,
				    labels->items[i]->scalar);
	ytree_free(root);
	ytree_free(user);
	free(path);
	free(upath);
	return 0;
}

void
locale_free(struct locale *l)
{
	free(l->code);
	free(l->currency);
	free(l->percent);
	free(l->month);
	free(l->quarter);
	free(l->year);
	free(l->date);
	free(l->page);
	tmpl_value_free(l->labels);
	memset(l, 0, sizeof(*l));
}

const char *
locale_label(const struct locale *l, const char *key)
{
	const struct tmpl_value *v = tmpl_map_get(l->labels, key);

	return v != NULL && tmpl_value_type(v) == TMPL_STRING ?
	    tmpl_string(v) : key;
}

/* Thousands separators on the integer part of a formatted number. */
static void
group_digits(struct buf *b, const char *num)
{
	const char *p = num, *dot;
	size_t digits, i;

	if (*p == '-')
		buf_putc(b, *p++);
	dot = strchr(p, '.');
	digits = dot != NULL ? (size_t)(dot - p) : strlen(p);
	for (i = 0; i < digits; i++) {
		if (i > 0 && (digits - i) % 3 == 0)
			buf_putc(b, ',');
		buf_putc(b, p[i]);
	}
	if (dot != NULL)
		buf_puts(b, dot);
}

void
fmt_money(struct buf *b, const struct locale *l, int64_t cents)
{
	struct buf n = BUF_INIT;

	if (cents < 0)
		buf_putc(b, '-');
	buf_puts(b, l->currency);
	fmt_cents(&n, cents < 0 ? -cents : cents);
	group_digits(b, n.data);
	buf_free(&n);
}

void
fmt_money_short(struct buf *b, const struct locale *l, int64_t cents)
{
	int64_t a = cents < 0 ? -cents : cents;
	struct buf n = BUF_INIT;

	if (!l->wan || a < 100000000) {	/* below 1,000,000 yuan */
		fmt_money(b, l, cents);
		return;
	}
	if (cents < 0)
		buf_putc(b, '-');
	buf_puts(b, l->currency);
	fmt_ratio(&n, a, 1000000, 2);	/* in 万 (10,000 yuan) */
	group_digits(b, n.data);
	buf_puts(b, "万");
	buf_free(&n);
}

/* Replaces {key} in pattern by the values given in pairs. */
static void
substitute(struct buf *b, const char *pattern, const char *const *pairs)
{
	const char *p = pattern, *close;
	size_t i;

	while (*p != '\0') {
		if (*p == '{' && (close = strchr(p, '}')) != NULL) {
			for (i = 0; pairs[i] != NULL; i += 2)
				if (strlen(pairs[i]) == (size_t)(close - p - 1) &&
				    strncmp(p + 1, pairs[i], close - p - 1) == 0)
					break;
			if (pairs[i] != NULL) {
				buf_puts(b, pairs[i + 1]);
				p = close + 1;
				continue;
			}
		}
		buf_putc(b, *p++);
	}
}

void
fmt_percent(struct buf *b, const struct locale *l, double ratio, int decimals)
{
	struct buf n = BUF_INIT;
	const char *pairs[] = { "n", NULL, NULL };

	fmt_fixed(&n, ratio * 100.0, decimals);
	pairs[1] = n.data;
	substitute(b, l->percent, pairs);
	buf_free(&n);
}

void
fmt_count(struct buf *b, long v)
{
	char tmp[32];

	snprintf(tmp, sizeof(tmp), "%ld", v);
	group_digits(b, tmp);
}

void
fmt_grouped(struct buf *b, double v, int decimals)
{
	struct buf n = BUF_INIT;

	fmt_fixed(&n, v, decimals);
	group_digits(b, n.data);
	buf_free(&n);
}

static const char *const months_en[] = { "Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

void
fmt_period(struct buf *b, const struct locale *l, const struct period *p)
{
	char year[8], num[8];
	const char *pairs[] = { "year", year, "month", num, "q", num,
	    "mon", "", NULL };

	snprintf(year, sizeof(year), "%d", p->year % 10000);
	snprintf(num, sizeof(num), "%d", p->number % 100);
	if (p->kind == PERIOD_MONTH) {
		pairs[7] = months_en[(p->number - 1) % 12];
		substitute(b, l->month, pairs);
	} else if (p->kind == PERIOD_QUARTER)
		substitute(b, l->quarter, pairs);
	else
		substitute(b, l->year, pairs);
}

void
fmt_date(struct buf *b, const struct locale *l, sc_date d)
{
	char year[8], month[8], day[8];
	const char *pairs[] = { "year", year, "month", month, "day", day,
	    "mon", months_en[(DATE_M(d) + 11) % 12], NULL };

	snprintf(year, sizeof(year), "%d", DATE_Y(d) % 10000);
	snprintf(month, sizeof(month), "%d", DATE_M(d) % 100);
	snprintf(day, sizeof(day), "%d", DATE_D(d) % 100);
	substitute(b, l->date, pairs);
}

void
fmt_page(struct buf *b, const struct locale *l, int n, int m)
{
	char ns[16], ms[16];
	const char *pairs[] = { "n", ns, "m", ms, NULL };

	snprintf(ns, sizeof(ns), "%d", n);
	snprintf(ms, sizeof(ms), "%d", m);
	substitute(b, l->page, pairs);
}
