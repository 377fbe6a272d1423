/* kernel32/message: FormatMessageA, FormatMessageW.
 *
 * One engine formats in UTF-8 (our ANSI code page) and the W entry point converts at the edge,
 * as the rest of linsock does (base/wstr.h). Sources: the system message table (err/messages.def,
 * Microsoft's English text) or a caller string. Behaviour is Microsoft's FormatMessage reference:
 * inserts %1..%99 with an optional !printf-spec!, the escapes %0 %n %% %space %. %!, the line
 * width rules of FORMAT_MESSAGE_MAX_WIDTH_MASK, and the nSize / ALLOCATE_BUFFER contract. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include "../base/lasterr.h"
#include "../base/trace.h"
#include "../base/wstr.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef ERROR_RESOURCE_TYPE_NOT_FOUND
#define ERROR_RESOURCE_TYPE_NOT_FOUND 1813
#endif
#ifndef ERROR_RESOURCE_LANG_NOT_FOUND
#define ERROR_RESOURCE_LANG_NOT_FOUND 1815
#endif

/* The documented ceiling of an allocated message: beyond it FormatMessage fails with
 * ERROR_MORE_DATA rather than allocate without bound. */
#define MAX_ALLOC_BYTES (128 * 1024)

static const char *system_text(DWORD id)
{
	/* A switch, so that two rows for one code are a compile error. */
	switch (id) {
#define X(code, text) case code: return text;
#include "../err/messages.def"
#undef X
	}
	return NULL;
}

/* Only English text exists: neutral (0, user/system default) and any English sublanguage
 * are served, anything else is what Windows reports for a language the table lacks. */
static int language_ok(DWORD lang)
{
	WORD primary = PRIMARYLANGID((WORD)lang);

	if (lang > 0xFFFF)
		return 0;
	return primary == LANG_NEUTRAL || primary == LANG_ENGLISH;
}

/* Growable UTF-8 output. */
struct out {
	char *buf;
	size_t len, cap;
	int oom;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->oom)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 256;
		char *b;

		while (o->len + n + 1 > cap)
			cap *= 2;
		b = realloc(o->buf, cap);
		if (!b) {
			o->oom = 1;
			return;
		}
		o->buf = b;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = 0;
}

static void putc1(struct out *o, char c)
{
	put(o, &c, 1);
}

/* Insert arguments: an array of DWORD_PTR (FORMAT_MESSAGE_ARGUMENT_ARRAY) or the caller's
 * va_list. A va_list can only be read in order, so values are fetched once, in argument order,
 * each as one pointer-sized slot (what the x64 calling convention passes for every integer and
 * pointer), and kept for inserts that name an earlier number again. */
struct args {
	const DWORD_PTR *array;
	va_list *list;
	DWORD_PTR seen[99];
	int nseen;
};

static int get_arg(struct args *a, int n, DWORD_PTR *v)
{
	if (a->array) {
		*v = a->array[n - 1];
		return 1;
	}
	if (!a->list)
		return 0;
	while (a->nseen < n)
		a->seen[a->nseen++] = va_arg(*a->list, DWORD_PTR);
	*v = a->seen[n - 1];
	return 1;
}

/* UTF-8 of one code point (a WCHAR from a wide %c). */
static size_t utf8_of(uint32_t c, char *b)
{
	uint16_t w[2] = { (uint16_t)c, 0 };

	return ls_wstr_to_utf8(b, 8, w) - 1;
}

/* Formats one insert's value by its printf-style spec (the text between the '!'s, "s" when
 * absent). wide says whether this is FormatMessageW, where %s is a WCHAR string and %S a char
 * one (and the reverse in the A function), as in Microsoft's printf. Returns 0 on a spec
 * FormatMessage does not take (floating point, '*', unknown conversions). */
