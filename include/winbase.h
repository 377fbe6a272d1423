/*
 * winbase.h - the kernel32 subset linsock implements: last error, handles,
 * threads, waits, events, file I/O on handles, I/O completion ports.
 * Behaviour: spec/handles.md and spec/data-transfer.md section 11.
 */
#ifndef _WINBASE_
#define _WINBASE_

#include <stdarg.h>	/* va_list in FormatMessage */
#include "winnt.h"
#include "winerror.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- OVERLAPPED (32 bytes): Internal holds the request's NTSTATUS,
 * STATUS_PENDING while in flight; InternalHigh the byte count. ---- */
typedef struct _OVERLAPPED {
	ULONG_PTR Internal;
	ULONG_PTR InternalHigh;
	LS_ANON union {
		LS_ANON struct {
			DWORD Offset;
			DWORD OffsetHigh;
		};
		PVOID Pointer;
	};
	HANDLE hEvent;
} OVERLAPPED, *LPOVERLAPPED, *POVERLAPPED;

typedef struct _OVERLAPPED_ENTRY {
	ULONG_PTR    lpCompletionKey;
	LPOVERLAPPED lpOverlapped;
	ULONG_PTR    Internal;
	DWORD        dwNumberOfBytesTransferred;
} OVERLAPPED_ENTRY, *LPOVERLAPPED_ENTRY;

/* True once the request left STATUS_PENDING (0x103). */
#define HasOverlappedIoCompleted(lpOverlapped) \
	(((DWORD)(lpOverlapped)->Internal) != (DWORD)0x00000103)

typedef VOID (WINAPI *LPOVERLAPPED_COMPLETION_ROUTINE)(DWORD dwErrorCode,
	DWORD dwNumberOfBytesTransfered, LPOVERLAPPED lpOverlapped);

typedef struct _SECURITY_ATTRIBUTES {
	DWORD  nLength;
	LPVOID lpSecurityDescriptor;
	BOOL   bInheritHandle;
} SECURITY_ATTRIBUTES, *PSECURITY_ATTRIBUTES, *LPSECURITY_ATTRIBUTES;

typedef DWORD (WINAPI *PTHREAD_START_ROUTINE)(LPVOID lpThreadParameter);
typedef PTHREAD_START_ROUTINE LPTHREAD_START_ROUTINE;
typedef VOID (NTAPI *PAPCFUNC)(ULONG_PTR Parameter);

/* Same size and field names as Windows x64 (40 bytes); the contents
 * belong to the library. */
typedef struct _RTL_CRITICAL_SECTION {
	PVOID     DebugInfo;
	LONG      LockCount;
	LONG      RecursionCount;
	HANDLE    OwningThread;
	HANDLE    LockSemaphore;
	ULONG_PTR SpinCount;
} RTL_CRITICAL_SECTION, *PRTL_CRITICAL_SECTION;
typedef RTL_CRITICAL_SECTION CRITICAL_SECTION, *PCRITICAL_SECTION, *LPCRITICAL_SECTION;

typedef struct _SYSTEM_INFO {
	LS_ANON union {
		DWORD dwOemId;
		LS_ANON struct {
			WORD wProcessorArchitecture;
			WORD wReserved;
		};
	};
	DWORD     dwPageSize;
	LPVOID    lpMinimumApplicationAddress;
	LPVOID    lpMaximumApplicationAddress;
	DWORD_PTR dwActiveProcessorMask;
	DWORD     dwNumberOfProcessors;
	DWORD     dwProcessorType;
	DWORD     dwAllocationGranularity;
	WORD      wProcessorLevel;
	WORD      wProcessorRevision;
} SYSTEM_INFO, *LPSYSTEM_INFO;
#define PROCESSOR_ARCHITECTURE_INTEL 0
#define PROCESSOR_ARCHITECTURE_AMD64 9
#define PROCESSOR_AMD_X8664          8664

