/*
 * The signal handlers of interrupt.h.  The handler uses only
 * async-signal-safe calls: it stops the registered workers with kill and
 * waitpid and removes the guarded folder with openat, getdents64 and
 * unlinkat, on fixed buffers; the guarded path and the workers are
 * changed only with the signals blocked, so the handler never sees them
 * half-written.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <sysexits.h>
#include <unistd.h>

#include "jobs/interrupt.h"

#define MAX_CHILDREN	256	/* --jobs takes at most 256 */
#define MAX_DEPTH	16	/* the output tree is three levels deep */

static const int handled[] = { SIGINT, SIGTERM, SIGHUP };

static char guarded[PATH_MAX];
static pid_t children[MAX_CHILDREN];
static volatile sig_atomic_t nchildren;
static pid_t main_pid;

static void
say(const char *s)
{
	(void)!write(STDERR_FILENO, s, strlen(s));
}

/* Removes NAME under the folder PARENT, whatever it is, depth first. */
static void
remove_at(int parent, const char *name, int depth)
{
	char block[4096];
	ssize_t n, off;
	int fd, seen, passes = 0;

	if (unlinkat(parent, name, 0) == 0 || errno == ENOENT)
		return;
	if (depth > MAX_DEPTH || (fd = openat(parent, name,
	    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return;
	do {	/* entries removed while reading may hide others: again */
		seen = 0;
		lseek(fd, 0, SEEK_SET);
		while ((n = getdents64(fd, block, sizeof(block))) > 0)
			for (off = 0; off < n; ) {
				struct dirent64 *d = (struct dirent64 *)
				    (void *)(block + off);

				off += d->d_reclen;
				if (strcmp(d->d_name, ".") == 0 ||
				    strcmp(d->d_name, "..") == 0)
					continue;
				remove_at(fd, d->d_name, depth + 1);
				seen = 1;
			}
	} while (seen && ++passes < 100);
	close(fd);
	unlinkat(parent, name, AT_REMOVEDIR);
}

static void
on_signal(int sig)
{
	int saved = errno;
	sig_atomic_t i;

	for (i = 0; i < nchildren; i++)
		kill(children[i], SIGKILL);
	for (i = 0; i < nchildren; i++)
		while (waitpid(children[i], NULL, 0) < 0 && errno == EINTR)
			continue;
	if (guarded[0] != '\0') {
		remove_at(AT_FDCWD, guarded, 0);
		say("scorecard: interrupted; the unfinished output was "
		    "removed and the previous output is as it was\n");
	} else
		say("scorecard: interrupted\n");
	signal(sig, SIG_DFL);
	raise(sig);	/* delivered, with its default action, on return */
	errno = saved;
}

void
interrupt_install(void)
{
	struct sigaction sa, was;
	size_t i;

	main_pid = getpid();
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigfillset(&sa.sa_mask);
	for (i = 0; i < sizeof(handled) / sizeof(handled[0]); i++)
		if (sigaction(handled[i], NULL, &was) == 0 &&
		    was.sa_handler != SIG_IGN)	/* nohup, a shell's & */
			sigaction(handled[i], &sa, NULL);
	signal(SIGXFSZ, SIG_IGN);	/* a write then fails with EFBIG */
}

/* Runs a change of the guarded state with the handled signals blocked. */
static void
block(bool on, sigset_t *old)
{
	sigset_t set;
	size_t i;

	if (on) {
		sigemptyset(&set);
		for (i = 0; i < sizeof(handled) / sizeof(handled[0]); i++)
			sigaddset(&set, handled[i]);
		sigprocmask(SIG_BLOCK, &set, old);
	} else
		sigprocmask(SIG_SETMASK, old, NULL);
}

void
interrupt_hold(bool on)
{
	static sigset_t old;

	block(on, &old);
}

void
interrupt_guard_folder(const char *path)
{
	sigset_t old;

	block(true, &old);
	if (path == NULL || strlen(path) >= sizeof(guarded))
		guarded[0] = '\0';
	else
		memcpy(guarded, path, strlen(path) + 1);
	block(false, &old);
}

void
interrupt_forget_children(void)
{
	sigset_t old;

	block(true, &old);
	nchildren = 0;
	block(false, &old);
}

static void
reset_in_child(void)
{
	size_t i;

	for (i = 0; i < sizeof(handled) / sizeof(handled[0]); i++)
		signal(handled[i], SIG_DFL);
	nchildren = 0;
	guarded[0] = '\0';
	/* A worker dies with the main process, even by SIGKILL. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (main_pid != 0 && getppid() != main_pid)
		_exit(EX_SOFTWARE);
}

pid_t
interrupt_fork(void)
{
	pid_t pid;

	interrupt_hold(true);	/* the worker is known before any signal */
	if ((pid = fork()) == 0)
		reset_in_child();
	else if (pid > 0 && nchildren < MAX_CHILDREN)
		children[nchildren++] = pid;	/* signals held */
	interrupt_hold(false);
	return pid;
}
