"""`sle-desktop bench` is a stable command although the benchmarks live outside the installed package."""

from sle_desktop import cli
from sle_desktop.cli import site as site_cli


def test_bench_forwards_its_options_to_the_benchmarks(capsys):
    assert site_cli.BENCHMARKS.is_file()
    try:
        cli.main(["bench", "--help"])
    except SystemExit as done:  # argparse's --help of the benchmark's own parser
        assert done.code == 0
    out = capsys.readouterr().out
    assert "--quick" in out and "--json FILE" in out


def test_bench_says_how_to_get_the_benchmarks_where_they_are_not_installed(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(site_cli, "BENCHMARKS", tmp_path / "benchmarks" / "bench.py")
    assert cli.main(["bench", "--quick"]) == 1
    err = capsys.readouterr().err
    assert "not part of this installation" in err and "source checkout" in err


def test_other_commands_still_refuse_unknown_options(capsys):
    try:
        cli.main(["verify-audit", "--db", "x.sqlite", "--quick"])
    except SystemExit as done:
        assert done.code == 2
    assert "unrecognized arguments: --quick" in capsys.readouterr().err
