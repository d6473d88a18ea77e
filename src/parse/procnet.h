/* Parser of the kernel's socket tables /proc/net/{tcp,tcp6,udp,udp6}: one
 * line per socket with hex addresses (each 32-bit word printed as the
 * host-order value of the network-order word), hex ports and states, and
 * decimal uid and inode. Pure and bounded: it reads a buffer, rejects
 * malformed lines with a diagnostic naming path:line, and never keeps more
 * than RP_PROCNET_MAX_SOCKS entries. */
#ifndef RP_PARSE_PROCNET_H
#define RP_PARSE_PROCNET_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"

enum rp_procnet_proto { RP_PROCNET_TCP, RP_PROCNET_UDP };

/* Where a local address is reachable from. */
enum rp_addr_scope {
	RP_SCOPE_WILDCARD, /* 0.0.0.0, ::, ::ffff:0.0.0.0: every interface */
	RP_SCOPE_LOOPBACK, /* 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104 */
	RP_SCOPE_OTHER,	   /* one specific non-loopback address */
};

/* The kernel's socket states that matter here (include/net/tcp_states.h). */
#define RP_TCP_LISTEN 0x0A
#define RP_TCP_CLOSE 0x07

/* One socket: addresses in network byte order (IPv4 in the first 4 bytes). */
struct rp_procnet_sock {
	enum rp_procnet_proto proto;
	int family; /* AF_INET or AF_INET6 */
	unsigned char laddr[16], raddr[16];
	unsigned lport, rport;
	unsigned state;
	bool listening; /* TCP LISTEN, or UDP unconnected (CLOSE, remote 0) */
	unsigned long uid;
	unsigned long long inode;
	unsigned line; /* line in the file, for evidence */
};

/* Hard limits: longest line accepted and most sockets kept per table. */
#define RP_PROCNET_LINE_MAX 1024
#define RP_PROCNET_MAX_SOCKS 65536
/* Malformed lines reported one by one per file; the rest are counted. */
#define RP_PROCNET_DIAG_MAX 10

struct rp_procnet {
	struct rp_procnet_sock *v;
	size_t n, cap;
	size_t malformed; /* lines rejected, over all parses */
	bool truncated;	  /* entries were dropped at RP_PROCNET_MAX_SOCKS */
};

/* Keep only listening sockets (the table may hold 100k connections). */
#define RP_PROCNET_LISTENING_ONLY 1u

/* Parses one table (data, len; path only names it in diagnostics) of the
 * given protocol and family (AF_INET or AF_INET6) and appends its sockets to
 * out, which the caller frees with rp_procnet_free. Malformed lines go to
 * diag and are skipped. Returns 0, RP_ERR_NOMEM, RP_ERR_BINARY (NUL bytes)
 * or RP_ERR_INVAL (bad family). */
int rp_procnet_parse(struct rp_procnet *out, const char *path, const char *data, size_t len,
		     enum rp_procnet_proto proto, int family, unsigned flags, struct rp_diag *diag);
/* Frees the entries and empties pn; accepts NULL. */
void rp_procnet_free(struct rp_procnet *pn);

/* Classifies a local address of the given family. */
enum rp_addr_scope rp_addr_scope_of(int family, const unsigned char addr[16]);
/* Formats addr as text ("0.0.0.0", "::", "::ffff:127.0.0.1"); out needs
 * INET6_ADDRSTRLEN bytes. Returns 0 or RP_ERR_INVAL. */
int rp_addr_text(int family, const unsigned char addr[16], char *out, size_t outlen);
/* "tcp" or "udp". */
const char *rp_procnet_proto_name(enum rp_procnet_proto proto);

#endif
