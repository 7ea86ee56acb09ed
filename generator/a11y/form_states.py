"""Walk an e-form step by step into the states axe must see (DOM contract: header of
generator/static/form.js).

Every state is reached as a user reaches it, in one page load per form (and one reload): by answering
the form's own inputs in the part that is shown and pressing its own buttons. For each step in turn:

1. "after submitting empty": "Volgende" pressed with nothing filled in, every error shown (a step
   without a required question has no errors to show: it is checked "as shown" instead);
2. "every condition opened": the step's conditional parts opened by answering the questions they
   depend on (parts that exclude each other, like two answers to one question, are opened in sets,
   checked one after the other);
3. "every repeat at its maximum": "add another" pressed until each repeat on the step is full, with
   the conditional parts inside the added items opened too;

then the step is answered with valid values (preferring answers that open the conditional parts and
steps further on, so that those are reached) and "Volgende" takes the walk to the next step. After
the last question step comes "check your answers", built by form.js and shown with the final part
(declaration and submit button): checked as shown, with the final part's conditional parts opened,
and, when the form can be sent and asks for a declaration, after submitting without it. Between
state 1 and 2 the errors are cleared as a user clears them ("Vorige" and "Volgende" again; on the
first step, a reload), so that no state shows another state's left-overs.

States are named by where they are, as the form counts its steps on screen:
"step 2 of 4 (Wie verhuizen er mee?): after submitting empty", "... : every condition opened",
"check your answers (step 4 of 4)", "check your answers (step 4 of 4): after submitting without the
declaration". A state that cannot be reached is yielded with a NotReached saying where the walk
stuck and why (which step, which field with which answer and which error), never skipped; so is a
conditional part or a step that no answer opened.

Valid answers per question type come from ``data-fl-type`` and what the contract gives (min/max,
date range, accepted file types); parts of a date or address are found by name, as form.js does.
"""

from __future__ import annotations

import datetime
import json
import math
from typing import Callable, Iterator

FORM = "form[data-fl-form]"
_VISIBLE_STEP = f"{FORM} section[data-fl-step]:not([hidden])"
CHECK_STEP = "controleren"  # the check-your-answers step form.js builds
ACTION_TIMEOUT = 5_000


class NotReached(Exception):
    """A form state the walk could not reach; the message says where and why (one line)."""


def has_form(page) -> bool:
    return page.locator(FORM).count() > 0


# ---- reading the form ----

#: Where the walk is: the shown step, its place among the steps that are on, and what is on screen.
_WHERE = """() => {
  const form = document.querySelector('form[data-fl-form]');
  const text = el => { if (!el) return ''; const c = el.cloneNode(true);
    c.querySelectorAll('[data-fl-step-count], .fl-optional').forEach(x => x.remove());
    return c.textContent.replace(/\\s+/g, ' ').trim(); };
  const steps = Array.from(form.querySelectorAll('section[data-fl-step]'));
  const on = steps.filter(s => !s.hasAttribute('data-fl-off'));
  const shown = steps.find(s => !s.hidden) || null;
  const summary = form.querySelector('[data-fl-error-summary]');
  const final = form.querySelector('[data-fl-final]');
  return {
    id: shown ? shown.getAttribute('data-fl-step') : null,
    index: on.indexOf(shown) + 1, total: on.length, title: shown ? text(shown.querySelector('h2')) : '',
    steps: steps.filter(s => s.getAttribute('data-fl-step') !== 'controleren').map(s => ({
      id: s.getAttribute('data-fl-step'), title: text(s.querySelector('h2')), condition: s.getAttribute('data-fl-show-if')})),
    errors: summary && !summary.hidden ? Array.from(summary.querySelectorAll('li')).map(li => text(li)) : [],
    errorFields: Array.from(form.querySelectorAll('.fl-field--error')).map(q => ({name: q.getAttribute('data-fl-question'),
      message: text(q.querySelector('.fl-error-message')).replace(/^\\S+:\\s*/, ''),
      answer: Array.from(q.querySelectorAll('input, select, textarea')).filter(el => !el.disabled)
        .map(el => el.type === 'radio' || el.type === 'checkbox' ? (el.checked ? el.value : '')
          : el.type === 'file' ? Array.from(el.files, f => f.name).join(', ') : el.value).filter(Boolean).join(' ')})),
    required: shown ? Array.from(shown.querySelectorAll('[data-fl-question][data-fl-required]'))
      .some(q => !q.closest('[data-fl-off]')) : false,
    finalRequired: final && !final.hidden ? Array.from(final.querySelectorAll('[data-fl-question][data-fl-required]'))
      .filter(q => !q.closest('[data-fl-off]')).map(q => q.getAttribute('data-fl-type')) : [],
    canSubmit: !!final && !final.hidden && !!final.querySelector('button[data-fl-submit]'),
  };
}"""

