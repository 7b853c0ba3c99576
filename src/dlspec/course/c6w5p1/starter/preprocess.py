"""Turn MNIST-style images into the model's input: the one place where pixels become numbers.

The notebook trains on what this returns, and the API receives the same numbers, so the two never disagree.
"""

import numpy as np


def preprocess(img) -> np.ndarray:
    """One image ``(28, 28)`` or a batch ``(n, 28, 28)`` of grey levels 0-255 -> float32 ``(784,)`` or ``(n, 784)``
    in 0..1, row by row (the order the page and the API use). Leaves ``img`` unchanged."""
    raise NotImplementedError("write preprocess (the notebook's section 1 says what it returns)")
