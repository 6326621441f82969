/*
 * Dutch search for the kennisbank: loads Material's search worker unchanged, then fixes two things
 * for Dutch once Material has loaded the lunr language scripts:
 *
 * 1. Material appends a wildcard to every typed word ("casussen" -> "casussen*"), and lunr skips
 *    the stemmer for wildcard terms, so "casussen" never found "casus". Query words are stemmed
 *    here first and keep their wildcard ("casussen*" -> "casus*").
 * 2. The Snowball stemmer leaves a doubled final consonant ("casussen" -> "casuss"), and accents
 *    other than the common Dutch ones stay; both are folded away, on the index and on the query.
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

  self.importScripts = function () {
    var result = load.apply(self, arguments)
    if (result && typeof result.then === "function")
      return result.then(function (value) { patchDutch(); return value })
    patchDutch()
    return result
  }
  load(original)
})()
