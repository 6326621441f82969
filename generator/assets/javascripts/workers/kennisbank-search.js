/*
 * Dutch search for the kennisbank, in Material's search worker protocol (SETUP, READY, QUERY, RESULT).
 *
 * Served site: the build replaces the documents in search_index.json by a marker (config.pagefind,
 * the Pagefind folder relative to the site root). Then this worker answers Material itself from
 * Pagefind's chunked index, and loads Pagefind (and the list of names, kennisbank-namen.json) only
 * when the first query arrives. The offline copy (file://, where Pagefind cannot run) and
 * `kennisbank serve` have no marker: then Material's lunr worker is loaded and searches, with two
 * fixes for Dutch once Material has loaded the lunr language scripts:
 *
 * 1. Material appends a wildcard to every typed word ("casussen" -> "casussen*"), and lunr skips
 *    the stemmer for wildcard terms, so "casussen" never found "casus". Query words are stemmed
 *    here first and keep their wildcard ("casussen*" -> "casus*").
 * 2. The Snowball stemmer leaves a doubled final consonant ("casussen" -> "casuss"), and accents
 *    other than the common Dutch ones stay; both are folded away, on the index and on the query.
 *
 * Both engines then rank the same way (mergeHits, rerank): an item whose name (title, alias or task words)
 * is the query comes first, then items whose names hold every query word, then the engine's order.
 * A misspelt name ("meldkode") is corrected against the words of all names, the corrected query is
 * searched too, and the page says "Bedoelde je …?". Two words that Dutch writes as one ("team
 * reflectie") are searched joined as well. Every matching page is in the one answer to a query: the
 * first ten for Material to draw, the rest in INFO for "Meer resultaten" (so the count is honest), and
 * one answer per query keeps the keyboard focus where it is. The kind filter and "Bedoelde je" are drawn by
 * kennisbank-search-ui.js, which talks to this worker with the two messages below.
 *
 * The pure functions (words, typos, ranking, merging) come first and are on self.Kennisbank.search;
 * loaded into a page with a <script> (no importScripts there) this file defines only those, which is
 * how the browser tests call them. The worker's state and messages follow.
 */
