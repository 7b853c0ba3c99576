"""A process that records attempts into a progress database as fast as it can, printing each id once it is
committed: the kill -9 and concurrency experiments (tests/hostile, bench/hostile.py) run it and kill it.

    python progress_writer.py DB COUNT TAG
"""

import sys
from pathlib import Path

from dlspec.checking.result import GradeResult
from dlspec.progress import store


def main(db: str, count: int, tag: str) -> None:
    conn = store.connect(Path(db))
    for i in range(count):
        result = GradeResult(f"{tag}-{i}", functions=[])
        attempt = store.record_attempt(conn, result, f"# attempt {i} of {tag}\n" + "x = 1\n" * 200, f"{tag}.py")
        print(attempt, flush=True)  # only after the commit returned


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
