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
    var path = [], id = program.start, steps = 0, limit = Object.keys(nodes).length + 1;
    try {
      for (;;) {
        var node = nodes[id];
        path.push(id);
        if (node.kind === "outcome") break;
        if (++steps > limit) throw new Error("the tree has a cycle");
        if (node.kind === "rule") { id = cond(node.cond, id) ? node.then : node["else"]; continue; }
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
      return e;
    }
    return { status: "decided", outcome: id, path: path,
      read: read.map(function (key) { return [key, toJSON(checked[key])]; }) };
  };

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
  if (typeof document !== "undefined" && root.DecisionTreeExplorerUI) root.DecisionTreeExplorerUI(api);
})(typeof window !== "undefined" ? window : globalThis);
