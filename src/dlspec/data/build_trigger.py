"""Rebuilds ``files/trigger.npz``, C5W3A2's audio: "activate", other words, and 10-second backgrounds.

    apt-get install asterisk-core-sounds-en-wav asterisk-moh-opsound-wav flite espeak-ng
    python -m dlspec.data.build_trigger [--out FILE]

No speech-command set ships in any package registry, so the clips are put together from Debian packages:

* "activate": Allison Smith's real recording ``activated.wav`` (asterisk-core-sounds-en-wav), flite's five voices at
  four speeds and pitches, and eSpeak NG's voices at two speeds;
* other words (the negatives): asterisk's one-word prompts (digits, letters, the phonetic alphabet, "hello",
  "goodbye", ...), and flite and eSpeak NG saying words that sound like "activate" in part;
* backgrounds: 10-second pieces of the five music-on-hold tracks of asterisk-moh-opsound-wav.

Every clip is brought to 8 kHz, the rate of the telephone recordings (so that no kind of clip can be told apart by a
wider band), and words are trimmed of the silence around them. The held-out split, for the detector's precision
and recall and the notebook's demo, has speakers, words and music of its own. The file is the same bytes on every
run with the same package versions (``VERSIONS``); its checksum is printed and must equal ``ASSETS["trigger"]``.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np

from dlspec.data.assets import FILES, digest
from dlspec.data.build_fashion import write_npz
from dlspec.data.trigger import KINDS, SPLITS, STORED_RATE, resample

SOUNDS = Path("/usr/share/asterisk/sounds/en_US_f_Allison")
MOH = Path("/usr/share/asterisk/moh")
VERSIONS = {"asterisk-core-sounds-en-wav": "1.6.1-1", "asterisk-moh-opsound-wav": "2.03-1.1", "flite": "2.2-5",
            "espeak-ng": "1.51+dfsg-10+deb12u2"}  # fmt: skip
ASTERISK = "CC-BY-SA-3.0: recorded by Allison Smith, funded by Digium, Inc. (asterisk-core-sounds)"
MUSIC = {"macroform": "CC-BY-SA-3.0: (C) 2009 Paul Shuler (Macroform)",
         "manolo_camp": "CC-BY-SA-3.0: (C) 2009 Manolo Camp", "reno_project": "CC-BY-SA-3.0: (C) 2008 Reno Project"}
FLITE = "BSD-style (flite, Carnegie Mellon University and the University of Edinburgh)"
ESPEAK = "GPL-3.0-or-later (eSpeak NG and its voice data)"

FLITE_VOICES = ["kal", "kal16", "awb", "rms", "slt"]
FLITE_SETTINGS = [(1.0, 0), (1.2, -15), (0.85, 15), (1.35, 30)]  # (duration stretch, pitch shift in Hz)
ESPEAK_VOICES = ["en-us", "en-us+f1", "en-us+f2", "en-us+f3", "en-us+f4", "en-us+m1", "en-us+m2", "en-us+m3",
                 "en-us+m4", "en-us+m7", "en", "en+f3"]  # fmt: skip
ESPEAK_SPEEDS = [135, 175]  # words per minute
HELD_OUT_VOICES = {"flite:slt", "espeak-ng:en-us+f4", "espeak-ng:en-us+m7", "espeak-ng:en+f3"}
# words that share sounds with "activate" (hard negatives), said by the TTS voices
TTS_WORDS = ["active", "activity", "motivate", "captivate", "elevate", "cultivate", "vacate", "action", "alligator",
             "navigate", "private", "accurate", "a cat", "every day", "computer", "television"]  # fmt: skip
WORD_DIRS = ["digits", "letters", "phonetic", ""]  # "" is the top folder: its one-word prompts
HELD_OUT_DIRS = {"phonetic"}
LONGEST_WORD_S = 1.2
MUSIC_PIECES = [0.25, 0.6]  # where the 10-second pieces cut from every track start, as a share of its length
HELD_OUT_TRACK = "reno_project-system"


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    """A mono 16-bit wav file as float64 in [-1, 1], and its rate."""
    with wave.open(str(path)) as w:
        if w.getnchannels() != 1 or w.getsampwidth() != 2:
            raise ValueError(f"{path}: expected mono 16-bit audio")
        return np.frombuffer(w.readframes(w.getnframes()), "<i2") / 32768.0, w.getframerate()


def trim(x: np.ndarray, rate: int = STORED_RATE, frame_ms: int = 10, floor: float = 0.05) -> np.ndarray:
    """``x`` without the quiet before and after the word: frames of ``frame_ms`` whose RMS is below ``floor`` times
    the loudest frame's are cut, one quiet frame kept on each side."""
    n = rate * frame_ms // 1000
    frames = len(x) // n
    rms = np.sqrt(np.mean(x[: frames * n].reshape(frames, n) ** 2, axis=1))
    loud = np.flatnonzero(rms >= floor * rms.max())
    return x[max(loud[0] - 1, 0) * n : min(loud[-1] + 2, frames) * n]


def to_int16(x: np.ndarray) -> np.ndarray:
    return np.clip(np.round(x * 32768), -32768, 32767).astype(np.int16)


