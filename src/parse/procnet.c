#include "parse/procnet.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "core/err.h"
#include "core/lines.h"

/* Fields used: sl, local, remote, st, tx:rx, tr:when, retrnsmt, uid, timeout, inode. */
#define NFIELDS 10

struct tok {
	const char *p;
	size_t n;
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Exactly n (1..8) hex digits into a 32-bit value. */
static bool hex32(const char *s, size_t n, uint32_t *out)
{
	uint32_t v = 0;
	int d;

	if (n == 0 || n > 8)
		return false;
	for (size_t i = 0; i < n; i++) {
		if ((d = hexval(s[i])) < 0)
			return false;
		v = (v << 4) | (uint32_t)d;
	}
	*out = v;
	return true;
}

/* Decimal digits only, no sign, no overflow past max. */
static bool dec(const struct tok *t, unsigned long long max, unsigned long long *out)
{
	unsigned long long v = 0;

	if (t->n == 0 || t->n > 20)
		return false;
	for (size_t i = 0; i < t->n; i++) {
		unsigned d;

		if (t->p[i] < '0' || t->p[i] > '9')
			return false;
		d = (unsigned)(t->p[i] - '0');
		if (v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

/* "HEX:PORT": the address as the kernel prints it (each 32-bit word with %08X
 * of its in-memory value, so the bytes of the host-order value are the
 * network-order bytes) and the port as %04X of the host-order port. */
static const char *parse_endpoint(const struct tok *t, int family, unsigned char addr[16], unsigned *port)
{
	size_t alen = family == AF_INET ? 8 : 32;
	uint32_t w, p;

	if (t->n < alen + 2 || t->p[alen] != ':')
		return "address is not HEX:PORT of the table's family";
	memset(addr, 0, 16);
	for (size_t i = 0; i < alen / 8; i++) {
		if (!hex32(t->p + i * 8, 8, &w))
			return "address is not hexadecimal";
		memcpy(addr + i * 4, &w, 4);
	}
	if (t->n - alen - 1 > 4 || !hex32(t->p + alen + 1, t->n - alen - 1, &p))
		return "port is not 1-4 hex digits";
	*port = p;
	return NULL;
}

static size_t split(const char *line, size_t len, struct tok *toks, size_t max)
{
	size_t n = 0, i = 0;

	while (i < len && n < max) {
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i >= len)
			break;
		toks[n].p = line + i;
		while (i < len && line[i] != ' ' && line[i] != '\t')
			i++;
		toks[n].n = (size_t)(line + i - toks[n].p);
		n++;
	}
	return n;
}

/* Fills s from one data line; returns NULL or why the line was rejected. */
static const char *parse_line(const char *line, size_t len, int family, struct rp_procnet_sock *s)
{
	struct tok t[NFIELDS];
	unsigned long long v;
	uint32_t st;
	const char *why;

	if (split(line, len, t, NFIELDS) < NFIELDS)
		return "fewer than 10 fields";
	if (t[0].n < 2 || t[0].p[t[0].n - 1] != ':')
		return "first field is not a slot number followed by ':'";
	if ((why = parse_endpoint(&t[1], family, s->laddr, &s->lport)) != NULL)
		return why;
	if ((why = parse_endpoint(&t[2], family, s->raddr, &s->rport)) != NULL)
		return why;
	if (t[3].n != 2 || !hex32(t[3].p, 2, &st))
		return "state is not 2 hex digits";
	s->state = st;
	if (!dec(&t[7], UINT32_MAX, &v))
		return "uid is not a decimal number";
	s->uid = (unsigned long)v;
	if (!dec(&t[9], UINT64_MAX, &v))
		return "inode is not a decimal number";
	s->inode = v;
	s->family = family;
	return NULL;
}

static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

static int push(struct rp_procnet *out, const struct rp_procnet_sock *s)
{
	if (out->n == out->cap) {
		size_t ncap = out->cap ? out->cap * 2 : 16;
		struct rp_procnet_sock *nv;

		if (ncap > RP_PROCNET_MAX_SOCKS)
			ncap = RP_PROCNET_MAX_SOCKS;
		if ((nv = realloc(out->v, ncap * sizeof(*nv))) == NULL)
			return RP_ERR_NOMEM;
		out->v = nv;
		out->cap = ncap;
	}
	out->v[out->n++] = *s;
	return RP_OK;
}

int rp_procnet_parse(struct rp_procnet *out, const char *path, const char *data, size_t len,
		     enum rp_procnet_proto proto, int family, unsigned flags, struct rp_diag *diag)
{
	struct rp_lines it;
	const char *line, *why;
	size_t n, bad = 0;
	bool too_long;
	int ret = RP_OK;

	if (family != AF_INET && family != AF_INET6)
		return RP_ERR_INVAL;
	if (data == NULL)
		len = 0;
	if (len > 0 && memchr(data, '\0', len) != NULL) {
		rp_diag_add(diag, path, 0, "binary data (NUL bytes) in a socket table");
		return RP_ERR_BINARY;
	}
	rp_lines_init(&it, data, len, RP_PROCNET_LINE_MAX);
	while (rp_lines_next(&it, &line, &n, &too_long)) {
		struct rp_procnet_sock s;
		struct tok first;

		memset(&s, 0, sizeof(s));
		if (too_long) {
			why = "line too long";
		} else {
			if (split(line, n, &first, 1) == 0)
				continue; /* blank */
			if (first.n == 2 && memcmp(first.p, "sl", 2) == 0)
				continue; /* the header */
			why = parse_line(line, n, family, &s);
		}
		if (why != NULL) {
			out->malformed++;
			if (++bad <= RP_PROCNET_DIAG_MAX)
				rp_diag_add(diag, path, it.lineno, "malformed socket entry: %s", why);
			continue;
		}
		s.proto = proto;
		s.line = it.lineno;
		if (proto == RP_PROCNET_TCP)
			s.listening = s.state == RP_TCP_LISTEN;
		else
			s.listening = s.state == RP_TCP_CLOSE && s.rport == 0 && all_zero(s.raddr, 16);
		if ((flags & RP_PROCNET_LISTENING_ONLY) && !s.listening)
			continue;
		if (out->n >= RP_PROCNET_MAX_SOCKS) {
			if (!out->truncated)
				rp_diag_add(diag, path, it.lineno,
					    "more than %d sockets; the rest are ignored",
					    RP_PROCNET_MAX_SOCKS);
			out->truncated = true;
			break;
		}
		if ((ret = push(out, &s)) != RP_OK)
			break;
	}
	if (bad > RP_PROCNET_DIAG_MAX)
		rp_diag_add(diag, path, 0, "%zu more malformed socket entries not shown",
			    bad - RP_PROCNET_DIAG_MAX);
	return ret;
}

void rp_procnet_free(struct rp_procnet *pn)
{
	if (pn == NULL)
		return;
	free(pn->v);
	memset(pn, 0, sizeof(*pn));
}

static const unsigned char v4mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

static enum rp_addr_scope scope_v4(const unsigned char *a)
{
	if (all_zero(a, 4))
		return RP_SCOPE_WILDCARD;
	if (a[0] == 127)
		return RP_SCOPE_LOOPBACK;
	return RP_SCOPE_OTHER;
}

enum rp_addr_scope rp_addr_scope_of(int family, const unsigned char addr[16])
{
	static const unsigned char loop6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

	if (family == AF_INET)
		return scope_v4(addr);
	if (all_zero(addr, 16))
		return RP_SCOPE_WILDCARD;
	if (memcmp(addr, loop6, 16) == 0)
		return RP_SCOPE_LOOPBACK;
	if (memcmp(addr, v4mapped, 12) == 0)
		return scope_v4(addr + 12);
	return RP_SCOPE_OTHER;
}

int rp_addr_text(int family, const unsigned char addr[16], char *out, size_t outlen)
{
	if (outlen == 0)
		return RP_ERR_INVAL;
	out[0] = '\0';
	if ((family != AF_INET && family != AF_INET6) || outlen > (size_t)INT32_MAX)
		return RP_ERR_INVAL;
	if (inet_ntop(family, addr, out, (socklen_t)outlen) == NULL) {
		out[0] = '\0';
		return RP_ERR_INVAL;
	}
	return RP_OK;
}

const char *rp_procnet_proto_name(enum rp_procnet_proto proto)
{
	return proto == RP_PROCNET_UDP ? "udp" : "tcp";
}