(function () {
  "use strict"
  // Material's worker protocol (integrations/search/worker/message), and ours on top of it.
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
  var KIND = 100  // from the page: {type, data: "methode" | ""}, the kind to show
  var INFO = 101  // to the page, after each RESULT: {type, data: {query, total, kinds, kind, suggestion, count, more}}

  // The kind of a page, from the first part of its address (the same sections as data-pagefind-filter
  // in generator/theme/main.html): the filter of the served site and of the offline copy.
  var KINDS = {
    methoden: "methode", kennisbronnen: "kennisbron", leerarrangementen: "leerarrangement",
    reflectoren: "reflector", formulieren: "formulier", modules: "module", eindtermen: "naslag",
    "resultaten-2015": "naslag", bakens: "naslag", kernelementen: "naslag", rollen: "naslag",
    begrippen: "naslag", start: "start", redactie: "redactie"
  }
  var SECTIONS = 5    // sections shown under a page
  var EXCERPTS = 10   // pages shown with an excerpt (one fragment request each); the rest by name
  // Material draws only the first results at once and more on scrolling, but that stops after four
  // more (Material 9.8), so Material gets the first PAGE and the page itself shows the rest.
  var PAGE = 10
  var ENTITIES = { lt: "<", gt: ">", quot: "\"", "#39": "'", "#x27": "'", amp: "&" }
  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }
  var SEPARATOR = /[\s\-]+/  // until Material's configuration says otherwise

  /* ---------------------------------------------------------------- words ---------------------- */

  /* ---------------------------------------------------------------- words ---------------------- */

  /** A word without accents and without a doubled final consonant ("casuss" -> "casus"). */
  function fold(word) {
    return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/([bdfgklmnprstz])\1$/, "$1")
  }
  /** Text without tags and with the entities the index writes decoded. */
  function plain(text) {
    return String(text || "").replace(/<[^>]*>/g, "").replace(/&(lt|gt|quot|#39|#x27|amp);/g, function (_, e) { return ENTITIES[e] })
  }
  /** The folded words of a text, lower case, accents gone. */
  function wordsOf(text) {
    return plain(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .split(/[^a-z0-9]+/).filter(Boolean).map(fold)
  }
  /** The kind of a page ("methode", …) from its address; "" for none. */
  function kindOf(location) {
    var section = String(location || "").replace(/^\/+/, "").split(/[/.#]/)[0]
    return KINDS[section] || (section === "" || section === "index" ? "start" : "")
  }
  /** A typed query as words: lower case, split on the separator, without lunr's operators. */
  function splitQuery(query, separator) {
    return String(query || "").toLowerCase().split(separator || SEPARATOR).map(function (word) {
      return word.replace(/^[+\-*~^:]+|[*~^:]+\d*$/g, "")
    }).filter(Boolean)
  }

  /* ---------------------------------------------------------------- names, typos, ranking ---- */

  /** The words of all names ({key: [name]}) that a typo is corrected to: folded word -> word as written. */
  function vocabularyOf(table) {
    var vocabulary = {}
    Object.keys(table).forEach(function (key) {
      table[key].forEach(function (name) {
        plain(name).split(/[^\p{L}\p{N}]+/u).forEach(function (word) {
          var folded = fold(word.toLowerCase())
          if (folded.length >= 4 && !vocabulary[folded]) vocabulary[folded] = word
        })
      })
    })
    return vocabulary
  }

  /** Optimal string alignment distance (Levenshtein with swapped neighbours as one edit), at most limit + 1. */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1
    var previous2 = [], previous = [], current = []
    for (var j = 0; j <= b.length; j++) previous[j] = j
    for (var i = 1; i <= a.length; i++) {
      current = [i]
      var best = i
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2] + 1)
        current[j] = value
        best = Math.min(best, value)
      }
      if (best > limit) return limit + 1
      previous2 = previous
      previous = current
    }
    return previous[b.length]
  }

  /** Whether `word` starts `other`, or `other` (4+ letters) starts `word` with at most 3 letters left. */
  function related(word, other) {
    return other.indexOf(word) === 0 || (other.length >= 4 && word.indexOf(other) === 0 && word.length - other.length <= 3)
  }

  /**
   * The query with misspelt words replaced by the nearest word of a name, or null: only words that
   * start no name word (and no name word starts them), in queries of one or two words.
   */
  function correct(words, vocabulary) {
    if (!vocabulary || !words.length || words.length > 2) return null
    var changed = false
    var known = Object.keys(vocabulary)
    var fixed = words.map(function (word) {
      var folded = fold(word)
      if (folded.length < 4 || known.some(function (other) { return related(folded, other) })) return word
      var limit = folded.length >= 8 ? 2 : 1
      var best = null, bestDistance = limit + 1
      known.forEach(function (other) {
        var d = distance(folded, other, limit)
        if (d < bestDistance) { best = other; bestDistance = d }
      })
      if (best === null) return word
      changed = true
      return vocabulary[best]
    })
    return changed ? fixed : null
  }

  /**
   * Two or three words also searched as one ("team reflectie" -> "teamreflectie"), when a name has
   * that word: Pagefind would otherwise match the joined word loosely and add pages at random.
   */
  function joined(words, vocabulary) {
    if (!vocabulary || words.length < 2 || words.length > 3) return null
    var join = fold(words.join(""))
    return Object.keys(vocabulary).some(function (other) { return related(join, other) }) ? join : null
  }

  /**
   * How well a page's names answer the query: 3 a name is the query, 2 every query word is a word of a
   * name, 1 every query word starts a word of a name (or the other way round), 0 none of these.
   */
  function tier(pageNames, words) {
    if (!pageNames || !pageNames.length || !words.length) return 0
    var folded = words.map(function (w) { return fold(w.toLowerCase()) })
    var query = folded.join(" ")
    var best = 0
    pageNames.forEach(function (name) {
      var nameWords = wordsOf(name)
      if (nameWords.join(" ") === query) best = 3
      if (best >= 2) return
      if (folded.every(function (w) { return nameWords.indexOf(w) >= 0 })) best = 2
      else if (!best && folded.every(function (w) { return nameWords.some(function (n) { return related(w, n) }) })) best = 1
    })
    return best
  }

  /** How many of each kind: ["methode", "methode", "start"] -> {methode: 2, start: 1}. */
  function countKinds(kinds) {
    var table = {}
    kinds.forEach(function (k) { table[k] = (table[k] || 0) + 1 })
    return table
  }

  /** The INFO for a query: the count and kinds, the suggestion, and the results after the first PAGE. */
  function infoData(query, total, kinds, kind, suggestion, items) {
    return {
      query: query, total: total, kinds: kinds, kind: kind, suggestion: suggestion,
      count: items.length, more: items.slice(PAGE)
    }
  }

  /* ---------------------------------------------------------------- Pagefind ------------------ */

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

  function relative(url) {
    return String(url || "").replace(/^\/+/, "")
  }

  /**
   * What Pagefind searches for a query's words: the words, the words joined, the corrected words;
   * and the "Bedoelde je" suggestion.
   */
  function pagefindQueries(words, vocabulary) {
    var fixed = correct(words, vocabulary)
    var join = joined(words, vocabulary)
    var queries = [words.join(" ")]
    if (join) queries.push(join)
    if (fixed) queries.push(fixed.join(" ").toLowerCase())
    var suggestion = fixed && fixed.join(" ") !== words.join(" ") ? fixed.join(" ") : null
    return { words: words, fixed: fixed, join: join, queries: queries, suggestion: suggestion }
  }

  /**
   * Pagefind's answers to the queries merged to one entry per page, {hit, tier, score}, best first:
   * by the tier of its names (the joined words at least 0.5, the corrected words half a tier below),
   * then by Pagefind's best score. `pages` is kennisbank-namen.json: id -> [location, title, kind, names].
   */
  function mergeHits(searches, plan, pages) {
    var found = {}
    searches.forEach(function (search, n) {
      if (!search) return
      search.results.forEach(function (hit) {
        var entry = pages[hit.id]
        var names = entry ? entry[3] : []
        var level = n === 0 ? tier(names, plan.words)
          : plan.queries[n] === plan.join ? Math.max(0.5, tier(names, [plan.join])) : tier(names, plan.fixed) - 0.5
        var seen = found[hit.id] || (found[hit.id] = { hit: hit, tier: -1, score: 0 })
        if (level > seen.tier) seen.tier = level
        if (hit.score > seen.score) { seen.score = hit.score; seen.hit = hit }
      })
    })
    var all = Object.keys(found).map(function (key) { return found[key] })
    all.sort(function (a, b) { return b.tier - a.tier || b.score - a.score })
    return all
  }

  /** A page Pagefind found as Material's group of items: the page, then up to SECTIONS sections. */
  function pagefindGroup(page, score, terms) {
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

  /**
   * The merged entries shown, as Material's groups: the first with their loaded page data (excerpts),
   * the rest by name. Scores are the order shown; Enter in the search box opens the highest.
   */
  function pagefindItems(shown, loaded, pages, terms) {
    var count = shown.length
    return shown.map(function (entry, i) {
      var score = count - i
      if (i < loaded.length) return pagefindGroup(loaded[i], score, terms)
      var page = pages[entry.hit.id] || ["", entry.hit.id, "", []]
      return [{ location: relative(page[0]), title: safe(page[1]), text: "", score: score, terms: terms }]
    })
  }

  /* ---------------------------------------------------------------- lunr (offline) ----------- */

  /** The names of each page from Material's documents: its title without the type's prefix, and its tags. */
  function namesOfDocuments(docs) {
    var names = {}
    ;(docs || []).forEach(function (doc) {
      if (/#/.test(doc.location)) return
      var title = plain(doc.title).replace(/^(Kennisbron \d+|Leerarrangement \d+|Reflector|Module): /, "")
      names[doc.location] = [title].concat(doc.tags || [])
    })
    return names
  }

  /**
   * What Material's lunr searches for a query (the query, the words joined, the corrected words) and
   * the context to rank its answer by.
   */
  function widen(query, separator, vocabulary) {
    var words = splitQuery(query, separator)
    var fixed = correct(words, vocabulary)
    var join = joined(words, vocabulary)
    return {
      search: [query].concat(join ? [join] : [], fixed ? [fixed.join(" ")] : []).join(" "),
      context: { query: query, words: words, fixed: fixed, join: join }
    }
  }

  /** Material's lunr answer ranked by names and filtered by kind: {items, total, kinds, suggestion, query}. */
  function rerank(result, context, names, kind) {
    var groups = (result.items || []).map(function (items, position) {
      var page = items.filter(function (item) { return !/#/.test(item.location) })[0] || items[0]
      var pageNames = names && names[page.location]
      var level = Math.max(
        tier(pageNames, context.words),
        context.join ? Math.min(tier(pageNames, [context.join]), 0.5) : 0,
        context.fixed ? tier(pageNames, context.fixed) - 0.5 : 0
      )
      return { items: items, tier: level, position: position, kind: kindOf(page.location) }
    })
    groups.sort(function (a, b) { return b.tier - a.tier || a.position - b.position })
    var kinds = countKinds(groups.map(function (g) { return g.kind }))
    var shown = groups.filter(function (g) { return !kind || g.kind === kind })
    var top = shown.length
    var items = shown.map(function (g, i) {
      // the order shown; Enter in the search box opens the highest score, sections stay below their page
      var scale = (top - i) / Math.max(g.items[0].score, 1e-9)
      return g.items.map(function (item) { return Object.assign({}, item, { score: item.score * scale }) })
    })
    var suggestion = context.fixed ? context.fixed.join(" ") : null
    // the joined and corrected words are ours: not "missing" from a page that lacks them
    var own = context.words.map(function (w) { return fold(w) })
    items.forEach(function (group) {
      group.forEach(function (item) {
        var terms = {}
        Object.keys(item.terms || {}).forEach(function (term) {
          var bare = fold(term.replace(/\*+/g, ""))
          if (own.some(function (w) { return related(bare, w) || related(w, bare) })) terms[term] = item.terms[term]
        })
        item.terms = terms
      })
    })
    return { items: items, total: groups.length, kinds: kinds, suggestion: suggestion, query: context.query }
  }

  var namespace = self.Kennisbank || (self.Kennisbank = {})
  namespace.search = {
    KINDS: KINDS, PAGE: PAGE, fold: fold, plain: plain, wordsOf: wordsOf, kindOf: kindOf, splitQuery: splitQuery,
    vocabularyOf: vocabularyOf, distance: distance, related: related, correct: correct, joined: joined, tier: tier,
    countKinds: countKinds, infoData: infoData, escape: escape, safe: safe, pagefindQueries: pagefindQueries,
    mergeHits: mergeHits, pagefindGroup: pagefindGroup, pagefindItems: pagefindItems,
    namesOfDocuments: namesOfDocuments, widen: widen, rerank: rerank
  }

  // In a page (a test's <script>), not a worker: the functions only.
  if (typeof self.importScripts !== "function") return

  /* ---------------------------------------------------------------- the worker --------------- */

  var here = (typeof document !== "undefined" && document.currentScript)
    ? document.currentScript.src
    : self.location.href
  var original = new URL(new URL(here).searchParams.get("material"), here).href
  var root = new URL("../../../", here)  // this file is assets/javascripts/workers/ under the site root
  var load = self.importScripts.bind(self)
  var post = self.postMessage.bind(self)
  var separator = SEPARATOR
  var config = null     // Pagefind: the search configuration, until the first query loads Pagefind
  var pagefind = null   // Pagefind: a promise of {module, pages}, made by the first query
  var names = null      // lunr: {location: [names]}, from the documents Material receives
  var vocabulary = null // folded word of a name -> the word as written
  var kind = ""
  var lastQuery = ""
  var pending = []      // lunr: the context of each query sent to Material, in order
  var latest = 0

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

  // After Material's RESULT (the first PAGE results): the count, the kinds, the suggestion, and the
  // results after the first PAGE, which the page shows behind "Meer resultaten".
  function info(query, total, kinds, suggestion, items) {
    post({ type: INFO, data: infoData(query, total, kinds, kind, suggestion, items) })
  }

  function startPagefind() {
    if (pagefind) return pagefind
    var base = new URL(config.pagefind, root).href
    var module = import(base + "pagefind.js").then(function (module) {
      // pageLength 0: no penalty for long pages, as Material gives lunr (b = 0); the reference pages
      // (eindtermen, begrippen) are long and should still come first for their headings.
      return module.options({ basePath: base, baseUrl: "/", excerptLength: 24, ranking: { pageLength: 0 } })
        .then(function () { return module.init() })
        .then(function () { return module })
    })
    var directory = fetch(base + "kennisbank-namen.json").then(function (response) {
      if (!response.ok) throw new Error("kennisbank-namen.json: " + response.status)
      return response.json()
    })
    pagefind = Promise.all([module, directory]).then(function (both) {
      var table = {}
      Object.keys(both[1]).forEach(function (id) { table[id] = both[1][id][3] })
      vocabulary = vocabularyOf(table)
      return { module: both[0], pages: both[1] }
    })
    pagefind.catch(function (error) { console.warn("Zoeken: Pagefind kon niet laden", error) })
    return pagefind
  }

  function answerPagefind(query) {
    var id = ++latest
    var words = splitQuery(query, separator)
    var reply = function (items, total, kinds, suggestion) {
      if (id !== latest) return
      post({ type: RESULT, data: { items: items.slice(0, PAGE) } })
      info(query, total, kinds, suggestion, items)
    }
    if (!words.length) return reply([], 0, {}, null)
    var terms = {}
    words.forEach(function (word) { terms[word] = true })
    startPagefind()
      .then(function (engine) {
        if (id !== latest) return null
        var plan = pagefindQueries(words, vocabulary)
        return Promise.all(plan.queries.map(function (q) { return engine.module.search(q) })).then(function (searches) {
          if (id !== latest) return null
          var all = mergeHits(searches, plan, engine.pages)
          var kindOfEntry = function (entry) {
            var page = engine.pages[entry.hit.id]
            return page ? page[2] : ""
          }
          var kinds = countKinds(all.map(kindOfEntry))
          var shown = all.filter(function (entry) { return !kind || kindOfEntry(entry) === kind })
          var first = shown.slice(0, EXCERPTS)
          return Promise.all(first.map(function (entry) { return entry.hit.data() })).then(function (loaded) {
            reply(pagefindItems(shown, loaded, engine.pages, terms), all.length, kinds, plan.suggestion)
          })
        })
      })
      .catch(function (error) {
        console.warn("Zoeken: Pagefind gaf een fout", error)
        reply([], 0, {}, null)
      })
  }

  // What Material's lunr is sent for a query; the context to rank its answer by waits in `pending`.
  function widenForLunr(query) {
    var widened = widen(query, separator, vocabulary)
    pending.push(widened.context)
    return widened.search
  }

  function loadMaterial() {
    var result = load(original)
    self.postMessage = function (message) {
      if (message && message.type === RESULT && message.data) {
        var context = pending.shift() || { query: lastQuery, words: splitQuery(lastQuery, separator), fixed: null, join: null }
        var ranked = rerank(message.data, context, names, kind)
        post({ type: RESULT, data: Object.assign({}, message.data, { items: ranked.items.slice(0, PAGE) }) })
        info(ranked.query, ranked.total, ranked.kinds, ranked.suggestion, ranked.items)
        return
      }
      post(message)
    }
    return result
  }

  /* ---------------------------------------------------------------- messages ----------------- */

  var redispatching = false
  // Registered before Material's worker, so a message meant for Pagefind never reaches lunr.
  self.addEventListener("message", function (event) {
    if (redispatching) return
    var message = event.data || {}
    if (message.type === SETUP && message.data && message.data.config && message.data.config.pagefind) {
      event.stopImmediatePropagation()
      config = message.data.config
      try { separator = new RegExp(config.separator) } catch (error) { /* keep the default */ }
      post({ type: READY })
    } else if (message.type === SETUP) {
      // lunr: Material's worker is loaded now, and gets this message once it listens
      event.stopImmediatePropagation()
      try { separator = new RegExp(message.data.config.separator) } catch (error) { /* keep the default */ }
      names = namesOfDocuments(message.data && message.data.docs)
      vocabulary = vocabularyOf(names)
      var loaded = loadMaterial()
      var deliver = function () {
        redispatching = true
        try { self.dispatchEvent(new MessageEvent("message", { data: message })) } finally { redispatching = false }
      }
      if (loaded && typeof loaded.then === "function") loaded.then(deliver)
      else deliver()
    } else if (message.type === QUERY) {
      lastQuery = String(message.data || "")
      if (config) {
        event.stopImmediatePropagation()
        answerPagefind(lastQuery)
      } else {
        message.data = widenForLunr(lastQuery)
      }
    } else if (message.type === KIND) {
      event.stopImmediatePropagation()
      kind = String(message.data || "")
      if (config) answerPagefind(lastQuery)
      else {
        redispatching = true
        try { self.dispatchEvent(new MessageEvent("message", { data: { type: QUERY, data: widenForLunr(lastQuery) } })) } finally { redispatching = false }
      }
    }
  })

  self.importScripts = function () {
    var result = load.apply(self, arguments)
    if (result && typeof result.then === "function")
      return result.then(function (value) { patchDutch(); return value })
    patchDutch()
    return result
  }
})()
