/*
 * winsock2.h - the Winsock 2 API.
 *
 * Values and layouts are Windows x64 facts (spec/constants.md,
 * spec/protocol-info.md, spec/data-transfer.md).  Names that glibc's
 * standard headers also declare are handled as docs/design.md section H
 * says:
 *   fd_set           -> struct ls_win_fd_set   (counted array of SOCKET)
 *   struct timeval   -> struct ls_win_timeval  (two 32-bit LONGs, 8 bytes)
 *   u_long           -> ls_win_u_long          (ULONG, 4 bytes)
 *   select()         -> ls_win_select(), symbol "select"
 *   gethostname()    -> ls_win_gethostname(), symbol "gethostname"
 *   FD_SET/FD_CLR/FD_ZERO/FD_ISSET, FD_SETSIZE, timerisset/timercmp/
 *   timerclear       -> redefined with Winsock meaning
 */
#ifndef _WINSOCK2API_
#define _WINSOCK2API_
#define _WINSOCKAPI_	/* the 1.1 API is part of this one */

#include "linsock_base.h"
#include "windows.h"
#include "winerror.h"
#include "guiddef.h"
#include "ws2def.h"
#include "inaddr.h"
#include "qos.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Basic socket types (constants.md section 1) ---- */
typedef UINT_PTR SOCKET;
#define INVALID_SOCKET ((SOCKET)(~(SOCKET)0))
#define SOCKET_ERROR   (-1)

typedef unsigned int GROUP;
typedef HANDLE       WSAEVENT, *LPWSAEVENT;
typedef OVERLAPPED   WSAOVERLAPPED, *LPWSAOVERLAPPED;

#define PF_UNSPEC     AF_UNSPEC
#define PF_UNIX       AF_UNIX
#define PF_INET       AF_INET
#define PF_IMPLINK    AF_IMPLINK
#define PF_PUP        AF_PUP
#define PF_CHAOS      AF_CHAOS
#define PF_NS         AF_NS
#define PF_IPX        AF_IPX
#define PF_ISO        AF_ISO
#define PF_OSI        AF_OSI
#define PF_ECMA       AF_ECMA
#define PF_DATAKIT    AF_DATAKIT
#define PF_CCITT      AF_CCITT
#define PF_SNA        AF_SNA
#define PF_DECnet     AF_DECnet
#define PF_DLI        AF_DLI
#define PF_LAT        AF_LAT
#define PF_HYLINK     AF_HYLINK
#define PF_APPLETALK  AF_APPLETALK
#define PF_VOICEVIEW  AF_VOICEVIEW
#define PF_FIREFOX    AF_FIREFOX
#define PF_UNKNOWN1   AF_UNKNOWN1
#define PF_BAN        AF_BAN
#define PF_ATM        AF_ATM
#define PF_INET6      AF_INET6
#define PF_BTH        AF_BTH
#define PF_MAX        AF_MAX

/* ---- fd_set: a counted array of SOCKET values, not a bitmap ----
 * FD_SETSIZE is 64 unless the program defined its own value before this
 * header.  glibc's definition is the token __FD_SETSIZE: with that macro
 * hidden for a moment it evaluates to 0, which tells the two apart. */
#pragma push_macro("__FD_SETSIZE")
#undef __FD_SETSIZE
#if defined(FD_SETSIZE) && FD_SETSIZE
#define LS_FD_SETSIZE_FROM_PROGRAM
#endif
#pragma pop_macro("__FD_SETSIZE")
#ifndef LS_FD_SETSIZE_FROM_PROGRAM
#undef FD_SETSIZE
#define FD_SETSIZE 64
#endif
#undef LS_FD_SETSIZE_FROM_PROGRAM

#undef fd_set
#define fd_set ls_win_fd_set
typedef struct fd_set {
	u_int  fd_count;
	SOCKET fd_array[FD_SETSIZE];
} fd_set;
typedef struct fd_set FD_SET, *PFD_SET, *LPFD_SET;

WINSOCK_API_LINKAGE int WSAAPI __WSAFDIsSet(SOCKET fd, fd_set *set);

#undef FD_CLR
#undef FD_SET
#undef FD_ZERO
#undef FD_ISSET
/* Remove fd, keeping the array packed. */
#define FD_CLR(fd, set) do { \
	u_int ls_i_; \
	for (ls_i_ = 0; ls_i_ < ((fd_set *)(set))->fd_count; ls_i_++) { \
		if (((fd_set *)(set))->fd_array[ls_i_] == (SOCKET)(fd)) { \
			for (; ls_i_ + 1 < ((fd_set *)(set))->fd_count; ls_i_++) \
				((fd_set *)(set))->fd_array[ls_i_] = \
					((fd_set *)(set))->fd_array[ls_i_ + 1]; \
			((fd_set *)(set))->fd_count--; \
			break; \
		} \
	} \
} while (0)
/* Append fd if absent and there is room; a full set is left unchanged. */
#define FD_SET(fd, set) do { \
	u_int ls_i_; \
	for (ls_i_ = 0; ls_i_ < ((fd_set *)(set))->fd_count; ls_i_++) \
		if (((fd_set *)(set))->fd_array[ls_i_] == (SOCKET)(fd)) \
			break; \
	if (ls_i_ == ((fd_set *)(set))->fd_count && \
	    ((fd_set *)(set))->fd_count < (u_int)FD_SETSIZE) { \
		((fd_set *)(set))->fd_array[ls_i_] = (SOCKET)(fd); \
		((fd_set *)(set))->fd_count++; \
	} \
} while (0)
#define FD_ZERO(set)      (((fd_set *)(set))->fd_count = 0)
#define FD_ISSET(fd, set) __WSAFDIsSet((SOCKET)(fd), (fd_set *)(set))

