/*
 * What every page promises beyond Material: the onboarding route ticks off and remembers its steps,
 * "Kopieer link" copies a page's or an anchor's address, and glossary terms take keyboard focus.
 * Everything stays in this browser: progress in localStorage, nothing is sent anywhere.
 * Without this script the route is a plain list with boxes, and the copy buttons stay hidden.
 */
(function () {
  "use strict"

  var status = null

  /* One polite live region per page: "Link gekopieerd" is announced without moving focus. */
  function announce(message) {
    if (!status) {
      status = document.createElement("div")
      status.className = "kb-sr"
      status.setAttribute("role", "status")
      document.body.appendChild(status)
    }
    status.textContent = ""
    window.setTimeout(function () { status.textContent = message }, 50)
  }

  /* ---- Onboarding route: native checkboxes, progress kept per step id ---- */

  function route(progress) {
    var storageKey = "kennisbank:route:" + progress.getAttribute("data-kb-route")
    var boxes = Array.prototype.slice.call(document.querySelectorAll("input[type=checkbox][data-kb-step]"))
    var count = progress.querySelector("[data-kb-count]")
    var reset = progress.querySelector("[data-kb-reset]")
    if (!boxes.length || !count || !reset) return

    function load() {
      try {
        var stored = JSON.parse(localStorage.getItem(storageKey) || "{}")
        return stored && typeof stored === "object" ? stored : {}
      } catch (error) {
        return {}
      }
    }

    function save() {
      var done = load()  // keep steps this page no longer shows (an edited route) out of harm's way
      boxes.forEach(function (box) {
        if (box.checked) done[box.getAttribute("data-kb-step")] = true
        else delete done[box.getAttribute("data-kb-step")]
      })
      try {
        if (Object.keys(done).length) localStorage.setItem(storageKey, JSON.stringify(done))
        else localStorage.removeItem(storageKey)
      } catch (error) { /* storage off (private mode): the ticks stay on this page only */ }
    }

    function show() {
      var done = boxes.filter(function (box) { return box.checked }).length
      count.textContent = done + " van " + boxes.length + " gedaan"
      reset.disabled = done === 0
    }

    var stored = load()
    boxes.forEach(function (box) {
      box.checked = stored[box.getAttribute("data-kb-step")] === true
      box.addEventListener("change", function () { save(); show() })
    })
    reset.addEventListener("click", function () {
      if (!window.confirm("Alle vinkjes van deze route weghalen en opnieuw beginnen?")) return
      boxes.forEach(function (box) { box.checked = false })
      save()
      show()
      boxes[0].focus()
    })
    progress.hidden = false
    show()
  }

  /* ---- "Kopieer link": the public address when the site has one (data-kb-copy), else this page's own ---- */

  function address(button) {
    var given = button.getAttribute("data-kb-copy") || ""
    if (/^https?:\/\//.test(given)) return given
    var own = window.location.href.split("#")[0].split("?")[0]
    var anchor = button.getAttribute("data-kb-anchor")
    return anchor ? own + "#" + anchor : own
  }

  function copyWithSelection(text) {
    var area = document.createElement("textarea")
    area.value = text
    area.setAttribute("readonly", "")
    area.style.position = "fixed"
    area.style.opacity = "0"
    document.body.appendChild(area)
    area.select()
    var copied = false
    try { copied = document.execCommand("copy") } catch (error) { copied = false }
    document.body.removeChild(area)
    return copied
  }

  function copied(button) {
    var label = button.querySelector(".kb-copy-link__label")
    announce("Link gekopieerd")
    if (!label) return
    label.textContent = "Link gekopieerd"
    window.clearTimeout(button.kbTimer)
    button.kbTimer = window.setTimeout(function () { label.textContent = "Kopieer link" }, 2500)
  }

  function failed(button, text) {
    announce("Kopiëren lukte niet")
    window.prompt("Kopiëren lukte niet. Kopieer dit adres zelf:", text)
    button.focus()
  }

  function copyLink(button) {
    var text = address(button)
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { copied(button) },
        function () { if (copyWithSelection(text)) copied(button); else failed(button, text) }
      )
    } else if (copyWithSelection(text)) {
      copied(button)
    } else {
      failed(button, text)
    }
  }

  /* ---- Tooltips: Material sets one up, as the page loads, for every element with a title in the content,
     about a third of a millisecond each (more on a phone): the hundreds of glossary terms and permalinks of
     a long page block its first seconds. So Material's tooltip (shown on hover, tap and focus) stays with
     the first occurrence of a term in each h2 section outside links (a link's text names the linked page,
     and Tab reaches the link, not the term); the first of these per page takes a tab stop, so Tab does not
     stop at the same term again and again. Other occurrences and the permalinks keep their title as the
     browser's own tooltip: it is taken away before Material looks (at DOMContentLoaded, in a listener added
     before this script ran) and given back after. ---- */

  var titled = []

  function lighterTooltips(content) {
    var inSection = {}
    var onPage = {}
    function plain(element) {
      titled.push([element, element.getAttribute("title")])
      element.removeAttribute("title")
    }
    Array.prototype.forEach.call(content.querySelectorAll("h2, abbr[title], a.headerlink[title]"), function (element) {
      if (element.tagName === "H2") {
        inSection = {}
      } else if (element.tagName === "A") {
        plain(element)
      } else {
        var key = element.textContent.trim().toLowerCase()
        if (inSection[key] || element.closest("a, button, label, summary")) return plain(element)
        inSection[key] = true
        if (!onPage[key]) element.tabIndex = 0
        onPage[key] = true
      }
    })
  }

  function restoreTitles() {
    titled.splice(0).forEach(function (pair) { pair[0].setAttribute("title", pair[1]) })
  }

  function start() {
    restoreTitles()
    Array.prototype.forEach.call(document.querySelectorAll("[data-kb-route]"), route)
    Array.prototype.forEach.call(document.querySelectorAll("button.kb-copy-link"), function (button) {
      button.hidden = false
      button.addEventListener("click", function () { copyLink(button) })
    })
  }

  var content = document.querySelector(".md-content")
  if (content && document.readyState === "loading") lighterTooltips(content)

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()
})()
