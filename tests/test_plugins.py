"""Extension points: every hook is documented and tested, and an installed plugin reaches the product.

The example plugin in ``tests/plugins/example/`` is installed the way pip leaves a package behind: a
``.dist-info`` folder whose ``entry_points.txt`` names it in the ``leerkring`` group, on the path.
"""

from __future__ import annotations

import inspect
import os
import re
import shutil
import sys
from pathlib import Path

import pluggy
import pytest

from leerkring import hookimpl, hookspecs, plugins

EXAMPLE = Path(__file__).parent / "plugins" / "example" / "leerkring_example.py"
HOOKS = sorted(name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction) if hasattr(fn, "leerkring_spec"))


def _install(target: Path) -> Path:
    """Install the example plugin into ``target`` as pip would (module + dist-info with entry points)."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(EXAMPLE, target / EXAMPLE.name)
    info = target / "leerkring_example-1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: leerkring-example\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[leerkring]\nexample = leerkring_example\n")
    return target


def _reset_plugins() -> None:
    plugins._manager = None
    plugins._installed = None
    plugins._generation += 1


@pytest.fixture
def installed_example(tmp_path, monkeypatch):
    """The example plugin installed in this process (entry point discovery included)."""
    site = _install(tmp_path / "site")
    monkeypatch.syspath_prepend(str(site))
    _reset_plugins()
    yield site
    sys.modules.pop("leerkring_example", None)
    _reset_plugins()


# -- the meta-tests -----------------------------------------------------------------------------
def test_every_hook_is_documented(repo_root):
    doc = (repo_root / "docs" / "plugins.md").read_text(encoding="utf-8")
    missing = [name for name in HOOKS if not re.search(rf"^### `{name}", doc, re.MULTILINE)]
    assert HOOKS and not missing, f"hooks without a section in docs/plugins.md: {missing}"


def test_every_hook_has_a_test():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in Path(__file__).parent.rglob("test_*.py"))
    missing = [name for name in HOOKS if not re.search(rf"def test_hook_{name}\b", sources)]
    assert not missing, f"hooks without a test named test_hook_<name>: {missing}"


def test_every_hook_has_an_example_in_the_docs_plugin(repo_root):
    doc = (repo_root / "docs" / "plugins.md").read_text(encoding="utf-8")
    missing = [name for name in HOOKS if f"def {name}(" not in doc]
    assert not missing, f"hooks without an example implementation in docs/plugins.md: {missing}"


def test_hookimpl_marks_exactly_as_pluggy_does():
    def ours():
        pass

    def theirs():
        pass

    hookimpl(tryfirst=True)(ours)
    pluggy.HookimplMarker("leerkring")(tryfirst=True)(theirs)
    assert ours.leerkring_impl == theirs.leerkring_impl
    plain = hookimpl(lambda: None)
    assert plain.leerkring_impl == pluggy.HookimplMarker("leerkring")(lambda: None).leerkring_impl


def test_default_plugins_declare_exactly_the_hooks_they_implement():
    """The fast path imports a default plugin only for the hooks it declares: the two must agree."""
    import importlib

    for module_name, declared in plugins.DEFAULT_PLUGINS.items():
        module = importlib.import_module(module_name)
        implemented = {name for name in HOOKS if hasattr(getattr(module, name, None), "leerkring_impl")}
        assert set(declared) == implemented, module_name


def test_defaults_answer_the_same_with_and_without_pluggy():
    """The fast path (no outside plugin: our modules called directly) equals the manager's answer."""
    _reset_plugins()
    try:
        assert not plugins.installed_plugins_exist()
        fast = {name: plugins.call(name) for name in HOOKS if name != "cli_commands"}
        assert plugins._manager is None  # answered without pluggy
        plugins.manager()
        slow = {name: plugins.call(name) for name in HOOKS if name != "cli_commands"}
        assert fast == slow
    finally:
        _reset_plugins()


