/*
 * Reading a whole workspace folder into the model of model/model.h, with
 * every row checked and every cross-file reference resolved.  sales.csv
 * streams through a sink and is never held.
 */
#ifndef SC_INPUT_WORKSPACE_H
#define SC_INPUT_WORKSPACE_H

#include "model/model.h"

#define CASE_MAX_BYTES (1024 * 1024)

/*
 * Reads dir into ws.  sales.csv is read only when want_sales is set, each
 * good row passed to sink (which may be NULL).  Returns 0 when the
 * workspace can be used (with --lenient: after skipping bad rows), else the
 * sysexits code; every problem has been reported through diag.
 */
int	 workspace_read(struct workspace *ws, const char *dir, bool lenient,
	    bool want_sales, bool sales_required, const struct sales_sink *sink);
/*
 * The sales part of workspace_read, for a workspace read without it:
 * sales.csv or sales.xlsx read into ws->sales and ws->files[FILE_SALES],
 * each good row passed to sink.  Returns 0 or the sysexits code.
 */
int	 workspace_read_sales(struct workspace *ws, bool sales_required,
	    const struct sales_sink *sink);
void	 workspace_free(struct workspace *ws);
char	*workspace_path(const struct workspace *ws, const char *name);
/* What messages call the people file: team.csv, or team.xlsx when read. */
const char *workspace_team_file(const struct workspace *ws);

#endif
