"""docs/deploy/: the zero-to-jupyterhub values and the service's manifests name what the code expects.

The names come from the code (leerkring.service.hub and leerkring.service.hubconfig), so renaming a
service, a scope or an environment variable there fails here until the deployment files follow.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from leerkring.service import hubconfig
from leerkring.service.hub import DEFAULT_PREFIX, SERVICE_NAME, access_scope

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "docs" / "deploy"
DASHBOARD_SERVICE = "leerkring-dashboard"  # the dashboard hub service (issue 13, item 3)
MANAGEMENT_GROUP = "management"
# the labels zero-to-jupyterhub gives its pods (its "legacy" labels, on every chart version)
HUB_POD = {"app": "jupyterhub", "component": "hub"}
PROXY_POD = {"app": "jupyterhub", "component": "proxy"}
SINGLEUSER_POD = {"app": "jupyterhub", "component": "singleuser-server", "hub.jupyter.org/network-access-hub": "true"}
DATABASE_URL = re.compile(r"(postgres(ql)?(\+\w+)?|sqlite|mysql)://", re.IGNORECASE)


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load((DEPLOY / "values.yaml").read_text("utf-8"))


@pytest.fixture(scope="module")
def manifests() -> dict[tuple[str, str], dict]:
    docs = [d for d in yaml.safe_load_all((DEPLOY / "leerkring-service.yaml").read_text("utf-8")) if d]
    by_kind = {(d["kind"], d["metadata"]["name"]): d for d in docs}
    assert len(by_kind) == len(docs), "one object per kind and name"
    return by_kind


@pytest.fixture(scope="module")
def code_config(tmp_path_factory) -> dict:
    """What ``leerkring hub config`` builds for a single-machine hub: the same names and scopes."""
    return hubconfig.hub_config(tmp_path_factory.mktemp("ws"), users=["marieke"])


def matches(selector: dict, labels: dict) -> bool:
    """Kubernetes label-selector semantics (matchLabels and matchExpressions)."""
    if any(labels.get(k) != v for k, v in (selector.get("matchLabels") or {}).items()):
        return False
    for expr in selector.get("matchExpressions") or []:
        key, op, vals = expr["key"], expr["operator"], expr.get("values") or []
        if op == "In" and labels.get(key) not in vals:
            return False
        if op == "NotIn" and labels.get(key) in vals:
            return False
        if op == "Exists" and key not in labels:
            return False
        if op == "DoesNotExist" and key in labels:
            return False
    return True


def peers(rules: list[dict], direction: str) -> list[dict]:
    """The podSelectors of every ``from``/``to`` entry (an entry without one would mean "anyone")."""
    selectors = []
    for rule in rules:
        for peer in rule.get(direction, []):
            assert "ipBlock" not in peer, f"an address range would admit pods by address: {peer}"
            selectors.append(peer.get("podSelector", {}))
    return selectors


def walk(node, path=""):
    """Every (path, key or value) in a YAML tree."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield f"{path}.{key}", str(key)
            yield from walk(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, f"{path}[{i}]")
    elif node is not None:
        yield path, str(node)


def service_pod(manifests) -> dict:
    return manifests[("Deployment", SERVICE_NAME)]["spec"]["template"]


def env_of(pod: dict) -> dict[str, dict]:
    (container,) = pod["spec"]["containers"]
    return {e["name"]: e for e in container.get("env", [])}


# -- values.yaml -----------------------------------------------------------------------------------
def test_the_hub_knows_the_service_by_its_name_and_url(values, manifests):
    service = values["hub"]["services"][SERVICE_NAME]
    url = urlsplit(service["url"])
    k8s = manifests[("Service", SERVICE_NAME)]
    assert url.scheme == "http" and url.hostname == k8s["metadata"]["name"]
    assert url.port in [p["port"] for p in k8s["spec"]["ports"]]
    # no token in the values (the chart copies them into its Secret "hub" and generates the token)
    for name, svc in values["hub"]["services"].items():
        assert "api_token" not in svc and "apiToken" not in svc, name
    token = env_of(service_pod(manifests))["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"]
    assert token == {"name": "hub", "key": f"hub.services.{SERVICE_NAME}.apiToken"}


