/*
 * ws2def.h - protocol-independent Winsock definitions: address families,
 * socket options at SOL_SOCKET, protocol numbers, generic socket
 * addresses, WSABUF/WSAMSG and control messages, addrinfo, ioctl encoding.
 * Values: spec/constants.md.  Layouts: Windows x64 (constants.md section 13).
 */
#ifndef _WS2DEF_
#define _WS2DEF_

#include "linsock_base.h"
#include "inaddr.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Address families (constants.md section 2) ---- */
typedef USHORT ADDRESS_FAMILY;

#define AF_UNSPEC     0
#define AF_UNIX       1
#define AF_INET       2
#define AF_IMPLINK    3
#define AF_PUP        4
#define AF_CHAOS      5
#define AF_NS         6
#define AF_IPX        AF_NS
#define AF_ISO        7
#define AF_OSI        AF_ISO
#define AF_ECMA       8
#define AF_DATAKIT    9
#define AF_CCITT      10
#define AF_SNA        11
#define AF_DECnet     12
#define AF_DLI        13
#define AF_LAT        14
#define AF_HYLINK     15
#define AF_APPLETALK  16
#define AF_NETBIOS    17
#define AF_VOICEVIEW  18
#define AF_FIREFOX    19
#define AF_UNKNOWN1   20
#define AF_BAN        21
#define AF_ATM        22
#define AF_INET6      23
#define AF_CLUSTER    24
#define AF_12844      25
#define AF_IRDA       26
#define AF_NETDES     28
#define AF_TCNPROCESS 29
#define AF_TCNMESSAGE 30
#define AF_ICLFXBM    31
#define AF_BTH        32
#define AF_LINK       33
#define AF_HYPERV     34
#define AF_MAX        35

/* ---- Socket types ---- */
#define SOCK_STREAM    1
#define SOCK_DGRAM     2
#define SOCK_RAW       3
#define SOCK_RDM       4
#define SOCK_SEQPACKET 5

/* ---- Socket-level options (constants.md section 4) ---- */
#define SOL_SOCKET 0xffff
#define SOL_IP     (SOL_SOCKET - 4)
#define SOL_IPV6   (SOL_SOCKET - 5)

#define SO_DEBUG            0x0001
#define SO_ACCEPTCONN       0x0002
#define SO_REUSEADDR        0x0004
#define SO_KEEPALIVE        0x0008
#define SO_DONTROUTE        0x0010
#define SO_BROADCAST        0x0020
#define SO_USELOOPBACK      0x0040
#define SO_LINGER           0x0080
#define SO_OOBINLINE        0x0100
#define SO_DONTLINGER       ((int)(~SO_LINGER))
#define SO_EXCLUSIVEADDRUSE ((int)(~SO_REUSEADDR))
#define SO_SNDBUF           0x1001
#define SO_RCVBUF           0x1002
#define SO_SNDLOWAT         0x1003
#define SO_RCVLOWAT         0x1004
#define SO_SNDTIMEO         0x1005
#define SO_RCVTIMEO         0x1006
#define SO_ERROR            0x1007
#define SO_TYPE             0x1008
#define SO_BSP_STATE        0x1009
#define SO_GROUP_ID         0x2001
#define SO_GROUP_PRIORITY   0x2002
#define SO_MAX_MSG_SIZE     0x2003
#define SO_CONDITIONAL_ACCEPT   0x3002
#define SO_PAUSE_ACCEPT         0x3003
#define SO_COMPARTMENT_ID       0x3004
#define SO_RANDOMIZE_PORT       0x3005
#define SO_PORT_SCALABILITY     0x3006
#define SO_REUSE_UNICASTPORT    0x3007
#define SO_REUSE_MULTICASTPORT  0x3008
#define SO_ORIGINAL_DST         0x300F
#define WSK_SO_BASE             0x4000
#define TCP_NODELAY             0x0001

/* ---- Protocol numbers (constants.md section 5).  The enum gives the
 * IPPROTO type; the macros that follow keep #ifdef and #if working. ---- */