/* ---- Waits ---- */
#define INFINITE              0xFFFFFFFF
#define WAIT_OBJECT_0         ((DWORD)0x00000000)
#define WAIT_ABANDONED        ((DWORD)0x00000080)
#define WAIT_ABANDONED_0      ((DWORD)0x00000080)
#define WAIT_IO_COMPLETION    ((DWORD)0x000000C0)
#define WAIT_FAILED           ((DWORD)0xFFFFFFFF)
#define MAXIMUM_WAIT_OBJECTS  64
#define STILL_ACTIVE          ((DWORD)0x00000103)
/* Exit code of a process ended by a console control event (winnt.h spells the status). */
#ifndef STATUS_CONTROL_C_EXIT
#define STATUS_CONTROL_C_EXIT ((DWORD)0xC000013A)
#endif
#define CONTROL_C_EXIT        STATUS_CONTROL_C_EXIT

/* ---- Handles ---- */
#define INVALID_HANDLE_VALUE           ((HANDLE)(LONG_PTR)-1)
#define HANDLE_FLAG_INHERIT            0x00000001
#define HANDLE_FLAG_PROTECT_FROM_CLOSE 0x00000002
#define STD_INPUT_HANDLE               ((DWORD)-10)
#define STD_OUTPUT_HANDLE              ((DWORD)-11)
#define STD_ERROR_HANDLE               ((DWORD)-12)

/* ---- Files ---- */
#define CREATE_NEW                  1
#define CREATE_ALWAYS               2
#define OPEN_EXISTING               3
#define OPEN_ALWAYS                 4
#define TRUNCATE_EXISTING           5
#define FILE_FLAG_WRITE_THROUGH     0x80000000
#define FILE_FLAG_OVERLAPPED        0x40000000
#define FILE_FLAG_NO_BUFFERING      0x20000000
#define FILE_FLAG_RANDOM_ACCESS     0x10000000
#define FILE_FLAG_SEQUENTIAL_SCAN   0x08000000
#define FILE_FLAG_DELETE_ON_CLOSE   0x04000000
#define FILE_BEGIN                  0
#define FILE_CURRENT                1
#define FILE_END                    2
#define FILE_TYPE_UNKNOWN           0x0000
#define FILE_TYPE_DISK              0x0001
#define FILE_TYPE_CHAR              0x0002
#define FILE_TYPE_PIPE              0x0003
#define FILE_TYPE_REMOTE            0x8000
#define FILE_SKIP_COMPLETION_PORT_ON_SUCCESS 0x1
#define FILE_SKIP_SET_EVENT_ON_HANDLE        0x2

/* ---- Threads ---- */
#define CREATE_SUSPENDED                   0x00000004
#define STACK_SIZE_PARAM_IS_A_RESERVATION  0x00010000

/* ---- Local memory ---- */
#define LMEM_FIXED     0x0000
#define LMEM_MOVEABLE  0x0002
#define LMEM_ZEROINIT  0x0040
#define LPTR           (LMEM_FIXED | LMEM_ZEROINIT)
#define LHND           (LMEM_MOVEABLE | LMEM_ZEROINIT)
#define NONZEROLPTR    LMEM_FIXED

/* ---- FormatMessage ---- */
#define FORMAT_MESSAGE_ALLOCATE_BUFFER 0x00000100
#define FORMAT_MESSAGE_IGNORE_INSERTS  0x00000200
#define FORMAT_MESSAGE_FROM_STRING     0x00000400
#define FORMAT_MESSAGE_FROM_HMODULE    0x00000800
#define FORMAT_MESSAGE_FROM_SYSTEM     0x00001000
#define FORMAT_MESSAGE_ARGUMENT_ARRAY  0x00002000
#define FORMAT_MESSAGE_MAX_WIDTH_MASK  0x000000FF

/* ---- Last error (one per-thread slot, shared with WSAGetLastError) ---- */
WINBASEAPI DWORD WINAPI GetLastError(void);
WINBASEAPI VOID  WINAPI SetLastError(DWORD dwErrCode);

