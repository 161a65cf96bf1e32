import numpy as np


def _complex(a):
    return a[..., 0].astype(np.float64) + 1j * a[..., 1].astype(np.float64)


def _pairs(z, dtype):
    return np.stack([z.real, z.imag], axis=-1).astype(dtype)


def oracle(inp, sizes):
    n, batch, nx, ny = sizes["n"], sizes["batch"], sizes["nx"], sizes["ny"]
    sig = _complex(inp["sig"]).reshape(batch, n)
    w = _complex(inp["w"])
    # cuFFT's inverse is unnormalised: ifft * n undoes the filter kernel's 1/n
    filtered = np.fft.ifft(np.fft.fft(sig, axis=1) * w / n, axis=1) * n
    spec = _complex(inp["spec"]).copy()
    spec[16:] = filtered.reshape(-1)
    img = inp["img"].reshape(nx, ny)
    half = np.fft.rfft2(img)
    rows = inp["rows"].astype(np.float64).reshape(batch, 2 * (n // 2 + 1))
    spectra = np.fft.rfft(rows[:, :n], axis=1)
    packed = np.stack([spectra.real, spectra.imag], axis=-1).reshape(batch, -1)
    return {"spec": _pairs(spec, np.float32), "mag": np.abs(half).reshape(-1),
            "back": (img * (nx * ny)).reshape(-1), "rows": packed.reshape(-1).astype(np.float32)}