def test_roles_grant_the_services_to_the_right_groups(values, code_config):
    roles = values["hub"]["loadRoles"]
    code_roles = {r["name"]: r for r in code_config["JupyterHub.load_roles"]}
    code_role = code_roles[hubconfig.USERS_ROLE]
    users = roles[hubconfig.USERS_ROLE]
    assert code_role["name"] == hubconfig.USERS_ROLE
    assert users["scopes"] == [access_scope(SERVICE_NAME)] == code_role["scopes"]
    assert hubconfig.USERS_GROUP in users["groups"] and set(users["groups"]) >= set(code_role["groups"])
    dashboard = [r for r in roles.values() if access_scope(DASHBOARD_SERVICE) in r.get("scopes", [])]
    assert len(dashboard) == 1 and dashboard[0]["groups"] == [MANAGEMENT_GROUP]
    # the code's own dashboard role says the same: the group, nobody else
    (code_dashboard,) = [r for r in code_roles.values() if access_scope(DASHBOARD_SERVICE) in r["scopes"]]
    assert code_dashboard["groups"] == [MANAGEMENT_GROUP] and not code_dashboard.get("users")
    assert not dashboard[0].get("users"), "the dashboard goes to the group, not to single accounts"
    assert DASHBOARD_SERVICE in values["hub"]["services"]
    # no role hands out more than access to leerkring's own services
    for name, role in roles.items():
        assert all(s.startswith("access:services!service=leerkring") for s in role["scopes"]), name


def test_single_user_token_scopes_are_the_codes(values, code_config):
    from traitlets.config import Config

    c = Config()
    for snippet in values["hub"]["extraConfig"].values():
        exec(compile(snippet, "hub.extraConfig", "exec"), {"c": c})  # as the chart's jupyterhub_config.py does
    scopes = list(c.Spawner.server_token_scopes)
    assert scopes == code_config["Spawner.server_token_scopes"]
    assert scopes == [*hubconfig.SERVER_DEFAULT_SCOPES, access_scope(SERVICE_NAME)]


def test_kernels_find_the_service_under_its_prefix(values, code_config, manifests):
    env = values["singleuser"]["extraEnv"]
    assert set(env) == set(code_config["Spawner.environment"]) == {hubconfig.SERVICE_URL_ENV}
    url = env[hubconfig.SERVICE_URL_ENV]
    assert url == values["hub"]["services"][SERVICE_NAME]["url"] + DEFAULT_PREFIX
    assert code_config["Spawner.environment"][hubconfig.SERVICE_URL_ENV].endswith(DEFAULT_PREFIX)
    pod_env = env_of(service_pod(manifests))
    assert pod_env["JUPYTERHUB_SERVICE_NAME"]["value"] == SERVICE_NAME
    assert pod_env["JUPYTERHUB_SERVICE_PREFIX"]["value"] == DEFAULT_PREFIX
    assert values["singleuser"]["extraPodConfig"]["enableServiceLinks"] is False


def test_no_database_url_anywhere_near_the_hub_or_a_single_user_server(values):
    for path, text in walk(values):
        assert not DATABASE_URL.search(text), path  # the chart copies every value into its Secret "hub"
    for path, text in walk(values["singleuser"]):
        assert hubconfig.DATABASE_ENV not in text and "DATABASE" not in text.upper(), path
    for path, text in walk(values["hub"]):
        assert hubconfig.DATABASE_ENV not in text, path


# -- the service's manifests -----------------------------------------------------------------------
def test_the_service_runs_the_hub_service_module_with_the_database_from_a_secret(manifests):
    from leerkring.service import hub

    pod = service_pod(manifests)
    (container,) = pod["spec"]["containers"]
    command = container["command"]
    assert command[:3] == ["python", "-m", hub.__name__] and callable(hub.main)
    port = int(command[command.index("--port") + 1])
    assert [p["containerPort"] for p in container["ports"]] == [port]
    assert command[command.index("--ip") + 1] == "0.0.0.0"
    database = env_of(pod)[hubconfig.DATABASE_ENV]
    assert "value" not in database and database["valueFrom"]["secretKeyRef"]["name"] == "leerkring-database"
    assert pod["spec"]["enableServiceLinks"] is False
    assert pod["metadata"]["labels"]["hub.jupyter.org/network-access-hub"] == "true"  # to reach the hub API
    for (kind, name), doc in manifests.items():
        for path, text in walk(doc):
            assert not DATABASE_URL.search(text), (kind, name, path)


