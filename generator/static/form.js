/* formloket e-form: progressive enhancement without framework or requests. Without it the form is
 * one page posted natively; with it: steps, check your answers, conditions, "add another", checks
 * and an opt-in draft. DOM contract (generator/render/form_html.py):
 * form[data-fl-form] data-fl-messages (texts, {label} placeholders), data-fl-draft-key; without an
 *   action it has nowhere to go and is never sent
 * section[data-fl-step=id] (its first h2 is its title); [data-fl-final] declaration + submit
 *   (button[data-fl-submit]); [data-fl-error-summary] with [data-fl-error-list]; [data-fl-live]
 * [data-fl-question=name] data-fl-type, -required, -min, -max, -maxlength, -range, -accept,
 *   -max-size, -no-draft; its first fieldset or control holds the question (inline error, aria);
 *   parts are found by name (name + "-day", "-postcode"...): ids are short and mean nothing
 * [data-fl-repeat=id] data-fl-min/max/item-label, [data-fl-repeat-item]: items after the first are
 *   alike, their question wrappers carry only data-fl-show-if; this script gives them item 1's data
 *   (data-fl-question with the item's number)
 * [data-fl-show-if] condition on posted names, as JSON:
 *   {"field":name,"equals":"x"} | {"field":name,"one_of":["x"]} | {"field":name,"answered":bool}
 *   | {"all":[...]} | {"any":[...]}; an input in a switched-off part counts as empty.
 * Built here, as they only work with it: button[data-fl-next|prev] in [data-fl-step-nav],
 * [data-fl-step-count] in each step title, section[data-fl-step=controleren] (check your answers,
 * [data-fl-check-answers] with button[data-fl-change=name]), button[data-fl-repeat-add|remove],
 * [data-fl-draft] with #fl-draft-opt-in and button[data-fl-draft-clear], p.fl-error-message#<id>-error.
 * Switched-off parts get data-fl-off; their inputs are disabled: not checked, not posted.
 * Published as form.min.js: after editing this file run `bash .ci/minify-js` (the tests say so). */
