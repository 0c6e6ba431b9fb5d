/*
 * Writing the report pages (see pages.h): each template is compiled once,
 * each page is the view's data through its template (Markdown), then the
 * renderer and the layout.  Links between pages are relative, so a folder
 * reads offline and can be moved as a whole.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/diag.h"
#include "markdown/mdtree.h"
#include "pdf/pdf.h"
#include "render/html_escape.h"
#include "jobs/interrupt.h"
#include "jobs/pages.h"
#include "view/locale.h"
#include "render/page.h"
#include "tmpl/templates.h"
#include "view/view.h"

struct site {
	const struct options	*o;
	const struct workspace	*ws;
	const struct period_result *res;
	struct locale		 loc;
	struct view_context	 view;
	struct outdir		*out;
	struct buf		 period_label;
	/* The navigation of the pages one folder down (reps/, teams/), made
	 * once: nav_up with no team current, nav_at[t] where team t's link
	 * starts in it (see sub_nav). */
	struct buf		 nav_up;
	size_t			*nav_at;
};

/*
 * Links to every team with members; prefix leads to the period folder.
 * at, if not NULL, gets where each team's link starts in b.
 */
static void
team_nav(const struct site *s, struct buf *b, const char *prefix,
    size_t current, size_t *at)
{
	size_t t;

	for (t = 0; t < s->ws->nteams; t++) {
		if (s->res->teams[t].members == 0)
			continue;
		if (at != NULL)
			at[t] = b->len;
		buf_printf(b, "<a%s href=\"", t == current ?
		    " class=\"current\"" : "");
		html_escape_url(b, prefix);
		buf_puts(b, "teams/");
		html_escape_url(b, s->ws->teams[t].id);
		buf_puts(b, ".html\">");
		html_escape_str(b, team_display(&s->ws->policy, s->ws->teams[t].id));
		buf_puts(b, "</a>");
	}
}

/*
 * The navigation of a person or team page, team current marked: the same
 * bytes as team_nav(s, b, "../", current, NULL), spliced from the
 * navigation made once instead of escaped again for each of thousands of
 * pages.
 */
static void
sub_nav(struct site *s, struct buf *b, size_t current)
{
	size_t at;

	if (s->nav_at == NULL) {
		s->nav_at = xcalloc(s->ws->nteams + 1, sizeof(*s->nav_at));
		team_nav(s, &s->nav_up, "../", NONE, s->nav_at);
		buf_puts(&s->nav_up, "");	/* "", not NULL, for no teams */
	}
	if (current >= s->ws->nteams || s->res->teams[current].members == 0) {
		buf_put(b, s->nav_up.data, s->nav_up.len);
		return;
	}
	at = s->nav_at[current] + strlen("<a");
	buf_put(b, s->nav_up.data, at);
	buf_puts(b, " class=\"current\"");
	buf_put(b, s->nav_up.data + at, s->nav_up.len - at);
}

/*
 * One page: the template's Markdown, parsed once, to HTML (rel) and, with
 * --format pdf, to PDF (rel with .pdf).  The PDF is checked for
 * characters the font cannot draw before anything is written.
 */
