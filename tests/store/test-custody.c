/* The chain of custody on a real database: files streamed into the store
 * with their exact SHA-256 (the same content stored once), physical
 * items, transfers and accesses with their logbook entries, refusals that
 * leave neither rows nor files, the re-hashing check, the signing key,
 * and the signed archive checked without the database. */
#include "fixture.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>

#include "export/evidence-archive.h"
#include "service/custody.h"

static const struct mk_actor desk = {"Anna de Vries", MK_ROLE_SERVICEDESK, "test", NULL};

/* 2026-10-24T12:00:00Z */
#define NOW ((mk_time)1792843200)
/* SHA-256("abc"), FIPS 180-2 appendix B.1 */
#define SHA_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

static struct mk_service *open_svc(struct fixture *f)
{
	struct mk_service *svc = NULL;
	struct mk_error err = {0};
	assert_int_equal(mk_service_open(f->db, MK_STORE_CREATE, NOW, &desk, &svc, NULL, &err), MK_OK);
	return svc;
}

static void new_incident(struct mk_service *svc, char key[MK_KEY_TEXT])
{
	struct mk_field_value fv[] = {{"title", "Bewijs"}};
	struct mk_error err = {0};
	assert_int_equal(mk_svc_incident_register(svc, &desk, NOW, fv, 1, key, &err), MK_OK);
}

/* A file with these bytes, opened for reading. */
static int file_with(struct fixture *f, const char *name, const void *data, size_t n)
{
	char path[160];
	snprintf(path, sizeof(path), "%s/%s", f->dir, name);
	FILE *fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, n, fp), n);
	fclose(fp);
	int fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	return fd;
}

/* The number of entries in the evidence folder's sha256/ tree, temporary
 * ones included. */
static long files_in_store(struct fixture *f)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "find '%s/test.db.evidence/sha256' -type f 2>/dev/null | wc -l",
		 f->dir);
	FILE *p = popen(cmd, "r");
	long n = -1;
	assert_int_equal(fscanf(p, "%ld", &n), 1);
	pclose(p);
	return n;
}

struct items {
	int n;
	int64_t seq[8];
	char sha[8][MK_SHA256_HEX];
	bool is_file[8];
	char seal[8][32];
};

static enum mk_rc collect(void *ctx, const struct mk_item_view *it)
{
	struct items *l = ctx;
	l->seq[l->n] = it->seq;
	l->is_file[l->n] = it->is_file;
	snprintf(l->sha[l->n], MK_SHA256_HEX, "%s", it->sha256);
	snprintf(l->seal[l->n], 32, "%s", it->seal ? it->seal : "");
	l->n++;
	return MK_OK;
}

static void test_custody_register_file_and_physical(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	struct mk_error err = {0};
	char key[MK_KEY_TEXT], sha[MK_SHA256_HEX];
	int64_t seq;
	new_incident(svc, key);
	struct mk_item_input in = {.what = "Bestand abc", .why = "Test", .collected_at = MK_TIME_UNKNOWN};
	int fd = file_with(f, "abc", "abc", 3);
	assert_int_equal(mk_svc_item_register(svc, &desk, NOW, key, &in, fd, 100, &seq, sha, &err),
			 MK_OK);
	close(fd);
	assert_int_equal(seq, 1);
	assert_string_equal(sha, SHA_ABC);
	fd = file_with(f, "abc2", "abc", 3);
	assert_int_equal(mk_svc_item_register(svc, &desk, NOW, key, &in, fd, 100, &seq, sha, &err),
			 MK_OK);
	close(fd);
	assert_int_equal(seq, 2);
	assert_int_equal(files_in_store(f), 1); /* the same content once */
	struct mk_item_input laptop = {.what = "Laptop", .why = "Inbeslagname", .seal = "ZB-1",
				       .collected_at = NOW - 3600};
	assert_int_equal(mk_svc_item_register(svc, &desk, NOW, key, &laptop, -1, 0, &seq, NULL, &err),
			 MK_OK);
	assert_int_equal(seq, 3);
	struct items l = {0};
	assert_int_equal(mk_svc_item_list(svc, key, collect, &l, &err), MK_OK);
	assert_int_equal(l.n, 3);
	assert_true(l.is_file[0] && l.is_file[1] && !l.is_file[2]);
	assert_string_equal(l.sha[1], SHA_ABC);
	assert_string_equal(l.seal[2], "ZB-1");
	mk_service_close(svc);
	assert_int_equal(raw_int(f->db, "SELECT log_count FROM incident"), 4);
	assert_int_equal(raw_int(f->db, "SELECT collected_at FROM evidence_item WHERE seq = 3"),
			 NOW - 3600);
}

