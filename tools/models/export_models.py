#!/usr/bin/env python3
"""Export the small PyTorch models the Oracle tests compile and compare against ONNX Runtime.

Weights are seeded so the files are reproducible. BatchNormalization is kept as its own node (no constant
folding, training mode preserved on an eval model) because the generator's BatchNorm handling is under test.

Usage: python3 tools/models/export_models.py tests/Oracle/Models
"""
import os
import sys

import onnx
import torch
from torch import nn


class Mlp(nn.Module):
    """784-128-64-10 with ReLU."""

    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))

    def forward(self, x):
        return self.layers(x)


class BatchNormCnn(nn.Module):
    """Conv-BN-ReLU-MaxPool twice, then Flatten and a linear classifier."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.classifier = nn.Linear(16 * 7 * 7, 10)

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


class DepthwiseSeparableCnn(nn.Module):
    """Stem conv, depthwise 3x3 (groups = channels) + pointwise 1x1 blocks with ReLU6, global pool, Gemm, Softmax."""

    def __init__(self):
        super().__init__()
        blocks = [nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.BatchNorm2d(16), nn.ReLU6()]
        for channels_in, channels_out, stride in [(16, 32, 1), (32, 32, 2)]:
            blocks += [
                nn.Conv2d(channels_in, channels_in, 3, stride=stride, padding=1, groups=channels_in), nn.ReLU6(),
                nn.Conv2d(channels_in, channels_out, 1), nn.ReLU6(),
            ]
        self.features = nn.Sequential(*blocks)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(32, 10)

    def forward(self, x):
        return torch.softmax(self.classifier(torch.flatten(self.pool(self.features(x)), 1)), dim=1)


def randomise_batch_norm(model):
    """Fresh BatchNorm statistics are identity; give them values so the normalisation does real work."""
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            module.running_mean.uniform_(-0.5, 0.5)
            module.running_var.uniform_(0.5, 2.0)
            module.weight.data.uniform_(0.5, 1.5)
            module.bias.data.uniform_(-0.2, 0.2)


def export(model, shape, path):
    model.eval()
    torch.onnx.export(
        model, torch.zeros(shape), path, opset_version=13, input_names=["input"], output_names=["output"],
        do_constant_folding=False, training=torch.onnx.TrainingMode.PRESERVE)
    graph = onnx.load(path).graph
    ops = sorted({node.op_type for node in graph.node})
    print(f"{os.path.basename(path)}: {', '.join(ops)}")
    return ops


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(20261123)
    export(Mlp(), (1, 784), os.path.join(out_dir, "mlp.onnx"))
    cnn = BatchNormCnn()
    randomise_batch_norm(cnn)
    assert "BatchNormalization" in export(cnn, (1, 1, 28, 28), os.path.join(out_dir, "batchnorm_cnn.onnx"))
    ds_cnn = DepthwiseSeparableCnn()
    randomise_batch_norm(ds_cnn)
    assert "BatchNormalization" in export(ds_cnn, (1, 3, 32, 32), os.path.join(out_dir, "depthwise_separable_cnn.onnx"))


if __name__ == "__main__":
    with torch.no_grad():
        main(sys.argv[1])
