/*
 * Locales: the labels a report prints and how it writes numbers, periods
 * and dates, read from templates/locale/<code>.yaml.  Part of the view: a
 * locale decides how the computed period reads as template data (the "t"
 * labels, money, percentages, periods); finding its file is left to the
 * template lookup (tmpl/templates.h).
 */
#ifndef SC_VIEW_LOCALE_H
#define SC_VIEW_LOCALE_H

#include <stdbool.h>
#include <stdint.h>

#include "model/calendar.h"
#include "tmpl/mustache.h"
#include "util/buf.h"

struct locale {
	char		*code;		/* "zh-CN" or "en" */
	char		*currency;	/* "¥" */
	bool		 wan;		/* large amounts in 万 */
	char		*percent;	/* "{n}%" */
	char		*month;		/* "{year}年{month}月" */
	char		*quarter;
	char		*year;
	char		*date;
	char		*page;
	struct tmpl_value *labels;	/* the "t" map templates see */
};

/* Loads templates/locale/<code>.yaml; 0 or a sysexits code (reported). */
int	 locale_load(struct locale *, const char *code);
void	 locale_free(struct locale *);
/* A label by key, or the key itself when the locale lacks it. */
const char *locale_label(const struct locale *, const char *key);

/* "¥1,234.50", "-¥50.00" */
void	 fmt_money(struct buf *, const struct locale *, int64_t cents);
/* Like fmt_money, but "¥123.46万" from 1,000,000 yuan where the locale says. */
void	 fmt_money_short(struct buf *, const struct locale *, int64_t cents);
/* A ratio as a percentage with the given decimals: 0.8634 -> "86.3%". */
void	 fmt_percent(struct buf *, const struct locale *, double ratio,
	    int decimals);
/* 1234567 -> "1,234,567" */
void	 fmt_count(struct buf *, long);
/* x with decimals, thousands separated: 1234.5 -> "1,234.50" */
void	 fmt_grouped(struct buf *, double, int decimals);
void	 fmt_period(struct buf *, const struct locale *, const struct period *);
void	 fmt_date(struct buf *, const struct locale *, sc_date);
void	 fmt_page(struct buf *, const struct locale *, int n, int m);

#endif
