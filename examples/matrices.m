% MATLAB / Octave syntax works too: select a matrix and run "MDL: Decompose selection (SVD)".
A = [1 1; 1 0; 0 1];
B = [4, 0; 3, -5];
C = [1/2 sqrt(2); -1 0.25];
