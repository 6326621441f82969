/*
 * Dutch search for the kennisbank: loads Material's search worker unchanged, then fixes two things
 * for Dutch once Material has loaded the lunr language scripts:
 *
 * 1. Material appends a wildcard to every typed word ("casussen" -> "casussen*"), and lunr skips
 *    the stemmer for wildcard terms, so "casussen" never found "casus". Query words are stemmed
 *    here first and keep their wildcard ("casussen*" -> "casus*").
 * 2. The Snowball stemmer leaves a doubled final consonant ("casussen" -> "casuss"), and accents
 *    other than the common Dutch ones stay; both are folded away, on the index and on the query.
 *
 * On the served site the build replaces the documents in search_index.json by a marker
 * (config.pagefind, the Pagefind folder relative to the site root): then this worker answers
 * Material's messages itself from Pagefind's chunked index, so a reader's first search fetches a
 * few small files instead of the whole index. The offline copy (file://, where Pagefind cannot run)
 * and `kennisbank serve` have no marker and search with lunr as before.
 */
(function () {
  "use strict"
  var here = (typeof document !== "undefined" && document.currentScript)
    ? document.currentScript.src
    : self.location.href
  var original = new URL(new URL(here).searchParams.get("material"), here).href
  var load = self.importScripts.bind(self)

  function fold(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/([bdfgklmnprstz])\1$/, "$1")
  }

  function patchDutch() {
    var lunr = self.lunr
    if (!lunr || !lunr.nl || lunr.nl.kennisbank) return
    var snowball = lunr.nl.stemmer
    var stemmer = function (token) {
      var result = snowball(token)
      return typeof result.update === "function" ? result.update(fold) : fold(result)
    }
    lunr.Pipeline.registerFunction(stemmer, "stemmer-nl-kennisbank")
    lunr.nl.stemmer = stemmer
    lunr.nl.kennisbank = true

    var clause = lunr.Query.prototype.clause
    lunr.Query.prototype.clause = function (spec) {
      var term = spec.term || ""
      var bare = term.replace(/^\*+|\*+$/g, "")
      if (bare && /\*$/.test(term) && !/\*/.test(bare)) {
        spec.term = (term.charAt(0) === "*" ? "*" : "") + stemmer(bare) + "*"
        spec.usePipeline = false
      }
      return clause.call(this, spec)
    }
  }

  // Material's worker protocol (integrations/search/worker/message): SETUP, READY, QUERY, RESULT.
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  // Pages shown for a query, the best first: one fragment request each. Ten is what Material draws at
  // once; more would only come into view on scrolling, and each ten cost about 0.3 s more at 5,000
  // items on a busy two-core machine. A second, longer answer would redraw the list and take the
  // keyboard focus away from a result, so there is one answer per query.
  var PAGES = 10
  var SECTIONS = 5    // sections shown under a page
  var ENTITIES = { lt: "<", gt: ">", quot: "\"", "#39": "'", "#x27": "'", amp: "&" }
  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }
  var root = new URL("../../../", here)  // this file is assets/javascripts/workers/ under the site root
  var pagefind = null
  var separator = /[\s\-]+/
  var latest = 0

  // Material inserts titles and texts as HTML: everything from the index is shown as text, and
  // only Pagefind's own <mark> around matched words is kept.
  function escape(text) {
    return text.replace(/[&<>"']/g, function (c) { return ESCAPES[c] })
  }
  function safe(html) {
    return String(html || "").split(/(<\/?mark>)/).map(function (part, i) {
      return i % 2 ? part : escape(part.replace(/&(lt|gt|quot|#39|#x27|amp);/g, function (_, e) { return ENTITIES[e] }))
    }).join("")
  }

  function setupPagefind(config) {
    try { separator = new RegExp(config.separator) } catch (error) { /* keep the default */ }
    var base = new URL(config.pagefind, root).href
    pagefind = import(base + "pagefind.js").then(function (module) {
      // pageLength 0: no penalty for long pages, as Material gives lunr (b = 0); the reference pages
      // (eindtermen, begrippen) are long and should still come first for their headings.
      return module.options({ basePath: base, baseUrl: "/", excerptLength: 24, ranking: { pageLength: 0 } })
        .then(function () { return module.init() })
        .then(function () { return module })
    })
    pagefind.catch(function (error) { console.warn("Zoeken: Pagefind kon niet laden", error) })
  }

  function relative(url) {
    return String(url || "").replace(/^\/+/, "")
  }

  function group(page, score, terms) {
    var items = [{
      location: relative(page.url),
      title: safe((page.meta && page.meta.title) || page.url),
      text: page.excerpt ? "<p>" + safe(page.excerpt) + "</p>" : "",
      score: score,
      terms: terms
    }]
    var total = 0
    var sections = (page.sub_results || []).filter(function (section) {
      total += section.locations.length
      // the page itself and its h1 are the page's own entry already
      return /#/.test(section.url) && section.url !== page.url && section.title !== (page.meta && page.meta.title)
    })
    sections.sort(function (a, b) { return b.locations.length - a.locations.length })
    sections.slice(0, SECTIONS).forEach(function (section) {
      items.push({
        location: relative(section.url),
        title: safe(section.title),
        text: section.excerpt ? "<p>" + safe(section.excerpt) + "</p>" : "",
        // below the page's score: Material folds them under "extra overeenkomsten op deze pagina"
        score: score * 0.99 * section.locations.length / Math.max(total, 1),
        terms: terms
      })
    })
    return items
  }

  function answer(query) {
    var id = ++latest
    var words = String(query || "").toLowerCase().split(separator).map(function (word) {
      return word.replace(/^[+\-*~^:]+|[*~^:]+\d*$/g, "")
    }).filter(Boolean)
    var reply = function (items) {
      if (id === latest) self.postMessage({ type: RESULT, data: { items: items } })
    }
    if (!words.length) return reply([])
    var terms = {}
    words.forEach(function (word) { terms[word] = true })
    pagefind
      .then(function (module) { return module.search(words.join(" ")) })
      .then(function (search) {
        if (id !== latest || !search) return null
        var hits = search.results.slice(0, PAGES)
        return Promise.all(hits.map(function (hit) { return hit.data() })).then(function (pages) {
          reply(pages.map(function (page, i) { return group(page, hits[i].score, terms) }))
        })
      })
      .catch(function (error) {
        console.warn("Zoeken: Pagefind gaf een fout", error)
        reply([])
      })
  }

  // Registered before Material's worker, so a message meant for Pagefind never reaches lunr.
  self.addEventListener("message", function (event) {
    var message = event.data || {}
    if (message.type === SETUP && message.data && message.data.config && message.data.config.pagefind) {
      event.stopImmediatePropagation()
      setupPagefind(message.data.config)
      self.postMessage({ type: READY })
    } else if (message.type === QUERY && pagefind) {
      event.stopImmediatePropagation()
      answer(message.data)
    }
  })

  self.importScripts = function () {
    var result = load.apply(self, arguments)
    if (result && typeof result.then === "function")
      return result.then(function (value) { patchDutch(); return value })
    patchDutch()
    return result
  }
  load(original)
})()