/* ---- struct timeval with 32-bit fields (8 bytes) ---- */
#undef timeval
#define timeval ls_win_timeval
struct timeval {
	LONG tv_sec;
	LONG tv_usec;
};
typedef struct timeval TIMEVAL, *PTIMEVAL, *LPTIMEVAL;

#undef timerisset
#undef timercmp
#undef timerclear
#define timerisset(tvp)  ((tvp)->tv_sec || (tvp)->tv_usec)
#define timercmp(a, b, CMP) \
	(((a)->tv_sec == (b)->tv_sec) ? ((a)->tv_usec CMP (b)->tv_usec) \
	                              : ((a)->tv_sec CMP (b)->tv_sec))
#define timerclear(tvp)  ((tvp)->tv_sec = (tvp)->tv_usec = 0)

/* ---- ioctlsocket commands ---- */
#define FIONREAD   _IOR('f', 127, u_long)
#define FIONBIO    _IOW('f', 126, u_long)
#define FIOASYNC   _IOW('f', 125, u_long)
#define SIOCSHIWAT _IOW('s', 0, u_long)
#define SIOCGHIWAT _IOR('s', 1, u_long)
#define SIOCSLOWAT _IOW('s', 2, u_long)
#define SIOCGLOWAT _IOR('s', 3, u_long)
#define SIOCATMARK _IOR('s', 7, u_long)

/* ---- Database entries (x64 layouts, constants.md section 13) ---- */
struct hostent {
	char  *h_name;
	char **h_aliases;
	short  h_addrtype;
	short  h_length;
	char **h_addr_list;
};
#define h_addr h_addr_list[0]

struct netent {
	char  *n_name;
	char **n_aliases;
	short  n_addrtype;
	u_long n_net;
};

/* On x64 s_proto precedes s_port (32-bit Windows has the other order). */
struct servent {
	char  *s_name;
	char **s_aliases;
	char  *s_proto;
	short  s_port;
};

struct protoent {
	char  *p_name;
	char **p_aliases;
	short  p_proto;
};

typedef struct hostent  HOSTENT, *PHOSTENT, *LPHOSTENT;
typedef struct servent  SERVENT, *PSERVENT, *LPSERVENT;
typedef struct protoent PROTOENT, *PPROTOENT, *LPPROTOENT;

/* Resolver status: on Windows h_errno is the thread's last error. */
#define h_errno        WSAGetLastError()
#define HOST_NOT_FOUND WSAHOST_NOT_FOUND
#define TRY_AGAIN      WSATRY_AGAIN
#define NO_RECOVERY    WSANO_RECOVERY
#define NO_DATA        WSANO_DATA
#define WSANO_ADDRESS  WSANO_DATA
#define NO_ADDRESS     WSANO_ADDRESS

/* ---- IPv4 address classes (host byte order) ---- */
#define IN_CLASSA(i)     (((LONG)(i) & 0x80000000) == 0)
#define IN_CLASSA_NET    0xff000000
#define IN_CLASSA_NSHIFT 24
#define IN_CLASSA_HOST   0x00ffffff
#define IN_CLASSA_MAX    128
#define IN_CLASSB(i)     (((LONG)(i) & 0xc0000000) == 0x80000000)
#define IN_CLASSB_NET    0xffff0000
#define IN_CLASSB_NSHIFT 16
#define IN_CLASSB_HOST   0x0000ffff
#define IN_CLASSB_MAX    65536
#define IN_CLASSC(i)     (((LONG)(i) & 0xe0000000) == 0xc0000000)
#define IN_CLASSC_NET    0xffffff00
#define IN_CLASSC_NSHIFT 8
#define IN_CLASSC_HOST   0x000000ff
#define IN_CLASSD(i)     (((LONG)(i) & 0xf0000000) == 0xe0000000)
#define IN_CLASSD_NET    0xf0000000
#define IN_CLASSD_NSHIFT 28
#define IN_CLASSD_HOST   0x0fffffff
#define IN_MULTICAST(i)  IN_CLASSD(i)
#define ADDR_ANY         INADDR_ANY

/* ---- WSAStartup ---- */
#define WSADESCRIPTION_LEN 256
#define WSASYS_STATUS_LEN  128

/* x64 order: the two counters and the vendor pointer come first (408). */
typedef struct WSAData {
	WORD           wVersion;
	WORD           wHighVersion;
	unsigned short iMaxSockets;
	unsigned short iMaxUdpDg;
	char          *lpVendorInfo;
	char           szDescription[WSADESCRIPTION_LEN + 1];
	char           szSystemStatus[WSASYS_STATUS_LEN + 1];
} WSADATA, *LPWSADATA;

/* ---- Misc socket constants ---- */
struct linger {
	u_short l_onoff;
	u_short l_linger;
};
typedef struct linger LINGER, *PLINGER, *LPLINGER;

#define SO_PROTOCOL_INFOA 0x2004
#define SO_PROTOCOL_INFOW 0x2005
#define PVD_CONFIG        0x3001

