#!/usr/bin/env python3
"""Export the small PyTorch models the Oracle tests compile and compare against ONNX Runtime.

Weights are seeded so the files are reproducible. BatchNormalization is kept as its own node (no constant
folding, training mode preserved on an eval model) because the generator's BatchNorm handling is under test.

Usage: python3 tools/models/export_models.py tests/Oracle/Models
"""
import os
import sys

import numpy as np
import onnx
import onnx.numpy_helper
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


class ConcatGateCnn(nn.Module):
    """Two conv branches concatenated on channels, gated by a sigmoid (Mul), zero-padded, conv, pool, classifier."""

    def __init__(self):
        super().__init__()
        self.wide = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU())
        self.narrow = nn.Conv2d(3, 4, 1)
        self.gate = nn.Conv2d(12, 12, 1)
        self.pad = nn.ZeroPad2d((1, 2, 2, 1))
        self.mix = nn.Sequential(nn.Conv2d(12, 16, 3), nn.ReLU())
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(16, 10)

    def forward(self, x):
        joined = torch.cat([self.wide(x), self.narrow(x)], dim=1)
        gated = joined * torch.sigmoid(self.gate(joined))
        return self.classifier(torch.flatten(self.pool(self.mix(self.pad(gated))), 1))


def constant_pads(path, pads):
    """PyTorch computes a Pad's pads with shape arithmetic (Slice, Transpose, ...); give it the constant tensor instead."""
    model = onnx.load(path)
    graph = model.graph
    pad = next(node for node in graph.node if node.op_type == "Pad")
    graph.initializer.append(onnx.numpy_helper.from_array(np.array(pads, dtype=np.int64), "pads"))
    pad.input[1] = "pads"
    needed = {output.name for output in graph.output}
    kept = []
    for node in reversed(graph.node):
        if any(name in needed for name in node.output):
            kept.append(node)
            needed.update(node.input)
    del graph.node[:]
    graph.node.extend(reversed(kept))
    onnx.checker.check_model(model)
    onnx.save(model, path)
    print(f"{os.path.basename(path)}: {', '.join(sorted({node.op_type for node in graph.node}))}")


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
    concat_gate_path = os.path.join(out_dir, "concat_gate_cnn.onnx")
    export(ConcatGateCnn(), (1, 3, 12, 12), concat_gate_path)
    constant_pads(concat_gate_path, [0, 0, 2, 1, 0, 0, 1, 2])


if __name__ == "__main__":
    with torch.no_grad():
        main(sys.argv[1])