# -- one test per hook (test_hook_<name>) --------------------------------------------------------
def test_hook_pii_detectors(installed_example):
    from leerkring.privacy.engine import LocalEngine

    result = LocalEngine(use_deduce=False).scrub("Zie dossier KL-2024-00017 van de gemeente.")
    assert "KL-2024-00017" not in result.text
    assert "[CLIENTNUMMER-1]" in result.text
    assert result.notice() == "Vervangen: 1 × clientnummer"


def test_hook_pii_types(installed_example):
    from leerkring.privacy import registry

    assert registry.types()[: len(("persoon",))] == ("persoon",)  # ours first, in notice order
    assert "clientnummer" in registry.types()


def test_a_detector_type_no_plugin_declares_is_left_out(installed_example, caplog):
    from leerkring.privacy.engine import LocalEngine

    class Undeclared:
        @hookimpl
        def pii_detectors(self):
            from leerkring.privacy.detectors import Candidate

            return {"geheim": lambda text: [Candidate("geheimpje", 0, 3, 99)]}

    plugins.register(Undeclared(), name="undeclared")
    try:
        with caplog.at_level("WARNING"):
            result = LocalEngine(use_deduce=False).scrub("abc def")
        assert result.text == "abc def"
        assert "geheimpje" in caplog.text
    finally:
        plugins.unregister("undeclared")


def test_hook_keep_words(installed_example):
    from leerkring.privacy import registry
    from leerkring.privacy.engine import LocalEngine

    assert "bram buurtkracht" in registry.keep_phrases()
    assert "mantelzorg" in registry.keep_words()  # ours are still there
    text = "We werken samen met Bram Buurtkracht in de wijk."
    assert LocalEngine(use_deduce=False).scrub(text, known_names=["Bram Buurtkracht"]).text == text


def test_keep_words_without_the_plugin_do_not_protect_the_name():
    """The counterpart of test_hook_keep_words: without the plugin the same name is replaced."""
    from leerkring.privacy.engine import LocalEngine

    result = LocalEngine(use_deduce=False).scrub(
        "We werken samen met Bram Buurtkracht in de wijk.", known_names=["Bram Buurtkracht"]
    )
    assert "Bram Buurtkracht" not in result.text


def test_hook_identity_providers(installed_example):
    from leerkring import identity
    from leerkring.errors import LeerkringError

    assert set(identity.providers()) >= {"local", "voorbeeld"}
    assert identity.provider("voorbeeld").identify(None).username == "voorbeeld"

    class Conn:
        peer_uid = os.getuid()

    assert identity.provider("local").identify(Conn()).trusted
    Conn.peer_uid = os.getuid() + 1
    with pytest.raises(identity.NotAuthenticated):
        identity.provider("local").identify(Conn())
    with pytest.raises(LeerkringError, match="Onbekende identiteitsbron 'ldap'"):
        identity.provider("ldap")


def test_hook_cli_commands(tmp_path, run_cli):
    site = _install(tmp_path / "site")
    env = {"PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")])}
    help_text = run_cli("--help", env=env)
    assert help_text.returncode == 0
    commands = re.findall(r"^    (\w+)\s", help_text.stdout, re.MULTILINE)
    assert commands[-1] == "voorbeeld" and commands[0] == "init"  # ours first, the plugin's after
    result = run_cli("voorbeeld", env=env)
    assert (result.returncode, result.stdout.strip()) == (0, "Hallo uit de voorbeeldplugin.")
    assert "voorbeeld" not in run_cli("--help").stdout  # not installed: not there


def test_a_broken_plugin_is_left_out_with_a_log_line(tmp_path, monkeypatch, caplog):
    site = _install(tmp_path / "site")
    (site / "leerkring_example.py").write_text("raise ImportError('kapot')\n")
    monkeypatch.syspath_prepend(str(site))
    _reset_plugins()
    try:
        with caplog.at_level("ERROR"):
            assert "local" in plugins.mapping("identity_providers")
        assert "could not be loaded" in caplog.text
    finally:
        sys.modules.pop("leerkring_example", None)
        _reset_plugins()
