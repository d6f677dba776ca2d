"""`leerkring --help` wall time against the anchor `python -c pass`.

Goal (issue 2): leerkring --help <= 1.5 x python -c pass + 0.3 s. Also reports which heavy modules
(Jupyter, SQLAlchemy, deduce) the start path imports: none should be.
"""

from __future__ import annotations

import subprocess

from _common import PYTHON, header, median, wall


def main() -> None:
    header("CLI start-up: leerkring --help vs python -c pass")
    anchor = median(wall([PYTHON, "-c", "pass"], runs=15))
    ours = median(wall([PYTHON, "-m", "leerkring", "--help"], runs=15))
    budget = 1.5 * anchor + 0.3
    print(f"python -c pass     : {anchor * 1000:7.1f} ms (median of 15)")
    print(f"leerkring --help   : {ours * 1000:7.1f} ms (median of 15)")
    print(f"budget 1.5x + 0.3 s: {budget * 1000:7.1f} ms")
    print(
        f"ratio ours/anchor  : {ours / anchor:.2f}x; ours/budget: {ours / budget:.2f} ({'OK' if ours <= budget else 'OVER'})"
    )
    probe = (
        "import sys, runpy; sys.argv=['leerkring','--help'];\n"
        "try:\n    runpy.run_module('leerkring', run_name='__main__')\nexcept SystemExit: pass\n"
        "heavy=[m for m in ('jupyter_client','ipywidgets','nbformat','papermill','sqlalchemy','deduce','voila','pydantic') if m in sys.modules]\n"
        "print('heavy modules imported:', heavy or 'none', file=sys.stderr)"
    )
    print(subprocess.run([PYTHON, "-c", probe], capture_output=True, text=True).stderr.strip())


if __name__ == "__main__":
    main()