(() => {
  "use strict";

  /* ---- checks: the same rules as validation_rules.py and inzending.schema.json ---- */
  var RE = {
    bsn: /^[0-9]{9}$/,
    iban: /^[A-Za-z]{2}[0-9]{2}( ?[A-Za-z0-9]){11,30}$/,
    postcode: /^[1-9][0-9]{3} ?[A-Za-z]{2}$/,
    houseNumber: /^[1-9][0-9]{0,4}$/,
    email: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
    phone: /^\+?[0-9]([ -]?[0-9]){7,14}$/,
    integer: /^-?[0-9]+$/,
    day: /^(0?[1-9]|[12][0-9]|3[01])$/,
    month: /^(0?[1-9]|1[0-2])$/,
    year: /^[0-9]{4}$/
  };
  // Dutch licence-plate side codes 1-14: X a letter, 9 a digit, hyphens optional.
  var SIDE_CODES = ["XX-99-99", "99-99-XX", "99-XX-99", "XX-99-XX", "XX-XX-99", "99-XX-XX", "99-XXX-9",
    "9-XXX-99", "XX-999-X", "X-999-XX", "XXX-99-X", "X-99-XXX", "9-XX-999", "999-XX-9"];
  var PLATE = new RegExp("^(" + SIDE_CODES.map(code => {
    return code.replace(/[X9-]/g, c => { return { X: "[A-Za-z]", 9: "[0-9]", "-": "-?" }[c]; });
  }).join("|") + ")$");

  var checks = {
    bsn: v => {
      if (!RE.bsn.test(v)) return false;
      var sum = -Number(v[8]);
      for (var i = 0; i < 8; i++) sum += (9 - i) * Number(v[i]);
      return sum !== 0 && sum % 11 === 0;
    },
    iban: v => {
      if (!RE.iban.test(v)) return false;
      var c = v.replace(/ /g, "").toUpperCase(), moved = c.slice(4) + c.slice(0, 4), rest = 0;
      for (var i = 0; i < moved.length; i++) {
        var n = parseInt(moved[i], 36);
        rest = (n > 9 ? rest * 100 + n : rest * 10 + n) % 97;
      }
      return rest === 1;
    },
    postcode: v => RE.postcode.test(v),
    houseNumber: v => RE.houseNumber.test(v),
    email: v => RE.email.test(v),
    phone: v => RE.phone.test(v),
    licencePlate: v => PLATE.test(v),
    integer: v => RE.integer.test(v),
    /* The date the parts name (UTC midnight), or null for 31 February and the like. */
    date: (d, m, y) => {
      if (!RE.day.test(d) || !RE.month.test(m) || !RE.year.test(y) || Number(y) < 1000) return null;
      var date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
      return date.getUTCDate() === Number(d) && date.getUTCMonth() === Number(m) - 1 ? date : null;
    }
  };
  window.formloket = { checks: checks };

  var form = document.querySelector("[data-fl-form]");
  if (!form) return;
  var M = JSON.parse(form.getAttribute("data-fl-messages"));
  var all = (sel, root) => Array.from((root || form).querySelectorAll(sel));
  var fmt = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => k in values ? values[k] : m);
  var make = (tag, attrs, text) => {
    var el = document.createElement(tag);
    for (var k in attrs) el.setAttribute(k, attrs[k]);
    if (text) el.textContent = text;
    return el;
  };
  var button = (text, attr, secondary) => make("button",
    { type: "button", class: secondary ? "fl-button fl-button--secondary" : "fl-button", [attr]: "" }, text);
  var ticks = el => el.type === "radio" || el.type === "checkbox";
  var live = form.querySelector("[data-fl-live]");
  var announce = text => { live.textContent = text; };
  var baseTitle = document.title;

  /* ---- repeat items after the first get item 1's question data ---- */
  all("[data-fl-repeat]").forEach(rep => {
    var items = all("[data-fl-repeat-item]", rep), id = rep.getAttribute("data-fl-repeat");
    all("[data-fl-question]", items[0]).forEach(q => {
      var path = [];
      for (var el = q; el !== items[0]; el = el.parentNode) path.unshift(Array.from(el.parentNode.children).indexOf(el));
      items.slice(1).forEach((item, n) => {
        var twin = path.reduce((node, i) => node.children[i], item);
        Array.from(q.attributes).forEach(a => {
          if (a.name.startsWith("data-fl-") && a.name !== "data-fl-show-if") twin.setAttribute(a.name, a.value);
        });
        twin.setAttribute("data-fl-question", q.getAttribute("data-fl-question").replace(id + "-1-", id + "-" + (n + 2) + "-"));
      });
    });
  });

  /* ---- answers and conditions ---- */
  function byName(name) { return all("[name=\"" + name + "\"]"); }
  function isOff(el) { return !!el.closest("[data-fl-off]"); }
  function valueOf(name) {
    var value = "";
    byName(name).forEach(el => {
      if (isOff(el)) return;
      if (ticks(el)) { if (el.checked) value = el.value; }
      else if (el.type === "file") { if (el.files.length) value = el.files[0].name; }
      else value = el.value.trim();
    });
    return value;
  }
  function same(value, expected) {
    return value === String(expected) || (RE.integer.test(value) && Number(value) === Number(expected));
  }
  function holds(c) {
    if (c.all) return c.all.every(holds);
    if (c.any) return c.any.some(holds);
    var value = valueOf(c.field);
    if ("answered" in c) return (value !== "") === c.answered;
    if (c.one_of) return c.one_of.some(x => same(value, x));
    return same(value, c.equals);
  }
  function setOff(el, off) {
    el.toggleAttribute("data-fl-off", off);
    if (!el.hasAttribute("data-fl-step")) el.hidden = off;
  }
  /* Document order: a condition only looks at earlier questions, already switched on or off. */
  function refresh() {
    all("[data-fl-show-if]").forEach(el => {
      var inRepeatOff = el.parentNode.closest("[data-fl-off]");
      setOff(el, !inRepeatOff && !holds(JSON.parse(el.getAttribute("data-fl-show-if"))));
    });
    all("input, select, textarea").forEach(el => {
      if (el.id !== "fl-draft-opt-in") el.disabled = isOff(el);
    });
  }

  /* ---- checking questions ---- */
  function plainText(el) {
    var copy = el.cloneNode(true);
    all(".fl-optional, [data-fl-step-count]", copy).forEach(x => { x.remove(); });
    return copy.textContent.trim();
  }
  function labelOf(q) {
    // "Partner 1: Voornamen", "Getuige 2: Geboortedatum": the same label can occur more than once.
    var label = plainText(q.querySelector("label, legend"));
    var outer = q.closest("[data-fl-repeat-item], .fl-group");
    return outer ? plainText(outer.querySelector("legend")) + ": " + label : label;
  }
  function part(q, name) { return byName(q.getAttribute("data-fl-question") + "-" + name)[0]; }
  function check(q) {
    var type = q.getAttribute("data-fl-type"), data = q.dataset, required = "flRequired" in data;
    var inputs = all("input, select, textarea", q), first = inputs[0];
    var fail = (key, target, extra) => ({
      q: q, message: fmt(M[key], Object.assign({ label: labelOf(q) }, extra)), target: target || first
    });
    if (type === "choice" || type === "yes-no" || type === "select") {
      return required && !valueOf(data.flQuestion) ? fail("msg_choose") : null;
    }
    if (type === "multiple-choice") {
      return required && !inputs.some(i => i.checked) ? fail("msg_choose_some") : null;
    }
    if (type === "declaration") return required && !first.checked ? fail("msg_declare") : null;
    if (type === "file") {
      if (!first.files.length) return required ? fail("msg_file_required") : null;
      var accept = data.flAccept ? data.flAccept.split(",") : null, max = Number(data.flMaxSize || 0);
      for (var file of first.files) {
        if (accept && accept.indexOf(file.name.split(".").pop().toLowerCase()) < 0) {
          return fail("msg_file_type", first, { types: accept.join(", ") });
        }
        if (max && file.size > max * 1000000) return fail("msg_file_size", first, { size: String(max).replace(".", ",") });
      }
      return null;
    }
    if (type === "date") {
      var parts = ["day", "month", "year"].map(p => part(q, p)), values = parts.map(p => p.value.trim());
      var empty = parts.filter((p, i) => !values[i]);
      if (empty.length) return empty.length < 3 || required ? fail("msg_date_incomplete", empty[0]) : null;
      var date = checks.date(values[0], values[1], values[2]);
      if (!date) return fail("msg_date_real", parts[0]);
      var now = new Date(), today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
      if (data.flRange === "past" && date > today) return fail("msg_date_past", parts[0]);
      if (data.flRange === "future" && date < today) return fail("msg_date_future", parts[0]);
      return null;
    }
    if (type === "address") {
      var keys = ["postcode", "house_number", "addition", "street", "city"], fields = keys.map(p => part(q, p));
      if (!required && fields.every(p => !p.value.trim())) return null;
      for (var a = 0; a < fields.length; a++) {
        var key = keys[a], value = fields[a].value.trim();
        if (key !== "addition" && !value) return fail("msg_address_part", fields[a], { part: M["part_" + key] });
        if (key === "postcode" && !checks.postcode(value)) return fail("msg_postcode", fields[a]);
        if (key === "house_number" && !checks.houseNumber(value)) return fail("msg_house_number", fields[a]);
      }
      return null;
    }
    var v = first.value.trim();
    if (!v) return required ? fail("msg_required") : null;
    var rule = { bsn: "bsn", iban: "iban", postcode: "postcode", "house-number": "houseNumber", email: "email",
      phone: "phone", "licence-plate": "licencePlate" }[type];
    if (rule && !checks[rule](v)) return fail("msg_" + type.replace("-", "_"));
    if (type === "number") {
      if (!checks.integer(v)) return fail("msg_integer");
      if (data.flMin && Number(v) < Number(data.flMin)) return fail("msg_min", first, { min: data.flMin });
      if (data.flMax && Number(v) > Number(data.flMax)) return fail("msg_max", first, { max: data.flMax });
    }
    if (data.flMaxlength && v.length > Number(data.flMaxlength)) return fail("msg_max_length", first, { max: data.flMaxlength });
    return null;
  }

  /* ---- error summary and inline errors (GOV.UK pattern) ---- */
  var summary = form.querySelector("[data-fl-error-summary]");
  function clearErrors() {
    all(".fl-error-message").forEach(p => {
      var holder = document.getElementById(p.id.replace(/-error$/, ""));
      if (holder) holder.setAttribute("aria-describedby", holder.getAttribute("aria-describedby").replace(" " + p.id, ""));
      p.remove();
    });
    all("[aria-invalid]").forEach(el => { el.removeAttribute("aria-invalid"); });
    all(".fl-field--error").forEach(el => { el.classList.remove("fl-field--error"); });
    summary.hidden = true;
    document.title = baseTitle;
  }
  function showErrors(errors) {
    clearErrors();
    var list = summary.querySelector("[data-fl-error-list]");
    list.textContent = "";
    errors.forEach(e => {
      var holder = e.q.querySelector("fieldset, input, select, textarea");
      var p = make("p", { class: "fl-error-message", id: holder.id + "-error" }), link = make("a", { href: "#" + e.target.id }, e.message);
      p.append(make("span", { class: "fl-visually-hidden" }, M.error_prefix + " "), e.message);
      // Above the answer boxes (GOV.UK): a part group, the choices, or the one control.
      e.q.querySelector(".fl-date, .fl-address, .fl-choices, .fl-control, input, select, textarea").before(p);
      holder.setAttribute("aria-describedby", (holder.getAttribute("aria-describedby") || "") + " " + p.id);
      e.target.setAttribute("aria-invalid", "true");
      e.q.classList.add("fl-field--error");
      list.append(make("li"));
      list.lastChild.append(link);
    });
    summary.hidden = false;
    summary.focus();
    document.title = M.title_error_prefix + baseTitle;
  }
  function validate(scope) {
    refresh();
    var errors = all("[data-fl-question]", scope).filter(q => !isOff(q)).map(check).filter(Boolean);
    if (errors.length) showErrors(errors); else clearErrors();
    return !errors.length;
  }
  summary.addEventListener("click", event => {
    var link = event.target.closest("a");
    if (!link) return;
    event.preventDefault();
    var target = document.getElementById(link.hash.slice(1));
    var step = target.closest("[data-fl-step]") || (target.closest("[data-fl-final]") && checkStep);
    if (step && step.hidden) show(step, false);
    target.focus();
    var caption = target.closest("fieldset") ? target.closest("fieldset").querySelector("legend")
      : form.querySelector("label[for=\"" + target.id + "\"]");
    if (caption) caption.scrollIntoView();
  });

  /* ---- steps and check your answers ---- */
  var steps = all("[data-fl-step]"), final = form.querySelector("[data-fl-final]");
  var checkStep = make("section", { "data-fl-step": "controleren", "aria-labelledby": "fl-step-controleren" });
  checkStep.append(make("h2", { id: "fl-step-controleren" }, M.check_title), make("p", {}, M.check_intro),
    make("div", { class: "fl-summary", "data-fl-check-answers": "" }));
  final.before(checkStep);
  steps.forEach((step, n) => {
    var nav = make("div", { class: "fl-step__nav", "data-fl-step-nav": "" });
    if (n) nav.append(button(M.previous, "data-fl-prev", true));
    nav.append(button(M.next, "data-fl-next"));
    step.append(nav);
  });
  if (steps.length) {
    var finalNav = final.querySelector(".fl-step__nav") || final.appendChild(make("div", { class: "fl-step__nav" }));
    finalNav.prepend(button(M.previous, "data-fl-prev", true));
  }
  steps.push(checkStep);
  steps.forEach(step => {
    var title = step.querySelector("h2");
    title.tabIndex = -1;
    title.prepend(make("span", { class: "fl-step__count", "data-fl-step-count": "" }), " ");
  });
  var current = null;
  function visibleSteps() { return steps.filter(s => !s.hasAttribute("data-fl-off")); }
  function show(step, focus) {
    refresh();
    var visible = visibleSteps();
    steps.forEach(s => { s.hidden = s !== step; });
    final.hidden = step !== checkStep;
    visible.forEach((s, n) => {
      s.querySelector("[data-fl-step-count]").textContent = fmt(M.step_of, { n: n + 1, total: visible.length });
    });
    if (step === checkStep) buildSummary();
    current = step;
    if (focus) step.querySelector("h2").focus();
  }
  function answerText(q) {
    var texts = all("input, select, textarea", q).map(el => {
      if (ticks(el)) return el.checked ? plainText(form.querySelector("label[for=\"" + el.id + "\"]")) : "";
      if (el.tagName === "SELECT") return el.value ? el.options[el.selectedIndex].text : "";
      if (el.type === "file") return Array.from(el.files, f => f.name).join(", ");
      return el.value.trim();
    });
    var type = q.getAttribute("data-fl-type"), any = texts.join("");
    if (type === "date" && any) return texts.join("-");
    if (type === "address" && any) {
      return (texts[3] + " " + texts[1] + (texts[2] ? " " + texts[2] : "") + ", " + texts[0] + " " + texts[4]).trim();
    }
    return texts.filter(Boolean).join(", ");
  }
  function buildSummary() {
    var box = form.querySelector("[data-fl-check-answers]");
    box.textContent = "";
    visibleSteps().forEach(step => {
      if (step === checkStep) return;
      var list = make("dl", { class: "fl-summary__list" });
      all("[data-fl-question]", step).forEach(q => {
        if (isOff(q)) return;
        var row = make("div"), label = labelOf(q), action = make("dd");
        var change = make("button", { type: "button", class: "fl-link-button", "data-fl-change": q.getAttribute("data-fl-question") }, M.change);
        change.append(make("span", { class: "fl-visually-hidden" }, " " + label));
        change.addEventListener("click", () => {
          show(step, false);
          var input = q.querySelector("input, select, textarea");
          input.focus();
          (q.querySelector("label, legend") || input).scrollIntoView();
        });
        action.append(change);
        row.append(make("dt", {}, label), make("dd", {}, answerText(q) || M.not_answered), action);
        list.append(row);
      });
      box.append(make("h3", {}, plainText(step.querySelector("h2"))), list);
    });
  }
  function move(by) {
    var visible = visibleSteps(), index = visible.indexOf(current);
    if (by > 0 && !validate(current)) return;
    clearErrors();
    show(visible[index + by], true);
  }
  all("[data-fl-next]").forEach(b => { b.addEventListener("click", () => { move(1); }); });
  all("[data-fl-prev]").forEach(b => { b.addEventListener("click", () => { move(-1); }); });

  /* ---- repeating groups: show min items, add and remove up to max ---- */
  var save = () => {};
  var repeats = all("[data-fl-repeat]").map(rep => {
    var items = all("[data-fl-repeat-item]", rep), max = Number(rep.getAttribute("data-fl-max"));
    var least = Number(rep.getAttribute("data-fl-min")), name = rep.getAttribute("data-fl-item-label");
    var state = { id: rep.getAttribute("data-fl-repeat"), count: least };
    var add = rep.appendChild(button(fmt(M.repeat_add, { item: name.charAt(0).toLowerCase() + name.slice(1) }), "data-fl-repeat-add", true));
    var fields = item => all("input, select, textarea", item);
    var title = item => plainText(item.querySelector("legend"));
    state.layout = () => {
      items.forEach((item, i) => { setOff(item, i >= state.count); });
      add.hidden = state.count >= max;
      refresh();
    };
    add.addEventListener("click", () => {
      var item = items[state.count];
      state.count += 1;
      state.layout();
      fields(item)[0].focus();
      announce(fmt(M.msg_item_added, { item: title(item) }));
      save();
    });
    items.forEach((item, i) => {
      if (i < least) return;
      var remove = button(M.repeat_remove, "data-fl-repeat-remove", true);
      remove.classList.add("fl-repeat__remove");
      remove.setAttribute("aria-label", fmt(M.repeat_remove_label, { item: name, n: i + 1 }));
      item.append(remove);
      remove.addEventListener("click", () => {
        var removed = title(item);
        // Later items move up one place, so the numbering stays without gaps.
        for (var k = i; k < state.count - 1; k++) {
          var from = fields(items[k + 1]);
          fields(items[k]).forEach((el, n) => {
            if (ticks(el)) el.checked = from[n].checked;
            else if (el.type === "file") { try { el.files = from[n].files; } catch (e) { el.value = ""; } }
            else el.value = from[n].value;
          });
        }
        fields(items[state.count - 1]).forEach(el => { if (ticks(el)) el.checked = false; else el.value = ""; });
        state.count -= 1;
        state.layout();
        var next = i < state.count ? items[i].querySelector("legend") : add;
        if (next === add && add.hidden) next = items[state.count - 1].querySelector("legend");
        if (next !== add) next.tabIndex = -1;
        next.focus();
        announce(fmt(M.msg_item_removed, { item: removed }));
        save();
      });
    });
    return state;
  });

  /* ---- opt-in draft in this browser (never BSN, IBAN or files) ---- */
  var key = form.getAttribute("data-fl-draft-key"), store = null;
  try { store = window.localStorage; store.getItem(key); } catch (e) { store = null; }
  if (store) {
    var draftBox = make("div", { class: "fl-draft", "data-fl-draft": "" }), choice = make("div", { class: "fl-choice" });
    var optIn = make("input", { id: "fl-draft-opt-in", type: "checkbox", "aria-describedby": "fl-draft-hint" });
    var clear = button(M.draft_clear, "data-fl-draft-clear", true);
    choice.append(optIn, make("label", { for: "fl-draft-opt-in" }, M.draft_label));
    draftBox.append(choice, make("div", { class: "fl-hint", id: "fl-draft-hint" }, M.draft_hint), clear);
    summary.after(draftBox);
    var keepable = el => el.name && el.type !== "file" && !el.closest("[data-fl-no-draft]") && !el.disabled;
    save = () => {
      if (!optIn.checked) return;
      var values = [], counts = {};
      all("input, select, textarea").forEach(el => {
        if (keepable(el) && (ticks(el) ? el.checked : el.value)) values.push([el.name, el.value]);
      });
      repeats.forEach(r => { counts[r.id] = r.count; });
      store.setItem(key, JSON.stringify({ values: values, repeats: counts }));
    };
    optIn.addEventListener("change", () => { if (optIn.checked) save(); else store.removeItem(key); });
    clear.addEventListener("click", () => {
      store.removeItem(key);
      optIn.checked = false;
      announce(M.msg_draft_cleared);
    });
  }
  function restore() {
    var draft = store && store.getItem(key);
    if (!draft) return;
    try { draft = JSON.parse(draft); } catch (e) { return; }
    repeats.forEach(r => { if (draft.repeats && r.id in draft.repeats) r.count = draft.repeats[r.id]; r.layout(); });
    (draft.values || []).forEach(pair => {
      byName(pair[0]).forEach(el => {
        if (el.closest("[data-fl-no-draft]")) return;
        if (ticks(el)) el.checked = el.value === pair[1]; else el.value = pair[1];
      });
    });
    optIn.checked = true;
    announce(M.msg_draft_restored);
  }

  /* ---- start ---- */
  form.noValidate = true;
  form.classList.add("fl-form--js");
  repeats.forEach(r => { r.layout(); });
  restore();
  form.addEventListener("input", () => { refresh(); save(); });
  form.addEventListener("change", () => { refresh(); save(); });
  form.addEventListener("submit", event => {
    // Without an action the site has nowhere to send the form (the page says so).
    if (!validate(form) || !form.getAttribute("action")) event.preventDefault();
  });
  show(visibleSteps()[0], false);
})();
