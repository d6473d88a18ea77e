/* Bounded byte buffers and small string helpers. Every rp_buf has a hard
 * maximum set at init (curl's dynbuf): appends past it fail with
 * RP_ERR_TOO_LARGE instead of growing without bound. The data is always NUL
 * terminated so it can be used as a C string when it holds text. */
#ifndef RP_BUF_H
#define RP_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rp_buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max; /* hard limit on len */
};

/* Initialises an empty buffer that may grow to at most max bytes. */
void rp_buf_init(struct rp_buf *b, size_t max);
/* Frees the storage; the buffer may be reused after rp_buf_init. Accepts NULL. */
void rp_buf_free(struct rp_buf *b);
/* Empties the buffer, keeping its storage. */
void rp_buf_reset(struct rp_buf *b);
int rp_buf_add(struct rp_buf *b, const void *p, size_t n);
int rp_buf_adds(struct rp_buf *b, const char *s);
int rp_buf_addc(struct rp_buf *b, char c);
int rp_buf_addf(struct rp_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int rp_buf_vaddf(struct rp_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Hands the data to the caller (who frees it) and leaves the buffer empty. */
char *rp_buf_take(struct rp_buf *b);

/* A growable list of owned strings. */
struct rp_strlist {
	char **v;
	size_t n;
	size_t cap;
};

int rp_strlist_add(struct rp_strlist *l, const char *s);
/* Adds s, which the list now owns. On failure s is freed. */
int rp_strlist_take(struct rp_strlist *l, char *s);
bool rp_strlist_has(const struct rp_strlist *l, const char *s);
bool rp_strlist_has_ci(const struct rp_strlist *l, const char *s);
void rp_strlist_clear(struct rp_strlist *l);
/* Replaces dst's contents with copies of src's. */
int rp_strlist_copy(struct rp_strlist *dst, const struct rp_strlist *src);
void rp_strlist_sort(struct rp_strlist *l);

/* strdup that returns NULL for NULL. */
char *rp_strdup(const char *s);
/* Allocating printf; returns NULL on failure. */
char *rp_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parses a whole decimal string into *out within [min, max]; 0 or RP_ERR_PARSE. */
int rp_parse_long(const char *s, long min, long max, long *out);
/* Case-insensitive equality. */
bool rp_streq_ci(const char *a, const char *b);
/* Decodes the UTF-8 sequence at s (n > 0 bytes available) into *cp and
 * returns its length. Bytes that are not well-formed UTF-8 (overlong,
 * surrogate, truncated, over U+10FFFF) count as one byte and U+FFFD. */
#define RP_REPLACEMENT 0xFFFDu
size_t rp_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Copies at most n bytes of s into a new string that is valid UTF-8 and
 * free of control characters (C0 but tab, DEL, C1): each bad byte or control
 * becomes '?', so that untrusted text is safe to print and to put in JSON. */
char *rp_strndup_printable(const char *s, size_t n);

#endif
