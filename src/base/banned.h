/* Functions we do not call (STYLE.md "Strings"): unbounded copies and
 * formatting, a tokenizer with hidden state, and broken-down time through
 * the process's time zone (we compute Amsterdam time ourselves, see
 * time.h). The system headers come first so that their declarations are
 * seen before the macros; after this, a call fails to compile. */
#ifndef MK_BASE_BANNED_H
#define MK_BASE_BANNED_H

#include <stdio.h>
#include <string.h>
#include <time.h>

#define MK_BANNED(func) sorry_##func##_is_banned_in_meldkamer

#undef strcpy
#define strcpy(x, y) MK_BANNED(strcpy)
#undef strcat
#define strcat(x, y) MK_BANNED(strcat)
#undef strncpy
#define strncpy(x, y, n) MK_BANNED(strncpy)
#undef sprintf
#define sprintf(...) MK_BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) MK_BANNED(vsprintf)
#undef strtok
#define strtok(x, y) MK_BANNED(strtok)
#undef gmtime
#define gmtime(t) MK_BANNED(gmtime)
#undef localtime
#define localtime(t) MK_BANNED(localtime)
#undef gmtime_r
#define gmtime_r(t, tm) MK_BANNED(gmtime_r)
#undef localtime_r
#define localtime_r(t, tm) MK_BANNED(localtime_r)

#endif
