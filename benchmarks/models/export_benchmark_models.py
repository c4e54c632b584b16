"""Exports the MLP and CNNs that QuantizedModels.Benchmarks compares against ONNX Runtime, with calibration inputs.

Both are sized to about one million multiply-accumulates per inference so per-call overhead and arithmetic
are both visible. Weights are random but seeded, so re-running the script reproduces the committed files.

    /usr/bin/python3 benchmarks/models/export_benchmark_models.py
"""
import pathlib

import numpy
import torch
from torch import nn

OUTPUT_DIR = pathlib.Path(__file__).resolve().parent.parent / "QuantizedModels.Benchmarks" / "Models"
OPSET = 13


def mlp():
    # 784*1024 + 1024*256 + 256*10 = 1,067,520 MACs.
    return nn.Sequential(
        nn.Linear(784, 1024), nn.ReLU(),
        nn.Linear(1024, 256), nn.ReLU(),
        nn.Linear(256, 10),
    ), (1, 784)


def cnn():
    # Convolutions: 28*28*8*9 + 14*14*32*72 + 7*7*32*288 = 959,616 MACs; the classifier adds 320.
    return nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 32, 3, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        nn.Linear(32, 10),
    ), (1, 1, 28, 28)


def cnn50m():
    # 64*64*32*27 + 32*32*64*288 + 16*16*128*576 + 8*8*128*1152 = 3,538,944 + 18,874,368 + 18,874,368 + 9,437,184
    # = 50,724,864 MACs in the convolutions; the classifier adds 1,280.
    return nn.Sequential(
        nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(64, 128, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(128, 128, 3, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        nn.Linear(128, 10),
    ), (1, 3, 64, 64)


CALIBRATION_SAMPLES = 16


def write_calibration(name, input_shape):
    # Uniform [-1, 1) inputs like the benchmarks' own: enough to give every activation a range for an int8 build
    # timed for speed (the weights are random, so there is no accuracy to keep).
    samples = torch.rand((CALIBRATION_SAMPLES,) + tuple(input_shape[1:])) * 2 - 1
    path = OUTPUT_DIR / f"{name}_calibration.npy"
    numpy.save(path, samples.numpy().astype(numpy.float32))
    print(f"{path.name}: {path.stat().st_size} bytes")


def randomize_batch_norm(model):
    # Fresh BatchNorm statistics are the identity; random ones make the folded weights differ from the conv's.
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            module.running_mean.uniform_(-0.5, 0.5)
            module.running_var.uniform_(0.5, 1.5)


def export(name, factory):
    model, input_shape = factory()
    randomize_batch_norm(model)
    model.eval()
    path = OUTPUT_DIR / f"{name}.onnx"
    torch.onnx.export(model, torch.randn(input_shape), str(path), opset_version=OPSET,
                      input_names=["input"], output_names=["output"], do_constant_folding=True)
    print(f"{path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    torch.manual_seed(0)
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        export("mlp", mlp)
        export("cnn", cnn)
        export("cnn50m", cnn50m)
        write_calibration("cnn50m", cnn50m()[1])
        # After cnn50m's, so adding these left the committed files above byte for byte unchanged.
        write_calibration("mlp", mlp()[1])
        write_calibration("cnn", cnn()[1])
