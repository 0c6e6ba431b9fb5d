/*
 * The workbook reader of xlsx.h.
 *
 * The parts are found as Excel finds them: _rels/.rels names the
 * workbook, the workbook's rels name its sheets, shared strings and
 * styles.  The small parts (workbook, rels, styles) and the shared strings
 * are read whole into small tables; the sheet's XML streams through expat
 * and each row, once its cells are known, is handed to the table of
 * csvread.h.  Every part goes through one reading loop that counts the
 * bytes it inflates against the archive's directory and the bounds, and
 * one set of expat handlers that refuses a DTD (so entities) and bounds
 * the nesting and the size of a tag.
 */
#include <errno.h>
#include <expat.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <unistd.h>
#include <zip.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/utf8.h"
#include "model/calendar.h"
#include "input/xlsx.h"

#define BLOCK	(64 * 1024)

struct sheet_entry {
	char		*name;
	char		*rid;
};

struct rel {
	char		*id;
	char		*type;		/* the last segment: "worksheet" */
	char		*target;	/* resolved: "xl/worksheets/sheet1.xml" */
};

struct xlsx {
	const char	*path;		/* as shown */
	zip_t		*za;
	uint64_t	 inflated;
	bool		 failed;	/* a problem with the file reported */

	/* workbook.xml and its rels */
	char		*workbook;	/* its part name */
	bool		 date1904;
	struct sheet_entry *sheets;
	size_t		 nsheets;
	struct rel	*rels;
	size_t		 nrels;

	/* sharedStrings.xml: NUL-terminated strings at their offsets */
	struct buf	 sst;
	uint32_t	*sst_off;
	size_t		 nsst;

	/* styles.xml: what each cell format shows a number as */
	unsigned	*fmt_id;	/* custom number formats */
	unsigned char	*fmt_kind;
	size_t		 nfmt;
	unsigned	*xf_fmt;	/* cellXfs: numFmtId of each */
	size_t		 nxf;
	unsigned char	*xf_kind;
};

/* ---- the pieces ---- */

long
xlsx_column_index(const char *s, size_t n)
{
	long v = 0;
	size_t i;

	if (n == 0 || n > 3)
		return -1;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c < 'A' || c > 'Z')
			return -1;
		v = v * 26 + (c - 'A' + 1);
	}
	return v - 1 < XLSX_COLUMNS_MAX ? v - 1 : -1;
}

void
xlsx_column_letters(unsigned index, char out[4])
{
	char tmp[4];
	size_t n = 0, i;
	unsigned v = index + 1;

	while (v > 0 && n < 3) {
		tmp[n++] = (char)('A' + (v - 1) % 26);
		v = (v - 1) / 26;
	}
	for (i = 0; i < n; i++)
		out[i] = tmp[n - 1 - i];
	out[n] = '\0';
}

bool
xlsx_cell_ref(const char *s, unsigned *column, unsigned long *row)
{
	size_t n = 0, d;
	long c;
	unsigned long r = 0;

	while ((s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' && s[n] <= 'z'))
		n++;
	if ((c = xlsx_column_index(s, n)) < 0)
		return false;
	for (d = n; s[d] >= '0' && s[d] <= '9'; d++) {
		r = r * 10 + (unsigned long)(s[d] - '0');
		if (r > XLSX_ROWS_MAX)
			return false;
	}
	if (d == n || s[d] != '\0' || s[n] == '0' || r == 0)
		return false;
	*column = (unsigned)c;
	*row = r;
	return true;
}

enum xlsx_kind
xlsx_builtin_kind(unsigned id)
{
	if ((id >= 14 && id <= 17) || id == 27 || id == 28 || id == 29 ||
	    id == 30 || id == 31 || id == 36 || (id >= 50 && id <= 54) ||
	    id == 57 || id == 58)
		return XLSX_DATE;
	if (id == 22)
		return XLSX_DATETIME;
	if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47) ||
	    (id >= 32 && id <= 35) || (id >= 55 && id <= 56))
		return XLSX_TIME;
	return XLSX_NUMBER;
}

enum xlsx_kind
xlsx_format_kind(const char *code)
{
	bool date = false, time = false;
	const char *p, *e;

	for (p = code; *p != '\0'; p++) {
		switch (*p) {
		case '"':		/* literal text */
			if ((e = strchr(p + 1, '"')) == NULL)
				goto done;
			p = e;
			break;
		case '\\':		/* an escaped character */
		case '_':		/* the width of a character */
		case '*':		/* fill with a character */
			if (p[1] == '\0')
				goto done;
			p++;
			break;
		case '[':		/* [Red], [$-804], or [h] [mm] [ss] */
			if ((e = strchr(p + 1, ']')) == NULL)
				goto done;
			if (strspn(p + 1, "hHmMsS") == (size_t)(e - p - 1) &&
			    e > p + 1)
				time = true;
			p = e;
			break;
		case 'y': case 'Y': case 'd': case 'D': case 'e': case 'E':
			/* e: the year of an era; but "E+" is an exponent */
			if ((*p == 'e' || *p == 'E') && (p[1] == '+' ||
			    p[1] == '-'))
				break;
			date = true;
			break;
		case 'h': case 'H': case 's': case 'S':
			time = true;
			break;
		case 'm': case 'M':
			/* a month, unless beside hours or seconds; AM/PM is
			 * with hours anyway */
			date = true;
			break;
		case 'g': case 'G':	/* "General" holds e, n, r, a, l */
			if (strncasecmp(p, "general", 7) == 0)
				p += 6;
			break;
		case 'a': case 'A':	/* AM/PM, A/P */
			if (strncasecmp(p, "am/pm", 5) == 0)
				p += 4;
			else if (strncasecmp(p, "a/p", 3) == 0)
				p += 2;
			break;
		case 'b': case 'B':	/* B1, B2: a calendar */
			if (p[1] == '1' || p[1] == '2')
				p++;
			break;
		default:
			break;
		}
	}
done:
	/* "m" alone beside h or s is minutes: mm:ss, h:mm */
	if (time && date) {
		bool ymd = false;

		for (p = code; *p != '\0'; p++)
			if (strchr("yYdD", *p) != NULL)
				ymd = true;
		return ymd ? XLSX_DATETIME : XLSX_TIME;
	}
	return time ? XLSX_TIME : date ? XLSX_DATE : XLSX_NUMBER;
}

