/*
 * The search dialog's own controls, loaded when the search box is first used (see the config block of
 * generator/theme/main.html): "Bedoelde je …?" for a misspelt name, and a filter by kind of page.
 * They sit between Material's count and its list of results. The worker (workers/kennisbank-search.js)
 * sends INFO after each answer and takes KIND; the list itself stays Material's.
 *
 * Keyboard: Material closes the search on Tab and takes every other key back to the search box, so
 * these controls handle their own keys: Tab in the search box goes to them, Tab from them to the
 * first result (then the arrow keys go on as Material's do), Shift+Tab back, Escape closes.
 * Material draws the list again on every answer, replacing its links; the focused result keeps the
 * focus across that (see keepFocus).
 *
 * The pure helpers are on window.Kennisbank.searchUi (the browser tests call them); the wiring to
 * the page follows them.
 */
(function () {
  "use strict"
  var QUERY = 2, KIND = 100, INFO = 101
  var PATIENCE = 3000  // ms a Tab in the search box waits for the controls of an answer on its way
  var LABELS = [
    ["methode", "Methoden"], ["kennisbron", "Kennisbronnen"], ["leerarrangement", "Leerarrangementen"],
    ["reflector", "Reflectoren"], ["formulier", "Formulieren"], ["module", "Trainingsmodules"],
    ["naslag", "Naslag"], ["start", "Startpagina's"], ["redactie", "Voor redacteuren"]
  ]
  var PAGE = 10  // Material draws the worker's first ten; the page draws the rest (see the worker)
  var STEP = 10  // results shown per press of "Meer resultaten"

  // --- pure helpers -------------------------------------------------------------------------------

  /** The count above the list: Material counts what it was given (the first ten), this every match. */
  function countText(count) {
    return count + " overeenkomende documenten"
  }

  function moreText(left) {
    return "Meer resultaten (nog " + left + ")"
  }

  /** The filter's options as HTML: all kinds with the total, then each kind that has a match (or is chosen). */
  function kindOptions(total, kinds, chosen) {
    var options = ['<option value="">Alle soorten (' + (total || 0) + ")</option>"]
    LABELS.forEach(function (pair) {
      var count = (kinds || {})[pair[0]] || 0
      if (count || pair[0] === chosen)
        options.push('<option value="' + pair[0] + '">' + pair[1] + " (" + count + ")</option>")
    })
    return options.join("")
  }

  /** What a worker's group of items ([page, sections…]) links to: the page, with the matched words as ?h=. */
  function resultHref(group, base) {
    var page = group.filter(function (item) { return !/#/.test(item.location) })[0] || group[0]
    var url = new URL(page.location, base)
    var words = Object.keys(page.terms || {}).filter(function (t) { return page.terms[t] })
    if (words.length) url.searchParams.set("h", words.join(" "))
    return url.href
  }

  /** One result after the first ten, drawn as Material draws a result (title and text are escaped HTML). */
  function resultItem(group, base) {
    var page = group.filter(function (item) { return !/#/.test(item.location) })[0] || group[0]
    var item = document.createElement("li")
    item.className = "md-search-result__item"
    item.innerHTML = '<a class="md-search-result__link" tabindex="-1"><article class="md-search-result__article md-typeset">' +
      '<div class="md-search-result__icon md-icon"></div><h1></h1></article></a>'
    var link = item.firstChild
    link.href = resultHref(group, base)
    link.firstChild.setAttribute("data-md-score", String((page.score || 0).toFixed(2)))
    link.querySelector("h1").innerHTML = page.title
    link.firstChild.insertAdjacentHTML("beforeend", page.text || "")
    return item
  }

  // What Material's arrow keys move between in the list: the pages, each "extra overeenkomsten"
  // summary, and the sections of an opened one (not those of a closed one, which take no focus).
  var NAVIGABLE = ":not(details) > [href], summary, details[open] [href]"

  /** The links of the result list that take the focus, in order. */
  function resultLinks(list) {
    return Array.prototype.slice.call(list.querySelectorAll(NAVIGABLE))
  }

  /** Where a focused result is: its address and its place among the links. */
  function focusMark(links, element) {
    return { href: element.getAttribute("href"), index: links.indexOf(element) }
  }

  /** The link to focus after a redraw: the same address if it is still listed, else the same place. */
  function focusTarget(links, mark) {
    if (!links.length || !mark) return null
    var same = mark.href && links.filter(function (link) { return link.getAttribute("href") === mark.href })[0]
    return same || links[Math.min(Math.max(mark.index, 0), links.length - 1)]
  }

  window.Kennisbank = window.Kennisbank || {}
  window.Kennisbank.searchUi = {
    LABELS: LABELS, countText: countText, moreText: moreText, kindOptions: kindOptions, resultHref: resultHref,
    resultItem: resultItem, resultLinks: resultLinks, focusMark: focusMark, focusTarget: focusTarget
  }

  // --- the dialog ---------------------------------------------------------------------------------

  var worker = window.kennisbankSearch
  var result = document.querySelector(".md-search-result")
  var input = document.querySelector("input.md-search__input")
  if (!worker || !result || !input || document.querySelector(".kb-search-tools")) return

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

  // "Meer resultaten": the results after Material's first ten.
  var more = document.createElement("a")
  more.href = "#"
  more.setAttribute("role", "button")
  more.className = "kb-search-more md-button"
  more.hidden = true
  result.appendChild(more)
  var list = result.querySelector(".md-search-result__list")
  var rest = []
  var base = "./"  // the site root relative to the page, as Material's config gives it
  try { base = JSON.parse(document.getElementById("__config").textContent).base || "./" } catch (error) { /* keep */ }

  function updateMore() {
    var focused = document.activeElement === more
    more.hidden = !rest.length
    more.textContent = moreText(rest.length)
    // the button goes when nothing is left: the focus to the last result rather than nowhere
    if (focused && more.hidden) {
      var links = resultLinks(list)
      ;(links[links.length - 1] || input).focus()
    }
  }

  more.addEventListener("click", function (event) {
    event.preventDefault()
    event.stopPropagation()  // Material closes the search on a click on a link
    var first = null
    rest.splice(0, STEP).forEach(function (group) {
      var item = resultItem(group, new URL(base, location.href))
      list.appendChild(item)
      first = first || item.firstChild
    })
    if (first) first.focus()
    updateMore()
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
    if (meta && data.count > PAGE) meta.textContent = countText(data.count)
    tools.hidden = false
    suggest.hidden = !data.suggestion
    suggestion.textContent = data.suggestion || ""
    var focused = document.activeElement === select
    select.innerHTML = kindOptions(data.total, data.kinds, data.kind)
    select.value = data.kind || ""
    if (focused) select.focus()
  }

  // A Tab typed in the search box before the answer's controls are drawn goes to them once they are.
  var asked = 0, tabWaiting = false
  var send = worker.postMessage
  worker.postMessage = function (message) {
    if (message && (message.type === QUERY || message.type === KIND)) asked = Date.now()
    return send.apply(worker, arguments)
  }

  worker.addEventListener("message", function (event) {
    var message = event.data || {}
    if (message.type !== INFO) return
    asked = 0
    show(message.data)
    var first = controls()[0]
    if (tabWaiting && first && document.activeElement === input) first.focus()
    tabWaiting = false
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

  // Before Material's keyboard handling (a listener on window, in the bubbling phase).
  window.addEventListener("keydown", function (event) {
    if (event.target !== input) return
    tabWaiting = false
    if (event.key !== "Tab" || event.shiftKey) return
    if (tools.hidden && asked && Date.now() - asked < PATIENCE && input.value.trim()) {
      event.preventDefault()
      event.stopPropagation()
      tabWaiting = true
      return
    }
    if (tools.hidden) return
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
    var all = controls()
    var at = all.indexOf(document.activeElement)
    var next = event.shiftKey ? (at > 0 ? all[at - 1] : input) : (at < all.length - 1 ? all[at + 1] : resultLinks(list)[0])
    if (next) {
      event.preventDefault()
      next.focus()
    }
  })

  // keepFocus: a reader who tabbed onto a result just before a redraw (a filter, the typo fix, the
  // lazy load finishing) keeps the focus on that result, or on the one in its place, not on nothing.
  var toggle = document.querySelector("[data-md-toggle=search]")
  var focusedLink = null, mark = null
  document.addEventListener("focusin", function (event) {
    var target = event.target
    if (target !== input) tabWaiting = false
    var inList = target instanceof Element && target.matches(NAVIGABLE) && list.contains(target)
    focusedLink = inList ? target : null
    mark = inList ? focusMark(resultLinks(list), target) : null
  })
  new MutationObserver(function () {
    var active = document.activeElement
    if (!focusedLink || focusedLink.isConnected || (active && active !== document.body)) return
    if (toggle && !toggle.checked) return  // the search was closed meanwhile
    var target = focusTarget(resultLinks(list), mark)
    if (target) target.focus()
  }).observe(list, { childList: true })
})()
