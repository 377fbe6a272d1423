/*
 * mstcpip.h - vendor ioctls of the Microsoft TCP/IP provider: keep-alive
 * values, receive-all, UDP reset reporting, loopback fast path, TCP_INFO
 * (spec/constants.md sections 6 and 11); the IN4ADDR_, IN6ADDR_, INETADDR_ address helpers
 * and SS_PORT.
 */
#ifndef _MSTCPIP_
#define _MSTCPIP_

#include "winsock2.h"
#include "ws2ipdef.h"
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* SIO_KEEPALIVE_VALS input; times in milliseconds (12 bytes). */
struct tcp_keepalive {
	ULONG onoff;
	ULONG keepalivetime;
	ULONG keepaliveinterval;
};

typedef enum {
	RCVALL_OFF             = 0,
	RCVALL_ON              = 1,
	RCVALL_SOCKETLEVELONLY = 2,
	RCVALL_IPLEVEL         = 3
} RCVALL_VALUE, *PRCVALL_VALUE;

#define SIO_RCVALL                     _WSAIOW(IOC_VENDOR, 1)
#define SIO_RCVALL_MCAST               _WSAIOW(IOC_VENDOR, 2)
#define SIO_RCVALL_IGMPMCAST           _WSAIOW(IOC_VENDOR, 3)
#define SIO_KEEPALIVE_VALS             _WSAIOW(IOC_VENDOR, 4)
#define SIO_ABSORB_RTRALERT            _WSAIOW(IOC_VENDOR, 5)
#define SIO_UCAST_IF                   _WSAIOW(IOC_VENDOR, 6)
#define SIO_LIMIT_BROADCASTS           _WSAIOW(IOC_VENDOR, 7)
#define SIO_INDEX_BIND                 _WSAIOW(IOC_VENDOR, 8)
#define SIO_INDEX_MCASTIF              _WSAIOW(IOC_VENDOR, 9)
#define SIO_INDEX_ADD_MCAST            _WSAIOW(IOC_VENDOR, 10)
#define SIO_INDEX_DEL_MCAST            _WSAIOW(IOC_VENDOR, 11)
#define SIO_UDP_CONNRESET              _WSAIOW(IOC_VENDOR, 12)
#define SIO_RCVALL_MCAST_IF            _WSAIOW(IOC_VENDOR, 13)
#define SIO_RCVALL_IF                  _WSAIOW(IOC_VENDOR, 14)
#define SIO_UDP_NETRESET               _WSAIOW(IOC_VENDOR, 15)
#define SIO_LOOPBACK_FAST_PATH         _WSAIOW(IOC_VENDOR, 16)
#define SIO_TCP_INITIAL_RTO            _WSAIOW(IOC_VENDOR, 17)
#define SIO_APPLY_TRANSPORT_SETTING    _WSAIOW(IOC_VENDOR, 19)
#define SIO_QUERY_TRANSPORT_SETTING    _WSAIOW(IOC_VENDOR, 20)
#define SIO_CPU_AFFINITY               _WSAIOW(IOC_VENDOR, 21)
#define SIO_TCP_SET_ICW                _WSAIOW(IOC_VENDOR, 22)
#define SIO_TCP_SET_ACK_FREQUENCY      _WSAIOW(IOC_VENDOR, 23)
#define SIO_SET_PRIORITY_HINT          _WSAIOW(IOC_VENDOR, 24)
#define SIO_TCP_INFO                   _WSAIORW(IOC_VENDOR, 39)
#define SIO_ACQUIRE_PORT_RESERVATION   _WSAIOW(IOC_VENDOR, 100)
#define SIO_RELEASE_PORT_RESERVATION   _WSAIOW(IOC_VENDOR, 101)
#define SIO_ASSOCIATE_PORT_RESERVATION _WSAIOW(IOC_VENDOR, 102)
#define SIO_SET_SECURITY               _WSAIOW(IOC_VENDOR, 200)
#define SIO_QUERY_SECURITY             _WSAIORW(IOC_VENDOR, 201)
#define SIO_SET_PEER_TARGET_NAME       _WSAIOW(IOC_VENDOR, 202)
#define SIO_DELETE_PEER_TARGET_NAME    _WSAIOW(IOC_VENDOR, 203)
#define SIO_QUERY_WFP_CONNECTION_REDIRECT_RECORDS _WSAIOW(IOC_VENDOR, 220)
#define SIO_QUERY_WFP_CONNECTION_REDIRECT_CONTEXT _WSAIOW(IOC_VENDOR, 221)
#define SIO_SET_WFP_CONNECTION_REDIRECT_RECORDS   _WSAIOW(IOC_VENDOR, 222)

