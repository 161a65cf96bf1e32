#!/usr/bin/env bash
# Installs everything cudaport's tests need on a fresh Debian 12 machine, into ./.venv:
#   system packages: hipcc + HIP and ROC library headers (compile checks), OpenCL headers/loader, PoCL, Oclgrind,
#   Chromium
#   Python packages: cudaport itself (pip install ., not editable) with its test extras, SYCL 2020 headers
# Safe to run again. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."

# ROC library headers Debian has (hipSPARSE, hipRAND, rocPRIM) let hipcc check translated library calls too;
# hipCUB, rocThrust and hipBLAS are not packaged in Debian 12, so those programs cannot be compile-checked here.
# CLBlast (libclblast-dev) runs the OpenCL shim's cuBLAS calls and clFFT (libclfft-dev) its cuFFT calls (both loaded at
# run time; the shim builds without them).
# clang-15's clang++ dumps the template instantiations of a unit for the OpenCL target (frontend/specializations.py)
# and type-checks SYCL (with libomp-15-dev for omp.h).
APT_PACKAGES=(hipcc clang-15 libomp-15-dev libamdhip64-dev libhipsparse-dev libhiprand-dev librocrand-dev librocprim-dev
              libclblast-dev libclfft-dev ocl-icd-opencl-dev opencl-headers pocl-opencl-icd oclgrind clinfo chromium cmake g++ make
              bzip2)
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
# A plain (non-editable) install checks that rules/, runtime_shim/ and corpus/ ship in the wheel.
.venv/bin/python -m pip install -q ".[test]"
# SYCL 2020 headers for the SYCL type-checks (no SYCL compiler is installable here; clang++-15 checks them).
.venv/bin/python -m pip install -q "intel-sycl-rt>=2024.1"
# oneDPL (thrust and CUB device-wide algorithms) and oneMKL (cuBLAS, cuFFT, cuRAND, cuSPARSE, cuSOLVER) headers
# for the same type-checks; headers only, they land beside sycl/ in .venv/include.
.venv/bin/python -m pip install -q --no-deps "onedpl-devel>=2022.5" "onemkl-sycl-include>=2024.1" "mkl-include>=2024.1"
echo "install-deps: done ($(.venv/bin/python --version), $(.venv/bin/cudaport --version))"