WINBASEAPI DWORD WINAPI FormatMessageA(DWORD dwFlags, LPCVOID lpSource,
	DWORD dwMessageId, DWORD dwLanguageId, LPSTR lpBuffer, DWORD nSize,
	va_list *Arguments);
WINBASEAPI DWORD WINAPI FormatMessageW(DWORD dwFlags, LPCVOID lpSource,
	DWORD dwMessageId, DWORD dwLanguageId, LPWSTR lpBuffer, DWORD nSize,
	va_list *Arguments);

WINBASEAPI HLOCAL WINAPI LocalAlloc(UINT uFlags, SIZE_T uBytes);
WINBASEAPI HLOCAL WINAPI LocalFree(HLOCAL hMem);

/* ---- Handles ---- */
WINBASEAPI BOOL WINAPI CloseHandle(HANDLE hObject);
WINBASEAPI BOOL WINAPI DuplicateHandle(HANDLE hSourceProcessHandle,
	HANDLE hSourceHandle, HANDLE hTargetProcessHandle, LPHANDLE lpTargetHandle,
	DWORD dwDesiredAccess, BOOL bInheritHandle, DWORD dwOptions);
WINBASEAPI BOOL WINAPI GetHandleInformation(HANDLE hObject, LPDWORD lpdwFlags);
WINBASEAPI BOOL WINAPI SetHandleInformation(HANDLE hObject, DWORD dwMask, DWORD dwFlags);

/* ---- Threads and processes ---- */
WINBASEAPI HANDLE WINAPI CreateThread(LPSECURITY_ATTRIBUTES lpThreadAttributes,
	SIZE_T dwStackSize, LPTHREAD_START_ROUTINE lpStartAddress,
	LPVOID lpParameter, DWORD dwCreationFlags, LPDWORD lpThreadId);
WINBASEAPI DECLSPEC_NORETURN VOID WINAPI ExitThread(DWORD dwExitCode);
WINBASEAPI DECLSPEC_NORETURN VOID WINAPI ExitProcess(UINT uExitCode);	/* kernel32/console.c */
WINBASEAPI BOOL   WINAPI GetExitCodeThread(HANDLE hThread, LPDWORD lpExitCode);
WINBASEAPI DWORD  WINAPI GetCurrentThreadId(void);
WINBASEAPI DWORD  WINAPI GetCurrentProcessId(void);
WINBASEAPI HANDLE WINAPI GetCurrentThread(void);
WINBASEAPI HANDLE WINAPI GetCurrentProcess(void);
WINBASEAPI DWORD  WINAPI QueueUserAPC(PAPCFUNC pfnAPC, HANDLE hThread, ULONG_PTR dwData);
WINBASEAPI VOID   WINAPI GetSystemInfo(LPSYSTEM_INFO lpSystemInfo);

/* ---- Waits and time ---- */
WINBASEAPI DWORD WINAPI WaitForSingleObject(HANDLE hHandle, DWORD dwMilliseconds);
WINBASEAPI DWORD WINAPI WaitForSingleObjectEx(HANDLE hHandle, DWORD dwMilliseconds,
	BOOL bAlertable);
WINBASEAPI DWORD WINAPI WaitForMultipleObjects(DWORD nCount, const HANDLE *lpHandles,
	BOOL bWaitAll, DWORD dwMilliseconds);
WINBASEAPI DWORD WINAPI WaitForMultipleObjectsEx(DWORD nCount, const HANDLE *lpHandles,
	BOOL bWaitAll, DWORD dwMilliseconds, BOOL bAlertable);
WINBASEAPI VOID  WINAPI Sleep(DWORD dwMilliseconds);
WINBASEAPI DWORD WINAPI SleepEx(DWORD dwMilliseconds, BOOL bAlertable);
WINBASEAPI DWORD WINAPI GetTickCount(void);
WINBASEAPI ULONGLONG WINAPI GetTickCount64(void);
WINBASEAPI BOOL  WINAPI QueryPerformanceCounter(LARGE_INTEGER *lpPerformanceCount);
WINBASEAPI BOOL  WINAPI QueryPerformanceFrequency(LARGE_INTEGER *lpFrequency);