#define SOMAXCONN         0x7fffffff
#define SOMAXCONN_HINT(b) (-(b))
#define MAXGETHOSTSTRUCT  1024
#define SD_RECEIVE        0x00
#define SD_SEND           0x01
#define SD_BOTH           0x02

/* ---- WSAEventSelect network events (constants.md section 10) ---- */
#define FD_READ_BIT                     0
#define FD_WRITE_BIT                    1
#define FD_OOB_BIT                      2
#define FD_ACCEPT_BIT                   3
#define FD_CONNECT_BIT                  4
#define FD_CLOSE_BIT                    5
#define FD_QOS_BIT                      6
#define FD_GROUP_QOS_BIT                7
#define FD_ROUTING_INTERFACE_CHANGE_BIT 8
#define FD_ADDRESS_LIST_CHANGE_BIT      9
#define FD_MAX_EVENTS                   10
#define FD_READ                     (1 << FD_READ_BIT)
#define FD_WRITE                    (1 << FD_WRITE_BIT)
#define FD_OOB                      (1 << FD_OOB_BIT)
#define FD_ACCEPT                   (1 << FD_ACCEPT_BIT)
#define FD_CONNECT                  (1 << FD_CONNECT_BIT)
#define FD_CLOSE                    (1 << FD_CLOSE_BIT)
#define FD_QOS                      (1 << FD_QOS_BIT)
#define FD_GROUP_QOS                (1 << FD_GROUP_QOS_BIT)
#define FD_ROUTING_INTERFACE_CHANGE (1 << FD_ROUTING_INTERFACE_CHANGE_BIT)
#define FD_ADDRESS_LIST_CHANGE      (1 << FD_ADDRESS_LIST_CHANGE_BIT)
#define FD_ALL_EVENTS               ((1 << FD_MAX_EVENTS) - 1)

typedef struct _WSANETWORKEVENTS {
	LONG lNetworkEvents;
	int  iErrorCode[FD_MAX_EVENTS];
} WSANETWORKEVENTS, *LPWSANETWORKEVENTS;

/* WSAAsyncSelect message helpers. */
#define WSAMAKEASYNCREPLY(buflen, error)  MAKELONG(buflen, error)
#define WSAMAKESELECTREPLY(event, error)  MAKELONG(event, error)
#define WSAGETASYNCBUFLEN(lParam)         LOWORD(lParam)
#define WSAGETASYNCERROR(lParam)          HIWORD(lParam)
#define WSAGETSELECTEVENT(lParam)         LOWORD(lParam)
#define WSAGETSELECTERROR(lParam)         HIWORD(lParam)

/* ---- Events and waits ---- */
#define WSA_INVALID_EVENT       ((WSAEVENT)NULL)
#define WSA_MAXIMUM_WAIT_EVENTS MAXIMUM_WAIT_OBJECTS
#define WSA_WAIT_FAILED         WAIT_FAILED
#define WSA_WAIT_EVENT_0        WAIT_OBJECT_0
#define WSA_WAIT_IO_COMPLETION  WAIT_IO_COMPLETION
#define WSA_WAIT_TIMEOUT        WAIT_TIMEOUT
#define WSA_INFINITE            INFINITE

/* ---- WSAPoll (Windows bit values, data-transfer.md section 14) ---- */
#define POLLRDNORM 0x0100
#define POLLRDBAND 0x0200
#define POLLIN     (POLLRDNORM | POLLRDBAND)
#define POLLPRI    0x0400
#define POLLWRNORM 0x0010
#define POLLOUT    POLLWRNORM
#define POLLWRBAND 0x0020
#define POLLERR    0x0001
#define POLLHUP    0x0002
#define POLLNVAL   0x0004

typedef struct pollfd {
	SOCKET fd;
	SHORT  events;
	SHORT  revents;
} WSAPOLLFD, *PWSAPOLLFD, *LPWSAPOLLFD;

/* ---- QoS block ---- */
typedef struct _QualityOfService {
	FLOWSPEC SendingFlowspec;
	FLOWSPEC ReceivingFlowspec;
	WSABUF   ProviderSpecific;
} QOS, *LPQOS;

/* ---- Conditional accept (WSAAccept) ---- */
#define CF_ACCEPT 0x0000
#define CF_REJECT 0x0001
#define CF_DEFER  0x0002

#define SG_UNCONSTRAINED_GROUP 0x01
#define SG_CONSTRAINED_GROUP   0x02

typedef int (CALLBACK *LPCONDITIONPROC)(LPWSABUF lpCallerId,
	LPWSABUF lpCallerData, LPQOS lpSQOS, LPQOS lpGQOS, LPWSABUF lpCalleeId,
	LPWSABUF lpCalleeData, GROUP *g, DWORD_PTR dwCallbackData);

typedef void (CALLBACK *LPWSAOVERLAPPED_COMPLETION_ROUTINE)(DWORD dwError,
	DWORD cbTransferred, LPWSAOVERLAPPED lpOverlapped, DWORD dwFlags);

/* ---- Protocol catalog entries (protocol-info.md) ---- */
#define MAX_PROTOCOL_CHAIN 7
#define BASE_PROTOCOL      1
#define LAYERED_PROTOCOL   0
#define WSAPROTOCOL_LEN    255

typedef struct _WSAPROTOCOLCHAIN {
	int   ChainLen;
	DWORD ChainEntries[MAX_PROTOCOL_CHAIN];
} WSAPROTOCOLCHAIN, *LPWSAPROTOCOLCHAIN;

