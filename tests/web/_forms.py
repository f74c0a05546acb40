"""A page's form as the browser would send it: every input, textarea and selected option of the
form with the given id, in document order (parallel row columns stay parallel)."""

from __future__ import annotations

from html.parser import HTMLParser

from werkzeug.datastructures import MultiDict


class _Form(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.disabled = False
        self.fields: list[list[str]] = []
        self.textarea: list[str] | None = None
        self.select: dict | None = None
        self.option: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        name = a.get("name")
        if tag == "fieldset" and "disabled" in a:
            self.disabled = True
        elif tag == "input" and name and a.get("type") not in ("submit", "button", "checkbox", "radio"):
            self.fields.append([name, a.get("value") or ""])
        elif tag == "input" and name and "checked" in a:
            self.fields.append([name, a.get("value") or "on"])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.fields.append(self.textarea)
        elif tag == "select" and name:
            self.select = {"field": [name, ""], "options": []}
            self.fields.append(self.select["field"])
        elif tag == "option" and self.select is not None:
            self.option = {"value": a.get("value"), "text": "", "selected": "selected" in a}
            self.select["options"].append(self.option)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data
        elif self.option is not None:
            self.option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            self.textarea[1] = self.textarea[1].removeprefix("\n")  # as the browser drops it
            self.textarea = None
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            options = self.select["options"]
            chosen = next((o for o in options if o["selected"]), options[0] if options else None)
            if chosen is not None:
                self.select["field"][1] = chosen["value"] if chosen["value"] is not None else chosen["text"]
            self.select = None


def _parsed(html: str, form_id: str) -> _Form:
    parser = _Form(form_id)
    parser.feed(html)
    return parser


def form_fields(html: str, form_id: str) -> MultiDict:
    return MultiDict([(name, value) for name, value in _parsed(html, form_id).fields])


def is_disabled(html: str, form_id: str) -> bool:
    """Whether the form's fields are in a disabled fieldset (read-only)."""
    return _parsed(html, form_id).disabled


def set_field(fields: MultiDict, name: str, value: str, index: int = 0) -> None:
    values = fields.getlist(name)
    values[index] = value
    fields.setlist(name, values)
