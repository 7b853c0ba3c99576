"""C5W3A2's audio: the word "activate", other words, and backgrounds, as NumPy arrays at the course's rate.

``files/trigger.npz`` (written by ``python -m dlspec.data.build_trigger``) holds every clip as int16 at 8 kHz, the
rate of the telephone recordings it is cut from. ``load_trigger()`` returns them as float32 arrays in [-1, 1] at
``RATE`` = 44.1 kHz, the rate of the original course's wav files, so that a 10-second clip gives the original's
5,511 spectrogram steps; the upsampling adds no sound above 4 kHz, it only keeps the original's numbers. Noise
backgrounds are drawn by a seeded generator here rather than shipped.
"""

from __future__ import annotations

import numpy as np

from dlspec.data.assets import arrays

STORED_RATE = 8000  # Hz: the rate of the asterisk recordings; the TTS voices are brought down to it
RATE = 44100  # Hz: the rate the course works at, as the original's wav files had
KINDS = ("activate", "negative", "background")
SPLITS = ("train", "held-out")
BACKGROUND_MS = 10_000
NOISE_BACKGROUNDS = 4  # per split: white, pink, brown and hum, besides the music


def resample(x: np.ndarray, rate_in: int, rate_out: int) -> np.ndarray:
    """``x`` at ``rate_out``, band-limited: its spectrum cut or padded with zeros (NumPy's FFT, no SciPy). The
    clip is padded with silence to a whole number of 100-ms blocks first (then cut back): an FFT of a length with a
    large prime factor is many times slower."""
    block = rate_in // 10
    n_in = -(-len(x) // block) * block
    n_out = n_in * rate_out // rate_in
    spectrum = np.fft.rfft(x.astype(np.float64), n_in)
    out = np.zeros(n_out // 2 + 1, complex)
    keep = min(len(spectrum), len(out))
    out[:keep] = spectrum[:keep]
    return np.fft.irfft(out, n_out)[: round(len(x) * rate_out / rate_in)] * (n_out / n_in)


def clips(stored: dict[str, np.ndarray], kind: str, split: str) -> list[np.ndarray]:
    """The stored clips of one kind and split, as float32 in [-1, 1] at ``RATE``."""
    wanted = (stored["kind"] == KINDS.index(kind)) & (stored["split"] == SPLITS.index(split))
    offsets = stored["offsets"]
    out = []
    for k in np.flatnonzero(wanted):
        raw = stored["audio"][offsets[k] : offsets[k + 1]] / 32768.0
        out.append(resample(raw, STORED_RATE, RATE).astype(np.float32))
    return out


def noise_backgrounds(rng: np.random.Generator, count: int = NOISE_BACKGROUNDS) -> list[np.ndarray]:
    """10-second noise backgrounds at ``RATE``: white, pink (1/f) and brown (1/f^2) noise and a mains hum, quiet
    enough to speak over (RMS about 0.05)."""
    n = RATE * BACKGROUND_MS // 1000
    f = np.fft.rfftfreq(n, 1 / RATE)
    f[0] = f[1]
    out = []
    for k in range(count):
        kind = k % 4
        if kind == 3:
            t = np.arange(n) / RATE
            x = sum(np.sin(2 * np.pi * 50 * h * t + rng.uniform(0, 2 * np.pi)) / h for h in (1, 2, 3, 5))
            x = x + 0.3 * rng.normal(size=n)
        else:
            spectrum = np.fft.rfft(rng.normal(size=n)) / f ** (kind / 2)
            x = np.fft.irfft(spectrum, n)
        out.append((0.05 * x / np.sqrt(np.mean(x**2))).astype(np.float32))
    return out


def load_trigger(split: str = "train", seed: int = 0) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """(activates, negatives, backgrounds) of ``split`` ("train" or "held-out"), as the original's
    ``load_raw_audio`` returned them: lists of clips (float32 at ``RATE``), each background 10 s long. The
    held-out split has its own speakers of "activate", its own words and its own music."""
    stored = arrays("trigger")
    backgrounds = clips(stored, "background", split)
    backgrounds += noise_backgrounds(np.random.default_rng([seed, SPLITS.index(split)]))
    return clips(stored, "activate", split), clips(stored, "negative", split), backgrounds
