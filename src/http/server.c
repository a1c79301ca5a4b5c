/* The libmicrohttpd glue of `meldkamer serve`: it turns a connection's
 * request into a struct mk_http_request, hands it to the router, and sends
 * the struct mk_http_response back with the security headers every answer
 * carries. It owns what only a server has: the thread pool and its
 * database connections (one per pool thread, SQLite connections are not
 * shared), bounded bodies, timeouts and connection limits, the access log,
 * and the graceful stop on SIGTERM/SIGINT. Handlers never see
 * libmicrohttpd. */
#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "base/alloc.h"
#include "http/http.h"
#include "http/router.h"

/* The request target (path and query) as received is kept up to this;
 * libmicrohttpd's per-connection memory (32 KiB) bounds the request line
 * and the headers before we see them. */
#define TARGET_MAX 8192
/* After a body has passed MK_HTTP_BODY_MAX its rest is read and thrown
 * away so that the 413 can be sent; a client that goes on sending beyond
 * this much is cut off instead. */
#define DISCARD_MAX (4 * MK_HTTP_BODY_MAX)

/* One pool thread's database connection, in the list of all of them so
 * that the main thread closes them at the stop. */
struct worker {
	struct mk_service *svc;
	struct worker *next;
};

struct server {
	const struct mk_server_config *cfg;
	atomic_int inflight;   /* requests begun and not yet completed */
	atomic_bool stopping;  /* after SIGTERM: answers say Connection: close */
	pthread_mutex_t lock;  /* guards workers */
	struct worker *workers;
};

static _Thread_local struct mk_service *thread_svc;

/* Everything one request owns, from its request line to its completion. */
struct request_state {
	char target[TARGET_MAX + 1]; /* the raw request target */
	bool target_too_long;
	bool started;                /* the first (headers) call has been made */
	bool too_big;                /* the body passed MK_HTTP_BODY_MAX */
	size_t discarded;
	struct mk_buf body;
	bool upload;                 /* an evidence upload: the body goes to upload_fd */
	int upload_fd;
	long long upload_len;
	struct timespec start;
	char *path;                  /* copies the request points into */
	char *segs;
	char *query;
	char *form;
	char *cookie;
	char address[INET6_ADDRSTRLEN];
	char content_type[128];      /* the media type, lower case, no parameters */
	struct mk_http_request req;
};

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* --- The database connection of this thread ------------------------------ */

static struct mk_service *worker_service(struct server *srv, struct mk_error *err)
{
	if (thread_svc)
		return thread_svc;
	/* Opening only needs an actor when it creates the database, which
	 * a write open never does. */
	static const struct mk_actor opener = {.name = "meldkamer serve", .role = MK_ROLE_ADMIN, .via = "web"};
	struct mk_service *svc = NULL;
	struct worker *w = mk_calloc(1, sizeof(*w));
	if (!w)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory"), NULL;
	if (mk_service_open(srv->cfg->db_path, MK_STORE_WRITE, (mk_time)time(NULL), &opener, &svc,
			    NULL, err) != MK_OK) {
		mk_free(w);
		return NULL;
	}
	w->svc = svc;
	pthread_mutex_lock(&srv->lock);
	w->next = srv->workers;
	srv->workers = w;
	pthread_mutex_unlock(&srv->lock);
	thread_svc = svc;
	return svc;
}

static void close_workers(struct server *srv)
{
	pthread_mutex_lock(&srv->lock);
	struct worker *w = srv->workers;
	srv->workers = NULL;
	pthread_mutex_unlock(&srv->lock);
	while (w) {
		struct worker *next = w->next;
		mk_service_close(w->svc);
		mk_free(w);
		w = next;
	}
}

/* --- Request lifetime ------------------------------------------------------ */

