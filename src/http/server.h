/* The libmicrohttpd server behind `meldkamer serve` (server.c): a thread
 * pool, one database connection per pool thread, bounded request bodies,
 * timeouts and connection limits, security headers, an access log line
 * per request on stderr, and a graceful stop on SIGTERM/SIGINT. */
#ifndef MK_HTTP_SERVER_H
#define MK_HTTP_SERVER_H

#include <stdbool.h>

#include "base/rc.h"

/* Connections at once in total and from one address; more are refused at
 * accept. Several hundred browsers of one municipality fit; one client
 * cannot hold every slot. */
#define MK_HTTP_CONNECTIONS_MAX 512
#define MK_HTTP_CONNECTIONS_PER_IP 128
/* A connection idle this long (a client that sends half a request and
 * stalls) is closed. */
#define MK_HTTP_TIMEOUT_DEFAULT 15
#define MK_HTTP_THREADS_MAX 64

struct mk_server_config {
	const char *db_path;
	char host[64];      /* "127.0.0.1", "::1" (an IPv6 address without brackets) */
	bool ipv6;
	unsigned port;      /* 0: a free port chosen by the system */
	unsigned threads;   /* 1..MK_HTTP_THREADS_MAX; 0: the number of cores */
	unsigned timeout;   /* seconds; 0: MK_HTTP_TIMEOUT_DEFAULT */
	/* The reverse proxy in front ("" for none): requests from this
	 * address take the client's address from the last X-Forwarded-For
	 * entry and TLS from X-Forwarded-Proto, so that login throttling and
	 * the access log see the person, not the proxy, and the session
	 * cookie gets Secure. From anyone else those headers are ignored. */
	char trusted_proxy[64];
};

/* Parses a numeric IPv4 or IPv6 address into cfg's trusted_proxy, in the
 * form the server compares (inet_ntop's). MK_EINVAL naming
 * "trusted-proxy" otherwise. */
enum mk_rc mk_server_parse_proxy(const char *text, struct mk_server_config *cfg,
				 struct mk_error *err);

/* Parses "ADDR:PORT" ("127.0.0.1:8080", "[::1]:8080") into cfg's host,
 * ipv6 and port. MK_EINVAL naming "listen" otherwise. */
enum mk_rc mk_server_parse_listen(const char *text, struct mk_server_config *cfg,
				  struct mk_error *err);

/* Serves until SIGTERM or SIGINT, then stops accepting, lets the requests
 * in flight finish (at most the timeout), and closes every database
 * connection. ready(ctx, url) is called once the socket listens, with the
 * real port. MK_ESTORE if the database cannot be opened; MK_EINVAL if the
 * address cannot be bound. */
enum mk_rc mk_server_run(const struct mk_server_config *cfg,
			 void (*ready)(void *ctx, const char *url), void *ctx,
			 struct mk_error *err);

#endif
