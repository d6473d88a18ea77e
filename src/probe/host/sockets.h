/* The listening sockets of the running system: TCP sockets in LISTEN and
 * unconnected UDP sockets, from /proc/net/{tcp,tcp6,udp,udp6}, each with the
 * process that holds it (found through /proc/PID/fd). Only the live system
 * has sockets: with --root the probe records that and reads nothing. Only
 * rampart's own network namespace is visible. */
#ifndef RP_PROBE_SOCKETS_H
#define RP_PROBE_SOCKETS_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/rootfs.h"
#include "parse/procnet.h"

/* The process holding a socket. */
struct rp_sock_owner {
	long pid;
	unsigned long uid; /* effective uid (/proc/PID/status) */
	bool uid_known;
	char *comm; /* printable, or NULL */
	char *exe;  /* printable, or NULL when unreadable */
};

/* One listening endpoint. Sockets with the same protocol, address and port
 * (SO_REUSEPORT, pre-forked workers) are merged into one listener. */
struct rp_listener {
	enum rp_procnet_proto proto;
	int family; /* AF_INET or AF_INET6 */
	char addr[INET6_ADDRSTRLEN];
	unsigned port;
	enum rp_addr_scope scope;
	unsigned long uid; /* socket's uid as /proc/net reports it */
	unsigned long long inode;
	const char *source; /* "/proc/net/tcp" ... (static) */
	unsigned line;
	unsigned nsockets;
	bool owner_known;
	struct rp_sock_owner owner; /* the first holder other than init, else init */
	bool init_holds;	    /* init (pid 1) holds it too: socket activation */
};

/* Caps of the /proc/PID/fd scan: it costs one readlink per open file. */
#define RP_SOCK_SCAN_MAX_PIDS 32768
#define RP_SOCK_SCAN_MAX_FDS 500000

struct rp_socket_facts {
	int status;  /* RP_OK; RP_ERR_UNSUPPORTED when not live; else the rp_err reading a table */
	bool live;   /* false: --root given, sockets are a property of the running system */
	char *error; /* what failed to be read, when status is an error; else NULL */
	struct rp_listener *v;
	size_t n;
	size_t malformed; /* table lines rejected (see the diagnostics) */
	bool truncated;	  /* a table held more than RP_PROCNET_MAX_SOCKS listeners */
	/* the owner scan */
	size_t pids_scanned, fds_scanned;
	size_t pids_denied; /* processes whose fds could not be read (not root) */
	bool scan_limited;  /* stopped at a cap before resolving every listener */
};

/* Fills f (cleared first, freed with rp_socket_facts_free) from the live
 * system; with a non-live root only records that. Problems go to diag. */
int rp_probe_sockets(const struct rp_root *root, struct rp_socket_facts *f, struct rp_diag *diag);
/* Frees what f owns and clears it; accepts NULL. */
void rp_socket_facts_free(struct rp_socket_facts *f);

/* Why a listener's owner is unknown, for findings: "run as root", ... */
const char *rp_listener_owner_gap(const struct rp_socket_facts *f, const struct rp_listener *l);
/* "tcp 0.0.0.0:5432" / "udp [::]:53": the stable target name of a listener. */
int rp_listener_name(const struct rp_listener *l, char *out, size_t outlen);

#endif
