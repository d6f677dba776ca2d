"""Privacy benchmark: recall per type, scrub latency, first-save time and memory per client.

Prints our figure beside its anchor (the target) and the ratio ours/anchor (<= 1.0 meets the target).
Run: ``.venv/bin/python benchmarks/bench_privacy.py``. Starts its own service on a temporary socket.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
LABELLED = (DATA / "pii_public.txt", DATA / "pii_public_hard.txt")  # same format, measured together

TEXT_1000 = (
    "Gisteren was ik op huisbezoek bij mevrouw Fatima El Amrani op de Kerkstraat 12, 3311 AB Dordrecht. "
    "Haar schoonzoon Jeroen de Vries (06-12345678) wil dat wij de mantelzorg overnemen, maar zij wil haar "
    "eigen regie houden. De buurtcoach kreeg een mail van m.jansen@outlook.com over de huurachterstand. "
    "Volgens de brief van de gemeente is haar BSN 111222333. Ze is geboren op 7 september 1949 en wil "
    "absoluut niet naar een verzorgingshuis. In de intervisie bespraken we onze onzekerheid: moeten we de "
    "dochter, die in Zwijndrecht woont, vaker betrekken? Het Sociaal Wijkteam overlegt met de "
    "Participatiewet-consulent over de energietoeslag op NL02 RABO 0123 4567 89. We spraken af dat Sandra "
    "op 3 maart 2025 terugbelt en dat de wijkverpleegkundige Ingrid Post haar volgende week bezoekt. "
    "Meneer Ahmed Benali werkt volgens de buren zwart naast zijn uitkering; moet ik dat melden? "
    "De teamleider wil signalen uit de wijk beter doorgeven aan de gemeente, en de vrijwilliger helpt mee."
)

CLIENT = textwrap.dedent(
    """
    import os, sys, time
    t = time.perf_counter()
    from leerkring.privacy import scrub
    r = scrub(sys.argv[1])
    took = time.perf_counter() - t
    rss = [int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS:")][0]
    print(f"{took:.4f} {rss}", flush=True)
    if len(sys.argv) > 2:
        sys.stdin.read()  # stay alive until the benchmark closes stdin
    """
)
PLAIN = textwrap.dedent(
    """
    import sys
    rss = [int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS:")][0]
    print(rss, flush=True)
    sys.stdin.read()
    """
)


def rss_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18]


def row(name: str, ours: float, anchor: float, unit: str) -> None:
    print(f"{name:<48} {ours:>10.1f} {unit:<3} anchor {anchor:>8.1f} {unit:<3} ratio {ours / anchor:>6.2f}")


def main() -> int:
    from leerkring import privacy
    from leerkring.privacy import labelled
    from leerkring.privacy.engine import LocalEngine
    from leerkring.service import client

    print(f"bench_privacy: python {sys.version.split()[0]}, {os.cpu_count()} cpu")
    started = time.perf_counter()
    engine = LocalEngine().load()
    print(f"deduce in-process laden + opwarmen: {time.perf_counter() - started:.1f} s")

    # 1. recall per type, per file and on both files together
    present = [path for path in LABELLED if path.exists()]
    for path in LABELLED:
        if not path.exists():
            print(f"(labelled set ontbreekt: {path})")
    sets = [(path.name, labelled.load(path)) for path in present]
    if len(sets) > 1:
        sets.append((" + ".join(name for name, _ in sets), [ex for _, examples in sets for ex in examples]))
    for name, examples in sets:
        report = labelled.evaluate(examples, lambda t: engine.scrub(t))
        print(
            f"\n== recall op {name} (anchor: >= 0.97 totaal op beide samen, 1.0 bsn/iban/email/telefoon/postcode, "
            ">= 0.98 behouden)"
        )
        print(report.table())
        for kind, value, _ in report.missed:
            print(f"  gemist {kind}: {value!r}")
        for word, _ in report.lost:
            print(f"  verloren: {word!r}")

    # 2. latency, warm, in-process
    assert 950 <= len(TEXT_1000) <= 1100, len(TEXT_1000)
    for _ in range(20):
        engine.scrub(TEXT_1000)
    samples = []
    for _ in range(200):
        t = time.perf_counter()
        engine.scrub(TEXT_1000)
        samples.append((time.perf_counter() - t) * 1000)
    print(f"\n== scrub van {len(TEXT_1000)} tekens, warm (200 keer)")
    row("p95 in-process", p95(samples), 50, "ms")

    directory = Path(tempfile.mkdtemp(prefix="lk-bench-", dir="/tmp"))
    os.environ["LEERKRING_SERVICE_SOCKET"] = str(directory / "service.sock")
    os.environ.pop("LEERKRING_SCRUBBER", None)
    try:
        t = time.perf_counter()
        client.start_service()
        print(f"(service gestart in {time.perf_counter() - t:.1f} s)")
        for _ in range(20):
            privacy.scrub(TEXT_1000)
        samples = []
        for _ in range(200):
            t = time.perf_counter()
            privacy.scrub(TEXT_1000)
            samples.append((time.perf_counter() - t) * 1000)
        row("p95 via service-client", p95(samples), 50, "ms")

        # 3. first save in a fresh process, service running
        firsts, walls = [], []
        for _ in range(5):
            t = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", CLIENT, TEXT_1000], capture_output=True, text=True, check=True)
            walls.append(time.perf_counter() - t)
            firsts.append(float(out.stdout.split()[0]))
        print("\n== eerste scrub in een vers proces (service draait), mediaan van 5")
        row("import + eerste scrub", statistics.median(firsts) * 1000, 3000, "ms")
        row("hele proces (python start .. exit)", statistics.median(walls) * 1000, 3000, "ms")

        # 4. memory: 10 client processes alive at once
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", CLIENT, TEXT_1000, "blijf"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(10)
        ]
        client_rss = [int(p.stdout.readline().split()[1]) for p in procs]
        plain = subprocess.Popen(
            [sys.executable, "-c", PLAIN], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        plain_rss = int(plain.stdout.readline())
        service_rss = rss_kb(client.service_status()["pid"])
        for p in procs + [plain]:
            p.stdin.close()
            p.wait()
            p.stdout.close()
        print("\n== geheugen met 10 clientprocessen tegelijk")
        row("RSS per client (max)", max(client_rss) / 1024, 300, "MB")
        print(f"{'RSS per client (gemiddeld)':<48} {statistics.mean(client_rss) / 1024:>10.1f} MB")
        print(f"{'RSS service (deduce, één keer)':<48} {service_rss / 1024:>10.1f} MB")
        total = (sum(client_rss) + service_rss) / 1024
        print(f"{'machine totaal: 10 clients + service':<48} {total:>10.1f} MB")
        print(f"{'één kale python (zonder leerkring)':<48} {plain_rss / 1024:>10.1f} MB")
        print(f"{'ter vergelijking: 10 x deduce in elke kernel':<48} {10 * service_rss / 1024:>10.1f} MB")
    finally:
        client.stop_service()
        shutil.rmtree(directory, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
