/* libFuzzer harness: the YAML configuration loader (and the catalogue loader,
 * which shares the YAML layer). */
#include <stddef.h>
#include <stdint.h>

#include "core/catalog.h"
#include "core/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rp_policy pol;
	struct rp_catalog cat;
	struct rp_diag d = {0};

	if (rp_policy_defaults(&pol) == 0)
		rp_policy_load_mem(&pol, "fuzz.yaml", (const char *)data, size, &d);
	rp_policy_free(&pol);
	rp_diag_free(&d);
	if (rp_catalog_load_mem(&cat, "fuzz.yaml", (const char *)data, size, &d) == 0)
		rp_catalog_free(&cat);
	rp_diag_free(&d);
	return 0;
}
