/*
 * The team page of a reflector (/reflectoren/<id>/team/). The leercoach drops the colleagues' exports
 * here; this script reads them and shows the team's picture beside Nijmegen 2015. Everything happens in
 * this browser: no file and no figure is sent anywhere, and nothing is stored unless the leercoach
 * ticks "Bewaar in deze browser".
 *
 * The reading rules and figures are those of `kennisbank analyse` (generator/analyse/; README,
 * "Teamreflectie"): percentages in whole tenths rounded half up, the collapsed shares as sums of the
 * rounded categories, the mean leerruimte rounded half away from zero. Everything is kept as integer
 * tenths, so no float noise can make the page and the CLI differ; tests/test_team.py compares them.
 */
(function () {
  "use strict"

  var REQUIRED = ["respondent", "eindterm", "huidig", "gewenst"]
  var OPTIONAL = ["reflector", "team", "datum", "tekst", "antwoord"]
  var LOW_LIMIT = 300, HIGH_LIMIT = 700 // tenths of a percent, §4.3.2
  var SIGNAL_LOW = "laag gewaardeerd", SIGNAL_HIGH = "weinig leerruimte"
  var NO_DIMENSION = "zonder dimensie", NO_CONCEPT = "zonder concept"
  var MAX_BYTES = 20 * 1024 * 1024
  var JSON_FORMAT = "kennisbank-reflector", JSON_VERSIONS = [1, 2]
  var FIRST = 5

  // --- numbers ---------------------------------------------------------------------------------

  /** count/n as whole tenths of a percent, rounded half up (analyse._tenths). */
  function tenths(count, n) { return Math.floor((count * 2000 + n) / (2 * n)) }

  /** numerator/denominator in whole tenths, rounded half away from zero (analyse._round_tenths). */
  function roundTenths(numerator, denominator) {
    var sign = numerator < 0 ? -1 : 1
    return sign * Math.floor((Math.abs(numerator) * 20 + denominator) / (2 * denominator))
  }

  function distribution(counts, n) {
    return counts.map(function (c) { return n === 0 || c === null ? null : tenths(c, n) })
  }
  function low(d) { return d[0] === null || d[1] === null ? null : d[0] + d[1] }
  function high(d) { return d[3] === null || d[4] === null ? null : d[3] + d[4] }
  function threePoint(d) { return [low(d), d[2], high(d)] }
  function sum(values) { return values.reduce(function (a, b) { return a + (b || 0) }, 0) }

  /** One decimal the Dutch way from tenths: 43,5; signed: +2,1 / −3,0 / 0,0; null: –. */
  function nl(t, signed) {
    if (t === null || t === undefined) return "–"
    var a = Math.abs(t), text = Math.floor(a / 10) + "," + (a % 10)
    if (t < 0) return "−" + text
    return signed && t > 0 ? "+" + text : text
  }
  function pct(t) { return t === null || t === undefined ? "–" : nl(t) + "%" }

  // --- reading files ---------------------------------------------------------------------------

  /** Rows as Python's csv.reader reads them (non-strict), each with the line it starts on. */
  function parseCsv(text, separator) {
    var rows = [], row = [], cell = "", state = "start", line = 1, start = 1
    function endCell() { row.push(cell); cell = "" }
    function endRow() { endCell(); rows.push({ line: start, cells: row }); row = [] }
    for (var i = 0; i < text.length; i++) {
      var c = text[i]
      if (state === "quoted") {
        if (c === '"' && text[i + 1] === '"') { cell += '"'; i++ }
        else if (c === '"') state = "field"
        else { cell += c; if (c === "\n") line++ }
        continue
      }
      if (c === '"' && state === "start") { state = "quoted"; continue }
      if (c === separator) { endCell(); state = "start"; continue }
      if (c === "\r" || c === "\n") {
        if (c === "\r" && text[i + 1] === "\n") i++
        if (state === "start" && row.length === 0 && cell === "") rows.push({ line: start, cells: [] })
        else endRow()
        line++; start = line; state = "start"
        continue
      }
      cell += c; state = "field"
    }
    if (state !== "start" || row.length || cell !== "") endRow()
    return rows
  }

  function columnName(cell) { return cell.trim().replace(/^\uFEFF/, "").trim().toLowerCase() }

  function separatorOf(text) {
    var first = text.split(/\r\n|\r|\n/).filter(function (l) { return /[\p{L}\p{N}]/u.test(l) })[0] || ""
    function score(sep) {
      var cells = (parseCsv(first, sep)[0] || { cells: [] }).cells
      return cells.filter(function (c) { return isKnown(columnName(c)) }).length
    }
    return score(";") > score(",") ? ";" : ","
  }

  /** Where the bytes stop being UTF-8 (Python's UnicodeDecodeError.start), or -1. */
  function invalidUtf8(bytes) {
    for (var i = 0; i < bytes.length;) {
      var b = bytes[i], need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1
      if (need < 0) return i
      var lowest = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80, highest = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf
      for (var k = 1; k <= need; k++) {
        var c = bytes[i + k]
        if (c === undefined || c < (k === 1 ? lowest : 0x80) || c > (k === 1 ? highest : 0xbf)) return i
      }
      i += need + 1
    }
    return -1
  }

  function position(text, index) {
    var before = text.slice(0, index)
    return [before.split("\n").length, index - before.lastIndexOf("\n")]
  }

  /** The text of a file's bytes, or the problem that makes it unusable (analyse._read_text). */
  function decode(bytes) {
    if (bytes.length > MAX_BYTES) return { problem: [1, 1, "bestand is te groot (meer dan 20 MB); een export van de reflector is veel kleiner"] }
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3)
    var bad = invalidUtf8(bytes)
    if (bad >= 0) {
      var lineStart = bytes.lastIndexOf(0x0a, bad - 1) + 1
      var line = 1
      for (var i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++
      var column = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, bad)).length + 1
      var hex = bytes[bad].toString(16).padStart(2, "0")
      return { problem: [line, column, "bestand is geen UTF-8 (byte 0x" + hex + "); sla het op als 'CSV UTF-8 (door komma's gescheiden)'"] }
    }
    var text = new TextDecoder("utf-8").decode(bytes)
    var nul = text.indexOf("\u0000")
    if (nul >= 0) return { problem: position(text, nul).concat(["bestand bevat NUL-tekens; is dit wel een CSV-bestand?"]) }
    if (!text.trim()) return { problem: [1, 1, "leeg bestand: de kop ontbreekt (verwacht: " + REQUIRED.join(",") + ")"] }
    return { text: text }
  }

  var CELLS = ["respondent", "eindterm", "huidig", "gewenst", "antwoord", "reflector", "team", "datum"]
  function emptyCells() { var cells = {}; CELLS.forEach(function (n) { cells[n] = "" }); return cells }
  function answersSomething(row) { return row.problem !== null || ["huidig", "gewenst", "antwoord"].some(function (n) { return row.cells[n] }) }

  /** A file as rows {line, cells, columns, where, prefix, problem}, with the reflector it names (analyse._read_file). */
  function parseFile(name, bytes) {
    var decoded = decode(bytes)
    if (decoded.problem) return { problems: [decoded.problem] }
    return /^\s*\{/.test(decoded.text) ? parseJson(name, decoded.text) : parseCsvFile(name, decoded.text)
  }

  function parseCsvFile(name, text) {
    var header = null, columns = {}, rows = [], problems = [], answered = 0
    var table = parseCsv(text, separatorOf(text))
    for (var r = 0; r < table.length; r++) {
      var cells = table[r].cells, line = table[r].line
      if (!cells.some(function (c) { return c.trim() })) continue
      if (header === null) {
        header = { cells: cells, line: line }
        columns = headerColumns(cells, line, problems)
        if (!columns) return { problems: problems }
        continue
      }
      var row = csvRow(cells, header.cells.length, columns, name, line)
      if (answersSomething(row)) answered++
      rows.push(row)
    }
    var none = "leeg bestand: de kop ontbreekt (verwacht: " + REQUIRED.join(",") + ")"
    if (header === null) return { problems: [[1, 1, none]] }
    if (!rows.length) return { problems: [[header.line, 1, "geen gegevens: het bestand heeft alleen een kop"]] }
    if (!answered) {
      var sides = "antwoord" in columns ? "huidig, gewenst en antwoord" : "huidig en gewenst"
      return { problems: [[header.line, 1, "geen antwoorden: in elke rij zijn " + sides + " leeg"]] }
    }
    var named = rows.filter(function (row) { return row.cells.reflector })[0]
    return { rows: rows, reflector: named ? named.cells.reflector : "", reflectorAt: named ? [named.line, named.columns.reflector || 1] : [1, 1] }
  }

  function isKnown(name) { return REQUIRED.indexOf(name) >= 0 || OPTIONAL.indexOf(name) >= 0 }

  /** difflib's SequenceMatcher.ratio for two short strings (no junk: both are column names). */
  function ratio(a, b) {
    var positions = {}
    for (var j = 0; j < b.length; j++) (positions[b[j]] = positions[b[j]] || []).push(j)
    function longest(alo, ahi, blo, bhi) {
      var best = [alo, blo, 0], lengths = {}
      for (var i = alo; i < ahi; i++) {
        var next = {}
        ;(positions[a[i]] || []).forEach(function (j) {
          if (j < blo || j >= bhi) return
          var k = next[j] = (lengths[j - 1] || 0) + 1
          if (k > best[2]) best = [i - k + 1, j - k + 1, k]
        })
        lengths = next
      }
      return best
    }
    var matched = 0, queue = [[0, a.length, 0, b.length]]
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3])
      if (!m[2]) continue
      matched += m[2]
      if (q[0] < m[0] && q[2] < m[1]) queue.push([q[0], m[0], q[2], m[1]])
      if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]])
    }
    return a.length + b.length ? 2 * matched / (a.length + b.length) : 1
  }

  /** difflib.get_close_matches(word, candidates, n=1, cutoff=0.75)[0], or null. */
  function closeMatch(word, candidates) {
    var best = null
    candidates.forEach(function (c) {
      var score = ratio(c, word)
      if (score >= 0.75 && (!best || score > best[0] || (score === best[0] && c > best[1]))) best = [score, c]
    })
    return best && best[1]
  }

  /** Column name → index, or null (with one message: the file counts for nothing) when the header is wrong. */
  function headerColumns(cells, line, problems) {
    var columns = {}, order = []
    for (var index = 0; index < cells.length; index++) {
      var name = columnName(cells[index])
      if (name in columns && isKnown(name)) { // a column the analysis ignores may well come twice
        problems.push([line, index + 1, "kolom '" + name + "' staat twee keer in de kop"])
        return null
      }
      if (name && !(name in columns)) { columns[name] = index; order.push(name) }
    }
    var missing = REQUIRED.filter(function (name) { return !(name in columns) }), expected = REQUIRED.join(",")
    if (missing.length > 1) {
      var quoted = missing.map(function (n) { return "'" + n + "'" })
      var names = quoted.slice(0, -1).join(", ") + " en " + quoted[quoted.length - 1]
      problems.push([line, 1, "verplichte kolommen " + names + " ontbreken (verwacht: " + expected + ")"])
    } else if (missing.length) {
      var close = closeMatch(missing[0], order.filter(function (n) { return !isKnown(n) }))
      if (close) problems.push([line, columns[close] + 1, "verplichte kolom '" + missing[0] + "' ontbreekt; bedoelde je '" + missing[0] + "' in plaats van '" + close + "'?"])
      else problems.push([line, 1, "verplichte kolom '" + missing[0] + "' ontbreekt (verwacht: " + expected + ")"])
    }
    return missing.length ? null : columns
  }

  function csvRow(cells, width, columns, name, line) {
    var positions = {}
    Object.keys(columns).forEach(function (n) { positions[n] = columns[n] + 1 })
    var row = { line: line, cells: emptyCells(), columns: positions, where: name + ":" + line, prefix: "", problem: null }
    if (cells.length < width || cells.slice(width).some(function (c) { return c.trim() })) {
      row.problem = [cells.length < width ? cells.length + 1 : width + 1, "rij heeft " + cells.length + " velden, de kop heeft er " + width]
      return row
    }
    CELLS.forEach(function (n) { if (n in columns) row.cells[n] = cells[columns[n]].trim() })
    return row
  }

  /** A JSON value as the text a CSV cell would have (analyse._json_text). */
  function jsonText(value) {
    if (value === null || value === undefined) return ""
    if (typeof value === "string") return value.trim()
    return JSON.stringify(value)
  }

  function parseJson(name, text) {
    var data
    // At 1:1, as the CLI does: Python's parser and the browser's stop at different places.
    try { data = JSON.parse(text) } catch (error) { return { problems: [[1, 1, "ongeldige JSON: het bestand is beschadigd of onvolledig"]] } }
    var wrong = jsonFormatProblem(data)
    if (wrong) return { problems: [[1, 1, wrong]] }
    if (!data.antwoorden.length) return { problems: [[1, 1, "geen gegevens: de lijst 'antwoorden' is leeg"]] }
    var common = {}
    ;["respondent", "reflector", "team", "datum"].forEach(function (n) { common[n] = jsonText(data[n]) })
    var rows = data.antwoorden.map(function (entry, index) {
      var row = { line: 1, cells: emptyCells(), columns: {}, where: name + ", antwoord " + (index + 1), prefix: "antwoord " + (index + 1) + ": ", problem: null }
      if (!entry || typeof entry !== "object" || Array.isArray(entry)) {
        row.problem = [1, "geen geldig antwoord (verwacht een object met 'eindterm')"]
        return row
      }
      Object.keys(common).forEach(function (n) { row.cells[n] = common[n] })
      ;["eindterm", "huidig", "gewenst", "antwoord"].forEach(function (n) { row.cells[n] = jsonText(entry[n]) })
      return row
    })
    if (!rows.some(answersSomething)) return { problems: [[1, 1, "geen antwoorden: in 'antwoorden' zijn huidig, gewenst en antwoord overal leeg"]] }
    return { rows: rows, reflector: common.reflector, reflectorAt: [1, 1] }
  }

  function jsonFormatProblem(data) {
    if (!data || typeof data !== "object" || Array.isArray(data) || !Array.isArray(data.antwoorden)) {
      return "geen export van de reflector: de lijst 'antwoorden' ontbreekt"
    }
    if ("formaat" in data && data.formaat !== JSON_FORMAT) return "onbekend formaat '" + shorten(jsonText(data.formaat)) + "'; verwacht '" + JSON_FORMAT + "'"
    var version = "versie" in data ? data.versie : 1
    if (JSON_VERSIONS.indexOf(version) < 0) return "versie '" + shorten(jsonText(version)) + "' van het exportformaat is onbekend; gelezen worden 1 en 2"
    return null
  }

  function shorten(value) { return value.length <= 40 ? value : value.slice(0, 39) + "…" }

  function score(raw, side) {
    if (!raw) return { value: null }
    if (/^[+-]?[0-9]+$/.test(raw)) {
      var value = parseInt(raw, 10)
      if (value >= 1 && value <= 5) return { value: value }
      return { problem: "waarde '" + shorten(raw) + "' voor " + side + " ligt buiten 1-5" }
    }
    return { problem: "waarde '" + shorten(raw) + "' voor " + side + " is geen heel getal van 1 tot en met 5" }
  }

  /** Why a named reflector cannot be read on this page, or null (analyse.reflector_problem, without the guess). */
  function reflectorProblem(id, reference) {
    var soort = reference.reflectoren[id], scale = Object.keys(reference.reflectoren).filter(function (r) { return reference.reflectoren[r] === "schaal" }).sort()
    if (soort === "schaal") return null
    if (soort) return "reflector '" + id + "' heeft geen eindtermen om te scoren (soort '" + soort + "'); kies uit: " + scale.join(", ")
    return "onbekende reflector '" + shorten(id) + "'; kies uit: " + scale.join(", ")
  }

  /** The eindterm number or closing-question key of a cell, or why the row cannot count (analyse._item). */
  function item(raw, reference) {
    if (!raw) return { problem: "eindterm ontbreekt" }
    if (reference.openKeys[raw]) return { key: raw }
    var number = /^[0-9]{1,6}$/.test(raw) ? parseInt(raw, 10) : null
    var soort = number === null ? undefined : reference.alle[number]
    if (soort === undefined) return { problem: "onbekende eindterm '" + shorten(raw) + "'" }
    if (soort !== "schaal" && soort !== "open") return { problem: "eindterm '" + raw + "' wordt niet gescoord (soort '" + soort + "')" }
    if (!reference.byNumber[number]) return { problem: "eindterm " + number + " hoort niet bij deze reflector" }
    return { key: number }
  }

  /**
   * Every file read in order by the shared rules (README, "Teamreflectie"): a file that cannot be used
   * counts for nothing, another reflector's file is skipped, a row with a problem is skipped, a
   * respondent an earlier file brought is counted once. Returns {answers, open, files}.
   */
  function readAll(files, reference) {
    var brought = {}, reading = { answers: [], open: [], files: [] }
    files.forEach(function (file) {
      var entry = { name: file.name, respondents: [], answers: 0, open: 0, problems: [] }
      reading.files.push(entry)
      var problems = []
      var parsed = parseFile(file.name, file.bytes)
      if (parsed.problems) problems = parsed.problems.map(function (p) { return p.concat(["fout"]) })
      else {
        var wrong = parsed.reflector && reflectorProblem(parsed.reflector, reference)
        if (wrong) problems.push(parsed.reflectorAt.concat([wrong, "fout"]))
        else if (parsed.reflector && parsed.reflector !== reference.reflector) {
          problems.push(parsed.reflectorAt.concat(["dit bestand hoort bij reflector '" + shorten(parsed.reflector) + "', niet bij '" + reference.reflector + "'", "fout"]))
        } else readRows(file.name, parsed.rows, reference, brought, reading, entry, problems)
      }
      // Within a file by position, stable (a JSON file has every message at 1:1, in the order found).
      entry.problems = problems.map(function (p, index) { return { line: p[0], column: p[1], message: p[2], severity: p[3], index: index } })
        .sort(function (a, b) { return a.line - b.line || a.column - b.column || a.index - b.index })
    })
    return reading
  }

  function readRows(name, rows, reference, brought, reading, entry, problems) {
    var seen = {}, unnamed = "zonder code (" + name + ")", warned = false, skipped = {}, counted = {}
    rows.forEach(function (row) {
      if (row.problem) { problems.push([row.line, row.problem[0], row.prefix + row.problem[1], "fout"]); return }
      var respondent = row.cells.respondent || unnamed
      if (!row.cells.respondent && !warned) {
        problems.push([row.line, row.columns.respondent || 1, "respondent ontbreekt; geteld als '" + unnamed + "'", "waarschuwing"])
        warned = true
      }
      if (respondent in brought) {
        if (!skipped[respondent]) {
          problems.push([row.line, row.columns.respondent || 1, "respondent '" + shorten(respondent) + "' staat ook in " + brought[respondent] + "; één keer geteld", "fout"])
          skipped[respondent] = true
        }
        return
      }
      if (readRow(row, respondent, reference, seen, problems, reading, entry)) counted[respondent] = true
    })
    Object.keys(counted).forEach(function (r) { if (!(r in brought)) { brought[r] = name; entry.respondents.push(r) } })
  }

  function readRow(row, respondent, reference, seen, problems, reading, entry) {
    function report(column, message) { problems.push([row.line, row.columns[column] || 1, row.prefix + message, "fout"]) }
    var cells = row.cells, found = item(cells.eindterm, reference), key = found.key === undefined ? null : found.key
    if (found.problem) report("eindterm", found.problem)
    var isOpen = typeof key === "string" || (key !== null && reference.byNumber[key].soort === "open")
    var ok = key !== null, values = {}
    if (isOpen && (cells.huidig || cells.gewenst)) { report("eindterm", "eindterm '" + cells.eindterm + "' wordt niet gescoord (soort 'open')"); ok = false }
    if (!isOpen) {
      ["huidig", "gewenst"].forEach(function (side) {
        var result = score(cells[side], side)
        if (result.problem) { report(side, result.problem); ok = false }
        values[side] = result.value === undefined ? null : result.value
      })
    }
    if (key !== null) {
      var pair = JSON.stringify([respondent, key])
      if (!(pair in seen)) seen[pair] = row.where
      else if (seen[pair] !== row.where) {
        report("respondent", "dubbele rij voor respondent '" + shorten(respondent) + "' en eindterm " + key + " (ook op " + seen[pair] + ")")
        ok = false
      }
    }
    if (!ok) return false
    if (isOpen) {
      if (!cells.antwoord) return false
      reading.open.push({ respondent: respondent, vraag: key, antwoord: cells.antwoord, team: cells.team, datum: cells.datum })
      entry.open++
      return true
    }
    if (values.huidig === null && values.gewenst === null) return false
    reading.answers.push({ respondent: respondent, eindterm: key, huidig: values.huidig, gewenst: values.gewenst, team: cells.team, datum: cells.datum })
    entry.answers++
    return true
  }

  // --- figures ---------------------------------------------------------------------------------

  function Tally() {
    return { huidig: [0, 0, 0, 0, 0], gewenst: [0, 0, 0, 0, 0], answers: 0, pairs: 0, difference: 0, respondents: {} }
  }
  function add(tally, a) {
    tally.answers++
    tally.respondents[a.respondent] = true
    if (a.huidig !== null) tally.huidig[a.huidig - 1]++
    if (a.gewenst !== null) tally.gewenst[a.gewenst - 1]++
    if (a.huidig !== null && a.gewenst !== null) { tally.pairs++; tally.difference += a.gewenst - a.huidig }
  }

  /** The 2015 counts of one side with a missing category filled with the remainder (analyse._expand). */
  function expanded(side) {
    var known = sum(side.counts), missing = side.counts.indexOf(null)
    return side.counts.map(function (c, i) { return i === missing ? side.n - known : c })
  }

  /** The 2015 figures pooled over eindtermen per side (null when one has no baseline). */
  function baseline(numbers, reference) {
    var result = { huidig: null, gewenst: null, means: {} }
    ;["huidig", "gewenst"].forEach(function (side) {
      var list = numbers[side]
      if (!list.length) return
      var counts = [0, 0, 0, 0, 0], full = [0, 0, 0, 0, 0], n = 0
      for (var i = 0; i < list.length; i++) {
        var basis = reference.byNumber[list[i]].basis
        if (!basis) return
        var s = basis[side]
        n += s.n
        counts = counts.map(function (c, k) { return c === null || s.counts[k] === null ? null : c + s.counts[k] })
        var e = expanded(s)
        full = full.map(function (c, k) { return c + e[k] })
      }
      result[side] = distribution(counts, n)
      result.means[side] = { total: full.reduce(function (t, c, k) { return t + c * (k + 1) }, 0), n: n }
    })
    var h = result.means.huidig, g = result.means.gewenst
    result.leerruimte = h && g && h.n && g.n ? roundTenths(g.total * h.n - h.total * g.n, g.n * h.n) : null
    return result
  }

  function signals(l, h) {
    var found = []
    if (l !== null && l > LOW_LIMIT) found.push(SIGNAL_LOW)
    if (h !== null && h < HIGH_LIMIT) found.push(SIGNAL_HIGH)
    return found
  }
  function difference(team, base) { return team === null || base === null ? null : team - base }

  function figures(tally, base) {
    var nH = sum(tally.huidig), nG = sum(tally.gewenst)
    var huidig = distribution(tally.huidig, nH), gewenst = distribution(tally.gewenst, nG)
    var l = low(huidig), h = high(gewenst)
    var baseLow = base.huidig ? low(base.huidig) : null, baseHigh = base.gewenst ? high(base.gewenst) : null
    var leerruimte = tally.pairs ? roundTenths(tally.difference, tally.pairs) : null
    return {
      n: tally.answers, n_huidig: nH, n_gewenst: nG, huidig: huidig, gewenst: gewenst,
      driepunt: { huidig: threePoint(huidig), gewenst: threePoint(gewenst) },
      laag_huidig: l, hoog_gewenst: h, signalen: signals(l, h), leerruimte: leerruimte, n_leerruimte: tally.pairs,
      respondenten: Object.keys(tally.respondents).length,
      basis: {
        huidig: base.huidig, gewenst: base.gewenst,
        driepunt: { huidig: base.huidig ? threePoint(base.huidig) : null, gewenst: base.gewenst ? threePoint(base.gewenst) : null },
        laag_huidig: baseLow, hoog_gewenst: baseHigh, leerruimte: base.leerruimte
      },
      verschil: { laag_huidig: difference(l, baseLow), hoog_gewenst: difference(h, baseHigh), leerruimte: difference(leerruimte, base.leerruimte) }
    }
  }

  function answeredSides(numbers, perItem) {
    return {
      huidig: numbers.filter(function (n) { return sum(perItem[n].huidig) > 0 }),
      gewenst: numbers.filter(function (n) { return sum(perItem[n].gewenst) > 0 })
    }
  }

  function pool(numbers, perItem, reference) {
    var tally = Tally()
    numbers.forEach(function (n) {
      var item = perItem[n]
      for (var k = 0; k < 5; k++) { tally.huidig[k] += item.huidig[k]; tally.gewenst[k] += item.gewenst[k] }
      tally.answers += item.answers; tally.pairs += item.pairs; tally.difference += item.difference
      Object.keys(item.respondents).forEach(function (r) { tally.respondents[r] = true })
    })
    var result = figures(tally, baseline(answeredSides(numbers, perItem), reference))
    result.eindtermen = numbers
    return result
  }

  function groups(perItem, reference) {
    var numbers = Object.keys(perItem).map(Number).sort(function (a, b) { return a - b })
    var dimensionOrder = [], conceptOrder = []
    reference.concepten.forEach(function (c) {
      conceptOrder.push([c.id, c.titel])
      c.dimensies.forEach(function (d) { dimensionOrder.push([c.id, d.id, d.titel]) })
      dimensionOrder.push([c.id, null, NO_DIMENSION])
    })
    conceptOrder.push([null, NO_CONCEPT])
    dimensionOrder.push([null, null, NO_DIMENSION])
    var byDimension = {}, byConcept = {}
    numbers.forEach(function (n) {
      var e = reference.byNumber[n], d = JSON.stringify([e.concept, e.dimensie]), c = JSON.stringify(e.concept)
      ;(byDimension[d] = byDimension[d] || []).push(n)
      ;(byConcept[c] = byConcept[c] || []).push(n)
    })
    var dimensions = [], concepts = []
    dimensionOrder.forEach(function (o) {
      var list = byDimension[JSON.stringify([o[0], o[1]])]
      if (list) { var g = pool(list, perItem, reference); g.concept = o[0]; g.dimensie = o[1]; g.titel = o[2]; dimensions.push(g) }
    })
    conceptOrder.forEach(function (o) {
      var list = byConcept[JSON.stringify(o[0])]
      if (list) { var g = pool(list, perItem, reference); g.concept = o[0]; g.titel = o[1]; concepts.push(g) }
    })
    return { dimensies: dimensions, concepten: concepts }
  }

  var DATE_FORMATS = [
    [/^(\d{4})-(\d{1,2})-(\d{1,2})$/, 1, 2, 3], [/^(\d{1,2})-(\d{1,2})-(\d{4})$/, 3, 2, 1],
    [/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, 3, 2, 1], [/^(\d{1,2})-(\d{1,2})-(\d{2})$/, 3, 2, 1]
  ]
  /** A datum cell as yyyy-mm-dd, or null (analyse._parse_date). */
  function parseDate(text) {
    var day = text.trim().replace("T", " ").split(" ")[0]
    for (var i = 0; i < DATE_FORMATS.length; i++) {
      var f = DATE_FORMATS[i], m = f[0].exec(day)
      if (!m) continue
      var y = Number(m[f[1]]), mo = Number(m[f[2]]), d = Number(m[f[3]])
      if (m[f[1]].length === 2) y += y < 69 ? 2000 : 1900 // strptime's %y
      var date = new Date(Date.UTC(y, mo - 1, d))
      if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) {
        return String(y).padStart(4, "0") + "-" + String(mo).padStart(2, "0") + "-" + String(d).padStart(2, "0")
      }
    }
    return null
  }
  function period(answers) {
    var dates = []
    var texts = {}
    answers.forEach(function (a) { if (a.datum) texts[a.datum] = true })
    var list = Object.keys(texts)
    for (var i = 0; i < list.length; i++) {
      var parsed = parseDate(list[i])
      if (parsed === null) return null
      dates.push(parsed)
    }
    if (!dates.length) return null
    dates.sort()
    return { van: dates[0], tot: dates[dates.length - 1] }
  }

  /** The whole team picture (analyse.analyse, with the open answers and the list to discuss first). */
  function analyse(read, reference) {
    var perItem = {}
    read.answers.forEach(function (a) { add(perItem[a.eindterm] = perItem[a.eindterm] || Tally(), a) })
    var eindtermen = Object.keys(perItem).map(Number).sort(function (a, b) { return a - b }).map(function (n) {
      var result = figures(perItem[n], baseline({ huidig: [n], gewenst: [n] }, reference))
      result.eindterm = n
      return result
    })
    var grouped = groups(perItem, reference)
    var respondents = {}
    read.answers.concat(read.open).forEach(function (a) { respondents[a.respondent] = true })
    var teams = {}, both = read.answers.concat(read.open)
    both.forEach(function (a) { if (a.team) teams[a.team] = true })
    var first = eindtermen.filter(function (e) { return e.leerruimte !== null }).sort(function (a, b) {
      return b.leerruimte - a.leerruimte || (b.laag_huidig || 0) - (a.laag_huidig || 0) || a.eindterm - b.eindterm
    }).slice(0, FIRST).map(function (e) { return e.eindterm })
    var openQuestions = reference.eindtermen.filter(function (e) { return e.soort === "open" }).map(function (e) { return { vraag: e.nummer, tekst: e.tekst } })
      .concat(reference.slotvragen.map(function (q) { return { vraag: q.key, tekst: q.tekst } }))
    openQuestions.forEach(function (q) {
      q.antwoorden = read.open.filter(function (a) { return a.vraag === q.vraag }).map(function (a) { return a.antwoord })
    })
    return {
      eindtermen: eindtermen, dimensies: grouped.dimensies, concepten: grouped.concepten,
      respondenten: Object.keys(respondents).length, antwoorden: read.answers.length,
      teams: Object.keys(teams).sort(), periode: period(both), bespreek_eerst: first,
      open_antwoorden: openQuestions.filter(function (q) { return q.antwoorden.length })
    }
  }

  function prepare(reference) {
    reference.byNumber = {}
    reference.eindtermen.forEach(function (e) { reference.byNumber[e.nummer] = e })
    reference.openKeys = {}
    reference.slotvragen.forEach(function (q) { reference.openKeys[q.key] = q })
    return reference
  }

  // --- showing ---------------------------------------------------------------------------------

  var SVG = "http://www.w3.org/2000/svg"
  function el(name, attributes, children) {
    var node = document.createElement(name)
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") node.textContent = attributes[key]
      else node.setAttribute(key, attributes[key])
    })
    ;(children || []).forEach(function (child) { if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child) })
    return node
  }
  function svgEl(name, attributes) {
    var node = document.createElementNS(SVG, name)
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]) })
    return node
  }

  var PARTS = [["laag", "laag (1–2)"], ["midden", "voldoende (3)"], ["hoog", "hoog (4–5)"]]

  /** Stacked bars (laag / voldoende / hoog) for team and 2015, huidig and gewenst; prints in black and white. */
  function chart(result, label) {
    var rows = [["Team huidig", result.driepunt.huidig], ["Team gewenst", result.driepunt.gewenst]]
    if (result.basis.driepunt.huidig) rows.push(["2015 huidig", result.basis.driepunt.huidig])
    if (result.basis.driepunt.gewenst) rows.push(["2015 gewenst", result.basis.driepunt.gewenst])
    var height = rows.length * 22 + 4, words = []
    var svg = svgEl("svg", { viewBox: "0 0 320 " + height, class: "kb-team-chart", role: "img", preserveAspectRatio: "xMinYMin meet" })
    rows.forEach(function (row, index) {
      var y = 2 + index * 22, x = 92, values = row[1]
      var text = svgEl("text", { x: 0, y: y + 13, class: "kb-team-chart-label" })
      text.textContent = row[0]
      svg.appendChild(text)
      var parts = []
      values.forEach(function (t, k) {
        var width = t === null ? 0 : Math.max(0, Math.min(1000, t)) * 0.224
        if (width > 0) svg.appendChild(svgEl("rect", { x: x.toFixed(2), y: y, width: width.toFixed(2), height: 16, class: "kb-seg kb-seg-" + PARTS[k][0] }))
        x += width
        parts.push(PARTS[k][1] + " " + pct(t))
      })
      svg.appendChild(svgEl("rect", { x: 92, y: y, width: 224, height: 16, class: "kb-seg-frame" }))
      words.push(row[0] + ": " + parts.join(", "))
    })
    svg.setAttribute("aria-label", (label ? label + ". " : "") + words.join("; "))
    return svg
  }

  function legend() {
    return el("p", { class: "kb-team-legend", "aria-hidden": "true" }, PARTS.map(function (p) {
      var box = svgEl("svg", { viewBox: "0 0 14 14", class: "kb-team-legend-box" })
      box.appendChild(svgEl("rect", { x: 0.5, y: 0.5, width: 13, height: 13, class: "kb-seg kb-seg-" + p[0] }))
      return el("span", {}, [box, " " + p[1]])
    }))
  }

  function signalText(signal) {
    return signal === SIGNAL_LOW ? "laag gewaardeerd: meer dan 30% waardeert de huidige situatie laag (1–2)"
      : "weinig leerruimte: minder dan 70% waardeert de gewenste situatie hoog (4–5)"
  }

  /** Key figures of one eindterm or group, team beside 2015, as a small table. */
  function figureTable(result, caption) {
    function row(label, team, base, diff) {
      return el("tr", {}, [el("th", { scope: "row", text: label }), el("td", { text: team }), el("td", { text: base }), el("td", { text: diff })])
    }
    return el("table", { class: "kb-team-figures" }, [
      el("caption", { text: caption }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: "" }), el("th", { scope: "col", text: "Team" }), el("th", { scope: "col", text: "Nijmegen 2015" }), el("th", { scope: "col", text: "Verschil" })])]),
      el("tbody", {}, [
        row("Laag huidig (1–2)", pct(result.laag_huidig), pct(result.basis.laag_huidig), nl(result.verschil.laag_huidig, true)),
        row("Hoog gewenst (4–5)", pct(result.hoog_gewenst), pct(result.basis.hoog_gewenst), nl(result.verschil.hoog_gewenst, true)),
        row("Leerruimte (gemiddeld, schaalpunten)", nl(result.leerruimte, true), nl(result.basis.leerruimte, true), nl(result.verschil.leerruimte, true)),
        row("Aantal (huidig / gewenst)", result.n_huidig + " / " + result.n_gewenst, "", "")
      ])
    ])
  }

  /** The five-point distribution, team and 2015, as numbers. */
  function distributionTable(result, reference, caption) {
    var head = [el("th", { scope: "col", text: "Situatie" })].concat(reference.schaal.map(function (p) {
      return el("th", { scope: "col", title: p[1] }, [String(p[0]), el("span", { class: "kb-sr", text: " = " + p[1] })])
    })).concat([el("th", { scope: "col", text: "n" })])
    var rows = [["Team huidig", result.huidig, result.n_huidig], ["Team gewenst", result.gewenst, result.n_gewenst]]
    if (result.basis.huidig) rows.push(["2015 huidig", result.basis.huidig, ""])
    if (result.basis.gewenst) rows.push(["2015 gewenst", result.basis.gewenst, ""])
    return el("table", { class: "kb-team-distribution" }, [
      el("caption", { text: caption }),
      el("thead", {}, [el("tr", {}, head)]),
      el("tbody", {}, rows.map(function (r) {
        return el("tr", {}, [el("th", { scope: "row", text: r[0] })].concat(r[1].map(function (t) { return el("td", { text: nl(t) }) })).concat([el("td", { text: String(r[2]) })]))
      }))
    ])
  }

  function signalList(result) {
    if (!result.signalen.length) return el("p", { class: "kb-team-signals", text: "Signalen: geen." })
    return el("p", { class: "kb-team-signals" }, ["Signalen: "].concat(result.signalen.map(function (s) {
      return el("span", { class: "kb-team-signal", text: signalText(s) })
    })))
  }

  /** One eindterm's card; `idPrefix` keeps ids unique, as "Bespreek eerst" repeats cards of "Alle eindtermen". */
  function itemCard(result, reference, headingLevel, idPrefix) {
    var term = reference.byNumber[result.eindterm], title = result.eindterm + ". " + term.tekst
    return el("section", { class: "kb-team-card", id: idPrefix + result.eindterm, "data-eindterm": result.eindterm }, [
      el("h" + headingLevel, { class: "kb-team-card-title", text: title }),
      el("div", { class: "kb-team-card-body" }, [
        chart(result, "Eindterm " + result.eindterm),
        el("div", {}, [figureTable(result, "Eindterm " + result.eindterm + ": team en Nijmegen 2015"), signalList(result)])
      ]),
      el("div", { class: "kb-team-scroll" }, [distributionTable(result, reference, "Verdeling in procenten per schaalpunt")])
    ])
  }

  /** 8, 9, 10, 12 → "8–10, 12" (render.number_ranges). */
  function ranges(numbers) {
    var spans = []
    numbers.slice().sort(function (a, b) { return a - b }).forEach(function (n) {
      var last = spans[spans.length - 1]
      if (last && n === last[1] + 1) last[1] = n
      else spans.push([n, n])
    })
    return spans.map(function (s) { return s[0] === s[1] ? String(s[0]) : s[0] + "–" + s[1] }).join(", ")
  }

  /** Team beside 2015 in one cell, so a phone needs three number columns, not six. */
  function pairCell(team, base) {
    return el("td", {}, [el("span", { class: "kb-team-value", text: team }), el("br"), el("span", { class: "kb-team-base", text: "2015: " + base })])
  }

  function groupTable(list, caption, kind) {
    return el("div", { class: "kb-team-scroll" }, [el("table", { class: "kb-team-groups", "data-kind": kind }, [
      el("caption", { text: caption }),
      el("thead", {}, [el("tr", {}, ["Groep", "Laag huidig", "Hoog gewenst", "Leerruimte"].map(function (h) { return el("th", { scope: "col", text: h }) }))]),
      el("tbody", {}, list.map(function (g) {
        return el("tr", {}, [
          el("th", { scope: "row" }, [el("span", { class: "kb-team-group-title", text: g.titel }), el("br"), el("small", { class: "kb-team-group-items", text: "eindtermen " + ranges(g.eindtermen) })]),
          pairCell(pct(g.laag_huidig), pct(g.basis.laag_huidig)),
          pairCell(pct(g.hoog_gewenst), pct(g.basis.hoog_gewenst)),
          pairCell(nl(g.leerruimte, true), nl(g.basis.leerruimte, true))
        ])
      }))
    ])])
  }

  function groupCharts(list) {
    return el("div", { class: "kb-team-group-charts" }, list.map(function (g) {
      return el("figure", { class: "kb-team-group" }, [el("figcaption", { text: g.titel }), chart(g, g.titel)])
    }))
  }

  function dateNl(iso) { var p = iso.split("-"); return p[2] + "-" + p[1] + "-" + p[0] }
  function periodText(p) {
    if (!p) return ""
    return p.van === p.tot ? dateNl(p.van) : dateNl(p.van) + " t/m " + dateNl(p.tot)
  }

  // --- the page --------------------------------------------------------------------------------

  function init(root) {
    var reference = prepare(JSON.parse(root.querySelector(".kb-team-data").textContent))
    var storageKey = "kennisbank:team:" + reference.reflector
    var files = [], undo = null, shownTeams = []
    var input = root.querySelector("input[type=file]"), drop = root.querySelector(".kb-team-drop")
    var keep = root.querySelector("input[name=bewaren]"), teamName = root.querySelector("input[name=teamnaam]")
    var status = root.querySelector(".kb-team-status"), list = root.querySelector(".kb-team-files")
    var result = document.querySelector(".kb-team-result")

    function store() {
      try {
        if (keep.checked) localStorage.setItem(storageKey, JSON.stringify({ teamnaam: teamName.value, bestanden: files.map(function (f) { return { name: f.name, text: f.text } }) }))
        else localStorage.removeItem(storageKey)
      } catch (error) { status.textContent = "Bewaren lukt niet in deze browser (privévenster?); de gegevens staan alleen op deze pagina." }
    }

    function addFiles(fileList) {
      var picked = Array.prototype.slice.call(fileList)
      if (!picked.length) return
      Promise.all(picked.map(function (file) {
        if (file.size > MAX_BYTES) return Promise.resolve({ name: file.name, bytes: new Uint8Array(MAX_BYTES + 1) })
        return file.arrayBuffer().then(function (buffer) { return { name: file.name, bytes: new Uint8Array(buffer) } })
      })).then(function (loaded) {
        loaded.forEach(function (f) { f.text = null; files.push(f) })
        store()
        show()
        status.textContent = loaded.length + (loaded.length === 1 ? " bestand" : " bestanden") + " toegevoegd."
      }).catch(function (error) { status.textContent = "Een bestand is niet te lezen: " + error.message })
    }

    function serialisable() {
      files.forEach(function (f) { if (f.text === null) f.text = Array.prototype.map.call(f.bytes, function (b) { return String.fromCharCode(b) }).join("") })
    }

    function fileReport(read) {
      list.textContent = ""
      if (!read.files.length) return
      list.appendChild(el("h2", { id: "bestanden", text: "Ingelezen bestanden (" + read.files.length + ")" }))
      list.appendChild(el("ul", { class: "kb-team-file-list" }, read.files.map(function (f, index) {
        var summary = f.respondents.length
          ? f.respondents.length + (f.respondents.length === 1 ? " respondent" : " respondenten") + " (" + f.respondents.join(", ") + "), " + f.answers + " scores" + (f.open ? ", " + f.open + " open antwoorden" : "")
          : "niet meegeteld"
        var problems = f.problems.map(function (p) {
          return el("li", { class: "kb-team-problem kb-team-problem--" + p.severity }, [
            el("strong", { text: p.severity === "fout" ? "Fout" : "Let op" }), " " + f.name + ":" + p.line + ":" + p.column + ": " + p.message
          ])
        })
        return el("li", { "data-file": index }, [el("span", { class: "kb-team-file-name", text: f.name }), " — " + summary,
          problems.length ? el("ul", {}, problems) : null])
      })))
    }

    function show() {
      serialisable()
      var read = readAll(files.map(function (f) { return { name: f.name, bytes: f.bytes } }), reference)
      fileReport(read)
      if (!read.answers.length && !read.open.length) { result.hidden = true; return }
      render(analyse(read, reference), read)
      result.hidden = false
      root.dispatchEvent(new CustomEvent("kb-team-shown", { bubbles: true })) // for benchmarks and tests
    }

    /** The team's name in the summary and the printed title: typed, or the teams the files name. */
    function showName() {
      var name = teamName.value.trim() || shownTeams.join(", ")
      result.querySelector("[data-fact=team]").textContent = name || "–"
      result.querySelector(".kb-team-print-title").textContent = "Teamreflectie " + reference.titel + (name ? " — " + name : "")
    }

    function render(team, read) {
      var summary = result.querySelector(".kb-team-summary")
      summary.textContent = ""
      shownTeams = team.teams
      var facts = [["Team", ""], ["Ingevuld", periodText(team.periode) || "–"], ["Respondenten", String(team.respondenten)],
        ["Bestanden", String(read.files.filter(function (f) { return f.respondents.length }).length) + " van " + read.files.length], ["Scores", String(team.antwoorden)]]
      summary.appendChild(el("dl", { class: "kb-team-facts" }, [].concat.apply([], facts.map(function (f) { return [el("dt", { text: f[0] }), el("dd", { text: f[1], "data-fact": f[0].toLowerCase() })] }))))
      showName()
      var byNumber = {}
      team.eindtermen.forEach(function (e) { byNumber[e.eindterm] = e })
      fill(".kb-team-first", [legend()].concat(team.bespreek_eerst.map(function (n) { return itemCard(byNumber[n], reference, 4, "team-eerst-") })))
      fill(".kb-team-concepts", [groupCharts(team.concepten), groupTable(team.concepten, "Per concept: team en Nijmegen 2015", "concept")])
      fill(".kb-team-dimensions", [groupCharts(team.dimensies), groupTable(team.dimensies, "Per dimensie: team en Nijmegen 2015", "dimensie")])
      var sections = []
      team.dimensies.forEach(function (g) {
        var concept = reference.concepten.filter(function (c) { return c.id === g.concept })[0]
        sections.push(el("h4", { text: (concept ? concept.titel + ": " : "") + g.titel }))
        g.eindtermen.forEach(function (n) { sections.push(itemCard(byNumber[n], reference, 5, "team-eindterm-")) })
      })
      fill(".kb-team-items", sections)
      fill(".kb-team-open", team.open_antwoorden.length ? team.open_antwoorden.map(function (q) {
        return el("section", { class: "kb-team-open-question" }, [el("h4", { text: (typeof q.vraag === "number" ? q.vraag + ". " : "") + q.tekst }),
          el("ul", {}, q.antwoorden.map(function (a) { return el("li", { text: a }) }))])
      }) : [el("p", { text: "Geen open antwoorden in deze bestanden." })])
    }

    function fill(selector, children) {
      var box = result.querySelector(selector)
      box.textContent = ""
      children.forEach(function (c) { box.appendChild(c) })
    }

    function clear() {
      undo = { files: files.slice(), teamnaam: teamName.value, keep: keep.checked }
      files = []
      teamName.value = ""
      try { localStorage.removeItem(storageKey) } catch (error) { /* nothing stored */ }
      show()
      status.textContent = ""
      status.appendChild(document.createTextNode("Alle teamgegevens zijn van deze pagina gewist. "))
      status.appendChild(el("button", { type: "button", class: "md-button kb-team-undo", "data-action": "undo", text: "Ongedaan maken" }))
    }

    root.addEventListener("change", function (event) {
      if (event.target === input) { addFiles(input.files); input.value = "" }
      else if (event.target === keep) { store(); status.textContent = keep.checked ? "De bestanden worden in deze browser bewaard, tot je op Wissen klikt." : "Niets meer bewaard in deze browser." }
    })
    var printAll = result.querySelector("input[name=alles-afdrukken]")
    printAll.addEventListener("change", function () { result.classList.toggle("kb-team-result--print-all", printAll.checked) })
    // Only the name changes: no need to read and count every file again for each key typed.
    teamName.addEventListener("input", function () { store(); if (!result.hidden) showName() })
    document.addEventListener("click", function (event) {
      var action = event.target.dataset && event.target.dataset.action
      if (action === "wissen") clear()
      else if (action === "undo" && undo) {
        files = undo.files; teamName.value = undo.teamnaam; keep.checked = undo.keep; undo = null
        store(); show(); status.textContent = "Teruggezet: " + files.length + " bestanden."
      } else if (action === "afdrukken") window.print()
    })
    ;["dragenter", "dragover"].forEach(function (type) {
      drop.addEventListener(type, function (event) { event.preventDefault(); drop.classList.add("kb-team-drop--over") })
    })
    ;["dragleave", "drop"].forEach(function (type) {
      drop.addEventListener(type, function () { drop.classList.remove("kb-team-drop--over") })
    })
    drop.addEventListener("drop", function (event) {
      event.preventDefault()
      if (event.dataTransfer && event.dataTransfer.files) addFiles(event.dataTransfer.files)
    })

    var stored = null
    try { stored = JSON.parse(localStorage.getItem(storageKey) || "null") } catch (error) { stored = null }
    if (stored && stored.bestanden) {
      keep.checked = true
      teamName.value = stored.teamnaam || ""
      files = stored.bestanden.map(function (f) {
        var bytes = new Uint8Array(f.text.length)
        for (var i = 0; i < f.text.length; i++) bytes[i] = f.text.charCodeAt(i)
        return { name: f.name, bytes: bytes, text: f.text }
      })
      show()
      status.textContent = "Bewaarde teamgegevens geladen (" + files.length + " bestanden)."
    }
    root.classList.add("kb-team--ready")
  }

  window.kennisbankTeam = { parseCsv: parseCsv, readAll: readAll, analyse: analyse, prepare: prepare, nl: nl, roundTenths: roundTenths, parseDate: parseDate }
  document.querySelectorAll(".kb-team").forEach(init)
})()
