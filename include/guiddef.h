/*
 * guiddef.h - GUID (16 bytes: Data1 @0, Data2 @4, Data3 @6, Data4 @8).
 */
#ifndef GUID_DEFINED
#define GUID_DEFINED

#include "linsock_base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct _GUID {
	DWORD Data1;
	WORD  Data2;
	WORD  Data3;
	BYTE  Data4[8];
} GUID;

typedef GUID IID, CLSID;
typedef GUID *LPGUID, *PGUID, *LPIID, *LPCLSID;
#ifdef __cplusplus
/* As in Windows' C++: REFGUID is a reference, so IsEqualGUID(a, b) and ==
 * take the GUIDs themselves (C passes pointers). */
typedef const GUID *LPCGUID;
typedef const GUID &REFGUID, &REFIID, &REFCLSID, &REFFMTID;
#else
typedef const GUID *LPCGUID, *REFGUID, *REFIID, *REFCLSID, *REFFMTID;
#endif

/* Field-by-field comparison: no <string.h> needed, no padding involved. */
static inline int ls_win_guid_equal(const GUID *a, const GUID *b)
{
	int i;

	if (a->Data1 != b->Data1 || a->Data2 != b->Data2 || a->Data3 != b->Data3)
		return 0;
	for (i = 0; i < 8; i++)
		if (a->Data4[i] != b->Data4[i])
			return 0;
	return 1;
}
#ifdef __cplusplus
#define IsEqualGUID(a, b)        ls_win_guid_equal(&(a), &(b))
#define InlineIsEqualGUID(a, b)  ls_win_guid_equal(&(a), &(b))
#define IsEqualIID(a, b)         ls_win_guid_equal(&(a), &(b))
#define IsEqualCLSID(a, b)       ls_win_guid_equal(&(a), &(b))
#else
#define IsEqualGUID(a, b)        ls_win_guid_equal((a), (b))
#define InlineIsEqualGUID(a, b)  ls_win_guid_equal((a), (b))
#define IsEqualIID(a, b)         ls_win_guid_equal((a), (b))
#define IsEqualCLSID(a, b)       ls_win_guid_equal((a), (b))
#endif

#ifdef __cplusplus
}
inline bool operator==(REFGUID a, REFGUID b) { return ls_win_guid_equal(&a, &b) != 0; }
inline bool operator!=(REFGUID a, REFGUID b) { return ls_win_guid_equal(&a, &b) == 0; }
#endif

#endif /* GUID_DEFINED */

/* DEFINE_GUID declares a GUID, or defines it when INITGUID is set, as on
 * Windows; it is outside the guard so INITGUID may change between includes. */
#undef DEFINE_GUID
/* In C++ a namespace-scope const object is internal unless declared extern:
 * extern "C" gives the definition external linkage and the C symbol name. */
#ifdef __cplusplus
#ifdef INITGUID
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
	extern "C" const GUID name = { l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } }
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
	extern "C" const GUID name
#endif
#else
#ifdef INITGUID
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
	const GUID name = { l, w1, w2, { b1, b2, b3, b4, b5, b6, b7, b8 } }
#else
#define DEFINE_GUID(name, l, w1, w2, b1, b2, b3, b4, b5, b6, b7, b8) \
	extern const GUID name
#endif
#endif