def speak(engine: str, voice: str, text: str, setting: tuple[float, int] | int) -> np.ndarray:
    """``text`` said by a TTS voice, trimmed, at 8 kHz."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "x.wav"
        if engine == "flite":
            stretch, shift = setting
            options = ["--setf", f"duration_stretch={stretch}"]
            if shift:  # every voice keeps its own mean pitch unless asked to move it
                options += ["--setf", f"int_f0_target_mean={_mean_pitch(voice) + shift}"]
            subprocess.run(["flite", "-voice", voice, *options, "-t", text, "-o", str(out)], check=True)
        else:
            subprocess.run(["espeak-ng", "-v", voice, "-s", str(setting), "-w", str(out), text], check=True)
        x, rate = read_wav(out)
    return trim(resample(x, rate, STORED_RATE))


def _mean_pitch(voice: str) -> int:
    return {"slt": 160}.get(voice, 105)  # Hz: slt is the one female voice of flite


def clip_list() -> list[tuple[str, str, str, str, np.ndarray]]:
    """Every clip as (kind, split, name, licence, 8-kHz audio)."""
    out = []
    x, rate = read_wav(SOUNDS / "activated.wav")
    out.append(("activate", "train", "asterisk:activated.wav", ASTERISK, trim(resample(x, rate, STORED_RATE))))
    for voice in FLITE_VOICES:
        split = "held-out" if f"flite:{voice}" in HELD_OUT_VOICES else "train"
        for setting in FLITE_SETTINGS:
            out.append(("activate", split, f"flite:{voice}:{setting}", FLITE, speak("flite", voice, "activate",
                                                                                   setting)))
    for voice in ESPEAK_VOICES:
        split = "held-out" if f"espeak-ng:{voice}" in HELD_OUT_VOICES else "train"
        for speed in ESPEAK_SPEEDS:
            out.append(("activate", split, f"espeak-ng:{voice}:{speed}", ESPEAK, speak("espeak-ng", voice,
                                                                                      "activate", speed)))
    for folder in WORD_DIRS:
        split = "held-out" if folder in HELD_OUT_DIRS else "train"
        for path in sorted((SOUNDS / folder).glob("*.wav")):
            if ("-" in path.stem and folder == "") or "activ" in path.stem:
                continue  # a phrase, not a word; or "activated" itself
            x, rate = read_wav(path)
            x = trim(resample(x, rate, STORED_RATE))
            if len(x) <= LONGEST_WORD_S * STORED_RATE:
                out.append(("negative", split, f"asterisk:{folder}/{path.name}".replace(":/", ":"), ASTERISK, x))
    for k, word in enumerate(TTS_WORDS):
        for j, (engine, voice) in enumerate([("flite", FLITE_VOICES[k % 5]), ("espeak-ng", ESPEAK_VOICES[k % 12])]):
            setting = FLITE_SETTINGS[(k + j) % 4] if engine == "flite" else ESPEAK_SPEEDS[k % 2]
            split = "held-out" if f"{engine}:{voice}" in HELD_OUT_VOICES else "train"
            licence = FLITE if engine == "flite" else ESPEAK
            out.append(("negative", split, f"{engine}:{voice}:{word}", licence, speak(engine, voice, word, setting)))
    for path in sorted(MOH.glob("*.wav")):
        x, rate = read_wav(path)
        x = resample(x, rate, STORED_RATE) if rate != STORED_RATE else x
        split = "held-out" if path.stem == HELD_OUT_TRACK else "train"
        licence = MUSIC[path.stem.split("-")[0]]
        for share in MUSIC_PIECES:
            start = int(share * len(x) / STORED_RATE)
            piece = x[start * STORED_RATE : (start + 10) * STORED_RATE]
            out.append(("background", split, f"asterisk-moh:{path.name}@{start}s", licence, piece))
    return out


def check_versions() -> None:
    """Refuse package versions other than those the shipped file was built from: other bytes would come out."""
    for package, version in VERSIONS.items():
        got = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True, text=True)
        if got.stdout != version:
            raise SystemExit(f"{package} {got.stdout or 'is not installed'}; the shipped file was built from "
                             f"{version}: apt-get install {package}")


def build(listed: list[tuple[str, str, str, str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The file's arrays: every clip's int16 samples one after another, where each starts, and what it is."""
    audio = [to_int16(x) for *_, x in listed]
    return {
        "audio": np.concatenate(audio),
        "offsets": np.cumsum([0] + [len(a) for a in audio]).astype(np.int64),
        "kind": np.array([KINDS.index(c[0]) for c in listed], np.uint8),
        "split": np.array([SPLITS.index(c[1]) for c in listed], np.uint8),
        "names": np.array([c[2] for c in listed]),
        "licences": np.array([c[3] for c in listed]),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FILES / "trigger.npz")
    args = parser.parse_args(argv)
    check_versions()
    arrays = build(clip_list())
    write_npz(arrays, args.out)
    for kind in KINDS:
        for split in SPLITS:
            chosen = (arrays["kind"] == KINDS.index(kind)) & (arrays["split"] == SPLITS.index(split))
            seconds = np.diff(arrays["offsets"])[chosen].sum() / STORED_RATE
            print(f"{kind:>10} {split:>8}: {chosen.sum():3d} clips, {seconds:6.1f} s")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB), sha256 of the canonical bytes "
          f"{digest(arrays)}")


if __name__ == "__main__":
    main()
