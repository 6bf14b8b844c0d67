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
    """Crop to the paper and straighten the text lines, when the picture clearly calls for it."""
    image = page.image
    gray = to_gray_array(image)
    whole = (0, 0, image.width, image.height)
    left, top, right, bottom = page_bounds(gray) if crop else whole
    cropped = (left, top, right, bottom) != whole
    angle = skew_angle(gray[top:bottom, left:right]) if deskew else 0.0
    if not cropped and angle == 0.0:
        scale = page.scale
        return PreparedPage(image, (scale, 0.0, 0.0, 0.0, scale, 0.0), page.source_width,
                            page.source_height)
    width, height = right - left, bottom - top
    # Output pixel (x, y) -> working pixel: rotate about the output centre, then shift to the crop.
    radians = math.radians(angle)
    cos, sin = math.cos(radians), math.sin(radians)
    out_width = math.ceil(abs(width * cos) + abs(height * sin))
    out_height = math.ceil(abs(width * sin) + abs(height * cos))
    centre_x, centre_y = left + width / 2, top + height / 2
    a, b = cos, sin
    d, e = -sin, cos
    c = centre_x - a * out_width / 2 - b * out_height / 2
    f = centre_y - d * out_width / 2 - e * out_height / 2
    straight = image.transform((out_width, out_height), Image.Transform.AFFINE, (a, b, c, d, e, f),
                               resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
    s = page.scale
    return PreparedPage(straight, (a * s, b * s, c * s, d * s, e * s, f * s), page.source_width,
                        page.source_height, skew_degrees=angle, cropped=cropped)


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
    paper = float(np.percentile(inner, 90))
    ys, xs = np.nonzero(inner < paper * 0.6)
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
    return float(np.nanargmax(between))
