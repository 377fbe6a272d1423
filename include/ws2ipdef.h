/*
 * ws2ipdef.h - IPv4/IPv6 definitions: sockaddr_in6, multicast requests,
 * packet info, and the IPPROTO_IP / IPPROTO_IPV6 / IPPROTO_TCP /
 * IPPROTO_UDP option numbers (spec/constants.md sections 6-8, 13).
 * Windows' option numbers differ from Linux's: the library translates.
 */
#ifndef _WS2IPDEF_
#define _WS2IPDEF_

#include "ws2def.h"
#include "in6addr.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- IPv4 options (level IPPROTO_IP) ---- */
#define IP_OPTIONS                 1
#define IP_HDRINCL                 2
#define IP_TOS                     3
#define IP_TTL                     4
#define IP_MULTICAST_IF            9
#define IP_MULTICAST_TTL           10
#define IP_MULTICAST_LOOP          11
#define IP_ADD_MEMBERSHIP          12
#define IP_DROP_MEMBERSHIP         13
#define IP_DONTFRAGMENT            14
#define IP_ADD_SOURCE_MEMBERSHIP   15
#define IP_DROP_SOURCE_MEMBERSHIP  16
#define IP_BLOCK_SOURCE            17
#define IP_UNBLOCK_SOURCE          18
#define IP_PKTINFO                 19
#define IP_HOPLIMIT                21
#define IP_RECVTTL                 21
#define IP_RECEIVE_BROADCAST       22
#define IP_RECVIF                  24
#define IP_RECVDSTADDR             25
#define IP_IFLIST                  28
#define IP_ADD_IFLIST              29
#define IP_DEL_IFLIST              30
#define IP_UNICAST_IF              31
#define IP_RTHDR                   32
#define IP_GET_IFLIST              33
#define IP_RECVRTHDR               38
#define IP_TCLASS                  39
#define IP_RECVTCLASS              40
#define IP_RECVTOS                 40
#define IP_ORIGINAL_ARRIVAL_IF     47
#define IP_ECN                     50
#define IP_PKTINFO_EX              51
#define IP_WFP_REDIRECT_RECORDS    60
#define IP_WFP_REDIRECT_CONTEXT    70
#define IP_MTU_DISCOVER            71
#define IP_MTU                     73
#define IP_NRT_INTERFACE           74
#define IP_RECVERR                 75
#define IP_USER_MTU                76

#define IP_UNSPECIFIED_TYPE_OF_SERVICE (-1)
#define IP_UNSPECIFIED_HOP_LIMIT       (-1)
#define IP_DEFAULT_MULTICAST_TTL   1
#define IP_DEFAULT_MULTICAST_LOOP  1
#define IP_MAX_MEMBERSHIPS         20

/* Values of IP_MTU_DISCOVER / IPV6_MTU_DISCOVER (Linux numbers differ). */
typedef enum _PMTUD_STATE {
	IP_PMTUDISC_NOT_SET,
	IP_PMTUDISC_DO,
	IP_PMTUDISC_DONT,
	IP_PMTUDISC_PROBE,
	IP_PMTUDISC_MAX
} PMTUD_STATE, *PPMTUD_STATE;

