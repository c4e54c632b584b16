#!/usr/bin/env python3
"""Write qdq/conv_qdq_wide_levels.onnx: a QDQ Conv whose uint8 weights have zero point 0 and values up to 255.

Weight levels q - zero point then reach 255, which takes three int8 parts (127 + 127 + 1) in the generated code;
the edge values 0 and 255 are planted in every output channel. Per-tensor parameters, seeded, opset 13.

Usage: python3 tools/models/make_qdq_wide_levels.py tests/Oracle/Models/qdq
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main(folder):
    rng = np.random.default_rng(4)
    weights = rng.integers(0, 256, size=(6, 4, 3, 3)).astype(np.uint8)
    weights[:, 0, 0, 0] = 255
    weights[:, 1, 1, 1] = 0
    weights[:, 2, 2, 2] = 255
    bias = rng.integers(-2000, 2000, size=6).astype(np.int32)
    x_scale, w_scale, y_scale = np.float32(0.02), np.float32(0.004), np.float32(0.05)
    initializers = [
        numpy_helper.from_array(np.array(x_scale), "x_scale"),
        numpy_helper.from_array(np.array(117, dtype=np.uint8), "x_zero"),
        numpy_helper.from_array(weights, "w_q"),
        numpy_helper.from_array(np.array(w_scale), "w_scale"),
        numpy_helper.from_array(np.array(0, dtype=np.uint8), "w_zero"),
        numpy_helper.from_array(bias, "b_q"),
        numpy_helper.from_array(np.array([x_scale * w_scale], dtype=np.float32), "b_scale"),
        numpy_helper.from_array(np.array([0], dtype=np.int32), "b_zero"),
        numpy_helper.from_array(np.array(y_scale), "y_scale"),
        numpy_helper.from_array(np.array(131, dtype=np.uint8), "y_zero"),
    ]
    nodes = [
        helper.make_node("QuantizeLinear", ["x", "x_scale", "x_zero"], ["x_q"]),
        helper.make_node("DequantizeLinear", ["x_q", "x_scale", "x_zero"], ["x_dq"]),
        helper.make_node("DequantizeLinear", ["w_q", "w_scale", "w_zero"], ["w"]),
        helper.make_node("DequantizeLinear", ["b_q", "b_scale", "b_zero"], ["b"]),
        helper.make_node("Conv", ["x_dq", "w", "b"], ["y_float"], kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        helper.make_node("QuantizeLinear", ["y_float", "y_scale", "y_zero"], ["y_q"]),
        helper.make_node("DequantizeLinear", ["y_q", "y_scale", "y_zero"], ["y"]),
    ]
    graph = helper.make_graph(
        nodes, "conv_qdq_wide_levels",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 8, 8])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 6, 8, 8])],
        initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_qdq_wide_levels.py")
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(folder, "conv_qdq_wide_levels.onnx"))


if __name__ == "__main__":
    main(sys.argv[1])
