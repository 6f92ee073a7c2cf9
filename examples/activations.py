# Hover over any activation below to see the function, its derivative and a plot.
# Click "Open in Activation Explorer" in the hover to compare functions and move their parameters.
import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, width: int):
        super().__init__()
        self.linear = nn.Linear(width, width)
        self.act = nn.SiLU()          # Swish: f(x) = x·σ(x), Question 9
        self.gate = nn.Sigmoid()      # the zig-zag of Question 8 comes from its all-positive outputs
        self.leaky = nn.LeakyReLU(0.2)

    def forward(self, x):
        h = self.act(self.linear(x))
        return F.gelu(h) + torch.tanh(h) * self.gate(h) + F.relu(self.leaky(h))


relu_count = 0  # not an activation: no hover here
