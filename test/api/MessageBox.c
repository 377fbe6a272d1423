/* MessageBoxA/W: no window; the default button's id comes back at once. */
#include <windows.h>

#include "test.h"

TEST(MessageBox_returns_default_button)
{
	static const WCHAR text[] = { 'w', 'i', 'd', 'e', 0 };

	ASSERT_EQ(MessageBoxA(NULL, "test message", "linsock test", MB_OK), IDOK);
	ASSERT_EQ(MessageBoxA(NULL, "q", "c", MB_YESNO | MB_ICONQUESTION), IDYES);
	ASSERT_EQ(MessageBoxA(NULL, "q", "c", MB_YESNO | MB_DEFBUTTON2), IDNO);
	ASSERT_EQ(MessageBoxA(NULL, "q", "c", MB_YESNOCANCEL | MB_DEFBUTTON3), IDCANCEL);
	ASSERT_EQ(MessageBoxA(NULL, NULL, NULL, MB_OKCANCEL), IDOK);
	ASSERT_EQ(MessageBoxW(NULL, text, NULL, MB_RETRYCANCEL | MB_ICONERROR), IDRETRY);
	SetLastError(0xdeadbeef);
	ASSERT_EQ(MessageBoxA(NULL, "q", "c", 0xF), 0);
	ASSERT_EQ(GetLastError(), ERROR_INVALID_PARAMETER);
}
