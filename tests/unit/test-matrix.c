/* core/matrix: the notification matrix of Bijlage 3. The compiled-in
 * default is checked three ways: counts and hard-coded rows that always
 * run; and, run with --seed, row by row against Bijlage 3 parsed straight
 * out of the guidance text (exit 77 when ../shared/seed is absent). Then
 * lookups, parse errors with line numbers, and out-of-memory paths. */
#include "unit.h"

#include <errno.h>

#include "base/limits.h"
#include "core/matrix.h"

#define GEBRUIKERS MK_MATRIX_GEBRUIKERS
#define BEHEER MK_MATRIX_BEHEER
#define M MK_NOTIFY_MUST     /* X */
#define R MK_NOTIFY_RELEVANT /* (X) */
#define N MK_NOTIFY_NONE     /* empty */

struct expected_row {
	enum mk_matrix_table table;
	const char *category, *incident;
	enum mk_notify helpdesk, ciso, directie;
};

/* Bijlage 3, all 75 rows in the seed's order, copied from the guidance text
 * (the continuation rows carry their category; trailing spaces of the
 * seed's cells are dropped; "(Faciliteiten) Ongewenste trillingen" sits
 * under "Omstandigheden op de werkplek", DESIGN.md "Classification"). */
static const struct expected_row bijlage3[] = {
	{GEBRUIKERS, "Onopzettelijk foutief handelen",
	 "Als gevolg van foutieve procedures", M, N, N},
	{GEBRUIKERS, "Onopzettelijk foutief handelen",
	 "Als gevolg van foutgevoelige bediening", M, N, N},
	{GEBRUIKERS, "Onopzettelijk foutief handelen",
	 "Onzorgvuldige omgang met password", M, N, N},
	{GEBRUIKERS, "Opzettelijk foutief handelen",
	 "Niet volgen van voorschriften", M, M, R},
	{GEBRUIKERS, "Opzettelijk foutief handelen",
	 "Fraude of diefstal", M, M, M},
	{GEBRUIKERS, "Opzettelijk foutief handelen",
	 "Ongeautoriseerde toegang door medewerker", M, M, M},
	{GEBRUIKERS, "Technisch falen van apparatuur",
	 "Storing in pc of randapparatuur", M, N, N},
	{GEBRUIKERS, "Technisch falen van apparatuur door externe invloeden",
	 "Wegvallen elektrische spanning", M, M, N},
	{GEBRUIKERS, "Menselijke omgang met apparatuur",
	 "Bedieningsfouten", M, N, N},
	{GEBRUIKERS, "Menselijke omgang met apparatuur",
	 "Opzettelijke wijzigingen", M, M, R},
	{GEBRUIKERS, "Menselijke omgang met apparatuur",
	 "Beschadiging of vernieling", M, M, M},
	{GEBRUIKERS, "Problemen met programmatuur",
	 "Fouten in programmatuur", M, N, N},
	{GEBRUIKERS, "Problemen met programmatuur",
	 "Ongeautoriseerd gebruik", M, M, N},
	{GEBRUIKERS, "Problemen met programmatuur",
	 "Wijziging door medewerker", M, M, M},
	{GEBRUIKERS, "Problemen met programmatuur",
	 "Opzettelijk introduceren van een virus door medewerker", M, M, M},
	{GEBRUIKERS, "Problemen met programmatuur",
	 "Inbrengen van virus door middel van niet gescreende programmatuur", M, M, M},
	{GEBRUIKERS, "Problemen met programmatuur",
	 "Illegaal kopi\xc3\xabren", M, M, M},
	{GEBRUIKERS, "Problemen met programmatuur",
	 "Diefstal van programmatuur", M, M, M},
	{GEBRUIKERS, "Gegevens en gegevensdragers",
	 "Zoekraken gegevensdragers", M, M, M},
	{GEBRUIKERS, "Gegevens en gegevensdragers",
	 "Diefstal van gegevensdragers", M, M, M},
	{GEBRUIKERS, "Gegevens en gegevensdragers",
	 "Beschadiging gegevensdragers", M, N, N},
	{GEBRUIKERS, "Gegevens en gegevensdragers",
	 "Onleesbaarheid van gegevensdragers", M, N, N},
	{GEBRUIKERS, "Gegevens en gegevensdragers",
	 "Fouten in gegevens door apparatuur", M, N, N},
	{GEBRUIKERS, "Gegevens en gegevensdragers",
	 "Fouten in gegevens door programmatuur", M, N, N},
	{GEBRUIKERS, "Gegevens en gegevensdragers",
	 "Opzettelijke invoer van foutieve gegevens", M, M, M},
	{GEBRUIKERS, "Gegevens en gegevensdragers",
	 "Onopzettelijke invoer van foutieve gegevens", M, N, N},
	{GEBRUIKERS, "Gegevens en gegevensdragers",
	 "Illegaal kopi\xc3\xabren van gegevens", M, M, M},
	{GEBRUIKERS, "Gegevens en gegevensdragers",
	 "Ongeoorloofd inzien van gegevens bijvoorbeeld bij invoer of printen", M, M, M},
	{GEBRUIKERS, "Gegevens en gegevensdragers",
	 "Onzorgvuldige vernietiging van gegevens", M, M, M},
	{GEBRUIKERS, "Omstandigheden op de werkplek",
	 "Uitval van elektriciteit", M, N, N},
	{GEBRUIKERS, "Omstandigheden op de werkplek",
	 "Wateroverlast door lekkage", M, N, N},
	{GEBRUIKERS, "Omstandigheden op de werkplek",
	 "Ongewenste trillingen", M, N, N},
	{BEHEER, "Identificatie en bevoegdheden van gebruikers",
	 "Geen eenduidige gebruiker bij een user-ID geconstateerd", M, M, N},
	{BEHEER, "Identificatie en bevoegdheden van gebruikers",
	 "Ongeautoriseerde toegang door medewerker", M, M, M},
	{BEHEER, "Identificatie en bevoegdheden van gebruikers",
	 "Er komen gebruikers voor die niet meer bevoegd zijn (ex-medewerkers)", M, M, N},
	{BEHEER, "Identificatie en bevoegdheden van gebruikers",
	 "Vraagtekens bij bevoegdheden van bepaalde gebruikers of beheerders", M, M, N},
	{BEHEER, "Onopzettelijk foutief handelen van gebruikers",
	 "Onzorgvuldige omgang met wachtwoorden door gebruikers", M, M, N},
	{BEHEER, "Opzettelijk foutief handelen van gebruikers",
	 "Kraken of omzeilen toegang door medewerkers of een buitenstaander", M, M, M},
	{BEHEER, "Opzettelijk foutief handelen van gebruikers",
	 "Fraude of diefstal", M, M, M},
	{BEHEER, "Technisch falen van apparatuur",
	 "Storing in apparatuur", M, R, N},
	{BEHEER, "Technisch falen van apparatuur door externe invloeden",
	 "Wegvallen elektrische spanning of spanningsschommelingen", M, M, M},
	{BEHEER, "Technisch falen van apparatuur door externe invloeden",
	 "Wateroverlast", M, M, M},
	{BEHEER, "Technisch falen van apparatuur door externe invloeden",
	 "Uitval netwerkverbinding door aanval met grote hoeveelheden data", M, M, M},
	{BEHEER, "Omgang met apparatuur door gebruikers of derden",
	 "Beschadiging apparatuur", M, M, M},
	{BEHEER, "Omgang met apparatuur door gebruikers of derden",
	 "Diefstal van apparatuur", M, M, M},
	{BEHEER, "Omgang met apparatuur door gebruikers of derden",
	 "Apparatuur blijkt niet geregistreerd", M, N, N},
	{BEHEER, "Omgang met apparatuur door gebruikers of derden",
	 "Geregistreerde apparatuur blijkt niet aanwezig", M, M, N},
	{BEHEER, "Onopzettelijk foutief handelen",
	 "Fouten in handleiding", M, N, N},
	{BEHEER, "Problemen met programmatuur",
	 "Fouten in programmatuur", M, R, N},
	{BEHEER, "Problemen met programmatuur",
	 "Ongeautoriseerde wijzigingen in programmatuur", M, M, N},
	{BEHEER, "Problemen met programmatuur",
	 "Introductie van virussen via programmatuur", M, M, M},
	{BEHEER, "Problemen met programmatuur",
	 "(On)opzettelijk ongeautoriseerd gebruik", M, M, N},
	{BEHEER, "Problemen met programmatuur",
	 "Gebruik van ongeautoriseerde programmatuur", M, M, N},
	{BEHEER, "Gegevens en gegevensdragers",
	 "Ongeautoriseerde toegang tot gegevens", M, M, M},
	{BEHEER, "Gegevens en gegevensdragers",
	 "Zoekraken gegevensdragers", M, M, M},
	{BEHEER, "Gegevens en gegevensdragers",
	 "Diefstal van gegevensdragers", M, M, M},
	{BEHEER, "Gegevens en gegevensdragers",
	 "Beschadiging gegevensdragers", M, N, N},
	{BEHEER, "Gegevens en gegevensdragers",
	 "Onleesbaarheid van gegevensdragers", M, N, N},
	{BEHEER, "Gegevens en gegevensdragers",
	 "Fouten in gegevens door apparatuur", M, N, N},
	{BEHEER, "Gegevens en gegevensdragers",
	 "Fouten in gegevens door programmatuur", M, N, N},
	{BEHEER, "Gegevens en gegevensdragers",
	 "Opzettelijke invoer van foutieve gegevens", M, M, M},
	{BEHEER, "Gegevens en gegevensdragers",
	 "Onopzettelijke invoer van foutieve gegevens", M, N, N},
	{BEHEER, "Gegevens en gegevensdragers",
	 "Illegaal kopi\xc3\xabren van gegevens", M, M, M},
	{BEHEER, "Gegevens en gegevensdragers",
	 "Ongeoorloofd inzien van gegevens bijvoorbeeld bij invoer of printen", M, M, M},
	{BEHEER, "Gegevens en gegevensdragers",
	 "Onzorgvuldige vernietiging van gegevens", M, M, M},
	{BEHEER, "Facilitaire structuren en omgeving",
	 "Kortsluiting /stroomuitval", M, M, M},
	{BEHEER, "Facilitaire structuren en omgeving",
	 "Wateroverlast door lekkage", M, M, M},
	{BEHEER, "Facilitaire structuren en omgeving",
	 "Ongeoorloofde toegang tot computerruimte", M, M, M},
	{BEHEER, "Facilitaire structuren en omgeving",
	 "Uitgifte sleutels aan ongeautoriseerde", M, M, M},
	{BEHEER, "Diensten van derden",
	 "Cruciale diensten worden (tijdelijk) niet of onvoldoende geleverd", M, M, N},
	{BEHEER, "Diensten van derden",
	 "Niet gescreend personeel", N, M, M},
	{BEHEER, "Diensten van derden",
	 "Schending vertrouwelijkheid", M, M, M},
	{BEHEER, "Diensten van derden",
	 "Misbruik van toevertrouwde middelen (gegevens, documentatie, en dergelijke)", M, M, M},
	{BEHEER, "Diensten van derden",
	 "Incidenten worden niet gemeld", M, M, M},
	{BEHEER, "Diensten van derden",
	 "Incidenten met informatie van de gemeente", M, M, M},
};