/* Called with the request line, before the headers: the raw target is
 * only available here (libmicrohttpd decodes the path it hands the
 * access handler, which would turn "%2e%2e%2f" into "../" before we could
 * refuse it). The state it returns follows the request. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	(void)conn;
	struct server *srv = cls;
	struct request_state *st = mk_calloc(1, sizeof(*st));
	if (!st)
		return NULL;
	clock_gettime(CLOCK_MONOTONIC, &st->start);
	size_t len = strlen(uri);
	if (len > TARGET_MAX) {
		st->target_too_long = true;
		len = TARGET_MAX;
	}
	memcpy(st->target, uri, len);
	st->target[len] = '\0';
	mk_buf_init(&st->body, MK_HTTP_BODY_MAX);
	st->upload_fd = -1;
	atomic_fetch_add(&srv->inflight, 1);
	return st;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)conn;
	(void)toe;
	struct server *srv = cls;
	struct request_state *st = *con_cls;
	if (!st)
		return;
	mk_buf_release(&st->body);
	if (st->upload_fd >= 0)
		close(st->upload_fd);
	mk_free(st->path);
	mk_free(st->segs);
	mk_free(st->query);
	mk_free(st->form);
	mk_free(st->cookie);
	mk_free(st);
	*con_cls = NULL;
	atomic_fetch_sub(&srv->inflight, 1);
}

/* --- Access log ------------------------------------------------------------ */

/* The longest path written to the log: a longer one is cut, marked with
 * "...", so that its line still fits (and is still written). */
#define LOG_PATH_MAX 1024

/* Appends up to max bytes of s with every byte outside printable ASCII,
 * the space, '"' and '\' written as \xNN: a path holding
 * "\n127.0.0.1 admin ..." cannot start a line of its own, and fields stay
 * split by single spaces. */
static void add_log_field(struct mk_buf *b, const char *s, size_t max)
{
	if (!s || !*s) {
		mk_buf_addc(b, '-');
		return;
	}
	size_t i = 0;
	for (; s[i] && s[i] != '?' && i < max; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\')
			mk_buf_addf(b, "\\x%02x", c);
		else
			mk_buf_addc(b, (char)c);
	}
	if (s[i] && s[i] != '?')
		mk_buf_adds(b, "...");
}

/* One line per request: address, account or -, method, path without the
 * query (it may hold search words), status, body bytes, milliseconds. One
 * write() per line, so lines from several threads never interleave. */
static void log_request(const struct request_state *st, const char *method, int status,
			size_t bytes)
{
	struct mk_buf b;
	mk_buf_init(&b, 4 * LOG_PATH_MAX + 512);
	add_log_field(&b, st->address, 64);
	mk_buf_addc(&b, ' ');
	add_log_field(&b, st->req.authenticated ? st->req.account.name : NULL, 64);
	mk_buf_addc(&b, ' ');
	add_log_field(&b, method, 32);
	mk_buf_addc(&b, ' ');
	add_log_field(&b, st->target, LOG_PATH_MAX);
	mk_buf_addf(&b, " %d %zu %.3fms\n", status, bytes, ms_since(&st->start));
	if (mk_buf_rc(&b) == MK_OK) {
		ssize_t n = write(STDERR_FILENO, b.data, b.len);
		(void)n; /* a log that cannot be written must not stop the answer */
	}
	mk_buf_release(&b);
}

/* --- Sending --------------------------------------------------------------- */

static bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool has_header(const struct mk_http_response *resp, const char *name)
{
	for (size_t i = 0; i < resp->nheader; i++)
		if (strcasecmp(resp->header[i].name, name) == 0)
			return true;
	return false;
}

