/* The compiled-in playbooks (playbook.h): a name and its table each. */
#include <stdio.h>
#include <string.h>

#include "core/playbook.h"

extern const char mk_data_playbook_phishing_tsv[];
extern const unsigned long mk_data_playbook_phishing_tsv_len;
extern const char mk_data_playbook_verlies_diefstal_tsv[];
extern const unsigned long mk_data_playbook_verlies_diefstal_tsv_len;
extern const char mk_data_playbook_malware_tsv[];
extern const unsigned long mk_data_playbook_malware_tsv_len;
extern const char mk_data_playbook_ddos_tsv[];
extern const unsigned long mk_data_playbook_ddos_tsv_len;
extern const char mk_data_playbook_accountovername_tsv[];
extern const unsigned long mk_data_playbook_accountovername_tsv_len;
extern const char mk_data_playbook_verkeerde_ontvanger_tsv[];
extern const unsigned long mk_data_playbook_verkeerde_ontvanger_tsv_len;
extern const char mk_data_playbook_defacement_tsv[];
extern const unsigned long mk_data_playbook_defacement_tsv_len;

static const struct {
	const char *name;
	const char *text;
	const unsigned long *len;
	const char *file;
} playbooks[] = {
	{"phishing", mk_data_playbook_phishing_tsv, &mk_data_playbook_phishing_tsv_len,
	 "data/playbooks/phishing.tsv"},
	{"verlies-diefstal", mk_data_playbook_verlies_diefstal_tsv, &mk_data_playbook_verlies_diefstal_tsv_len,
	 "data/playbooks/verlies-diefstal.tsv"},
	{"malware", mk_data_playbook_malware_tsv, &mk_data_playbook_malware_tsv_len,
	 "data/playbooks/malware.tsv"},
	{"ddos", mk_data_playbook_ddos_tsv, &mk_data_playbook_ddos_tsv_len,
	 "data/playbooks/ddos.tsv"},
	{"accountovername", mk_data_playbook_accountovername_tsv, &mk_data_playbook_accountovername_tsv_len,
	 "data/playbooks/accountovername.tsv"},
	{"verkeerde-ontvanger", mk_data_playbook_verkeerde_ontvanger_tsv, &mk_data_playbook_verkeerde_ontvanger_tsv_len,
	 "data/playbooks/verkeerde-ontvanger.tsv"},
	{"defacement", mk_data_playbook_defacement_tsv, &mk_data_playbook_defacement_tsv_len,
	 "data/playbooks/defacement.tsv"},
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
	char known[256] = "";
	size_t len = 0;
	for (size_t i = 0; i < sizeof(playbooks) / sizeof(playbooks[0]) && len < sizeof(known); i++)
		len += (size_t)snprintf(known + len, sizeof(known) - len, "%s%s", i ? ", " : "",
					playbooks[i].name);
	return mk_error_set(err, MK_ENOTFOUND, "playbook", "no playbook '%.40s' (known: %s)", name,
			    known);
}