static int format_insert(struct out *o, const char *spec, size_t speclen, DWORD_PTR v, int wide)
{
	char flags[64], cfmt[80], tmp[128];
	size_t f = 0, i = 0;
	int is_short = 0, is_64 = 0, is_wide_mod = 0, is_narrow_mod = 0;
	char conv;
	int n;

	if (speclen == 0 || speclen >= sizeof flags - 8)
		return 0;
	/* Flags, width and precision pass through to the C library; only digits and the
	 * printf flag characters are allowed there. */
	while (i < speclen && strchr("-+ #0123456789.", spec[i]))
		flags[f++] = spec[i++];
	flags[f] = 0;
	/* Size prefixes: Microsoft's h, l, w, I, I32, I64, ll. Windows' long is 32 bits. */
	while (i < speclen - 1) {
		if (spec[i] == 'h') {
			is_short = 1;
			is_narrow_mod = 1;
			i++;
		} else if (spec[i] == 'l' && spec[i + 1] == 'l') {
			is_64 = 1;
			i += 2;
		} else if (spec[i] == 'l' || spec[i] == 'w') {
			is_wide_mod = 1;	/* for integers a no-op: Windows' long is int */
			i++;
		} else if (spec[i] == 'I' && i + 2 < speclen && spec[i + 1] == '6' && spec[i + 2] == '4') {
			is_64 = 1;
			i += 3;
		} else if (spec[i] == 'I' && i + 2 < speclen && spec[i + 1] == '3' && spec[i + 2] == '2') {
			i += 3;
		} else if (spec[i] == 'I') {
			is_64 = 1;	/* pointer-sized: 64 bits on x64 */
			i++;
		} else {
			return 0;
		}
	}
	if (i != speclen - 1)
		return 0;
	conv = spec[i];
	switch (conv) {
	case 'd':
	case 'i': {
		long long x = is_64 ? (long long)v : is_short ? (long long)(short)v : (long long)(int)v;

		snprintf(cfmt, sizeof cfmt, "%%%slld", flags);
		n = snprintf(tmp, sizeof tmp, cfmt, x);
		break;
	}
	case 'u':
	case 'x':
	case 'X':
	case 'o': {
		unsigned long long x = is_64 ? (unsigned long long)v :
			is_short ? (unsigned long long)(unsigned short)v : (unsigned long long)(unsigned int)v;

		snprintf(cfmt, sizeof cfmt, "%%%sll%c", flags, conv);
		n = snprintf(tmp, sizeof tmp, cfmt, x);
		break;
	}
	case 'p':
		/* Microsoft prints a pointer as all its hex digits, upper case. */
		n = snprintf(tmp, sizeof tmp, "%016llX", (unsigned long long)v);
		break;
	case 'c':
	case 'C': {
		int w = is_wide_mod ? 1 : is_narrow_mod ? 0 : ((conv == 'c') == !!wide);
		char ch[8];
		size_t cl;

		if (w) {
			cl = utf8_of((uint32_t)(v & 0xFFFF), ch);
		} else {
			ch[0] = (char)(v & 0xFF);
			cl = 1;
		}
		ch[cl] = 0;
		snprintf(cfmt, sizeof cfmt, "%%%ss", flags);
		n = snprintf(tmp, sizeof tmp, cfmt, ch);
		break;
	}
	case 's':
	case 'S': {
		int w = is_wide_mod ? 1 : is_narrow_mod ? 0 : ((conv == 's') == !!wide);
		const char *s;
		char *conv8 = NULL;
		char *big;
		int need;

		if (!v)
			s = "(null)";
		else if (w)
			s = conv8 = ls_wstr_to_utf8_new((const uint16_t *)v);
		else
			s = (const char *)v;
		if (!s) {
			o->oom = 1;
			return 1;
		}
		/* Strings can be long: size the result instead of using tmp. */
		snprintf(cfmt, sizeof cfmt, "%%%ss", flags);
		need = snprintf(NULL, 0, cfmt, s);
		big = need >= 0 ? malloc((size_t)need + 1) : NULL;
		if (!big) {
			free(conv8);
			o->oom = 1;
			return 1;
		}
		snprintf(big, (size_t)need + 1, cfmt, s);
		put(o, big, (size_t)need);
		free(big);
		free(conv8);
		return 1;
	}
	default:
		return 0;	/* e, f, g, n...: FormatMessage formats no floating point */
	}
	if (n < 0 || (size_t)n >= sizeof tmp)
		return 0;
	put(o, tmp, (size_t)n);
	return 1;
}

