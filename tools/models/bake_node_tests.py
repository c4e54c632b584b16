#!/usr/bin/env python3
"""Copy the ONNX node tests of the supported operators into tests/Conformance/data, baking parameters in.

Backend node tests feed weights, shapes, axes, pads and bounds as graph inputs; real models carry them as
initializers, and the generator only compiles constants for them. This script rewrites each model so those
parameter inputs become initializers holding the values of the test's input_K.pb, and keeps the data inputs
as runtime inputs. Only test_data_set_0 is used: its parameter values are the ones baked in.

Output per test: data/<suite>/<test>/model.onnx, input_K.pb (runtime inputs, graph order), output_K.pb.
data/MANIFEST.tsv lists suite, test, operator, every op type in the graph, the source folder and whether the
data was copied (3-D convolution and pooling tests are listed but not copied: out of scope and most of the bytes).

Usage: python3 tools/models/bake_node_tests.py /work/shared/onnx tests/Conformance/data
"""
import os
import shutil
import sys

import onnx

SUPPORTED = [
    "Gemm", "MatMul", "Conv", "Relu", "Clip", "LeakyRelu", "Sigmoid", "Tanh", "HardSigmoid", "HardSwish",
    "Add", "Sub", "Mul", "Div", "MaxPool", "AveragePool", "GlobalAveragePool", "Flatten", "Reshape",
    "Transpose", "Squeeze", "Unsqueeze", "Concat", "Pad", "BatchNormalization", "Softmax", "LogSoftmax",
    "ReduceMean", "Dropout", "Identity",
    # ONNX quantization operators: the forms not compiled are in skips.tsv with their reason.
    "QuantizeLinear", "DequantizeLinear", "QLinearConv", "QLinearMatMul", "ConvInteger", "MatMulInteger",
    "DynamicQuantizeLinear",
]

# Operators whose inputs after the first are parameters (weights, shapes, axes, bounds) to bake in.
# Binary ops (Add, Sub, Mul, Div, MatMul, Concat) keep every input as runtime data. For the quantization operators
# the parameters are the scales and zero points, and the second operand of the integer convolutions and matrix
# products (their weights): QuantizeLinear/DequantizeLinear (x; scale, zero point), QLinearConv and QLinearMatMul
# (x; x scale and zero point, w, its scale and zero point, y scale and zero point), ConvInteger and MatMulInteger
# (x; w, zero points).
BAKE_AFTER_FIRST = {
    "Conv", "Gemm", "BatchNormalization", "Reshape", "Pad", "Clip", "Squeeze", "Unsqueeze", "ReduceMean", "Dropout",
    "QuantizeLinear", "DequantizeLinear", "QLinearConv", "QLinearMatMul", "ConvInteger", "MatMulInteger",
}

# (suite name used in test ids, folder under the shared root)
SUITES = [
    ("node", "node"),
    ("node-1.12", "node-opset-1.12"),
    ("pytorch", "pytorch-converted/pytorch-converted"),
    ("pytorch-operator", "pytorch-converted/pytorch-operator"),
    ("onnx2c", "models/single-op"),
]


def op_types(model):
    return sorted({node.op_type for node in model.graph.node})


# Ops that only adapt layout around the op under test (PyTorch wraps 1-D pooling in Unsqueeze/Squeeze).
LAYOUT_HELPERS = {"Constant", "Squeeze", "Unsqueeze", "Transpose", "Reshape"}


def tested_op(model):
    """The operator a test exercises: its first op that is not a layout helper, else its first op."""
    ops = [n.op_type for n in model.graph.node]
    main_ops = [op for op in ops if op not in LAYOUT_HELPERS]
    return (main_ops or ops)[0]


def manifest_ops(shared_root, folder):
    """Operator named by the node manifests (covers expanded tests whose graphs hold other ops)."""
    path = os.path.join(shared_root, folder, "MANIFEST.tsv")
    if not os.path.exists(path) or not folder.startswith("node"):
        return {}
    ops = {}
    with open(path) as manifest:
        header = manifest.readline().rstrip("\n").split("\t")
        op_col, test_col = header.index("op"), header.index("test")
        for line in manifest:
            cols = line.rstrip("\n").split("\t")
            ops[cols[test_col]] = cols[op_col]
    return ops