/* "1.5E-3" as "0.0015"; false when it is not a plain decimal number. */
static bool
plain_decimal(const char *v, char *out, size_t outsize)
{
	char digits[64];
	size_t nd = 0, i, o = 0;
	long point = -1, exp = 0, shift;
	bool neg = false, expneg = false;
	const char *p = v;

	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; (*p >= '0' && *p <= '9') || *p == '.'; p++) {
		if (*p == '.') {
			if (point >= 0)
				return false;
			point = (long)nd;
		} else if (nd < sizeof(digits))
			digits[nd++] = *p;
		else
			return false;
	}
	if (nd == 0)
		return false;
	if (point < 0)
		point = (long)nd;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			expneg = *p++ == '-';
		if (*p < '0' || *p > '9')
			return false;
		for (; *p >= '0' && *p <= '9'; p++)
			if ((exp = exp * 10 + (*p - '0')) > 400)
				return false;
	}
	if (*p != '\0')
		return false;
	shift = point + (expneg ? -exp : exp);	/* digits before the point */
	if (shift > 40 || shift < -40 || outsize < 100)
		return false;
	if (neg)
		out[o++] = '-';
	if (shift <= 0) {
		out[o++] = '0';
		out[o++] = '.';
		for (i = 0; i < (size_t)-shift; i++)
			out[o++] = '0';
		for (i = 0; i < nd; i++)
			out[o++] = digits[i];
	} else {
		for (i = 0; i < (size_t)shift || i < nd; i++) {
			if (i == (size_t)shift)
				out[o++] = '.';
			out[o++] = i < nd ? digits[i] : '0';
		}
	}
	out[o] = '\0';
	return true;
}

bool
xlsx_number_text(const char *v, enum xlsx_kind kind, bool date1904,
    char *out, size_t outsize)
{
	char *end;
	double x, day;
	long secs;
	sc_date d;
	char ymd[11];

	if (kind != XLSX_NUMBER) {
		errno = 0;
		x = strtod(v, &end);
		if (end == v || *end != '\0' || errno != 0 || x < 0 ||
		    x > 2958466.0)
			goto number;
		day = (double)(long)x;
		secs = (long)((x - day) * 86400.0 + 0.5);
		if (secs >= 86400) {
			day += 1;
			secs -= 86400;
		}
		if (kind == XLSX_TIME && day == 0) {
			snprintf(out, outsize, "%02ld:%02ld:%02ld", secs / 3600,
			    secs / 60 % 60, secs % 60);
			return true;
		}
		if (!date_from_serial((long)day, date1904, &d))
			goto number;
		date_format(d, ymd);
		if (kind == XLSX_DATE)
			snprintf(out, outsize, "%s", ymd);
		else
			snprintf(out, outsize, "%s %02ld:%02ld:%02ld", ymd,
			    secs / 3600, secs / 60 % 60, secs % 60);
		return true;
	}
number:
	if (!plain_decimal(v, out, outsize))
		snprintf(out, outsize, "%s", v);
	return kind == XLSX_NUMBER;
}

/* ---- reading a part: inflating with bounds, expat with bounds ---- */

struct xml;
typedef void (*xml_start_fn)(struct xml *, const char *,
    const char **);
typedef void (*xml_end_fn)(struct xml *, const char *);

struct xml {
	struct xlsx	*x;
	XML_Parser	 p;
	const char	*part;
	int		 depth;
	bool		 stop;		/* a problem reported: stop */
	XML_Index	 last_event;
	xml_start_fn	 start;
	xml_end_fn	 end;
	struct buf	*text;		/* character data goes here if set */
	size_t		 text_max;
	void		*arg;		/* the part's own state */
};