typedef struct _WSAPROTOCOL_INFOA {
	DWORD            dwServiceFlags1;
	DWORD            dwServiceFlags2;
	DWORD            dwServiceFlags3;
	DWORD            dwServiceFlags4;
	DWORD            dwProviderFlags;
	GUID             ProviderId;
	DWORD            dwCatalogEntryId;
	WSAPROTOCOLCHAIN ProtocolChain;
	int              iVersion;
	int              iAddressFamily;
	int              iMaxSockAddr;
	int              iMinSockAddr;
	int              iSocketType;
	int              iProtocol;
	int              iProtocolMaxOffset;
	int              iNetworkByteOrder;
	int              iSecurityScheme;
	DWORD            dwMessageSize;
	DWORD            dwProviderReserved;
	CHAR             szProtocol[WSAPROTOCOL_LEN + 1];
} WSAPROTOCOL_INFOA, *LPWSAPROTOCOL_INFOA;

typedef struct _WSAPROTOCOL_INFOW {
	DWORD            dwServiceFlags1;
	DWORD            dwServiceFlags2;
	DWORD            dwServiceFlags3;
	DWORD            dwServiceFlags4;
	DWORD            dwProviderFlags;
	GUID             ProviderId;
	DWORD            dwCatalogEntryId;
	WSAPROTOCOLCHAIN ProtocolChain;
	int              iVersion;
	int              iAddressFamily;
	int              iMaxSockAddr;
	int              iMinSockAddr;
	int              iSocketType;
	int              iProtocol;
	int              iProtocolMaxOffset;
	int              iNetworkByteOrder;
	int              iSecurityScheme;
	DWORD            dwMessageSize;
	DWORD            dwProviderReserved;
	WCHAR            szProtocol[WSAPROTOCOL_LEN + 1];
} WSAPROTOCOL_INFOW, *LPWSAPROTOCOL_INFOW;

#define PFL_MULTIPLE_PROTO_ENTRIES  0x00000001
#define PFL_RECOMMENDED_PROTO_ENTRY 0x00000002
#define PFL_HIDDEN                  0x00000004
#define PFL_MATCHES_PROTOCOL_ZERO   0x00000008
#define PFL_NETWORKDIRECT_PROVIDER  0x00000010

#define XP1_CONNECTIONLESS           0x00000001
#define XP1_GUARANTEED_DELIVERY      0x00000002
#define XP1_GUARANTEED_ORDER         0x00000004
#define XP1_MESSAGE_ORIENTED         0x00000008
#define XP1_PSEUDO_STREAM            0x00000010
#define XP1_GRACEFUL_CLOSE           0x00000020
#define XP1_EXPEDITED_DATA           0x00000040
#define XP1_CONNECT_DATA             0x00000080
#define XP1_DISCONNECT_DATA          0x00000100
#define XP1_SUPPORT_BROADCAST        0x00000200
#define XP1_SUPPORT_MULTIPOINT       0x00000400
#define XP1_MULTIPOINT_CONTROL_PLANE 0x00000800
#define XP1_MULTIPOINT_DATA_PLANE    0x00001000
#define XP1_QOS_SUPPORTED            0x00002000
#define XP1_INTERRUPT                0x00004000
#define XP1_UNI_SEND                 0x00008000
#define XP1_UNI_RECV                 0x00010000
#define XP1_IFS_HANDLES              0x00020000
#define XP1_PARTIAL_MESSAGE          0x00040000
#define XP1_SAN_SUPPORT_SDP          0x00080000

#define BIGENDIAN              0x0000
#define LITTLEENDIAN           0x0001
#define SECURITY_PROTOCOL_NONE 0x0000
#define FROM_PROTOCOL_INFO     (-1)

#define JL_SENDER_ONLY   0x01
#define JL_RECEIVER_ONLY 0x02
#define JL_BOTH          0x04

#define WSA_FLAG_OVERLAPPED             0x01
#define WSA_FLAG_MULTIPOINT_C_ROOT      0x02
#define WSA_FLAG_MULTIPOINT_C_LEAF      0x04
#define WSA_FLAG_MULTIPOINT_D_ROOT      0x08
#define WSA_FLAG_MULTIPOINT_D_LEAF      0x10
#define WSA_FLAG_ACCESS_SYSTEM_SECURITY 0x40
#define WSA_FLAG_NO_HANDLE_INHERIT      0x80
#define WSA_FLAG_REGISTERED_IO          0x100