typedef enum {
	IPPROTO_HOPOPTS = 0, IPPROTO_ICMP = 1, IPPROTO_IGMP = 2, IPPROTO_GGP = 3,
	IPPROTO_IPV4 = 4, IPPROTO_ST = 5, IPPROTO_TCP = 6, IPPROTO_CBT = 7,
	IPPROTO_EGP = 8, IPPROTO_IGP = 9, IPPROTO_PUP = 12, IPPROTO_UDP = 17,
	IPPROTO_IDP = 22, IPPROTO_RDP = 27, IPPROTO_IPV6 = 41,
	IPPROTO_ROUTING = 43, IPPROTO_FRAGMENT = 44, IPPROTO_ESP = 50,
	IPPROTO_AH = 51, IPPROTO_ICMPV6 = 58, IPPROTO_NONE = 59,
	IPPROTO_DSTOPTS = 60, IPPROTO_ND = 77, IPPROTO_ICLFXBM = 78,
	IPPROTO_PIM = 103, IPPROTO_PGM = 113, IPPROTO_L2TP = 115,
	IPPROTO_SCTP = 132, IPPROTO_RAW = 255, IPPROTO_MAX = 256,
	IPPROTO_RESERVED_RAW = 257, IPPROTO_RESERVED_IPSEC = 258,
	IPPROTO_RESERVED_IPSECOFFLOAD = 259, IPPROTO_RESERVED_WNV = 260,
	IPPROTO_RESERVED_MAX = 261
} IPPROTO, *PIPROTO;

#define IPPROTO_IP                    0
#define IPPROTO_HOPOPTS               0
#define IPPROTO_ICMP                  1
#define IPPROTO_IGMP                  2
#define IPPROTO_GGP                   3
#define IPPROTO_IPV4                  4
#define IPPROTO_ST                    5
#define IPPROTO_TCP                   6
#define IPPROTO_CBT                   7
#define IPPROTO_EGP                   8
#define IPPROTO_IGP                   9
#define IPPROTO_PUP                   12
#define IPPROTO_UDP                   17
#define IPPROTO_IDP                   22
#define IPPROTO_RDP                   27
#define IPPROTO_IPV6                  41
#define IPPROTO_ROUTING               43
#define IPPROTO_FRAGMENT              44
#define IPPROTO_ESP                   50
#define IPPROTO_AH                    51
#define IPPROTO_ICMPV6                58
#define IPPROTO_NONE                  59
#define IPPROTO_DSTOPTS               60
#define IPPROTO_ND                    77
#define IPPROTO_ICLFXBM               78
#define IPPROTO_PIM                   103
#define IPPROTO_PGM                   113
#define IPPROTO_RM                    IPPROTO_PGM
#define IPPROTO_L2TP                  115
#define IPPROTO_SCTP                  132
#define IPPROTO_RAW                   255
#define IPPROTO_MAX                   256
#define IPPROTO_RESERVED_RAW          257
#define IPPROTO_RESERVED_IPSEC        258
#define IPPROTO_RESERVED_IPSECOFFLOAD 259
#define IPPROTO_RESERVED_WNV          260
#define IPPROTO_RESERVED_MAX          261

#define IPPORT_TCPMUX        1
#define IPPORT_ECHO          7
#define IPPORT_DISCARD       9
#define IPPORT_DAYTIME       13
#define IPPORT_FTP           21
#define IPPORT_TELNET        23
#define IPPORT_SMTP          25
#define IPPORT_TIMESERVER    37
#define IPPORT_NAMESERVER    42
#define IPPORT_WHOIS         43
#define IPPORT_MTP           57
#define IPPORT_TFTP          69
#define IPPORT_FINGER        79
#define IPPORT_RESERVED      1024

/* ---- IPv4 wildcard and special addresses (host byte order) ---- */
#define INADDR_ANY       ((ULONG)0x00000000)
#define INADDR_LOOPBACK  0x7f000001
#define INADDR_BROADCAST ((ULONG)0xffffffff)
#define INADDR_NONE      0xffffffff

/* ---- Scope of an IPv6 address: zone index plus level ---- */
typedef enum {
	ScopeLevelInterface    = 1,
	ScopeLevelLink         = 2,
	ScopeLevelSubnet       = 3,
	ScopeLevelAdmin        = 4,
	ScopeLevelSite         = 5,
	ScopeLevelOrganization = 8,
	ScopeLevelGlobal       = 14,
	ScopeLevelCount        = 16
} SCOPE_LEVEL;

LS_ANON typedef struct {
	LS_ANON union {
		LS_ANON struct {
			ULONG Zone : 28;
			ULONG Level : 4;
		};
		ULONG Value;
	};
} SCOPE_ID, *PSCOPE_ID;
#define SCOPEID_UNSPECIFIED_INIT { { { 0 } } }

/* ---- Generic socket addresses ---- */
typedef struct sockaddr {
	ADDRESS_FAMILY sa_family;
	CHAR           sa_data[14];
} SOCKADDR, *PSOCKADDR, *LPSOCKADDR;

