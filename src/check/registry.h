/* The table of every check rampart knows, across target kinds. Each check
 * module exports one array (rp_checks_<module>) listed in registry.c; adding a
 * module adds one line there and nothing in the core. */
#ifndef RP_REGISTRY_H
#define RP_REGISTRY_H

#include <stddef.h>

#include "core/model.h"

size_t rp_checks_count(void);
/* The i-th check in catalogue order, or NULL past the end. */
const struct rp_check *rp_check_at(size_t i);
const struct rp_check *rp_check_find(const char *id);

/* Check tables of the modules (NULL-id terminated). */
extern const struct rp_check rp_checks_core[];
extern const struct rp_check rp_checks_ssh[];
extern const struct rp_check rp_checks_accounts[];
extern const struct rp_check rp_checks_sudo[];
extern const struct rp_check rp_checks_net[];
extern const struct rp_check rp_checks_kernel[];
extern const struct rp_check rp_checks_files[];
extern const struct rp_check rp_checks_packages[];
extern const struct rp_check rp_checks_services[];
extern const struct rp_check rp_checks_firewall[];
extern const struct rp_check rp_checks_webserver[];
extern const struct rp_check rp_checks_backends[];
extern const struct rp_check rp_checks_admin[];
extern const struct rp_check rp_checks_malware[];

#endif