#define BIJLAGE3_ROWS (sizeof(bijlage3) / sizeof(bijlage3[0]))

static void assert_row(const struct mk_matrix_row *got, const struct expected_row *want,
		       size_t i)
{
	if (got->table != want->table || strcmp(got->category, want->category) != 0 ||
	    strcmp(got->incident, want->incident) != 0 || got->helpdesk != want->helpdesk ||
	    got->ciso != want->ciso || got->directie != want->directie)
		fail_msg("row %zu: got %s / '%s' / '%s' / '%s' '%s' '%s', expected %s / '%s' / "
			 "'%s' / '%s' '%s' '%s'",
			 i + 1, mk_matrix_table_name(got->table), got->category, got->incident,
			 mk_notify_name(got->helpdesk), mk_notify_name(got->ciso),
			 mk_notify_name(got->directie), mk_matrix_table_name(want->table),
			 want->category, want->incident, mk_notify_name(want->helpdesk),
			 mk_notify_name(want->ciso), mk_notify_name(want->directie));
}

static void load_default(struct mk_matrix *m)
{
	struct mk_error e;
	mk_matrix_init(m);
	if (mk_matrix_load_default(m, &e) != MK_OK)
		fail_msg("default matrix: %s", e.message);
}

/* ---- the default --------------------------------------------------------- */

