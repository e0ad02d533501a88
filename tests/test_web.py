"""The web app through Starlette's test client: pages, preview, errors, downloads, batch, limits."""

from __future__ import annotations

import io
import re
import threading
import traceback
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from starlette.testclient import TestClient
from webform import LiveServer, as_data, form_fields, replace

from drafter import api
from drafter.web import fields, uploads
from drafter.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
NEW = {"name": "云溪县", "province": "浙江省", "level": "县", "kind": "试点县"}


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


def new_form(client: TestClient, **query: str) -> list[tuple[str, str]]:
    page = client.get("/new", params={**NEW, **query})
    assert page.status_code == 200
    return form_fields(page.text)


def shown_problems(page: str) -> dict[tuple, str]:
    """The problems a form page hands to app.js, to show beside their fields."""
    import json

    raw = re.search(
        r'<script type="application/json" id="initial-problems">(.*?)</script>', page, re.S
    )
    return {tuple(p["field"]): p["message"] for p in json.loads(raw.group(1))}


def problems(client: TestClient, fields_: list[tuple[str, str]], lang: str = "zh_CN") -> list:
    answer = client.post(f"/preview?lang={lang}", data=as_data(fields_))
    assert answer.status_code == 200
    return answer.json()["problems"]


# -- pages ------------------------------------------------------------------------------------


def test_start_page_offers_levels_kinds_examples_and_upload(client):
    page = client.get("/").text
    for text in ("县级市", "示范县", "/example/taishan", 'name="profile"', "base/shandong.yaml"):
        assert text in page
    own = TestClient(create_app())  # the language choice is a cookie of this browser only
    english = own.get("/?lang=en")
    assert "A new county" in english.text and "新建一个县" not in english.text
    assert "A new county" in own.get("/").text, "the choice is remembered"
    assert "新建一个县" in client.get("/").text, "and not by other clerks"


GENRE_EXAMPLES = ["rongcheng", "jining", "qinghe-action", "lanhai-protection", "anhe-promotion"]


def test_every_schema_field_has_a_label_and_some_genre_s_form_shows_it(client):
    pages = {name: client.get(f"/example/{name}").text for name in GENRE_EXAMPLES}
    for path in fields.all_paths():
        entry = fields.texts().get(path)
        assert entry and entry.get("zh") and entry.get("en"), f"{path} has no label in fields.yaml"
        shown = [n for n, page in pages.items() if f'data-path="{path}"' in page]
        assert shown or path.startswith(("tasks", "indicators.")), path
    # each genre's form leaves out what the genre does not read
    assert 'data-path="plan.steps"' in pages["anhe-promotion"]
    assert 'data-path="plan.steps"' not in pages["rongcheng"]
    assert 'data-path="plan.attachments"' not in pages["jining"]
    assert 'data-path="funding_rules"' not in pages["lanhai-protection"]


def test_init_comments_and_form_help_share_one_source():
    from drafter.profile.starter import starter_profile

    text = starter_profile("云溪县", "县", "浙江省")
    for path in ("county.name", "county.tags", "tasks.responsibility", "notice.addressees"):
        assert f"# {fields.help_text(path, 'zh_CN')}" in text


def test_new_county_form_is_filled_from_the_starter_and_builds(client):
    fields_ = new_form(client)
    assert ("county.name", "云溪县") in fields_
    assert ("notice.addressees", "各乡镇人民政府、街道办事处") in fields_
    assert problems(client, fields_) == []


def test_departments_show_the_level_default_as_placeholder(client):
    page = client.get("/new", params={**NEW, "level": "区"}).text
    assert re.search(r'name="departments.science" value="" placeholder="区科技局"', page)
    page = client.get("/new", params=NEW).text
    assert re.search(r'name="departments.science" value="" placeholder="县科学技术局"', page)


