/*
 * nldef.h - network-layer address origins and states used by
 * IP_ADAPTER_UNICAST_ADDRESS (iptypes.h).
 */
#ifndef _NLDEF_
#define _NLDEF_

#include "linsock_base.h"

typedef enum {
	IpPrefixOriginOther = 0,
	IpPrefixOriginManual,
	IpPrefixOriginWellKnown,
	IpPrefixOriginDhcp,
	IpPrefixOriginRouterAdvertisement,
	IpPrefixOriginUnchanged = 1 << 4
} NL_PREFIX_ORIGIN;

typedef enum {
	IpSuffixOriginOther = 0,
	IpSuffixOriginManual,
	IpSuffixOriginWellKnown,
	IpSuffixOriginDhcp,
	IpSuffixOriginLinkLayerAddress,
	IpSuffixOriginRandom,
	IpSuffixOriginUnchanged = 1 << 4
} NL_SUFFIX_ORIGIN;

typedef enum {
	IpDadStateInvalid = 0,
	IpDadStateTentative,
	IpDadStateDuplicate,
	IpDadStateDeprecated,
	IpDadStatePreferred
} NL_DAD_STATE;

#define NL_MAX_METRIC_COMPONENT ((((ULONG)1) << 31) - 1)

#endif /* _NLDEF_ */
