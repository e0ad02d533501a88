"""drafter.api: profiles from text, bytes, mappings and folders; every problem at once, with code,
file, line, field and arguments, shown in either language on demand; one writer registry."""

from __future__ import annotations

import io
import os
import threading
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from babel.messages.pofile import read_po

from drafter import api, i18n
from drafter.codes import CODES, FALLBACK
from drafter.errors import Issue, parse_field, show_field

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "profiles"
TAISHAN = (PROFILES / "taishan.yaml").read_text(encoding="utf-8")
SHANDONG = (PROFILES / "base" / "shandong.yaml").read_text(encoding="utf-8")
PROVINCIAL = "《山东省知识产权强省建设纲要（2021—2035年）》"  # from base/shandong.yaml


def paragraphs(data: bytes) -> list[str]:
    # a title's line breaks (GB/T 9704 7.3.1) read as one line
    return [p.text.replace("\n", "") for p in docx.Document(io.BytesIO(data)).paragraphs]


@pytest.fixture(scope="module")
def taishan_plan():
    return api.draft(api.load_profile(TAISHAN, name="taishan.yaml"))


def test_text_source_extends_the_shipped_base(taishan_plan):
    md = api.render(taishan_plan, "md").decode("utf-8")
    assert "# " + taishan_plan.title in md.splitlines()  # the plan's own title line
    assert PROVINCIAL in md  # came from base/shandong.yaml, no file named


def test_bases_from_a_mapping_of_texts():
    changed = SHANDONG.replace("山东省知识产权强省建设纲要", "山东省测试纲要")
    profile = api.load_profile(
        TAISHAN.encode("utf-8"), name="t.yaml", bases={"base/shandong.yaml": changed}
    )
    assert "《山东省测试纲要（2021—2035年）》" in profile.data["legal_basis"]["policies"]
    with pytest.raises(api.ProfileError) as info:
        api.load_profile(TAISHAN, name="t.yaml", bases={"other.yaml": SHANDONG})
    (issue,) = info.value.issues
    assert issue.code == "extends.base-profile-not-found"
    assert (issue.file, issue.line, issue.field) == ("t.yaml", 2, ("extends",))
    assert issue.args == {"base": "base/shandong.yaml"}


def test_bases_from_a_folder(tmp_path):
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "shandong.yaml").write_text(
        SHANDONG.replace("山东省", "某某省"), encoding="utf-8"
    )
    profile = api.load_profile(TAISHAN, bases=tmp_path)
    assert profile.data["county"]["province"] == "某某省"


def test_mapping_source_and_file_source_agree():
    data = yaml.safe_load(TAISHAN)
    from_mapping = api.load_profile(data, name="m.yaml")
    from_file = api.load_profile(PROFILES / "taishan.yaml")
    assert from_mapping.data == from_file.data
    assert from_file.stem == "taishan"


def test_every_problem_in_one_error_with_where_and_args():
    text = TAISHAN.replace("  level: 区\n", "  level: 州\n").replace(
        "  batch: 2022\n", "  batch: twenty\n"
    )
    with pytest.raises(api.ProfileError) as info:
        api.load_profile(text, name="bad.yaml")
    issues = {i.field: i for i in info.value.issues}
    level, batch = issues[("county", "level")], issues[("programme", "batch")]
    assert level.code == "field.choice" and level.args["value"] == '"州"'
    assert level.line == text.splitlines().index("  level: 州") + 1
    assert batch.code == "field.type" and batch.file == "bad.yaml"


def test_three_unnamed_roles_give_three_messages():
    data = yaml.safe_load(TAISHAN)
    data["tasks"]["include"] = ["import-export-protection", "ip-financing-models"]
    # the catalogue names pboc and the banking regulator only where a county names them; an
    # override that names them outright needs them named
    overrides = data["tasks"].setdefault("overrides", {})
    overrides["ip-financing-models"] = {"roles": ["market", "pboc", "banking_regulator"]}
    overrides["import-export-protection"] = {"roles": ["market", "customs"]}
    profile = api.load_profile(data, name="roles.yaml")
    with pytest.raises(api.ProfileError) as info:
        api.draft(profile)
    roles = sorted(i.args["role"] for i in info.value.issues)
    assert roles == ["banking_regulator", "customs", "pboc"]
    assert {i.code for i in info.value.issues} == {"draft.task-needs-role-has"}
    assert all(i.field == ("departments",) for i in info.value.issues)


