#include "core/lines.h"

#include <string.h>

void rp_lines_init(struct rp_lines *it, const char *data, size_t len, size_t max_line)
{
	it->p = data;
	it->end = data + len;
	it->lineno = 0;
	it->max_line = max_line;
}

bool rp_lines_next(struct rp_lines *it, const char **line, size_t *len, bool *too_long)
{
	const char *nl;
	size_t n;

	*line = NULL;
	*len = 0;
	*too_long = false;
	if (it->p >= it->end)
		return false;
	nl = memchr(it->p, '\n', (size_t)(it->end - it->p));
	n = nl ? (size_t)(nl - it->p) : (size_t)(it->end - it->p);
	it->lineno++;
	if (n > it->max_line) {
		*too_long = true;
	} else {
		*line = it->p;
		*len = n;
		if (n > 0 && it->p[n - 1] == '\r')
			(*len)--;
	}
	it->p += n + (nl ? 1 : 0);
	return true;
}

bool rp_text_is_binary(const char *data, size_t len)
{
	return memchr(data, '\0', len < 8192 ? len : 8192) != NULL;
}
