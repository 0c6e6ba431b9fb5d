/*
 * Allocation with one policy for the whole program: running out of memory
 * is not recoverable for a batch job, so every allocator here prints a
 * message and exits with EX_SOFTWARE (70).  Callers never check for NULL.
 */
#ifndef SC_ALLOC_H
#define SC_ALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

#endif
