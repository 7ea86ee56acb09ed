"""Drive an e-form into the states axe must see (DOM contract: header of generator/static/form.js).

Each state is reached as a user reaches it: by clicking the form's own buttons and answering its
own inputs, in the step that is shown. Limitation (for now): only the first step is driven; later
steps are checked in the "without JavaScript" state, where every question is on one page.
"""

from __future__ import annotations

import json
from typing import Callable, Iterator

FORM = "form[data-fl-form]"
_VISIBLE_STEP = f"{FORM} section[data-fl-step]:not([hidden])"


def has_form(page) -> bool:
    return page.locator(FORM).count() > 0


def _visible_step(page):
    return page.locator(_VISIBLE_STEP).first


def submit_empty(page) -> None:
    """Press "Volgende" (or submit on a one-step form) with nothing filled in: all errors shown."""
    step = _visible_step(page)
    button = step.locator("button[data-fl-next]")
    if button.count() == 0:
        button = page.locator(f"{FORM} button[type=submit]")
    button.first.click(timeout=5_000)
    page.wait_for_timeout(100)


def _answer(page, name: str, value) -> bool:
    """Give the input ``name`` the value ``value`` as a user would; False when it is not reachable."""
    inputs = page.locator(f'{_VISIBLE_STEP} [name="{name}"]:not([disabled])')
    count = inputs.count()
    if count == 0:
        return False
    first = inputs.first
    kind = (first.get_attribute("type") or first.evaluate("e => e.tagName.toLowerCase()")).lower()
    if kind == "radio":
        option = page.locator(f'{_VISIBLE_STEP} input[name="{name}"][value="{value}"]')
        if option.count() == 0 or not option.first.is_visible():
            return False
        option.first.check(timeout=5_000)
    elif kind == "checkbox":
        if not first.is_visible():
            return False
        first.set_checked(value not in (False, "", None), timeout=5_000)
    elif kind == "file":
        # "answered" for a file question: a tiny picture, as a user would choose one.
        first.set_input_files(files=[{"name": "foto.png", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n"}])
    elif kind == "select":
        first.select_option(str(value), timeout=5_000)
    else:
        if not first.is_visible():
            return False
        first.fill("ja" if value is True else str(value), timeout=5_000)
    return True


def _opening_answers(condition: dict) -> Iterator[tuple[str, object]]:
    """(name, value) pairs that make ``condition`` true."""
    if "all" in condition:
        for child in condition["all"]:
            yield from _opening_answers(child)
    elif "any" in condition:
        if condition["any"]:
            yield from _opening_answers(condition["any"][0])
    elif "equals" in condition:
        yield condition["field"], condition["equals"] if not isinstance(condition["equals"], bool) else (
            "ja" if condition["equals"] else "nee")
    elif "one_of" in condition:
        yield condition["field"], condition["one_of"][0]
    elif condition.get("answered"):
        yield condition["field"], True


def open_conditions(page, rounds: int = 4) -> int:
    """Answer the shown step so that its conditional parts open; conditions chain, so a few rounds.
    Returns how many conditional parts are open."""
    for _ in range(rounds):
        changed = False
        # Read the closed conditions at once: a wrapper that opens no longer matches a live locator.
        closed = page.eval_on_selector_all(
            f"{_VISIBLE_STEP} [data-fl-show-if][data-fl-off]", "els => els.map(e => e.dataset.flShowIf)")
        for text in closed:
            for name, value in _opening_answers(json.loads(text or "{}")):
                changed |= _answer(page, name, value)
        if not changed:
            break
        page.wait_for_timeout(50)
    return page.locator(f"{_VISIBLE_STEP} [data-fl-show-if]:not([data-fl-off])").count()


def fill_repeats(page) -> int:
    """Press every shown "add another" until the repeat is at its maximum; returns the repeats filled."""
    filled = 0
    for repeat in page.locator(f"{_VISIBLE_STEP} [data-fl-repeat]").all():
        if not repeat.is_visible():
            continue
        most = int(repeat.get_attribute("data-fl-max") or 0)
        add = repeat.locator("button[data-fl-repeat-add]")
        for _ in range(most + 1):
            if add.count() == 0 or not add.first.is_visible() or add.first.is_disabled():
                break
            add.first.click(timeout=5_000)
        items = repeat.locator("[data-fl-repeat-item]:not([hidden])").count()
        if most and items != most:
            raise RuntimeError(f"repeat holds {items} items after pressing 'add' until it stopped, not data-fl-max={most}")
        filled += 1
    return filled


#: state name -> driver returning True when the state exists for this form
STATES: list[tuple[str, Callable]] = [
    ("after submitting empty, step 1", lambda page: (submit_empty(page), True)[1]),
    ("every condition opened, step 1", lambda page: open_conditions(page) > 0),
    ("repeat at maximum, step 1", lambda page: fill_repeats(page) > 0),
]
