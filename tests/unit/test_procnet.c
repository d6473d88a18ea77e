/* Unit tests of the /proc/net socket table parser, and of the net checks on
 * hand-made facts (no machine needed). Addresses in the sample tables are
 * built from bytes with the host's byte order, as the kernel prints them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "check/registry.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/err.h"
#include "parse/procnet.h"
#include "probe/host/host.h"

static const char HDR4[] =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
static const char HDR6[] =
    "  sl  local_address                         remote_address                        st tx_queue "
    "rx_queue tr tm->when retrnsmt   uid  timeout inode\n";

/* The kernel's rendering of address bytes: each 32-bit word as %08X of its
 * in-memory (host-order) value. */
static void hexaddr(const unsigned char *bytes, size_t n, char *out)
{
	for (size_t i = 0; i < n; i += 4) {
		uint32_t w;

		memcpy(&w, bytes + i, 4);
		snprintf(out + i * 2, 9, "%08X", w);
	}
}

static void add_line(struct rp_buf *b, unsigned sl, const unsigned char *la, unsigned lport,
		     const unsigned char *ra, unsigned rport, size_t alen, unsigned state, unsigned uid,
		     unsigned long long inode)
{
	char l[33], r[33];

	hexaddr(la, alen, l);
	hexaddr(ra, alen, r);
	assert_int_equal(
	    rp_buf_addf(b,
			"%4u: %s:%04X %s:%04X %02X 00000000:00000000 00:00000000 00000000 %5u        0 "
			"%llu 1 0000000000000000 100 0 0 10 0\n",
			sl, l, lport, r, rport, state, uid, inode),
	    RP_OK);
}