def test_a_problem_is_shown_in_the_language_asked():
    with pytest.raises(api.ProfileError) as info:
        api.load_profile(TAISHAN.replace("  level: 区\n", "  level: 州\n"), name="x.yaml")
    (issue,) = info.value.issues
    assert issue.message("en").startswith("expected one of: ")
    assert issue.message("zh_CN").startswith("应为以下之一：")
    assert issue.text("en") == f"x.yaml:{issue.line}: county.level: {issue.message('en')}"
    with i18n.use_language("en"):
        assert str(issue).endswith(issue.message("en"))
    with i18n.use_language("zh_CN"):
        assert str(issue).endswith(issue.message("zh_CN"))


def test_two_threads_show_two_languages_at_once():
    text = TAISHAN.replace("  level: 区\n", "  level: 州\n")
    seen: dict[str, set[str]] = {"en": set(), "zh_CN": set()}
    barrier = threading.Barrier(2)

    def work(lang: str) -> None:
        with i18n.use_language(lang):
            barrier.wait()
            for _ in range(30):
                try:
                    api.load_profile(text, name="x.yaml")
                except api.ProfileError as exc:
                    seen[lang].add(str(exc.issues[0]).split(": ", 2)[2][:6])

    threads = [threading.Thread(target=work, args=(lang,)) for lang in seen]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert seen == {"en": {"expect"}, "zh_CN": {"应为以下之一："[:6]}}


def test_render_every_format_and_refuse_an_unknown_one(taishan_plan):
    data = api.render(taishan_plan, "docx")
    assert zipfile.is_zipfile(io.BytesIO(data))
    assert taishan_plan.title in paragraphs(data)
    dept = paragraphs(api.render(taishan_plan, "dept"))
    assert "区市场监管局" in "".join(dept)
    assert api.render(taishan_plan, "dept-md").decode("utf-8").startswith("# ")
    with pytest.raises(ValueError, match="unknown format 'odt'"):
        api.render(taishan_plan, "odt")
    with pytest.raises(ValueError):
        api.file_names("x", ["docx", "rtf"])


def test_review_comments_can_be_left_out():
    data = yaml.safe_load(TAISHAN)
    data["indicators"]["valid_invention_patents"] = {
        "baseline": {"value": 1500, "year": 2021},
        "growth": 0.12,
    }
    del data["indicators"]["invention_per_10k"]
    plan = api.draft(api.load_profile(data))  # a computed target carries a review note
    with_notes = api.render(plan, "docx")
    without = api.render(plan, "docx", comments=False)
    names = zipfile.ZipFile(io.BytesIO(with_notes)).namelist()
    assert "word/comments.xml" in names
    assert "word/comments.xml" not in zipfile.ZipFile(io.BytesIO(without)).namelist()


def test_report_from_actuals_text():
    profile = api.load_profile(PROFILES / "taishan.yaml")
    actuals = (ROOT / "examples" / "taishan-actuals.yaml").read_text(encoding="utf-8")
    md = api.render(api.draft_report(profile, actuals, name="a.yaml"), "md").decode("utf-8")
    assert "1800" in md
    with pytest.raises(api.DrafterError) as info:
        api.draft_report(profile, "as_of: 2023-06-30\nactuals: {nonsense: 1}\n", name="a.yaml")
    (issue,) = info.value.issues
    assert (issue.file, issue.line, issue.field) == ("a.yaml", 2, ("actuals", "nonsense"))


def test_write_keeps_the_mode_and_names_a_bad_folder(taishan_plan, tmp_path):
    old = tmp_path / "t.md"
    old.write_text("old", encoding="utf-8")
    old.chmod(0o640)
    (written,) = api.write(taishan_plan, tmp_path, "t", ["md"])
    assert written == old and old.stat().st_mode & 0o777 == 0o640
    assert taishan_plan.title in old.read_text(encoding="utf-8")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(api.OutputError) as info:
        api.write(taishan_plan, tmp_path / "file" / "sub", "t", ["md"])
    assert info.value.issues[0].code == "output.cannot-write"


def test_issue_fields_parse_both_ways():
    for path in [("profiles", 0, "name"), ("tasks", "overrides", "ip-x", "title"), ()]:
        assert parse_field(show_field(path)) == path
    assert Issue("f", 1, "a.b[2]", "m").field == ("a", "b", 2)
    assert Issue("f", 1, None, "plain").code == FALLBACK


def test_codes_are_unique_and_their_msgids_are_in_the_catalogue():
    assert len(set(CODES.values())) == len(CODES)
    with (ROOT / "drafter" / "locale" / "drafter.pot").open("rb") as fh:
        msgids = {m.id for m in read_po(fh) if m.id}
    gone = set(CODES) - msgids
    assert not gone, f"msgids changed; move their codes in drafter/codes.py: {gone}"