#: The part of the form the user is answering: the shown step, or on check-your-answers the final part
#: (declaration and submit) shown with it.
_SHOWN = """const form = document.querySelector('form[data-fl-form]');
  const shownStep = Array.from(form.querySelectorAll('section[data-fl-step]')).find(s => !s.hidden) || null;
  const shown = shownStep && shownStep.getAttribute('data-fl-step') === 'controleren'
    ? form.querySelector('[data-fl-final]') : shownStep;"""

#: Every conditional part of the form, in document order (stable indices: nothing is added or removed).
_CONDITIONS = """() => {
  """ + _SHOWN + """
  const text = el => el ? el.textContent.replace(/\\s+/g, ' ').trim() : '';
  return Array.from(form.querySelectorAll('[data-fl-show-if]')).map((el, i) => ({
    index: i, condition: el.getAttribute('data-fl-show-if'),
    inStep: !!shown && el !== shown && shown.contains(el),
    later: !!shown && !shown.contains(el) && !!(shown.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
    open: !el.closest('[data-fl-off]'),
    label: text(el.querySelector('legend, label, h2')) || text(el.querySelector('.fl-condition')),
  }));
}"""

#: The questions that are on in the shown part, with their inputs and what they hold.
_QUESTIONS = """() => {
  """ + _SHOWN + """
  if (!shown) return [];
  return Array.from(shown.querySelectorAll('[data-fl-question]')).filter(q => !q.closest('[data-fl-off]')).map(q => {
    const d = q.dataset;
    const inputs = Array.from(q.querySelectorAll('input, select, textarea')).map(el => ({
      id: el.id, name: el.name, tag: el.tagName.toLowerCase(), type: (el.type || '').toLowerCase(),
      value: el.value, checked: !!el.checked, files: el.files ? el.files.length : 0, disabled: el.disabled,
      options: el.tagName === 'SELECT' ? Array.from(el.options).map(o => o.value) : null}));
    return {name: d.flQuestion, type: d.flType || '', required: 'flRequired' in d, min: d.flMin || null,
      max: d.flMax || null, maxlength: d.flMaxlength || null, range: d.flRange || null,
      accept: d.flAccept || null, inputs: inputs};
  });
}"""


def _where(page) -> dict:
    return page.evaluate(_WHERE)


def step_label(where: dict) -> str:
    """"step 2 of 4 (Uw nieuwe adres)", as the form counts its steps on screen."""
    return f"step {where['index']} of {where['total']} ({where['title']})"


def check_label(where: dict) -> str:
    return f"check your answers (step {where['index']} of {where['total']})"


# ---- valid answers per question type ----

_FIXED = {
    "email": "naam@voorbeeld.nl", "phone": "0612345678", "postcode": "1234 AB", "house-number": "12",
    "bsn": "111222333",  # 11-proef
    "iban": "NL91ABNA0417164300",  # mod 97
    "licence-plate": "AB-12-34",  # side code 1, XX-99-99
    "textarea": "Een korte toelichting.",
}
_ADDRESS = {"postcode": "1234 AB", "house_number": "12", "addition": "", "street": "Dorpsstraat",
            "city": "Voorbeeldstad"}
#: A tiny file of each kind a question may accept (only the name's extension and the size are checked).
_FILES = {
    "pdf": ("application/pdf", b"%PDF-1.4\n%%EOF\n"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff\xd9"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff\xd9"),
}