static enum MHD_Result send_response(struct server *srv, struct MHD_Connection *conn,
				     struct request_state *st, const char *method,
				     struct mk_http_response *resp)
{
	size_t len = 0;
	struct MHD_Response *r;
	char *data = NULL;
	if (resp->file_fd >= 0) {
		/* A download (an evidence archive) streams from its file. */
		r = MHD_create_response_from_fd((uint64_t)resp->file_size, resp->file_fd);
		if (!r)
			return MHD_NO;
		resp->file_fd = -1; /* libmicrohttpd closes it */
		len = (size_t)resp->file_size;
		goto headers;
	}
	data = mk_buf_detach(&resp->body, &len);
	if (!data) {
		/* The page grew past MK_HTTP_RESPONSE_MAX or memory ran out. */
		resp->nheader = 0;
		mk_http_problem(resp, 500, NULL, "the answer could not be built");
		data = mk_buf_detach(&resp->body, &len);
		if (!data)
			return MHD_NO;
	}
	r = MHD_create_response_from_buffer_with_free_callback(len, data, mk_free);
	if (!r) {
		mk_free(data);
		return MHD_NO;
	}
headers:
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, resp->content_type);
	for (size_t i = 0; i < resp->nheader; i++)
		MHD_add_response_header(r, resp->header[i].name, resp->header[i].value);
	/* Every answer: no MIME sniffing (an upload shown as HTML), no
	 * framing (clickjacking), no full URL with a key in it sent on. */
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	if (starts_with(resp->content_type, "text/html"))
		MHD_add_response_header(r, "Content-Security-Policy",
					"default-src 'self'; script-src 'self'; style-src 'self'; "
					"img-src 'self' data:; frame-ancestors 'none'; "
					"form-action 'self'");
	/* Incident data must not stay in a shared or browser cache; only the
	 * compiled-in assets may be kept. */
	if (!has_header(resp, "Cache-Control") && !starts_with(st->target, "/static/"))
		MHD_add_response_header(r, "Cache-Control", "no-store");
	if (atomic_load(&srv->stopping))
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
	enum MHD_Result ret = MHD_queue_response(conn, (unsigned)resp->status, r);
	MHD_destroy_response(r);
	log_request(st, method, resp->status, len);
	return ret;
}

static enum MHD_Result send_error(struct server *srv, struct MHD_Connection *conn,
				  struct request_state *st, const char *method, int status,
				  const char *field, const char *detail)
{
	struct mk_http_response resp;
	mk_http_response_init(&resp);
	mk_router_error(&st->req, mk_router_wants_html(&st->req), status, field, detail, &resp);
	enum MHD_Result ret = send_response(srv, conn, st, method, &resp);
	mk_http_response_release(&resp);
	return ret;
}

/* --- Filling the request ----------------------------------------------------- */

static enum MHD_Result add_header(void *cls, enum MHD_ValueKind kind, const char *key,
				  const char *value)
{
	(void)kind;
	struct mk_http_request *req = cls;
	if (req->nheaders == MK_HTTP_PARAMS_MAX)
		return MHD_NO;
	req->headers[req->nheaders].name = key;
	req->headers[req->nheaders].value = value ? value : "";
	req->nheaders++;
	return MHD_YES;
}

static void client_address(struct MHD_Connection *conn, char *buf, size_t cap)
{
	snprintf(buf, cap, "-");
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (!ci || !ci->client_addr)
		return;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
			  (socklen_t)cap);
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			  buf, (socklen_t)cap);
}

/* The address in text (spaces around it allowed) in inet_ntop's form,
 * or false if it is not a numeric IPv4 or IPv6 address. */