def runtime_inputs(model):
    initializers = {t.name for t in model.graph.initializer}
    return [i for i in model.graph.input if i.name not in initializers]


def parameter_inputs(model, op):
    """Graph inputs that feed a parameter slot (position >= 1) of a node whose parameters are baked.

    Decided by node position, not graph-input order: PyTorch's addmm lists Gemm's C before A and B. A
    function-expanded test has no node of its op; there the op's own input order (parameters after the first) applies.
    """
    if op in BAKE_AFTER_FIRST and all(node.op_type != op for node in model.graph.node):
        return {i.name for i in runtime_inputs(model)[1:]}
    names = set()
    for node in model.graph.node:
        if node.op_type in BAKE_AFTER_FIRST:
            names.update(name for name in node.input[1:] if name)
    return names


def bake(model, op, data_dir):
    """Turns parameter inputs into initializers; returns the indices (in input_K.pb numbering) kept at run time."""
    parameters = parameter_inputs(model, op)
    keep = []
    for index, graph_input in enumerate(runtime_inputs(model)):
        if graph_input.name in parameters:
            tensor = onnx.TensorProto()
            with open(os.path.join(data_dir, f"input_{index}.pb"), "rb") as f:
                tensor.ParseFromString(f.read())
            tensor.name = graph_input.name
            model.graph.initializer.append(tensor)
            model.graph.input.remove(graph_input)
        else:
            keep.append(index)
    return keep


def has_3d_window(op, data_dir):
    """3-D convolution and pooling (5-D input) are out of the generator's scope; their data is the bulk of the suite."""
    if op not in ("Conv", "MaxPool", "AveragePool", "GlobalAveragePool"):
        return False
    tensor = onnx.TensorProto()
    with open(os.path.join(data_dir, "input_0.pb"), "rb") as f:
        tensor.ParseFromString(f.read())
    return len(tensor.dims) == 5


def copy_test(shared_root, suite, folder, test, op, out_root):
    """Writes one baked test; returns its manifest row. 3-D window tests get a row but no data (see skips.tsv)."""
    source = os.path.join(shared_root, folder, test)
    data_dir = os.path.join(source, "test_data_set_0")
    model = onnx.load(os.path.join(source, "model.onnx"))
    all_ops = op_types(model)
    row = [suite, test, op, ",".join(all_ops), os.path.join(folder, test)]
    if has_3d_window(op, data_dir):
        return "\t".join(row + ["omitted: 3-D window"])
    keep = bake(model, op, data_dir)

    target = os.path.join(out_root, suite, test)
    os.makedirs(target, exist_ok=True)
    onnx.save(model, os.path.join(target, "model.onnx"))
    for new_index, old_index in enumerate(keep):
        shutil.copyfile(os.path.join(data_dir, f"input_{old_index}.pb"), os.path.join(target, f"input_{new_index}.pb"))
    outputs = sorted(f for f in os.listdir(data_dir) if f.startswith("output_"))
    for name in outputs:
        shutil.copyfile(os.path.join(data_dir, name), os.path.join(target, name))
    return "\t".join(row + ["copied"])


def main(shared_root, out_root):
    if os.path.isdir(out_root):
        for suite, _ in SUITES:
            shutil.rmtree(os.path.join(out_root, suite), ignore_errors=True)
    rows = []
    for suite, folder in SUITES:
        named = manifest_ops(shared_root, folder)
        root = os.path.join(shared_root, folder)
        for test in sorted(os.listdir(root)):
            model_path = os.path.join(root, test, "model.onnx")
            if not os.path.exists(model_path):
                continue
            op = named.get(test)
            if op is None:
                model = onnx.load(model_path)
                # Tests outside the node manifests qualify only when every op they use is supported.
                if any(o not in SUPPORTED and o != "Constant" for o in op_types(model)):
                    continue
                op = tested_op(model)
            if op in SUPPORTED:
                rows.append(copy_test(shared_root, suite, folder, test, op, out_root))
    with open(os.path.join(out_root, "MANIFEST.tsv"), "w") as manifest:
        manifest.write("suite\ttest\top\tgraph_ops\tsource\tdata\n")
        manifest.write("\n".join(rows) + "\n")
    print(f"{len(rows)} tests written to {out_root}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
