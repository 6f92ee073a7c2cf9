# Select any of these matrices (or put the cursor inside one) and run
# "MDL: Decompose selection (SVD)" from the command palette or the context menu.
import numpy as np

# The end-term assignment's Question 1: σ = √3 and 1.
A = np.array([[1, 1], [1, 0], [0, 1]])

# A wide matrix: U comes from AAᵀ, V is completed with Gram–Schmidt.
W = np.array([[3, 2, 2], [2, 3, -2]], dtype=float)

# Rank-deficient: the second row is twice the first.
R = [[1, 2, 3], [2, 4, 6], [1, 0, 1]]

# Repeated singular values: any orthonormal basis of the eigenspace works.
I2 = numpy.array([[2, 0], [0, 2], [0, 0]])
