"""Submit a page's form as a browser would: every enabled input, ticked box and selected option."""

from __future__ import annotations

from html.parser import HTMLParser


class FormReader(HTMLParser):
    def __init__(self, form_id: str = "profile") -> None:
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.depth_template = 0
        self.fields: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_value: str | None = None
        self._first_option: str | None = None
        self._option: dict | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "template":
            self.depth_template += 1
        if self.depth_template:
            return
        if tag == "input" and "name" in a and "disabled" not in a:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "on")))
            elif kind not in ("file", "submit", "button"):
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "select" and "name" in a:
            self._select, self._select_value, self._first_option = a["name"], None, None
        elif tag == "option" and self._select:
            self._option = a
            self._text = ""
        elif tag == "textarea" and "name" in a:
            self._textarea, self._text = a["name"], ""

    def handle_data(self, data):
        if self._option is not None or self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "template" and self.depth_template:
            self.depth_template -= 1
        if tag == "form":
            self.inside = False
        if tag == "option" and self._option is not None:
            value = self._option.get("value", self._text)
            if self._first_option is None:
                self._first_option = value
            if "selected" in self._option:
                self._select_value = value
            self._option = None
        elif tag == "select" and self._select:
            value = self._select_value if self._select_value is not None else self._first_option
            self.fields.append((self._select, value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append((self._textarea, self._text))
            self._textarea = None


def form_fields(page: str, form_id: str = "profile") -> list[tuple[str, str]]:
    reader = FormReader(form_id)
    reader.feed(page)
    return reader.fields


def replace(fields: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    assert any(k == name for k, _ in fields), name
    return [(k, value if k == name else v) for k, v in fields]


def as_data(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The fields as the test client posts them (several values of one name keep their order)."""
    out: dict[str, list[str]] = {}
    for name, value in fields:
        out.setdefault(name, []).append(value)
    return out


class LiveServer:
    """The app served by uvicorn on a free loopback port, in a thread, as `drafter serve` runs it."""

    def __init__(self, **app_options: object) -> None:
        import socket
        import threading

        import uvicorn

        from drafter.web.app import create_app

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(create_app(**app_options), log_level="warning", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]})

    def __enter__(self) -> LiveServer:
        import time

        self.thread.start()
        for _ in range(200):
            if self.server.started:
                return self
            time.sleep(0.05)
        raise RuntimeError("the server did not start")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()
