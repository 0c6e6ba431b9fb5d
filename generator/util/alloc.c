/*
 * The x* allocators: see alloc.h for the policy.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "alloc.h"

static void
out_of_memory(size_t n)
{
	fprintf(stderr, "scorecard: out of memory (%zu bytes)\n", n);
	exit(EX_SOFTWARE);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		out_of_memory(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		out_of_memory(n);
	return q;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > (size_t)-1 / size)
		out_of_memory((size_t)-1);
	return xrealloc(p, n * size);
}

void *
xgrowarray(void *p, size_t n, size_t size)
{
	if (n == 0)
		return xreallocarray(p, 16, size);
	if (n >= 16 && (n & (n - 1)) == 0)
		return xreallocarray(p, 2 * n, size);
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
