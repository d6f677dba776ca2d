"""The leerkring service and scrubbing through it: real processes on a temporary Unix socket.

deduce loads once for the module's service, and once more in the restart test.
"""

from __future__ import annotations

import json
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path

import pytest

from leerkring import privacy
from leerkring.privacy import ScrubberError
from leerkring.service import ServiceError, client, paths

CLIENT = textwrap.dedent(
    """
    import json, sys, time
    t = time.perf_counter()
    from leerkring.privacy import scrub
    from leerkring.service.client import service_status
    r = scrub(sys.argv[1])
    print(json.dumps({"text": r.text, "pid": service_status()["pid"], "s": time.perf_counter() - t}))
    """
)


@pytest.fixture(scope="module")
def service_socket():
    """A service of this module's own: a private socket path (short: AF_UNIX paths are limited to 107
    bytes) and a running service."""
    directory = Path(tempfile.mkdtemp(prefix="lk-scrub-", dir="/tmp"))
    path = directory / "run" / "service.sock"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("LEERKRING_SERVICE_SOCKET", str(path))
        mp.delenv("LEERKRING_SCRUBBER", raising=False)
        mp.delenv("LEERKRING_SERVICE_PYTHON", raising=False)
        try:
            status = client.start_service()
            assert status["running"], status
            yield path
        finally:
            client.stop_service()
            shutil.rmtree(directory, ignore_errors=True)


def _client(text: str) -> dict:
    out = subprocess.run([sys.executable, "-c", CLIENT, text], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_scrub_through_service(service_socket):
    result = privacy.scrub("Ik belde mevrouw Jansen op 06-12345678 over de mantelzorg.", known_names=["Sandra Willems"])
    assert result.text == "Ik belde [PERSOON-1] op [TELEFOON-1] over de mantelzorg."
    assert result.notice() == "Vervangen: 1 × persoon, 1 × telefoon"
    assert privacy.scrub("sandra belt", known_names=["Sandra Willems"]).text == "[PERSOON-1] belt"


def test_socket_and_directory_are_private(service_socket):
    assert stat.S_IMODE(service_socket.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(service_socket.stat().st_mode) == 0o600


def test_status(service_socket):
    status = client.service_status()
    assert status["running"] and status["socket"] == str(service_socket)
    assert status["pid"] != os.getpid() and status["engine"].startswith("deduce")
    assert status["rss_mb"] > 100  # deduce lives there, not here
    # a client process scrubs through the service without ever importing deduce itself
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from leerkring import privacy; r = privacy.scrub('Bel 06-12345678');"
            "print(r.text, 'deduce' in sys.modules)",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "LEERKRING_SERVICE_SOCKET": str(service_socket)},
    )
    assert probe.stdout.split() == ["Bel", "[TELEFOON-1]", "False"], probe.stderr


def test_large_text(service_socket):
    """The largest text a scrub request may carry (issue 12 bounded it) is scrubbed completely."""
    from leerkring.service.limits import MAX_SCRUB_CHARS

    unit = "Mevrouw Fatima El Amrani woont op de Kerkstraat 12 en belt 06-12345678 over de mantelzorg. "
    repeats = MAX_SCRUB_CHARS // len(unit)
    text = unit * repeats
    assert MAX_SCRUB_CHARS - len(unit) < len(text) <= MAX_SCRUB_CHARS
    result = privacy.scrub(text)
    assert "Amrani" not in result.text and "06-12345678" not in result.text
    assert result.text.count("mantelzorg") == repeats
    assert len(result.findings) == 3 * repeats


