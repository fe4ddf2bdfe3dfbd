"""Contact sheets of conditioned samples: the same 10 prompts in English and in Chinese."""

from __future__ import annotations

from pathlib import Path

import numpy as np

__all__ = ["PROMPTS", "loss_curve", "nearest_sheet", "prompt_sheets"]

PROMPTS = (
    ("red flowers", "红色花卉"),
    ("blue and white porcelain", "青花瓷"),
    ("green leaves", "绿色叶子"),
    ("gold auspicious clouds", "金色祥云"),
    ("black and white stripes", "黑白条纹"),
    ("purple tie dye", "紫色扎染"),
    ("yellow polka dots", "黄色圆点"),
    ("pink plum blossoms", "粉色梅花"),
    ("brown tartan", "棕色格子呢"),
    ("orange tessellation", "橙色镶嵌"),
)


def prompt_sheets(
    out_dir: str | Path, *, weights=None, model_name: str | None = None, per_prompt: int = 4,
    px: int = 160, repeats: int = 2, seed: int = 1,
) -> list[Path]:  # fmt: skip
    """One sheet per language (rows: prompts; columns: seeds); returns the files."""
    from importlib import resources

    from PIL import Image, ImageDraw, ImageFont

    from foulard.model.infer import load_model

    font_path = resources.files("foulard").joinpath("data", "fonts", "FoulardKai-Regular.ttf")

    def _font(size: int):
        if font_path.is_file():
            return ImageFont.truetype(str(font_path), size)
        return ImageFont.load_default()

    model = load_model(weights, model=model_name)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for lang, col in (("en", 0), ("zh", 1)):
        label_w, gap = 330, 6
        sheet = Image.new(
            "RGB", (label_w + per_prompt * (px + gap), len(PROMPTS) * (px + gap)), "white"
        )
        draw = ImageDraw.Draw(sheet)
        font = _font(18)
        small = _font(13)
        for r, pair in enumerate(PROMPTS):
            text = pair[col]
            cond = model.condition(text)
            y0 = r * (px + gap)
            draw.text((8, y0 + 8), text, fill=(0, 0, 0), font=font)
            used = ", ".join(c for _, c in cond.used) or "(no known word)"
            draw.text((8, y0 + 40), used[:48], fill=(90, 90, 90), font=small)
            if len(used) > 48:
                draw.text((8, y0 + 58), used[48:96], fill=(90, 90, 90), font=small)
            for k in range(per_prompt):
                rng = np.random.default_rng(np.random.SeedSequence([seed, r, k]))
                d = model.draw(cond.c, rng, 0.8)
                t = (np.arange(px) + 0.5) / px
                v, u = np.meshgrid(t, t, indexing="ij")
                dec = model.decoder(d.z, cond.c, repeats / px, d.colours)
                rgb = dec(u * repeats, v * repeats)
                tile = Image.fromarray((np.clip(rgb, 0, 1) * 255 + 0.5).astype(np.uint8))
                sheet.paste(tile, (label_w + k * (px + gap), y0))
        path = out / f"prompts-{lang}.png"
        sheet.save(path)
        files.append(path)
    return files


def loss_curve(loss_csv: str | Path, out: str | Path, width: int = 720, height: int = 300) -> Path:
    """A plain PNG of the training curve (total loss and its KL part, log scale)."""
    import csv

    from PIL import Image, ImageDraw

    with open(loss_csv, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f)]
    steps = np.array([float(r["step"]) for r in rows])
    series = {
        "loss": (np.array([float(r["loss"]) for r in rows]), (30, 60, 160)),
        "kl": (np.array([float(r["kl"]) for r in rows]), (200, 90, 30)),
    }
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    left, right, top, bottom = 60, width - 10, 10, height - 30
    lo = np.log10(max(min(v.min() for v, _ in series.values()), 1e-3))
    hi = np.log10(max(v.max() for v, _ in series.values()))
    draw.rectangle((left, top, right, bottom), outline=(0, 0, 0))
    for dec in range(int(np.floor(lo)), int(np.ceil(hi)) + 1):
        y = bottom - (dec - lo) / max(hi - lo, 1e-9) * (bottom - top)
        if top <= y <= bottom:
            draw.line((left, y, right, y), fill=(225, 225, 225))
            draw.text((5, y - 6), f"1e{dec}", fill=(0, 0, 0))
    for name, (vals, colour) in series.items():
        # A running mean over 10 logged points smooths the batch noise.
        k = min(10, len(vals))
        smooth = np.convolve(np.log10(np.maximum(vals, 1e-3)), np.ones(k) / k, mode="valid")
        xs = left + (steps[k - 1 :] - steps[0]) / max(np.ptp(steps), 1) * (right - left)
        ys = bottom - (smooth - lo) / max(hi - lo, 1e-9) * (bottom - top)
        draw.line(list(zip(xs.tolist(), ys.tolist(), strict=True)), fill=colour, width=2)
        draw.text((right - 120, top + 5 + 15 * list(series).index(name)), name, fill=colour)
    draw.text((left, bottom + 8), f"step 0 .. {int(steps.max())}", fill=(0, 0, 0))
    out = Path(out)
    img.save(out)
    return out


def nearest_sheet(
    data_dir: str | Path, out: str | Path, *, weights=None, model_name: str | None = None,
    count: int = 96, show: int = 8, seed: int = 0, px: int = 128,
) -> tuple[Path, list[float]]:  # fmt: skip
    """The ``show`` unconditional samples (of ``count``) nearest a training tile by
    perceptual signature, each beside that tile; returns the picture and the
    distances shown (in thresholds: <= 1 is the library's near-duplicate rule)."""
    from PIL import Image

    from foulard import perceptual
    from foulard.model.dataset import load_dataset
    from foulard.model.evaluate import dataset_signature_texts
    from foulard.model.infer import load_model

    model = load_model(weights, model=model_name)
    arrays, manifest = load_dataset(data_dir)
    texts = dataset_signature_texts(Path(data_dir), arrays, manifest["version"])
    rows = np.flatnonzero(arrays["split"] == 0)
    train = perceptual.signature_arrays([texts[i] for i in rows])
    rng = np.random.default_rng(np.random.SeedSequence([seed, 0x5EE7]))
    zero = np.zeros(len(model.concepts), np.float32)
    found = []
    for _ in range(count):
        d = model.draw(zero, rng, 0.8)
        tile = model.render_tile(d.z, zero, 64, d.colours)
        dist = perceptual.distances_to(perceptual.signature(tile), train)
        found.append((float(dist.min()), int(dist.argmin()), d))
    found.sort(key=lambda f: f[0])

    def big(rgb) -> Image.Image:
        img = Image.fromarray((np.clip(rgb, 0, 1) * 255 + 0.5).astype(np.uint8))
        return img.resize((px, px), Image.Resampling.NEAREST)

    gap = 6
    sheet = Image.new("RGB", (2 * (px + gap), show * (px + gap)), "white")
    for r, (_, nearest, d) in enumerate(found[:show]):
        sheet.paste(big(model.render_tile(d.z, zero, 64, d.colours)), (0, r * (px + gap)))
        sheet.paste(big(arrays["images"][rows[nearest]] / 255.0), (px + gap, r * (px + gap)))
    out = Path(out)
    sheet.save(out)
    return out, [round(f[0], 3) for f in found[:show]]