def test_task_chooser_groups_titles_excerpts_and_county_departments(client):
    page = client.get("/example/taishan").text
    chooser = page[page.index('class="chooser"') :]
    assert chooser.index("完善知识产权制度体系") < chooser.index("健全知识产权管理体制机制")
    first = chooser[chooser.index('data-task="ip-policy-guidance"') :]
    first = first[: first.index("</details>")]
    assert "强化知识产权政策导向" in first
    assert "坚持知识产权高质量发展导向" in first  # the excerpt
    assert "区市场监管局" in first  # the department as the county names it
    assert '<span class="num">2.</span>' in first  # it is task 2 of the draft


def test_start_page_rejects_bad_names_and_unknown_example(client):
    bad = client.get("/new", params={**NEW, "name": "a: {b}"})
    assert bad.status_code == 400 and "请填写县名和所属省份" in bad.text
    assert client.get("/new", params={**NEW, "extends": "../../etc/passwd"}).status_code == 400
    assert client.get("/example/..%2F..%2Fsetup.cfg").status_code == 404


# -- errors beside fields ---------------------------------------------------------------------


def test_all_errors_at_once_with_field_paths_in_the_cli_words(client, tmp_path):
    fields_ = new_form(client)
    fields_ = (
        replace(fields_, "county.population", "abc")
        if any(k == "county.population" for k, _ in fields_)
        else fields_ + [("county.population", "abc")]
    )
    fields_ = replace(fields_, "notice.date", "2024-13-01")
    fields_ = replace(fields_, "county.level", "镇") if False else fields_
    found = {tuple(p["field"]): p["message"] for p in problems(client, fields_)}
    assert found[("county", "population")] == '应为非负整数，得到 "abc"'
    assert found[("notice", "date")] == '应为日期（如 2022-12-04），得到 "2024-13-01"'
    # the same words as the command line, for the YAML the form builds
    text = client.post("/download/yaml", data=as_data(fields_)).text
    with pytest.raises(api.ProfileError) as caught:
        api.load_profile(text, name="profile.yaml")
    cli = {tuple(i.field): i.message("zh_CN") for i in caught.value.issues}
    assert cli == found
    english = {tuple(p["field"]): p["message"] for p in problems(client, fields_, "en")}
    assert english[("county", "population")] == 'expected a non-negative integer, got "abc"'


def test_an_emptied_list_item_is_named_by_its_index(client):
    fields_ = new_form(client) + [("notice.addressees", "")]
    found = [tuple(p["field"]) for p in problems(client, fields_)]
    assert ("notice", "addressees", 2) in found


def test_errors_are_rendered_beside_fields_on_upload(client):
    text = (ROOT / "examples" / "sample-county.yaml").read_text(encoding="utf-8")
    text = text.replace("level: 县", "level: 镇")
    page = client.post("/upload", files={"profile": ("bad.yaml", text.encode())})
    assert page.status_code == 200
    shown = shown_problems(page.text)  # for app.js to put beside the field
    assert shown[("county", "level")] == '应为以下之一：县、区、县级市、地级市；得到 "镇"'


def test_an_upload_of_the_wrong_shapes_opens_with_its_problems(client):
    text = (
        "county: 泰山区\nprogramme: [1, 2]\nnotice: {addressees: {a: 1}, date: [x]}\n"
        "departments: [market]\nindicators: {valid_invention_patents: 5, nope: {target: 1}}\n"
        "tasks: {groups: [nope, use], custom: [5, {id: X}], overrides: {nope: 1}, include: 3}\n"
        "leading_group: {members: [{title: 王}, 7]}\nindustries: [{a: 1}]\n"
    )
    page = client.post("/upload", files={"profile": ("odd.yaml", text.encode())})
    assert page.status_code == 200
    shown = shown_problems(page.text)
    assert shown[("county",)].startswith("应为")
    assert ("programme",) in shown and ("departments",) in shown
    assert ("leading_group", "members", 0, "title") in shown


# -- preview and downloads --------------------------------------------------------------------