static void test_matrix_default_has_75_rows_32_gebruikers_43_beheer(void **state)
{
	(void)state;
	struct mk_matrix m;
	load_default(&m);
	assert_int_equal(m.count, 75);
	size_t per_table[MK_MATRIX_TABLE_COUNT] = {0};
	for (size_t i = 0; i < m.count; i++)
		per_table[m.rows[i].table]++;
	assert_int_equal(per_table[MK_MATRIX_GEBRUIKERS], 32);
	assert_int_equal(per_table[MK_MATRIX_BEHEER], 43);
	/* The gebruikers table comes first, as in the guidance. */
	for (size_t i = 0; i < m.count; i++)
		assert_int_equal(m.rows[i].table, i < 32 ? MK_MATRIX_GEBRUIKERS : MK_MATRIX_BEHEER);
	mk_matrix_release(&m);
}

static void test_matrix_default_matches_every_row_of_bijlage_3(void **state)
{
	(void)state;
	assert_int_equal(BIJLAGE3_ROWS, 75);
	struct mk_matrix m;
	load_default(&m);
	assert_int_equal(m.count, BIJLAGE3_ROWS);
	for (size_t i = 0; i < m.count; i++)
		assert_row(&m.rows[i], &bijlage3[i], i);
	mk_matrix_release(&m);
}

