/*
 * The parallel reading of one large CSV file (csv_read_file_parallel in
 * csvread.h).
 *
 * The calling thread reads the header with the one-pass reader, then the
 * rows after it are cut into chunks of about chunk_bytes.  Chunk k begins
 * after the first line end at or after its nominal start, so that every
 * worker finds the same edges without asking the others.  A worker parses
 * its chunk with a reader of its own (the header's column map, a parser
 * started afresh: a speculative start, as if the chunk began outside any
 * quoted field), checks each row into the chunk's state (fns->row) and
 * holds its messages back (util/diag.h).
 *
 * The calling thread takes the chunks in file order.  A chunk is right
 * when the reader of the text before it stopped between two records: its
 * parser in its starting state and no partial record.  Then its rows are
 * taken and its held messages given, each message before the first row
 * kept after it, lines moved to the chunk's place, and the chunk's reader
 * goes on as the reader of the text so far.  Otherwise (the chunk began
 * inside a quoted field) the worker's work is thrown away and the calling
 * thread parses the chunk again, going on with the reader of the text
 * before it.  Either way the sink sees the rows, and the user the
 * messages, of a one-pass read.
 *
 * At most WINDOW_PER_THREAD chunks per worker are parsed ahead of the one
 * being taken, which bounds memory whatever the file's size.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "util/alloc.h"
#include "util/diag.h"
#include "util/utf8.h"
#include "input/csvread.h"
#include "input/csvread_int.h"

#define CHUNK_DEFAULT		(4 * 1024 * 1024)
#define WINDOW_PER_THREAD	2
#define THREADS_MAX		16
#define SCAN			(64 * 1024)
/* The one-pass reader's chunk of rows taken at once. */
#define ONE_PASS_ROWS		4096

struct par;

struct chunk {
	struct par	*par;
	struct reader	 r;		/* the worker's, at the chunk's end */
	bool		 own_reader;	/* r's parser and record to free */
	struct csv_info	 info;
	struct diag_capture held;
	void		*user;		/* fns->chunk_new's */
	size_t		 kept;
	off_t		 begin, end;
	bool		 done;		/* the worker has finished it */
};

struct par {
	const struct csv_chunk_fns *fns;
	struct reader	 proto;		/* the header's reader, as it was */
	int		 fd;
	off_t		 data, size;	/* where the rows begin; the size */
	size_t		 chunk_bytes;
	size_t		 block;		/* each read buffer's size: BLOCK,
					 * or the file's for a smaller one */
	size_t		 nchunks;
	size_t		 window;
	struct chunk	*slots;		/* chunk k in slots[k % window] */
	pthread_mutex_t	 lock;
	pthread_cond_t	 ready;		/* a chunk is done */
	pthread_cond_t	 room;		/* a slot is free */
	size_t		 next;		/* the next chunk to begin */
	size_t		 taken;		/* chunks taken by the caller */
	bool		 stop;
	int		 read_errno;
};

/* A csv_row_fn: checks the row into its chunk. */
static void
chunk_row(const struct csv_row *row, void *arg)
{
	struct chunk *c = arg;

	if (c->par->fns->row(row, c->user))
		c->kept++;
	c->held.mark = c->kept;
}

static void
read_failed(struct par *p, int err)
{
	pthread_mutex_lock(&p->lock);
	if (p->read_errno == 0)
		p->read_errno = err;
	p->stop = true;
	pthread_mutex_unlock(&p->lock);
}

/* Where a chunk nominally beginning at `at` begins: after a line end. */
static off_t
edge(struct par *p, off_t at)
{
	char buf[SCAN];
	off_t pos;
	ssize_t n;
	char *nl;

	if (at <= p->data)
		return p->data;
	if (at >= p->size)
		return p->size;
	for (pos = at - 1; pos < p->size; pos += n) {
		if ((n = pread(p->fd, buf, SCAN, pos)) <= 0) {
			if (n < 0)
				read_failed(p, errno);
			return p->size;
		}
		if ((nl = memchr(buf, '\n', (size_t)n)) != NULL)
			return pos + (nl - buf) + 1;
	}
	return p->size;
}

