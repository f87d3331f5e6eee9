"""The README's deployment steps match the files and the messages they go with."""

from __future__ import annotations

import re

from jobtracker.database_wait import COMPOSE_VOLUME_ADVICE
from tests.deployment.files import ROOT, load_yaml, parse_dockerfile


def _readme() -> str:
    return (ROOT / "README.md").read_text()


def test_readme_shows_how_to_copy_a_backup_out_of_the_app_volume() -> None:
    data_dir = parse_dockerfile()[-1].env["DATA_DIR"]
    assert "app" in load_yaml("compose.yaml")["services"]
    # `backup` writes into DATA_DIR/backups unless told otherwise (portability/commands.py).
    assert "docker compose exec app python -m jobtracker backup" in _readme()
    assert re.search(rf"docker compose cp app:{data_dir}/backups\S* ", _readme())


def test_readme_section_named_by_the_wrong_password_message_exists() -> None:
    section = re.search(r"see '([^']+)' in the README", COMPOSE_VOLUME_ADVICE)
    assert section is not None
    headings = [line.lstrip("#").strip() for line in _readme().splitlines() if line[:1] == "#"]
    assert section.group(1) in headings


def test_readme_says_the_database_password_is_fixed_when_its_volume_is_created() -> None:
    database_volume = load_yaml("compose.yaml")["services"]["db"]["volumes"][0].split(":")[0]
    text = " ".join(_readme().split())
    fixed_at_creation = (
        f"`POSTGRES_PASSWORD` becomes the database's password only when the "
        f"`{database_volume}` volume is first created"
    )
    assert fixed_at_creation in text
    assert "ALTER USER jobtracker PASSWORD" in text
