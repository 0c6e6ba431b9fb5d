/*
 * `scorecard send PERIOD` (docs/output.md §8): each person's statement
 * PDF mailed to them, each team's PDF to the people of the team measured
 * on it.  Reads the PDFs, scores.csv and teams.csv of output/PERIOD/ and
 * never recomputes; reads the workspace for the addresses, the statement
 * passwords and the policy, without sales.csv.  Owns the plan of a run
 * (which message goes to whom, what the delivery log says was sent),
 * the delivery log output/.send/PERIOD.csv and the dry run's outbox
 * output/.send/PERIOD/outbox/.  The message is mail/mime.h's, the SMTP
 * session mail/smtp.h's, the encryption mail/encrypt.h's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/utf8.h"
#include "input/csvread.h"
#include "input/values.h"
#include "input/workspace.h"
#include "mail/encrypt.h"
#include "mail/mime.h"
#include "mail/smtp.h"
#include "render/html.h"
#include "render/html_escape.h"
#include "tmpl/templates.h"
#include "view/locale.h"
#include "jobs/archive.h"
#include "jobs/interrupt.h"
#include "jobs/jobs.h"
#include "jobs/outdir.h"
#include "jobs/outlock.h"

#define SEND_DIR	".send"
#define PDF_MAX		(64u << 20)
#define LOG_HEADER	"kind,id,address,message_id,statement_sha256," \
			"smtp_reply,result\n"

/* ---- reading scores.csv, teams.csv and the log ---- */

enum { S_PERIOD, S_REP, S_NAME, S_TEAM, S_ROLE, S_REVENUE, S_REV_TARGET,
    S_ATTAIN, S_ORDERS, S_ACTIVE, S_NEW, S_KPI, S_REVIEW, S_COMPOSITE,
    S_TIER, S_COMMISSION, S_MEASURED, S_PAID, S_DUE, S_YTD, S_COUNT };
static const struct csv_column score_columns[S_COUNT] = {
	{ "period", NULL, true }, { "rep_id", NULL, true },
	{ "name", NULL, true }, { "team", NULL, true },
	{ "role", NULL, true }, { "revenue", NULL, false },
	{ "revenue_target", NULL, false },
	{ "revenue_attainment", NULL, false }, { "orders", NULL, false },
	{ "active_customers", NULL, false },
	{ "new_customers", NULL, false }, { "kpi_score", NULL, false },
	{ "review_score", NULL, false }, { "composite", NULL, false },
	{ "tier", NULL, false }, { "commission", NULL, false },
	{ "measured_on", NULL, false }, { "commission_paid", NULL, false },
	{ "commission_due", NULL, false }, { "commission_ytd", NULL, false },
};

enum { TM_PERIOD, TM_TEAM, TM_MEMBERS, TM_REVENUE, TM_TARGET, TM_ATTAIN,
    TM_ORDERS, TM_ACTIVE, TM_NEW, TM_COUNT };
static const struct csv_column team_columns[TM_COUNT] = {
	{ "period", NULL, true }, { "team", NULL, true },
	{ "members", NULL, false }, { "revenue", NULL, false },
	{ "revenue_target", NULL, false },
	{ "revenue_attainment", NULL, false }, { "orders", NULL, false },
	{ "active_customers", NULL, false },
	{ "new_customers", NULL, false },
};

enum { L_KIND, L_ID, L_ADDRESS, L_MSGID, L_HASH, L_REPLY, L_RESULT,
    L_COUNT };
static const struct csv_column log_columns[L_COUNT] = {
	{ "kind", NULL, true }, { "id", NULL, true },
	{ "address", NULL, true }, { "message_id", NULL, true },
	{ "statement_sha256", NULL, true }, { "smtp_reply", NULL, true },
	{ "result", NULL, true },
};

/* Rows of one of the files, each field a string ("" when absent). */
struct table {
	size_t		 ncols;
	char		***rows;
	size_t		 nrows;
};

static void
table_row(const struct csv_row *row, void *arg)
{
	struct table *t = arg;
	char **r = xcalloc(t->ncols, sizeof(*r));
	size_t k;

	for (k = 0; k < t->ncols; k++) {
		const char *s = row->field[k];
		size_t n = s != NULL ? row->len[k] : 0;

		if (s == NULL)
			s = "";
		trim(&s, &n);
		r[k] = xstrndup(s, n);
	}
	t->rows = xgrowarray(t->rows, t->nrows, sizeof(*t->rows));
	t->rows[t->nrows++] = r;
}