static const unsigned char ANY[16] = {0};
static const unsigned char LO4[4] = {127, 0, 0, 1};
static const unsigned char IP4[4] = {10, 1, 2, 3};
static const unsigned char LO6[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
static const unsigned char MAP_LO[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1};
static const unsigned char MAP_IP[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 168, 1, 20};
static const unsigned char LL6[16] = {0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0x02, 0x16, 0x3e, 0xff, 0xfe, 0, 0, 0x01};

static void test_ipv4_tcp(void **state)
{
	struct rp_procnet pn = {0};
	struct rp_diag d = {0};
	struct rp_buf b;
	char txt[INET6_ADDRSTRLEN];

	(void)state;
	rp_buf_init(&b, 1 << 20);
	rp_buf_adds(&b, HDR4);
	add_line(&b, 0, ANY, 22, ANY, 0, 4, 0x0A, 0, 1001);
	add_line(&b, 1, LO4, 5432, ANY, 0, 4, 0x0A, 105, 1002);
	add_line(&b, 2, IP4, 22, IP4, 51234, 4, 0x01, 0, 1003); /* established */
	add_line(&b, 3, IP4, 8080, ANY, 0, 4, 0x0A, 1000, 1004);

	/* all sockets */
	assert_int_equal(
	    rp_procnet_parse(&pn, "/proc/net/tcp", b.data, b.len, RP_PROCNET_TCP, AF_INET, 0, &d), RP_OK);
	assert_int_equal(pn.n, 4);
	assert_int_equal(d.msgs.n, 0);
	assert_int_equal(pn.malformed, 0);
	assert_true(pn.v[0].listening);
	assert_int_equal(pn.v[0].lport, 22);
	assert_int_equal(pn.v[0].line, 2);
	assert_int_equal(pn.v[1].uid, 105);
	assert_int_equal(pn.v[1].inode, 1002);
	assert_false(pn.v[2].listening);
	assert_int_equal(pn.v[2].rport, 51234);
	assert_memory_equal(pn.v[2].raddr, IP4, 4);
	assert_int_equal(rp_addr_text(AF_INET, pn.v[1].laddr, txt, sizeof(txt)), RP_OK);
	assert_string_equal(txt, "127.0.0.1");
	assert_int_equal(rp_addr_scope_of(AF_INET, pn.v[0].laddr), RP_SCOPE_WILDCARD);
	assert_int_equal(rp_addr_scope_of(AF_INET, pn.v[1].laddr), RP_SCOPE_LOOPBACK);
	assert_int_equal(rp_addr_scope_of(AF_INET, pn.v[3].laddr), RP_SCOPE_OTHER);
	rp_addr_text(AF_INET, pn.v[3].laddr, txt, sizeof(txt));
	assert_string_equal(txt, "10.1.2.3");
	rp_procnet_free(&pn);

	/* listening only */
	assert_int_equal(rp_procnet_parse(&pn, "/proc/net/tcp", b.data, b.len, RP_PROCNET_TCP, AF_INET,
					  RP_PROCNET_LISTENING_ONLY, &d),
			 RP_OK);
	assert_int_equal(pn.n, 3);
	assert_int_equal(pn.v[2].lport, 8080);
	rp_procnet_free(&pn);
	rp_buf_free(&b);
	rp_diag_free(&d);
}

/* The exact text a kernel printed (x86-64), to pin the format itself. */
static void test_kernel_sample(void **state)
{
	static const char tcp[] = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
				  "retrnsmt   uid  timeout inode\n"
				  "   0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 "
				  "00000000   116        0 30215 1 "
				  "ffff8f4a0f1e0000 100 0 0 10 0\n"
				  "   1: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 "
				  "00000000     0        0 21010 1 "
				  "ffff8f4a0f1e0880 100 0 0 10 0\n"
				  "   2: 0F02000A:0016 0202000A:C8B2 01 00000000:00000000 02:0009B2A6 "
				  "00000000     0        0 88812 4 "
				  "ffff8f4a0f1e1100 20 4 29 10 -1\n";
	struct rp_procnet pn = {0};
	struct rp_diag d = {0};
	char txt[INET6_ADDRSTRLEN];
	uint16_t one = 1;

	(void)state;
	if (*(unsigned char *)&one != 1)
		skip(); /* the sample is little-endian */
	assert_int_equal(rp_procnet_parse(&pn, "/proc/net/tcp", tcp, sizeof(tcp) - 1, RP_PROCNET_TCP, AF_INET,
					  RP_PROCNET_LISTENING_ONLY, &d),
			 RP_OK);
	assert_int_equal(pn.n, 2);
	rp_addr_text(AF_INET, pn.v[0].laddr, txt, sizeof(txt));
	assert_string_equal(txt, "127.0.0.1");
	assert_int_equal(pn.v[0].lport, 3306);
	assert_int_equal(pn.v[0].uid, 116);
	assert_int_equal(pn.v[0].inode, 30215);
	assert_int_equal(pn.v[1].lport, 22);
	assert_int_equal(d.msgs.n, 0);
	rp_procnet_free(&pn);
	rp_diag_free(&d);
}

static void test_ipv6_and_mapped(void **state)
{
	struct rp_procnet pn = {0};
	struct rp_diag d = {0};
	struct rp_buf b;
	char txt[INET6_ADDRSTRLEN];

	(void)state;
	rp_buf_init(&b, 1 << 20);
	rp_buf_adds(&b, HDR6);
	add_line(&b, 0, ANY, 22, ANY, 0, 16, 0x0A, 0, 2001);
	add_line(&b, 1, LO6, 631, ANY, 0, 16, 0x0A, 0, 2002);
	add_line(&b, 2, MAP_LO, 6379, ANY, 0, 16, 0x0A, 0, 2003);
	add_line(&b, 3, MAP_IP, 6379, ANY, 0, 16, 0x0A, 0, 2004);
	add_line(&b, 4, LL6, 9100, ANY, 0, 16, 0x0A, 0, 2005);
	assert_int_equal(rp_procnet_parse(&pn, "/proc/net/tcp6", b.data, b.len, RP_PROCNET_TCP, AF_INET6,
					  RP_PROCNET_LISTENING_ONLY, &d),
			 RP_OK);
	assert_int_equal(d.msgs.n, 0);
	assert_int_equal(pn.n, 5);
	rp_addr_text(AF_INET6, pn.v[0].laddr, txt, sizeof(txt));
	assert_string_equal(txt, "::");
	assert_int_equal(rp_addr_scope_of(AF_INET6, pn.v[0].laddr), RP_SCOPE_WILDCARD);
	rp_addr_text(AF_INET6, pn.v[1].laddr, txt, sizeof(txt));
	assert_string_equal(txt, "::1");
	assert_int_equal(rp_addr_scope_of(AF_INET6, pn.v[1].laddr), RP_SCOPE_LOOPBACK);
	rp_addr_text(AF_INET6, pn.v[2].laddr, txt, sizeof(txt));
	assert_string_equal(txt, "::ffff:127.0.0.1");
	assert_int_equal(rp_addr_scope_of(AF_INET6, pn.v[2].laddr), RP_SCOPE_LOOPBACK);
	rp_addr_text(AF_INET6, pn.v[3].laddr, txt, sizeof(txt));
	assert_string_equal(txt, "::ffff:192.168.1.20");
	assert_int_equal(rp_addr_scope_of(AF_INET6, pn.v[3].laddr), RP_SCOPE_OTHER);
	rp_addr_text(AF_INET6, pn.v[4].laddr, txt, sizeof(txt));
	assert_string_equal(txt, "fe80::216:3eff:fe00:1");
	assert_int_equal(rp_addr_scope_of(AF_INET6, pn.v[4].laddr), RP_SCOPE_OTHER);
	assert_int_equal(pn.v[4].lport, 9100);

	/* an IPv6 table parsed as IPv4 is rejected line by line */
	rp_procnet_free(&pn);
	assert_int_equal(
	    rp_procnet_parse(&pn, "/proc/net/tcp6", b.data, b.len, RP_PROCNET_TCP, AF_INET, 0, &d), RP_OK);
	assert_int_equal(pn.n, 0);
	assert_int_equal(pn.malformed, 5);
	assert_int_equal(rp_procnet_parse(&pn, "x", "", 0, RP_PROCNET_TCP, 99, 0, &d), RP_ERR_INVAL);
	rp_procnet_free(&pn);
	rp_buf_free(&b);
	rp_diag_free(&d);
}

static void test_udp(void **state)
{
	struct rp_procnet pn = {0};
	struct rp_diag d = {0};
	struct rp_buf b;

	(void)state;
	rp_buf_init(&b, 1 << 20);
	rp_buf_adds(&b, HDR4);
	add_line(&b, 0, ANY, 68, ANY, 0, 4, 0x07, 0, 3001);	   /* dhclient: bound, unconnected */
	add_line(&b, 1, IP4, 40000, IP4, 53, 4, 0x01, 1000, 3002); /* connected resolver socket */
	add_line(&b, 2, LO4, 323, ANY, 0, 4, 0x07, 0, 3003);
	add_line(&b, 3, IP4, 40001, IP4, 0, 4, 0x07, 0,
		 3004); /* CLOSE with a remote address: not listening */
	assert_int_equal(rp_procnet_parse(&pn, "/proc/net/udp", b.data, b.len, RP_PROCNET_UDP, AF_INET,
					  RP_PROCNET_LISTENING_ONLY, &d),
			 RP_OK);
	assert_int_equal(pn.n, 2);
	assert_int_equal(pn.v[0].lport, 68);
	assert_int_equal(pn.v[0].proto, RP_PROCNET_UDP);
	assert_int_equal(pn.v[1].lport, 323);
	/* a TCP socket in CLOSE is not listening */
	rp_procnet_free(&pn);
	assert_int_equal(rp_procnet_parse(&pn, "/proc/net/tcp", b.data, b.len, RP_PROCNET_TCP, AF_INET,
					  RP_PROCNET_LISTENING_ONLY, &d),
			 RP_OK);
	assert_int_equal(pn.n, 0);
	assert_string_equal(rp_procnet_proto_name(RP_PROCNET_UDP), "udp");
	rp_procnet_free(&pn);
	rp_buf_free(&b);
	rp_diag_free(&d);
}

static bool diag_has(const struct rp_diag *d, const char *text)
{
	for (size_t i = 0; i < d->msgs.n; i++)
		if (strstr(d->msgs.v[i], text) != NULL)
			return true;
	return false;
}

static void test_malformed(void **state)
{
	static const char
	    data[] =
		"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout "
		"inode\n"
		"   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 "
		"11 1\n"
		"   1: 00000000:0016 00000000:0000 0A\n" /* 3 */
		"   2: 0000000G:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 "
		"12\n" /* 4 */
		"   3: 00000000:12345 00000000:0000 0A 00000000:00000000 00:00000000 00000000    0        0 "
		"13\n" /* 5 */
		"   4: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000    -1        0 "
		"14\n" /* 6 */
		"   5: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 "
		"99999999999999999999999\n" /* 7 */
		"   6: 00000000:0016 00000000:0000 A 00000000:00000000 00:00000000 00000000     0        0 "
		"15\n" /* 8 */
		"   7  00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 "
		"16\n" /* 9 */
		"   8: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000 4294967296 0 "
		"17\n" /* 10 */
		"   9: 00000000:0016 0000000:00000 0A 00000000:00000000 00:00000000 00000000     0        0 "
		"18\n" /* 11 */
		"\n"
		"  10: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 "
		"19\n"; /* 13 */
	struct rp_procnet pn = {0};
	struct rp_diag d = {0};

	(void)state;
	assert_int_equal(
	    rp_procnet_parse(&pn, "/proc/net/tcp", data, sizeof(data) - 1, RP_PROCNET_TCP, AF_INET, 0, &d),
	    RP_OK);
	assert_int_equal(pn.n, 2);
	assert_int_equal(pn.v[0].inode, 11);
	assert_int_equal(pn.v[1].inode, 19);
	assert_int_equal(pn.v[1].line, 13);
	assert_int_equal(pn.v[1].lport, 8080);
	assert_int_equal(pn.malformed, 9);
	assert_int_equal(d.msgs.n, 9);
	assert_true(diag_has(&d, "/proc/net/tcp:3: malformed socket entry: fewer than 10 fields"));
	assert_true(diag_has(&d, "/proc/net/tcp:4: malformed socket entry: address is not hexadecimal"));
	assert_true(diag_has(&d, "/proc/net/tcp:5: malformed socket entry: port is not 1-4 hex digits"));
	assert_true(diag_has(&d, "/proc/net/tcp:6: malformed socket entry: uid"));
	assert_true(diag_has(&d, "/proc/net/tcp:7: malformed socket entry: inode"));
	assert_true(diag_has(&d, "/proc/net/tcp:8: malformed socket entry: state"));
	assert_true(diag_has(&d, "/proc/net/tcp:9: malformed socket entry: first field"));
	assert_true(diag_has(&d, "/proc/net/tcp:10: malformed socket entry: uid"));
	assert_true(diag_has(&d, "/proc/net/tcp:11: malformed socket entry: address"));
	rp_procnet_free(&pn);
	rp_diag_free(&d);

	/* binary data is refused whole */
	assert_int_equal(rp_procnet_parse(&pn, "/proc/net/tcp", "  sl\0x", 6, RP_PROCNET_TCP, AF_INET, 0, &d),
			 RP_ERR_BINARY);
	assert_true(diag_has(&d, "/proc/net/tcp: binary data"));
	rp_diag_free(&d);
	/* empty and header-only tables are fine */
	assert_int_equal(rp_procnet_parse(&pn, "/proc/net/tcp", NULL, 0, RP_PROCNET_TCP, AF_INET, 0, &d),
			 RP_OK);
	assert_int_equal(
	    rp_procnet_parse(&pn, "/proc/net/tcp", HDR4, strlen(HDR4), RP_PROCNET_TCP, AF_INET, 0, &d),
	    RP_OK);
	assert_int_equal(pn.n, 0);
	assert_int_equal(d.msgs.n, 0);
	rp_procnet_free(&pn);
}

static void test_huge(void **state)
{
	struct rp_procnet pn = {0};
	struct rp_diag d = {0};
	struct rp_buf b;
	char *longline;

	(void)state;
	/* more listeners than the cap: kept up to it, then one diagnostic */
	rp_buf_init(&b, (size_t)64 << 20);
	rp_buf_adds(&b, HDR4);
	for (unsigned i = 0; i < RP_PROCNET_MAX_SOCKS + 100; i++)
		add_line(&b, i, ANY, 1 + i % 65535, ANY, 0, 4, 0x0A, 0, 100000 + i);
	assert_int_equal(rp_procnet_parse(&pn, "/proc/net/tcp", b.data, b.len, RP_PROCNET_TCP, AF_INET,
					  RP_PROCNET_LISTENING_ONLY, &d),
			 RP_OK);
	assert_int_equal(pn.n, RP_PROCNET_MAX_SOCKS);
	assert_true(pn.truncated);
	assert_int_equal(d.msgs.n, 1);
	assert_true(diag_has(&d, "more than 65536 sockets"));
	rp_procnet_free(&pn);
	rp_diag_free(&d);

	/* many malformed lines: RP_PROCNET_DIAG_MAX reported, the rest counted */
	rp_buf_reset(&b);
	for (unsigned i = 0; i < 5000; i++)
		rp_buf_adds(&b, "garbage line\n");
	/* and one line far over the line limit */
	longline = malloc(1 << 20);
	assert_non_null(longline);
	memset(longline, 'A', 1 << 20);
	rp_buf_add(&b, longline, 1 << 20);
	rp_buf_adds(&b, "\n");
	free(longline);
	add_line(&b, 1, LO4, 25, ANY, 0, 4, 0x0A, 0, 7);
	assert_int_equal(
	    rp_procnet_parse(&pn, "/proc/net/tcp", b.data, b.len, RP_PROCNET_TCP, AF_INET, 0, &d), RP_OK);
	assert_int_equal(pn.n, 1);
	assert_int_equal(pn.v[0].line, 5002);
	assert_int_equal(pn.malformed, 5001);
	assert_int_equal(d.msgs.n, RP_PROCNET_DIAG_MAX + 1);
	assert_true(diag_has(&d, "/proc/net/tcp: 4991 more malformed socket entries not shown"));
	rp_procnet_free(&pn);
	rp_diag_free(&d);
	rp_buf_free(&b);
}

/* ---- the checks, on hand-made facts ---- */

struct fixture {
	struct rp_host_facts facts;
	struct rp_policy pol;
	struct rp_findings out;
};

static struct rp_listener mk(enum rp_procnet_proto proto, int family, const char *addr, unsigned port,
			     enum rp_addr_scope scope, const char *comm)
{
	struct rp_listener l;

	memset(&l, 0, sizeof(l));
	l.proto = proto;
	l.family = family;
	snprintf(l.addr, sizeof(l.addr), "%s", addr);
	l.port = port;
	l.scope = scope;
	l.source = family == AF_INET ? "/proc/net/tcp" : "/proc/net/tcp6";
	l.line = 2;
	l.inode = 4242;
	l.nsockets = 1;
	if (comm != NULL) {
		l.owner_known = true;
		l.owner.pid = 77;
		l.owner.uid_known = true;
		l.owner.comm = (char *)comm;
		l.owner.exe = (char *)"/usr/sbin/x";
	}
	return l;
}

static void run(struct fixture *fx, const char *id)
{
	const struct rp_check *c = NULL;
	struct rp_emit em;

	for (const struct rp_check *t = rp_checks_net; t->id != NULL; t++)
		if (strcmp(t->id, id) == 0)
			c = t;
	assert_non_null(c);
	rp_findings_free(&fx->out);
	em.out = &fx->out;
	em.check = c;
	em.err = RP_OK;
	c->fn(&fx->facts, &fx->pol, &em);
	assert_int_equal(em.err, RP_OK);
}

/* The finding with target (NULL: the untargeted one) and its first evidence. */
static const struct rp_finding *find(const struct fixture *fx, const char *target)
{
	for (size_t i = 0; i < fx->out.n; i++) {
		const char *t = fx->out.v[i].target;

		if ((target == NULL && t == NULL) || (target && t && strcmp(t, target) == 0))
			return &fx->out.v[i];
	}
	fail_msg("no finding for %s", target ? target : "(none)");
	return NULL;
}

static const char *observed(const struct rp_finding *f)
{
	return f->nev > 0 && f->ev[0].observed ? f->ev[0].observed : "";
}

static void test_checks(void **state)
{
	struct fixture fx;
	struct rp_listener ls[5];
	const struct rp_finding *f;

	(void)state;
	memset(&fx, 0, sizeof(fx));
	assert_int_equal(rp_policy_defaults(&fx.pol), RP_OK);
	ls[0] = mk(RP_PROCNET_TCP, AF_INET, "0.0.0.0", 6379, RP_SCOPE_WILDCARD, "redis-server");
	ls[1] = mk(RP_PROCNET_TCP, AF_INET, "127.0.0.1", 5432, RP_SCOPE_LOOPBACK, "postgres");
	ls[2] = mk(RP_PROCNET_TCP, AF_INET6, "::", 22, RP_SCOPE_WILDCARD, "sshd");
	ls[3] = mk(RP_PROCNET_UDP, AF_INET, "10.0.0.5", 53, RP_SCOPE_OTHER, NULL);
	ls[4] = mk(RP_PROCNET_TCP, AF_INET6, "::1", 8080, RP_SCOPE_LOOPBACK, "java");
	fx.facts.sockets.live = true;
	fx.facts.sockets.v = ls;
	fx.facts.sockets.n = 5;
	fx.facts.sockets.pids_denied = 3;

	run(&fx, "net.local-only-exposed");
	assert_int_equal(fx.out.n, 2);
	f = find(&fx, "tcp 0.0.0.0:6379");
	assert_int_equal(f->status, RP_ST_FAIL);
	assert_string_equal(f->ev[0].path, "/proc/net/tcp");
	assert_non_null(strstr(observed(f), "(redis)"));
	assert_non_null(strstr(observed(f), "all interfaces"));
	assert_non_null(strstr(observed(f), "process redis-server (pid 77, uid 0, /usr/sbin/x)"));
	f = find(&fx, "tcp 127.0.0.1:5432");
	assert_int_equal(f->status, RP_ST_PASS);
	assert_non_null(strstr(observed(f), "loopback only"));

	/* no allow-list: exposed listeners warn and say why; loopback ones pass */
	run(&fx, "net.listener-not-allowed");
	assert_int_equal(fx.out.n, 5);
	assert_int_equal(find(&fx, "tcp 127.0.0.1:5432")->status, RP_ST_PASS);
	assert_non_null(strstr(observed(find(&fx, "tcp [::1]:8080")),
			       "not exposed: tcp [::1]:8080 listening on loopback only, process java"));
	f = find(&fx, "tcp [::]:22");
	assert_int_equal(f->status, RP_ST_WARN);
	assert_non_null(strstr(observed(f), "no listeners-allow list is configured"));
	f = find(&fx, "udp 10.0.0.5:53");
	assert_int_equal(f->status, RP_ST_WARN);
	assert_non_null(strstr(observed(f), "owner unknown (run as root)"));

	/* with an allow-list: allowed pass, the rest fail, unknown owners warn */
	rp_strlist_add(&fx.pol.listeners_allow, "sshd");
	rp_strlist_add(&fx.pol.listeners_allow, "tcp/443");
	run(&fx, "net.listener-not-allowed");
	assert_int_equal(find(&fx, "tcp [::]:22")->status, RP_ST_PASS);
	assert_non_null(strstr(observed(find(&fx, "tcp [::]:22")), "entry 'sshd'"));
	assert_int_equal(find(&fx, "tcp 0.0.0.0:6379")->status, RP_ST_FAIL);
	assert_int_equal(find(&fx, "udp 10.0.0.5:53")->status, RP_ST_WARN);
	rp_strlist_clear(&fx.pol.listeners_allow);
	rp_strlist_add(&fx.pol.listeners_allow, "udp/53");
	rp_strlist_add(&fx.pol.listeners_allow, "x"); /* exe basename */
	run(&fx, "net.listener-not-allowed");
	assert_int_equal(find(&fx, "udp 10.0.0.5:53")->status, RP_ST_PASS);
	assert_int_equal(find(&fx, "tcp [::]:22")->status, RP_ST_PASS);
	rp_strlist_clear(&fx.pol.listeners_allow);
	rp_strlist_add(&fx.pol.listeners_allow, "tcp/53"); /* wrong protocol */
	run(&fx, "net.listener-not-allowed");
	assert_int_equal(find(&fx, "udp 10.0.0.5:53")->status, RP_ST_FAIL);

	/* only loopback listeners: one pass each for the exposure checks */
	fx.facts.sockets.v = &ls[4];
	fx.facts.sockets.n = 1;
	run(&fx, "net.listener-not-allowed");
	assert_int_equal(fx.out.n, 2);
	assert_int_equal(find(&fx, NULL)->status, RP_ST_PASS);
	assert_non_null(
	    strstr(observed(find(&fx, NULL)), "no listener on a non-loopback address (1 on loopback only)"));
	run(&fx, "net.local-only-exposed");
	assert_int_equal(fx.out.n, 1);
	assert_int_equal(find(&fx, NULL)->status, RP_ST_PASS);

	/* a read failure is an error, and the run goes on with what was read */
	fx.facts.sockets.status = RP_ERR_ACCESS;
	fx.facts.sockets.error = (char *)"/proc/net/udp6: permission denied";
	run(&fx, "net.listener-not-allowed");
	assert_int_equal(fx.out.n, 3);
	assert_int_equal(find(&fx, NULL)->status, RP_ST_ERROR);
	assert_non_null(strstr(observed(find(&fx, NULL)), "/proc/net/udp6"));
	fx.facts.sockets.status = RP_OK;
	fx.facts.sockets.error = NULL;

	/* nothing listens at all */
	fx.facts.sockets.n = 0;
	run(&fx, "net.listener-not-allowed");
	assert_int_equal(fx.out.n, 1);
	assert_non_null(strstr(observed(find(&fx, NULL)), "no listening TCP or UDP sockets"));
	run(&fx, "net.local-only-exposed");
	assert_int_equal(fx.out.n, 1);
	assert_int_equal(find(&fx, NULL)->status, RP_ST_PASS);

	/* --root: not applicable, one finding per check */
	fx.facts.sockets.live = false;
	for (const struct rp_check *c = rp_checks_net; c->id != NULL; c++) {
		run(&fx, c->id);
		assert_int_equal(fx.out.n, 1);
		assert_int_equal(fx.out.v[0].status, RP_ST_NA);
		assert_non_null(strstr(observed(&fx.out.v[0]), "needs the live system"));
	}
	rp_findings_free(&fx.out);
	rp_policy_free(&fx.pol);
}

/* The probe against the live system: whatever it finds must be well formed. */
static void test_probe_live(void **state)
{
	struct rp_root root;
	struct rp_socket_facts f;
	struct rp_diag d = {0};
	char name[96];

	(void)state;
	assert_int_equal(rp_root_open(&root, "/", true), RP_OK);
	assert_int_equal(rp_probe_sockets(&root, &f, &d), RP_OK);
	assert_true(f.live);
	for (size_t i = 0; i < f.n; i++) {
		assert_int_equal(rp_listener_name(&f.v[i], name, sizeof(name)), RP_OK);
		assert_true(f.v[i].port > 0 || f.v[i].proto == RP_PROCNET_UDP);
		assert_non_null(f.v[i].source);
	}
	rp_socket_facts_free(&f);
	rp_root_close(&root);

	/* a root tree has no sockets */
	assert_int_equal(rp_root_open(&root, "/", false), RP_OK);
	assert_int_equal(rp_probe_sockets(&root, &f, &d), RP_OK);
	assert_false(f.live);
	assert_int_equal(f.n, 0);
	rp_socket_facts_free(&f);
	rp_root_close(&root);
	rp_diag_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ipv4_tcp),	    cmocka_unit_test(test_kernel_sample),
	    cmocka_unit_test(test_ipv6_and_mapped), cmocka_unit_test(test_udp),
	    cmocka_unit_test(test_malformed),	    cmocka_unit_test(test_huge),
	    cmocka_unit_test(test_checks),	    cmocka_unit_test(test_probe_live),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
