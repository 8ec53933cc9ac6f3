"""Outbound HTTP safety, shared by every part of newsdesk that fetches or
delivers: the SSRF guard (:mod:`newsdesk.net.guard`). A plain package, not an
app, and it imports nothing else of newsdesk's, so any app may use it."""
