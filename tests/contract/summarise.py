"""Summarises one role's contract run from schemathesis's NDJSON report.

    summarise.py ROLE REPORT_DIR MIN_REQUESTS

Prints one line: the role, the requests sent, the server errors, and the five slowest operations
(their slowest response, the median); writes the full per-operation table to
REPORT_DIR/timings.txt. Exits 1 when fewer than MIN_REQUESTS requests were sent or when the server
answered any 5xx. (Failed checks are schemathesis's own exit status, after the allow-list.)
"""

import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path


def main() -> int:
    role, report_dir, min_requests = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    reports = sorted(report_dir.glob("*.ndjson"))
    if not reports:
        print(f"{role}: no report in {report_dir}")
        return 1
    requests = 0
    server_errors = 0
    times = defaultdict(list)
    for line in reports[-1].open():
        event = json.loads(line)
        finished = event.get("ScenarioFinished")
        if not finished:
            continue
        recorder = finished.get("recorder") or {}
        label = recorder.get("label", "?")
        for interaction in (recorder.get("interactions") or {}).values():
            response = interaction.get("response")
            requests += 1
            if not response:
                continue
            if response.get("status_code", 0) >= 500:
                server_errors += 1
            request = interaction.get("request") or {}
            operation = label if label != "?" else request.get("method", "?")
            times[operation].append(response.get("elapsed", 0.0))

    table = sorted(
        ((max(v), statistics.median(v), len(v), op) for op, v in times.items()),
        reverse=True,
    )
    with (report_dir / "timings.txt").open("w") as out:
        out.write("slowest_ms median_ms requests operation\n")
        for slowest, median, count, op in table:
            out.write(f"{slowest * 1000:.1f} {median * 1000:.1f} {count} {op}\n")
    slowest = "; ".join(
        f"{op} {s * 1000:.0f} ms (median {m * 1000:.0f} ms)" for s, m, _, op in table[:5]
    )
    print(
        f"{role}: {requests} requests, {server_errors} server errors; "
        f"slowest: {slowest}"
    )
    if requests < min_requests:
        print(f"{role}: fewer than {min_requests} requests", file=sys.stderr)
        return 1
    return 1 if server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
