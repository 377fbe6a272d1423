/* err/linux: Linux constant values under LX_ names, for Windows-side files that cannot include
 * glibc's socket headers next to ours (docs/design.md S). linux_check.c proves every value
 * against glibc at compile time. x86-64 and arm64 share these values. */
#ifndef LS_ERR_LINUX_H
#define LS_ERR_LINUX_H

#define LX_AF_UNSPEC 0
#define LX_AF_UNIX 1
#define LX_AF_INET 2
#define LX_AF_AX25 3
#define LX_AF_IPX 4
#define LX_AF_APPLETALK 5
#define LX_AF_INET6 10
#define LX_AF_DECnet 12
#define LX_AF_SNA 22
#define LX_AF_IRDA 23
#define LX_AF_BLUETOOTH 31

#define LX_SOCK_STREAM 1
#define LX_SOCK_DGRAM 2
#define LX_SOCK_RAW 3
#define LX_SOCK_RDM 4
#define LX_SOCK_SEQPACKET 5

#define LX_SOL_SOCKET 1
#define LX_SOL_IP 0
#define LX_SOL_TCP 6
#define LX_SOL_UDP 17
#define LX_SOL_IPV6 41

#define LX_SO_DEBUG 1
#define LX_SO_REUSEADDR 2
#define LX_SO_TYPE 3
#define LX_SO_ERROR 4
#define LX_SO_DONTROUTE 5
#define LX_SO_BROADCAST 6
#define LX_SO_SNDBUF 7
#define LX_SO_RCVBUF 8
#define LX_SO_KEEPALIVE 9
#define LX_SO_OOBINLINE 10
#define LX_SO_LINGER 13
#define LX_SO_REUSEPORT 15
#define LX_SO_RCVLOWAT 18
#define LX_SO_SNDLOWAT 19
#define LX_SO_RCVTIMEO 20
#define LX_SO_SNDTIMEO 21
#define LX_SO_ACCEPTCONN 30
#define LX_SO_PROTOCOL 38
#define LX_SO_DOMAIN 39

#define LX_TCP_NODELAY 1
#define LX_TCP_MAXSEG 2
#define LX_TCP_KEEPIDLE 4
#define LX_TCP_KEEPINTVL 5
#define LX_TCP_KEEPCNT 6
#define LX_TCP_FASTOPEN 23

#define LX_IP_TOS 1
#define LX_IP_TTL 2
#define LX_IP_HDRINCL 3
#define LX_IP_OPTIONS 4
#define LX_IP_PKTINFO 8
#define LX_IP_MTU_DISCOVER 10
#define LX_IP_RECVERR 11
#define LX_IP_RECVTTL 12
#define LX_IP_RECVTOS 13
#define LX_IP_MTU 14
#define LX_IP_MULTICAST_IF 32
#define LX_IP_MULTICAST_TTL 33
#define LX_IP_MULTICAST_LOOP 34
#define LX_IP_ADD_MEMBERSHIP 35
#define LX_IP_DROP_MEMBERSHIP 36
#define LX_IP_UNBLOCK_SOURCE 37
#define LX_IP_BLOCK_SOURCE 38
#define LX_IP_ADD_SOURCE_MEMBERSHIP 39
#define LX_IP_DROP_SOURCE_MEMBERSHIP 40
#define LX_IP_UNICAST_IF 50
#define LX_IP_PMTUDISC_DONT 0
#define LX_IP_PMTUDISC_WANT 1
#define LX_IP_PMTUDISC_DO 2
#define LX_IP_PMTUDISC_PROBE 3

#define LX_IPV6_CHECKSUM 7
#define LX_IPV6_UNICAST_HOPS 16
#define LX_IPV6_MULTICAST_IF 17
#define LX_IPV6_MULTICAST_HOPS 18
#define LX_IPV6_MULTICAST_LOOP 19
#define LX_IPV6_ADD_MEMBERSHIP 20
#define LX_IPV6_DROP_MEMBERSHIP 21
#define LX_IPV6_MTU_DISCOVER 23
#define LX_IPV6_MTU 24
#define LX_IPV6_RECVERR 25
#define LX_IPV6_V6ONLY 26
#define LX_IPV6_RECVPKTINFO 49
#define LX_IPV6_PKTINFO 50
#define LX_IPV6_RECVHOPLIMIT 51
#define LX_IPV6_HOPLIMIT 52
#define LX_IPV6_RECVTCLASS 66
#define LX_IPV6_TCLASS 67
#define LX_IPV6_DONTFRAG 62
#define LX_IPV6_UNICAST_IF 76

#define LX_MSG_OOB 0x1
#define LX_MSG_PEEK 0x2
#define LX_MSG_DONTROUTE 0x4
#define LX_MSG_CTRUNC 0x8
#define LX_MSG_TRUNC 0x20
#define LX_MSG_DONTWAIT 0x40
#define LX_MSG_WAITALL 0x100
#define LX_MSG_ERRQUEUE 0x2000

#define LX_SHUT_RD 0
#define LX_SHUT_WR 1
#define LX_SHUT_RDWR 2

#define LX_FIONREAD 0x541B
#define LX_SIOCATMARK 0x8905
#define LX_SIOCINQ LX_FIONREAD
#define LX_SIOCOUTQ 0x5411
#define LX_FIONBIO 0x5421

#define LX_POLLIN 0x1
#define LX_POLLPRI 0x2
#define LX_POLLOUT 0x4
#define LX_POLLERR 0x8
#define LX_POLLHUP 0x10
#define LX_POLLNVAL 0x20
#define LX_POLLRDHUP 0x2000

#endif
