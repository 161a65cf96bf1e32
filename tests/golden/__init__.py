"""Golden tests: CUDA inputs with CHECK-<TARGET> expectations."""
