"""Differential tester: runs corpus cases (CUDA kernels + case.yaml + NumPy oracle) through the real
translate/build pipeline on OpenCL devices and compares outputs with the oracle, across devices and with
recorded archives. Entry point for the CLI: translator/commands/test.py.
"""
