/*
 * sales.csv on two cores: the reading thread parses and checks each row
 * and copies it into a batch; a second thread hands the batches, in file
 * order, to the real sink (the aggregate).  The sink sees exactly the
 * rows and the order it would see without the pipe, so the results are
 * the same; memory is a few fixed batches.
 */
#ifndef SC_INPUT_SALESPIPE_H
#define SC_INPUT_SALESPIPE_H

#include "model/model.h"

struct sales_pipe;

/*
 * Starts the second thread in front of SINK; NULL when no thread could
 * be started (the caller then calls the sink itself).
 */
struct sales_pipe *sales_pipe_start(const struct sales_sink *sink);
/* A sales_sink row function: queues one row (arg is the pipe). */
void	 sales_pipe_row(void *pipe, const struct sale *);
/* Hands over the last rows, waits for the sink to take them all, frees. */
void	 sales_pipe_finish(struct sales_pipe *);

#endif