/* ---- IPv6 options (level IPPROTO_IPV6) ---- */
#define IPV6_HOPOPTS               1
#define IPV6_HDRINCL               2
#define IPV6_UNICAST_HOPS          4
#define IPV6_MULTICAST_IF          9
#define IPV6_MULTICAST_HOPS        10
#define IPV6_MULTICAST_LOOP        11
#define IPV6_ADD_MEMBERSHIP        12
#define IPV6_JOIN_GROUP            IPV6_ADD_MEMBERSHIP
#define IPV6_DROP_MEMBERSHIP       13
#define IPV6_LEAVE_GROUP           IPV6_DROP_MEMBERSHIP
#define IPV6_DONTFRAG              14
#define IPV6_PKTINFO               19
#define IPV6_HOPLIMIT              21
#define IPV6_PROTECTION_LEVEL      23
#define IPV6_RECVIF                24
#define IPV6_RECVDSTADDR           25
#define IPV6_CHECKSUM              26
#define IPV6_V6ONLY                27
#define IPV6_IFLIST                28
#define IPV6_ADD_IFLIST            29
#define IPV6_DEL_IFLIST            30
#define IPV6_UNICAST_IF            31
#define IPV6_RTHDR                 32
#define IPV6_GET_IFLIST            33
#define IPV6_RECVRTHDR             38
#define IPV6_TCLASS                39
#define IPV6_RECVTCLASS            40
#define IPV6_ECN                   50
#define IPV6_PKTINFO_EX            51
#define IPV6_WFP_REDIRECT_RECORDS  60
#define IPV6_WFP_REDIRECT_CONTEXT  70
#define IPV6_MTU_DISCOVER          71
#define IPV6_MTU                   72
#define IPV6_NRT_INTERFACE         74
#define IPV6_RECVERR               75
#define IPV6_USER_MTU              76

#define PROTECTION_LEVEL_UNRESTRICTED   10
#define PROTECTION_LEVEL_EDGERESTRICTED 20
#define PROTECTION_LEVEL_RESTRICTED     30
#define PROTECTION_LEVEL_DEFAULT        ((UINT)-1)

/* ---- TCP options (level IPPROTO_TCP); TCP_NODELAY is in ws2def.h ---- */
#define TCP_EXPEDITED_1122             0x0002
#define TCP_KEEPALIVE                  3
#define TCP_KEEPIDLE                   TCP_KEEPALIVE
#define TCP_MAXSEG                     4
#define TCP_MAXRT                      5
#define TCP_STDURG                     6
#define TCP_NOURG                      7
#define TCP_ATMARK                     8
#define TCP_NOSYNRETRIES               9
#define TCP_TIMESTAMPS                 10
#define TCP_OFFLOAD_PREFERENCE         11
#define TCP_CONGESTION_ALGORITHM       12
#define TCP_DELAY_FIN_ACK              13
#define TCP_MAXRTMS                    14
#define TCP_FASTOPEN                   15
#define TCP_KEEPCNT                    16
#define TCP_KEEPINTVL                  17
#define TCP_FAIL_CONNECT_ON_ICMP_ERROR 18
#define TCP_ICMP_ERROR_INFO            19

/* ---- UDP options (level IPPROTO_UDP) ---- */
#define UDP_NOCHECKSUM              1
#define UDP_SEND_MSG_SIZE           2
#define UDP_RECV_MAX_COALESCED_SIZE 3
#define UDP_CHECKSUM_COVERAGE       20

/* ---- Interface list ioctls ---- */
#define SIO_GET_INTERFACE_LIST        _IOR('t', 127, u_long)
#define SIO_GET_INTERFACE_LIST_EX     _IOR('t', 126, u_long)
#define SIO_IDEAL_SEND_BACKLOG_QUERY  _IOR('t', 123, ULONG)
#define SIO_IDEAL_SEND_BACKLOG_CHANGE _IO('t', 122)
#define SIO_ADDRESS_LIST_SORT         _WSAIORW(IOC_WS2, 25)

/* ---- IPv6 socket address (28 bytes) ---- */
typedef struct sockaddr_in6 {
	ADDRESS_FAMILY sin6_family;
	USHORT         sin6_port;
	ULONG          sin6_flowinfo;
	IN6_ADDR       sin6_addr;
	LS_ANON union {
		ULONG    sin6_scope_id;
		SCOPE_ID sin6_scope_struct;
	};
} SOCKADDR_IN6_LH, *PSOCKADDR_IN6_LH, *LPSOCKADDR_IN6_LH;
typedef SOCKADDR_IN6_LH SOCKADDR_IN6, *PSOCKADDR_IN6, *LPSOCKADDR_IN6;

