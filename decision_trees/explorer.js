/* decision_trees explorer: the evaluator (same semantics as Tree.evaluate / next_question) and the page.
   Plain JavaScript, no build step, no network. Tree texts are inserted as text only, never as HTML. */
"use strict";
(function (root) {
  // ------------------------------------------------------------------------------------------
  // The evaluator: an interpreter of the JSON program compiled by decision_trees.explorer_page.

  var UNKNOWN = { unknown: true };

  function AnswerError(status, fields) {
    this.status = status;
    for (var k in fields) this[k] = fields[k];
  }

  function decodeNumber(x) {
    if (x === null || typeof x !== "object") return x;
    if (typeof x.$big === "string") return BigInt(x.$big);
    if (typeof x.$float === "string") return Number(x.$float); // NaN and the infinities
    return x;
  }
  function isNumber(v) {
    return (typeof v === "number" && isFinite(v)) || typeof v === "bigint";
  }
  function isWhole(v) {
    return typeof v === "bigint" || (typeof v === "number" && Number.isInteger(v));
  }
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
  function isDate(text) {
    var m = DATE.exec(text);
    if (!m) return false;
    var y = +m[1], mo = +m[2], d = +m[3];
    if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
    var days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return d <= days[mo - 1];
  }
  function show(v) {
    if (v === UNKNOWN) return "UNKNOWN";
    if (typeof v === "bigint") return v.toString();
    if (v instanceof Set) return JSON.stringify(Array.from(v).sort());
    try { return JSON.stringify(v); } catch (e) { return String(v); }
  }
  function invalid(key, value, reason) {
    return new AnswerError("invalid", { input: key, reason: reason, value: show(value) });
  }

  /* Check one answer against its input and return its typed form (as coerce_answer does). */
  function coerce(key, decl, value) {
    if (value === UNKNOWN || (value === "unknown" && decl.type !== "text")) {
      if (decl.unknown) return UNKNOWN;
      throw invalid(key, value, "this input does not accept 'unknown'");
    }
    var t = decl.type;
    if (t === "boolean") {
      if (value === true || value === false) return value;
      throw invalid(key, value, "expected true or false");
    }
    if (t === "enum") {
      if (typeof value === "string" && decl.values.indexOf(value) >= 0) return value;
      throw invalid(key, value, "expected one of " + decl.values.join(", "));
    }
    if (t === "set") {
      if (value instanceof Set) value = Array.from(value);
      if (!Array.isArray(value)) throw invalid(key, value, "expected a list of values");
      var bad = [], items = new Set();
      value.forEach(function (v) {
        if (typeof v === "string" && decl.values.indexOf(v) >= 0) items.add(v);
        else if (bad.indexOf(String(v)) < 0) bad.push(String(v));
      });
      if (bad.length) throw invalid(key, value, bad.sort().join(", ") + " not among " + decl.values.join(", "));
      return items;
    }
    if (t === "number" || t === "integer") {
      value = decodeNumber(value);
      if (t === "integer" && !isWhole(value)) throw invalid(key, value, "expected a whole number");
      if (typeof value !== "number" && typeof value !== "bigint") throw invalid(key, value, "expected a number");
      if (!isNumber(value)) throw invalid(key, value, "expected a finite number");
      return bounded(key, value, decodeNumber(decl.min), decodeNumber(decl.max));
    }
    if (t === "date") {
      if (typeof value !== "string" || !isDate(value)) throw invalid(key, value, "expected a date (YYYY-MM-DD)");
      return bounded(key, value, decl.min, decl.max);
    }
    if (typeof value !== "string") throw invalid(key, value, "expected text");
    if (value.length > decl.max_length) throw invalid(key, value, "longer than " + decl.max_length + " characters");
    return value;
  }
  function bounded(key, value, low, high) {
    if (low !== null && low !== undefined && value < low) throw invalid(key, value, "below the minimum " + low);
    if (high !== null && high !== undefined && value > high) throw invalid(key, value, "above the maximum " + high);
    return value;
  }

  function same(a, b) {
    return typeof a === typeof b ? a === b : isNumber(a) && isNumber(b) && a == b; // eslint-disable-line eqeqeq
  }
  function member(v, list) {
    for (var i = 0; i < list.length; i++) if (same(v, list[i])) return true;
    return false;
  }

  /* One test on one checked value (compile_test). UNKNOWN satisfies only is_unknown: true. */
  function holds(op, x, v) {
    if (op === "is_unknown") return x ? v === UNKNOWN : v !== UNKNOWN;
    if (v === UNKNOWN) return false;
    switch (op) {
      case "equals": return same(v, x);
      case "not_equals": return !same(v, x);
      case "one_of": return member(v, x);
      case "none_of": return !member(v, x);
      case "lt": return v < x;
      case "le": return v <= x;
      case "gt": return v > x;
      case "ge": return v >= x;
      case "between": return x[0] <= v && v <= x[1];
      case "contains_any": return x.some(function (e) { return v.has(e); });
      case "contains_all": return x.every(function (e) { return v.has(e); });
      case "contains_none": return !x.some(function (e) { return v.has(e); });
    }
    throw new Error("unknown operator " + op);
  }

  function decodeOperands(cond) {
    if (cond[0] === "test") {
      var x = cond[3];
      cond[3] = Array.isArray(x) ? x.map(decodeNumber) : decodeNumber(x);
    } else if (cond[0] === "all" || cond[0] === "any") cond[1].forEach(decodeOperands);
    else if (cond[0] === "not") decodeOperands(cond[1]);
    else if (cond[0] === "at_least") cond[2].forEach(decodeOperands);
  }

  function Evaluator(program) {
    this.program = program;
    var nodes = program.nodes;
    Object.keys(nodes).forEach(function (id) {
      var n = nodes[id];
      if (n.kind === "question") n.when.forEach(decodeOperands);
      else if (n.kind === "rule") decodeOperands(n.cond);
    });
  }

  function has(obj, key) { return Object.prototype.hasOwnProperty.call(obj, key); }

  /* Walk the tree for `answers` (plain JSON answers). Returns
     {status: "decided", outcome, path, read: [[input, json value]...]}, or
     {status: "missing", input, node, path}, {status: "invalid", input, reason, value},
     {status: "no_branch", node, input, value}. */
  Evaluator.prototype.evaluate = function (answers) {
    var program = this.program, inputs = program.inputs, nodes = program.nodes;
    var keys = Object.keys(answers);
    for (var i = 0; i < keys.length; i++) {
      if (!has(inputs, keys[i])) {
        var close = closeMatch(keys[i], Object.keys(inputs));
        return { status: "invalid", input: keys[i], value: show(answers[keys[i]]),
          reason: "the tree has no such input" + (close ? "; did you mean '" + close + "'?" : "") };
      }
    }
    var read = [], readSet = {}, checked = {};
    function value(key, node) {
      if (!has(answers, key)) throw new AnswerError("missing", { input: key, node: node });
      if (!has(readSet, key)) { readSet[key] = true; read.push(key); }
      if (!has(checked, key)) checked[key] = coerce(key, inputs[key], answers[key]);
      return checked[key];
    }
    function cond(c, node) {
      switch (c[0]) {
        case "test": return holds(c[2], c[3], value(c[1], node));
        case "rule": return cond(nodes[c[1]].cond, c[1]);
        case "not": return !cond(c[1], node);
        case "all":
          for (var a = 0; a < c[1].length; a++) if (!cond(c[1][a], node)) return false;
          return true;
        case "any":
          for (var b = 0; b < c[1].length; b++) if (cond(c[1][b], node)) return true;
          return false;
        case "at_least":
          var k = c[1], parts = c[2], n = parts.length, count = 0;
          for (var j = 0; j < n; j++) {
            if (count >= k || count + (n - j) < k) break;
            if (cond(parts[j], node)) count++;
          }
          return count >= k;
      }
      throw new Error("unknown condition " + c[0]);
    }
    var path = [], held = [], id = program.start, steps = 0, limit = Object.keys(nodes).length + 1;
    try {
      for (;;) {
        var node = nodes[id];
        path.push(id);
        if (node.kind === "outcome") break;
        if (++steps > limit) throw new Error("the tree has a cycle");
        if (node.kind === "rule") {
          var ok = cond(node.cond, id);
          if (ok) held.push(id);
          id = ok ? node.then : node["else"];
          continue;
        }
        var v = value(node.input, id), next = null;
        for (var w = 0; w < node.when.length; w++) {
          if (cond(node.when[w], id)) { next = node.next[w]; break; }
        }
        if (next === null) {
          if (node.otherwise === null) {
            throw new AnswerError("no_branch", { node: id, input: node.input, value: v });
          }
          next = node.otherwise;
        }
        id = next;
      }
    } catch (e) {
      if (!(e instanceof AnswerError)) throw e;
      e.path = path;
      if (program.tables) e.held = held;
      return e;
    }
    var decided = { status: "decided", outcome: id, path: path,
      read: read.map(function (key) { return [key, toJSON(checked[key])]; }) };
    if (program.tables) { decided.outputs = this.outputs(path, held); decided.held = held; }
    return decided;
  };

  /* What the value tables on the path produce (table id -> {value, rows}), as Decision.outputs:
     the rows that held are the table's rules taken with "then"; the rest is DMN's hit policy. */
  Evaluator.prototype.outputs = function (path, held) {
    var tables = this.program.tables, out = {}, on = {}, yes = {};
    path.forEach(function (n) { on[n] = true; });
    held.forEach(function (n) { yes[n] = true; });
    Object.keys(tables).forEach(function (tid) {
      var t = tables[tid];
      if (!t.rows.some(function (r) { return r.node !== null && on[r.node]; })) return;
      // a row without a node matches everything: it holds whenever the table is reached
      var hits = t.rows.filter(function (r) { return r.node === null || yes[r.node]; });
      out[tid] = { value: tableValue(t, hits), rows: hits.map(function (r) { return r.order; }) };
    });
    return out;
  };

  function byRank(a, b) {
    for (var i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i] - b.rank[i];
    return a.order - b.order;
  }

  function tableValue(t, hits) {
    if (!hits.length) return t.empty;
    if (t.policy === "UNIQUE" || t.policy === "ANY" || t.policy === "FIRST") return hits[0].value;
    if (t.policy === "PRIORITY") return hits.slice().sort(byRank)[0].value;
    if (t.policy === "OUTPUT ORDER") hits = hits.slice().sort(byRank);
    var values = hits.map(function (r) { return r.value; });
    if (!t.agg) return values;
    if (t.agg === "COUNT") return values.length;
    if (t.agg === "MIN") return Math.min.apply(null, values);
    if (t.agg === "MAX") return Math.max.apply(null, values);
    return decimalSum(values);
  }

  /* The exact sum of decimal numbers (as FEEL adds them), e.g. 0.1 + 0.2 = 0.3. */
  function decimalSum(xs) {
    var texts = xs.map(String), scale = 0;
    if (texts.some(function (s) { return /e/i.test(s); })) return xs.reduce(function (a, b) { return a + b; }, 0);
    texts.forEach(function (s) { scale = Math.max(scale, (s.split(".")[1] || "").length); });
    var total = BigInt(0);
    texts.forEach(function (s) {
      var minus = s.charAt(0) === "-", parts = (minus ? s.slice(1) : s).split(".");
      var units = BigInt(parts[0] + (parts[1] || "").padEnd(scale, "0"));
      total += minus ? -units : units;
    });
    var sign = total < BigInt(0) ? "-" : "", digits = (total < BigInt(0) ? -total : total).toString();
    if (!scale) return Number(sign + digits);
    digits = digits.padStart(scale + 1, "0");
    return Number(sign + digits.slice(0, -scale) + "." + digits.slice(-scale));
  }

  /* The first answer the path still needs: {node, input}, or null when the answers decide. */
  Evaluator.prototype.nextQuestion = function (answers) {
    var r = this.evaluate(answers);
    return r.status === "missing" ? { node: r.node, input: r.input } : null;
  };

  function toJSON(v) {
    if (v === UNKNOWN) return "unknown";
    if (v instanceof Set) return Array.from(v).sort();
    if (typeof v === "bigint") {
      return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : { $big: v.toString() };
    }
    return v;
  }

  /* difflib.get_close_matches(word, options, n=1) in spirit: the most similar option above 0.6. */
  function closeMatch(word, options) {
    var best = null, bestScore = 0.6;
    options.forEach(function (o) {
      var m = lcs(word, o), score = (2 * m) / (word.length + o.length);
      if (score >= bestScore && (best === null || score > bestScore)) { best = o; bestScore = score; }
    });
    return best;
  }
  function lcs(a, b) {
    var prev = new Array(b.length + 1).fill(0);
    for (var i = 1; i <= a.length; i++) {
      var cur = [0];
      for (var j = 1; j <= b.length; j++) {
        cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
      }
      prev = cur;
    }
    return prev[b.length];
  }

  var api = { Evaluator: Evaluator, UNKNOWN: UNKNOWN, coerce: coerce, toJSON: toJSON };
  if (typeof module === "object" && module.exports) module.exports = api;
  root.DecisionTreeEvaluator = api;
})(typeof window !== "undefined" ? window : globalThis);

