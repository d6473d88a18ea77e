/* The accounts probe: reads /etc/passwd, /etc/shadow, /etc/group and
 * /etc/login.defs inside the root into typed facts. Each source has its own
 * status so that checks can tell "absent" (not-applicable) from "unreadable"
 * (error). Password hashes are not kept, only their kind and scheme. */
#ifndef RP_PROBE_ACCOUNTS_H
#define RP_PROBE_ACCOUNTS_H

#include "core/diag.h"
#include "core/rootfs.h"
#include "parse/passwd.h"

#define RP_PASSWD_PATH "/etc/passwd"
#define RP_SHADOW_PATH "/etc/shadow"
#define RP_GROUP_PATH "/etc/group"
#define RP_LOGIN_DEFS_PATH "/etc/login.defs"

struct rp_account_facts {
	int status;	       /* /etc/passwd: RP_OK, or the rp_err that kept the probe from reading it */
	int shadow_status;     /* the same for /etc/shadow */
	int group_status;      /* /etc/group */
	int login_defs_status; /* /etc/login.defs */
	struct rp_passwd passwd;
	struct rp_shadow shadow;
	struct rp_group group;
	struct rp_login_defs defs;
};

/* Fills f (cleared first) from the files inside root; problems go to diag.
 * Always returns 0 unless memory runs out: statuses are in f. */
int rp_probe_accounts(const struct rp_root *root, struct rp_account_facts *f, struct rp_diag *diag);
void rp_account_facts_free(struct rp_account_facts *f);

/* The UID range of ordinary users: login.defs UID_MIN/UID_MAX or 1000/60000. */
long rp_accounts_uid_min(const struct rp_account_facts *f);
long rp_accounts_uid_max(const struct rp_account_facts *f);

#endif