typedef struct sockaddr_in {
	ADDRESS_FAMILY sin_family;
	USHORT         sin_port;
	IN_ADDR        sin_addr;
	CHAR           sin_zero[8];
} SOCKADDR_IN, *PSOCKADDR_IN, *LPSOCKADDR_IN;

/* 128 bytes, 8-aligned: large enough for any address family. */
#define _SS_MAXSIZE   128
#define _SS_ALIGNSIZE (sizeof(LONGLONG))
#define _SS_PAD1SIZE  (_SS_ALIGNSIZE - sizeof(USHORT))
#define _SS_PAD2SIZE  (_SS_MAXSIZE - (sizeof(USHORT) + _SS_PAD1SIZE + _SS_ALIGNSIZE))

typedef struct sockaddr_storage {
	ADDRESS_FAMILY ss_family;
	CHAR           __ss_pad1[_SS_PAD1SIZE];
	LONGLONG       __ss_align;
	CHAR           __ss_pad2[_SS_PAD2SIZE];
} SOCKADDR_STORAGE_LH, *PSOCKADDR_STORAGE_LH, *LPSOCKADDR_STORAGE_LH;
typedef SOCKADDR_STORAGE_LH SOCKADDR_STORAGE, *PSOCKADDR_STORAGE, *LPSOCKADDR_STORAGE;
typedef SOCKADDR_STORAGE_LH SOCKADDR_STORAGE_XP, *PSOCKADDR_STORAGE_XP, *LPSOCKADDR_STORAGE_XP;

typedef struct _SOCKET_ADDRESS {
	LPSOCKADDR lpSockaddr;
	INT        iSockaddrLength;
} SOCKET_ADDRESS, *PSOCKET_ADDRESS, *LPSOCKET_ADDRESS;

typedef struct _SOCKET_ADDRESS_LIST {
	INT            iAddressCount;
	SOCKET_ADDRESS Address[1];
} SOCKET_ADDRESS_LIST, *PSOCKET_ADDRESS_LIST, *LPSOCKET_ADDRESS_LIST;

typedef struct _CSADDR_INFO {
	SOCKET_ADDRESS LocalAddr;
	SOCKET_ADDRESS RemoteAddr;
	INT            iSocketType;
	INT            iProtocol;
} CSADDR_INFO, *PCSADDR_INFO, *LPCSADDR_INFO;

/* ---- Scatter/gather buffer: length FIRST (the reverse of iovec) ---- */
typedef struct _WSABUF {
	ULONG len;
	CHAR *buf;
} WSABUF, *LPWSABUF;

/* ---- WSASendMsg / WSARecvMsg message (56 bytes) ---- */
typedef struct _WSAMSG {
	LPSOCKADDR name;
	INT        namelen;
	LPWSABUF   lpBuffers;
	ULONG      dwBufferCount;
	WSABUF     Control;
	ULONG      dwFlags;
} WSAMSG, *PWSAMSG, *LPWSAMSG;

/* ---- Control messages: 16-byte header, data 8-aligned on x64 ---- */
typedef struct _WSACMSGHDR {
	SIZE_T cmsg_len;
	INT    cmsg_level;
	INT    cmsg_type;
} WSACMSGHDR, *PWSACMSGHDR, *LPWSACMSGHDR;
typedef WSACMSGHDR CMSGHDR, *PCMSGHDR;
#define cmsghdr _WSACMSGHDR

#define LS_CMSG_ALIGN(n)       (((SIZE_T)(n) + 7) & ~(SIZE_T)7)
#define WSA_CMSGHDR_ALIGN(n)   LS_CMSG_ALIGN(n)
#define WSA_CMSGDATA_ALIGN(n)  LS_CMSG_ALIGN(n)
#define WSA_CMSG_FIRSTHDR(msg) \
	(((msg)->Control.len >= sizeof(WSACMSGHDR)) \
	 ? (LPWSACMSGHDR)(void *)(msg)->Control.buf : (LPWSACMSGHDR)NULL)
/* The header after cmsg, or NULL when a whole header no longer fits. */
#define WSA_CMSG_NXTHDR(msg, cmsg) \
	(!(cmsg) ? WSA_CMSG_FIRSTHDR(msg) \
	 : (((PUCHAR)(cmsg) + WSA_CMSGHDR_ALIGN((cmsg)->cmsg_len) + sizeof(WSACMSGHDR) \
	     > (PUCHAR)((msg)->Control.buf) + (msg)->Control.len) \
	    ? (LPWSACMSGHDR)NULL \
	    : (LPWSACMSGHDR)(void *)((PUCHAR)(cmsg) + WSA_CMSGHDR_ALIGN((cmsg)->cmsg_len))))
