/*
 * ifdef.h - interface identifiers and states (NET_LUID, IF_INDEX,
 * IF_OPER_STATUS...) used by iptypes.h and netioapi.h.  x64 layouts.
 */
#ifndef _IFDEF_
#define _IFDEF_

#include "linsock_base.h"
#include "guiddef.h"

#ifdef __cplusplus
extern "C" {
#endif

#define IF_MAX_STRING_SIZE         256
#define IF_MAX_PHYS_ADDRESS_LENGTH 32
#define NDIS_IF_MAX_STRING_SIZE    IF_MAX_STRING_SIZE

typedef ULONG NET_IFINDEX, *PNET_IFINDEX;
typedef NET_IFINDEX IF_INDEX, *PIF_INDEX;
typedef ULONG IFTYPE;
typedef UINT32 NET_IF_COMPARTMENT_ID, *PNET_IF_COMPARTMENT_ID;
typedef GUID NET_IF_NETWORK_GUID, *PNET_IF_NETWORK_GUID;
#define NET_IFINDEX_UNSPECIFIED ((NET_IFINDEX)0)
#define IFI_UNSPECIFIED         NET_IFINDEX_UNSPECIFIED

/* 64 bits: NetLuidIndex (per type) and IfType, the interface's locally unique id. */
typedef union _NET_LUID_LH {
	ULONG64 Value;
	struct {
		ULONG64 Reserved : 24;
		ULONG64 NetLuidIndex : 24;
		ULONG64 IfType : 16;
	} Info;
} NET_LUID_LH, *PNET_LUID_LH;
typedef NET_LUID_LH NET_LUID, *PNET_LUID;
typedef NET_LUID IF_LUID, *PIF_LUID;

typedef enum {
	IfOperStatusUp = 1,
	IfOperStatusDown,
	IfOperStatusTesting,
	IfOperStatusUnknown,
	IfOperStatusDormant,
	IfOperStatusNotPresent,
	IfOperStatusLowerLayerDown
} IF_OPER_STATUS;

typedef enum _NET_IF_CONNECTION_TYPE {
	NET_IF_CONNECTION_DEDICATED = 1,
	NET_IF_CONNECTION_PASSIVE = 2,
	NET_IF_CONNECTION_DEMAND = 3,
	NET_IF_CONNECTION_MAXIMUM = 4
} NET_IF_CONNECTION_TYPE, *PNET_IF_CONNECTION_TYPE;

typedef enum {
	TUNNEL_TYPE_NONE = 0,
	TUNNEL_TYPE_OTHER = 1,
	TUNNEL_TYPE_DIRECT = 2,
	TUNNEL_TYPE_6TO4 = 11,
	TUNNEL_TYPE_ISATAP = 13,
	TUNNEL_TYPE_TEREDO = 14,
	TUNNEL_TYPE_IPHTTPS = 15
} TUNNEL_TYPE, *PTUNNEL_TYPE;

#ifdef __cplusplus
}
#endif

#endif /* _IFDEF_ */
