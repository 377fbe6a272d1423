/*
 * mstcpip.h - vendor ioctls of the Microsoft TCP/IP provider: keep-alive
 * values, receive-all, UDP reset reporting, loopback fast path, TCP_INFO
 * (spec/constants.md sections 6 and 11).
 */
#ifndef _MSTCPIP_
#define _MSTCPIP_

#include "winsock2.h"
#include "ws2ipdef.h"

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

#ifdef __cplusplus
}
#endif

#endif /* _MSTCPIP_ */