static void test_matrix_default_spot_checks(void **state)
{
	(void)state;
	static const struct expected_row spots[] = {
		{BEHEER, "Diensten van derden", "Niet gescreend personeel", N, M, M},
		{BEHEER, "Technisch falen van apparatuur", "Storing in apparatuur", M, R, N},
		{GEBRUIKERS, "Opzettelijk foutief handelen", "Niet volgen van voorschriften", M, M, R},
		{GEBRUIKERS, "Omstandigheden op de werkplek", "Ongewenste trillingen", M, N, N},
		{BEHEER, "Problemen met programmatuur", "Fouten in programmatuur", M, R, N},
		{GEBRUIKERS, "Problemen met programmatuur", "Fouten in programmatuur", M, N, N},
		{BEHEER, "Facilitaire structuren en omgeving", "Uitgifte sleutels aan ongeautoriseerde",
		 M, M, M},
		{GEBRUIKERS, "Problemen met programmatuur", "Illegaal kopi\xc3\xabren", M, M, M},
	};
	struct mk_matrix m;
	load_default(&m);
	for (size_t i = 0; i < sizeof(spots) / sizeof(spots[0]); i++) {
		const struct mk_matrix_row *r =
			mk_matrix_find(&m, spots[i].table, spots[i].category, spots[i].incident);
		if (!r)
			fail_msg("'%s' / '%s' is missing", spots[i].category, spots[i].incident);
		assert_row(r, &spots[i], i);
	}
	/* No row keeps the seed's trailing spaces or its "(Faciliteiten)" cell. */
	for (size_t i = 0; i < m.count; i++) {
		const struct mk_matrix_row *r = &m.rows[i];
		assert_int_not_equal(r->incident[strlen(r->incident) - 1], ' ');
		assert_int_not_equal(r->category[strlen(r->category) - 1], ' ');
		assert_string_not_equal(r->category, "(Faciliteiten)");
	}
	mk_matrix_release(&m);
}

/* ---- Bijlage 3 straight from the guidance text (--seed) ----------------- */

static char *seed_text;

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *text = NULL;
	long size = -1;
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (text = malloc((size_t)size + 1)) != NULL &&
	    fread(text, 1, (size_t)size, f) == (size_t)size) {
		text[size] = '\0';
	} else {
		free(text);
		text = NULL;
	}
	fclose(f);
	return text;
}

struct seed_row {
	enum mk_matrix_table table;
	char category[256], incident[256];
	enum mk_notify level[3];
};

static void trim_trailing_spaces(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
}

static enum mk_notify seed_level(const char *cell)
{
	if (strcmp(cell, "X") == 0)
		return MK_NOTIFY_MUST;
	if (strcmp(cell, "(X)") == 0)
		return MK_NOTIFY_RELEVANT;
	if (cell[0] == '\0')
		return MK_NOTIFY_NONE;
	fail_msg("unexpected level cell '%s' in the seed", cell);
	return MK_NOTIFY_NONE;
}

/* The seed is the guidance converted to text: every table cell is a line
 * starting with a tab, and an empty (or any other) line ends a table row.
 * Bijlage 3 runs from its heading to the heading of Bijlage 4. Returns
 * the number of rows written to rows. */
