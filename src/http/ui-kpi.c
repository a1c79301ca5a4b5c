/* GET /kpi: the metrics of H3 "Metrieken / KPI's" with charts drawn on
 * the server as inline SVG (no script, no chart library): incidents per
 * category, per priority and per phase as bars, and the min/avg/max of
 * the three durations. Each chart has a table with the same figures, so
 * nobody depends on seeing the picture (WCAG 1.1.1). */
#include <string.h>

#include "base/alloc.h"
#include "http/ui.h"

#define BAR_W 420     /* the longest bar, in SVG units */
#define LABEL_W 300   /* room for the labels left of the bars */
#define ROW_H 26

struct bar {
	const char *label;
	int64_t value;
	const char *text; /* shown at the end of the bar; NULL: the value */
};

static void chart(struct mk_buf *b, const char *lang, const char *id, const char *title,
		  const struct bar *bars, size_t n, const char *value_header)
{
	int64_t max = 1;
	for (size_t i = 0; i < n; i++)
		if (bars[i].value > max)
			max = bars[i].value;
	int h = (int)n * ROW_H + 10;
	mk_buf_addf(b, "<figure class=\"chart\" id=\"%s\">\n<figcaption id=\"cap-%s\">", id, id);
	mk_html_escape(b, title);
	mk_buf_addf(b, "</figcaption>\n<svg role=\"img\" aria-labelledby=\"cap-%s\" viewBox=\"0 0 %d %d\" "
		       "width=\"100%%\" preserveAspectRatio=\"xMinYMin meet\" xmlns=\"http://www.w3.org/2000/svg\">\n",
		    id, LABEL_W + BAR_W + 120, h);
	for (size_t i = 0; i < n; i++) {
		int y = (int)i * ROW_H + 5;
		int w = bars[i].value > 0 ? (int)(bars[i].value * BAR_W / max) : 0;
		if (bars[i].value > 0 && w < 2)
			w = 2;
		mk_buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"lbl\">", LABEL_W - 8,
			    y + 17);
		mk_html_escape(b, bars[i].label);
		mk_buf_addf(b, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"bar\"/>"
			       "<text x=\"%d\" y=\"%d\" class=\"val\">",
			    LABEL_W, y + 3, w, ROW_H - 8, LABEL_W + w + 6, y + 17);
		if (bars[i].text)
			mk_html_escape(b, bars[i].text);
		else
			mk_buf_addf(b, "%lld", (long long)bars[i].value);
		mk_buf_adds(b, "</text>\n");
	}
	mk_buf_addf(b, "</svg>\n<details><summary>%s</summary>\n<table><thead><tr><th scope=\"col\">",
		    mk_t(lang, MSG_KPI_TABLE));
	mk_html_escape(b, title);
	mk_buf_addf(b, "</th><th scope=\"col\">%s</th></tr></thead><tbody>\n", value_header);
	for (size_t i = 0; i < n; i++) {
		mk_buf_adds(b, "<tr><th scope=\"row\">");
		mk_html_escape(b, bars[i].label);
		mk_buf_adds(b, "</th><td>");
		if (bars[i].text)
			mk_html_escape(b, bars[i].text);
		else
			mk_buf_addf(b, "%lld", (long long)bars[i].value);
		mk_buf_adds(b, "</td></tr>\n");
	}
	mk_buf_adds(b, "</tbody></table></details>\n</figure>\n");
}

static void durations(struct mk_buf *b, const char *lang, const struct mk_kpi *k)
{
	const struct {
		enum mk_msg label;
		const struct mk_kpi_stat *s;
	} stats[] = {
		{MSG_KPI_LAG, &k->detection_lag},
		{MSG_KPI_CONTAINMENT, &k->containment},
		{MSG_KPI_RESOLUTION, &k->report_to_resolution},
	};
	struct bar bars[9];
	char text[9][MK_TIME_TEXT];
	char labels[9][160];
	size_t n = 0;
	for (size_t i = 0; i < 3; i++) {
		const struct mk_kpi_stat *s = stats[i].s;
		const int64_t v[3] = {s->n ? s->min : 0, mk_kpi_stat_avg(s), s->n ? s->max : 0};
		const enum mk_msg which[3] = {MSG_KPI_MIN, MSG_KPI_AVG, MSG_KPI_MAX};
		for (int j = 0; j < 3; j++) {
			snprintf(labels[n], sizeof(labels[n]), "%s: %s", mk_t(lang, stats[i].label),
				 mk_t(lang, which[j]));
			if (s->n)
				mk_duration_format(v[j], text[n]);
			else
				snprintf(text[n], sizeof(text[n]), "%s", mk_t(lang, MSG_KPI_NO_DATA));
			bars[n] = (struct bar){labels[n], v[j], text[n]};
			n++;
		}
	}
	chart(b, lang, "doorlooptijden", mk_t(lang, MSG_KPI_DURATIONS), bars, n, mk_t(lang, MSG_KPI_AVG));
	mk_buf_addf(b, "<p class=\"muted\">%s: %lld, %s: %lld, %s: %lld</p>\n",
		    mk_t(lang, MSG_KPI_LAG), (long long)k->detection_lag.n,
		    mk_t(lang, MSG_KPI_CONTAINMENT), (long long)k->containment.n,
		    mk_t(lang, MSG_KPI_RESOLUTION), (long long)k->report_to_resolution.n);
}

