#include "report/common.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"



static bool xml_char_ok(uint32_t c)
{
	if (c == 0x9 || c == 0xA || c == 0xD)
		return true;
	if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) /* C0, DEL, C1: valid XML 1.0 for some, never wanted */
		return false;
	if (c >= 0xD800 && c <= 0xDFFF)
		return false;
	return c <= 0xFFFD || (c >= 0x10000 && c <= 0x10FFFF);
}

void rp_xml_puts(FILE *out, const char *s, bool attr)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = s ? strlen(s) : 0;

	while (n > 0) {
		uint32_t c;
		size_t len = rp_utf8_decode(p, n, &c);

		if (!xml_char_ok(c) || c == RP_REPLACEMENT) {
			fputs("\xEF\xBF\xBD", out);
		} else {
			switch (c) {
			case '&': fputs("&amp;", out); break;
			case '<': fputs("&lt;", out); break;
			case '>': fputs("&gt;", out); break;
			case '"': fputs("&quot;", out); break;
			case '\'': fputs("&#39;", out); break;
			case '\t': fputs(attr ? "&#9;" : "\t", out); break;
			case '\n': fputs(attr ? "&#10;" : "\n", out); break;
			case '\r': fputs("&#13;", out); break; /* parsers turn a raw CR into LF */
			default: fwrite(p, 1, len, out); break;
			}
		}
		p += len;
		n -= len;
	}
}

void rp_text_puts(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = s ? strlen(s) : 0;

	while (n > 0) {
		uint32_t c;
		size_t len = rp_utf8_decode(p, n, &c);

		if ((c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F) ||
		    (c == RP_REPLACEMENT && len == 1))
			fputc('?', out);
		else
			fwrite(p, 1, len, out);
		p += len;
		n -= len;
	}
}

char *rp_utf8_dup_valid(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	struct rp_buf b;
	size_t n;

	if (s == NULL)
		return NULL;
	n = strlen(s);
	if (n > (SIZE_MAX - 1) / 3)
		return NULL;
	/* at most three output bytes per input byte */
	rp_buf_init(&b, 3 * n + 1);
	if (rp_buf_add(&b, "", 0) != RP_OK)
		goto fail;
	while (n > 0) {
		uint32_t c;
		size_t len = rp_utf8_decode(p, n, &c);
		int r;

		if (c == RP_REPLACEMENT && len == 1)
			r = rp_buf_add(&b, "\xEF\xBF\xBD", 3);
		else
			r = rp_buf_add(&b, p, len);
		if (r != RP_OK)
			goto fail;
		p += len;
		n -= len;
	}
	return rp_buf_take(&b);
fail:
	rp_buf_free(&b);
	return NULL;
}

long rp_report_home_req(const struct rp_report *r, const struct rp_finding *f)
{
	const struct rp_check *c = f->check;

	for (int k = 0; c != NULL && k < RP_CHECK_MAX_REQS && c->reqs[k] != NULL; k++)
		for (size_t i = 0; i < r->nreqs; i++)
			if (r->reqs[i].req != NULL && strcmp(r->reqs[i].req->id, c->reqs[k]) == 0)
				return (long)i;
	return -1;
}

const char *rp_report_target(const struct rp_report *r, const struct rp_finding *f)
{
	if (f->target != NULL)
		return f->target;
	return r->target_name != NULL ? r->target_name : "-";
}
