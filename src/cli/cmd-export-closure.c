/* meldkamer export report|ical: the printable incident report (HTML) and
 * the evaluation meeting invitation (iCalendar). Both are written to a
 * new file beside the target and renamed into place when complete, so a
 * failure leaves no partial copy (the report holds personal data). */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/alloc.h"
#include "cli/cli.h"
#include "export/ical.h"
#include "http/report.h"
#include "service/accounts.h"

enum { OPT_OUTPUT = MK_OPT_FIRST_OWN, OPT_DOMAIN };

/* Writes data to path (or standard output for NULL or "-"). */
static int write_out(struct mk_cli *cli, const char *path, const char *data, size_t len)
{
	int status = mk_cli_check_output(cli, path);
	if (status)
		return status;
	if (!path || strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len) {
			mk_cli_error("%s: cannot write the output\n", cli->prog);
			return 1;
		}
		return 0;
	}
	struct stat sb;
	if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		mk_cli_error("%s: '%s' is not a regular file: not replacing it\n", cli->prog, path);
		return 2;
	}
	char tmp[4096];
	int n = snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
	int fd = n > 0 && (size_t)n < sizeof(tmp) ? mkstemp(tmp) : -1;
	if (fd < 0) {
		mk_cli_error("%s: cannot write '%s': %s\n", cli->prog, path, strerror(errno));
		return 1;
	}
	/* Only the owner reads a report: it may hold personal data. */
	fchmod(fd, 0600);
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	bool ok = off == len && fsync(fd) == 0;
	int saved = errno;
	if (close(fd) != 0)
		ok = false;
	if (!ok || rename(tmp, path) != 0) {
		mk_cli_error("%s: cannot write '%s': %s\n", cli->prog, path,
			     strerror(ok ? errno : saved));
		unlink(tmp);
		return 1;
	}
	return 0;
}

static int parse_output(struct mk_cli *cli, int argc, char **argv, const char **ret_output,
			const char **ret_domain)
{
	static const struct option opts[] = {
		MK_CLI_COMMON_OPTIONS,
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"mail-domain", required_argument, NULL, OPT_DOMAIN},
		{0},
	};
	int c;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1) {
		if (c == -2)
			return 2;
		if (c == OPT_OUTPUT)
			*ret_output = optarg;
		else if (c == OPT_DOMAIN)
			*ret_domain = optarg;
	}
	if (argc - optind != 1)
		return mk_cli_usage_error(cli, "needs the incident key");
	return 0;
}

int mk_cmd_export_report(struct mk_cli *cli, int argc, char **argv)
{
	const char *output = NULL, *domain = NULL;
	int status = parse_output(cli, argc, argv, &output, &domain);
	if (status)
		return status;
	if ((status = mk_cli_open(cli, MK_STORE_READ)))
		return status;
	struct mk_buf page;
	mk_buf_init(&page, MK_REPORT_MAX);
	struct mk_error err = {0};
	if (mk_report_html(cli->svc, argv[optind], cli->now, cli->actor.name, &page, &err))
		status = mk_cli_fail(cli, &err);
	else if ((status = write_out(cli, output, page.data, page.len)) == 0 && output &&
		 strcmp(output, "-") != 0)
		mk_cli_error("wrote the report of %s to '%s' (%zu bytes)\n", argv[optind], output,
			     page.len);
	mk_buf_release(&page);
	return status;
}

struct team_people {
	struct mk_service *svc;
	const char *domain;
	struct mk_ical_person people[64];
	char names[64][MK_NAME_MAX + 1];
	char addrs[64][MK_ACCOUNT_NAME_MAX + 256];
	size_t n;
};

static enum mk_rc add_member(void *ctx, const char *login)
{
	struct team_people *tp = ctx;
	if (tp->n == sizeof(tp->people) / sizeof(tp->people[0]))
		return MK_OK; /* a team beyond 64 is invited by hand */
	struct mk_account a;
	struct mk_error err;
	bool found = mk_svc_user_get(tp->svc, login, &a, &err) == MK_OK;
	snprintf(tp->names[tp->n], sizeof(tp->names[0]), "%s", found ? a.display_name : login);
	mk_ical_account_address(login, tp->domain, tp->addrs[tp->n], sizeof(tp->addrs[0]));
	tp->people[tp->n] = (struct mk_ical_person){tp->names[tp->n], tp->addrs[tp->n]};
	tp->n++;
	return MK_OK;
}

struct meeting_read {
	mk_time at;
	int minutes, sequence;
};

static enum mk_rc read_meeting(void *ctx, const struct mk_evaluation_view *v)
{
	struct meeting_read *m = ctx;
	m->at = v->meeting_at;
	m->minutes = v->meeting_minutes;
	m->sequence = v->meeting_sequence;
	return MK_OK;
}

int mk_cmd_export_ical(struct mk_cli *cli, int argc, char **argv)
{
	const char *output = NULL, *domain = getenv("MELDKAMER_MAIL_DOMAIN");
	int status = parse_output(cli, argc, argv, &output, &domain);
	if (status)
		return status;
	/* The domain goes into every address: a host name, nothing else. */
	if (domain && (!domain[0] || strlen(domain) > 253 ||
		       strspn(domain, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") !=
			       strlen(domain)))
		return mk_cli_usage_error(cli, "--mail-domain '%.60s' is not a domain name", domain);
	if ((status = mk_cli_open(cli, MK_STORE_READ)))
		return status;
	const char *key = argv[optind];
	struct mk_error err = {0};
	struct mk_incident inc;
	mk_incident_init(&inc);
	struct meeting_read m = {MK_TIME_UNKNOWN, 0, 0};
	struct team_people *tp = mk_calloc(1, sizeof(*tp));
	char *text = NULL;
	if (!tp) {
		mk_cli_error("%s: out of memory\n", cli->prog);
		return 1;
	}
	tp->svc = cli->svc;
	tp->domain = domain;
	if (mk_svc_incident_get(cli->svc, key, &inc, &err) ||
	    mk_svc_evaluation_get(cli->svc, key, read_meeting, &m, &err) ||
	    mk_svc_team(cli->svc, key, add_member, tp, &err)) {
		status = mk_cli_fail(cli, &err);
		goto out;
	}
	if (m.at == MK_TIME_UNKNOWN) {
		mk_error_set(&err, MK_ECONFLICT, "meeting_at",
			     "%s has no evaluation meeting yet: propose one with 'meldkamer "
			     "evaluation meeting %s --at TIME'",
			     key, key);
		status = mk_cli_fail(cli, &err);
		goto out;
	}
	char organizer[MK_NAME_MAX + 256];
	mk_ical_account_address(cli->actor.account ? cli->actor.account : cli->actor.name, domain,
				organizer, sizeof(organizer));
	struct mk_ical_meeting meeting = {
		.key = inc.key, .uuid = inc.uuid, .title = inc.title, .start = m.at,
		.minutes = m.minutes, .sequence = m.sequence, .stamp = cli->now,
		.organizer = {cli->actor.name, organizer}, .attendees = tp->people,
		.nattendees = tp->n,
	};
	if (mk_ical_invitation(&meeting, &text, &err)) {
		status = mk_cli_fail(cli, &err);
		goto out;
	}
	status = write_out(cli, output, text, strlen(text));
	if (status == 0 && output && strcmp(output, "-") != 0)
		mk_cli_error("wrote the evaluation invitation of %s to '%s' (%zu attendees)\n", key,
			     output, tp->n);
out:
	mk_free(text);
	mk_free(tp);
	mk_incident_release(&inc);
	return status;
}