static bool normal_address(const char *text, size_t len, char *buf, size_t cap)
{
	while (len && (*text == ' ' || *text == '\t')) {
		text++;
		len--;
	}
	while (len && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	char copy[INET6_ADDRSTRLEN];
	if (len == 0 || len >= sizeof(copy))
		return false;
	memcpy(copy, text, len);
	copy[len] = '\0';
	unsigned char bin[sizeof(struct in6_addr)];
	if (inet_pton(AF_INET, copy, bin) == 1)
		return inet_ntop(AF_INET, bin, buf, (socklen_t)cap) != NULL;
	if (inet_pton(AF_INET6, copy, bin) == 1)
		return inet_ntop(AF_INET6, bin, buf, (socklen_t)cap) != NULL;
	return false;
}

enum mk_rc mk_server_parse_proxy(const char *text, struct mk_server_config *cfg,
				 struct mk_error *err)
{
	if (!normal_address(text, strlen(text), cfg->trusted_proxy, sizeof(cfg->trusted_proxy)))
		return mk_error_set(err, MK_EINVAL, "trusted-proxy",
				    "'%.64s' is not a numeric IPv4 or IPv6 address", text);
	return MK_OK;
}

/* Behind the trusted proxy: the client is the last X-Forwarded-For entry
 * (the one the proxy itself added; those before it the client may have
 * made up), and X-Forwarded-Proto says whether the person used TLS. A
 * header that does not hold an address leaves the proxy's. */
static void forwarded_client(const struct server *srv, struct MHD_Connection *conn,
			     struct request_state *st)
{
	if (!srv->cfg->trusted_proxy[0] || strcmp(st->address, srv->cfg->trusted_proxy) != 0)
		return;
	const char *xff = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-For");
	if (xff) {
		const char *last = strrchr(xff, ',');
		last = last ? last + 1 : xff;
		char client[INET6_ADDRSTRLEN];
		if (normal_address(last, strlen(last), client, sizeof(client)))
			snprintf(st->address, sizeof(st->address), "%s", client);
	}
	const char *proto =
		MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Forwarded-Proto");
	st->req.tls = proto && strcasecmp(proto, "https") == 0;
}

/* Splits the raw path into percent-decoded segments. A segment that does
 * not decode ("%2e%2e", "%2f", a NUL, invalid UTF-8) or too many of them
 * name no page: false, answered 404. */
static bool split_path(struct request_state *st)
{
	struct mk_http_request *req = &st->req;
	st->segs = mk_strdup(st->path);
	if (!st->segs)
		return false;
	char *p = st->segs;
	if (*p == '/')
		p++;
	if (*p == '\0')
		return true; /* "/" has no segments */
	while (p) {
		char *slash = strchr(p, '/');
		if (slash)
			*slash = '\0';
		if (req->nseg == MK_HTTP_SEGMENTS_MAX || mk_http_decode_segment(p, NULL) != MK_OK)
			return false;
		req->seg[req->nseg++] = p;
		p = slash ? slash + 1 : NULL;
	}
	return true;
}

/* The media type without its parameters, lower case ("text/html"). */
static void media_type(const char *value, char *buf, size_t cap)
{
	size_t n = 0;
	for (; value && *value && *value != ';' && n + 1 < cap; value++)
		if (*value != ' ' && *value != '\t')
			buf[n++] = (char)(*value >= 'A' && *value <= 'Z' ? *value + 32 : *value);
	buf[n] = '\0';
}

/* Fills st->req from the connection. Returns 0, or the HTTP status of a
 * request that cannot be read, with err saying why. */
static int fill_request(struct server *srv, struct MHD_Connection *conn,
			struct request_state *st, const char *method, struct mk_error *err)
{
	struct mk_http_request *req = &st->req;
	req->method = method;
	req->now = (mk_time)time(NULL);
	req->address = st->address;
	req->lang = "nl";
	req->body = st->body.data;
	req->body_len = st->body.len;
	if (st->upload) {
		req->has_body_fd = true;
		req->body_fd = st->upload_fd;
		req->body_fd_size = st->upload_len;
		if (lseek(st->upload_fd, 0, SEEK_SET) != 0)
			return mk_error_set(err, MK_ESTORE, "body", "the upload could not be read"), 503;
	}
	req->content_type = "";

	char *q = strchr(st->target, '?');
	st->path = mk_strndup(st->target, q ? (size_t)(q - st->target) : strlen(st->target));
	if (!st->path)
		return mk_error_set(err, MK_ENOMEM, "", "out of memory"), 503;
	req->path = st->path;
	/* The segments first: an error further on is answered in the
	 * format of the route they name (a page or problem+json). */
	if (!split_path(st))
		return mk_error_set(err, MK_ENOTFOUND, "", "no page at this path"), 404;

	if (MHD_get_connection_values(conn, MHD_HEADER_KIND, NULL, NULL) > MK_HTTP_PARAMS_MAX)
		return mk_error_set(err, MK_EINVAL, "headers", "more than %d request headers",
				    MK_HTTP_PARAMS_MAX),
		       431;
	MHD_get_connection_values(conn, MHD_HEADER_KIND, add_header, req);

	if (st->target_too_long)
		return mk_error_set(err, MK_ETOOBIG, "", "the request target is over %d bytes",
				    TARGET_MAX),
		       414;
	if (q) {
		st->query = mk_strdup(q + 1);
		if (!st->query)
			return mk_error_set(err, MK_ENOMEM, "", "out of memory"), 503;
		if (mk_http_parse_urlencoded(st->query, req->query, MK_HTTP_PARAMS_MAX, &req->nquery,
					     err) != MK_OK) {
			req->nquery = 0;
			return 400;
		}
	}

	/* A Cookie header that does not decode is ignored rather than
	 * refused: another application on the same host may have set it, and
	 * refusing would lock people out of meldkamer. */
	const char *cookie = mk_http_header(req, "Cookie");
	if (cookie) {
		st->cookie = mk_strdup(cookie);
		if (!st->cookie)
			return mk_error_set(err, MK_ENOMEM, "", "out of memory"), 503;
		if (mk_http_parse_cookies(st->cookie, req->cookies, MK_HTTP_PARAMS_MAX,
					  &req->ncookies, NULL) != MK_OK)
			req->ncookies = 0;
	}

	media_type(mk_http_header(req, "Content-Type"), st->content_type, sizeof(st->content_type));
	req->content_type = st->content_type;
	if (strcmp(st->content_type, "application/x-www-form-urlencoded") == 0 && st->body.len) {
		st->form = mk_strndup(st->body.data, st->body.len);
		if (!st->form)
			return mk_error_set(err, MK_ENOMEM, "", "out of memory"), 503;
		if (strlen(st->form) != st->body.len)
			return mk_error_set(err, MK_EINVAL, "body", "the form holds a NUL byte"), 400;
		if (mk_http_parse_urlencoded(st->form, req->form, MK_HTTP_PARAMS_MAX, &req->nform,
					     err) != MK_OK) {
			req->nform = 0;
			return 400;
		}
	}


	/* The service is opened on a thread's first request; if that fails
	 * (a locked or missing database), routes that need it answer 503 and
	 * the next request tries again. */
	struct mk_error open_err = {0};
	req->svc = worker_service(srv, &open_err);
	if (!req->svc)
		return mk_error_set(err, MK_ESTORE, "", "%s", open_err.message), 503;
	return 0;
}

/* --- The access handler ----------------------------------------------------- */

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size,
				  void **con_cls)
{
	(void)url; /* decoded by libmicrohttpd: st->target has it as sent */
	(void)version;
	struct server *srv = cls;
	struct request_state *st = *con_cls;
	if (!st)
		return MHD_NO; /* out of memory at the request line */

	if (!st->started) {
		st->started = true;
		client_address(conn, st->address, sizeof(st->address));
		forwarded_client(srv, conn, st);
		st->req.address = st->address;
		st->req.path = "";
		/* An evidence upload streams to an unlinked temporary file and
		 * may be larger; only a request that carries credentials gets
		 * that room (the router checks them before the handler runs). */
		st->upload = mk_http_is_upload(method, st->target) &&
			     (MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Authorization") ||
			      MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Cookie"));
		unsigned long long limit = st->upload ? (unsigned long long)MK_HTTP_UPLOAD_MAX
						      : MK_HTTP_BODY_MAX;
		/* A body announced over the limit is refused before a byte of
		 * it is read. */
		const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl) {
			char *end = NULL;
			errno = 0;
			unsigned long long n = strtoull(cl, &end, 10);
			bool number = !errno && end != cl && !*end && cl[0] >= '0' && cl[0] <= '9';
			if (!number || n > limit) {
				st->too_big = true;
				char detail[96];
				if (number || errno == ERANGE)
					snprintf(detail, sizeof(detail),
						 "request body over the limit of %llu bytes", limit);
				else
					snprintf(detail, sizeof(detail),
						 "Content-Length is not a number of bytes");
				st->path = mk_strndup(st->target, strcspn(st->target, "?"));
				st->req.path = st->path ? st->path : "";
				return send_error(srv, conn, st, method,
						  number || errno == ERANGE ? 413 : 400,
						  number || errno == ERANGE ? "body" : "Content-Length",
						  detail);
			}
		}
		if (st->upload) {
			const char *tmp = getenv("TMPDIR");
			char path[4096];
			snprintf(path, sizeof(path), "%s/meldkamer-upload-XXXXXX",
				 tmp && tmp[0] ? tmp : "/tmp");
			st->upload_fd = mkstemp(path);
			if (st->upload_fd < 0)
				return MHD_NO;
			unlink(path); /* gone with the descriptor, whatever happens */
		}
		return MHD_YES;
	}

	if (*upload_data_size && st->upload) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		if (!st->too_big && st->upload_len + (long long)n > MK_HTTP_UPLOAD_MAX)
			st->too_big = true;
		if (st->too_big) {
			st->discarded += n;
			return st->discarded > DISCARD_MAX ? MHD_NO : MHD_YES;
		}
		for (size_t o = 0; o < n;) {
			ssize_t w = write(st->upload_fd, upload_data + o, n - o);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				return MHD_NO;
			o += (size_t)w;
		}
		st->upload_len += (long long)n;
		return MHD_YES;
	}

	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		if (!st->too_big && st->body.len + n > MK_HTTP_BODY_MAX) {
			/* A chunked body gives no length up front: it is refused
			 * when it grows past the limit. */
			st->too_big = true;
			mk_buf_release(&st->body);
		}
		if (st->too_big) {
			st->discarded += n;
			return st->discarded > DISCARD_MAX ? MHD_NO : MHD_YES;
		}
		mk_buf_add(&st->body, upload_data, n);
		return mk_buf_rc(&st->body) == MK_OK ? MHD_YES : MHD_NO;
	}

	if (st->too_big) {
		char detail[96];
		snprintf(detail, sizeof(detail), "request body over the limit of %lld bytes",
			 st->upload ? MK_HTTP_UPLOAD_MAX : (long long)MK_HTTP_BODY_MAX);
		return send_error(srv, conn, st, method, 413, "body", detail);
	}

	struct mk_error err = {0};
	int early = fill_request(srv, conn, st, method, &err);
	/* A path that names no page, too many headers or too long a target:
	 * answered before any route is looked at. */
	if (early == 404 || early == 431 || early == 414)
		return send_error(srv, conn, st, method, early, err.field, err.message);

	struct mk_http_response resp;
	mk_http_response_init(&resp);
	mk_router_handle(&st->req, early, early ? &err : NULL, &resp);
	enum MHD_Result ret = send_response(srv, conn, st, method, &resp);
	mk_http_response_release(&resp);
	return ret;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	size_t len = strlen(msg);
	while (len && (msg[len - 1] == '\n' || msg[len - 1] == '\r'))
		msg[--len] = '\0';
	char line[600];
	int n = snprintf(line, sizeof(line), "meldkamer serve: %s\n", msg);
	if (n > 0) {
		ssize_t w = write(STDERR_FILENO, line, (size_t)n < sizeof(line) ? (size_t)n
									   : sizeof(line) - 1);
		(void)w;
	}
}

