/*
 * The two-thread sales pipe of salespipe.h: a ring of NBATCH batches
 * under one mutex.  The reader fills the batch at `head` while the sink's
 * thread empties the one at `tail`; `full` counts the batches handed over
 * and not yet emptied, so the reader never writes a batch being read.
 * A row whose strings do not fit in a batch is given to the sink by the
 * reader itself, once the sink's thread has emptied every batch.
 */
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "input/salespipe.h"

#define NBATCH		4
#define BATCH_ROWS	4096
#define BATCH_BYTES	(256 * 1024)

struct batch {
	struct sale	 rows[BATCH_ROWS];
	size_t		 n;
	char		 bytes[BATCH_BYTES];	/* customer and order ids */
	size_t		 used;
};

struct sales_pipe {
	struct sales_sink sink;
	pthread_t	 thread;
	pthread_mutex_t	 lock;
	pthread_cond_t	 filled;	/* a batch was handed over, or done */
	pthread_cond_t	 emptied;	/* the sink's thread emptied one */
	struct batch	 batch[NBATCH];
	size_t		 head, tail, full;
	bool		 done;
};

static void *
drain(void *arg)
{
	struct sales_pipe *p = arg;
	struct batch *b;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		while (p->full == 0 && !p->done)
			pthread_cond_wait(&p->filled, &p->lock);
		if (p->full == 0) {
			pthread_mutex_unlock(&p->lock);
			return NULL;
		}
		b = &p->batch[p->tail];
		pthread_mutex_unlock(&p->lock);
		for (i = 0; i < b->n; i++)
			p->sink.row(p->sink.arg, &b->rows[i]);
		pthread_mutex_lock(&p->lock);
		p->tail = (p->tail + 1) % NBATCH;
		p->full--;
		pthread_cond_signal(&p->emptied);
		pthread_mutex_unlock(&p->lock);
	}
}

struct sales_pipe *
sales_pipe_start(const struct sales_sink *sink)
{
	struct sales_pipe *p = xcalloc(1, sizeof(*p));
	sigset_t all, old;
	int rc;

	p->sink = *sink;
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->filled, NULL);
	pthread_cond_init(&p->emptied, NULL);
	/* The thread takes no signals: they go to the main thread, whose
	 * handler (jobs/interrupt.c) then finds the program stopped. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&p->thread, NULL, drain, p);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		pthread_mutex_destroy(&p->lock);
		pthread_cond_destroy(&p->filled);
		pthread_cond_destroy(&p->emptied);
		free(p);
		return NULL;
	}
	return p;
}

/* Hands the batch at head over; waits, if need be, for a free one. */
static void
hand_over(struct sales_pipe *p)
{
	struct batch *b;

	pthread_mutex_lock(&p->lock);
	p->full++;
	p->head = (p->head + 1) % NBATCH;
	pthread_cond_signal(&p->filled);
	while (p->full == NBATCH)
		pthread_cond_wait(&p->emptied, &p->lock);
	pthread_mutex_unlock(&p->lock);
	b = &p->batch[p->head];
	b->n = 0;
	b->used = 0;
}

static const char *
keep(struct batch *b, const char *s, size_t n)
{
	char *at = b->bytes + b->used;

	if (n > 0)
		memcpy(at, s, n);
	at[n] = '\0';
	b->used += n + 1;
	return at;
}

void
sales_pipe_row(void *arg, const struct sale *s)
{
	struct sales_pipe *p = arg;
	struct batch *b = &p->batch[p->head];
	size_t need = s->customer_len + s->order_len + 2;
	struct sale *r;

	if (need > BATCH_BYTES) {	/* a huge id: the sink, directly */
		if (b->n > 0)
			hand_over(p);
		pthread_mutex_lock(&p->lock);
		while (p->full > 0)
			pthread_cond_wait(&p->emptied, &p->lock);
		pthread_mutex_unlock(&p->lock);
		p->sink.row(p->sink.arg, s);
		return;
	}
	if (b->n == BATCH_ROWS || b->used + need > BATCH_BYTES) {
		hand_over(p);
		b = &p->batch[p->head];
	}
	r = &b->rows[b->n++];
	*r = *s;
	r->customer = s->customer != NULL ?
	    keep(b, s->customer, s->customer_len) : NULL;
	r->order_id = s->order_id != NULL ?
	    keep(b, s->order_id, s->order_len) : NULL;
}

void
sales_pipe_finish(struct sales_pipe *p)
{
	if (p->batch[p->head].n > 0)
		hand_over(p);
	pthread_mutex_lock(&p->lock);
	p->done = true;
	pthread_cond_signal(&p->filled);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->filled);
	pthread_cond_destroy(&p->emptied);
	free(p);
}