def _date(range_: str | None) -> datetime.date:
    today = datetime.date.today()
    if range_ == "future":
        return today + datetime.timedelta(days=7)
    # "past" or no range: 15 March thirty years ago (an adult's birth date, well before today)
    return today.replace(year=today.year - 30, month=3, day=15)


def _number(question: dict) -> str:
    """The minimum when there is one (a whole number: form.js accepts integers only), else 1."""
    low = math.ceil(float(question["min"])) if question.get("min") not in (None, "") else None
    high = math.floor(float(question["max"])) if question.get("max") not in (None, "") else None
    if low is not None:
        return str(low)
    if high is not None and high < 1:
        return str(high)
    return "1"


def _part(question: dict, field: dict) -> str:
    """Which part of a date or address an input is: its name is the question's plus "-day" etc."""
    prefix = f"{question['name']}-"
    return field["name"][len(prefix):] if field["name"].startswith(prefix) else ""


def _text_value(question: dict, field: dict) -> str:
    """A valid value for one typed input of ``question``."""
    kind = question["type"]
    if kind == "date":
        date = _date(question.get("range"))
        return str({"day": date.day, "month": date.month, "year": date.year}.get(_part(question, field), ""))
    if kind == "address":
        return _ADDRESS.get(_part(question, field), "Voorbeeld")
    if kind == "number":
        return _number(question)
    value = _FIXED.get(kind, "Voorbeeld")
    if question.get("maxlength"):
        value = value[: int(question["maxlength"])]
    return value


def _file(question: dict, field: dict) -> dict:
    accepted = [x.strip().lower() for x in (question.get("accept") or "").split(",") if x.strip()]
    extension = next((x for x in accepted if x in _FILES), accepted[0] if accepted else "png")
    mime, content = _FILES.get(extension, ("application/octet-stream", b"bijlage"))
    return {"name": f"bijlage.{extension}", "mimeType": mime, "buffer": content}


def _answered(question: dict) -> bool:
    fields = [f for f in question["inputs"] if not f["disabled"]]
    if not fields:
        return True
    if any(f["type"] in ("radio", "checkbox") for f in fields):
        return any(f["checked"] for f in fields)
    if any(f["type"] == "file" for f in fields):
        return any(f["files"] for f in fields)
    if question["type"] == "address":
        return all(f["value"].strip() for f in fields if _part(question, f) != "addition")
    return all(f["value"].strip() for f in fields)


def _selector(field: dict) -> str:
    """The input itself: by its id (ids are short and mean nothing, but are unique), else by name."""
    if field["id"]:
        return f'{FORM} [id="{field["id"]}"]'
    by_value = f'[value="{field["value"]}"]' if field["type"] in ("radio", "checkbox") else ""
    return f'{FORM} [name="{field["name"]}"]{by_value}'


def _act(page, field: dict, value) -> None:
    """Give one input a value as a user does: type it, tick it, choose it, or pick a file."""
    selector = _selector(field)
    if field["type"] in ("radio", "checkbox"):
        page.set_checked(selector, bool(value), timeout=ACTION_TIMEOUT)
    elif field["type"] == "file":
        page.set_input_files(selector, files=[value], timeout=ACTION_TIMEOUT)
    elif field["tag"] == "select":
        page.select_option(selector, str(value), timeout=ACTION_TIMEOUT)
    else:
        page.fill(selector, str(value), timeout=ACTION_TIMEOUT)


def answer_validly(page, question: dict) -> None:
    """Answer ``question`` with a value its checks accept (keeps a choice already made)."""
    fields = [f for f in question["inputs"] if not f["disabled"]]
    ticks = [f for f in fields if f["type"] in ("radio", "checkbox")]
    if ticks:
        if not any(f["checked"] for f in ticks):
            _act(page, ticks[0], True)
        return
    for field in fields:
        if field["type"] == "file":
            _act(page, field, _file(question, field))
        elif field["tag"] == "select":
            options = [o for o in field["options"] or [] if o]
            if options and field["value"] not in options:
                _act(page, field, options[0])
        else:
            _act(page, field, _text_value(question, field))