/* The pre-Vista spelling, same layout with a plain scope id. */
typedef struct sockaddr_in6_w2ksp1 {
	short           sin6_family;
	USHORT          sin6_port;
	ULONG           sin6_flowinfo;
	struct in6_addr sin6_addr;
	ULONG           sin6_scope_id;
} SOCKADDR_IN6_W2KSP1, *PSOCKADDR_IN6_W2KSP1, *LPSOCKADDR_IN6_W2KSP1;

typedef union _SOCKADDR_INET {
	SOCKADDR_IN    Ipv4;
	SOCKADDR_IN6   Ipv6;
	ADDRESS_FAMILY si_family;
} SOCKADDR_INET, *PSOCKADDR_INET;

/* ---- SIO_GET_INTERFACE_LIST output (76 bytes an entry) ---- */
typedef struct sockaddr_in6_old {
	SHORT    sin6_family;
	USHORT   sin6_port;
	ULONG    sin6_flowinfo;
	IN6_ADDR sin6_addr;
} SOCKADDR_IN6_OLD;

typedef union sockaddr_gen {
	struct sockaddr         Address;
	struct sockaddr_in      AddressIn;
	struct sockaddr_in6_old AddressIn6;
} sockaddr_gen;

typedef struct _INTERFACE_INFO {
	ULONG        iiFlags;
	sockaddr_gen iiAddress;
	sockaddr_gen iiBroadcastAddress;
	sockaddr_gen iiNetmask;
} INTERFACE_INFO, *LPINTERFACE_INFO;

#define IFF_UP           0x00000001
#define IFF_BROADCAST    0x00000002
#define IFF_LOOPBACK     0x00000004
#define IFF_POINTTOPOINT 0x00000008
#define IFF_MULTICAST    0x00000010

typedef struct _sockaddr_in6_pair {
	PSOCKADDR_IN6 SourceAddress;
	PSOCKADDR_IN6 DestinationAddress;
} SOCKADDR_IN6_PAIR, *PSOCKADDR_IN6_PAIR;

/* ---- Multicast requests ---- */
typedef struct ip_mreq {
	IN_ADDR imr_multiaddr;
	IN_ADDR imr_interface;
} IP_MREQ, *PIP_MREQ;

/* Windows order: source before interface (Linux has the reverse). */
typedef struct ip_mreq_source {
	IN_ADDR imr_multiaddr;
	IN_ADDR imr_sourceaddr;
	IN_ADDR imr_interface;
} IP_MREQ_SOURCE, *PIP_MREQ_SOURCE;

typedef struct ipv6_mreq {
	IN6_ADDR ipv6mr_multiaddr;
	ULONG    ipv6mr_interface;
} IPV6_MREQ, *PIPV6_MREQ;

/* ---- Packet information control messages ---- */
typedef struct in_pktinfo {
	IN_ADDR ipi_addr;
	ULONG   ipi_ifindex;
} IN_PKTINFO, *PIN_PKTINFO;

typedef struct in6_pktinfo {
	IN6_ADDR ipi6_addr;
	ULONG    ipi6_ifindex;
} IN6_PKTINFO, *PIN6_PKTINFO;

/* ---- Address strings ---- */
#define INET_ADDRSTRLEN  22
#define INET6_ADDRSTRLEN 65

/* ---- Well-known IPv6 addresses; the library defines the objects ---- */
#define IN6ADDR_ANY_INIT      { { { 0 } } }
#define IN6ADDR_LOOPBACK_INIT { { { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 } } }
WINSOCK_API_LINKAGE extern const struct in6_addr in6addr_any;
WINSOCK_API_LINKAGE extern const struct in6_addr in6addr_loopback;