static size_t parse_bijlage3(char *text, struct seed_row *rows, size_t max,
			     size_t *ret_faciliteiten)
{
	char *start = strstr(text, "Bijlage 3: Incidenten en meldingsniveau matrix");
	if (!start)
		fail_msg("the seed has no Bijlage 3 heading");
	char *end = strstr(start, "Bijlage 4:");
	if (!end)
		fail_msg("the seed has no Bijlage 4 heading");
	*end = '\0';
	char *p = strchr(start, '\n');
	if (!p)
		fail_msg("Bijlage 3 is empty");
	p++;

	size_t count = 0;
	int table = -1;
	char category[256] = "";
	char cells[8][256];
	size_t ncells = 0;
	*ret_faciliteiten = 0;
	for (;;) {
		char *nl = strchr(p, '\n');
		bool last = nl == NULL;
		if (nl)
			*nl = '\0';
		bool is_cell = p[0] == '\t';
		if (is_cell) {
			if (ncells == 8)
				fail_msg("a row with more than 8 cells in Bijlage 3");
			snprintf(cells[ncells], sizeof(cells[ncells]), "%s", p + 1);
			trim_trailing_spaces(cells[ncells]);
			ncells++;
		}
		if ((!is_cell || last) && ncells > 0) {
			if (strcmp(cells[0], "GEBRUIKERSINCIDENTEN") == 0) {
				table = MK_MATRIX_GEBRUIKERS;
				category[0] = '\0';
			} else if (strcmp(cells[0], "BEHEERINCIDENTEN") == 0) {
				table = MK_MATRIX_BEHEER;
				category[0] = '\0';
			} else if (ncells == 5 && strcmp(cells[0], "Incidenten categorie") == 0) {
				/* the column headings */
			} else if (ncells == 5) {
				if (table < 0)
					fail_msg("a matrix row before the table heading");
				if (strcmp(cells[0], "(Faciliteiten)") == 0)
					(*ret_faciliteiten)++; /* stays in the category above */
				else if (cells[0][0] != '\0')
					snprintf(category, sizeof(category), "%s", cells[0]);
				if (category[0] == '\0')
					fail_msg("row '%s' has no category", cells[1]);
				if (count == max)
					fail_msg("more than %zu rows in Bijlage 3", max);
				struct seed_row *r = &rows[count++];
				r->table = (enum mk_matrix_table)table;
				snprintf(r->category, sizeof(r->category), "%s", category);
				snprintf(r->incident, sizeof(r->incident), "%s", cells[1]);
				for (int i = 0; i < 3; i++)
					r->level[i] = seed_level(cells[2 + i]);
			} else {
				fail_msg("unexpected group of %zu cells starting '%s' in Bijlage 3",
					 ncells, cells[0]);
			}
			ncells = 0;
		}
		if (last)
			break;
		p = nl + 1;
	}
	return count;
}

static void test_matrix_default_equals_bijlage_3_of_the_seed(void **state)
{
	(void)state;
	static struct seed_row rows[200];
	size_t faciliteiten = 0;
	size_t n = parse_bijlage3(seed_text, rows, 200, &faciliteiten);
	assert_int_equal(n, 75);
	assert_int_equal(faciliteiten, 1);
	size_t per_table[2] = {0};
	for (size_t i = 0; i < n; i++)
		per_table[rows[i].table]++;
	assert_int_equal(per_table[MK_MATRIX_GEBRUIKERS], 32);
	assert_int_equal(per_table[MK_MATRIX_BEHEER], 43);

	struct mk_matrix m;
	load_default(&m);
	assert_int_equal(m.count, n);
	for (size_t i = 0; i < n; i++) {
		struct expected_row want = {rows[i].table,    rows[i].category, rows[i].incident,
					    rows[i].level[0], rows[i].level[1], rows[i].level[2]};
		assert_row(&m.rows[i], &want, i);
	}
	mk_matrix_release(&m);
}

/* ---- lookups ------------------------------------------------------------ */

static void test_matrix_lookup_finds_an_exact_row(void **state)
{
	(void)state;
	struct mk_matrix m;
	load_default(&m);
	const struct mk_matrix_row *r = NULL;
	struct mk_error e;
	assert_int_equal(mk_matrix_lookup(&m, MK_MATRIX_BEHEER, "Diensten van derden",
					  "Niet gescreend personeel", &r, &e),
			 MK_OK);
	assert_non_null(r);
	assert_ptr_equal(r, mk_matrix_find(&m, MK_MATRIX_BEHEER, "Diensten van derden",
					   "Niet gescreend personeel"));
	assert_int_equal(r->helpdesk, MK_NOTIFY_NONE);
	assert_int_equal(r->ciso, MK_NOTIFY_MUST);
	assert_int_equal(r->directie, MK_NOTIFY_MUST);
	/* The same words in the other table are another row. */
	const struct mk_matrix_row *g = mk_matrix_find(&m, MK_MATRIX_GEBRUIKERS,
						       "Gegevens en gegevensdragers",
						       "Zoekraken gegevensdragers");
	const struct mk_matrix_row *b = mk_matrix_find(&m, MK_MATRIX_BEHEER,
						       "Gegevens en gegevensdragers",
						       "Zoekraken gegevensdragers");
	assert_non_null(g);
	assert_non_null(b);
	assert_ptr_not_equal(g, b);
	assert_int_equal(g->table, MK_MATRIX_GEBRUIKERS);
	assert_int_equal(b->table, MK_MATRIX_BEHEER);
	mk_matrix_release(&m);
}

