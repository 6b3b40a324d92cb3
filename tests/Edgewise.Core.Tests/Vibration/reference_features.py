"""Independent reference for VibrationAnalyzer: features of the first 4,096 samples of channel 1
of IMS snapshot 2003.10.22.12.06.24, computed with numpy from the same definitions.

Definitions (mirrored from VibrationAnalyzer):
  - samples parsed as float32 (as the C# reader does), then widened to float64;
  - d = x - mean(x); rms = sqrt(mean(d^2)); peak_to_peak = max(x) - min(x);
    crest = max|d| / rms; kurtosis = mean(d^4) / mean(d^2)^2 (population, not excess);
  - symmetric Hann window np.hanning(N) = 0.5 - 0.5 cos(2 pi n / (N - 1)), as MathNet Window.Hann;
  - X = np.fft.fft(d * w) (unscaled forward DFT, MathNet FourierOptions.Matlab);
  - one-sided power P[k] = c |X[k]|^2 / (N sum(w^2)), k = 0..N//2, c = 2 except DC and Nyquist;
  - dominant frequency = argmax P[1:] + 1, times fs / N; fs = 20,480 Hz;
  - band energy = sum of P[k] with low <= k fs / N < high.

Run: /usr/bin/python3 reference_features.py > ims_reference_features.json (from this folder).
"""
import gzip
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
FILE = "2003.10.22.12.06.24.txt.gz"
CHANNEL = 0
N = 4096
FS = 20480.0
BANDS = [(0.0, 500.0), (500.0, 2000.0), (2000.0, 5000.0), (5000.0, 10240.0)]


def main():
    path = os.path.join(ROOT, "data", "nasa-ims-bearing", FILE)
    with gzip.open(path, "rt") as f:
        rows = [line.split("\t") for _, line in zip(range(N), f)]
    x = np.array([float(r[CHANNEL]) for r in rows], dtype=np.float32).astype(np.float64)

    d = x - x.mean()
    m2 = np.mean(d * d)
    rms = np.sqrt(m2)
    w = np.hanning(N)
    spectrum = np.fft.fft(d * w)
    half = N // 2
    power = np.abs(spectrum[: half + 1]) ** 2 / (N * np.sum(w * w))
    power[1:half] *= 2  # N is even: bin N/2 (Nyquist) has no mirror image
    freqs = np.arange(half + 1) * FS / N

    result = {
        "file": FILE,
        "channel": CHANNEL + 1,
        "samples": N,
        "sampleRateHz": FS,
        "window": "symmetric Hann, np.hanning(N)",
        "numpy": np.__version__,
        "rms": float(rms),
        "peakToPeak": float(x.max() - x.min()),
        "crestFactor": float(np.max(np.abs(d)) / rms),
        "kurtosis": float(np.mean(d ** 4) / m2 ** 2),
        "dominantFrequencyHz": float((np.argmax(power[1:]) + 1) * FS / N),
        "bands": [[lo, hi] for lo, hi in BANDS],
        "bandEnergies": [float(power[(freqs >= lo) & (freqs < hi)].sum()) for lo, hi in BANDS],
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
