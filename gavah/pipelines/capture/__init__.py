"""Capturing web pages as evidence: a browser behind a policy gate, every response
recorded as WARC 1.1, packaged as WACZ, with screenshot, PDF, main text, capture
metadata and media. Modules: policy (what may be reached), gate (the proxy that
enforces it), browser, page (loading one page), recorder and warc (records), wacz
(packaging), reader (checking and reading a WACZ), media, staging, run (the command),
compare (captures of one URL side by side), replay (the safe view of a capture)."""
