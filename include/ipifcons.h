/*
 * ipifcons.h - interface type numbers (IANA ifType, as Windows uses them)
 * and the MIB_IF_TYPE_* names of GetAdaptersInfo.
 */
#ifndef _IPIFCONS_
#define _IPIFCONS_

#define IF_TYPE_OTHER                   1
#define IF_TYPE_ETHERNET_CSMACD         6
#define IF_TYPE_ISO88025_TOKENRING      9
#define IF_TYPE_PPP                     23
#define IF_TYPE_SOFTWARE_LOOPBACK       24
#define IF_TYPE_ATM                     37
#define IF_TYPE_IEEE80211               71
#define IF_TYPE_TUNNEL                  131
#define IF_TYPE_IEEE1394                144
#define IF_TYPE_IEEE80216_WMAN          237
#define IF_TYPE_WWANPP                  243
#define IF_TYPE_WWANPP2                 244

#define MIB_IF_TYPE_OTHER               1
#define MIB_IF_TYPE_ETHERNET            6
#define MIB_IF_TYPE_TOKENRING           9
#define MIB_IF_TYPE_FDDI                15
#define MIB_IF_TYPE_PPP                 23
#define MIB_IF_TYPE_LOOPBACK            24
#define MIB_IF_TYPE_SLIP                28

#define MIB_IF_ADMIN_STATUS_UP          1
#define MIB_IF_ADMIN_STATUS_DOWN        2
#define MIB_IF_ADMIN_STATUS_TESTING     3

#endif /* _IPIFCONS_ */