static void
part_fail(struct xml *m, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A problem that refuses the workbook, said once, with the part's name. */
static void
part_fail(struct xml *m, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	if (!m->stop) {
		va_start(ap, fmt);
		buf_vprintf(&msg, fmt, ap);
		va_end(ap);
		diag(DIAG_ERROR, m->x->path, 0, m->part, NULL, "%s",
		    buf_str(&msg));
		buf_free(&msg);
	}
	m->stop = true;
	m->x->failed = true;
	if (m->p != NULL)
		XML_StopParser(m->p, XML_FALSE);
}

/* The local part of an expat name "uri|local". */
static const char *
local(const char *name)
{
	const char *bar = strrchr(name, '|');

	return bar != NULL ? bar + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
	size_t i;

	for (i = 0; atts[i] != NULL; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

static void
on_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct xml *m = arg;

	if (m->stop)
		return;
	m->last_event = XML_GetCurrentByteIndex(m->p);
	if (++m->depth > XLSX_DEPTH_MAX) {
		part_fail(m, "XML nested deeper than %d elements",
		    XLSX_DEPTH_MAX);
		return;
	}
	if (m->start != NULL)
		m->start(m, local(name), atts);
}

static void
on_end(void *arg, const XML_Char *name)
{
	struct xml *m = arg;

	if (m->stop)
		return;
	m->last_event = XML_GetCurrentByteIndex(m->p);
	m->depth--;
	if (m->end != NULL)
		m->end(m, local(name));
}

static void
on_text(void *arg, const XML_Char *s, int n)
{
	struct xml *m = arg;

	if (m->stop)
		return;
	m->last_event = XML_GetCurrentByteIndex(m->p);
	if (m->text == NULL)
		return;
	if (m->text->len + (size_t)n > m->text_max) {
		part_fail(m, "a text longer than %zu bytes", m->text_max);
		return;
	}
	buf_put(m->text, s, (size_t)n);
}

static void
on_other(void *arg, const XML_Char *a, const XML_Char *b)
{
	struct xml *m = arg;

	(void)a;
	(void)b;
	if (!m->stop)
		m->last_event = XML_GetCurrentByteIndex(m->p);
}

static void
on_comment(void *arg, const XML_Char *s)
{
	on_other(arg, s, NULL);
}

/* No part of a workbook has a DTD: refusing one refuses entities. */
static void
on_doctype(void *arg, const XML_Char *name, const XML_Char *sys,
    const XML_Char *pub, int internal)
{
	(void)name;
	(void)sys;
	(void)pub;
	(void)internal;
	part_fail(arg, "a DTD (<!DOCTYPE>) in the XML: refused, a workbook "
	    "has none");
}

static void
on_entity(void *arg, const XML_Char *name, int param, const XML_Char *value,
    int len, const XML_Char *base, const XML_Char *sys, const XML_Char *pub,
    const XML_Char *notation)
{
	(void)name; (void)param; (void)value; (void)len; (void)base;
	(void)sys; (void)pub; (void)notation;
	part_fail(arg, "an XML entity declaration: refused");
}

static zip_int64_t
locate(struct xlsx *x, const char *name)
{
	zip_int64_t i = zip_name_locate(x->za, name, 0);

	return i >= 0 ? i : zip_name_locate(x->za, name, ZIP_FL_NOCASE);
}

/*
 * Streams the part name through expat with the handlers of m.  Returns
 * false when it is missing (nothing said) or refused (said).
 */
static bool
read_part(struct xml *m, const char *name, uint64_t limit)
{
	struct xlsx *x = m->x;
	zip_int64_t idx;
	zip_stat_t st;
	zip_file_t *zf;
	zip_int64_t n;
	uint64_t got = 0;
	char *block;
	bool ok = false;

	m->part = name;
	if ((idx = locate(x, name)) < 0)
		return false;
	zip_stat_init(&st);
	if (zip_stat_index(x->za, (zip_uint64_t)idx, 0, &st) != 0 ||
	    !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE)) {
		part_fail(m, "cannot read the archive's directory entry");
		return false;
	}
	if (st.size > limit) {
		part_fail(m, "%llu bytes inflated: more than the %llu allowed",
		    (unsigned long long)st.size, (unsigned long long)limit);
		return false;
	}
	if (st.size > XLSX_RATIO_FROM &&
	    st.size / (st.comp_size ? st.comp_size : 1) > XLSX_RATIO_MAX) {
		part_fail(m, "compressed more than %d to 1 (a zip bomb?)",
		    XLSX_RATIO_MAX);
		return false;
	}
	if ((zf = zip_fopen_index(x->za, (zip_uint64_t)idx, 0)) == NULL) {
		part_fail(m, "cannot open: %s", zip_strerror(x->za));
		return false;
	}
	m->p = XML_ParserCreateNS(NULL, '|');
	if (m->p == NULL) {
		zip_fclose(zf);
		part_fail(m, "out of memory");
		return false;
	}
	XML_SetUserData(m->p, m);
	XML_SetElementHandler(m->p, on_start, on_end);
	XML_SetCharacterDataHandler(m->p, on_text);
	XML_SetStartDoctypeDeclHandler(m->p, on_doctype);
	XML_SetEntityDeclHandler(m->p, on_entity);
	XML_SetProcessingInstructionHandler(m->p, on_other);
	XML_SetCommentHandler(m->p, on_comment);
	XML_SetParamEntityParsing(m->p, XML_PARAM_ENTITY_PARSING_NEVER);
	block = xmalloc(BLOCK);
	for (;;) {
		n = zip_fread(zf, block, BLOCK);
		if (n < 0) {
			part_fail(m, "cannot inflate: %s",
			    zip_error_strerror(zip_file_get_error(zf)));
			break;
		}
		got += (uint64_t)n;
		x->inflated += (uint64_t)n;
		if (got > st.size) {
			part_fail(m, "inflates to more than the %llu bytes the "
			    "archive's directory says (a zip bomb?)",
			    (unsigned long long)st.size);
			break;
		}
		if (x->inflated > XLSX_TOTAL_MAX) {
			part_fail(m, "the workbook inflates to more than %llu "
			    "bytes", (unsigned long long)XLSX_TOTAL_MAX);
			break;
		}
		if (got > XLSX_RATIO_FROM && got / (st.comp_size ?
		    st.comp_size : 1) > XLSX_RATIO_MAX) {
			part_fail(m, "compressed more than %d to 1 (a zip "
			    "bomb?)", XLSX_RATIO_MAX);
			break;
		}
		if (XML_Parse(m->p, block, (int)n, n == 0) ==
		    XML_STATUS_ERROR) {
			if (!m->stop)
				part_fail(m, "not well-formed XML: %s at line "
				    "%lu", XML_ErrorString(
				    XML_GetErrorCode(m->p)),
				    (unsigned long)
				    XML_GetCurrentLineNumber(m->p));
			break;
		}
		if (m->stop)
			break;
		/* what expat holds without an event: one tag */
		if (got - (uint64_t)m->last_event > XLSX_TOKEN_MAX + BLOCK) {
			part_fail(m, "an XML tag or comment longer than %u "
			    "bytes", XLSX_TOKEN_MAX);
			break;
		}
		if (n == 0) {
			if (got != st.size)
				part_fail(m, "inflates to %llu bytes, not the "
				    "%llu the archive's directory says",
				    (unsigned long long)got,
				    (unsigned long long)st.size);
			else
				ok = true;
			break;
		}
	}
	free(block);
	XML_ParserFree(m->p);
	m->p = NULL;
	zip_fclose(zf);
	return ok && !m->stop;
}

/* ---- relationships, workbook ---- */

/* target relative to the folder of the part base, as a part name. */
static char *
resolve(const char *base, const char *target)
{
	struct buf b = BUF_INIT;
	const char *slash, *seg;
	size_t n;

	if (target[0] == '/')
		target++;
	else if ((slash = strrchr(base, '/')) != NULL)
		buf_put(&b, base, (size_t)(slash - base + 1));
	buf_puts(&b, target);
	/* remove "./" and "x/../" segments */
	for (;;) {
		char *s = b.data, *p;

		if (s == NULL)
			break;
		if ((p = strstr(s, "/./")) != NULL) {
			memmove(p, p + 2, strlen(p + 2) + 1);
			b.len -= 2;
			continue;
		}
		if (strncmp(s, "./", 2) == 0) {
			memmove(s, s + 2, strlen(s + 2) + 1);
			b.len -= 2;
			continue;
		}
		if ((p = strstr(s, "/../")) != NULL) {
			seg = p;
			while (seg > s && seg[-1] != '/')
				seg--;
			n = (size_t)(p + 4 - seg);
			memmove((char *)seg, p + 4, strlen(p + 4) + 1);
			b.len -= n;
			continue;
		}
		break;
	}
	return buf_detach(&b);
}

struct rels_state {
	const char	*base;
};

static void
rels_start(struct xml *m, const char *name, const char **atts)
{
	struct rels_state *rs = m->arg;
	struct xlsx *x = m->x;
	const char *id = attr(atts, "Id"), *type = attr(atts, "Type"),
	    *target = attr(atts, "Target"), *mode = attr(atts, "TargetMode");
	const char *slash;
	struct rel *r;

	if (strcmp(name, "Relationship") != 0 || id == NULL ||
	    target == NULL || type == NULL ||
	    (mode != NULL && strcmp(mode, "External") == 0))
		return;
	if (strlen(target) > XLSX_TARGET_MAX)
		return;		/* no part has such a name: not found */
	if (x->nrels >= XLSX_RELS_MAX) {
		part_fail(m, "more than %d relationships", XLSX_RELS_MAX);
		return;
	}
	x->rels = xgrowarray(x->rels, x->nrels, sizeof(*x->rels));
	r = &x->rels[x->nrels++];
	r->id = xstrdup(id);
	slash = strrchr(type, '/');
	r->type = xstrdup(slash != NULL ? slash + 1 : type);
	r->target = resolve(rs->base, target);
}

static void
rels_free(struct xlsx *x)
{
	size_t i;

	for (i = 0; i < x->nrels; i++) {
		free(x->rels[i].id);
		free(x->rels[i].type);
		free(x->rels[i].target);
	}
	free(x->rels);
	x->rels = NULL;
	x->nrels = 0;
}

/* The rels of part into x->rels; false when refused. */
static bool
read_rels(struct xlsx *x, const char *part)
{
	struct rels_state rs = { part };
	struct xml m;
	const char *slash = strrchr(part, '/');
	struct buf name = BUF_INIT;
	bool ok;

	if (slash != NULL)
		buf_put(&name, part, (size_t)(slash - part + 1));
	buf_printf(&name, "_rels/%s.rels", slash != NULL ? slash + 1 : part);
	memset(&m, 0, sizeof(m));
	m.x = x;
	m.start = rels_start;
	m.arg = &rs;
	rels_free(x);
	ok = read_part(&m, name.data, XLSX_PART_MAX) || !x->failed;
	buf_free(&name);
	return ok;
}

static const struct rel *
rel_by_type(const struct xlsx *x, const char *type)
{
	size_t i;

	for (i = 0; i < x->nrels; i++)
		if (strcmp(x->rels[i].type, type) == 0)
			return &x->rels[i];
	return NULL;
}

static const struct rel *
rel_by_id(const struct xlsx *x, const char *id)
{
	size_t i;

	for (i = 0; i < x->nrels; i++)
		if (strcmp(x->rels[i].id, id) == 0)
			return &x->rels[i];
	return NULL;
}

static void
workbook_start(struct xml *m, const char *name, const char **atts)
{
	struct xlsx *x = m->x;
	const char *v;

	if (strcmp(name, "workbookPr") == 0 &&
	    (v = attr(atts, "date1904")) != NULL)
		x->date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
	else if (strcmp(name, "sheet") == 0 && attr(atts, "name") != NULL &&
	    attr(atts, "id") != NULL) {
		if (x->nsheets >= XLSX_SHEETS_MAX) {
			part_fail(m, "more than %d sheets", XLSX_SHEETS_MAX);
			return;
		}
		x->sheets = xgrowarray(x->sheets, x->nsheets,
		    sizeof(*x->sheets));
		x->sheets[x->nsheets].name = xstrdup(attr(atts, "name"));
		x->sheets[x->nsheets++].rid = xstrdup(attr(atts, "id"));
	}
}

/* ---- shared strings ---- */

struct sst_state {
	struct buf	 text;
	int		 phonetic;	/* inside <rPh>: not the value */
	bool		 in_si;
};

static void
sst_start(struct xml *m, const char *name, const char **atts)
{
	struct sst_state *ss = m->arg;

	(void)atts;
	if (strcmp(name, "si") == 0) {
		ss->in_si = true;
		buf_reset(&ss->text);
	} else if (strcmp(name, "rPh") == 0)
		ss->phonetic++;
	else if (strcmp(name, "t") == 0 && ss->in_si && ss->phonetic == 0)
		m->text = &ss->text;
}

static void
sst_end(struct xml *m, const char *name)
{
	struct sst_state *ss = m->arg;
	struct xlsx *x = m->x;

	if (strcmp(name, "t") == 0)
		m->text = NULL;
	else if (strcmp(name, "rPh") == 0)
		ss->phonetic--;
	else if (strcmp(name, "si") == 0 && ss->in_si) {
		ss->in_si = false;
		if (x->nsst >= XLSX_STRING_COUNT_MAX) {
			part_fail(m, "more than %u shared strings",
			    XLSX_STRING_COUNT_MAX);
			return;
		}
		if (x->sst.len + ss->text.len + 1 > XLSX_STRING_BYTES_MAX) {
			part_fail(m, "shared strings of more than %u bytes",
			    XLSX_STRING_BYTES_MAX);
			return;
		}
		x->sst_off = xgrowarray(x->sst_off, x->nsst,
		    sizeof(*x->sst_off));
		x->sst_off[x->nsst++] = (uint32_t)x->sst.len;
		buf_put(&x->sst, ss->text.data != NULL ? ss->text.data : "",
		    ss->text.len);
		buf_putc(&x->sst, '\0');
	}
}

/* ---- styles ---- */

struct styles_state {
	bool		 in_cellxfs;
};

static void
styles_start(struct xml *m, const char *name, const char **atts)
{
	struct styles_state *st = m->arg;
	struct xlsx *x = m->x;
	const char *id = attr(atts, "numFmtId"), *code;

	if (strcmp(name, "cellXfs") == 0)
		st->in_cellxfs = true;
	else if (strcmp(name, "numFmt") == 0 && id != NULL &&
	    (code = attr(atts, "formatCode")) != NULL) {
		if (x->nfmt >= XLSX_NUMFMTS_MAX) {
			part_fail(m, "more than %d number formats",
			    XLSX_NUMFMTS_MAX);
			return;
		}
		x->fmt_id = xgrowarray(x->fmt_id, x->nfmt,
		    sizeof(*x->fmt_id));
		x->fmt_kind = xgrowarray(x->fmt_kind, x->nfmt,
		    sizeof(*x->fmt_kind));
		x->fmt_id[x->nfmt] = (unsigned)strtoul(id, NULL, 10);
		x->fmt_kind[x->nfmt++] = (unsigned char)xlsx_format_kind(code);
	} else if (strcmp(name, "xf") == 0 && st->in_cellxfs) {
		if (x->nxf >= XLSX_STYLES_MAX) {
			part_fail(m, "more than %d cell formats",
			    XLSX_STYLES_MAX);
			return;
		}
		x->xf_fmt = xgrowarray(x->xf_fmt, x->nxf, sizeof(*x->xf_fmt));
		x->xf_fmt[x->nxf++] = id != NULL ?
		    (unsigned)strtoul(id, NULL, 10) : 0;
	}
}

static void
styles_end(struct xml *m, const char *name)
{
	struct styles_state *st = m->arg;

	if (strcmp(name, "cellXfs") == 0)
		st->in_cellxfs = false;
}

/* What each cell format shows a number as, once both lists are known. */
static void
styles_resolve(struct xlsx *x)
{
	size_t i, j;

	x->xf_kind = xcalloc(x->nxf ? x->nxf : 1, 1);
	for (i = 0; i < x->nxf; i++) {
		x->xf_kind[i] = (unsigned char)xlsx_builtin_kind(x->xf_fmt[i]);
		for (j = 0; j < x->nfmt; j++)
			if (x->fmt_id[j] == x->xf_fmt[i])
				x->xf_kind[i] = x->fmt_kind[j];
	}
}

/* ---- the sheet ---- */

enum cell_type { CT_NUMBER, CT_SHARED, CT_INLINE, CT_STR, CT_BOOL,
    CT_ERROR, CT_DATE };

struct merge {
	unsigned	 c1, c2;
	unsigned long	 r1, r2;
};

struct sheet_state {
	struct csv_table *t;
	const struct csv_column *columns;
	bool		 lenient;
	bool		 in_data;	/* inside <sheetData> */
	bool		 in_row;
	unsigned long	 row;		/* the current row's number */
	unsigned long	 header_row;	/* 0 until the header is read */
	unsigned long	 cells;
	/* the current cell */
	bool		 in_cell;
	unsigned	 col;		/* its column */
	long		 last_col;	/* of the row, -1 at its start */
	enum cell_type	 type;
	unsigned	 style;
	bool		 has_f, has_v;
	int		 in_is;		/* inside <is>, and <rPh> in it */
	int		 phonetic;
	struct buf	 v;		/* <v> or the inline string */
	struct buf	 f;		/* the start of the formula */
	/* the row's cells so far: text at off[col] when have[col] */
	struct buf	 values;
	size_t		*off;
	size_t		*len;
	bool		*have;
	size_t		 ncap;		/* columns the arrays hold */
	unsigned	 ncols;		/* 1 + the last column with a cell */
	bool		 row_bad;
	uint64_t	 text;		/* bytes of fields handed over */
	/* merged ranges that touch the header row */
	struct merge	 merged[4];
	size_t		 nmerged;
};

static void
row_begin(struct sheet_state *ss)
{
	buf_reset(&ss->values);
	if (ss->ncap > 0)
		memset(ss->have, 0, ss->ncap * sizeof(*ss->have));
	ss->ncols = 0;
	ss->last_col = -1;
	ss->row_bad = false;
}

/* A problem with one cell of a data row: the row is refused. */
static void
cell_problem(struct xml *m, struct sheet_state *ss, const char *value,
    const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
cell_problem(struct xml *m, struct sheet_state *ss, const char *value,
    const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	char letters[4];
	va_list ap;
	int k = csv_table_column(ss->t, ss->col);

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	if (ss->header_row == 0) {
		/* in the header: the file is refused */
		xlsx_column_letters(ss->col, letters);
		diag(DIAG_ERROR, m->x->path, (long)ss->row, NULL, value,
		    "cell %s%lu: %s", letters, ss->row, buf_str(&msg));
		csv_table_stop(ss->t);
	} else {
		if (ss->lenient)
			buf_puts(&msg, "; row skipped");
		diag(ss->lenient ? DIAG_WARNING : DIAG_ERROR, m->x->path,
		    (long)ss->row, k >= 0 ? ss->columns[k].name : NULL,
		    value, "%s", buf_str(&msg));
		ss->row_bad = true;
	}
	buf_free(&msg);
}

/* Room for the text of column col in the current row. */
static void
row_room(struct sheet_state *ss, unsigned col)
{
	size_t n = ss->ncap;

	if (col < n)
		return;
	while (n <= col)
		n = n ? 2 * n : 64;
	ss->off = xreallocarray(ss->off, n, sizeof(*ss->off));
	ss->len = xreallocarray(ss->len, n, sizeof(*ss->len));
	ss->have = xreallocarray(ss->have, n, sizeof(*ss->have));
	memset(ss->have + ss->ncap, 0, (n - ss->ncap) * sizeof(*ss->have));
	ss->ncap = n;
}

/* "2026-10-05T14:30:00" as "2026-10-05 14:30:00", midnight as the day. */
static void
iso_date_text(const char *v, char *out, size_t outsize)
{
	size_t i;

	snprintf(out, outsize, "%s", v);
	if (strlen(out) >= 19 && out[10] == 'T' &&
	    strncmp(out + 11, "00:00:00", 8) == 0 &&
	    (out[19] == '\0' || out[19] == 'Z' || out[19] == '.'))
		out[10] = '\0';
	for (i = 0; out[i] != '\0'; i++)
		if (out[i] == 'T')
			out[i] = ' ';
}

static void
cell_end(struct xml *m, struct sheet_state *ss)
{
	struct xlsx *x = m->x;
	char num[128], letters[4];
	const char *text = "", *v = ss->v.data != NULL ? ss->v.data : "";
	size_t width = csv_table_width(ss->t);
	bool header = ss->header_row == 0;
	unsigned long idx;
	char *end;

	ss->in_cell = false;
	m->text = NULL;
	if (header ? ss->col > CSV_FIELDS_MAX : ss->col >= width)
		return;		/* beyond the header: no column */
	if (ss->has_f && (!ss->has_v || (ss->v.len == 0 &&
	    ss->type != CT_STR && ss->type != CT_INLINE))) {
		if (header || csv_table_column(ss->t, ss->col) >= 0)
			cell_problem(m, ss, ss->f.data != NULL ? ss->f.data :
			    "", "a formula without a cached value: open the "
			    "workbook in Excel or LibreOffice and save it, so "
			    "that the value is stored");
		goto store;
	}
	switch (ss->type) {
	case CT_SHARED:
		if (ss->v.len == 0)
			break;
		errno = 0;
		idx = strtoul(v, &end, 10);
		if (*end != '\0' || errno != 0 || idx >= x->nsst) {
			xlsx_column_letters(ss->col, letters);
			part_fail(m, "cell %s%lu: shared string %s does not "
			    "exist (a damaged workbook)", letters, ss->row, v);
			return;
		}
		text = x->sst.data + x->sst_off[idx];
		break;
	case CT_BOOL:
		text = strcmp(v, "1") == 0 ? "TRUE" : strcmp(v, "0") == 0 ?
		    "FALSE" : v;
		break;
	case CT_DATE:
		iso_date_text(v, num, sizeof(num));
		text = num;
		break;
	case CT_NUMBER:
		if (ss->v.len == 0)
			break;
		xlsx_number_text(v, ss->style < x->nxf ?
		    (enum xlsx_kind)x->xf_kind[ss->style] : XLSX_NUMBER,
		    x->date1904, num, sizeof(num));
		text = num;
		break;
	default:		/* inline and formula strings, errors */
		text = v;
		break;
	}
store:
	/* a column that is not read needs only to be empty or not: a
	 * shared string repeated in every cell costs the file a few bytes */
	if (!header && csv_table_column(ss->t, ss->col) < 0 && *text != '\0')
		text = "x";
	if (header && ss->values.len + strlen(text) > XLSX_HEADER_MAX) {
		part_fail(m, "a header row of more than %u bytes",
		    XLSX_HEADER_MAX);
		return;
	}
	if ((ss->text += strlen(text)) > XLSX_TEXT_MAX) {
		part_fail(m, "cells holding more than %llu bytes of text",
		    (unsigned long long)XLSX_TEXT_MAX);
		return;
	}
	row_room(ss, ss->col);
	ss->off[ss->col] = ss->values.len;
	ss->len[ss->col] = strlen(text);
	ss->have[ss->col] = true;
	buf_put(&ss->values, text, strlen(text));
	buf_putc(&ss->values, '\0');
	if (ss->col + 1 > ss->ncols)
		ss->ncols = ss->col + 1;
}

static void
field_of(struct sheet_state *ss, unsigned col)
{
	if (col < ss->ncap && ss->have[col])
		csv_table_field(ss->t, ss->values.data + ss->off[col],
		    ss->len[col]);
	else
		csv_table_field(ss->t, "", 0);
}

static void
row_end(struct xml *m, struct sheet_state *ss)
{
	size_t i, width;
	char letters[4];
	bool any = false;

	ss->in_row = false;
	if (csv_table_stopped(ss->t))
		return;
	if (ss->header_row == 0) {
		/* rows before the header with nothing in them: blank lines */
		for (i = 0; i < ss->ncols && !any; i++)
			if (ss->have[i] && ss->len[i] > 0 &&
			    strspn(ss->values.data + ss->off[i], " \t\r\n") <
			    ss->len[i])
				any = true;
		if (!any)
			return;
		ss->header_row = ss->row;
		csv_table_row(ss->t, (long)ss->row);
		for (i = 0; i < ss->ncols; i++)
			field_of(ss, (unsigned)i);
		csv_table_row_end(ss->t);
		for (i = 0; i < csv_table_width(ss->t); i++)
			if (csv_table_column(ss->t, i) >= 0) {
				xlsx_column_letters((unsigned)i, letters);
				diag_sheet_column(m->x->path, ss->columns[
				    csv_table_column(ss->t, i)].name, letters);
			}
		return;
	}
	width = csv_table_width(ss->t);
	csv_table_row(ss->t, (long)ss->row);
	for (i = 0; i < width; i++)
		field_of(ss, (unsigned)i);
	if (ss->row_bad)
		csv_table_row_bad(ss->t);
	csv_table_row_end(ss->t);
}

static void
merge_cell(struct xml *m, struct sheet_state *ss, const char *ref)
{
	char a[16], b[16];
	const char *colon = strchr(ref, ':');
	struct merge g;

	if (colon == NULL || (size_t)(colon - ref) >= sizeof(a) ||
	    strlen(colon + 1) >= sizeof(b)) {
		part_fail(m, "a merged range that is not a range (%.20s)", ref);
		return;
	}
	memcpy(a, ref, (size_t)(colon - ref));
	a[colon - ref] = '\0';
	strcpy(b, colon + 1);
	if (!xlsx_cell_ref(a, &g.c1, &g.r1) || !xlsx_cell_ref(b, &g.c2,
	    &g.r2)) {
		part_fail(m, "a merged range that is not a range (%.20s)", ref);
		return;
	}
	if (ss->header_row == 0 || g.r1 > ss->header_row ||
	    g.r2 < ss->header_row)
		return;
	if (ss->nmerged < sizeof(ss->merged) / sizeof(ss->merged[0]))
		ss->merged[ss->nmerged++] = g;
}

static void
sheet_start(struct xml *m, const char *name, const char **atts)
{
	struct sheet_state *ss = m->arg;
	const char *r, *t, *s;
	unsigned long row;
	unsigned col;
	char *end;

	if (!ss->in_data) {
		if (strcmp(name, "sheetData") == 0)
			ss->in_data = true;
		else if (strcmp(name, "mergeCell") == 0 &&
		    (r = attr(atts, "ref")) != NULL)
			merge_cell(m, ss, r);
		return;
	}
	if (strcmp(name, "row") == 0) {
		row = ss->row + 1;
		if ((r = attr(atts, "r")) != NULL) {
			errno = 0;
			row = strtoul(r, &end, 10);
			if (*end != '\0' || errno != 0 || row == 0)
				row = 0;
		}
		if (row <= ss->row || row > XLSX_ROWS_MAX) {
			part_fail(m, "row %s out of order or beyond row %d",
			    r != NULL ? r : "?", XLSX_ROWS_MAX);
			return;
		}
		ss->row = row;
		ss->in_row = true;
		row_begin(ss);
		return;
	}
	if (!ss->in_row)
		return;
	if (strcmp(name, "c") == 0) {
		col = (unsigned)(ss->last_col + 1);
		if ((r = attr(atts, "r")) != NULL && (!xlsx_cell_ref(r, &col,
		    &row) || row != ss->row)) {
			part_fail(m, "cell reference %.20s in row %lu", r,
			    ss->row);
			return;
		}
		if ((long)col <= ss->last_col || col >= XLSX_COLUMNS_MAX) {
			part_fail(m, "cell %.20s out of order in row %lu",
			    r != NULL ? r : "?", ss->row);
			return;
		}
		if (++ss->cells > XLSX_CELLS_MAX) {
			part_fail(m, "more than %u cells", XLSX_CELLS_MAX);
			return;
		}
		ss->last_col = (long)col;
		ss->col = col;
		ss->in_cell = true;
		ss->has_f = ss->has_v = false;
		ss->in_is = ss->phonetic = 0;
		buf_reset(&ss->v);
		buf_reset(&ss->f);
		t = attr(atts, "t");
		ss->type = t == NULL || strcmp(t, "n") == 0 ? CT_NUMBER :
		    strcmp(t, "s") == 0 ? CT_SHARED :
		    strcmp(t, "inlineStr") == 0 ? CT_INLINE :
		    strcmp(t, "str") == 0 ? CT_STR :
		    strcmp(t, "b") == 0 ? CT_BOOL :
		    strcmp(t, "e") == 0 ? CT_ERROR :
		    strcmp(t, "d") == 0 ? CT_DATE : CT_STR;
		ss->style = (s = attr(atts, "s")) != NULL ?
		    (unsigned)strtoul(s, NULL, 10) : 0;
		return;
	}
	if (!ss->in_cell)
		return;
	if (strcmp(name, "v") == 0 && ss->in_is == 0) {
		ss->has_v = true;
		m->text = &ss->v;
		m->text_max = CSV_FIELD_MAX;
	} else if (strcmp(name, "f") == 0) {
		ss->has_f = true;
		m->text = &ss->f;
		m->text_max = CSV_FIELD_MAX;
	} else if (strcmp(name, "is") == 0)
		ss->in_is++;
	else if (strcmp(name, "rPh") == 0)
		ss->phonetic++;
	else if (strcmp(name, "t") == 0 && ss->in_is > 0 &&
	    ss->phonetic == 0) {
		ss->has_v = true;
		m->text = &ss->v;
		m->text_max = CSV_FIELD_MAX;
	}
}

static void
sheet_end(struct xml *m, const char *name)
{
	struct sheet_state *ss = m->arg;

	if (strcmp(name, "sheetData") == 0) {
		ss->in_data = false;
		return;
	}
	if (!ss->in_data)
		return;
	if (strcmp(name, "row") == 0 && ss->in_row)
		row_end(m, ss);
	else if (strcmp(name, "c") == 0 && ss->in_cell) {
		if (!csv_table_stopped(ss->t))
			cell_end(m, ss);
		ss->in_cell = false;
		m->text = NULL;
	} else if (strcmp(name, "v") == 0 || strcmp(name, "f") == 0 ||
	    strcmp(name, "t") == 0)
		m->text = NULL;
	else if (strcmp(name, "is") == 0 && ss->in_is > 0)
		ss->in_is--;
	else if (strcmp(name, "rPh") == 0 && ss->phonetic > 0)
		ss->phonetic--;
}

/* ---- the workbook ---- */

static void
xlsx_free(struct xlsx *x)
{
	size_t i;

	for (i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
	}
	free(x->sheets);
	rels_free(x);
	free(x->workbook);
	buf_free(&x->sst);
	free(x->sst_off);
	free(x->fmt_id);
	free(x->fmt_kind);
	free(x->xf_fmt);
	free(x->xf_kind);
	if (x->za != NULL)
		zip_discard(x->za);
}

/* Opens the archive, says what the file is when it is not one. */
static int
open_archive(struct xlsx *x)
{
	unsigned char magic[8];
	ssize_t n;
	int fd, err, zerr;
	zip_error_t ze;
	zip_int64_t i, count;
	zip_stat_t st;
	uint64_t total = 0;

	if ((fd = file_open(x->path, false, &err)) < 0) {
		if (err == ENOENT)
			return EX_NOINPUT;
		diag(DIAG_ERROR, x->path, 0, NULL, NULL, "cannot open: %s",
		    file_strerror(err));
		diag_set_exit(EX_NOINPUT);
		return EX_NOINPUT;
	}
	memset(magic, 0, sizeof(magic));
	n = pread(fd, magic, sizeof(magic), 0);
	if ((x->za = zip_fdopen(fd, ZIP_CHECKCONS, &zerr)) == NULL) {
		close(fd);
		if (n >= 4 && memcmp(magic, "\xd0\xcf\x11\xe0", 4) == 0)
			diag(DIAG_ERROR, x->path, 0, NULL, NULL, "not an xlsx "
			    "workbook but an Excel 97-2003 .xls file or a "
			    "workbook with a password: save it as Excel "
			    "Workbook (.xlsx) without a password");
		else if (n >= 2 && magic[0] == 'P' && magic[1] == 'K') {
			zip_error_init_with_code(&ze, zerr);
			diag(DIAG_ERROR, x->path, 0, NULL, NULL, "a damaged "
			    "xlsx workbook: %s", zip_error_strerror(&ze));
			zip_error_fini(&ze);
		} else
			diag(DIAG_ERROR, x->path, 0, NULL, NULL, "not an xlsx "
			    "workbook (not a zip archive): save it from Excel "
			    "as Excel Workbook (.xlsx), or give a CSV file the "
			    "name .csv");
		return EX_DATAERR;
	}
	count = zip_get_num_entries(x->za, 0);
	if (count < 0 || count > XLSX_ENTRIES_MAX) {
		diag(DIAG_ERROR, x->path, 0, NULL, NULL, "more than %d "
		    "entries in the archive", XLSX_ENTRIES_MAX);
		return EX_DATAERR;
	}
	for (i = 0; i < count; i++) {
		zip_stat_init(&st);
		if (zip_stat_index(x->za, (zip_uint64_t)i, 0, &st) == 0 &&
		    (st.valid & ZIP_STAT_SIZE))
			total += st.size;
		if (total > XLSX_TOTAL_MAX) {
			diag(DIAG_ERROR, x->path, 0, NULL, NULL, "the archive's "
			    "directory says its files inflate to more than "
			    "%llu bytes (a zip bomb?)",
			    (unsigned long long)XLSX_TOTAL_MAX);
			return EX_DATAERR;
		}
	}
	return 0;
}

/* The sheet to read, or NULL (said why). */
static const char *
choose_sheet(struct xlsx *x, const char *want, const char **name)
{
	const struct rel *r;
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < x->nsheets; i++) {
		r = rel_by_id(x, x->sheets[i].rid);
		if (want == NULL && (r == NULL ||
		    strcmp(r->type, "worksheet") != 0))
			continue;
		if (want != NULL && strcmp(x->sheets[i].name, want) != 0)
			continue;
		if (r == NULL || strcmp(r->type, "worksheet") != 0) {
			diag(DIAG_ERROR, x->path, 0, NULL, want, "the sheet "
			    "policy.yaml sheets: names is not a worksheet (a "
			    "chart sheet?)");
			return NULL;
		}
		*name = x->sheets[i].name;
		return r->target;
	}
	if (want != NULL && x->nsheets > 0) {
		for (i = 0; i < x->nsheets; i++)
			if (strcasecmp(x->sheets[i].name, want) == 0)
				return choose_sheet(x, x->sheets[i].name, name);
	}
	for (i = 0; i < x->nsheets; i++) {
		buf_puts(&b, i ? ", " : "");
		utf8_printable(&b, x->sheets[i].name,
		    strlen(x->sheets[i].name), 80);
	}
	if (want != NULL)
		diag(DIAG_ERROR, x->path, 0, NULL, want, "no such sheet, which "
		    "policy.yaml sheets: names; the workbook has: %s",
		    x->nsheets ? buf_str(&b) : "no sheets");
	else
		diag(DIAG_ERROR, x->path, 0, NULL, NULL,
		    "the workbook has no worksheet");
	buf_free(&b);
	return NULL;
}

int
xlsx_read_file(const char *path, const char *want,
    const struct csv_column *columns, size_t ncolumns,
    const struct column_rename *renames, size_t nrenames, bool lenient,
    csv_row_fn fn, void *arg, struct csv_info *info, char **format)
{
	struct xlsx x;
	struct xml m;
	struct sst_state sst;
	struct styles_state sty;
	struct sheet_state ss;
	const struct rel *r;
	const char *part, *name = NULL;
	struct buf b = BUF_INIT;
	char letters[2][4];
	size_t i;
	int status;

	memset(info, 0, sizeof(*info));
	*format = NULL;
	memset(&x, 0, sizeof(x));
	x.path = path;
	if ((status = open_archive(&x)) != 0)
		goto out;
	status = EX_DATAERR;

	/* the workbook, its sheets and their parts */
	if (!read_rels(&x, ""))
		goto out;
	r = rel_by_type(&x, "officeDocument");
	x.workbook = xstrdup(r != NULL ? r->target : "xl/workbook.xml");
	memset(&m, 0, sizeof(m));
	m.x = &x;
	m.start = workbook_start;
	if (!read_part(&m, x.workbook, XLSX_PART_MAX)) {
		if (!x.failed)
			diag(DIAG_ERROR, path, 0, NULL, NULL, "not an xlsx "
			    "workbook: the archive holds no %s", x.workbook);
		goto out;
	}
	if (!read_rels(&x, x.workbook))
		goto out;
	if ((part = choose_sheet(&x, want, &name)) == NULL)
		goto out;

	memset(&sst, 0, sizeof(sst));
	memset(&m, 0, sizeof(m));
	m.x = &x;
	m.start = sst_start;
	m.end = sst_end;
	m.text_max = CSV_FIELD_MAX;
	m.arg = &sst;
	r = rel_by_type(&x, "sharedStrings");
	if (!read_part(&m, r != NULL ? r->target : "xl/sharedStrings.xml",
	    XLSX_STRINGS_MAX) && x.failed) {
		buf_free(&sst.text);
		goto out;
	}
	buf_free(&sst.text);

	memset(&sty, 0, sizeof(sty));
	memset(&m, 0, sizeof(m));
	m.x = &x;
	m.start = styles_start;
	m.end = styles_end;
	m.arg = &sty;
	r = rel_by_type(&x, "styles");
	if (!read_part(&m, r != NULL ? r->target : "xl/styles.xml",
	    XLSX_PART_MAX) && x.failed)
		goto out;
	styles_resolve(&x);

	/* the sheet, row by row */
	diag_sheet(path, name);
	memset(&ss, 0, sizeof(ss));
	ss.columns = columns;
	ss.lenient = lenient;
	ss.t = csv_table_begin(path, columns, ncolumns, renames, nrenames,
	    lenient, fn, arg, info);
	memset(&m, 0, sizeof(m));
	m.x = &x;
	m.start = sheet_start;
	m.end = sheet_end;
	m.arg = &ss;
	if (!read_part(&m, part, XLSX_SHEET_MAX) && !x.failed) {
		diag(DIAG_ERROR, path, 0, NULL, name, "the workbook lacks the "
		    "part of this sheet (%s)", part);
		csv_table_stop(ss.t);
	}
	if (ss.nmerged > 0) {
		for (i = 0; i < ss.nmerged; i++) {
			xlsx_column_letters(ss.merged[i].c1, letters[0]);
			xlsx_column_letters(ss.merged[i].c2, letters[1]);
			buf_printf(&b, "%s%s%lu:%s%lu", i ? ", " : "",
			    letters[0], ss.merged[i].r1, letters[1],
			    ss.merged[i].r2);
		}
		diag(DIAG_ERROR, path, (long)ss.header_row, NULL, b.data,
		    "merged cells in the header row: each column needs a "
		    "header cell of its own (unmerge them; a title above the "
		    "header: delete its rows)");
		csv_table_stop(ss.t);
	}
	info->lines = (long)ss.row;
	if (x.failed)
		csv_table_stop(ss.t);	/* said: no "empty sheet" */
	status = csv_table_end(ss.t);
	if (x.failed)
		status = EX_DATAERR;
	buf_free(&ss.v);
	buf_free(&ss.f);
	buf_free(&ss.values);
	free(ss.off);
	free(ss.len);
	free(ss.have);
	buf_reset(&b);
	buf_puts(&b, "xlsx, sheet ");
	utf8_printable(&b, name, strlen(name), SIZE_MAX);
	*format = buf_detach(&b);
out:
	buf_free(&b);
	xlsx_free(&x);
	return status;
}