#define WSA_CMSG_DATA(cmsg)    ((PUCHAR)(cmsg) + WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR)))
#define WSA_CMSG_SPACE(n)      WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR) + WSA_CMSGHDR_ALIGN(n))
#define WSA_CMSG_LEN(n)        (WSA_CMSGDATA_ALIGN(sizeof(WSACMSGHDR)) + (n))
#define CMSG_FIRSTHDR  WSA_CMSG_FIRSTHDR
#define CMSG_NXTHDR    WSA_CMSG_NXTHDR
#define CMSG_DATA      WSA_CMSG_DATA
#define CMSG_SPACE     WSA_CMSG_SPACE
#define CMSG_LEN       WSA_CMSG_LEN

/* ---- Message flags (constants.md section 9) ---- */
#define MSG_OOB            0x1
#define MSG_PEEK           0x2
#define MSG_DONTROUTE      0x4
#define MSG_WAITALL        0x8
#define MSG_INTERRUPT      0x10
#define MSG_PUSH_IMMEDIATE 0x20
#define MSG_TRUNC          0x0100
#define MSG_CTRUNC         0x0200
#define MSG_BCAST          0x0400
#define MSG_MCAST          0x0800
#define MSG_ERRQUEUE       0x1000
#define MSG_PARTIAL        0x8000
#define MSG_MAXIOVLEN      16

/* ---- getaddrinfo / getnameinfo flags (constants.md section 12) ---- */
#define AI_PASSIVE                0x00000001
#define AI_CANONNAME              0x00000002
#define AI_NUMERICHOST            0x00000004
#define AI_NUMERICSERV            0x00000008
#define AI_DNS_ONLY               0x00000010
#define AI_ALL                    0x00000100
#define AI_ADDRCONFIG             0x00000400
#define AI_V4MAPPED               0x00000800
#define AI_NON_AUTHORITATIVE      0x00004000
#define AI_SECURE                 0x00008000
#define AI_RETURN_PREFERRED_NAMES 0x00010000
#define AI_FQDN                   0x00020000
#define AI_FILESERVER             0x00040000
#define AI_DISABLE_IDN_ENCODING   0x00080000
#define AI_RESOLUTION_HANDLE      0x40000000
#define AI_EXTENDED               0x80000000

#define NI_NOFQDN      0x01
#define NI_NUMERICHOST 0x02
#define NI_NAMEREQD    0x04
#define NI_NUMERICSERV 0x08
#define NI_DGRAM       0x10
#define NI_MAXHOST     1025
#define NI_MAXSERV     32

/* x64: ai_addrlen is size_t and ai_canonname comes BEFORE ai_addr
 * (the reverse of glibc): 48 bytes. */
typedef struct addrinfo {
	int              ai_flags;
	int              ai_family;
	int              ai_socktype;
	int              ai_protocol;
	size_t           ai_addrlen;
	char            *ai_canonname;
	struct sockaddr *ai_addr;
	struct addrinfo *ai_next;
} ADDRINFOA, *PADDRINFOA;

typedef struct addrinfoW {
	int               ai_flags;
	int               ai_family;
	int               ai_socktype;
	int               ai_protocol;
	size_t            ai_addrlen;
	PWSTR             ai_canonname;
	struct sockaddr  *ai_addr;
	struct addrinfoW *ai_next;
} ADDRINFOW, *PADDRINFOW;

/* ---- ioctl code encoding (constants.md section 11) ---- */
#define IOCPARM_MASK 0x7f
#define IOC_VOID     0x20000000
#define IOC_OUT      0x40000000
#define IOC_IN       0x80000000
#define IOC_INOUT    (IOC_IN | IOC_OUT)
#define _IO(x, y)     (IOC_VOID | ((x) << 8) | (y))
#define _IOR(x, y, t) (IOC_OUT | ((((DWORD)sizeof(t)) & IOCPARM_MASK) << 16) | ((x) << 8) | (y))
#define _IOW(x, y, t) (IOC_IN | ((((DWORD)sizeof(t)) & IOCPARM_MASK) << 16) | ((x) << 8) | (y))

#define IOC_UNIX     0x00000000
#define IOC_WS2      0x08000000
#define IOC_PROTOCOL 0x10000000
#define IOC_VENDOR   0x18000000
#define _WSAIO(x, y)   (IOC_VOID | (x) | (y))
#define _WSAIOR(x, y)  (IOC_OUT | (x) | (y))
#define _WSAIOW(x, y)  (IOC_IN | (x) | (y))
#define _WSAIORW(x, y) (IOC_INOUT | (x) | (y))

#ifdef __cplusplus
}
#endif

#endif /* _WS2DEF_ */
