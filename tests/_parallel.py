"""The suite on several processes (pytest-xdist; ``make test`` runs ``-n 3``, and ``--dist loadgroup`` is
in pytest's ``addopts``, so any ``pytest -n N`` groups as described here).

Every xdist worker is a pytest session of its own: its own temporary folder (``tmp_path_factory``),
its own leerkring service (``tests/conftest.py``), its own PostgreSQL schemas (random names) and
free ports. What must stay on one worker is decided from the fixtures each test uses:

- tests that share a fixture set up once per module or class (a server, a summarised workspace)
  form one group, the module (one per value of a parametrised one), so it is built once, as serially;
- tests that share an expensive session fixture of a test folder's ``conftest.py`` (``SHARED_ONCE``
  in ``tests/conftest.py``: the hub of ``tests/hub/``, the deduce engine of ``tests/privacy/``) form
  one group per value of that fixture (the hub on SQLite, the hub on PostgreSQL), so each is built
  once, not once per worker;
- a test with an explicit ``@pytest.mark.xdist_group(name)`` is in that group;
- every other test is scheduled on its own.

xdist's own ``loadgroup`` passes groups to the controller by renaming the tests, which pytest 9.2's
structured node ids no longer allow (pytest-xdist issue 1386: the groups are silently ignored). So
each worker writes its plan (test -> group, slow or not) to a file the controller named for it, and
the controller schedules with :class:`GroupScheduling`, xdist's scope scheduler with those groups,
handing out the longest groups first: the durations of the previous run (pytest's cache) or, for a
test without one, an estimate from its ``slow`` mark. A serial run only records the durations.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import defaultdict
from pathlib import Path

import pytest
from xdist.scheduler import LoadScopeScheduling

CACHE_KEY = "leerkring/durations"
PLAN_KEY = "leerkring_plan"  # in a worker's workerinput: the file for its plan
# Seconds assumed for a test the cache does not know (about the suite's averages of both kinds).
ESTIMATE_SLOW = 6.0
ESTIMATE_FAST = 0.2
# Scopes of fixtures that tie a module's tests together.
MODULE_SCOPES = ("module", "class", "package")


# -- in a worker: which tests belong together ----------------------------------------------------------
def _param_suffix(item, name: str) -> str:
    """``-<index>`` when ``name`` is a parametrised fixture of ``item`` (each value can go its own way)."""
    callspec = getattr(item, "callspec", None)
    if callspec is None or name not in callspec.indices:
        return ""
    return f"-{callspec.indices[name]}"


def _group(item, shared: Path, once: frozenset[str]) -> str | None:
    """The group ``item`` must run in, or ``None`` when it may run anywhere."""
    mark = item.get_closest_marker("xdist_group")
    if mark is not None:
        return "mark-" + str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
    session, module = [], []
    for name in sorted(getattr(item, "fixturenames", ())):
        fixturedefs = item._fixtureinfo.name2fixturedefs.get(name, ())
        if not fixturedefs:
            continue
        fixturedef = fixturedefs[-1]  # the definition this test gets (the closest override)
        try:
            source = Path(fixturedef.func.__code__.co_filename)
        except AttributeError:
            continue
        if source == shared or not source.is_relative_to(shared.parent):
            continue  # pytest's own and tests/conftest.py's: cheap, or once per worker anyway
        if fixturedef.scope == "session" and name in once:
            session.append(f"{name}{_param_suffix(item, name)}")
        elif fixturedef.scope in MODULE_SCOPES:
            module.append(_param_suffix(item, name))
    if session:  # a session fixture outlives modules: everything using it stays together
        return "session-" + "-".join(session)
    if module:
        return "module-" + item.nodeid.split("::", 1)[0] + "".join(module)
    return None


def write_plan(config, items: list, once) -> None:
    """In an xdist worker: write each test's group and whether it is slow where the controller reads it.
    ``once``: the names of expensive session fixtures whose tests share one worker."""
    workerinput = getattr(config, "workerinput", None)
    if not workerinput or PLAN_KEY not in workerinput:
        return
    shared = Path(__file__).with_name("conftest.py")
    names = frozenset(once)
    plan = {
        item.nodeid: {"group": _group(item, shared, names), "slow": item.get_closest_marker("slow") is not None}
        for item in items
    }
    target = Path(workerinput[PLAN_KEY])
    partial = target.with_suffix(".part")
    partial.write_text(json.dumps(plan), "utf-8")
    os.replace(partial, target)


# -- in the controller: scheduling ---------------------------------------------------------------------
class GroupScheduling(LoadScopeScheduling):
    """xdist's scope scheduler, its scopes being the workers' groups, the longest handed out first."""

    def __init__(self, config, log, plans: Path, known: dict[str, float]):
        super().__init__(config, log)
        self._plans = plans
        self._known = known
        self._plan: dict | None = None
        self._ordered = False

    def plan(self) -> dict:
        if self._plan is None:  # every worker collected the same tests: any finished plan will do
            found = sorted(self._plans.glob("*.json"))
            if not found:
                return {}
            self._plan = json.loads(found[0].read_text("utf-8"))
        return self._plan

    def _split_scope(self, nodeid: str) -> str:
        entry = self.plan().get(nodeid)
        return entry["group"] if entry and entry["group"] else nodeid

    def _cost(self, nodeids) -> float:
        plan = self.plan()
        estimate = {True: ESTIMATE_SLOW, False: ESTIMATE_FAST}
        return sum(self._known.get(n, estimate[bool(plan.get(n, {}).get("slow"))]) for n in nodeids)

    def _assign_work_unit(self, node) -> None:
        if not self._ordered:  # once, when the queue is complete: longest first, ties in pytest's order
            self._ordered = True
            units = sorted(self.workqueue.items(), key=lambda unit: self._cost(unit[1]), reverse=True)
            self.workqueue.clear()
            self.workqueue.update(units)
        super()._assign_work_unit(node)


class Controller:
    """The process that sees every report (xdist's controller, or a serial run): names each worker's
    plan file, makes the scheduler and keeps the durations in pytest's cache for the next run."""

    def __init__(self, config):
        self.config = config
        self.seconds: dict[str, float] = defaultdict(float)
        self.plans: Path | None = None

    def known(self) -> dict[str, float]:
        cache = getattr(self.config, "cache", None)
        return dict(cache.get(CACHE_KEY, {})) if cache is not None else {}

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node):
        if self.plans is None:
            self.plans = Path(tempfile.mkdtemp(prefix="leerkring-xdist-"))
        node.workerinput[PLAN_KEY] = str(self.plans / f"{node.gateway.id}.json")

    @pytest.hookimpl(optionalhook=True, tryfirst=True)  # before xdist's own (the first answer counts)
    def pytest_xdist_make_scheduler(self, config, log):
        if config.getvalue("dist") != "loadgroup":
            return None
        if self.plans is None:
            self.plans = Path(tempfile.mkdtemp(prefix="leerkring-xdist-"))
        return GroupScheduling(config, log, self.plans, self.known())

    def pytest_runtest_logreport(self, report):
        self.seconds[report.nodeid] += report.duration

    def pytest_sessionfinish(self, session):
        if self.plans is not None:
            shutil.rmtree(self.plans, ignore_errors=True)
        cache = getattr(self.config, "cache", None)
        if not self.seconds or cache is None:
            return
        merged = self.known()
        merged.update({nodeid: round(seconds, 2) for nodeid, seconds in self.seconds.items()})
        cache.set(CACHE_KEY, merged)


def register(config) -> None:
    """Called from ``pytest_configure``: the controller's part (nothing to register in a worker)."""
    if not hasattr(config, "workerinput"):
        config.pluginmanager.register(Controller(config), "leerkring-parallel")
