"""Unit tests of mentoring.publish without a server: settings, manifests, messages, choices.

The real ssh/rsync runs are in tests/deploy; here a recording stand-in for Remote checks
what the publisher decides (which releases to prune, how it reads the host's answer).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from mentoring.publish.__main__ import main
from mentoring.publish.errors import PublishError
from mentoring.publish.manifest import build_manifest, compare, parse_sha256sum
from mentoring.publish.releases import Publisher, new_release_name
from mentoring.publish.settings import from_environment
from mentoring.publish.ssh import Remote, explain

KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nc2VjcmV0LWtleS1ib2R5\n-----END OPENSSH PRIVATE KEY-----"
BASE_ENV = {
    "DEPLOY_HOST": "cro-dubna.example",
    "DEPLOY_USER": "cro",
    "DEPLOY_PATH": "nastavnichestvo",
    "DEPLOY_SSH_KEY": KEY,
    "DEPLOY_KNOWN_HOSTS": "cro-dubna.example ssh-ed25519 AAAAC3Nza",
    "SITE_URL": "https://cro-dubna.example/nastavnichestvo/",
}


def test_settings_defaults_and_secret_not_in_repr() -> None:
    settings = from_environment(BASE_ENV)
    assert (settings.port, settings.keep, settings.site_dir) == (22, 5, Path("site"))
    assert "c2VjcmV0" not in repr(settings)


def test_settings_key_from_a_file(tmp_path: Path) -> None:
    key = tmp_path / "deploy_key"
    key.write_text(KEY)
    env = {**BASE_ENV, "DEPLOY_SSH_KEY": "", "DEPLOY_SSH_KEY_FILE": str(key)}
    assert from_environment(env).private_key_file == key
    with pytest.raises(PublishError, match="заданы обе переменные DEPLOY_SSH_KEY и"):
        from_environment({**env, "DEPLOY_SSH_KEY": KEY})


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEPLOY_HOST", "-oProxyCommand=x", "DEPLOY_HOST «-oProxyCommand=x»: нужно имя сервера"),
        ("DEPLOY_PATH", "www; rm -rf ~", "DEPLOY_PATH «www; rm -rf ~»: допустимы"),
        ("DEPLOY_PATH", "www/../etc", "DEPLOY_PATH «www/../etc»: допустимы"),
        ("DEPLOY_PORT", "ssh", "DEPLOY_PORT «ssh»: нужно целое число от 1 до 65535"),
        ("SITE_URL", "cro-dubna.example", "SITE_URL «cro-dubna.example»: нужен адрес вида"),
    ],
)
def test_settings_refuse_values_that_could_change_a_command(
    name: str, value: str, message: str
) -> None:
    with pytest.raises(PublishError) as caught:
        from_environment({**BASE_ENV, name: value})
    assert f"  - {message}" in str(caught.value)
    assert "c2VjcmV0" not in str(caught.value)


def test_rollback_needs_no_site_url() -> None:
    env = {**BASE_ENV, "SITE_URL": ""}
    assert from_environment(env, need_site=False).site_url == ""
    with pytest.raises(PublishError, match="не задана переменная SITE_URL"):
        from_environment(env)


def test_manifest_refuses_symlinks_and_needs_a_site(tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="нет собранного сайта"):
        build_manifest(tmp_path)
    (tmp_path / "index.html").write_text("<h1>Сайт</h1>")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b.css").write_text("b{}")
    assert sorted(build_manifest(tmp_path)) == ["a/b.css", "index.html"]
    (tmp_path / "a" / "link").symlink_to("/etc/passwd")
    with pytest.raises(PublishError, match=r"a/link — не обычный файл или папка"):
        build_manifest(tmp_path)


def test_sha256sum_output_with_escaped_names() -> None:
    output = "aa  ./index.html\n\\bb  ./odd\\\\name\\nline.txt\ncc  ./Документ.pdf\n"
    assert parse_sha256sum(output) == {
        "index.html": "aa",
        "odd\\name\nline.txt": "bb",
        "Документ.pdf": "cc",
    }


def test_compare_names_every_difference() -> None:
    built = {"index.html": "aa", "a.css": "bb", "gone.js": "cc"}
    uploaded = {"index.html": "aa", "a.css": "XX", "extra.txt": "dd"}
    assert compare(built, uploaded) == [
        "нет файла gone.js",
        "лишний файл extra.txt",
        "другая контрольная сумма у a.css",
    ]
    assert compare(built, dict(built)) == []


@pytest.mark.parametrize(
    ("stderr", "start"),
    [
        ("@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@", "ключ сервера"),
        (
            "No ED25519 host key is known for [h]:2222 and you have requested strict checking.\n"
            "Host key verification failed.",
            "в DEPLOY_KNOWN_HOSTS нет ключа для cro-dubna.example",
        ),
        ("Host key verification failed.", "ключ сервера cro-dubna.example:22 не совпадает"),
        ('Load key "/tmp/publish-x/id_key": invalid format', "DEPLOY_SSH_KEY не похож"),
        ("@ WARNING: UNPROTECTED PRIVATE KEY FILE! @", "файл ключа DEPLOY_SSH_KEY_FILE"),
        ("cro@cro-dubna.example: Permission denied (publickey).", "сервер cro-dubna.example:22"),
        ("ssh: connect to host h port 22: Connection refused", "не удалось подключиться"),
        ("ssh: Could not resolve hostname h: Name or service not known", "не удалось подключиться"),
        ('rsync: [receiver] write failed on "x": No space left on device (28)', "на сервере"),
        ("bash: line 1: rsync: command not found", "на сервере cro-dubna.example:22 не найден"),
    ],
)
def test_explain_known_failures(stderr: str, start: str) -> None:
    advice = explain(stderr, from_environment(BASE_ENV))
    assert advice is not None and advice.startswith(start)


def test_explain_unknown_failure() -> None:
    assert explain("something else went wrong", from_environment(BASE_ENV)) is None


def test_release_names_sort_by_time() -> None:
    early = new_release_name(datetime(2026, 11, 30, 6, 0, 0, 5, tzinfo=UTC))
    later = new_release_name(datetime(2026, 11, 30, 6, 0, 0, 40, tzinfo=UTC))
    assert early == "20261130T060000000005Z" and early < later


class RecordingRemote(Remote):
    """Answers every script with a fixed text and records the scripts."""

    def __init__(self, answer: str) -> None:
        super().__init__(from_environment(BASE_ENV))
        self.answer = answer
        self.scripts: list[str] = []

    def run(self, script: str, *, action: str) -> str:
        self.scripts.append(script)
        return self.answer


def _names(count: int) -> list[str]:
    return [f"2026113{day}T060000000000Z" for day in range(count)]


def test_state_reads_live_link_free_space_and_releases() -> None:
    names = _names(3)
    answer = (
        f"releases/{names[1]}\n/dev/sda1 1000 200 800 20% /\n"
        + "\n".join([*names, "not-a-release"])
        + "\n"
    )
    remote = RecordingRemote(answer)
    state = Publisher(from_environment(BASE_ENV), remote).state(prepare=False)
    assert (state.live, state.releases, state.free_bytes) == (names[1], names, 800 * 1024)
    assert "rm -rf" not in remote.scripts[0]


def test_prune_keeps_newest_and_the_previous_live_release() -> None:
    names = _names(7)
    remote = RecordingRemote("")
    publisher = Publisher(
        from_environment({**BASE_ENV, "DEPLOY_KEEP": "3"}), remote, log=lambda _line: None
    )
    removed = publisher.prune(names, keep={names[-1], names[1]})
    assert removed == [names[0], names[2], names[3]]
    assert remote.scripts == [
        "set -e\ncd nastavnichestvo\nrm -rf "
        + " ".join(f"releases/{n}" for n in (names[0], names[2], names[3]))
    ]


def test_check_command_validates_settings_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, value in BASE_ENV.items():
        monkeypatch.setenv(name, value)
    assert main(["check"]) == 0  # no connection is made: the host does not exist
    monkeypatch.delenv("DEPLOY_HOST")
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Ошибка публикации. Публикация не начата: настройки заданы неверно.")
    assert "c2VjcmV0" not in err