/* ---- WSAIoctl codes that winsock2.h owns (constants.md section 11) ---- */
#define SIO_ASSOCIATE_HANDLE                        _WSAIOW(IOC_WS2, 1)
#define SIO_ENABLE_CIRCULAR_QUEUEING                _WSAIO(IOC_WS2, 2)
#define SIO_FIND_ROUTE                              _WSAIOR(IOC_WS2, 3)
#define SIO_FLUSH                                   _WSAIO(IOC_WS2, 4)
#define SIO_GET_BROADCAST_ADDRESS                   _WSAIOR(IOC_WS2, 5)
#define SIO_GET_EXTENSION_FUNCTION_POINTER          _WSAIORW(IOC_WS2, 6)
#define SIO_GET_QOS                                 _WSAIORW(IOC_WS2, 7)
#define SIO_GET_GROUP_QOS                           _WSAIORW(IOC_WS2, 8)
#define SIO_MULTIPOINT_LOOPBACK                     _WSAIOW(IOC_WS2, 9)
#define SIO_MULTICAST_SCOPE                         _WSAIOW(IOC_WS2, 10)
#define SIO_SET_QOS                                 _WSAIOW(IOC_WS2, 11)
#define SIO_SET_GROUP_QOS                           _WSAIOW(IOC_WS2, 12)
#define SIO_TRANSLATE_HANDLE                        _WSAIORW(IOC_WS2, 13)
#define SIO_ROUTING_INTERFACE_QUERY                 _WSAIORW(IOC_WS2, 20)
#define SIO_ROUTING_INTERFACE_CHANGE                _WSAIOW(IOC_WS2, 21)
#define SIO_ADDRESS_LIST_QUERY                      _WSAIOR(IOC_WS2, 22)
#define SIO_ADDRESS_LIST_CHANGE                     _WSAIO(IOC_WS2, 23)
#define SIO_QUERY_TARGET_PNP_HANDLE                 _WSAIOR(IOC_WS2, 24)
#define SIO_NSP_NOTIFY_CHANGE                       _WSAIOW(IOC_WS2, 25)
#define SIO_BSP_HANDLE                              _WSAIOR(IOC_WS2, 27)
#define SIO_BSP_HANDLE_SELECT                       _WSAIOR(IOC_WS2, 28)
#define SIO_BSP_HANDLE_POLL                         _WSAIOR(IOC_WS2, 29)
#define SIO_EXT_SELECT                              _WSAIORW(IOC_WS2, 30)
#define SIO_EXT_POLL                                _WSAIORW(IOC_WS2, 31)
#define SIO_EXT_SENDMSG                             _WSAIORW(IOC_WS2, 32)
#define SIO_BASE_HANDLE                             _WSAIOR(IOC_WS2, 34)
#define SIO_GET_MULTIPLE_EXTENSION_FUNCTION_POINTER _WSAIORW(IOC_WS2, 36)
#define SIO_QUERY_RSS_PROCESSOR_INFO                _WSAIOR(IOC_WS2, 37)

#define TH_NETDEV 0x00000001
#define TH_TAPI   0x00000002

/* ---- Name-space providers ---- */
#define NS_ALL         0
#define NS_SAP         1
#define NS_NDS         2
#define NS_PEER_BROWSE 3
#define NS_SLP         5
#define NS_DHCP        6
#define NS_TCPIP_LOCAL 10
#define NS_TCPIP_HOSTS 11
#define NS_DNS         12
#define NS_NETBT       13
#define NS_WINS        14
#define NS_NLA         15
#define NS_BTH         16
#define NS_NBP         20
#define NS_MS          30
#define NS_STDA        31
#define NS_NTDS        32
#define NS_EMAIL       37
#define NS_PNRPNAME    38
#define NS_PNRPCLOUD   39
#define NS_X500        40
#define NS_NIS         41
#define NS_NISPLUS     42
#define NS_WRQ         50
#define NS_NETDES      60

typedef struct _WSANAMESPACE_INFOA {
	GUID   NSProviderId;
	DWORD  dwNameSpace;
	BOOL   fActive;
	DWORD  dwVersion;
	LPSTR  lpszIdentifier;
} WSANAMESPACE_INFOA, *PWSANAMESPACE_INFOA, *LPWSANAMESPACE_INFOA;

typedef struct _WSANAMESPACE_INFOW {
	GUID   NSProviderId;
	DWORD  dwNameSpace;
	BOOL   fActive;
	DWORD  dwVersion;
	LPWSTR lpszIdentifier;
} WSANAMESPACE_INFOW, *PWSANAMESPACE_INFOW, *LPWSANAMESPACE_INFOW;

/* ================= Functions ================= */

/* Berkeley-style calls */
WINSOCK_API_LINKAGE SOCKET WSAAPI accept(SOCKET s, struct sockaddr *addr, int *addrlen);
WINSOCK_API_LINKAGE int WSAAPI bind(SOCKET s, const struct sockaddr *name, int namelen);
WINSOCK_API_LINKAGE int WSAAPI closesocket(SOCKET s);
WINSOCK_API_LINKAGE int WSAAPI connect(SOCKET s, const struct sockaddr *name, int namelen);
/* cmd is `long` as on Windows; only its low 32 bits are meaningful. */
WINSOCK_API_LINKAGE int WSAAPI ioctlsocket(SOCKET s, long cmd, u_long *argp);
WINSOCK_API_LINKAGE int WSAAPI getpeername(SOCKET s, struct sockaddr *name, int *namelen);
WINSOCK_API_LINKAGE int WSAAPI getsockname(SOCKET s, struct sockaddr *name, int *namelen);
WINSOCK_API_LINKAGE int WSAAPI getsockopt(SOCKET s, int level, int optname,
	char *optval, int *optlen);
WINSOCK_API_LINKAGE int WSAAPI setsockopt(SOCKET s, int level, int optname,
	const char *optval, int optlen);
