/* SetConsoleCtrlHandler, GenerateConsoleCtrlEvent, ExitProcess: handlers run on a new thread (not
 * in a signal handler, not on the thread that got the signal), most recently added first, until
 * one returns TRUE; with none returning TRUE the process exits with STATUS_CONTROL_C_EXIT, as
 * Windows' default handler does. Real signals to self stand for the keyboard: SIGINT is Ctrl-C,
 * SIGQUIT (Ctrl-\) Ctrl-Break, SIGHUP/SIGTERM the console closing (docs/design.md C). Exits are
 * checked in forked children (console_posix.h). */
#include <windows.h>

#include "console_posix.h"
#include "test.h"

static HANDLE done;
static volatile LONG calls;
static DWORD order[8], events[8], threads[8];

static void record(int who, DWORD ev)
{
	LONG i = __atomic_fetch_add(&calls, 1, __ATOMIC_SEQ_CST);

	if (i < 8) {
		order[i] = (DWORD)who;
		events[i] = ev;
		threads[i] = GetCurrentThreadId();
	}
}

static BOOL WINAPI h_false(DWORD ev)
{
	record(1, ev);
	return FALSE;
}

static BOOL WINAPI h_true(DWORD ev)
{
	record(2, ev);
	SetEvent(done);
	return TRUE;
}

static BOOL WINAPI h_false2(DWORD ev)
{
	record(3, ev);
	return FALSE;
}

static void setup(void)
{
	done = CreateEventA(NULL, FALSE, FALSE, NULL);
	ASSERT_TRUE(done != NULL);
	calls = 0;
}

/* Ctrl-C from a real SIGINT: last added first, FALSE passes on, TRUE stops; a new thread. */
TEST(SetConsoleCtrlHandler_order_and_thread)
{
	setup();
	ASSERT_TRUE(SetConsoleCtrlHandler(h_true, TRUE));
	ASSERT_TRUE(SetConsoleCtrlHandler(h_false, TRUE));
	ASSERT_TRUE(SetConsoleCtrlHandler(h_false2, TRUE));
	cp_kill_self("INT");
	ASSERT_EQ(WaitForSingleObject(done, 10000), WAIT_OBJECT_0);
	ASSERT_EQ(calls, 3);
	ASSERT_EQ(order[0], 3);
	ASSERT_EQ(order[1], 1);
	ASSERT_EQ(order[2], 2);
	for (int i = 0; i < 3; i++) {
		ASSERT_EQ(events[i], CTRL_C_EVENT);
		ASSERT_NE(threads[i], GetCurrentThreadId());
		ASSERT_EQ(threads[i], threads[0]);	/* one thread walks the chain */
	}
	ASSERT_TRUE(CloseHandle(done));
}

/* TRUE from the newest handler: the older ones are not called. SIGQUIT is Ctrl-Break. */
TEST(SetConsoleCtrlHandler_true_stops_chain)
{
	setup();
	ASSERT_TRUE(SetConsoleCtrlHandler(h_false, TRUE));
	ASSERT_TRUE(SetConsoleCtrlHandler(h_true, TRUE));
	cp_kill_self("QUIT");
	ASSERT_EQ(WaitForSingleObject(done, 10000), WAIT_OBJECT_0);
	ASSERT_EQ(calls, 1);
	ASSERT_EQ(order[0], 2);
	ASSERT_EQ(events[0], CTRL_BREAK_EVENT);
	ASSERT_TRUE(CloseHandle(done));
}

/* Removal: the handler is no longer called; removing one not registered is
 * ERROR_INVALID_PARAMETER. */
TEST(SetConsoleCtrlHandler_remove)
{
	setup();
	ASSERT_TRUE(SetConsoleCtrlHandler(h_true, TRUE));
	ASSERT_TRUE(SetConsoleCtrlHandler(h_false, TRUE));
	ASSERT_TRUE(SetConsoleCtrlHandler(h_false, FALSE));
	SetLastError(0xdeadbeef);
	ASSERT_EQ(SetConsoleCtrlHandler(h_false, FALSE), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(SetConsoleCtrlHandler(h_false2, FALSE), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	ASSERT_TRUE(GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0));
	ASSERT_EQ(WaitForSingleObject(done, 10000), WAIT_OBJECT_0);
	ASSERT_EQ(calls, 1);
	ASSERT_EQ(order[0], 2);
	ASSERT_TRUE(CloseHandle(done));
}

/* SetConsoleCtrlHandler(NULL, TRUE) ignores Ctrl-C only: Ctrl-Break still reaches the chain.
 * The Ctrl-C is sent first, so its thread starts first. */
TEST(SetConsoleCtrlHandler_null_ignores_ctrl_c)
{
	setup();
	ASSERT_TRUE(SetConsoleCtrlHandler(h_true, TRUE));
	ASSERT_TRUE(SetConsoleCtrlHandler(NULL, TRUE));
	cp_kill_self("INT");
	ASSERT_TRUE(GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0));
	ASSERT_TRUE(GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 0));
	ASSERT_EQ(WaitForSingleObject(done, 10000), WAIT_OBJECT_0);
	Sleep(50);	/* let a wrongly delivered Ctrl-C show up (no timing is asserted) */
	ASSERT_EQ(calls, 1);
	ASSERT_EQ(events[0], CTRL_BREAK_EVENT);
	/* Children inherit the flag on Windows: here SIGINT is SIG_IGN, what exec passes on. */
	ASSERT_TRUE(cp_sigint_ignored());
	/* NULL, FALSE: Ctrl-C handled again. */
	ASSERT_TRUE(SetConsoleCtrlHandler(NULL, FALSE));
	ASSERT_TRUE(!cp_sigint_ignored());
	ASSERT_TRUE(GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0));
	ASSERT_EQ(WaitForSingleObject(done, 10000), WAIT_OBJECT_0);
	ASSERT_EQ(events[1], CTRL_C_EVENT);
	ASSERT_TRUE(CloseHandle(done));
}