/* ---- SIO_TCP_INFO output, version 0 ---- */
typedef enum _TCPSTATE {
	TCPSTATE_CLOSED,
	TCPSTATE_LISTEN,
	TCPSTATE_SYN_SENT,
	TCPSTATE_SYN_RCVD,
	TCPSTATE_ESTABLISHED,
	TCPSTATE_FIN_WAIT_1,
	TCPSTATE_FIN_WAIT_2,
	TCPSTATE_CLOSE_WAIT,
	TCPSTATE_CLOSING,
	TCPSTATE_LAST_ACK,
	TCPSTATE_TIME_WAIT,
	TCPSTATE_MAX
} TCPSTATE;

/* 88 bytes; the 64-bit counters are 8-aligned. */
typedef struct _TCP_INFO_v0 {
	TCPSTATE State;
	ULONG    Mss;
	ULONG64  ConnectionTimeMs;
	BOOLEAN  TimestampsEnabled;
	ULONG    RttUs;
	ULONG    MinRttUs;
	ULONG    BytesInFlight;
	ULONG    Cwnd;
	ULONG    SndWnd;
	ULONG    RcvWnd;
	ULONG    RcvBuf;
	ULONG64  BytesOut;
	ULONG64  BytesIn;
	ULONG    BytesReordered;
	ULONG    BytesRetrans;
	ULONG    FastRetrans;
	ULONG    DupAcksIn;
	ULONG    TimeoutEpisodes;
	UCHAR    SynRetrans;
} TCP_INFO_v0, *PTCP_INFO_v0;

/* ---- SIO_TCP_INFO output, version 1: v0 then the send-limit counters (136 bytes) ---- */
typedef struct _TCP_INFO_v1 {
	TCPSTATE State;
	ULONG    Mss;
	ULONG64  ConnectionTimeMs;
	BOOLEAN  TimestampsEnabled;
	ULONG    RttUs;
	ULONG    MinRttUs;
	ULONG    BytesInFlight;
	ULONG    Cwnd;
	ULONG    SndWnd;
	ULONG    RcvWnd;
	ULONG    RcvBuf;
	ULONG64  BytesOut;
	ULONG64  BytesIn;
	ULONG    BytesReordered;
	ULONG    BytesRetrans;
	ULONG    FastRetrans;
	ULONG    DupAcksIn;
	ULONG    TimeoutEpisodes;
	UCHAR    SynRetrans;
	ULONG    SndLimTransRwin;
	ULONG    SndLimTimeRwin;
	ULONG64  SndLimBytesRwin;
	ULONG    SndLimTransCwnd;
	ULONG    SndLimTimeCwnd;
	ULONG64  SndLimBytesCwnd;
	ULONG    SndLimTransSnd;
	ULONG    SndLimTimeSnd;
	ULONG64  SndLimBytesSnd;
} TCP_INFO_v1, *PTCP_INFO_v1;

/* ---- Address helpers (inline, as Windows' own header has them). Addresses are in network
 * order; a SOCKADDR's family picks the IPv4 or IPv6 form. ---- */
#define SS_PORT(ssp) (((PSOCKADDR_IN)(ssp))->sin_port)

