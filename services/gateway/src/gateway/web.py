"""The placeholder home page: says what Kinerja is and where the API lives (web UI comes later)."""

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

HOME = """<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Kinerja — Penilaian Kinerja ASN</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
a{color:#0b5394}code{background:#f2f2f2;padding:.1rem .3rem}</style></head>
<body><main>
<h1>Kinerja</h1>
<p>Penilaian kinerja ASN yang objektif dan transparan: target (SKP), umpan balik dari banyak sumber,
nilai yang bisa dijelaskan, serta penghargaan dan pembinaan.</p>
<p lang="en"><em>Objective, transparent performance evaluation for Indonesian civil servants.</em></p>
<h2>Mulai</h2>
<ul>
<li><a href="/docs">Dokumentasi API (OpenAPI)</a> · <a href="/openapi.json">openapi.json</a></li>
<li>Masuk demo: <code>POST /api/v1/auth/demo-login</code> dengan <code>{"nip": "..."}</code>;
daftar pengguna demo: <a href="/api/v1/auth/demo-people">/api/v1/auth/demo-people</a></li>
</ul>
<p>Aplikasi web lengkap sedang dibangun. / <span lang="en">The full web application is being built.</span></p>
</main></body></html>"""


@router.get("/", response_class=HTMLResponse)
async def home() -> str:
    """Landing page in Bahasa Indonesia."""
    return HOME
