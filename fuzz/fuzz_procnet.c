/* libFuzzer harness for the /proc/net socket table parser: the input is
 * parsed as each of the four tables, with and without the listening filter,
 * and every socket kept is formatted and classified. */
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "core/diag.h"
#include "parse/procnet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		const char *path;
		enum rp_procnet_proto proto;
		int family;
	} t[] = {
	    {"/proc/net/tcp", RP_PROCNET_TCP, AF_INET},
	    {"/proc/net/tcp6", RP_PROCNET_TCP, AF_INET6},
	    {"/proc/net/udp", RP_PROCNET_UDP, AF_INET},
	    {"/proc/net/udp6", RP_PROCNET_UDP, AF_INET6},
	};
	char txt[INET6_ADDRSTRLEN];

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		struct rp_procnet pn = {0};
		struct rp_diag d = {0};

		rp_procnet_parse(&pn, t[i].path, (const char *)data, size, t[i].proto, t[i].family,
				 i % 2 ? RP_PROCNET_LISTENING_ONLY : 0, &d);
		for (size_t j = 0; j < pn.n; j++) {
			rp_addr_text(pn.v[j].family, pn.v[j].laddr, txt, sizeof(txt));
			rp_addr_text(pn.v[j].family, pn.v[j].raddr, txt, sizeof(txt));
			(void)rp_addr_scope_of(pn.v[j].family, pn.v[j].laddr);
		}
		rp_procnet_free(&pn);
		rp_diag_free(&d);
	}
	return 0;
}