static inline ULONG ls_mstcpip_host4(const IN_ADDR *a)
{
	const UCHAR *b = (const UCHAR *)&a->s_addr;

	return ((ULONG)b[0] << 24) | ((ULONG)b[1] << 16) | ((ULONG)b[2] << 8) | b[3];
}
static inline BOOLEAN IN4_ADDR_EQUAL(const IN_ADDR *a, const IN_ADDR *b)
{
	return a->s_addr == b->s_addr;
}
static inline BOOLEAN IN4_IS_ADDR_UNSPECIFIED(const IN_ADDR *a)
{
	return a->s_addr == 0;
}
static inline BOOLEAN IN4_IS_ADDR_LOOPBACK(const IN_ADDR *a)
{
	return (ls_mstcpip_host4(a) >> 24) == 127;
}
static inline BOOLEAN IN4_IS_ADDR_BROADCAST(const IN_ADDR *a)
{
	return a->s_addr == 0xffffffffu;
}
static inline BOOLEAN IN4_IS_ADDR_MULTICAST(const IN_ADDR *a)
{
	return (ls_mstcpip_host4(a) >> 28) == 0xe;
}
static inline BOOLEAN IN4_IS_ADDR_LINKLOCAL(const IN_ADDR *a)
{
	return (ls_mstcpip_host4(a) >> 16) == 0xa9fe;	/* 169.254/16 */
}
static inline BOOLEAN IN4_IS_ADDR_RFC1918(const IN_ADDR *a)
{
	ULONG h = ls_mstcpip_host4(a);

	return (h >> 24) == 10 || (h >> 20) == 0xac1 || (h >> 16) == 0xc0a8;
}

static inline BOOLEAN IN4ADDR_ISANY(const SOCKADDR_IN *a)
{
	return IN4_IS_ADDR_UNSPECIFIED(&a->sin_addr);
}
static inline BOOLEAN IN4ADDR_ISLOOPBACK(const SOCKADDR_IN *a)
{
	return IN4_IS_ADDR_LOOPBACK(&a->sin_addr);
}
static inline BOOLEAN IN4ADDR_ISEQUAL(const SOCKADDR_IN *a, const SOCKADDR_IN *b)
{
	return IN4_ADDR_EQUAL(&a->sin_addr, &b->sin_addr);
}
static inline BOOLEAN IN4ADDR_ISUNSPECIFIED(const SOCKADDR_IN *a)
{
	return IN4ADDR_ISANY(a) && a->sin_port == 0;
}
static inline VOID IN4ADDR_SETSOCKADDR(PSOCKADDR_IN a, const IN_ADDR *addr, USHORT port)
{
	memset(a, 0, sizeof *a);
	a->sin_family = AF_INET;
	a->sin_addr = *addr;
	a->sin_port = port;
}
static inline VOID IN4ADDR_SETANY(PSOCKADDR_IN a)
{
	IN_ADDR any;

	any.s_addr = 0;
	IN4ADDR_SETSOCKADDR(a, &any, 0);
}
static inline VOID IN4ADDR_SETLOOPBACK(PSOCKADDR_IN a)
{
	IN_ADDR lo;
	UCHAR *b = (UCHAR *)&lo.s_addr;

	b[0] = 127; b[1] = 0; b[2] = 0; b[3] = 1;
	IN4ADDR_SETSOCKADDR(a, &lo, 0);
}

static inline BOOLEAN IN6ADDR_ISANY(const SOCKADDR_IN6 *a)
{
	return IN6_IS_ADDR_UNSPECIFIED(&a->sin6_addr);
}
static inline BOOLEAN IN6ADDR_ISLOOPBACK(const SOCKADDR_IN6 *a)
{
	return IN6_IS_ADDR_LOOPBACK(&a->sin6_addr);
}
static inline BOOLEAN IN6ADDR_ISEQUAL(const SOCKADDR_IN6 *a, const SOCKADDR_IN6 *b)
{
	return a->sin6_scope_id == b->sin6_scope_id && IN6_ADDR_EQUAL(&a->sin6_addr, &b->sin6_addr);
}
static inline BOOLEAN IN6ADDR_ISUNSPECIFIED(const SOCKADDR_IN6 *a)
{
	return a->sin6_scope_id == 0 && IN6ADDR_ISANY(a);
}
static inline VOID IN6ADDR_SETSOCKADDR(PSOCKADDR_IN6 a, const IN6_ADDR *addr, SCOPE_ID scope,
				       USHORT port)
{
	memset(a, 0, sizeof *a);
	a->sin6_family = AF_INET6;
	a->sin6_port = port;
	a->sin6_addr = *addr;
	a->sin6_scope_struct = scope;
}
static inline VOID IN6ADDR_SETANY(PSOCKADDR_IN6 a)
{
	memset(a, 0, sizeof *a);
	a->sin6_family = AF_INET6;
}
static inline VOID IN6ADDR_SETLOOPBACK(PSOCKADDR_IN6 a)
{
	IN6ADDR_SETANY(a);
	((UCHAR *)&a->sin6_addr)[15] = 1;
}

