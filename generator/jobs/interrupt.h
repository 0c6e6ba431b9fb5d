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
/* Holds the handled signals back (on) or lets them through (off). */
void	 interrupt_hold(bool on);
/*
 * Forks a worker process that the handler stops first when interrupted;
 * in the worker the default actions hold again, and it dies with the main
 * process whatever kills it.  Returns as fork() does.
 */
pid_t	 interrupt_fork(void);
/* Forgets the workers once they have been waited for. */
void	 interrupt_forget_children(void);

#endif
