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

  function controls() {
    return [suggestion, select].filter(function (el) { return !el.closest("[hidden]") })
  }

  function show(data) {
    if (!data || !String(data.query || "").trim()) {
      tools.hidden = true
      return
    }
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
