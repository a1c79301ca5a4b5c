/* The web UI's compiled-in assets (http/static.h). Empty until the web UI
 * fills it: its owner (ui-*.c) replaces this file. */
#include "http/static.h"

const struct mk_static_file mk_static_files[] = {
	{"", "", (const unsigned char *)"", 0}, /* a placeholder: C has no empty array */
};
const size_t mk_static_nfiles = 0;