static int
write_page(struct site *s, const struct tmpl *t, struct tmpl_value *data,
    const char *source, const char *title, const char *crumbs,
    const char *nav, const char *rel, const char *root)
{
	const struct organisation *org = &s->ws->policy.org;
	struct buf md = BUF_INIT, html = BUF_INIT, pdf = BUF_INIT,
	    pdf_rel = BUF_INIT, logo = BUF_INIT, head = BUF_INIT;
	struct page p;
	cmark_node *doc = NULL;
	int status = EX_SOFTWARE;

	/* the company's name leads every document's title */
	if (org->company != NULL && strncmp(title, org->company,
	    strlen(org->company)) != 0) {
		buf_printf(&head, "%s · %s", org->company, title);
		title = head.data;
	}
	if (tmpl_render(t, data, &md) != 0) {
		status = EX_DATAERR;	/* a user template's endless partials */
		goto out;
	}
	/* NULL after a diag: beyond the bounds of markdown/mdtree.h */
	if (s->o->formats & (FORMAT_HTML | FORMAT_PDF))
		doc = mdtree_parse(source, buf_str(&md), md.len);
	if (s->o->formats & FORMAT_HTML) {
		memset(&p, 0, sizeof(p));
		p.title = title;
		p.lang = s->loc.code;
		p.breadcrumbs = crumbs;
		p.nav = nav;
		p.company = org->company;
		if (s->ws->logo != NULL) {
			buf_printf(&logo, "%s%s", root, s->ws->logo_name);
			p.logo = logo.data;
		}
		p.source = source;
		p.doc = doc;
		if (doc == NULL || page_html(&p, &html) != 0) {
			/* a chart block the data or a user template got
			 * wrong is bad data, as in the PDF below */
			if (diag_count(DIAG_ERROR) > 0)
				status = EX_DATAERR;
			goto out;
		}
		if ((status = outdir_write(s->out, rel, &html)) != 0)
			goto out;
	}
	if (s->o->formats & FORMAT_PDF) {
		struct pdf_options po;
		char date[11];

		memset(&po, 0, sizeof(po));
		date_format(period_end(&s->res->period), date);
		po.title = title;
		po.author = org->company;
		po.lang = s->loc.code;
		po.date = date;
		po.header_text = title;
		po.logo_path = s->ws->logo_path;
		if (doc == NULL || pdf_render(&po, source, buf_str(&md),
		    md.len, doc, &pdf) != 0) {
			status = diag_exit_status() != 0 ? diag_exit_status() :
			    EX_DATAERR;	/* 73: no font */
			goto out;
		}
		/* the company's PDF is summary.pdf beside index.html
		 * (docs/output.md §1) */
		if (strcmp(rel, "index.html") == 0)
			buf_puts(&pdf_rel, "summary.pdf");
		else {
			buf_put(&pdf_rel, rel, strlen(rel) - strlen(".html"));
			buf_puts(&pdf_rel, ".pdf");
		}
		status = outdir_write(s->out, pdf_rel.data, &pdf);
	} else
		status = 0;
out:
	if (doc != NULL)
		cmark_node_free(doc);
	tmpl_value_free(data);
	buf_free(&md);
	buf_free(&html);
	buf_free(&pdf);
	buf_free(&pdf_rel);
	buf_free(&logo);
	buf_free(&head);
	return status;
}

static bool
selected_team(const struct options *o, const struct workspace *ws, size_t t)
{
	/* --rep: that person's documents alone */
	if (o->rep != NULL)
		return false;
	if (o->team != NULL)
		return strcmp(ws->teams[t].id, o->team) == 0;
	return true;
}

/* One page to write: a person, a team, or the company. */
struct page_job {
	enum { JOB_PERSON, JOB_TEAM, JOB_COMPANY } kind;
	size_t	 index;
};

struct templates_set {
	struct tmpl	*rep, *team, *company;
};

static int
write_one(struct site *s, const struct templates_set *tp,
    const struct page_job *j)
{
	const struct workspace *ws = s->ws;
	struct buf crumbs = BUF_INIT, nav = BUF_INIT, title = BUF_INIT,
	    rel = BUF_INIT;
	int status;

	if (j->kind == JOB_PERSON) {
		const struct person *p = &ws->people[j->index];

		page_crumb(&crumbs, "../../index.html", locale_label(&s->loc,
		    "all_reports"));
		page_crumb(&crumbs, "../index.html", s->period_label.data);
		buf_printf(&rel, "../teams/%s.html", p->team);
		page_crumb(&crumbs, rel.data, team_display(&s->ws->policy, p->team));
		page_crumb(&crumbs, NULL, p->name);
		sub_nav(s, &nav, p->team_index);
		buf_printf(&title, "%s · %s", p->name, s->period_label.data);
		buf_reset(&rel);
		buf_printf(&rel, "reps/%s.html", p->rep_id);
		status = write_page(s, tp->rep, view_person(&s->view, j->index),
		    "rep.md", title.data, crumbs.data, nav.data, rel.data,
		    "../");
	} else if (j->kind == JOB_TEAM) {
		const char *id = ws->teams[j->index].id;

		page_crumb(&crumbs, "../../index.html", locale_label(&s->loc,
		    "all_reports"));
		page_crumb(&crumbs, "../index.html", s->period_label.data);
		page_crumb(&crumbs, NULL, team_display(&s->ws->policy, id));
		sub_nav(s, &nav, j->index);
		buf_printf(&title, "%s · %s", team_display(&s->ws->policy, id),
		    s->period_label.data);
		buf_printf(&rel, "teams/%s.html", id);
		status = write_page(s, tp->team, view_team(&s->view, j->index),
		    "team.md", title.data, crumbs.data, nav.data, rel.data,
		    "../");
	} else {
		page_crumb(&crumbs, "../index.html", locale_label(&s->loc,
		    "all_reports"));
		page_crumb(&crumbs, NULL, s->period_label.data);
		team_nav(s, &nav, "", NONE, NULL);
		buf_printf(&title, "%s · %s", ws->policy.org.company != NULL ?
		    ws->policy.org.company : locale_label(&s->loc, "company"),
		    s->period_label.data);
		status = write_page(s, tp->company, view_company(&s->view),
		    "company.md", title.data, crumbs.data, nav.data,
		    "index.html", "");
	}
	buf_free(&crumbs);
	buf_free(&nav);
	buf_free(&title);
	buf_free(&rel);
	return status;
}