@pytest.mark.parametrize("example", ["taishan", "rongcheng", "sample-county"])
def test_form_round_trip_gives_the_examples_own_draft(client, example):
    fields_ = form_fields(client.get(f"/example/{example}").text)
    md = client.post("/download/md", data=as_data(fields_))
    assert md.status_code == 200
    folder = ROOT / ("examples" if example == "sample-county" else "profiles")
    own = api.render(api.draft(api.load_profile(folder / f"{example}.yaml")), "md")
    assert md.content == own


def test_downloaded_yaml_builds_with_the_cli_to_the_same_text(client, tmp_path):
    from click.testing import CliRunner

    from drafter.cli.main import make_cli

    fields_ = new_form(client)
    fields_ = (
        replace(fields_, "industries", "竹木制品")
        if any(k == "industries" for k, _ in fields_)
        else fields_ + [("industries", "竹木制品")]
    )
    data = as_data(fields_)
    profile = client.post("/download/yaml", data=data)
    assert profile.headers["content-disposition"].endswith("%E4%BA%91%E6%BA%AA%E5%8E%BF.yaml")
    (tmp_path / "yx.yaml").write_bytes(profile.content)
    result = CliRunner().invoke(
        make_cli(), ["build", str(tmp_path / "yx.yaml"), "-o", str(tmp_path), "--format", "md"]
    )
    assert result.exit_code == 0, result.output
    web_md = client.post("/download/md", data=data).content
    assert (tmp_path / "yx.md").read_bytes() == web_md
    assert "竹木制品" in web_md.decode()
    web_docx = docx.Document(io.BytesIO(client.post("/download/docx", data=data).content))
    cli_docx = docx.Document(str(tmp_path / "yx.docx")) if (tmp_path / "yx.docx").exists() else None
    texts = [p.text for p in web_docx.paragraphs]
    assert "云溪县人民政府关于印发" in "".join(texts)
    if cli_docx is not None:
        assert [p.text for p in cli_docx.paragraphs] == texts


def test_preview_marks_computed_figures_and_lists_tasks(client):
    fields_ = new_form(client) + [
        ("county.population", "400000"),
        ("indicators.valid_invention_patents.baseline.value", "1000"),
        ("indicators.valid_invention_patents.baseline.year", "2023"),
        ("indicators.valid_invention_patents.growth", "0.1"),
    ]
    answer = client.post("/preview", data=as_data(fields_)).json()
    assert answer["ok"], answer["problems"]
    assert '<mark class="computed" title="' in answer["html"]
    assert answer["tasks"]["ip-management-mechanism"]["label"] == "1."
    assert "valid_invention_patents" in answer["yaml"]


def test_include_exclude_override_custom_and_group_order(client):
    base = new_form(client)
    picks = base + [
        ("_pick.ip-management-mechanism", "exclude"),
        ("tasks.overrides.ip-policy-guidance.title", "完善本县知识产权政策"),
        ("tasks.custom.0.id", "bamboo-brand"),
        ("tasks.custom.0.group", "use"),
        ("tasks.custom.0.title", "打造竹木区域品牌"),
        ("tasks.custom.0.body", "培育竹木制品区域公用品牌。"),
        ("tasks.custom.0.roles", "market"),
        ("tasks.custom.0.roles", "agriculture"),
        ("_own_order", "on"),
    ]
    order = ["use", "creation", "system", "protection", "management", "service", "talent"]
    order += ["culture", "international"]
    picks = [(k, v) for k, v in picks if k != "tasks.groups"] + [("tasks.groups", g) for g in order]
    answer = client.post("/preview", data=as_data(picks)).json()
    assert answer["ok"], answer["problems"]
    profile = yaml.safe_load(answer["yaml"])
    assert profile["tasks"]["exclude"] == ["ip-management-mechanism"]
    assert profile["tasks"]["groups"][0] == "use"
    html = answer["html"]
    assert "健全知识产权管理体制机制" not in html
    assert "完善本县知识产权政策" in html
    assert html.index("打造竹木区域品牌") < html.index("完善本县知识产权政策")  # use group first
    assert (
        "（县市场监督管理局、县农业农村局等按职责分工负责）" in html or "县市场监督管理局" in html
    )


