/*
 * winerror.h - Win32 error codes, Winsock error codes and HRESULT helpers.
 *
 * Values are Windows facts (spec/errors.md sections 1-2).  They are plain
 * int constants: Windows spells them with an L suffix, but Windows `long`
 * is 32 bits and ours would be 64.
 *
 * The BSD-style names (EWOULDBLOCK, ECONNRESET...) are deliberately NOT
 * defined: the C library's <errno.h> owns them, as on Windows.
 */
#ifndef _WINERROR_
#define _WINERROR_

#include "linsock_base.h"

/* ---- HRESULT ---- */
#define FACILITY_NULL          0
#define FACILITY_RPC           1
#define FACILITY_DISPATCH      2
#define FACILITY_STORAGE       3
#define FACILITY_ITF           4
#define FACILITY_WIN32         7
#define FACILITY_WINDOWS       8
#define FACILITY_NT_BIT        0x10000000
#define SEVERITY_SUCCESS       0
#define SEVERITY_ERROR         1

#define SUCCEEDED(hr)          (((HRESULT)(hr)) >= 0)
#define FAILED(hr)             (((HRESULT)(hr)) < 0)
#define IS_ERROR(st)           (((DWORD)(st)) >> 31 == SEVERITY_ERROR)
#define HRESULT_CODE(hr)       ((hr) & 0xFFFF)
#define SCODE_CODE(sc)         ((sc) & 0xFFFF)
#define HRESULT_FACILITY(hr)   (((hr) >> 16) & 0x1FFF)
#define SCODE_FACILITY(sc)     (((sc) >> 16) & 0x1FFF)
#define HRESULT_SEVERITY(hr)   (((hr) >> 31) & 0x1)
#define MAKE_HRESULT(sev, fac, code) \
	((HRESULT)(((DWORD)(sev) << 31) | ((DWORD)(fac) << 16) | ((DWORD)(code))))
/* A Win32 code c becomes 0x8007cccc; zero and negative values pass through. */
#define HRESULT_FROM_WIN32(x) \
	((HRESULT)(x) <= 0 ? (HRESULT)(x) \
	 : (HRESULT)((((DWORD)(x)) & 0x0000FFFF) | (FACILITY_WIN32 << 16) | 0x80000000u))
#define HRESULT_FROM_NT(x)     ((HRESULT)((x) | FACILITY_NT_BIT))

#define S_OK                   ((HRESULT)0)
#define S_FALSE                ((HRESULT)1)
#define E_UNEXPECTED           ((HRESULT)0x8000FFFF)
#define E_NOTIMPL              ((HRESULT)0x80004001)
#define E_NOINTERFACE          ((HRESULT)0x80004002)
#define E_POINTER              ((HRESULT)0x80004003)
#define E_ABORT                ((HRESULT)0x80004004)
#define E_FAIL                 ((HRESULT)0x80004005)
#define E_ACCESSDENIED         ((HRESULT)0x80070005)
#define E_HANDLE               ((HRESULT)0x80070006)
#define E_OUTOFMEMORY          ((HRESULT)0x8007000E)
#define E_INVALIDARG           ((HRESULT)0x80070057)