/* Inserts the regular line breaks of max-width output, which cannot exceed width columns:
 * the last space before the limit becomes a CRLF. A word longer than a line is not split
 * (Microsoft: "never splits a string delimited by white space"). */
static void wrap(struct out *o, unsigned width)
{
	struct out w = { 0 };
	size_t i = 0, line = 0;

	while (i < o->len) {
		size_t col = 0, lastsp = (size_t)-1, j;

		/* One output line: up to a hard CRLF or the end. */
		line = i;
		for (j = i; j < o->len && o->buf[j] != '\n' && o->buf[j] != '\r'; j++) {
			if (o->buf[j] == ' ')
				lastsp = j;
			if (++col > width && lastsp != (size_t)-1 && lastsp > line) {
				put(&w, o->buf + line, lastsp - line);
				put(&w, "\r\n", 2);
				line = lastsp + 1;
				col = j - lastsp;
				lastsp = (size_t)-1;
			}
		}
		put(&w, o->buf + line, j - line);
		/* Copy the hard break itself. */
		while (j < o->len && (o->buf[j] == '\r' || o->buf[j] == '\n'))
			putc1(&w, o->buf[j++]);
		i = j;
	}
	free(o->buf);
	*o = w;
	if (!o->buf)
		put(o, "", 0);
}

/* Expands src into o. Returns ERROR_SUCCESS or the Win32 code of the failure. */
static DWORD expand(struct out *o, const char *src, DWORD flags, struct args *a, int wide)
{
	unsigned width = flags & FORMAT_MESSAGE_MAX_WIDTH_MASK;
	int ignore = !!(flags & FORMAT_MESSAGE_IGNORE_INSERTS);
	const char *p = src;

	while (*p) {
		if (*p == '\r' || *p == '\n') {
			/* A regular line break of the message text: kept as written when no width is
			 * set, otherwise one space (Windows ends a max-width system message with a
			 * space where its CRLF was). */
			size_t n = (p[0] == '\r' && p[1] == '\n') ? 2 : 1;

			if (width)
				putc1(o, ' ');
			else
				put(o, p, n);
			p += n;
			continue;
		}
		if (*p != '%') {
			const char *q = p;

			while (*q && *q != '%' && *q != '\r' && *q != '\n')
				q++;
			put(o, p, (size_t)(q - p));
			p = q;
			continue;
		}
		p++;	/* past '%' */
		if (*p >= '1' && *p <= '9') {
			const char *start = p - 1;
			int num = *p++ - '0';
			const char *spec = "s";
			size_t speclen = 1;
			DWORD_PTR v;

			if (*p >= '0' && *p <= '9')
				num = num * 10 + (*p++ - '0');
			if (ignore) {
				/* Passed through unchanged for formatting later; a !spec! that follows
				 * is copied as the plain text it then is. */
				put(o, start, (size_t)(p - start));
				continue;
			}
			if (*p == '!') {
				const char *end = strchr(p + 1, '!');

				if (!end)
					return ERROR_INVALID_PARAMETER;
				spec = p + 1;
				speclen = (size_t)(end - spec);
				p = end + 1;
			}
			if (!get_arg(a, num, &v))
				return ERROR_INVALID_PARAMETER;
			if (!format_insert(o, spec, speclen, v, wide))
				return ERROR_INVALID_PARAMETER;
			continue;
		}
		switch (*p) {
		case '0':
			return o->oom ? ERROR_NOT_ENOUGH_MEMORY : ERROR_SUCCESS;	/* ends the message, no break */
		case 'n':
			put(o, "\r\n", 2);	/* hard line break: kept whatever the width */
			break;
		case 'r':
			putc1(o, '\r');
			break;
		case 't':
			putc1(o, '\t');
			break;
		case '%':
			/* Under IGNORE_INSERTS the result may be formatted again: keep the escape. */
			put(o, "%%", ignore ? 2 : 1);
			break;
		case 0:
			continue;	/* a lone '%' at the end: nothing */
		default:
			putc1(o, *p);	/* %space, %., %! and anything else: the character itself */
			break;
		}
		p++;
	}
	if (o->oom)
		return ERROR_NOT_ENOUGH_MEMORY;
	if (width && width != FORMAT_MESSAGE_MAX_WIDTH_MASK)
		wrap(o, width);
	return o->oom ? ERROR_NOT_ENOUGH_MEMORY : ERROR_SUCCESS;
}

