/* A parser of sysctl.d(5) files (/etc/sysctl.conf, /etc/sysctl.d/ *.conf),
 * read the way systemd-sysctl 252 (Debian 12) reads them: "key = value"
 * lines, '#' and ';' comments, whitespace around key and value stripped, a
 * leading '-' on the key making write errors non-fatal, and a bare "-key"
 * line excluding the key from glob assignments. Keys are normalised to the
 * dotted form sysctl(8) prints: when the first separator of a key is '/',
 * '/' and '.' are swapped ("net/ipv4/conf/eth0.1/rp_filter" becomes
 * "net.ipv4.conf.eth0/1.rp_filter"), so both spellings compare equal.
 *
 * Untrusted input: lines over RP_LINE_MAX, binary data and lines that are
 * not assignments are reported as problems naming file:line, never a crash.
 * Entries of several files accumulate in one rp_sysctl_conf in the order the
 * files are parsed; rp_sysctl_lookup applies systemd's precedence. */
#ifndef RP_PARSE_SYSCTL_H
#define RP_PARSE_SYSCTL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/buf.h"
#include "core/diag.h"

/* Bounds across all files parsed into one rp_sysctl_conf. */
#define RP_SYSCTL_MAX_ENTRIES 20000
#define RP_SYSCTL_MAX_PROBLEMS 1000
#define RP_SYSCTL_KEY_MAX 256
#define RP_SYSCTL_VALUE_MAX 4096

struct rp_sysctl_entry {
	char *key;	 /* normalised dotted form, printable */
	char *value;	 /* stripped, printable; NULL for a "-key" exclusion line */
	bool ignore_err; /* written with a leading '-' */
	bool glob;	 /* the key holds glob(7) characters */
	char *path;	 /* file inside the audited root */
	unsigned line;
};

struct rp_sysctl_conf {
	struct rp_sysctl_entry *v;
	size_t n, cap;
	struct rp_strlist problems; /* "path:line: what" */
};

/* Parses data (len bytes, not necessarily NUL terminated) named path in
 * messages, appending its entries to conf. Malformed lines go to
 * conf->problems and diag and are skipped. Returns 0, RP_ERR_BINARY (nothing
 * added), RP_ERR_TOO_LARGE (entry cap reached; earlier entries kept) or
 * RP_ERR_NOMEM. */
int rp_sysctl_parse(struct rp_sysctl_conf *conf, const char *path, const char *data, size_t len,
		    struct rp_diag *diag);
void rp_sysctl_conf_free(struct rp_sysctl_conf *conf);

/* Normalises key (n bytes) to the dotted form; a new string or NULL. */
char *rp_sysctl_normalize(const char *key, size_t n);
/* The /proc/sys path of a dotted key ("/proc/sys/net/ipv4/..."); a new string or NULL. */
char *rp_sysctl_proc_path(const char *key);

/* The assignment that takes effect for the exact dotted key: the last
 * explicit line for it (which may be an exclusion, value NULL), else the last
 * glob line matching it. NULL when nothing sets it. */
const struct rp_sysctl_entry *rp_sysctl_lookup(const struct rp_sysctl_conf *conf, const char *key);

#endif