/* ---- Win32 error codes ---- */
#define ERROR_SUCCESS                    0
#define NO_ERROR                         0
#define ERROR_INVALID_FUNCTION           1
#define ERROR_FILE_NOT_FOUND             2
#define ERROR_PATH_NOT_FOUND             3
#define ERROR_TOO_MANY_OPEN_FILES        4
#define ERROR_ACCESS_DENIED              5
#define ERROR_INVALID_HANDLE             6
#define ERROR_ARENA_TRASHED              7
#define ERROR_NOT_ENOUGH_MEMORY          8
#define ERROR_INVALID_BLOCK              9
#define ERROR_BAD_ENVIRONMENT            10
#define ERROR_BAD_FORMAT                 11
#define ERROR_INVALID_ACCESS             12
#define ERROR_INVALID_DATA               13
#define ERROR_OUTOFMEMORY                14
#define ERROR_INVALID_DRIVE              15
#define ERROR_NO_MORE_FILES              18
#define ERROR_WRITE_PROTECT              19
#define ERROR_NOT_READY                  21
#define ERROR_BAD_COMMAND                22
#define ERROR_CRC                        23
#define ERROR_BAD_LENGTH                 24
#define ERROR_SEEK                       25
#define ERROR_WRITE_FAULT                29
#define ERROR_READ_FAULT                 30
#define ERROR_GEN_FAILURE                31
#define ERROR_SHARING_VIOLATION          32
#define ERROR_LOCK_VIOLATION             33
#define ERROR_HANDLE_EOF                 38
#define ERROR_HANDLE_DISK_FULL           39
#define ERROR_NOT_SUPPORTED              50
#define ERROR_REM_NOT_LIST               51
#define ERROR_DUP_NAME                   52
#define ERROR_BAD_NETPATH                53
#define ERROR_NETWORK_BUSY               54
#define ERROR_DEV_NOT_EXIST              55
#define ERROR_BAD_NET_RESP               58
#define ERROR_UNEXP_NET_ERR              59
#define ERROR_NETNAME_DELETED            64
#define ERROR_NETWORK_ACCESS_DENIED      65
#define ERROR_BAD_NET_NAME               67
#define ERROR_TOO_MANY_NAMES             68
#define ERROR_FILE_EXISTS                80
#define ERROR_CANNOT_MAKE                82
#define ERROR_INVALID_PARAMETER          87
#define ERROR_NET_WRITE_FAULT            88
#define ERROR_BROKEN_PIPE                109
#define ERROR_OPEN_FAILED                110
#define ERROR_BUFFER_OVERFLOW            111
#define ERROR_DISK_FULL                  112
#define ERROR_INVALID_TARGET_HANDLE      114
#define ERROR_CALL_NOT_IMPLEMENTED       120
#define ERROR_SEM_TIMEOUT                121
#define ERROR_INSUFFICIENT_BUFFER        122
#define ERROR_INVALID_NAME               123
#define ERROR_INVALID_LEVEL              124
#define ERROR_MOD_NOT_FOUND              126
#define ERROR_PROC_NOT_FOUND             127
#define ERROR_NEGATIVE_SEEK              131
#define ERROR_DIR_NOT_EMPTY              145
#define ERROR_BAD_ARGUMENTS              160
#define ERROR_BAD_PATHNAME               161
#define ERROR_BUSY                       170
#define ERROR_ALREADY_EXISTS             183
#define ERROR_ENVVAR_NOT_FOUND           203
#define ERROR_FILENAME_EXCED_RANGE       206
#define ERROR_BAD_PIPE                   230
#define ERROR_PIPE_BUSY                  231
#define ERROR_NO_DATA                    232
#define ERROR_PIPE_NOT_CONNECTED         233
#define ERROR_MORE_DATA                  234
#define ERROR_NO_MORE_ITEMS              259
#define ERROR_DIRECTORY                  267
#define ERROR_NOT_OWNER                  288
#define ERROR_TOO_MANY_POSTS             298
#define ERROR_PARTIAL_COPY               299
#define ERROR_MR_MID_NOT_FOUND           317
#define ERROR_INVALID_ADDRESS            487
#define ERROR_ARITHMETIC_OVERFLOW        534
#define ERROR_PIPE_CONNECTED             535
#define ERROR_PIPE_LISTENING             536
#define ERROR_CANT_WAIT                  554
#define ERROR_ABANDONED_WAIT_0           735
#define ERROR_ABANDONED_WAIT_63          736
#define ERROR_OPERATION_ABORTED          995
#define ERROR_IO_INCOMPLETE              996
#define ERROR_IO_PENDING                 997
#define ERROR_NOACCESS                   998
#define ERROR_CAN_NOT_COMPLETE           1003
#define ERROR_INVALID_FLAGS              1004
#define ERROR_NO_TOKEN                   1008
#define ERROR_DEVICE_NOT_CONNECTED       1167
#define ERROR_NOT_FOUND                  1168
#define ERROR_INVALID_NETNAME            1214
#define ERROR_CANCELLED                  1223
#define ERROR_CONNECTION_REFUSED         1225
#define ERROR_GRACEFUL_DISCONNECT        1226
#define ERROR_ADDRESS_ALREADY_ASSOCIATED 1227
#define ERROR_ADDRESS_NOT_ASSOCIATED     1228
#define ERROR_CONNECTION_INVALID         1229
#define ERROR_CONNECTION_ACTIVE          1230
#define ERROR_NETWORK_UNREACHABLE        1231
#define ERROR_HOST_UNREACHABLE           1232
#define ERROR_PROTOCOL_UNREACHABLE       1233
#define ERROR_PORT_UNREACHABLE           1234
#define ERROR_REQUEST_ABORTED            1235
#define ERROR_CONNECTION_ABORTED         1236
#define ERROR_RETRY                      1237
#define ERROR_CONNECTION_COUNT_LIMIT     1238
#define ERROR_INCORRECT_ADDRESS          1241
#define ERROR_ALREADY_REGISTERED         1242
#define ERROR_SERVICE_NOT_FOUND          1243
#define ERROR_HOST_DOWN                  1256
#define ERROR_PRIVILEGE_NOT_HELD         1314
#define ERROR_INVALID_WINDOW_HANDLE      1400
#define ERROR_INVALID_INDEX              1413
#define ERROR_INVALID_THREAD_ID          1444
#define ERROR_NO_SYSTEM_RESOURCES        1450
#define ERROR_NONPAGED_SYSTEM_RESOURCES  1451
#define ERROR_PAGED_SYSTEM_RESOURCES     1452
#define ERROR_WORKING_SET_QUOTA          1453
#define ERROR_PAGEFILE_QUOTA             1454
#define ERROR_COMMITMENT_LIMIT           1455
#define ERROR_TIMEOUT                    1460
#define ERROR_INVALID_HANDLE_STATE       1609
#define ERROR_INVALID_USER_BUFFER        1784
#define ERROR_NOT_ENOUGH_QUOTA           1816
#define ERROR_NOT_CONNECTED              2250
#define ERROR_INVALID_OPERATION          4317
#define ERROR_OBJECT_ALREADY_EXISTS      5010
#define ERROR_NETWORK_NOT_AVAILABLE      5035

