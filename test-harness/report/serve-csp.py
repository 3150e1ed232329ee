#!/usr/bin/env python3
"""Serves a folder on 127.0.0.1 with the Content-Security-Policy Jenkins gives archived artifacts.

    serve-csp.py DIR PORT

Every answer carries
    Content-Security-Policy: sandbox; default-src 'none'; img-src 'self'; style-src 'self';
(Jenkins' default hudson.model.DirectoryBrowserSupport.CSP), so a page that renders here renders
when opened from a build's artifacts. Stops by itself after 120 seconds.
"""
import functools
import http.server
import sys
import threading

CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'self';"


class Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, fmt, *args):
        pass


def main():
    folder, port = sys.argv[1], int(sys.argv[2])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=folder))
    threading.Timer(120, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
