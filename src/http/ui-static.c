/* The web UI's compiled-in assets (http/static.h): data/static/app.css
 * and app.js, embedded at build time by tools/embed.py, so the program
 * needs no files at run time and /static/ can only ever serve these. */
#include "http/static.h"

#include "static-app-css.h"
#include "static-app-js.h"

const struct mk_static_file mk_static_files[] = {
	{"app.css", "text/css; charset=utf-8", (const unsigned char *)mk_static_app_css,
	 sizeof(mk_static_app_css) - 1},
	{"app.js", "text/javascript; charset=utf-8", (const unsigned char *)mk_static_app_js,
	 sizeof(mk_static_app_js) - 1},
};
const size_t mk_static_nfiles = sizeof(mk_static_files) / sizeof(mk_static_files[0]);
