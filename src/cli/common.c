/* What every command shares: options, errors, the database, output. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <limits.h>
#include <sys/stat.h>

#include "base/alloc.h"
#include "base/buf.h"
#include "base/utf8.h"
#include "cli/cli.h"
#include "core/text.h"
#include "export/json.h"

void mk_cli_print_help(const struct mk_cli_command *c);

/* Writes s to stderr with every control character other than a newline,
 * and every byte that is not valid UTF-8, shown as \xNN: a message quotes
 * what a user or a file supplied, and a raw escape sequence in it would
 * act on the terminal instead of being read. */
static void write_safe(FILE *out, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		size_t ok = mk_utf8_first_invalid(s + i, len - i);
		if (c >= 0x80 && ok > 0) {
			/* A run of valid multi-byte characters goes out as is. */
			size_t run = 0;
			while (run < ok && (unsigned char)s[i + run] >= 0x80)
				run++;
			fwrite(s + i, 1, run, out);
			i += run;
			continue;
		}
		if ((c < 0x20 && c != '\n') || c == 0x7f || c >= 0x80)
			fprintf(out, "\\x%02x", c);
		else
			fputc(c, out);
		i++;
	}
}

void mk_cli_error(const char *fmt, ...)
{
	char buf[8192];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	write_safe(stderr, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

void mk_cli_out(const char *fmt, ...)
{
	char buf[8192];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	write_safe(stdout, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

int mk_cli_usage_error(struct mk_cli *cli, const char *fmt, ...)
{
	char what[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	mk_cli_error("%s: %s (see '%s --help')\n", cli->prog, what, cli->prog);
	return 2;
}

int mk_cli_fail(struct mk_cli *cli, const struct mk_error *err)
{
	mk_cli_error("%s: %s\n", cli->prog, err->message[0] ? err->message : mk_rc_name(err->rc));
	return mk_rc_exit_status(err->rc);
}

/* -o FILE is the one short option, the usual spelling of an output file
 * (meldkamer export report MK-2026-0001 -o rapport.html): for a command
 * that has --output it is spelled out before getopt, which is given only
 * long options. Doing it again changes nothing. */
static void spell_out_short_output(int argc, char **argv, const struct option *opts)
{
	static char long_output[] = "--output";
	bool has_output = false;
	for (const struct option *o = opts; o->name; o++)
		has_output |= strcmp(o->name, "output") == 0;
	for (int i = 1; has_output && i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-o") == 0)
			argv[i] = long_output;
	}
}

int mk_cli_option(struct mk_cli *cli, int argc, char **argv, const struct option *opts)
{
	if (optind <= 1)
		spell_out_short_output(argc, argv, opts);
	for (;;) {
		int index = 0;
		/* A leading '+'-less, ':'-led optstring: getopt reports a missing
		 * argument as ':' so we can name it ourselves. */
		int c = getopt_long(argc, argv, ":", opts, &index);
		switch (c) {
		case -1:
			return -1;
		case MK_OPT_DB:
			cli->db_path = optarg;
			break;
		case MK_OPT_JSON:
			cli->json = true;
			break;
		case MK_OPT_AS: {
			struct mk_error err;
			if (mk_text_check("--as", optarg, MK_NAME_MAX, MK_TEXT_LINE, true, &err)) {
				mk_cli_fail(cli, &err);
				return -2;
			}
			snprintf(cli->actor_name, sizeof(cli->actor_name), "%s", optarg);
			break;
		}
		case MK_OPT_ROLE: {
			struct mk_error err;
			if (mk_role_parse(optarg, "role", &cli->actor.role, &err)) {
				mk_cli_fail(cli, &err);
				return -2;
			}
			break;
		}
		case MK_OPT_HELP:
			mk_cli_print_help(cli->command);
			exit(0);
		case ':':
			if (optopt && optopt < 0x100)
				mk_cli_usage_error(cli, "option '-%c' needs a value", optopt);
			else
				mk_cli_usage_error(cli, "option '%s' needs a value", argv[optind - 1]);
			return -2;
		case '?':
			/* optopt names a bad short option; for a long one, getopt has
			 * stepped past it. A text that starts with '-' is meant as
			 * text more often than as an option: say how. */
			if (optopt && optopt < 0x100)
				mk_cli_usage_error(cli, "unknown option '-%c' (to pass text that starts "
							"with '-', put -- before it)", optopt);
			else
				mk_cli_usage_error(cli, "unknown option '%s'", argv[optind - 1]);
			return -2;
		default:
			return c;
		}
	}
}

int mk_cli_open(struct mk_cli *cli, enum mk_store_mode mode)
{
	struct mk_error err = {0};
	if (mk_service_open(cli->db_path, mode, cli->now, &cli->actor, &cli->svc, NULL, &err))
		return mk_cli_fail(cli, &err);
	return 0;
}

int mk_cli_key_command(struct mk_cli *cli, int argc, char **argv, const char **ret_key)
{
	static const struct option opts[] = {MK_CLI_COMMON_OPTIONS, {0}};
	int c;
	while ((c = mk_cli_option(cli, argc, argv, opts)) != -1)
		if (c == -2)
			return 2;
	if (optind >= argc)
		return mk_cli_usage_error(cli, "missing the incident key (MK-YYYY-NNNN)");
	if (argc - optind > 1)
		return mk_cli_usage_error(cli, "unexpected argument '%s'", argv[optind + 1]);
	*ret_key = argv[optind];
	return mk_cli_open(cli, MK_STORE_READ);
}

int mk_cli_print_json(json_t *v)
{
	if (!v) {
		mk_cli_error("meldkamer: out of memory building JSON\n");
		return 1;
	}
	json_dumpf(v, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	json_decref(v);
	return 0;
}

char *mk_cli_text_arg(struct mk_cli *cli, const char *value, size_t max, int *ret_status)
{
	*ret_status = 0;
	if (strcmp(value, "-") != 0) {
		char *copy = mk_strdup(value);
		if (!copy)
			*ret_status = 1;
		return copy;
	}
	/* Read up to one byte beyond the limit (and a final newline), so that
	 * text just over it reaches the field's own check, which names the
	 * field; only input far beyond it is stopped here. */
	struct mk_buf b;
	mk_buf_init(&b, max + 2);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		mk_buf_add(&b, chunk, n);
	if (ferror(stdin)) {
		mk_cli_error("%s: cannot read standard input: %s\n", cli->prog, strerror(errno));
		*ret_status = 2;
	} else if (mk_buf_rc(&b) == MK_ETOOBIG) {
		mk_cli_error("%s: standard input is too long: the limit is %zu bytes\n", cli->prog, max);
		*ret_status = 2;
	} else if (memchr(b.data, '\0', b.len)) {
		mk_cli_error("%s: standard input contains a NUL byte\n", cli->prog);
		*ret_status = 2;
	}
	/* One trailing newline is the end of the input, not part of the text. */
	if (*ret_status == 0 && b.len > 0 && b.data[b.len - 1] == '\n')
		b.data[--b.len] = '\0';
	char *text = *ret_status ? NULL : mk_buf_detach(&b, NULL);
	if (!text && *ret_status == 0)
		*ret_status = 1;
	mk_buf_release(&b);
	return text;
}

void mk_cli_print_cell(const char *s, int width)
{
	if (!s)
		s = "-";
	size_t len = strlen(s);
	int chars = (int)mk_utf8_length(s, len);
	int shown = chars > width ? width - 1 : chars;
	const unsigned char *p = (const unsigned char *)s;
	for (int used = 0; used < shown; used++) {
		size_t n = 1;
		while ((p[n] & 0xC0) == 0x80)
			n++;
		/* A control character never reaches the terminal raw; stored
		 * text is checked, but this is the last line of defence. */
		if (*p < 0x20 || *p == 0x7f)
			putchar(' ');
		else
			fwrite(p, 1, n, stdout);
		p += n;
	}
	if (chars > width)
		putchar('~');
	for (int used = chars > width ? width : chars; used <= width; used++)
		putchar(' ');
}

int mk_cli_changed(struct mk_cli *cli, const char *key, const char *text)
{
	if (!cli->json) {
		printf("%s\n", text);
		return 0;
	}
	struct mk_incident inc;
	struct mk_error err = {0};
	mk_incident_init(&inc);
	int status = mk_svc_incident_get(cli->svc, key, &inc, &err)
			     ? mk_cli_fail(cli, &err)
			     : mk_cli_print_json(mk_json_incident_summary(&inc));
	mk_incident_release(&inc);
	return status;
}

int mk_cli_parse_limit(struct mk_cli *cli, const char *arg, int *ret)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (*arg == '\0' || *end || v < 1 || v > MK_PAGE_MAX)
		return mk_cli_usage_error(cli, "--limit '%s' must be a number from 1 to %d", arg,
					  MK_PAGE_MAX);
	*ret = (int)v;
	return 0;
}

static enum mk_rc collect_key(void *ctx, const struct mk_incident *inc)
{
	struct mk_cli_keys *k = ctx;
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 256;
		void *p = mk_realloc(k->keys, cap * sizeof(*k->keys));
		if (!p)
			return MK_ENOMEM;
		k->keys = p;
		k->cap = cap;
	}
	memcpy(k->keys[k->n++], inc->key, MK_KEY_TEXT);
	return MK_OK;
}

enum mk_rc mk_cli_collect_keys(struct mk_cli *cli, struct mk_cli_keys *k, struct mk_error *err)
{
	struct mk_incident_query q = {.borrow_text = true};
	enum mk_rc rc = mk_svc_incidents(cli->svc, &q, collect_key, k, err);
	if (rc == MK_ENOMEM)
		mk_error_set(err, rc, "", "out of memory listing incidents");
	return rc;
}

void mk_cli_keys_release(struct mk_cli_keys *k)
{
	mk_free(k->keys);
	k->keys = NULL;
	k->n = k->cap = 0;
}

void mk_cli_relative(mk_time now, mk_time t, char *buf, size_t cap)
{
	char d[MK_TIME_TEXT];
	if (t >= now)
		snprintf(buf, cap, "in %s", mk_duration_format(t - now, d));
	else
		snprintf(buf, cap, "%s ago", mk_duration_format(now - t, d));
}

/* Whether a and b are the same existing file. */
static bool same_file(const struct stat *a, const char *b)
{
	struct stat sb;
	return stat(b, &sb) == 0 && sb.st_dev == a->st_dev && sb.st_ino == a->st_ino;
}

int mk_cli_check_output(struct mk_cli *cli, const char *path)
{
	if (!path || strcmp(path, "-") == 0)
		return 0;
	static const char *const beside[] = {"", "-wal", "-shm", "-journal", ".signing-key"};
	struct stat out;
	if (stat(path, &out) == 0) {
		for (size_t i = 0; i < sizeof(beside) / sizeof(beside[0]); i++) {
			char name[4096];
			snprintf(name, sizeof(name), "%s%s", cli->db_path, beside[i]);
			if (same_file(&out, name))
				return mk_cli_usage_error(cli,
							  "--output '%s' is the database's own file '%s': "
							  "not replacing it",
							  path, name);
		}
	}
	/* Nor anything inside the evidence store, whose files are named by
	 * their hash and must never change. */
	char store[4096], dir[4096], real_store[PATH_MAX], real_dir[PATH_MAX];
	snprintf(store, sizeof(store), "%s.evidence", cli->db_path);
	snprintf(dir, sizeof(dir), "%s", path);
	char *slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	if (realpath(store, real_store) && realpath(dir[0] ? dir : "/", real_dir)) {
		size_t n = strlen(real_store);
		if (strncmp(real_dir, real_store, n) == 0 && (real_dir[n] == '/' || !real_dir[n]))
			return mk_cli_usage_error(cli,
						  "--output '%s' is inside the evidence store '%s': "
						  "not writing there",
						  path, store);
	}
	return 0;
}
