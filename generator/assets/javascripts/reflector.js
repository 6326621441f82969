/*
 * The online reflector. Answers live only in this browser (localStorage, one key per reflector);
 * nothing is sent anywhere. Export and import use files the reader saves and opens themselves.
 * CSV export, long format: respondent,eindterm,huidig,gewenst,team,datum (one row per answered item).
 */
(function () {
  "use strict"
  var COLUMNS = ["respondent", "eindterm", "huidig", "gewenst", "team", "datum"]

  function today() { return new Date().toISOString().slice(0, 10) }
  function code() { return "anoniem-" + Math.random().toString(36).slice(2, 6) }

  function csvCell(value) {
    var text = value === undefined || value === null ? "" : String(value)
    return /[",\n\r;]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text
  }

  function parseCsv(text) {
    var rows = [], row = [], cell = "", quoted = false
    text = text.replace(/^\uFEFF/, "")
    var separator = /^[^\n]*;/.test(text) && !/^[^\n]*,/.test(text) ? ";" : ","
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

  function init(root) {
    var storageKey = "kennisbank:reflector:" + root.dataset.reflector
    var items = Array.prototype.slice.call(root.querySelectorAll(".kb-online-item"))
    var numbers = items.map(function (item) { return item.dataset.eindterm })
    var meta = {
      respondent: root.querySelector("input[name=respondent]"),
      team: root.querySelector("input[name=team]"),
      datum: root.querySelector("input[name=datum]")
    }
    var status = root.querySelector(".kb-online-status")

    function read() {
      var answers = {}
      items.forEach(function (item) {
        var entry = {}
        item.querySelectorAll("input:checked").forEach(function (input) {
          entry[input.dataset.side] = Number(input.value)
        })
        if (entry.huidig || entry.gewenst) answers[item.dataset.eindterm] = entry
      })
      return { respondent: meta.respondent.value, team: meta.team.value, datum: meta.datum.value, antwoorden: answers }
    }

    function write(state) {
      meta.respondent.value = state.respondent || code()
      meta.team.value = state.team || ""
      meta.datum.value = state.datum || today()
      items.forEach(function (item) {
        var entry = (state.antwoorden || {})[item.dataset.eindterm] || {}
        item.querySelectorAll("input[type=radio]").forEach(function (input) {
          input.checked = entry[input.dataset.side] === Number(input.value)
        })
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

    function showResult() {
      var answers = read().antwoorden, rows = [], groups = {}
      items.forEach(function (item) {
        var entry = answers[item.dataset.eindterm]
        if (!entry || !entry.huidig || !entry.gewenst) return
        var gap = entry.gewenst - entry.huidig
        rows.push({ item: item, entry: entry, gap: gap })
        var group = groups[item.dataset.groep] || (groups[item.dataset.groep] = { total: 0, count: 0 })
        group.total += gap; group.count += 1
      })
      rows.sort(function (a, b) { return b.gap - a.gap || Number(a.item.dataset.eindterm) - Number(b.item.dataset.eindterm) })
      var table = root.querySelector(".kb-result-table"), body = table.querySelector("tbody")
      var groupTable = root.querySelector(".kb-result-groups"), groupBody = groupTable.querySelector("tbody")
      body.textContent = ""; groupBody.textContent = ""
      rows.forEach(function (row) {
        var tr = document.createElement("tr")
        ;[row.item.querySelector("legend").textContent, row.entry.huidig, row.entry.gewenst].forEach(function (value) {
          var td = document.createElement("td"); td.textContent = value; tr.appendChild(td)
        })
        tr.appendChild(barCell(row.gap))
        body.appendChild(tr)
      })
      Object.keys(groups).forEach(function (name) {
        var tr = document.createElement("tr"), mean = groups[name].total / groups[name].count
        ;[name, groups[name].count].forEach(function (value) {
          var td = document.createElement("td"); td.textContent = value; tr.appendChild(td)
        })
        tr.appendChild(barCell(Math.round(mean * 10) / 10))
        groupBody.appendChild(tr)
      })
      table.hidden = groupTable.hidden = rows.length === 0
      root.querySelector(".kb-result-empty").hidden = rows.length > 0
    }

    function barCell(value) {
      var td = document.createElement("td"), bar = document.createElement("span")
      bar.className = "kb-bar"
      bar.style.width = Math.max(0, value) * 1.2 + "em"
      td.appendChild(bar)
      td.appendChild(document.createTextNode(" " + String(value).replace(".", ",")))
      return td
    }

    function download(name, type, text) {
      var link = document.createElement("a")
      link.href = URL.createObjectURL(new Blob([text], { type: type }))
      link.download = name
      document.body.appendChild(link)
      link.click()
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove() }, 0)
    }

    function fileName(extension) {
      return "reflector-" + root.dataset.reflector + "-" + (meta.datum.value || today()) + "." + extension
    }

    function exportCsv() {
      var state = read(), lines = [COLUMNS.join(",")]
      numbers.forEach(function (number) {
        var entry = state.antwoorden[number]
        if (!entry) return
        lines.push([state.respondent, number, entry.huidig, entry.gewenst, state.team, state.datum].map(csvCell).join(","))
      })
      download(fileName("csv"), "text/csv;charset=utf-8", lines.join("\n") + "\n")
      status.textContent = "Geëxporteerd: " + (lines.length - 1) + " eindtermen."
    }

    function exportJson() {
      var state = read()
      var answers = numbers.filter(function (n) { return state.antwoorden[n] }).map(function (n) {
        return { eindterm: Number(n), huidig: state.antwoorden[n].huidig || null, gewenst: state.antwoorden[n].gewenst || null }
      })
      var data = { reflector: root.dataset.reflector, respondent: state.respondent, team: state.team, datum: state.datum, antwoorden: answers }
      download(fileName("json"), "application/json", JSON.stringify(data, null, 2) + "\n")
      status.textContent = "Geëxporteerd: " + answers.length + " eindtermen."
    }

    function valid(value) {
      var number = Number(value)
      return value !== "" && value !== null && value !== undefined && number >= 1 && number <= 5 && Math.floor(number) === number
    }

    function fromRows(rows) {
      var state = { antwoorden: {} }, skipped = 0
      rows.forEach(function (row) {
        var number = String(row.eindterm)
        if (numbers.indexOf(number) < 0) { skipped++; return }
        var entry = {}
        if (valid(row.huidig)) entry.huidig = Number(row.huidig)
        if (valid(row.gewenst)) entry.gewenst = Number(row.gewenst)
        state.antwoorden[number] = entry
        state.respondent = state.respondent || row.respondent
        state.team = state.team || row.team
        state.datum = state.datum || row.datum
      })
      return { state: state, skipped: skipped }
    }

    function importText(text) {
      var rows
      if (/^\s*[{[]/.test(text)) {
        var data = JSON.parse(text)
        rows = (data.antwoorden || []).map(function (a) {
          return { respondent: data.respondent, team: data.team, datum: data.datum, eindterm: a.eindterm, huidig: a.huidig, gewenst: a.gewenst }
        })
      } else {
        var table = parseCsv(text), header = table.shift().map(function (h) { return h.trim().toLowerCase() })
        if (header.indexOf("eindterm") < 0) throw new Error("geen kolom 'eindterm'")
        rows = table.map(function (cells) {
          var row = {}
          header.forEach(function (name, index) { row[name] = (cells[index] || "").trim() })
          return row
        })
      }
      var result = fromRows(rows)
      write(result.state)
      save()
      status.textContent = "Geïmporteerd: " + Object.keys(result.state.antwoorden).length + " eindtermen" +
        (result.skipped ? "; " + result.skipped + " regels overgeslagen (eindterm hoort niet bij deze reflector)." : ".")
    }

    root.addEventListener("change", function (event) {
      if (event.target.dataset.action === "import") {
        var file = event.target.files[0]
        if (!file) return
        file.text().then(importText).catch(function (error) {
          status.textContent = "Importeren lukte niet: " + error.message
        })
        event.target.value = ""
        return
      }
      save()
    })
    root.addEventListener("click", function (event) {
      var action = event.target.dataset && event.target.dataset.action
      if (action === "export-csv") exportCsv()
      else if (action === "export-json") exportJson()
      else if (action === "clear") {
        try { localStorage.removeItem(storageKey) } catch (error) { /* nothing stored */ }
        write({})
        showResult()
        status.textContent = "Alle antwoorden zijn gewist."
      } else if (action === "print-result") {
        document.documentElement.classList.add("kb-print-result")
        window.print()
      }
    })
    window.addEventListener("afterprint", function () { document.documentElement.classList.remove("kb-print-result") })
    load()
  }

  document.querySelectorAll(".kb-online").forEach(init)
})()
