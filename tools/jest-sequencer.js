/**
 * Jest's order of test files, except that the files that run other processes (`npm pack`, `tsc`, the cdktf CLI,
 * synthesis in a child process: the longest files, partly waiting) start first. Jest's own order puts the files that
 * took longest last time first, but a fresh clone has no such record and jest then goes by file size, which left
 * such a file to start last and run alone at the end.
 */
const { readFileSync } = require("node:fs");
const Sequencer = require("@jest/test-sequencer").default;

/** Whether a test file starts processes of its own. */
const startsProcesses = (path) => /\bnode:child_process\b/.test(readFileSync(path, "utf8"));

class ProcessesFirst extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    return [...sorted.filter((t) => startsProcesses(t.path)), ...sorted.filter((t) => !startsProcesses(t.path))];
  }
}

module.exports = ProcessesFirst;
