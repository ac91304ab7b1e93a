"""Evidence files in the progress form: uploaded like the API's, cited, refusals on the input."""

import json
from typing import Any

import httpx

from tests.unit.gateway.conftest import open_gateway
from tests.unit.gateway.test_webui_pages import csrf_token, signed_in
from tests.unit.gateway.test_webui_rewards import answering

SKP: dict[str, Any] = {
    "skp_id": "skp-1",
    "status": "approved",
    "rhk": [
        {
            "rhk_id": "r1",
            "title": "Pelayanan",
            "iki": [{"iki_id": "i1", "name": "Pasien dilayani", "target": 300, "unit": "orang"}],
        }
    ],
    "progress": [],
}
PDF = b"%PDF-1.4\n%%EOF\n"
REPORT = {"skp_id": "skp-1", "rhk_id": "r1", "iki_id": "i1", "period": "2026-11"}


async def _report(services: Any, file: tuple[str, bytes, str], links: str = "") -> httpx.Response:
    async with open_gateway(services=services) as gateway:
        signed_in(gateway)
        token = await csrf_token(gateway, "/progres?year=2026")
        data = REPORT | {"csrf_token": token, "realisation": "310", "evidence": links}
        return await gateway.client.post(
            "/progres?year=2026", data=data, files={"evidence_file": file}
        )


async def test_a_chosen_file_is_uploaded_with_its_type_and_cited_in_the_report() -> None:
    services = answering(
        {
            "/skp": httpx.Response(200, json=SKP),
            "/evidence": httpx.Response(201, json={"reference": "file:ab12"}),
            "/progress": httpx.Response(201, json={"progress_id": "p1"}),
        }
    )
    answer = await _report(services, ("rekap.pdf", PDF, "application/pdf"), "https://x.id/a")

    assert answer.status_code == 303
    upload = next(sent for sent in services.seen if sent.url.path == "/evidence")
    assert upload.content == PDF
    assert upload.headers["content-type"] == "application/pdf"
    assert upload.url.params["filename"] == "rekap.pdf"
    report = json.loads(services.seen[-1].content)
    assert report["evidence"] == ["https://x.id/a", "file:ab12"]


async def test_a_refused_file_is_told_on_its_input_and_nothing_is_reported() -> None:
    refused = {
        "status": 415,
        "detail": "Jenis berkas tidak diterima",
        "errors": [{"field": "content-type", "reason": "Jenis berkas 'text/plain' ditolak"}],
    }
    services = answering(
        {"/skp": httpx.Response(200, json=SKP), "/evidence": httpx.Response(415, json=refused)}
    )
    page = await _report(services, ("catatan.txt", b"teks", "text/plain"))

    assert page.status_code == 415
    assert 'id="e-r1-i1-evidence_file"' in page.text
    assert "Jenis berkas &#39;text/plain&#39; ditolak" in page.text
    assert 'value="310"' in page.text
    assert not [sent for sent in services.seen if sent.url.path.endswith("/progress")]


async def test_the_progress_form_gets_the_upload_size_limit_and_other_forms_do_not() -> None:
    two_mebibytes = b"x" * (2 * 1024 * 1024)  # above the body limit, below the upload limit
    async with open_gateway() as gateway:
        report = await gateway.client.post("/progres", content=two_mebibytes)
        sign_in = await gateway.client.post("/masuk", content=two_mebibytes)

    assert report.status_code != 413
    assert sign_in.status_code == 413
