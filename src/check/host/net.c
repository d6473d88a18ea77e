/* Checks of the listening sockets (requirements 2.2 and 2.8): services that
 * should answer only local clients must be bound to loopback, and every
 * listener reachable from the network must be approved in the policy. The
 * findings of net.listener-not-allowed, one per listener, loopback ones
 * included, are the inventory of what listens. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "check/registry.h"
#include "core/buf.h"
#include "core/config.h"
#include "core/err.h"
#include "probe/host/host.h"

#define NAME_MAX_LEN 96
#define OWNER_MAX_LEN 512

static const struct rp_socket_facts *sockets_of(const void *facts)
{
	return &((const struct rp_host_facts *)facts)->sockets;
}

/* Not-applicable under --root, an error finding when a table was unreadable.
 * Returns false when there is nothing to evaluate. */
static bool preamble(const struct rp_socket_facts *f, struct rp_emit *em)
{
	if (!f->live) {
		rp_emitf(em, RP_ST_NA, NULL, NULL, 0,
			 "needs the live system: listening sockets are not files of a root tree (--root)");
		return false;
	}
	if (f->status != RP_OK)
		rp_emitf(em, RP_ST_ERROR, NULL, NULL, 0, "cannot read the socket tables: %s",
			 f->error ? f->error : rp_strerror(f->status));
	if (f->truncated)
		rp_emitf(em, RP_ST_ERROR, NULL, NULL, 0,
			 "more than %d listening sockets; the rest were not examined", RP_PROCNET_MAX_SOCKS);
	return true;
}

static const char *scope_text(enum rp_addr_scope s)
{
	switch (s) {
	case RP_SCOPE_WILDCARD:
		return "all interfaces";
	case RP_SCOPE_LOOPBACK:
		return "loopback only";
	case RP_SCOPE_OTHER:
		break;
	}
	return "a non-loopback address";
}

static void listener_name(const struct rp_listener *l, char *out, size_t n)
{
	if (rp_listener_name(l, out, n) != RP_OK)
		snprintf(out, n, "%s port %u", rp_procnet_proto_name(l->proto), l->port);
}

/* "process sshd (pid 812, uid 0, /usr/sbin/sshd)" or the reason it is unknown. */
static void owner_text(const struct rp_socket_facts *f, const struct rp_listener *l, char *out, size_t n)
{
	const struct rp_sock_owner *o = &l->owner;
	char uid[32] = "";

	if (!l->owner_known) {
		snprintf(out, n, "%s; socket uid %lu", rp_listener_owner_gap(f, l), l->uid);
		return;
	}
	if (o->uid_known)
		snprintf(uid, sizeof(uid), ", uid %lu", o->uid);
	snprintf(out, n, "process %s (pid %ld%s%s%s)%s", o->comm ? o->comm : "?", o->pid, uid,
		 o->exe ? ", " : "", o->exe ? o->exe : "",
		 l->init_holds ? "; pid 1 holds it too (socket activation)" : "");
}

/* The evidence line every finding about a listener carries. */
static void emit_listener(struct rp_emit *em, enum rp_status st, const struct rp_socket_facts *f,
			  const struct rp_listener *l, const char *fmt_prefix)
{
	char name[NAME_MAX_LEN], owner[OWNER_MAX_LEN], socks[32] = "";

	listener_name(l, name, sizeof(name));
	owner_text(f, l, owner, sizeof(owner));
	if (l->nsockets > 1)
		snprintf(socks, sizeof(socks), " (%u sockets)", l->nsockets);
	rp_emitf(em, st, name, l->source, l->line, "%s%s listening on %s%s, %s", fmt_prefix, name,
		 scope_text(l->scope), socks, owner);
}

static void check_local_only(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_socket_facts *f = sockets_of(facts);
	size_t examined = 0;
	char prefix[160];

	if (!preamble(f, em))
		return;
	for (size_t i = 0; i < f->n; i++) {
		const struct rp_listener *l = &f->v[i];
		const struct rp_port_rule *r =
		    rp_policy_local_only(pol, rp_procnet_proto_name(l->proto), l->port);

		if (r == NULL)
			continue;
		examined++;
		snprintf(prefix, sizeof(prefix), "local-only port %u/%s (%s): ", r->port, r->proto,
			 r->name ? r->name : "configured");
		emit_listener(em, l->scope == RP_SCOPE_LOOPBACK ? RP_ST_PASS : RP_ST_FAIL, f, l, prefix);
	}
	if (examined == 0)
		rp_emitf(em, RP_ST_PASS, NULL, NULL, 0,
			 "no listener on any of the %zu local-only ports (listeners examined: %zu)",
			 pol->nlocal_only, f->n);
}

