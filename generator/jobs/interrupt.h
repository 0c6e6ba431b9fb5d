/*
 * What an interrupted run leaves behind: nothing.  On SIGINT, SIGTERM or
 * SIGHUP the worker processes are stopped, the temporary output folder of
 * outdir.h is removed, a line says that the previous output is as it
 * was, and the signal then ends the program as it would have (exit
 * 128 + N in a shell).  A full file-size limit (SIGXFSZ) becomes a write
 * error, reported like a full disk.
 */
#ifndef SC_JOBS_INTERRUPT_H
#define SC_JOBS_INTERRUPT_H

#include <stdbool.h>
#include <sys/types.h>

/* Installs the handlers; called once, before any job. */
void	 interrupt_install(void);
/* The temporary folder (or file) to remove when interrupted; NULL: none. */
void	 interrupt_guard_folder(const char *path);
/* A worker process to stop first when interrupted (0: forget them all). */
void	 interrupt_guard_child(pid_t);
/* Holds the handled signals back (on) or lets them through (off). */
void	 interrupt_hold(bool on);
/* In a worker process: the default actions again, and death with the
 * main process whatever kills it. */
void	 interrupt_reset_in_child(void);

#endif