@pytest.mark.libreoffice
def test_department_list_and_pdf_downloads(client):
    data = as_data(new_form(client))
    dept = client.post("/download/dept", data=data)
    assert dept.status_code == 200
    text = "".join(p.text for p in docx.Document(io.BytesIO(dept.content)).paragraphs)
    assert "县市场监督管理局" in text
    pdf = client.post("/download/pdf", data=data)
    if pdf.status_code == 200:
        assert pdf.content.startswith(b"%PDF")
    else:  # no LibreOffice here: the API's message, not a traceback
        assert pdf.status_code == 422 and "LibreOffice" in pdf.text
    assert client.post("/download/exe", data=data).status_code == 404


def test_download_of_a_wrong_profile_gives_the_messages(client):
    data = as_data(replace(new_form(client), "notice.date", "soon"))
    answer = client.post("/download/docx", data=data)
    assert answer.status_code == 422
    assert "profile.yaml:" in answer.text and "notice.date" in answer.text


# -- uploads, batch and hostile input ---------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_upload_with_its_own_base_in_the_same_request(client):
    base = "county:\n  province: 浙江省\nlegal_basis:\n  policies: [《浙江省知识产权发展规划》]\n"
    text = (ROOT / "examples" / "sample-county.yaml").read_text(encoding="utf-8")
    text = "extends: zj.yaml\n" + text.replace("  province: 浙江省\n", "")
    page = client.post(
        "/upload",
        files=[("profile", ("c.yaml", text.encode())), ("profile", ("zj.yaml", base.encode()))],
    )
    assert page.status_code == 200
    assert "《浙江省知识产权发展规划》" in page.text  # the base's list, merged into the form
    assert re.search(r'name="county.province" value="浙江省"', page.text)
    alone = client.post("/upload", files={"profile": ("c.yaml", text.encode())})
    assert alone.status_code == 200  # the form opens, with the problem beside `extends`
    assert shown_problems(alone.text)[("extends",)] == "找不到基础配置文件：zj.yaml"
    assert str(ROOT) not in alone.text, "no server path in any message"


def test_batch_builds_good_profiles_and_reports_bad_ones(client):
    good = (ROOT / "profiles" / "taishan.yaml").read_bytes()
    bad = good.replace(b"level: \xe5\x8c\xba", b"level: x")
    archive = _zip(
        {
            "counties/taishan.yaml": good,
            "counties/broken.yaml": bad,
            "base/shandong.yaml": (ROOT / "profiles" / "base" / "shandong.yaml").read_bytes(),
            "../evil.yaml": good,
            "/etc/abs.yaml": good,
            "notes.txt": b"hello",
        }
    )
    page = client.post("/batch", files={"profiles": ("all.zip", archive)})
    assert page.status_code == 200
    rows = re.findall(r'<tr class="(ok|failed)"><td>([^<]*)</td>', page.text)
    assert ("ok", "counties/taishan.yaml") in rows
    assert ("failed", "counties/broken.yaml") in rows
    assert ("failed", "../evil.yaml") in rows and ("failed", "/etc/abs.yaml") in rows
    assert "county.level" in page.text and "压缩包内的文件名不安全" in page.text
    encoded = re.search(r'href="data:application/zip;base64,([^"]+)"', page.text).group(1)
    import base64

    drafts = zipfile.ZipFile(io.BytesIO(base64.b64decode(encoded)))
    assert sorted(drafts.namelist()) == ["summary.md", "taishan.docx"]
    summary = drafts.read("summary.md").decode()
    assert "| counties/broken.yaml | no |" in summary
    title = docx.Document(io.BytesIO(drafts.read("taishan.docx"))).paragraphs
    # the title's line breaks (GB/T 9704 7.3.1) read as one line
    assert any("泰安市泰山区人民政府关于印发" in p.text.replace("\n", "") for p in title)


