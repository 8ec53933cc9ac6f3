"""A WordPress import of a large generated WXR file (1 GB by default):
peak memory and time of ``newsdesk import wordpress``, against lxml's
``iterparse`` alone streaming the same file in the same run.

    python -m bench.imports [--megabytes 1024] [--paragraphs 120]

Each side runs in a process of its own on a fresh SQLite database, and its
peak resident memory is the kernel's (``wait4``'s ``ru_maxrss``). Constant
memory means the import's peak stays far below the file's size and near
the baseline's, whatever the size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.support import wxr

ROOT = Path(__file__).resolve().parent.parent

BASELINE = """
import sys
from lxml import etree
count = 0
for _event, element in etree.iterparse(sys.argv[1], events=("end",), tag="item",
                                        resolve_entities=False, no_network=True, huge_tree=True):
    count += 1
    element.clear(keep_tail=False)
    parent = element.getparent()
    while element.getprevious() is not None:
        del parent[0]
print(count)
"""


def measured(command: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """Seconds, peak RSS in KiB, and what the process printed."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{command[2:4]} failed ({process.returncode}): {output[-1000:]}")
    return time.perf_counter() - started, int(usage.ru_maxrss), output


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.imports", description=__doc__)
    parser.add_argument("--megabytes", type=int, default=1024, help="size of the WXR file")
    parser.add_argument("--paragraphs", type=int, default=120, help="paragraphs per post")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsdesk-bench-imports-") as tmp:
        folder = Path(tmp)
        export = folder / "export.xml"
        per_post = len(next(wxr.posts(1, args.paragraphs)).encode())
        posts = max(1, args.megabytes * 1_000_000 // per_post)
        size = wxr.write(export, posts, args.paragraphs)
        print(f"WXR: {size / 1e6:,.0f} MB, {posts:,} posts of {per_post / 1e3:.0f} KB", flush=True)
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["DATABASE_URL"] = f"sqlite:///{folder / 'site.sqlite3'}"
        env["NEWSDESK_MEDIA_ROOT"] = str(folder / "media")
        subprocess.run(
            [sys.executable, "-m", "newsdesk.cli", "migrate", "--verbosity", "0"],
            env=env, cwd=ROOT, check=True,
        )  # fmt: skip
        base_s, base_kib, counted = measured([sys.executable, "-c", BASELINE, str(export)], env)
        assert int(counted) == posts, counted
        print(f"baseline: lxml iterparse alone: {base_s:.1f} s, peak {base_kib / 1024:.0f} MiB")
        ours_s, ours_kib, said = measured(
            [sys.executable, "-m", "newsdesk.cli", "import", "wordpress", str(export)], env
        )
        print(said.strip())
        print(
            f"newsdesk import wordpress: {ours_s:.0f} s ({posts / ours_s:,.0f} posts/s), "
            f"peak {ours_kib / 1024:.0f} MiB = {ours_kib / base_kib:.2f}x the baseline's peak, "
            f"{ours_kib * 1024 / size:.3f}x the file's size"
        )


if __name__ == "__main__":
    main()