WINSOCK_API_LINKAGE u_long WSAAPI htonl(u_long hostlong);
WINSOCK_API_LINKAGE u_short WSAAPI htons(u_short hostshort);
WINSOCK_API_LINKAGE u_long WSAAPI ntohl(u_long netlong);
WINSOCK_API_LINKAGE u_short WSAAPI ntohs(u_short netshort);
WINSOCK_API_LINKAGE UINT64 WSAAPI htonll(UINT64 Value);
WINSOCK_API_LINKAGE UINT64 WSAAPI ntohll(UINT64 Value);
WINSOCK_API_LINKAGE UINT32 WSAAPI htonf(float Value);
WINSOCK_API_LINKAGE float WSAAPI ntohf(UINT32 Value);
WINSOCK_API_LINKAGE UINT64 WSAAPI htond(double Value);
WINSOCK_API_LINKAGE double WSAAPI ntohd(UINT64 Value);
WINSOCK_API_LINKAGE u_long WSAAPI inet_addr(const char *cp);
WINSOCK_API_LINKAGE char *WSAAPI inet_ntoa(struct in_addr in);
WINSOCK_API_LINKAGE int WSAAPI listen(SOCKET s, int backlog);
WINSOCK_API_LINKAGE int WSAAPI recv(SOCKET s, char *buf, int len, int flags);
WINSOCK_API_LINKAGE int WSAAPI recvfrom(SOCKET s, char *buf, int len, int flags,
	struct sockaddr *from, int *fromlen);
WINSOCK_API_LINKAGE int WSAAPI send(SOCKET s, const char *buf, int len, int flags);
WINSOCK_API_LINKAGE int WSAAPI sendto(SOCKET s, const char *buf, int len, int flags,
	const struct sockaddr *to, int tolen);
WINSOCK_API_LINKAGE int WSAAPI shutdown(SOCKET s, int how);
WINSOCK_API_LINKAGE SOCKET WSAAPI socket(int af, int type, int protocol);

/* glibc declares select() and gethostname() with Linux types in headers the
 * C library reaches, so the C names are renamed and the asm label keeps
 * the exported symbol name (design.md H.3). */
WINSOCK_API_LINKAGE int WSAAPI ls_win_select(int nfds, fd_set *readfds,
	fd_set *writefds, fd_set *exceptfds, const struct timeval *timeout)
	__asm__("select");
#undef select
#define select ls_win_select
WINSOCK_API_LINKAGE int WSAAPI ls_win_gethostname(char *name, int namelen)
	__asm__("gethostname");
#undef gethostname
#define gethostname ls_win_gethostname

/* Database calls */
WINSOCK_API_LINKAGE struct hostent *WSAAPI gethostbyaddr(const char *addr, int len, int type);
WINSOCK_API_LINKAGE struct hostent *WSAAPI gethostbyname(const char *name);
WINSOCK_API_LINKAGE int WSAAPI GetHostNameW(PWSTR name, int namelen);
WINSOCK_API_LINKAGE struct servent *WSAAPI getservbyport(int port, const char *proto);
WINSOCK_API_LINKAGE struct servent *WSAAPI getservbyname(const char *name, const char *proto);
WINSOCK_API_LINKAGE struct protoent *WSAAPI getprotobynumber(int number);
WINSOCK_API_LINKAGE struct protoent *WSAAPI getprotobyname(const char *name);

/* Startup, errors, legacy blocking hooks */
WINSOCK_API_LINKAGE int WSAAPI WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData);
WINSOCK_API_LINKAGE int WSAAPI WSACleanup(void);
WINSOCK_API_LINKAGE void WSAAPI WSASetLastError(int iError);
WINSOCK_API_LINKAGE int WSAAPI WSAGetLastError(void);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAIsBlocking(void);
WINSOCK_API_LINKAGE int WSAAPI WSAUnhookBlockingHook(void);
WINSOCK_API_LINKAGE FARPROC WSAAPI WSASetBlockingHook(FARPROC lpBlockFunc);
WINSOCK_API_LINKAGE int WSAAPI WSACancelBlockingCall(void);
WINSOCK_API_LINKAGE int WSAAPI WSAAsyncSelect(SOCKET s, HWND hWnd, u_int wMsg, long lEvent);

/* Winsock 2 calls */
WINSOCK_API_LINKAGE SOCKET WSAAPI WSAAccept(SOCKET s, struct sockaddr *addr,
	LPINT addrlen, LPCONDITIONPROC lpfnCondition, DWORD_PTR dwCallbackData);
WINSOCK_API_LINKAGE BOOL WSAAPI WSACloseEvent(WSAEVENT hEvent);
WINSOCK_API_LINKAGE int WSAAPI WSAConnect(SOCKET s, const struct sockaddr *name,
	int namelen, LPWSABUF lpCallerData, LPWSABUF lpCalleeData, LPQOS lpSQOS,
	LPQOS lpGQOS);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAConnectByNameW(SOCKET s, LPWSTR nodename,
	LPWSTR servicename, LPDWORD LocalAddressLength, LPSOCKADDR LocalAddress,
	LPDWORD RemoteAddressLength, LPSOCKADDR RemoteAddress,
	const struct timeval *timeout, LPWSAOVERLAPPED Reserved);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAConnectByNameA(SOCKET s, LPCSTR nodename,
	LPCSTR servicename, LPDWORD LocalAddressLength, LPSOCKADDR LocalAddress,
	LPDWORD RemoteAddressLength, LPSOCKADDR RemoteAddress,
	const struct timeval *timeout, LPWSAOVERLAPPED Reserved);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAConnectByList(SOCKET s,
	PSOCKET_ADDRESS_LIST SocketAddress, LPDWORD LocalAddressLength,
	LPSOCKADDR LocalAddress, LPDWORD RemoteAddressLength, LPSOCKADDR RemoteAddress,
	const struct timeval *timeout, LPWSAOVERLAPPED Reserved);
