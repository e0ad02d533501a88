"""Many profiles at once: find them (jobs), check the plan of outputs before any work (names),
build each in a worker process (worker), run the pool and yield each result as it finishes (pool).

One bad profile never stops the others, and outputs are written atomically by the writers; the
command line (cli/cmd_batch.py) owns the progress bar and the summary.
"""

from .jobs import Job, Result, discover
from .names import check_names, prepare_outdir
from .pool import default_workers, run
from .worker import build_job, terminate, warm, worker_init

__all__ = [
    "Job",
    "Result",
    "build_job",
    "check_names",
    "default_workers",
    "discover",
    "prepare_outdir",
    "run",
    "terminate",
    "warm",
    "worker_init",
]
