/*
 * The input stage (see workspace.h): policy.yaml first (it names roles,
 * KPIs and column renames), then team.csv (everything else refers to its
 * people), then the other CSV files, sales.csv streamed, and the cases.
 * Each row handler checks every field of its row and reports all problems
 * of the row; a row with a problem is refused (skipped with --lenient).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/utf8.h"
#include "input/cases.h"
#include "input/csvread.h"
#include "input/policy.h"
#include "input/salespipe.h"
#include "input/values.h"
#include "input/workspace.h"
#include "input/xlsx.h"

struct rowctx {
	struct workspace	*ws;
	const struct csv_row	*row;
	bool			 bad;
	const struct sales_sink	*sink;
	struct form_notes	*notes;	/* NULL: the workspace's */
};

const char *
workspace_team_file(const struct workspace *ws)
{
	const char *path = ws->files[FILE_TEAM].path, *slash;

	if (path == NULL)
		return "team.csv";
	slash = strrchr(path, '/');
	return slash != NULL ? slash + 1 : path;
}

static void
row_problem(struct rowctx *c, size_t col, const char *value,
    const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Reports a problem in one field; the row will be refused. */
static void
row_problem(struct rowctx *c, size_t col, const char *value,
    const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	if (c->ws->lenient)
		buf_puts(&msg, "; row skipped");
	diag(c->ws->lenient ? DIAG_WARNING : DIAG_ERROR, c->row->path,
	    c->row->line, c->row->columns[col].name, value, "%s", msg.data);
	buf_free(&msg);
	c->bad = true;
}

/* The trimmed text of a field ("" when the column is absent). */
static const char *
field(const struct rowctx *c, size_t col, size_t *n)
{
	const char *s = c->row->field[col];

	if (s == NULL) {
		*n = 0;
		return "";
	}
	*n = c->row->len[col];
	trim(&s, n);
	return s;
}

static char *
field_dup(const struct rowctx *c, size_t col)
{
	size_t n;
	const char *s = field(c, col, &n);

	return xstrndup(s, n);
}

static bool
field_empty(const struct rowctx *c, size_t col)
{
	size_t n;

	field(c, col, &n);
	return n == 0;
}

static bool
need(struct rowctx *c, size_t col)
{
	if (!field_empty(c, col))
		return true;
	row_problem(c, col, NULL, "empty value");
	return false;
}

/*
 * A value written in a form that takes some reading (a serial date, 万, a
 * percentage, a zone offset): said once per file, column and form, with
 * the first one and how many more (docs/input.md §2).
 */
struct form_note {
	size_t		 column;
	enum value_form	 form;
	long		 line;		/* of the first */
	char		*value;		/* the first, as written */
	char		*read;		/* and what it was read as */
	long		 more;
};

static void
note_form(struct rowctx *c, size_t col, enum value_form form, const char *s,
    size_t n, const char *read)
{
	struct form_notes *notes = c->notes != NULL ? c->notes :
	    &c->ws->form_notes;
	struct form_note *f;
	size_t i;

	if (form == FORM_PLAIN)
		return;
	for (i = 0; i < notes->n; i++)
		if (notes->v[i].column == col && notes->v[i].form == form) {
			notes->v[i].more++;
			return;
		}
	notes->v = xgrowarray(notes->v, notes->n, sizeof(*notes->v));
	f = &notes->v[notes->n++];
	f->column = col;
	f->form = form;
	f->line = c->row->line;
	f->value = xstrndup(s, n);
	f->read = xstrdup(read);
	f->more = 0;
}

/*
 * The notes of a part of the file read apart (a chunk of sales.csv) laid
 * after the notes so far: the first of each form stays the first, the
 * counts add up.  from is emptied.
 */
static void
form_notes_merge(struct form_notes *into, struct form_notes *from,
    long line_offset)
{
	struct form_note *f;
	size_t i, j;

	for (j = 0; j < from->n; j++) {
		f = &from->v[j];
		for (i = 0; i < into->n; i++)
			if (into->v[i].column == f->column &&
			    into->v[i].form == f->form)
				break;
		if (i < into->n) {
			into->v[i].more += 1 + f->more;
			free(f->value);
			free(f->read);
			continue;
		}
		into->v = xgrowarray(into->v, into->n, sizeof(*into->v));
		into->v[into->n] = *f;
		into->v[into->n++].line += line_offset;
	}
	free(from->v);
	from->v = NULL;
	from->n = 0;
}

/* The notes of note_form() for the file at path, said and forgotten. */
static void
form_notes_flush(struct workspace *ws, const char *path,
    const struct csv_column *cols)
{
	struct form_note *f;
	struct buf v = BUF_INIT, more = BUF_INIT;
	size_t i;

	for (i = 0; i < ws->form_notes.n; i++) {
		f = &ws->form_notes.v[i];
		buf_reset(&v);
		buf_reset(&more);
		utf8_printable(&v, f->value, strlen(f->value), 80);
		if (f->more > 0)
			buf_printf(&more, "; %ld more like it", f->more);
		switch (f->form) {
		case FORM_SERIAL:
			diag(DIAG_NOTE, path, f->line, cols[f->column].name,
			    NULL, "%s read as a spreadsheet serial date: %s%s",
			    buf_str(&v), f->read, buf_str(&more));
			break;
		case FORM_ZONE:
			diag(DIAG_NOTE, path, f->line, cols[f->column].name,
			    NULL, "%s read as %s, the date as written: the "
			    "time zone is ignored%s", buf_str(&v), f->read,
			    buf_str(&more));
			break;
		case FORM_WAN:
			diag(DIAG_NOTE, path, f->line, cols[f->column].name,
			    NULL, "%s read as %s (万 = 10,000)%s", buf_str(&v),
			    f->read, buf_str(&more));
			break;
		default:
			diag(DIAG_NOTE, path, f->line, cols[f->column].name,
			    NULL, "%s read as %s%s", buf_str(&v), f->read,
			    buf_str(&more));
			break;
		}
		free(f->value);
		free(f->read);
	}
	free(ws->form_notes.v);
	ws->form_notes.v = NULL;
	ws->form_notes.n = 0;
	buf_free(&v);
	buf_free(&more);
}

/* cents as "12,000.00", for a note. */
static void
cents_text(int64_t cents, char *out, size_t size)
{
	char digits[32], *o = out;
	uint64_t u = cents < 0 ? (uint64_t)0 - (uint64_t)cents :
	    (uint64_t)cents;
	size_t n, i;

	n = (size_t)snprintf(digits, sizeof(digits), "%llu",
	    (unsigned long long)(u / 100));
	if (cents < 0)
		*o++ = '-';
	for (i = 0; i < n && (size_t)(o - out) + 8 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			*o++ = ',';
		*o++ = digits[i];
	}
	snprintf(o, size - (size_t)(o - out), ".%02u", (unsigned)(u % 100));
}

static bool
get_date(struct rowctx *c, size_t col, sc_date *d)
{
	size_t n;
	const char *s = field(c, col, &n), *err;
	enum value_form form;
	char day[11];

	if (!need(c, col))
		return false;
	if ((err = parse_date_form(s, n, d, &form)) != NULL) {
		row_problem(c, col, c->row->field[col], "%s", err);
		return false;
	}
	if (form != FORM_PLAIN) {
		date_format(*d, day);
		note_form(c, col, form, s, n, day);
	}
	return true;
}

static bool
get_period(struct rowctx *c, size_t col, struct period *p)
{
	size_t n;
	const char *s = field(c, col, &n), *err;

	if (!need(c, col))
		return false;
	if ((err = parse_period(s, n, p)) != NULL) {
		row_problem(c, col, c->row->field[col], "%s", err);
		return false;
	}
	return true;
}

static bool
get_id(struct rowctx *c, size_t col)
{
	size_t n;
	const char *s = field(c, col, &n), *err;

	if (!need(c, col))
		return false;
	if ((err = check_id(s, n)) != NULL) {
		row_problem(c, col, c->row->field[col], "%s", err);
		return false;
	}
	return true;
}

/* A person known from team.csv, by the rep_id in column col. */
static bool
get_person(struct rowctx *c, size_t col, size_t *person)
{
	size_t n;
	const char *s = field(c, col, &n);

	if (!need(c, col))
		return false;
	if (!strmap_get(&c->ws->person_index, s, n, person)) {
		row_problem(c, col, c->row->field[col],
		    "unknown rep_id (not in %s)", workspace_team_file(c->ws));
		return false;
	}
	if (*person == NONE) {
		row_problem(c, col, c->row->field[col],
		    "this person's row in %s was skipped", workspace_team_file(c->ws));
		return false;
	}
	return true;
}

/* One of words; also the Chinese word at the same place in zh. */
static bool
get_choice(struct rowctx *c, size_t col, const char *const *words,
    const char *const *zh, int *v)
{
	size_t n, i;
	const char *s = field(c, col, &n);
	struct buf b = BUF_INIT;

	if (!need(c, col))
		return false;
	for (i = 0; words[i] != NULL; i++)
		if ((strlen(words[i]) == n &&
		    strncasecmp(words[i], s, n) == 0) ||
		    (zh != NULL && strlen(zh[i]) == n &&
		    memcmp(zh[i], s, n) == 0)) {
			*v = (int)i;
			return true;
		}
	for (i = 0; words[i] != NULL; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", words[i]);
	row_problem(c, col, c->row->field[col], "expected one of: %s", b.data);
	buf_free(&b);
	return false;
}

static bool
get_decimal(struct rowctx *c, size_t col, double *v)
{
	size_t n;
	const char *s = field(c, col, &n), *err;
	enum value_form form;
	char text[32];

	if (!need(c, col))
		return false;
	if ((err = parse_decimal_form(s, n, v, &form)) != NULL) {
		row_problem(c, col, c->row->field[col], "%s", err);
		return false;
	}
	if (form != FORM_PLAIN) {
		snprintf(text, sizeof(text), "%.10g", *v);
		note_form(c, col, form, s, n, text);
	}
	return true;
}

static bool
get_money(struct rowctx *c, size_t col, int64_t *cents)
{
	size_t n;
	const char *s = field(c, col, &n), *err;
	enum value_form form;
	char text[40];

	if (!need(c, col))
		return false;
	if ((err = parse_money_form(s, n, cents, &form)) != NULL) {
		row_problem(c, col, c->row->field[col], "%s", err);
		return false;
	}
	if (form != FORM_PLAIN) {
		cents_text(*cents, text, sizeof(text));
		note_form(c, col, form, s, n, text);
	}
	return true;
}

static void
count_skipped(struct rowctx *c, enum input_file f)
{
	if (c->bad)
		c->ws->files[f].skipped++;
}

/* ---- team.csv ---- */

enum { T_REP, T_NAME, T_TEAM, T_ROLE, T_MANAGER, T_HIRE, T_LEAVE, T_EMAIL,
    T_PASSWORD };

static void
team_row(const struct csv_row *row, void *arg)
{
	struct rowctx c = { arg, row, false, NULL, NULL };
	struct workspace *ws = c.ws;
	struct person p;
	size_t n, existing;
	const char *s;

	memset(&p, 0, sizeof(p));
	p.line = row->line;
	p.manager = NONE;
	if (get_id(&c, T_REP)) {
		s = field(&c, T_REP, &n);
		if (!strmap_put(&ws->person_index, s, n, ws->npeople,
		    &existing)) {
			/* NONE: the first row was skipped (--lenient) */
			if (existing == NONE)
				row_problem(&c, T_REP, row->field[T_REP],
				    "rep_id given twice (the first row was "
				    "skipped)");
			else
				row_problem(&c, T_REP, row->field[T_REP],
				    "rep_id given twice (first on line %ld)",
				    ws->people[existing].line);
		}
	}
	need(&c, T_NAME);
	get_id(&c, T_TEAM);
	if (need(&c, T_ROLE)) {
		char *role = field_dup(&c, T_ROLE);

		if ((p.role_index = policy_role(&ws->policy, role)) == NONE)
			row_problem(&c, T_ROLE, row->field[T_ROLE],
			    "role not in policy.yaml roles");
		free(role);
	}
	if (!field_empty(&c, T_MANAGER)) {
		s = field(&c, T_MANAGER, &n);
		if (check_id(s, n) != NULL)
			row_problem(&c, T_MANAGER, row->field[T_MANAGER],
			    "%s", check_id(s, n));
	}
	if (!field_empty(&c, T_HIRE))
		get_date(&c, T_HIRE, &p.hire);
	if (!field_empty(&c, T_LEAVE))
		get_date(&c, T_LEAVE, &p.leave);
	if (p.hire != 0 && p.leave != 0 && p.leave < p.hire)
		row_problem(&c, T_LEAVE, row->field[T_LEAVE],
		    "leave_date is before hire_date");
	if (!field_empty(&c, T_EMAIL)) {
		s = field(&c, T_EMAIL, &n);
		if (memchr(s, '@', n) == NULL)
			row_problem(&c, T_EMAIL, row->field[T_EMAIL],
			    "not an e-mail address");
	}
	/* never shown: not in a message, a dump or any output (§3) */
	if (!field_empty(&c, T_PASSWORD)) {
		s = field(&c, T_PASSWORD, &n);
		if (n > 127 || !utf8_valid(s, n) || memchr(s, '\0', n) != NULL)
			row_problem(&c, T_PASSWORD, NULL, "a statement password "
			    "is 1 to 127 bytes of UTF-8 (the value is not "
			    "shown)");
	}
	count_skipped(&c, FILE_TEAM);
	if (c.bad && ws->lenient) {
		/* Skipped: references to this rep_id are refused from here. */
		s = field(&c, T_REP, &n);
		if (n > 0 && strmap_get(&ws->person_index, s, n, &existing) &&
		    existing == ws->npeople) {
			size_t i;

			for (i = 0; i < ws->person_index.cap; i++)
				if (ws->person_index.slots[i].key != NULL &&
				    ws->person_index.slots[i].value ==
				    ws->npeople)
					ws->person_index.slots[i].value = NONE;
		}
		return;
	}
	/*
	 * Without --lenient a bad row is kept as it is: the run fails anyway,
	 * and keeping the person spares a cascade of "unknown rep_id".
	 */
	p.rep_id = field_dup(&c, T_REP);
	p.name = field_dup(&c, T_NAME);
	p.team = field_dup(&c, T_TEAM);
	p.role = field_dup(&c, T_ROLE);
	p.manager_id = field_empty(&c, T_MANAGER) ? NULL :
	    field_dup(&c, T_MANAGER);
	p.email = field_empty(&c, T_EMAIL) ? NULL : field_dup(&c, T_EMAIL);
	p.statement_password = field_empty(&c, T_PASSWORD) ? NULL :
	    field_dup(&c, T_PASSWORD);
	ws->people = xgrowarray(ws->people, ws->npeople,
	    sizeof(*ws->people));
	ws->people[ws->npeople++] = p;
}

static int
compare_people(const void *a, const void *b, void *arg)
{
	const struct workspace *ws = arg;

	return strcmp(ws->people[*(const size_t *)a].rep_id,
	    ws->people[*(const size_t *)b].rep_id);
}

/* Sorting helper: qsort has no context argument. */
static const struct workspace *sort_ws;

static int
compare_people_qsort(const void *a, const void *b)
{
	return compare_people(a, b, (void *)sort_ws);
}

static int
compare_team_ids(const void *a, const void *b)
{
	return strcmp(((const struct team *)a)->id,
	    ((const struct team *)b)->id);
}

/* Teams from the people, managers resolved, checks across rows. */
static void
team_finish(struct workspace *ws, const char *path)
{
	size_t i, j, t, steps, m;

	for (i = 0; i < ws->npeople; i++) {
		struct person *p = &ws->people[i];

		for (t = 0; t < ws->nteams; t++)
			if (strcmp(ws->teams[t].id, p->team) == 0)
				break;
		if (t == ws->nteams) {
			ws->teams = xgrowarray(ws->teams, ws->nteams,
			    sizeof(*ws->teams));
			memset(&ws->teams[t], 0, sizeof(ws->teams[t]));
			ws->teams[t].id = xstrdup(p->team);
			ws->nteams++;
		}
	}
	if (ws->nteams > 0)
		qsort(ws->teams, ws->nteams, sizeof(*ws->teams),
		    compare_team_ids);
	for (t = 0; t < ws->nteams; t++)
		strmap_put(&ws->team_index, ws->teams[t].id,
		    strlen(ws->teams[t].id), t, NULL);
	for (i = 0; i < ws->npeople; i++) {
		struct person *p = &ws->people[i];
		struct team *tm;

		strmap_get(&ws->team_index, p->team, strlen(p->team),
		    &p->team_index);
		tm = &ws->teams[p->team_index];
		tm->members = xgrowarray(tm->members, tm->nmembers,
		    sizeof(size_t));
		tm->members[tm->nmembers++] = i;
	}
	sort_ws = ws;
	for (t = 0; t < ws->nteams; t++)
		qsort(ws->teams[t].members, ws->teams[t].nmembers,
		    sizeof(size_t), compare_people_qsort);
	for (i = 0; i < ws->npeople; i++) {
		struct person *p = &ws->people[i];
		enum diag_level level = ws->lenient ? DIAG_WARNING : DIAG_ERROR;
		const char *then = ws->lenient ? "; manager ignored" : "";

		if (p->manager_id == NULL)
			continue;
		if (!strmap_get(&ws->person_index, p->manager_id,
		    strlen(p->manager_id), &m))
			diag(level, path, p->line, "manager_id", p->manager_id,
			    "unknown manager (not a rep_id in %s)%s",
			    workspace_team_file(ws), then);
		else if (m == NONE)
			diag(level, path, p->line, "manager_id", p->manager_id,
			    "the manager's own row was skipped%s", then);
		else if (m == i)
			diag(level, path, p->line, "manager_id", p->manager_id,
			    "a person cannot be their own manager%s", then);
		else
			p->manager = m;
	}
	/* A chain of managers must end. */
	for (i = 0; i < ws->npeople; i++) {
		j = ws->people[i].manager;
		for (steps = 0; j != NONE && j != i && steps < ws->npeople;
		    steps++)
			j = ws->people[j].manager;
		if (j == i)
			diag(ws->lenient ? DIAG_WARNING : DIAG_ERROR, path,
			    ws->people[i].line, "manager_id",
			    ws->people[i].manager_id, "managers form a circle "
			    "back to this person");
	}
}

/* ---- sales.csv ---- */

enum { S_DATE, S_REP, S_CUSTOMER, S_AMOUNT, S_ORDER, S_PRODUCT,
    S_QUANTITY, S_CHANNEL };

/* Sales outside their seller's employment listed one by one; the rest
 * are counted in one line (a file may hold millions of them). */
#define OUTSIDE_EMPLOYMENT_LISTED 20

/*
 * A sale dated before its seller's hire date or after their leave date:
 * kept, but it is in no team or company figure of a period they are not
 * employed in, so it is said.
 */
static void
check_employment(struct workspace *ws, const char *path, long line,
    const struct sale *s)
{
	const struct person *p = &ws->people[s->person];
	size_t ncols;
	const char *col = input_columns(FILE_SALES, &ncols)[S_REP].name;
	char day[11], edge[11];

	if ((p->hire == 0 || s->date >= p->hire) &&
	    (p->leave == 0 || s->date <= p->leave))
		return;
	if (++ws->sales.outside_employment > OUTSIDE_EMPLOYMENT_LISTED)
		return;
	date_format(s->date, day);
	if (p->leave != 0 && s->date > p->leave) {
		date_format(p->leave, edge);
		diag(DIAG_WARNING, path, line, col, p->rep_id,
		    "sale dated %s after %s left on %s", day, p->rep_id, edge);
	} else {
		date_format(p->hire, edge);
		diag(DIAG_WARNING, path, line, col, p->rep_id,
		    "sale dated %s before %s was hired on %s", day, p->rep_id,
		    edge);
	}
}

/*
 * A row of sales.csv, checked: fills s and returns true when the row is
 * kept.  Touches nothing of the workspace but c->notes, so that chunks of
 * the file can be checked on several threads at once.
 */
static bool
sales_check(struct rowctx *c, struct sale *s)
{
	double q;

	memset(s, 0, sizeof(*s));
	s->line = c->row->line;
	get_date(c, S_DATE, &s->date);
	get_person(c, S_REP, &s->person);
	if (need(c, S_CUSTOMER))
		s->customer = field(c, S_CUSTOMER, &s->customer_len);
	get_money(c, S_AMOUNT, &s->cents);
	s->order_id = field(c, S_ORDER, &s->order_len);
	if (!field_empty(c, S_QUANTITY))
		get_decimal(c, S_QUANTITY, &q);
	return !c->bad;
}

/* A kept row, in file order: the file's summary, then the sink. */
static void
sales_take(struct workspace *ws, const struct sales_sink *sink,
    const char *path, const struct sale *s)
{
	if (ws->sales.rows == 0 || s->date < ws->sales.first)
		ws->sales.first = s->date;
	if (ws->sales.rows == 0 || s->date > ws->sales.last)
		ws->sales.last = s->date;
	ws->sales.rows++;
	if (s->cents < 0)
		ws->sales.refunds++;
	check_employment(ws, path, s->line, s);
	if (sink != NULL && sink->row != NULL)
		sink->row(sink->arg, s);
}

/* sales.xlsx: each row checked and taken at once. */
static void
sales_row(const struct csv_row *row, void *arg)
{
	struct rowctx *c0 = arg;
	struct rowctx c = { c0->ws, row, false, c0->sink, NULL };
	struct sale s;

	if (sales_check(&c, &s))
		sales_take(c.ws, c.sink, row->path, &s);
	count_skipped(&c, FILE_SALES);
}

/*
 * sales.csv, in chunks (csv_read_file_parallel).  A chunk's arrays are
 * used again by a later chunk (spare): new memory for every chunk cost
 * more in page faults than some checks of its rows.
 */
struct sales_chunk;

struct sales_read {
	struct workspace	*ws;
	const struct sales_sink	*sink;
	pthread_mutex_t		 lock;
	struct sales_chunk	*spare;
};

struct sales_kept {
	struct sale	 s;
	size_t		 customer, order;	/* where in bytes */
};

struct sales_chunk {
	struct sales_read *rd;
	struct sales_kept *rows;
	size_t		 n, cap;
	struct buf	 bytes;		/* customer and order ids */
	struct form_notes notes;
	long		 skipped;
	struct sales_chunk *next;	/* spare */
};

static void *
sales_chunk_new(void *arg)
{
	struct sales_read *rd = arg;
	struct sales_chunk *ch;

	pthread_mutex_lock(&rd->lock);
	if ((ch = rd->spare) != NULL)
		rd->spare = ch->next;
	pthread_mutex_unlock(&rd->lock);
	if (ch == NULL)
		ch = xcalloc(1, sizeof(*ch));
	ch->rd = rd;
	return ch;
}

static size_t
keep_bytes(struct buf *b, const char *s, size_t n)
{
	size_t at = b->len;

	buf_put(b, s, n);
	buf_putc(b, '\0');
	return at;
}

static bool
sales_chunk_row(const struct csv_row *row, void *arg)
{
	struct sales_chunk *ch = arg;
	struct rowctx c = { ch->rd->ws, row, false, NULL, &ch->notes };
	struct sales_kept *k;
	struct sale s;

	if (!sales_check(&c, &s)) {
		ch->skipped++;
		return false;
	}
	if (ch->n == ch->cap) {
		ch->cap = ch->cap ? 2 * ch->cap : 1024;
		ch->rows = xreallocarray(ch->rows, ch->cap, sizeof(*ch->rows));
	}
	k = &ch->rows[ch->n++];
	k->s = s;
	k->customer = s.customer != NULL ?
	    keep_bytes(&ch->bytes, s.customer, s.customer_len) : SIZE_MAX;
	k->order = s.order_id != NULL ?
	    keep_bytes(&ch->bytes, s.order_id, s.order_len) : SIZE_MAX;
	return true;
}

/* Kept row i of the chunk, its ids in the chunk's bytes. */
static void
chunk_sale(const struct sales_chunk *ch, size_t i, struct sale *s)
{
	*s = ch->rows[i].s;
	if (ch->rows[i].customer != SIZE_MAX)
		s->customer = ch->bytes.data + ch->rows[i].customer;
	if (ch->rows[i].order != SIZE_MAX)
		s->order_id = ch->bytes.data + ch->rows[i].order;
}

/*
 * The sink's lookups of a row (customers, orders) mostly miss the cache:
 * they are fetched AHEAD_FAR and AHEAD_NEAR rows before the row is taken.
 */
#define AHEAD_FAR	16
#define AHEAD_NEAR	8

static void
sales_chunk_take(void *arg, void *chunk, size_t i, long line_offset)
{
	struct sales_read *rd = arg;
	struct sales_chunk *ch = chunk;
	struct sale s;
	size_t j;

	if (rd->sink->ahead != NULL) {
		if (i == 0)
			for (j = 0; j < AHEAD_FAR && j < ch->n; j++) {
				chunk_sale(ch, j, &s);
				rd->sink->ahead(rd->sink->arg, &s, 0);
				if (j < AHEAD_NEAR)
					rd->sink->ahead(rd->sink->arg, &s, 1);
			}
		if (i + AHEAD_FAR < ch->n) {
			chunk_sale(ch, i + AHEAD_FAR, &s);
			rd->sink->ahead(rd->sink->arg, &s, 0);
		}
		if (i + AHEAD_NEAR < ch->n) {
			chunk_sale(ch, i + AHEAD_NEAR, &s);
			rd->sink->ahead(rd->sink->arg, &s, 1);
		}
	}
	chunk_sale(ch, i, &s);
	s.line += line_offset;
	sales_take(rd->ws, rd->sink, rd->ws->files[FILE_SALES].path, &s);
}

static void
sales_chunk_end(void *arg, void *chunk, long line_offset, bool taken)
{
	struct sales_read *rd = arg;
	struct sales_chunk *ch = chunk;
	size_t i;

	if (taken) {
		form_notes_merge(&rd->ws->form_notes, &ch->notes,
		    line_offset);
		rd->ws->files[FILE_SALES].skipped += ch->skipped;
	}
	for (i = 0; i < ch->notes.n; i++) {
		free(ch->notes.v[i].value);
		free(ch->notes.v[i].read);
	}
	free(ch->notes.v);
	memset(&ch->notes, 0, sizeof(ch->notes));
	ch->n = 0;
	ch->skipped = 0;
	buf_reset(&ch->bytes);
	pthread_mutex_lock(&rd->lock);
	ch->next = rd->spare;
	rd->spare = ch;
	pthread_mutex_unlock(&rd->lock);
}

static void
sales_read_free(struct sales_read *rd)
{
	struct sales_chunk *ch;

	while ((ch = rd->spare) != NULL) {
		rd->spare = ch->next;
		free(ch->rows);
		buf_free(&ch->bytes);
		free(ch);
	}
	pthread_mutex_destroy(&rd->lock);
}

/* ---- targets.csv ---- */

enum { G_PERIOD, G_SCOPE, G_ID, G_KPI, G_TARGET };

static void
targets_row(const struct csv_row *row, void *arg)
{
	static const char *const scopes[] = { "company", "team", "rep", NULL };
	static const char *const scopes_zh[] = { "公司", "团队", "个人", NULL };
	struct rowctx c = { arg, row, false, NULL, NULL };
	struct workspace *ws = c.ws;
	struct target t;
	size_t n, i;
	const char *s;
	int scope = -1;
	char *kpi;

	memset(&t, 0, sizeof(t));
	t.line = row->line;
	t.owner = NONE;
	t.kpi = NONE;
	get_period(&c, G_PERIOD, &t.period);
	if (get_choice(&c, G_SCOPE, scopes, scopes_zh, &scope))
		t.scope = (enum target_scope)scope;
	s = field(&c, G_ID, &n);
	if (scope == TARGET_COMPANY && n > 0)
		row_problem(&c, G_ID, row->field[G_ID],
		    "a company target takes no id: leave it empty");
	else if (scope == TARGET_TEAM && need(&c, G_ID) &&
	    !strmap_get(&ws->team_index, s, n, &t.owner))
		row_problem(&c, G_ID, row->field[G_ID],
		    "unknown team (no one in %s is in it)", workspace_team_file(ws));
	else if (scope == TARGET_REP)
		get_person(&c, G_ID, &t.owner);
	if (need(&c, G_KPI)) {
		kpi = field_dup(&c, G_KPI);
		if ((t.kpi = policy_kpi(&ws->policy, kpi)) == NONE)
			row_problem(&c, G_KPI, row->field[G_KPI],
			    "KPI not in policy.yaml kpis");
		free(kpi);
	}
	if (t.kpi != NONE && ws->policy.kpis[t.kpi].unit == UNIT_MONEY) {
		if (get_money(&c, G_TARGET, &t.cents))
			t.value = (double)t.cents / 100.0;
	} else
		get_decimal(&c, G_TARGET, &t.value);
	if (!c.bad && t.value < 0)
		row_problem(&c, G_TARGET, row->field[G_TARGET],
		    "a target cannot be negative");
	if (!c.bad) {
		struct lookup_key key = target_key(t.scope, t.owner, t.kpi,
		    &t.period);

		if (!strmap_put(&ws->target_index, (const char *)&key,
		    sizeof(key), ws->ntargets, &i))
			row_problem(&c, G_TARGET, row->field[G_TARGET],
			    "the same target is given twice (first on line "
			    "%ld)", ws->targets[i].line);
	}
	count_skipped(&c, FILE_TARGETS);
	if (c.bad)
		return;
	ws->targets = xgrowarray(ws->targets, ws->ntargets,
	    sizeof(*ws->targets));
	ws->targets[ws->ntargets++] = t;
}

/* ---- metrics.csv ---- */

enum { M_PERIOD, M_REP, M_KPI, M_VALUE };

static void
metrics_row(const struct csv_row *row, void *arg)
{
	struct rowctx c = { arg, row, false, NULL, NULL };
	struct workspace *ws = c.ws;
	struct metric m;
	struct period p;
	size_t i;
	char *kpi;

	memset(&m, 0, sizeof(m));
	m.line = row->line;
	m.kpi = NONE;
	if (get_period(&c, M_PERIOD, &p)) {
		if (p.kind != PERIOD_MONTH)
			row_problem(&c, M_PERIOD, row->field[M_PERIOD],
			    "metrics are monthly: give a month such as "
			    "2026-10");
		m.month = period_first_month(&p);
	}
	get_person(&c, M_REP, &m.person);
	if (need(&c, M_KPI)) {
		kpi = field_dup(&c, M_KPI);
		if ((m.kpi = policy_kpi(&ws->policy, kpi)) == NONE)
			row_problem(&c, M_KPI, row->field[M_KPI],
			    "KPI not in policy.yaml kpis");
		else if (ws->policy.kpis[m.kpi].source != SOURCE_METRICS)
			row_problem(&c, M_KPI, row->field[M_KPI],
			    "this KPI is computed from sales.csv, not read "
			    "from metrics.csv");
		free(kpi);
	}
	/* Money exactly, as in sales.csv: at most 2 decimals, no "%". */
	if (m.kpi != NONE && ws->policy.kpis[m.kpi].unit == UNIT_MONEY) {
		if (get_money(&c, M_VALUE, &m.cents))
			m.value = (double)m.cents / 100.0;
	} else
		get_decimal(&c, M_VALUE, &m.value);
	if (!c.bad) {
		struct period month = period_of_month(m.month);
		struct lookup_key key = target_key(TARGET_REP, m.person, m.kpi,
		    &month);

		if (!strmap_put(&ws->metric_index, (const char *)&key,
		    sizeof(key), ws->nmetrics, &i))
			row_problem(&c, M_VALUE, row->field[M_VALUE],
			    "a second value for the same person, KPI and month "
			    "(first on line %ld)", ws->metrics[i].line);
	}
	count_skipped(&c, FILE_METRICS);
	if (c.bad)
		return;
	ws->metrics = xgrowarray(ws->metrics, ws->nmetrics,
	    sizeof(*ws->metrics));
	ws->metrics[ws->nmetrics++] = m;
}

/* ---- reviews.csv ---- */

enum { R_PERIOD, R_REVIEWEE, R_REVIEWER, R_RELATION, R_DIMENSION, R_SCORE,
    R_COMMENT };

static void
reviews_row(const struct csv_row *row, void *arg)
{
	static const char *const rels[] = { "self", "manager", "peer",
	    "report", "customer", NULL };
	static const char *const rels_zh[] = { "自评", "上级", "同事",
	    "下属", "客户", NULL };
	struct rowctx c = { arg, row, false, NULL, NULL };
	struct workspace *ws = c.ws;
	const struct policy *pol = &ws->policy;
	struct review r;
	size_t n, reviewer;
	const char *s;
	int rel = -1;

	memset(&r, 0, sizeof(r));
	r.line = row->line;
	get_period(&c, R_PERIOD, &r.period);
	get_person(&c, R_REVIEWEE, &r.reviewee);
	if (get_choice(&c, R_RELATION, rels, rels_zh, &rel))
		r.relation = (enum relation)rel;
	if (need(&c, R_REVIEWER)) {
		s = field(&c, R_REVIEWER, &n);
		if (rel == REL_CUSTOMER)
			;	/* a customer id: any text */
		else if (rel >= 0 && (!strmap_get(&ws->person_index, s, n,
		    &reviewer) || reviewer == NONE))
			row_problem(&c, R_REVIEWER, row->field[R_REVIEWER],
			    "unknown reviewer (not a rep_id in %s)",
			    workspace_team_file(ws));
		else if (rel == REL_SELF && !c.bad && reviewer != r.reviewee)
			row_problem(&c, R_REVIEWER, row->field[R_REVIEWER],
			    "a self review has reviewer_id = reviewee_id");
		else if (rel > REL_SELF && rel != REL_CUSTOMER && !c.bad &&
		    reviewer == r.reviewee)
			row_problem(&c, R_REVIEWER, row->field[R_REVIEWER],
			    "reviewer is the reviewee: use relation self");
	}
	if (need(&c, R_DIMENSION)) {
		s = field(&c, R_DIMENSION, &n);
		if (n > 64)
			row_problem(&c, R_DIMENSION, row->field[R_DIMENSION],
			    "dimension longer than 64 bytes");
	}
	if (get_decimal(&c, R_SCORE, &r.score) &&
	    (r.score < pol->scale_lo || r.score > pol->scale_hi))
		row_problem(&c, R_SCORE, row->field[R_SCORE],
		    "score outside the review scale %g-%g", pol->scale_lo,
		    pol->scale_hi);
	if (!c.bad) {
		/* period, reviewee, relation, reviewer NUL dimension: no
		 * field holds a NUL, so no two rows' keys run together */
		char stack[256], *key;
		const char *who, *dim;
		size_t nwho, ndim, len;

		who = field(&c, R_REVIEWER, &nwho);
		dim = field(&c, R_DIMENSION, &ndim);
		len = sizeof(r.period) + sizeof(r.reviewee) + 1 + nwho + 1 +
		    ndim;
		key = len <= sizeof(stack) ? stack : xmalloc(len);
		memcpy(key, &r.period, sizeof(r.period));
		memcpy(key + sizeof(r.period), &r.reviewee,
		    sizeof(r.reviewee));
		n = sizeof(r.period) + sizeof(r.reviewee);
		key[n++] = (char)rel;
		memcpy(key + n, who, nwho);
		n += nwho;
		key[n++] = '\0';
		memcpy(key + n, dim, ndim);
		if (!strmap_put(&ws->review_index, key, len, ws->nreviews,
		    &reviewer))
			row_problem(&c, R_SCORE, row->field[R_SCORE], "the same "
			    "reviewer, relation and dimension twice for this "
			    "person and period (first on line %ld)",
			    ws->reviews[reviewer].line);
		if (key != stack)
			free(key);
	}
	count_skipped(&c, FILE_REVIEWS);
	if (c.bad)
		return;
	r.reviewer = field_dup(&c, R_REVIEWER);
	r.dimension = field_dup(&c, R_DIMENSION);
	r.comment = field_empty(&c, R_COMMENT) ? NULL :
	    field_dup(&c, R_COMMENT);
	ws->reviews = xgrowarray(ws->reviews, ws->nreviews,
	    sizeof(*ws->reviews));
	ws->reviews[ws->nreviews++] = r;
}

/* ---- actions.csv ---- */

enum { A_ID, A_REP, A_OPENED, A_ACTION, A_DUE, A_STATUS, A_CLOSED, A_NOTE };

static void
actions_row(const struct csv_row *row, void *arg)
{
	static const char *const states[] = { "open", "done", "dropped",
	    NULL };
	static const char *const states_zh[] = { "进行中", "已完成", "已放弃",
	    NULL };
	struct rowctx c = { arg, row, false, NULL, NULL };
	struct workspace *ws = c.ws;
	struct action a;
	size_t i, n;
	const char *s;
	int st = -1;

	memset(&a, 0, sizeof(a));
	a.line = row->line;
	if (get_id(&c, A_ID)) {
		s = field(&c, A_ID, &n);
		for (i = 0; i < ws->nactions; i++)
			if (strlen(ws->actions[i].id) == n &&
			    memcmp(ws->actions[i].id, s, n) == 0) {
				row_problem(&c, A_ID, row->field[A_ID],
				    "action id given twice (first on line %ld)",
				    ws->actions[i].line);
				break;
			}
	}
	get_person(&c, A_REP, &a.person);
	get_period(&c, A_OPENED, &a.opened);
	need(&c, A_ACTION);
	get_date(&c, A_DUE, &a.due);
	if (get_choice(&c, A_STATUS, states, states_zh, &st))
		a.status = (enum action_status)st;
	if (!field_empty(&c, A_CLOSED) && get_date(&c, A_CLOSED, &a.closed) &&
	    !c.bad && a.closed < period_start(&a.opened))
		row_problem(&c, A_CLOSED, row->field[A_CLOSED],
		    "closed before the period it was opened in");
	if (st == ACTION_OPEN && a.closed != 0)
		row_problem(&c, A_CLOSED, row->field[A_CLOSED],
		    "an open action has no closed date");
	count_skipped(&c, FILE_ACTIONS);
	if (c.bad)
		return;
	a.id = field_dup(&c, A_ID);
	a.text = field_dup(&c, A_ACTION);
	a.note = field_empty(&c, A_NOTE) ? NULL : field_dup(&c, A_NOTE);
	ws->actions = xgrowarray(ws->actions, ws->nactions,
	    sizeof(*ws->actions));
	ws->actions[ws->nactions++] = a;
}

/* ---- the folder ---- */

char *
workspace_path(const struct workspace *ws, const char *name)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(ws->dir);

	buf_puts(&b, ws->dir);
	if (n > 0 && ws->dir[n - 1] != '/')
		buf_putc(&b, '/');
	buf_puts(&b, name);
	return buf_detach(&b);
}

static int
read_csv(struct workspace *ws, enum input_file f, csv_row_fn fn, void *arg,
    const struct csv_chunk_fns *chunks, const struct sales_sink *sink,
    bool required)
{
	struct file_info *fi = &ws->files[f];
	const struct csv_column *cols;
	struct csv_info info;
	struct stat st;
	size_t ncols, errors = diag_count(DIAG_ERROR);
	char name[32], xname[32], *xpath;
	const char *sheet = ws->policy.sheets[f];
	int status;

	snprintf(name, sizeof(name), "%s.csv", input_file_name(f));
	snprintf(xname, sizeof(xname), "%s.xlsx", input_file_name(f));
	fi->path = workspace_path(ws, name);
	xpath = workspace_path(ws, xname);
	cols = input_columns(f, &ncols);
	if (lstat(xpath, &st) == 0) {
		if (lstat(fi->path, &st) == 0) {
			diag(DIAG_ERROR, xpath, 0, NULL, NULL, "%s is here "
			    "too: keep one of the two (which one to read is "
			    "not guessed)", name);
			free(xpath);
			return EX_DATAERR;
		}
		free(fi->path);
		fi->path = xpath;
		status = xlsx_read_file(fi->path, sheet, cols, ncols,
		    ws->policy.renames[f], ws->policy.nrenames[f],
		    ws->lenient, fn, arg, &info, &fi->format);
	} else {
		free(xpath);
		if (chunks != NULL)
			status = csv_read_file_parallel(fi->path, cols, ncols,
			    ws->policy.renames[f], ws->policy.nrenames[f],
			    ws->lenient, chunks, sink->jobs, sink->chunk_bytes,
			    &info);
		else
			status = csv_read_file(fi->path, cols, ncols,
			    ws->policy.renames[f], ws->policy.nrenames[f],
			    ws->lenient, fn, arg, &info);
		if (status != EX_NOINPUT && sheet != NULL)
			diag(DIAG_NOTE, ws->policy.path,
			    ws->policy.sheet_lines[f], NULL, sheet,
			    "sheets: %s is a CSV file, not a workbook: this "
			    "sheet name is not used", name);
	}
	form_notes_flush(ws, fi->path, cols);
	if (status == EX_NOINPUT && diag_count(DIAG_ERROR) > errors)
		return EX_NOINPUT;	/* there but not readable: said why */
	if (status == EX_NOINPUT && !required)
		return 0;
	if (status == EX_NOINPUT) {
		diag(DIAG_ERROR, fi->path, 0, NULL, NULL,
		    "missing: this file is required (or %s)", xname);
		diag_set_exit(EX_NOINPUT);
		return EX_NOINPUT;
	}
	fi->present = true;
	fi->encoding = info.encoding;
	fi->rows = info.rows;
	fi->skipped += info.bad_rows;
	if (fi->skipped > 0 && ws->lenient)
		diag(DIAG_WARNING, fi->path, 0, NULL, NULL,
		    "%ld row%s skipped", fi->skipped, fi->skipped == 1 ? "" :
		    "s");
	return status;
}

/* The largest logo read: a logo is drawn small on every page. */
#define LOGO_MAX_BYTES (2 * 1024 * 1024)

/*
 * organisation: its logo read and checked as PNG or JPEG, and a display
 * name for a team that team.csv does not have warned about (a typo there
 * would leave the id on every page).
 */
static int
organisation_check(struct workspace *ws)
{
	const struct organisation *org = &ws->policy.org;
	const char *pol = ws->policy.path;
	size_t i, t;
	int err;

	for (i = 0; i < org->nteams; i++)
		if (!strmap_get(&ws->team_index, org->teams[i].id,
		    strlen(org->teams[i].id), &t))
			diag(DIAG_WARNING, pol, org->teams[i].line, NULL,
			    org->teams[i].id, "organisation.teams: no such "
			    "team in %s", workspace_team_file(ws));
	if (org->logo == NULL)
		return 0;
	{
		const unsigned char *b;

		ws->logo_path = workspace_path(ws, org->logo);
		ws->logo = file_read(ws->logo_path, LOGO_MAX_BYTES,
		    &ws->logo_len, &err);
		if (ws->logo == NULL) {
			diag(DIAG_ERROR, pol, org->logo_line, NULL, org->logo,
			    "organisation.logo: cannot read it: %s",
			    err == EFBIG ? "larger than 2 MB" :
			    file_strerror(err));
			return EX_DATAERR;
		}
		b = (const unsigned char *)ws->logo;
		if (ws->logo_len >= 8 &&
		    memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0)
			ws->logo_name = "logo.png";
		else if (ws->logo_len >= 3 && b[0] == 0xff && b[1] == 0xd8 &&
		    b[2] == 0xff)
			ws->logo_name = "logo.jpg";
		else {
			diag(DIAG_ERROR, pol, org->logo_line, NULL, org->logo,
			    "organisation.logo: not a PNG or JPEG picture");
			return EX_DATAERR;
		}
	}
	return 0;
}

/*
 * policy.yaml that is a FIFO, a device or a folder: refused here, as
 * missing input, without reading it (policy_load would take any failure
 * to read it for an I/O error).  The CSV and case files are checked as
 * they are opened.
 */
static int
check_not_special(const char *path)
{
	int fd, err;

	if ((fd = file_open(path, false, &err)) >= 0)
		close(fd);
	if (err != FILE_NOT_REGULAR)
		return 0;
	diag(DIAG_ERROR, path, 0, NULL, NULL, "cannot read: %s",
	    file_strerror(err));
	diag_set_exit(EX_NOINPUT);
	return EX_NOINPUT;
}

/* Is the sales file a workbook (sales.xlsx)? */
static bool
workspace_sales_is_xlsx(const struct workspace *ws)
{
	char *path = workspace_path(ws, "sales.xlsx");
	struct stat st;
	bool is = lstat(path, &st) == 0;

	free(path);
	return is;
}

static int
worst(int a, int b)
{
	return a != 0 ? a : b;
}

/*
 * sales.csv (or sales.xlsx) of a workspace whose other files are read:
 * each good row to sink; the summary into ws->sales and
 * ws->files[FILE_SALES].
 */
int
workspace_read_sales(struct workspace *ws, bool sales_required,
    const struct sales_sink *sink)
{
	static const struct sales_sink none;
	const struct sales_sink *to = sink != NULL ? sink : &none;
	struct sales_pipe *pipe = NULL;
	struct sales_sink piped;
	struct sales_read rd = { ws, to, PTHREAD_MUTEX_INITIALIZER, NULL };
	struct csv_chunk_fns chunks = { sales_chunk_new, sales_chunk_row,
	    sales_chunk_take, sales_chunk_end, &rd };
	struct rowctx sales_ctx;
	int s;

	if (to->begin != NULL)
		to->begin(to->arg, ws);
	/* a workbook is read on this thread and summed on another;
	 * a CSV file is read on every core and summed here */
	if (workspace_sales_is_xlsx(ws) && to->row != NULL &&
	    to->jobs > 1 && (pipe = sales_pipe_start(to)) != NULL) {
		piped = *to;
		piped.row = sales_pipe_row;
		piped.arg = pipe;
		to = &piped;
	}
	rd.sink = to;
	sales_ctx.ws = ws;
	sales_ctx.sink = to;
	sales_ctx.notes = NULL;
	s = read_csv(ws, FILE_SALES, sales_row, &sales_ctx, &chunks, to,
	    sales_required);
	if (pipe != NULL)
		sales_pipe_finish(pipe);
	sales_read_free(&rd);
	if (ws->sales.outside_employment > OUTSIDE_EMPLOYMENT_LISTED)
		diag(DIAG_WARNING, ws->files[FILE_SALES].path, 0, NULL, NULL,
		    "%ld more sales dated before their seller's hire date or "
		    "after their leave date (not listed)",
		    ws->sales.outside_employment - OUTSIDE_EMPLOYMENT_LISTED);
	if (s == 0 && !ws->files[FILE_SALES].present && !sales_required)
		diag(DIAG_WARNING, ws->files[FILE_SALES].path, 0, NULL, NULL,
		    "missing: monthly and quarterly reports need it (or "
		    "sales.xlsx)");
	return s;
}

int
workspace_read(struct workspace *ws, const char *dir, bool lenient,
    bool want_sales, bool sales_required, const struct sales_sink *sink)
{
	char *path;
	int status;
	size_t errors_before;
	DIR *d;

	memset(ws, 0, sizeof(*ws));
	ws->dir = xstrdup(dir);
	ws->lenient = lenient;
	if ((d = opendir(dir)) == NULL) {
		diag(DIAG_ERROR, dir, 0, NULL, NULL,
		    "cannot open the input folder: %s", strerror(errno));
		diag_set_exit(EX_NOINPUT);
		return EX_NOINPUT;
	}
	closedir(d);

	path = workspace_path(ws, "policy.yaml");
	if ((status = check_not_special(path)) != 0) {
		free(path);
		return status;
	}
	status = policy_load(&ws->policy, path);
	ws->policy.path = ws->policy.path != NULL ? path : NULL;
	if (ws->policy.path == NULL)
		free(path);
	if (status != 0)
		return status;

	errors_before = diag_count(DIAG_ERROR);
	status = read_csv(ws, FILE_TEAM, team_row, ws, NULL, NULL, true);
	if (status != 0)
		return status;
	team_finish(ws, ws->files[FILE_TEAM].path);
	status = organisation_check(ws);
	if (ws->npeople == 0 && diag_count(DIAG_ERROR) == errors_before) {
		diag(DIAG_ERROR, ws->files[FILE_TEAM].path, 0, NULL, NULL,
		    "no people: the file has a header but no rows");
		return EX_DATAERR;
	}

	status = worst(status, read_csv(ws, FILE_TARGETS, targets_row, ws,
	    NULL, NULL, false));
	status = worst(status, read_csv(ws, FILE_METRICS, metrics_row, ws,
	    NULL, NULL, false));
	status = worst(status, read_csv(ws, FILE_REVIEWS, reviews_row, ws,
	    NULL, NULL, false));
	status = worst(status, read_csv(ws, FILE_ACTIONS, actions_row, ws,
	    NULL, NULL, false));
	if (want_sales)
		status = worst(status, workspace_read_sales(ws, sales_required,
		    sink));
	status = worst(status, cases_read(ws));
	if (status == 0 && diag_count(DIAG_ERROR) > 0)
		status = EX_DATAERR;
	return status;
}

void
workspace_free(struct workspace *ws)
{
	size_t i, j;

	for (i = 0; i < ws->npeople; i++) {
		struct person *p = &ws->people[i];

		free(p->rep_id); free(p->name); free(p->team); free(p->role);
		free(p->manager_id); free(p->email);
		free(p->statement_password);
	}
	free(ws->people);
	for (i = 0; i < ws->nteams; i++) {
		free(ws->teams[i].id);
		free(ws->teams[i].members);
	}
	free(ws->teams);
	free(ws->targets);
	free(ws->metrics);
	for (i = 0; i < ws->nreviews; i++) {
		free(ws->reviews[i].reviewer);
		free(ws->reviews[i].dimension);
		free(ws->reviews[i].comment);
	}
	free(ws->reviews);
	for (i = 0; i < ws->nactions; i++) {
		free(ws->actions[i].id);
		free(ws->actions[i].text);
		free(ws->actions[i].note);
	}
	free(ws->actions);
	for (i = 0; i < ws->ncases; i++) {
		struct case_file *cf = &ws->cases[i];

		free(cf->path); free(cf->slug); free(cf->title); free(cf->body);
		for (j = 0; j < cf->ntags; j++)
			free(cf->tags[j]);
		free(cf->tags);
	}
	free(ws->cases);
	for (i = 0; i < FILE_COUNT; i++) {
		free(ws->files[i].path);
		free(ws->files[i].format);
	}
	strmap_free(&ws->person_index);
	strmap_free(&ws->team_index);
	strmap_free(&ws->target_index);
	strmap_free(&ws->metric_index);
	strmap_free(&ws->review_index);
	free((char *)ws->policy.path);
	policy_free(&ws->policy);
	free(ws->logo);
	free(ws->logo_path);
	free(ws->dir);
	memset(ws, 0, sizeof(*ws));
}
