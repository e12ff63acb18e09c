"""A count on the command line is typed in ASCII digits, as on the web page."""

from __future__ import annotations

import pytest

from bot.cli.main import main


@pytest.mark.parametrize("top", ["３", "٣", "²"])
def test_top_in_other_digits_is_refused(top, capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["ask", "--top", top, "fighters"])
    assert stopped.value.code == 2 and "--top" in capsys.readouterr().err