/* Both entry points: formats into a UTF-8 string (*res, malloc'd) or returns the failure code. */
static DWORD format(DWORD flags, LPCVOID source, DWORD id, DWORD lang, va_list *arguments, int wide,
		    char **res, size_t *reslen)
{
	struct out o = { 0 };
	struct args a = { 0 };
	char *src8 = NULL;
	const char *src;
	DWORD err;

	if (flags & FORMAT_MESSAGE_FROM_STRING) {
		if (flags & (FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_FROM_HMODULE))
			return ERROR_INVALID_PARAMETER;
		if (!source)
			return ERROR_INVALID_PARAMETER;
		if (wide) {
			src8 = ls_wstr_to_utf8_new(source);
			if (!src8)
				return ERROR_NOT_ENOUGH_MEMORY;
			src = src8;
		} else {
			src = source;
		}
	} else if (flags & (FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_FROM_HMODULE)) {
		const char *text;
		size_t tl;

		/* linsock loads no message-table modules; a module's table is searched and found
		 * lacking, then the system table if the caller allowed it. */
		if ((flags & FORMAT_MESSAGE_FROM_HMODULE) && source && !(flags & FORMAT_MESSAGE_FROM_SYSTEM))
			return ERROR_RESOURCE_TYPE_NOT_FOUND;
		/* The table is looked up by language before message number, as Windows does. */
		if (!language_ok(lang))
			return ERROR_RESOURCE_LANG_NOT_FOUND;
		text = system_text(id);
		if (!text)
			return ERROR_MR_MID_NOT_FOUND;
		/* Every message-table entry ends with a regular line break (messages.def). */
		tl = strlen(text);
		src8 = malloc(tl + 3);
		if (!src8)
			return ERROR_NOT_ENOUGH_MEMORY;
		memcpy(src8, text, tl);
		memcpy(src8 + tl, "\r\n", 3);
		src = src8;
	} else {
		return ERROR_INVALID_PARAMETER;
	}
	if (flags & FORMAT_MESSAGE_ARGUMENT_ARRAY)
		a.array = (const DWORD_PTR *)arguments;
	else
		a.list = arguments;
	err = expand(&o, src, flags, &a, wide);
	free(src8);
	if (err == ERROR_SUCCESS && !o.buf)
		put(&o, "", 0);
	if (err == ERROR_SUCCESS && o.oom)
		err = ERROR_NOT_ENOUGH_MEMORY;
	if (err != ERROR_SUCCESS) {
		free(o.buf);
		return err;
	}
	*res = o.buf;
	*reslen = o.len;
	return ERROR_SUCCESS;
}

/* Delivers n units of size unit (text includes its terminator, n excludes it) to the caller:
 * its buffer of nsize units, or a LocalAlloc'd one of at least nsize units whose address goes
 * to *(void **)buffer. Returns n, or 0 with the slot set. */
