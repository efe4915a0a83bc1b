"""changepath: help chat, knowledge bank and casework for domestic-abuse services."""

import os

# The model's matrices are small: one BLAS thread per process is as fast as two, and it never
# spins against the other app-server workers on the same cores. Parallelism comes from workers.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
