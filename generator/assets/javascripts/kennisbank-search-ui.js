/*
 * The search dialog's own controls, loaded when the search box is first used (see the config block of
 * generator/theme/main.html): "Bedoelde je …?" for a misspelt name, and a filter by kind of page.
 * They sit between Material's count and its list of results. The worker (workers/kennisbank-search.js)
 * sends INFO after each answer and takes KIND; the list itself stays Material's.
 *
 * Keyboard: Material closes the search on Tab and takes every other key back to the search box, so
 * these controls handle their own keys: Tab in the search box goes to them, Tab from them to the
 * first result (then the arrow keys go on as Material's do), Shift+Tab back, Escape closes.
 */
(function () {
  "use strict"
  var worker = window.kennisbankSearch
  var result = document.querySelector(".md-search-result")
  var input = document.querySelector("input.md-search__input")
  if (!worker || !result || !input || document.querySelector(".kb-search-tools")) return

  var KIND = 100, INFO = 101
  var LABELS = [
    ["methode", "Methoden"], ["kennisbron", "Kennisbronnen"], ["leerarrangement", "Leerarrangementen"],
    ["reflector", "Reflectoren"], ["formulier", "Formulieren"], ["module", "Trainingsmodules"],
    ["naslag", "Naslag"], ["start", "Startpagina's"], ["redactie", "Voor redacteuren"]
  ]

  var script = document.currentScript
  if (script) {
    var style = document.createElement("link")
    style.rel = "stylesheet"
    style.href = new URL("../kennisbank-search.css", script.src).href
    document.head.appendChild(style)
  }

  var tools = document.createElement("div")
  tools.className = "kb-search-tools"
  tools.hidden = true
  tools.innerHTML =
    '<p class="kb-search-suggest" hidden>Bedoelde je <button type="button" class="kb-search-suggestion"></button>?</p>' +
    '<p class="kb-search-filter"><label for="kb-search-soort">Soort</label> ' +
    '<select id="kb-search-soort"><option value="">Alle soorten</option></select></p>'
  var meta = result.querySelector(".md-search-result__meta")
  result.insertBefore(tools, meta ? meta.nextSibling : result.firstChild)
  var suggest = tools.querySelector(".kb-search-suggest")
  var suggestion = tools.querySelector(".kb-search-suggestion")
  var select = tools.querySelector("select")

  // "Meer resultaten": the results after Material's first ten, drawn as Material draws a result.
  var more = document.createElement("a")
  more.href = "#"
  more.setAttribute("role", "button")
  more.className = "kb-search-more md-button"
  more.hidden = true
  result.appendChild(more)
  var list = result.querySelector(".md-search-result__list")
  var rest = []
  var base = "./"
  try { base = JSON.parse(document.getElementById("__config").textContent).base || "./" } catch (error) { /* keep */ }
  var STEP = 10

  function draw(group) {
    var page = group.filter(function (item) { return !/#/.test(item.location) })[0] || group[0]
    var url = new URL(page.location, new URL(base, location.href))
    var words = Object.keys(page.terms || {}).filter(function (t) { return page.terms[t] })
    if (words.length) url.searchParams.set("h", words.join(" "))
    var item = document.createElement("li")
    item.className = "md-search-result__item"
    // title and text are HTML from the worker, already escaped (as Material inserts them)
    item.innerHTML = '<a class="md-search-result__link" tabindex="-1"><article class="md-search-result__article md-typeset">' +
      '<div class="md-search-result__icon md-icon"></div><h1></h1></article></a>'
    var link = item.firstChild
    link.href = url.href
    link.firstChild.setAttribute("data-md-score", String((page.score || 0).toFixed(2)))
    link.querySelector("h1").innerHTML = page.title
    link.firstChild.insertAdjacentHTML("beforeend", page.text || "")
    return item
  }

  function updateMore() {
    more.hidden = !rest.length
    more.textContent = "Meer resultaten (nog " + rest.length + ")"
  }

  more.addEventListener("click", function (event) {
    event.preventDefault()
    event.stopPropagation()  // Material closes the search on a click on a link
    var first = null
    rest.splice(0, STEP).forEach(function (group) {
      var item = draw(group)
      list.appendChild(item)
      first = first || item.firstChild
    })
    updateMore()
    if (first) first.focus()
  })

  function controls() {
    return [suggestion, select].filter(function (el) { return !el.closest("[hidden]") })
  }

  function show(data) {
    rest = (data && data.more) || []
    updateMore()
    if (!data || !String(data.query || "").trim()) {
      tools.hidden = true
      return
    }
    // Material counts what it was given (the first ten): the count is every match shown
    if (meta && data.count > 10) meta.textContent = data.count + " overeenkomende documenten"
    tools.hidden = false
    suggest.hidden = !data.suggestion
    suggestion.textContent = data.suggestion || ""
    var kinds = data.kinds || {}
    var options = ['<option value="">Alle soorten (' + (data.total || 0) + ")</option>"]
    LABELS.forEach(function (pair) {
      var count = kinds[pair[0]] || 0
      if (count || pair[0] === data.kind)
        options.push('<option value="' + pair[0] + '">' + pair[1] + " (" + count + ")</option>")
    })
    var focused = document.activeElement === select
    select.innerHTML = options.join("")
    select.value = data.kind || ""
    if (focused) select.focus()
  }

  worker.addEventListener("message", function (event) {
    var message = event.data || {}
    if (message.type === INFO) show(message.data)
  })

  select.addEventListener("change", function () {
    worker.postMessage({ type: KIND, data: select.value })
  })

  suggestion.addEventListener("click", function () {
    input.value = suggestion.textContent
    input.focus()
    // Material searches on keyup
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
  })

  function firstResult() {
    return result.querySelector(".md-search-result__list [href]")
  }

  // Before Material's keyboard handling (a listener on window, in the bubbling phase).
  window.addEventListener("keydown", function (event) {
    if (event.key !== "Tab" || event.shiftKey || event.target !== input || tools.hidden) return
    var first = controls()[0]
    if (!first) return
    event.preventDefault()
    event.stopPropagation()
    first.focus()
  }, true)

  tools.addEventListener("keydown", function (event) {
    if (event.key === "Escape") return  // Material closes the search
    event.stopPropagation()
    if (event.key !== "Tab") return
    var list = controls()
    var at = list.indexOf(document.activeElement)
    var next = event.shiftKey ? (at > 0 ? list[at - 1] : input) : (at < list.length - 1 ? list[at + 1] : firstResult())
    if (next) {
      event.preventDefault()
      next.focus()
    }
  })
})()