/* ---- IPv6 address tests (header-only, as on Windows) ---- */
static inline BOOLEAN IN6_ADDR_EQUAL(const IN6_ADDR *a, const IN6_ADDR *b)
{
	int i;

	for (i = 0; i < 16; i++)
		if (a->u.Byte[i] != b->u.Byte[i])
			return FALSE;
	return TRUE;
}
static inline BOOLEAN IN6_IS_ADDR_UNSPECIFIED(const IN6_ADDR *a)
{
	int i;

	for (i = 0; i < 16; i++)
		if (a->u.Byte[i] != 0)
			return FALSE;
	return TRUE;
}
static inline BOOLEAN IN6_IS_ADDR_LOOPBACK(const IN6_ADDR *a)
{
	int i;

	for (i = 0; i < 15; i++)
		if (a->u.Byte[i] != 0)
			return FALSE;
	return a->u.Byte[15] == 1;
}
static inline BOOLEAN IN6_IS_ADDR_MULTICAST(const IN6_ADDR *a)
{
	return a->u.Byte[0] == 0xff;
}
/* fe80::/10 */
static inline BOOLEAN IN6_IS_ADDR_LINKLOCAL(const IN6_ADDR *a)
{
	return a->u.Byte[0] == 0xfe && (a->u.Byte[1] & 0xc0) == 0x80;
}
/* fec0::/10 */
static inline BOOLEAN IN6_IS_ADDR_SITELOCAL(const IN6_ADDR *a)
{
	return a->u.Byte[0] == 0xfe && (a->u.Byte[1] & 0xc0) == 0xc0;
}
/* ::ffff:a.b.c.d */
static inline BOOLEAN IN6_IS_ADDR_V4MAPPED(const IN6_ADDR *a)
{
	int i;

	for (i = 0; i < 10; i++)
		if (a->u.Byte[i] != 0)
			return FALSE;
	return a->u.Byte[10] == 0xff && a->u.Byte[11] == 0xff;
}
/* ::a.b.c.d, excluding :: and ::1 */
static inline BOOLEAN IN6_IS_ADDR_V4COMPAT(const IN6_ADDR *a)
{
	int i;

	for (i = 0; i < 12; i++)
		if (a->u.Byte[i] != 0)
			return FALSE;
	return !(a->u.Byte[12] == 0 && a->u.Byte[13] == 0 && a->u.Byte[14] == 0 &&
		 (a->u.Byte[15] == 0 || a->u.Byte[15] == 1));
}
static inline BOOLEAN IN6_IS_ADDR_MC_NODELOCAL(const IN6_ADDR *a)
{
	return IN6_IS_ADDR_MULTICAST(a) && (a->u.Byte[1] & 0xf) == 1;
}
static inline BOOLEAN IN6_IS_ADDR_MC_LINKLOCAL(const IN6_ADDR *a)
{
	return IN6_IS_ADDR_MULTICAST(a) && (a->u.Byte[1] & 0xf) == 2;
}
static inline BOOLEAN IN6_IS_ADDR_MC_SITELOCAL(const IN6_ADDR *a)
{
	return IN6_IS_ADDR_MULTICAST(a) && (a->u.Byte[1] & 0xf) == 5;
}
static inline BOOLEAN IN6_IS_ADDR_MC_ORGLOCAL(const IN6_ADDR *a)
{
	return IN6_IS_ADDR_MULTICAST(a) && (a->u.Byte[1] & 0xf) == 8;
}
static inline BOOLEAN IN6_IS_ADDR_MC_GLOBAL(const IN6_ADDR *a)
{
	return IN6_IS_ADDR_MULTICAST(a) && (a->u.Byte[1] & 0xf) == 0xe;
}


/* Names glibc exports too: bind to the WS2_32 version (LS_WS2_SYMVER, linsock_base.h). */
LS_WS2_SYMVER(in6addr_any)
LS_WS2_SYMVER(in6addr_loopback)

#ifdef __cplusplus
}
#endif

#endif /* _WS2IPDEF_ */
