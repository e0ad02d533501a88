"""One renderer serves many threads (the web app drafts for several clerks at once): each thread's
profile has its own CPU budget, which another thread neither spends nor resets."""

from __future__ import annotations

import threading

import pytest

from drafter import limits
from drafter.compose.render import Renderer, Where
from drafter.errors import DrafterError

WHERE = Where("profile.yaml", 3, "notice.title")


def test_a_thread_that_spent_its_budget_does_not_stop_another():
    renderer = Renderer()
    renderer.begin()
    spent = threading.Event()

    def exhaust():
        renderer.begin()
        renderer.env.budget.cpu = limits.MAX_RENDER_CPU_SECONDS + 1  # this thread's profile is over
        with pytest.raises(DrafterError):
            renderer.render("{{ x }}", {"x": 1}, WHERE)
        spent.set()

    other = threading.Thread(target=exhaust)
    other.start()
    other.join()
    assert spent.is_set()
    assert renderer.render("{{ x }}年", {"x": 2022}, WHERE) == "2022年"  # ours is untouched


def test_threads_rendering_at_once_all_succeed():
    renderer = Renderer()
    errors: list[BaseException] = []

    def work(n: int):
        try:
            renderer.begin()
            for _ in range(200):
                out = renderer.render(
                    "{% for k in range(3) %}{{ k + n }}{% endfor %}", {"n": n}, WHERE
                )
                assert out == "".join(str(k + n) for k in range(3)), out
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
