vcl 4.1;
# Varnish 7 in front of newsdesk (docs/operations.md, "Caches in front").
# Needs Debian's varnish-modules for xkey. Run with e.g.
#   varnishd -a :80 -f /etc/varnish/newsdesk.vcl -s malloc,1G
# and give the worker NEWSDESK_PURGE=varnish
# NEWSDESK_PURGE_VARNISH_URLS=http://<this varnish>/ .
#
# - Pages name their dependency keys in an xkey header; the worker purges
#   exactly the keys an outbox event moved (PURGE with an xkey header, from
#   the purgers ACL only), so pages with keys are kept an hour.
# - Grace: a stale page is served for 10 s while one fetch refreshes it, and
#   for 6 h while the backend's probe fails.
# - Public pages never see cookies; the desk, the admin, the Admin API,
#   signed-in editors (the session cookie), credentials and writes go to
#   newsdesk uncached.
# - /live and /live/desk (Server-Sent Events) are piped: streamed as they
#   come, no buffering.

import std;
import xkey;

backend newsdesk {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 30s;
    .probe = {
        .url = "/";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}

# Who may purge: the worker's addresses.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (!req.http.xkey) {
            return (synth(400, "PURGE needs an xkey header"));
        }
        # A hard purge: the next request fetches the page afresh, never the
        # stale copy that a soft purge would keep for grace.
        set req.http.n-gone = xkey.purge(req.http.xkey);
        return (synth(200, "Purged " + req.http.n-gone));
    }
    # Only Varnish says a fetch comes from a shared cache.
    unset req.http.X-Newsdesk-Front;

    # The live streams (readers' and the desk's own): one long response,
    # piped byte for byte.
    if (req.url ~ "^/live(/desk)?(\?|$)") {
        return (pipe);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(desk|admin|api/admin|wire/push)(/|\?|$)") {
        return (pass);
    }
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Public pages are the same for every reader: cookies only split the cache.
    unset req.http.Cookie;
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_hash {
    # An http:// request may be answered with a redirect to https://.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_pipe {
    # The piped connection carries this one request; the next one on the
    # reader's connection must not be piped with it.
    set bereq.http.Connection = "close";
}

sub vcl_backend_fetch {
    # Skip the web process's own page cache: Varnish is the cache, and a
    # purge must not be refilled from a process that has not read the event.
    set bereq.http.X-Newsdesk-Front = "varnish";
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie) {
        # Not the same for every reader: never cached, not even briefly.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (beresp.http.xkey && beresp.status == 200) {
        # Purged exactly when it changes; the hour bounds a missed purge.
        set beresp.ttl = 1h;
    }
    set beresp.grace = 6h;
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Varnish-Cache = "PASS";
    } else if (obj.hits > 0) {
        set resp.http.X-Varnish-Cache = "HIT";
    } else {
        set resp.http.X-Varnish-Cache = "MISS";
    }
    # The keys are for caches, not readers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
}
