#!/usr/bin/env python3
"""Train the below-eight-bit digit classifiers the LowBit tests compile, and write their reference outputs.

Data: scikit-learn's bundled copy of the UCI optical digits (8x8 images, 1797 samples), pixels scaled to [0, 1],
split with train_test_split(test_size=0.25, random_state=0). Three 64-64-10 MLPs, all seeded:

- ternary_mlp.onnx: ternary weights by quantization-aware training (straight-through estimator, TWN rule: per
  output channel threshold 0.7 x mean|w|, a_c = mean of the kept magnitudes). Exported with the trained ternary
  values as float weights, so every output channel holds at most three values {-a_c, 0, +a_c}.
- pruned_mlp.onnx: trained in float, magnitude-pruned to 90 % zeros per layer in three steps with fine-tuning
  after each, the mask kept fixed; exported with exact zeros.
- binary_mlp.onnx: a BNN: binary weights sign(w) x a_c (a_c = mean|w| per output channel) in both layers and a
  sign activation between them (exported as an ONNX Sign node), trained with straight-through estimators.

- ternary_cnn.onnx: a small CNN on the 8x8 images (Conv 1->8 3x3 pad 1, Relu, Conv 8->16 3x3 stride 2 pad 1, Relu,
  Flatten, Gemm 256->10), every layer ternary by quantization-aware training as above (TWN over each output
  channel's C x KH x KW weights). Its input is [1, 1, 8, 8].

- pruned_cnn.onnx: the same CNN trained in float, then half of each conv's filters (smallest L1 norm) pruned
  whole, weights and bias zeroed, and fine-tuned with that mask: whole zero filters for the build to remove.

- float_mlp.onnx: the same MLP trained in float; float_mlp_twn_outputs.npy and float_mlp_binarized_outputs.npy
  are PyTorch's logits after its weights are made ternary (TWN) or binary (sign x mean|w|) after training, with no
  retraining: what the build's Ternary and Binary schemes give on a float model, and how much that costs.

For each model the script writes <name>.onnx, <name>_outputs.npy (what the exported float weights give in
PyTorch on the test split) and prints its test accuracy; it also writes digits_test_inputs.npy (float32
[450, 64]), digits_test_labels.npy (int32 [450]) and accuracies.txt.

Usage: python3 tools/models/train_lowbit_digits.py tests/Oracle/Models/lowbit
"""
import os
import sys

import numpy as np
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn
from torch.nn import functional as F

HIDDEN = 64


def ternarize(w):
    """TWN per output channel (rows of a Linear weight): {-a_c, 0, +a_c}."""
    threshold = 0.7 * w.abs().mean(dim=1, keepdim=True)
    kept = (w.abs() > threshold).float()
    alpha = (w.abs() * kept).sum(dim=1, keepdim=True) / kept.sum(dim=1, keepdim=True).clamp(min=1)
    return alpha * torch.sign(w) * kept


def ternarize_filters(w):
    """TWN per output channel of a conv weight [M, C, KH, KW], over its C x KH x KW values."""
    return ternarize(w.flatten(1)).view_as(w)


def binarize(w):
    """XNOR-Net weights per output channel: sign(w) x mean|w|."""
    return w.abs().mean(dim=1, keepdim=True) * torch.sign(w)


class QuantizedLinear(nn.Linear):
    """A Linear whose forward uses quantize(weight), with the identity as its gradient (straight-through)."""

    def __init__(self, features_in, features_out, quantize):
        super().__init__(features_in, features_out)
        self.quantize = quantize

    def forward(self, x):
        w = self.weight
        return F.linear(x, w + (self.quantize(w) - w).detach(), self.bias)


class QuantizedConv2d(nn.Conv2d):
    """A Conv2d whose forward uses ternarize_filters(weight), straight-through."""

    def forward(self, x):
        w = self.weight
        return self._conv_forward(x, w + (ternarize_filters(w) - w).detach(), self.bias)