void mk_ui_kpi_get(struct mk_http_request *req, struct mk_http_response *resp)
{
	const char *lang = mk_ui_lang(req);
	struct mk_kpi k;
	mk_kpi_init(&k);
	struct mk_error err = {0};
	struct mk_buf b;
	mk_buf_init(&b, MK_HTTP_RESPONSE_MAX);
	struct bar *bars = NULL;
	enum mk_rc rc = mk_svc_kpi(req->svc, &k, &err);
	if (rc != MK_OK)
		goto out;
	mk_html_page_begin(&b, req, mk_t(lang, MSG_KPI_TITLE), MK_NAV_KPI);
	mk_buf_addf(&b, "<h1>%s</h1>\n<p class=\"lead\">", mk_t(lang, MSG_KPI_TITLE));
	mk_buf_addf(&b, mk_t(lang, MSG_KPI_INTRO_FMT), (long long)k.incidents, (long long)k.exercises);
	mk_buf_addf(&b, "</p>\n<ul class=\"figures\"><li><span class=\"num\">%lld</span> %s</li>"
			"<li><span class=\"num\">%lld</span> %s</li></ul>\n",
		    (long long)k.with_personal_data, mk_t(lang, MSG_KPI_PERSONAL),
		    (long long)k.with_citizen_impact, mk_t(lang, MSG_KPI_CITIZEN));

	size_t nbars = k.ncategories > MK_PHASE_COUNT ? k.ncategories : MK_PHASE_COUNT;
	bars = mk_calloc(nbars + MK_PRIORITY_COUNT, sizeof(*bars));
	if (!bars) {
		rc = mk_error_set(&err, MK_ENOMEM, "", "out of memory");
		goto out;
	}
	mk_buf_adds(&b, "<div class=\"charts\">\n");
	for (size_t i = 0; i < k.ncategories; i++)
		bars[i] = (struct bar){*k.categories[i].name ? k.categories[i].name
							      : mk_t(lang, MSG_KPI_UNCLASSIFIED),
				       k.categories[i].count, NULL};
	if (k.ncategories)
		chart(&b, lang, "categorie", mk_t(lang, MSG_KPI_BY_CATEGORY), bars, k.ncategories,
		      mk_t(lang, MSG_KPI_COUNT));
	else
		mk_buf_addf(&b, "<p>%s</p>\n", mk_t(lang, MSG_KPI_NO_DATA));

	static const enum mk_priority order[] = {MK_PRIORITY_P1, MK_PRIORITY_P2, MK_PRIORITY_P3,
						 MK_PRIORITY_P4, MK_PRIORITY_NONE};
	char plabels[MK_PRIORITY_COUNT][64];
	for (size_t i = 0; i < MK_PRIORITY_COUNT; i++) {
		enum mk_priority p = order[i];
		if (p == MK_PRIORITY_NONE)
			snprintf(plabels[i], sizeof(plabels[i]), "%s", mk_t(lang, MSG_DASH_NOT_ASSESSED));
		else
			snprintf(plabels[i], sizeof(plabels[i]), "%s %s", mk_priority_name(p),
				 mk_priority_label(p));
		bars[i] = (struct bar){plabels[i], k.by_priority[p], NULL};
	}
	chart(&b, lang, "prioriteit", mk_t(lang, MSG_KPI_BY_PRIORITY), bars, MK_PRIORITY_COUNT,
	      mk_t(lang, MSG_KPI_COUNT));
	for (int i = 0; i < MK_PHASE_COUNT; i++)
		bars[i] = (struct bar){mk_phase_label((enum mk_phase)i), k.by_phase[i], NULL};
	chart(&b, lang, "fase", mk_t(lang, MSG_KPI_BY_PHASE), bars, MK_PHASE_COUNT,
	      mk_t(lang, MSG_KPI_COUNT));
	durations(&b, lang, &k);
	mk_buf_adds(&b, "</div>\n");
	mk_html_page_end(&b, req);
out:
	if (rc == MK_OK)
		mk_ui_send(resp, 200, &b);
	else
		mk_ui_error_page(req, resp, mk_http_status(rc), err.message);
	mk_free(bars);
	mk_buf_release(&b);
	mk_kpi_release(&k);
}