static void
progress(const struct options *o, size_t done, size_t total)
{
	int width = 30, filled;

	if (o->quiet || !isatty(STDERR_FILENO) || total == 0)
		return;
	filled = (int)((size_t)width * done / total);
	fprintf(stderr, "\r  [%.*s%*s] %zu/%zu pages", filled,
	    "##############################", width - filled, "", done, total);
	if (done == total)
		fputc('\n', stderr);
	fflush(stderr);
}

/*
 * Writes jobs[0..n-1], spread over o->jobs worker processes: the data,
 * templates and layout are ready before the fork and only read after it;
 * each worker writes its own files and reports each page on a pipe, which
 * drives the progress bar.
 */
static int
write_all(struct site *s, const struct templates_set *tp,
    const struct page_job *jobs, size_t n)
{
	size_t workers = (size_t)(s->o->jobs > 1 ? s->o->jobs : 1), w, i,
	    done = 0;
	pid_t *pids;
	int fds[2], status = 0, ws;
	char c;

	if (workers > n / 4 + 1)
		workers = n / 4 + 1;	/* a few pages are not worth a fork */
	if (workers <= 1) {
		for (i = 0; i < n && status == 0; i++) {
			status = write_one(s, tp, &jobs[i]);
			progress(s->o, i + 1, n);
		}
		return status;
	}
	if (pipe(fds) != 0)
		return EX_OSERR;
	fflush(NULL);
	pids = xcalloc(workers, sizeof(pid_t));
	for (w = 0; w < workers; w++) {
		if ((pids[w] = interrupt_fork()) < 0) {
			status = EX_OSERR;
			break;
		}
		if (pids[w] == 0) {
			close(fds[0]);
			for (i = w; i < n; i += workers) {
				if ((status = write_one(s, tp, &jobs[i])) != 0)
					_exit(status);
				(void)!write(fds[1], "+", 1);
			}
			_exit(0);
		}
	}
	close(fds[1]);
	while (read(fds[0], &c, 1) == 1)
		progress(s->o, ++done, n);
	close(fds[0]);
	for (i = 0; i < w; i++) {
		if (waitpid(pids[i], &ws, 0) < 0)
			status = status ? status : EX_OSERR;
		else if (WIFEXITED(ws) && WEXITSTATUS(ws) != 0)
			status = status ? status : WEXITSTATUS(ws);
		else if (WIFSIGNALED(ws))
			status = status ? status : EX_SOFTWARE;
	}
	interrupt_forget_children();
	free(pids);
	return status;
}

int
pages_write(const struct options *o, const struct workspace *ws,
    const struct period_result *res, const struct sales_agg *agg,
    struct outdir *out)
{
	struct site s;
	struct templates_set tp = { NULL, NULL, NULL };
	struct page_job *jobs, company = { JOB_COMPANY, 0 };
	const char *code;
	size_t i, t, n = 0;
	int status = EX_DATAERR;

