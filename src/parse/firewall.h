/* Parsers of firewall rulesets as stored on disk: the nftables language as
 * written in /etc/nftables.conf (nft(8): tables, chains with "type filter
 * hook input ... policy drop;", rules, anonymous sets, include with globs,
 * "add chain/rule" commands) and the iptables-save / ip6tables-save format
 * (/etc/iptables/rules.v4, rules.v6, ufw's user.rules). Only what the
 * firewall checks need is kept: base chains with their hook and policy,
 * and for each rule its verdict, destination ports and whether it is
 * limited to source addresses or the loopback interface.
 *
 * Untrusted input: binary data, lines over RP_LINE_MAX, nesting deeper than
 * RP_FW_MAX_DEPTH, include loops and more than RP_FW_MAX_FILES files are
 * problems naming file:line, never a crash. Files are read only through the
 * rp_fw_io callbacks, so the parsers are fuzzable without a filesystem. */
#ifndef RP_PARSE_FIREWALL_H
#define RP_PARSE_FIREWALL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"

#define RP_FW_MAX_DEPTH 16      /* include nesting, and block nesting */
#define RP_FW_MAX_FILES 256
#define RP_FW_MAX_RULES 20000
#define RP_FW_MAX_CHAINS 2000
#define RP_FW_MAX_PROBLEMS 100
#define RP_FW_MAX_PORTS 32      /* destination port items kept per rule */
#define RP_FW_MAX_TOTAL ((size_t)32 << 20) /* bytes read across includes */

/* Address families a table or file covers. */
enum {
	RP_FW_V4 = 1 << 0,
	RP_FW_V6 = 1 << 1,
};

struct rp_fw_chain {
	unsigned family; /* RP_FW_V4 | RP_FW_V6 ("inet" is both; arp/bridge/netdev: 0) */
	char *table;
	char *name;
	char *hook;   /* "input", "forward", ... or NULL for a regular chain */
	char *policy; /* "accept", "drop" (lower case), or NULL (accept) */
	char *path;
	unsigned line;
};

/* A destination port or range [lo, hi]. */
struct rp_fw_port {
	unsigned lo, hi;
};

struct rp_fw_rule {
	unsigned family;
	char *table;
	char *chain;
	char *text; /* the rule as written, printable, bounded */
	char *verdict; /* "accept", "drop", "reject", "jump", ... lower case, or NULL */
	char *target;  /* chain of a jump/goto (iptables: a -j to a user chain), or NULL */
	struct rp_fw_port ports[RP_FW_MAX_PORTS];
	size_t nports;
	bool port_named; /* a port given by a variable or service name we could not resolve */
	bool source;     /* limited by source address (saddr, -s, --src-range, set) */
	bool loopback;   /* limited to the loopback interface */
	bool matches;    /* has any match at all (not an unconditional verdict) */
	char *path;
	unsigned line;
};

struct rp_fw_ruleset {
	struct rp_fw_chain *chains;
	size_t nchains, capchains;
	struct rp_fw_rule *rules;
	size_t nrules, caprules;
	struct rp_strlist problems; /* "path:line: what" */
	size_t dropped;
	struct rp_strlist files;
	unsigned families; /* families of every table seen */
	/* parse state */
	size_t total_read;
};

/* Include access for nft: glob expands an absolute pattern (no match is not
 * an error; sorted), read reads a whole file. 0 or a negative rp_err. */
struct rp_fw_io {
	int (*glob)(void *ctx, const char *pattern, struct rp_strlist *out);
	int (*read)(void *ctx, const char *path, struct rp_buf *out);
	void *ctx;
};

/* Parses nftables text (the contents of path) into rs, following includes
 * through io (NULL: includes are problems; relative include paths are
 * taken below /etc). Returns 0, RP_ERR_BINARY or RP_ERR_NOMEM. */
int rp_fw_parse_nft(struct rp_fw_ruleset *rs, const char *path, const char *data, size_t len,
		    const struct rp_fw_io *io, struct rp_diag *diag);

/* Parses iptables-save output (family RP_FW_V4 or RP_FW_V6) into rs. Only
 * the filter table is kept. Returns 0, RP_ERR_BINARY or RP_ERR_NOMEM. */
int rp_fw_parse_iptables(struct rp_fw_ruleset *rs, const char *path, const char *data, size_t len,
			 unsigned family, struct rp_diag *diag);

/* True when the rule's destination ports include port. */
bool rp_fw_rule_has_port(const struct rp_fw_rule *r, unsigned port);

void rp_fw_ruleset_free(struct rp_fw_ruleset *rs);

#endif
