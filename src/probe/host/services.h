/* The services probe: which systemd units the administrator enabled
 * (symlinks in /etc/systemd/system/<target>.wants/ and .requires/, and the
 * services their enabled .socket units activate), where their unit files and
 * drop-ins are (unit search path, masking by a symlink to /dev/null), and,
 * for each service, who it runs as and an exposure score computed the way
 * `systemd-analyze security` (systemd 252) does from the unit's settings.
 * It knows no policy. docs/checks-services.md documents the limits. */
#ifndef RP_PROBE_SERVICES_H
#define RP_PROBE_SERVICES_H

#include <stdbool.h>
#include <stddef.h>

#include "core/diag.h"
#include "core/rootfs.h"
#include "parse/systemd_unit.h"

#define RP_SVC_ETC "/etc/systemd/system"
/* Bounds of the walk: .wants/.requires directories and enabled units. */
#define RP_SVC_MAX_WANTS_DIRS 256
#define RP_SVC_MAX_UNITS 1024
#define RP_SVC_MAX_DROPINS 64 /* per unit */

/* One exposure setting that is not at its safest. */
struct rp_svc_weak {
	const char *setting;	     /* "NoNewPrivileges=" */
	const char *what;	     /* "may acquire new privileges" */
	unsigned weight, badness, range; /* as in systemd's analyze-security.c */
	const struct rp_unit_entry *e; /* the assignment responsible, or NULL (default) */
};

struct rp_svc_unit {
	char *name;	  /* "ssh.service" */
	char *enabled_by; /* the symlink that enables it, or the socket that activates it */
	bool via_socket;  /* activated by an enabled .socket, not enabled itself */
	bool masked;	  /* linked to /dev/null */
	char *fragment;	  /* the unit file, or NULL when not found */
	int status;	  /* RP_OK, RP_ERR_NOTFOUND (no unit file), or the read error */
	struct rp_unit unit; /* fragment and drop-ins */

	/* services only */
	bool service;
	bool oneshot;			    /* Type=oneshot: runs and exits */
	const char *user;		    /* User= value, NULL: root */
	const struct rp_unit_entry *user_e; /* the User= assignment, or NULL */
	bool dynamic_user;
	bool root; /* runs as root */
	int exposure; /* 0..100 (tenths of systemd's 0.0-10.0), -1 not computed */
	struct rp_svc_weak *weak;
	size_t nweak;
};

struct rp_services_facts {
	int status; /* RP_OK; RP_ERR_NOTFOUND: no /etc/systemd/system (no systemd);
		     * another rp_err: it could not be read */
	struct rp_svc_unit *v;
	size_t n, cap;
	size_t truncated; /* units or directories over the bounds, not examined */
};

/* Fills f (cleared first) from root. Returns 0; what went wrong is in
 * f->status, the units' status and diag. */
int rp_probe_services(const struct rp_root *root, struct rp_services_facts *f, struct rp_diag *diag);
void rp_services_facts_free(struct rp_services_facts *f);

/* The enabled (or socket-activated) unit named name, or NULL. */
const struct rp_svc_unit *rp_svc_find(const struct rp_services_facts *f, const char *name);

/* systemd-analyze's label for an exposure (0..100): "OK", "MEDIUM", "EXPOSED", "UNSAFE". */
const char *rp_svc_exposure_label(int exposure);

#endif