WINSOCK_API_LINKAGE WSAEVENT WSAAPI WSACreateEvent(void);
WINSOCK_API_LINKAGE int WSAAPI WSADuplicateSocketA(SOCKET s, DWORD dwProcessId,
	LPWSAPROTOCOL_INFOA lpProtocolInfo);
WINSOCK_API_LINKAGE int WSAAPI WSADuplicateSocketW(SOCKET s, DWORD dwProcessId,
	LPWSAPROTOCOL_INFOW lpProtocolInfo);
WINSOCK_API_LINKAGE int WSAAPI WSAEnumNetworkEvents(SOCKET s, WSAEVENT hEventObject,
	LPWSANETWORKEVENTS lpNetworkEvents);
WINSOCK_API_LINKAGE int WSAAPI WSAEnumProtocolsA(LPINT lpiProtocols,
	LPWSAPROTOCOL_INFOA lpProtocolBuffer, LPDWORD lpdwBufferLength);
WINSOCK_API_LINKAGE int WSAAPI WSAEnumProtocolsW(LPINT lpiProtocols,
	LPWSAPROTOCOL_INFOW lpProtocolBuffer, LPDWORD lpdwBufferLength);
WINSOCK_API_LINKAGE int WSAAPI WSAEventSelect(SOCKET s, WSAEVENT hEventObject,
	long lNetworkEvents);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAGetOverlappedResult(SOCKET s,
	LPWSAOVERLAPPED lpOverlapped, LPDWORD lpcbTransfer, BOOL fWait,
	LPDWORD lpdwFlags);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAGetQOSByName(SOCKET s, LPWSABUF lpQOSName, LPQOS lpQOS);