def test_zip_bomb_stops_at_the_cap(client):
    bomb = _zip({"bomb.yaml": b"#" * (uploads.MAX_UNZIPPED_BYTES + 1024 * 1024)})
    assert len(bomb) < 100_000  # it compresses to almost nothing
    page = client.post("/batch", files={"profiles": ("bomb.zip", bomb)})
    assert page.status_code in (400, 413)
    assert "超过 512 KB，已跳过" in page.text or "压缩包解压后超过" in page.text
    many = _zip({f"p{i}.yaml": b"#" * 400_000 for i in range(45)})
    page = client.post("/batch", files={"profiles": ("many.zip", many)})
    assert page.status_code == 413 and "压缩包解压后超过 16 MB" in page.text


def test_a_20_mb_upload_is_refused_before_it_is_read(client):
    big = b"a: b\n" * (4 * 1024 * 1024)  # 20 MB
    page = client.post("/upload", files={"profile": ("big.yaml", big)})
    assert page.status_code == 413 and "上传的内容超过 8 MB" in page.text
    preview = client.post(
        "/preview",
        content=b"x=" + b"a" * (2 * 1024 * 1024),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert (
        preview.status_code == 413
        and "表单内容超过 1 MB" in preview.json()["problems"][0]["message"]
    )
    page = client.post("/batch?lang=en", files={"profiles": ("big.yaml", big)})
    assert page.status_code == 413 and "The upload is larger than 8 MB." in page.text


def test_yaml_alias_bomb_is_a_message_not_a_hang(client):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 9)
    ]
    bomb = ("\n".join(lines) + "\n").encode()
    page = client.post("/upload", files={"profile": ("bomb.yaml", bomb)})
    assert page.status_code == 400
    assert "bomb.yaml" in page.text and "别名" in page.text
    batch = client.post("/batch", files={"profiles": ("bomb.yaml", bomb)})
    assert re.search(r'<tr class="failed"><td>bomb.yaml</td>', batch.text)