static DWORD deliver(DWORD flags, void *buffer, DWORD nsize, const void *text, size_t n, size_t unit)
{
	if (flags & FORMAT_MESSAGE_ALLOCATE_BUFFER) {
		size_t units = n + 1 > nsize ? n + 1 : nsize;
		HLOCAL mem;

		if ((n + 1) * unit > MAX_ALLOC_BYTES) {
			ls_lasterr_set(ERROR_MORE_DATA);
			return 0;
		}
		mem = LocalAlloc(LMEM_FIXED, units * unit);
		if (!mem)
			return 0;	/* LocalAlloc set ERROR_NOT_ENOUGH_MEMORY */
		memcpy(mem, text, (n + 1) * unit);
		*(void **)buffer = mem;
		return (DWORD)n;
	}
	if (n + 1 > nsize || !buffer) {
		ls_lasterr_set(ERROR_INSUFFICIENT_BUFFER);
		return 0;
	}
	memcpy(buffer, text, (n + 1) * unit);
	return (DWORD)n;
}

/* The shared prologue: the allocated-buffer pointer starts out NULL so that a caller who
 * LocalFrees it after a failure frees nothing. */
static int check_alloc_target(DWORD flags, void *buffer)
{
	if (!(flags & FORMAT_MESSAGE_ALLOCATE_BUFFER))
		return 1;
	if (!buffer)
		return 0;
	*(void **)buffer = NULL;
	return 1;
}

DWORD WINAPI FormatMessageA(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD dwLanguageId,
			    LPSTR lpBuffer, DWORD nSize, va_list *Arguments)
{
	char *text;
	size_t len;
	DWORD err, r;

	LS_TRACE_CALL("%s, %p, %lu, %lu, %p, %lu, %p", ls_trace_format_flags(dwFlags), (const void *)lpSource,
		 (unsigned long)dwMessageId, (unsigned long)dwLanguageId, (const void *)lpBuffer, (unsigned long)nSize,
		 (const void *)Arguments);
	if (!check_alloc_target(dwFlags, lpBuffer)) {
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return LS_TRACE_RET_COUNT(0);
	}
	err = format(dwFlags, lpSource, dwMessageId, dwLanguageId, Arguments, 0, &text, &len);
	if (err != ERROR_SUCCESS) {
		ls_lasterr_set(err);
		return LS_TRACE_RET_COUNT(0);
	}
	r = deliver(dwFlags, lpBuffer, nSize, text, len, 1);
	free(text);
	return LS_TRACE_RET_COUNT(r);
}

DWORD WINAPI FormatMessageW(DWORD dwFlags, LPCVOID lpSource, DWORD dwMessageId, DWORD dwLanguageId,
			    LPWSTR lpBuffer, DWORD nSize, va_list *Arguments)
{
	uint16_t *w;
	char *text;
	size_t len, units;
	DWORD err, r;

	LS_TRACE_CALL("%s, %p, %lu, %lu, %p, %lu, %p", ls_trace_format_flags(dwFlags), (const void *)lpSource,
		 (unsigned long)dwMessageId, (unsigned long)dwLanguageId, (const void *)lpBuffer, (unsigned long)nSize,
		 (const void *)Arguments);
	if (!check_alloc_target(dwFlags, lpBuffer)) {
		ls_lasterr_set(ERROR_INVALID_PARAMETER);
		return LS_TRACE_RET_COUNT(0);
	}
	err = format(dwFlags, lpSource, dwMessageId, dwLanguageId, Arguments, 1, &text, &len);
	if (err != ERROR_SUCCESS) {
		ls_lasterr_set(err);
		return LS_TRACE_RET_COUNT(0);
	}
	/* The count that matters is in WCHARs, so convert before checking nSize. */
	units = ls_wstr_from_utf8(NULL, 0, text);
	w = malloc(units * sizeof *w);
	if (!w) {
		free(text);
		ls_lasterr_set(ERROR_NOT_ENOUGH_MEMORY);
		return LS_TRACE_RET_COUNT(0);
	}
	ls_wstr_from_utf8(w, units, text);
	free(text);
	(void)len;
	r = deliver(dwFlags, lpBuffer, nSize, w, units - 1, sizeof *w);
	free(w);
	return LS_TRACE_RET_COUNT(r);
}