# ---- conditions ----

def _agree(given: dict, answers: list[tuple[str, object]]) -> dict | None:
    """``given`` with ``answers`` added, or None when they contradict it (True: any answer at all)."""
    merged = dict(given)
    for field, value in answers:
        if field not in merged or merged[field] is True:
            merged[field] = value
        elif value is not True and merged[field] != value:
            return None
    return merged


def _openings(condition: dict, given: dict) -> Iterator[dict]:
    """Every way (as ``given`` extended) of answering that makes ``condition`` true."""
    if "all" in condition:
        def chain(children, so_far):
            if not children:
                yield so_far
                return
            for extended in _openings(children[0], so_far):
                yield from chain(children[1:], extended)
        yield from chain(list(condition["all"]), given)
        return
    if "any" in condition:
        for child in condition["any"]:
            yield from _openings(child, given)
        return
    field = condition.get("field")
    if "equals" in condition:
        value = condition["equals"]
        choices = [("ja" if value else "nee") if isinstance(value, bool) else str(value)]
    elif "one_of" in condition:
        choices = [str(x) for x in condition["one_of"]]
    elif condition.get("answered"):
        choices = [True]  # any valid answer
    else:
        yield given  # unanswered: true as it is
        return
    for value in choices:
        merged = _agree(given, [(field, value)])
        if merged is not None:
            yield merged


def _largest_set(items: list[dict], budget: int = 5_000) -> list[dict]:
    """The most conditions of ``items`` one set of answers opens at once (a small search: a step has
    a handful of conditions); each member gets the ``answers`` (name, value) that open the set."""
    best: tuple[list[dict], dict] = ([], {})
    tries = [budget]

    def search(index: int, given: dict, chosen: list[dict]) -> None:
        nonlocal best
        if tries[0] <= 0 or len(chosen) + len(items) - index <= len(best[0]):
            return
        tries[0] -= 1
        if index == len(items):
            best = (chosen, given)
            return
        for extended in _openings(json.loads(items[index]["condition"] or "{}"), given):
            search(index + 1, extended, chosen + [items[index]])
        search(index + 1, given, chosen)

    search(0, {}, [])
    members, given = best
    answers = list(given.items())
    return [dict(item, answers=answers) for item in members]


def plan_sets(conditions: list[dict]) -> tuple[list[list[dict]], list[dict]]:
    """Group conditions into as few sets as the search finds whose opening answers agree; the rest
    (whose own answers contradict each other) cannot be opened."""
    left, sets = list(conditions), []
    while left:
        members = _largest_set(left)
        if not members:
            break
        sets.append(members)
        chosen = {m["index"] for m in members}
        left = [c for c in left if c["index"] not in chosen]
    return sets, left


def _input_question(questions: list[dict], name: str) -> tuple[dict, list[dict]] | None:
    for question in questions:
        fields = [f for f in question["inputs"] if f["name"] == name and not f["disabled"]]
        if fields:
            return question, fields
    return None


def _give(page, name: str, value) -> bool:
    """Answer the input ``name`` on the shown step with ``value`` (True: any valid answer). False when
    the input is not on the shown step (it is on another step, or switched off)."""
    found = _input_question(page.evaluate(_QUESTIONS), name)
    if found is None:
        return False
    question, fields = found
    first = fields[0]
    if first["type"] == "radio":
        options = [f for f in fields if f["value"] == value] if value is not True else fields[:1]
        if not options:
            return False
        if not options[0]["checked"]:
            _act(page, options[0], True)
    elif first["type"] == "checkbox":
        want = value is True or value == first["value"]
        if first["checked"] != want:
            _act(page, first, want)
    elif first["type"] == "file":
        if not first["files"]:
            _act(page, first, _file(question, first))
    elif first["tag"] == "select":
        options = [o for o in first["options"] or [] if o]
        choice = options[0] if value is True and options else value
        if first["value"] != choice:
            _act(page, first, choice)
    else:
        text = _text_value(question, first) if value is True else value
        if first["value"] != text:
            _act(page, first, text)
    return True


