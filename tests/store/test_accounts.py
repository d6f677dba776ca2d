"""Linking workspace people to accounts (OS or JupyterHub user names), in the store and at the command
line: ``leerkring member add NAAM --kring K --hub-user ACCOUNT``, ``leerkring member link NAAM
--hub-user ACCOUNT``, ``member list`` shows the account. The shared service finds a caller's person
by this link only (``Store.account``). And the ``[service]`` settings in ``leerkring.toml``."""

from __future__ import annotations

import pytest

from leerkring.errors import AlreadyExists, LeerkringError, NotFound, UsageError


def test_link_and_find_by_account(kring_setup):
    store, kring, _ = kring_setup
    person = store.link_account("Gijs Gast", "  GIJS ")
    assert person.username == "gijs"  # stored casefolded, as the service compares it
    assert store.account("Gijs").name == "Gijs Gast"
    assert store.link_account("Gijs Gast", "gijs") == person  # linking again changes nothing
    with pytest.raises(AlreadyExists, match="Account 'mila' is al gekoppeld aan 'Mila Lid'"):
        store.link_account("Gijs Gast", "mila")
    # only the account matches, never a person's name (an OS account named like someone is not them)
    store.add_member(kring.id, "Sam", "member")
    assert store.person("sam").name == "Sam"
    with pytest.raises(NotFound):
        store.account("sam")
    with pytest.raises(NotFound):
        store.account("mariam")
    for bad in ("", "twee woorden", "x" * 201):
        with pytest.raises(UsageError):
            store.link_account("Mariam Manager", bad)
    with pytest.raises(AlreadyExists, match="al gekoppeld"):
        store.add_member(kring.id, "Nieuw Lid", "member", username="cora")
    assert [r["action"] for r in store.audit_log(5)].count("person.link") == 1


def test_member_commands_link_accounts(tmp_path, run_cli):
    root = tmp_path / "ws"
    assert run_cli("init", str(root), "--name", "Wijkteams Test").returncode == 0

    def cli(*args):
        return run_cli("-w", str(root), *args)

    assert cli("kring", "add", "Wijkteam Noord").returncode == 0
    added = cli("member", "add", "Anna de Boer", "--kring", "Wijkteam Noord", "--role", "coach", "--hub-user", "Anna")
    assert added.returncode == 0, added.stderr
    assert "account 'anna'" in added.stdout
    assert cli("member", "add", "Bram Smit", "--kring", "Wijkteam Noord").returncode == 0
    linked = cli("member", "link", "Bram Smit", "--hub-user", "bsmit")
    assert (linked.returncode, linked.stdout.strip()) == (0, "Bram Smit is nu gekoppeld aan account 'bsmit'.")
    listing = cli("member", "list", "--kring", "Wijkteam Noord")
    assert "account" in listing.stdout.splitlines()[0]
    assert any("Bram Smit" in line and "bsmit" in line for line in listing.stdout.splitlines())
    taken = cli("member", "link", "Bram Smit", "--hub-user", "anna")
    assert taken.returncode == 1 and "Traceback" not in taken.stderr
    assert [line for line in taken.stderr.splitlines() if line.strip()] == [
        "fout: Account 'anna' is al gekoppeld aan 'Anna de Boer'."
    ]
    unknown = cli("member", "link", "Niemand", "--hub-user", "niemand")
    assert unknown.returncode == 1 and "Onbekend lid" in unknown.stderr and len(unknown.stderr.splitlines()) == 1
    missing = cli("member", "link", "Bram Smit")
    assert missing.returncode == 2 and "--hub-user" in missing.stderr


def test_service_settings(tmp_path):
    from leerkring import config

    (tmp_path / "leerkring.toml").write_text('[workspace]\nname = "X"\n')
    settings = config.read_settings(tmp_path)
    assert (settings.service_identity, settings.service_admins) == ("local", ())
    assert "service" not in settings.to_toml()  # a local workspace's file stays as it was

    (tmp_path / "leerkring.toml").write_text(
        '[workspace]\nname = "X"\n[service]\nidentity = "Peer"\nadmins = ["Beheer", " root "]\n'
        'socket = "/run/lk/service.sock"\nuser = "lksvc"\n'
    )
    settings = config.read_settings(tmp_path)
    assert settings.service_identity == "peer" and settings.service_admins == ("beheer", "root")
    assert (settings.peer_socket(), settings.peer_user()) == ("/run/lk/service.sock", "lksvc")
    config.write_settings(tmp_path, settings)
    assert config.read_settings(tmp_path) == settings

    for bad, fragment in (('admins = "root"', "lijst van accountnamen"), ('socket = "run/x.sock"', "absoluut pad")):
        (tmp_path / "leerkring.toml").write_text(f'[workspace]\nname = "X"\n[service]\n{bad}\n')
        with pytest.raises(LeerkringError, match=fragment):
            config.read_settings(tmp_path)


def test_an_unknown_identity_source_is_one_dutch_line():
    from leerkring import identity

    with pytest.raises(LeerkringError, match="Onbekende identiteitsbron 'ldap'"):
        identity.provider("ldap")
    peer = identity.provider("peer", admins=["Beheer"], service_uid=12345, unused_option=True)
    assert peer.admins == frozenset({"beheer"}) and peer.service_uid == 12345