class TernaryCnn(nn.Module):
    """Conv 1->8, Relu, Conv 8->16 stride 2, Relu, Flatten, Gemm 256->10; ternary in training, plain float layers
    holding the ternary values for export."""

    def __init__(self, quantized):
        super().__init__()
        conv = QuantizedConv2d if quantized else nn.Conv2d
        self.conv1 = conv(1, 8, 3, padding=1)
        self.conv2 = conv(8, 16, 3, stride=2, padding=1)
        self.output = QuantizedLinear(256, 10, ternarize) if quantized else nn.Linear(256, 10)

    def forward(self, x):
        h = F.relu(self.conv1(x))
        h = F.relu(self.conv2(h))
        return self.output(h.flatten(1))


def prune_filters(model, fraction):
    """Masks zeroing the conv filters with the smallest L1 norms (weights and bias), per conv layer."""
    masks = []
    for conv in (model.conv1, model.conv2):
        norms = conv.weight.detach().abs().flatten(1).sum(dim=1)
        dropped = norms.argsort()[: int(len(norms) * fraction)]
        keep = torch.ones(len(norms))
        keep[dropped] = 0
        masks.append((conv, keep))
    return masks


def apply_filter_masks(masks):
    with torch.no_grad():
        for conv, keep in masks:
            conv.weight.mul_(keep.view(-1, 1, 1, 1))
            conv.bias.mul_(keep)


def export_ternary_cnn(trained):
    """The float CNN holding the trained ternary values."""
    exported = TernaryCnn(quantized=False)
    with torch.no_grad():
        exported.conv1.weight.copy_(ternarize_filters(trained.conv1.weight))
        exported.conv2.weight.copy_(ternarize_filters(trained.conv2.weight))
        exported.output.weight.copy_(ternarize(trained.output.weight))
        for name in ("conv1", "conv2", "output"):
            getattr(exported, name).bias.copy_(getattr(trained, name).bias)
    return exported


class SignSte(torch.autograd.Function):
    """Sign forward; gradient passed where |x| <= 1 (the BNN hard-tanh estimator)."""

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return torch.sign(x)

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * (x.abs() <= 1).float()


class Mlp(nn.Module):
    """64-64-10; the hidden activation is ReLU, or sign for the BNN."""

    def __init__(self, make_linear, sign_activation=False):
        super().__init__()
        self.hidden = make_linear(64, HIDDEN)
        self.output = make_linear(HIDDEN, 10)
        self.sign_activation = sign_activation

    def forward(self, x):
        h = self.hidden(x)
        h = SignSte.apply(h) if self.sign_activation else F.relu(h)
        return self.output(h)


class ExportMlp(nn.Module):
    """The plain float graph that is exported: Gemm, Relu or Sign, Gemm."""

    def __init__(self, trained, quantize):
        super().__init__()
        self.hidden = nn.Linear(64, HIDDEN)
        self.output = nn.Linear(HIDDEN, 10)
        self.sign_activation = trained.sign_activation
        with torch.no_grad():
            for mine, theirs in ((self.hidden, trained.hidden), (self.output, trained.output)):
                mine.weight.copy_(quantize(theirs.weight))
                mine.bias.copy_(theirs.bias)

    def forward(self, x):
        h = self.hidden(x)
        h = torch.sign(h) if self.sign_activation else torch.relu(h)
        return self.output(h)


def train(model, x, y, epochs, lr, after_step=None):
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    generator = torch.Generator().manual_seed(1)
    for _ in range(epochs):
        for batch in torch.randperm(len(x), generator=generator).split(32):
            optimizer.zero_grad()
            F.cross_entropy(model(x[batch]), y[batch]).backward()
            optimizer.step()
            if after_step is not None:
                after_step()


def prune_masks(model, sparsity):
    """Per layer, keep the largest (1 - sparsity) fraction of weight magnitudes."""
    masks = []
    for layer in (model.hidden, model.output):
        w = layer.weight.detach().abs().flatten()
        keep = int(round(len(w) * (1 - sparsity)))
        threshold = w.sort(descending=True).values[keep - 1]
        masks.append((layer, (layer.weight.detach().abs() >= threshold).float()))
    return masks


def apply_masks(masks):
    with torch.no_grad():
        for layer, mask in masks:
            layer.weight.mul_(mask)


def accuracy(outputs, labels):
    return float((outputs.argmax(dim=1) == labels).float().mean())