SLOW = {"012-deep-nesting.yaml", "014-alias-bomb.yaml"}  # YAML-level, and slow to parse


def test_the_corpus_problems_all_have_codes(tmp_path):
    corpus = ROOT / "tests" / "bad_inputs"
    cases = yaml.safe_load((corpus / "cases.yaml").read_text(encoding="utf-8"))
    codes = set()
    for case in cases:
        if "generate" in case or case.get("outdir") or case["file"] in SLOW:
            continue
        try:
            api.draft(api.load_profile(corpus / case["file"]))
        except api.DrafterError as exc:
            for issue in exc.issues:
                assert issue.code != FALLBACK, (case["file"], str(issue))
                codes.add(issue.code)
    assert len(codes) >= 30


def test_front_ends_get_the_checker_starter_and_choices_from_the_api(tmp_path):
    """What `drafter init`, `check`, `tasks`, `genres` and `schema` print comes from these calls."""
    text = api.starter_profile("示例县", "县", "山东省")
    profile = api.load_profile(text, name="示例县.yaml")
    assert profile.data["county"]["name"] == "示例县"
    (path,) = api.write(api.draft(profile), tmp_path, "示例县", ["docx"])
    assert api.check(path) == []
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(api.DrafterError) as info:
        api.check(broken)
    assert info.value.issues[0].file.endswith("broken.docx")
    # a level the library does not know: an error naming the option, not a KeyError
    with pytest.raises(api.DrafterError) as info:
        api.starter_profile("示例县", "county", "山东省")
    (issue,) = info.value.issues
    assert issue.file == "--level" and "县, 区, 县级市, 地级市" in issue.text("en")
    assert "universities" in api.task_tags()
    assert {"work_plan", "opinion", "protection_zone"} <= set(api.content().genres)
    assert api.json_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_batch_runner_reads_manifests_and_peeks_at_profiles_through_the_api(tmp_path):
    """drafter batch's manifest reader and its look at a folder's files are api calls: entries
    with their names, overrides and lines; a bad entry an error at its line."""
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(
        "profiles:\n  - a.yaml\n  - path: sub/b.yaml\n    name: b-plan\n"
        "    overrides:\n      county:\n        name: 乙县\n",
        encoding="utf-8",
    )
    first, second = api.read_manifest(manifest)
    assert (first.profile, first.name, first.overrides) == (tmp_path / "a.yaml", "a", None)
    assert (second.profile, second.name) == (tmp_path / "sub" / "b.yaml", "b-plan")
    assert second.overrides == {"county": {"name": "乙县"}}
    assert second.overrides_source.line(("county", "name")) == 7
    assert second.origin == (str(manifest), 4, "profiles[1].name")
    assert api.peek(manifest) == (None, True)
    child = tmp_path / "child.yaml"
    child.write_text("extends: base/x.yaml\ncounty: {name: 甲县}\n", encoding="utf-8")
    assert api.peek(child) == (os.path.realpath(tmp_path / "base" / "x.yaml"), False)
    assert api.peek(tmp_path / "missing.yaml") == (None, False)
    manifest.write_text("profiles:\n  - path: a.yaml\n    colour: red\n", encoding="utf-8")
    with pytest.raises(api.DrafterError) as info:
        api.read_manifest(manifest)
    (issue,) = info.value.issues
    assert (issue.line, issue.field) == (3, ("profiles", 0, "colour"))
    assert issue.message("en") == "unknown field (known fields: path, name, overrides)"


def test_the_web_form_gets_its_schema_labels_defaults_and_preview_from_the_api():
    """What the web app generates its form from and previews with are api calls."""
    schema = api.profile_schema()
    assert schema["county"]["type"] == "dict" and "level" in schema["county"]["schema"]
    assert set(schema["county"]["schema"]["level"]["allowed"]) == set(api.content().levels)
    assert api.field_texts()["county.name"]["en"]
    assert api.profile_defaults()["plan"]["goals"][0] == "output_quality"  # templates/defaults.yaml
    assert api.profile_defaults("opinion")["plan"]["goals"] == ["strong_city"]  # the genre's own
    api.profile_defaults()["plan"]["goals"].clear()  # a copy each call
    assert api.profile_defaults()["plan"]["goals"]
    assert (api.shipped_profiles() / "taishan.yaml").is_file()
    assert (api.shipped_profiles() / "base").is_dir()
    profile = api.load_profile(api.shipped_profiles() / "taishan.yaml")
    html = api.preview_html(api.draft(profile))
    assert html.startswith('<article class="draft">') and "泰山区" in html
    assert ".draft .part{" in api.preview_style()