/* The wait result names that winerror.h owns on Windows. */
#define WAIT_TIMEOUT                     258

/* ---- Winsock error codes (spec/errors.md section 1) ---- */
/* Codes that are the Win32 error of the same condition. */
#define WSA_INVALID_HANDLE         ERROR_INVALID_HANDLE
#define WSA_NOT_ENOUGH_MEMORY      ERROR_NOT_ENOUGH_MEMORY
#define WSA_INVALID_PARAMETER      ERROR_INVALID_PARAMETER
#define WSA_OPERATION_ABORTED      ERROR_OPERATION_ABORTED
#define WSA_IO_INCOMPLETE          ERROR_IO_INCOMPLETE
#define WSA_IO_PENDING             ERROR_IO_PENDING

#define WSABASEERR                 10000
#define WSAEINTR                   10004
#define WSAEBADF                   10009
#define WSAEACCES                  10013
#define WSAEFAULT                  10014
#define WSAEINVAL                  10022
#define WSAEMFILE                  10024
#define WSAEWOULDBLOCK             10035
#define WSAEINPROGRESS             10036
#define WSAEALREADY                10037
#define WSAENOTSOCK                10038
#define WSAEDESTADDRREQ            10039
#define WSAEMSGSIZE                10040
#define WSAEPROTOTYPE              10041
#define WSAENOPROTOOPT             10042
#define WSAEPROTONOSUPPORT         10043
#define WSAESOCKTNOSUPPORT         10044
#define WSAEOPNOTSUPP              10045
#define WSAEPFNOSUPPORT            10046
#define WSAEAFNOSUPPORT            10047
#define WSAEADDRINUSE              10048
#define WSAEADDRNOTAVAIL           10049
#define WSAENETDOWN                10050
#define WSAENETUNREACH             10051
#define WSAENETRESET               10052
#define WSAECONNABORTED            10053
#define WSAECONNRESET              10054
#define WSAENOBUFS                 10055
#define WSAEISCONN                 10056
#define WSAENOTCONN                10057
#define WSAESHUTDOWN               10058
#define WSAETOOMANYREFS            10059
#define WSAETIMEDOUT               10060
#define WSAECONNREFUSED            10061
#define WSAELOOP                   10062
#define WSAENAMETOOLONG            10063
#define WSAEHOSTDOWN               10064
#define WSAEHOSTUNREACH            10065
#define WSAENOTEMPTY               10066
#define WSAEPROCLIM                10067
#define WSAEUSERS                  10068
#define WSAEDQUOT                  10069
#define WSAESTALE                  10070
#define WSAEREMOTE                 10071
#define WSASYSNOTREADY             10091
#define WSAVERNOTSUPPORTED         10092
#define WSANOTINITIALISED          10093
#define WSAEDISCON                 10101
#define WSAENOMORE                 10102
#define WSAECANCELLED              10103
#define WSAEINVALIDPROCTABLE       10104
#define WSAEINVALIDPROVIDER        10105
#define WSAEPROVIDERFAILEDINIT     10106
#define WSASYSCALLFAILURE          10107
#define WSASERVICE_NOT_FOUND       10108
#define WSATYPE_NOT_FOUND          10109
#define WSA_E_NO_MORE              10110
#define WSA_E_CANCELLED            10111
#define WSAEREFUSED                10112
#define WSAHOST_NOT_FOUND          11001
#define WSATRY_AGAIN               11002
#define WSANO_RECOVERY             11003
#define WSANO_DATA                 11004
#define WSA_QOS_RECEIVERS          11005
#define WSA_QOS_SENDERS            11006
#define WSA_QOS_NO_SENDERS         11007
#define WSA_QOS_NO_RECEIVERS       11008
#define WSA_QOS_REQUEST_CONFIRMED  11009
#define WSA_QOS_ADMISSION_FAILURE  11010
#define WSA_QOS_POLICY_FAILURE     11011
#define WSA_QOS_BAD_STYLE          11012
#define WSA_QOS_BAD_OBJECT         11013
#define WSA_QOS_TRAFFIC_CTRL_ERROR 11014
#define WSA_QOS_GENERIC_ERROR      11015
#define WSA_QOS_ESERVICETYPE       11016
#define WSA_QOS_EFLOWSPEC          11017
#define WSA_QOS_EPROVSPECBUF       11018
#define WSA_QOS_EFILTERSTYLE       11019
#define WSA_QOS_EFILTERTYPE        11020
#define WSA_QOS_EFILTERCOUNT       11021
#define WSA_QOS_EOBJLENGTH         11022
#define WSA_QOS_EFLOWCOUNT         11023
#define WSA_QOS_EUNKOWNPSOBJ       11024 /* sic: Windows' spelling */
#define WSA_QOS_EPOLICYOBJ         11025
#define WSA_QOS_EFLOWDESC          11026
#define WSA_QOS_EPSFLOWSPEC        11027
#define WSA_QOS_EPSFILTERSPEC      11028
#define WSA_QOS_ESDMODEOBJ         11029
#define WSA_QOS_ESHAPERATEOBJ      11030
#define WSA_QOS_RESERVED_PETYPE    11031
#define WSA_SECURE_HOST_NOT_FOUND  11032
#define WSA_IPSEC_NAME_POLICY_ERROR 11033

#endif /* _WINERROR_ */