static void test_custody_refusals_leave_no_rows_and_no_files(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	struct mk_error err = {0};
	char key[MK_KEY_TEXT];
	new_incident(svc, key);
	struct mk_item_input in = {.what = "Bestand", .why = "Test", .collected_at = MK_TIME_UNKNOWN};
	/* Too large: refused while copying, the copy removed. */
	int fd = file_with(f, "big", "0123456789", 10);
	assert_int_equal(mk_svc_item_register(svc, &desk, NOW, key, &in, fd, 9, NULL, NULL, &err),
			 MK_ETOOBIG);
	assert_string_equal(err.field, "file");
	assert_string_equal(err.message, "the file is larger than the limit of 9 bytes");
	close(fd);
	/* Refused in the transaction (a clock before the last change),
	 * after the copy: the staged file goes too. */
	fd = file_with(f, "late", "abc", 3);
	assert_int_equal(mk_svc_item_register(svc, &desk, NOW - 60, key, &in, fd, 100, NULL, NULL,
					      &err),
			 MK_ECONFLICT);
	close(fd);
	assert_int_equal(files_in_store(f), 0);
	/* Unknown incident: refused before a byte is copied. */
	fd = file_with(f, "x", "abc", 3);
	assert_int_equal(mk_svc_item_register(svc, &desk, NOW, "MK-2026-0099", &in, fd, 100, NULL,
					      NULL, &err),
			 MK_ENOTFOUND);
	close(fd);
	struct mk_item_input bad = {.what = "Laptop", .why = "x", .name = "a.txt",
				    .collected_at = MK_TIME_UNKNOWN};
	assert_int_equal(mk_svc_item_register(svc, &desk, NOW, key, &bad, -1, 0, NULL, NULL, &err),
			 MK_EINVAL);
	assert_string_equal(err.message, "a physical item has no file name");
	struct mk_transfer_input t = {.from = "A", .to = "B", .reason = "r", .at = MK_TIME_UNKNOWN};
	assert_int_equal(mk_svc_item_transfer(svc, &desk, NOW, key, 1, &t, &err), MK_ENOTFOUND);
	assert_string_equal(err.message, "the incident has no evidence item 1");
	mk_service_close(svc);
	assert_int_equal(files_in_store(f), 0);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM evidence_item"), 0);
	assert_int_equal(raw_int(f->db, "SELECT count(*) FROM evidence"), 0);
	assert_int_equal(raw_int(f->db, "SELECT log_count FROM incident"), 1);
}

struct events {
	int n;
	char line[8][160];
};

static enum mk_rc collect_event(void *ctx, const struct mk_custody_view *c)
{
	struct events *e = ctx;
	if (c->type == MK_CUSTODY_TRANSFER)
		snprintf(e->line[e->n++], 160, "transfer %lld %s>%s %s log %lld", (long long)c->item_seq,
			 c->from, c->to, c->receipt ? c->receipt : "-", (long long)c->log_seq);
	else
		snprintf(e->line[e->n++], 160, "access %lld %s %s %s log %lld", (long long)c->item_seq,
			 c->action, c->who, c->why, (long long)c->log_seq);
	return MK_OK;
}

static enum mk_rc ignore_item(void *ctx, const struct mk_item_view *it)
{
	(void)it;
	++*(int *)ctx;
	return MK_OK;
}