/* ---- Events ---- */
WINBASEAPI HANDLE WINAPI CreateEventA(LPSECURITY_ATTRIBUTES lpEventAttributes,
	BOOL bManualReset, BOOL bInitialState, LPCSTR lpName);
WINBASEAPI HANDLE WINAPI CreateEventW(LPSECURITY_ATTRIBUTES lpEventAttributes,
	BOOL bManualReset, BOOL bInitialState, LPCWSTR lpName);
WINBASEAPI BOOL WINAPI SetEvent(HANDLE hEvent);
WINBASEAPI BOOL WINAPI ResetEvent(HANDLE hEvent);
WINBASEAPI BOOL WINAPI PulseEvent(HANDLE hEvent);

/* ---- Semaphores and mutexes ---- */
WINBASEAPI HANDLE WINAPI CreateSemaphoreA(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes,
	LONG lInitialCount, LONG lMaximumCount, LPCSTR lpName);
WINBASEAPI HANDLE WINAPI CreateSemaphoreW(LPSECURITY_ATTRIBUTES lpSemaphoreAttributes,
	LONG lInitialCount, LONG lMaximumCount, LPCWSTR lpName);
WINBASEAPI BOOL WINAPI ReleaseSemaphore(HANDLE hSemaphore, LONG lReleaseCount,
	LPLONG lpPreviousCount);
WINBASEAPI HANDLE WINAPI CreateMutexA(LPSECURITY_ATTRIBUTES lpMutexAttributes,
	BOOL bInitialOwner, LPCSTR lpName);
WINBASEAPI HANDLE WINAPI CreateMutexW(LPSECURITY_ATTRIBUTES lpMutexAttributes,
	BOOL bInitialOwner, LPCWSTR lpName);
WINBASEAPI BOOL WINAPI ReleaseMutex(HANDLE hMutex);

/* ---- Critical sections ---- */
WINBASEAPI VOID WINAPI InitializeCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
WINBASEAPI BOOL WINAPI InitializeCriticalSectionAndSpinCount(
	LPCRITICAL_SECTION lpCriticalSection, DWORD dwSpinCount);
WINBASEAPI VOID WINAPI EnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
WINBASEAPI BOOL WINAPI TryEnterCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
WINBASEAPI VOID WINAPI LeaveCriticalSection(LPCRITICAL_SECTION lpCriticalSection);
WINBASEAPI VOID WINAPI DeleteCriticalSection(LPCRITICAL_SECTION lpCriticalSection);

/* ---- Files and handle I/O ---- */
WINBASEAPI HANDLE WINAPI CreateFileA(LPCSTR lpFileName, DWORD dwDesiredAccess,
	DWORD dwShareMode, LPSECURITY_ATTRIBUTES lpSecurityAttributes,
	DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes, HANDLE hTemplateFile);
WINBASEAPI HANDLE WINAPI CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess,
	DWORD dwShareMode, LPSECURITY_ATTRIBUTES lpSecurityAttributes,
	DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes, HANDLE hTemplateFile);
WINBASEAPI BOOL WINAPI DeleteFileA(LPCSTR lpFileName);
WINBASEAPI BOOL WINAPI DeleteFileW(LPCWSTR lpFileName);
WINBASEAPI BOOL WINAPI CreatePipe(PHANDLE hReadPipe, PHANDLE hWritePipe,
	LPSECURITY_ATTRIBUTES lpPipeAttributes, DWORD nSize);
WINBASEAPI HANDLE WINAPI GetStdHandle(DWORD nStdHandle);
WINBASEAPI BOOL WINAPI FlushFileBuffers(HANDLE hFile);
WINBASEAPI BOOL WINAPI GetFileSizeEx(HANDLE hFile, PLARGE_INTEGER lpFileSize);
WINBASEAPI BOOL WINAPI SetFilePointerEx(HANDLE hFile, LARGE_INTEGER liDistanceToMove,
	PLARGE_INTEGER lpNewFilePointer, DWORD dwMoveMethod);
