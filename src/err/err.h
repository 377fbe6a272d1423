/* err: the translation boundary (DESIGN §3, CONVENTIONS §3-4).
 *
 * Inside linsock every failure is an NTSTATUS. Syscall wrappers give -errno; the code that knows
 * the operation turns it into a status once (ls_err_status_from_errno, or a status of its own
 * where Windows' meaning depends on the operation). Entry points project a status into the
 * error space of their API: Winsock through ls_err_wsa_from_status, kernel32 through
 * ls_err_win32_from_status. All mappings are X-macro rows in the .def files beside this header.
 *
 * Where Windows has no NTSTATUS that lands on the Winsock code Windows reports (WSAEAFNOSUPPORT,
 * WSAEALREADY...), LS_STATUS_FROM_WSA(code) carries the code itself in a customer-bit status;
 * both projections understand it (wsa_win32.def gives its file-API face). */
#ifndef LS_ERR_ERR_H
#define LS_ERR_ERR_H

#include <stddef.h>
#include <stdint.h>
#include <winsock2.h>
#include <ntstatus.h>

/* Severity error + customer bit: never collides with a Windows-defined status. */
#define LS_STATUS_WSA_BASE 0xE0000000u
#define LS_STATUS_FROM_WSA(w) ((NTSTATUS)(LS_STATUS_WSA_BASE | (uint32_t)(w)))
#define LS_STATUS_IS_WSA(st) (((uint32_t)(st) & 0xFFFF0000u) == LS_STATUS_WSA_BASE)

/* errno (positive or negative) to the status Windows' socket driver would report. */
NTSTATUS ls_err_status_from_errno(int err);
/* Winsock projection (spec errors.md §3); unlisted failures are WSAEINVAL as in Windows. */
int ls_err_wsa_from_status(NTSTATUS st);
/* File-API projection (RtlNtStatusToDosError for the statuses sockets produce). */
DWORD ls_err_win32_from_status(NTSTATUS st);
/* Reverse of the Winsock projection for codes the API layer decides itself (e.g. WSAEINVAL from
 * argument checks): a status that projects back to exactly wsa. */
NTSTATUS ls_err_status_from_wsa(int wsa);

/* Address families: Windows value <-> Linux value; -1 if there is no counterpart. */
int ls_err_af_to_linux(int af);
int ls_err_af_from_linux(int af);

/* A Linux sockaddr held by value. */
struct ls_err_lxaddr {
	union {
		unsigned char bytes[128];
		uint16_t family;
	} u;
	unsigned int len;
};

/* Reads a caller's Windows sockaddr (safely: a bad pointer is STATUS_ACCESS_VIOLATION, i.e.
 * WSAEFAULT) and converts it. Too short for its family: STATUS_ACCESS_VIOLATION (WSAEFAULT, as
 * Windows); unknown family: WSAEAFNOSUPPORT. */
NTSTATUS ls_err_sockaddr_to_linux(const void *user_sa, int len, struct ls_err_lxaddr *out);
/* Writes a Linux sockaddr to a caller's Windows sockaddr buffer. *user_len (read safely) must hold
 * the whole Windows address or the result is WSAEFAULT and nothing is written; on success
 * *user_len is the length written. user_sa NULL with user_len NULL writes nothing. */
NTSTATUS ls_err_sockaddr_from_linux(const struct ls_err_lxaddr *in, void *user_sa, int *user_len);
/* Size of the Windows sockaddr for a Linux one (sockaddr_in 16, sockaddr_in6 28, unix 110). */
int ls_err_sockaddr_size(const struct ls_err_lxaddr *in);

#endif