/* "tcp/22" or "udp/53": a protocol and port entry of listeners-allow. */
static bool entry_port(const char *e, const char **proto, unsigned *port)
{
	long v;

	if (strncmp(e, "tcp/", 4) == 0)
		*proto = "tcp";
	else if (strncmp(e, "udp/", 4) == 0)
		*proto = "udp";
	else
		return false;
	if (rp_parse_long(e + 4, 1, 65535, &v) != RP_OK)
		return false;
	*port = (unsigned)v;
	return true;
}

static bool exe_is(const char *exe, const char *name)
{
	const char *base = strrchr(exe, '/');
	size_t n;

	base = base ? base + 1 : exe;
	n = strlen(name);
	/* a replaced binary reads "/usr/sbin/sshd (deleted)" */
	return strncmp(base, name, n) == 0 && (base[n] == '\0' || strcmp(base + n, " (deleted)") == 0);
}

/* The listeners-allow entry that approves l, or NULL. *names is set when the
 * list holds process names (which need a known owner to match). */
static const char *allowed_by(const struct rp_policy *pol, const struct rp_listener *l, bool *names)
{
	const char *proto;
	unsigned port;

	*names = false;
	for (size_t i = 0; i < pol->listeners_allow.n; i++) {
		const char *e = pol->listeners_allow.v[i];

		if (entry_port(e, &proto, &port)) {
			if (port == l->port && strcmp(proto, rp_procnet_proto_name(l->proto)) == 0)
				return e;
			continue;
		}
		*names = true;
		if (!l->owner_known)
			continue;
		if ((l->owner.comm && strcmp(l->owner.comm, e) == 0) ||
		    (l->owner.exe && exe_is(l->owner.exe, e)))
			return e;
	}
	return NULL;
}

static void check_not_allowed(const void *facts, const struct rp_policy *pol, struct rp_emit *em)
{
	const struct rp_socket_facts *f = sockets_of(facts);
	size_t exposed = 0;
	char prefix[200];

	if (!preamble(f, em))
		return;
	for (size_t i = 0; i < f->n; i++) {
		const struct rp_listener *l = &f->v[i];
		const char *e;
		bool names;

		if (l->scope == RP_SCOPE_LOOPBACK) {
			/* listed too: the findings of this check are the inventory */
			emit_listener(em, RP_ST_PASS, f, l, "not exposed: ");
			continue;
		}
		exposed++;
		if ((e = allowed_by(pol, l, &names)) != NULL) {
			snprintf(prefix, sizeof(prefix), "allowed by listeners-allow entry '%s': ", e);
			emit_listener(em, RP_ST_PASS, f, l, prefix);
		} else if (pol->listeners_allow.n == 0) {
			emit_listener(em, RP_ST_WARN, f, l,
				      "no listeners-allow list is configured yet, so no exposed listener is "
				      "approved: ");
		} else if (names && !l->owner_known) {
			emit_listener(em, RP_ST_WARN, f, l,
				      "not allowed by port, and process-name entries cannot be matched "
				      "without the owner: ");
		} else {
			emit_listener(em, RP_ST_FAIL, f, l, "not in listeners-allow: ");
		}
	}
	if (f->n == 0)
		rp_emitf(em, RP_ST_PASS, NULL, NULL, 0, "no listening TCP or UDP sockets");
	else if (exposed == 0)
		rp_emitf(em, RP_ST_PASS, NULL, NULL, 0,
			 "no listener on a non-loopback address (%zu on loopback only)", f->n);
}

const struct rp_check rp_checks_net[] = {
    {"net.local-only-exposed",
     "Local-only services are bound to loopback",
     {"2.8"},
     RP_SEV_HIGH,
     RP_TARGET_HOST,
     "Bind the service to 127.0.0.1 or ::1 (e.g. bind-address, listen_addresses); if it must serve "
     "other hosts, record the exception as a waiver for this target.",
     check_local_only},
    {"net.listener-not-allowed",
     "Only approved services listen on the network",
     {"2.2"},
     RP_SEV_MEDIUM,
     RP_TARGET_HOST,
     "Stop or disable services that are not needed, bind the rest to loopback, and list the approved "
     "ones under host.listeners-allow ('tcp/22' or a process name such as 'sshd').",
     check_not_allowed},
    {.id = NULL},
};