WINBASEAPI DWORD  WINAPI GetFileType(HANDLE hFile);
WINBASEAPI BOOL WINAPI ReadFile(HANDLE hFile, LPVOID lpBuffer,
	DWORD nNumberOfBytesToRead, LPDWORD lpNumberOfBytesRead, LPOVERLAPPED lpOverlapped);
WINBASEAPI BOOL WINAPI WriteFile(HANDLE hFile, LPCVOID lpBuffer,
	DWORD nNumberOfBytesToWrite, LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped);
WINBASEAPI BOOL WINAPI ReadFileEx(HANDLE hFile, LPVOID lpBuffer,
	DWORD nNumberOfBytesToRead, LPOVERLAPPED lpOverlapped,
	LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINBASEAPI BOOL WINAPI WriteFileEx(HANDLE hFile, LPCVOID lpBuffer,
	DWORD nNumberOfBytesToWrite, LPOVERLAPPED lpOverlapped,
	LPOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine);
WINBASEAPI BOOL WINAPI GetOverlappedResult(HANDLE hFile, LPOVERLAPPED lpOverlapped,
	LPDWORD lpNumberOfBytesTransferred, BOOL bWait);
WINBASEAPI BOOL WINAPI GetOverlappedResultEx(HANDLE hFile, LPOVERLAPPED lpOverlapped,
	LPDWORD lpNumberOfBytesTransferred, DWORD dwMilliseconds, BOOL bAlertable);
WINBASEAPI BOOL WINAPI CancelIo(HANDLE hFile);
WINBASEAPI BOOL WINAPI CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped);
WINBASEAPI BOOL WINAPI CancelSynchronousIo(HANDLE hThread);
WINBASEAPI BOOL WINAPI SetFileCompletionNotificationModes(HANDLE FileHandle, UCHAR Flags);

/* ---- I/O completion ports ---- */
WINBASEAPI HANDLE WINAPI CreateIoCompletionPort(HANDLE FileHandle,
	HANDLE ExistingCompletionPort, ULONG_PTR CompletionKey,
	DWORD NumberOfConcurrentThreads);
WINBASEAPI BOOL WINAPI GetQueuedCompletionStatus(HANDLE CompletionPort,
	LPDWORD lpNumberOfBytesTransferred, PULONG_PTR lpCompletionKey,
	LPOVERLAPPED *lpOverlapped, DWORD dwMilliseconds);
WINBASEAPI BOOL WINAPI GetQueuedCompletionStatusEx(HANDLE CompletionPort,
	LPOVERLAPPED_ENTRY lpCompletionPortEntries, ULONG ulCount,
	PULONG ulNumEntriesRemoved, DWORD dwMilliseconds, BOOL fAlertable);
WINBASEAPI BOOL WINAPI PostQueuedCompletionStatus(HANDLE CompletionPort,
	DWORD dwNumberOfBytesTransferred, ULONG_PTR dwCompletionKey,
	LPOVERLAPPED lpOverlapped);

/* ---- ANSI / wide switch ---- */
#ifdef UNICODE
#define FormatMessage FormatMessageW
#define CreateEvent   CreateEventW
#define CreateSemaphore CreateSemaphoreW
#define CreateMutex   CreateMutexW
#define CreateFile    CreateFileW
#define DeleteFile    DeleteFileW
#else
#define FormatMessage FormatMessageA
#define CreateEvent   CreateEventA
#define CreateSemaphore CreateSemaphoreA
#define CreateMutex   CreateMutexA
#define CreateFile    CreateFileA
#define DeleteFile    DeleteFileA
#endif

#ifdef __cplusplus
}
#endif

#endif /* _WINBASE_ */