def _open(page, members: list[dict], rounds: int = 3) -> None:
    """Give the answers that open ``members``; a few rounds, for parts inside parts."""
    wanted = {m["index"] for m in members}
    for _ in range(rounds):
        for name, value in members[0]["answers"] if members else []:
            _give(page, name, value)
        still = [c for c in page.evaluate(_CONDITIONS) if c["index"] in wanted and not c["open"]]
        if not still:
            return


def _describe(items: list[dict]) -> str:
    return "; ".join(f"'{c['label'] or c['index']}' (shown if {c['condition']})" for c in items)


# ---- moving ----

def _click(page, selector: str) -> None:
    page.locator(selector).first.click(timeout=ACTION_TIMEOUT)


def _next(page) -> None:
    _click(page, f"{_VISIBLE_STEP} button[data-fl-next]")


def _go_on(page, where: dict) -> dict:
    """Press "Volgende" on a step answered validly; the next step's whereabouts, or NotReached."""
    _next(page)
    after = _where(page)
    if after["id"] != where["id"]:
        return after
    errors = "; ".join(f"field '{e['name']}' (answered {e['answer']!r}): {e['message']}" for e in after["errorFields"]) \
        or "no error shown"
    raise NotReached(f"pressing 'Volgende' on {step_label(where)} with valid answers did not go on: {errors}")


def _answer_step(page, forward: list[dict], force: set[str] = frozenset()) -> None:
    """Answer the shown step validly, opening what lies further on where this step decides it."""
    for members in plan_sets(forward)[0][:1]:
        for name, value in members[0]["answers"]:
            _give(page, name, value)
    for question in page.evaluate(_QUESTIONS):
        if question["name"] in force or (question["required"] and not _answered(question)):
            answer_validly(page, question)


def fill_repeats(page) -> int:
    """Press every shown "add another" until its repeat is at its maximum; the repeats filled."""
    filled = 0
    for repeat in page.locator(f"{_VISIBLE_STEP} [data-fl-repeat]").all():
        if not repeat.is_visible():
            continue
        most = int(repeat.get_attribute("data-fl-max") or 0)
        add = repeat.locator("button[data-fl-repeat-add]")
        for _ in range(most + 1):
            if add.count() == 0 or not add.first.is_visible() or add.first.is_disabled():
                break
            add.first.click(timeout=ACTION_TIMEOUT)
        items = repeat.locator("[data-fl-repeat-item]:not([hidden])").count()
        if most and items != most:
            raise NotReached(f"a repeat holds {items} items after pressing 'add' until it stopped, "
                             f"not its data-fl-max={most}")
        filled += 1
    return filled


# ---- the walk ----

State = tuple[str, "NotReached | None"]


def walk(page, reload: Callable[[], None]) -> Iterator[State]:
    """Yield (state name, None) each time the page is in a state to check (check it before asking for
    the next), and (state name, NotReached) for a state that could not be reached. ``page`` holds the
    form as loaded; ``reload`` loads it again."""
    doing = ["loading the form"]
    try:
        yield from _walk(page, reload, doing)
    except NotReached as error:
        yield doing[0], error
    except Exception as error:  # noqa: BLE001 - a browser error mid-walk: the state is not reached, say where
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        yield doing[0], NotReached(f"{doing[0]}: {first}")


def _shown_conditions(page) -> list[dict]:
    return [c for c in page.evaluate(_CONDITIONS) if c["inStep"]]


def _open_conditions(page, here: str, seen: set[int]) -> Iterator[State]:
    """State 2 on the shown part: its conditional parts opened, in sets when answers exclude each
    other; adds the parts seen open to ``seen``."""
    conditions = _shown_conditions(page)
    seen |= {c["index"] for c in conditions if c["open"]}
    sets, _ = plan_sets([c for c in conditions if not c["open"]])
    for number, members in enumerate(sets, 1):
        name = f"{here}: every condition opened" + (f", set {number} of {len(sets)}" if len(sets) > 1 else "")
        _open(page, members)
        opened = {c["index"] for c in _shown_conditions(page) if c["open"]}
        if opened - seen:
            seen |= opened
            yield name, None