WINSOCK_API_LINKAGE int WSAAPI WSAHtonl(SOCKET s, u_long hostlong, u_long *lpnetlong);
WINSOCK_API_LINKAGE int WSAAPI WSAHtons(SOCKET s, u_short hostshort, u_short *lpnetshort);
WINSOCK_API_LINKAGE int WSAAPI WSANtohl(SOCKET s, u_long netlong, u_long *lphostlong);
WINSOCK_API_LINKAGE int WSAAPI WSANtohs(SOCKET s, u_short netshort, u_short *lphostshort);
WINSOCK_API_LINKAGE int WSAAPI WSAIoctl(SOCKET s, DWORD dwIoControlCode,
	LPVOID lpvInBuffer, DWORD cbInBuffer, LPVOID lpvOutBuffer, DWORD cbOutBuffer,
	LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED lpOverlapped,
	LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE SOCKET WSAAPI WSAJoinLeaf(SOCKET s, const struct sockaddr *name,
	int namelen, LPWSABUF lpCallerData, LPWSABUF lpCalleeData, LPQOS lpSQOS,
	LPQOS lpGQOS, DWORD dwFlags);
WINSOCK_API_LINKAGE int WSAAPI WSAPoll(LPWSAPOLLFD fdArray, ULONG fds, INT timeout);
WINSOCK_API_LINKAGE int WSAAPI WSARecv(SOCKET s, LPWSABUF lpBuffers,
	DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags,
	LPWSAOVERLAPPED lpOverlapped,
	LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE int WSAAPI WSARecvDisconnect(SOCKET s, LPWSABUF lpInboundDisconnectData);
WINSOCK_API_LINKAGE int WSAAPI WSARecvFrom(SOCKET s, LPWSABUF lpBuffers,
	DWORD dwBufferCount, LPDWORD lpNumberOfBytesRecvd, LPDWORD lpFlags,
	struct sockaddr *lpFrom, LPINT lpFromlen, LPWSAOVERLAPPED lpOverlapped,
	LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE BOOL WSAAPI WSAResetEvent(WSAEVENT hEvent);
WINSOCK_API_LINKAGE int WSAAPI WSASend(SOCKET s, LPWSABUF lpBuffers,
	DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent, DWORD dwFlags,
	LPWSAOVERLAPPED lpOverlapped,
	LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE int WSAAPI WSASendDisconnect(SOCKET s, LPWSABUF lpOutboundDisconnectData);
WINSOCK_API_LINKAGE int WSAAPI WSASendMsg(SOCKET Handle, LPWSAMSG lpMsg, DWORD dwFlags,
	LPDWORD lpNumberOfBytesSent, LPWSAOVERLAPPED lpOverlapped,
	LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE int WSAAPI WSASendTo(SOCKET s, LPWSABUF lpBuffers,
	DWORD dwBufferCount, LPDWORD lpNumberOfBytesSent, DWORD dwFlags,
	const struct sockaddr *lpTo, int iTolen, LPWSAOVERLAPPED lpOverlapped,
	LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINSOCK_API_LINKAGE BOOL WSAAPI WSASetEvent(WSAEVENT hEvent);
WINSOCK_API_LINKAGE SOCKET WSAAPI WSASocketA(int af, int type, int protocol,
	LPWSAPROTOCOL_INFOA lpProtocolInfo, GROUP g, DWORD dwFlags);
WINSOCK_API_LINKAGE SOCKET WSAAPI WSASocketW(int af, int type, int protocol,
	LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g, DWORD dwFlags);
WINSOCK_API_LINKAGE DWORD WSAAPI WSAWaitForMultipleEvents(DWORD cEvents,
	const WSAEVENT *lphEvents, BOOL fWaitAll, DWORD dwTimeout, BOOL fAlertable);
WINSOCK_API_LINKAGE INT WSAAPI WSAAddressToStringA(LPSOCKADDR lpsaAddress,
	DWORD dwAddressLength, LPWSAPROTOCOL_INFOA lpProtocolInfo,
	LPSTR lpszAddressString, LPDWORD lpdwAddressStringLength);
WINSOCK_API_LINKAGE INT WSAAPI WSAAddressToStringW(LPSOCKADDR lpsaAddress,
	DWORD dwAddressLength, LPWSAPROTOCOL_INFOW lpProtocolInfo,
	LPWSTR lpszAddressString, LPDWORD lpdwAddressStringLength);
WINSOCK_API_LINKAGE INT WSAAPI WSAStringToAddressA(LPSTR AddressString,
	INT AddressFamily, LPWSAPROTOCOL_INFOA lpProtocolInfo, LPSOCKADDR lpAddress,
	LPINT lpAddressLength);
WINSOCK_API_LINKAGE INT WSAAPI WSAStringToAddressW(LPWSTR AddressString,
	INT AddressFamily, LPWSAPROTOCOL_INFOW lpProtocolInfo, LPSOCKADDR lpAddress,
	LPINT lpAddressLength);
WINSOCK_API_LINKAGE INT WSAAPI WSAEnumNameSpaceProvidersA(LPDWORD lpdwBufferLength,
	LPWSANAMESPACE_INFOA lpnspBuffer);
WINSOCK_API_LINKAGE INT WSAAPI WSAEnumNameSpaceProvidersW(LPDWORD lpdwBufferLength,
	LPWSANAMESPACE_INFOW lpnspBuffer);

/* ---- ANSI / wide switch ---- */
#ifdef UNICODE
typedef WSAPROTOCOL_INFOW   WSAPROTOCOL_INFO;
typedef LPWSAPROTOCOL_INFOW LPWSAPROTOCOL_INFO;
typedef WSANAMESPACE_INFOW  WSANAMESPACE_INFO;
typedef PWSANAMESPACE_INFOW PWSANAMESPACE_INFO;
typedef LPWSANAMESPACE_INFOW LPWSANAMESPACE_INFO;
#define SO_PROTOCOL_INFO          SO_PROTOCOL_INFOW
#define WSASocket                 WSASocketW
#define WSAEnumProtocols          WSAEnumProtocolsW
#define WSADuplicateSocket        WSADuplicateSocketW
#define WSAAddressToString        WSAAddressToStringW
#define WSAStringToAddress        WSAStringToAddressW
#define WSAConnectByName          WSAConnectByNameW
#define WSAEnumNameSpaceProviders WSAEnumNameSpaceProvidersW
#else
typedef WSAPROTOCOL_INFOA   WSAPROTOCOL_INFO;
typedef LPWSAPROTOCOL_INFOA LPWSAPROTOCOL_INFO;
typedef WSANAMESPACE_INFOA  WSANAMESPACE_INFO;
typedef PWSANAMESPACE_INFOA PWSANAMESPACE_INFO;
typedef LPWSANAMESPACE_INFOA LPWSANAMESPACE_INFO;
#define SO_PROTOCOL_INFO          SO_PROTOCOL_INFOA
#define WSASocket                 WSASocketA
#define WSAEnumProtocols          WSAEnumProtocolsA
#define WSADuplicateSocket        WSADuplicateSocketA
#define WSAAddressToString        WSAAddressToStringA
#define WSAStringToAddress        WSAStringToAddressA
#define WSAConnectByName          WSAConnectByNameA
#define WSAEnumNameSpaceProviders WSAEnumNameSpaceProvidersA
#endif


/* Names glibc exports too: bind to the WS2_32 version (LS_WS2_SYMVER, linsock_base.h). */
LS_WS2_SYMVER(accept)
LS_WS2_SYMVER(bind)
LS_WS2_SYMVER(connect)
LS_WS2_SYMVER(getpeername)
LS_WS2_SYMVER(getsockname)
LS_WS2_SYMVER(getsockopt)
LS_WS2_SYMVER(htonl)
LS_WS2_SYMVER(htons)
LS_WS2_SYMVER(inet_addr)
LS_WS2_SYMVER(inet_ntoa)
LS_WS2_SYMVER(listen)
LS_WS2_SYMVER(ntohl)
LS_WS2_SYMVER(ntohs)
LS_WS2_SYMVER(recv)
LS_WS2_SYMVER(recvfrom)
LS_WS2_SYMVER(select)
LS_WS2_SYMVER(send)
LS_WS2_SYMVER(sendto)
LS_WS2_SYMVER(setsockopt)
LS_WS2_SYMVER(shutdown)
LS_WS2_SYMVER(socket)
LS_WS2_SYMVER(gethostbyaddr)
LS_WS2_SYMVER(gethostbyname)
LS_WS2_SYMVER(gethostname)
LS_WS2_SYMVER(getservbyport)
LS_WS2_SYMVER(getservbyname)
LS_WS2_SYMVER(getprotobynumber)
LS_WS2_SYMVER(getprotobyname)

#ifdef __cplusplus
}
#endif

#endif /* _WINSOCK2API_ */