static void test_matrix_lookup_miss_names_category_or_incident(void **state)
{
	(void)state;
	struct mk_matrix m;
	load_default(&m);
	const struct mk_matrix_row *r = (const void *)&m; /* must stay untouched */
	struct mk_error e;

	assert_int_equal(mk_matrix_lookup(&m, MK_MATRIX_BEHEER, "Ransomware", "Versleuteling",
					  &r, &e),
			 MK_ENOTFOUND);
	assert_string_equal(e.field, "category");
	assert_string_equal(e.message, "matrix table 'beheer' has no category 'Ransomware' (see "
				       "'meldkamer matrix list')");

	/* "Diensten van derden" exists, but only in the beheer table. */
	assert_int_equal(mk_matrix_lookup(&m, MK_MATRIX_GEBRUIKERS, "Diensten van derden",
					  "Niet gescreend personeel", &r, &e),
			 MK_ENOTFOUND);
	assert_string_equal(e.field, "category");
	assert_string_equal(e.message, "matrix table 'gebruikers' has no category 'Diensten van "
				       "derden' (see 'meldkamer matrix list')");

	assert_int_equal(mk_matrix_lookup(&m, MK_MATRIX_BEHEER, "Diensten van derden",
					  "Koffie op", &r, &e),
			 MK_ENOTFOUND);
	assert_string_equal(e.field, "incident");
	assert_string_equal(e.message, "matrix category 'Diensten van derden' has no incident "
				       "'Koffie op' (see 'meldkamer matrix list')");

	/* Exact and case-sensitive: no trimming, no folding. */
	assert_null(mk_matrix_find(&m, MK_MATRIX_BEHEER, "diensten van derden",
				   "Niet gescreend personeel"));
	assert_null(mk_matrix_find(&m, MK_MATRIX_BEHEER, "Diensten van derden",
				   "Niet gescreend personeel "));
	assert_null(mk_matrix_find(&m, MK_MATRIX_BEHEER, NULL, "x"));
	assert_null(mk_matrix_find(&m, MK_MATRIX_BEHEER, "Diensten van derden", NULL));

	assert_int_equal(mk_matrix_lookup(&m, MK_MATRIX_BEHEER, NULL, NULL, &r, &e), MK_ENOTFOUND);
	assert_string_equal(e.field, "category");
	assert_int_equal(mk_matrix_lookup(&m, MK_MATRIX_BEHEER, "Diensten van derden", NULL, &r, &e),
			 MK_ENOTFOUND);
	assert_string_equal(e.field, "incident");
	assert_ptr_equal(r, (const void *)&m);
	mk_matrix_release(&m);
}

/* ---- parsing and adding ------------------------------------------------- */

#define HEADER "table\tcategory\tincident\thelpdesk\tciso\tdirectie\n"

static void test_matrix_parse_reads_levels(void **state)
{
	(void)state;
	const char *text = "# comment\n" HEADER
			   "gebruikers\tCat\tA\tX\t(X)\t\n"
			   "beheer\tCat\tA\t\t\tX\n";
	struct mk_matrix m;
	mk_matrix_init(&m);
	assert_int_equal(mk_matrix_parse(&m, text, strlen(text), "m.tsv", NULL), MK_OK);
	assert_int_equal(m.count, 2);
	struct expected_row want[] = {
		{GEBRUIKERS, "Cat", "A", M, R, N},
		{BEHEER, "Cat", "A", N, N, M},
	};
	assert_row(&m.rows[0], &want[0], 0);
	assert_row(&m.rows[1], &want[1], 1);
	mk_matrix_release(&m);
	assert_int_equal(m.count, 0);
	assert_null(m.rows);
	mk_matrix_release(&m);
	mk_matrix_release(NULL);
}

