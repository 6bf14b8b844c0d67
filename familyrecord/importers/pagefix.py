"""Straighten a photographed or scanned page before reading it: crop to the paper, then deskew.

Both steps are cautious: when the picture does not clearly show a bright page on a darker
background, nothing is cropped; when the lines of text give no clear angle, nothing is rotated.
The result remembers how its pixels map back to the picture as it is stored (upright), so the
boxes the reader finds can be laid over the original later (an invisible text layer).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image

from familyrecord.importers.images import LoadedPage, to_gray_array

ANALYSIS_SIDE = 1000  # long side, in pixels, of the small copy the angle and crop are measured on
MAX_SKEW_DEGREES = 12.0
MIN_SKEW_DEGREES = 0.25  # below this, rotating (and blurring) does more harm than good

Affine = tuple[float, float, float, float, float, float]


@dataclass
class PreparedPage:
    """A page ready for the reader, with the map from its pixels back to the stored picture."""

    image: Image.Image
    to_source: Affine  # (a, b, c, d, e, f): source x = a*x + b*y + c, source y = d*x + e*y + f
    source_width: int
    source_height: int
    skew_degrees: float = 0.0
    cropped: bool = False

    def map_point(self, x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = self.to_source
        return a * x + b * y + c, d * x + e * y + f


def prepare(page: LoadedPage, *, crop: bool = True, deskew: bool = True) -> PreparedPage:
    """Crop to the paper, straighten the text lines and trim empty margins, when clearly called for.

    The empty margins go because the text finder's time grows with the pixels it looks at.
    """
    image = page.image
    gray = to_gray_array(image)
    whole = (0, 0, image.width, image.height)
    left, top, right, bottom = page_bounds(gray) if crop else whole
    on_desk = (left, top, right, bottom) != whole
    angle = skew_angle(gray[top:bottom, left:right]) if deskew else 0.0
    s = page.scale
    affine: Affine = (1.0, 0.0, 0.0, 0.0, 1.0, 0.0)
    if angle:
        image, affine = _rotate(image, (left, top, right, bottom), angle,
                                _desk_level(gray) if on_desk else _paper_level(gray))
        gray = to_gray_array(image)
        left, top, right, bottom = page_bounds(gray) if on_desk else (0, 0, image.width, image.height)
    content = _content_bounds(gray[top:bottom, left:right])
    if content is not None:
        left, top, right, bottom = left + content[0], top + content[1], left + content[2], top + content[3]
    if (left, top, right, bottom) != (0, 0, image.width, image.height):
        image = image.crop((left, top, right, bottom))
        a, b, c, d, e, f = affine
        affine = (a, b, a * left + b * top + c, d, e, d * left + e * top + f)
    a, b, c, d, e, f = affine
    return PreparedPage(image, (a * s, b * s, c * s, d * s, e * s, f * s), page.source_width,
                        page.source_height, skew_degrees=angle, cropped=on_desk)


def _rotate(image: Image.Image, box: tuple[int, int, int, int], angle: float,
            fill: int) -> tuple[Image.Image, Affine]:
    """The box's content turned by `angle` degrees (counter-clockwise) on a canvas that holds it
    all, and the affine map from the canvas's pixels back to `image`'s."""
    left, top, right, bottom = box
    width, height = right - left, bottom - top
    radians = math.radians(angle)
    cos, sin = math.cos(radians), math.sin(radians)
    out_width = math.ceil(abs(width * cos) + abs(height * sin))
    out_height = math.ceil(abs(width * sin) + abs(height * cos))
    centre_x, centre_y = left + width / 2, top + height / 2
    a, b, d, e = cos, sin, -sin, cos
    c = centre_x - a * out_width / 2 - b * out_height / 2
    f = centre_y - d * out_width / 2 - e * out_height / 2
    turned = image.transform((out_width, out_height), Image.Transform.AFFINE, (a, b, c, d, e, f),
                             resample=Image.Resampling.BICUBIC, fillcolor=(fill, fill, fill))
    return turned, (a, b, c, d, e, f)


def _content_bounds(gray: np.ndarray) -> tuple[int, int, int, int] | None:
    """(left, top, right, bottom) of the ink on a page with a generous margin, when trimming the
    empty margins saves at least a sixth of the page; else None."""
    small, factor = _shrink(gray, ANALYSIS_SIDE)
    if small.size == 0:
        return None
    ink = _ink(small, 0.75)
    band = max(2, max(small.shape) // 50)  # the page's own edge (and any desk beyond it) is not ink
    ink[:band], ink[-band:], ink[:, :band], ink[:, -band:] = False, False, False, False
    rows = np.flatnonzero(ink.sum(axis=1) >= max(2, small.shape[1] // 500))
    cols = np.flatnonzero(ink.sum(axis=0) >= max(2, small.shape[0] // 500))
    if len(rows) == 0 or len(cols) == 0:
        return None
    margin = max(small.shape) * 0.025
    top, bottom = max(0.0, rows[0] - margin), min(small.shape[0], rows[-1] + 1 + margin)
    left, right = max(0.0, cols[0] - margin), min(small.shape[1], cols[-1] + 1 + margin)
    if (bottom - top) * (right - left) > small.size * 5 / 6:
        return None
    height, width = gray.shape
    return (int(left * factor), int(top * factor), min(width, math.ceil(right * factor)),
            min(height, math.ceil(bottom * factor)))


def _ink(gray: np.ndarray, darker: float, block: int = 16) -> np.ndarray:
    """Pixels darker than `darker` times the paper around them. The paper's level is taken per
    block (its brightest pixel), so a shadow across the page is not mistaken for ink."""
    height, width = gray.shape
    rows, cols = -(-height // block), -(-width // block)
    padded = np.pad(gray, ((0, rows * block - height), (0, cols * block - width)), mode="edge")
    paper = padded.reshape(rows, block, cols, block).max(axis=(1, 3))
    local = np.asarray(Image.fromarray(paper).resize((width, height), Image.Resampling.BILINEAR),
                       dtype=np.float32)
    return np.asarray(gray < local * darker)


def _desk_level(gray: np.ndarray) -> int:
    """The grey of the desk around a photographed page (the darker class)."""
    small, _ = _shrink(gray, 400)
    dark = small[small <= _otsu(small)]
    return int(np.median(dark)) if dark.size else 0


def _paper_level(gray: np.ndarray) -> int:
    small, _ = _shrink(gray, 400)
    return int(np.percentile(small, 90))


def turned(page: PreparedPage, quarter_turns: int) -> PreparedPage:
    """The page turned counter-clockwise by 1, 2 or 3 quarter turns (for pages lying sideways or
    upside down), still mapping back to the stored picture."""
    width, height = page.image.size
    turns = quarter_turns % 4
    if turns == 0:
        return page
    # Each map takes a pixel of the turned picture back to the picture before turning.
    step: Affine = {1: (0.0, -1.0, float(width), 1.0, 0.0, 0.0),
                    2: (-1.0, 0.0, float(width), 0.0, -1.0, float(height)),
                    3: (0.0, 1.0, 0.0, -1.0, 0.0, float(height))}[turns]
    method = {1: Image.Transpose.ROTATE_90, 2: Image.Transpose.ROTATE_180,
              3: Image.Transpose.ROTATE_270}[turns]
    return PreparedPage(page.image.transpose(method), _compose(page.to_source, step),
                        page.source_width, page.source_height, page.skew_degrees, page.cropped)


def _compose(outer: Affine, inner: Affine) -> Affine:
    """The affine map `outer(inner(p))`."""
    a, b, c, d, e, f = outer
    g, h, i, j, k, m = inner
    return (a * g + b * j, a * h + b * k, a * i + b * m + c,
            d * g + e * j, d * h + e * k, d * i + e * m + f)


def page_bounds(gray: np.ndarray) -> tuple[int, int, int, int]:
    """(left, top, right, bottom) of a bright page on a clearly darker background, else the whole."""
    height, width = gray.shape
    whole = (0, 0, width, height)
    small, factor = _shrink(gray, 400)
    threshold = _otsu(small)
    bright = small > threshold
    fraction = float(bright.mean())
    if not 0.2 < fraction < 0.97:
        return whole
    contrast = float(small[bright].mean()) - float(small[~bright].mean())
    border = np.concatenate([bright[0], bright[-1], bright[:, 0], bright[:, -1]])
    if contrast < 60 or float(border.mean()) > 0.6:
        return whole  # no clear dark surround: a scan, or a page that fills the photo
    rows, cols = bright.mean(axis=1), bright.mean(axis=0)
    row_span = np.flatnonzero(rows > 0.5 * rows.max())
    col_span = np.flatnonzero(cols > 0.5 * cols.max())
    top, bottom = int(row_span[0]), int(row_span[-1]) + 1
    left, right = int(col_span[0]), int(col_span[-1]) + 1
    if (bottom - top) * (right - left) < 0.2 * bright.size:
        return whole
    margin = 2  # small pixels: keep the page's own edge
    left, top = max(0, left - margin), max(0, top - margin)
    right, bottom = min(small.shape[1], right + margin), min(small.shape[0], bottom + margin)
    return (int(left * factor), int(top * factor), min(width, math.ceil(right * factor)),
            min(height, math.ceil(bottom * factor)))


def skew_angle(gray: np.ndarray) -> float:
    """Degrees to rotate the page so its text lines run level (PIL's counter-clockwise sense).

    Projection profiles: the ink, projected onto the vertical at the right angle, falls into
    sharp peaks (lines) and empty gaps (leading); the angle with the spikiest profile wins.
    """
    small, _ = _shrink(gray, ANALYSIS_SIDE)
    height, width = small.shape
    inner = small[height // 10: height - height // 10, width // 10: width - width // 10]
    if inner.size == 0:
        return 0.0
    ys, xs = np.nonzero(_ink(inner, 0.6))
    if len(ys) < 400 or len(ys) > 0.4 * inner.size:
        return 0.0  # hardly any ink, or a photo rather than a page of text
    if len(ys) > 60_000:
        pick = np.random.default_rng(0).choice(len(ys), 60_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    points_y, points_x = ys.astype(np.float64), xs.astype(np.float64)

    def spikiness(degrees: float) -> float:
        radians = math.radians(degrees)
        projected = points_y * math.cos(radians) - points_x * math.sin(radians)
        counts = np.bincount((projected - projected.min()).astype(np.int64))
        return float(np.square(counts, dtype=np.float64).sum())

    coarse = np.arange(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 0.01, 0.5)
    scores = [spikiness(float(a)) for a in coarse]
    best = float(coarse[int(np.argmax(scores))])
    fine = np.arange(best - 0.5, best + 0.51, 0.05)
    fine_scores = [spikiness(float(a)) for a in fine]
    best = float(fine[int(np.argmax(fine_scores))])
    level = spikiness(0.0)
    if abs(best) < MIN_SKEW_DEGREES or max(fine_scores) < level * 1.05 or abs(best) > MAX_SKEW_DEGREES - 0.5:
        return 0.0
    return -best


def _shrink(gray: np.ndarray, side: int) -> tuple[np.ndarray, float]:
    """A copy at most `side` pixels long, and how many original pixels each one stands for."""
    factor = max(gray.shape) / side
    if factor <= 1:
        return gray, 1.0
    size = (max(1, round(gray.shape[1] / factor)), max(1, round(gray.shape[0] / factor)))
    small = Image.fromarray(gray).resize(size, Image.Resampling.BOX)
    return np.asarray(small, dtype=np.uint8), gray.shape[1] / size[0]


def _otsu(gray: np.ndarray) -> float:
    """The grey level that best splits the picture into two classes (Otsu's method)."""
    counts = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256, dtype=np.float64)
    weight_dark = np.cumsum(counts)
    weight_bright = weight_dark[-1] - weight_dark
    sum_dark = np.cumsum(counts * levels)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_dark = sum_dark / weight_dark
        mean_bright = (sum_dark[-1] - sum_dark) / weight_bright
        between = weight_dark * weight_bright * (mean_dark - mean_bright) ** 2
    return float(np.argmax(np.nan_to_num(between, nan=-1.0)))  # one grey level only: 0
