/* A bounded line iterator over a text buffer, counting line numbers from 1.
 * Lines longer than max_line are reported (too_long) and skipped whole, so a
 * hostile 1 GB line costs one pass and no memory. */
#ifndef RP_LINES_H
#define RP_LINES_H

#include <stdbool.h>
#include <stddef.h>

struct rp_lines {
	const char *p, *end;
	unsigned lineno;
	size_t max_line;
};

#define RP_LINE_MAX ((size_t)64 << 10)

void rp_lines_init(struct rp_lines *it, const char *data, size_t len, size_t max_line);
/* Gives the next line (without the newline or a trailing CR), not NUL
 * terminated. Returns false at the end. *too_long is set for a line over
 * max_line; then *line is NULL. */
bool rp_lines_next(struct rp_lines *it, const char **line, size_t *len, bool *too_long);
/* True when the data looks binary (a NUL byte in the first 8 KiB). */
bool rp_text_is_binary(const char *data, size_t len);

#endif
