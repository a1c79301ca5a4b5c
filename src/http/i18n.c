/* The message table of the web UI: each id with its Dutch and English
 * text (i18n.h holds the list, so the ids and texts cannot drift). */
#include <string.h>

#include "http/i18n.h"

static const char *const texts[MSG_COUNT][2] = {
#define MK_MSG_TEXT(id, nl, en) [MSG_##id] = {nl, en},
	MK_MESSAGES(MK_MSG_TEXT)
#undef MK_MSG_TEXT
};

const char *mk_lang(const char *lang)
{
	return lang && strcmp(lang, "en") == 0 ? "en" : "nl";
}

const char *mk_t(const char *lang, enum mk_msg id)
{
	if ((unsigned)id >= MSG_COUNT)
		return "";
	return texts[id][lang && strcmp(lang, "en") == 0 ? 1 : 0];
}