/* Feeds bytes begin..end of the file to r, as long as it reads on. */
static void
feed_range(struct par *p, struct reader *r, off_t begin, off_t end,
    char *block)
{
	off_t pos;
	ssize_t n;
	size_t want;

	for (pos = begin; pos < end && !r->fatal; pos += n) {
		want = end - pos < (off_t)p->block ? (size_t)(end - pos) :
		    p->block;
		if ((n = pread(p->fd, block, want, pos)) <= 0) {
			read_failed(p, n < 0 ? errno : EIO);
			return;
		}
		reader_feed(r, block, (size_t)n);
	}
}

/* A fresh state for chunk c, its reader not made yet. */
static void
chunk_open(struct par *p, struct chunk *c)
{
	c->par = p;
	c->user = p->fns->chunk_new(p->fns->arg);
	c->kept = 0;
	memset(&c->info, 0, sizeof(c->info));
	memset(&c->held, 0, sizeof(c->held));
}

/* Frees what is left of chunk c once taken or thrown away. */
static void
chunk_close(struct par *p, struct chunk *c, long offset, bool taken)
{
	p->fns->chunk_end(p->fns->arg, c->user, offset, taken);
	c->user = NULL;
	diag_capture_free(&c->held);
	if (c->own_reader) {
		csv_free(&c->r.parser);
		buf_free(&c->r.values);
		c->own_reader = false;
	}
}

/* A worker's parse of chunk k, into its slot. */
static void
parse_chunk(struct par *p, size_t k, char *block)
{
	struct chunk *c = &p->slots[k % p->window];
	struct reader *r = &c->r;

	chunk_open(p, c);
	c->begin = edge(p, p->data + (off_t)(k * p->chunk_bytes));
	c->end = edge(p, p->data + (off_t)((k + 1) * p->chunk_bytes));
	*r = p->proto;			/* the header's map, shared */
	memset(&r->parser, 0, sizeof(r->parser));
	csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI);
	memset(&r->values, 0, sizeof(r->values));
	r->fn = chunk_row;
	r->arg = c;
	r->info = &c->info;
	r->line = 1;
	r->record_line = 1;
	r->fatal = false;
	r->skip_line = false;
	r->row_bad = false;
	r->nfields = 0;
	r->all_empty = true;
	memset(r->have, 0, sizeof(r->have));
	c->own_reader = true;
	diag_capture_set(&c->held);
	feed_range(p, r, c->begin, c->end, block);
	diag_capture_set(NULL);
}

static void *
worker(void *arg)
{
	struct par *p = arg;
	char *block = xmalloc(p->block);
	size_t k;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (!p->stop && p->next < p->nchunks &&
		    p->next >= p->taken + p->window)
			pthread_cond_wait(&p->room, &p->lock);
		if (p->stop || p->next >= p->nchunks) {
			pthread_mutex_unlock(&p->lock);
			break;
		}
		k = p->next++;
		pthread_mutex_unlock(&p->lock);
		parse_chunk(p, k, block);
		pthread_mutex_lock(&p->lock);
		p->slots[k % p->window].done = true;
		pthread_cond_broadcast(&p->ready);
		pthread_mutex_unlock(&p->lock);
	}
	free(block);
	return NULL;
}

/*
 * Has r stopped between two records, as a reader does that was started
 * where a chunk begins?
 */
static bool
between_records(const struct reader *r)
{
	return !r->fatal && !r->skip_line && r->nfields == 0 &&
	    !r->row_bad && r->parser.pstate == ROW_NOT_BEGUN &&
	    r->parser.quoted == 0 && r->parser.spaces == 0 &&
	    r->parser.entry_pos == 0;
}

/* Gives chunk c's held messages and kept rows, in the order they came. */
static void
deliver(struct par *p, struct chunk *c, long offset, struct csv_info *info)
{
	size_t i, next = 0;

	for (i = 0; i < c->kept; i++) {
		diag_capture_replay(&c->held, &next, i, offset);
		p->fns->take(p->fns->arg, c->user, i, offset);
	}
	diag_capture_replay(&c->held, &next, SIZE_MAX, offset);
	info->rows += c->info.rows;
	info->bad_rows += c->info.bad_rows;
}