TEST(GenerateConsoleCtrlEvent_bad_event)
{
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GenerateConsoleCtrlEvent(CTRL_CLOSE_EVENT, 0), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(GenerateConsoleCtrlEvent(7, 0), FALSE);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
	/* Ctrl-C cannot be limited to a group: success, nothing delivered (no handler: no exit). */
	ASSERT_TRUE(GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0x7ffffff0));
}

/* ---- Exits, in forked children ---- */

static void child_all_false(void)
{
	SetConsoleCtrlHandler(h_false, TRUE);
	SetConsoleCtrlHandler(h_false2, TRUE);
	cp_kill_self("INT");
	for (;;)
		Sleep(1000);
}

static void child_no_handler_generate(void)
{
	SetConsoleCtrlHandler(NULL, FALSE);	/* starts the machinery, registers nothing */
	GenerateConsoleCtrlEvent(CTRL_BREAK_EVENT, 0);
	for (;;)
		Sleep(1000);
}

static void child_handled(void)
{
	done = CreateEventA(NULL, FALSE, FALSE, NULL);
	SetConsoleCtrlHandler(h_true, TRUE);
	cp_kill_self("INT");
	WaitForSingleObject(done, 10000);
	Sleep(50);
	ExitProcess(7);	/* still alive after a handled Ctrl-C */
}

static BOOL WINAPI h_close_true(DWORD ev)
{
	if (ev != CTRL_CLOSE_EVENT)
		ExitProcess(99);
	return TRUE;
}

static void child_close(void)
{
	SetConsoleCtrlHandler(h_close_true, TRUE);
	cp_kill_self("TERM");
	for (;;)
		Sleep(1000);
}

static BOOL WINAPI h_close_exit(DWORD ev)
{
	ExitProcess(ev == CTRL_CLOSE_EVENT ? 42 : 99);
}

static void child_hup(void)
{
	SetConsoleCtrlHandler(h_close_exit, TRUE);
	cp_kill_self("HUP");
	for (;;)
		Sleep(1000);
}

/* A parent's SIG_IGN on SIGINT is Windows' inherited "ignore Ctrl-C" flag. */
static void child_inherited_ignore(void)
{
	cp_ignore_sigint();
	done = CreateEventA(NULL, FALSE, FALSE, NULL);
	SetConsoleCtrlHandler(h_false, TRUE);
	cp_kill_self("INT");
	GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0);
	Sleep(100);
	if (calls != 0 || !cp_sigint_ignored())
		ExitProcess(1);
	SetConsoleCtrlHandler(NULL, FALSE);
	cp_kill_self("INT");	/* a real Ctrl-C reaches the handlers again */
	GenerateConsoleCtrlEvent(CTRL_C_EVENT, 0);	/* h_false, then the default exit */
	for (;;)
		Sleep(1000);
}

/* Several events taking the default action at once: one exit, with Windows' code. */
static void child_many_defaults(void)
{
	SetConsoleCtrlHandler(h_false, TRUE);
	for (int i = 0; i < 8; i++)
		GenerateConsoleCtrlEvent(i & 1 ? CTRL_BREAK_EVENT : CTRL_C_EVENT, 0);
	for (;;)
		Sleep(1000);
}

TEST(SetConsoleCtrlHandler_default_exit)
{
	/* Linux keeps the low 8 bits of an exit code: 0xC000013A -> 0x3A. */
	ASSERT_EQ(cp_fork(child_all_false), STATUS_CONTROL_C_EXIT & 0xFF);
	ASSERT_EQ(cp_fork(child_no_handler_generate), STATUS_CONTROL_C_EXIT & 0xFF);
	ASSERT_EQ(cp_fork(child_handled), 7);
	ASSERT_EQ(cp_fork(child_inherited_ignore), STATUS_CONTROL_C_EXIT & 0xFF);
	ASSERT_EQ(cp_fork(child_many_defaults), STATUS_CONTROL_C_EXIT & 0xFF);
}

/* The console closing (SIGTERM, SIGHUP): the handler runs with CTRL_CLOSE_EVENT and the process
 * ends even when it returns TRUE. */
TEST(SetConsoleCtrlHandler_close_event)
{
	ASSERT_EQ(cp_fork(child_close), STATUS_CONTROL_C_EXIT & 0xFF);
	ASSERT_EQ(cp_fork(child_hup), 42);
}