/* Family-generic forms; a SOCKADDR of another family counts as IPv6, as Windows' own. */
static inline BOOLEAN INETADDR_ISANY(const SOCKADDR *a)
{
	if (a->sa_family == AF_INET)
		return IN4ADDR_ISANY((const SOCKADDR_IN *)a);
	return IN6ADDR_ISANY((const SOCKADDR_IN6 *)a);
}
static inline BOOLEAN INETADDR_ISLOOPBACK(const SOCKADDR *a)
{
	if (a->sa_family == AF_INET)
		return IN4ADDR_ISLOOPBACK((const SOCKADDR_IN *)a);
	return IN6ADDR_ISLOOPBACK((const SOCKADDR_IN6 *)a);
}
static inline BOOLEAN INETADDR_ISEQUAL(const SOCKADDR *a, const SOCKADDR *b)
{
	if (a->sa_family != b->sa_family)
		return FALSE;
	if (a->sa_family == AF_INET)
		return IN4ADDR_ISEQUAL((const SOCKADDR_IN *)a, (const SOCKADDR_IN *)b);
	return IN6ADDR_ISEQUAL((const SOCKADDR_IN6 *)a, (const SOCKADDR_IN6 *)b);
}
static inline BOOLEAN INETADDR_ISUNSPECIFIED(const SOCKADDR *a)
{
	if (a->sa_family == AF_INET)
		return IN4ADDR_ISUNSPECIFIED((const SOCKADDR_IN *)a);
	return IN6ADDR_ISUNSPECIFIED((const SOCKADDR_IN6 *)a);
}
static inline VOID INETADDR_SETANY(PSOCKADDR a)
{
	if (a->sa_family == AF_INET)
		IN4ADDR_SETANY((PSOCKADDR_IN)a);
	else
		IN6ADDR_SETANY((PSOCKADDR_IN6)a);
}
static inline VOID INETADDR_SETLOOPBACK(PSOCKADDR a)
{
	if (a->sa_family == AF_INET)
		IN4ADDR_SETLOOPBACK((PSOCKADDR_IN)a);
	else
		IN6ADDR_SETLOOPBACK((PSOCKADDR_IN6)a);
}
static inline USHORT INETADDR_PORT(const SOCKADDR *a)
{
	if (a->sa_family == AF_INET)
		return ((const SOCKADDR_IN *)a)->sin_port;
	return ((const SOCKADDR_IN6 *)a)->sin6_port;
}
static inline VOID INETADDR_SET_PORT(PSOCKADDR a, USHORT port)
{
	SS_PORT(a) = port;	/* the same offset in both families */
}
static inline const UCHAR *INETADDR_ADDRESS(const SOCKADDR *a)
{
	if (a->sa_family == AF_INET)
		return (const UCHAR *)&((const SOCKADDR_IN *)a)->sin_addr;
	return (const UCHAR *)&((const SOCKADDR_IN6 *)a)->sin6_addr;
}
static inline VOID INETADDR_SET_ADDRESS(PSOCKADDR a, const UCHAR *addr)
{
	if (a->sa_family == AF_INET)
		memcpy(&((PSOCKADDR_IN)a)->sin_addr, addr, sizeof(IN_ADDR));
	else
		memcpy(&((PSOCKADDR_IN6)a)->sin6_addr, addr, sizeof(IN6_ADDR));
}
static inline ULONG INETADDR_SIZE(const SOCKADDR *a)
{
	return a->sa_family == AF_INET ? (ULONG)sizeof(SOCKADDR_IN) : (ULONG)sizeof(SOCKADDR_IN6);
}
static inline SCOPE_ID INETADDR_SCOPE_ID(const SOCKADDR *a)
{
	SCOPE_ID s;

	if (a->sa_family == AF_INET6)
		return ((const SOCKADDR_IN6 *)a)->sin6_scope_struct;
	s.Value = 0;
	return s;
}

#ifdef __cplusplus
}
#endif

#endif /* _MSTCPIP_ */