def _stayed_closed(page, here: str, seen: set[int]) -> Iterator[State]:
    never = [c for c in _shown_conditions(page) if c["index"] not in seen]
    if never:
        yield f"{here}: every condition opened (the parts that stayed closed)", NotReached(
            f"on {here} these conditional parts stayed closed (their conditions depend on answers on "
            f"other steps, or contradict themselves): {_describe(never)}")


def _walk(page, reload, doing: list[str]) -> Iterator[State]:
    where = _where(page)
    visited: set[str] = set()
    for _ in range(len(where["steps"]) + 1):
        if where["id"] == CHECK_STEP:
            break
        here = step_label(where)
        visited.add(where["id"])

        # 1. submitting empty: every error shown
        if where["required"]:
            doing[0] = f"{here}: after submitting empty"
            _next(page)
            shown = _where(page)
            if shown["id"] != where["id"] or not shown["errors"]:
                raise NotReached(f"pressing 'Volgende' on {here} with required questions empty showed no errors")
            yield doing[0], None
            # Clear the errors as a user does: back and on again (the first step: load it again).
            if where["index"] > 1:
                _click(page, f"{_VISIBLE_STEP} button[data-fl-prev]")
                _next(page)
            else:
                reload()
            back = _where(page)
            if back["id"] != where["id"] or back["errors"]:
                raise NotReached(f"could not come back to {here} without its errors ('Vorige', 'Volgende')")
        else:
            doing[0] = f"{here}: as shown (no required question, so no errors to show)"
            yield doing[0], None

        # 2. every condition opened (in sets when some exclude each other)
        doing[0] = f"{here}: every condition opened"
        seen: set[int] = set()
        yield from _open_conditions(page, here, seen)

        # 3. every repeat at its maximum, the parts inside the added items opened
        doing[0] = f"{here}: every repeat at its maximum"
        if fill_repeats(page):
            more, _ = plan_sets([c for c in _shown_conditions(page) if not c["open"]])
            if more:
                _open(page, more[0])
            seen |= {c["index"] for c in _shown_conditions(page) if c["open"]}
            yield doing[0], None
        yield from _stayed_closed(page, here, seen)

        # on to the next step, answered validly
        doing[0] = f"{here}: answering validly and pressing 'Volgende'"
        forward = [c for c in page.evaluate(_CONDITIONS) if c["later"]]
        _answer_step(page, forward)
        try:
            where = _go_on(page, where)
        except NotReached:
            # Read which questions the form rejected and answer those again, once.
            wrong = {e["name"] for e in _where(page)["errorFields"]}
            _answer_step(page, forward, force=wrong)
            doing[0] = f"the steps after {here}"
            where = _go_on(page, where)

    if where["id"] != CHECK_STEP:
        raise NotReached(f"after {len(visited)} steps the walk did not reach 'check your answers' "
                         f"(stuck on {step_label(where)})")
    skipped = [s for s in where["steps"] if s["id"] not in visited]
    if skipped:
        yield "every step", NotReached("never shown on the way to 'check your answers': " + "; ".join(
            f"'{s['title']}'" + (f" (shown if {s['condition']})" if s["condition"] else "") for s in skipped))

    # check your answers, with the final part: its conditional parts opened, and submitted unanswered
    here = check_label(where)
    doing[0] = here
    yield here, None
    seen = set()
    yield from _open_conditions(page, here, seen)
    yield from _stayed_closed(page, here, seen)
    where = _where(page)
    if where["finalRequired"] and where["canSubmit"]:
        what = "without the declaration" if set(where["finalRequired"]) == {"declaration"} \
            else "with its last questions empty"
        doing[0] = f"{here}: after submitting {what}"
        _click(page, f"{FORM} [data-fl-final] button[data-fl-submit]")
        if not _where(page)["errors"]:
            raise NotReached(f"pressing the submit button on {here} {what} showed no errors")
        yield doing[0], None
