#include "core/model.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"

static const char *const sev_names[] = {"info", "low", "medium", "high", "critical"};
static const char *const st_names[] = {"pass", "warn", "fail", "not-applicable", "error"};
static const char *const kind_names[] = {"host", "web", "image", "dockerfile", "secrets", "env", "any"};

const char *rp_severity_name(enum rp_severity s)
{
	return (unsigned)s < 5 ? sev_names[s] : "unknown";
}

int rp_severity_parse(const char *s, int *out)
{
	*out = -1;
	if (s == NULL)
		return RP_ERR_PARSE;
	if (strcmp(s, "none") == 0)
		return RP_OK;
	for (int i = 0; i < 5; i++)
		if (strcmp(s, sev_names[i]) == 0) {
			*out = i;
			return RP_OK;
		}
	return RP_ERR_PARSE;
}

const char *rp_status_name(enum rp_status s)
{
	return (unsigned)s < 5 ? st_names[s] : "unknown";
}

const char *rp_target_kind_name(enum rp_target_kind k)
{
	return (unsigned)k < 7 ? kind_names[k] : "unknown";
}

static void evidence_free(struct rp_evidence *e)
{
	free(e->path);
	free(e->observed);
}

void rp_findings_free(struct rp_findings *fs)
{
	if (fs == NULL)
		return;
	for (size_t i = 0; i < fs->n; i++) {
		for (size_t j = 0; j < fs->v[i].nev; j++)
			evidence_free(&fs->v[i].ev[j]);
		free(fs->v[i].ev);
		free(fs->v[i].target);
	}
	free(fs->v);
	fs->v = NULL;
	fs->n = fs->cap = 0;
}

static int add_evidence(struct rp_finding *f, const char *path, unsigned line, const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static int add_evidence(struct rp_finding *f, const char *path, unsigned line, const char *fmt, va_list ap)
{
	struct rp_evidence *nv, e = {0};
	struct rp_buf b;

	if (path != NULL && (e.path = rp_strndup_printable(path, 4096)) == NULL)
		return RP_ERR_NOMEM;
	e.line = line;
	if (fmt != NULL) {
		rp_buf_init(&b, 8192);
		if (rp_buf_vaddf(&b, fmt, ap) == RP_ERR_NOMEM) {
			evidence_free(&e);
			rp_buf_free(&b);
			return RP_ERR_NOMEM;
		}
		/* observed values come from untrusted files: keep them printable */
		e.observed = b.data ? rp_strndup_printable(b.data, b.len) : strdup("");
		rp_buf_free(&b);
		if (e.observed == NULL) {
			evidence_free(&e);
			return RP_ERR_NOMEM;
		}
	}
	nv = realloc(f->ev, (f->nev + 1) * sizeof(*nv));
	if (nv == NULL) {
		evidence_free(&e);
		return RP_ERR_NOMEM;
	}
	f->ev = nv;
	f->ev[f->nev++] = e;
	return RP_OK;
}

void rp_emitf(struct rp_emit *em, enum rp_status st, const char *target, const char *path,
	      unsigned line, const char *fmt, ...)
{
	struct rp_findings *fs = em->out;
	struct rp_finding *f;
	va_list ap;

	if (em->err != RP_OK)
		return;
	if (fs->n == fs->cap) {
		size_t ncap = fs->cap ? fs->cap * 2 : 32;
		struct rp_finding *nv = realloc(fs->v, ncap * sizeof(*nv));
		if (nv == NULL) {
			em->err = RP_ERR_NOMEM;
			return;
		}
		fs->v = nv;
		fs->cap = ncap;
	}
	f = &fs->v[fs->n];
	memset(f, 0, sizeof(*f));
	f->check = em->check;
	f->status = st;
	f->severity = em->check->severity;
	if (target != NULL && (f->target = rp_strndup_printable(target, 4096)) == NULL) {
		em->err = RP_ERR_NOMEM;
		return;
	}
	fs->n++;
	if (path == NULL && line == 0 && fmt == NULL)
		return;
	va_start(ap, fmt);
	em->err = add_evidence(f, path, line, fmt, ap);
	va_end(ap);
}

void rp_emit_more(struct rp_emit *em, const char *path, unsigned line, const char *fmt, ...)
{
	va_list ap;

	if (em->err != RP_OK || em->out->n == 0)
		return;
	va_start(ap, fmt);
	em->err = add_evidence(&em->out->v[em->out->n - 1], path, line, fmt, ap);
	va_end(ap);
}

void rp_emit_severity(struct rp_emit *em, enum rp_severity sev)
{
	if (em->out->n > 0)
		em->out->v[em->out->n - 1].severity = sev;
}

static int cmp_finding(const void *a, const void *b)
{
	const struct rp_finding *x = a, *y = b;
	int c = strcmp(x->check->id, y->check->id);

	if (c != 0)
		return c;
	return strcmp(x->target ? x->target : "", y->target ? y->target : "");
}

void rp_findings_sort(struct rp_findings *fs)
{
	/* qsort is not stable; findings of one check with one target keep
	 * their order because evidence-less duplicates are rare and equal. */
	if (fs->n > 1)
		qsort(fs->v, fs->n, sizeof(*fs->v), cmp_finding);
}
