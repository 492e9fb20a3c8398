#!/usr/bin/env python3
"""Turns the statements one request sent into a pgbench script (the floor of scripts/bench).

    scripts/bench-sql.py LOGFILE START END DATABASE OUT.sql

LOGFILE is PostgreSQL's server log, written while the database had `log_statement = 'all'`;
START and END are byte offsets into it taken just before and just after the request. Every
statement logged in that range for DATABASE is written to OUT.sql in the order it
was sent (each ended by a semicolon), with the values of its parameters (the `DETAIL:  parameters:` line PostgreSQL logs after
an extended-protocol `execute`) put in as literals. The literals are PostgreSQL's own quoting of
the text form of each value, so the same statement run by pgbench reads the same rows. Prints the
number of statements. Exits 1 when there are none (the log is not where it was looked for, or
log_statement did not reach the server's connections).

The log lines must start with a timestamp and `[pid]` (Debian's default log_line_prefix,
`%m [%p] %q%u@%d `); continuation lines of a multi-line statement are kept with it.
"""

import re
import sys

RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] (.*)$")
STATEMENT = re.compile(r"^(?:\S+@(\S+) )?LOG:  (?:statement|execute [^:]+): (.*)$", re.S)
PARAMETERS = re.compile(r"^(?:\S+@(\S+) )?DETAIL:  parameters: (.*)$", re.S)
# `$1 = 'text', $2 = NULL`: each value is NULL or a single-quoted literal with '' for a quote.
PARAMETER = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")
PLACEHOLDER = re.compile(r"\$(\d+)(?!\d)")


def records(text):
    """Yields (pid, message) for each log record, continuation lines joined to their record."""
    pid, lines = None, []
    for line in text.split("\n"):
        m = RECORD.match(line)
        if m:
            if pid is not None:
                yield pid, "\n".join(lines)
            pid, lines = m.group(1), [m.group(2)]
        elif pid is not None:
            lines.append(line.lstrip("\t"))
    if pid is not None:
        yield pid, "\n".join(lines)


def substitute(sql, values):
    """Puts each $n's literal in place of $n, outside string literals."""
    out, i, n = [], 0, len(sql)
    while i < n:
        c = sql[i]
        if c == "'":
            j = i + 1
            while j < n:
                if sql[j] == "'" and j + 1 < n and sql[j + 1] == "'":
                    j += 2
                elif sql[j] == "'":
                    break
                else:
                    j += 1
            out.append(sql[i : j + 1])
            i = j + 1
            continue
        m = PLACEHOLDER.match(sql, i)
        if m:
            key = int(m.group(1))
            if key not in values:
                raise ValueError(f"no value logged for ${key} in: {sql[:200]}")
            out.append(values[key])
            i = m.end()
            continue
        out.append(c)
        i += 1
    return "".join(out)


def main(argv):
    if len(argv) != 6:
        sys.stderr.write(__doc__)
        return 2
    logfile, start, end, database, target = argv[1], int(argv[2]), int(argv[3]), argv[4], argv[5]
    with open(logfile, "rb") as f:
        f.seek(start)
        text = f.read(max(0, end - start)).decode("utf-8", "replace")
    statements = []  # [pid, sql, has_params]
    pending = {}  # pid -> index of its last statement, awaiting its parameters line
    for pid, message in records(text):
        m = STATEMENT.match(message)
        if m and (m.group(1) in (None, database)):
            statements.append([pid, m.group(2).strip(), False])
            pending[pid] = len(statements) - 1
            continue
        m = PARAMETERS.match(message)
        if m and pid in pending and (m.group(1) in (None, database)):
            index = pending.pop(pid)
            values = {int(k): v for k, v in PARAMETER.findall(m.group(2))}
            statements[index][1] = substitute(statements[index][1], values)
            statements[index][2] = True
    if not statements:
        sys.stderr.write(f"no statements for database {database} in {logfile} [{start}, {end})\n")
        return 1
    with open(target, "w", encoding="utf-8") as out:
        for _, sql, _ in statements:
            # pgbench (10 and later) ends an SQL command at its semicolon, so a statement may
            # span lines as it was sent.
            out.write(sql.rstrip().rstrip(";") + ";\n")
    print(len(statements))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
