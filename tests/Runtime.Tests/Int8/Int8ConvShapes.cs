namespace QuantizedModels.Runtime.Tests.Int8;

/// <summary>Random NHWC convolution geometries: odd sizes, strides, dilations and pads up to 3 on each side.</summary>
internal static class Int8ConvShapes
{
    public static Int8ConvShape Random(TestData data, int inChannels, int outChannels)
    {
        while (true)
        {
            int inH = data.Next(1, 9), inW = data.Next(1, 9), kh = data.Next(1, 4), kw = data.Next(1, 4);
            int sh = data.Next(1, 3), sw = data.Next(1, 3), dh = data.Next(1, 2), dw = data.Next(1, 2);
            int pt = data.Next(0, 3), pl = data.Next(0, 3), pb = data.Next(0, 3), pr = data.Next(0, 3);
            int outH = (inH + pt + pb - dh * (kh - 1) - 1) / sh + 1, outW = (inW + pl + pr - dw * (kw - 1) - 1) / sw + 1;
            if (outH > 0 && outW > 0)
            {
                return new Int8ConvShape(data.Next(1, 2), inH, inW, inChannels, outH, outW, outChannels, kh, kw, sh, sw, pt, pl, dh, dw);
            }
        }
    }
}