/*
 * Parses bytes begin..end with cur on this thread, into chunk c; with
 * block NULL, the end of the file instead.
 */
static void
parse_here(struct par *p, struct reader *cur, struct chunk *c, off_t begin,
    off_t end, char *block, struct csv_info *info)
{
	chunk_open(p, c);
	cur->fn = chunk_row;
	cur->arg = c;
	/* a header still being read marks its columns in the file's info */
	cur->info = cur->header_done ? &c->info : info;
	diag_capture_set(&c->held);
	if (block == NULL)
		reader_end(cur);
	else
		feed_range(p, cur, begin, end, block);
	diag_capture_set(NULL);
}

/* The one-pass reader's rows through fns, taken as they come. */
struct one_pass {
	const struct csv_chunk_fns *fns;
	void		*user;
	size_t		 kept;
};

static void
one_pass_row(const struct csv_row *row, void *arg)
{
	struct one_pass *o = arg;

	if (!o->fns->row(row, o->user))
		return;
	o->fns->take(o->fns->arg, o->user, o->kept++, 0);
	if (o->kept == ONE_PASS_ROWS) {
		o->fns->chunk_end(o->fns->arg, o->user, 0, true);
		o->user = o->fns->chunk_new(o->fns->arg);
		o->kept = 0;
	}
}

static int
one_pass(const char *path, const struct csv_column *columns, size_t ncolumns,
    const struct column_rename *renames, size_t nrenames, bool lenient,
    const struct csv_chunk_fns *fns, struct csv_info *info)
{
	struct one_pass o = { fns, fns->chunk_new(fns->arg), 0 };
	int status;

	status = csv_read_file(path, columns, ncolumns, renames, nrenames,
	    lenient, one_pass_row, &o, info);
	fns->chunk_end(fns->arg, o.user, 0, true);
	return status;
}

/*
 * The header, on this thread, with the rows that may share its line:
 * lines are fed one at a time until the header is read.  Returns where
 * the rows after it begin.
 */
static off_t
read_header(struct par *p, struct reader *r0, off_t start, char *block)
{
	off_t pos = start;
	ssize_t n;
	char *s, *nl;
	size_t left, len;

	while (!r0->header_done && !r0->fatal) {
		if ((n = pread(p->fd, block, p->block, pos)) <= 0) {
			if (n < 0)
				read_failed(p, errno);
			break;
		}
		s = block;
		left = (size_t)n;
		while (left > 0 && !r0->header_done && !r0->fatal) {
			nl = memchr(s, '\n', left);
			len = nl != NULL ? (size_t)(nl - s) + 1 : left;
			reader_feed(r0, s, len);
			s += len;
			left -= len;
			pos += (off_t)len;
		}
	}
	return pos;
}

/* One core's part of the UTF-8 check: bytes begin..end. */
struct utf8_part {
	struct par	*par;
	off_t		 begin, end;
	bool		 valid;
};

static void *
utf8_part_check(void *arg)
{
	struct utf8_part *u = arg;
	struct utf8_check st = { 0, 0, 0 };
	char *block = xmalloc(u->par->block);
	off_t pos;
	ssize_t n;
	size_t want;

	u->valid = true;
	for (pos = u->begin; pos < u->end && u->valid; pos += n) {
		want = u->end - pos < (off_t)u->par->block ?
		    (size_t)(u->end - pos) : u->par->block;
		if ((n = pread(u->par->fd, block, want, pos)) <= 0) {
			read_failed(u->par, n < 0 ? errno : EIO);
			break;
		}
		u->valid = utf8_check_feed(&st, (unsigned char *)block,
		    (size_t)n);
	}
	if (u->valid)
		u->valid = utf8_check_end(&st);
	free(block);
	return NULL;
}

/* Is a file held whole in one block UTF-8?  (No thread is worth its
 * start for the few KiB of a test's or a fuzzer's file.) */
static bool
utf8_block(const char *block, size_t len)
{
	struct utf8_check st = { 0, 0, 0 };

	return utf8_check_feed(&st, (const unsigned char *)block, len) &&
	    utf8_check_end(&st);
}