static void test_custody_transfers_and_accesses_are_logged(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	struct mk_error err = {0};
	char key[MK_KEY_TEXT];
	new_incident(svc, key);
	struct mk_item_input in = {.what = "USB-stick", .why = "Gevonden", .collected_at = NOW - 120};
	assert_int_equal(mk_svc_item_register(svc, &desk, NOW, key, &in, -1, 0, NULL, NULL, &err), MK_OK);
	struct mk_transfer_input t = {.from = "Anna", .to = "Politie", .reason = "Aangifte",
				      .receipt = "PV-1", .at = NOW - 60};
	assert_int_equal(mk_svc_item_transfer(svc, &desk, NOW, key, 1, &t, &err), MK_OK);
	int called = 0;
	assert_int_equal(mk_svc_item_access(svc, &desk, NOW, key, 1, MK_ACCESS_SHOW, "Audit",
					    ignore_item, &called, &err),
			 MK_OK);
	assert_int_equal(called, 1);
	/* A blank reason is refused before anything is recorded. */
	assert_int_equal(mk_svc_item_access(svc, &desk, NOW, key, 1, MK_ACCESS_SHOW, " ",
					    ignore_item, &called, &err),
			 MK_EINVAL);
	assert_string_equal(err.message, "why is empty");
	assert_int_equal(called, 1);
	struct events e = {0};
	assert_int_equal(mk_svc_custody_log(svc, key, collect_event, &e, &err), MK_OK);
	assert_int_equal(e.n, 2);
	assert_string_equal(e.line[0], "transfer 1 Anna>Politie PV-1 log 3");
	assert_string_equal(e.line[1], "access 1 show Anna de Vries Audit log 4");
	mk_service_close(svc);
	assert_int_equal(raw_int(f->db, "SELECT log_count FROM incident"), 4);
	assert_int_equal(raw_sql(f->db, "DELETE FROM evidence_transfer"), SQLITE_CONSTRAINT);
	assert_int_equal(raw_sql(f->db, "UPDATE evidence_access SET why = 'x'"), SQLITE_CONSTRAINT);
}

struct checks {
	int n;
	enum mk_file_state state[4];
	char actual[4][MK_SHA256_HEX];
};

static enum mk_rc collect_check(void *ctx, const struct mk_file_check *c)
{
	struct checks *k = ctx;
	k->state[k->n] = c->state;
	snprintf(k->actual[k->n], MK_SHA256_HEX, "%s", c->actual);
	k->n++;
	return MK_OK;
}

static void stored_path(struct fixture *f, const char *sha, char *path, size_t n)
{
	snprintf(path, n, "%s/test.db.evidence/sha256/%.2s/%s", f->dir, sha, sha);
}

static void test_custody_verify_finds_a_changed_byte_and_a_missing_file(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	struct mk_error err = {0};
	char key[MK_KEY_TEXT], sha1[MK_SHA256_HEX], sha2[MK_SHA256_HEX], path[256];
	new_incident(svc, key);
	struct mk_item_input in = {.what = "Bestand", .why = "Test", .collected_at = MK_TIME_UNKNOWN};
	int fd = file_with(f, "a", "abc", 3);
	assert_int_equal(mk_svc_item_register(svc, &desk, NOW, key, &in, fd, 100, NULL, sha1, &err), MK_OK);
	close(fd);
	fd = file_with(f, "b", "abd", 3);
	assert_int_equal(mk_svc_item_register(svc, &desk, NOW, key, &in, fd, 100, NULL, sha2, &err), MK_OK);
	close(fd);
	struct checks k = {0};
	assert_int_equal(mk_svc_evidence_verify(svc, NULL, collect_check, &k, &err), MK_OK);
	assert_int_equal(k.n, 2);
	assert_int_equal(k.state[0], MK_FILE_INTACT);
	assert_int_equal(k.state[1], MK_FILE_INTACT);
	/* "abc" becomes "abd": one byte. */
	stored_path(f, sha1, path, sizeof(path));
	chmod(path, 0600);
	FILE *fp = fopen(path, "r+b");
	fseek(fp, 2, SEEK_SET);
	fputc('d', fp);
	fclose(fp);
	stored_path(f, sha2, path, sizeof(path));
	unlink(path);
	k = (struct checks){0};
	assert_int_equal(mk_svc_evidence_verify(svc, key, collect_check, &k, &err), MK_OK);
	assert_int_equal(k.state[0], MK_FILE_CHANGED);
	assert_string_equal(k.actual[0], sha2); /* it now holds "abd" */
	assert_int_equal(k.state[1], MK_FILE_MISSING);
	mk_service_close(svc);
}

