#include "core/diag.h"

#include <stdarg.h>

#include "core/err.h"

void rp_diag_add(struct rp_diag *d, const char *path, unsigned line, const char *fmt, ...)
{
	struct rp_buf b;
	va_list ap;

	if (d == NULL)
		return;
	if (d->msgs.n >= RP_DIAG_MAX) {
		d->dropped++;
		return;
	}
	rp_buf_init(&b, 4096);
	if (path != NULL && line > 0)
		rp_buf_addf(&b, "%s:%u: ", path, line);
	else if (path != NULL)
		rp_buf_addf(&b, "%s: ", path);
	va_start(ap, fmt);
	if (rp_buf_vaddf(&b, fmt, ap) == RP_ERR_TOO_LARGE)
		rp_buf_adds(&b, "...");
	va_end(ap);
	/* messages quote audited files: keep the terminal safe */
	rp_strlist_take(&d->msgs, rp_strndup_printable(b.data ? b.data : "", b.len));
	rp_buf_free(&b);
}

void rp_diag_free(struct rp_diag *d)
{
	if (d == NULL)
		return;
	rp_strlist_clear(&d->msgs);
	d->dropped = 0;
}
