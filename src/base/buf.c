/* The bounded string buffer. */
#include "base/buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "base/alloc.h"

static char empty[1];

void mk_buf_init(struct mk_buf *b, size_t max)
{
	b->data = empty;
	b->len = 0;
	b->cap = 0;
	b->max = max;
	b->rc = MK_OK;
}

void mk_buf_release(struct mk_buf *b)
{
	if (!b)
		return;
	if (b->cap)
		mk_free(b->data);
	mk_buf_init(b, b->max);
}

void mk_buf_reset(struct mk_buf *b)
{
	b->len = 0;
	b->data[0] = '\0';
	b->rc = MK_OK;
}

/* Makes room for n more bytes plus the NUL. */
static bool grow(struct mk_buf *b, size_t n)
{
	if (b->rc != MK_OK)
		return false;
	if (n > b->max - b->len) {
		b->rc = MK_ETOOBIG;
		return false;
	}
	size_t need = b->len + n + 1;
	if (need <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	char *p = mk_realloc(b->cap ? b->data : NULL, cap);
	if (!p) {
		b->rc = MK_ENOMEM;
		return false;
	}
	if (!b->cap)
		p[0] = '\0';
	b->data = p;
	b->cap = cap;
	return true;
}

void mk_buf_add(struct mk_buf *b, const void *p, size_t n)
{
	if (!grow(b, n))
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void mk_buf_adds(struct mk_buf *b, const char *s)
{
	mk_buf_add(b, s, strlen(s));
}

void mk_buf_addc(struct mk_buf *b, char c)
{
	mk_buf_add(b, &c, 1);
}

void mk_buf_addf(struct mk_buf *b, const char *fmt, ...)
{
	if (b->rc != MK_OK)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->rc = MK_EINVAL;
		return;
	}
	if (!grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *mk_buf_detach(struct mk_buf *b, size_t *ret_len)
{
	if (b->rc != MK_OK)
		return NULL;
	char *p = b->cap ? b->data : mk_strdup("");
	if (!p)
		return NULL;
	if (ret_len)
		*ret_len = b->len;
	mk_buf_init(b, b->max);
	return p;
}
