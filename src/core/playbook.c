/* The compiled-in playbooks (playbook.h): a name and its table each. */
#include <string.h>

#include "core/playbook.h"

extern const char mk_data_playbook_phishing_tsv[];
extern const unsigned long mk_data_playbook_phishing_tsv_len;

static const struct {
	const char *name;
	const char *text;
	const unsigned long *len;
	const char *file;
} playbooks[] = {
	{"phishing", mk_data_playbook_phishing_tsv, &mk_data_playbook_phishing_tsv_len,
	 "data/playbooks/phishing.tsv"},
};

const char *mk_playbook_name(size_t i)
{
	return i < sizeof(playbooks) / sizeof(playbooks[0]) ? playbooks[i].name : NULL;
}

enum mk_rc mk_playbook_load_default(const char *name, struct mk_checklist *c,
				    struct mk_error *err)
{
	for (size_t i = 0; i < sizeof(playbooks) / sizeof(playbooks[0]); i++)
		if (strcmp(playbooks[i].name, name) == 0)
			return mk_checklist_parse(c, playbooks[i].text, *playbooks[i].len,
						  playbooks[i].file, err);
	return mk_error_set(err, MK_ENOTFOUND, "playbook", "no playbook '%.40s' (known: phishing)",
			    name);
}