/* --- Configuration and the main loop ---------------------------------------- */

enum mk_rc mk_server_parse_listen(const char *text, struct mk_server_config *cfg,
				  struct mk_error *err)
{
	const char *colon = NULL;
	char host[64];
	bool ipv6 = false;
	if (text[0] == '[') {
		const char *close = strchr(text, ']');
		if (!close || close[1] != ':' || (size_t)(close - text - 1) >= sizeof(host))
			goto bad;
		memcpy(host, text + 1, (size_t)(close - text - 1));
		host[close - text - 1] = '\0';
		colon = close + 1;
		ipv6 = true;
	} else {
		colon = strrchr(text, ':');
		if (!colon || (size_t)(colon - text) >= sizeof(host))
			goto bad;
		memcpy(host, text, (size_t)(colon - text));
		host[colon - text] = '\0';
	}
	unsigned char addr[sizeof(struct in6_addr)];
	if (inet_pton(ipv6 ? AF_INET6 : AF_INET, host, addr) != 1)
		goto bad;
	const char *p = colon + 1;
	if (!*p || strlen(p) > 5)
		goto bad;
	unsigned long port = 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			goto bad;
		port = port * 10 + (unsigned long)(*p - '0');
	}
	if (port > 65535)
		goto bad;
	snprintf(cfg->host, sizeof(cfg->host), "%s", host);
	cfg->ipv6 = ipv6;
	cfg->port = (unsigned)port;
	return MK_OK;