static void test_custody_export_is_signed_and_verified_without_the_database(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	struct mk_error err = {0};
	char key[MK_KEY_TEXT], sha[MK_SHA256_HEX], out[160], path[256];
	bool created = false;
	unsigned char pk[MK_SIGN_PUBLIC_BYTES], other[MK_SIGN_PUBLIC_BYTES] = {0};
	new_incident(svc, key);
	/* No key yet: refused, nothing recorded. */
	snprintf(out, sizeof(out), "%s/e.tar", f->dir);
	assert_int_equal(mk_export_evidence(svc, &desk, NOW, key, "x", out, NULL, &err), MK_ESTORE);
	assert_int_equal(access(out, F_OK), -1);
	assert_int_equal(mk_svc_key_ensure(svc, &created, &err), MK_OK);
	assert_true(created);
	assert_int_equal(mk_svc_key_ensure(svc, &created, &err), MK_OK);
	assert_false(created);
	assert_int_equal(mk_store_key_load(svc->store, NULL, pk, &err), MK_OK);
	struct mk_item_input in = {.what = "Bestand", .why = "Test", .collected_at = MK_TIME_UNKNOWN};
	int fd = file_with(f, "a", "abc", 3);
	assert_int_equal(mk_svc_item_register(svc, &desk, NOW, key, &in, fd, 100, NULL, sha, &err), MK_OK);
	close(fd);
	struct mk_export_summary sum;
	assert_int_equal(mk_export_evidence(svc, &desk, NOW, key, "Overdracht", out, &sum, &err), MK_OK);
	assert_int_equal(sum.items, 1);
	assert_int_equal(sum.files, 1);
	assert_int_equal(sum.bytes, 3);
	assert_int_equal(sum.log_entries, 3);
	mk_service_close(svc);
	struct mk_archive_report rep;
	assert_int_equal(mk_archive_verify_file(out, pk, &rep, &err), MK_OK);
	assert_string_equal(rep.incident, key);
	assert_true(rep.expected_key);
	assert_int_equal(rep.custody_events, 1);
	assert_int_equal(mk_archive_verify_file(out, other, &rep, &err), MK_ECHAIN);
	assert_int_equal(strncmp(err.message, "wrong key: the archive is signed by SHA256:", 43), 0);
	/* The stored file changes: a new export is refused and writes nothing. */
	stored_path(f, sha, path, sizeof(path));
	chmod(path, 0600);
	FILE *fp = fopen(path, "r+b");
	fputc('X', fp);
	fclose(fp);
	svc = open_svc(f);
	snprintf(out, sizeof(out), "%s/e2.tar", f->dir);
	assert_int_equal(mk_export_evidence(svc, &desk, NOW, key, "Opnieuw", out, NULL, &err), MK_ECHAIN);
	/* "Xbc" */
	char want[400];
	snprintf(want, sizeof(want),
		 "item 1 ('Bestand'): the stored file no longer matches its SHA-256 (it is "
		 "%s, recorded %s): export refused",
		 "2da3fb271a953e43f43655aa6f388820c498dfe2ddf419b5b4d9850bc43a9a85", sha);
	assert_string_equal(err.message, want);
	assert_int_equal(access(out, F_OK), -1);
	mk_service_close(svc);
}

static void test_custody_key_readable_by_others_is_refused(void **state)
{
	struct fixture *f = *state;
	struct mk_service *svc = open_svc(f);
	struct mk_error err = {0};
	bool created;
	unsigned char sk[MK_SIGN_SECRET_BYTES], pk[MK_SIGN_PUBLIC_BYTES];
	assert_int_equal(mk_svc_key_ensure(svc, &created, &err), MK_OK);
	char path[160];
	snprintf(path, sizeof(path), "%s.signing-key", f->db);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	chmod(path, 0640);
	assert_int_equal(mk_store_key_load(svc->store, sk, pk, &err), MK_EPERM);
	/* The public key alone may still be shown. */
	assert_int_equal(mk_store_key_load(svc->store, NULL, pk, &err), MK_OK);
	char fp[MK_KEY_FINGERPRINT];
	mk_key_fingerprint(pk, fp);
	assert_int_equal(strlen(fp), 46);
	mk_service_close(svc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_custody_register_file_and_physical, fixture_setup,
						fixture_teardown),
		cmocka_unit_test_setup_teardown(test_custody_refusals_leave_no_rows_and_no_files,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(test_custody_transfers_and_accesses_are_logged,
						fixture_setup, fixture_teardown),
		cmocka_unit_test_setup_teardown(
			test_custody_verify_finds_a_changed_byte_and_a_missing_file, fixture_setup,
			fixture_teardown),
		cmocka_unit_test_setup_teardown(
			test_custody_export_is_signed_and_verified_without_the_database, fixture_setup,
			fixture_teardown),
		cmocka_unit_test_setup_teardown(test_custody_key_readable_by_others_is_refused,
						fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