	memset(&s, 0, sizeof(s));
	s.o = o;
	s.ws = ws;
	s.res = res;
	s.out = out;
	code = o->lang != NULL ? (strcmp(o->lang, "en") == 0 ? "en" :
	    "zh-CN") : ws->policy.locale;
	templates_set_user_dir(o->templates);
	jobs = xcalloc(ws->npeople + ws->nteams + 1, sizeof(*jobs));
	if (locale_load(&s.loc, code) != 0)
		goto out;
	if ((tp.rep = template_compile("rep.md", TMPL_ESCAPE_MARKDOWN)) ==
	    NULL || (tp.team = template_compile("team.md",
	    TMPL_ESCAPE_MARKDOWN)) == NULL || (tp.company =
	    template_compile("company.md", TMPL_ESCAPE_MARKDOWN)) == NULL)
		goto out;
	s.view.ws = ws;
	s.view.res = res;
	s.view.agg = agg;
	s.view.loc = &s.loc;
	s.view.problems = diag_records(&s.view.nproblems);
	view_index(&s.view);
	fmt_period(&s.period_label, &s.loc, &res->period);
	/* the logo beside the pages, for their HTML (the PDF reads it from
	 * the input folder) */
	if (ws->logo != NULL) {
		struct buf b = BUF_INIT;

		buf_put(&b, ws->logo, ws->logo_len);
		status = outdir_write(out, ws->logo_name, &b);
		buf_free(&b);
		if (status != 0)
			goto out;
		status = EX_DATAERR;
	}

	for (i = 0; i < ws->npeople; i++) {
		const struct person *p = &ws->people[i];

		if (!res->people[i].active ||
		    (o->rep != NULL && strcmp(o->rep, p->rep_id) != 0) ||
		    (o->team != NULL && strcmp(o->team, p->team) != 0))
			continue;
		jobs[n].kind = JOB_PERSON;
		jobs[n++].index = i;
	}
	for (t = 0; t < ws->nteams; t++) {
		if (res->teams[t].members == 0 || !selected_team(o, ws, t))
			continue;
		jobs[n].kind = JOB_TEAM;
		jobs[n++].index = t;
	}
	/* The company page first, in this process: it also loads the layout
	 * that the workers share.  A --team or --rep run writes no company
	 * page (docs/output.md §7). */
	if (o->team != NULL || o->rep != NULL)
		status = write_all(&s, &tp, jobs, n);
	else if ((status = write_one(&s, &tp, &company)) == 0)
		status = write_all(&s, &tp, jobs, n);
out:
	free(jobs);
	tmpl_free(tp.rep);
	tmpl_free(tp.team);
	tmpl_free(tp.company);
	view_index_free(&s.view);
	page_cache_free();
	locale_free(&s.loc);
	buf_free(&s.period_label);
	buf_free(&s.nav_up);
	free(s.nav_at);
	return status;
}

static int
compare_names(const void *a, const void *b)
{
	return -strcmp(*(char *const *)a, *(char *const *)b);	/* newest first */
}

int
pages_write_index(const char *output_dir, const char *lang)
{
	struct locale loc;
	struct buf md = BUF_INIT, html = BUF_INIT, path = BUF_INIT,
	    label = BUF_INIT;
	struct dirent *de;
	struct period p;
	char **names = NULL;
	size_t n = 0, i;
	bool casebook = false;
	DIR *d;
	int status = 0;

	if (locale_load(&loc, lang) != 0)
		return EX_DATAERR;
	if ((d = opendir(output_dir)) == NULL) {
		locale_free(&loc);
		return EX_CANTCREAT;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, "casebook") == 0)
			casebook = true;
		else if (de->d_name[0] != '.' && parse_period(de->d_name,
		    strlen(de->d_name), &p) == NULL && p.kind != PERIOD_YEAR) {
			names = xreallocarray(names, n + 1, sizeof(char *));
			names[n++] = xstrdup(de->d_name);
		}
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(char *), compare_names);
	buf_printf(&md, "# %s\n\n", locale_label(&loc, "reports"));
	for (i = 0; i < n; i++) {
		parse_period(names[i], strlen(names[i]), &p);
		buf_reset(&label);
		fmt_period(&label, &loc, &p);
		buf_printf(&md, "- [%s](%s/index.html)\n", label.data, names[i]);
	}
	if (casebook)
		buf_printf(&md, "\n- [%s](casebook/index.html)\n",
		    locale_label(&loc, "casebook"));
	{
		struct page pg = { .title = locale_label(&loc, "reports"),
		    .lang = loc.code, .source = "index" };

		if (page_html_from_markdown(&pg, md.data, md.len, &html) != 0)
			status = EX_SOFTWARE;
	}
	if (status == 0) {
		buf_printf(&path, "%s/index.html", output_dir);
		status = outdir_replace_file(path.data, &html);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	page_cache_free();
	locale_free(&loc);
	buf_free(&md);
	buf_free(&html);
	buf_free(&path);
	buf_free(&label);
	return status;
}
