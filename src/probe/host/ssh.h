/* The sshd probe: reads /etc/ssh/sshd_config (includes followed inside the
 * audited root), works out the effective global settings the way OpenSSH
 * 9.2 (Debian 12) does (first value wins, compiled-in defaults where
 * nothing is set, +/-/^ algorithm lists), keeps the Match blocks, and reads
 * the PAM stack of sshd (/etc/pam.d/sshd with its @include files) to find a
 * second-factor module. It knows no policy. */
#ifndef RP_PROBE_SSH_H
#define RP_PROBE_SSH_H

#include <stdbool.h>

#include "core/diag.h"
#include "core/rootfs.h"
#include "parse/sshd_config.h"

#define RP_SSHD_CONFIG_PATH "/etc/ssh/sshd_config"
#define RP_SSHD_PAM_PATH "/etc/pam.d/sshd"

/* One effective value: the directive that set it, or the default. */
struct rp_ssh_setting {
	const char *value;		     /* lower-cased first argument, or the default */
	const struct rp_sshd_directive *dir; /* NULL when OpenSSH's default applies */
};

/* An effective algorithm list (Ciphers, MACs, KexAlgorithms). */
struct rp_ssh_algs {
	struct rp_strlist list;		     /* what sshd offers, in order */
	const struct rp_sshd_directive *dir; /* NULL: the default list */
};

/* An "auth" line of the PAM stack sshd uses. */
struct rp_pam_auth {
	char *module;  /* "pam_google_authenticator" (no directory, no .so) */
	char *control; /* "required", "[success=1 default=ignore]" */
	char *args;    /* the module arguments, or "" */
	char *path;
	unsigned line;
};

struct rp_ssh_facts {
	int status; /* RP_OK; RP_ERR_NOTFOUND: sshd_config absent (sshd not installed);
		     * another rp_err: sshd_config could not be read or parsed */
	struct rp_sshd_config cfg;
	struct rp_ssh_algs ciphers, macs, kex;

	int pam_status; /* RP_OK, RP_ERR_NOTFOUND (no /etc/pam.d/sshd), or the read error */
	struct rp_pam_auth *pam;
	size_t npam;
	struct rp_strlist pam_problems; /* "path:line: what" */
};

/* Fills f (cleared first) from root. Returns 0; what went wrong is in
 * f->status, f->cfg.problems and diag. */
int rp_probe_ssh(const struct rp_root *root, struct rp_ssh_facts *f, struct rp_diag *diag);
void rp_ssh_facts_free(struct rp_ssh_facts *f);

/* The default sshd 9.2 (Debian 12 build) uses for a keyword when the
 * configuration does not set it, or NULL when rampart does not model it. */
const char *rp_ssh_default(const char *keyword);

/* The first directive setting keyword in block (-1: the global section), or NULL. */
const struct rp_sshd_directive *rp_ssh_find(const struct rp_ssh_facts *f, int block, const char *keyword);

/* The effective value of keyword for a connection no specific Match block
 * matches: the first "Match all" block's, else the first global directive,
 * else the default. */
struct rp_ssh_setting rp_ssh_get(const struct rp_ssh_facts *f, const char *keyword);

/* True when value is one sshd accepts for keyword (for the keywords rampart
 * models; others are taken as valid). */
bool rp_ssh_value_valid(const char *keyword, const char *value);
/* A time value (LoginGraceTime "2m", "120") in seconds, or -1 when invalid. */
long rp_ssh_seconds(const char *value);

/* PAM modules rampart counts as a second factor (NULL-terminated). */
extern const char *const rp_pam_second_factor_modules[];
/* True when module (a basename without ".so") is one of them. */
bool rp_pam_is_second_factor(const char *module);

#endif
