#!/usr/bin/env python3
"""Write qdq/qdq_float_islands.onnx: QDQ nodes ONNX Runtime runs in float.

x [1, 4, 5, 5] is quantized (uint8), then Div by a constant 1.5 (itself a dequantized uint8; ONNX Runtime has no
integer Div) whose output has a QDQ pair and is graph output y, and Add of a constant 0.25 with no QuantizeLinear
after it: graph output z stays float.

Usage: python3 tools/models/make_qdq_float_islands.py tests/Oracle/Models/qdq
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main(folder):
    initializers = [
        numpy_helper.from_array(np.array(np.float32(0.017)), "x_scale"),
        numpy_helper.from_array(np.array(121, dtype=np.uint8), "x_zero"),
        numpy_helper.from_array(np.array(200, dtype=np.uint8), "k_q"),
        numpy_helper.from_array(np.array(np.float32(0.01)), "k_scale"),
        numpy_helper.from_array(np.array(50, dtype=np.uint8), "k_zero"),
        numpy_helper.from_array(np.array(np.float32(0.029)), "y_scale"),
        numpy_helper.from_array(np.array(118, dtype=np.uint8), "y_zero"),
        numpy_helper.from_array(np.array(np.float32(0.25)), "c"),
    ]
    nodes = [
        helper.make_node("QuantizeLinear", ["x", "x_scale", "x_zero"], ["x_q"]),
        helper.make_node("DequantizeLinear", ["x_q", "x_scale", "x_zero"], ["x_dq"]),
        helper.make_node("DequantizeLinear", ["k_q", "k_scale", "k_zero"], ["k"]),
        helper.make_node("Div", ["x_dq", "k"], ["y_float"], name="scale"),
        helper.make_node("QuantizeLinear", ["y_float", "y_scale", "y_zero"], ["y_q"]),
        helper.make_node("DequantizeLinear", ["y_q", "y_scale", "y_zero"], ["y"]),
        helper.make_node("Add", ["x_dq", "c"], ["z"], name="shift"),
    ]
    graph = helper.make_graph(
        nodes, "qdq_float_islands",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 4, 5, 5])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 4, 5, 5]),
         helper.make_tensor_value_info("z", TensorProto.FLOAT, [1, 4, 5, 5])],
        initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_qdq_float_islands.py")
    model.ir_version = 7
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(folder, "qdq_float_islands.onnx"))


if __name__ == "__main__":
    main(sys.argv[1])
