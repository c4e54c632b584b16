#!/usr/bin/env python3
"""Train a small MLP and a small CNN on scikit-learn's bundled digits (8x8 images, 10 classes) and export them.

Writes into the output folder (tests/Oracle/Models/digits):
  digits_mlp.onnx, digits_cnn.onnx       opset 13, batch dimension 1
  calibration_mlp.npy                     float32 [200, 64]: the first 200 training images (pixels / 16)
  calibration_cnn.npy                     float32 [200, 1, 8, 8]: the same images
  test_inputs.npy                         float32 [450, 64]: the test split
  test_labels.npy                         int64 [450]
  test_outputs_mlp.npy, test_outputs_cnn.npy   float32 [450, 10]: PyTorch's float logits on the test split
and prints each model's test accuracy. Seeds and the split are fixed, so the files are reproducible.

Usage: python3 tools/models/train_digits.py tests/Oracle/Models/digits
"""
import os
import sys

import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

CALIBRATION_SAMPLES = 200


class DigitsMlp(nn.Module):
    """64-64-32-10 with ReLU."""

    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))

    def forward(self, x):
        return self.layers(x)


class DigitsCnn(nn.Module):
    """Conv 3x3 (8) - ReLU - MaxPool 2, Conv 3x3 (16) - ReLU, Flatten, Linear 256-10."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(),
        )
        self.classifier = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


def train(model, inputs, labels, epochs):
    generator = torch.Generator().manual_seed(0)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    loss_function = nn.CrossEntropyLoss()
    model.train()
    for _ in range(epochs):
        order = torch.randperm(len(inputs), generator=generator)
        for start in range(0, len(inputs), 32):
            batch = order[start:start + 32]
            optimizer.zero_grad()
            loss_function(model(inputs[batch]), labels[batch]).backward()
            optimizer.step()
    model.eval()


def export(model, example, path):
    torch.onnx.export(model, example, path, opset_version=13, input_names=["input"], output_names=["logits"])


def main(folder):
    os.makedirs(folder, exist_ok=True)
    torch.manual_seed(0)
    digits = load_digits()
    images = (digits.data / 16.0).astype(np.float32)
    train_x, test_x, train_y, test_y = train_test_split(images, digits.target, test_size=0.25, random_state=0)

    models = {"mlp": (DigitsMlp(), (-1, 64)), "cnn": (DigitsCnn(), (-1, 1, 8, 8))}
    np.save(os.path.join(folder, "test_inputs.npy"), test_x)
    np.save(os.path.join(folder, "test_labels.npy"), test_y.astype(np.int64))
    for name, (model, shape) in models.items():
        train(model, torch.from_numpy(train_x).reshape(shape), torch.from_numpy(train_y).long(), epochs=40)
        with torch.no_grad():
            logits = model(torch.from_numpy(test_x).reshape(shape)).numpy()
        accuracy = float((logits.argmax(axis=1) == test_y).mean())
        print(f"{name}: test accuracy {accuracy * 100:.2f}% ({int((logits.argmax(axis=1) == test_y).sum())}/{len(test_y)})")
        export(model, torch.zeros((1,) + shape[1:]), os.path.join(folder, f"digits_{name}.onnx"))
        np.save(os.path.join(folder, f"test_outputs_{name}.npy"), logits.astype(np.float32))
        np.save(os.path.join(folder, f"calibration_{name}.npy"), train_x[:CALIBRATION_SAMPLES].reshape(shape))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/Oracle/Models/digits")