bad:
	return mk_error_set(err, MK_EINVAL, "listen",
			    "'%s' is not an address to listen on: use ADDR:PORT, such as "
			    "127.0.0.1:8080 or [::1]:8080",
			    text);
}

enum mk_rc mk_server_run(const struct mk_server_config *cfg,
			 void (*ready)(void *ctx, const char *url), void *ctx,
			 struct mk_error *err)
{
	enum mk_rc rc = MK_OK;
	struct MHD_Daemon *d = NULL;
	struct server srv = {.cfg = cfg};
	atomic_init(&srv.inflight, 0);
	atomic_init(&srv.stopping, false);
	pthread_mutex_init(&srv.lock, NULL);

	unsigned threads = cfg->threads;
	if (threads == 0) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		threads = n < 1 ? 1 : n > MK_HTTP_THREADS_MAX ? MK_HTTP_THREADS_MAX : (unsigned)n;
	}
	unsigned timeout = cfg->timeout ? cfg->timeout : MK_HTTP_TIMEOUT_DEFAULT;

	/* The pool threads inherit this mask: the signals reach only the
	 * sigwait below, never a thread in the middle of a request. */
	sigset_t stop_signals, old_mask;
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop_signals, &old_mask);
	signal(SIGPIPE, SIG_IGN);

	struct sockaddr_in sa4 = {0};
	struct sockaddr_in6 sa6 = {0};
	struct sockaddr *sa;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ITC |
			 MHD_USE_ERROR_LOG;
	if (cfg->ipv6) {
		sa6.sin6_family = AF_INET6;
		sa6.sin6_port = htons((uint16_t)cfg->port);
		inet_pton(AF_INET6, cfg->host, &sa6.sin6_addr);
		sa = (struct sockaddr *)&sa6;
		flags |= MHD_USE_IPv6;
	} else {
		sa4.sin_family = AF_INET;
		sa4.sin_port = htons((uint16_t)cfg->port);
		inet_pton(AF_INET, cfg->host, &sa4.sin_addr);
		sa = (struct sockaddr *)&sa4;
	}

	d = MHD_start_daemon(flags, (uint16_t)cfg->port, NULL, NULL, on_request, &srv,
			     MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL,
			     MHD_OPTION_SOCK_ADDR, sa,
			     MHD_OPTION_THREAD_POOL_SIZE, threads,
			     MHD_OPTION_CONNECTION_TIMEOUT, timeout,
			     MHD_OPTION_CONNECTION_LIMIT, (unsigned)MK_HTTP_CONNECTIONS_MAX,
			     MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)MK_HTTP_CONNECTIONS_PER_IP,
			     MHD_OPTION_URI_LOG_CALLBACK, on_uri, &srv,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, &srv,
			     MHD_OPTION_END);
	if (!d) {
		rc = mk_error_set(err, MK_EINVAL, "listen", "cannot listen on %s%s%s:%u: %s",
				  cfg->ipv6 ? "[" : "", cfg->host, cfg->ipv6 ? "]" : "", cfg->port,
				  errno ? strerror(errno) : "libmicrohttpd refused to start");
		goto out;
	}
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	char url[128];
	snprintf(url, sizeof(url), "http://%s%s%s:%u/", cfg->ipv6 ? "[" : "", cfg->host,
		 cfg->ipv6 ? "]" : "", info ? (unsigned)info->port : cfg->port);
	if (ready)
		ready(ctx, url);

	int sig = 0;
	while (sigwait(&stop_signals, &sig) != 0)
		;

	/* Graceful stop: no new connections, the requests in flight finish
	 * (a stalled one at most until its timeout), then every thread and
	 * connection is closed. */
	atomic_store(&srv.stopping, true);
	MHD_socket ls = MHD_quiesce_daemon(d);
	if (ls != MHD_INVALID_SOCKET)
		close(ls);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (atomic_load(&srv.inflight) > 0 && ms_since(&t0) < (double)timeout * 1000.0 + 1000.0) {
		struct timespec pause = {0, 10 * 1000 * 1000};
		nanosleep(&pause, NULL);
	}
	MHD_stop_daemon(d);
	d = NULL;
out:
	if (d)
		MHD_stop_daemon(d);
	close_workers(&srv);
	pthread_mutex_destroy(&srv.lock);
	/* The mask stays as it is after a stop: a second SIGTERM sent while
	 * we were finishing must not kill the process on its way out with a
	 * status that says it failed. */
	if (rc != MK_OK)
		pthread_sigmask(SIG_SETMASK, &old_mask, NULL);
	return rc;
}