def test_traversal_names_never_reach_the_disk(client, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    evil = (ROOT / "examples" / "sample-county.yaml").read_bytes()
    for name in ("../../x.yaml", "/tmp/x.yaml", "..\\..\\x.yaml", "a/../../x.yaml"):
        client.post("/batch", files={"profiles": (name, evil)})
        client.post("/upload", files={"profile": (name, evil)})
    assert list(tmp_path.iterdir()) == []
    assert uploads.safe_name("a/../../x.yaml") is None
    assert uploads.safe_name("..\\x.yaml") is None
    assert uploads.safe_name("base/./x.yaml") == "base/x.yaml"
    extends = b"extends: ../../../../etc/passwd\n" + evil
    page = client.post("/upload", files={"profile": ("e.yaml", extends)})
    assert "etc/passwd" in page.text and "root:" not in page.text


# -- many clerks at once ----------------------------------------------------------------------


def test_concurrent_clerks_get_their_own_drafts():
    """Six clerks at once against a real server (uvicorn): each sees only their own county and
    their own language, and one clerk's error never shows in another's preview."""
    import httpx

    errors: list[str] = []
    results: dict[str, tuple[str, str]] = {}
    clerks = [
        (f"{n}{i}", lv, lg)
        for i, (n, lv, lg) in enumerate(
            [("甲县", "县", "zh_CN"), ("乙区", "区", "en"), ("丙市", "县级市", "zh_CN")] * 2
        )
    ]

    def clerk(url: str, name: str, level: str, lang: str) -> None:
        try:
            with httpx.Client(base_url=url, timeout=60) as http:
                page = http.get("/new", params={**NEW, "name": name, "level": level})
                fields_ = form_fields(page.text)
                good = http.post(f"/preview?lang={lang}", data=as_data(fields_)).json()
                bad = replace(fields_, "notice.date", "x")
                broken = http.post(f"/preview?lang={lang}", data=as_data(bad)).json()
                results[name] = (good["html"], broken["problems"][0]["message"])
                assert good["problems"] == [], good["problems"]
        except Exception:  # noqa: BLE001 - collected and asserted below
            errors.append(traceback.format_exc())

    with LiveServer() as server:
        threads = [threading.Thread(target=clerk, args=(server.url, *c)) for c in clerks]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    assert errors == []
    for name, _level, lang in clerks:
        html, error = results[name]
        assert f"{name}人民政府" in html
        assert not any(f"{other}人民政府" in html for other, _, _ in clerks if other != name)
        assert error.startswith("expected a date" if lang == "en" else "应为日期")


def test_threads_validating_at_once_do_not_share_errors():
    """The pipeline itself is safe for a threaded server: a good profile validated while another
    thread validates a bad one gets no problems (cerberus keeps errors per validator)."""
    from drafter.profile.starter import starter_profile
    from drafter.web import pipeline

    errors: list[str] = []

    def run(i: int) -> None:
        data = yaml.safe_load(starter_profile(f"甲{i}县", ("县", "区", "县级市")[i % 3], "浙江省"))
        for _ in range(4):
            if pipeline.preview(data, "zh_CN").problems:
                errors.append(f"good profile {i} got problems")
            bad = {**data, "notice": {**data["notice"], "date": "x"}}
            if not pipeline.preview(bad, "en").problems:
                errors.append(f"bad profile {i} passed")

    threads = [threading.Thread(target=run, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []


# -- access -----------------------------------------------------------------------------------


def test_shared_password_and_proxy_header():
    locked = TestClient(create_app(password="s3cret"))
    assert locked.get("/").status_code == 401
    assert locked.get("/", auth=("any", "wrong")).status_code == 401
    assert locked.get("/", auth=("clerk", "s3cret")).status_code == 200
    proxied = TestClient(create_app(proxy_header="X-Remote-User"))
    assert proxied.get("/").status_code == 403
    assert proxied.get("/", headers={"X-Remote-User": "wang"}).status_code == 200


def test_serve_command_reports_a_taken_port_and_warns_off_loopback(monkeypatch):
    import socket

    from click.testing import CliRunner

    from drafter.cli.main import make_cli
    from drafter.web import serve

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen(1)
    port = taken.getsockname()[1]
    try:
        result = CliRunner().invoke(make_cli(), ["serve", "--port", str(port)])
    finally:
        taken.close()
    assert result.exit_code == 1
    assert f"127.0.0.1 的端口 {port} 已被占用；请用 --port 换一个端口" in result.output
    started: list = []
    monkeypatch.setattr(serve, "bind", lambda host, port: started.append((host, port)) or None)
    monkeypatch.setattr("uvicorn.Server.run", lambda self, sockets: started.append("run"))
    result = CliRunner().invoke(make_cli(), ["serve", "--host", "0.0.0.0", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "警告：0.0.0.0 可从其他计算机访问" in result.output
    assert "drafter 已在 http://0.0.0.0:8123/ 运行" in result.output
    assert started == [("0.0.0.0", 8123), "run"]
    result = CliRunner().invoke(make_cli(), ["serve"])
    assert "警告" not in result.output and "http://127.0.0.1:8000/" in result.output


def test_readme_starts_the_web_app_with_its_third_command_block():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    third = re.findall(r"^```\n(.+?)\n```", text, flags=re.M | re.S)[2]
    assert 'pip install ".[web]"' in third and third.endswith("drafter serve")
    for shot in re.findall(r"\]\((examples/web/[^)]+\.png)\)", text):
        assert (ROOT / shot).stat().st_size > 10_000, shot
    shown = re.findall(r"examples/web/(web-\w+\.png)", text)
    assert sorted(shown) == sorted(p.name for p in (ROOT / "examples" / "web").glob("*.png"))