static void
table_free(struct table *t)
{
	size_t i, k;

	for (i = 0; i < t->nrows; i++) {
		for (k = 0; k < t->ncols; k++)
			free(t->rows[i][k]);
		free(t->rows[i]);
	}
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

/* 0, EX_NOINPUT when missing (not reported), else what csv_read said. */
static int
table_read(struct table *t, const char *path,
    const struct csv_column *cols, size_t ncols)
{
	struct csv_info info;
	size_t errors = diag_count(DIAG_ERROR);
	int status;

	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	status = csv_read_file(path, cols, ncols, NULL, 0, false, table_row,
	    t, &info);
	if (status == 0 && diag_count(DIAG_ERROR) > errors)
		status = EX_DATAERR;
	return status;
}

/* ---- the plan ---- */

enum doc_kind { DOC_REP, DOC_TEAM };
static const char *const kind_names[] = { "rep", "team" };

struct doc {
	enum doc_kind	 kind;
	const char	*id;
	char		**row;		/* of scores.csv or teams.csv */
	char		*pdf;
	size_t		 pdf_len;
	char		 hash[65];
};

enum msg_state {
	M_SEND,		/* nothing sent yet (or only failed) */
	M_RESEND,	/* changed since sent, --resend given */
	M_SENT_BEFORE,	/* the log has it sent: nothing to do */
	M_CHANGED,	/* changed since sent: only with --resend */
	M_SKIPPED	/* no address, or no password (--skip-missing) */
};

struct msg {
	size_t		 doc;
	size_t		 person;	/* workspace index, or NONE */
	const char	*rep_id;	/* the recipient's, from scores.csv */
	const char	*addr;		/* NULL: skipped */
	char		*message_id;
	enum msg_state	 state;
	bool		 retry;		/* failed before */
	const char	*why;		/* M_SKIPPED: the reason */
	const char	*column;	/* and the column of team.csv */
};

struct send {
	const struct options *o;
	struct workspace ws;
	struct locale	 loc;
	bool		 loc_loaded;
	char		 period[16];
	struct buf	 folder;	/* output/PERIOD */
	struct buf	 logpath;	/* output/.send/PERIOD.csv */
	struct table	 scores, teams, log;
	struct doc	*docs;
	size_t		 ndocs;
	struct msg	*msgs;
	size_t		 nmsgs;
	char		*from_name, *from_addr;
	struct tmpl	*tmpl_md[2], *tmpl_text[2];	/* by doc kind */
	char		*tmpl_path[2];
	int		 logfd;
};

/* The person of team.csv with this rep_id, or NONE. */
static size_t
person_of(const struct workspace *ws, const char *id)
{
	size_t p;

	if (!strmap_get(&ws->person_index, id, strlen(id), &p))
		return NONE;
	return p;
}

static bool
check_selection(const struct options *o, const struct workspace *ws)
{
	size_t i, p = NONE;

	if (o->team != NULL && !strmap_get(&ws->team_index, o->team,
	    strlen(o->team), &i)) {
		diag(DIAG_ERROR, NULL, 0, "--team", o->team,
		    "no such team in %s", workspace_team_file(ws));
		return false;
	}
	if (o->rep != NULL && ((p = person_of(ws, o->rep)) == NONE)) {
		diag(DIAG_ERROR, NULL, 0, "--rep", o->rep,
		    "no such rep_id in %s", workspace_team_file(ws));
		return false;
	}
	if (o->team != NULL && p != NONE &&
	    strcmp(ws->people[p].team, o->team) != 0) {
		diag(DIAG_ERROR, NULL, 0, "--rep", o->rep,
		    "not in the team of --team: %s has them in %s",
		    workspace_team_file(ws), ws->people[p].team);
		return false;
	}
	return true;
}

/*
 * Reads the PDF of kind and id into a new document; false (reported)
 * when it cannot.
 */
static bool
add_doc(struct send *s, enum doc_kind kind, char **row, const char *id)
{
	struct buf path = BUF_INIT;
	struct doc *d;
	int err, fd;

	/* the id becomes a path and a Message-ID: only an id will do */
	if (check_id(id, strlen(id)) != NULL) {
		diag(DIAG_ERROR, NULL, 0, kind == DOC_REP ? "scores.csv" :
		    "teams.csv", id, "not an id: %s", check_id(id,
		    strlen(id)));
		return false;
	}
	buf_printf(&path, "%s/%s/%s.pdf", s->folder.data, kind == DOC_REP ?
	    "reps" : "teams", id);
	s->docs = xgrowarray(s->docs, s->ndocs, sizeof(*s->docs));
	d = &s->docs[s->ndocs];
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->id = id;
	d->row = row;
	/* a symbolic link planted in the folder is not followed */
	d->pdf = NULL;
	if ((fd = file_open(path.data, true, &err)) >= 0)
		d->pdf = file_read_fd(fd, PDF_MAX, &d->pdf_len, &err);
	if (d->pdf == NULL) {
		diag(DIAG_ERROR, path.data, 0, NULL, NULL, "%s: %s",
		    err == ENOENT ? "no statement PDF (run scorecard monthly "
		    "or quarterly with --format pdf)" : "cannot read the "
		    "statement", file_strerror(err));
		buf_free(&path);
		return false;
	}
	sha256_hex(d->pdf, d->pdf_len, d->hash);
	s->ndocs++;
	buf_free(&path);
	return true;
}

/* A role measured on its team (policy team_scope_roles). */
static bool
team_scope(const struct workspace *ws, const char *role)
{
	size_t r = policy_role(&ws->policy, role);

	return r != NONE && ws->policy.roles[r].team_scope;
}

/* '.' in an id becomes "=2E": the Message-ID's left part stays a dot-atom. */
static void
id_part(struct buf *b, const char *id)
{
	for (; *id != '\0'; id++)
		if (*id == '.')
			buf_puts(b, "=2E");
		else
			buf_putc(b, *id);
}

static void
add_msg(struct send *s, size_t doc, const char *rep_id)
{
	size_t person = person_of(&s->ws, rep_id);
	const struct doc *d = &s->docs[doc];
	struct buf id = BUF_INIT;
	struct msg *m;

	s->msgs = xgrowarray(s->msgs, s->nmsgs, sizeof(*s->msgs));
	m = &s->msgs[s->nmsgs++];
	memset(m, 0, sizeof(*m));
	m->doc = doc;
	m->person = person;
	m->rep_id = rep_id;
	buf_printf(&id, "%s.%s.", d->hash, s->period);
	id_part(&id, d->id);
	if (d->kind == DOC_TEAM) {
		buf_putc(&id, '.');
		id_part(&id, rep_id);
	}
	buf_printf(&id, "@%s", mail_addr_domain(s->from_addr));
	m->message_id = buf_detach(&id);
}

/*
 * The documents of the selection and their recipients; 0, or 66 when
 * the folder holds no statements or one is missing.
 */
static int
plan_documents(struct send *s)
{
	const struct options *o = s->o;
	struct workspace *ws = &s->ws;
	size_t i, j;
	bool ok = true;

	for (i = 0; i < s->scores.nrows; i++) {
		char **r = s->scores.rows[i];

		if ((o->rep != NULL && strcmp(r[S_REP], o->rep) != 0) ||
		    (o->team != NULL && strcmp(r[S_TEAM], o->team) != 0))
			continue;
		if (!add_doc(s, DOC_REP, r, r[S_REP])) {
			ok = false;
			continue;
		}
		add_msg(s, s->ndocs - 1, r[S_REP]);
	}
	for (i = 0; o->rep == NULL && i < s->teams.nrows; i++) {
		char **t = s->teams.rows[i];
		size_t before = s->nmsgs;

		if (o->team != NULL && strcmp(t[TM_TEAM], o->team) != 0)
			continue;
		if (!add_doc(s, DOC_TEAM, t, t[TM_TEAM])) {
			ok = false;
			continue;
		}
		/* the team's people measured on it, as scores.csv has
		 * them in the period */
		for (j = 0; j < s->scores.nrows; j++) {
			char **r = s->scores.rows[j];

			if (strcmp(r[S_TEAM], t[TM_TEAM]) != 0 ||
			    !team_scope(ws, r[S_ROLE]))
				continue;
			add_msg(s, s->ndocs - 1, r[S_REP]);
		}
		if (s->nmsgs == before)
			diag(DIAG_NOTE, NULL, 0, NULL, NULL, "team %s: nobody "
			    "in it is measured on the team (team_scope_roles), "
			    "so its report goes to nobody", t[TM_TEAM]);
	}
	if (!ok)
		return EX_NOINPUT;
	if (s->ndocs == 0) {
		diag(DIAG_ERROR, s->folder.data, 0, NULL, NULL, "no statements "
		    "to send%s", o->rep != NULL || o->team != NULL ?
		    " for this selection" : "");
		return EX_NOINPUT;
	}
	return 0;
}

/*
 * Every recipient without a usable address (or password, for
 * --encrypt), listed all at once: 65 unless --skip-missing, which skips
 * them.
 */
static int
check_recipients(struct send *s)
{
	const char *team_path = s->ws.files[FILE_TEAM].path;
	size_t i, bad = 0;

	for (i = 0; i < s->nmsgs; i++) {
		struct msg *m = &s->msgs[i];
		const struct doc *d = &s->docs[m->doc];
		const struct person *p = m->person != NONE ?
		    &s->ws.people[m->person] : NULL;
		enum diag_level lvl = s->o->skip_missing ? DIAG_WARNING :
		    DIAG_ERROR;

		m->column = "email";
		if (p == NULL) {
			m->why = "not in team.csv: no address";
			m->column = "rep_id";
		} else if (p->email == NULL)
			m->why = "no address";
		else if (!mail_addr_valid(p->email, strlen(p->email)))
			m->why = "not an address we can send to";
		else if (s->o->encrypt && p->statement_password == NULL) {
			m->why = "no statement_password (--encrypt)";
			m->column = "statement_password";
		} else {
			m->addr = p->email;
			continue;
		}
		m->state = M_SKIPPED;
		bad++;
		if (d->kind == DOC_TEAM)
			diag(lvl, p != NULL ? team_path : NULL, p != NULL ?
			    p->line : 0, m->column, p == NULL ? m->rep_id :
			    NULL, "%s (the report of team %s to %s)%s", m->why,
			    d->id, m->rep_id, s->o->skip_missing ?
			    ": skipped" : "");
		else
			diag(lvl, p != NULL ? team_path : NULL, p != NULL ?
			    p->line : 0, m->column, p == NULL ? m->rep_id :
			    NULL, "%s (the statement of %s)%s", m->why,
			    m->rep_id, s->o->skip_missing ? ": skipped" : "");
	}
	if (bad > 0 && !s->o->skip_missing) {
		diag(DIAG_ERROR, NULL, 0, NULL, NULL, "%zu recipient%s cannot "
		    "be sent to: give the addresses%s in team.csv, or "
		    "--skip-missing to send to the others", bad, bad == 1 ?
		    "" : "s", s->o->encrypt ? " and passwords" : "");
		return EX_DATAERR;
	}
	return 0;
}

/* What the delivery log says about each message. */
static void
apply_log(struct send *s)
{
	size_t i, j;

	for (i = 0; i < s->nmsgs; i++) {
		struct msg *m = &s->msgs[i];
		const struct doc *d = &s->docs[m->doc];
		bool same = false, other = false, failed = false;

		if (m->state == M_SKIPPED)
			continue;
		for (j = 0; j < i; j++)	/* one address, twice for a team */
			if (s->msgs[j].doc == m->doc && s->msgs[j].addr !=
			    NULL && strcmp(s->msgs[j].addr, m->addr) == 0)
				break;
		if (j < i) {
			m->state = M_SKIPPED;
			m->why = "the same address as another recipient";
			continue;
		}
		for (j = 0; j < s->log.nrows; j++) {
			char **r = s->log.rows[j];

			if (strcmp(r[L_KIND], kind_names[d->kind]) != 0 ||
			    strcmp(r[L_ID], d->id) != 0 ||
			    strcmp(r[L_ADDRESS], m->addr) != 0)
				continue;
			if (strcmp(r[L_RESULT], "sent") == 0) {
				if (strcmp(r[L_HASH], d->hash) == 0)
					same = true;
				else
					other = true;
			} else
				failed = true;
		}
		m->retry = failed;
		if (same)
			m->state = M_SENT_BEFORE;
		else if (other)
			m->state = s->o->resend ? M_RESEND : M_CHANGED;
		else
			m->state = M_SEND;
	}
}

/* ---- the message ---- */

static void
set_money(struct tmpl_value *m, const char *key, const struct locale *l,
    const char *text)
{
	struct buf b = BUF_INIT;
	int64_t cents;

	if (*text != '\0' && parse_money(text, strlen(text), &cents) == NULL) {
		fmt_money(&b, l, cents);
		tmpl_map_set_str(m, key, buf_str(&b));
	} else
		tmpl_map_set_str(m, key, text);
	buf_free(&b);
}

static void
set_percent(struct tmpl_value *m, const char *key, const struct locale *l,
    const char *text)
{
	struct buf b = BUF_INIT;
	double v;

	if (*text != '\0' && parse_decimal(text, strlen(text), &v) == NULL) {
		fmt_percent(&b, l, v, 1);
		tmpl_map_set_str(m, key, buf_str(&b));
	} else
		tmpl_map_set_str(m, key, text);
	buf_free(&b);
}

/* The attachment's file name: "name-period-word.pdf", no path bytes. */
static char *
file_name(const char *who, const char *period, const char *word)
{
	struct buf b = BUF_INIT;
	char *p;

	buf_printf(&b, "%s-%s-%s.pdf", who, period, word);
	for (p = b.data; *p != '\0'; p++)
		if (strchr("/\\:*?\"<>|", *p) != NULL ||
		    (unsigned char)*p < 0x20)
			*p = '_';
	return buf_detach(&b);
}

/* The data the mail templates see (docs/templates.md). */
static struct tmpl_value *
mail_data(struct send *s, const struct msg *m, const char *filename)
{
	const struct doc *d = &s->docs[m->doc];
	const struct person *p = &s->ws.people[m->person];
	const struct organisation *org = &s->ws.policy.org;
	struct tmpl_value *root = tmpl_map_new(), *v;
	struct period per;
	struct buf label = BUF_INIT;
	const char *tn;

	tmpl_map_set(root, "t", tmpl_value_copy(s->loc.labels));
	tmpl_map_set_str(root, "lang", s->loc.code);
	tmpl_map_set_str(root, "company", org->company != NULL ?
	    org->company : "");
	v = tmpl_map_set_map(root, "period");
	parse_period(s->period, strlen(s->period), &per);
	tmpl_map_set_str(v, "code", s->period);
	fmt_period(&label, &s->loc, &per);
	tmpl_map_set_str(v, "label", buf_str(&label));
	tmpl_map_set_bool(v, "is_month", per.kind == PERIOD_MONTH);
	tmpl_map_set_bool(v, "is_quarter", per.kind == PERIOD_QUARTER);
	v = tmpl_map_set_map(root, "person");
	tmpl_map_set_str(v, "rep_id", p->rep_id);
	tmpl_map_set_str(v, "name", p->name);
	tmpl_map_set_str(v, "team", p->team);
	tn = org_team_name(org, p->team);
	tmpl_map_set_str(v, "team_name", tn != NULL ? tn : p->team);
	if (d->kind == DOC_REP) {
		v = tmpl_map_set_map(root, "statement");
		tmpl_map_set_str(v, "tier", d->row[S_TIER]);
		tmpl_map_set_str(v, "composite", d->row[S_COMPOSITE]);
		set_money(v, "commission", &s->loc, d->row[S_COMMISSION]);
		set_money(v, "commission_paid", &s->loc, d->row[S_PAID]);
		set_money(v, "commission_due", &s->loc, d->row[S_DUE]);
		set_money(v, "commission_ytd", &s->loc, d->row[S_YTD]);
		tmpl_map_set_bool(v, "measured_on_team",
		    strcmp(d->row[S_MEASURED], "team") == 0);
	} else {
		v = tmpl_map_set_map(root, "team");
		tmpl_map_set_str(v, "id", d->id);
		tn = org_team_name(org, d->id);
		tmpl_map_set_str(v, "name", tn != NULL ? tn : d->id);
		tmpl_map_set_str(v, "members", d->row[TM_MEMBERS]);
		set_money(v, "revenue", &s->loc, d->row[TM_REVENUE]);
		set_money(v, "revenue_target", &s->loc, d->row[TM_TARGET]);
		set_percent(v, "attainment", &s->loc, d->row[TM_ATTAIN]);
	}
	v = tmpl_map_set_map(root, "attachment");
	tmpl_map_set_str(v, "filename", filename);
	tmpl_map_set_bool(v, "encrypted", s->o->encrypt);
	buf_free(&label);
	return root;
}

/*
 * The whole message for m into out (the attachment encrypted with
 * --encrypt); 0, or a sysexits code after reporting.
 */
static int
compose(struct send *s, const struct msg *m, struct buf *out)
{
	const struct doc *d = &s->docs[m->doc];
	const struct person *p = &s->ws.people[m->person];
	struct tmpl_value *data;
	struct buf text = BUF_INIT, md = BUF_INIT, html = BUF_INIT;
	struct buf subject = BUF_INIT, label = BUF_INIT, enc = BUF_INIT;
	struct buf err = BUF_INIT;
	struct mail_message mm;
	struct period per;
	char *filename, date[40], *nl;
	const char *who;
	int status = EX_DATAERR;
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	sc_date end;
	int y, mo, dd, w;

	parse_period(s->period, strlen(s->period), &per);
	fmt_period(&label, &s->loc, &per);
	who = d->kind == DOC_REP ? p->name : org_team_name(&s->ws.policy.org,
	    d->id) != NULL ? org_team_name(&s->ws.policy.org, d->id) : d->id;
	filename = file_name(who, buf_str(&label), locale_label(&s->loc,
	    d->kind == DOC_REP ? "mail_statement" : "mail_team_report"));
	data = mail_data(s, m, filename);
	if (tmpl_render(s->tmpl_text[d->kind], data, &text) != 0 ||
	    tmpl_render(s->tmpl_md[d->kind], data, &md) != 0)
		goto out;
	/* the subject: the first line, a level-1 heading */
	nl = memchr(buf_str(&text), '\n', text.len);
	if (text.len < 2 || strncmp(text.data, "# ", 2) != 0) {
		diag(DIAG_ERROR, s->tmpl_path[d->kind], 1, NULL, NULL, "the "
		    "first line must be the subject, a level-1 heading "
		    "(# ...)");
		goto out;
	}
	buf_put(&subject, text.data + 2, nl != NULL ? (size_t)(nl -
	    text.data) - 2 : text.len - 2);
	while (subject.len > 0 && (subject.data[subject.len - 1] == ' ' ||
	    subject.data[subject.len - 1] == '\r' ||
	    subject.data[subject.len - 1] == '#'))
		subject.data[--subject.len] = '\0';
	/* a quiet card, its look inline: mail readers may drop a <style> */
	buf_printf(&html, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>", s->loc.code);
	html_escape_str(&html, subject.data);
	buf_puts(&html, "</title>\n<style>\n"
	    "h1 { font-size: 18px; font-weight: 600; margin: 0 0 16px; }\n"
	    "li { margin: 2px 0; }\n"
	    "</style>\n</head>\n<body style=\"margin: 0; padding: 24px; "
	    "background: #f4f6f8;\">\n<div style=\"max-width: 600px; "
	    "margin: 0 auto; padding: 24px 28px; background: #ffffff; "
	    "border: 1px solid #dde3ea; border-radius: 6px; color: #1f2933; "
	    "font-family: 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', "
	    "'PingFang SC', 'Microsoft YaHei', sans-serif; font-size: 15px; "
	    "line-height: 1.7;\">\n");
	if (html_from_markdown(s->tmpl_path[d->kind], md.data != NULL ?
	    md.data : "", md.len, &html) != 0)
		goto out;
	buf_puts(&html, "</div>\n");
	buf_puts(&html, "</body>\n</html>\n");

	/* the Date: the period's last day, as in the PDF's info */
	end = period_end(&per);
	y = DATE_Y(end);
	mo = DATE_M(end);
	dd = DATE_D(end);
	{	/* Sakamoto's day of the week */
		static const int t[] = { 0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4 };
		int yy = mo < 3 ? y - 1 : y;

		w = (yy + yy / 4 - yy / 100 + yy / 400 + t[mo - 1] + dd) % 7;
	}
	snprintf(date, sizeof(date), "%s, %02d %s %04d 00:00:00 +0000",
	    days[w], dd, months[mo - 1], y);

	memset(&mm, 0, sizeof(mm));
	mm.from_name = s->from_name;
	mm.from_addr = s->from_addr;
	mm.to_name = p->name;
	mm.to_addr = m->addr;
	mm.subject = buf_str(&subject);
	mm.date = date;
	mm.message_id = m->message_id;
	mm.text = buf_str(&text);
	mm.text_len = text.len;
	mm.html = buf_str(&html);
	mm.html_len = html.len;
	mm.attachment = d->pdf;
	mm.attachment_len = d->pdf_len;
	mm.attachment_type = "application/pdf";
	mm.filename = filename;
	if (s->o->encrypt) {
		if (pdf_encrypt_aes256(d->pdf, d->pdf_len,
		    p->statement_password, &enc, &err) != 0) {
			diag(DIAG_ERROR, NULL, 0, NULL, NULL, "%s/%s.pdf: "
			    "cannot encrypt: %s", d->kind == DOC_REP ? "reps" :
			    "teams", d->id, buf_str(&err));
			status = EX_SOFTWARE;
			goto out;
		}
		mm.attachment = enc.data;
		mm.attachment_len = enc.len;
	}
	if (mail_build(&mm, out) != 0) {
		diag(DIAG_ERROR, NULL, 0, NULL, m->addr, "cannot build the "
		    "message");
		status = EX_SOFTWARE;
		goto out;
	}
	status = 0;
out:
	tmpl_value_free(data);
	free(filename);
	buf_free(&text);
	buf_free(&md);
	buf_free(&html);
	buf_free(&subject);
	buf_free(&label);
	if (enc.data != NULL)
		explicit_bzero(enc.data, enc.len);
	buf_free(&enc);
	buf_free(&err);
	return status;
}

/* ---- the delivery log ---- */

/* A field of the log, quoted when need be (RFC 4180). */
static void
log_field(struct buf *b, const char *s)
{
	const char *p;

	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_putc(b, '"');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

/*
 * A last line of the log cut short (a run that ended while writing it)
 * is cut off before the log is read; 0, or 74.
 */
static int
log_repair(struct send *s)
{
	struct stat st;
	char c;
	off_t end;
	int fd;

	if ((fd = open(s->logpath.data, O_RDWR | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return 0;	/* none yet; other problems when opened */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	for (end = st.st_size; end > 0; end--)
		if (pread(fd, &c, 1, end - 1) != 1 || c == '\n')
			break;
	if (end < st.st_size) {
		diag(DIAG_WARNING, s->logpath.data, 0, NULL, NULL, "its last "
		    "line was cut short (a run ended while writing it): "
		    "removed");
		if (ftruncate(fd, end) != 0 || fsync(fd) != 0) {
			diag(DIAG_ERROR, s->logpath.data, 0, NULL, NULL,
			    "cannot repair the delivery log: %s",
			    strerror(errno));
			close(fd);
			return EX_IOERR;
		}
	}
	close(fd);
	return 0;
}

/* Opens the log for appending, creating it with its header; 0, 73, 74. */
static int
log_open(struct send *s)
{
	struct stat st;
	int fd;

	fd = open(s->logpath.data, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		diag(DIAG_ERROR, s->logpath.data, 0, NULL, NULL, "cannot open "
		    "the delivery log: %s", fd < 0 ? strerror(errno) :
		    "not a regular file");
		if (fd >= 0)
			close(fd);
		return EX_CANTCREAT;
	}
	if (st.st_size == 0 && (write(fd, LOG_HEADER, strlen(LOG_HEADER)) !=
	    (ssize_t)strlen(LOG_HEADER) || fsync(fd) != 0)) {
		diag(DIAG_ERROR, s->logpath.data, 0, NULL, NULL, "cannot write "
		    "the delivery log: %s", strerror(errno));
		close(fd);
		return EX_IOERR;
	}
	if (st.st_size == 0) {	/* a new file: its name synced too */
		struct buf dir = BUF_INIT;
		int dfd;

		buf_printf(&dir, "%s/%s", s->o->output, SEND_DIR);
		if ((dfd = open(dir.data, O_RDONLY | O_DIRECTORY |
		    O_CLOEXEC)) >= 0) {
			(void)fsync(dfd);
			close(dfd);
		}
		buf_free(&dir);
	}
	s->logfd = fd;
	return 0;
}

/* One row, written in one write and synced; 0 or 74. */
static int
log_append(struct send *s, const struct msg *m, const char *reply,
    bool sent)
{
	const struct doc *d = &s->docs[m->doc];
	struct buf b = BUF_INIT;
	size_t off = 0;
	ssize_t n;
	int status = 0;

	buf_printf(&b, "%s,", kind_names[d->kind]);
	log_field(&b, d->id);
	buf_putc(&b, ',');
	log_field(&b, m->addr);
	buf_putc(&b, ',');
	buf_printf(&b, "<%s>,%s,", m->message_id, d->hash);
	log_field(&b, reply);
	buf_printf(&b, ",%s\n", sent ? "sent" : "failed");
	while (off < b.len) {
		n = write(s->logfd, b.data + off, b.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	if (off < b.len || fsync(s->logfd) != 0) {
		diag(DIAG_ERROR, s->logpath.data, 0, NULL, NULL, "cannot write "
		    "the delivery log: %s", strerror(errno));
		status = EX_IOERR;
	}
	buf_free(&b);
	return status;
}

/* ---- the run ---- */

static const char *
state_word(const struct msg *m, bool dry)
{
	switch (m->state) {
	case M_SEND:
		return dry ? (m->retry ? "would retry" : "would send") :
		    "to send";
	case M_RESEND:
		return dry ? "would resend" : "to resend";
	case M_SENT_BEFORE:
		return "sent before";
	case M_CHANGED:
		return "changed since sent (--resend sends it)";
	default:
		return "skipped";
	}
}

/* One line of standard output per message: what happened to it. */
static void
say(const struct send *s, const struct msg *m, const char *what,
    const char *detail)
{
	const struct doc *d = &s->docs[m->doc];
	char *shown = utf8_shown(m->addr != NULL ? m->addr :
	    m->person != NONE && s->ws.people[m->person].email != NULL ?
	    s->ws.people[m->person].email : "-");

	printf("%s %s %s %s%s%s%s\n", what, kind_names[d->kind], d->id,
	    shown, d->kind == DOC_TEAM ? " (" : "", d->kind == DOC_TEAM ?
	    m->rep_id : "", d->kind == DOC_TEAM ? ")" : "");
	if (detail != NULL)
		printf("  %s\n", detail);
	free(shown);
}

static int
dry_run(struct send *s)
{
	struct outdir out;
	struct buf parent = BUF_INIT, msg = BUF_INIT, name = BUF_INIT;
	size_t i, n = 0;
	int status;

	buf_printf(&parent, "%s/%s/%s", s->o->output, SEND_DIR, s->period);
	if ((status = outdir_begin(&out, parent.data, "outbox")) != 0)
		goto out;
	for (i = 0; i < s->nmsgs; i++) {
		struct msg *m = &s->msgs[i];
		const struct doc *d = &s->docs[m->doc];

		if (m->state != M_SEND && m->state != M_RESEND) {
			say(s, m, state_word(m, true), m->state == M_SKIPPED ?
			    m->why : NULL);
			continue;
		}
		buf_reset(&msg);
		if ((status = compose(s, m, &msg)) != 0) {
			outdir_abort(&out);
			goto out;
		}
		buf_reset(&name);
		buf_printf(&name, "%s-%s", kind_names[d->kind], d->id);
		if (d->kind == DOC_TEAM)
			buf_printf(&name, "-%s", m->rep_id);
		buf_puts(&name, ".eml");
		if ((status = outdir_write(&out, name.data, &msg)) != 0) {
			outdir_abort(&out);
			goto out;
		}
		say(s, m, state_word(m, true), NULL);
		n++;
	}
	if ((status = outdir_commit(&out, true)) != 0)
		goto out;
	if (!s->o->quiet) {
		char *shown = utf8_shown(parent.data);

		fprintf(stderr, "scorecard: dry run: %zu message%s would be "
		    "sent, written to %s/outbox; nothing sent\n", n, n == 1 ?
		    "" : "s", shown);
		free(shown);
	}
out:
	buf_free(&parent);
	buf_free(&msg);
	buf_free(&name);
	return status;
}

/* The SMTP settings from the environment; 0 or 64 (reported). */
static int
smtp_settings(struct smtp_config *c, bool dry)
{
	memset(c, 0, sizeof(*c));
	c->url = getenv("SCORECARD_SMTP_URL");
	c->user = getenv("SCORECARD_SMTP_USER");
	c->password = getenv("SCORECARD_SMTP_PASSWORD");
	c->cafile = getenv("SCORECARD_SMTP_CAFILE");
	if (c->url != NULL && *c->url == '\0')
		c->url = NULL;
	if (c->user != NULL && *c->user == '\0')
		c->user = NULL;
	if (c->password != NULL && *c->password == '\0')
		c->password = NULL;
	if (c->cafile != NULL && *c->cafile == '\0')
		c->cafile = NULL;
	if (dry)
		return 0;
	if (c->url == NULL) {
		diag(DIAG_ERROR, NULL, 0, "SCORECARD_SMTP_URL", NULL, "not set: "
		    "give the server as smtp://host:port or smtps://host:port "
		    "(or try --dry-run)");
		return EX_USAGE;
	}
	if (strncmp(c->url, "smtp://", 7) != 0 &&
	    strncmp(c->url, "smtps://", 8) != 0) {
		diag(DIAG_ERROR, NULL, 0, "SCORECARD_SMTP_URL", NULL, "not an "
		    "smtp:// or smtps:// URL");
		return EX_USAGE;
	}
	if (c->password != NULL && c->user == NULL) {
		diag(DIAG_ERROR, NULL, 0, "SCORECARD_SMTP_PASSWORD", NULL,
		    "set without SCORECARD_SMTP_USER");
		return EX_USAGE;
	}
	return 0;
}

static int
send_all(struct send *s, const struct smtp_config *cfg)
{
	struct smtp_session *sess = NULL;
	struct buf msg = BUF_INIT, reply = BUF_INIT;
	size_t i, sent = 0, failed = 0, todo = 0;
	int status = 0;
	enum smtp_result r;
	struct smtp_config c = *cfg;

	for (i = 0; i < s->nmsgs; i++)
		if (s->msgs[i].state == M_SEND || s->msgs[i].state == M_RESEND)
			todo++;
	if (todo > 0 && (status = log_open(s)) != 0)
		goto out;
	c.from = s->from_addr;
	for (i = 0; i < s->nmsgs && status == 0; i++) {
		struct msg *m = &s->msgs[i];

		if (m->state != M_SEND && m->state != M_RESEND) {
			say(s, m, state_word(m, false), m->state == M_SKIPPED ?
			    m->why : NULL);
			continue;
		}
		buf_reset(&msg);
		if ((status = compose(s, m, &msg)) != 0)
			break;
		if (sess == NULL && (sess = smtp_open(&c)) == NULL) {
			diag(DIAG_ERROR, NULL, 0, NULL, NULL, "libcurl cannot "
			    "start an SMTP session");
			status = EX_SOFTWARE;
			break;
		}
		/* a signal waits until the message is sent and logged:
		 * the log never misses a message the server took */
		interrupt_hold(true);
		r = smtp_send(sess, m->addr, msg.data, msg.len, &reply);
		if (r == SMTP_SENT || r == SMTP_REJECTED)
			status = log_append(s, m, reply.data, r == SMTP_SENT);
		interrupt_hold(false);
		switch (r) {
		case SMTP_SENT:
			sent++;
			say(s, m, "sent", NULL);
			break;
		case SMTP_REJECTED:
			failed++;
			say(s, m, "failed", reply.data);
			break;
		case SMTP_TEMPORARY:
			diag(DIAG_ERROR, NULL, 0, "SCORECARD_SMTP_URL",
			    reply.data, "the server is not taking mail now: "
			    "stopped; run again later to send the rest");
			status = EX_TEMPFAIL;
			break;
		case SMTP_AUTH:
			diag(DIAG_ERROR, NULL, 0, "SCORECARD_SMTP_USER",
			    reply.data, "the server refused the user and "
			    "password, or wants a login and none was given");
			status = EX_NOPERM;
			break;
		case SMTP_INSECURE:
			diag(DIAG_ERROR, NULL, 0, "SCORECARD_SMTP_URL",
			    reply.data, "no trusted TLS connection (a private "
			    "CA goes in SCORECARD_SMTP_CAFILE): nothing is "
			    "sent in clear");
			status = EX_UNAVAILABLE;
			break;
		}
	}
	if (status == 0 && failed > 0)
		status = EX_UNAVAILABLE;
	if (!s->o->quiet || status != 0) {
		size_t before = 0, changed = 0, skipped = 0;
		char *shown = utf8_shown(s->logpath.data);

		for (i = 0; i < s->nmsgs; i++) {
			before += s->msgs[i].state == M_SENT_BEFORE;
			changed += s->msgs[i].state == M_CHANGED;
			skipped += s->msgs[i].state == M_SKIPPED;
		}
		fprintf(stderr, "scorecard: %zu message%s sent, %zu refused by "
		    "the server, %zu not tried; %zu sent before, %zu changed "
		    "since sent (--resend), %zu skipped; log in %s\n", sent,
		    sent == 1 ? "" : "s", failed, todo - sent - failed, before,
		    changed, skipped, shown);
		free(shown);
	}
out:
	smtp_close(sess);
	if (s->logfd >= 0)
		close(s->logfd);
	s->logfd = -1;
	buf_free(&msg);
	buf_free(&reply);
	return status;
}

static int
load_templates(struct send *s)
{
	static const char *const names[] = { "mail/statement.md",
	    "mail/team.md" };
	size_t k, len;
	char *text;

	for (k = 0; k < 2; k++) {
		if ((text = template_read(names[k], &len, &s->tmpl_path[k])) ==
		    NULL)
			return EX_DATAERR;
		s->tmpl_md[k] = template_compile_text(s->tmpl_path[k], text,
		    len, TMPL_ESCAPE_MARKDOWN);
		s->tmpl_text[k] = template_compile_text(s->tmpl_path[k],
		    text, len, TMPL_ESCAPE_NONE);
		free(text);
		if (s->tmpl_md[k] == NULL || s->tmpl_text[k] == NULL)
			return EX_DATAERR;
	}
	return 0;
}

/* The folder's language (.lang), else the policy's. */
static const char *
folder_lang(struct send *s)
{
	struct buf path = BUF_INIT;
	char *text;
	size_t len;
	int err;
	const char *lang = s->ws.policy.locale;

	buf_printf(&path, "%s/.lang", s->folder.data);
	if ((text = file_read(path.data, 64, &len, &err)) != NULL) {
		if (strncmp(text, "en", 2) == 0)
			lang = "en";
		else if (strncmp(text, "zh-CN", 5) == 0)
			lang = "zh-CN";
		free(text);
	}
	buf_free(&path);
	return lang;
}

int
job_send(const struct options *o)
{
	struct send s;
	struct smtp_config cfg;
	struct outlock lock = { -1 };
	struct buf path = BUF_INIT;
	struct stat st;
	const char *sender, *outcome = "nothing sent";
	size_t i;
	int status;

	memset(&s, 0, sizeof(s));
	s.o = o;
	s.logfd = -1;
	period_format(&o->period, s.period);
	buf_printf(&s.folder, "%s/%s", o->output, s.period);
	buf_printf(&s.logpath, "%s/%s/%s.csv", o->output, SEND_DIR, s.period);

	if ((status = smtp_settings(&cfg, o->dry_run)) != 0)
		goto out;
	status = workspace_read(&s.ws, o->input, o->lenient, false, false,
	    NULL);
	if (status != 0)
		goto summary;
	if (!check_selection(o, &s.ws)) {
		status = EX_USAGE;
		goto out;
	}
	sender = getenv("SCORECARD_SMTP_FROM");
	if (sender == NULL || *sender == '\0')
		sender = s.ws.policy.org.sender;
	if (sender == NULL) {
		diag(DIAG_ERROR, NULL, 0, NULL, NULL, "no sender: set "
		    "organisation.sender in policy.yaml or SCORECARD_SMTP_FROM");
		status = EX_USAGE;
		goto out;
	}
	if (!mail_parse_sender(sender, &s.from_name, &s.from_addr)) {
		diag(DIAG_ERROR, NULL, 0, getenv("SCORECARD_SMTP_FROM") !=
		    NULL && *getenv("SCORECARD_SMTP_FROM") != '\0' ?
		    "SCORECARD_SMTP_FROM" : "organisation.sender", sender,
		    "not a sender we can send as (Name <local@domain>)");
		status = EX_USAGE;
		goto out;
	}
	if (stat(s.folder.data, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag(DIAG_ERROR, s.folder.data, 0, NULL, NULL, "no statements "
		    "for %s: run scorecard %s %s first", s.period,
		    o->period.kind == PERIOD_MONTH ? "monthly" : "quarterly",
		    s.period);
		status = EX_NOINPUT;
		goto out;
	}
	/* from here to the last message, this run alone uses the folder */
	if ((status = outlock_take(&lock, o->output, true, o->quiet)) != 0)
		goto out;
	buf_printf(&path, "%s/scores.csv", s.folder.data);
	if ((status = table_read(&s.scores, path.data, score_columns,
	    S_COUNT)) != 0) {
		if (status == EX_NOINPUT)
			diag(DIAG_ERROR, path.data, 0, NULL, NULL, "missing: "
			    "send reads who gets a statement from it (run "
			    "scorecard with --format csv too)");
		goto summary;
	}
	buf_reset(&path);
	buf_printf(&path, "%s/teams.csv", s.folder.data);
	if ((status = table_read(&s.teams, path.data, team_columns,
	    TM_COUNT)) != 0 && status != EX_NOINPUT)
		goto summary;
	buf_reset(&path);
	buf_printf(&path, "%s/%s", o->output, SEND_DIR);
	if ((status = log_repair(&s)) != 0)
		goto summary;
	if ((status = table_read(&s.log, s.logpath.data, log_columns,
	    L_COUNT)) != 0 && status != EX_NOINPUT)
		goto summary;
	if ((status = plan_documents(&s)) != 0 ||
	    (status = check_recipients(&s)) != 0)
		goto summary;
	apply_log(&s);
	templates_set_user_dir(o->templates);
	if ((status = locale_load(&s.loc, folder_lang(&s))) != 0)
		goto summary;
	s.loc_loaded = true;
	if ((status = load_templates(&s)) != 0)
		goto summary;
	if (outdir_make_dirs(path.data) != 0) {
		diag(DIAG_ERROR, path.data, 0, NULL, NULL, "cannot create: %s",
		    strerror(errno));
		status = EX_CANTCREAT;
		goto out;
	}
	for (i = 0; i < s.nmsgs; i++)
		if (s.msgs[i].state == M_CHANGED)
			diag(DIAG_WARNING, NULL, 0, NULL, NULL, "%s %s changed "
			    "since it was sent to %s: not sent again without "
			    "--resend", kind_names[s.docs[s.msgs[i].doc].kind],
			    s.docs[s.msgs[i].doc].id, s.msgs[i].addr);
	status = o->dry_run ? dry_run(&s) : send_all(&s, &cfg);
	goto out;
summary:
	if (status != 0 && diag_count(DIAG_ERROR) > 0)
		diag_summary(outcome);
out:
	outlock_release(&lock);
	for (i = 0; i < s.ndocs; i++)
		free(s.docs[i].pdf);
	free(s.docs);
	for (i = 0; i < s.nmsgs; i++)
		free(s.msgs[i].message_id);
	free(s.msgs);
	for (i = 0; i < 2; i++) {
		tmpl_free(s.tmpl_md[i]);
		tmpl_free(s.tmpl_text[i]);
		free(s.tmpl_path[i]);
	}
	table_free(&s.scores);
	table_free(&s.teams);
	table_free(&s.log);
	free(s.from_name);
	free(s.from_addr);
	if (s.loc_loaded)
		locale_free(&s.loc);
	buf_free(&s.folder);
	buf_free(&s.logpath);
	buf_free(&path);
	workspace_free(&s.ws);
	return status;
}
