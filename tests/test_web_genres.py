"""The web form's genre choice (issue 14): the genres come from the library, the levels,
programme kinds and fields offered follow the chosen one, and the preview drafts it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from webform import as_data, form_fields, replace

from drafter import api, library
from drafter.library.genres import DEFAULT_GENRE
from drafter.web import profiles_dir
from drafter.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
CITY = {"name": "云溪市", "province": "浙江省", "level": "地级市", "kind": "强市建设"}


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app())


def options(page: str, name: str) -> list[str]:
    """The option values of the select named ``name``."""
    select = re.search(rf'<select name="{re.escape(name)}"[^>]*>(.*?)</select>', page, re.S)
    assert select, name
    return re.findall(r'<option value="([^"]*)"', select.group(1)) or re.findall(
        r"<option[^>]*>([^<]*)</option>", select.group(1)
    )


def problems(page: str) -> dict[tuple, str]:
    raw = re.search(r'id="initial-problems">(.*?)</script>', page, re.S)
    return {tuple(p["field"]): p["message"] for p in json.loads(raw.group(1))}


def test_the_start_page_offers_the_library_s_genres_and_what_each_fits(client):
    page = client.get("/").text
    genres = library.load().genres
    assert options(page, "genre") == list(genres)
    for genre in genres.values():
        assert f">{genre.summary}</option>" in page
    tagged = re.findall(r'<option data-genres="([^"]*)">([^<]*)</option>', page)
    fits = {name: set(ids.split()) for ids, name in tagged}
    assert set(fits) == set(library.load().level_ids) | set(library.load().programme_kinds)
    assert "opinion" in fits["地级市"] and "opinion" not in fits["县"]
    assert "work_plan" in fits["县"] and fits["强市建设"] == {"opinion"}


def test_choosing_opinion_offers_the_prefecture_and_drafts_an_implementing_opinion(client):
    page = client.get("/new", params={**CITY, "genre": "opinion"})
    assert page.status_code == 200
    assert options(page.text, "county.level") == ["地级市"]
    assert options(page.text, "programme.kind") == ["强市建设"]
    assert 'data-path="plan.attachments"' not in page.text  # a 实施意见 has no attachments
    assert 'data-path="programme.batch"' not in page.text  # nor a batch round
    fields_ = form_fields(page.text)
    assert ("genre", "opinion") in fields_
    answer = client.post("/preview", data=as_data(fields_)).json()
    assert answer["ok"], answer["problems"]
    assert "云溪市人民政府关于加快知识产权强市建设的实施意见" in answer["html"]
    body = re.sub("《[^》]*》", "", re.sub("<[^>]+>", "", answer["html"]))
    assert "现就加快知识产权强市建设提出以下实施意见" in body
    for word in ("方案", "试点县", "强县建设"):
        assert word not in body, word
    assert answer["yaml"].startswith("genre: opinion\n")
    assert "attachments" not in answer["yaml"] and "layout: five" not in answer["yaml"]


def test_a_level_the_genre_does_not_fit_gets_the_clear_message(client):
    bad = client.get("/new", params={**CITY, "level": "县", "genre": "opinion"})
    assert bad.status_code == 400
    assert "文种 opinion 不适用于 县（适用：地级市）" in bad.text
    english = TestClient(create_app()).get(  # ?lang=en is remembered: another browser
        "/new", params={**CITY, "level": "县", "genre": "opinion", "lang": "en"}
    )
    assert "genre opinion does not fit 县 (it fits: 地级市)" in english.text
    # the same from the form: the preview answers in the library's words, beside the field
    fields_ = form_fields(client.get("/new", params={**CITY, "genre": "opinion"}).text)
    answer = client.post("/preview", data=as_data(replace(fields_, "county.level", "县"))).json()
    (problem,) = [p for p in answer["problems"] if p["field"] == ["county", "level"]]
    assert problem["message"].startswith("文种 opinion 不适用于 县（适用：地级市）")
    assert not answer["ok"]
    unknown = client.get("/new", params={**CITY, "genre": "memo"})
    assert unknown.status_code == 400 and "请从列表中选择" in unknown.text


def test_switching_genre_redraws_the_form_for_it(client):
    county = {"name": "云溪县", "province": "浙江省", "level": "县", "kind": "试点县"}
    fields_ = form_fields(client.get("/new", params=county).text)
    assert ("_genre_was", "work_plan") in fields_
    assert "plan.attachments" in dict(fields_)
    page = client.post("/form", data=as_data(replace(fields_, "genre", "promotion_plan")))
    assert page.status_code == 200
    assert options(page.text, "programme.kind")[0] == "强县工程"
    assert 'data-path="plan.steps"' in page.text  # the 推进计划's 具体步骤
    shown = problems(page.text)
    assert shown[("programme", "kind")].startswith("文种 promotion_plan 不适用于 试点县")
    redrawn = replace(form_fields(page.text), "programme.kind", "强县工程")
    answer = client.post("/preview", data=as_data(redrawn)).json()
    assert answer["ok"], answer["problems"]
    assert "云溪县知识产权强县工程推进计划（" in answer["html"] and "具体步骤" in answer["html"]
    # the work plan's defaults (its goals, 保障措施) gave way to the 推进计划's own
    assert "goals:" not in answer["yaml"] and "safeguards:" not in answer["yaml"]


def _example_path(name: str):
    for folder in profiles_dir._folders():
        if (folder / profiles_dir.EXAMPLES[name]).is_file():
            return folder / profiles_dir.EXAMPLES[name]
    raise AssertionError(f"no example {name}")


def test_the_form_offers_an_example_of_every_genre():
    shown = {
        api.load_profile(_example_path(name)).data.get("genre", DEFAULT_GENRE)
        for name in profiles_dir.EXAMPLES
    }
    assert shown == set(library.load().genres)


@pytest.mark.parametrize("example", list(profiles_dir.EXAMPLES))
def test_each_genre_s_example_round_trips_through_the_form(client, example):
    page = client.get(f"/example/{example}").text
    profile = api.load_profile(_example_path(example))
    assert options(page, "county.level") == list(
        library.load().genres[profile.data.get("genre", DEFAULT_GENRE)].levels
    )
    md = client.post("/download/md", data=as_data(form_fields(page)))
    assert md.status_code == 200, md.text
    assert md.content == api.render(api.draft(profile), "md")


def test_the_promotion_plan_s_steps_are_offered_by_their_titles(client):
    page = client.get("/example/anhe-promotion").text
    steps = page[page.index('data-path="plan.steps"') :]
    steps = steps[: steps.index("</div>")]
    assert re.findall(r'value="(\w+)"', steps) == ["launch", "advance", "review"]
    assert "启动部署阶段（××年）" in steps and "全面推进阶段（××—××年）" in steps
