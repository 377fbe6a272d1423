/*
 * qos.h - flow specification used by WSAConnect/WSAJoinLeaf/WSAAccept.
 * linsock carries QOS blocks through its API but implements no QoS.
 */
#ifndef __QOS_H_
#define __QOS_H_

#include "linsock_base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef ULONG SERVICETYPE;

#define SERVICETYPE_NOTRAFFIC         0x00000000
#define SERVICETYPE_BESTEFFORT        0x00000001
#define SERVICETYPE_CONTROLLEDLOAD    0x00000002
#define SERVICETYPE_GUARANTEED        0x00000003
#define SERVICETYPE_NETWORK_UNAVAILABLE 0x00000004
#define SERVICETYPE_GENERAL_INFORMATION 0x00000005
#define SERVICETYPE_NOCHANGE          0x00000006
#define SERVICETYPE_NONCONFORMING     0x00000009
#define SERVICETYPE_NETWORK_CONTROL   0x0000000A
#define SERVICETYPE_QUALITATIVE       0x0000000D
#define QOS_NOT_SPECIFIED             0xFFFFFFFF
#define POSITIVE_INFINITY_RATE        0xFFFFFFFE

/* 32 bytes. */
typedef struct _flowspec {
	ULONG       TokenRate;
	ULONG       TokenBucketSize;
	ULONG       PeakBandwidth;
	ULONG       Latency;
	ULONG       DelayVariation;
	SERVICETYPE ServiceType;
	ULONG       MaxSduSize;
	ULONG       MinimumPolicedSize;
} FLOWSPEC, *PFLOWSPEC, *LPFLOWSPEC;

#ifdef __cplusplus
}
#endif

#endif /* __QOS_H_ */
