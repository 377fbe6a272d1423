/* kernel32/critsec: InitializeCriticalSection(AndSpinCount), EnterCriticalSection,
 * TryEnterCriticalSection, LeaveCriticalSection, DeleteCriticalSection.
 *
 * CRITICAL_SECTION keeps Windows' 40-byte layout and field meanings where programs look at
 * them: OwningThread is the owner's thread id, RecursionCount the owner's depth, LockCount -1
 * when free (Windows' initial value). LockCount is also the futex word: -1 free, 0 held,
 * 1 held with sleepers (Drepper's "Futexes are tricky" mutex, shifted by one). Nothing is
 * allocated, so Initialize cannot fail and Delete frees nothing; no fd either: a critical
 * section is not a waitable object on Windows. */
#include "kernel32.h"
#include "../base/sys.h"
#include "../base/trace.h"

#define SPIN_MAX 4000u	/* spinning longer than this costs more than a futex sleep */

static __thread int my_tid;

static int self_tid(void)
{
	if (!my_tid)
		my_tid = ls_sys_gettid();
	return my_tid;
}

static int *word(LPCRITICAL_SECTION cs)
{
	return (int *)&cs->LockCount;
}

static int owner(LPCRITICAL_SECTION cs)
{
	return (int)(intptr_t)__atomic_load_n(&cs->OwningThread, __ATOMIC_RELAXED);
}

static void set_owner(LPCRITICAL_SECTION cs, int tid)
{
	__atomic_store_n(&cs->OwningThread, (HANDLE)(intptr_t)tid, __ATOMIC_RELAXED);
}

static int try_lock(LPCRITICAL_SECTION cs)
{
	int expect = -1;

	return __atomic_compare_exchange_n(word(cs), &expect, 0, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

BOOL WINAPI InitializeCriticalSectionAndSpinCount(LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount)
{
	LS_TRACE_CALL("%p, %lu", (const void *)lpCriticalSection, (unsigned long)dwSpinCount);
	/* Windows 8 and later leave DebugInfo at -1 unless asked for debug info. */
	lpCriticalSection->DebugInfo = (PVOID)(intptr_t)-1;
	lpCriticalSection->LockCount = -1;
	lpCriticalSection->RecursionCount = 0;
	lpCriticalSection->OwningThread = NULL;
	lpCriticalSection->LockSemaphore = NULL;
	/* The top byte carries RTL_CRITICAL_SECTION_FLAG_* bits, not a count. */
	lpCriticalSection->SpinCount = dwSpinCount & 0x00FFFFFFu;
	return LS_TRACE_RET_BOOL(TRUE);
}

VOID WINAPI InitializeCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
	LS_TRACE_CALL("%p", (const void *)lpCriticalSection);
	InitializeCriticalSectionAndSpinCount(lpCriticalSection, 0);
}

VOID WINAPI EnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
	LPCRITICAL_SECTION cs = lpCriticalSection;
	int tid = self_tid(), c;

	LS_TRACE_CALL("%p", (const void *)lpCriticalSection);
	if (owner(cs) == tid) {
		cs->RecursionCount++;	/* Windows: the owner re-enters without blocking */
		return;
	}
	if (!try_lock(cs)) {
		unsigned int spin = cs->SpinCount < SPIN_MAX ? (unsigned int)cs->SpinCount : SPIN_MAX;

		for (unsigned int i = 0; i < spin; i++) {
			if (__atomic_load_n(word(cs), __ATOMIC_RELAXED) == -1 && try_lock(cs))
				goto owned;
			__builtin_ia32_pause();
		}
		c = __atomic_exchange_n(word(cs), 1, __ATOMIC_ACQUIRE);
		while (c != -1) {
			ls_sys_futex_wait(word(cs), 1);
			c = __atomic_exchange_n(word(cs), 1, __ATOMIC_ACQUIRE);
		}
	}
owned:
	set_owner(cs, tid);
	cs->RecursionCount = 1;
}

BOOL WINAPI TryEnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
	LPCRITICAL_SECTION cs = lpCriticalSection;
	int tid = self_tid();

	LS_TRACE_CALL("%p", (const void *)lpCriticalSection);
	if (owner(cs) == tid) {
		cs->RecursionCount++;
		return LS_TRACE_RET_BOOL(TRUE);
	}
	if (!try_lock(cs))
		return LS_TRACE_RET_BOOL(FALSE);
	set_owner(cs, tid);
	cs->RecursionCount = 1;
	return LS_TRACE_RET_BOOL(TRUE);
}

VOID WINAPI LeaveCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
	LPCRITICAL_SECTION cs = lpCriticalSection;

	LS_TRACE_CALL("%p", (const void *)lpCriticalSection);
	/* Leaving a section one does not own is undefined on Windows; ignoring it here keeps the
	 * real owner's lock intact. */
	if (owner(cs) != self_tid())
		return;
	if (--cs->RecursionCount > 0)
		return;
	set_owner(cs, 0);
	if (__atomic_exchange_n(word(cs), -1, __ATOMIC_RELEASE) == 1)
		ls_sys_futex_wake(word(cs), 1);
}

VOID WINAPI DeleteCriticalSection(LPCRITICAL_SECTION lpCriticalSection)
{
	LS_TRACE_CALL("%p", (const void *)lpCriticalSection);
	lpCriticalSection->DebugInfo = NULL;
	lpCriticalSection->LockCount = -1;
	lpCriticalSection->RecursionCount = 0;
	lpCriticalSection->OwningThread = NULL;
	lpCriticalSection->LockSemaphore = NULL;
	lpCriticalSection->SpinCount = 0;
}