def test_the_kubernetes_service_and_the_policy_select_the_service_pods(manifests):
    labels = service_pod(manifests)["metadata"]["labels"]
    deployment = manifests[("Deployment", SERVICE_NAME)]
    assert matches(deployment["spec"]["selector"], labels)
    assert matches({"matchLabels": manifests[("Service", SERVICE_NAME)]["spec"]["selector"]}, labels)
    policy = manifests[("NetworkPolicy", SERVICE_NAME)]["spec"]
    assert matches(policy["podSelector"], labels)
    assert set(policy["policyTypes"]) == {"Ingress", "Egress"}
    # other leerkring pods (the setup Job) are not the service: not selected by the Service
    job_labels = manifests[("Job", "leerkring-setup")]["spec"]["template"]["metadata"]["labels"]
    assert not matches({"matchLabels": manifests[("Service", SERVICE_NAME)]["spec"]["selector"]}, job_labels)


def test_only_hub_proxy_and_single_user_servers_reach_the_service(manifests):
    policy = manifests[("NetworkPolicy", SERVICE_NAME)]["spec"]
    (container,) = service_pod(manifests)["spec"]["containers"]
    ports = {p["containerPort"] for p in container["ports"]}
    for rule in policy["ingress"]:
        assert {p["port"] for p in rule["ports"]} <= ports
    sources = peers(policy["ingress"], "from")
    assert sources and all(s for s in sources), "an empty podSelector would admit every pod"
    for pod in (HUB_POD, PROXY_POD, SINGLEUSER_POD):
        assert any(matches(s, pod) for s in sources), pod
    for stranger in ({"app": "other"}, {"component": "hub"}, {"app": "jupyterhub", "component": "user-scheduler"}):
        assert not any(matches(s, stranger) for s in sources), stranger


def test_single_user_servers_may_reach_the_service_pods(values, manifests):
    labels = service_pod(manifests)["metadata"]["labels"]
    rules = values["singleuser"]["networkPolicy"]["egress"]
    (container,) = service_pod(manifests)["spec"]["containers"]
    port = container["ports"][0]["containerPort"]
    assert any(
        any(matches(peer["podSelector"], labels) for peer in rule["to"]) and port in [p["port"] for p in rule["ports"]]
        for rule in rules
    )
    assert all(s for s in peers(rules, "to")), "no rule opens the way to every pod"


def test_only_leerkring_pods_reach_postgresql(manifests):
    policy = manifests[("NetworkPolicy", "leerkring-postgresql")]["spec"]
    assert policy["policyTypes"] == ["Ingress"]
    assert policy["podSelector"] == {"matchLabels": {"app.kubernetes.io/name": "postgresql"}}
    sources = peers(policy["ingress"], "from")
    assert sources and all(s for s in sources)
    setup = manifests[("Job", "leerkring-setup")]["spec"]["template"]["metadata"]["labels"]
    assert any(matches(s, service_pod(manifests)["metadata"]["labels"]) for s in sources)
    assert any(matches(s, setup) for s in sources)
    for pod in (HUB_POD, PROXY_POD, SINGLEUSER_POD, {}):
        assert not any(matches(s, pod) for s in sources), pod
    # the service's own egress allows PostgreSQL on the port this policy opens
    egress = manifests[("NetworkPolicy", SERVICE_NAME)]["spec"]["egress"]
    pg_ports = {p["port"] for rule in policy["ingress"] for p in rule["ports"]}
    assert any(
        any(matches(peer.get("podSelector", {}), {"app.kubernetes.io/name": "postgresql"}) for peer in rule["to"])
        and {p["port"] for p in rule["ports"]} == pg_ports
        for rule in egress
    )


def test_only_leerkring_pods_mount_the_database_secret(manifests):
    holders = set()
    for (kind, name), doc in manifests.items():
        for path, text in walk(doc):
            if path.endswith(".secretKeyRef.name") and text == "leerkring-database":
                holders.add((kind, name))
                labels = doc["spec"]["template"]["metadata"]["labels"]
                assert labels["app.kubernetes.io/name"] == "leerkring", (kind, name)
    assert holders == {("Deployment", SERVICE_NAME), ("Job", "leerkring-setup")}


# -- the guide -------------------------------------------------------------------------------------
def test_the_guide_names_the_files_and_says_where_sizing_comes_from():
    guide = (DEPLOY / "zero-to-jupyterhub.md").read_text("utf-8")
    for name in ("values.yaml", "leerkring-service.yaml", SERVICE_NAME, DASHBOARD_SERVICE, access_scope()):
        assert name in guide
    assert "NFS" in guide and "WAL" in guide and "shared memory" in guide
    readme = (REPO / "README.md").read_text("utf-8")
    if "bench_service.py" not in readme.split("## Benchmarks", 1)[-1]:
        assert "see README benchmarks (bench_service.py)" in guide  # figures not measured yet: a placeholder