def export(model, name, folder, x_test, y_test, report, onnx_file=True):
    model.eval()
    with torch.no_grad():
        outputs = model(x_test)
    if onnx_file:
        torch.onnx.export(model, x_test[:1], os.path.join(folder, name + ".onnx"), input_names=["input"],
                          output_names=["logits"], opset_version=13)
    np.save(os.path.join(folder, name + "_outputs.npy"), outputs.numpy().astype(np.float32))
    line = f"{name}: test accuracy {accuracy(outputs, y_test):.4f} ({int((outputs.argmax(1) == y_test).sum())}/{len(y_test)})"
    print(line)
    report.append(line)


def main(folder):
    os.makedirs(folder, exist_ok=True)
    digits = load_digits()
    x_train, x_test, y_train, y_test = train_test_split(
        (digits.data / 16.0).astype(np.float32), digits.target.astype(np.int64), test_size=0.25, random_state=0)
    x_train, x_test = torch.from_numpy(x_train), torch.from_numpy(x_test)
    y_train, y_test = torch.from_numpy(y_train), torch.from_numpy(y_test)
    np.save(os.path.join(folder, "digits_test_inputs.npy"), x_test.numpy())
    np.save(os.path.join(folder, "digits_test_labels.npy"), y_test.numpy().astype(np.int32))
    report = []

    torch.manual_seed(0)
    ternary = Mlp(lambda i, o: QuantizedLinear(i, o, ternarize))
    train(ternary, x_train, y_train, epochs=60, lr=2e-3)
    export(ExportMlp(ternary, ternarize), "ternary_mlp", folder, x_test, y_test, report)

    torch.manual_seed(0)
    pruned = Mlp(nn.Linear)
    train(pruned, x_train, y_train, epochs=40, lr=2e-3)
    for sparsity in (0.5, 0.75, 0.9):
        masks = prune_masks(pruned, sparsity)
        apply_masks(masks)
        train(pruned, x_train, y_train, epochs=20, lr=1e-3, after_step=lambda: apply_masks(masks))
    export(ExportMlp(pruned, lambda w: w), "pruned_mlp", folder, x_test, y_test, report)

    torch.manual_seed(0)
    binary = Mlp(lambda i, o: QuantizedLinear(i, o, binarize), sign_activation=True)
    train(binary, x_train, y_train, epochs=60, lr=2e-3)
    export(ExportMlp(binary, binarize), "binary_mlp", folder, x_test, y_test, report)

    torch.manual_seed(0)
    images_train, images_test = x_train.view(-1, 1, 8, 8), x_test.view(-1, 1, 8, 8)
    ternary_cnn = TernaryCnn(quantized=True)
    train(ternary_cnn, images_train, y_train, epochs=40, lr=2e-3)
    export(export_ternary_cnn(ternary_cnn), "ternary_cnn", folder, images_test, y_test, report)

    torch.manual_seed(0)
    pruned_cnn = TernaryCnn(quantized=False)
    train(pruned_cnn, images_train, y_train, epochs=30, lr=2e-3)
    filter_masks = prune_filters(pruned_cnn, 0.5)
    apply_filter_masks(filter_masks)
    train(pruned_cnn, images_train, y_train, epochs=20, lr=1e-3, after_step=lambda: apply_filter_masks(filter_masks))
    export(pruned_cnn, "pruned_cnn", folder, images_test, y_test, report)

    # A float-trained MLP and what PyTorch gives when its weights are made ternary (TWN) or binary after training:
    # the build's post-training Ternary and Binary schemes must reproduce these.
    torch.manual_seed(0)
    floating = Mlp(nn.Linear)
    train(floating, x_train, y_train, epochs=40, lr=2e-3)
    export(ExportMlp(floating, lambda w: w), "float_mlp", folder, x_test, y_test, report)
    export(ExportMlp(floating, ternarize), "float_mlp_twn", folder, x_test, y_test, report, onnx_file=False)
    export(ExportMlp(floating, binarize), "float_mlp_binarized", folder, x_test, y_test, report, onnx_file=False)

    with open(os.path.join(folder, "accuracies.txt"), "w") as f:
        f.write("\n".join(report) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests/Oracle/Models/lowbit")
