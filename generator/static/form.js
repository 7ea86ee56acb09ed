/* formloket e-form: progressive enhancement without framework or requests. Without it the form is
 * one page posted natively; with it: steps, check your answers, conditions, "add another", checks
 * and an opt-in draft. DOM contract (generator/render/form_html.py):
 * form[data-fl-form] data-fl-messages (texts, {label} placeholders), data-fl-draft-key
 * section[data-fl-step=id] ("controleren" = check answers); [data-fl-final] declaration + submit;
 * button[data-fl-next|prev]; [data-fl-step-count]; [data-fl-error-summary]; [data-fl-live]
 * [data-fl-question=name] data-fl-type, -required, -min, -max, -maxlength, -range, -accept,
 *   -max-size, -no-draft; its input (or fieldset) has id "fl-" + name
 * [data-fl-repeat] data-fl-min/max, [data-fl-repeat-item], button[data-fl-repeat-add|remove]
 * [data-fl-draft] #fl-draft-opt-in, button[data-fl-draft-clear]
 * [data-fl-show-if] condition on posted names, as JSON:
 *   {"field":name,"equals":"x"} | {"field":name,"one_of":["x"]} | {"field":name,"answered":bool}
 *   | {"all":[...]} | {"any":[...]}; an input in a switched-off part counts as empty.
 * Switched-off parts get data-fl-off; their inputs are disabled: not checked, not posted. */
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
  var all = (sel, root) => Array.prototype.slice.call((root || form).querySelectorAll(sel));
  var fmt = (text, values) => {
    return text.replace(/\{(\w+)\}/g, (m, k) => k in values ? values[k] : m);
  };
  var live = form.querySelector("[data-fl-live]");
  var announce = text => { live.textContent = text; };
  var baseTitle = document.title;

  /* ---- answers and conditions ---- */
  function byName(name) { return all("[name=\"" + name + "\"]"); }
  function isOff(el) { return !!el.closest("[data-fl-off]"); }
  function valueOf(name) {
    var value = "";
    byName(name).forEach(el => {
      if (isOff(el)) return;
      if (el.type === "radio" || el.type === "checkbox") { if (el.checked) value = el.value; }
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
    if (off) el.setAttribute("data-fl-off", ""); else el.removeAttribute("data-fl-off");
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
  function part(q, name) { return document.getElementById("fl-" + q.getAttribute("data-fl-question") + "-" + name); }
  function check(q) {
    var type = q.getAttribute("data-fl-type"), name = q.getAttribute("data-fl-question");
    var required = q.hasAttribute("data-fl-required"), data = q.dataset;
    var inputs = all("input, select, textarea", q), first = inputs[0];
    var fail = (key, target, extra) => {
      var values = { label: labelOf(q) };
      for (var k in extra || {}) values[k] = extra[k];
      return { q: q, message: fmt(M[key], values), target: target || first };
    };
    if (type === "choice" || type === "yes-no" || type === "select") {
      return required && !valueOf(name) ? fail("msg_choose") : null;
    }
    if (type === "multiple-choice") {
      return required && !inputs.some(i => i.checked) ? fail("msg_choose_some") : null;
    }
    if (type === "declaration") return required && !first.checked ? fail("msg_declare") : null;
    if (type === "file") {
      if (!first.files.length) return required ? fail("msg_file_required") : null;
      var accept = data.flAccept ? data.flAccept.split(",") : null, max = Number(data.flMaxSize || 0);
      for (var f = 0; f < first.files.length; f++) {
        var file = first.files[f], ext = file.name.split(".").pop().toLowerCase();
        if (accept && accept.indexOf(ext) < 0) return fail("msg_file_type", first, { types: accept.join(", ") });
        if (max && file.size > max * 1000000) return fail("msg_file_size", first, { size: String(max).replace(".", ",") });
      }
      return null;
    }
    if (type === "date") {
      var parts = ["day", "month", "year"].map(p => part(q, p));
      var empty = parts.filter(p => !p.value.trim());
      if (empty.length === 3) return required ? fail("msg_date_incomplete", parts[0]) : null;
      if (empty.length) return fail("msg_date_incomplete", empty[0]);
      var date = checks.date(parts[0].value.trim(), parts[1].value.trim(), parts[2].value.trim());
      if (!date) return fail("msg_date_real", parts[0]);
      var now = new Date(), today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
      if (data.flRange === "past" && date > today) return fail("msg_date_past", parts[0]);
      if (data.flRange === "future" && date < today) return fail("msg_date_future", parts[0]);
      return null;
    }
    if (type === "address") {
      var fields = ["postcode", "house_number", "addition", "street", "city"].map(p => part(q, p));
      if (!required && fields.every(p => !p.value.trim())) return null;
      for (var a = 0; a < fields.length; a++) {
        var key = ["postcode", "house_number", "addition", "street", "city"][a], value = fields[a].value.trim();
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
      var id = "fl-" + e.q.getAttribute("data-fl-question"), holder = document.getElementById(id);
      var p = document.createElement("p"), hidden = document.createElement("span");
      p.className = "fl-error-message";
      p.id = id + "-error";
      hidden.className = "fl-visually-hidden";
      hidden.textContent = M.error_prefix + " ";
      p.append(hidden, e.message);
      e.q.querySelector(".fl-control").before(p);
      holder.setAttribute("aria-describedby", (holder.getAttribute("aria-describedby") || "") + " " + p.id);
      e.target.setAttribute("aria-invalid", "true");
      e.q.classList.add("fl-field--error");
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = "#" + e.target.id;
      a.textContent = e.message;
      li.append(a);
      list.append(li);
    });
    summary.hidden = false;
    summary.focus();
    document.title = M.title_error_prefix + baseTitle;
  }
  function validate(scope) {
    refresh();
    var errors = all("[data-fl-question]", scope).filter(q => !isOff(q))
      .map(check).filter(Boolean);
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
  var steps = all("[data-fl-step]");
  var checkStep = form.querySelector("[data-fl-step=controleren]");
  var final = form.querySelector("[data-fl-final]");
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
    var type = q.getAttribute("data-fl-type");
    var texts = all("input, select, textarea", q).map(el => {
      if (el.type === "radio" || el.type === "checkbox") {
        return el.checked ? plainText(form.querySelector("label[for=\"" + el.id + "\"]")) : "";
      }
      if (el.tagName === "SELECT") return el.value ? el.options[el.selectedIndex].text : "";
      if (el.type === "file") return Array.prototype.map.call(el.files, f => f.name).join(", ");
      return el.value.trim();
    });
    if (type === "date" && texts.join("")) return texts.join("-");
    if (type === "address" && texts.join("")) {
      return (texts[3] + " " + texts[1] + (texts[2] ? " " + texts[2] : "") + ", " + texts[0] + " " + texts[4]).trim();
    }
    return texts.filter(Boolean).join(", ");
  }
  function buildSummary() {
    var box = form.querySelector("[data-fl-check-answers]");
    box.textContent = "";
    visibleSteps().forEach(step => {
      if (step === checkStep) return;
      var heading = document.createElement("h3"), list = document.createElement("dl");
      heading.textContent = plainText(step.querySelector("h2"));
      list.className = "fl-summary__list";
      all("[data-fl-question]", step).forEach(q => {
        if (isOff(q)) return;
        var row = document.createElement("div"), dt = document.createElement("dt");
        var dd = document.createElement("dd"), action = document.createElement("dd");
        var button = document.createElement("button"), hidden = document.createElement("span");
        var label = labelOf(q), answer = answerText(q);
        dt.textContent = label;
        dd.textContent = answer || M.not_answered;
        button.type = "button";
        button.className = "fl-link-button";
        button.setAttribute("data-fl-change", q.getAttribute("data-fl-question"));
        hidden.className = "fl-visually-hidden";
        hidden.textContent = " " + label;
        button.append(M.change, hidden);
        button.addEventListener("click", () => {
          show(step, false);
          var input = q.querySelector("input, select, textarea");
          input.focus();
          (q.querySelector("label, legend") || input).scrollIntoView();
        });
        action.append(button);
        row.append(dt, dd, action);
        list.append(row);
      });
      box.append(heading, list);
    });
  }
  function move(by) {
    var visible = visibleSteps(), index = visible.indexOf(current);
    if (by > 0 && !validate(current)) return;
    clearErrors();
    show(visible[index + by], true);
  }
  all("[data-fl-next]").forEach(b => { b.addEventListener("click", () => { move(1); }); });
  all("[data-fl-prev]").forEach(b => { b.hidden = false; b.addEventListener("click", () => { move(-1); }); });
  all("[data-fl-step-nav]").forEach(nav => { nav.hidden = false; });

  /* ---- repeating groups: show min items, add and remove up to max ---- */
  var repeats = all("[data-fl-repeat]").map(rep => {
    var items = all("[data-fl-repeat-item]", rep), add = rep.querySelector("[data-fl-repeat-add]");
    var state = { id: rep.getAttribute("data-fl-repeat"), count: Number(rep.getAttribute("data-fl-min")), items: items };
    var max = Number(rep.getAttribute("data-fl-max"));
    var fields = item => all("input, select, textarea", item);
    var title = item => plainText(item.querySelector("legend"));
    state.layout = () => {
      items.forEach((item, i) => {
        setOff(item, i >= state.count);
        var remove = item.querySelector("[data-fl-repeat-remove]");
        if (remove) remove.hidden = i >= state.count;
      });
      if (add) add.hidden = state.count >= max;
      refresh();
    };
    if (add) add.addEventListener("click", () => {
      var item = items[state.count];
      state.count += 1;
      state.layout();
      fields(item)[0].focus();
      announce(fmt(M.msg_item_added, { item: title(item) }));
      save();
    });
    items.forEach((item, i) => {
      var remove = item.querySelector("[data-fl-repeat-remove]");
      if (!remove) return;
      remove.addEventListener("click", () => {
        var removed = title(item);
        // Later items move up one place, so the numbering stays without gaps.
        for (var k = i; k < state.count - 1; k++) {
          var from = fields(items[k + 1]), to = fields(items[k]);
          to.forEach((el, n) => {
            if (el.type === "radio" || el.type === "checkbox") el.checked = from[n].checked;
            else if (el.type === "file") { try { el.files = from[n].files; } catch (e) { el.value = ""; } }
            else el.value = from[n].value;
          });
        }
        fields(items[state.count - 1]).forEach(el => {
          if (el.type === "radio" || el.type === "checkbox") el.checked = false; else el.value = "";
        });
        state.count -= 1;
        state.layout();
        var next = items[i] && i < state.count ? items[i].querySelector("legend") : add;
        if (next === add && add.hidden) next = items[state.count - 1].querySelector("legend");
        if (next.tagName === "LEGEND") next.setAttribute("tabindex", "-1");
        next.focus();
        announce(fmt(M.msg_item_removed, { item: removed }));
        save();
      });
    });
    return state;
  });

  /* ---- opt-in draft in this browser (never BSN, IBAN or files) ---- */
  var draftBox = form.querySelector("[data-fl-draft]"), optIn = form.querySelector("#fl-draft-opt-in");
  var key = form.getAttribute("data-fl-draft-key"), store = null;
  try { store = window.localStorage; store.getItem(key); } catch (e) { store = null; }
  function keepable(el) {
    return el.name && el.type !== "file" && !el.closest("[data-fl-no-draft]") && !el.disabled;
  }
  function save() {
    if (!store || !optIn.checked) return;
    var values = [];
    all("input, select, textarea").forEach(el => {
      if (!keepable(el)) return;
      if (el.type === "radio" || el.type === "checkbox") { if (el.checked) values.push([el.name, el.value]); }
      else if (el.value) values.push([el.name, el.value]);
    });
    var counts = {};
    repeats.forEach(r => { counts[r.id] = r.count; });
    store.setItem(key, JSON.stringify({ values: values, repeats: counts }));
  }
  function restore() {
    var draft = store && store.getItem(key);
    if (!draft) return;
    try { draft = JSON.parse(draft); } catch (e) { return; }
    repeats.forEach(r => { if (draft.repeats && r.id in draft.repeats) r.count = draft.repeats[r.id]; r.layout(); });
    (draft.values || []).forEach(pair => {
      byName(pair[0]).forEach(el => {
        if (el.closest("[data-fl-no-draft]")) return;
        if (el.type === "radio" || el.type === "checkbox") el.checked = el.value === pair[1];
        else el.value = pair[1];
      });
    });
    optIn.checked = true;
    announce(M.msg_draft_restored);
  }
  if (store) {
    draftBox.hidden = false;
    optIn.addEventListener("change", () => {
      if (optIn.checked) save(); else store.removeItem(key);
    });
    form.querySelector("[data-fl-draft-clear]").addEventListener("click", () => {
      store.removeItem(key);
      optIn.checked = false;
      announce(M.msg_draft_cleared);
    });
  }

  /* ---- start ---- */
  form.noValidate = true;
  form.classList.add("fl-form--js");
  repeats.forEach(r => { r.layout(); });
  if (store) restore();
  form.addEventListener("input", () => { refresh(); save(); });
  form.addEventListener("change", () => { refresh(); save(); });
  form.addEventListener("submit", event => {
    if (!validate(form)) event.preventDefault();
  });
  show(visibleSteps()[0], false);
})();