/*
 * Is the whole file UTF-8?  Each core checks a part that begins after a
 * line end: a line end is never inside a character, so the parts are
 * valid exactly when the whole is.
 */
static bool
utf8_everywhere(struct par *p, int threads)
{
	struct utf8_part part[THREADS_MAX];
	pthread_t tid[THREADS_MAX];
	bool started[THREADS_MAX], valid = true;
	sigset_t all, old;
	int i;

	for (i = 0; i < threads; i++) {
		part[i].par = p;
		part[i].begin = edge(p, p->size / threads * i);
		part[i].end = i + 1 < threads ?
		    edge(p, p->size / threads * (i + 1)) : p->size;
	}
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	for (i = 1; i < threads; i++)
		started[i] = pthread_create(&tid[i], NULL, utf8_part_check,
		    &part[i]) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	utf8_part_check(&part[0]);
	for (i = 1; i < threads; i++) {
		if (started[i])
			pthread_join(tid[i], NULL);
		else
			utf8_part_check(&part[i]);
	}
	for (i = 0; i < threads; i++)
		valid = valid && part[i].valid;
	return valid;
}

static int
start_workers(struct par *p, pthread_t *t, int threads)
{
	sigset_t all, old;
	int i, n = 0;

	/* The workers take no signals: they go to the calling thread,
	 * whose handler (jobs/interrupt.c) finds the program stopped. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	for (i = 0; i < threads; i++)
		if (pthread_create(&t[n], NULL, worker, p) == 0)
			n++;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return n;
}

int
csv_read_file_parallel(const char *path, const struct csv_column *columns,
    size_t ncolumns, const struct column_rename *renames, size_t nrenames,
    bool lenient, const struct csv_chunk_fns *fns, int threads,
    size_t chunk_bytes, struct csv_info *info)
{
	struct par p;
	struct reader cur;
	struct chunk here;
	struct stat st;
	pthread_t tid[THREADS_MAX];
	FILE *fp;
	char *block;
	long offset = 0;
	size_t k;
	ssize_t n;
	int status, nthreads = 0, i;

	if (threads <= 1)
		return one_pass(path, columns, ncolumns, renames, nrenames,
		    lenient, fns, info);
	if (chunk_bytes == 0)
		chunk_bytes = CHUNK_DEFAULT;
	if (threads > THREADS_MAX)
		threads = THREADS_MAX;
	memset(info, 0, sizeof(*info));
	if ((status = csv_open(path, &fp)) != 0)
		return status;
	if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size < 2 * chunk_bytes) {
		fclose(fp);
		return one_pass(path, columns, ncolumns, renames, nrenames,
		    lenient, fns, info);
	}
	memset(&p, 0, sizeof(p));
	p.fns = fns;
	p.fd = fileno(fp);
	p.size = st.st_size;
	p.chunk_bytes = chunk_bytes;
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.ready, NULL);
	pthread_cond_init(&p.room, NULL);
	/* a small file gets blocks its size: a 1 MiB block for the caller
	 * and each thread cost more than reading a file of a few KiB */
	p.block = st.st_size < BLOCK ? (size_t)st.st_size + 1 : BLOCK;
	block = xmalloc(p.block);

	/* The encoding: the first block's checks, then UTF-8 or not on
	 * every core (a GB18030 file is read in one pass). */
	if ((n = pread(p.fd, block, p.block, 0)) < 0)
		read_failed(&p, errno);
	else if ((status = reader_detect_head(block, (size_t)n, path,
	    &info->encoding)) != 0)
		goto out;
	if (p.read_errno == 0 && !((off_t)n == p.size ?
	    utf8_block(block, (size_t)n) : utf8_everywhere(&p, threads)))
		info->encoding = ENC_GB18030;
	if (p.read_errno != 0) {
		diag(DIAG_ERROR, path, 0, NULL, NULL, "read error: %s",
		    strerror(p.read_errno));
		diag_set_exit(EX_IOERR);
		status = EX_IOERR;
		goto out;
	}
	if (info->encoding == ENC_GB18030) {
		free(block);
		fclose(fp);
		pthread_mutex_destroy(&p.lock);
		pthread_cond_destroy(&p.ready);
		pthread_cond_destroy(&p.room);
		return one_pass(path, columns, ncolumns, renames, nrenames,
		    lenient, fns, info);
	}

	/* The header (and whatever shares its line), taken at once. */
	reader_setup(&cur, path, columns, ncolumns, renames, nrenames,
	    lenient, NULL, NULL, info);
	memset(&here, 0, sizeof(here));
	chunk_open(&p, &here);
	cur.fn = chunk_row;
	cur.arg = &here;
	diag_capture_set(&here.held);
	p.data = read_header(&p, &cur,
	    info->encoding == ENC_UTF8_BOM ? 3 : 0, block);
	diag_capture_set(NULL);
	deliver(&p, &here, 0, info);
	chunk_close(&p, &here, 0, true);
	p.proto = cur;

	if (cur.header_done && !cur.fatal && p.read_errno == 0) {
		p.nchunks = (size_t)((p.size - p.data) / (off_t)chunk_bytes) + 1;
		p.window = (size_t)threads * WINDOW_PER_THREAD;
		p.slots = xcalloc(p.window, sizeof(*p.slots));
		nthreads = start_workers(&p, tid, threads);
	}

	for (k = 0; k < p.nchunks; k++) {
		struct chunk *c = &p.slots[k % p.window];

		pthread_mutex_lock(&p.lock);
		while (!c->done && nthreads > 0 && !p.stop)
			pthread_cond_wait(&p.ready, &p.lock);
		pthread_mutex_unlock(&p.lock);
		if (p.stop || cur.fatal)
			break;
		if (c->done && between_records(&cur)) {
			long at = offset + cur.line - 1;

			deliver(&p, c, at, info);
			/* the chunk's reader goes on from here */
			csv_free(&cur.parser);
			buf_free(&cur.values);
			cur = c->r;
			c->own_reader = false;
			chunk_close(&p, c, at, true);
			offset = at;
		} else {
			off_t begin, end;

			if (c->done) {
				begin = c->begin;
				end = c->end;
				chunk_close(&p, c, 0, false);
			} else {	/* no worker started */
				begin = edge(&p, p.data +
				    (off_t)(k * chunk_bytes));
				end = edge(&p, p.data +
				    (off_t)((k + 1) * chunk_bytes));
			}
			parse_here(&p, &cur, c, begin, end, block, info);
			deliver(&p, c, offset, info);
			chunk_close(&p, c, offset, true);
		}
		pthread_mutex_lock(&p.lock);
		c->done = false;
		p.taken++;
		pthread_cond_broadcast(&p.room);
		pthread_mutex_unlock(&p.lock);
	}

	pthread_mutex_lock(&p.lock);
	p.stop = true;
	pthread_cond_broadcast(&p.room);
	pthread_mutex_unlock(&p.lock);
	for (i = 0; i < nthreads; i++)
		pthread_join(tid[i], NULL);
	for (k = 0; k < p.window; k++)	/* parsed ahead, not taken */
		if (p.slots[k].done)
			chunk_close(&p, &p.slots[k], 0, false);

	if (p.read_errno != 0) {
		diag(DIAG_ERROR, path, 0, NULL, NULL, "read error: %s",
		    strerror(p.read_errno));
		diag_set_exit(EX_IOERR);
		status = EX_IOERR;
	} else {
		if (!cur.fatal) {
			parse_here(&p, &cur, &here, 0, 0, NULL, info);
			deliver(&p, &here, offset, info);
			chunk_close(&p, &here, offset, true);
		}
		if (cur.fatal)
			status = EX_DATAERR;
	}
	info->lines = offset + cur.line;
	/* The header's map is the first reader's, shared by every later one
	 * (it does not change once the header is read; before, there is no
	 * later one): freed once, with the last reader. */
	reader_free(&cur);
out:
	free(p.slots);
	free(block);
	fclose(fp);
	pthread_mutex_destroy(&p.lock);
	pthread_cond_destroy(&p.ready);
	pthread_cond_destroy(&p.room);
	return status;
}
