/*
 * The team page of a reflector (/reflectoren/<id>/team/). The leercoach drops the colleagues' exports
 * here; this script reads them and shows the team's picture beside Nijmegen 2015. Everything happens in
 * this browser: no file and no figure is sent anywhere, and nothing is stored unless the leercoach
 * ticks "Bewaar in deze browser".
 *
 * The reading rules and figures are those of `kennisbank analyse` (generator/analyse.py; README,
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
      return cells.filter(function (c) { var n = columnName(c); return REQUIRED.indexOf(n) >= 0 || ["team", "datum"].indexOf(n) >= 0 || OPTIONAL.indexOf(n) >= 0 }).length
    }
    return score(";") > score(",") ? ";" : ","
  }

  /** The text of a file's bytes, or a problem (not UTF-8, NUL, empty). */
  function decode(bytes) {
    if (bytes.length > MAX_BYTES) return { problem: [1, 1, "bestand is groter dan 20 MB; is dit wel een export van de reflector?"] }
    var start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0
    var text
    try { text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start)) } catch (error) {
      var loose = new TextDecoder("utf-8").decode(bytes.subarray(start)), at = loose.indexOf("\uFFFD")
      var before = loose.slice(0, at), line = before.split("\n").length
      return { problem: [line, at - before.lastIndexOf("\n"), "bestand is geen UTF-8; sla het op als 'CSV UTF-8 (door komma's gescheiden)'"] }
    }
    var nul = text.indexOf("\u0000")
    if (nul >= 0) {
      var head = text.slice(0, nul)
      return { problem: [head.split("\n").length, nul - head.lastIndexOf("\n"), "bestand bevat NUL-tekens; is dit wel een CSV-bestand?"] }
    }
    if (!text.trim()) return { problem: [1, 1, "leeg bestand: de kop ontbreekt (verwacht: " + REQUIRED.join(",") + ")"] }
    return { text: text }
  }

  /**
   * One export as plain records: {line, column(name→column number), respondent, eindterm, huidig,
   * gewenst, antwoord, team, datum, reflector}, or problems that make the file unusable.
   */
  function records(text) {
    if (/^\s*\{/.test(text)) return jsonRecords(text)
    var rows = parseCsv(text, separatorOf(text)), header = null, result = [], columns = {}, problems = []
    for (var r = 0; r < rows.length; r++) {
      var row = rows[r]
      if (!row.cells.some(function (c) { return c.trim() })) continue
      if (header === null) {
        header = row
        row.cells.forEach(function (cell, index) {
          var name = columnName(cell)
          if (!name) return
          if (name in columns) problems.push([row.line, index + 1, "kolom '" + name + "' staat twee keer in de kop"])
          else columns[name] = index
        })
        REQUIRED.forEach(function (name) {
          if (!(name in columns)) problems.push([row.line, 1, "verplichte kolom '" + name + "' ontbreekt (verwacht: " + REQUIRED.join(",") + ")"])
        })
        if (problems.length) return { problems: problems }
        continue
      }
      var width = header.cells.length, record = { line: row.line, columns: {}, width: row.cells.length, headerWidth: width }
      if (row.cells.length < width || row.cells.slice(width).some(function (c) { return c.trim() })) record.fieldCount = true
      Object.keys(columns).forEach(function (name) {
        record.columns[name] = columns[name] + 1
        record[name] = (row.cells[columns[name]] || "").trim()
      })
      result.push(record)
    }
    if (header === null) return { problems: [[1, 1, "leeg bestand: de kop ontbreekt (verwacht: " + REQUIRED.join(",") + ")"]] }
    if (!result.length) return { problems: [[header.line, 1, "geen gegevens: het bestand heeft alleen een kop"]] }
    return { records: result, headerLine: header.line }
  }

  function jsonRecords(text) {
    var data
    try { data = JSON.parse(text) } catch (error) { return { problems: [[1, 1, "geen geldige JSON: " + error.message]] } }
    if (!data || typeof data !== "object" || !Array.isArray(data.antwoorden)) {
      return { problems: [[1, 1, "geen export van de reflector: de lijst 'antwoorden' ontbreekt"]] }
    }
    function text_(value) { return value === null || value === undefined ? "" : String(value).trim() }
    var result = data.antwoorden.map(function (a, index) {
      a = a || {}
      return {
        line: index + 1, columns: {}, respondent: text_(data.respondent), reflector: text_(data.reflector),
        team: text_(data.team), datum: text_(data.datum), eindterm: text_(a.eindterm), huidig: text_(a.huidig),
        gewenst: text_(a.gewenst), antwoord: text_(a.antwoord)
      }
    })
    if (!result.length) return { problems: [[1, 1, "geen gegevens: de lijst 'antwoorden' is leeg"]] }
    return { records: result, headerLine: 1, json: true }
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

  /**
   * Every file read in order, by the shared rules: a file that cannot be used counts for nothing,
   * another reflector's file is skipped, a row with a problem is skipped, a respondent an earlier
   * file brought is counted once. Returns {answers, open, files:[{name, respondents, answers, problems}]}.
   */
  function readAll(files, reference) {
    var byNumber = {}
    reference.eindtermen.forEach(function (e) { byNumber[e.nummer] = e })
    var openKeys = {}
    reference.slotvragen.forEach(function (q) { openKeys[q.key] = q })
    var owner = {}, answers = [], open = [], report = []
    files.forEach(function (file) {
      var entry = { name: file.name, respondents: [], answers: 0, open: 0, problems: [] }
      report.push(entry)
      function problem(line, column, message, severity) {
        entry.problems.push({ line: line, column: column, message: message, severity: severity || "fout" })
      }
      var decoded = decode(file.bytes)
      if (decoded.problem) { problem.apply(null, decoded.problem); return }
      var read = records(decoded.text)
      if (read.problems) { read.problems.forEach(function (p) { problem.apply(null, p) }); return }
      var named = read.records.map(function (r) { return r.reflector || "" }).filter(Boolean)[0]
      if (named && named !== reference.reflector) {
        problem(read.headerLine, 1, "dit bestand hoort bij reflector '" + shorten(named) + "', niet bij '" + reference.reflector + "'")
        return
      }
      var seen = {}, fileAnswers = [], fileOpen = [], anonymous = "zonder code (" + file.name + ")", warned = false
      read.records.forEach(function (r) {
        var col = function (name) { return r.columns[name] || 1 }
        if (r.fieldCount) {
          var column = r.width < r.headerWidth ? r.width + 1 : r.headerWidth + 1
          problem(r.line, column, "rij heeft " + r.width + " velden, de kop heeft er " + r.headerWidth)
          return
        }
        var respondent = r.respondent
        if (!respondent) {
          respondent = anonymous
          if (!warned) problem(r.line, col("respondent"), "respondent ontbreekt; geteld als '" + anonymous + "'", "waarschuwing")
          warned = true
        }
        var raw = r.eindterm, term = null, key = null
        if (!raw) { problem(r.line, col("eindterm"), "eindterm ontbreekt"); return }
        if (openKeys[raw]) key = raw
        else if (/^[0-9]{1,6}$/.test(raw)) {
          term = byNumber[parseInt(raw, 10)] || null
          if (!term) {
            var known = reference.alle[parseInt(raw, 10)]
            if (known === "schaal" || known === "open") problem(r.line, col("eindterm"), "eindterm " + parseInt(raw, 10) + " hoort niet bij deze reflector")
            else if (known) problem(r.line, col("eindterm"), "eindterm '" + raw + "' wordt niet gescoord (soort '" + known + "')")
            else problem(r.line, col("eindterm"), "onbekende eindterm '" + shorten(raw) + "'")
            return
          }
        } else { problem(r.line, col("eindterm"), "onbekende eindterm '" + shorten(raw) + "'"); return }
        if (term === null || term.soort === "open") {
          var question = key || term.nummer
          if (r.antwoord) fileOpen.push({ respondent: respondent, vraag: question, antwoord: r.antwoord, line: r.line })
          return
        }
        var ok = true, values = {}
        ;["huidig", "gewenst"].forEach(function (side) {
          var result = score(r[side], side)
          if (result.problem) { problem(r.line, col(side), result.problem); ok = false }
          values[side] = result.value === undefined ? null : result.value
        })
        var pair = respondent + "\u0000" + term.nummer
        if (seen[pair]) {
          problem(r.line, col("respondent"), "dubbele rij voor respondent '" + shorten(respondent) + "' en eindterm " + term.nummer + " (ook op regel " + seen[pair] + ")")
          return
        }
        seen[pair] = r.line
        if (!ok || (values.huidig === null && values.gewenst === null)) return
        fileAnswers.push({ respondent: respondent, eindterm: term.nummer, huidig: values.huidig, gewenst: values.gewenst, team: r.team || "", datum: r.datum || "", line: r.line })
      })
      if (!fileAnswers.length && !fileOpen.length) {
        if (!entry.problems.some(function (p) { return p.severity === "fout" })) problem(read.headerLine, 1, "geen antwoorden: in elke rij zijn huidig en gewenst leeg")
        return
      }
      var mine = {}
      fileAnswers.concat(fileOpen).forEach(function (a) {
        if (a.respondent in mine) return
        if (owner[a.respondent] !== undefined) {
          mine[a.respondent] = false
          problem(a.line, 1, "respondent '" + shorten(a.respondent) + "' staat ook in " + owner[a.respondent] + "; één keer geteld")
        } else mine[a.respondent] = true
      })
      Object.keys(mine).forEach(function (r) { if (mine[r]) { owner[r] = file.name; entry.respondents.push(r) } })
      fileAnswers.forEach(function (a) { if (mine[a.respondent]) { answers.push(a); entry.answers++ } })
      fileOpen.forEach(function (a) { if (mine[a.respondent]) { open.push(a); entry.open++ } })
    })
    return { answers: answers, open: open, files: report }
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
    var teams = {}
    read.answers.forEach(function (a) { if (a.team) teams[a.team] = true })
    var first = eindtermen.filter(function (e) { return e.leerruimte !== null }).sort(function (a, b) {
      return b.leerruimte - a.leerruimte || (b.laag_huidig === null ? -1 : b.laag_huidig) - (a.laag_huidig === null ? -1 : a.laag_huidig) || a.eindterm - b.eindterm
    }).slice(0, FIRST).map(function (e) { return e.eindterm })
    var openQuestions = reference.eindtermen.filter(function (e) { return e.soort === "open" }).map(function (e) { return { vraag: e.nummer, tekst: e.tekst } })
      .concat(reference.slotvragen.map(function (q) { return { vraag: q.key, tekst: q.tekst } }))
    openQuestions.forEach(function (q) {
      q.antwoorden = read.open.filter(function (a) { return a.vraag === q.vraag }).map(function (a) { return a.antwoord })
    })
    return {
      eindtermen: eindtermen, dimensies: grouped.dimensies, concepten: grouped.concepten,
      respondenten: Object.keys(respondents).length, antwoorden: read.answers.length,
      teams: Object.keys(teams).sort(), periode: period(read.answers), bespreek_eerst: first,
      open_antwoorden: openQuestions.filter(function (q) { return q.antwoorden.length })
    }
  }

  function prepare(reference) {
    reference.byNumber = {}
    reference.eindtermen.forEach(function (e) { reference.byNumber[e.nummer] = e })
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

  function itemCard(result, reference, headingLevel) {
    var term = reference.byNumber[result.eindterm], title = result.eindterm + ". " + term.tekst
    return el("section", { class: "kb-team-card", id: "team-eindterm-" + result.eindterm, "data-eindterm": result.eindterm }, [
      el("h" + headingLevel, { class: "kb-team-card-title", text: title }),
      el("div", { class: "kb-team-card-body" }, [
        chart(result, "Eindterm " + result.eindterm),
        el("div", {}, [figureTable(result, "Eindterm " + result.eindterm + ": team en Nijmegen 2015"), signalList(result)])
      ]),
      el("div", { class: "kb-team-scroll" }, [distributionTable(result, reference, "Verdeling in procenten per schaalpunt")])
    ])
  }

  function groupTable(list, caption, kind) {
    return el("div", { class: "kb-team-scroll" }, [el("table", { class: "kb-team-groups", "data-kind": kind }, [
      el("caption", { text: caption }),
      el("thead", {}, [el("tr", {}, ["Groep", "Eindtermen", "Laag huidig", "2015", "Hoog gewenst", "2015", "Leerruimte", "2015"].map(function (h) { return el("th", { scope: "col", text: h }) }))]),
      el("tbody", {}, list.map(function (g) {
        return el("tr", {}, [
          el("th", { scope: "row", text: g.titel }), el("td", { text: g.eindtermen.join(", ") }),
          el("td", { text: pct(g.laag_huidig) }), el("td", { text: pct(g.basis.laag_huidig) }),
          el("td", { text: pct(g.hoog_gewenst) }), el("td", { text: pct(g.basis.hoog_gewenst) }),
          el("td", { text: nl(g.leerruimte, true) }), el("td", { text: nl(g.basis.leerruimte, true) })
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
    var files = [], undo = null
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

    function render(team, read) {
      var summary = result.querySelector(".kb-team-summary")
      summary.textContent = ""
      var name = teamName.value.trim() || team.teams.join(", ")
      var facts = [["Team", name || "–"], ["Ingevuld", periodText(team.periode) || "–"], ["Respondenten", String(team.respondenten)],
        ["Bestanden", String(read.files.filter(function (f) { return f.respondents.length }).length) + " van " + read.files.length], ["Scores", String(team.antwoorden)]]
      summary.appendChild(el("dl", { class: "kb-team-facts" }, [].concat.apply([], facts.map(function (f) { return [el("dt", { text: f[0] }), el("dd", { text: f[1], "data-fact": f[0].toLowerCase() })] }))))
      result.querySelector(".kb-team-print-title").textContent = "Teamreflectie " + reference.titel + (name ? " — " + name : "")
      var byNumber = {}
      team.eindtermen.forEach(function (e) { byNumber[e.eindterm] = e })
      fill(".kb-team-first", [legend()].concat(team.bespreek_eerst.map(function (n) { return itemCard(byNumber[n], reference, 4) })))
      fill(".kb-team-concepts", [groupCharts(team.concepten), groupTable(team.concepten, "Per concept: team en Nijmegen 2015", "concept")])
      fill(".kb-team-dimensions", [groupCharts(team.dimensies), groupTable(team.dimensies, "Per dimensie: team en Nijmegen 2015", "dimensie")])
      var sections = []
      team.dimensies.forEach(function (g) {
        var concept = reference.concepten.filter(function (c) { return c.id === g.concept })[0]
        sections.push(el("h4", { text: (concept ? concept.titel + ": " : "") + g.titel }))
        g.eindtermen.forEach(function (n) { sections.push(itemCard(byNumber[n], reference, 5)) })
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
    teamName.addEventListener("input", function () { store(); if (files.length) show() })
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
