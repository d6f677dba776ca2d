"""The collection hook in ``tests/conftest.py`` gives ``slow`` to every test that starts a kernel, a server
or a process, so ``make test-fast`` (``-m "not slow"``) runs none of them and still runs most tests."""

from __future__ import annotations

import subprocess
import sys

import pytest

# At least one test for every way a test starts something (fixture, marker, explicit mark).
PROCESS_STARTING = (
    "tests/cli/test_cli_errors.py::test_bad_input",  # run_cli
    "tests/cli/test_cli_errors.py::test_happy_path_lists",  # run_cli, through the module fixture cli_ws
    "tests/store/test_rights_retention.py::test_cli_export_forget_retention",  # run_cli
    "tests/store/test_migrations.py::test_release_database_is_upgraded_to_head_with_every_row_intact",  # run_cli
    "tests/summary/test_summary_cli.py::test_html_is_self_contained",  # run_cli, through the fixture summarized
    "tests/test_plugins.py::test_hook_cli_commands",  # run_cli
    "tests/dashboard/test_dashboard.py::test_cli_port_taken",  # run_cli
    "tests/privacy/test_privacy.py::test_import_is_light",  # run_python
    "tests/widgets/test_widgets.py::test_widget_import_is_light",  # run_python
    "tests/store/test_remote_store.py::test_kernel_side_loads_no_sqlalchemy",  # run_python
    "tests/notebooks/test_templates.py::test_template_executes_headless",  # notebook_client (a kernel)
    "tests/notebooks/test_session_notebook.py::test_two_members_in_two_kernels_see_each_other",  # kernels
    "tests/service/test_service_start_notice.py::test_running_the_notebook_shows_the_start_in_the_first_form_cell",
    "tests/service/test_service_start_notice.py::test_a_save_that_starts_the_service_says_why_it_waits",  # own_service
    "tests/service/test_service_host.py::test_status",  # service_socket
    "tests/service/test_service_host.py::test_clear_error_when_service_cannot_start",  # explicit mark
    "tests/store/test_concurrency.py::test_eight_processes_saving_into_one_session",  # writer_process
    "tests/store/test_retries.py::test_a_killed_service_loses_no_acknowledged_save_and_duplicates_none",  # own_service
    "tests/hub/test_hub_service.py::test_health_and_whoami_with_a_real_user_token",  # hub (JupyterHub)
    "tests/service/test_peer_authorisation.py::test_a_hand_made_viewer_reads_nothing_of_anyone_else",  # peer
    "tests/test_end_to_end.py::test_kring_summary_has_the_kring_texts_but_never_personal_ones",  # pipeline
    "tests/dashboard/test_dashboard_server.py::test_kernel_api_is_read_only",  # dashboard_server (Voilà)
    "tests/dashboard/test_dashboard_server.py::test_renders_offline_with_charts",  # browser
    "tests/widgets/test_browser_lab.py::test_member_saves_a_contribution_in_jupyterlab",  # browser marker
    "tests/summary/test_summary_browser.py::test_summary_html_renders_offline_with_charts",  # browser marker
    "tests/test_packaging.py::test_wheel_ships_templates_notebooks_and_data",  # explicit mark (pip)
    "tests/test_collection.py::test_the_fast_set_starts_nothing_and_is_most_of_the_suite",  # explicit mark
)
# Tests that start nothing: they must stay in the fast set (the hook does not mark everything).
IN_PROCESS = (
    "tests/store/test_store.py::test_members_and_roles",
    "tests/widgets/test_widgets.py::test_save_scrubs_stores_clears_and_shows_notice",
    "tests/summary/test_summary_library.py::test_figures_and_suppression",
    "tests/service/test_service_host.py::test_socket_path_defaults",
    "tests/test_frameworks.py::test_builtin_has_the_seven_principles_with_their_kinds",
)


def _collect(repo_root, *args: str) -> subprocess.Popen:
    """``pytest --collect-only`` in a process of its own, run as a developer runs it."""
    return subprocess.Popen(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=repo_root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _collected(proc: subprocess.Popen) -> list[str]:
    """The test ids a ``_collect`` process lists."""
    try:
        stdout, stderr = proc.communicate(timeout=300)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, stdout[-3000:] + stderr[-3000:]
    return [line for line in stdout.splitlines() if "::" in line]


def _functions(ids: list[str]) -> set[str]:
    return {test_id.split("[")[0] for test_id in ids}


@pytest.mark.slow  # runs pytest's collection in processes of its own
def test_the_fast_set_starts_nothing_and_is_most_of_the_suite(repo_root):
    everything_proc, fast_proc = _collect(repo_root), _collect(repo_root, "-m", "not slow")  # side by side
    all_ids, fast_ids = _collected(everything_proc), _collected(fast_proc)
    everything, fast = _functions(all_ids), _functions(fast_ids)
    missing = [test for test in PROCESS_STARTING + IN_PROCESS if test not in everything]
    assert not missing, f"renamed or gone (update this list): {missing}"
    in_fast_set = [test for test in PROCESS_STARTING if test in fast]
    assert not in_fast_set, f"tests that start a kernel, a server or a process but are not 'slow': {in_fast_set}"
    assert all(test in fast for test in IN_PROCESS), sorted(set(IN_PROCESS) - fast)
    assert len(fast_ids) >= 100, len(fast_ids)
    assert len(fast_ids) < len(all_ids)
