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
/*
 * Room for element n of an array that grows one element at a time and
 * was only ever grown this way: the capacity doubles, so appending n
 * elements costs O(n), also where realloc always copies.
 */
void	*xgrowarray(void *, size_t n, size_t size);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);

#endif