static void test_matrix_parse_errors_name_the_line(void **state)
{
	(void)state;
	static char long_category[MK_NAME_MAX + 2];
	memset(long_category, 'c', MK_NAME_MAX + 1);
	static char long_text[512];
	snprintf(long_text, sizeof(long_text), HEADER "beheer\t%s\tA\tX\tX\tX\n", long_category);
	static const struct {
		const char *text;
		enum mk_rc rc;
		const char *field;
		const char *message;
	} cases[] = {
		{"# c\n" HEADER "gebruikers\tCat\tA\tX\t\t\n\nbeheer\tCat\tB\tY\t\t\n", MK_EINVAL,
		 "helpdesk", "m.tsv line 5: helpdesk 'Y' is unknown: use one of (X), X"},
		{HEADER "beheer\tCat\tB\tX\tx\t\n", MK_EINVAL, "ciso",
		 "m.tsv line 2: ciso 'x' is unknown: use one of (X), X"},
		{HEADER "beheer\tCat\tB\tX\t\t( X)\n", MK_EINVAL, "directie",
		 "m.tsv line 2: directie '( X)' is unknown: use one of (X), X"},
		{HEADER "admin\tCat\tB\tX\t\t\n", MK_EINVAL, "table",
		 "m.tsv line 2: table 'admin' is unknown: use one of gebruikers, beheer"},
		{HEADER "beheer\tCat\tB\tX\t\t\n# c\nbeheer\tCat\tB\t\tX\t\n", MK_ECONFLICT, "incident",
		 "m.tsv line 4: matrix row 'beheer' / 'Cat' / 'B' appears twice"},
		{HEADER "beheer\t\tB\tX\t\t\n", MK_EINVAL, "category", "m.tsv line 2: category is empty"},
		{HEADER "beheer\tCat\t \tX\t\t\n", MK_EINVAL, "incident", "m.tsv line 2: incident is empty"},
		{long_text, MK_ETOOBIG, "category",
		 "m.tsv line 2: category is too long: 201 bytes, the limit is 200"},
		{"table\tcategory\tincident\thelpdesk\tciso\tdirection\n", MK_EINVAL, "",
		 "m.tsv line 1: column 6 is 'direction', expected 'directie'"},
		{HEADER "beheer\tCat\tB\tX\t\t\t\n", MK_EINVAL, "",
		 "m.tsv line 2: 7 fields, expected 6"},
		{HEADER "beheer\tCat\tB\xff\tX\t\t\n", MK_EINVAL, "",
		 "m.tsv line 2: invalid UTF-8 at byte 59"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mk_matrix m;
		mk_matrix_init(&m);
		struct mk_error e;
		enum mk_rc rc = mk_matrix_parse(&m, cases[i].text, strlen(cases[i].text), "m.tsv", &e);
		if (rc != cases[i].rc)
			fail_msg("case %zu: rc %s, expected %s (%s)", i, mk_rc_name(rc),
				 mk_rc_name(cases[i].rc), e.message);
		assert_string_equal(e.message, cases[i].message);
		assert_string_equal(e.field, cases[i].field);
		/* On failure m is left empty. */
		assert_int_equal(m.count, 0);
		assert_null(m.rows);
	}
}

static void test_matrix_parse_refuses_an_oversized_file(void **state)
{
	(void)state;
	size_t len = MK_TABLE_FILE_MAX + 1;
	char *text = malloc(len + 1);
	assert_non_null(text);
	memcpy(text, HEADER, strlen(HEADER));
	memset(text + strlen(HEADER), '#', len - strlen(HEADER));
	text[len] = '\0';
	struct mk_matrix m;
	mk_matrix_init(&m);
	struct mk_error e;
	assert_int_equal(mk_matrix_parse(&m, text, len, "m.tsv", &e), MK_ETOOBIG);
	assert_string_equal(e.message, "m.tsv is too big: 262145 bytes, the limit is 262144");
	assert_int_equal(m.count, 0);
	free(text);
}

static void test_matrix_add_copies_and_checks(void **state)
{
	(void)state;
	struct mk_matrix m;
	mk_matrix_init(&m);
	char category[] = "Cat", incident[] = "Inc";
	struct mk_matrix_row row = {MK_MATRIX_BEHEER, category, incident, MK_NOTIFY_MUST,
				    MK_NOTIFY_NONE, MK_NOTIFY_RELEVANT};
	struct mk_error e;
	assert_int_equal(mk_matrix_add(&m, &row, &e), MK_OK);
	category[0] = 'X'; /* the matrix holds its own copy */
	assert_string_equal(m.rows[0].category, "Cat");
	assert_ptr_not_equal(m.rows[0].incident, incident);
	row.category = "Cat";
	assert_int_equal(mk_matrix_add(&m, &row, &e), MK_ECONFLICT);
	assert_string_equal(e.field, "incident");
	assert_string_equal(e.message, "matrix row 'beheer' / 'Cat' / 'Inc' appears twice");
	/* The same category and incident in the other table is another row. */
	row.table = MK_MATRIX_GEBRUIKERS;
	assert_int_equal(mk_matrix_add(&m, &row, &e), MK_OK);
	row.ciso = (enum mk_notify)3;
	row.incident = "Other";
	assert_int_equal(mk_matrix_add(&m, &row, &e), MK_EINVAL);
	assert_string_equal(e.message, "matrix row has an invalid level");
	row.ciso = MK_NOTIFY_NONE;
	row.table = (enum mk_matrix_table)2;
	assert_int_equal(mk_matrix_add(&m, &row, &e), MK_EINVAL);
	row.table = MK_MATRIX_BEHEER;
	row.incident = "two\nlines";
	assert_int_equal(mk_matrix_add(&m, &row, &e), MK_EINVAL);
	assert_string_equal(e.field, "incident");
	row.incident = NULL;
	assert_int_equal(mk_matrix_add(&m, &row, &e), MK_EINVAL);
	assert_string_equal(e.message, "incident is empty");
	assert_int_equal(m.count, 2);
	/* Growing past the first allocation keeps every row. */
	for (int i = 0; i < 300; i++) {
		char name[16];
		snprintf(name, sizeof(name), "inc %d", i);
		row.incident = name;
		assert_int_equal(mk_matrix_add(&m, &row, &e), MK_OK);
	}
	assert_int_equal(m.count, 302);
	assert_string_equal(m.rows[301].incident, "inc 299");
	assert_string_equal(m.rows[0].incident, "Inc");
	mk_matrix_release(&m);
}

/* ---- out of memory ------------------------------------------------------ */

static void test_matrix_load_default_out_of_memory_is_enomem_and_leaks_nothing(void **state)
{
	(void)state;
	long n;
	for (n = 0; n < FAULT_LOOP_MAX; n++) {
		struct mk_matrix m;
		mk_matrix_init(&m);
		struct mk_error e;
		mk_alloc_fail_after(n);
		enum mk_rc rc = mk_matrix_load_default(&m, &e);
		mk_alloc_fail_reset();
		if (rc == MK_OK) {
			assert_int_equal(m.count, 75);
			mk_matrix_release(&m);
			break;
		}
		if (rc != MK_ENOMEM)
			fail_msg("round %ld: %s (%s)", n, mk_rc_name(rc), e.message);
		assert_int_equal(m.count, 0);
		assert_null(m.rows);
	}
	/* tsv: text and cells (2); rows array (1); two strings a row (150). */
	assert_int_equal(n, 153);
}

static void test_matrix_add_out_of_memory_leaves_the_matrix_as_it_was(void **state)
{
	(void)state;
	struct mk_matrix m;
	mk_matrix_init(&m);
	struct mk_matrix_row row = {MK_MATRIX_BEHEER, "Cat", "Inc", MK_NOTIFY_MUST, MK_NOTIFY_NONE,
				    MK_NOTIFY_NONE};
	/* The row array, then (once it exists) each of the two copies. */
	static const long rounds[] = {0, 1, 0, 1};
	for (size_t i = 0; i < sizeof(rounds) / sizeof(rounds[0]); i++) {
		mk_alloc_fail_after(rounds[i]);
		assert_int_equal(mk_matrix_add(&m, &row, NULL), MK_ENOMEM);
		mk_alloc_fail_reset();
		assert_int_equal(m.count, 0);
	}
	assert_int_equal(mk_matrix_add(&m, &row, NULL), MK_OK);
	assert_int_equal(m.count, 1);
	mk_matrix_release(&m);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--seed") == 0) {
		const char *shared = getenv("MK_SHARED_DATA");
		if (!shared || !shared[0]) {
			fprintf(stderr, "SKIP: MK_SHARED_DATA is not set; cannot find the guidance "
					"text to compare Bijlage 3 with\n");
			return 77;
		}
		char path[4096];
		snprintf(path, sizeof(path), "%s/../seed/000_8e749881cab2f4e9.txt", shared);
		seed_text = read_file(path);
		if (!seed_text) {
			fprintf(stderr, "SKIP: cannot read the guidance text %s (%s); the shared "
					"folder is absent, so Bijlage 3 is not compared\n",
				path, strerror(errno));
			return 77;
		}
		const struct CMUnitTest seed[] = {
			UNIT_TEST(test_matrix_default_equals_bijlage_3_of_the_seed),
		};
		int failed = cmocka_run_group_tests_name("matrix-seed", seed, NULL, NULL);
		free(seed_text);
		return failed;
	}
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_matrix_default_has_75_rows_32_gebruikers_43_beheer),
		UNIT_TEST(test_matrix_default_matches_every_row_of_bijlage_3),
		UNIT_TEST(test_matrix_default_spot_checks),
		UNIT_TEST(test_matrix_lookup_finds_an_exact_row),
		UNIT_TEST(test_matrix_lookup_miss_names_category_or_incident),
		UNIT_TEST(test_matrix_parse_reads_levels),
		UNIT_TEST(test_matrix_parse_errors_name_the_line),
		UNIT_TEST(test_matrix_parse_refuses_an_oversized_file),
		UNIT_TEST(test_matrix_add_copies_and_checks),
		UNIT_TEST(test_matrix_load_default_out_of_memory_is_enomem_and_leaks_nothing),
		UNIT_TEST(test_matrix_add_out_of_memory_leaves_the_matrix_as_it_was),
	};
	return cmocka_run_group_tests_name("matrix", tests, NULL, NULL);
}