/* The page: questionnaire, result, drawing. Every text from the tree goes in as text (textContent). */
(function () {
  if (typeof document === "undefined") return;
  var dataElement = document.getElementById("tree-data");
  if (!dataElement) return;
  var API = window.DecisionTreeEvaluator;
  var DATA = JSON.parse(dataElement.textContent);
  var PROGRAM = DATA.program, TEXTS = DATA.texts;
  var ROW_TABLE = {};  // a value table's row -> its table
  Object.keys(PROGRAM.tables || {}).forEach(function (tid) {
    PROGRAM.tables[tid].rows.forEach(function (r) { ROW_TABLE[r.node] = tid; });
  });
  var evaluator = new API.Evaluator(PROGRAM);

  var WORDS = {
    questions: { nl: "Vragen", en: "Questions" },
    result: { nl: "Uitkomst", en: "Result" },
    browse: { nl: "Beslisboom bekijken", en: "Browse the tree" },
    language: { nl: "Taal", en: "Language" },
    next: { nl: "Volgende", en: "Next" },
    back: { nl: "Vorige", en: "Back" },
    forward: { nl: "Vooruit", en: "Forward" },
    restart: { nl: "Opnieuw beginnen", en: "Start again" },
    yes: { nl: "ja", en: "yes" },
    no: { nl: "nee", en: "no" },
    unknown: { nl: "weet ik niet", en: "I don't know" },
    unknownShort: { nl: "onbekend", en: "unknown" },
    sources: { nl: "Bronnen", en: "Sources" },
    help: { nl: "Toelichting", en: "Explanation" },
    question: { nl: "Vraag", en: "Question" },
    answered: { nl: "beantwoord", en: "answered" },
    progress: { nl: "Voortgang", en: "Progress" },
    permitted: { nl: "Toegestaan", en: "Permitted" },
    desirable: { nl: "Wenselijk", en: "Desirable" },
    notAssessed: { nl: "niet beoordeeld", en: "not assessed" },
    severity: { nl: "zwaarte", en: "severity" },
    Severity: { nl: "Zwaarte", en: "Severity" },
    measures: { nl: "Maatregelen", en: "Measures" },
    nextSteps: { nl: "Vervolgstappen", en: "Next steps" },
    path: { nl: "De weg door de beslisboom", en: "The path through the tree" },
    why: { nl: "Waarom", en: "Why" },
    answer: { nl: "Antwoord", en: "Answer" },
    holds: { nl: "geldt", en: "holds" },
    fails: { nl: "geldt niet", en: "does not hold" },
    otherwise: { nl: "geen van de genoemde antwoorden", en: "none of the listed answers" },
    whatIf: { nl: "Wat als", en: "What if" },
    whatIfIntro: {
      nl: "Eén ander antwoord dat tot een andere uitkomst leidt (de andere antwoorden gelijk):",
      en: "One different answer that leads to another outcome (the other answers unchanged):"
    },
    ifWere: { nl: "Als het antwoord op", en: "If the answer to" },
    had: { nl: "was geweest:", en: "had been:" },
    then: { nl: "dan:", en: "then:" },
    noWhatIf: { nl: "Geen enkel ander antwoord op één vraag verandert de uitkomst.", en: "No single other answer changes the outcome." },
    download: { nl: "Antwoorden opslaan", en: "Save answers" },
    load: { nl: "Antwoorden laden (YAML of JSON)", en: "Load answers (YAML or JSON)" },
    print: { nl: "Afdrukken", en: "Print" },
    loaded: { nl: "Antwoorden geladen.", en: "Answers loaded." },
    loadFailed: { nl: "Dit bestand kan niet worden gelezen:", en: "This file cannot be read:" },
    invalid: { nl: "Dit antwoord is niet geldig:", en: "This answer is not valid:" },
    choose: { nl: "Kies een antwoord.", en: "Choose an answer." },
    noDrawing: {
      nl: "De tekening ontbreekt: Graphviz (dot) was niet geïnstalleerd toen deze pagina werd gemaakt. Het overzicht hieronder werkt wel.",
      en: "The drawing is missing: Graphviz (dot) was not installed when this page was made. The outline below still works."
    },
    zoomIn: { nl: "Inzoomen", en: "Zoom in" },
    zoomOut: { nl: "Uitzoomen", en: "Zoom out" },
    fit: { nl: "Passend maken", en: "Fit" },
    drawingHelp: {
      nl: "Slepen of pijltjestoetsen: verschuiven; + en −: zoomen. Klik of kies een knooppunt (Tab, Enter) om de details te zien. De weg tot nu toe is gemarkeerd.",
      en: "Drag or arrow keys: pan; + and −: zoom. Click or pick a node (Tab, Enter) to see its details. The path so far is highlighted."
    },
    outline: { nl: "Overzicht per onderdeel", en: "Outline by section" },
    lists: { nl: "Referentiegegevens", en: "Reference data" },
    noSection: { nl: "Overig", en: "Other" },
    details: { nl: "Details van het gekozen knooppunt", en: "Details of the chosen node" },
    pickNode: { nl: "Kies een knooppunt in de tekening of het overzicht.", en: "Choose a node in the drawing or the outline." },
    branches: { nl: "Uitgangen", en: "Ways out" },
    goesTo: { nl: "gaat naar", en: "goes to" },
    thenGo: { nl: "zo ja", en: "if so" },
    elseGo: { nl: "zo nee", en: "if not" },
    condition: { nl: "Voorwaarde", en: "Condition" },
    namedRule: { nl: "Benoemde regel (gebruikt door andere regels)", en: "Named rule (used by other rules)" },
    onPath: { nl: "op de weg van dit geval", en: "on this case's path" },
    provenance: { direct: { nl: "letterlijk", en: "direct" }, adapted: { nl: "vrij weergegeven", en: "adapted" }, synthesis: { nl: "eigen synthese", en: "synthesis" } },
    version: { nl: "versie", en: "version" },
    offline: { nl: "Deze pagina werkt offline en verstuurt niets.", en: "This page works offline and sends nothing." },
    decidedBy: { nl: "Beslist met", en: "Decided with" },
    tableResults: { nl: "Uitkomsten van de tabellen", en: "Table results" },
    gives: { nl: "levert op", en: "gives" }
  };

  var state = { lang: DATA.lang === "en" ? "en" : "nl", answers: {}, history: [], future: [], remembered: {},
    view: "questions", selected: null, message: null };
  var readyMark = null;

  function w(key) { return WORDS[key][state.lang]; }
  function tx(text) { return text ? text[state.lang] : ""; }
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      if (attrs[k] === null || attrs[k] === undefined || attrs[k] === false) continue;
      if (k === "text") e.textContent = attrs[k];
      else if (k === "className") e.className = attrs[k];
      else e.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
    }
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) return;
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }

  // -- texts of answers --------------------------------------------------------------------
  function valueText(key, value) {
    var decl = PROGRAM.inputs[key], texts = TEXTS.inputs[key];
    if (value === "unknown" && decl.type !== "text") return w("unknownShort");
    if (decl.type === "boolean") return value ? w("yes") : w("no");
    if (decl.type === "enum") return texts.values[value] ? tx(texts.values[value]) : String(value);
    if (decl.type === "set") {
      return value.length ? value.map(function (v) { return texts.values[v] ? tx(texts.values[v]) : v; }).join(", ") : "—";
    }
    if (value !== null && typeof value === "object" && value.$big) return value.$big + (texts.unit ? " " + texts.unit : "");
    return String(value) + (texts.unit ? " " + texts.unit : "");
  }
  function askText(ask) {
    var node = TEXTS.nodes[ask.node];
    if (node.kind === "question") return { text: node.text, help: node.help, sources: node.sources.concat(TEXTS.inputs[ask.input].sources) };
    var input = TEXTS.inputs[ask.input];
    return { text: input.label, help: input.help, sources: input.sources.concat(node.sources) };
  }
  function nodeTitle(id) {
    var n = TEXTS.nodes[id];
    return tx(n.kind === "outcome" ? n.label : n.text);
  }

  function sourcesList(sources) {
    if (!sources || !sources.length) return null;
    var seen = {}, items = [];
    sources.forEach(function (s) {
      var section = tx(s.section);
      var key = s.id + "|" + section;
      if (seen[key]) return;
      seen[key] = true;
      var parts = [tx(s.title)];
      if (s.publisher) parts.push(tx(s.publisher));
      if (section) parts.push(section);
      if (s.date) parts.push(s.date);
      var li = el("li", null, [parts.join(", ") + " (" + WORDS.provenance[s.provenance][state.lang] + ")"]);
      if (s.url) li.appendChild(el("span", { className: "url", text: " " + s.url }));
      items.push(li);
    });
    return el("details", { className: "sources" }, [el("summary", { text: w("sources") }), el("ul", null, items)]);
  }

  // -- longest remaining number of questions, for the progress bar ---------------------------
  var depthMemo = {};
  function remaining(id) {
    if (depthMemo[id] !== undefined) return depthMemo[id];
    var n = PROGRAM.nodes[id], d = 0;
    if (n.kind === "question") {
      n.next.concat(n.otherwise ? [n.otherwise] : []).forEach(function (t) { d = Math.max(d, remaining(t)); });
      d += 1;
    } else if (n.kind === "rule") {
      d = n.then ? Math.max(remaining(n.then), remaining(n["else"])) : 0;
    }
    depthMemo[id] = d;
    return d;
  }

  // -- the answer controls -------------------------------------------------------------------
  function control(key, current, describedBy) {
    var decl = PROGRAM.inputs[key], texts = TEXTS.inputs[key];
    var box = el("div", { className: "control" });
    var name = "answer-" + key;
    function radio(value, label, checked) {
      var id = name + "-" + box.childNodes.length;
      var input = el("input", { type: "radio", name: name, id: id, value: JSON.stringify(value), checked: checked });
      return el("div", { className: "choice" }, [input, el("label", { "for": id, text: label })]);
    }
    var isUnknown = current === "unknown";
    if (decl.type === "boolean" || decl.type === "enum") {
      var options = decl.type === "boolean" ? [[true, w("yes")], [false, w("no")]]
        : decl.values.map(function (v) { return [v, tx(texts.values[v])]; });
      options.forEach(function (o) { box.appendChild(radio(o[0], o[1], current === o[0])); });
      if (decl.unknown) box.appendChild(radio("unknown", w("unknown"), isUnknown));
      box.read = function () {
        var chosen = box.querySelector("input:checked");
        return chosen ? { value: JSON.parse(chosen.value) } : { error: w("choose") };
      };
      return box;
    }
    var unknownBox = null;
    if (decl.type === "set") {
      decl.values.forEach(function (v, i) {
        var id = name + "-" + i;
        var checked = Array.isArray(current) && current.indexOf(v) >= 0;
        box.appendChild(el("div", { className: "choice" }, [
          el("input", { type: "checkbox", id: id, value: v, checked: checked, "data-value": "1" }),
          el("label", { "for": id, text: tx(texts.values[v]) })]));
      });
    } else {
      var attrs = { id: name, name: name, "aria-describedby": describedBy };
      if (decl.type === "date") attrs.type = "date";
      else if (decl.type === "text") attrs.type = "text";
      else { attrs.type = "number"; attrs.step = decl.type === "integer" ? "1" : "any"; attrs.inputmode = decl.type === "integer" ? "numeric" : "decimal"; }
      var minimum = decl.min, maximum = decl.max;
      if (minimum !== undefined && minimum !== null) attrs.min = typeof minimum === "object" ? minimum.$big : minimum;
      if (maximum !== undefined && maximum !== null) attrs.max = typeof maximum === "object" ? maximum.$big : maximum;
      if (current !== undefined && current !== "unknown") attrs.value = typeof current === "object" && current ? current.$big : current;
      var label = TEXTS.inputs[key].label;
      box.appendChild(el("label", { "for": name, className: "field-label", text: tx(label) + (texts.unit ? " (" + texts.unit + ")" : "") }));
      box.appendChild(el("input", attrs));
    }
    if (decl.unknown) {
      var uid = name + "-unknown";
      unknownBox = el("input", { type: "checkbox", id: uid, checked: isUnknown });
      box.appendChild(el("div", { className: "choice unknown" }, [unknownBox, el("label", { "for": uid, text: w("unknown") })]));
    }
    box.read = function () {
      if (unknownBox && unknownBox.checked) return { value: "unknown" };
      if (decl.type === "set") {
        return { value: Array.prototype.map.call(box.querySelectorAll("input[data-value]:checked"), function (c) { return c.value; }) };
      }
      var raw = box.querySelector("#" + CSS.escape(name)).value.trim();
      if (raw === "") return { error: w("choose") };
      if (decl.type === "number" || decl.type === "integer") {
        if (decl.type === "integer" && /^-?\d+$/.test(raw)) {
          var big = BigInt(raw);
          return { value: big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : { $big: raw } };
        }
        var number = Number(raw);
        return isFinite(number) ? { value: number } : { error: w("invalid") + " " + raw };
      }
      return { value: raw };
    };
    return box;
  }

  // -- evaluation helpers --------------------------------------------------------------------
  function current() { return evaluator.evaluate(state.answers); }

  function setAnswer(key, value) {
    var same = state.future.length && state.future[state.future.length - 1][0] === key &&
      JSON.stringify(state.future[state.future.length - 1][1]) === JSON.stringify(value);
    if (same) state.future.pop(); else state.future = [];
    state.answers[key] = value;
    state.remembered[key] = value;
    state.history.push(key);
  }
  function back() {
    var key = state.history.pop();
    if (key === undefined) return;
    state.future.push([key, state.answers[key]]);
    delete state.answers[key];
    state.view = "questions";
    render(true);
  }
  function forward() {
    var step = state.future.pop();
    if (!step) return;
    state.answers[step[0]] = step[1];
    state.history.push(step[0]);
    render(true);
  }

  // -- the page frame ------------------------------------------------------------------------
  var app = document.getElementById("app");
  var main, live, tabs = {}, svgBox = null, svgRoot = null, svgNodes = {}, svgEdges = {};

  function frame() {
    clear(app);
    document.documentElement.lang = state.lang;
    document.title = tx(TEXTS.title);
    var header = el("header", { className: "top" }, [
      el("h1", { text: tx(TEXTS.title) }),
      el("p", { className: "meta", text: TEXTS.id + " · " + w("version") + " " + TEXTS.version + " · " + w("offline") })
    ]);
    var langSelect = el("select", { id: "lang" }, [
      el("option", { value: "nl", text: "Nederlands", selected: state.lang === "nl", lang: "nl" }),
      el("option", { value: "en", text: "English", selected: state.lang === "en", lang: "en" })
    ]);
    langSelect.addEventListener("change", function () { state.lang = langSelect.value; render(false); });
    header.appendChild(el("div", { className: "lang" }, [el("label", { "for": "lang", text: w("language") + " " }), langSelect]));
    var nav = el("nav", { "aria-label": w("questions") + " / " + w("browse") }, []);
    ["questions", "result", "browse"].forEach(function (view) {
      var b = el("button", { type: "button", id: "tab-" + view, "aria-pressed": state.view === view ? "true" : "false", text: w(view) });
      b.addEventListener("click", function () { state.view = view; render(true); });
      tabs[view] = b;
      nav.appendChild(b);
    });
    header.appendChild(nav);
    app.appendChild(header);
    live = el("div", { className: "visually-hidden", "aria-live": "polite", id: "live" });
    app.appendChild(live);
    main = el("main", { id: "main", tabindex: "-1" });
    app.appendChild(main);
  }

  function render(focus) {
    frame();
    var result = current();
    if (state.view === "result" && result.status !== "decided") state.view = "questions";
    if (state.view === "questions" && result.status === "decided") state.view = "result";
    Object.keys(tabs).forEach(function (v) { tabs[v].setAttribute("aria-pressed", state.view === v ? "true" : "false"); });
    tabs.result.disabled = result.status !== "decided";
    if (state.view === "questions") questionView(result);
    else if (state.view === "result") resultView(result);
    else browseView(result);
    toolbar(result);
    if (focus) {
      var target = main.querySelector("h2");
      if (target) { target.setAttribute("tabindex", "-1"); target.focus(); }
    }
  }

  function progress(result) {
    var answered = state.history.length;
    var ahead = result.status === "missing" ? remaining(result.node) : 0;
    var total = answered + ahead;
    var bar = el("progress", { max: String(Math.max(total, 1)), value: String(answered), id: "progress", "aria-label": w("progress") });
    var words = w("question") + " " + (answered + 1) + " · " + answered + " " + w("answered");
    return el("div", { className: "progress" }, [bar, el("span", { text: words })]);
  }

  function questionView(result) {
    if (result.status === "invalid" || result.status === "no_branch") {
      main.appendChild(el("h2", { text: w("invalid") }));
      main.appendChild(el("p", { className: "error", text: (result.input || "") + ": " + (result.reason || "") }));
      return;
    }
    var ask = { node: result.node, input: result.input }, t = askText(ask);
    main.appendChild(progress(result));
    var form = el("form", { id: "question", novalidate: true, "data-input": ask.input, "data-node": ask.node });
    var helpId = "help-" + ask.input;
    var legend = el("legend", null, [el("h2", { text: tx(t.text) })]);
    var fieldset = el("fieldset", { "aria-describedby": t.help ? helpId : null }, [legend]);
    if (t.help) fieldset.appendChild(el("p", { id: helpId, className: "help", text: tx(t.help) }));
    var remembered = state.remembered[ask.input];
    var box = control(ask.input, remembered, t.help ? helpId : null);
    fieldset.appendChild(box);
    var error = el("p", { className: "error", id: "error", role: "alert" });
    fieldset.appendChild(error);
    form.appendChild(fieldset);
    var sources = sourcesList(t.sources);
    if (sources) form.appendChild(sources);
    var buttons = el("div", { className: "buttons" });
    var backButton = el("button", { type: "button", id: "back", text: "← " + w("back"), disabled: !state.history.length });
    backButton.addEventListener("click", back);
    var forwardButton = el("button", { type: "button", id: "forward", text: w("forward") + " →", disabled: !state.future.length || state.future[state.future.length - 1][0] !== ask.input });
    forwardButton.addEventListener("click", forward);
    buttons.appendChild(backButton);
    buttons.appendChild(el("button", { type: "submit", id: "next", className: "primary", text: w("next") }));
    buttons.appendChild(forwardButton);
    form.appendChild(buttons);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var got = box.read();
      if (got.error) { error.textContent = got.error; return; }
      try {
        API.coerce(ask.input, PROGRAM.inputs[ask.input], got.value);
      } catch (e) {
        error.textContent = w("invalid") + " " + e.reason;
        return;
      }
      var started = performance.now();
      setAnswer(ask.input, got.value);
      render(true);
      void app.offsetHeight; // include the layout in the measured time (bench/bench_explorer.py)
      window.__explorerLastUpdate = performance.now() - started;
    });
    main.appendChild(form);
    main.appendChild(pathList(result.path, false, result.held));
  }

  // -- the path, the why, and what-if --------------------------------------------------------
  function stepsOf(path, heldRules) {
    var steps = [], yes = null;
    if (heldRules) { yes = {}; heldRules.forEach(function (n) { yes[n] = true; }); }
    for (var i = 0; i < path.length; i++) {
      var id = path[i], node = PROGRAM.nodes[id], texts = TEXTS.nodes[id], next = path[i + 1];
      if (node.kind === "question") {
        var value = state.answers[node.input];
        if (value === undefined) continue;
        var branch = node.next.indexOf(next), label;
        // the first branch that holds (as the evaluator chose); fall back to otherwise
        var chosen = null;
        for (var b = 0; b < node.next.length; b++) if (node.next[b] === next) { chosen = b; break; }
        label = chosen !== null && branch >= 0 ? (tx(texts.branches[chosen].label) || tx(texts.branches[chosen].when)) : w("otherwise");
        steps.push({ id: id, kind: "question", text: tx(texts.text), answer: valueText(node.input, value), why: label, input: node.input });
      } else if (node.kind === "rule") {
        if (next === undefined) continue;
        var held = yes ? yes[id] === true : next === node.then;  // a collecting table's rows go on either way
        var gives = held && ROW_TABLE[id] ? w("gives") + ": " + tx(TEXTS.tables[ROW_TABLE[id]].gives[id]) : "";
        steps.push({ id: id, kind: "rule", text: tx(texts.text), answer: held ? w("holds") : w("fails"), why: tx(texts.cond), note: tx(texts.note), gives: gives });
      }
    }
    return steps;
  }

  function pathList(path, full, heldRules) {
    var steps = stepsOf(path, heldRules);
    var section = el("section", { className: "path", "aria-labelledby": "path-title" }, [el("h2", { id: "path-title", text: w("path") })]);
    if (!steps.length) return full ? section : el("div");
    var list = el("ol", { id: "path-steps" });
    steps.forEach(function (s) {
      var item = el("li", null, [el("span", { className: "step-text", text: s.text }), " ",
        el("strong", { className: "step-answer", text: s.kind === "question" ? w("answer") + ": " + s.answer : s.answer })]);
      if (full) {
        item.appendChild(el("p", { className: "why", text: (s.kind === "question" ? "→ " : w("condition") + ": ") + s.why }));
        if (s.note) item.appendChild(el("p", { className: "note", text: s.note }));
        if (s.gives) item.appendChild(el("p", { className: "gives", text: s.gives }));
      }
      list.appendChild(item);
    });
    section.appendChild(list);
    return section;
  }

  /* A table's result as the report words it: the rows' values, "; " between collected ones. */
  function outputText(tid, produced) {
    var t = TEXTS.tables[tid], value = produced.value;
    if (typeof value === "number" && PROGRAM.tables[tid].agg) {
      return state.lang === "nl" ? String(value).replace(".", ",") : String(value);
    }
    if (!produced.rows.length) return tx(t.empty);
    var shown = produced.rows.map(function (n) { return tx(t.rows[n]); });
    return Array.isArray(value) ? shown.join("; ") : shown[0];
  }

  function flag(value) { return value === null || value === undefined ? w("notAssessed") : value ? w("yes") : w("no"); }

  function resultView(result) {
    var o = TEXTS.nodes[result.outcome];
    var section = el("section", { className: "outcome sev-" + (o.severity >= 50 ? "high" : o.severity >= 20 ? "mid" : "low"), id: "outcome", "data-outcome": result.outcome });
    section.appendChild(el("h2", { text: w("result") + ": " + tx(o.label) }));
    section.appendChild(el("dl", null, [
      el("dt", { text: w("permitted") }), el("dd", { text: flag(o.permitted) }),
      el("dt", { text: w("desirable") }), el("dd", { text: flag(o.desirable) })
    ].concat(o.severity === null || o.severity === undefined ? [] : [el("dt", { text: w("Severity") }), el("dd", { text: String(o.severity) })])));
    if (o.description) section.appendChild(el("p", { text: tx(o.description) }));
    var produced = result.outputs ? Object.keys(result.outputs) : [];
    if (produced.length) {
      section.appendChild(el("h3", { text: w("tableResults") }));
      section.appendChild(el("ul", { id: "outputs" }, produced.map(function (tid) {
        return el("li", { "data-table": tid, text: tx(TEXTS.tables[tid].title) + ": " + outputText(tid, result.outputs[tid]) });
      })));
    }
    [["measures", o.measures], ["nextSteps", o.next_steps]].forEach(function (pair) {
      if (!pair[1].length) return;
      section.appendChild(el("h3", { text: w(pair[0]) }));
      section.appendChild(el("ul", null, pair[1].map(function (m) { return el("li", { text: tx(m) }); })));
    });
    var src = sourcesList(o.sources);
    if (src) section.appendChild(src);
    main.appendChild(section);
    var why = pathList(result.path, true, result.held);
    why.querySelector("h2").textContent = w("why") + " — " + w("path").toLowerCase();
    main.appendChild(why);
    var hints = el("section", { className: "what-if", id: "what-if", "aria-labelledby": "what-if-title", "aria-busy": "true" },
      [el("h2", { id: "what-if-title", text: w("whatIf") })]);
    main.appendChild(hints);
    setTimeout(function () { whatIf(result, hints); }, 0); // after the outcome is on screen
    var buttons = el("div", { className: "buttons" });
    var backButton = el("button", { type: "button", id: "back", text: "← " + w("back"), disabled: !state.history.length });
    backButton.addEventListener("click", back);
    var restart = el("button", { type: "button", id: "restart", text: w("restart") });
    restart.addEventListener("click", function () { state.answers = {}; state.history = []; state.future = []; state.view = "questions"; render(true); });
    buttons.appendChild(backButton);
    buttons.appendChild(restart);
    main.appendChild(buttons);
    main.appendChild(el("p", { className: "meta", text: w("decidedBy") + " " + TEXTS.id + " " + TEXTS.version + " (" + TEXTS.hash.slice(0, 19) + "…)" }));
  }

  /* One-answer changes that lead elsewhere: every other value of each answer read (a hint; the
     library's counterfactuals also combine changes). */
  function alternatives(key) {
    var decl = PROGRAM.inputs[key], out = [];
    if (decl.type === "boolean") out = [true, false];
    else if (decl.type === "enum") out = decl.values.slice();
    else if (decl.type === "set") {
      var have = state.answers[key];
      have = Array.isArray(have) ? have : [];
      decl.values.forEach(function (v) {
        var changed = have.indexOf(v) >= 0 ? have.filter(function (x) { return x !== v; }) : have.concat([v]).sort();
        out.push(changed);
      });
    }
    if (decl.unknown) out.push("unknown");
    return out;
  }
  function whatIf(result, section) {
    if (!section.isConnected) return;
    section.removeAttribute("aria-busy");
    var hints = [];
    result.read.forEach(function (pair) {
      var key = pair[0], given = JSON.stringify(state.answers[key]);
      alternatives(key).forEach(function (alt) {
        if (JSON.stringify(alt) === given) return;
        var changed = Object.assign({}, state.answers);
        changed[key] = alt;
        var r = evaluator.evaluate(changed);
        if (r.status === "decided" && r.outcome !== result.outcome) hints.push([key, alt, r.outcome]);
      });
    });
    if (!hints.length) { section.appendChild(el("p", { text: w("noWhatIf") })); return section; }
    section.appendChild(el("p", { text: w("whatIfIntro") }));
    section.appendChild(el("ul", null, hints.slice(0, 12).map(function (h) {
      return el("li", null, [w("ifWere") + " “" + tx(TEXTS.inputs[h[0]].label) + "” " + w("had") + " ",
        el("strong", { text: valueText(h[0], h[1]) }), " — " + w("then") + " ", el("strong", { text: tx(TEXTS.nodes[h[2]].label) })]);
    })));
    return section;
  }

  // -- browse: the drawing and the outline ---------------------------------------------------
  var view = { x: 0, y: 0, scale: 1 };
  function applyView() { if (svgRoot) svgRoot.style.transform = "translate(" + view.x + "px," + view.y + "px) scale(" + view.scale + ")"; }

  function prepareDrawing() {
    var template = document.getElementById("drawing-" + state.lang);
    if (!template) return null;
    var holder = el("div", { className: "drawing", id: "drawing", tabindex: "0", role: "region", "aria-label": w("browse") });
    holder.appendChild(document.importNode(template.content, true));
    svgRoot = holder.querySelector("svg");
    svgNodes = {}; svgEdges = {};
    Array.prototype.forEach.call(holder.querySelectorAll("g"), function (g) {
      var title = g.querySelector(":scope > title");
      if (!title) return;
      var cls = g.getAttribute("class") || "";
      if (/(^| )node( |$)/.test(cls) && PROGRAM.nodes[title.textContent]) {
        var id = title.textContent;
        svgNodes[id] = g;
        g.setAttribute("tabindex", "0");
        g.setAttribute("role", "button");
        var shown = Array.prototype.map.call(g.querySelectorAll("text"), function (t) { return t.textContent; }).join(" ");
        g.setAttribute("aria-label", shown || nodeTitle(id));
        g.addEventListener("click", function () { select(id, true); });
        g.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(id, true); } });
      } else if (/(^| )edge( |$)/.test(cls)) {
        svgEdges[title.textContent] = g;
      }
    });
    // tooltips of the renderer's links duplicate the panel; links must not navigate
    Array.prototype.forEach.call(holder.querySelectorAll("a"), function (a) { a.removeAttribute("href"); a.removeAttribute("xlink:href"); });
    var drag = null;
    holder.addEventListener("pointerdown", function (e) { drag = [e.clientX - view.x, e.clientY - view.y]; });
    holder.addEventListener("pointermove", function (e) { if (drag) { view.x = e.clientX - drag[0]; view.y = e.clientY - drag[1]; applyView(); } });
    ["pointerup", "pointerleave"].forEach(function (t) { holder.addEventListener(t, function () { drag = null; }); });
    holder.addEventListener("wheel", function (e) { e.preventDefault(); zoom(e.deltaY < 0 ? 1.2 : 1 / 1.2); }, { passive: false });
    holder.addEventListener("keydown", function (e) {
      var step = 60, handled = true;
      if (e.target !== holder) return;
      if (e.key === "ArrowLeft") view.x += step; else if (e.key === "ArrowRight") view.x -= step;
      else if (e.key === "ArrowUp") view.y += step; else if (e.key === "ArrowDown") view.y -= step;
      else if (e.key === "+" || e.key === "=") zoom(1.2); else if (e.key === "-") zoom(1 / 1.2);
      else handled = false;
      if (handled) { e.preventDefault(); applyView(); }
    });
    return holder;
  }
  function zoom(f) { view.scale = Math.min(8, Math.max(0.05, view.scale * f)); applyView(); }

  function highlight(path) {
    Object.keys(svgNodes).forEach(function (id) { svgNodes[id].classList.toggle("on-path", path.indexOf(id) >= 0); svgNodes[id].classList.toggle("selected", id === state.selected); });
    Object.keys(svgEdges).forEach(function (k) { svgEdges[k].classList.remove("on-path"); });
    for (var i = 0; i + 1 < path.length; i++) {
      var e = svgEdges[path[i] + "->" + path[i + 1]];
      if (e) e.classList.add("on-path");
    }
  }

  function centre(id) {
    var g = svgNodes[id], holder = document.getElementById("drawing");
    if (!g || !holder) return;
    var box = g.getBoundingClientRect(), frame = holder.getBoundingClientRect();
    view.x += frame.left + frame.width / 2 - (box.left + box.width / 2);
    view.y += frame.top + frame.height / 2 - (box.top + box.height / 2);
    applyView();
  }

  function select(id, fromDrawing) {
    state.selected = id;
    if (!fromDrawing) centre(id);
    var panel = document.getElementById("node-details");
    if (panel) fillDetails(panel, id);
    highlight(current().path || []);
    live.textContent = nodeTitle(id);
  }

  function fillDetails(panel, id) {
    clear(panel);
    panel.appendChild(el("h3", { text: w("details") }));
    if (!id) { panel.appendChild(el("p", { text: w("pickNode") })); return; }
    var node = PROGRAM.nodes[id], texts = TEXTS.nodes[id];
    panel.appendChild(el("h4", { text: nodeTitle(id) }));
    var path = current().path || [];
    if (path.indexOf(id) >= 0) panel.appendChild(el("p", { className: "badge", text: w("onPath") }));
    if (node.kind === "question") {
      if (texts.help) panel.appendChild(el("p", { className: "help", text: tx(texts.help) }));
      panel.appendChild(el("h5", { text: w("branches") }));
      var items = texts.branches.map(function (b, i) {
        return el("li", null, [(tx(b.label) ? tx(b.label) + " — " : "") + tx(b.when) + " → " + nodeTitle(node.next[i])]);
      });
      if (node.otherwise) items.push(el("li", { text: w("otherwise") + " → " + nodeTitle(node.otherwise) }));
      panel.appendChild(el("ul", null, items));
    } else if (node.kind === "rule") {
      panel.appendChild(el("p", { text: w("condition") + ": " + tx(texts.cond) }));
      if (node.then) {
        panel.appendChild(el("ul", null, [el("li", { text: w("thenGo") + " → " + nodeTitle(node.then) }), el("li", { text: w("elseGo") + " → " + nodeTitle(node["else"]) })]));
      } else panel.appendChild(el("p", { text: w("namedRule") }));
      if (texts.note) panel.appendChild(el("p", { className: "note", text: tx(texts.note) }));
    } else {
      panel.appendChild(el("p", { text: w("permitted") + ": " + flag(texts.permitted) + " · " + w("desirable") + ": " + flag(texts.desirable) + (texts.severity === null || texts.severity === undefined ? "" : " · " + w("severity") + " " + texts.severity) }));
      if (texts.description) panel.appendChild(el("p", { text: tx(texts.description) }));
    }
    var src = sourcesList(texts.sources);
    if (src) { src.open = true; panel.appendChild(src); }
  }

  function browseView(result) {
    main.appendChild(el("h2", { text: w("browse") }));
    var layout = el("div", { className: "browse" });
    var left = el("div", { className: "canvas" });
    var drawing = prepareDrawing();
    if (drawing) {
      var zoomBar = el("div", { className: "buttons" });
      [["zoomIn", 1.2], ["zoomOut", 1 / 1.2]].forEach(function (z) {
        var b = el("button", { type: "button", text: w(z[0]) });
        b.addEventListener("click", function () { zoom(z[1]); });
        zoomBar.appendChild(b);
      });
      var fit = el("button", { type: "button", id: "fit", text: w("fit") });
      fit.addEventListener("click", function () { fitDrawing(drawing); });
      zoomBar.appendChild(fit);
      left.appendChild(zoomBar);
      left.appendChild(el("p", { className: "help", text: w("drawingHelp") }));
      left.appendChild(drawing);
    } else {
      left.appendChild(el("p", { className: "notice", id: "no-drawing", text: w("noDrawing") }));
    }
    left.appendChild(outline());
    if (DATA.lists) left.appendChild(referenceData(DATA.lists));
    layout.appendChild(left);
    var panel = el("aside", { id: "node-details", className: "details", "aria-live": "polite" });
    layout.appendChild(panel);
    main.appendChild(layout);
    fillDetails(panel, state.selected);
    if (drawing) {
      if (view.fitted !== state.lang) fitDrawing(drawing);
      applyView();
      highlight(result.path || []);
    }
  }
  function fitDrawing(holder) {
    if (!svgRoot) return;
    var box = svgRoot.getBBox ? svgRoot.getBoundingClientRect() : null;
    var width = holder.clientWidth || 800;
    var natural = box ? box.width / view.scale : 1000;
    view.scale = Math.min(1, width / Math.max(natural, 1));
    view.x = 0; view.y = 0; view.fitted = state.lang;
    applyView();
  }

  /* Extra reference data given to decision_trees.explorer(lists=...), shown as text. */
  function referenceData(lists) {
    var box = el("section", { className: "lists", id: "lists", "aria-labelledby": "lists-title" }, [el("h3", { id: "lists-title", text: w("lists") })]);
    Object.keys(lists).forEach(function (key) {
      var value = lists[key];
      box.appendChild(el("details", null, [el("summary", { text: key }),
        el("pre", { text: typeof value === "string" ? value : JSON.stringify(value, null, 2) })]));
    });
    return box;
  }

  function outline() {
    var groups = {}, order = [];
    Object.keys(PROGRAM.nodes).forEach(function (id) {
      var section = TEXTS.nodes[id].section || "";
      if (!groups[section]) { groups[section] = []; order.push(section); }
      groups[section].push(id);
    });
    var path = current().path || [];
    var box = el("section", { className: "outline", "aria-labelledby": "outline-title" }, [el("h3", { id: "outline-title", text: w("outline") })]);
    order.forEach(function (section) {
      var list = el("ul");
      groups[section].forEach(function (id) {
        var b = el("button", { type: "button", className: "link" + (path.indexOf(id) >= 0 ? " on-path" : ""), text: nodeTitle(id), "data-node": id });
        b.addEventListener("click", function () { select(id); });
        list.appendChild(el("li", null, [b]));
      });
      box.appendChild(el("details", { open: section === order[0] || groups[section].some(function (id) { return path.indexOf(id) >= 0; }) },
        [el("summary", { text: section || w("noSection") }), list]));
    });
    return box;
  }

  // -- hand-off: download and load answers ---------------------------------------------------
  function answersForFile() {
    var out = {};
    state.history.forEach(function (key) { out[key] = state.answers[key]; });
    return out;
  }
  function yamlScalar(v) {
    if (v === true || v === false) return String(v);
    if (typeof v === "number") return String(v);
    if (v !== null && typeof v === "object" && v.$big) return v.$big;
    return JSON.stringify(String(v)); // a JSON string is a valid YAML double-quoted scalar
  }
  function toYaml(answers) {
    var lines = ["# " + TEXTS.id + " " + TEXTS.version + " (" + TEXTS.hash + ")", "answers:"];
    Object.keys(answers).forEach(function (key) {
      var v = answers[key];
      lines.push("  " + key + ": " + (Array.isArray(v) ? "[" + v.map(yamlScalar).join(", ") + "]" : yamlScalar(v)));
    });
    if (!Object.keys(answers).length) lines[1] = "answers: {}";
    return lines.join("\n") + "\n";
  }
  function toJson(answers) {
    var text = JSON.stringify({ answers: answers }, function (k, v) { return v; }, 2);
    return text.replace(/\{\s*"\$big":\s*"(-?\d+)"\s*\}/g, "$1") + "\n";
  }
  function download(name, text, type) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = el("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  /* A small reader for the YAML this page writes (and flow/plain scalars of the same shape). */
  function parseYaml(text) {
    var answers = {}, inAnswers = false, top = false;
    text.split(/\r?\n/).forEach(function (line) {
      var stripped = line.replace(/\s+#.*$/, "");
      if (/^\s*(#|$)/.test(stripped)) return;
      var m = /^(\s*)([A-Za-z][A-Za-z0-9_.-]*)\s*:\s*(.*)$/.exec(stripped);
      if (!m) throw new Error(line);
      if (!m[1].length) {
        if (m[2] === "answers") { inAnswers = true; return; }
        inAnswers = false; top = true;
        if (PROGRAM.inputs[m[2]]) answers[m[2]] = yamlValue(m[3]);
        return;
      }
      if (inAnswers) answers[m[2]] = yamlValue(m[3]);
    });
    return answers;
  }
  function yamlValue(raw) {
    raw = raw.trim();
    if (raw.charAt(0) === "[") {
      var inner = raw.slice(1, raw.lastIndexOf("]")).trim();
      return inner ? inner.split(",").map(function (s) { return yamlValue(s); }) : [];
    }
    if (raw.charAt(0) === "\"") return JSON.parse(raw);
    if (raw.charAt(0) === "'") return raw.slice(1, -1).replace(/''/g, "'");
    if (/^(true|yes|on)$/i.test(raw)) return true;
    if (/^(false|no|off)$/i.test(raw)) return false;
    if (/^-?\d+$/.test(raw)) { var big = BigInt(raw); return big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : { $big: raw }; }
    if (/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw)) return Number(raw);
    return raw;
  }
  function load(text, name) {
    var data;
    if (/\.json$/i.test(name) || /^\s*\{/.test(text)) {
      data = JSON.parse(text);
      data = data && typeof data === "object" && data.answers && typeof data.answers === "object" ? data.answers : data;
    } else data = parseYaml(text);
    // keep the tree's own answers; check every one
    var answers = {};
    Object.keys(data).forEach(function (key) {
      if (!PROGRAM.inputs[key]) throw new Error(key + ": the tree has no such input");
      API.coerce(key, PROGRAM.inputs[key], data[key]);
      answers[key] = data[key];
    });
    // replay in the order the path asks, so that back and forward work
    state.answers = {}; state.history = []; state.future = [];
    for (;;) {
      var r = evaluator.evaluate(state.answers);
      if (r.status !== "missing" || !(r.input in answers)) break;
      setAnswer(r.input, answers[r.input]);
    }
    Object.keys(answers).forEach(function (k) { state.remembered[k] = answers[k]; });
    state.view = "questions";
    state.message = w("loaded");
    render(true);
  }

  function toolbar(result) {
    var bar = el("section", { className: "toolbar no-print", "aria-label": w("download") });
    var stamp = TEXTS.id + "-answers";
    var yamlButton = el("button", { type: "button", id: "download-yaml", text: w("download") + " (YAML)" });
    yamlButton.addEventListener("click", function () { download(stamp + ".yaml", toYaml(answersForFile()), "application/yaml"); });
    var jsonButton = el("button", { type: "button", id: "download-json", text: w("download") + " (JSON)" });
    jsonButton.addEventListener("click", function () { download(stamp + ".json", toJson(answersForFile()), "application/json"); });
    var file = el("input", { type: "file", id: "load-answers", accept: ".yaml,.yml,.json" });
    var status = el("p", { id: "load-status", role: "status", text: state.message || "" });
    state.message = null;
    file.addEventListener("change", function () {
      var f = file.files[0];
      if (!f) return;
      f.text().then(function (text) {
        try { load(text, f.name); } catch (e) { status.textContent = w("loadFailed") + " " + (e.reason || e.message); }
      });
    });
    var printButton = el("button", { type: "button", id: "print", text: w("print") });
    printButton.addEventListener("click", function () { window.print(); });
    bar.appendChild(el("div", { className: "buttons" }, [yamlButton, jsonButton, printButton]));
    bar.appendChild(el("div", { className: "load" }, [el("label", { "for": "load-answers", text: w("load") }), " ", file]));
    bar.appendChild(status);
    app.appendChild(bar);
  }

  window.explorer = {
    answers: function () { return answersForFile(); },
    yaml: function () { return toYaml(answersForFile()); },
    json: function () { return toJson(answersForFile()); },
    load: load,
    result: current
  };
  // a print shows the sources too
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
  render(false);
  readyMark = performance.now();
  window.__explorerReady = readyMark;
})();