def test_concurrent_clients(service_socket):
    texts = [f"Meneer Ahmed Benali belt {n:02d} keer met 06-123456{n:02d}." for n in range(20)]
    results: dict[int, str] = {}
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            results[i] = privacy.scrub(texts[i]).text
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    procs = [
        subprocess.Popen([sys.executable, "-c", CLIENT, "Bel Kees op 010-1234567."], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        outputs = [proc.communicate(timeout=60)[0] for proc in procs]
    finally:
        for proc in procs:  # never leave a client behind that could start a service after teardown
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert not errors
    assert all(results[i] == f"[PERSOON-1] belt {i:02d} keer met [TELEFOON-1]." for i in range(len(texts)))
    assert [proc.returncode for proc in procs] == [0, 0]
    assert [json.loads(out)["text"] for out in outputs] == ["Bel [PERSOON-1] op [TELEFOON-1]."] * 2


def test_bad_requests_get_an_answer(service_socket):
    assert client.request({"op": "onzin"})["ok"] is False
    assert client.request({"op": "scrub", "text": 12})["error"] == "Geen tekst om te scrubben."
    import socket as socketlib

    with socketlib.socket(socketlib.AF_UNIX) as s:  # garbage, then a good request on the same line stream
        s.connect(str(service_socket))
        s.sendall(b"{niet json\n" + json.dumps({"op": "ping"}).encode() + b"\n")
        reader = s.makefile("rb")
        assert json.loads(reader.readline())["ok"] is False
        assert json.loads(reader.readline())["ok"] is True


def test_second_service_exits_while_one_runs(service_socket):
    out = subprocess.run(
        [sys.executable, "-m", "leerkring.service", "--socket", str(service_socket)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0 and "draait al" in out.stdout
    assert client.service_status()["running"]


def test_restart_and_kernels_racing_to_start(service_socket):
    """Stop the service; three fresh processes scrub at once: exactly one service is started."""
    old_pid = client.service_status()["pid"]
    assert client.stop_service() is True
    assert client.service_status()["running"] is False
    assert not service_socket.exists()
    assert client.stop_service() is False
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CLIENT, "Mail m.jansen@outlook.com"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    answers = []
    try:
        for proc in procs:
            out, err = proc.communicate(timeout=180)
            assert proc.returncode == 0, err
            answers.append(json.loads(out))
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert {a["text"] for a in answers} == {"Mail [EMAIL-1]"}
    pids = {a["pid"] for a in answers}
    assert len(pids) == 1 and old_pid not in pids
    assert client.service_status()["pid"] in pids
    # a fresh process against a warm service is fast (the benchmark measures this properly)
    assert _client("Bel 06-12345678")["text"] == "Bel [TELEFOON-1]"


@pytest.mark.slow  # the code under test starts a (broken) service process
def test_clear_error_when_service_cannot_start(monkeypatch, tmp_path):
    broken = tmp_path / "python"
    broken.write_text("#!/bin/sh\necho 'kapot: deduce ontbreekt' >&2\nexit 3\n")
    broken.chmod(0o755)
    directory = Path(tempfile.mkdtemp(prefix="lk-broken-", dir="/tmp"))
    try:
        monkeypatch.setenv("LEERKRING_SERVICE_SOCKET", str(directory / "service.sock"))
        monkeypatch.setenv("LEERKRING_SERVICE_PYTHON", str(broken))
        monkeypatch.delenv("LEERKRING_SCRUBBER", raising=False)
        started = time.monotonic()
        with pytest.raises(ScrubberError) as info:
            privacy.scrub("Bel 06-12345678")
        assert time.monotonic() - started < 10
        message = str(info.value)
        assert "kon niet starten" in message and "kapot: deduce ontbreekt" in message and "\n" not in message
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def test_clear_error_when_socket_directory_impossible(monkeypatch, tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("geen map")
    monkeypatch.setenv("LEERKRING_SERVICE_SOCKET", str(blocker / "service.sock"))
    monkeypatch.delenv("LEERKRING_SCRUBBER", raising=False)
    with pytest.raises(ScrubberError, match="Kan de map voor de leerkring-service niet maken"):
        privacy.scrub("tekst")
    monkeypatch.setenv("LEERKRING_SERVICE_SOCKET", "/tmp/" + "x" * 120 + "/service.sock")
    with pytest.raises(ServiceError, match="te lang"):
        client.start_service()


def test_socket_path_defaults(monkeypatch, tmp_path):
    monkeypatch.delenv("LEERKRING_SERVICE_SOCKET", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert paths.socket_path() == tmp_path / "leerkring" / "service.sock"
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    assert paths.socket_path() == Path(f"/tmp/leerkring-{os.getuid()}/service.sock")


def test_labelled_set_through_service(service_socket, require, shared_data):
    """Every annotator's output must cross the socket (deduce gives numpy ints for some offsets)."""
    from leerkring.privacy import labelled

    data = shared_data / "pii_public.txt"
    require(data.exists(), f"labelled set not found beside the repository: {data}")
    examples = labelled.load(data)
    multi_line = privacy.scrub("\n".join(ex.text for ex in examples))  # one request, many lines
    assert multi_line.text.count("\n") == len(examples) - 1 and "111222333" not in multi_line.text
    report = labelled.evaluate(examples, privacy.scrub)
    assert report.recall() >= 0.95 and report.keep_rate >= 0.98


# ------------------------------------------------------------------------------------ the host, without deduce
class Echo:
    """A handler for the host tests: answers with the request's text, says how often it was built."""

    built = 0

    def __init__(self, services):
        type(self).built += 1
        self.services = services
        self.closed = False

    def answer(self, req, caller):
        return {"ok": True, "echo": req.get("text"), "caller": caller.username}

    def status(self):
        return {"echo_handler": "klaar"}

    def close(self):
        self.closed = True


def test_the_host_answers_registered_handlers_and_builds_them_once(tmp_path):
    from leerkring.service import handlers, host

    directory = Path(tempfile.mkdtemp(prefix="lk-host-", dir="/tmp"))
    path = directory / "h.sock"
    registry = handlers.Handlers({"echo": f"{__name__}:Echo"})
    Echo.built = 0
    codes = []
    thread = threading.Thread(target=lambda: codes.append(host.serve(path, handlers=registry, quiet=True)))
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while client.ping(path) is None:
            assert time.monotonic() < deadline and thread.is_alive(), "the host did not start"
            time.sleep(0.02)
        assert Echo.built == 0  # not eager: built on first use
        me = pwd.getpwuid(os.getuid()).pw_name  # the host asked its identity provider (local) who calls
        assert client.request({"op": "echo", "text": "hallo"}, path=path) == {"ok": True, "echo": "hallo", "caller": me}
        assert client.request({"op": "echo", "text": "nog eens"}, path=path)["echo"] == "nog eens"
        assert Echo.built == 1
        status = client.ping(path)
        assert status["requests"] == 2 and status["echo_handler"] == "klaar"
        unknown = client.request({"op": "scrub", "text": "x"}, path=path)  # not registered on this host
        assert unknown == {"ok": False, "error": "Onbekende opdracht: 'scrub'."}
        echo = registry.get("echo")
        assert client.request({"op": "shutdown"}, path=path) == {"ok": True}
        thread.join(timeout=10)
        assert codes == [0] and echo.closed and not path.exists()
    finally:
        if thread.is_alive():
            client.request({"op": "shutdown"}, path=path)
            thread.join(timeout=10)
        shutil.rmtree(directory, ignore_errors=True)


def test_handlers_are_named_by_dotted_path_and_ping_and_shutdown_are_reserved():
    from leerkring.service import handlers

    assert handlers.HANDLERS == {
        "scrub": "leerkring.privacy.handler:ScrubHandler",
        "store": "leerkring.store.gateway:StoreGateway",
    }
    for reserved in ("ping", "shutdown"):
        with pytest.raises(ValueError):
            handlers.register(reserved, f"{__name__}:Echo")
    with pytest.raises(ValueError):
        handlers.register("echo", f"{__name__}.Echo")
    assert handlers.load(f"{__name__}:Echo") is Echo


def test_the_store_gateway_scrubs_with_the_hosts_scrub_handler():
    """The gateway gets its scrubber from the host (``services.scrub``), never by importing privacy."""
    from leerkring.privacy.engine import LocalEngine
    from leerkring.privacy.handler import ScrubHandler
    from leerkring.service import handlers

    registry = handlers.Handlers(handlers.HANDLERS)
    registry._built["scrub"] = ScrubHandler(registry.services, engine=LocalEngine(use_deduce=False))
    gateway = registry.get("store")
    assert gateway.scrubber("Bel 06-12345678", known_names=()).text == "Bel [TELEFOON-1]"


def _imported_after(run_python, statement: str) -> list[str]:
    code = f"import sys\n{statement}\nprint(' '.join(sorted(m for m in sys.modules if m.startswith('leerkring'))))"
    out = run_python(code, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.split()


def test_no_import_between_privacy_and_store_and_the_host_imports_neither(run_python):
    host = _imported_after(
        run_python, "import leerkring.service.host, leerkring.service.client, leerkring.service.__main__"
    )
    assert not [m for m in host if m.startswith(("leerkring.privacy", "leerkring.store"))], host
    store = _imported_after(
        run_python,
        "import leerkring.store.database, leerkring.store.gateway, leerkring.store.remote, leerkring.store.protocol",
    )
    assert not [m for m in store if m.startswith("leerkring.privacy")], store
    privacy = _imported_after(
        run_python, "import leerkring.privacy, leerkring.privacy.handler, leerkring.privacy.engine"
    )
    assert not [m for m in privacy if m.startswith("leerkring.store")], privacy
