"""The model's contact sheets (`foulard model sheets`)."""

from __future__ import annotations

import numpy as np


def test_contact_sheets_are_drawn_by_the_model_named(tmp_path, capsys):
    """The sheets of 10 prompts in both languages, by the latest model or one named;
    --weights and --model together are refused."""
    from PIL import Image

    from foulard.cli.main import main
    from foulard.model.infer import weights_path
    from foulard.model.sheets import PROMPTS, prompt_sheets

    pictures = {}
    for name in ("v7", "v5"):
        files = prompt_sheets(tmp_path / name, model_name=name, per_prompt=1, px=32)
        assert [f.name for f in files] == ["prompts-en.png", "prompts-zh.png"]
        with Image.open(files[0]) as im:
            assert im.height == len(PROMPTS) * (32 + 6)
            pictures[name] = np.asarray(im.convert("RGB"))
    assert not np.array_equal(pictures["v7"], pictures["v5"])
    args = ["model", "sheets", str(tmp_path / "x"), "--model", "v5"]
    assert main([*args, "--weights", str(weights_path("v5"))]) != 0
    assert "not both" in capsys.readouterr().err
