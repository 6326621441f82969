/*
 * The online reflector. Answers live only in this browser (localStorage, one key per reflector);
 * nothing is sent anywhere. Export and import use files the reader saves and opens themselves.
 *
 * Export format: /tmp/teamreflectie-spec.md §1 (the contract with the team page and `kennisbank analyse`):
 * CSV with BOM, CRLF, ";" and the header respondent;reflector;team;datum;eindterm;tekst;huidig;gewenst;antwoord,
 * one row per answered item in the form's order; JSON {"formaat": "kennisbank-reflector", "versie": 2, ...}.
 * Import reads those and the older formats (CSV respondent,eindterm,huidig,gewenst,team,datum; JSON v1).
 *
 * The pure helpers (files, scores, the result, the Dutch texts) are on window.Kennisbank.reflector,
 * where the browser tests call them; they take a form's items as plain data ({key, kind, tekst,
 * groep}, see itemsOf). The wiring to the page follows them; each form's instance is on its root
 * element as root.kbReflector.
 */
(function () {
  "use strict"
  var FORMAT = "kennisbank-reflector"
  var VERSION = 2
  var HEADER = ["respondent", "reflector", "team", "datum", "eindterm", "tekst", "huidig", "gewenst", "antwoord"]
  var MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
    "oktober", "november", "december"]
  var MINUS = "\u2212"

  // --- pure helpers -------------------------------------------------------------------------------

  function today() {
    var now = new Date()
    return now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0")
  }

  /** An anonymous respondent code: "anoniem-" and 4 random [a-z0-9]. */
  function anonymousCode() {
    var alphabet = "abcdefghijklmnopqrstuvwxyz0123456789", text = "anoniem-"
    var random = new Uint8Array(4)
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(random)
    else for (var i = 0; i < 4; i++) random[i] = Math.floor(Math.random() * 256)
    for (var j = 0; j < 4; j++) text += alphabet[random[j] % alphabet.length]
    return text
  }

  /** The respondent in a file name: lower case, runs outside [a-z0-9] one "-", trimmed, at most 40. */
  function slug(text) {
    var value = String(text || "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
    value = value.slice(0, 40).replace(/-+$/, "")
    return value || "anoniem"
  }

  function fileName(reflector, respondent, datum, extension) {
    return "reflector-" + reflector + "-" + slug(respondent) + "-" + datum + "." + extension
  }

  /** Mean in whole tenths, rounded half away from zero, with integers only (-1/4 -> -3). */
  function meanTenths(sum, count) {
    var sign = sum < 0 ? -1 : 1
    return sign * Math.floor((Math.abs(sum) * 20 + count) / (2 * count))
  }

  /** Whole tenths as Dutch text: one decimal, a comma, a real minus sign (-3 -> "−0,3"). */
  function formatTenths(tenths) {
    var size = Math.abs(tenths)
    return (tenths < 0 ? MINUS : "") + Math.floor(size / 10) + "," + (size % 10)
  }

  /** A whole number as Dutch text with a real minus sign. */
  function formatWhole(value) { return (value < 0 ? MINUS : "") + Math.abs(value) }

  /** A data attribute's decimal ("-0.3") as whole tenths, or null when empty. */
  function tenthsOf(text) {
    if (text === undefined || text === null || text === "") return null
    return Math.round(Number(text) * 10)
  }

  function dutchDate(iso) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "")
    return match ? Number(match[3]) + " " + MONTHS[Number(match[2]) - 1] + " " + match[1] : iso || ""
  }

  function csvCell(value) {
    var text = value === undefined || value === null ? "" : String(value)
    return /[;"\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text
  }

  /** The separator of a CSV text: ";" when its header names more known columns split on ";" than on ",". */
  function separatorOf(text) {
    var first = text.split(/\r?\n|\r/).filter(function (line) { return /[A-Za-z0-9]/.test(line) })[0] || ""
    function score(separator) {
      return first.split(separator).filter(function (cell) {
        return HEADER.indexOf(cell.replace(/"/g, "").trim().toLowerCase()) >= 0
      }).length
    }
    return score(";") > score(",") ? ";" : ","
  }

  /** CSV text to rows of cells (quotes, "" inside, CRLF or LF); blank rows dropped. */
  function parseCsv(text, separator) {
    var rows = [], row = [], cell = "", quoted = false
    text = text.replace(/^\uFEFF/, "")
    separator = separator || separatorOf(text)
    for (var i = 0; i < text.length; i++) {
      var c = text[i]
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { cell += '"'; i++ }
        else if (c === '"') quoted = false
        else cell += c
      } else if (c === '"') quoted = true
      else if (c === separator) { row.push(cell); cell = "" }
      else if (c === "\n" || c === "\r") {
        if (c === "\r" && text[i + 1] === "\n") i++
        row.push(cell); rows.push(row); row = []; cell = ""
      } else cell += c
    }
    if (cell !== "" || row.length) { row.push(cell); rows.push(row) }
    return rows.filter(function (r) { return r.some(function (v) { return v.trim() !== "" }) })
  }

  /**
   * An export record: {reflector, respondent, team, datum, antwoorden: [{eindterm, tekst, huidig,
   * gewenst, antwoord}]} with eindterm a number for eindtermen, else the key ("leerruimte", "vraag-1").
   */
  function serialiseCsv(record) {
    var lines = [HEADER.join(";")]
    record.antwoorden.forEach(function (a) {
      lines.push([record.respondent, record.reflector, record.team, record.datum, a.eindterm, a.tekst,
        a.huidig, a.gewenst, a.antwoord].map(csvCell).join(";"))
    })
    return "\uFEFF" + lines.join("\r\n") + "\r\n"
  }

  function serialiseJson(record) {
    var data = {
      formaat: FORMAT, versie: VERSION, reflector: record.reflector, respondent: record.respondent,
      team: record.team, datum: record.datum,
      antwoorden: record.antwoorden.map(function (a) {
        var entry = { eindterm: a.eindterm, tekst: a.tekst }
        if (a.antwoord !== undefined) entry.antwoord = a.antwoord
        else { entry.huidig = a.huidig; entry.gewenst = a.gewenst }
        return entry
      })
    }
    return JSON.stringify(data, null, 2) + "\n"
  }

  function blankToNull(value) {
    return value === undefined || value === null || String(value).trim() === "" ? null : value
  }

  /**
   * A file's text (JSON v1/v2 or CSV, old or new) to {reflector, respondents, respondent, team, datum,
   * antwoorden: [{eindterm (string), huidig, gewenst, antwoord}]}. Throws an Error with a Dutch message.
   */
  function parseExport(text) {
    text = String(text).replace(/^\uFEFF/, "")
    if (!text.trim()) throw new Error("het bestand is leeg")
    if (/^\s*\{/.test(text)) {
      var data
      try { data = JSON.parse(text) } catch (error) { throw new Error("dit is geen geldige JSON") }
      if (data.formaat !== undefined && data.formaat !== FORMAT) throw new Error("dit is geen reflectorexport (formaat '" + data.formaat + "')")
      if (!Array.isArray(data.antwoorden)) throw new Error("de lijst 'antwoorden' ontbreekt")
      var respondent = blankToNull(data.respondent)
      return {
        reflector: String(blankToNull(data.reflector) || ""),
        respondents: respondent ? [String(respondent).trim()] : [],
        respondent: respondent ? String(respondent).trim() : "",
        team: String(blankToNull(data.team) || ""),
        datum: String(blankToNull(data.datum) || ""),
        antwoorden: data.antwoorden.filter(function (a) { return a && typeof a === "object" }).map(function (a) {
          return { eindterm: String(a.eindterm).trim(), huidig: blankToNull(a.huidig), gewenst: blankToNull(a.gewenst),
            antwoord: typeof a.antwoord === "string" ? a.antwoord : null }
        })
      }
    }
    var table = parseCsv(text)
    if (!table.length) throw new Error("het bestand is leeg")
    var header = table.shift().map(function (h) { return h.trim().toLowerCase() })
    if (header.indexOf("eindterm") < 0) throw new Error("de kolom 'eindterm' ontbreekt in de kop")
    var rows = table.map(function (cells) {
      var row = {}
      header.forEach(function (name, index) {
        var value = cells[index] === undefined ? "" : cells[index]
        row[name] = name === "antwoord" ? value : value.trim()
      })
      return row
    })
    function first(name) {
      var found = rows.filter(function (r) { return r[name] }).map(function (r) { return r[name] })[0]
      return found || ""
    }
    var respondents = []
    rows.forEach(function (r) { if (r.respondent && respondents.indexOf(r.respondent) < 0) respondents.push(r.respondent) })
    return {
      reflector: first("reflector"), respondents: respondents, respondent: respondents[0] || "",
      team: first("team"), datum: first("datum"),
      antwoorden: rows.map(function (r) {
        return { eindterm: r.eindterm, huidig: blankToNull(r.huidig), gewenst: blankToNull(r.gewenst),
          antwoord: r.antwoord ? r.antwoord : null }
      })
    }
  }

  /** A score 1-5 (number or text) as a number, else null. */
  function score(value) {
    if (value === null || value === undefined) return null
    var text = String(value).trim()
    return /^[1-5]$/.test(text) ? Number(text) : null
  }

  // --- a form's answers as data -------------------------------------------------------------------
  // items: the form's items in order, [{key: "43" | "actie", kind: "scale" | "open", tekst, groep}];
  // state: {respondent, team, datum, antwoorden: {"43": {huidig, gewenst}}, open: {"actie": "…"}}.

  /** The state as an export record, in the form's order (every answered item). */
  function recordOf(reflector, state, items) {
    var answers = []
    items.forEach(function (item) {
      var key = item.key, eindterm = /^\d+$/.test(key) ? Number(key) : key
      if (item.kind === "scale") {
        var entry = state.antwoorden[key]
        if (entry) answers.push({ eindterm: eindterm, tekst: item.tekst, huidig: entry.huidig || null, gewenst: entry.gewenst || null })
      } else if (state.open[key]) {
        answers.push({ eindterm: eindterm, tekst: item.tekst, antwoord: state.open[key] })
      }
    })
    return { reflector: reflector, respondent: state.respondent, team: state.team, datum: state.datum, antwoorden: answers }
  }

  /** A parsed file as state for this form, with what did not fit: {state, scale, open, skipped, invalid}. */
  function stateOf(parsed, items) {
    var kinds = {}
    items.forEach(function (item) { kinds[item.key] = item.kind })
    var state = { respondent: parsed.respondent, team: parsed.team, datum: parsed.datum, antwoorden: {}, open: {} }
    var skipped = 0, invalid = 0
    parsed.antwoorden.forEach(function (a) {
      var kind = kinds.hasOwnProperty(a.eindterm) ? kinds[a.eindterm] : null
      if (!kind) { if (a.eindterm) skipped++; return }
      if (kind === "scale") {
        var entry = {}, huidig = score(a.huidig), gewenst = score(a.gewenst)
        if (huidig) entry.huidig = huidig
        if (gewenst) entry.gewenst = gewenst
        if ((a.huidig !== null && !huidig) || (a.gewenst !== null && !gewenst)) invalid++
        if (huidig || gewenst) state.antwoorden[a.eindterm] = entry
      } else if (a.antwoord && a.antwoord.trim()) {
        state.open[a.eindterm] = a.antwoord
      }
    })
    return { state: state, scale: Object.keys(state.antwoorden).length, open: Object.keys(state.open).length, skipped: skipped, invalid: invalid }
  }

  /**
   * The result of a state: the eindtermen with both scores, largest leerruimte (gewenst − huidig)
   * first, then by number: rows [{key, huidig, gewenst, gap}]; and per group (dimension) in the form's
   * order its count and mean leerruimte in whole tenths: groups [{name, count, tenths}].
   */
  function resultOf(state, items) {
    var rows = [], groups = {}, order = []
    items.forEach(function (item) {
      if (item.kind !== "scale") return
      var entry = state.antwoorden[item.key]
      if (!entry || !entry.huidig || !entry.gewenst) return
      var gap = entry.gewenst - entry.huidig
      rows.push({ key: item.key, huidig: entry.huidig, gewenst: entry.gewenst, gap: gap })
      var name = item.groep
      if (!groups[name]) { groups[name] = { total: 0, count: 0 }; order.push(name) }
      groups[name].total += gap; groups[name].count += 1
    })
    rows.sort(function (a, b) { return b.gap - a.gap || Number(a.key) - Number(b.key) })
    return {
      rows: rows,
      groups: order.map(function (name) {
        return { name: name, count: groups[name].count, tenths: meanTenths(groups[name].total, groups[name].count) }
      })
    }
  }

  /** A leerruimte bar from the middle of a −4 … +4 track, in percent of the track: {left, width}. */
  function barOf(tenths) {
    var width = Math.min(Math.abs(tenths), 40) / 40 * 50
    return { left: tenths < 0 ? 50 - width : 50, width: width }
  }

  // --- the Dutch texts ----------------------------------------------------------------------------

  /** What a state holds: "3 eindtermen" and, on a form with open questions, " en 1 open antwoorden". */
  function countText(state, withOpen) {
    var scale = Object.keys(state.antwoorden).length, open = Object.keys(state.open).length
    return scale + " eindtermen" + (withOpen ? " en " + open + " open antwoorden" : "")
  }

  /** The line above the result: "Naam of code: … · Team: … · Datum: 28 november 2026", empty parts left out. */
  function whoLine(state) {
    var who = [["Naam of code", state.respondent], ["Team", state.team], ["Datum", dutchDate(state.datum)]]
    return who.filter(function (pair) { return pair[1] }).map(function (pair) { return pair[0] + ": " + pair[1] }).join(" · ")
  }

  var UNCHANGED = " Je antwoorden zijn niet veranderd."

  /**
   * Whether a file (its text, its name) can be imported on this reflector's form: {message} when not,
   * else {result} (see stateOf) and the message that says what was imported.
   */
  function importOf(text, name, reflector, title, items) {
    var parsed
    try { parsed = parseExport(text) } catch (error) {
      return { message: "Niet geïmporteerd uit " + name + ": " + error.message + "." + UNCHANGED }
    }
    if (parsed.reflector && parsed.reflector !== reflector) {
      return { message: "Niet geïmporteerd: " + name + " hoort bij reflector '" + parsed.reflector + "', niet bij '" + reflector +
        "' (" + title + "). Importeer het op de pagina van die reflector." + UNCHANGED }
    }
    if (parsed.respondents.length > 1) {
      var shown = parsed.respondents.slice(0, 3).join(", ") + (parsed.respondents.length > 3 ? ", …" : "")
      return { message: "Niet geïmporteerd: " + name + " bevat de antwoorden van " + parsed.respondents.length + " respondenten (" + shown +
        "). Hier importeer je de antwoorden van één persoon; een teambestand is voor de teamanalyse." + UNCHANGED }
    }
    var result = stateOf(parsed, items)
    var notes = (result.skipped ? " " + result.skipped + " regels overgeslagen (eindterm hoort niet bij deze reflector)." : "") +
      (result.invalid ? " " + result.invalid + " scores overgeslagen (geen heel getal van 1 tot en met 5)." : "")
    if (!result.scale && !result.open) {
      return { message: "Niet geïmporteerd uit " + name + ": er staan geen antwoorden voor deze reflector in." + notes + UNCHANGED }
    }
    var withOpen = items.some(function (item) { return item.kind === "open" })
    return {
      result: result,
      message: "Geïmporteerd uit " + name + ": " + countText(result.state, withOpen) + "; de antwoorden die er stonden zijn vervangen." + notes
    }
  }

  window.Kennisbank = window.Kennisbank || {}
  window.Kennisbank.reflector = {
    HEADER: HEADER, today: today, anonymousCode: anonymousCode, slug: slug, fileName: fileName,
    meanTenths: meanTenths, formatTenths: formatTenths, formatWhole: formatWhole, tenthsOf: tenthsOf,
    dutchDate: dutchDate, csvCell: csvCell, separatorOf: separatorOf, parseCsv: parseCsv,
    serialiseCsv: serialiseCsv, serialiseJson: serialiseJson, parseExport: parseExport, score: score,
    recordOf: recordOf, stateOf: stateOf, resultOf: resultOf, barOf: barOf, countText: countText,
    whoLine: whoLine, importOf: importOf
  }

  /** A form's items as data, in the page's order (see above), each with its element. */
  function itemsOf(root) {
    return Array.prototype.slice.call(root.querySelectorAll(".kb-online-item, .kb-online-open")).map(function (element) {
      return {
        key: element.dataset.eindterm, kind: element.classList.contains("kb-online-item") ? "scale" : "open",
        tekst: element.dataset.tekst, groep: element.dataset.groep, element: element
      }
    })
  }

  // --- one form on the page -----------------------------------------------------------------------

  function init(root) {
    var reflector = root.dataset.reflector, title = root.dataset.title || reflector
    var storageKey = "kennisbank:reflector:" + reflector
    var items = itemsOf(root)
    var scaleItems = items.filter(function (item) { return item.kind === "scale" }).map(function (item) { return item.element })
    var openItems = items.filter(function (item) { return item.kind === "open" }).map(function (item) { return item.element })
    var byKey = {}
    items.forEach(function (item) { byKey[item.key] = item.element })
    var meta = {
      respondent: root.querySelector("input[name=respondent]"),
      team: root.querySelector("input[name=team]"),
      datum: root.querySelector("input[name=datum]")
    }
    var status = root.querySelector(".kb-online-status")
    var undoSlot = root.querySelector(".kb-undo-slot")
    var clearButton = root.querySelector("[data-action=clear]")
    var confirmBox = root.querySelector(".kb-clear-confirm")
    var undoState = null

    /** The form as state: {respondent, team, datum, antwoorden: {"43": {huidig, gewenst}}, open: {"24": "…"}}. */
    function read() {
      var answers = {}, open = {}
      scaleItems.forEach(function (item) {
        var entry = {}
        item.querySelectorAll("input:checked").forEach(function (input) {
          entry[input.dataset.side] = Number(input.value)
        })
        if (entry.huidig || entry.gewenst) answers[item.dataset.eindterm] = entry
      })
      openItems.forEach(function (item) {
        var value = item.querySelector("textarea").value
        if (value.trim()) open[item.dataset.eindterm] = value
      })
      return { respondent: meta.respondent.value, team: meta.team.value, datum: meta.datum.value, antwoorden: answers, open: open }
    }

    function write(state) {
      meta.respondent.value = state.respondent || anonymousCode()
      meta.team.value = state.team || ""
      meta.datum.value = state.datum || ""
      if (!meta.datum.value) meta.datum.value = today()  // a date input refuses anything but yyyy-mm-dd
      scaleItems.forEach(function (item) {
        var entry = (state.antwoorden || {})[item.dataset.eindterm] || {}
        item.querySelectorAll("input[type=radio]").forEach(function (input) {
          input.checked = entry[input.dataset.side] === Number(input.value)
        })
      })
      openItems.forEach(function (item) {
        item.querySelector("textarea").value = (state.open || {})[item.dataset.eindterm] || ""
      })
    }

    function save() {
      try { localStorage.setItem(storageKey, JSON.stringify(read())) } catch (error) { /* private mode: keep on page */ }
      showResult()
    }

    function load() {
      var stored = null
      try { stored = JSON.parse(localStorage.getItem(storageKey) || "null") } catch (error) { stored = null }
      write(stored || {})
      showResult()
    }

    function record(state) { return recordOf(reflector, state, items) }

    // --- the status line and undo ---

    function button(action, text, className) {
      var element = document.createElement("button")
      element.type = "button"
      element.dataset.action = action
      element.className = className
      element.textContent = text
      return element
    }

    /** The status line; with canUndo an "Ongedaan maken" button after it (only then in the page). */
    function say(message, canUndo) {
      status.textContent = message
      undoSlot.textContent = ""
      if (canUndo) undoSlot.appendChild(button("undo", "Ongedaan maken", "kb-plain-button kb-undo"))
    }

    function remember() { undoState = read() }

    function undo() {
      if (!undoState) return
      write(undoState)
      save()
      undoState = null
      say("Hersteld: je antwoorden, naam of code, team en datum staan er weer.", false)
      meta.respondent.focus()
    }

    function count(state) { return countText(state, openItems.length > 0) }

    // --- wissen with a confirm step ---

    function askClear() {
      var question = document.createElement("span")
      question.className = "kb-clear-question"
      question.textContent = "Alle antwoorden, je naam of code, team en datum op deze pagina wissen?"
      confirmBox.textContent = ""
      confirmBox.appendChild(question)
      confirmBox.appendChild(button("clear-confirm", "Ja, wis alles", "kb-danger-button kb-danger-button--confirm"))
      confirmBox.appendChild(button("clear-cancel", "Annuleren", "kb-plain-button"))
      clearButton.hidden = true
      confirmBox.hidden = false
      confirmBox.querySelector("[data-action=clear-cancel]").focus()
    }

    function closeConfirm() {
      confirmBox.hidden = true
      confirmBox.textContent = ""
      clearButton.hidden = false
    }

    function clearAll() {
      remember()
      try { localStorage.removeItem(storageKey) } catch (error) { /* nothing stored */ }
      write({})
      showResult()
      closeConfirm()
      say("Alle antwoorden zijn gewist.", true)
      undoSlot.querySelector("button").focus()
    }

    // --- the result ---

    function showResult() {
      var state = read(), computed = resultOf(state, items)
      var result = root.querySelector(".kb-result")
      if (!result) return
      var table = result.querySelector(".kb-result-table")
      table.querySelectorAll("tbody").forEach(function (body) { body.remove() })
      computed.rows.forEach(function (row) { table.appendChild(resultRows(row, byKey[row.key])) })
      var groupBody = result.querySelector(".kb-result-groups tbody")
      groupBody.textContent = ""
      computed.groups.forEach(function (group) {
        var tr = document.createElement("tr")
        tr.appendChild(cell("th", group.name)).scope = "row"
        tr.appendChild(cell("td", group.count))
        tr.appendChild(barCell(group.tenths, formatTenths(group.tenths), "kb-fill--you"))
        groupBody.appendChild(tr)
      })
      result.querySelector(".kb-result-body").hidden = computed.rows.length === 0
      result.querySelector(".kb-result-empty").hidden = computed.rows.length > 0
      result.querySelector(".kb-result-who").textContent = whoLine(state)
    }

    function cell(tag, text, className) {
      var element = document.createElement(tag)
      element.textContent = text
      if (className) element.className = className
      return element
    }

    /** One row of resultOf with its item's element: the eindterm's text, a row for you and one for Nijmegen 2015. */
    function resultRows(row, element) {
      var body = document.createElement("tbody"), data = element.dataset
      body.className = "kb-result-item"
      body.dataset.eindterm = data.eindterm
      var head = document.createElement("tr"), th = cell("th", "")
      th.colSpan = 4
      th.scope = "rowgroup"
      th.appendChild(cell("strong", data.eindterm + "."))
      th.appendChild(document.createTextNode(" " + data.tekst))
      head.appendChild(th)
      body.appendChild(head)
      var you = document.createElement("tr")
      you.className = "kb-result-you"
      you.appendChild(cell("th", "Jij")).scope = "row"
      you.appendChild(cell("td", row.huidig))
      you.appendChild(cell("td", row.gewenst))
      you.appendChild(barCell(row.gap * 10, formatWhole(row.gap), "kb-fill--you"))
      body.appendChild(you)
      var base = document.createElement("tr"), leerruimte = tenthsOf(baseline(element, "leerruimte"))
      base.className = "kb-result-2015"
      var n = baseline(element, "n")
      base.appendChild(cell("th", "Nijmegen 2015" + (n ? " (N = " + n + ")" : ""))).scope = "row"
      base.appendChild(shareCell(tenthsOf(baseline(element, "laag-huidig")), "gaf 1–2"))
      base.appendChild(shareCell(tenthsOf(baseline(element, "hoog-gewenst")), "gaf 4–5"))
      base.appendChild(leerruimte === null ? cell("td", "–") : barCell(leerruimte, formatTenths(leerruimte), "kb-fill--2015"))
      body.appendChild(base)
      return body
    }

    /** A 2015 figure from the item's data attributes (data-leerruimte-2015 …), as written at build time. */
    function baseline(item, name) { return item.getAttribute("data-" + name + "-2015") }

    function shareCell(tenths, label) {
      var td = cell("td", tenths === null ? "–" : formatTenths(tenths) + "%")
      if (tenths !== null) td.appendChild(cell("small", " " + label, "kb-share-label"))
      return td
    }

    /** A leerruimte as a bar from the middle (−4 … +4) and the number as text. */
    function barCell(tenths, text, kind) {
      var td = document.createElement("td"), track = document.createElement("span"), fill = document.createElement("span")
      td.className = "kb-lr-cell"
      track.className = "kb-track"
      track.setAttribute("aria-hidden", "true")
      fill.className = "kb-fill " + kind
      var bar = barOf(tenths)
      fill.style.left = bar.left + "%"
      fill.style.width = bar.width + "%"
      track.appendChild(fill)
      td.appendChild(track)
      td.appendChild(cell("span", text, "kb-lr-value"))
      return td
    }

    // --- files ---

    function download(name, type, text) {
      var link = document.createElement("a")
      link.href = URL.createObjectURL(new Blob([text], { type: type }))
      link.download = name
      document.body.appendChild(link)
      link.click()
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove() }, 0)
    }

    function exportAs(extension) {
      if (!meta.respondent.value.trim()) meta.respondent.value = anonymousCode()
      if (!meta.datum.value) meta.datum.value = today()
      save()
      var state = read(), data = record(state)
      var name = fileName(reflector, state.respondent, state.datum, extension)
      if (extension === "csv") download(name, "text/csv;charset=utf-8", serialiseCsv(data))
      else download(name, "application/json", serialiseJson(data))
      say("Geëxporteerd als " + name + ": " + count(state) + ".", false)
    }

    function importText(text, name) {
      var outcome = importOf(text, name, reflector, title, items)
      if (!outcome.result) {
        say(outcome.message, false)
        return
      }
      remember()
      write(outcome.result.state)
      save()
      say(outcome.message, true)
    }

    function handleChange(event) {
      var target = event.target
      if (target.dataset.action === "import") {
        var file = target.files[0]
        if (!file) return
        file.text().then(function (text) { importText(text, file.name) }).catch(function (error) {
          say("Niet geïmporteerd: het bestand is niet te lezen (" + error.message + "). Je antwoorden zijn niet veranderd.", false)
        })
        target.value = ""
        return
      }
      if (target.matches("input, textarea")) save()
    }

    root.addEventListener("change", handleChange)
    root.addEventListener("input", function (event) {
      if (event.target.matches("textarea, input[type=text]")) save()
    })
    root.addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]")
      var action = button && button.dataset.action
      if (action === "export-csv") exportAs("csv")
      else if (action === "export-json") exportAs("json")
      else if (action === "clear") askClear()
      else if (action === "clear-cancel") { closeConfirm(); clearButton.focus() }
      else if (action === "clear-confirm") clearAll()
      else if (action === "undo") undo()
      else if (action === "print-result") {
        document.documentElement.classList.add("kb-print-result")
        window.print()
      }
    })
    confirmBox.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { closeConfirm(); clearButton.focus() }
    })
    window.addEventListener("afterprint", function () { document.documentElement.classList.remove("kb-print-result") })
    load()
    root.kbReflector = { read: read, write: write, record: record, importText: importText, showResult: showResult }
  }

  document.querySelectorAll(".kb-online").forEach(init)
})()
