#!/usr/bin/env python3
"""Runs one data-driven case: a folder with the input and the expected output.

A case folder holds:
  root/         the tree audited with `rampart audit host --root` (copied to a
                temp dir first, so setup may change it)
  expect        what must hold (see below)
  config.yaml   optional, passed as --config
  setup.sh      optional, run as `sh setup.sh ROOT` before the audit (FIFOs,
                permissions, huge or sparse files, empty directories: things
                git cannot store; a clean clone has no empty directories, so
                setup.sh must mkdir -p what it writes into)
  args          optional, extra command-line arguments, one per line

`expect` lines (# starts a comment):
  exit N                      the exit status (default: not checked)
  today YYYY-MM-DD            run with RAMPART_TODAY set (waiver/attestation expiry)
  run-as nobody               drop to user nobody when running as root
  format json|sarif|...       (default json) only json is checked finding by finding
  STATUS CHECK [TEXT]         a finding of CHECK with STATUS exists; with TEXT,
                              one whose target or evidence contains TEXT
  !STATUS CHECK [TEXT]        no such finding exists
  waived CHECK [TEXT]         a finding of CHECK carries a waiver
  !waived CHECK [TEXT]        no finding of CHECK carries a waiver
  none CHECK                  no finding of CHECK at all (not selected, not run)
  summary KEY N               the summary's KEY (fail, warn, ..., waived) is N
  requirement ID STATUS       the requirement's status in the matrix
  stderr TEXT                 stderr contains TEXT
  !stderr TEXT                stderr does not contain TEXT
  stdout TEXT                 stdout contains TEXT (for non-json formats)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

STATUSES = {"pass", "warn", "fail", "not-applicable", "error"}


def finding_text(f):
    parts = [f.get("target") or ""]
    for e in f.get("evidence", []):
        parts.append(e.get("path") or "")
        if e.get("line"):
            parts.append("%s:%d" % (e.get("path") or "", e["line"]))
        parts.append(e.get("observed") or "")
    return "\n".join(parts)


def main():
    if len(sys.argv) != 4:
        print("usage: run_case.py RAMPART KIND CASE_DIR", file=sys.stderr)
        return 2
    binary, kind, case = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(os.path.join(case, "expect")) as fh:
        lines = [l.strip() for l in fh if l.strip() and not l.strip().startswith("#")]

    env = dict(os.environ)
    env.pop("RAMPART_CONFIG", None)
    env.pop("RAMPART_TODAY", None)
    fmt = "json"
    run_as = None
    for l in lines:
        w = l.split(None, 1)
        if w[0] == "today":
            env["RAMPART_TODAY"] = w[1]
        elif w[0] == "run-as":
            run_as = w[1]
        elif w[0] == "format":
            fmt = w[1]

    tmp = tempfile.mkdtemp(prefix="rampart-case-")
    try:
        root = os.path.join(tmp, "root")
        src = os.path.join(case, "root")
        if os.path.isdir(src):
            shutil.copytree(src, root, symlinks=True)
        else:
            os.mkdir(root)
        setup = os.path.join(case, "setup.sh")
        if os.path.exists(setup):
            subprocess.run(["sh", setup, root], check=True, timeout=120)
        cmd = [os.path.abspath(binary), "audit", kind, "--root", root,
               "--format", fmt, "--no-color"]
        cfg = os.path.join(case, "config.yaml")
        if os.path.exists(cfg):
            cmd += ["--config", os.path.abspath(cfg)]
        argf = os.path.join(case, "args")
        if os.path.exists(argf):
            with open(argf) as fh:
                cmd += [a.rstrip("\n").replace("@ROOT@", root) for a in fh if a.strip()]
        if run_as and os.geteuid() == 0:
            os.chmod(tmp, 0o755)
            cmd = ["setpriv", "--reuid=" + run_as, "--regid=nogroup", "--clear-groups", "--"] + cmd
        p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60, cwd=tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    failures = []
    report = None
    if fmt == "json":
        try:
            report = json.loads(p.stdout)
        except ValueError as e:
            failures.append("stdout is not JSON: %s" % e)
    if report is None and fmt == "json" and p.stdout == "":
        failures = [f for f in failures if not f.startswith("stdout is not JSON")]
    findings = report.get("findings", []) if report else []
    reqs = {r["id"]: r for r in report.get("requirements", [])} if report else {}

    for l in lines:
        w = l.split(None, 2)
        neg = w[0].startswith("!")
        key = w[0].lstrip("!")
        if key in ("today", "run-as", "format"):
            continue
        if key == "exit":
            if p.returncode != int(w[1]):
                failures.append("exit status %d, expected %s" % (p.returncode, w[1]))
        elif key in ("stderr", "stdout"):
            text = l.split(None, 1)[1]
            hay = p.stderr if key == "stderr" else p.stdout
            if (text in hay) == neg:
                failures.append("%s %s contain %r" % (key, "does" if neg else "does not", text))
        elif key == "waived":
            text = w[2] if len(w) > 2 else None
            hit = [f for f in findings if f["check"] == w[1] and "waiver" in f
                   and (text is None or text in finding_text(f))]
            if bool(hit) == neg:
                failures.append("%s: %s" % ("unexpected" if neg else "missing", l))
        elif key == "none":
            if any(f["check"] == w[1] for f in findings):
                failures.append("unexpected findings of %s" % w[1])
        elif key == "summary":
            got = report.get("summary", {}).get(w[1]) if report else None
            if (got == int(w[2])) == neg:
                failures.append("summary %s is %s, expected %s" % (w[1], got, w[2]))
        elif key == "requirement":
            rid, st = w[1], w[2]
            got = reqs.get(rid, {}).get("status")
            if (got == st) == neg:
                failures.append("requirement %s is %s, expected %s%s" % (rid, got, "not " if neg else "", st))
        elif key in STATUSES:
            check = w[1]
            text = w[2] if len(w) > 2 else None
            hit = [f for f in findings if f["check"] == check and f["status"] == key
                   and (text is None or text in finding_text(f))]
            if bool(hit) == neg:
                have = ["%s %s %s" % (f["status"], f["check"], f.get("target"))
                        for f in findings if f["check"] == check]
                failures.append("%s: %s (findings of %s: %s)" % (
                    "unexpected" if neg else "missing", l, check, have or "none"))
        else:
            failures.append("bad expect line: %r" % l)

    name = os.path.basename(os.path.normpath(case))
    if failures:
        print("case %s FAILED:" % name)
        for f in failures:
            print("  " + f)
        print("--- stderr ---\n" + p.stderr[-4000:])
        return 1
    print("case %s ok" % name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
