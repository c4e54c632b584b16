using System.Linq;
using QuantizedModels.Generator.Graph;

namespace QuantizedModels.Generator.Passes.ShapeInference;

/// <summary>A Pad node's parameters across opsets: per-dim begin/end pads, mode and constant value.</summary>
internal sealed class PadSpec
{
    private PadSpec(long[] pads, string mode, float value)
    {
        Pads = pads;
        Mode = mode;
        Value = value;
    }

    /// <summary>Begin pads for every dim, then end pads for every dim (may be negative: crop).</summary>
    public long[] Pads { get; }

    public string Mode { get; }

    public float Value { get; }

    public static PadSpec Read(ShapeContext c)
    {
        var rank = c.Rank(0);
        var mode = c.Node.GetString("mode", "constant");
        long[] raw;
        float value;
        if (c.Opset < 11)
        {
            raw = c.Node.GetInts("pads") ?? c.Node.GetInts("paddings") ?? throw c.Invalid("pads are required.");
            value = c.Node.GetFloat("value", 0f);
        }
        else
        {
            raw = c.ConstInts(1) ?? throw c.Invalid("pads are required.");
            value = c.ConstFloats(2)?.FirstOrDefault() ?? 0f;
        }

        var axes = c.Opset >= 18 ? c.ConstInts(3) : null;
        var pads = new long[2 * rank];
        if (axes is null)
        {
            if (raw.Length != 2 * rank) throw c.Invalid($"pads has {raw.Length} entries for a rank-{rank} input.");
            pads = raw;
        }
        else
        {
            if (raw.Length != 2 * axes.Length) throw c.Invalid($"pads has {raw.Length} entries for {axes.Length} axes.");
            for (var i = 0; i < axes.Length; i++)
            {
                var a = c.NormalizeAxis(axes[i], rank);
                pads[a] = raw[i];
                pads[a + rank] = raw[i + axes.Length];
            }
        }

        if (mode is not ("constant" or "reflect" or "edge" or "wrap")) throw c.Invalid($"pad mode '{mode}' is unknown.");
        return new PadSpec(pads, mode, value);
    }

    public long[] OutputShape(long[] input) => input.Select((d, i) => d + Pads[i] + Pads[i + input.Length]).ToArray();
}
