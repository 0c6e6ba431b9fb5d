/* Fuzz target: policy.yaml loading (input/policy.c over util/yamltree.c): parse, merge over the defaults, check. */
#include <stdint.h>
#include <string.h>

#include "util/diag.h"
#include "input/policy.h"
#include "model/model.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct policy p;
	char path[128];
	size_t i, n = 0;

	fuzz_quiet();
	fuzz_write("policy.yaml", data, size);
	fuzz_path(path, "policy.yaml");
	if (policy_load(&p, path) == 0) {
		/* What later stages look at: every name resolves. */
		for (i = 0; i < p.nroles; i++)
			if (policy_role(&p, p.roles[i].name) == NONE)
				abort();
		for (i = 0; i < p.nkpis; i++)
			if (policy_kpi(&p, p.kpis[i].name) == NONE)
				abort();
		for (i = 0; i < FILE_COUNT; i++)
			n += p.nrenames[i];
		(void)n;
	}
	policy_free(&p);
	diag_reset();
	return 0;
}
