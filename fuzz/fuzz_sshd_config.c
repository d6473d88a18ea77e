/* libFuzzer harness for the sshd_config parser. The input is the main file;
 * every Include resolves to the input itself under the name it asks for, so
 * include loops, nesting and Match-in-Include are exercised without a
 * filesystem. Reads per run are capped (MAX_READS) to keep runs fast; the
 * parser's own file limit is tested in tests/unit. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/err.h"
#include "parse/sshd_config.h"

#define MAX_READS 24

struct mem {
	const char *data;
	size_t len;
	unsigned reads;
};

static int mem_glob(void *ctx, const char *pattern, struct rp_strlist *out)
{
	(void)ctx;
	if (strchr(pattern, '[') != NULL)
		return RP_OK; /* no match */
	if (rp_strlist_add(out, pattern) != RP_OK)
		return RP_ERR_NOMEM;
	return rp_strlist_take(out, rp_path_join(pattern, "x"));
}

static int mem_read(void *ctx, const char *path, struct rp_buf *out)
{
	struct mem *m = ctx;

	rp_buf_reset(out);
	if (strstr(path, "missing") != NULL || ++m->reads > MAX_READS)
		return RP_ERR_NOTFOUND;
	return rp_buf_add(out, m->data, m->len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mem m = {(const char *)data, size, 0};
	struct rp_sshd_io io = {mem_glob, mem_read, &m};
	struct rp_sshd_config cfg;
	struct rp_diag diag = {0};

	memset(&cfg, 0, sizeof(cfg));
	rp_sshd_parse(&cfg, "/etc/ssh/sshd_config", m.data, m.len, &io, &diag);
	rp_sshd_config_free(&cfg);
	rp_diag_free(&diag);
	return 0;
}
