#include "core/buf.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"

void rp_buf_init(struct rp_buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void rp_buf_free(struct rp_buf *b)
{
	if (b == NULL)
		return;
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

void rp_buf_reset(struct rp_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

static int grow(struct rp_buf *b, size_t extra)
{
	size_t need, ncap;
	char *p;

	if (extra > b->max || b->len > b->max - extra)
		return RP_ERR_TOO_LARGE;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return RP_OK;
	ncap = b->cap ? b->cap : 64;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	if (ncap > b->max + 1)
		ncap = b->max + 1;
	p = realloc(b->data, ncap);
	if (p == NULL)
		return RP_ERR_NOMEM;
	b->data = p;
	b->cap = ncap;
	return RP_OK;
}

int rp_buf_add(struct rp_buf *b, const void *p, size_t n)
{
	int r = grow(b, n);

	if (r != RP_OK)
		return r;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return RP_OK;
}

int rp_buf_adds(struct rp_buf *b, const char *s)
{
	return rp_buf_add(b, s, strlen(s));
}

int rp_buf_addc(struct rp_buf *b, char c)
{
	return rp_buf_add(b, &c, 1);
}

int rp_buf_vaddf(struct rp_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n, r;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return RP_ERR_INVAL;
	if ((r = grow(b, (size_t)n)) != RP_OK)
		return r;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return RP_OK;
}

int rp_buf_addf(struct rp_buf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = rp_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return r;
}

char *rp_buf_take(struct rp_buf *b)
{
	char *p = b->data;

	if (p == NULL)
		p = calloc(1, 1);
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

int rp_strlist_take(struct rp_strlist *l, char *s)
{
	if (s == NULL)
		return RP_ERR_NOMEM;
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 8;
		char **v = realloc(l->v, ncap * sizeof(*v));
		if (v == NULL) {
			free(s);
			return RP_ERR_NOMEM;
		}
		l->v = v;
		l->cap = ncap;
	}
	l->v[l->n++] = s;
	return RP_OK;
}

int rp_strlist_add(struct rp_strlist *l, const char *s)
{
	return rp_strlist_take(l, strdup(s));
}

bool rp_strlist_has(const struct rp_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

bool rp_strlist_has_ci(const struct rp_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcasecmp(l->v[i], s) == 0)
			return true;
	return false;
}

void rp_strlist_clear(struct rp_strlist *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

int rp_strlist_copy(struct rp_strlist *dst, const struct rp_strlist *src)
{
	rp_strlist_clear(dst);
	for (size_t i = 0; i < src->n; i++) {
		int r = rp_strlist_add(dst, src->v[i]);
		if (r != RP_OK)
			return r;
	}
	return RP_OK;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void rp_strlist_sort(struct rp_strlist *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_str);
}

char *rp_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

char *rp_asprintf(const char *fmt, ...)
{
	struct rp_buf b;
	va_list ap;
	int r;

	rp_buf_init(&b, (size_t)1 << 24);
	va_start(ap, fmt);
	r = rp_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	if (r != RP_OK) {
		rp_buf_free(&b);
		return NULL;
	}
	return rp_buf_take(&b);
}

int rp_parse_long(const char *s, long min, long max, long *out)
{
	char *end = NULL;
	long v;

	*out = 0;
	if (s == NULL || *s == '\0')
		return RP_ERR_PARSE;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return RP_ERR_PARSE;
	*out = v;
	return RP_OK;
}

bool rp_streq_ci(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp(a, b) == 0;
}

size_t rp_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0], min;
	size_t len;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		c &= 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		c &= 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		goto bad;
	}
	if (len > n)
		goto bad;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return len;
bad:
	*cp = RP_REPLACEMENT;
	return 1;
}

char *rp_strndup_printable(const char *s, size_t n)
{
	size_t len = strnlen(s, n), o = 0;
	char *p = malloc(len + 1);

	if (p == NULL)
		return NULL;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		size_t k = rp_utf8_decode((const unsigned char *)s + i, len - i, &c);
		bool bad = (c == RP_REPLACEMENT && k == 1) || (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f);

		if (bad) {
			p[o++] = '?';
		} else {
			memcpy(p + o, s + i, k);
			o += k;
		}
		i += k;
	}
	p[o] = '\0';
	return p;
}
