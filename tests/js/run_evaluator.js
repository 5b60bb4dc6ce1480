// Runs the explorer's evaluator (decision_trees/explorer.js) in node, for the differential tests.
//   node run_evaluator.js EXPLORER_JS batch CASES.json OUT.json   {program, cases: [answers...]} -> [result...]
//   node run_evaluator.js EXPLORER_JS serve                       one JSON request a line on stdin:
//        {"program": ...} loads a program; {"answers": ...} -> one JSON result line on stdout
"use strict";
const fs = require("fs");
const readline = require("readline");
const { Evaluator, toJSON } = require(require("path").resolve(process.argv[2]));

function plain(result) {
  const out = { status: result.status };
  for (const key of ["outcome", "path", "read", "outputs", "input", "node", "reason", "value"]) {
    if (result[key] !== undefined) out[key] = result[key];
  }
  if (out.status === "no_branch") out.value = toJSON(result.value);
  return out;
}

const mode = process.argv[3];
if (mode === "batch") {
  const data = JSON.parse(fs.readFileSync(process.argv[4], "utf8"));
  const evaluator = new Evaluator(data.program);
  const results = data.cases.map((answers) => plain(evaluator.evaluate(answers)));
  fs.writeFileSync(process.argv[5], JSON.stringify(results));
} else {
  let evaluator = null;
  const rl = readline.createInterface({ input: process.stdin });
  rl.on("line", (line) => {
    const request = JSON.parse(line);
    let reply;
    try {
      if (request.program) {
        evaluator = new Evaluator(request.program);
        reply = { status: "loaded" };
      } else {
        reply = plain(evaluator.evaluate(request.answers));
      }
    } catch (e) {
      reply = { status: "crash", reason: String(e && e.stack) };
    }
    process.stdout.write(JSON.stringify(reply) + "\n");
  });
}
